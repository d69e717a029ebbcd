//! The Estate: all resources, deduplicated, with indexes by id.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{
    AivenConnection, AivenPrivatelink, AivenService, AvailabilityZone, EndpointConnection,
    EndpointService, Listener, LoadBalancer, NetworkAcl, NetworkInterface, Origin, Peering,
    PrefixList, RestApi, RestApiId, RouteTable, SecurityGroup, ServiceConfiguration,
    ServicePermission, Subnet, Vpc, VpcEndpoint, VpcId,
};

/// A VPC DNS attribute as describe-vpc-attribute reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct DnsAttribute {
    /// The attribute's value.
    pub value: bool,
    /// Where the `Value` was read.
    pub origin: Origin,
}

/// The same id was read twice with different content.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeConflict {
    /// The id, as AWS spells it.
    pub id: String,
    /// Where it was first read.
    pub first: Origin,
    /// Where it was read again, differently.
    pub second: Origin,
}

/// Every resource of a run, keyed by id; iteration order is id order, so rules that iterate the
/// Estate produce findings in a stable order whatever the input order.
#[derive(Debug, Default)]
pub struct Estate {
    /// VPCs.
    pub vpcs: BTreeMap<VpcId, Vpc>,
    /// `enableDnsSupport` per VPC.
    pub dns_support: BTreeMap<VpcId, DnsAttribute>,
    /// `enableDnsHostnames` per VPC.
    pub dns_hostnames: BTreeMap<VpcId, DnsAttribute>,
    /// Subnets.
    pub subnets: BTreeMap<super::SubnetId, Subnet>,
    /// Security groups.
    pub security_groups: BTreeMap<super::SgId, SecurityGroup>,
    /// Network ACLs.
    pub nacls: BTreeMap<super::NaclId, NetworkAcl>,
    /// Route tables.
    pub route_tables: BTreeMap<super::RtbId, RouteTable>,
    /// Network interfaces.
    pub interfaces: BTreeMap<super::EniId, NetworkInterface>,
    /// VPC endpoints.
    pub endpoints: BTreeMap<super::VpceId, VpcEndpoint>,
    /// Services endpoints can connect to, by `account/service id` (a name can have an entry per
    /// endpoint type: S3 is listed once as Interface and once as Gateway).
    pub services: BTreeMap<String, EndpointService>,
    /// Endpoint services this account provides, by service id.
    pub service_configurations: BTreeMap<String, ServiceConfiguration>,
    /// Principals allowed on endpoint services, in input order.
    pub service_permissions: Vec<ServicePermission>,
    /// Connections to endpoint services, by connecting endpoint (an endpoint connects to one
    /// service).
    pub endpoint_connections: BTreeMap<super::VpceId, EndpointConnection>,
    /// Peering connections.
    pub peerings: BTreeMap<super::PcxId, Peering>,
    /// Availability Zones by `account/name`.
    pub azs: BTreeMap<String, AvailabilityZone>,
    /// AWS-managed prefix lists by `account/id` (every account reads the same ids).
    pub prefix_lists: BTreeMap<String, PrefixList>,
    /// Aiven services by service name, with their PrivateLink resource and connections.
    pub aiven_services: BTreeMap<String, AivenService>,
    /// API Gateway REST APIs.
    pub rest_apis: BTreeMap<RestApiId, RestApi>,
    /// Elastic Load Balancing load balancers, by ARN.
    pub load_balancers: BTreeMap<String, LoadBalancer>,
    /// Load balancer listeners, by ARN.
    pub listeners: BTreeMap<String, Listener>,
    /// DHCP options sets, by id.
    pub dhcp_options: BTreeMap<String, super::DhcpOptions>,
    /// Route 53 hosted zones, by id (without `/hostedzone/`).
    pub hosted_zones: BTreeMap<String, super::HostedZone>,
    /// Whether the input lists the account's hosted zones (list-hosted-zones or get-hosted-zone
    /// output, even empty): without them, what a VPC resolves is unknown rather than public.
    pub zones_listed: bool,
    /// The records of hosted zones, by zone id.
    pub zone_records: BTreeMap<String, super::ZoneRecords>,
    /// Route 53 Resolver rules, by id.
    pub resolver_rules: BTreeMap<String, super::ResolverRule>,
    /// Resolver rule associations, by id.
    pub rule_associations: BTreeMap<String, super::RuleAssociation>,
    /// Route 53 Resolver endpoints, by id.
    pub resolver_endpoints: BTreeMap<String, super::ResolverEndpoint>,
    /// Transit gateways, by id.
    pub transit_gateways: BTreeMap<super::TgwId, super::TransitGateway>,
    /// Transit gateway attachments, by id.
    pub tgw_attachments: BTreeMap<String, super::TgwAttachment>,
    /// Transit gateway route tables, by id.
    pub tgw_route_tables: BTreeMap<String, super::TgwRouteTable>,
    /// The routes of transit gateway route tables, by table id.
    pub tgw_routes: BTreeMap<String, super::TgwRoutes>,
    /// The attachments associated with transit gateway route tables, by table id.
    pub tgw_associations: BTreeMap<String, super::TgwLinks>,
    /// The attachments propagating to transit gateway route tables, by table id.
    pub tgw_propagations: BTreeMap<String, super::TgwLinks>,
    /// The accounts of the organisation (`organizations list-accounts`), which are trusted.
    pub organization_accounts: std::collections::BTreeSet<String>,
    /// Subnets of each VPC, in id order.
    subnets_by_vpc: BTreeMap<VpcId, Vec<super::SubnetId>>,
    /// Endpoints of each VPC, in id order.
    endpoints_by_vpc: BTreeMap<VpcId, Vec<super::VpceId>>,
    /// Keys of `services` by service name, and by the account that read them: every account of
    /// an organisation export lists the same AWS service names.
    services_by_name: FxHashMap<String, ServicesNamed>,
    /// Endpoints by `ServiceName`, in id order.
    endpoints_by_service: FxHashMap<String, Vec<super::VpceId>>,
    /// Aiven service names by the AWS endpoint service name of their PrivateLink.
    aiven_by_endpoint_service: BTreeMap<String, String>,
    /// Keys of `prefix_lists` by prefix list id, and by service name and region.
    prefix_lists_by_id: FxHashMap<String, String>,
    prefix_lists_by_name: FxHashMap<(String, Option<String>), String>,
}

