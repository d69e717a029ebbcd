//! The one place that says how AWS treats a flow: NACL first match, security group rule × peer,
//! and longest-prefix route choice.
//!
//! The NACL and security group walks are generic over a [`Flow`], which is the mode:
//! - [`PacketSet`] explains. Each entry or rule takes the part of what is left that it matches,
//!   so a trace can name the entry that decided each part.
//! - [`Quick`] answers only whether all of it gets through, without building packet sets. When
//!   an entry matches part of the flow, the quick mode cannot split it, so the NACL walk gives
//!   up. The caller then takes the explaining way, which means a healthy flow may go the slow
//!   way but a problem never gets through. An estate's connectivity rules check every
//!   (client, endpoint interface) pair, and almost all of them are healthy, so this matters.

use std::borrow::Cow;
use std::ops::ControlFlow;

use ipnet::IpNet;

use crate::model::{
    NaclAction, NaclEntry, NetworkAcl, Peering, Protocol, RouteTable, RouteTarget, SgId, SgPeer,
    SgRule, VpcId,
};

use super::packets::{protocol_numbers, AddrSet, PacketSet, PortSet, Unit};
use super::verdict::{Outcome, Reason};
use super::{Network, Place};

/// The port range of a rule for TCP and UDP (`None`: every port).
pub(crate) fn rule_ports(
    protocol: Protocol,
    from: Option<i32>,
    to: Option<i32>,
) -> Option<(u16, u16)> {
    if !matches!(protocol, Protocol::Tcp | Protocol::Udp) {
        return None;
    }
    let from = u16::try_from(from?).ok()?;
    let to = u16::try_from(to?).ok()?;
    Some((from, to))
}

/// The remote addresses an entry or rule names.
#[derive(Clone, Copy)]
pub(crate) enum Peer<'a> {
    /// A block.
    Net(&'a IpNet),
    /// Every address.
    All,
    /// A set: a group's members.
    Set(&'a AddrSet),
    /// No address: a group without members in the input.
    Nothing,
}

/// What an entry or rule matches: protocol, ports and remote addresses.
#[derive(Clone, Copy)]
pub(crate) struct Selector<'a> {
    protocol: Protocol,
    ports: Option<(u16, u16)>,
    peer: Peer<'a>,
}

impl<'a> Selector<'a> {
    fn nacl(e: &'a NaclEntry) -> Self {
        Self {
            protocol: e.protocol,
            ports: e
                .ports
                .and_then(|(a, b)| rule_ports(e.protocol, Some(a), Some(b))),
            peer: Peer::Net(&e.cidr),
        }
    }

    fn rule(r: &SgRule, peer: Peer<'a>) -> Self {
        Self {
            protocol: r.protocol,
            ports: rule_ports(r.protocol, r.from_port, r.to_port),
            peer,
        }
    }
}

/// What a selector matches of what is left of a flow.
pub(crate) enum Take<P> {
    /// Nothing.
    Miss,
    /// This part.
    Hit(P),
    /// Some of it, which this mode cannot split off.
    Partial,
}

/// A mode of evaluation: the traffic not yet decided, and how a selector splits it.
pub(crate) trait Flow {
    /// A part of the traffic, as one entry or rule decides it.
    type Part;
    /// Whether nothing is left.
    fn is_empty(&self) -> bool;
    /// What `sel` matches, left in the flow.
    fn peek(&self, sel: &Selector<'_>) -> Take<Self::Part>;
    /// What `sel` matches, taken out of the flow.
    fn take(&mut self, sel: &Selector<'_>) -> Take<Self::Part>;
    /// What is left, `None` when nothing is.
    fn rest(self) -> Option<Self::Part>;
}

/// The explaining mode: the flow is a packet set.
impl Flow for PacketSet {
    type Part = PacketSet;

    fn is_empty(&self) -> bool {
        PacketSet::is_empty(self)
    }

    fn peek(&self, sel: &Selector<'_>) -> Take<PacketSet> {
        let addrs = match sel.peer {
            Peer::Net(n) => Cow::Owned(AddrSet::net(n)),
            Peer::All => Cow::Owned(AddrSet::all()),
            Peer::Set(s) => Cow::Borrowed(s),
            Peer::Nothing => return Take::Miss,
        };
        let m = self.and(&PacketSet::new(sel.protocol, sel.ports, &addrs));
        if m.is_empty() {
            Take::Miss
        } else {
            Take::Hit(m)
        }
    }

    fn take(&mut self, sel: &Selector<'_>) -> Take<PacketSet> {
        let got = self.peek(sel);
        if let Take::Hit(m) = &got {
            *self = self.minus(m);
        }
        got
    }

    fn rest(self) -> Option<PacketSet> {
        (!PacketSet::is_empty(&self)).then_some(self)
    }
}

/// The addresses of a quick flow: a set, limited to some families.
#[derive(Clone, Copy)]
pub(crate) struct Addrs<'a> {
    set: &'a AddrSet,
    v4: bool,
    v6: bool,
}

impl<'a> Addrs<'a> {
    /// All of `set`.
    pub(crate) fn all(set: &'a AddrSet) -> Self {
        Self {
            set,
            v4: true,
            v6: true,
        }
    }

