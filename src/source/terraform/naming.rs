//! How each resource type spells the members that the AWS CLI names (and that rules use):
//! the renames; every other name is the snake case of the AWS one (`PrivateDnsEnabled` →
//! `private_dns_enabled`).

use crate::model::Naming;

/// `aws_vpc`
pub const VPC: Naming = Naming::Terraform(&[
    ("VpcId", "id"),
    ("CidrBlockAssociationSet", "cidr_block"),
    ("Ipv6CidrBlockAssociationSet", "ipv6_cidr_block"),
]);

/// `aws_vpc_ipv4_cidr_block_association`
pub const CIDR_ASSOCIATION: Naming = Naming::Terraform(&[("AssociationId", "id")]);

/// `aws_subnet`
pub const SUBNET: Naming = Naming::Terraform(&[
    ("SubnetId", "id"),
    ("SubnetArn", "arn"),
    ("Ipv6CidrBlockAssociationSet", "ipv6_cidr_block"),
]);

/// `aws_security_group`, and the members of its inline rules.
pub const SECURITY_GROUP: Naming = Naming::Terraform(&[
    ("GroupId", "id"),
    ("GroupName", "name"),
    ("SecurityGroupArn", "arn"),
    ("IpPermissions", "ingress"),
    ("IpPermissionsEgress", "egress"),
    ("IpProtocol", "protocol"),
    ("IpRanges", "cidr_blocks"),
    ("Ipv6Ranges", "ipv6_cidr_blocks"),
    ("UserIdGroupPairs", "security_groups"),
]);

/// `aws_security_group_rule`
pub const SECURITY_GROUP_RULE: Naming = Naming::Terraform(&[
    ("SecurityGroupRuleId", "id"),
    ("GroupId", "security_group_id"),
    ("IsEgress", "type"),
    ("IpProtocol", "protocol"),
    ("CidrIpv4", "cidr_blocks"),
    ("CidrIpv6", "ipv6_cidr_blocks"),
    ("PrefixListId", "prefix_list_ids"),
    ("ReferencedGroupInfo", "source_security_group_id"),
]);

/// `aws_vpc_security_group_ingress_rule` / `_egress_rule`
pub const VPC_SECURITY_GROUP_RULE: Naming = Naming::Terraform(&[
    ("SecurityGroupRuleId", "security_group_rule_id"),
    ("GroupId", "security_group_id"),
    ("ReferencedGroupInfo", "referenced_security_group_id"),
]);

/// `aws_network_acl`, and the members of its inline entries.
pub const NETWORK_ACL: Naming = Naming::Terraform(&[
    ("NetworkAclId", "id"),
    ("Associations", "subnet_ids"),
    ("RuleNumber", "rule_no"),
    ("RuleAction", "action"),
    ("PortRange", "from_port"),
]);

/// `aws_network_acl_rule`
pub const NETWORK_ACL_RULE: Naming = Naming::Terraform(&[("PortRange", "from_port")]);

/// `aws_route_table`, and the members of its inline routes.
pub const ROUTE_TABLE: Naming = Naming::Terraform(&[
    ("RouteTableId", "id"),
    ("Routes", "route"),
    ("DestinationCidrBlock", "cidr_block"),
    ("DestinationIpv6CidrBlock", "ipv6_cidr_block"),
    ("EgressOnlyInternetGatewayId", "egress_only_gateway_id"),
]);

/// `aws_route`
pub const ROUTE: Naming =
    Naming::Terraform(&[("EgressOnlyInternetGatewayId", "egress_only_gateway_id")]);

/// `aws_vpc_endpoint`
pub const ENDPOINT: Naming = Naming::Terraform(&[
    ("VpcEndpointId", "id"),
    ("PolicyDocument", "policy"),
    ("Groups", "security_group_ids"),
    ("DnsEntries", "dns_entry"),
]);

/// `aws_vpc_endpoint_policy`
pub const ENDPOINT_POLICY: Naming = Naming::Terraform(&[("PolicyDocument", "policy")]);

