//! Records (AWS CLI shapes) to model resources. Every value that must be valid (CIDR blocks,
//! protocols, required ids) is checked here, and every problem is collected with its pointer
//! rather than stopping at the first.

use std::net::IpAddr;

use ipnet::IpNet;

mod dns;
mod transit;

use super::parse::Records;
use super::records as rec;
use crate::model::{
    AivenComponent, AivenConnection, AivenPrivatelink, AivenService, AvailabilityZone,
    DnsAttribute, EndpointConnection, EndpointKind, EndpointService, EniId, FileId, Listener,
    LoadBalancer, NaclAction, NaclEntry, NaclId, NetworkAcl, NetworkInterface, Origin, PcxId,
    Peering, PeeringSide, PrefixList, PrivatelinkAccess, Protocol, Rel, RestApi, RestApiId, Route,
    RouteTable, RouteTarget, RtbId, Scope, SecurityGroup, ServiceConfiguration, ServicePermission,
    SgId, SgPeer, SgRule, Subnet, SubnetId, Tags, Vpc, VpcCidr, VpcEndpoint, VpcId, VpceId,
};
use crate::source::partial::Partial;
use crate::source::region;
use crate::source::values::Checker;

pub use crate::source::values::Invalid;

struct Lowering {
    file: FileId,
    scope: Scope,
    check: Checker,
}

/// Lowers one file's records. `scope` is what the folder layout says (`ACCOUNT/REGION/`);
/// `folder` is the name of the file's folder, which names the hosted zone of record sets.
pub fn lower(
    file: FileId,
    scope: Scope,
    folder: Option<&str>,
    mut r: Records,
) -> (Partial, Vec<Invalid>) {
    let mut lw = Lowering {
        file,
        scope,
        check: Checker::default(),
    };
    let mut p = Partial::default();
    lw.dns(&mut r, folder, &mut p);
    lw.transit(&mut r, folder, &mut p);
    // Resources are large: growing a vector by doubling would copy each several times.
    p.subnets.reserve_exact(r.subnets.len());
    p.security_groups.reserve_exact(r.security_groups.len());
    p.nacls.reserve_exact(r.nacls.len());
    p.route_tables.reserve_exact(r.route_tables.len());
    p.interfaces.reserve_exact(r.interfaces.len());
    p.endpoints.reserve_exact(r.endpoints.len());
    for (i, v) in r.vpcs.into_iter().enumerate() {
        p.vpcs.push(lw.vpc(i, v));
    }
    for (pointer, a) in r.attributes {
        lw.attribute(&pointer, a, &mut p);
    }
    for (i, s) in r.subnets.into_iter().enumerate() {
        if let Some(s) = lw.subnet(i, s) {
            p.subnets.push(s);
        }
    }
    for (i, g) in r.security_groups.into_iter().enumerate() {
        p.security_groups.push(lw.security_group(i, g));
    }
    for (i, rule) in r.security_group_rules.into_iter().enumerate() {
        if let Some(x) = lw.group_rule(i, rule) {
            p.group_rules.push(x);
        }
    }
    for (i, n) in r.nacls.into_iter().enumerate() {
        p.nacls.push(lw.nacl(i, n));
    }
    for (i, t) in r.route_tables.into_iter().enumerate() {
        p.route_tables.push(lw.route_table(i, t));
    }
    for (i, n) in r.interfaces.into_iter().enumerate() {
        p.interfaces.push(lw.interface(i, n));
    }
    for (i, e) in r.endpoints.into_iter().enumerate() {
        p.endpoints.push(lw.endpoint(i, e));
    }
    for (i, s) in r.services.into_iter().enumerate() {
        p.services.push(lw.service(i, s));
    }
    for (i, c) in r.service_configurations.into_iter().enumerate() {
        p.service_configurations
            .push(lw.service_configuration(i, c));
    }
    for (i, a) in r.permissions.into_iter().enumerate() {
        if let Some(a) = lw.permission(i, a) {
            p.permissions.push(a);
        }
    }
    for (i, c) in r.connections.into_iter().enumerate() {
        p.connections.push(lw.connection(i, c));
    }
    for (i, c) in r.peerings.into_iter().enumerate() {
        if let Some(c) = lw.peering(i, c) {
            p.peerings.push(c);
        }
    }
    for (i, z) in r.azs.into_iter().enumerate() {
        p.azs.push(lw.az(i, z));
    }
    for (i, l) in r.prefix_lists.into_iter().enumerate() {
        p.prefix_lists.push(lw.prefix_list(i, l));
    }
    for (pointer, s) in r.aiven_services {
        if let Some(s) = lw.aiven_service(pointer, s) {
            p.aiven_services.push(s);
        }
    }
    for (pointer, l) in r.aiven_privatelinks {
        p.aiven_privatelinks.push(AivenPrivatelink {
            aws_service_id: l.aws_service_id,
            aws_service_name: l.aws_service_name,
            principals: l.principals,
            state: l.state.unwrap_or_default(),
            origin: lw.origin(pointer),
        });
    }
    for (pointer, c) in r.aiven_connections {
        p.aiven_connections.push(AivenConnection {
            id: c.privatelink_connection_id,
            vpc_endpoint_id: c.vpc_endpoint_id,
            dns_name: c.dns_name,
            state: c.state.unwrap_or_default(),
            origin: lw.origin(pointer),
        });
    }
    for (i, a) in r.rest_apis.into_iter().enumerate() {
        p.rest_apis.push(lw.rest_api(i, a));
    }
    for (i, b) in r.load_balancers.into_iter().enumerate() {
        if let Some(b) = lw.load_balancer(i, b) {
            p.load_balancers.push(b);
        }
    }
    for (i, l) in r.listeners.into_iter().enumerate() {
        if let Some(l) = lw.listener(i, l) {
            p.listeners.push(l);
        }
    }
    p.organization_accounts = r.organization_accounts.into_iter().map(|a| a.id).collect();
    (p, lw.check.invalid)
}

