//! NACLs, route tables, network interfaces and Availability Zones.

use std::net::IpAddr;

use ipnet::IpNet;

use super::{
    EniId, NaclId, Origin, PcxId, Protocol, Rel, RtbId, Scope, SgId, SubnetId, Tags, TgwId, VpcId,
};

/// A network ACL with its ordered entries and subnet associations.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkAcl {
    /// `acl-…`
    pub id: NaclId,
    /// Owning VPC.
    pub vpc_id: VpcId,
    /// Account and region.
    pub scope: Scope,
    /// The VPC's default NACL, which every unassociated subnet uses.
    pub is_default: bool,
    /// Entries in the order AWS listed them (evaluation orders them by rule number).
    pub entries: Vec<NaclEntry>,
    /// Associated subnets.
    pub subnet_ids: Vec<SubnetId>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// Allow or deny.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NaclAction {
    /// `allow`
    Allow,
    /// `deny`
    Deny,
}

/// One NACL entry.
#[derive(Clone, Debug, PartialEq)]
pub struct NaclEntry {
    /// Rule number; the lowest matching number decides.
    pub rule_number: i32,
    /// Outbound when true.
    pub egress: bool,
    /// Protocol.
    pub protocol: Protocol,
    /// Allow or deny.
    pub action: NaclAction,
    /// IPv4 or IPv6 block.
    pub cidr: IpNet,
    /// Port range for TCP and UDP.
    pub ports: Option<(i32, i32)>,
    /// Where the entry was read: relative to the NACL's object, or its own place
    /// (`aws_network_acl_rule`).
    pub rel: Rel,
}

/// What a route sends traffic to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteTarget {
    /// Inside the VPC.
    Local,
    /// A VPC peering connection.
    Peering(PcxId),
    /// A transit gateway.
    TransitGateway(TgwId),
    /// Anything else (internet, NAT, VPN, …), by its id.
    Other(String),
}

impl RouteTarget {
    /// The target's id as a route names it (`local` for the VPC).
    pub fn id(&self) -> &str {
        match self {
            RouteTarget::Local => "local",
            RouteTarget::Peering(p) => p.as_str(),
            RouteTarget::TransitGateway(t) => t.as_str(),
            RouteTarget::Other(o) => o,
        }
    }
}

/// One route.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// Destination block; `None` for prefix-list destinations.
    pub destination: Option<IpNet>,
    /// Destination prefix list `pl-…`.
    pub prefix_list: Option<String>,
    /// Target.
    pub target: RouteTarget,
    /// `active` or `blackhole`.
    pub state: Option<String>,
    /// Where the route was read: relative to the table's object, or its own place (`aws_route`).
    pub rel: Rel,
}

/// A route table.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteTable {
    /// `rtb-…`
    pub id: RtbId,
    /// Owning VPC.
    pub vpc_id: VpcId,
    /// Account and region.
    pub scope: Scope,
    /// The VPC's main table, used by every subnet without an explicit association.
    pub main: bool,
    /// Explicitly associated subnets.
    pub subnet_ids: Vec<SubnetId>,
    /// Routes.
    pub routes: Vec<Route>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// A network interface.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkInterface {
    /// `eni-…`
    pub id: EniId,
    /// Subnet.
    pub subnet_id: Option<SubnetId>,
    /// VPC.
    pub vpc_id: Option<VpcId>,
    /// Account and region.
    pub scope: Scope,
    /// Availability Zone name.
    pub az: Option<String>,
    /// Private IPv4 and IPv6 addresses.
    pub addresses: Vec<IpAddr>,
    /// Security groups.
    pub groups: Vec<SgId>,
    /// `interface`, `vpc_endpoint`, `lambda`, …
    pub interface_type: Option<String>,
    /// Tags (`TagSet` in describe-network-interfaces).
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// An Availability Zone as describe-availability-zones lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct AvailabilityZone {
    /// Name (`eu-west-1a`).
    pub name: String,
    /// Zone id (`euw1-az3`).
    pub zone_id: Option<String>,
    /// Account (zone names map to different physical zones in each account) and region.
    pub scope: Scope,
    /// `available`, …
    pub state: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// An AWS-managed prefix list (describe-prefix-lists): the address ranges of a service in a
/// region, which a gateway endpoint's route names as its destination.
#[derive(Clone, Debug, PartialEq)]
pub struct PrefixList {
    /// `pl-…`
    pub id: String,
    /// The service it stands for (`com.amazonaws.eu-west-1.s3`).
    pub name: String,
    /// Its address ranges, when the output lists them.
    pub cidrs: Vec<IpNet>,
    /// Account that read it, and region.
    pub scope: Scope,
    /// Where it was read.
    pub origin: Origin,
}