/// The keys of `Estate::services` that carry one service name.
#[derive(Debug, Default)]
struct ServicesNamed {
    /// Every key, in key order.
    keys: Vec<String>,
    /// The keys by the account that read them, in key order.
    by_account: FxHashMap<Option<String>, Vec<String>>,
    /// For an endpoint whose account read no entry: the last key offering each endpoint type.
    last_of_type: FxHashMap<String, String>,
}

/// A resource that can be merged into the Estate.
pub trait Mergeable: Clone + PartialEq {
    /// Where it was read.
    fn origin(&self) -> &Origin;
    /// Replaces its origin, to compare two copies read from different places.
    fn set_origin(&mut self, origin: Origin);
}

macro_rules! mergeable {
    ($($t:ty),*) => {$(
        impl Mergeable for $t {
            fn origin(&self) -> &Origin {
                &self.origin
            }
            fn set_origin(&mut self, origin: Origin) {
                self.origin = origin;
            }
        }
    )*};
}
mergeable!(
    Vpc,
    Subnet,
    SecurityGroup,
    NetworkAcl,
    RouteTable,
    NetworkInterface,
    VpcEndpoint,
    EndpointService,
    ServiceConfiguration,
    EndpointConnection,
    Peering,
    AvailabilityZone,
    PrefixList,
    DnsAttribute,
    AivenService,
    AivenPrivatelink,
    AivenConnection,
    RestApi,
    LoadBalancer,
    Listener,
    super::DhcpOptions,
    super::ZoneRecords,
    super::ResolverRule,
    super::RuleAssociation,
    super::ResolverEndpoint,
    super::TransitGateway,
    super::TgwAttachment,
    super::TgwRouteTable,
    super::TgwRoutes,
    super::TgwLinks
);

/// Inserts `item` under `key`; an identical copy (an overlapping export) is dropped, a different
/// one is a conflict.
pub fn merge_into<K: Ord + std::fmt::Display, T: Mergeable>(
    map: &mut BTreeMap<K, T>,
    key: K,
    item: T,
) -> Result<(), MergeConflict> {
    match map.entry(key) {
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(item);
            Ok(())
        }
        std::collections::btree_map::Entry::Occupied(slot) => {
            let existing = slot.get();
            let mut probe = item.clone();
            probe.set_origin(existing.origin().clone());
            if &probe == existing {
                Ok(())
            } else {
                Err(MergeConflict {
                    id: slot.key().to_string(),
                    first: existing.origin().clone(),
                    second: item.origin().clone(),
                })
            }
        }
    }
}

