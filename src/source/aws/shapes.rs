//! The SDK's output types written back as the AWS CLI prints them: PascalCase members, absent
//! members left out. Only the members the export loader reads are written, plus the ids and
//! names that make a snapshot readable; the loader ignores anything else, so a member added here
//! later changes no finding.
//!
//! One conversion serves every kind: [`shapes!`] lists a type's members by their SDK getters,
//! and [`Member`] writes whatever a getter returns (text, number, flag, enum, nested shape or
//! list of them). A new kind, or a new member, joins with a line.

use aws_sdk_apigateway::types as ag;
use aws_sdk_ec2::types as t;
use aws_sdk_elasticloadbalancingv2::types as lb;
use aws_sdk_organizations::types as og;
use aws_sdk_route53::types as r53;
use aws_sdk_route53resolver::types as rr;
use serde_json::{Map, Value};

/// A value of the SDK written as the AWS CLI writes it.
pub(super) trait Cli {
    /// Its JSON.
    fn cli(&self) -> Value;
}

/// What a getter returns, written as a member's value; `None` leaves the member out, as the CLI
/// does for an absent value (lists are written even when empty, as the CLI does).
trait Member {
    fn member(self) -> Option<Value>;
}

impl Member for Option<&str> {
    fn member(self) -> Option<Value> {
        self.map(Value::from)
    }
}

impl Member for &str {
    fn member(self) -> Option<Value> {
        Some(Value::from(self))
    }
}

impl Member for bool {
    fn member(self) -> Option<Value> {
        Some(Value::from(self))
    }
}

impl Member for Option<i64> {
    fn member(self) -> Option<Value> {
        self.map(Value::from)
    }
}

/// A nested shape or enum the SDK always returns (Route 53's required members).
impl<T: Cli> Member for &T {
    fn member(self) -> Option<Value> {
        Some(self.cli())
    }
}

impl Member for Option<bool> {
    fn member(self) -> Option<Value> {
        self.map(Value::from)
    }
}

impl Member for Option<i32> {
    fn member(self) -> Option<Value> {
        self.map(Value::from)
    }
}

impl<T: Cli> Member for Option<&T> {
    fn member(self) -> Option<Value> {
        self.map(Cli::cli)
    }
}

impl<T: Cli> Member for &[T] {
    fn member(self) -> Option<Value> {
        Some(Value::Array(self.iter().map(Cli::cli).collect()))
    }
}

/// A map of tags (API Gateway's `tags`), written with its keys sorted.
impl Member for Option<&std::collections::HashMap<String, String>> {
    fn member(self) -> Option<Value> {
        self.map(|tags| {
            let sorted: std::collections::BTreeMap<&String, &String> = tags.iter().collect();
            Value::Object(
                sorted
                    .into_iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect(),
            )
        })
    }
}

impl Cli for String {
    fn cli(&self) -> Value {
        Value::from(self.as_str())
    }
}

