//! One flow, hop by hop: from a client (addresses, optionally a subnet and security groups) to
//! one network interface of a target, and the reply back.

use ipnet::IpNet;

use crate::model::{NaclId, PcxId, Protocol, RouteTarget, RtbId, SgId, Subnet, SubnetId, VpcId};

use super::packets::{AddrSet, PacketSet, PortSet};
use super::{best_route, eval, Network, RouteLookup};

/// The client's ephemeral ports that replies go to (AWS's recommendation for NACLs).
pub const EPHEMERAL: (u16, u16) = (1024, 65535);

/// Which half of the exchange a hop carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Leg {
    /// Client → target.
    Request,
    /// Target → client (to the client's ephemeral ports).
    Return,
}

impl Leg {
    /// `request` or `return`.
    pub fn as_str(self) -> &'static str {
        match self {
            Leg::Request => "request",
            Leg::Return => "return",
        }
    }
}

/// A component on the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Component {
    /// The client's security groups, outbound.
    ClientGroups {
        /// The groups.
        groups: Vec<SgId>,
    },
    /// Client and target share a subnet: no NACL is crossed and no route is used.
    SameSubnet {
        /// The subnet.
        subnet: SubnetId,
    },
    /// A subnet's NACL.
    Nacl {
        /// The NACL, when the input has one for the subnet.
        nacl: Option<NaclId>,
        /// The subnet it guards.
        subnet: SubnetId,
        /// Outbound entries (else inbound).
        egress: bool,
        /// Request or reply.
        leg: Leg,
    },
    /// A subnet's route table.
    Route {
        /// The subnet.
        subnet: SubnetId,
        /// Its table, when the input has one.
        table: Option<RtbId>,
        /// Request or reply.
        leg: Leg,
    },
    /// A peering connection crossed.
    Peering {
        /// The peering.
        pcx: PcxId,
    },
    /// The target's security groups, inbound.
    TargetGroups {
        /// The groups.
        groups: Vec<SgId>,
    },
}

/// What a hop did with a part of the traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Let through.
    Admitted,
    /// Dropped.
    Dropped,
    /// Cannot be decided from the input (prefix lists, gateways vpclint does not model).
    Unknown,
}

/// Why a hop did what it did.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// A NACL entry (`index` into the NACL's entries).
    NaclEntry {
        /// The NACL.
        nacl: NaclId,
        /// Index into its entries.
        index: usize,
        /// The entry's rule number.
        rule_number: i32,
        /// Allow or deny.
        allow: bool,
    },
    /// No entry matched: the final `*` deny (listed or not).
    NaclDefaultDeny {
        /// The NACL.
        nacl: NaclId,
    },
    /// The subnet's NACL is not in the input: assumed to allow.
    NaclNotExported,
    /// Inside one subnet.
    SameSubnet,
    /// A security group rule (`index` into the group's inbound or outbound rules).
    SgRule {
        /// The group.
        sg: SgId,
        /// Index into its rules.
        index: usize,
        /// Outbound rule.
        egress: bool,
    },
    /// A rule whose source is a prefix list, whose entries the input does not hold.
    PrefixList {
        /// The group.
        sg: SgId,
        /// Index into its rules.
        index: usize,
        /// Outbound rule.
        egress: bool,
        /// `pl-…`
        list: String,
    },
    /// A group the input does not describe.
    GroupNotExported {
        /// The group.
        sg: SgId,
    },
    /// No rule of the groups admits it.
    NoSgRule {
        /// The groups.
        groups: Vec<SgId>,
        /// Outbound rules.
        egress: bool,
    },
    /// A route (`index` into the table's routes).
    Route {
        /// The table.
        table: RtbId,
        /// Index into its routes.
        index: usize,
    },
    /// Same VPC, and the input lacks the table or its local route, which always exists.
    ImplicitLocal,
    /// A peered subnet without a route table in the input.
    NoRouteTable,
    /// No route covers the destination.
    NoRoute {
        /// The table.
        table: RtbId,
        /// The destination block.
        dest: IpNet,
    },
    /// The covering route is a blackhole.
    Blackhole {
        /// The table.
        table: RtbId,
        /// Index into its routes.
        index: usize,
    },
    /// The covering route leads elsewhere.
    RouteElsewhere {
        /// The table.
        table: RtbId,
        /// Index into its routes.
        index: usize,
    },
    /// The peering is not active.
    PeeringNotActive {
        /// The peering.
        pcx: PcxId,
        /// Its status.
        status: String,
    },
    /// The peering is active.
    PeeringActive {
        /// The peering.
        pcx: PcxId,
    },
}

