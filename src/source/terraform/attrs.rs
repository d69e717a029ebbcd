//! The planned attributes (`values`) of the resource types vpclint reads, one struct per type;
//! members of other types are skipped without being built. Attribute names are the AWS and
//! Aiven providers'. Data sources read the same structs where their attributes match the
//! resource's (`aws_vpc`, `aws_subnet`, `aws_vpc_endpoint`, the Aiven types), structs of their own
//! where the provider spells them differently (`aws_route_table`'s `routes` and `associations`,
//! `aws_vpc_endpoint_service`'s details); of the others only the id (and `ids`) is kept, for the
//! references that name them.

use std::collections::BTreeMap;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny};
use serde::Deserialize;

/// Tags as the provider plans them.
pub type TagMap = Option<BTreeMap<String, Option<String>>>;

/// The planned attributes of one resource, by type.
#[derive(Debug, Default)]
pub enum Attrs {
    /// `aws_vpc`
    Vpc(Vpc),
    /// `aws_vpc_ipv4_cidr_block_association`
    CidrAssociation(CidrAssociation),
    /// `aws_subnet`
    Subnet(Subnet),
    /// `aws_security_group`
    SecurityGroup(SecurityGroup),
    /// `aws_security_group_rule`
    SecurityGroupRule(SecurityGroupRule),
    /// `aws_vpc_security_group_ingress_rule` (false) / `_egress_rule` (true)
    VpcSecurityGroupRule(bool, VpcSecurityGroupRule),
    /// `aws_network_acl`
    NetworkAcl(NetworkAcl),
    /// `aws_network_acl_rule`
    NetworkAclRule(NetworkAclRule),
    /// `aws_network_acl_association`
    NetworkAclAssociation(NetworkAclAssociation),
    /// `aws_route_table`
    RouteTable(RouteTable),
    /// `aws_route`
    Route(Route),
    /// `aws_route_table_association`
    RouteTableAssociation(RouteTableAssociation),
    /// `aws_vpc_endpoint`
    Endpoint(Endpoint),
    /// `aws_vpc_endpoint_policy`
    EndpointPolicy(EndpointPolicy),
    /// `aws_vpc_endpoint_subnet_association`
    EndpointSubnetAssociation(EndpointSubnetAssociation),
    /// `aws_vpc_endpoint_route_table_association`
    EndpointRouteTableAssociation(EndpointRouteTableAssociation),
    /// `aws_vpc_endpoint_service`
    EndpointService(EndpointService),
    /// `aws_vpc_endpoint_service_allowed_principal`
    AllowedPrincipal(AllowedPrincipal),
    /// `aws_vpc_peering_connection`
    Peering(Peering),
    /// `aws_api_gateway_rest_api`
    RestApi(RestApi),
    /// `aws_api_gateway_rest_api_policy`
    RestApiPolicy(RestApiPolicy),
    /// An Aiven service (`aiven_kafka`, `aiven_pg`, …).
    AivenService(AivenService),
    /// `aiven_aws_privatelink`
    AivenPrivatelink(AivenPrivatelink),
    /// `aws_route53_zone` (and its data source, `true`).
    Zone(bool, Zone),
    /// `aws_route53_zone_association`
    ZoneAssociation(ZoneAssociation),
    /// `aws_route53_record`
    Record(Record),
    /// `aws_route53_resolver_rule` (and its data source)
    ResolverRule(ResolverRule),
    /// `aws_route53_resolver_rule_association`
    RuleAssociation(RuleAssociation),
    /// `aws_vpc_dhcp_options` (and its data source)
    DhcpOptions(DhcpOptions),
    /// `aws_vpc_dhcp_options_association`
    DhcpAssociation(DhcpAssociation),
    /// `aws_ec2_transit_gateway`
    TransitGateway(TransitGateway),
    /// `aws_ec2_transit_gateway_vpc_attachment`
    TgwVpcAttachment(TgwVpcAttachment),
    /// `aws_ec2_transit_gateway_route_table`
    TgwRouteTable(TgwRouteTable),
    /// `aws_ec2_transit_gateway_route`
    TgwRoute(TgwRoute),
    /// `aws_ec2_transit_gateway_route_table_association` (`false`) and `_propagation` (`true`)
    TgwTableLink(bool, TgwTableLink),
    /// `data "aws_route_table"`
    DataRouteTable(DataRouteTable),
    /// `data "aws_vpc_endpoint_service"`: the details of a service one can connect to.
    DataEndpointService(DataEndpointService),
    /// A data source of a type whose attributes the model does not take (or not all of them,
    /// as `data.aws_security_group`, which has no rules): its ids, which references may name.
    DataIds(DataIds),
    /// Any other type: not read.
    #[default]
    Other,
}

