//! NET001 `nacl-blocks-endpoint`.

use std::collections::{BTreeMap, BTreeSet};

use ipnet::IpNet;

use crate::finding::remedy::{EntryMatch, NaclMove};
use crate::finding::{Action, Finding, Remedy, ResourceRef, Spot};
use crate::model::{Estate, NaclEntry, NaclId, NetworkAcl, Protocol, Rel, SubnetId};
use crate::net::{
    nacl_decisions, AddrSet, Component, EndpointAccess, Leg, Need, Network, Outcome, PacketSet,
    PortSet, Reason,
};
use crate::rules::connectivity::{ids, item_origin, nacl_ref, vpc_cover};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// A NACL entry drops requests to an interface endpoint or its replies (names the NACL, entry and direction)
    ///
    /// ## What it does
    /// Follows every client's traffic to each interface of an interface endpoint (clients and traffic as
    /// in `endpoint-port-blocked`) through the four NACL checks on its way: outbound on the client's
    /// subnet, inbound on the endpoint's subnet, then the reply outbound on the endpoint's subnet and
    /// inbound on the client's subnet, to the client's ephemeral ports 1024-65535. NACLs are stateless
    /// and ordered: the lowest-numbered matching entry decides, and traffic no entry matches meets the
    /// final `*` deny, whether or not the export lists it. Traffic between a client and an interface in
    /// the same subnet crosses no NACL.
    ///
    /// One finding per NACL entry (or final deny), direction and leg, with the subnets it guards and the
    /// packets it drops as the NACL sees them (`TCP 1024-65535 to 10.0.2.0/24` for a reply).
    ///
    /// The fix spells out every entry to add, and adds the fewest that let the dropped packets
    /// through and change nothing else: one per block and port range, or one for the VPC's block
    /// (and one port range) where the extra traffic it lets through is dropped by the same
    /// entry anyway, or decided by others first. Each takes a rule number free in that NACL and
    /// direction, ahead of the entry that decides: the largest free number below a deny entry,
    /// the next ten after the last entry before the final `*` deny. When no number below a deny
    /// entry is free, the fix moves the deny up to a free number (its copy created first) and
    /// puts the allow in its place, unless entries in between match what the deny matches.
    ///
    /// ## Why is this bad?
    /// A NACL that drops the request, or only the reply, makes every connection hang until it times out.
    /// Return traffic is the classic miss: an inbound allow for 443 on the endpoint's subnet, with no
    /// outbound allow to the clients' ephemeral ports.
    ///
    /// ## Example
    /// ```json
    /// {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false,
    ///   "Associations": [{"SubnetId": "subnet-e"}], "Entries": [
    ///    {"RuleNumber": 90, "Egress": false, "Protocol": "6", "RuleAction": "deny",
    ///     "CidrBlock": "10.0.2.0/24", "PortRange": {"From": 443, "To": 443}},
    ///    {"RuleNumber": 100, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
    ///    {"RuleNumber": 100, "Egress": true, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"}]}]}
    /// ```
    ///
    /// Use instead: allow the traffic ahead of the deny (or remove the deny):
    /// ```sh
    /// aws ec2 create-network-acl-entry --network-acl-id acl-1 --ingress --rule-number 89 \
    ///   --protocol tcp --port-range From=443,To=443 --cidr-block 10.0.2.0/24 --rule-action allow
    /// ```
    ///
    /// ## References
    /// - [Network ACLs: rule evaluation and ephemeral ports](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html)
    /// - [Custom network ACLs: ephemeral ports](https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html)
    NET001 "nacl-blocks-endpoint" {
        category: Correctness,
        severity: Error,
        input: Access,
        check: check,
    }
}

/// One NACL decision, in one direction, on one leg.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    nacl: NaclId,
    reason: Reason,
    egress: bool,
    leg: Leg,
}

/// What a decision dropped: the subnets it guards and the packets, as the NACL sees them.
#[derive(Default)]
struct Drops {
    subnets: BTreeSet<SubnetId>,
    packets: PacketSet,
}

/// What an entry that a fix adds matches: the deciding deny's copy, or an allow.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fields {
    protocol: Protocol,
    ports: Option<(u16, u16)>,
    block: IpNet,
}

