//! The Estate: every resource vpclint knows about, normalized from whatever source it came from
//! (an export, later a Terraform plan or a live account), with indexes by id.
//!
//! Model types are plain owned data: no serde, no SDK types, no JSON values. Each resource keeps its
//! [`Origin`] so a finding can point back at the exact place it was read from.

mod aiven;
mod api;
mod dns;
mod endpoint;
mod estate;
mod ids;
mod network;
mod origin;
mod peering;
mod security_group;
mod tagged;
mod transit;
mod vpc;

pub use aiven::{
    AivenComponent, AivenConnection, AivenPrivatelink, AivenService, PrivatelinkAccess,
    KAFKA_PRIVATELINK_PORTS,
};
pub use api::RestApi;
pub use dns::{
    in_domain, merge_zone, normalize_name, Alias, DhcpOptions, HostedZone, Record,
    ResolverEndpoint, ResolverRule, RuleAssociation, ZoneRecords, ZoneVpc, RECORD_SETS,
    ZONE_ASSOCIATIONS,
};
pub use endpoint::{
    state_is_gone, EndpointConnection, EndpointKind, EndpointService, Listener, LoadBalancer,
    ServiceConfiguration, ServicePermission, VpcEndpoint,
};
pub use estate::{merge_into, DnsAttribute, Estate, MergeConflict, Mergeable};
pub use ids::{EniId, NaclId, PcxId, RestApiId, RtbId, SgId, SubnetId, TgwId, VpcId, VpceId};
pub use network::{
    AvailabilityZone, NaclAction, NaclEntry, NetworkAcl, NetworkInterface, PrefixList, Route,
    RouteTable, RouteTarget,
};
pub use origin::{is_unknown, unknown, FileId, Naming, Origin, Planned, Rel, RelPath, Scope};
pub use peering::{Peering, PeeringSide};
pub use security_group::{Protocol, SecurityGroup, SgPeer, SgRule};
pub use tagged::{Tagged, IGNORE_TAG};
pub use transit::{
    TgwAttachment, TgwLink, TgwLinks, TgwRoute, TgwRouteTable, TgwRoutes, TgwTarget, TransitGateway,
};
pub use vpc::{Subnet, Tags, Vpc, VpcCidr};
