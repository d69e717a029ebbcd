//! The quick admission check: whether every hop of a flow lets all of it through, decided
//! without building packet sets.
//!
//! An estate's connectivity rules trace every (client, endpoint interface) pair, and almost all
//! of those flows are healthy: their trace, once the admitted parts are dropped, is empty. A
//! hop passes the quick check only when a single NACL entry or security group rule admits the
//! whole flow, the first entry that touches it included; anything else (partial admission,
//! prefix lists, unknown groups, missing routes) goes to the full [`Network::trace`], which
//! explains it. So the check may send a healthy flow the slow way, but never lets a problem
//! through: the tests compare both paths on every fixture estate.

use std::borrow::Cow;
use std::sync::LazyLock;

use ipnet::IpNet;

use crate::model::{NaclAction, NaclEntry, Protocol, SgId, SgPeer, Subnet, VpcId};

use super::eval::rule_ports;
use super::packets::{protocol_numbers, AddrSet, PortSet};
use super::trace::{Source, Target, Trace, EPHEMERAL};
use super::{Network, Place, RouteLookup};

/// The reply ports, built once.
static EPHEMERAL_PORTS: LazyLock<PortSet> =
    LazyLock::new(|| PortSet::range(EPHEMERAL.0, EPHEMERAL.1));

/// The addresses of a flow: a set, limited to some families.
#[derive(Clone, Copy)]
struct Addrs<'a> {
    set: &'a AddrSet,
    v4: bool,
    v6: bool,
}

impl<'a> Addrs<'a> {
    fn all(set: &'a AddrSet) -> Self {
        Self {
            set,
            v4: true,
            v6: true,
        }
    }

    /// `set` in the families `like` has addresses in.
    fn like(set: &'a AddrSet, like: &AddrSet) -> Self {
        Self {
            set,
            v4: !like.v4.is_empty(),
            v6: !like.v6.is_empty(),
        }
    }

    fn v4(&self) -> &'a [(u32, u32, super::packets::Unit)] {
        if self.v4 {
            self.set.v4.pieces()
        } else {
            &[]
        }
    }

    fn v6(&self) -> &'a [(u128, u128, super::packets::Unit)] {
        if self.v6 {
            self.set.v6.pieces()
        } else {
            &[]
        }
    }

    /// Whether every address is inside `net`.
    fn within(&self, net: &IpNet) -> bool {
        match net {
            IpNet::V4(n) => {
                let (lo, hi) = (u32::from(n.network()), u32::from(n.broadcast()));
                self.v6().is_empty() && self.v4().iter().all(|p| p.0 >= lo && p.1 <= hi)
            }
            IpNet::V6(n) => {
                let (lo, hi) = (u128::from(n.network()), u128::from(n.broadcast()));
                self.v4().is_empty() && self.v6().iter().all(|p| p.0 >= lo && p.1 <= hi)
            }
        }
    }

    /// Whether some address is inside `net`.
    fn touches(&self, net: &IpNet) -> bool {
        match net {
            IpNet::V4(n) => {
                let (lo, hi) = (u32::from(n.network()), u32::from(n.broadcast()));
                self.v4().iter().any(|p| p.0 <= hi && p.1 >= lo)
            }
            IpNet::V6(n) => {
                let (lo, hi) = (u128::from(n.network()), u128::from(n.broadcast()));
                self.v6().iter().any(|p| p.0 <= hi && p.1 >= lo)
            }
        }
    }

    /// Whether every address is in `other`.
    fn within_set(&self, other: &AddrSet) -> bool {
        let v4 = self
            .v4()
            .iter()
            .all(|p| other.v4.pieces().iter().any(|q| q.0 <= p.0 && q.1 >= p.1));
        let v6 = self
            .v6()
            .iter()
            .all(|p| other.v6.pieces().iter().any(|q| q.0 <= p.0 && q.1 >= p.1));
        v4 && v6
    }
}

/// One direction of a flow as a hop sees it: protocol, ports, and the remote addresses.
#[derive(Clone, Copy)]
struct Flow<'a> {
    protocol: u8,
    ports: &'a PortSet,
    addrs: Addrs<'a>,
}