/// Reads `values` for a known type, of a resource or (`true`) a data source.
pub struct Seed<'a>(&'a str, bool);

/// Aiven service resource types (and data sources) and the `service_type` each creates.
const AIVEN_SERVICES: &[(&str, &str)] = &[
    ("aiven_alloydbomni", "alloydbomni"),
    ("aiven_cassandra", "cassandra"),
    ("aiven_clickhouse", "clickhouse"),
    ("aiven_dragonfly", "dragonfly"),
    ("aiven_flink", "flink"),
    ("aiven_grafana", "grafana"),
    ("aiven_influxdb", "influxdb"),
    ("aiven_kafka", "kafka"),
    ("aiven_kafka_connect", "kafka_connect"),
    ("aiven_kafka_mirrormaker", "kafka_mirrormaker"),
    ("aiven_m3aggregator", "m3aggregator"),
    ("aiven_m3db", "m3db"),
    ("aiven_mysql", "mysql"),
    ("aiven_opensearch", "opensearch"),
    ("aiven_pg", "pg"),
    ("aiven_redis", "redis"),
    ("aiven_thanos", "thanos"),
    ("aiven_valkey", "valkey"),
];

/// The AWS data sources whose attributes join the estate (the Aiven ones all do); of the others
/// only the ids are kept.
pub const DATA_SOURCES: &[&str] = &[
    "aws_vpc",
    "aws_subnet",
    "aws_vpc_endpoint",
    "aws_route_table",
    "aws_vpc_endpoint_service",
    "aws_route53_zone",
    "aws_route53_resolver_rule",
    "aws_vpc_dhcp_options",
];

/// The Aiven service type of a resource type, when it is one of Aiven's services.
pub fn aiven_service_type(resource_type: &str) -> Option<&'static str> {
    AIVEN_SERVICES
        .iter()
        .find(|(t, _)| *t == resource_type)
        .map(|(_, s)| *s)
}

