//! The network model: which packets get from a client to an endpoint, and why not.
//!
//! [`Network::build`] turns the Estate into a graph once (VPCs, subnets, route tables, peering
//! connections, network interfaces, endpoints and security groups as nodes; attachments, routes
//! and peering sides as edges) plus the indexes the evaluation needs (each subnet's NACL and
//! route table, each interface's effective security groups, each group's members). Queries take
//! domain ids and return domain results with a hop-by-hop [`Trace`]; the graph type never leaves
//! this module.
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
mod trace;
mod verdict;

#[cfg(test)]
mod agree;

use std::collections::{BTreeMap, BTreeSet};

use ipnet::IpNet;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap as HashMap;

use eval::{block_span, Next, RouteFact};

use crate::model::{
    EniId, Estate, NaclEntry, NetworkAcl, NetworkInterface, PcxId, Peering, RouteTable, RtbId,
    SecurityGroup, SgId, Subnet, SubnetId, VpcEndpoint, VpcId, VpceId,
};

pub use access::{
    service_need, Client, ClientAccess, ClientKind, ClientRule, ClientWhy, EndpointAccess,
    InterfaceAccess, Need, ReachConfig, ServiceNeed, ServiceRule,
};
pub use packets::{AddrSet, PacketSet, PortSet};
pub use reach::{Reach, ReachError, ReachPath, ReachVerdict};

/// The TCP or UDP port range of a security group rule (`None`: every port).
pub fn eval_ports(r: &crate::model::SgRule) -> Option<(u16, u16)> {
    eval::rule_ports(r.protocol, r.from_port, r.to_port)
}
pub use flow::EPHEMERAL;
pub use verdict::{Component, Hop, Leg, Outcome, Reason, Trace, Verdict};

