//! What one input file contributes to the Estate, before the files are merged.

use crate::model::{
    AivenConnection, AivenPrivatelink, AivenService, AvailabilityZone, DnsAttribute,
    EndpointConnection, EndpointService, Listener, LoadBalancer, NaclEntry, NaclId, NetworkAcl,
    NetworkInterface, Origin, Peering, PrefixList, RestApi, RestApiId, Route, RouteTable, RtbId,
    Scope, SecurityGroup, ServiceConfiguration, ServicePermission, SgId, SgRule, Subnet, SubnetId,
    Vpc, VpcCidr, VpcEndpoint, VpcId, VpceId,
};

/// The resources of one file.
#[derive(Default, Debug)]
pub struct Partial {
    pub vpcs: Vec<Vpc>,
    pub dns_support: Vec<(VpcId, DnsAttribute)>,
    pub dns_hostnames: Vec<(VpcId, DnsAttribute)>,
    pub subnets: Vec<Subnet>,
    pub security_groups: Vec<SecurityGroup>,
    /// Rules from describe-security-group-rules, by group; used for groups whose
    /// describe-security-groups output is absent.
    pub group_rules: Vec<(SgId, Scope, bool, SgRule)>,
    pub nacls: Vec<NetworkAcl>,
    pub route_tables: Vec<RouteTable>,
    pub interfaces: Vec<NetworkInterface>,
    pub endpoints: Vec<VpcEndpoint>,
    pub services: Vec<EndpointService>,
    pub service_configurations: Vec<ServiceConfiguration>,
    pub permissions: Vec<ServicePermission>,
    pub connections: Vec<EndpointConnection>,
    pub peerings: Vec<Peering>,
    pub azs: Vec<AvailabilityZone>,
    pub prefix_lists: Vec<PrefixList>,
    pub aiven_services: Vec<AivenService>,
    /// Aiven PrivateLink resources, not yet tied to their service (see `source::aiven`).
    pub aiven_privatelinks: Vec<AivenPrivatelink>,
    /// Aiven PrivateLink connections, not yet tied to their service.
    pub aiven_connections: Vec<AivenConnection>,
    pub rest_apis: Vec<RestApi>,
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    pub dhcp_options: Vec<crate::model::DhcpOptions>,
    pub hosted_zones: Vec<crate::model::HostedZone>,
    /// The file lists hosted zones (possibly none).
    pub zones_listed: bool,
    pub zone_records: Vec<crate::model::ZoneRecords>,
    pub resolver_rules: Vec<crate::model::ResolverRule>,
    pub rule_associations: Vec<crate::model::RuleAssociation>,
    pub resolver_endpoints: Vec<crate::model::ResolverEndpoint>,
    pub transit_gateways: Vec<crate::model::TransitGateway>,
    pub tgw_attachments: Vec<crate::model::TgwAttachment>,
    pub tgw_route_tables: Vec<crate::model::TgwRouteTable>,
    /// Lists read from a transit gateway route table's folder.
    pub tgw_routes: Vec<crate::model::TgwRoutes>,
    pub tgw_associations: Vec<crate::model::TgwLinks>,
    pub tgw_propagations: Vec<crate::model::TgwLinks>,
    /// Account ids of an organisation's account list.
    pub organization_accounts: Vec<String>,
    /// A Terraform plan: the state after apply. Its resources replace what an export says about
    /// the same ids, and it may attach items to, or remove, resources read elsewhere.
    pub planned: bool,
    /// Items declared apart from the resource they belong to (Terraform's separate rule, route
    /// and association resources), applied once every file is merged, so that they reach
    /// resources of an export as well as planned ones.
    pub attachments: Vec<Attachment>,
    /// Ids that the plan destroys (deleted or replaced resources).
    pub removals: Vec<Removal>,
    /// The file's text, kept when a finding is likely to need it again (a plan is one large
    /// file; reading and validating it twice would cost more than keeping it).
    pub text: Option<std::sync::Arc<String>>,
}

/// An item that belongs to a resource identified by id.
#[derive(Debug)]
pub enum Attachment {
    /// `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` / `_egress_rule`.
    SgRule {
        group: SgId,
        egress: bool,
        rule: SgRule,
    },
    /// `aws_network_acl_rule`.
    NaclEntry { nacl: NaclId, entry: NaclEntry },
    /// `aws_network_acl_association`: the subnet leaves whatever NACL it had.
    NaclSubnet { nacl: NaclId, subnet: SubnetId },
    /// `aws_route`.
    Route { table: RtbId, route: Route },
    /// `aws_route_table_association`: the subnet leaves whatever table it had.
    RouteTableSubnet { table: RtbId, subnet: SubnetId },
    /// `aws_vpc_endpoint_subnet_association`.
    EndpointSubnet { endpoint: VpceId, subnet: SubnetId },
    /// `aws_vpc_endpoint_route_table_association`.
    EndpointRouteTable { endpoint: VpceId, table: RtbId },
    /// `aws_vpc_endpoint_policy`: the policy (`None` when known only after apply) and where it
    /// was read.
    EndpointPolicy {
        endpoint: VpceId,
        policy: Option<String>,
        /// The policy is set but known only after apply.
        unknown: bool,
        origin: Origin,
    },
    /// `aws_vpc_ipv4_cidr_block_association`.
    VpcCidr { vpc: VpcId, cidr: VpcCidr },
    /// `aws_route53_zone_association`: one more VPC of a private zone.
    ZoneVpc {
        zone: String,
        vpc: crate::model::ZoneVpc,
    },
    /// `aws_route53_record`: a record of a zone (its name as configured, which the provider
    /// completes with the zone's name).
    ZoneRecord {
        zone: String,
        record: crate::model::Record,
    },
    /// A zone or Resolver rule association of the VPC that the plan holds but whose zone or rule
    /// is known only after apply: what the VPC resolves is not known in full.
    VpcZonesUnknown { vpc: VpcId },
    /// `aws_vpc_dhcp_options_association`: the VPC's DHCP options set.
    VpcDhcpOptions { vpc: VpcId, options: String },
    /// `aws_api_gateway_rest_api_policy`: the resource policy of a REST API.
    RestApiPolicy {
        api: RestApiId,
        policy: Option<String>,
        /// The policy is set but known only after apply.
        unknown: bool,
        origin: Origin,
    },
}

/// A resource that a plan destroys, by the id it has today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The Terraform resource type (`aws_vpc_endpoint`).
    pub resource_type: String,
    /// Its id.
    pub id: String,
}