impl Attrs {
    /// The seed that reads the `values` of a resource (or, with `data`, a data source) of type
    /// `t`.
    pub fn seed(t: &str, data: bool) -> Seed<'_> {
        Seed(t, data)
    }

    /// The id, when planned (an existing resource) and non-empty.
    pub fn id(&self) -> Option<&str> {
        let id = match self {
            Attrs::Vpc(a) => &a.id,
            Attrs::CidrAssociation(a) => &a.id,
            Attrs::Subnet(a) => &a.id,
            Attrs::SecurityGroup(a) => &a.id,
            Attrs::SecurityGroupRule(a) => &a.id,
            Attrs::VpcSecurityGroupRule(_, a) => &a.id,
            Attrs::NetworkAcl(a) => &a.id,
            Attrs::NetworkAclRule(a) => &a.id,
            Attrs::NetworkAclAssociation(a) => &a.id,
            Attrs::RouteTable(a) => &a.id,
            Attrs::Route(a) => &a.id,
            Attrs::RouteTableAssociation(a) => &a.id,
            Attrs::Endpoint(a) => &a.id,
            Attrs::EndpointPolicy(a) => &a.id,
            Attrs::EndpointSubnetAssociation(a) => &a.id,
            Attrs::EndpointRouteTableAssociation(a) => &a.id,
            Attrs::EndpointService(a) => &a.id,
            Attrs::AllowedPrincipal(a) => &a.id,
            Attrs::Peering(a) => &a.id,
            Attrs::RestApi(a) => &a.id,
            Attrs::RestApiPolicy(a) => &a.id,
            Attrs::AivenService(a) => &a.id,
            Attrs::AivenPrivatelink(a) => &a.id,
            // The provider's `id` of a zone is its `zone_id`; a data source may have only one.
            Attrs::Zone(_, a) if a.zone_id.as_deref().is_some_and(|z| !z.is_empty()) => &a.zone_id,
            Attrs::Zone(_, a) => &a.id,
            Attrs::ZoneAssociation(a) => &a.id,
            Attrs::Record(a) => &a.id,
            Attrs::ResolverRule(a) => &a.id,
            Attrs::RuleAssociation(a) => &a.id,
            Attrs::DhcpOptions(a) => &a.id,
            Attrs::DhcpAssociation(a) => &a.id,
            Attrs::TransitGateway(a) => &a.id,
            Attrs::TgwVpcAttachment(a) => &a.id,
            Attrs::TgwRouteTable(a) => &a.id,
            Attrs::TgwRoute(a) => &a.id,
            Attrs::TgwTableLink(_, a) => &a.id,
            Attrs::DataRouteTable(a) => &a.id,
            Attrs::DataEndpointService(a) => &a.service_id,
            Attrs::DataIds(a) => &a.id,
            Attrs::Other => &None,
        };
        id.as_deref().filter(|s| !s.is_empty())
    }

    /// The planned `vpc_id`, for the types that have one.
    pub fn vpc_id(&self) -> Option<&str> {
        let v = match self {
            Attrs::Vpc(a) => &a.id,
            Attrs::CidrAssociation(a) => &a.vpc_id,
            Attrs::Subnet(a) => &a.vpc_id,
            Attrs::SecurityGroup(a) => &a.vpc_id,
            Attrs::NetworkAcl(a) => &a.vpc_id,
            Attrs::RouteTable(a) => &a.vpc_id,
            Attrs::DataRouteTable(a) => &a.vpc_id,
            Attrs::Endpoint(a) => &a.vpc_id,
            Attrs::Peering(a) => &a.vpc_id,
            _ => &None,
        };
        v.as_deref().filter(|s| !s.is_empty())
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Attrs;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Attrs, D::Error> {
        if let Some(service_type) = aiven_service_type(self.0) {
            return d
                .deserialize_map(AivenServiceVisitor(service_type))
                .map(Attrs::AivenService);
        }
        let data = self.1;
        Ok(match self.0 {
            "aiven_aws_privatelink" => Attrs::AivenPrivatelink(Deserialize::deserialize(d)?),
            t if data && !DATA_SOURCES.contains(&t) => Attrs::DataIds(Deserialize::deserialize(d)?),
            "aws_route_table" if data => Attrs::DataRouteTable(Deserialize::deserialize(d)?),
            "aws_vpc_endpoint_service" if data => {
                Attrs::DataEndpointService(Deserialize::deserialize(d)?)
            }
            "aws_route53_zone" => Attrs::Zone(data, Deserialize::deserialize(d)?),
            "aws_route53_zone_association" => Attrs::ZoneAssociation(Deserialize::deserialize(d)?),
            "aws_route53_record" => Attrs::Record(Deserialize::deserialize(d)?),
            "aws_route53_resolver_rule" => Attrs::ResolverRule(Deserialize::deserialize(d)?),
            "aws_route53_resolver_rule_association" => {
                Attrs::RuleAssociation(Deserialize::deserialize(d)?)
            }
            "aws_vpc_dhcp_options" => Attrs::DhcpOptions(Deserialize::deserialize(d)?),
            "aws_vpc_dhcp_options_association" => {
                Attrs::DhcpAssociation(Deserialize::deserialize(d)?)
            }
            "aws_ec2_transit_gateway" => Attrs::TransitGateway(Deserialize::deserialize(d)?),
            "aws_ec2_transit_gateway_vpc_attachment" => {
                Attrs::TgwVpcAttachment(Deserialize::deserialize(d)?)
            }
            "aws_ec2_transit_gateway_route_table" => {
                Attrs::TgwRouteTable(Deserialize::deserialize(d)?)
            }
            "aws_ec2_transit_gateway_route" => Attrs::TgwRoute(Deserialize::deserialize(d)?),
            "aws_ec2_transit_gateway_route_table_association" => {
                Attrs::TgwTableLink(false, Deserialize::deserialize(d)?)
            }
            "aws_ec2_transit_gateway_route_table_propagation" => {
                Attrs::TgwTableLink(true, Deserialize::deserialize(d)?)
            }
            // The data forms of the other types describe the resource with the same attributes.
            "aws_vpc" => Attrs::Vpc(Deserialize::deserialize(d)?),
            "aws_vpc_ipv4_cidr_block_association" => {
                Attrs::CidrAssociation(Deserialize::deserialize(d)?)
            }
            "aws_subnet" => Attrs::Subnet(Deserialize::deserialize(d)?),
            "aws_security_group" => Attrs::SecurityGroup(Deserialize::deserialize(d)?),
            "aws_security_group_rule" => Attrs::SecurityGroupRule(Deserialize::deserialize(d)?),
            "aws_vpc_security_group_ingress_rule" => {
                Attrs::VpcSecurityGroupRule(false, Deserialize::deserialize(d)?)
            }
            "aws_vpc_security_group_egress_rule" => {
                Attrs::VpcSecurityGroupRule(true, Deserialize::deserialize(d)?)
            }
            "aws_network_acl" => Attrs::NetworkAcl(Deserialize::deserialize(d)?),
            "aws_network_acl_rule" => Attrs::NetworkAclRule(Deserialize::deserialize(d)?),
            "aws_network_acl_association" => {
                Attrs::NetworkAclAssociation(Deserialize::deserialize(d)?)
            }
            "aws_route_table" => Attrs::RouteTable(Deserialize::deserialize(d)?),
            "aws_route" => Attrs::Route(Deserialize::deserialize(d)?),
            "aws_route_table_association" => {
                Attrs::RouteTableAssociation(Deserialize::deserialize(d)?)
            }
            "aws_vpc_endpoint" => Attrs::Endpoint(Deserialize::deserialize(d)?),
            "aws_vpc_endpoint_policy" => Attrs::EndpointPolicy(Deserialize::deserialize(d)?),
            "aws_vpc_endpoint_subnet_association" => {
                Attrs::EndpointSubnetAssociation(Deserialize::deserialize(d)?)
            }
            "aws_vpc_endpoint_route_table_association" => {
                Attrs::EndpointRouteTableAssociation(Deserialize::deserialize(d)?)
            }
            "aws_vpc_endpoint_service" => Attrs::EndpointService(Deserialize::deserialize(d)?),
            "aws_vpc_endpoint_service_allowed_principal" => {
                Attrs::AllowedPrincipal(Deserialize::deserialize(d)?)
            }
            "aws_vpc_peering_connection" => Attrs::Peering(Deserialize::deserialize(d)?),
            "aws_api_gateway_rest_api" => Attrs::RestApi(Deserialize::deserialize(d)?),
            "aws_api_gateway_rest_api_policy" => Attrs::RestApiPolicy(Deserialize::deserialize(d)?),
            _ => {
                IgnoredAny::deserialize(d)?;
                Attrs::Other
            }
        })
    }
}

