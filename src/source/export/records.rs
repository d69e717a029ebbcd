//! The AWS CLI and Aiven CLI output shapes, as serde types. Only the members vpclint uses are
//! declared; every other member is ignored, since AWS adds fields over time.
//!
//! The input schemas are derived from these types (see `schemas`): the doc comments of the types
//! and their members are the schemas' descriptions, written for users, and `schemars` attributes
//! say what the loader checks beyond serde (members it requires, CIDR blocks, ports).

use schemars::JsonSchema;
use serde::Deserialize;

/// What an IPv4 CIDR block looks like: a dotted quad (octets 0-255, no leading zeros) and a prefix
/// length /0-/32. The loader parses each block and says what is wrong; the schema says it at once,
/// in an editor too.
const IPV4_CIDR: &str = "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$";

/// What an IPv6 CIDR block looks like: an IPv6 address and a prefix length /0-/128.
const IPV6_CIDR: &str = "^[0-9a-fA-F:.]+/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$";

/// Describes a tag.
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// The key of the tag (case-sensitive; `Name` gives the console name).
    pub key: String,
    /// The value of the tag.
    #[serde(default)]
    pub value: String,
}

/// Describes the state of a CIDR block.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrState {
    /// The state of the CIDR block. Known values: associating, associated, disassociating,
    /// disassociated, failing, failed.
    pub state: Option<String>,
}

/// Describes an IPv4 CIDR block associated with a VPC.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrAssoc {
    /// The association ID for the IPv4 CIDR block.
    pub association_id: Option<String>,
    /// The IPv4 CIDR block, e.g. 10.0.0.0/16.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_block: Option<String>,
    /// Information about the state of the CIDR block.
    pub cidr_block_state: Option<CidrState>,
}

/// Describes an IPv6 CIDR block associated with a VPC or a subnet.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrAssoc {
    /// The association ID for the IPv6 CIDR block.
    pub association_id: Option<String>,
    /// The IPv6 CIDR block, e.g. 2600:1f18:abcd:1200::/56.
    #[schemars(pattern(IPV6_CIDR))]
    pub ipv6_cidr_block: Option<String>,
    /// Information about the state of the CIDR block.
    pub ipv6_cidr_block_state: Option<CidrState>,
}

/// Describes a VPC.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    /// The ID of the VPC.
    pub vpc_id: String,
    /// The ID of the Amazon Web Services account that owns the VPC.
    pub owner_id: Option<String>,
    /// The primary IPv4 CIDR block of the VPC, e.g. 10.0.0.0/16.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_block: Option<String>,
    /// The IPv4 CIDR blocks associated with the VPC: the primary one and any secondary ones.
    #[serde(default)]
    pub cidr_block_association_set: Vec<CidrAssoc>,
    /// Information about the IPv6 CIDR blocks associated with the VPC.
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssoc>,
    /// Indicates whether the VPC is the default VPC.
    #[serde(default)]
    pub is_default: bool,
    /// The ID of the set of DHCP options associated with the VPC, or `default` for none.
    pub dhcp_options_id: Option<String>,
    /// Any tags assigned to the VPC.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes a value for a resource attribute that is a Boolean value.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct BoolValue {
    /// The attribute value: true or false.
    #[schemars(required)]
    pub value: Option<bool>,
}

/// One object of the unmodified output of `aws ec2 describe-vpc-attribute --vpc-id VPC --attribute
/// enableDnsSupport|enableDnsHostnames --output json`: the VPC id and one DNS attribute. A file may
/// hold one such object or an array of them; this schema applies to each object. Unknown members
/// are accepted.
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(rename_all = "PascalCase")]
// Optional to serde so that the loader can say which is missing, with its place.
#[schemars(extend("anyOf" = [{"required": ["EnableDnsSupport"]}, {"required": ["EnableDnsHostnames"]}]))]
pub struct VpcAttribute {
    /// The ID of the VPC the attribute belongs to.
    #[schemars(required)]
    pub vpc_id: Option<String>,
    /// Whether DNS resolution through the Amazon-provided DNS server is enabled for the VPC (output
    /// of `--attribute enableDnsSupport`).
    pub enable_dns_support: Option<BoolValue>,
    /// Whether instances launched in the VPC get public DNS hostnames (output of `--attribute
    /// enableDnsHostnames`); private DNS of interface endpoints needs it.
    pub enable_dns_hostnames: Option<BoolValue>,
}

/// Describes a subnet.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Subnet {
    /// The ID of the subnet.
    pub subnet_id: String,
    /// The ID of the VPC the subnet is in.
    pub vpc_id: String,
    /// The ID of the Amazon Web Services account that owns the subnet.
    pub owner_id: Option<String>,
    /// The IPv4 CIDR block of the subnet, e.g. 10.0.1.0/24.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_block: Option<String>,
    /// Information about the IPv6 CIDR blocks associated with the subnet.
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssoc>,
    /// The name of the Availability Zone of the subnet, e.g. eu-west-1a.
    pub availability_zone: String,
    /// The ID of the Availability Zone of the subnet, e.g. euw1-az1 (the same physical zone in
    /// every account).
    pub availability_zone_id: Option<String>,
    /// The Amazon Resource Name (ARN) of the subnet.
    pub subnet_arn: Option<String>,
    /// Any tags assigned to the subnet.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes an IPv4 address range.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct IpRange {
    /// The IPv4 address range, in CIDR notation, e.g. 10.0.0.0/16.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_ip: Option<String>,
}

