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
pub mod packets;
mod reach;
mod trace;

use std::collections::{BTreeMap, BTreeSet};

use ipnet::IpNet;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{
    EniId, Estate, NetworkAcl, NetworkInterface, PcxId, Peering, RouteTable, RtbId, SgId, Subnet,
    SubnetId, VpcEndpoint, VpcId, VpceId,
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
pub use trace::{Component, Hop, Leg, Outcome, Reason, Trace, Verdict, EPHEMERAL};

/// A node of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
    nodes: BTreeMap<Node<'e>, NodeIndex>,
    subnet_nacl: BTreeMap<&'e SubnetId, &'e NetworkAcl>,
    subnet_table: BTreeMap<&'e SubnetId, &'e RouteTable>,
    eni_endpoint: BTreeMap<&'e EniId, &'e VpcEndpoint>,
    members: BTreeMap<&'e SgId, Vec<&'e NetworkInterface>>,
    member_addrs: BTreeMap<&'e SgId, AddrSet>,
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
            nodes: BTreeMap::new(),
            subnet_nacl: BTreeMap::new(),
            subnet_table: BTreeMap::new(),
            eni_endpoint: BTreeMap::new(),
            members: BTreeMap::new(),
            member_addrs: BTreeMap::new(),
        };
        for v in estate.vpcs.values() {
            net.node(Node::Vpc(&v.id));
        }
        for s in estate.subnets.values() {
            let sn = net.node(Node::Subnet(&s.id));
            let vn = net.node(Node::Vpc(&s.vpc_id));
            net.graph.add_edge(sn, vn, Edge::InVpc);
            net.graph.add_edge(vn, sn, Edge::Contains);
        }
        // NACLs: the VPC's default one unless the subnet is associated with another.
        let mut default_nacl: BTreeMap<&VpcId, &NetworkAcl> = BTreeMap::new();
        for n in estate.nacls.values() {
            if n.is_default {
                default_nacl.insert(&n.vpc_id, n);
            }
            for s in &n.subnet_ids {
                net.subnet_nacl.insert(s, n);
            }
        }
        // Route tables: the explicit association, else the VPC's main table.
        let mut main_table: BTreeMap<&VpcId, &RouteTable> = BTreeMap::new();
        for t in estate.route_tables.values() {
            let tn = net.node(Node::Table(&t.id));
            if t.main {
                main_table.insert(&t.vpc_id, t);
            }
            for s in &t.subnet_ids {
                net.subnet_table.insert(s, t);
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
            if !net.subnet_nacl.contains_key(&s.id) {
                if let Some(n) = default_nacl.get(&s.vpc_id) {
                    net.subnet_nacl.insert(&s.id, n);
                }
            }
            if !net.subnet_table.contains_key(&s.id) {
                if let Some(t) = main_table.get(&s.vpc_id) {
                    net.subnet_table.insert(&s.id, t);
                }
            }
            if let Some(t) = net.subnet_table.get(&s.id).copied() {
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
            let addrs = enis
                .iter()
                .flat_map(|e| e.addresses.iter())
                .fold(AddrSet::default(), |acc, ip| {
                    packets::Lattice::union(&acc, &AddrSet::ip(*ip))
                });
            net.member_addrs.insert(g, addrs);
        }
        net
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

    /// The addresses of a group's members.
    pub(crate) fn member_addrs(&self, sg: &SgId) -> AddrSet {
        self.member_addrs.get(sg).cloned().unwrap_or_default()
    }

    /// The NACL in force on a subnet.
    pub fn nacl_of(&self, subnet: &SubnetId) -> Option<&'e NetworkAcl> {
        self.subnet_nacl.get(subnet).copied()
    }

    /// The route table in force on a subnet.
    pub fn table_of(&self, subnet: &SubnetId) -> Option<&'e RouteTable> {
        self.subnet_table.get(subnet).copied()
    }

    /// The VPCs peered with `vpc` through an active peering, with the peering, in id order.
    pub fn peers(&self, vpc: &VpcId) -> Vec<(&'e Peering, &'e VpcId)> {
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

    /// The hops a request from `from` takes to `to_vpc` for destination `dest`, following the
    /// route picked in each table: `[subnet, table, (peering,) vpc]` as ids, or why it stops.
    fn route_path(&self, from: &'e SubnetId, dest: &IpNet, to_vpc: &VpcId) -> RouteLookup<'e> {
        let Some(table) = self.table_of(from) else {
            return RouteLookup::NoTable;
        };
        let Some((index, route)) = best_route(table, dest) else {
            return RouteLookup::NoRoute { table };
        };
        if route.state.as_deref() == Some("blackhole") {
            return RouteLookup::Blackhole { table, index };
        }
        let (Some(&start), Some(&goal)) = (
            self.nodes.get(&Node::Subnet(from)),
            self.nodes.get(&Node::Vpc(to_vpc)),
        ) else {
            return RouteLookup::NoTable;
        };
        // Only the chosen route leaves the table; peerings lead to their two VPCs.
        let filtered = petgraph::visit::EdgeFiltered::from_fn(&self.graph, |e| match e.weight() {
            Edge::UsesTable | Edge::Side => true,
            Edge::Route(i) => *i == index,
            _ => false,
        });
        let path = petgraph::algo::astar(&filtered, start, |n| n == goal, |_| 1u32, |_| 0u32);
        match path {
            Some((_, nodes)) => {
                let pcx = nodes.iter().find_map(|n| match self.graph.node_weight(*n) {
                    Some(Node::Peering(p)) => self.estate.peerings.get(*p),
                    _ => None,
                });
                RouteLookup::Reaches { table, index, pcx }
            }
            None => RouteLookup::Elsewhere { table, index },
        }
    }
}

/// The outcome of a route look-up.
enum RouteLookup<'e> {
    /// The subnet has no route table in the input.
    NoTable,
    /// No route covers the destination.
    NoRoute { table: &'e RouteTable },
    /// The covering route is a blackhole.
    Blackhole { table: &'e RouteTable, index: usize },
    /// The covering route leads to the destination VPC (through `pcx` when peered).
    Reaches {
        table: &'e RouteTable,
        index: usize,
        pcx: Option<&'e Peering>,
    },
    /// The covering route leads somewhere else.
    Elsewhere { table: &'e RouteTable, index: usize },
}

/// The most specific route of `table` that covers all of `dest`.
fn best_route<'t>(table: &'t RouteTable, dest: &IpNet) -> Option<(usize, &'t crate::model::Route)> {
    table
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.destination.is_some_and(|d| d.contains(dest)))
        .max_by_key(|(i, r)| {
            (
                r.destination.map_or(0, |d| d.prefix_len()),
                std::cmp::Reverse(*i),
            )
        })
}

/// The subnet's address blocks, IPv4 first.
pub fn subnet_blocks(s: &Subnet) -> Vec<IpNet> {
    s.cidr.iter().chain(&s.ipv6_cidrs).copied().collect()
}