/// A part of the traffic at a hop, what happened to it and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Admitted, dropped or unknown.
    pub outcome: Outcome,
    /// The entry, rule or route responsible.
    pub reason: Reason,
    /// The packets as this hop sees them (a reply goes to the client's ephemeral ports).
    pub packets: PacketSet,
    /// Whether `packets`' addresses are destinations (`to`) rather than sources (`from`).
    pub toward: bool,
    /// The requested packets concerned: client address × protocol × service port.
    pub effect: PacketSet,
}

impl Verdict {
    /// `packets` rendered with the right preposition.
    pub fn render_packets(&self) -> String {
        self.packets
            .render_as(if self.toward { "to" } else { "from" })
    }
}

/// One hop of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The component.
    pub component: Component,
    /// What it did with each part of the traffic.
    pub verdicts: Vec<Verdict>,
}

impl Hop {
    /// The union of the requested packets this hop drops.
    pub fn dropped(&self) -> PacketSet {
        self.effects(Outcome::Dropped)
    }

    /// The union of the effects with `outcome`.
    pub fn effects(&self, outcome: Outcome) -> PacketSet {
        self.verdicts
            .iter()
            .filter(|v| v.outcome == outcome)
            .fold(PacketSet::empty(), |acc, v| acc.or(&v.effect))
    }
}

/// A flow's path and fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// Client address × protocol × service port.
    pub requested: PacketSet,
    /// The hops, request first, then the reply.
    pub hops: Vec<Hop>,
    /// What gets through both ways.
    pub delivered: PacketSet,
}

impl Trace {
    /// What some hop drops.
    pub fn dropped(&self) -> PacketSet {
        self.hops
            .iter()
            .fold(PacketSet::empty(), |acc, h| acc.or(&h.dropped()))
    }

    /// What no hop drops but some hop cannot decide.
    pub fn undecided(&self) -> PacketSet {
        let unknown = self.hops.iter().fold(PacketSet::empty(), |acc, h| {
            acc.or(&h.effects(Outcome::Unknown))
        });
        unknown.minus(&self.dropped())
    }

    /// Whether everything requested gets through.
    pub fn reachable(&self) -> bool {
        self.delivered == self.requested
    }

    /// The trace without what was admitted: the rules read only drops and unknowns, and an
    /// estate's hundreds of thousands of healthy traces would otherwise be kept hop by hop.
    pub fn into_problems(mut self) -> Trace {
        for h in &mut self.hops {
            h.verdicts.retain(|v| v.outcome != Outcome::Admitted);
        }
        self.hops.retain(|h| !h.verdicts.is_empty());
        self.hops.shrink_to_fit();
        self
    }
}

/// The client end of a flow.
pub(crate) struct Source<'e> {
    /// Its addresses.
    pub addrs: AddrSet,
    /// The subnet it sends from, when known (a CIDR outside every subnet has none).
    pub subnet: Option<&'e Subnet>,
    /// Its security groups, when it is a network interface (a subnet's instances' groups are
    /// unknown).
    pub groups: Vec<SgId>,
}

/// The target end of a flow: one network interface.
pub(crate) struct Target<'e> {
    /// Its subnet.
    pub subnet: &'e Subnet,
    /// Its addresses (the subnet's blocks when the exact addresses are unknown).
    pub addrs: AddrSet,
    /// Its security groups.
    pub groups: &'e [SgId],
}

