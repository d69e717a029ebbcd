//! The AWS CLI output shapes, as serde types. Only the members vpclint uses are declared; every
//! other member is ignored, since AWS adds fields over time.

use serde::Deserialize;

/// `{"Key": ..., "Value": ...}`
#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrState {
    pub state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrAssoc {
    pub association_id: Option<String>,
    pub cidr_block: Option<String>,
    pub cidr_block_state: Option<CidrState>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrAssoc {
    pub association_id: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub ipv6_cidr_block_state: Option<CidrState>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    pub vpc_id: String,
    pub owner_id: Option<String>,
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub cidr_block_association_set: Vec<CidrAssoc>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssoc>,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct BoolValue {
    pub value: Option<bool>,
}

/// One `describe-vpc-attribute` output.
#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct VpcAttribute {
    pub vpc_id: Option<String>,
    pub enable_dns_support: Option<BoolValue>,
    pub enable_dns_hostnames: Option<BoolValue>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Subnet {
    pub subnet_id: String,
    pub vpc_id: String,
    pub owner_id: Option<String>,
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssoc>,
    pub availability_zone: String,
    pub availability_zone_id: Option<String>,
    pub subnet_arn: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct IpRange {
    pub cidr_ip: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Range {
    pub cidr_ipv6: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListId {
    pub prefix_list_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GroupPair {
    pub group_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct IpPermission {
    pub ip_protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    #[serde(default)]
    pub ip_ranges: Vec<IpRange>,
    #[serde(default)]
    pub ipv6_ranges: Vec<Ipv6Range>,
    #[serde(default)]
    pub prefix_list_ids: Vec<PrefixListId>,
    #[serde(default)]
    pub user_id_group_pairs: Vec<GroupPair>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    pub group_id: String,
    #[serde(default)]
    pub group_name: String,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub security_group_arn: Option<String>,
    #[serde(default)]
    pub ip_permissions: Vec<IpPermission>,
    #[serde(default)]
    pub ip_permissions_egress: Vec<IpPermission>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ReferencedGroup {
    pub group_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroupRule {
    pub security_group_rule_id: String,
    pub group_id: String,
    pub group_owner_id: Option<String>,
    pub is_egress: bool,
    pub ip_protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub cidr_ipv4: Option<String>,
    pub cidr_ipv6: Option<String>,
    pub prefix_list_id: Option<String>,
    pub referenced_group_info: Option<ReferencedGroup>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NaclAssociation {
    pub subnet_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PortRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NaclEntry {
    pub rule_number: i32,
    pub egress: bool,
    pub protocol: String,
    pub rule_action: String,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub port_range: Option<PortRange>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAcl {
    pub network_acl_id: String,
    pub vpc_id: String,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub entries: Vec<NaclEntry>,
    #[serde(default)]
    pub associations: Vec<NaclAssociation>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RouteAssociation {
    #[serde(default)]
    pub main: bool,
    pub subnet_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    pub destination_cidr_block: Option<String>,
    pub destination_ipv6_cidr_block: Option<String>,
    pub destination_prefix_list_id: Option<String>,
    pub gateway_id: Option<String>,
    pub vpc_peering_connection_id: Option<String>,
    pub nat_gateway_id: Option<String>,
    pub transit_gateway_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub instance_id: Option<String>,
    pub egress_only_internet_gateway_id: Option<String>,
    pub local_gateway_id: Option<String>,
    pub carrier_gateway_id: Option<String>,
    pub core_network_arn: Option<String>,
    pub state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTable {
    pub route_table_id: String,
    pub vpc_id: String,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub associations: Vec<RouteAssociation>,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct GroupRef {
    pub group_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrivateIp {
    pub private_ip_address: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Address {
    pub ipv6_address: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterface {
    pub network_interface_id: String,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub availability_zone: Option<String>,
    pub private_ip_address: Option<String>,
    #[serde(default)]
    pub private_ip_addresses: Vec<PrivateIp>,
    #[serde(default)]
    pub ipv6_addresses: Vec<Ipv6Address>,
    #[serde(default)]
    pub groups: Vec<GroupRef>,
    pub interface_type: Option<String>,
    #[serde(default)]
    pub tag_set: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LastError {
    pub code: Option<String>,
    pub message: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpoint {
    pub vpc_endpoint_id: String,
    pub vpc_endpoint_type: String,
    pub vpc_id: String,
    pub service_name: String,
    pub owner_id: Option<String>,
    pub state: Option<String>,
    pub last_error: Option<LastError>,
    pub policy_document: Option<String>,
    #[serde(default)]
    pub route_table_ids: Vec<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub groups: Vec<GroupRef>,
    pub private_dns_enabled: Option<bool>,
    pub ip_address_type: Option<String>,
    #[serde(default)]
    pub network_interface_ids: Vec<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceTypeDetail {
    pub service_type: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PrivateDnsName {
    pub private_dns_name: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceDetail {
    pub service_name: String,
    pub service_id: Option<String>,
    #[serde(default)]
    pub service_type: Vec<ServiceTypeDetail>,
    #[serde(default)]
    pub availability_zones: Vec<String>,
    pub owner: Option<String>,
    pub private_dns_name: Option<String>,
    #[serde(default)]
    pub private_dns_names: Vec<PrivateDnsName>,
    pub vpc_endpoint_policy_supported: Option<bool>,
    pub acceptance_required: Option<bool>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceConfiguration {
    pub service_id: String,
    pub service_name: Option<String>,
    pub service_state: Option<String>,
    pub acceptance_required: Option<bool>,
    pub private_dns_name: Option<String>,
    #[serde(default)]
    pub availability_zones: Vec<String>,
    #[serde(default)]
    pub network_load_balancer_arns: Vec<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// One item of `aws elbv2 describe-load-balancers`.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancer {
    pub load_balancer_arn: Option<String>,
    pub load_balancer_name: Option<String>,
}

/// One item of `aws elbv2 describe-listeners`.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Listener {
    pub listener_arn: Option<String>,
    pub load_balancer_arn: Option<String>,
    pub port: Option<i64>,
    pub protocol: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AllowedPrincipal {
    pub principal: Option<String>,
    pub principal_type: Option<String>,
    pub service_id: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpointConnection {
    pub service_id: Option<String>,
    pub vpc_endpoint_id: String,
    pub vpc_endpoint_owner: Option<String>,
    pub vpc_endpoint_state: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CidrBlockItem {
    pub cidr_block: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrBlockItem {
    pub ipv6_cidr_block: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringVpcInfo {
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub region: Option<String>,
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub cidr_block_set: Vec<CidrBlockItem>,
    #[serde(default)]
    pub ipv6_cidr_block_set: Vec<Ipv6CidrBlockItem>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringStatus {
    pub code: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct VpcPeeringConnection {
    pub vpc_peering_connection_id: String,
    pub requester_vpc_info: Option<PeeringVpcInfo>,
    pub accepter_vpc_info: Option<PeeringVpcInfo>,
    pub status: Option<PeeringStatus>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AvailabilityZone {
    pub zone_name: String,
    pub zone_id: Option<String>,
    pub region_name: Option<String>,
    pub state: Option<String>,
}

/// One member of an Aiven service's `components` (how a component is reached on a route).
#[derive(Deserialize, Debug)]
pub struct AivenComponent {
    pub component: String,
    pub host: Option<String>,
    pub port: Option<i64>,
    pub route: Option<String>,
    pub usage: Option<String>,
    pub privatelink_connection_id: Option<String>,
}

/// An Aiven service's `user_config`; only `privatelink_access` matters here.
#[derive(Deserialize, Debug, Default)]
pub struct AivenUserConfig {
    #[serde(default)]
    pub privatelink_access: Option<std::collections::BTreeMap<String, Option<bool>>>,
}

/// `avn service get NAME --json`: the members read from it. Collected member by member by the
/// top-level visitor, since the object is told apart from AWS outputs only by its members.
#[derive(Debug, Default)]
pub struct AivenService {
    pub service_name: Option<String>,
    pub service_type: Option<String>,
    pub cloud_name: Option<String>,
    pub state: Option<String>,
    pub user_config: Option<AivenUserConfig>,
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

/// `avn service privatelink aws get`: the service's AWS PrivateLink resource.
#[derive(Debug, Default)]
pub struct AivenPrivatelink {
    pub aws_service_id: Option<String>,
    pub aws_service_name: Option<String>,
    pub principals: Vec<String>,
    pub state: Option<String>,
}

/// One element of `avn service privatelink aws connection list`.
#[derive(Debug, Default)]
pub struct AivenConnection {
    pub privatelink_connection_id: Option<String>,
    pub vpc_endpoint_id: Option<String>,
    pub dns_name: Option<String>,
    pub state: Option<String>,
}

/// `endpointConfiguration` of a REST API.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct EndpointConfiguration {
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub vpc_endpoint_ids: Vec<String>,
}

/// One item of `aws apigateway get-rest-apis` (API Gateway's members are camelCase).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct RestApi {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub endpoint_configuration: EndpointConfiguration,
    pub policy: Option<String>,
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, String>,
}