/// `aws_vpc`
#[derive(Deserialize, Debug, Default)]
pub struct Vpc {
    pub id: Option<String>,
    pub owner_id: Option<String>,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub enable_dns_support: Option<bool>,
    pub enable_dns_hostnames: Option<bool>,
    pub dhcp_options_id: Option<String>,
    #[serde(default)]
    pub tags: TagMap,
}

/// `aws_vpc_ipv4_cidr_block_association`
#[derive(Deserialize, Debug, Default)]
pub struct CidrAssociation {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub cidr_block: Option<String>,
}

/// `aws_subnet`
#[derive(Deserialize, Debug, Default)]
pub struct Subnet {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub availability_zone: Option<String>,
    pub availability_zone_id: Option<String>,
    pub arn: Option<String>,
    #[serde(default)]
    pub tags: TagMap,
}

/// One inline `ingress` / `egress` block of `aws_security_group`.
#[derive(Deserialize, Debug, Default)]
pub struct SgBlock {
    pub protocol: Option<String>,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub cidr_blocks: Option<Vec<String>>,
    pub ipv6_cidr_blocks: Option<Vec<String>>,
    pub prefix_list_ids: Option<Vec<String>>,
    pub security_groups: Option<Vec<String>>,
    #[serde(rename = "self")]
    pub self_: Option<bool>,
}

/// `aws_security_group`
#[derive(Deserialize, Debug, Default)]
pub struct SecurityGroup {
    pub id: Option<String>,
    pub name: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub arn: Option<String>,
    pub ingress: Option<Vec<SgBlock>>,
    pub egress: Option<Vec<SgBlock>>,
    #[serde(default)]
    pub tags: TagMap,
}

/// `aws_security_group_rule`
#[derive(Deserialize, Debug, Default)]
pub struct SecurityGroupRule {
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub rule_type: Option<String>,
    pub security_group_id: Option<String>,
    pub protocol: Option<String>,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub cidr_blocks: Option<Vec<String>>,
    pub ipv6_cidr_blocks: Option<Vec<String>>,
    pub prefix_list_ids: Option<Vec<String>>,
    pub source_security_group_id: Option<String>,
    #[serde(rename = "self")]
    pub self_: Option<bool>,
}

/// `aws_vpc_security_group_ingress_rule` / `_egress_rule`
#[derive(Deserialize, Debug, Default)]
pub struct VpcSecurityGroupRule {
    pub id: Option<String>,
    pub security_group_rule_id: Option<String>,
    pub security_group_id: Option<String>,
    pub ip_protocol: Option<String>,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub cidr_ipv4: Option<String>,
    pub cidr_ipv6: Option<String>,
    pub prefix_list_id: Option<String>,
    pub referenced_security_group_id: Option<String>,
}

/// One inline `ingress` / `egress` block of `aws_network_acl`.
#[derive(Deserialize, Debug, Default)]
pub struct NaclBlock {
    pub protocol: Option<String>,
    pub rule_no: Option<i64>,
    pub action: Option<String>,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
}

