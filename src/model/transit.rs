//! Transit gateways: their VPC attachments, route tables, and each table's routes, associations
//! and propagations.

use ipnet::IpNet;

use super::{Origin, Rel, Scope, Tags, TgwId, VpcId};

/// A transit gateway (describe-transit-gateways).
#[derive(Clone, Debug, PartialEq)]
pub struct TransitGateway {
    /// `tgw-…`
    pub id: TgwId,
    /// `available`, `pending`, `deleting`, …
    pub state: String,
    /// Account and region.
    pub scope: Scope,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// An attachment of a VPC (or a VPN, Direct Connect gateway, peering, …) to a transit gateway
/// (describe-transit-gateway-attachments).
#[derive(Clone, Debug, PartialEq)]
pub struct TgwAttachment {
    /// `tgw-attach-…`
    pub id: String,
    /// The transit gateway.
    pub tgw_id: TgwId,
    /// `vpc`, `vpn`, `direct-connect-gateway`, `connect`, `peering`, `network-function`.
    pub resource_type: String,
    /// The attached resource's id (a VPC's for `vpc`).
    pub resource_id: String,
    /// `available`, `pendingAcceptance`, `deleting`, …
    pub state: String,
    /// The route table the attachment is associated with, when the association is `associated`.
    pub association: Option<String>,
    /// Account (the resource's owner) and region.
    pub scope: Scope,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

impl TgwAttachment {
    /// The attached VPC, for a VPC attachment.
    pub fn vpc(&self) -> Option<VpcId> {
        (self.resource_type == "vpc").then(|| VpcId(self.resource_id.clone()))
    }

    /// Whether traffic flows through it.
    pub fn is_available(&self) -> bool {
        self.state.eq_ignore_ascii_case("available")
    }
}

/// A transit gateway route table (describe-transit-gateway-route-tables).
#[derive(Clone, Debug, PartialEq)]
pub struct TgwRouteTable {
    /// `tgw-rtb-…`
    pub id: String,
    /// The transit gateway.
    pub tgw_id: TgwId,
    /// `available`, `pending`, `deleting`, `deleted`.
    pub state: String,
    /// Account and region.
    pub scope: Scope,
    /// Tags.
    pub tags: Tags,
    /// Where it was read.
    pub origin: Origin,
}

/// The routes of a transit gateway route table: search-transit-gateway-routes in the table's
/// folder (static and propagated alike), or a plan's static routes.
#[derive(Clone, Debug, PartialEq)]
pub struct TgwRoutes {
    /// The table, from the folder.
    pub table_id: String,
    /// The routes in input order.
    pub routes: Vec<TgwRoute>,
    /// The call said more routes match than it printed (`AdditionalRoutesAvailable`).
    pub truncated: bool,
    /// The list holds the propagated routes too, as search-transit-gateway-routes prints them;
    /// a plan's holds its static routes (`aws_ec2_transit_gateway_route`) only, and the table's
    /// propagations give the others.
    pub with_propagated: bool,
    /// Where the list was read.
    pub origin: Origin,
}

/// One transit gateway route.
#[derive(Clone, Debug, PartialEq)]
pub struct TgwRoute {
    /// Destination block; `None` for a prefix-list destination.
    pub destination: Option<IpNet>,
    /// Destination prefix list `pl-…`.
    pub prefix_list: Option<String>,
    /// The attachments it sends traffic to (several for ECMP over VPN or Connect; none for a
    /// blackhole).
    pub targets: Vec<TgwTarget>,
    /// `static` or `propagated`.
    pub route_type: String,
    /// `active` or `blackhole`.
    pub state: String,
    /// Where it was read, relative to the list's origin.
    pub rel: Rel,
}

/// An attachment a transit gateway route sends traffic to, as the route names it.
#[derive(Clone, Debug, PartialEq)]
pub struct TgwTarget {
    /// `tgw-attach-…`
    pub attachment_id: String,
    /// The attached resource (a VPC's id for `vpc`).
    pub resource_id: String,
    /// `vpc`, `vpn`, …
    pub resource_type: String,
}

impl TgwTarget {
    /// The attached VPC, for a VPC attachment.
    pub fn vpc(&self) -> Option<VpcId> {
        (self.resource_type == "vpc").then(|| VpcId(self.resource_id.clone()))
    }
}

impl TgwRoute {
    /// Whether it drops what it matches.
    pub fn is_blackhole(&self) -> bool {
        self.state.eq_ignore_ascii_case("blackhole")
    }
}

/// Which attachments a transit gateway route table lists as associated
/// (get-transit-gateway-route-table-associations) or as propagating its routes
/// (get-transit-gateway-route-table-propagations), in the table's folder.
#[derive(Clone, Debug, PartialEq)]
pub struct TgwLinks {
    /// The table, from the folder.
    pub table_id: String,
    /// The attachments in input order.
    pub links: Vec<TgwLink>,
    /// Where the list was read.
    pub origin: Origin,
}

/// One associated or propagating attachment.
#[derive(Clone, Debug, PartialEq)]
pub struct TgwLink {
    /// `tgw-attach-…`
    pub attachment_id: String,
    /// The attached resource (a VPC's id for `vpc`).
    pub resource_id: String,
    /// `vpc`, `vpn`, …
    pub resource_type: String,
    /// `associated`/`enabled`, or a transition.
    pub state: String,
    /// Where it was read, relative to the list's origin.
    pub rel: Rel,
}

impl TgwLink {
    /// Whether the association or propagation is in force.
    pub fn in_force(&self) -> bool {
        matches!(
            self.state.to_ascii_lowercase().as_str(),
            "associated" | "enabled"
        )
    }
}
