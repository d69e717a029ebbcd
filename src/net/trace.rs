//! One flow, hop by hop, from a client to one network interface of a target and the reply back:
//! the explaining [`Network::trace`], and the quick [`Network::admits_all`] over the same hops.
//! What each hop does is [`super::eval`]'s business.

use std::sync::LazyLock;

use ipnet::IpNet;

use crate::model::{Protocol, SgId, Subnet, VpcId};

use super::eval::{self, Addrs, ExternalRoute, Quick, RouteLookup};
use super::flow::{Source, Target, EPHEMERAL};
use super::packets::{protocol_numbers, AddrSet, PacketSet, PortSet};
use super::verdict::{Component, Hop, Leg, Outcome, Reason, Trace, Verdict};
use super::Network;

/// The reply ports, built once.
static EPHEMERAL_PORTS: LazyLock<PortSet> =
    LazyLock::new(|| PortSet::range(EPHEMERAL.0, EPHEMERAL.1));

impl<'e> Network<'e> {
    /// Evaluates `protocol`/`ports` from `source` to `target` and back.
    pub(crate) fn trace(
        &self,
        source: &Source<'e>,
        target: &Target<'e>,
        protocol: Protocol,
        ports: &PortSet,
    ) -> Trace {
        let client = source.toward(target).into_owned();
        let requested = PacketSet::service(protocol, ports, &client);
        let families: Vec<bool> = [false, true]
            .into_iter()
            .filter(|f| !client.family(*f).is_empty())
            .collect();
        let mut hops = Vec::new();
        if !source.groups.is_empty() {
            let mut verdicts = Vec::new();
            for &f in &families {
                let (ca, ea) = (client.family(f), target.addrs.family(f));
                let native = PacketSet::service(protocol, ports, &ea);
                let out = self.security_groups(&source.groups, true, &native, target.groups);
                let effect = |p: &PacketSet| requested.and(&p.with_addrs(&ca));
                push_sg(&mut verdicts, out, true, &source.groups, effect);
            }
            hops.push(Hop {
                component: Component::ClientGroups {
                    groups: source.groups.clone(),
                },
                verdicts,
            });
        }
        let same = source.subnet.is_some_and(|s| s.id == target.subnet.id);
        if same {
            hops.push(Hop {
                component: Component::SameSubnet {
                    subnet: target.subnet.id.clone(),
                },
                verdicts: vec![Verdict {
                    outcome: Outcome::Admitted,
                    reason: Reason::SameSubnet,
                    packets: requested.clone(),
                    toward: false,
                    effect: requested.clone(),
                }],
            });
        } else {
            if let Some(cs) = source.subnet {
                // The request leaves the client's subnet: its NACL sees the target's address.
                let mut verdicts = Vec::new();
                for &f in &families {
                    let (ca, ea) = (client.family(f), target.addrs.family(f));
                    let native = PacketSet::service(protocol, ports, &ea);
                    let effect = |p: &PacketSet| requested.and(&p.with_addrs(&ca));
                    self.push_nacl(&mut verdicts, cs, true, &native, true, effect);
                }
                hops.push(self.nacl_hop(cs, true, Leg::Request, verdicts));
                let (hop, via) = self.route_hop(
                    cs,
                    &target.addrs,
                    &target.subnet.vpc_id,
                    &requested,
                    Leg::Request,
                );
                hops.push(hop);
                hops.extend(via);
            }
            let mut verdicts = Vec::new();
            self.push_nacl(
                &mut verdicts,
                target.subnet,
                false,
                &requested,
                false,
                |p| p.clone(),
            );
            hops.push(self.nacl_hop(target.subnet, false, Leg::Request, verdicts));
        }
        let mut verdicts = Vec::new();
        let out = self.security_groups(target.groups, false, &requested, &source.groups);
        push_sg(&mut verdicts, out, false, target.groups, |p| p.clone());
        hops.push(Hop {
            component: Component::TargetGroups {
                groups: target.groups.to_vec(),
            },
            verdicts,
        });
        if !same {
            // The reply leaves the target's subnet towards the client's ephemeral ports.
            let reply = PacketSet::new(protocol, Some(EPHEMERAL), &client);
            let mut verdicts = Vec::new();
            self.push_nacl(&mut verdicts, target.subnet, true, &reply, true, |p| {
                requested.restrict(&p.addrs())
            });
            hops.push(self.nacl_hop(target.subnet, true, Leg::Return, verdicts));
            let back_vpc = source.subnet.map(|s| &s.vpc_id);
            let (hop, via) = match back_vpc {
                Some(v) => self.route_hop(target.subnet, &client, v, &requested, Leg::Return),
                None => (
                    self.external_route_hop(target.subnet, &client, &requested),
                    None,
                ),
            };
            hops.push(hop);
            // A peering is judged once, on the request; a transit gateway routes the reply by
            // another table.
            hops.extend(via.filter(|h| matches!(h.component, Component::TransitGateway { .. })));
            if let Some(cs) = source.subnet {
                let mut verdicts = Vec::new();
                for &f in &families {
                    let (ca, ea) = (client.family(f), target.addrs.family(f));
                    let native = PacketSet::new(protocol, Some(EPHEMERAL), &ea);
                    let all = requested.restrict(&ca);
                    self.push_nacl(&mut verdicts, cs, false, &native, false, |p| {
                        if p.is_empty() {
                            PacketSet::empty()
                        } else {
                            all.clone()
                        }
                    });
                }
                hops.push(self.nacl_hop(cs, false, Leg::Return, verdicts));
            }
        }
        let blocked = hops.iter().fold(PacketSet::empty(), |acc, h| {
            acc.or(&h.dropped()).or(&h.effects(Outcome::Unknown))
        });
        Trace {
            delivered: requested.minus(&blocked),
            requested,
            hops,
        }
    }