/// `aws_network_acl`
#[derive(Deserialize, Debug, Default)]
pub struct NetworkAcl {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub subnet_ids: Option<Vec<String>>,
    pub ingress: Option<Vec<NaclBlock>>,
    pub egress: Option<Vec<NaclBlock>>,
    #[serde(default)]
    pub tags: TagMap,
}

/// `aws_network_acl_rule`
#[derive(Deserialize, Debug, Default)]
pub struct NetworkAclRule {
    pub id: Option<String>,
    pub network_acl_id: Option<String>,
    pub rule_number: Option<i64>,
    pub egress: Option<bool>,
    pub protocol: Option<String>,
    pub rule_action: Option<String>,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
}

/// `aws_network_acl_association`
#[derive(Deserialize, Debug, Default)]
pub struct NetworkAclAssociation {
    pub id: Option<String>,
    pub network_acl_id: Option<String>,
    pub subnet_id: Option<String>,
}

/// Declares a route struct with the target attributes that inline routes and `aws_route`
/// share (spelled out rather than `#[serde(flatten)]`, which would buffer every route).
macro_rules! route_struct {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Deserialize, Debug, Default)]
        pub struct $name {
            $(pub $field: Option<String>,)*
            pub gateway_id: Option<String>,
            pub nat_gateway_id: Option<String>,
            pub transit_gateway_id: Option<String>,
            pub vpc_peering_connection_id: Option<String>,
            pub network_interface_id: Option<String>,
            pub instance_id: Option<String>,
            pub egress_only_gateway_id: Option<String>,
            pub local_gateway_id: Option<String>,
            pub carrier_gateway_id: Option<String>,
            pub core_network_arn: Option<String>,
            pub vpc_endpoint_id: Option<String>,
        }

        impl $name {
            /// Every target attribute, peering first, with its (non-empty) value.
            pub fn targets(&self) -> [(&'static str, Option<&str>); 11] {
                fn v(o: &Option<String>) -> Option<&str> {
                    o.as_deref().filter(|s| !s.is_empty())
                }
                [
                    ("vpc_peering_connection_id", v(&self.vpc_peering_connection_id)),
                    ("gateway_id", v(&self.gateway_id)),
                    ("nat_gateway_id", v(&self.nat_gateway_id)),
                    ("transit_gateway_id", v(&self.transit_gateway_id)),
                    ("network_interface_id", v(&self.network_interface_id)),
                    ("instance_id", v(&self.instance_id)),
                    ("egress_only_gateway_id", v(&self.egress_only_gateway_id)),
                    ("local_gateway_id", v(&self.local_gateway_id)),
                    ("carrier_gateway_id", v(&self.carrier_gateway_id)),
                    ("core_network_arn", v(&self.core_network_arn)),
                    ("vpc_endpoint_id", v(&self.vpc_endpoint_id)),
                ]
            }
        }
    };
}

route_struct!(
    /// One inline `route` of `aws_route_table`.
    RouteBlock { cidr_block, ipv6_cidr_block, destination_prefix_list_id }
);

/// `aws_route_table`
#[derive(Deserialize, Debug, Default)]
pub struct RouteTable {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub route: Option<Vec<RouteBlock>>,
    #[serde(default)]
    pub tags: TagMap,
}

route_struct!(
    /// `aws_route`
    Route {
        id,
        route_table_id,
        destination_cidr_block,
        destination_ipv6_cidr_block,
        destination_prefix_list_id,
        state,
    }
);

/// `aws_route_table_association`
#[derive(Deserialize, Debug, Default)]
pub struct RouteTableAssociation {
    pub id: Option<String>,
    pub route_table_id: Option<String>,
    pub subnet_id: Option<String>,
}

/// `aws_vpc_endpoint`
#[derive(Deserialize, Debug, Default)]
pub struct Endpoint {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub service_name: Option<String>,
    pub vpc_endpoint_type: Option<String>,
    pub state: Option<String>,
    pub policy: Option<String>,
    pub subnet_ids: Option<Vec<String>>,
    pub route_table_ids: Option<Vec<String>>,
    pub security_group_ids: Option<Vec<String>>,
    pub network_interface_ids: Option<Vec<String>>,
    pub private_dns_enabled: Option<bool>,
    pub ip_address_type: Option<String>,
    pub dns_options: Option<Vec<DnsOptions>>,
    /// The endpoint's own DNS names, known after apply.
    pub dns_entry: Option<Vec<DnsEntry>>,
    #[serde(default)]
    pub tags: TagMap,
}

/// The `dns_options` block of `aws_vpc_endpoint`.
#[derive(Deserialize, Debug, Default)]
pub struct DnsOptions {
    pub dns_record_ip_type: Option<String>,
    pub private_dns_only_for_inbound_resolver_endpoint: Option<bool>,
}

