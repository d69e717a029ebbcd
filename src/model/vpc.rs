//! VPCs and subnets.

use ipnet::IpNet;

use super::{Origin, Rel, Scope, SubnetId, VpcId};

/// Resource tags, in the order AWS listed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tags(pub Vec<(String, String)>);

impl Tags {
    /// The value of tag `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The `Name` tag.
    pub fn name(&self) -> Option<&str> {
        self.get("Name")
    }
}

/// A VPC with every CIDR block associated with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Vpc {
    /// `vpc-…`
    pub id: VpcId,
    /// Account and region.
    pub scope: Scope,
    /// Every IPv4 and IPv6 block in an associated (or associating) state, primary first.
    pub cidrs: Vec<VpcCidr>,
    /// Whether this is the region's default VPC.
    pub is_default: bool,
    /// The DHCP options set associated with it (`dopt-…`, or `default` for none).
    pub dhcp_options_id: Option<String>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// One CIDR block of a VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct VpcCidr {
    /// The block.
    pub block: IpNet,
    /// `vpc-cidr-assoc-…`, needed to disassociate a secondary block.
    pub association_id: Option<String>,
    /// True for the block the VPC was created with.
    pub primary: bool,
    /// Where the `CidrBlock` / `Ipv6CidrBlock` value was read: relative to the VPC's object, or
    /// its own place (`aws_vpc_ipv4_cidr_block_association`).
    pub rel: Rel,
}

/// A subnet.
#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    /// `subnet-…`
    pub id: SubnetId,
    /// Owning VPC.
    pub vpc_id: VpcId,
    /// Account and region.
    pub scope: Scope,
    /// IPv4 block, absent for IPv6-only subnets.
    pub cidr: Option<IpNet>,
    /// IPv6 blocks.
    pub ipv6_cidrs: Vec<IpNet>,
    /// Availability Zone name (`eu-west-1a`); names differ between accounts.
    pub az: String,
    /// Availability Zone id (`euw1-az3`); the same physical zone in every account.
    pub az_id: Option<String>,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}