    fn nacl_hop(&self, subnet: &Subnet, egress: bool, leg: Leg, verdicts: Vec<Verdict>) -> Hop {
        Hop {
            component: Component::Nacl {
                nacl: self.nacl_of(&subnet.id).map(|n| n.id.clone()),
                subnet: subnet.id.clone(),
                egress,
                leg,
            },
            verdicts,
        }
    }

    /// Evaluates `packets` on the NACL of `subnet`; `effect` maps a part to the requested packets
    /// it concerns.
    fn push_nacl(
        &self,
        out: &mut Vec<Verdict>,
        subnet: &Subnet,
        egress: bool,
        packets: &PacketSet,
        toward: bool,
        effect: impl Fn(&PacketSet) -> PacketSet,
    ) {
        if packets.is_empty() {
            return;
        }
        let Some((acl, entries)) = self.nacl_order_at(self.place(&subnet.id), egress) else {
            out.push(Verdict {
                outcome: Outcome::Admitted,
                reason: Reason::NaclNotExported,
                packets: packets.clone(),
                toward,
                effect: effect(packets),
            });
            return;
        };
        for (reason, allow, p) in eval::nacl(acl, entries, packets) {
            out.push(Verdict {
                outcome: if allow {
                    Outcome::Admitted
                } else {
                    Outcome::Dropped
                },
                reason,
                effect: effect(&p),
                packets: p,
                toward,
            });
        }
    }

    /// The route `from` uses towards `dest` in `to_vpc`, block by block; and the peering or
    /// transit gateway hop when the route crosses one.
    fn route_hop(
        &self,
        from: &'e Subnet,
        dest: &AddrSet,
        to_vpc: &VpcId,
        requested: &PacketSet,
        leg: Leg,
    ) -> (Hop, Option<Hop>) {
        let mut verdicts = Vec::new();
        let mut via: Option<Hop> = None;
        let same_vpc = from.vpc_id == *to_vpc;
        let place = self.place(&from.id);
        for block in dest.blocks() {
            let ba = AddrSet::net(&block);
            // The requested packets concerned: the block's family on the way out, the block
            // itself on the way back.
            let effect = match leg {
                Leg::Request => requested.restrict(&AddrSet::all_of(matches!(block, IpNet::V6(_)))),
                Leg::Return => requested.restrict(&ba),
            };
            let packets = PacketSet::new(Protocol::All, None, &ba);
            let lookup = self.route_from(place, &block, to_vpc);
            let outcome = lookup.outcome(same_vpc);
            let crossed = match lookup.via() {
                Some(eval::Via::Peering(p)) => {
                    let active = p.status.eq_ignore_ascii_case("active");
                    Some((
                        Component::Peering { pcx: p.id.clone() },
                        if active {
                            Outcome::Admitted
                        } else {
                            Outcome::Dropped
                        },
                        if active {
                            Reason::PeeringActive { pcx: p.id.clone() }
                        } else {
                            Reason::PeeringNotActive {
                                pcx: p.id.clone(),
                                status: p.status.clone(),
                            }
                        },
                    ))
                }
                Some(eval::Via::Transit(tgw, step)) => Some((
                    Component::TransitGateway {
                        tgw: (*tgw).clone(),
                        leg,
                    },
                    step.outcome,
                    step.reason.clone(),
                )),
                None => None,
            };
            if let Some((component, outcome, reason)) = crossed {
                let v = Verdict {
                    outcome,
                    reason,
                    packets: packets.clone(),
                    toward: true,
                    effect: effect.clone(),
                };
                match &mut via {
                    Some(h) if h.component == component => h.verdicts.push(v),
                    _ => {
                        via = Some(Hop {
                            component,
                            verdicts: vec![v],
                        })
                    }
                }
            }
            let reason = match lookup {
                RouteLookup::NoTable | RouteLookup::NoRoute { .. } if same_vpc => {
                    Reason::ImplicitLocal
                }
                RouteLookup::NoTable => Reason::NoRouteTable,
                RouteLookup::NoRoute { table } => Reason::NoRoute {
                    table: table.id.clone(),
                    dest: block,
                },
                RouteLookup::Blackhole { table, index } => Reason::Blackhole {
                    table: table.id.clone(),
                    index,
                },
                RouteLookup::Elsewhere { table, index } => Reason::RouteElsewhere {
                    table: table.id.clone(),
                    index,
                },
                RouteLookup::Reaches { table, index, .. } => Reason::Route {
                    table: table.id.clone(),
                    index,
                },
            };
            verdicts.push(Verdict {
                outcome,
                reason,
                packets,
                toward: true,
                effect,
            });
        }
        let hop = Hop {
            component: Component::Route {
                subnet: from.id.clone(),
                table: self.table_of(&from.id).map(|t| t.id.clone()),
                leg,
            },
            verdicts,
        };
        (hop, via)
    }