impl Fields {
    fn of(e: &NaclEntry) -> Self {
        Self {
            protocol: e.protocol,
            ports: entry_ports(e),
            block: e.cidr,
        }
    }

    /// What the entry matches, as a fix names it.
    fn matched(&self) -> EntryMatch {
        EntryMatch {
            protocol: self.protocol,
            ports: self.ports,
            block: self.block,
        }
    }

    fn packets(&self) -> PacketSet {
        PacketSet::new(self.protocol, self.ports, &AddrSet::net(&self.block))
    }
}

/// The rule numbers that the fixes of earlier findings take, by NACL and direction, with the
/// allow entry put there (none for a deny moved there): fixes pasted one after the other must
/// not take the same number, and a fix that needs an entry already proposed names the same one.
type Proposed = BTreeMap<(NaclId, bool), BTreeMap<i32, Option<Fields>>>;

/// The entry whose deny the fix gets ahead of.
enum Decider<'a> {
    /// An entry the NACL lists, other than `*`.
    Entry(&'a NaclEntry),
    /// The final `*` deny, listed or not: it cannot move, and any free number precedes it.
    Final,
}

/// Where a fix puts its entries.
enum Placement<'a> {
    /// Each allow at a free number ahead of the decider (or at a number an earlier fix proposes
    /// for the same entry).
    Free(Vec<(i32, Fields)>),
    /// No number below the deny entry is free: it moves to the free number `to`, the first
    /// allow takes its number and the others the free numbers between.
    Move {
        deny: &'a NaclEntry,
        to: i32,
        allows: Vec<(i32, Fields)>,
    },
    /// Neither: numbers must be freed for `allows`, since the deny cannot move without changing
    /// what the entries numbered `blocking` decide (or no number is free above it either).
    Full {
        allows: Vec<Fields>,
        blocking: Vec<i32>,
    },
}

impl Placement<'_> {
    /// The allows with their numbers, when the fix can name them.
    fn numbered(&self) -> Option<&[(i32, Fields)]> {
        match self {
            Placement::Free(allows) | Placement::Move { allows, .. } => Some(allows),
            Placement::Full { .. } => None,
        }
    }

    /// Better fixes rank lower: one that names its numbers, then one with fewer entries.
    fn rank(&self) -> (bool, usize) {
        match self {
            Placement::Free(allows) | Placement::Move { allows, .. } => (false, allows.len()),
            Placement::Full { allows, .. } => (true, allows.len()),
        }
    }

    /// The numbers the fix takes, with what it puts there.
    fn taken(&self) -> Vec<(i32, Option<Fields>)> {
        let mut out: Vec<(i32, Option<Fields>)> = self
            .numbered()
            .unwrap_or_default()
            .iter()
            .map(|(n, a)| (*n, Some(a.clone())))
            .collect();
        if let Placement::Move { to, .. } = self {
            out.push((*to, None));
        }
        out
    }
}

fn check(cx: &Context<'_>, _network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut proposed = Proposed::new();
    for ea in access {
        let Need::Known(need) = &ea.need else {
            continue;
        };
        let mut drops: BTreeMap<Key, Drops> = BTreeMap::new();
        for c in &ea.clients {
            for i in &c.interfaces {
                for h in &i.problems {
                    let Component::Nacl {
                        nacl: Some(nacl),
                        subnet,
                        egress,
                        leg,
                    } = &h.component
                    else {
                        continue;
                    };
                    for v in h.verdicts.iter().filter(|v| v.outcome == Outcome::Dropped) {
                        let d = drops
                            .entry(Key {
                                nacl: nacl.clone(),
                                reason: v.reason.clone(),
                                egress: *egress,
                                leg: *leg,
                            })
                            .or_default();
                        d.subnets.insert(subnet.clone());
                        d.packets = d.packets.or(&v.packets);
                    }
                }
            }
        }
        for (key, d) in drops {
            if let Some(acl) = cx.estate.nacls.get(&key.nacl) {
                let placement = place(cx.estate, acl, &key, &d.packets, need.protocol, &proposed);
                proposed
                    .entry((acl.id.clone(), key.egress))
                    .or_default()
                    .extend(placement.taken());
                out.push(finding(cx.estate, ea.endpoint, acl, &key, &d, &placement));
            }
        }
    }
    out
}