    /// `set` in the families `like` has addresses in.
    pub(crate) fn like(set: &'a AddrSet, like: &AddrSet) -> Self {
        Self {
            set,
            v4: !like.v4.is_empty(),
            v6: !like.v6.is_empty(),
        }
    }

    fn v4(&self) -> &'a [(u32, u32, Unit)] {
        if self.v4 {
            self.set.v4.pieces()
        } else {
            &[]
        }
    }

    fn v6(&self) -> &'a [(u128, u128, Unit)] {
        if self.v6 {
            self.set.v6.pieces()
        } else {
            &[]
        }
    }

    fn is_empty(&self) -> bool {
        self.v4().is_empty() && self.v6().is_empty()
    }

    /// Whether some address is inside `net`, and whether every one is.
    fn against_net(&self, net: &IpNet) -> (bool, bool) {
        match net {
            IpNet::V4(n) => {
                let (lo, hi) = (u32::from(n.network()), u32::from(n.broadcast()));
                let v4 = self.v4();
                (
                    v4.iter().any(|p| p.0 <= hi && p.1 >= lo),
                    self.v6().is_empty() && v4.iter().all(|p| p.0 >= lo && p.1 <= hi),
                )
            }
            IpNet::V6(n) => {
                let (lo, hi) = (u128::from(n.network()), u128::from(n.broadcast()));
                let v6 = self.v6();
                (
                    v6.iter().any(|p| p.0 <= hi && p.1 >= lo),
                    self.v4().is_empty() && v6.iter().all(|p| p.0 >= lo && p.1 <= hi),
                )
            }
        }
    }

    /// Whether some address is in `other`, and whether every one is.
    fn against_set(&self, other: &AddrSet) -> (bool, bool) {
        fn family<K: Ord + Copy>(mine: &[(K, K, Unit)], other: &[(K, K, Unit)]) -> (bool, bool) {
            let some = mine
                .iter()
                .any(|p| other.iter().any(|q| q.0 <= p.1 && q.1 >= p.0));
            let all = mine
                .iter()
                .all(|p| other.iter().any(|q| q.0 <= p.0 && q.1 >= p.1));
            (some, all)
        }
        let (s4, a4) = family(self.v4(), other.v4.pieces());
        let (s6, a6) = family(self.v6(), other.v6.pieces());
        (s4 || s6, a4 && a6)
    }
}

/// The quick mode: one direction of a TCP or UDP flow as a hop sees it (protocol, ports, and
/// the remote addresses), and whether any of it is left undecided.
pub(crate) struct Quick<'a> {
    protocol: u8,
    ports: &'a PortSet,
    addrs: Addrs<'a>,
    left: bool,
}

impl<'a> Quick<'a> {
    /// The flow of protocol number `protocol` on `ports` with remote addresses `addrs`.
    pub(crate) fn new(protocol: u8, ports: &'a PortSet, addrs: Addrs<'a>) -> Self {
        Self {
            protocol,
            ports,
            addrs,
            left: ports.ranges().next().is_some() && !addrs.is_empty(),
        }
    }