/// Describes an IPv6 address range.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Range {
    /// The IPv6 address range, in CIDR notation, e.g. ::/0.
    #[schemars(pattern(IPV6_CIDR))]
    pub cidr_ipv6: Option<String>,
}

/// Describes a prefix list ID.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListId {
    /// The ID of the prefix.
    pub prefix_list_id: Option<String>,
}

/// Describes a security group and Amazon Web Services account ID pair.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GroupPair {
    /// The ID of the security group.
    pub group_id: Option<String>,
}

/// Describes the permissions for a security group rule.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct IpPermission {
    /// The IP protocol name (tcp, udp, icmp, icmpv6) or number, as a string; -1 means all protocols
    /// (and all ports).
    pub ip_protocol: String,
    /// Start of the port range for TCP/UDP, or the ICMP type for ICMP/ICMPv6; -1 means all. Absent
    /// when IpProtocol is -1.
    pub from_port: Option<i32>,
    /// End of the port range for TCP/UDP, or the ICMP code for ICMP/ICMPv6; -1 means all. Absent
    /// when IpProtocol is -1.
    pub to_port: Option<i32>,
    /// The IPv4 address ranges the rule allows.
    #[serde(default)]
    pub ip_ranges: Vec<IpRange>,
    /// The IPv6 address ranges the rule allows.
    #[serde(default)]
    pub ipv6_ranges: Vec<Ipv6Range>,
    /// The managed prefix lists the rule allows.
    #[serde(default)]
    pub prefix_list_ids: Vec<PrefixListId>,
    /// The security groups the rule allows (source for inbound rules, destination for outbound
    /// rules).
    #[serde(default)]
    pub user_id_group_pairs: Vec<GroupPair>,
}

/// Describes a security group.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    /// The ID of the security group.
    pub group_id: String,
    /// The name of the security group.
    #[serde(default)]
    pub group_name: String,
    /// The ID of the VPC for the security group.
    pub vpc_id: Option<String>,
    /// The Amazon Web Services account ID of the owner of the security group.
    pub owner_id: Option<String>,
    /// The ARN of the security group.
    pub security_group_arn: Option<String>,
    /// The inbound rules of the security group.
    #[serde(default)]
    pub ip_permissions: Vec<IpPermission>,
    /// The outbound rules of the security group.
    #[serde(default)]
    pub ip_permissions_egress: Vec<IpPermission>,
    /// Any tags assigned to the security group.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes the security group that is referenced in the security group rule.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ReferencedGroup {
    /// The ID of the security group.
    pub group_id: Option<String>,
}

/// Describes a security group rule.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroupRule {
    /// The ID of the security group rule.
    pub security_group_rule_id: String,
    /// The ID of the security group.
    pub group_id: String,
    /// The ID of the Amazon Web Services account that owns the security group.
    pub group_owner_id: Option<String>,
    /// Indicates whether the security group rule is an outbound rule.
    pub is_egress: bool,
    /// The IP protocol name (tcp, udp, icmp, icmpv6) or number, as a string; -1 means all protocols
    /// (and all ports).
    pub ip_protocol: String,
    /// Start of the port range for TCP/UDP, or the ICMP type for ICMP/ICMPv6; -1 means all.
    pub from_port: Option<i32>,
    /// End of the port range for TCP/UDP, or the ICMP code for ICMP/ICMPv6; -1 means all.
    pub to_port: Option<i32>,
    /// The IPv4 range the rule allows (source for inbound rules, destination for outbound rules),
    /// in CIDR notation.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_ipv4: Option<String>,
    /// The IPv6 range the rule allows (source for inbound rules, destination for outbound rules),
    /// in CIDR notation.
    #[schemars(pattern(IPV6_CIDR))]
    pub cidr_ipv6: Option<String>,
    /// The ID of the managed prefix list the rule allows.
    pub prefix_list_id: Option<String>,
    /// The security group the rule allows, when the rule references a group rather than an address
    /// range.
    pub referenced_group_info: Option<ReferencedGroup>,
}

/// Describes an association between a network ACL and a subnet.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NaclAssociation {
    /// The ID of the subnet.
    pub subnet_id: Option<String>,
}

/// Describes a range of ports.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PortRange {
    /// The first port in the range.
    pub from: Option<i32>,
    /// The last port in the range.
    pub to: Option<i32>,
}

/// Describes an entry in a network ACL.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NaclEntry {
    /// The rule number; entries are evaluated in increasing order. 32767 is the default entry that
    /// denies what no other entry matched.
    pub rule_number: i32,
    /// true for an outbound entry (traffic leaving the subnet), false for an inbound entry.
    pub egress: bool,
    /// The protocol number, as a string (6 tcp, 17 udp, 1 icmp, 58 icmpv6); -1 means all protocols.
    pub protocol: String,
    /// Whether the entry allows or denies the traffic it matches: allow or deny.
    // The loader knows no other action.
    #[schemars(extend("enum" = ["allow", "deny"]))]
    pub rule_action: String,
    /// The IPv4 network range the entry applies to, in CIDR notation, e.g. 10.0.0.0/16.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_block: Option<String>,
    /// The IPv6 network range the entry applies to, in CIDR notation, e.g. ::/0.
    #[schemars(pattern(IPV6_CIDR))]
    pub ipv6_cidr_block: Option<String>,
    /// TCP/UDP only: the range of ports the entry applies to.
    pub port_range: Option<PortRange>,
}

