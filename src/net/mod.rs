//! The network model: which packets get from a client to an endpoint, and why not.
//!
//! [`Network::build`] indexes the Estate once for the evaluation: each subnet's NACL and route
//! table, where each route leads (its VPC, or a peering and its two VPCs), each VPC's active
//! peers, each interface's effective security groups and each group's members. Every path has at
//! most one peering hop, since peering is not transitive, so these one-hop look-ups are the whole
//! topology; a graph earns its place when transit gateways make routing transitive. Queries take
//! domain ids and return domain results with a hop-by-hop [`Trace`].
//!
//! AWS semantics, as evaluated here:
//! - Security groups are stateful allow-lists: a request they admit gets its reply. A rule's
//!   source is a CIDR block, a prefix list (whose entries the export does not hold: the verdict
//!   is "unknown", never a guess) or a security group, which stands for the network interfaces
//!   in that group. Protocol `-1` is every protocol; ICMP has no ports. An endpoint's groups are
//!   its own `Groups`, which apply to all its interfaces whatever the interfaces list.
//! - NACLs are stateless and ordered: the lowest-numbered matching entry decides, and a packet no
//!   entry matches is denied even when the export lacks the final `*` entry. Both directions are
//!   checked on both subnets: the request, and the reply to the client's ephemeral ports
//!   (1024-65535). Traffic that stays inside one subnet crosses no NACL.
//! - Route tables (the subnet's explicit association, else its VPC's main table) pick the
//!   longest prefix that covers the destination; a peered client needs a route to the endpoint
//!   through an active peering and the endpoint's subnet a route back through the same one.

mod access;
mod eval;
mod flow;
pub mod packets;
mod reach;
pub mod resolve;
mod trace;
mod transit;
mod verdict;

#[cfg(test)]
mod agree;

use std::collections::BTreeMap;

use ipnet::IpNet;
use rustc_hash::FxHashMap as HashMap;

use eval::{block_span, Next, RouteFact};

use crate::model::{
    EniId, Estate, NaclEntry, NetworkAcl, NetworkInterface, Peering, RouteTable, SecurityGroup,
    SgId, Subnet, SubnetId, TgwId, VpcEndpoint, VpcId,
};

pub use access::{
    service_need, Client, ClientAccess, ClientKind, ClientRule, ClientWhy, EndpointAccess,
    InterfaceAccess, Need, ReachConfig, ServiceNeed, ServiceRule,
};
pub use packets::{AddrSet, PacketSet, PortSet};
pub use reach::{
    GatewayPath, GatewayReach, NameAnswer, NameLookup, Reach, ReachError, ReachPath, ReachVerdict,
};

/// The TCP or UDP port range of a security group rule (`None`: every port).
pub fn eval_ports(r: &crate::model::SgRule) -> Option<(u16, u16)> {
    eval::rule_ports(r.protocol, r.from_port, r.to_port)
}
/// How a NACL's entries in one direction treat `packets` (addresses: the remote side), as AWS
/// evaluates them: each part with the entry (or final deny) that decides it, and whether it is
/// allowed. The NACL rule checks what a proposed entry would change with it.
pub fn nacl_decisions(
    acl: &NetworkAcl,
    egress: bool,
    packets: &PacketSet,
) -> Vec<(Reason, bool, PacketSet)> {
    eval::nacl(acl, &eval::nacl_order(acl, egress), packets)
}
pub use flow::EPHEMERAL;
pub use transit::transit_words;
pub use verdict::{Component, Hop, Leg, Outcome, Reason, Trace, Verdict};

/// The reachability model of an Estate, built once.
pub struct Network<'e> {
    estate: &'e Estate,
    // The lookups below run for every hop of every trace and are never iterated: hashed, since
    // comparing ids down a tree dominated large checks.
    /// Each subnet's NACL and route table, with their indexes in `nacl_entries` and `routes`.
    places: HashMap<&'e SubnetId, Place<'e>>,
    eni_endpoint: HashMap<&'e EniId, &'e VpcEndpoint>,
    members: BTreeMap<&'e SgId, Vec<&'e NetworkInterface>>,
    member_addrs: HashMap<&'e SgId, AddrSet>,
    /// Each NACL's inbound and outbound entries in rule-number order, with their indexes.
    nacl_entries: Vec<[Vec<(usize, &'e NaclEntry)>; 2]>,
    /// Each table's routes as a look-up reads them, in table order.
    routes: Vec<Vec<RouteFact<'e>>>,
    /// The security groups by id.
    groups: HashMap<&'e SgId, &'e SecurityGroup>,
    /// Each VPC's peers through active peerings, in (peering, VPC) id order.
    vpc_peers: HashMap<&'e VpcId, Vec<(&'e Peering, &'e VpcId)>>,
    /// Each VPC's subnets in id order, and all their addresses.
    vpc_subnets: HashMap<&'e VpcId, VpcSubnets<'e>>,
    /// Transit gateway routing.
    transit: transit::Transit<'e>,
}

/// A VPC's subnets in id order with their addresses, and all their addresses.
type VpcSubnets<'e> = (Vec<(&'e Subnet, AddrSet)>, AddrSet);