/// `aws_vpc_endpoint_route_table_association`
#[derive(Deserialize, Debug, Default)]
pub struct EndpointRouteTableAssociation {
    pub id: Option<String>,
    pub vpc_endpoint_id: Option<String>,
    pub route_table_id: Option<String>,
}

/// One `dns_entry` of `aws_vpc_endpoint`.
#[derive(Deserialize, Debug, Default)]
pub struct DnsEntry {
    pub dns_name: Option<String>,
}

/// `aws_vpc_endpoint_policy`
#[derive(Deserialize, Debug, Default)]
pub struct EndpointPolicy {
    pub id: Option<String>,
    pub vpc_endpoint_id: Option<String>,
    pub policy: Option<String>,
}

/// `aws_vpc_endpoint_subnet_association`
#[derive(Deserialize, Debug, Default)]
pub struct EndpointSubnetAssociation {
    pub id: Option<String>,
    pub vpc_endpoint_id: Option<String>,
    pub subnet_id: Option<String>,
}

/// `aws_vpc_endpoint_service`
#[derive(Deserialize, Debug, Default)]
pub struct EndpointService {
    pub id: Option<String>,
    pub service_name: Option<String>,
    pub acceptance_required: Option<bool>,
    pub private_dns_name: Option<String>,
    pub state: Option<String>,
    pub availability_zones: Option<Vec<String>>,
    pub network_load_balancer_arns: Option<Vec<String>>,
    pub allowed_principals: Option<Vec<String>>,
    #[serde(default)]
    pub tags: TagMap,
}

/// `aws_vpc_endpoint_service_allowed_principal`
#[derive(Deserialize, Debug, Default)]
pub struct AllowedPrincipal {
    pub id: Option<String>,
    pub vpc_endpoint_service_id: Option<String>,
    pub principal_arn: Option<String>,
}

/// `aws_vpc_peering_connection`
#[derive(Deserialize, Debug, Default)]
pub struct Peering {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub peer_vpc_id: Option<String>,
    pub peer_owner_id: Option<String>,
    pub peer_region: Option<String>,
    pub accept_status: Option<String>,
    pub auto_accept: Option<bool>,
    #[serde(default)]
    pub tags: TagMap,
}

/// `aws_api_gateway_rest_api`
#[derive(Deserialize, Debug, Default)]
pub struct RestApi {
    pub id: Option<String>,
    pub name: Option<String>,
    pub policy: Option<String>,
    pub endpoint_configuration: Option<Vec<EndpointConfiguration>>,
    #[serde(default)]
    pub tags: TagMap,
}

/// The `endpoint_configuration` block of `aws_api_gateway_rest_api`.
#[derive(Deserialize, Debug, Default)]
pub struct EndpointConfiguration {
    pub types: Option<Vec<String>>,
    pub vpc_endpoint_ids: Option<Vec<String>>,
}

/// `aws_api_gateway_rest_api_policy`
#[derive(Deserialize, Debug, Default)]
pub struct RestApiPolicy {
    pub id: Option<String>,
    pub rest_api_id: Option<String>,
    pub policy: Option<String>,
}

/// `aws_route53_zone`, and its data source (which has `private_zone` and, as its query, the
/// `vpc_id` of one VPC associated with it, instead of `vpc` blocks).
#[derive(Deserialize, Debug, Default)]
pub struct Zone {
    pub id: Option<String>,
    pub zone_id: Option<String>,
    pub name: Option<String>,
    pub vpc: Option<Vec<ZoneVpcBlock>>,
    pub private_zone: Option<bool>,
    pub vpc_id: Option<String>,
}

/// One `vpc` block of `aws_route53_zone`.
#[derive(Deserialize, Debug, Default)]
pub struct ZoneVpcBlock {
    pub vpc_id: Option<String>,
    pub vpc_region: Option<String>,
}

/// `aws_route53_zone_association`
#[derive(Deserialize, Debug, Default)]
pub struct ZoneAssociation {
    pub id: Option<String>,
    pub zone_id: Option<String>,
    pub vpc_id: Option<String>,
    pub vpc_region: Option<String>,
}

/// `aws_route53_record`
#[derive(Deserialize, Debug, Default)]
pub struct Record {
    pub id: Option<String>,
    pub zone_id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub record_type: Option<String>,
    pub records: Option<Vec<String>>,
    pub alias: Option<Vec<AliasBlock>>,
}

/// The `alias` block of `aws_route53_record`.
#[derive(Deserialize, Debug, Default)]
pub struct AliasBlock {
    pub name: Option<String>,
    pub zone_id: Option<String>,
}