/// Describes a network ACL.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAcl {
    /// The ID of the network ACL.
    pub network_acl_id: String,
    /// The ID of the VPC for the network ACL.
    pub vpc_id: String,
    /// The ID of the Amazon Web Services account that owns the network ACL.
    pub owner_id: Option<String>,
    /// Indicates whether this is the default network ACL for the VPC.
    #[serde(default)]
    pub is_default: bool,
    /// The entries (rules) in the network ACL.
    #[serde(default)]
    pub entries: Vec<NaclEntry>,
    /// Any associations between the network ACL and your subnets.
    #[serde(default)]
    pub associations: Vec<NaclAssociation>,
    /// Any tags assigned to the network ACL.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes an association between a route table and a subnet or gateway.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RouteAssociation {
    /// Indicates whether this is the main route table.
    #[serde(default)]
    pub main: bool,
    /// The ID of the subnet.
    pub subnet_id: Option<String>,
}

/// Describes a route in a route table.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    /// The IPv4 destination range of the route, in CIDR notation, e.g. 0.0.0.0/0.
    #[schemars(pattern(IPV4_CIDR))]
    pub destination_cidr_block: Option<String>,
    /// The IPv6 destination range of the route, in CIDR notation, e.g. ::/0.
    #[schemars(pattern(IPV6_CIDR))]
    pub destination_ipv6_cidr_block: Option<String>,
    /// The ID of the managed prefix list the route's destination matches (e.g. the AWS prefix list
    /// of a gateway endpoint's service).
    pub destination_prefix_list_id: Option<String>,
    /// The target gateway: an internet gateway (igw-), virtual private gateway (vgw-) or gateway
    /// endpoint (vpce-), or `local` for the route within the VPC.
    pub gateway_id: Option<String>,
    /// The ID of a VPC peering connection.
    pub vpc_peering_connection_id: Option<String>,
    /// The ID of a NAT gateway.
    pub nat_gateway_id: Option<String>,
    /// The ID of a transit gateway.
    pub transit_gateway_id: Option<String>,
    /// The ID of the network interface.
    pub network_interface_id: Option<String>,
    /// The ID of a NAT instance in your VPC.
    pub instance_id: Option<String>,
    /// The ID of the egress-only internet gateway.
    pub egress_only_internet_gateway_id: Option<String>,
    /// The ID of the local gateway.
    pub local_gateway_id: Option<String>,
    /// The ID of the carrier gateway.
    pub carrier_gateway_id: Option<String>,
    /// The Amazon Resource Name (ARN) of the core network.
    pub core_network_arn: Option<String>,
    /// The state of the route. Known values: active, blackhole, filtered.
    pub state: Option<String>,
}

/// Describes a route table.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTable {
    /// The ID of the route table.
    pub route_table_id: String,
    /// The ID of the VPC.
    pub vpc_id: String,
    /// The ID of the Amazon Web Services account that owns the route table.
    pub owner_id: Option<String>,
    /// The associations between the route table and your subnets or gateways.
    #[serde(default)]
    pub associations: Vec<RouteAssociation>,
    /// The routes in the route table.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Any tags assigned to the route table.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes a security group.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GroupRef {
    /// The ID of the security group.
    pub group_id: Option<String>,
}

/// Describes the private IPv4 address of a network interface.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrivateIp {
    /// The private IPv4 address.
    pub private_ip_address: Option<String>,
}

/// Describes an IPv6 address associated with a network interface.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Address {
    /// The IPv6 address.
    pub ipv6_address: Option<String>,
}

/// Describes a network interface.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterface {
    /// The ID of the network interface.
    pub network_interface_id: String,
    /// The ID of the subnet.
    pub subnet_id: Option<String>,
    /// The ID of the VPC.
    pub vpc_id: Option<String>,
    /// The Amazon Web Services account ID of the owner of the network interface.
    pub owner_id: Option<String>,
    /// The Availability Zone.
    pub availability_zone: Option<String>,
    /// The primary private IPv4 address of the network interface within its subnet.
    pub private_ip_address: Option<String>,
    /// The private IPv4 addresses associated with the network interface.
    #[serde(default)]
    pub private_ip_addresses: Vec<PrivateIp>,
    /// The IPv6 addresses associated with the network interface.
    #[serde(default)]
    pub ipv6_addresses: Vec<Ipv6Address>,
    /// The security groups of the network interface.
    #[serde(default)]
    pub groups: Vec<GroupRef>,
    /// The type of network interface. Known values: interface, natGateway, efa, efa-only, trunk,
    /// load_balancer, network_load_balancer, vpc_endpoint, branch, transit_gateway, lambda,
    /// quicksight, global_accelerator_managed, api_gateway_managed, gateway_load_balancer,
    /// gateway_load_balancer_endpoint, iot_rules_managed, aws_codestar_connections_managed.
    pub interface_type: Option<String>,
    /// Any tags assigned to the network interface (this output names them TagSet, not Tags).
    #[serde(default)]
    pub tag_set: Vec<Tag>,
}

/// The last error that occurred for a VPC endpoint.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LastError {
    /// The error code for the VPC endpoint error.
    pub code: Option<String>,
    /// The error message for the VPC endpoint error.
    pub message: Option<String>,
}