/// The NACL and route table in force on a subnet.
#[derive(Clone, Copy, Default)]
struct Place<'e> {
    nacl: Option<(&'e NetworkAcl, usize)>,
    table: Option<(&'e RouteTable, usize)>,
}

/// A failed look-up: an id the Estate does not have.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind} `{id}` is not in the input")]
pub struct UnknownId {
    /// `subnet`, `network interface`, …
    pub kind: &'static str,
    /// The id.
    pub id: String,
}

impl<'e> Network<'e> {
    /// Builds the graph and its indexes: one pass over each kind of resource.
    pub fn build(estate: &'e Estate) -> Self {
        let mut net = Network {
            estate,
            places: HashMap::default(),
            eni_endpoint: HashMap::default(),
            members: BTreeMap::new(),
            member_addrs: HashMap::default(),
            nacl_entries: Vec::new(),
            routes: Vec::new(),
            groups: estate.security_groups.iter().collect(),
            vpc_peers: HashMap::default(),
            vpc_subnets: HashMap::default(),
            transit: transit::Transit::build(estate),
        };
        for s in estate.subnets.values() {
            let (list, all) = net.vpc_subnets.entry(&s.vpc_id).or_default();
            let addrs = AddrSet::nets(&subnet_blocks(s));
            *all = packets::Lattice::union(&*all, &addrs);
            list.push((s, addrs));
        }
        // NACLs: the VPC's default one unless the subnet is associated with another.
        let mut default_nacl: BTreeMap<&VpcId, (&NetworkAcl, usize)> = BTreeMap::new();
        for (ix, n) in estate.nacls.values().enumerate() {
            if n.is_default {
                default_nacl.insert(&n.vpc_id, (n, ix));
            }
            for s in &n.subnet_ids {
                net.places.entry(s).or_default().nacl = Some((n, ix));
            }
            net.nacl_entries
                .push([false, true].map(|egress| eval::nacl_order(n, egress)));
        }
        // Route tables: the explicit association, else the VPC's main table.
        let mut main_table: BTreeMap<&VpcId, (&RouteTable, usize)> = BTreeMap::new();
        for (ix, t) in estate.route_tables.values().enumerate() {
            if t.main {
                main_table.insert(&t.vpc_id, (t, ix));
            }
            for s in &t.subnet_ids {
                net.places.entry(s).or_default().table = Some((t, ix));
            }
        }
        for s in estate.subnets.values() {
            let place = net.places.entry(&s.id).or_default();
            place.nacl = place.nacl.or_else(|| default_nacl.get(&s.vpc_id).copied());
            place.table = place.table.or_else(|| main_table.get(&s.vpc_id).copied());
        }
        // Each VPC's active peers, in peering id order (the peerings' own order, each giving a VPC
        // one peer); a peering of a VPC with itself leads nowhere.
        for p in estate.peerings.values() {
            if !p.status.eq_ignore_ascii_case("active") {
                continue;
            }
            let (a, b) = (&p.requester.vpc_id, &p.accepter.vpc_id);
            if a != b {
                net.vpc_peers.entry(a).or_default().push((p, b));
                net.vpc_peers.entry(b).or_default().push((p, a));
            }
        }
        for ep in estate.endpoints.values() {
            for eni in &ep.eni_ids {
                net.eni_endpoint.insert(eni, ep);
            }
        }
        for eni in estate.interfaces.values() {
            for g in net.groups_of(eni) {
                net.members.entry(g).or_default().push(eni);
            }
        }
        for (g, enis) in &net.members {
            let addrs = AddrSet::ips(enis.iter().flat_map(|e| e.addresses.iter()));
            net.member_addrs.insert(g, addrs);
        }
        for t in estate.route_tables.values() {
            let facts: Vec<RouteFact<'e>> = t
                .routes
                .iter()
                .map(|r| RouteFact {
                    dest: r.destination.map(|d| (block_span(&d), d.prefix_len())),
                    blackhole: r.state.as_deref() == Some("blackhole"),
                    next: next_hop(estate, &net.transit, t, &r.target),
                })
                .collect();
            net.routes.push(facts);
        }
        net
    }

    /// The Estate the network was built from.
    pub fn estate(&self) -> &'e Estate {
        self.estate
    }

    /// The security groups that apply to an interface: an endpoint's interfaces take the
    /// endpoint's `Groups` (describe-network-interfaces may list others, as moto does).
    pub fn groups_of(&self, eni: &'e NetworkInterface) -> &'e [SgId] {
        match self.eni_endpoint.get(&eni.id) {
            Some(ep) => &ep.groups,
            None => &eni.groups,
        }
    }

    /// The endpoint that owns an interface.
    pub fn endpoint_of(&self, eni: &EniId) -> Option<&'e VpcEndpoint> {
        self.eni_endpoint.get(eni).copied()
    }

    /// The interfaces in a security group, in id order.
    pub fn members(&self, sg: &SgId) -> &[&'e NetworkInterface] {
        self.members.get(sg).map_or(&[], Vec::as_slice)
    }

    /// The subnets of a VPC in id order with their addresses, and all their addresses.
    fn subnets_in(&self, vpc: &VpcId) -> (&[(&'e Subnet, AddrSet)], Option<&AddrSet>) {
        match self.vpc_subnets.get(vpc) {
            Some((list, addrs)) => (list, Some(addrs)),
            None => (&[], None),
        }
    }

    /// The NACL in force on a subnet.
    pub fn nacl_of(&self, subnet: &SubnetId) -> Option<&'e NetworkAcl> {
        self.places.get(subnet)?.nacl.map(|(n, _)| n)
    }

    /// The NACL at a subnet's place and its outbound (or inbound) entries in rule-number order
    /// with their indexes, or `None` when the input has no NACL for it.
    fn nacl_order_at(
        &self,
        place: Option<&Place<'e>>,
        egress: bool,
    ) -> Option<(&'e NetworkAcl, &[(usize, &'e NaclEntry)])> {
        let (acl, ix) = place?.nacl?;
        self.nacl_entries
            .get(ix)
            .map(|o| (acl, o[usize::from(egress)].as_slice()))
    }

    /// A security group by id.
    fn group(&self, sg: &SgId) -> Option<&'e SecurityGroup> {
        self.groups.get(sg).copied()
    }

    /// The route table in force on a subnet.
    pub fn table_of(&self, subnet: &SubnetId) -> Option<&'e RouteTable> {
        self.places.get(subnet)?.table.map(|(t, _)| t)
    }

    /// The VPCs peered with `vpc` through an active peering, with the peering, in id order.
    pub fn peers(&self, vpc: &VpcId) -> &[(&'e Peering, &'e VpcId)] {
        self.vpc_peers.get(vpc).map_or(&[], Vec::as_slice)
    }

    /// The VPCs attached to the same transit gateways as `vpc` (available attachments), with the
    /// gateway, in (gateway, VPC) id order: whether traffic flows between them is for the
    /// gateway's route tables to say.
    pub fn transit_neighbours(&self, vpc: &VpcId) -> &[(&'e TgwId, &'e VpcId)] {
        self.transit.neighbours(vpc)
    }

    /// The NACL and route table of a subnet, looked up once for the hops that read both.
    fn place(&self, subnet: &SubnetId) -> Option<&Place<'e>> {
        self.places.get(subnet)
    }
}

/// Where a route of table `t` leads: its VPC (local), a peering of the input and its two VPCs, or
/// a transit gateway the input describes.
fn next_hop<'e>(
    estate: &'e Estate,
    transit: &transit::Transit<'e>,
    t: &'e RouteTable,
    target: &'e crate::model::RouteTarget,
) -> Option<Next<'e>> {
    match target {
        crate::model::RouteTarget::Local => Some(Next::Vpc(&t.vpc_id)),
        crate::model::RouteTarget::Peering(p) => estate
            .peerings
            .get(p)
            .map(|p| Next::Peering(p, [&p.requester.vpc_id, &p.accepter.vpc_id])),
        crate::model::RouteTarget::TransitGateway(g) => {
            transit.knows(g).then_some(Next::Transit(g))
        }
        crate::model::RouteTarget::Other(_) => None,
    }
}

/// The subnet's address blocks, IPv4 first.
pub fn subnet_blocks(s: &Subnet) -> Vec<IpNet> {
    s.cidr.iter().chain(&s.ipv6_cidrs).copied().collect()
}
