//! The vocabulary of a trace: hops, what each did with which part of the traffic, and why. A
//! leaf module, so that the evaluator and the hop sequence can both speak it.

use ipnet::IpNet;

use crate::model::{NaclId, PcxId, RtbId, SgId, SubnetId, TgwId, VpcId};

use super::packets::PacketSet;

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
    /// A transit gateway crossed.
    TransitGateway {
        /// The gateway.
        tgw: TgwId,
        /// Request or reply: each direction is routed by the table of the attachment it enters
        /// through.
        leg: Leg,
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
    /// The transit gateway has no attachment for the VPC the traffic comes from.
    TgwNoAttachment {
        /// The gateway.
        tgw: TgwId,
        /// The VPC.
        vpc: VpcId,
    },
    /// The attachment the traffic enters or leaves through is not available.
    TgwAttachmentDown {
        /// `tgw-attach-…`
        attachment: String,
        /// Its state.
        state: String,
    },
    /// The attachment the traffic enters through is associated with no route table.
    TgwNotAssociated {
        /// `tgw-attach-…`
        attachment: String,
    },
    /// The routes of the attachment's table are not in the input.
    TgwRoutesNotRead {
        /// `tgw-rtb-…`
        table: String,
    },
    /// No route of the table covers the destination.
    TgwNoRoute {
        /// `tgw-rtb-…`
        table: String,
        /// The destination block.
        dest: IpNet,
    },
    /// The covering route is a blackhole (`index` into the table's listed routes).
    TgwBlackhole {
        /// `tgw-rtb-…`
        table: String,
        /// Index into its listed routes.
        index: Option<usize>,
    },
    /// The covering route sends it to the destination VPC's attachment; `index` is `None` for a
    /// route the table's propagations give (its routes were not listed).
    TgwRoute {
        /// `tgw-rtb-…`
        table: String,
        /// Index into its listed routes.
        index: Option<usize>,
        /// `tgw-attach-…`
        attachment: String,
    },
    /// The covering route sends it to another attachment (another VPC, a VPN, a peered gateway).
    TgwRouteElsewhere {
        /// `tgw-rtb-…`
        table: String,
        /// Index into its listed routes.
        index: Option<usize>,
        /// `tgw-attach-…`
        attachment: String,
    },
}

/// What a transit gateway does with traffic from one VPC to a block of another.
#[derive(Clone, Debug)]
pub(crate) struct TransitStep {
    /// Admitted, dropped, or unknown.
    pub(crate) outcome: Outcome,
    /// Why, located in the input.
    pub(crate) reason: Reason,
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