/// Describes a VPC endpoint.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpoint {
    /// The ID of the VPC endpoint (vpce-).
    pub vpc_endpoint_id: String,
    /// The type of endpoint: Interface, Gateway, GatewayLoadBalancer, Resource or ServiceNetwork.
    pub vpc_endpoint_type: String,
    /// The ID of the VPC to which the endpoint is associated.
    pub vpc_id: String,
    /// The name of the service the endpoint connects to, e.g. com.amazonaws.eu-west-1.execute-api.
    pub service_name: String,
    /// The ID of the Amazon Web Services account that owns the endpoint.
    pub owner_id: Option<String>,
    /// The state of the endpoint, as EC2 returns it, e.g. available, pendingAcceptance, pending,
    /// deleting, deleted, rejected, failed, expired, partial (compare case-insensitively: the API
    /// model spells them PendingAcceptance, Available, ...).
    pub state: Option<String>,
    /// The last error that occurred for endpoint.
    pub last_error: Option<LastError>,
    /// The endpoint policy, an IAM policy document serialised as a JSON string (not an object), if
    /// applicable.
    pub policy_document: Option<String>,
    /// (Gateway endpoint) The IDs of the route tables associated with the endpoint.
    #[serde(default)]
    pub route_table_ids: Vec<String>,
    /// (Interface endpoint) The subnets for the endpoint.
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// (Interface endpoint) The security groups of the endpoint's network interfaces.
    #[serde(default)]
    pub groups: Vec<GroupRef>,
    /// (Interface endpoint) Whether the service's private DNS name resolves to the endpoint inside
    /// the VPC (private hosted zone).
    pub private_dns_enabled: Option<bool>,
    /// The IP address type for the endpoint. Known values: ipv4, dualstack, ipv6.
    pub ip_address_type: Option<String>,
    /// The DNS options for the endpoint.
    pub dns_options: Option<DnsOptions>,
    /// (Interface endpoint) The network interfaces for the endpoint.
    #[serde(default)]
    pub network_interface_ids: Vec<String>,
    /// (Interface endpoint) The DNS entries for the endpoint: its regional name and one per
    /// zone, which private hosted zones alias.
    #[serde(default)]
    pub dns_entries: Vec<DnsEntry>,
    /// The tags assigned to the endpoint.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes the DNS options for an endpoint.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DnsOptions {
    /// The DNS records created for the endpoint. Known values: ipv4, dualstack, ipv6,
    /// service-defined.
    pub dns_record_ip_type: Option<String>,
    /// Indicates whether to enable private DNS only for inbound endpoints (S3 interface
    /// endpoints; the VPC's own S3 traffic then takes its gateway endpoint).
    pub private_dns_only_for_inbound_resolver_endpoint: Option<bool>,
}

/// Describes a DNS entry of a VPC endpoint.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DnsEntry {
    /// The DNS name, e.g. vpce-0a1-abc.sqs.eu-west-1.vpce.amazonaws.com.
    pub dns_name: Option<String>,
}

/// Describes the type of service for a VPC endpoint.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceTypeDetail {
    /// The type of endpoint the service accepts. Known values: Interface, Gateway,
    /// GatewayLoadBalancer.
    pub service_type: Option<String>,
}

/// Information about the Private DNS name for interface endpoints.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrivateDnsName {
    /// The private DNS name assigned to the VPC endpoint service.
    pub private_dns_name: Option<String>,
}

/// Describes a VPC endpoint service.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceDetail {
    /// The name of the endpoint service, e.g. com.amazonaws.eu-west-1.s3.
    pub service_name: String,
    /// The ID of the endpoint service.
    pub service_id: Option<String>,
    /// The types of endpoint the service accepts (one object per type).
    #[serde(default)]
    pub service_type: Vec<ServiceTypeDetail>,
    /// The Availability Zones in which the service is available.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// The IDs of the Availability Zones in which the service is available (the same physical
    /// zone in every account, unlike the names).
    #[serde(default)]
    pub availability_zone_ids: Vec<String>,
    /// The supported IP address types. Known values: ipv4, ipv6.
    #[serde(default)]
    pub supported_ip_address_types: Vec<String>,
    /// The Amazon Web Services account ID of the service owner, or `amazon` for an AWS service.
    pub owner: Option<String>,
    /// The private DNS name of the service, used by interface endpoints with private DNS enabled.
    pub private_dns_name: Option<String>,
    /// The private DNS names assigned to the VPC endpoint service.
    #[serde(default)]
    pub private_dns_names: Vec<PrivateDnsName>,
    /// Indicates whether the service supports endpoint policies.
    pub vpc_endpoint_policy_supported: Option<bool>,
    /// Indicates whether VPC endpoint connection requests to the service must be accepted by the
    /// service owner.
    pub acceptance_required: Option<bool>,
}