impl Flow<'_> {
    /// Whether a rule of `protocol` on `ports` (`None`: every port) matches some of the flow,
    /// and whether it matches all of it, leaving the addresses aside.
    fn matches(&self, protocol: Protocol, ports: Option<(u16, u16)>) -> (bool, bool) {
        let (lo, hi) = protocol_numbers(protocol);
        if !(lo..=hi).contains(&self.protocol) {
            return (false, false);
        }
        match ports {
            None => (true, true),
            Some((a, b)) => {
                let (a, b) = (a.min(b), a.max(b));
                let some = self.ports.ranges().any(|(x, y)| x <= b && y >= a);
                let all = self.ports.ranges().all(|(x, y)| x >= a && y <= b);
                (some, all)
            }
        }
    }
}

/// Whether the first NACL entry (in rule-number order) that matches any of the flow allows
/// all of it.
fn nacl_admits(entries: &[&NaclEntry], flow: &Flow<'_>) -> bool {
    for e in entries {
        let ports = e
            .ports
            .and_then(|(a, b)| rule_ports(e.protocol, Some(a), Some(b)));
        let (some, all) = flow.matches(e.protocol, ports);
        if !some || !flow.addrs.touches(&e.cidr) {
            continue;
        }
        return e.action == NaclAction::Allow && all && flow.addrs.within(&e.cidr);
    }
    false
}

impl<'e> Network<'e> {
    /// The trace of a flow without its admitted parts, or `None` when the quick check finds
    /// that everything gets through both ways.
    pub(crate) fn problems(
        &self,
        source: &Source<'e>,
        target: &Target<'e>,
        protocol: Protocol,
        ports: &PortSet,
    ) -> Option<Trace> {
        if self.admits_all(source, target, protocol, ports) {
            return None;
        }
        Some(self.trace(source, target, protocol, ports).into_problems())
    }

    /// Whether every hop of [`Network::trace`] would admit the whole flow, there and back.
    pub(crate) fn admits_all(
        &self,
        source: &Source<'e>,
        target: &Target<'e>,
        protocol: Protocol,
        ports: &PortSet,
    ) -> bool {
        if ports.ranges().next().is_none() {
            return false;
        }
        let number = match protocol {
            Protocol::Tcp | Protocol::Udp => protocol_numbers(protocol).0,
            _ => return false,
        };
        // Borrowed unless the target lacks one of the client's families: this runs for every
        // (client, interface) pair of the estate.
        let client = target_families(source, target);
        if client.is_empty() {
            return false;
        }
        let ephemeral = &*EPHEMERAL_PORTS;
        let flow = |ports, addrs| Flow {
            protocol: number,
            ports,
            addrs,
        };
        // Towards the target's addresses in the client's families, and from the client's.
        let to_target = Addrs::like(&target.addrs, &client);
        let from_client = Addrs::all(&client);
        if !source.groups.is_empty()
            && !self.groups_admit(&source.groups, true, &flow(ports, to_target), target.groups)
        {
            return false;
        }
        if !self.groups_admit(
            target.groups,
            false,
            &flow(ports, from_client),
            &source.groups,
        ) {
            return false;
        }
        if source.subnet.is_some_and(|s| s.id == target.subnet.id) {
            return true;
        }
        let Some(cs) = source.subnet else {
            return false;
        };
        let (from, to) = (self.place(&cs.id), self.place(&target.subnet.id));
        self.subnet_nacl_admits(from, true, &flow(ports, to_target))
            && self.routes_reach(cs, from, &target.addrs, &target.subnet.vpc_id)
            && self.subnet_nacl_admits(to, false, &flow(ports, from_client))
            && self.subnet_nacl_admits(to, true, &flow(ephemeral, from_client))
            && self.routes_reach(target.subnet, to, &client, &cs.vpc_id)
            && self.subnet_nacl_admits(from, false, &flow(ephemeral, to_target))
    }

    fn subnet_nacl_admits(&self, place: Option<&Place<'e>>, egress: bool, flow: &Flow<'_>) -> bool {
        // Not in the input: assumed to allow, as the full trace does.
        self.nacl_order_at(place, egress)
            .is_none_or(|entries| nacl_admits(entries, flow))
    }