/// `vpc_endpoint_id` → `VpcEndpointId`: the SDK's getters are the snake case of the CLI's keys.
fn pascal(getter: &str) -> String {
    getter
        .split('_')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// Each SDK type with the getters of the members written, in the CLI's key order; a key the
/// snake case does not spell (`DNSName`) is given with `as`.
macro_rules! shapes {
    ($($ty:ty { $($getter:ident $(as $key:literal)?),* $(,)? })*) => {$(
        impl Cli for $ty {
            fn cli(&self) -> Value {
                let mut map = Map::new();
                $(
                    if let Some(v) = Member::member(self.$getter()) {
                        let key = shapes!(@key $getter $($key)?);
                        map.insert(key, v);
                    }
                )*
                Value::Object(map)
            }
        }
    )*};
    (@key $getter:ident $key:literal) => { $key.to_owned() };
    (@key $getter:ident) => { pascal(stringify!($getter)) };
}

/// SDK enums, written as the string AWS sent.
macro_rules! enums {
    ($($ty:ty),* $(,)?) => {$(
        impl Cli for $ty {
            fn cli(&self) -> Value {
                Value::from(self.as_str())
            }
        }
    )*};
}

enums!(
    lb::LoadBalancerSchemeEnum,
    lb::LoadBalancerStateEnum,
    lb::ProtocolEnum,
    t::VpcState,
    t::VpcCidrBlockStateCode,
    t::SubnetCidrBlockStateCode,
    t::RuleAction,
    t::RouteOrigin,
    t::RouteState,
    t::NetworkInterfaceType,
    t::VpcEndpointType,
    t::State,
    t::ServiceType,
    t::ServiceState,
    t::PrincipalType,
    t::VpcPeeringConnectionStateReasonCode,
    t::AvailabilityZoneState,
    t::IpAddressType,
    t::DnsRecordIpType,
    t::ServiceConnectivityType,
    t::TransitGatewayState,
    t::TransitGatewayAttachmentResourceType,
    t::TransitGatewayAttachmentState,
    t::TransitGatewayAssociationState,
    t::TransitGatewayRouteTableState,
    t::TransitGatewayRouteType,
    t::TransitGatewayRouteState,
    t::TransitGatewayPropagationState,
    r53::VpcRegion,
    r53::RrType,
    rr::ResolverRuleStatus,
    rr::RuleTypeOption,
    rr::ShareStatus,
    rr::ResolverRuleAssociationStatus,
    rr::ResolverEndpointDirection,
    rr::ResolverEndpointStatus,
);

shapes! {
    t::Tag { key, value }
    t::VpcCidrBlockState { state }
    t::SubnetCidrBlockState { state }
    t::Vpc {
        vpc_id, owner_id, cidr_block, state, cidr_block_association_set,
        ipv6_cidr_block_association_set, is_default, dhcp_options_id, tags,
    }
    t::VpcCidrBlockAssociation { association_id, cidr_block, cidr_block_state }
    t::VpcIpv6CidrBlockAssociation { association_id, ipv6_cidr_block, ipv6_cidr_block_state }
    t::Subnet {
        subnet_id, vpc_id, owner_id, cidr_block, ipv6_cidr_block_association_set,
        availability_zone, availability_zone_id, subnet_arn, tags,
    }
    t::SubnetIpv6CidrBlockAssociation { association_id, ipv6_cidr_block, ipv6_cidr_block_state }
    t::SecurityGroup {
        group_id, group_name, description, vpc_id, owner_id, security_group_arn, ip_permissions,
        ip_permissions_egress, tags,
    }
    t::IpPermission {
        ip_protocol, from_port, to_port, ip_ranges, ipv6_ranges, prefix_list_ids,
        user_id_group_pairs,
    }
    t::IpRange { cidr_ip, description }
    t::Ipv6Range { cidr_ipv6, description }
    t::PrefixListId { prefix_list_id, description }
    t::UserIdGroupPair { group_id, user_id, description }
    t::NetworkAcl { network_acl_id, vpc_id, owner_id, is_default, entries, associations, tags }
    t::NetworkAclEntry {
        rule_number, egress, protocol, rule_action, cidr_block, ipv6_cidr_block, port_range,
    }
    t::PortRange { from, to }
    t::NetworkAclAssociation { network_acl_association_id, subnet_id }
    t::RouteTable { route_table_id, vpc_id, owner_id, associations, routes, tags }
    t::RouteTableAssociation { main, route_table_association_id, subnet_id, gateway_id }
    t::Route {
        destination_cidr_block, destination_ipv6_cidr_block, destination_prefix_list_id,
        gateway_id, vpc_peering_connection_id, nat_gateway_id, transit_gateway_id,
        network_interface_id, instance_id, egress_only_internet_gateway_id, local_gateway_id,
        carrier_gateway_id, core_network_arn, origin, state,
    }
    t::NetworkInterface {
        network_interface_id, subnet_id, vpc_id, owner_id, availability_zone, description,
        private_ip_address, private_ip_addresses, ipv6_addresses, groups, interface_type, tag_set,
    }
    t::NetworkInterfacePrivateIpAddress { private_ip_address, primary }
    t::NetworkInterfaceIpv6Address { ipv6_address }
    t::GroupIdentifier { group_id, group_name }
    t::SecurityGroupIdentifier { group_id, group_name }
    t::VpcEndpoint {
        vpc_endpoint_id, vpc_endpoint_type, vpc_id, service_name, owner_id, state, last_error,
        policy_document, route_table_ids, subnet_ids, groups, ip_address_type, dns_options,
        private_dns_enabled, network_interface_ids, dns_entries, tags,
    }
    t::DnsOptions { dns_record_ip_type, private_dns_only_for_inbound_resolver_endpoint }
    t::DnsEntry { dns_name, hosted_zone_id }
    t::LastError { code, message }
    t::ServiceDetail {
        service_name, service_id, service_type, availability_zone_ids, availability_zones, owner,
        private_dns_name, private_dns_names, vpc_endpoint_policy_supported, acceptance_required,
        supported_ip_address_types,
    }
    t::ServiceTypeDetail { service_type }
    t::PrivateDnsDetails { private_dns_name }
    t::ServiceConfiguration {
        service_id, service_name, service_state, acceptance_required, private_dns_name,
        availability_zones, network_load_balancer_arns, tags,
    }
    t::AllowedPrincipal { principal, principal_type, service_id, service_permission_id }
    t::VpcEndpointConnection { service_id, vpc_endpoint_id, vpc_endpoint_owner, vpc_endpoint_state }
    t::VpcPeeringConnection {
        vpc_peering_connection_id, requester_vpc_info, accepter_vpc_info, status, tags,
    }
    t::VpcPeeringConnectionVpcInfo {
        vpc_id, owner_id, region, cidr_block, cidr_block_set, ipv6_cidr_block_set,
    }
    t::CidrBlock { cidr_block }
    t::Ipv6CidrBlock { ipv6_cidr_block }
    t::VpcPeeringConnectionStateReason { code, message }
    t::AvailabilityZone { zone_name, zone_id, region_name, state, zone_type }
    t::PrefixList { prefix_list_id, prefix_list_name, cidrs }
    t::DhcpOptions { dhcp_options_id, owner_id, dhcp_configurations, tags }
    t::TransitGateway { transit_gateway_id, transit_gateway_arn, state, owner_id, description, tags }
    t::TransitGatewayAttachment {
        transit_gateway_attachment_id, transit_gateway_id, transit_gateway_owner_id,
        resource_owner_id, resource_type, resource_id, state, association, tags,
    }
    t::TransitGatewayAttachmentAssociation { transit_gateway_route_table_id, state }
    t::TransitGatewayRouteTable {
        transit_gateway_route_table_id, transit_gateway_id, state, default_association_route_table,
        default_propagation_route_table, tags,
    }
    t::TransitGatewayRoute {
        destination_cidr_block, prefix_list_id, transit_gateway_attachments, r#type as "Type",
        state,
    }
    t::TransitGatewayRouteAttachment { resource_id, transit_gateway_attachment_id, resource_type }
    t::TransitGatewayRouteTableAssociation {
        transit_gateway_attachment_id, resource_id, resource_type, state,
    }
    t::TransitGatewayRouteTablePropagation {
        transit_gateway_attachment_id, resource_id, resource_type, state,
    }
    r53::HostedZone { id, name, caller_reference, config, resource_record_set_count }
    r53::HostedZoneConfig { comment, private_zone }
    r53::Vpc { vpc_region as "VPCRegion", vpc_id as "VPCId" }
    r53::ResourceRecordSet {
        name, r#type as "Type", set_identifier, ttl as "TTL", resource_records, alias_target,
    }
    r53::ResourceRecord { value }
    r53::AliasTarget { hosted_zone_id, dns_name as "DNSName", evaluate_target_health }
    rr::ResolverRule {
        id, arn, domain_name, status, rule_type, name, target_ips, resolver_endpoint_id, owner_id,
        share_status,
    }
    rr::TargetAddress { ip, port, ipv6 }
    rr::ResolverRuleAssociation { id, resolver_rule_id, name, vpc_id as "VPCId", status }
    rr::ResolverEndpoint {
        id, name, arn, security_group_ids, direction, ip_address_count, host_vpc_id as "HostVPCId",
        status,
    }
    t::DhcpConfiguration { key, values }
    t::AttributeValue { value }
    lb::LoadBalancer { load_balancer_arn, load_balancer_name, vpc_id, scheme, state }
    lb::LoadBalancerState { code, reason }
    lb::Listener { listener_arn, load_balancer_arn, port, protocol }
}

enums!(ag::EndpointType);

// API Gateway writes its members in camel case, as `aws apigateway get-rest-apis` prints them.
shapes! {
    ag::RestApi {
        id as "id", name as "name", endpoint_configuration as "endpointConfiguration",
        policy as "policy", tags as "tags",
    }
    ag::EndpointConfiguration { types as "types", vpc_endpoint_ids as "vpcEndpointIds" }
}

enums!(og::AccountStatus, og::AccountState, og::AccountJoinedMethod);

shapes! {
    og::Account { id, arn, name, status, state, joined_method }
}

/// One VPC's DNS attributes as a describe-vpc-attribute output.
pub(super) fn vpc_attribute(vpc_id: &str, name: &str, value: Option<bool>) -> Value {
    let mut map = Map::new();
    map.insert("VpcId".to_owned(), Value::from(vpc_id));
    if let Some(v) = value {
        let mut attribute = Map::new();
        attribute.insert("Value".to_owned(), Value::from(v));
        map.insert(name.to_owned(), Value::Object(attribute));
    }
    Value::Object(map)
}

/// A permission; describe-vpc-endpoint-service-permissions does not always name the service,
/// so the service it was asked for is written when the answer has none.
pub(super) fn allowed_principal(x: &t::AllowedPrincipal, service_id: &str) -> Value {
    let mut v = x.cli();
    if let Value::Object(map) = &mut v {
        map.entry("ServiceId")
            .or_insert_with(|| Value::from(service_id));
    }
    v
}

/// `{"KEY": [items]}`: one describe call's output.
pub(super) fn document(key: &str, items: Vec<Value>) -> Value {
    let mut map = Map::new();
    map.insert(key.to_owned(), Value::Array(items));
    Value::Object(map)
}

/// Pretty-prints as the AWS CLI does (`json.dumps(indent=4)` plus a newline).
pub(super) fn to_text(v: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    if serde::Serialize::serialize(v, &mut ser).is_err() {
        return String::new();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// moto cannot serve an account that offers services (it lacks
    /// DescribeVpcEndpointConnections), so the live test never reads a listener: its shape is
    /// checked here against what `aws elbv2 describe-listeners` prints.
    #[test]
    fn listeners_and_load_balancers_as_the_cli_prints_them() {
        let l = lb::Listener::builder()
            .listener_arn("arn:aws:elasticloadbalancing:eu-west-1:1:listener/net/k/1/2")
            .load_balancer_arn("arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/k/1")
            .port(9094)
            .protocol(lb::ProtocolEnum::Tls)
            .build();
        assert_eq!(
            l.cli(),
            serde_json::json!({
                "ListenerArn": "arn:aws:elasticloadbalancing:eu-west-1:1:listener/net/k/1/2",
                "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/k/1",
                "Port": 9094,
                "Protocol": "TLS"
            })
        );
        let b = lb::LoadBalancer::builder()
            .load_balancer_arn("arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/k/1")
            .load_balancer_name("k")
            .state(
                lb::LoadBalancerState::builder()
                    .code(lb::LoadBalancerStateEnum::Active)
                    .build(),
            )
            .build();
        assert_eq!(
            b.cli(),
            serde_json::json!({
                "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/k/1",
                "LoadBalancerName": "k",
                "State": {"Code": "active"}
            })
        );
    }
}