/// Describes a service configuration for a VPC endpoint service.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceConfiguration {
    /// The ID of the service.
    pub service_id: String,
    /// The name of the endpoint service, e.g.
    /// com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0.
    pub service_name: Option<String>,
    /// The service state. Known values: Pending, Available, Deleting, Deleted, Failed.
    pub service_state: Option<String>,
    /// Indicates whether requests from other Amazon Web Services accounts to create an endpoint to
    /// the service must first be accepted.
    pub acceptance_required: Option<bool>,
    /// The private DNS name for the service.
    pub private_dns_name: Option<String>,
    /// The Availability Zones in which the service is available.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// The Amazon Resource Names (ARNs) of the Network Load Balancers for the service.
    #[serde(default)]
    pub network_load_balancer_arns: Vec<String>,
    /// The tags assigned to the service.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Information about a load balancer.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancer {
    /// The Amazon Resource Name (ARN) of the load balancer.
    #[schemars(required)]
    pub load_balancer_arn: Option<String>,
    /// The name of the load balancer.
    pub load_balancer_name: Option<String>,
}

/// Information about a listener.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Listener {
    /// The Amazon Resource Name (ARN) of the listener.
    #[schemars(required)]
    pub listener_arn: Option<String>,
    /// The Amazon Resource Name (ARN) of the load balancer.
    #[schemars(required)]
    pub load_balancer_arn: Option<String>,
    /// The port on which the load balancer is listening (absent for a Gateway Load Balancer).
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<i64>,
    /// The protocol for connections from clients to the load balancer. Known values: HTTP, HTTPS,
    /// TCP, TLS, UDP, TCP_UDP, GENEVE.
    pub protocol: Option<String>,
}

/// Describes a principal.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AllowedPrincipal {
    /// The ARN of the principal allowed to create endpoints to the service, or * for everyone.
    pub principal: Option<String>,
    /// The type of principal. Known values: All, Service, OrganizationUnit, Account, User, Role.
    pub principal_type: Option<String>,
    /// The ID of the service.
    pub service_id: Option<String>,
}

/// Describes a VPC endpoint connection to a service.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpointConnection {
    /// The ID of the service to which the endpoint is connected.
    pub service_id: Option<String>,
    /// The ID of the VPC endpoint.
    pub vpc_endpoint_id: String,
    /// The ID of the Amazon Web Services account that owns the VPC endpoint.
    pub vpc_endpoint_owner: Option<String>,
    /// The state of the endpoint, as EC2 returns it, e.g. pendingAcceptance, available, rejected,
    /// deleted (compare case-insensitively).
    pub vpc_endpoint_state: Option<String>,
}

/// Describes an IPv4 CIDR block.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrBlockItem {
    /// The IPv4 CIDR block, e.g. 10.0.0.0/16.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_block: Option<String>,
}

/// Describes an IPv6 CIDR block.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrBlockItem {
    /// The IPv6 CIDR block, e.g. 2600:1f18:abcd:1200::/56.
    #[schemars(pattern(IPV6_CIDR))]
    pub ipv6_cidr_block: Option<String>,
}

/// Describes a VPC in a VPC peering connection.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringVpcInfo {
    /// The ID of the VPC.
    pub vpc_id: Option<String>,
    /// The ID of the Amazon Web Services account that owns the VPC.
    pub owner_id: Option<String>,
    /// The Region in which the VPC is located.
    pub region: Option<String>,
    /// The primary IPv4 CIDR block of the VPC.
    #[schemars(pattern(IPV4_CIDR))]
    pub cidr_block: Option<String>,
    /// The IPv4 CIDR blocks of the VPC (primary and secondary).
    #[serde(default)]
    pub cidr_block_set: Vec<CidrBlockItem>,
    /// The IPv6 CIDR blocks of the VPC.
    #[serde(default)]
    pub ipv6_cidr_block_set: Vec<Ipv6CidrBlockItem>,
}

/// Describes the status of a VPC peering connection.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringStatus {
    /// The status of the VPC peering connection. Known values: initiating-request,
    /// pending-acceptance, active, deleted, rejected, failed, expired, provisioning, deleting.
    pub code: Option<String>,
}

/// Describes a VPC peering connection.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcPeeringConnection {
    /// The ID of the VPC peering connection.
    pub vpc_peering_connection_id: String,
    /// Information about the requester VPC.
    pub requester_vpc_info: Option<PeeringVpcInfo>,
    /// Information about the accepter VPC.
    pub accepter_vpc_info: Option<PeeringVpcInfo>,
    /// The status of the VPC peering connection.
    pub status: Option<PeeringStatus>,
    /// Any tags assigned to the resource.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes Availability Zones, Local Zones, and Wavelength Zones.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AvailabilityZone {
    /// The name of the zone, e.g. eu-west-1a (the letter is mapped per account).
    pub zone_name: String,
    /// The ID of the zone, e.g. euw1-az1 (the same physical zone in every account).
    pub zone_id: Option<String>,
    /// The name of the Region, e.g. eu-west-1.
    pub region_name: Option<String>,
    /// The state of the Availability Zone, Local Zone, or Wavelength Zone. Known values: available,
    /// information, impaired, unavailable, constrained.
    pub state: Option<String>,
}

/// Describes a prefix list: the address ranges of an AWS service in a Region, which a gateway
/// endpoint's routes name as their destination.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixList {
    /// The ID of the prefix list, e.g. pl-6da54004.
    pub prefix_list_id: String,
    /// The name of the prefix list: the service name, e.g. com.amazonaws.eu-west-1.s3.
    pub prefix_list_name: String,
    /// The IP address ranges (CIDR blocks) of the prefix list.
    #[serde(default)]
    pub cidrs: Vec<String>,
}