/// `aws_vpc_endpoint_service`
pub const ENDPOINT_SERVICE: Naming = Naming::Terraform(&[
    ("ServiceId", "id"),
    ("ServiceState", "state"),
    ("ServiceType", "service_type"),
]);

/// `aws_vpc_endpoint_service_allowed_principal`
pub const ALLOWED_PRINCIPAL: Naming = Naming::Terraform(&[
    ("Principal", "principal_arn"),
    ("ServiceId", "vpc_endpoint_service_id"),
]);

/// `aws_vpc_peering_connection`
pub const PEERING: Naming = Naming::Terraform(&[
    ("VpcPeeringConnectionId", "id"),
    ("Status", "accept_status"),
    ("RequesterVpcInfo", "vpc_id"),
    ("AccepterVpcInfo", "peer_vpc_id"),
]);

/// `aws_api_gateway_rest_api` (get-rest-apis names its members in camel case).
pub const REST_API: Naming = Naming::Terraform(&[]);

/// `aws_api_gateway_rest_api_policy`
pub const REST_API_POLICY: Naming = Naming::Terraform(&[("id", "rest_api_id")]);

/// `aws_route53_zone`; a zone's members are `HostedZone`'s (get-hosted-zone).
pub const ZONE: Naming = Naming::Terraform(&[("Id", "zone_id"), ("VPCs", "vpc")]);

/// `data "aws_route53_zone"`
pub const DATA_ZONE: Naming =
    Naming::Terraform(&[("Id", "zone_id"), ("PrivateZone", "private_zone")]);

/// `aws_route53_zone_association`
pub const ZONE_ASSOCIATION: Naming =
    Naming::Terraform(&[("HostedZoneId", "zone_id"), ("VPCId", "vpc_id")]);

/// `aws_route53_record` (list-resource-record-sets' `ResourceRecordSets` members, the alias
/// target's name as a whole path).
pub const RECORD: Naming = Naming::Terraform(&[
    ("AliasTarget/DNSName", "alias/0/name"),
    ("AliasTarget", "alias"),
    ("ResourceRecords", "records"),
]);

/// `aws_route53_resolver_rule`
pub const RESOLVER_RULE: Naming = Naming::Terraform(&[
    ("Id", "id"),
    ("TargetIps", "target_ip"),
    ("ResolverEndpointId", "resolver_endpoint_id"),
]);

/// `aws_route53_resolver_rule_association`
pub const RULE_ASSOCIATION: Naming = Naming::Terraform(&[
    ("Id", "id"),
    ("ResolverRuleId", "resolver_rule_id"),
    ("VPCId", "vpc_id"),
]);

/// `aws_vpc_dhcp_options`: describe-dhcp-options' `domain-name-servers` configuration is the
/// provider's `domain_name_servers`.
pub const DHCP_OPTIONS: Naming = Naming::Terraform(&[
    ("DhcpOptionsId", "id"),
    ("DhcpConfigurations/0/Values", "domain_name_servers"),
]);

/// The Aiven provider's types: rules name their members as `avn ... --json` does, which the
/// provider's attributes repeat.
pub const AIVEN: Naming = Naming::Terraform(&[]);

/// `data "aws_route_table"`, and the members of its routes.
pub const DATA_ROUTE_TABLE: Naming = Naming::Terraform(&[
    ("RouteTableId", "id"),
    ("Routes", "routes"),
    ("DestinationCidrBlock", "cidr_block"),
    ("DestinationIpv6CidrBlock", "ipv6_cidr_block"),
    ("EgressOnlyInternetGatewayId", "egress_only_gateway_id"),
]);

/// `data "aws_vpc_endpoint_service"` (describe-vpc-endpoint-services' `ServiceDetails`).
pub const DATA_ENDPOINT_SERVICE: Naming = Naming::Terraform(&[
    ("PrivateDnsNames", "private_dns_name"),
    (
        "VpcEndpointPolicySupported",
        "vpc_endpoint_policy_supported",
    ),
]);