    /// Whether `sel` matches some of the flow, and whether it matches all of it.
    fn against(&self, sel: &Selector<'_>) -> (bool, bool) {
        let (lo, hi) = protocol_numbers(sel.protocol);
        if !self.left || !(lo..=hi).contains(&self.protocol) {
            return (false, false);
        }
        let (some_ports, all_ports) = match sel.ports {
            None => (true, true),
            Some((a, b)) => {
                let (a, b) = (a.min(b), a.max(b));
                (
                    self.ports.ranges().any(|(x, y)| x <= b && y >= a),
                    self.ports.ranges().all(|(x, y)| x >= a && y <= b),
                )
            }
        };
        let (some_addrs, all_addrs) = match sel.peer {
            Peer::Net(n) => self.addrs.against_net(n),
            Peer::All => (true, true),
            Peer::Set(s) => self.addrs.against_set(s),
            Peer::Nothing => (false, false),
        };
        (some_ports && some_addrs, all_ports && all_addrs)
    }
}

impl Flow for Quick<'_> {
    type Part = ();

    fn is_empty(&self) -> bool {
        !self.left
    }

    fn peek(&self, sel: &Selector<'_>) -> Take<()> {
        match self.against(sel) {
            (_, true) => Take::Hit(()),
            (true, false) => Take::Partial,
            (false, false) => Take::Miss,
        }
    }

    fn take(&mut self, sel: &Selector<'_>) -> Take<()> {
        let got = self.peek(sel);
        if let Take::Hit(()) = got {
            self.left = false;
        }
        got
    }

    fn rest(self) -> Option<()> {
        self.left.then_some(())
    }
}

/// A NACL's entries in one direction, in rule-number order, each with its index in the NACL.
pub(crate) fn nacl_order(nacl: &NetworkAcl, egress: bool) -> Vec<(usize, &NaclEntry)> {
    let mut entries: Vec<(usize, &NaclEntry)> = nacl
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.egress == egress)
        .collect();
    entries.sort_by_key(|(_, e)| e.rule_number);
    entries
}