fn tags(t: Vec<rec::Tag>) -> Tags {
    Tags(t.into_iter().map(|t| (t.key, t.value)).collect())
}

/// Keeps blocks that are, or are becoming, part of the VPC; disassociated and failed ones are
/// history.
fn live_block(state: Option<&rec::CidrState>) -> bool {
    match state.and_then(|s| s.state.as_deref()) {
        None => true,
        Some(s) => matches!(s, "associated" | "associating"),
    }
}

impl Lowering {
    fn origin(&self, pointer: String) -> Origin {
        Origin::new(self.file, pointer)
    }

    fn scope(&self, owner: Option<&str>, region: Option<String>) -> Scope {
        Scope {
            account: owner
                .map(str::to_owned)
                .or_else(|| self.scope.account.clone()),
            region: region.or_else(|| self.scope.region.clone()),
        }
    }

    fn invalid(&mut self, pointer: String, message: String, expected: &str) {
        self.check.invalid(pointer, message, expected);
    }

    fn cidr(
        &mut self,
        value: &str,
        pointer: impl FnOnce() -> String,
        family: Option<bool>,
    ) -> Option<IpNet> {
        self.check.cidr(value, pointer, family)
    }

    fn protocol(&mut self, value: &str, pointer: impl FnOnce() -> String) -> Protocol {
        self.check.protocol(value, pointer)
    }

    fn vpc(&mut self, i: usize, v: rec::Vpc) -> Vpc {
        let base = format!("/Vpcs/{i}");
        let mut cidrs = Vec::new();
        for (j, a) in v.cidr_block_association_set.iter().enumerate() {
            if !live_block(a.cidr_block_state.as_ref()) {
                continue;
            }
            if let Some(block) = &a.cidr_block {
                let rel = format!("CidrBlockAssociationSet/{j}/CidrBlock");
                if let Some(net) = self.cidr(block, || format!("{base}/{rel}"), Some(false)) {
                    cidrs.push(VpcCidr {
                        block: net,
                        association_id: a.association_id.clone(),
                        primary: v.cidr_block.as_deref() == Some(block.as_str()),
                        rel: rel.into(),
                    });
                }
            }
        }
        if cidrs.is_empty() {
            if let Some(block) = &v.cidr_block {
                if let Some(net) = self.cidr(block, || format!("{base}/CidrBlock"), Some(false)) {
                    cidrs.push(VpcCidr {
                        block: net,
                        association_id: None,
                        primary: true,
                        rel: "CidrBlock".into(),
                    });
                }
            }
        }
        for (j, a) in v.ipv6_cidr_block_association_set.iter().enumerate() {
            if !live_block(a.ipv6_cidr_block_state.as_ref()) {
                continue;
            }
            if let Some(block) = &a.ipv6_cidr_block {
                let rel = format!("Ipv6CidrBlockAssociationSet/{j}/Ipv6CidrBlock");
                if let Some(net) = self.cidr(block, || format!("{base}/{rel}"), Some(true)) {
                    cidrs.push(VpcCidr {
                        block: net,
                        association_id: a.association_id.clone(),
                        primary: false,
                        rel: rel.into(),
                    });
                }
            }
        }
        // Primary first, then in listed order, so messages name blocks the way AWS lists them.
        cidrs.sort_by_key(|c| !c.primary);
        Vpc {
            id: VpcId(v.vpc_id),
            scope: self.scope(v.owner_id.as_deref(), None),
            cidrs,
            is_default: v.is_default,
            dhcp_options_id: v.dhcp_options_id,
            tags: tags(v.tags),
            origin: self.origin(base),
        }
    }