/// One component on one route.
#[derive(Deserialize, JsonSchema, Debug)]
pub struct AivenComponent {
    /// The component (`kafka`, `schema_registry`, `pg`, …).
    pub component: String,
    /// The host name clients connect to on this route.
    pub host: Option<String>,
    /// The TCP port clients connect to on this route.
    #[schemars(range(min = 0, max = 65535))]
    pub port: Option<i64>,
    /// `dynamic`, `public`, `private` or `privatelink`.
    pub route: Option<String>,
    /// `primary` or `replica`.
    pub usage: Option<String>,
    /// The PrivateLink connection this entry is for, on the `privatelink` route.
    pub privatelink_connection_id: Option<String>,
}

/// The service's user configuration.
#[derive(Deserialize, JsonSchema, Debug, Default)]
pub struct AivenUserConfig {
    /// Per component (`kafka`, `kafka_connect`, `kafka_rest`, `schema_registry`, `pg`, `pgbouncer`,
    /// …), whether it is reachable over PrivateLink (`avn service update -c
    /// privatelink_access.COMPONENT=true NAME`).
    #[serde(default)]
    pub privatelink_access: Option<std::collections::BTreeMap<String, Option<bool>>>,
}

/// The unmodified output of `avn service get NAME --json` (Aiven CLI): the service object of the
/// Aiven API (`GET /v1/project/PROJECT/service/NAME`, member `service`). Recognised by its members
/// `service_name` and `service_type`. Only the members below are read; the others (users, ACLs,
/// node states, …) are accepted unchecked.
// Not Deserialize: the top-level visitor collects it member by member, since the object is told
// apart from AWS outputs only by its members.
#[derive(JsonSchema, Debug, Default)]
pub struct AivenService {
    /// The service's name; PrivateLink and connection outputs in the same folder belong to it.
    #[schemars(required, length(min = 1))]
    pub service_name: Option<String>,
    /// The service type (`kafka`, `pg`, `mysql`, `opensearch`, `clickhouse`, `cassandra`, …).
    #[schemars(required, length(min = 1))]
    pub service_type: Option<String>,
    /// The cloud the service runs in (`aws-eu-west-1`); for AWS clouds it gives the region
    /// endpoints must be in.
    pub cloud_name: Option<String>,
    /// The service state (`RUNNING`, `REBUILDING`, `POWEROFF`, `REBALANCING`).
    pub state: Option<String>,
    /// The service's user configuration.
    pub user_config: Option<AivenUserConfig>,
    /// How each component is reached on each route.
    #[schemars(default)]
    pub components: Vec<AivenComponent>,
}

/// An element of the array `avn service privatelink aws get` / `connection list` print, or of
/// a describe-vpc-attribute array: every member any of them may have, so one pass reads the
/// array and each element is then classified by the members it has.
#[derive(Deserialize, Debug, Default)]
pub struct ArrayItem {
    #[serde(rename = "VpcId")]
    pub vpc_id: Option<String>,
    #[serde(rename = "EnableDnsSupport")]
    pub enable_dns_support: Option<BoolValue>,
    #[serde(rename = "EnableDnsHostnames")]
    pub enable_dns_hostnames: Option<BoolValue>,
    pub aws_service_id: Option<String>,
    pub aws_service_name: Option<String>,
    pub principals: Option<Vec<String>>,
    pub privatelink_connection_id: Option<String>,
    pub vpc_endpoint_id: Option<String>,
    pub dns_name: Option<String>,
    pub state: Option<String>,
}

/// One object of the unmodified output of `avn service privatelink aws get NAME --json` (Aiven
/// CLI), which prints the service's AWS PrivateLink resource in a one-element array (a bare object
/// is accepted too). Recognised by its members `aws_service_id`, `aws_service_name` or
/// `principals`. It does not name its Aiven service: it belongs to the service whose `avn service
/// get` output is in the same folder.
#[derive(JsonSchema, Debug, Default)]
pub struct AivenPrivatelink {
    /// The endpoint service id (`vpce-svc-…`); null while `creating`.
    pub aws_service_id: Option<String>,
    /// The endpoint service name VPC endpoints must use
    /// (`com.amazonaws.vpce.eu-west-1.vpce-svc-…`); null while `creating`.
    pub aws_service_name: Option<String>,
    /// ARNs allowed to connect VPC endpoints to the service.
    #[schemars(default)]
    pub principals: Vec<String>,
    /// `creating`, `active` or `deleting`.
    pub state: Option<String>,
}

/// One element of the unmodified output of `avn service privatelink aws connection list NAME
/// --json` (Aiven CLI), an array of connections. Recognised by its members
/// `privatelink_connection_id` or `vpc_endpoint_id`. It does not name its Aiven service: it belongs
/// to the service whose `avn service get` output is in the same folder.
#[derive(JsonSchema, Debug, Default)]
pub struct AivenConnection {
    /// Aiven's id of the connection (`plc…`).
    pub privatelink_connection_id: Option<String>,
    /// The consumer's VPC endpoint (`vpce-…`).
    pub vpc_endpoint_id: Option<String>,
    /// The endpoint's DNS name.
    pub dns_name: Option<String>,
    /// The connection state; `active` when traffic can flow.
    pub state: Option<String>,
}