    /// Whether one rule of `groups` admits the whole flow.
    fn groups_admit(
        &self,
        groups: &[SgId],
        egress: bool,
        flow: &Flow<'_>,
        peer_groups: &[SgId],
    ) -> bool {
        groups
            .iter()
            .filter_map(|g| self.group(g))
            .flat_map(|g| if egress { &g.egress } else { &g.ingress })
            .any(|r| {
                let ports = rule_ports(r.protocol, r.from_port, r.to_port);
                if !flow.matches(r.protocol, ports).1 {
                    return false;
                }
                match &r.peer {
                    SgPeer::Cidr(n) => flow.addrs.within(n),
                    SgPeer::Group(h) if peer_groups.contains(h) => true,
                    SgPeer::Group(h) => self
                        .member_addrs
                        .get(h)
                        .is_some_and(|m| flow.addrs.within_set(m)),
                    SgPeer::PrefixList(_) => false,
                }
            })
    }

    /// Whether `from`'s routes take every block of `dest` to `to_vpc` (through an active
    /// peering when they cross one).
    fn routes_reach(
        &self,
        from: &'e Subnet,
        place: Option<&Place<'e>>,
        dest: &AddrSet,
        to_vpc: &VpcId,
    ) -> bool {
        let same_vpc = from.vpc_id == *to_vpc;
        dest.block_iter()
            .all(|block| match self.route_from(place, &block, to_vpc) {
                RouteLookup::NoTable | RouteLookup::NoRoute { .. } => same_vpc,
                RouteLookup::Reaches { pcx, .. } => {
                    pcx.is_none_or(|p| p.status.eq_ignore_ascii_case("active"))
                }
                RouteLookup::Blackhole { .. } | RouteLookup::Elsewhere { .. } => false,
            })
    }
}

/// The client's addresses in the families the target has: what a trace requests.
pub(crate) fn client_addrs(source: &Source<'_>, target: &Target<'_>) -> AddrSet {
    target_families(source, target).into_owned()
}

fn target_families<'s>(source: &'s Source<'_>, target: &Target<'_>) -> Cow<'s, AddrSet> {
    source
        .addrs
        .in_families(!target.addrs.v4.is_empty(), !target.addrs.v6.is_empty())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::net::{Need, ReachConfig};

    /// Every estate the fixtures hold: each directory with JSON files directly inside, and each
    /// plan file on its own.
    fn estates(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        if entries
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "json"))
        {
            out.push(dir.to_path_buf());
        }
        for p in entries.iter().filter(|p| p.is_dir()) {
            estates(p, out);
        }
    }

    /// On every loadable fixture, the quick path gives exactly the full trace's problems; and
    /// both of its outcomes occur, so the comparison means something.
    #[test]
    fn quick_path_agrees_with_the_full_trace() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let mut dirs = Vec::new();
        for sub in [
            "rules",
            "demo",
            "examples",
            "multi-account",
            "aiven",
            "terraform",
        ] {
            estates(&root.join(sub), &mut dirs);
        }
        let (mut quick, mut full) = (0, 0);
        for dir in &dirs {
            let Ok(loaded) = crate::source::load(std::slice::from_ref(dir)) else {
                continue;
            };
            let toml = dir.join("vpclint.toml");
            let cfg = if toml.is_file() {
                crate::config::settings(Some(&toml), &Default::default())
                    .unwrap()
                    .reach
            } else {
                ReachConfig::default()
            };
            let net = Network::build(&loaded.estate);
            for ep in loaded.estate.endpoints.values() {
                let Need::Known(need) =
                    crate::net::service_need(&cfg, &loaded.estate, &ep.service_name)
                else {
                    continue;
                };
                let targets = net.interfaces_of(ep);
                for c in net.clients_of(ep, &cfg) {
                    let source = Source {
                        addrs: c.addrs.clone(),
                        subnet: c.subnet,
                        groups: c.groups.clone(),
                    };
                    for (_, t) in &targets {
                        let slow = net
                            .trace(&source, t, need.protocol, &need.ports)
                            .into_problems();
                        let at = || format!("{} {} {}", dir.display(), ep.id, c.label());
                        match net.problems(&source, t, need.protocol, &need.ports) {
                            None => {
                                assert!(slow.hops.is_empty() && slow.reachable(), "{}", at());
                                quick += 1;
                            }
                            Some(fast) => {
                                assert_eq!(fast, slow, "{}", at());
                                full += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(quick > 100 && full > 50, "quick {quick}, full {full}");
    }
}