/// `aws_route53_resolver_rule`, and its data source (which has no `target_ip`).
#[derive(Deserialize, Debug, Default)]
pub struct ResolverRule {
    pub id: Option<String>,
    pub name: Option<String>,
    pub domain_name: Option<String>,
    pub rule_type: Option<String>,
    pub resolver_endpoint_id: Option<String>,
    pub target_ip: Option<Vec<TargetIp>>,
    pub owner_id: Option<String>,
}

/// One `target_ip` block of `aws_route53_resolver_rule`.
#[derive(Deserialize, Debug, Default)]
pub struct TargetIp {
    pub ip: Option<String>,
    pub ipv6: Option<String>,
    pub port: Option<i64>,
}

/// `aws_route53_resolver_rule_association`
#[derive(Deserialize, Debug, Default)]
pub struct RuleAssociation {
    pub id: Option<String>,
    pub resolver_rule_id: Option<String>,
    pub vpc_id: Option<String>,
}

/// `aws_vpc_dhcp_options`, and its data source.
#[derive(Deserialize, Debug, Default)]
pub struct DhcpOptions {
    pub id: Option<String>,
    pub owner_id: Option<String>,
    pub domain_name_servers: Option<Vec<String>>,
}

/// `aws_ec2_transit_gateway`: whether attachments join its default route table, and the table.
#[derive(Deserialize, Debug, Default)]
pub struct TransitGateway {
    pub id: Option<String>,
    pub owner_id: Option<String>,
    /// `enable` (the default) or `disable`.
    pub default_route_table_association: Option<String>,
    pub default_route_table_propagation: Option<String>,
    pub association_default_route_table_id: Option<String>,
    pub propagation_default_route_table_id: Option<String>,
}

/// `aws_ec2_transit_gateway_vpc_attachment`
#[derive(Deserialize, Debug, Default)]
pub struct TgwVpcAttachment {
    pub id: Option<String>,
    pub transit_gateway_id: Option<String>,
    pub vpc_id: Option<String>,
    pub vpc_owner_id: Option<String>,
    /// Whether the attachment joins the gateway's default route table (the provider's default:
    /// true).
    pub transit_gateway_default_route_table_association: Option<bool>,
    pub transit_gateway_default_route_table_propagation: Option<bool>,
}

/// `aws_ec2_transit_gateway_route_table`
#[derive(Deserialize, Debug, Default)]
pub struct TgwRouteTable {
    pub id: Option<String>,
    pub transit_gateway_id: Option<String>,
}

/// `aws_ec2_transit_gateway_route`
#[derive(Deserialize, Debug, Default)]
pub struct TgwRoute {
    pub id: Option<String>,
    pub destination_cidr_block: Option<String>,
    pub transit_gateway_attachment_id: Option<String>,
    pub transit_gateway_route_table_id: Option<String>,
    pub blackhole: Option<bool>,
}

/// `aws_ec2_transit_gateway_route_table_association` and `_propagation`.
#[derive(Deserialize, Debug, Default)]
pub struct TgwTableLink {
    pub id: Option<String>,
    pub transit_gateway_attachment_id: Option<String>,
    pub transit_gateway_route_table_id: Option<String>,
    pub resource_id: Option<String>,
    pub resource_type: Option<String>,
}

/// `aws_vpc_dhcp_options_association`
#[derive(Deserialize, Debug, Default)]
pub struct DhcpAssociation {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub dhcp_options_id: Option<String>,
}

/// `data "aws_route_table"`: the provider lists the routes (without the `local` ones) and the
/// associations AWS describes.
#[derive(Deserialize, Debug, Default)]
pub struct DataRouteTable {
    pub id: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub routes: Option<Vec<RouteBlock>>,
    pub associations: Option<Vec<RouteTableAssociationBlock>>,
    #[serde(default)]
    pub tags: TagMap,
}

/// One of the `associations` of `data "aws_route_table"`.
#[derive(Deserialize, Debug, Default)]
pub struct RouteTableAssociationBlock {
    pub subnet_id: Option<String>,
    pub main: Option<bool>,
}

/// `data "aws_vpc_endpoint_service"`: what `describe-vpc-endpoint-services` says of a service.
/// Its `id` is a hash of the name, not the service's id (`service_id`).
#[derive(Deserialize, Debug, Default)]
pub struct DataEndpointService {
    pub service_id: Option<String>,
    pub service_name: Option<String>,
    pub service_type: Option<String>,
    pub owner: Option<String>,
    pub acceptance_required: Option<bool>,
    pub vpc_endpoint_policy_supported: Option<bool>,
    pub private_dns_name: Option<String>,
    /// Newer providers list every private DNS name as well.
    pub private_dns_names: Option<Vec<String>>,
    pub availability_zones: Option<Vec<String>>,
    pub supported_ip_address_types: Option<Vec<String>>,
}

