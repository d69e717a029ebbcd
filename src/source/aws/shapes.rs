//! The SDK's output types written back as the AWS CLI prints them: PascalCase members, absent
//! members left out. Only the members the export loader reads are written, plus the ids and
//! names that make a snapshot readable; the loader ignores anything else, so a member added here
//! later changes no finding.

use aws_sdk_ec2::types as t;
use serde_json::{Map, Value};

/// A JSON object under construction.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Self {
        Obj(Map::new())
    }
    fn s(mut self, key: &str, v: Option<&str>) -> Self {
        if let Some(v) = v {
            self.0.insert(key.to_owned(), Value::from(v));
        }
        self
    }
    fn b(mut self, key: &str, v: Option<bool>) -> Self {
        if let Some(v) = v {
            self.0.insert(key.to_owned(), Value::from(v));
        }
        self
    }
    fn i(mut self, key: &str, v: Option<i32>) -> Self {
        if let Some(v) = v {
            self.0.insert(key.to_owned(), Value::from(v));
        }
        self
    }
    fn v(mut self, key: &str, v: Value) -> Self {
        self.0.insert(key.to_owned(), v);
        self
    }
    fn o(self, key: &str, v: Option<Value>) -> Self {
        match v {
            Some(v) => self.v(key, v),
            None => self,
        }
    }
    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

fn list<T>(xs: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::Array(xs.iter().map(f).collect())
}

fn strings(xs: &[String]) -> Value {
    Value::Array(xs.iter().map(|s| Value::from(s.as_str())).collect())
}

fn tags(xs: &[t::Tag]) -> Value {
    list(xs, |x| {
        Obj::new().s("Key", x.key()).s("Value", x.value()).done()
    })
}

/// A security group reference (`GroupIdentifier`, `SecurityGroupIdentifier`).
fn group(id: Option<&str>, name: Option<&str>) -> Value {
    Obj::new().s("GroupId", id).s("GroupName", name).done()
}