    fn attribute(&mut self, pointer: &str, a: rec::VpcAttribute, p: &mut Partial) {
        let Some(vpc_id) = a.vpc_id else {
            self.invalid(
                pointer.to_owned(),
                "describe-vpc-attribute output without `VpcId`".into(),
                "an object with `VpcId` and `EnableDnsSupport` or `EnableDnsHostnames`",
            );
            return;
        };
        let mut any = false;
        for (name, value, out) in [
            ("EnableDnsSupport", a.enable_dns_support, &mut p.dns_support),
            (
                "EnableDnsHostnames",
                a.enable_dns_hostnames,
                &mut p.dns_hostnames,
            ),
        ] {
            let Some(value) = value else { continue };
            any = true;
            let at = format!("{pointer}/{name}/Value");
            match value.value {
                Some(v) => out.push((
                    VpcId(vpc_id.clone()),
                    DnsAttribute {
                        value: v,
                        origin: Origin::new(self.file, at),
                    },
                )),
                None => self.invalid(
                    format!("{pointer}/{name}"),
                    format!("`{name}` without `Value`"),
                    "an object such as {\"Value\": true}",
                ),
            }
        }
        if !any {
            self.invalid(
                pointer.to_owned(),
                format!("describe-vpc-attribute output for `{vpc_id}` names no attribute"),
                "`EnableDnsSupport` or `EnableDnsHostnames`",
            );
        }
    }

    fn subnet(&mut self, i: usize, s: rec::Subnet) -> Option<Subnet> {
        let base = format!("/Subnets/{i}");
        let cidr = match &s.cidr_block {
            Some(c) => Some(self.cidr(c, || format!("{base}/CidrBlock"), Some(false))?),
            None => None,
        };
        let mut ipv6 = Vec::new();
        for (j, a) in s.ipv6_cidr_block_association_set.iter().enumerate() {
            if !live_block(a.ipv6_cidr_block_state.as_ref()) {
                continue;
            }
            if let Some(b) = &a.ipv6_cidr_block {
                let at = format!("{base}/Ipv6CidrBlockAssociationSet/{j}/Ipv6CidrBlock");
                if let Some(net) = self.cidr(b, || at, Some(true)) {
                    ipv6.push(net);
                }
            }
        }
        let from_arn = s.subnet_arn.as_deref().and_then(region::from_arn);
        let region = region::from_az(&s.availability_zone).or(from_arn);
        Some(Subnet {
            id: SubnetId(s.subnet_id),
            vpc_id: VpcId(s.vpc_id),
            scope: self.scope(s.owner_id.as_deref(), region),
            cidr,
            ipv6_cidrs: ipv6,
            az: s.availability_zone,
            az_id: s.availability_zone_id,
            tags: tags(s.tags),
            origin: self.origin(base),
        })
    }