/// The ids of a data source: `id`, and the list `ids` of the plural ones (`data.aws_subnets`).
#[derive(Deserialize, Debug, Default)]
pub struct DataIds {
    pub id: Option<String>,
    pub ids: Option<Vec<String>>,
}

/// An Aiven service (`aiven_kafka`, `aiven_pg`, …; the Aiven provider's attributes).
#[derive(Debug, Default)]
pub struct AivenService {
    /// The service type its resource type creates.
    pub service_type: &'static str,
    pub id: Option<String>,
    pub service_name: Option<String>,
    pub cloud_name: Option<String>,
    pub state: Option<String>,
    pub components: Option<Vec<AivenComponent>>,
    /// `<service type>_user_config` (a list of at most one block).
    pub user_config: Option<Vec<AivenUserConfig>>,
}

/// One of an Aiven service's `components`.
#[derive(Deserialize, Debug, Default)]
pub struct AivenComponent {
    pub component: Option<String>,
    pub host: Option<String>,
    pub port: Option<i64>,
    pub route: Option<String>,
    pub usage: Option<String>,
}

/// The `<service type>_user_config` block, of which only `privatelink_access` is read.
#[derive(Deserialize, Debug, Default)]
pub struct AivenUserConfig {
    /// A list of at most one block: each component and whether PrivateLink access is on
    /// (`null` when unset; older providers write booleans as strings).
    pub privatelink_access: Option<Vec<BTreeMap<String, serde_json::Value>>>,
}

/// Reads an Aiven service's values; the user config's name depends on the type.
struct AivenServiceVisitor(&'static str);

impl<'de> serde::de::Visitor<'de> for AivenServiceVisitor {
    type Value = AivenService;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the values of an Aiven service")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<AivenService, A::Error> {
        let mut a = AivenService {
            service_type: self.0,
            ..AivenService::default()
        };
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => a.id = map.next_value()?,
                "service_name" => a.service_name = map.next_value()?,
                "cloud_name" => a.cloud_name = map.next_value()?,
                "state" => a.state = map.next_value()?,
                "components" => a.components = map.next_value()?,
                k if k.strip_suffix("_user_config") == Some(self.0) => {
                    a.user_config = map.next_value()?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(a)
    }
}

/// `aiven_aws_privatelink`
#[derive(Deserialize, Debug, Default)]
pub struct AivenPrivatelink {
    pub id: Option<String>,
    pub service_name: Option<String>,
    pub aws_service_id: Option<String>,
    pub aws_service_name: Option<String>,
    pub principals: Option<Vec<String>>,
    pub state: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::{AIVEN_SERVICES, DATA_SOURCES};

    /// The README's Terraform section, whose bullets say what a plan is read for.
    fn terraform_section() -> &'static str {
        let readme = include_str!("../../../README.md");
        let start = readme.find("## Terraform plans").unwrap_or(0);
        let end = readme[start..]
            .find("\n## ")
            .map_or(readme.len(), |e| start + e);
        &readme[start..end]
    }

    /// The backticked names of a bullet that begin with `prefix`, in order.
    fn named(bullet: &str, prefix: &str) -> Vec<String> {
        bullet
            .split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|n| n.strip_prefix(prefix).map(|_| n.to_owned()))
            .collect()
    }

    fn bullet(title: &str) -> &'static str {
        let section = terraform_section();
        let start = section.find(title).unwrap_or(0);
        let rest = &section[start..];
        let end = rest.find("\n- ").unwrap_or(rest.len());
        &rest[..end]
    }

    #[test]
    fn readme_lists_the_data_sources_read() {
        let listed = named(bullet("**Data sources**"), "data \"");
        let read: Vec<String> = DATA_SOURCES
            .iter()
            .map(|t| format!("data \"{t}\""))
            .collect();
        assert_eq!(
            listed.get(..read.len()),
            Some(read.as_slice()),
            "{listed:?}"
        );
    }

    #[test]
    fn readme_lists_the_aiven_types_read() {
        // Type names only, not the references the bullet shows.
        let listed: Vec<String> = named(bullet("**Aiven**"), "aiven_")
            .into_iter()
            .filter(|n| n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
            .collect();
        let mut read: Vec<String> = AIVEN_SERVICES
            .iter()
            .map(|(t, _)| (*t).to_owned())
            .collect();
        read.push("aiven_aws_privatelink".into());
        let mut sorted = listed.clone();
        sorted.sort();
        sorted.dedup();
        read.sort();
        assert_eq!(sorted, read, "{listed:?}");
    }
}