impl<'e> Network<'e> {
    /// Evaluates `protocol`/`ports` from `source` to `target` and back.
    pub(crate) fn trace(
        &self,
        source: &Source<'e>,
        target: &Target<'e>,
        protocol: Protocol,
        ports: &PortSet,
    ) -> Trace {
        // A client talks to the target over the families both have.
        let client = super::quick::client_addrs(source, target);
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
                let (hop, peering) = self.route_hop(
                    cs,
                    &target.addrs,
                    &target.subnet.vpc_id,
                    &requested,
                    Leg::Request,
                );
                hops.push(hop);
                hops.extend(peering);
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
            let (hop, _) = match back_vpc {
                Some(v) => self.route_hop(target.subnet, &client, v, &requested, Leg::Return),
                None => (
                    self.external_route_hop(target.subnet, &client, &requested),
                    None,
                ),
            };
            hops.push(hop);
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
        let Some(acl) = self.nacl_of(&subnet.id) else {
            out.push(Verdict {
                outcome: Outcome::Admitted,
                reason: Reason::NaclNotExported,
                packets: packets.clone(),
                toward,
                effect: effect(packets),
            });
            return;
        };
        for (reason, allow, p) in eval::nacl(acl, egress, packets) {
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

    /// The route `from` uses towards `dest` in `to_vpc`, block by block; and the peering hop
    /// when the route crosses one.
    fn route_hop(
        &self,
        from: &'e Subnet,
        dest: &AddrSet,
        to_vpc: &VpcId,
        requested: &PacketSet,
        leg: Leg,
    ) -> (Hop, Option<Hop>) {
        let mut verdicts = Vec::new();
        let mut peering: Option<Hop> = None;
        let same_vpc = from.vpc_id == *to_vpc;
        for block in dest.blocks() {
            let ba = AddrSet::net(&block);
            // The requested packets concerned: the block's family on the way out, the block
            // itself on the way back.
            let effect = match leg {
                Leg::Request => requested.restrict(&AddrSet::all_of(matches!(block, IpNet::V6(_)))),
                Leg::Return => requested.restrict(&ba),
            };
            let packets = PacketSet::new(Protocol::All, None, &ba);
            let (outcome, reason) = match self.route_path(&from.id, &block, to_vpc) {
                // The local route exists in every table, listed or not.
                RouteLookup::NoTable | RouteLookup::NoRoute { .. } if same_vpc => {
                    (Outcome::Admitted, Reason::ImplicitLocal)
                }
                RouteLookup::NoTable => (Outcome::Unknown, Reason::NoRouteTable),
                RouteLookup::NoRoute { table } => (
                    Outcome::Dropped,
                    Reason::NoRoute {
                        table: table.id.clone(),
                        dest: block,
                    },
                ),
                RouteLookup::Blackhole { table, index } => (
                    Outcome::Dropped,
                    Reason::Blackhole {
                        table: table.id.clone(),
                        index,
                    },
                ),
                RouteLookup::Elsewhere { table, index } => {
                    let other = table
                        .routes
                        .get(index)
                        .is_some_and(|r| matches!(r.target, RouteTarget::Other(_)));
                    let reason = Reason::RouteElsewhere {
                        table: table.id.clone(),
                        index,
                    };
                    // A transit gateway or VPN may still deliver it: vpclint does not model them.
                    (
                        if other {
                            Outcome::Unknown
                        } else {
                            Outcome::Dropped
                        },
                        reason,
                    )
                }
                RouteLookup::Reaches { table, index, pcx } => {
                    if let Some(p) = pcx {
                        let active = p.status.eq_ignore_ascii_case("active");
                        let v = Verdict {
                            outcome: if active {
                                Outcome::Admitted
                            } else {
                                Outcome::Dropped
                            },
                            reason: if active {
                                Reason::PeeringActive { pcx: p.id.clone() }
                            } else {
                                Reason::PeeringNotActive {
                                    pcx: p.id.clone(),
                                    status: p.status.clone(),
                                }
                            },
                            packets: packets.clone(),
                            toward: true,
                            effect: effect.clone(),
                        };
                        match &mut peering {
                            Some(h) => h.verdicts.push(v),
                            None => {
                                peering = Some(Hop {
                                    component: Component::Peering { pcx: p.id.clone() },
                                    verdicts: vec![v],
                                })
                            }
                        }
                    }
                    (
                        Outcome::Admitted,
                        Reason::Route {
                            table: table.id.clone(),
                            index,
                        },
                    )
                }
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
        (hop, peering)
    }

    /// The route back to a client outside every known subnet: any route but a missing one may
    /// deliver it (vpclint does not follow gateways).
    fn external_route_hop(&self, from: &'e Subnet, dest: &AddrSet, requested: &PacketSet) -> Hop {
        let table = self.table_of(&from.id);
        let mut verdicts = Vec::new();
        for block in dest.blocks() {
            let ba = AddrSet::net(&block);
            let (outcome, reason) = match table {
                None => (Outcome::Unknown, Reason::NoRouteTable),
                Some(t) => match best_route(t, &block) {
                    None => (
                        Outcome::Dropped,
                        Reason::NoRoute {
                            table: t.id.clone(),
                            dest: block,
                        },
                    ),
                    Some((index, r)) => {
                        let reason = Reason::Route {
                            table: t.id.clone(),
                            index,
                        };
                        match &r.target {
                            _ if r.state.as_deref() == Some("blackhole") => (
                                Outcome::Dropped,
                                Reason::Blackhole {
                                    table: t.id.clone(),
                                    index,
                                },
                            ),
                            RouteTarget::Local => (Outcome::Admitted, reason),
                            RouteTarget::Peering(_) | RouteTarget::Other(_) => {
                                (Outcome::Unknown, reason)
                            }
                        }
                    }
                },
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
                table: table.map(|t| t.id.clone()),
                leg: Leg::Return,
            },
            verdicts,
        }
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