    fn permissions(
        &mut self,
        base: &str,
        field: &'static str,
        perms: &[rec::IpPermission],
    ) -> Vec<SgRule> {
        let mut out = Vec::new();
        for (j, perm) in perms.iter().enumerate() {
            let permission = u32::try_from(j).unwrap_or(u32::MAX);
            let protocol = self.protocol(&perm.ip_protocol, || {
                format!("{base}/{field}/{j}/IpProtocol")
            });
            let (from_port, to_port) = ports(protocol, perm.from_port, perm.to_port);
            let mut push = |peer: SgPeer, peers: &'static str, k: usize| {
                out.push(SgRule {
                    protocol,
                    from_port,
                    to_port,
                    peer,
                    rule_id: None,
                    rel: Rel::Peer {
                        permissions: field,
                        permission,
                        peers,
                        peer: u32::try_from(k).unwrap_or(u32::MAX),
                    },
                })
            };
            for (k, r) in perm.ip_ranges.iter().enumerate() {
                let Some(c) = &r.cidr_ip else { continue };
                let pointer = || format!("{base}/{field}/{j}/IpRanges/{k}/CidrIp");
                if let Some(net) = self.cidr(c, pointer, Some(false)) {
                    push(SgPeer::Cidr(net), "IpRanges", k);
                }
            }
            for (k, r) in perm.ipv6_ranges.iter().enumerate() {
                let Some(c) = &r.cidr_ipv6 else { continue };
                let pointer = || format!("{base}/{field}/{j}/Ipv6Ranges/{k}/CidrIpv6");
                if let Some(net) = self.cidr(c, pointer, Some(true)) {
                    push(SgPeer::Cidr(net), "Ipv6Ranges", k);
                }
            }
            for (k, r) in perm.prefix_list_ids.iter().enumerate() {
                if let Some(pl) = &r.prefix_list_id {
                    push(SgPeer::PrefixList(pl.clone()), "PrefixListIds", k);
                }
            }
            for (k, r) in perm.user_id_group_pairs.iter().enumerate() {
                if let Some(g) = &r.group_id {
                    push(SgPeer::Group(SgId(g.clone())), "UserIdGroupPairs", k);
                }
            }
        }
        out
    }

    fn security_group(&mut self, i: usize, g: rec::SecurityGroup) -> SecurityGroup {
        let base = format!("/SecurityGroups/{i}");
        let ingress = self.permissions(&base, "IpPermissions", &g.ip_permissions);
        let egress = self.permissions(&base, "IpPermissionsEgress", &g.ip_permissions_egress);
        let region = g.security_group_arn.as_deref().and_then(region::from_arn);
        SecurityGroup {
            id: SgId(g.group_id),
            name: g.group_name,
            vpc_id: g.vpc_id.map(VpcId),
            scope: self.scope(g.owner_id.as_deref(), region),
            ingress,
            egress,
            tags: tags(g.tags),
            origin: self.origin(base),
        }
    }

    fn group_rule(
        &mut self,
        i: usize,
        r: rec::SecurityGroupRule,
    ) -> Option<(SgId, Scope, bool, SgRule)> {
        let base = format!("/SecurityGroupRules/{i}");
        let protocol = self.protocol(&r.ip_protocol, || format!("{base}/IpProtocol"));
        let (from_port, to_port) = ports(protocol, r.from_port, r.to_port);
        let peer = if let Some(c) = &r.cidr_ipv4 {
            SgPeer::Cidr(self.cidr(c, || format!("{base}/CidrIpv4"), Some(false))?)
        } else if let Some(c) = &r.cidr_ipv6 {
            SgPeer::Cidr(self.cidr(c, || format!("{base}/CidrIpv6"), Some(true))?)
        } else if let Some(pl) = &r.prefix_list_id {
            SgPeer::PrefixList(pl.clone())
        } else if let Some(g) = r
            .referenced_group_info
            .as_ref()
            .and_then(|g| g.group_id.clone())
        {
            SgPeer::Group(SgId(g))
        } else {
            self.invalid(
                base,
                format!(
                    "security group rule `{}` has no peer",
                    r.security_group_rule_id
                ),
                "one of `CidrIpv4`, `CidrIpv6`, `PrefixListId` or `ReferencedGroupInfo`",
            );
            return None;
        };
        let rule = SgRule {
            protocol,
            from_port,
            to_port,
            peer,
            rule_id: Some(r.security_group_rule_id),
            // The rule's own object: the group it belongs to may have been read elsewhere.
            rel: Rel::Own(self.origin(base)),
        };
        let scope = self.scope(r.group_owner_id.as_deref(), None);
        Some((SgId(r.group_id), scope, r.is_egress, rule))
    }

    fn nacl(&mut self, i: usize, n: rec::NetworkAcl) -> NetworkAcl {
        let base = format!("/NetworkAcls/{i}");
        let mut entries = Vec::new();
        for (j, e) in n.entries.iter().enumerate() {
            let rel = format!("Entries/{j}");
            let protocol = self.protocol(&e.protocol, || format!("{base}/{rel}/Protocol"));
            let action = match e.rule_action.as_str() {
                "allow" => NaclAction::Allow,
                "deny" => NaclAction::Deny,
                other => {
                    self.invalid(
                        format!("{base}/{rel}/RuleAction"),
                        format!("invalid NACL rule action `{other}`"),
                        "`allow` or `deny`",
                    );
                    continue;
                }
            };
            let cidr = match (&e.cidr_block, &e.ipv6_cidr_block) {
                (Some(c), _) => self.cidr(c, || format!("{base}/{rel}/CidrBlock"), Some(false)),
                (None, Some(c)) => {
                    self.cidr(c, || format!("{base}/{rel}/Ipv6CidrBlock"), Some(true))
                }
                (None, None) => {
                    self.invalid(
                        format!("{base}/{rel}"),
                        format!("NACL entry {} has no CIDR block", e.rule_number),
                        "`CidrBlock` or `Ipv6CidrBlock`",
                    );
                    None
                }
            };
            let Some(cidr) = cidr else { continue };
            let ports = e
                .port_range
                .as_ref()
                .and_then(|r| Some((r.from?, r.to?)))
                .filter(|_| matches!(protocol, Protocol::Tcp | Protocol::Udp));
            entries.push(NaclEntry {
                rule_number: e.rule_number,
                egress: e.egress,
                protocol,
                action,
                cidr,
                ports,
                rel: rel.into(),
            });
        }
        NetworkAcl {
            id: NaclId(n.network_acl_id),
            vpc_id: VpcId(n.vpc_id),
            scope: self.scope(n.owner_id.as_deref(), None),
            is_default: n.is_default,
            entries,
            subnet_ids: n
                .associations
                .into_iter()
                .filter_map(|a| a.subnet_id.map(SubnetId))
                .collect(),
            tags: tags(n.tags),
            origin: self.origin(base),
        }
    }

    fn route_table(&mut self, i: usize, t: rec::RouteTable) -> RouteTable {
        let base = format!("/RouteTables/{i}");
        let mut routes = Vec::new();
        for (j, r) in t.routes.into_iter().enumerate() {
            let rel = format!("Routes/{j}");
            let destination = match (&r.destination_cidr_block, &r.destination_ipv6_cidr_block) {
                (Some(c), _) => {
                    let at = format!("{base}/{rel}/DestinationCidrBlock");
                    self.cidr(c, || at, Some(false))
                }
                (None, Some(c)) => {
                    let at = format!("{base}/{rel}/DestinationIpv6CidrBlock");
                    self.cidr(c, || at, Some(true))
                }
                (None, None) => None,
            };
            let target = if r.gateway_id.as_deref() == Some("local") {
                RouteTarget::Local
            } else if let Some(p) = r.vpc_peering_connection_id {
                RouteTarget::Peering(PcxId(p))
            } else if let Some(t) = r.transit_gateway_id {
                RouteTarget::TransitGateway(crate::model::TgwId(t))
            } else {
                let other = [
                    r.gateway_id,
                    r.nat_gateway_id,
                    r.network_interface_id,
                    r.instance_id,
                    r.egress_only_internet_gateway_id,
                    r.local_gateway_id,
                    r.carrier_gateway_id,
                    r.core_network_arn,
                ]
                .into_iter()
                .flatten()
                .next()
                .unwrap_or_default();
                RouteTarget::Other(other)
            };
            routes.push(Route {
                destination,
                prefix_list: r.destination_prefix_list_id,
                target,
                state: r.state,
                rel: rel.into(),
            });
        }
        RouteTable {
            id: RtbId(t.route_table_id),
            vpc_id: VpcId(t.vpc_id),
            scope: self.scope(t.owner_id.as_deref(), None),
            main: t.associations.iter().any(|a| a.main),
            subnet_ids: t
                .associations
                .into_iter()
                .filter_map(|a| a.subnet_id.map(SubnetId))
                .collect(),
            routes,
            tags: tags(t.tags),
            origin: self.origin(base),
        }
    }

    fn interface(&mut self, i: usize, n: rec::NetworkInterface) -> NetworkInterface {
        let base = format!("/NetworkInterfaces/{i}");
        let mut addresses: Vec<IpAddr> = Vec::new();
        let primary = n.private_ip_address.iter();
        let secondary = n
            .private_ip_addresses
            .iter()
            .filter_map(|a| a.private_ip_address.as_ref());
        let v6 = n
            .ipv6_addresses
            .iter()
            .filter_map(|a| a.ipv6_address.as_ref());
        for (j, a) in primary.chain(secondary).chain(v6).enumerate() {
            match a.parse::<IpAddr>() {
                Ok(ip) if !addresses.contains(&ip) => addresses.push(ip),
                Ok(_) => {}
                Err(_) => self.invalid(
                    format!("{base}/PrivateIpAddress"),
                    format!("invalid IP address `{a}` (address {j} of the interface)"),
                    "an IPv4 or IPv6 address",
                ),
            }
        }
        let region = n.availability_zone.as_deref().and_then(region::from_az);
        NetworkInterface {
            id: EniId(n.network_interface_id),
            subnet_id: n.subnet_id.map(SubnetId),
            vpc_id: n.vpc_id.map(VpcId),
            scope: self.scope(n.owner_id.as_deref(), region),
            az: n.availability_zone,
            addresses,
            groups: n
                .groups
                .into_iter()
                .filter_map(|g| g.group_id.map(SgId))
                .collect(),
            interface_type: n.interface_type,
            tags: tags(n.tag_set),
            origin: self.origin(base),
        }
    }

    fn endpoint(&mut self, i: usize, e: rec::VpcEndpoint) -> VpcEndpoint {
        let base = format!("/VpcEndpoints/{i}");
        let kind = match e.vpc_endpoint_type.to_ascii_lowercase().as_str() {
            "interface" => EndpointKind::Interface,
            "gateway" => EndpointKind::Gateway,
            "gatewayloadbalancer" => EndpointKind::GatewayLoadBalancer,
            _ => EndpointKind::Other,
        };
        let region = region::from_service_name(&e.service_name);
        VpcEndpoint {
            id: VpceId(e.vpc_endpoint_id),
            kind,
            vpc_id: VpcId(e.vpc_id),
            scope: self.scope(e.owner_id.as_deref(), region),
            service_name: e.service_name,
            state: e.state.unwrap_or_default(),
            last_error: e
                .last_error
                .map(|l| (l.code.unwrap_or_default(), l.message.unwrap_or_default())),
            policy: e.policy_document,
            subnet_ids: e.subnet_ids.into_iter().map(SubnetId).collect(),
            route_table_ids: e.route_table_ids.into_iter().map(RtbId).collect(),
            groups: e
                .groups
                .into_iter()
                .filter_map(|g| g.group_id.map(SgId))
                .collect(),
            private_dns_enabled: e.private_dns_enabled,
            ip_address_type: e.ip_address_type,
            dns_record_ip_type: e
                .dns_options
                .as_ref()
                .and_then(|d| d.dns_record_ip_type.clone()),
            private_dns_only_inbound: e
                .dns_options
                .as_ref()
                .and_then(|d| d.private_dns_only_for_inbound_resolver_endpoint),
            eni_ids: e.network_interface_ids.into_iter().map(EniId).collect(),
            dns_names: e
                .dns_entries
                .into_iter()
                .filter_map(|d| d.dns_name)
                .map(|n| crate::model::normalize_name(&n))
                .collect(),
            tags: tags(e.tags),
            origin: self.origin(base),
        }
    }

    fn service(&mut self, i: usize, s: rec::ServiceDetail) -> EndpointService {
        let mut dns: Vec<String> = s
            .private_dns_names
            .into_iter()
            .filter_map(|d| d.private_dns_name)
            .collect();
        if let Some(d) = s.private_dns_name {
            if !dns.contains(&d) {
                dns.insert(0, d);
            }
        }
        dns.retain(|d| !d.is_empty());
        let region = region::from_service_name(&s.service_name);
        EndpointService {
            name: s.service_name,
            service_id: s.service_id,
            service_types: s
                .service_type
                .into_iter()
                .filter_map(|t| t.service_type)
                .collect(),
            private_dns_names: dns,
            policy_supported: s.vpc_endpoint_policy_supported,
            acceptance_required: s.acceptance_required,
            owner: s.owner,
            scope: self.scope(None, region),
            azs: s.availability_zones,
            az_ids: s.availability_zone_ids,
            ip_address_types: s.supported_ip_address_types,
            origin: self.origin(format!("/ServiceDetails/{i}")),
        }
    }

    fn service_configuration(
        &mut self,
        i: usize,
        c: rec::ServiceConfiguration,
    ) -> ServiceConfiguration {
        let region = c
            .service_name
            .as_deref()
            .and_then(region::from_service_name);
        ServiceConfiguration {
            service_id: c.service_id,
            service_name: c.service_name,
            scope: self.scope(None, region),
            acceptance_required: c.acceptance_required,
            private_dns_name: c.private_dns_name,
            state: c.service_state,
            azs: c.availability_zones,
            nlb_arns: c.network_load_balancer_arns,
            tags: tags(c.tags),
            origin: self.origin(format!("/ServiceConfigurations/{i}")),
        }
    }

    fn permission(&mut self, i: usize, a: rec::AllowedPrincipal) -> Option<ServicePermission> {
        let base = format!("/AllowedPrincipals/{i}");
        let Some(principal) = a.principal else {
            self.invalid(
                base,
                "allowed principal without `Principal`".into(),
                "an object with `Principal` (an ARN or `*`)",
            );
            return None;
        };
        Some(ServicePermission {
            principal,
            principal_type: a.principal_type,
            service_id: a.service_id,
            origin: self.origin(base),
        })
    }

    fn connection(&mut self, i: usize, c: rec::VpcEndpointConnection) -> EndpointConnection {
        EndpointConnection {
            service_id: c.service_id,
            endpoint_id: VpceId(c.vpc_endpoint_id),
            endpoint_owner: c.vpc_endpoint_owner,
            state: c.vpc_endpoint_state.unwrap_or_default(),
            origin: self.origin(format!("/VpcEndpointConnections/{i}")),
        }
    }

    fn aiven_service(&mut self, base: String, s: rec::AivenService) -> Option<AivenService> {
        let mut required = |value: Option<String>, field: &str, example: &str| match value {
            Some(v) if !v.is_empty() => Some(v),
            _ => {
                self.invalid(
                    format!("{base}/{field}"),
                    format!("Aiven service without `{field}`"),
                    example,
                );
                None
            }
        };
        let name = required(
            s.service_name,
            "service_name",
            "a service name such as `my-kafka`",
        );
        let service_type = required(
            s.service_type,
            "service_type",
            "a service type such as `kafka` or `pg`",
        );
        let privatelink_access = s.user_config.and_then(|u| u.privatelink_access).map(|m| {
            m.into_iter()
                .map(|(component, enabled)| PrivatelinkAccess {
                    rel: format!(
                        "user_config/privatelink_access/{}",
                        component.replace('~', "~0").replace('/', "~1")
                    ),
                    component,
                    enabled: enabled == Some(true),
                })
                .collect()
        });
        let mut components = Vec::new();
        for (i, c) in s.components.into_iter().enumerate() {
            let rel = format!("components/{i}");
            let port = match c.port.map(u16::try_from) {
                None => None,
                Some(Ok(p)) => Some(p),
                Some(Err(_)) => {
                    self.invalid(
                        format!("{base}/{rel}/port"),
                        format!("invalid port {}", c.port.unwrap_or_default()),
                        "a TCP port from 0 to 65535",
                    );
                    None
                }
            };
            components.push(AivenComponent {
                component: c.component,
                host: c.host,
                port,
                route: c.route.unwrap_or_default(),
                usage: c.usage,
                privatelink_connection_id: c.privatelink_connection_id,
                rel,
            });
        }
        Some(AivenService {
            name: name?,
            service_type: service_type?,
            cloud_name: s.cloud_name.unwrap_or_default(),
            state: s.state.unwrap_or_default(),
            privatelink_access,
            components,
            privatelink: None,
            connections: Vec::new(),
            origin: self.origin(base),
        })
    }

    fn peering_side(
        &mut self,
        base: &str,
        field: &str,
        info: Option<rec::PeeringVpcInfo>,
    ) -> Option<PeeringSide> {
        let Some(info) = info.filter(|i| i.vpc_id.is_some()) else {
            self.invalid(
                base.to_owned(),
                format!("peering connection without `{field}.VpcId`"),
                "`RequesterVpcInfo` and `AccepterVpcInfo` with a `VpcId` each",
            );
            return None;
        };
        let mut cidrs: Vec<(IpNet, Box<str>)> = Vec::new();
        let mut add = |lw: &mut Self, value: &str, rel: String, v6: bool| {
            if let Some(net) = lw.cidr(value, || format!("{base}/{rel}"), Some(v6)) {
                if !cidrs.iter().any(|(n, _)| *n == net) {
                    cidrs.push((net, rel.into()));
                }
            }
        };
        if let Some(c) = &info.cidr_block {
            add(self, c, format!("{field}/CidrBlock"), false);
        }
        for (j, c) in info.cidr_block_set.iter().enumerate() {
            if let Some(c) = &c.cidr_block {
                add(
                    self,
                    c,
                    format!("{field}/CidrBlockSet/{j}/CidrBlock"),
                    false,
                );
            }
        }
        for (j, c) in info.ipv6_cidr_block_set.iter().enumerate() {
            if let Some(c) = &c.ipv6_cidr_block {
                let rel = format!("{field}/Ipv6CidrBlockSet/{j}/Ipv6CidrBlock");
                add(self, c, rel, true);
            }
        }
        Some(PeeringSide {
            vpc_id: VpcId(info.vpc_id.unwrap_or_default()),
            owner_id: info.owner_id,
            region: info.region,
            cidrs,
        })
    }

    fn peering(&mut self, i: usize, c: rec::VpcPeeringConnection) -> Option<Peering> {
        let base = format!("/VpcPeeringConnections/{i}");
        let requester = self.peering_side(&base, "RequesterVpcInfo", c.requester_vpc_info);
        let accepter = self.peering_side(&base, "AccepterVpcInfo", c.accepter_vpc_info);
        Some(Peering {
            id: PcxId(c.vpc_peering_connection_id),
            requester: requester?,
            accepter: accepter?,
            status: c.status.and_then(|s| s.code).unwrap_or_default(),
            tags: tags(c.tags),
            origin: self.origin(base),
        })
    }

    fn rest_api(&mut self, i: usize, a: rec::RestApi) -> RestApi {
        RestApi {
            id: RestApiId(a.id),
            name: a.name,
            scope: self.scope(None, None),
            endpoint_types: a.endpoint_configuration.types,
            vpc_endpoint_ids: a
                .endpoint_configuration
                .vpc_endpoint_ids
                .into_iter()
                .map(VpceId)
                .collect(),
            policy: a.policy,
            tags: Tags(a.tags.into_iter().collect()),
            origin: self.origin(format!("/items/{i}")),
        }
    }

    fn load_balancer(&mut self, i: usize, b: rec::LoadBalancer) -> Option<LoadBalancer> {
        let base = format!("/LoadBalancers/{i}");
        let Some(arn) = b.load_balancer_arn else {
            self.invalid(
                base,
                "load balancer without `LoadBalancerArn`".into(),
                "an object with `LoadBalancerArn`",
            );
            return None;
        };
        let (account, region) = arn_scope(&arn);
        Some(LoadBalancer {
            name: b.load_balancer_name.unwrap_or_default(),
            scope: self.scope(account, region),
            arn,
            origin: self.origin(base),
        })
    }

    fn listener(&mut self, i: usize, l: rec::Listener) -> Option<Listener> {
        let base = format!("/Listeners/{i}");
        let (Some(arn), Some(load_balancer_arn)) = (l.listener_arn, l.load_balancer_arn) else {
            self.invalid(
                base,
                "listener without `ListenerArn` or `LoadBalancerArn`".into(),
                "an object with `ListenerArn` and `LoadBalancerArn`",
            );
            return None;
        };
        // A Gateway Load Balancer's listener has no port: it forwards everything (GENEVE), and
        // says nothing about the ports an interface endpoint must admit.
        let port = match l.port {
            None => return None,
            Some(p) => match u16::try_from(p) {
                Ok(p) if p > 0 => p,
                _ => {
                    self.invalid(
                        format!("{base}/Port"),
                        format!("listener port {p} is not a port"),
                        "a port within 1-65535",
                    );
                    return None;
                }
            },
        };
        // HTTP and HTTPS (Application Load Balancers) run over TCP, TLS is TCP at the endpoint;
        // GENEVE and protocols added later carry nothing an endpoint forwards.
        let protocols = match l.protocol.as_deref().unwrap_or_default() {
            "TCP" | "TLS" | "HTTP" | "HTTPS" => vec![Protocol::Tcp],
            "UDP" => vec![Protocol::Udp],
            "TCP_UDP" => vec![Protocol::Tcp, Protocol::Udp],
            _ => Vec::new(),
        };
        Some(Listener {
            arn,
            load_balancer_arn,
            protocols,
            port,
            origin: self.origin(base),
        })
    }

    fn prefix_list(&mut self, i: usize, l: rec::PrefixList) -> PrefixList {
        let base = format!("/PrefixLists/{i}");
        let mut cidrs = Vec::new();
        for (j, c) in l.cidrs.iter().enumerate() {
            if let Some(net) = self.cidr(c, || format!("{base}/Cidrs/{j}"), None) {
                cidrs.push(net);
            }
        }
        let region = region::from_service_name(&l.prefix_list_name);
        PrefixList {
            id: l.prefix_list_id,
            name: l.prefix_list_name,
            cidrs,
            scope: self.scope(None, region),
            origin: self.origin(base),
        }
    }

    fn az(&mut self, i: usize, z: rec::AvailabilityZone) -> AvailabilityZone {
        let region = z.region_name.or_else(|| region::from_az(&z.zone_name));
        AvailabilityZone {
            name: z.zone_name,
            zone_id: z.zone_id,
            scope: self.scope(None, region),
            state: z.state,
            origin: self.origin(format!("/AvailabilityZones/{i}")),
        }
    }
}

/// The account and region an ARN names (`arn:aws:elasticloadbalancing:REGION:ACCOUNT:…`), when
/// it names them.
fn arn_scope(arn: &str) -> (Option<&str>, Option<String>) {
    let mut parts = arn.split(':').skip(3);
    let region = parts.next().filter(|r| !r.is_empty()).map(str::to_owned);
    let account = parts.next().filter(|a| !a.is_empty());
    (account, region)
}

/// Ports only mean something for TCP and UDP (for ICMP they are type and code, kept as such);
/// `-1` and "all protocols" mean no port restriction.
fn ports(protocol: Protocol, from: Option<i32>, to: Option<i32>) -> (Option<i32>, Option<i32>) {
    match protocol {
        Protocol::All => (None, None),
        _ => (from.filter(|p| *p >= 0), to.filter(|p| *p >= 0)),
    }
}