/// A node of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Node<'e> {
    Vpc(&'e VpcId),
    Subnet(&'e SubnetId),
    Table(&'e RtbId),
    Peering(&'e PcxId),
    Interface(&'e EniId),
    Endpoint(&'e VpceId),
    Group(&'e SgId),
}

/// An edge of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    /// Subnet → VPC.
    InVpc,
    /// VPC → subnet: local delivery.
    Contains,
    /// Subnet → its route table.
    UsesTable,
    /// Route table → VPC (local) or peering; the route's index in the table.
    Route(usize),
    /// Peering → one of its VPCs.
    Side,
    /// Interface → subnet.
    AttachedTo,
    /// Endpoint → its interface.
    Owns,
    /// Interface → a group it is a member of.
    MemberOf,
}

/// The reachability model of an Estate, built once.
pub struct Network<'e> {
    estate: &'e Estate,
    graph: DiGraph<Node<'e>, Edge>,
    // The lookups below run for every hop of every trace and are never iterated: hashed, since
    // comparing ids down a tree dominated large checks.
    nodes: HashMap<Node<'e>, NodeIndex>,
    /// Each subnet's NACL and route table, with their indexes in `nacl_entries` and `route_next`.
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
            graph: DiGraph::new(),
            nodes: HashMap::default(),
            places: HashMap::default(),
            eni_endpoint: HashMap::default(),
            members: BTreeMap::new(),
            member_addrs: HashMap::default(),
            nacl_entries: Vec::new(),
            routes: Vec::new(),
            groups: estate.security_groups.iter().collect(),
            vpc_peers: HashMap::default(),
            vpc_subnets: HashMap::default(),
        };
        for v in estate.vpcs.values() {
            net.node(Node::Vpc(&v.id));
        }
        for s in estate.subnets.values() {
            let sn = net.node(Node::Subnet(&s.id));
            let vn = net.node(Node::Vpc(&s.vpc_id));
            net.graph.add_edge(sn, vn, Edge::InVpc);
            net.graph.add_edge(vn, sn, Edge::Contains);
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
            let tn = net.node(Node::Table(&t.id));
            if t.main {
                main_table.insert(&t.vpc_id, (t, ix));
            }
            for s in &t.subnet_ids {
                net.places.entry(s).or_default().table = Some((t, ix));
            }
            for (i, r) in t.routes.iter().enumerate() {
                let target = match &r.target {
                    crate::model::RouteTarget::Local => Some(net.node(Node::Vpc(&t.vpc_id))),
                    crate::model::RouteTarget::Peering(p) => Some(net.node(Node::Peering(p))),
                    crate::model::RouteTarget::Other(_) => None,
                };
                if let Some(to) = target {
                    net.graph.add_edge(tn, to, Edge::Route(i));
                }
            }
        }
        for s in estate.subnets.values() {
            let place = net.places.entry(&s.id).or_default();
            place.nacl = place.nacl.or_else(|| default_nacl.get(&s.vpc_id).copied());
            place.table = place.table.or_else(|| main_table.get(&s.vpc_id).copied());
            if let Some((t, _)) = place.table {
                let (sn, tn) = (net.node(Node::Subnet(&s.id)), net.node(Node::Table(&t.id)));
                net.graph.add_edge(sn, tn, Edge::UsesTable);
            }
        }
        for p in estate.peerings.values() {
            let pn = net.node(Node::Peering(&p.id));
            for side in [&p.requester, &p.accepter] {
                let vn = net.node(Node::Vpc(&side.vpc_id));
                net.graph.add_edge(pn, vn, Edge::Side);
                net.graph.add_edge(vn, pn, Edge::Side);
            }
        }
        for ep in estate.endpoints.values() {
            let en = net.node(Node::Endpoint(&ep.id));
            for eni in &ep.eni_ids {
                net.eni_endpoint.insert(eni, ep);
                let ni = net.node(Node::Interface(eni));
                net.graph.add_edge(en, ni, Edge::Owns);
            }
        }
        for eni in estate.interfaces.values() {
            let ni = net.node(Node::Interface(&eni.id));
            if let Some(s) = &eni.subnet_id {
                let sn = net.node(Node::Subnet(s));
                net.graph.add_edge(ni, sn, Edge::AttachedTo);
            }
            for g in net.groups_of(eni) {
                let gn = net.node(Node::Group(g));
                net.graph.add_edge(ni, gn, Edge::MemberOf);
                net.members.entry(g).or_default().push(eni);
            }
        }
        for (g, enis) in &net.members {
            let addrs = AddrSet::ips(enis.iter().flat_map(|e| e.addresses.iter()));
            net.member_addrs.insert(g, addrs);
        }
        for t in estate.route_tables.values() {
            let mut facts: Vec<RouteFact<'e>> = t
                .routes
                .iter()
                .map(|r| RouteFact {
                    dest: r.destination.map(|d| (block_span(&d), d.prefix_len())),
                    blackhole: r.state.as_deref() == Some("blackhole"),
                    next: None,
                })
                .collect();
            if let Some(&tn) = net.nodes.get(&Node::Table(&t.id)) {
                for e in net.graph.edges(tn) {
                    if let (Edge::Route(i), Some(next)) = (*e.weight(), net.next_at(e.target())) {
                        if let Some(f) = facts.get_mut(i) {
                            f.next = Some(next);
                        }
                    }
                }
            }
            net.routes.push(facts);
        }
        for v in estate.vpcs.values() {
            let peers = net.find_peers(&v.id);
            net.vpc_peers.insert(&v.id, peers);
        }
        net
    }

    /// Where a route whose edge ends at `to` leads: the VPC, or a peering and its two VPCs.
    fn next_at(&self, to: NodeIndex) -> Option<Next<'e>> {
        match *self.graph.node_weight(to)? {
            Node::Vpc(v) => Some(Next::Vpc(v)),
            Node::Peering(p) => {
                let peering = self.estate.peerings.get(p)?;
                let mut sides = self.graph.edges(to).filter_map(|e| {
                    match self.graph.node_weight(e.target()).copied() {
                        Some(Node::Vpc(v)) if *e.weight() == Edge::Side => Some(v),
                        _ => None,
                    }
                });
                let a = sides.next()?;
                Some(Next::Peering(peering, [a, sides.next().unwrap_or(a)]))
            }
            _ => None,
        }
    }

    fn node(&mut self, n: Node<'e>) -> NodeIndex {
        if let Some(i) = self.nodes.get(&n) {
            return *i;
        }
        let i = self.graph.add_node(n);
        self.nodes.insert(n, i);
        i
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

    /// [`Network::peers`], read off the graph.
    fn find_peers(&self, vpc: &VpcId) -> Vec<(&'e Peering, &'e VpcId)> {
        let Some(&vn) = self.nodes.get(&Node::Vpc(vpc)) else {
            return Vec::new();
        };
        let mut out = BTreeSet::new();
        for e in self.graph.edges(vn) {
            let Some(Node::Peering(pcx)) = self.graph.node_weight(e.target()).copied() else {
                continue;
            };
            let Some(p) = self.estate.peerings.get(pcx) else {
                continue;
            };
            if !p.status.eq_ignore_ascii_case("active") {
                continue;
            }
            for side in self.graph.edges(e.target()) {
                if let Some(Node::Vpc(other)) = self.graph.node_weight(side.target()).copied() {
                    if other != vpc {
                        out.insert((&p.id, other));
                    }
                }
            }
        }
        out.into_iter()
            .filter_map(|(id, v)| self.estate.peerings.get(id).map(|p| (p, v)))
            .collect()
    }

    /// The NACL and route table of a subnet, looked up once for the hops that read both.
    fn place(&self, subnet: &SubnetId) -> Option<&Place<'e>> {
        self.places.get(subnet)
    }
}

/// The subnet's address blocks, IPv4 first.
pub fn subnet_blocks(s: &Subnet) -> Vec<IpNet> {
    s.cidr.iter().chain(&s.ipv6_cidrs).copied().collect()
}