impl Estate {
    /// Builds the secondary indexes; call once after every resource is merged.
    pub fn index(&mut self) {
        self.subnets_by_vpc.clear();
        for s in self.subnets.values() {
            self.subnets_by_vpc
                .entry(s.vpc_id.clone())
                .or_default()
                .push(s.id.clone());
        }
        self.services_by_name.clear();
        for (key, s) in &self.services {
            let named = self.services_by_name.entry(s.name.clone()).or_default();
            named.keys.push(key.clone());
            named
                .by_account
                .entry(s.scope.account.clone())
                .or_default()
                .push(key.clone());
            for t in &s.service_types {
                named.last_of_type.insert(t.clone(), key.clone());
            }
        }
        self.aiven_by_endpoint_service.clear();
        for s in self.aiven_services.values() {
            if let Some(name) = s.aws_service_name() {
                self.aiven_by_endpoint_service
                    .entry(name.to_owned())
                    .or_insert_with(|| s.name.clone());
            }
        }
        self.prefix_lists_by_id.clear();
        self.prefix_lists_by_name.clear();
        for (key, p) in &self.prefix_lists {
            self.prefix_lists_by_id
                .entry(p.id.clone())
                .or_insert_with(|| key.clone());
            self.prefix_lists_by_name
                .entry((p.name.clone(), p.scope.region.clone()))
                .or_insert_with(|| key.clone());
        }
        self.endpoints_by_vpc.clear();
        self.endpoints_by_service.clear();
        for e in self.endpoints.values() {
            self.endpoints_by_vpc
                .entry(e.vpc_id.clone())
                .or_default()
                .push(e.id.clone());
            self.endpoints_by_service
                .entry(e.service_name.clone())
                .or_default()
                .push(e.id.clone());
        }
    }

    /// The service an endpoint connects to, preferring what the endpoint's own account read
    /// (zone names are per account) and the entry offered for the endpoint's type (a name can
    /// have several).
    pub fn service_for(&self, ep: &VpcEndpoint) -> Option<&EndpointService> {
        let kind = match ep.kind {
            super::EndpointKind::Interface => "Interface",
            super::EndpointKind::Gateway => "Gateway",
            super::EndpointKind::GatewayLoadBalancer => "GatewayLoadBalancer",
            super::EndpointKind::Other => "",
        };
        let named = self.services_by_name.get(&ep.service_name)?;
        let offers = |s: &EndpointService| s.service_types.iter().any(|t| t == kind);
        let key = match named.by_account.get(&ep.scope.account) {
            // The endpoint's own account's entries (one or two), the last offering its type.
            Some(own) => own
                .iter()
                .rev()
                .find(|k| self.services.get(*k).is_some_and(offers))
                .or(own.last()),
            None => named.last_of_type.get(kind).or(named.keys.last()),
        }?;
        self.services.get(key)
    }

    /// The prefix list `pl-…`, when describe-prefix-lists was read.
    pub fn prefix_list(&self, id: &str) -> Option<&PrefixList> {
        self.prefix_lists_by_id
            .get(id)
            .and_then(|k| self.prefix_lists.get(k))
    }

    /// The prefix list of service `name` (`com.amazonaws.eu-west-1.s3`) in `region`.
    pub fn prefix_list_named(&self, name: &str, region: Option<&str>) -> Option<&PrefixList> {
        self.prefix_lists_by_name
            .get(&(name.to_owned(), region.map(str::to_owned)))
            .and_then(|k| self.prefix_lists.get(k))
    }

    /// The Aiven service whose PrivateLink is the endpoint service `name`
    /// (`com.amazonaws.vpce.eu-west-1.vpce-svc-…`), so an endpoint's `ServiceName` finds the
    /// Aiven service behind it (and [`AivenService::required_ports`] what it must admit).
    pub fn aiven_service_for(&self, name: &str) -> Option<&AivenService> {
        self.aiven_by_endpoint_service
            .get(name)
            .and_then(|n| self.aiven_services.get(n))
    }

    /// The endpoint service this account provides under `name`, when its configuration was read.
    pub fn service_configuration_named(&self, name: &str) -> Option<&ServiceConfiguration> {
        self.service_configurations
            .values()
            .find(|c| c.service_name.as_deref() == Some(name))
    }