/// `{"KEY": [items]}`: one describe call's output.
pub(super) fn document(key: &str, items: Vec<Value>) -> Value {
    Obj::new().v(key, Value::Array(items)).done()
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

fn state(v: Option<&t::VpcCidrBlockState>) -> Option<Value> {
    v.map(|s| Obj::new().s("State", s.state().map(|x| x.as_str())).done())
}

pub(super) fn vpc(x: &t::Vpc) -> Value {
    Obj::new()
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .s("CidrBlock", x.cidr_block())
        .s("State", x.state().map(|s| s.as_str()))
        .v(
            "CidrBlockAssociationSet",
            list(x.cidr_block_association_set(), |a| {
                Obj::new()
                    .s("AssociationId", a.association_id())
                    .s("CidrBlock", a.cidr_block())
                    .o("CidrBlockState", state(a.cidr_block_state()))
                    .done()
            }),
        )
        .v(
            "Ipv6CidrBlockAssociationSet",
            list(x.ipv6_cidr_block_association_set(), |a| {
                Obj::new()
                    .s("AssociationId", a.association_id())
                    .s("Ipv6CidrBlock", a.ipv6_cidr_block())
                    .o("Ipv6CidrBlockState", state(a.ipv6_cidr_block_state()))
                    .done()
            }),
        )
        .b("IsDefault", x.is_default())
        .v("Tags", tags(x.tags()))
        .done()
}

/// One VPC's DNS attributes as a describe-vpc-attribute output.
pub(super) fn vpc_attribute(vpc_id: &str, name: &str, value: Option<bool>) -> Value {
    Obj::new()
        .s("VpcId", Some(vpc_id))
        .o(name, value.map(|v| Obj::new().b("Value", Some(v)).done()))
        .done()
}

pub(super) fn subnet(x: &t::Subnet) -> Value {
    Obj::new()
        .s("SubnetId", x.subnet_id())
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .s("CidrBlock", x.cidr_block())
        .v(
            "Ipv6CidrBlockAssociationSet",
            list(x.ipv6_cidr_block_association_set(), |a| {
                Obj::new()
                    .s("AssociationId", a.association_id())
                    .s("Ipv6CidrBlock", a.ipv6_cidr_block())
                    .o(
                        "Ipv6CidrBlockState",
                        a.ipv6_cidr_block_state()
                            .map(|s| Obj::new().s("State", s.state().map(|x| x.as_str())).done()),
                    )
                    .done()
            }),
        )
        .s("AvailabilityZone", x.availability_zone())
        .s("AvailabilityZoneId", x.availability_zone_id())
        .s("SubnetArn", x.subnet_arn())
        .v("Tags", tags(x.tags()))
        .done()
}

fn permission(p: &t::IpPermission) -> Value {
    Obj::new()
        .s("IpProtocol", p.ip_protocol())
        .i("FromPort", p.from_port())
        .i("ToPort", p.to_port())
        .v(
            "IpRanges",
            list(p.ip_ranges(), |r| {
                Obj::new()
                    .s("CidrIp", r.cidr_ip())
                    .s("Description", r.description())
                    .done()
            }),
        )
        .v(
            "Ipv6Ranges",
            list(p.ipv6_ranges(), |r| {
                Obj::new()
                    .s("CidrIpv6", r.cidr_ipv6())
                    .s("Description", r.description())
                    .done()
            }),
        )
        .v(
            "PrefixListIds",
            list(p.prefix_list_ids(), |r| {
                Obj::new()
                    .s("PrefixListId", r.prefix_list_id())
                    .s("Description", r.description())
                    .done()
            }),
        )
        .v(
            "UserIdGroupPairs",
            list(p.user_id_group_pairs(), |r| {
                Obj::new()
                    .s("GroupId", r.group_id())
                    .s("UserId", r.user_id())
                    .s("Description", r.description())
                    .done()
            }),
        )
        .done()
}

pub(super) fn security_group(x: &t::SecurityGroup) -> Value {
    Obj::new()
        .s("GroupId", x.group_id())
        .s("GroupName", x.group_name())
        .s("Description", x.description())
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .s("SecurityGroupArn", x.security_group_arn())
        .v("IpPermissions", list(x.ip_permissions(), permission))
        .v(
            "IpPermissionsEgress",
            list(x.ip_permissions_egress(), permission),
        )
        .v("Tags", tags(x.tags()))
        .done()
}

pub(super) fn network_acl(x: &t::NetworkAcl) -> Value {
    Obj::new()
        .s("NetworkAclId", x.network_acl_id())
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .b("IsDefault", x.is_default())
        .v(
            "Entries",
            list(x.entries(), |e| {
                Obj::new()
                    .i("RuleNumber", e.rule_number())
                    .b("Egress", e.egress())
                    .s("Protocol", e.protocol())
                    .s("RuleAction", e.rule_action().map(|a| a.as_str()))
                    .s("CidrBlock", e.cidr_block())
                    .s("Ipv6CidrBlock", e.ipv6_cidr_block())
                    .o(
                        "PortRange",
                        e.port_range()
                            .map(|r| Obj::new().i("From", r.from()).i("To", r.to()).done()),
                    )
                    .done()
            }),
        )
        .v(
            "Associations",
            list(x.associations(), |a| {
                Obj::new()
                    .s("NetworkAclAssociationId", a.network_acl_association_id())
                    .s("SubnetId", a.subnet_id())
                    .done()
            }),
        )
        .v("Tags", tags(x.tags()))
        .done()
}

pub(super) fn route_table(x: &t::RouteTable) -> Value {
    Obj::new()
        .s("RouteTableId", x.route_table_id())
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .v(
            "Associations",
            list(x.associations(), |a| {
                Obj::new()
                    .b("Main", a.main())
                    .s("RouteTableAssociationId", a.route_table_association_id())
                    .s("SubnetId", a.subnet_id())
                    .s("GatewayId", a.gateway_id())
                    .done()
            }),
        )
        .v(
            "Routes",
            list(x.routes(), |r| {
                Obj::new()
                    .s("DestinationCidrBlock", r.destination_cidr_block())
                    .s("DestinationIpv6CidrBlock", r.destination_ipv6_cidr_block())
                    .s("DestinationPrefixListId", r.destination_prefix_list_id())
                    .s("GatewayId", r.gateway_id())
                    .s("VpcPeeringConnectionId", r.vpc_peering_connection_id())
                    .s("NatGatewayId", r.nat_gateway_id())
                    .s("TransitGatewayId", r.transit_gateway_id())
                    .s("NetworkInterfaceId", r.network_interface_id())
                    .s("InstanceId", r.instance_id())
                    .s(
                        "EgressOnlyInternetGatewayId",
                        r.egress_only_internet_gateway_id(),
                    )
                    .s("LocalGatewayId", r.local_gateway_id())
                    .s("CarrierGatewayId", r.carrier_gateway_id())
                    .s("CoreNetworkArn", r.core_network_arn())
                    .s("Origin", r.origin().map(|x| x.as_str()))
                    .s("State", r.state().map(|x| x.as_str()))
                    .done()
            }),
        )
        .v("Tags", tags(x.tags()))
        .done()
}

pub(super) fn network_interface(x: &t::NetworkInterface) -> Value {
    Obj::new()
        .s("NetworkInterfaceId", x.network_interface_id())
        .s("SubnetId", x.subnet_id())
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .s("AvailabilityZone", x.availability_zone())
        .s("Description", x.description())
        .s("PrivateIpAddress", x.private_ip_address())
        .v(
            "PrivateIpAddresses",
            list(x.private_ip_addresses(), |a| {
                Obj::new()
                    .s("PrivateIpAddress", a.private_ip_address())
                    .b("Primary", a.primary())
                    .done()
            }),
        )
        .v(
            "Ipv6Addresses",
            list(x.ipv6_addresses(), |a| {
                Obj::new().s("Ipv6Address", a.ipv6_address()).done()
            }),
        )
        .v(
            "Groups",
            list(x.groups(), |g| group(g.group_id(), g.group_name())),
        )
        .s("InterfaceType", x.interface_type().map(|x| x.as_str()))
        .v("TagSet", tags(x.tag_set()))
        .done()
}

pub(super) fn vpc_endpoint(x: &t::VpcEndpoint) -> Value {
    Obj::new()
        .s("VpcEndpointId", x.vpc_endpoint_id())
        .s("VpcEndpointType", x.vpc_endpoint_type().map(|x| x.as_str()))
        .s("VpcId", x.vpc_id())
        .s("ServiceName", x.service_name())
        .s("OwnerId", x.owner_id())
        .s("State", x.state().map(|x| x.as_str()))
        .o(
            "LastError",
            x.last_error().map(|e| {
                Obj::new()
                    .s("Code", e.code())
                    .s("Message", e.message())
                    .done()
            }),
        )
        .s("PolicyDocument", x.policy_document())
        .v("RouteTableIds", strings(x.route_table_ids()))
        .v("SubnetIds", strings(x.subnet_ids()))
        .v(
            "Groups",
            list(x.groups(), |g| group(g.group_id(), g.group_name())),
        )
        .b("PrivateDnsEnabled", x.private_dns_enabled())
        .v("NetworkInterfaceIds", strings(x.network_interface_ids()))
        .v("Tags", tags(x.tags()))
        .done()
}

pub(super) fn service_detail(x: &t::ServiceDetail) -> Value {
    Obj::new()
        .s("ServiceName", x.service_name())
        .s("ServiceId", x.service_id())
        .v(
            "ServiceType",
            list(x.service_type(), |s| {
                Obj::new()
                    .s("ServiceType", s.service_type().map(|x| x.as_str()))
                    .done()
            }),
        )
        .v("AvailabilityZones", strings(x.availability_zones()))
        .s("Owner", x.owner())
        .s("PrivateDnsName", x.private_dns_name())
        .v(
            "PrivateDnsNames",
            list(x.private_dns_names(), |n| {
                Obj::new().s("PrivateDnsName", n.private_dns_name()).done()
            }),
        )
        .b(
            "VpcEndpointPolicySupported",
            x.vpc_endpoint_policy_supported(),
        )
        .b("AcceptanceRequired", x.acceptance_required())
        .done()
}

pub(super) fn service_configuration(x: &t::ServiceConfiguration) -> Value {
    Obj::new()
        .s("ServiceId", x.service_id())
        .s("ServiceName", x.service_name())
        .s("ServiceState", x.service_state().map(|x| x.as_str()))
        .b("AcceptanceRequired", x.acceptance_required())
        .s("PrivateDnsName", x.private_dns_name())
        .v("AvailabilityZones", strings(x.availability_zones()))
        .v("Tags", tags(x.tags()))
        .done()
}

/// A permission; describe-vpc-endpoint-service-permissions does not always name the service,
/// so the service it was asked for is written when the answer has none.
pub(super) fn allowed_principal(x: &t::AllowedPrincipal, service_id: &str) -> Value {
    Obj::new()
        .s("Principal", x.principal())
        .s("PrincipalType", x.principal_type().map(|x| x.as_str()))
        .s("ServiceId", x.service_id().or(Some(service_id)))
        .s("ServicePermissionId", x.service_permission_id())
        .done()
}

pub(super) fn endpoint_connection(x: &t::VpcEndpointConnection) -> Value {
    Obj::new()
        .s("ServiceId", x.service_id())
        .s("VpcEndpointId", x.vpc_endpoint_id())
        .s("VpcEndpointOwner", x.vpc_endpoint_owner())
        .s(
            "VpcEndpointState",
            x.vpc_endpoint_state().map(|x| x.as_str()),
        )
        .done()
}

fn peering_info(x: &t::VpcPeeringConnectionVpcInfo) -> Value {
    Obj::new()
        .s("VpcId", x.vpc_id())
        .s("OwnerId", x.owner_id())
        .s("Region", x.region())
        .s("CidrBlock", x.cidr_block())
        .v(
            "CidrBlockSet",
            list(x.cidr_block_set(), |c| {
                Obj::new().s("CidrBlock", c.cidr_block()).done()
            }),
        )
        .v(
            "Ipv6CidrBlockSet",
            list(x.ipv6_cidr_block_set(), |c| {
                Obj::new().s("Ipv6CidrBlock", c.ipv6_cidr_block()).done()
            }),
        )
        .done()
}

pub(super) fn peering(x: &t::VpcPeeringConnection) -> Value {
    Obj::new()
        .s("VpcPeeringConnectionId", x.vpc_peering_connection_id())
        .o("RequesterVpcInfo", x.requester_vpc_info().map(peering_info))
        .o("AccepterVpcInfo", x.accepter_vpc_info().map(peering_info))
        .o(
            "Status",
            x.status().map(|s| {
                Obj::new()
                    .s("Code", s.code().map(|x| x.as_str()))
                    .s("Message", s.message())
                    .done()
            }),
        )
        .v("Tags", tags(x.tags()))
        .done()
}

pub(super) fn availability_zone(x: &t::AvailabilityZone) -> Value {
    Obj::new()
        .s("ZoneName", x.zone_name())
        .s("ZoneId", x.zone_id())
        .s("RegionName", x.region_name())
        .s("State", x.state().map(|x| x.as_str()))
        .s("ZoneType", x.zone_type())
        .done()
}