fn decider<'a>(acl: &'a NetworkAcl, reason: &Reason) -> Decider<'a> {
    match reason {
        Reason::NaclEntry {
            index, rule_number, ..
        } if *rule_number < STAR => acl.entries.get(*index).map_or(Decider::Final, Decider::Entry),
        _ => Decider::Final,
    }
}

/// The number of the final `*` entry.
const STAR: i32 = 32767;

fn finding(
    estate: &Estate,
    ep: &crate::model::VpcEndpoint,
    acl: &NetworkAcl,
    key: &Key,
    d: &Drops,
    placement: &Placement,
) -> Finding {
    let dir = if key.egress { "outbound" } else { "inbound" };
    let endpoint_side = (key.leg == Leg::Request) != key.egress;
    let side = if endpoint_side { "endpoint" } else { "client" };
    let subnets: Vec<&SubnetId> = d.subnets.iter().collect();
    let plural = if subnets.len() == 1 { "" } else { "s" };
    let entry = match &key.reason {
        Reason::NaclEntry {
            rule_number: STAR, ..
        } => format!("entry `*` ({dir}, deny)"),
        Reason::NaclEntry { rule_number, .. } => format!("entry #{rule_number} ({dir}, deny)"),
        _ => format!("final `*` entry ({dir}, deny: no entry allows this traffic)"),
    };
    let what = match key.leg {
        Leg::Request => format!("requests to interface endpoint {}", refs::describe(ep)),
        Leg::Return => format!(
            "replies from interface endpoint {} (to the clients' ephemeral ports)",
            refs::describe(ep)
        ),
    };
    let packets = d.packets.render_as(if key.egress { "to" } else { "from" });
    let message = format!(
        "NACL `{}` {entry} on {side} subnet{plural} {} drops {what}: {packets}",
        acl.id,
        ids(&subnets)
    );
    // The entry that decides; when none matches, the entries that the traffic passes by.
    let listed = match &key.reason {
        Reason::NaclEntry { index, .. } => acl
            .entries
            .get(*index)
            .map(|e| Spot::value(&item_origin(&acl.origin, &e.rel))),
        _ => None,
    };
    let (spot, label) = match listed {
        Some(spot) => (spot, format!("denies {packets}")),
        None => (
            Spot::member(&acl.origin, "Entries"),
            format!("no {dir} entry matches {packets}: the final `*` entry denies it"),
        ),
    };
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(spot, label)
        .remedy(help(acl, key, placement))
        .related(nacl_ref(acl), Some(Spot::value(&acl.origin)), "the NACL");
    for id in subnets {
        let label = format!("{side} subnet guarded by `{}`", acl.id);
        f = match estate.subnets.get(id) {
            Some(s) => f.related(refs::subnet(s), Some(Spot::value(&s.origin)), label),
            None => f.related(ResourceRef::new("subnet", id, &acl.scope), None, label),
        };
    }
    f
}

/// The allow entries for `packets` and where they go: the fewest among the dropped blocks and
/// port ranges as they are, one port range spanning them, and the VPC blocks that hold the
/// dropped blocks, the narrowest of equals; a wider entry only where the extra traffic it lets
/// through is traffic that the same deny drops or that other entries allow or decide first.
fn place<'a>(
    estate: &Estate,
    acl: &'a NetworkAcl,
    key: &Key,
    packets: &PacketSet,
    protocol: Protocol,
    proposed: &Proposed,
) -> Placement<'a> {
    let no_entries = BTreeMap::new();
    let proposed = proposed
        .get(&(acl.id.clone(), key.egress))
        .unwrap_or(&no_entries);
    let decider = decider(acl, &key.reason);
    let addrs = packets.addrs();
    let exact = allows(protocol, &addrs, |b| packets.restrict(&AddrSet::net(b)).ports());
    let spanned = packets.ports().ranges().reduce(|a, z| (a.0, z.1));
    let span = |_: &IpNet| spanned.map(|(a, z)| PortSet::range(a, z)).unwrap_or_default();
    let wide = vpc_cover(estate, &addrs);
    let wider = [
        allows(protocol, &addrs, span),
        allows(protocol, &wide, |_| packets.ports()),
        allows(protocol, &wide, span),
    ];
    let mut best = numbers(acl, key.egress, &decider, exact, proposed);
    for allows in wider {
        let placement = numbers(acl, key.egress, &decider, allows, proposed);
        if placement.rank() < best.rank() && safe(acl, key, &placement) {
            best = placement;
        }
    }
    best
}