/// The endpoint configuration of the API, showing its endpoint types.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "camelCase")]
pub struct EndpointConfiguration {
    /// The endpoint types: EDGE, REGIONAL or PRIVATE.
    #[serde(default)]
    pub types: Vec<String>,
    /// The VPC endpoints associated with a private API (Route 53 aliases are created for them).
    #[serde(default)]
    pub vpc_endpoint_ids: Vec<String>,
}

/// An account of the organisation (`aws organizations list-accounts`). Only its id is read:
/// every listed account is a member, whatever its `Status` or `State`.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct OrgAccount {
    /// The unique identifier (ID) of the account.
    pub id: String,
}

/// Represents a REST API.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "camelCase")]
pub struct RestApi {
    /// The API's identifier, unique across all of your APIs in API Gateway.
    pub id: String,
    /// The API's name.
    #[serde(default)]
    pub name: String,
    /// The endpoint configuration of the API, showing its endpoint types.
    pub endpoint_configuration: EndpointConfiguration,
    /// A stringified JSON policy document that applies to this RestApi regardless of the caller and
    /// Method configuration. API Gateway escapes the document once more, so the string usually
    /// reads `{\"Version\": ...}`.
    pub policy: Option<String>,
    /// The collection of tags.
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, String>,
}

/// Describes a DHCP option.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DhcpConfiguration {
    /// The name of a DHCP option: domain-name-servers, domain-name, ntp-servers, ...
    pub key: Option<String>,
    /// The values for the DHCP option.
    #[serde(default)]
    pub values: Vec<AttributeValue>,
}

/// Describes a value for a resource attribute that is a String.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeValue {
    /// The attribute value (case-sensitive): AmazonProvidedDNS or a name server's address for
    /// domain-name-servers.
    pub value: Option<String>,
}

/// The set of DHCP options.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DhcpOptions {
    /// The ID of the set of DHCP options.
    pub dhcp_options_id: String,
    /// The ID of the Amazon Web Services account that owns the DHCP options set.
    pub owner_id: Option<String>,
    /// The DHCP options in the set.
    #[serde(default)]
    pub dhcp_configurations: Vec<DhcpConfiguration>,
}

/// A complex type that contains an optional comment about your hosted zone and whether it is
/// private.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct HostedZoneConfig {
    /// Whether this is a private hosted zone.
    #[serde(default)]
    pub private_zone: bool,
}

/// A complex type that contains general information about the hosted zone.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct HostedZone {
    /// The ID that Amazon Route 53 assigned to the hosted zone, e.g. /hostedzone/Z0123456789ABC.
    pub id: String,
    /// The name of the domain, e.g. sqs.eu-west-1.amazonaws.com. (with the trailing dot).
    pub name: String,
    /// Whether the zone is private, and its comment.
    pub config: Option<HostedZoneConfig>,
}

/// (Private hosted zones only) A complex type that contains information about an Amazon VPC.
#[derive(Deserialize, JsonSchema, Debug)]
pub struct ZoneVpc {
    /// The region that the VPC was created in, e.g. eu-west-1.
    #[serde(rename = "VPCRegion")]
    pub vpc_region: Option<String>,
    /// The ID of the VPC.
    #[serde(rename = "VPCId")]
    pub vpc_id: Option<String>,
}

/// A complex type that contains the value of a resource record.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceRecord {
    /// The current or new DNS record value, e.g. an IP address for an A record.
    pub value: String,
}

/// Alias resource record sets only: information about the Amazon Web Services resource that
/// you want to route traffic to, such as an interface endpoint's DNS name.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AliasTarget {
    /// The hosted zone of the target (for an interface endpoint, the zone of its DnsEntries).
    pub hosted_zone_id: Option<String>,
    /// The target's DNS name, e.g. vpce-0a1-abc.sqs.eu-west-1.vpce.amazonaws.com.
    #[serde(rename = "DNSName")]
    pub dns_name: String,
}

/// Information about the resource record set.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceRecordSet {
    /// The name of the record (with the trailing dot; `*` is printed as `\052`).
    pub name: String,
    /// The DNS record type: A, AAAA, CNAME, NS, SOA, TXT, ...
    #[serde(rename = "Type")]
    pub record_type: String,
    /// Information about the resource records (absent for an alias).
    #[serde(default)]
    pub resource_records: Vec<ResourceRecord>,
    /// The target of an alias record.
    pub alias_target: Option<AliasTarget>,
}

/// One target of a Resolver forwarding rule.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TargetAddress {
    /// One IPv4 address that you want to forward DNS queries to.
    pub ip: Option<String>,
    /// One IPv6 address that you want to forward DNS queries to.
    pub ipv6: Option<String>,
    /// The port at Ip that you want to forward DNS queries to (53 when absent).
    pub port: Option<u16>,
}

/// For queries that originate in your VPC, detailed information about a Resolver rule, which
/// specifies how to route DNS queries out of the VPC.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ResolverRule {
    /// The ID that Resolver assigned to the Resolver rule (rslvr-rr-...).
    pub id: String,
    /// DNS queries for this domain name are forwarded (or, for SYSTEM rules, answered by the VPC
    /// resolver); `.` applies to every name.
    pub domain_name: Option<String>,
    /// The rule's status: COMPLETE, DELETING, UPDATING, FAILED.
    pub status: Option<String>,
    /// FORWARD, SYSTEM or RECURSIVE.
    pub rule_type: Option<String>,
    /// The name of the rule.
    pub name: Option<String>,
    /// The IPs that you want Resolver to forward DNS queries to.
    #[serde(default)]
    pub target_ips: Vec<TargetAddress>,
    /// The outbound Resolver endpoint the rule forwards through.
    pub resolver_endpoint_id: Option<String>,
    /// The account that created the rule.
    pub owner_id: Option<String>,
    /// The ARN of the rule (names its region).
    pub arn: Option<String>,
}