    /// The route back to a client outside every known subnet: any route but a missing one may
    /// deliver it (vpclint does not follow gateways).
    fn external_route_hop(&self, from: &'e Subnet, dest: &AddrSet, requested: &PacketSet) -> Hop {
        let place = self.place(&from.id);
        let mut verdicts = Vec::new();
        for block in dest.blocks() {
            let ba = AddrSet::net(&block);
            let (outcome, reason) = match self.external_route(place, &block) {
                ExternalRoute::NoTable => (Outcome::Unknown, Reason::NoRouteTable),
                ExternalRoute::NoRoute { table } => (
                    Outcome::Dropped,
                    Reason::NoRoute {
                        table: table.id.clone(),
                        dest: block,
                    },
                ),
                ExternalRoute::Route {
                    table,
                    index,
                    blackhole: true,
                    ..
                } => (
                    Outcome::Dropped,
                    Reason::Blackhole {
                        table: table.id.clone(),
                        index,
                    },
                ),
                ExternalRoute::Route {
                    table,
                    index,
                    local,
                    ..
                } => (
                    if local {
                        Outcome::Admitted
                    } else {
                        Outcome::Unknown
                    },
                    Reason::Route {
                        table: table.id.clone(),
                        index,
                    },
                ),
            };
            verdicts.push(Verdict {
                outcome,
                reason,
                packets: PacketSet::new(Protocol::All, None, &ba),
                toward: true,
                effect: requested.restrict(&ba),
            });
        }
        Hop {
            component: Component::Route {
                subnet: from.id.clone(),
                table: self.table_of(&from.id).map(|t| t.id.clone()),
                leg: Leg::Return,
            },
            verdicts,
        }
    }
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

    /// Whether every hop of [`Network::trace`] admits the whole flow, there and back, in
    /// [`eval`]'s quick mode: `false` may only mean that the quick mode could not tell.
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
        let client = source.toward(target);
        if client.is_empty() {
            return false;
        }
        let ephemeral = &*EPHEMERAL_PORTS;
        let flow = |ports, addrs| Quick::new(number, ports, addrs);
        // Towards the target's addresses in the client's families, and from the client's.
        let to_target = Addrs::like(&target.addrs, &client);
        let from_client = Addrs::all(&client);
        if !source.groups.is_empty()
            && !self.groups_admit(&source.groups, true, flow(ports, to_target), target.groups)
        {
            return false;
        }
        if !self.groups_admit(
            target.groups,
            false,
            flow(ports, from_client),
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
        let same_vpc = cs.vpc_id == target.subnet.vpc_id;
        // A subnet whose NACL is not in the input is assumed to allow, as the trace does.
        let nacl = |place, egress, flow| {
            self.nacl_order_at(place, egress)
                .is_none_or(|(_, entries)| eval::nacl_admits(entries, flow))
        };
        nacl(from, true, flow(ports, to_target))
            && self.routes_admit(from, same_vpc, &target.addrs, &target.subnet.vpc_id)
            && nacl(to, false, flow(ports, from_client))
            && nacl(to, true, flow(ephemeral, from_client))
            && self.routes_admit(to, same_vpc, &client, &cs.vpc_id)
            && nacl(from, false, flow(ephemeral, to_target))
    }
}

/// Verdicts of a security group evaluation; `effect` maps a part to the requested packets.
fn push_sg(
    out: &mut Vec<Verdict>,
    sg: eval::SgOutcome,
    egress: bool,
    groups: &[SgId],
    effect: impl Fn(&PacketSet) -> PacketSet,
) {
    for (reason, p) in sg.admitted {
        out.push(Verdict {
            outcome: Outcome::Admitted,
            reason,
            effect: effect(&p),
            packets: p,
            toward: egress,
        });
    }
    for (reason, p) in sg.unknown {
        out.push(Verdict {
            outcome: Outcome::Unknown,
            reason,
            effect: effect(&p),
            packets: p,
            toward: egress,
        });
    }
    if !sg.rest.is_empty() {
        out.push(Verdict {
            outcome: Outcome::Dropped,
            reason: Reason::NoSgRule {
                groups: groups.to_vec(),
                egress,
            },
            effect: effect(&sg.rest),
            packets: sg.rest,
            toward: egress,
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::net::flow::Source;
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