/// One allow per block of `addrs`, times the port ranges `ports` gives for that block (none for
/// protocols without ports).
fn allows(protocol: Protocol, addrs: &AddrSet, ports: impl Fn(&IpNet) -> PortSet) -> Vec<Fields> {
    let mut out = Vec::new();
    for block in addrs.block_iter() {
        let ranges: Vec<(u16, u16)> = ports(&block).ranges().collect();
        if matches!(protocol, Protocol::Tcp | Protocol::Udp) && !ranges.is_empty() {
            out.extend(ranges.into_iter().map(|r| Fields {
                protocol,
                ports: Some(r),
                block,
            }));
        } else {
            out.push(Fields {
                protocol,
                ports: None,
                block,
            });
        }
    }
    out
}

/// Whether each allow, at its number, changes no decision but the deny's: what it matches is
/// allowed anyway, decided by an entry it does not precede, or dropped by the same deny.
fn safe(acl: &NetworkAcl, key: &Key, placement: &Placement) -> bool {
    let Some(allows) = placement.numbered() else {
        return false;
    };
    allows.iter().all(|(n, a)| {
        nacl_decisions(acl, key.egress, &a.packets())
            .iter()
            .all(|(reason, allowed, _)| {
                *allowed
                    || *reason == key.reason
                    || matches!(reason, Reason::NaclEntry { rule_number, .. } if rule_number < n)
            })
    })
}

/// Rule numbers for `allows`, free in the NACL's entries of that direction and in the fixes
/// proposed for it: the largest free numbers below a deny entry; before the final deny, the next
/// tens after the last entry (any free number precedes it).
fn numbers<'a>(
    acl: &NetworkAcl,
    egress: bool,
    decider: &Decider<'a>,
    allows: Vec<Fields>,
    proposed: &BTreeMap<i32, Option<Fields>>,
) -> Placement<'a> {
    let limit = match decider {
        Decider::Entry(e) => e.rule_number,
        Decider::Final => STAR,
    };
    let listed: BTreeSet<i32> = acl
        .entries
        .iter()
        .filter(|e| e.egress == egress)
        .map(|e| e.rule_number)
        .collect();
    let used: BTreeSet<i32> = listed.iter().chain(proposed.keys()).copied().collect();
    let reused = |a: &Fields| {
        proposed
            .iter()
            .find(|(n, p)| **n < limit && p.as_ref() == Some(a))
            .map(|(n, _)| *n)
    };
    let need = allows.iter().filter(|a| reused(a).is_none()).count();
    let free: Vec<i32> = match decider {
        Decider::Entry(_) => (1..limit)
            .rev()
            .filter(|n| !used.contains(n))
            .take(need)
            .collect(),
        Decider::Final => {
            let last = used.range(..STAR).next_back().copied().unwrap_or(0);
            let tens = (last / 10 + 1) * 10..STAR;
            let mut seen = BTreeSet::new();
            tens.step_by(10)
                .chain((1..STAR).rev())
                .filter(|n| !used.contains(n) && seen.insert(*n))
                .take(need)
                .collect()
        }
    };
    if free.len() == need {
        let mut free = free.into_iter();
        let numbered = allows
            .into_iter()
            .filter_map(|a| Some((reused(&a).or_else(|| free.next())?, a)))
            .collect();
        return Placement::Free(numbered);
    }
    let Decider::Entry(deny) = decider else {
        return Placement::Full {
            allows,
            blocking: Vec::new(),
        };
    };
    // Nothing free below the deny: it moves up, past the entries between, to make room; that
    // is safe only when none of those entries matches traffic the deny matches.
    let above: Vec<i32> = (limit + 1..STAR)
        .filter(|n| !used.contains(n))
        .take(allows.len())
        .collect();
    let (Some(&to), Some(matched)) = (above.last(), deny_packets(deny)) else {
        return Placement::Full {
            allows,
            blocking: Vec::new(),
        };
    };
    if above.len() < allows.len() {
        return Placement::Full {
            allows,
            blocking: Vec::new(),
        };
    }
    let blocking: Vec<i32> = acl
        .entries
        .iter()
        .filter(|e| {
            e.egress == egress
                && (limit + 1..to).contains(&e.rule_number)
                && !Fields::of(e).packets().and(&matched).is_empty()
        })
        .map(|e| e.rule_number)
        .collect();
    if !blocking.is_empty() {
        return Placement::Full { allows, blocking };
    }
    Placement::Move {
        deny,
        to,
        allows: std::iter::once(limit).chain(above).zip(allows).collect(),
    }
}