/// An association between a Resolver rule and a VPC.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ResolverRuleAssociation {
    /// The ID of the association (rslvr-rrassoc-...).
    pub id: String,
    /// The ID of the Resolver rule.
    pub resolver_rule_id: String,
    /// The ID of the VPC that the rule is associated with.
    #[serde(rename = "VPCId")]
    pub vpc_id: String,
    /// CREATING, COMPLETE, DELETING, FAILED or OVERRIDDEN.
    pub status: Option<String>,
}

/// A Resolver inbound or outbound endpoint.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ResolverEndpoint {
    /// The ID of the Resolver endpoint (rslvr-in-... or rslvr-out-...).
    pub id: String,
    /// The name of the endpoint.
    pub name: Option<String>,
    /// INBOUND (queries from your network into the VPC) or OUTBOUND (queries out of it).
    pub direction: Option<String>,
    /// The ID of the VPC the endpoint's addresses are in.
    #[serde(rename = "HostVPCId")]
    pub host_vpc_id: String,
    /// CREATING, OPERATIONAL, UPDATING, AUTO_RECOVERING, ACTION_NEEDED or DELETING.
    pub status: Option<String>,
    /// The ARN of the endpoint (names its account and region).
    pub arn: Option<String>,
}

/// Describes a transit gateway.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGateway {
    /// The ID of the transit gateway (tgw-...).
    pub transit_gateway_id: String,
    /// The state of the transit gateway: pending, available, modifying, deleting, deleted.
    pub state: Option<String>,
    /// The ID of the Amazon Web Services account that owns the transit gateway.
    pub owner_id: Option<String>,
    /// The Amazon Resource Name (ARN) of the transit gateway (names its region).
    pub transit_gateway_arn: Option<String>,
    /// The tags for the transit gateway.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes an association between a resource attachment and a transit gateway route table.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TgwAttachmentAssociation {
    /// The ID of the route table for the transit gateway.
    pub transit_gateway_route_table_id: Option<String>,
    /// The state of the association: associating, associated, disassociating, disassociated.
    pub state: Option<String>,
}

/// Describes an attachment between a resource and a transit gateway.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayAttachment {
    /// The ID of the attachment (tgw-attach-...).
    pub transit_gateway_attachment_id: String,
    /// The ID of the transit gateway.
    pub transit_gateway_id: String,
    /// The resource type: vpc, vpn, direct-connect-gateway, connect, peering, tgw-peering,
    /// network-function.
    pub resource_type: Option<String>,
    /// The ID of the resource (the VPC's for a VPC attachment).
    pub resource_id: Option<String>,
    /// The ID of the Amazon Web Services account that owns the resource.
    pub resource_owner_id: Option<String>,
    /// The attachment state: available, pending, pendingAcceptance, modifying, deleting, deleted,
    /// failed, rejected, …
    pub state: Option<String>,
    /// The association with a transit gateway route table.
    pub association: Option<TgwAttachmentAssociation>,
    /// The tags for the attachment.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes a transit gateway route table.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayRouteTable {
    /// The ID of the transit gateway route table (tgw-rtb-...).
    pub transit_gateway_route_table_id: String,
    /// The ID of the transit gateway.
    pub transit_gateway_id: String,
    /// The state of the transit gateway route table: pending, available, deleting, deleted.
    pub state: Option<String>,
    /// The tags for the route table.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Describes a route attachment.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TgwRouteAttachment {
    /// The ID of the attachment.
    pub transit_gateway_attachment_id: Option<String>,
    /// The ID of the resource (the VPC's for a VPC attachment).
    pub resource_id: Option<String>,
    /// The resource type: vpc, vpn, direct-connect-gateway, connect, peering, …
    pub resource_type: Option<String>,
}

/// Describes a route for a transit gateway route table.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayRoute {
    /// The IPv4 or IPv6 CIDR block used for destination matches.
    pub destination_cidr_block: Option<String>,
    /// The ID of the prefix list used for destination matches.
    pub prefix_list_id: Option<String>,
    /// The attachments (several for ECMP over VPN or Connect; none for a blackhole).
    #[serde(default)]
    pub transit_gateway_attachments: Vec<TgwRouteAttachment>,
    /// The route type: static or propagated.
    #[serde(rename = "Type")]
    pub route_type: Option<String>,
    /// The state of the route: pending, active, blackhole, deleting, deleted.
    pub state: Option<String>,
}

/// Describes an association or a propagation between a route table and an attachment.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TgwRouteTableLink {
    /// The ID of the attachment.
    pub transit_gateway_attachment_id: String,
    /// The ID of the resource (the VPC's for a VPC attachment).
    pub resource_id: Option<String>,
    /// The resource type: vpc, vpn, direct-connect-gateway, connect, peering, …
    pub resource_type: Option<String>,
    /// associating, associated, disassociating, disassociated (associations); enabling, enabled,
    /// disabling, disabled (propagations).
    pub state: Option<String>,
}