/// NACL first match: in rule-number order, each entry decides the part of what is left that it
/// matches, and `decide` hears of it (and may end the walk). Gives the part no entry matched,
/// which AWS's final `*` entry denies; `Break` when `decide` ended the walk or the mode gave up
/// on a part it cannot split, since a later entry must not decide what an earlier one matched.
pub(crate) fn nacl_first_match<'n, F: Flow>(
    entries: &[(usize, &'n NaclEntry)],
    mut flow: F,
    mut decide: impl FnMut(usize, &'n NaclEntry, F::Part) -> ControlFlow<()>,
) -> ControlFlow<(), Option<F::Part>> {
    for &(index, e) in entries {
        if flow.is_empty() {
            break;
        }
        match flow.take(&Selector::nacl(e)) {
            Take::Miss => {}
            Take::Hit(part) => decide(index, e, part)?,
            Take::Partial => return ControlFlow::Break(()),
        }
    }
    ControlFlow::Continue(flow.rest())
}

/// How a NACL treats `packets` (addresses: the remote side of the subnet, the source for
/// inbound entries and the destination for outbound ones): each part with the entry that
/// decided it, in rule-number order, and whether it was allowed.
pub(crate) fn nacl(
    acl: &NetworkAcl,
    entries: &[(usize, &NaclEntry)],
    packets: &PacketSet,
) -> Vec<(Reason, bool, PacketSet)> {
    let mut out = Vec::new();
    let walk = nacl_first_match(entries, packets.clone(), |index, e, part| {
        let allow = e.action == NaclAction::Allow;
        out.push((
            Reason::NaclEntry {
                nacl: acl.id.clone(),
                index,
                rule_number: e.rule_number,
                allow,
            },
            allow,
            part,
        ));
        ControlFlow::Continue(())
    });
    if let ControlFlow::Continue(Some(rest)) = walk {
        // AWS ends every NACL with `*` deny; moto's exports of custom NACLs omit it.
        out.push((
            Reason::NaclDefaultDeny {
                nacl: acl.id.clone(),
            },
            false,
            rest,
        ));
    }
    out
}

/// Whether the NACL entries admit all of a quick flow.
pub(crate) fn nacl_admits(entries: &[(usize, &NaclEntry)], flow: Quick<'_>) -> bool {
    let walk = nacl_first_match(entries, flow, |_, e, ()| {
        if e.action == NaclAction::Allow {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    matches!(walk, ControlFlow::Continue(None))
}

/// What a security group walk meets.
pub(crate) enum SgEvent<'g, P> {
    /// A rule admits a part.
    Admitted { sg: &'g SgId, index: usize, part: P },
    /// Only a prefix list could admit a part; its entries are not in the input.
    PrefixList {
        sg: &'g SgId,
        index: usize,
        list: &'g str,
        part: P,
    },
    /// A group the input does not describe, met while some traffic was left.
    NotExported { sg: &'g SgId },
}

/// What a set of security groups does with `packets` (addresses: the peer).
pub(crate) struct SgOutcome {
    /// Admitted parts, each with the first rule that admits it.
    pub admitted: Vec<(Reason, PacketSet)>,
    /// Parts only a prefix list could admit; its entries are not in the input.
    pub unknown: Vec<(Reason, PacketSet)>,
    /// What no rule admits.
    pub rest: PacketSet,
}

impl<'e> Network<'e> {
    /// Security groups are stateful allow-lists: the union of the inbound (or outbound) rules of
    /// `groups`, each rule taking what is left that it matches, and `on` hearing of it (and
    /// ending the walk when it likes). A rule naming a group matches a peer in that group
    /// (`peer_groups`) whole, and otherwise the addresses of the group's members. Gives what no
    /// rule admits.
    pub(crate) fn sg_walk<'g, F: Flow>(
        &self,
        groups: &'g [SgId],
        egress: bool,
        mut flow: F,
        peer_groups: &[SgId],
        mut on: impl FnMut(SgEvent<'g, F::Part>) -> ControlFlow<()>,
    ) -> ControlFlow<(), Option<F::Part>>
    where
        'e: 'g,
    {
        for sg in groups {
            let Some(g) = self.group(sg) else {
                if !flow.is_empty() {
                    on(SgEvent::NotExported { sg })?;
                }
                continue;
            };
            let rules: &'e [SgRule] = if egress { &g.egress } else { &g.ingress };
            for (index, r) in rules.iter().enumerate() {
                if flow.is_empty() {
                    break;
                }
                let peer = match &r.peer {
                    SgPeer::Cidr(n) => Peer::Net(n),
                    SgPeer::Group(h) if peer_groups.contains(h) => Peer::All,
                    SgPeer::Group(h) => self.member_addrs.get(h).map_or(Peer::Nothing, Peer::Set),
                    SgPeer::PrefixList(list) => {
                        if let Take::Hit(part) = flow.peek(&Selector::rule(r, Peer::All)) {
                            on(SgEvent::PrefixList {
                                sg,
                                index,
                                list,
                                part,
                            })?;
                        }
                        continue;
                    }
                };
                // A part one rule matches and the mode cannot split is skipped, not given up
                // on: the rules are a union, so a later one may still admit all that is left.
                if let Take::Hit(part) = flow.take(&Selector::rule(r, peer)) {
                    on(SgEvent::Admitted { sg, index, part })?;
                }
            }
        }
        ControlFlow::Continue(flow.rest())
    }

    /// Explains what the inbound (or outbound) rules of `groups` do with `packets`.
    pub(crate) fn security_groups(
        &self,
        groups: &[SgId],
        egress: bool,
        packets: &PacketSet,
        peer_groups: &[SgId],
    ) -> SgOutcome {
        let mut admitted = Vec::new();
        // `None`: a group not in the input, which leaves undecided whatever is left at the end.
        let mut unknown: Vec<(Reason, Option<PacketSet>)> = Vec::new();
        let walk = self.sg_walk(groups, egress, packets.clone(), peer_groups, |event| {
            match event {
                SgEvent::Admitted { sg, index, part } => admitted.push((
                    Reason::SgRule {
                        sg: sg.clone(),
                        index,
                        egress,
                    },
                    part,
                )),
                SgEvent::PrefixList {
                    sg,
                    index,
                    list,
                    part,
                } => unknown.push((
                    Reason::PrefixList {
                        sg: sg.clone(),
                        index,
                        egress,
                        list: list.to_owned(),
                    },
                    Some(part),
                )),
                SgEvent::NotExported { sg } => {
                    unknown.push((Reason::GroupNotExported { sg: sg.clone() }, None));
                }
            }
            ControlFlow::Continue(())
        });
        let rest = match walk {
            ControlFlow::Continue(rest) => rest.unwrap_or_else(PacketSet::empty),
            ControlFlow::Break(()) => PacketSet::empty(),
        };
        let unknown: Vec<(Reason, PacketSet)> = unknown
            .into_iter()
            .map(|(r, p)| (r, p.map_or_else(|| rest.clone(), |p| p.and(&rest))))
            .filter(|(_, p)| !p.is_empty())
            .collect();
        // A part a prefix list or a missing group might admit is undecided, not blocked.
        let maybe = unknown
            .iter()
            .fold(PacketSet::empty(), |acc, (_, p)| acc.or(p));
        SgOutcome {
            admitted,
            unknown,
            rest: rest.minus(&maybe),
        }
    }

    /// Whether the rules of `groups` admit all of a quick flow.
    pub(crate) fn groups_admit(
        &self,
        groups: &[SgId],
        egress: bool,
        flow: Quick<'_>,
        peer_groups: &[SgId],
    ) -> bool {
        let walk = self.sg_walk(groups, egress, flow, peer_groups, |_| {
            ControlFlow::Continue(())
        });
        matches!(walk, ControlFlow::Continue(None))
    }
}

/// What a route look-up needs of a route, in one small array per table: the routes themselves
/// are large, and look-ups run for every client of every endpoint.
#[derive(Clone, Copy)]
pub(crate) struct RouteFact<'e> {
    /// The destination as (IPv6, first address, last address) and prefix length: compared as
    /// integers, since every flow of the estate looks up its routes.
    pub(crate) dest: Option<((bool, u128, u128), u8)>,
    /// Whether the route is a blackhole.
    pub(crate) blackhole: bool,
    /// Where the route leads, read off the graph's route edges.
    pub(crate) next: Option<Next<'e>>,
}

impl RouteFact<'_> {
    fn prefix_len(&self) -> u8 {
        self.dest.map_or(0, |(_, len)| len)
    }
}

/// Where a route leads: its own VPC (`local`) or a peering, with the peering's two VPCs.
#[derive(Clone, Copy)]
pub(crate) enum Next<'e> {
    /// The table's own VPC.
    Vpc(&'e VpcId),
    /// A peering and its two VPCs.
    Peering(&'e Peering, [&'e VpcId; 2]),
    /// A transit gateway the input describes.
    Transit(&'e crate::model::TgwId),
}

/// What a route crosses on its way to another VPC.
#[derive(Clone, Debug)]
pub(crate) enum Via<'e> {
    /// A peering, active or not.
    Peering(&'e Peering),
    /// A transit gateway, and what it does with the traffic.
    Transit(&'e crate::model::TgwId, super::verdict::TransitStep),
}

/// A block as (IPv6, first address, last address).
pub(crate) fn block_span(net: &IpNet) -> (bool, u128, u128) {
    match net {
        IpNet::V4(n) => (
            false,
            u128::from(u32::from(n.network())),
            u128::from(u32::from(n.broadcast())),
        ),
        IpNet::V6(n) => (true, u128::from(n.network()), u128::from(n.broadcast())),
    }
}

/// The route chosen for a destination.
enum Choice<'e> {
    /// The subnet has no route table in the input.
    NoTable,
    /// No route of the table covers the destination.
    NoRoute(&'e RouteTable),
    /// The route (index into the table's routes) that covers it.
    Route(&'e RouteTable, usize, RouteFact<'e>),
}

/// The outcome of a route look-up towards a VPC.
pub(crate) enum RouteLookup<'e> {
    /// The subnet has no route table in the input.
    NoTable,
    /// No route covers the destination.
    NoRoute { table: &'e RouteTable },
    /// The covering route is a blackhole.
    Blackhole { table: &'e RouteTable, index: usize },
    /// The covering route leads to the destination VPC (through `via` when it crosses a peering
    /// or a transit gateway).
    Reaches {
        table: &'e RouteTable,
        index: usize,
        via: Option<Via<'e>>,
    },
    /// The covering route leads somewhere else.
    Elsewhere { table: &'e RouteTable, index: usize },
}

impl<'e> RouteLookup<'e> {
    /// What the route does with the traffic, from a subnet in the destination VPC or not. The
    /// peering crossed, if any, is judged apart ([`RouteLookup::peering_active`]).
    pub(crate) fn outcome(&self, same_vpc: bool) -> Outcome {
        match self {
            // The local route exists in every table, listed or not.
            RouteLookup::NoTable | RouteLookup::NoRoute { .. } if same_vpc => Outcome::Admitted,
            RouteLookup::NoTable => Outcome::Unknown,
            RouteLookup::NoRoute { .. } | RouteLookup::Blackhole { .. } => Outcome::Dropped,
            RouteLookup::Elsewhere { table, index } => {
                // A transit gateway or VPN may still deliver it: vpclint does not model them.
                let other = table.routes.get(*index).is_some_and(|r| {
                    matches!(
                        r.target,
                        RouteTarget::Other(_) | RouteTarget::TransitGateway(_)
                    )
                });
                if other {
                    Outcome::Unknown
                } else {
                    Outcome::Dropped
                }
            }
            RouteLookup::Reaches { .. } => Outcome::Admitted,
        }
    }

    /// What the route crosses.
    pub(crate) fn via(&self) -> Option<&Via<'e>> {
        match self {
            RouteLookup::Reaches { via, .. } => via.as_ref(),
            _ => None,
        }
    }

    /// Whether the route and what it crosses let the traffic through.
    fn admits(&self, same_vpc: bool) -> bool {
        self.outcome(same_vpc) == Outcome::Admitted
            && match self.via() {
                None => true,
                Some(Via::Peering(p)) => p.status.eq_ignore_ascii_case("active"),
                Some(Via::Transit(_, step)) => step.outcome == Outcome::Admitted,
            }
    }
}

/// The route back to a client outside every known subnet.
pub(crate) enum ExternalRoute<'e> {
    /// The subnet has no route table in the input.
    NoTable,
    /// No route covers the client.
    NoRoute { table: &'e RouteTable },
    /// The covering route, and what it does with the reply: local delivery admits it, a
    /// blackhole drops it, and any gateway or peering may deliver it (vpclint does not follow
    /// them).
    Route {
        table: &'e RouteTable,
        index: usize,
        blackhole: bool,
        local: bool,
    },
}

impl<'e> Network<'e> {
    /// Longest-prefix match: the most specific route of the place's table that covers all of
    /// `dest`, the first of equals.
    fn choose_route(&self, from: Option<&Place<'e>>, dest: &IpNet) -> Choice<'e> {
        let Some((table, ix)) = from.and_then(|p| p.table) else {
            return Choice::NoTable;
        };
        let facts = self.routes.get(ix).map_or(&[][..], Vec::as_slice);
        let (v6, lo, hi) = block_span(dest);
        let mut best: Option<(usize, &RouteFact<'e>)> = None;
        for (i, f) in facts.iter().enumerate() {
            let covers = f
                .dest
                .is_some_and(|((f6, first, last), _)| f6 == v6 && first <= lo && hi <= last);
            if covers && best.is_none_or(|(_, b)| f.prefix_len() > b.prefix_len()) {
                best = Some((i, f));
            }
        }
        match best {
            Some((index, fact)) => Choice::Route(table, index, *fact),
            None => Choice::NoRoute(table),
        }
    }

    /// Whether the route a subnet's table picks for `dest` takes it to `to_vpc` (directly, or
    /// through one peering), or why not.
    pub(super) fn route_from(
        &self,
        from: Option<&Place<'e>>,
        dest: &IpNet,
        to_vpc: &VpcId,
    ) -> RouteLookup<'e> {
        let (table, index, fact) = match self.choose_route(from, dest) {
            Choice::NoTable => return RouteLookup::NoTable,
            Choice::NoRoute(table) => return RouteLookup::NoRoute { table },
            Choice::Route(table, index, fact) => (table, index, fact),
        };
        if fact.blackhole {
            return RouteLookup::Blackhole { table, index };
        }
        // A peering leads on to its other VPC only: peering is not transitive. A transit gateway
        // routes by its own tables.
        let reaches = match fact.next {
            Some(Next::Vpc(v)) if v == to_vpc => Some(None),
            Some(Next::Peering(p, sides)) if to_vpc != &table.vpc_id && sides.contains(&to_vpc) => {
                Some(Some(Via::Peering(p)))
            }
            Some(Next::Transit(tgw)) if to_vpc != &table.vpc_id => Some(Some(Via::Transit(
                tgw,
                self.transit.step(tgw, &table.vpc_id, dest, to_vpc),
            ))),
            _ => None,
        };
        match reaches {
            Some(via) => RouteLookup::Reaches { table, index, via },
            None => RouteLookup::Elsewhere { table, index },
        }
    }

    /// The route a subnet's table picks for a client outside every known subnet.
    pub(super) fn external_route(
        &self,
        from: Option<&Place<'e>>,
        dest: &IpNet,
    ) -> ExternalRoute<'e> {
        match self.choose_route(from, dest) {
            Choice::NoTable => ExternalRoute::NoTable,
            Choice::NoRoute(table) => ExternalRoute::NoRoute { table },
            Choice::Route(table, index, fact) => ExternalRoute::Route {
                table,
                index,
                blackhole: fact.blackhole,
                local: matches!(fact.next, Some(Next::Vpc(_))),
            },
        }
    }

    /// Whether a subnet's routes take every block of `dest` to `to_vpc` (through an active
    /// peering when they cross one).
    pub(super) fn routes_admit(
        &self,
        from: Option<&Place<'e>>,
        same_vpc: bool,
        dest: &AddrSet,
        to_vpc: &VpcId,
    ) -> bool {
        dest.block_iter()
            .all(|block| self.route_from(from, &block, to_vpc).admits(same_vpc))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{FileId, NaclEntry, NaclId, Origin, Scope, Tags, VpcId};

    fn entry(
        n: i32,
        egress: bool,
        allow: bool,
        cidr: &str,
        ports: Option<(i32, i32)>,
    ) -> NaclEntry {
        NaclEntry {
            rule_number: n,
            egress,
            protocol: if ports.is_some() {
                Protocol::Tcp
            } else {
                Protocol::All
            },
            action: if allow {
                NaclAction::Allow
            } else {
                NaclAction::Deny
            },
            cidr: cidr.parse().unwrap(),
            ports,
            rel: "".into(),
        }
    }

    fn acl(entries: Vec<NaclEntry>) -> NetworkAcl {
        NetworkAcl {
            id: NaclId::from("acl-1"),
            vpc_id: VpcId::from("vpc-1"),
            scope: Scope::default(),
            is_default: false,
            entries,
            subnet_ids: Vec::new(),
            tags: Tags::default(),
            origin: Origin::new(FileId(0), ""),
        }
    }

    #[test]
    fn lowest_number_wins_and_the_end_denies() {
        let a = acl(vec![
            entry(200, false, true, "10.0.0.0/16", None),
            entry(100, false, false, "10.0.2.0/24", Some((443, 443))),
        ]);
        let req = PacketSet::new(
            Protocol::Tcp,
            Some((443, 443)),
            &AddrSet::net(&"10.0.0.0/8".parse().unwrap()),
        );
        let got: Vec<(String, bool, String)> = nacl(&a, &nacl_order(&a, false), &req)
            .into_iter()
            .map(|(r, allow, p)| (format!("{r:?}"), allow, p.render()))
            .collect();
        assert_eq!(got.len(), 3);
        assert!(got[0].0.contains("rule_number: 100"));
        assert_eq!(got[0].2, "TCP 443 from 10.0.2.0/24");
        assert!(!got[0].1);
        assert!(got[1].1);
        assert_eq!(got[1].2, "TCP 443 from 10.0.0.0/23, 10.0.3.0/24, 10.0.4.0/22, 10.0.8.0/21, 10.0.16.0/20, 10.0.32.0/19, 10.0.64.0/18, 10.0.128.0/17");
        assert!(got[2].0.contains("NaclDefaultDeny"));
        assert!(!got[2].1);
        // Outbound entries do not apply inbound.
        let out = acl(vec![entry(100, true, true, "0.0.0.0/0", None)]);
        assert_eq!(nacl(&out, &nacl_order(&out, false), &req).len(), 1);
    }
}