/// What a deny entry matches, when the AWS CLI can create its copy from the model: ICMP
/// entries carry a type and code that the model does not keep.
fn deny_packets(e: &NaclEntry) -> Option<PacketSet> {
    (!matches!(e.protocol, Protocol::Icmp | Protocol::Icmpv6)).then(|| Fields::of(e).packets())
}

/// The fix: the entries that allow the dropped packets ahead of the entry that drops them, or
/// why no number is free there.
fn help(acl: &NetworkAcl, key: &Key, placement: &Placement) -> Remedy {
    let dir = if key.egress { "outbound" } else { "inbound" };
    let ahead = match decider(acl, &key.reason) {
        Decider::Final => "before the final deny".to_owned(),
        Decider::Entry(e) => format!("ahead of entry #{}", e.rule_number),
    };
    let rule_resources = acl.entries.iter().any(|e| matches!(e.rel, Rel::Own(_)));
    match placement {
        Placement::Free(allows) => {
            let adds = allows.iter().map(|(n, a)| {
                Action::NaclEntry(crate::finding::remedy::NaclEntry {
                    acl: nacl_ref(acl),
                    egress: key.egress,
                    number: *n,
                    matches: a.matched(),
                    rule_resources,
                })
            });
            Remedy::say(format!("Allow this traffic {ahead}: ")).then_all(adds, " and ")
        }
        Placement::Move { deny, to, allows } => {
            let n = deny.rule_number;
            let deny_rule = match &deny.rel {
                Rel::Own(o) => Some(ResourceRef::at("network-acl-rule", &acl.id, &acl.scope, o)),
                Rel::Member(_) | Rel::Peer { .. } => None,
            };
            Remedy::say(format!(
                "No rule number below entry #{n} is free in the {dir} entries of `{}`: ",
                acl.id
            ))
            .then(Action::NaclMove(NaclMove {
                acl: nacl_ref(acl),
                egress: key.egress,
                from: n,
                to: *to,
                deny: Fields::of(deny).matched(),
                deny_rule,
                allows: allows.iter().map(|(n, a)| (*n, a.matched())).collect(),
                rule_resources,
            }))
        }
        Placement::Full { allows, blocking } => {
            let n = match decider(acl, &key.reason) {
                Decider::Entry(e) => format!("below entry #{}", e.rule_number),
                Decider::Final => "before the final deny".to_owned(),
            };
            let traffic = allows
                .iter()
                .map(|a| {
                    a.packets()
                        .render_as(if key.egress { "to" } else { "from" })
                })
                .collect::<Vec<_>>()
                .join("; ");
            let moving = if blocking.is_empty() {
                String::new()
            } else {
                format!(
                    ", and moving the deny past entries {} would change what they decide",
                    blocking
                        .iter()
                        .map(|b| format!("#{b}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            Remedy::say(format!(
                "No rule number {n} is free in the {dir} entries of `{}`{moving}: renumber entries to free {} number{} {n}, then allow {traffic} there",
                acl.id,
                allows.len(),
                if allows.len() == 1 { "" } else { "s" }
            ))
        }
    }
}

/// An entry's port range as the AWS CLI takes it.
fn entry_ports(e: &NaclEntry) -> Option<(u16, u16)> {
    e.ports
        .and_then(|(a, z)| Some((u16::try_from(a).ok()?, u16::try_from(z).ok()?)))
}