    /// The listeners of the load balancer `arn`, in ARN order.
    pub fn listeners_of<'a>(&'a self, arn: &'a str) -> impl Iterator<Item = &'a Listener> + 'a {
        self.listeners
            .values()
            .filter(move |l| l.load_balancer_arn == arn)
    }

    /// Endpoints whose `ServiceName` is `name`, in id order.
    pub fn endpoints_to<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a VpcEndpoint> + 'a {
        self.endpoints_by_service
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|id| self.endpoints.get(id))
    }

    /// Every entry for a service name.
    pub fn services_named<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = &'a EndpointService> + 'a {
        self.services_by_name
            .get(name)
            .into_iter()
            .flat_map(|named| &named.keys)
            .filter_map(|k| self.services.get(k))
    }

    /// Subnets of `vpc`, in id order.
    pub fn subnets_of<'a>(&'a self, vpc: &VpcId) -> impl Iterator<Item = &'a Subnet> + 'a {
        self.subnets_by_vpc
            .get(vpc)
            .into_iter()
            .flatten()
            .filter_map(|id| self.subnets.get(id))
    }

    /// Endpoints in `vpc`, in id order.
    pub fn endpoints_in<'a>(&'a self, vpc: &VpcId) -> impl Iterator<Item = &'a VpcEndpoint> + 'a {
        self.endpoints_by_vpc
            .get(vpc)
            .into_iter()
            .flatten()
            .filter_map(|id| self.endpoints.get(id))
    }

    /// Number of resources of every kind, for summaries.
    pub fn resource_count(&self) -> usize {
        self.vpcs.len()
            + self.subnets.len()
            + self.security_groups.len()
            + self.nacls.len()
            + self.route_tables.len()
            + self.interfaces.len()
            + self.endpoints.len()
            + self.services.len()
            + self.service_configurations.len()
            + self.service_permissions.len()
            + self.endpoint_connections.len()
            + self.peerings.len()
            + self.azs.len()
            + self.prefix_lists.len()
            + self.aiven_services.len()
            + self.rest_apis.len()
            + self.load_balancers.len()
            + self.listeners.len()
            + self.dhcp_options.len()
            + self.hosted_zones.len()
            + self.resolver_rules.len()
            + self.rule_associations.len()
            + self.resolver_endpoints.len()
            + self.transit_gateways.len()
            + self.tgw_attachments.len()
            + self.tgw_route_tables.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EndpointKind, FileId, Scope};

    fn scope(account: &str) -> Scope {
        Scope {
            account: Some(account.into()),
            region: Some("eu-west-1".into()),
        }
    }

    fn service(account: &str, id: &str, types: &[&str]) -> EndpointService {
        EndpointService {
            name: "com.amazonaws.eu-west-1.s3".into(),
            service_id: Some(id.into()),
            service_types: types.iter().map(|t| (*t).to_owned()).collect(),
            private_dns_names: Vec::new(),
            policy_supported: Some(true),
            acceptance_required: Some(false),
            owner: Some("amazon".into()),
            azs: Vec::new(),
            az_ids: Vec::new(),
            ip_address_types: Vec::new(),
            scope: scope(account),
            origin: Origin::new(FileId(0), format!("/{account}/{id}")),
        }
    }

    fn endpoint(account: &str, kind: EndpointKind) -> VpcEndpoint {
        VpcEndpoint {
            id: "vpce-1".into(),
            kind,
            vpc_id: "vpc-1".into(),
            scope: scope(account),
            service_name: "com.amazonaws.eu-west-1.s3".into(),
            state: "available".into(),
            last_error: None,
            policy: None,
            subnet_ids: Vec::new(),
            route_table_ids: Vec::new(),
            groups: Vec::new(),
            private_dns_enabled: None,
            ip_address_type: None,
            dns_record_ip_type: None,
            private_dns_only_inbound: None,
            eni_ids: Vec::new(),
            dns_names: Vec::new(),
            tags: Default::default(),
            origin: Origin::new(FileId(0), "/ep"),
        }
    }

    fn chosen(estate: &Estate, account: &str, kind: EndpointKind) -> Option<String> {
        estate
            .service_for(&endpoint(account, kind))
            .and_then(|s| s.service_id.clone())
    }

    #[test]
    fn an_endpoint_finds_its_own_accounts_entry_for_its_type() {
        let mut estate = Estate::default();
        for s in [
            service("111111111111", "svc-a-gw", &["Gateway"]),
            service("111111111111", "svc-a-if", &["Interface"]),
            service("222222222222", "svc-b-gw", &["Gateway"]),
            service("333333333333", "svc-c-if", &["Interface"]),
        ] {
            let key = format!("{}/{}", s.scope.account.clone().unwrap_or_default(), s.name);
            let key = format!("{key}/{}", s.service_id.clone().unwrap_or_default());
            estate.services.insert(key, s);
        }
        estate.index();
        let gw = EndpointKind::Gateway;
        let interface = EndpointKind::Interface;
        assert_eq!(
            chosen(&estate, "111111111111", gw).as_deref(),
            Some("svc-a-gw")
        );
        assert_eq!(
            chosen(&estate, "111111111111", interface).as_deref(),
            Some("svc-a-if")
        );
        // An account's only entry wins over another account's entry of the endpoint's type.
        assert_eq!(
            chosen(&estate, "222222222222", interface).as_deref(),
            Some("svc-b-gw")
        );
        // No entry of its own: the last entry of any account that offers its type.
        assert_eq!(
            chosen(&estate, "444444444444", interface).as_deref(),
            Some("svc-c-if")
        );
        assert_eq!(
            chosen(&estate, "444444444444", gw).as_deref(),
            Some("svc-b-gw")
        );
        assert_eq!(
            chosen(&estate, "444444444444", EndpointKind::Other).as_deref(),
            Some("svc-c-if")
        );
    }
}
