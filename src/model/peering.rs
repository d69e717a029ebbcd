//! VPC peering connections.

use ipnet::IpNet;

use super::{Origin, PcxId, Tags, VpcId};

/// A VPC peering connection.
#[derive(Clone, Debug, PartialEq)]
pub struct Peering {
    /// `pcx-…`
    pub id: PcxId,
    /// The side that requested the peering.
    pub requester: PeeringSide,
    /// The side that accepted it.
    pub accepter: PeeringSide,
    /// `Status.Code`: `active`, `pending-acceptance`, `provisioning`, `failed`, …
    pub status: String,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// One side of a peering as the peering itself describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct PeeringSide {
    /// The VPC.
    pub vpc_id: VpcId,
    /// Its account.
    pub owner_id: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// The blocks the peering lists for this side (`CidrBlock`, `CidrBlockSet`, `Ipv6CidrBlockSet`);
    /// often only the primary one, so rules also consult the VPC itself.
    /// Each block comes with its pointer relative to the peering's object.
    pub cidrs: Vec<(IpNet, Box<str>)>,
}
