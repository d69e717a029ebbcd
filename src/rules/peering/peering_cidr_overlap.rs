//! PCX001 `peering-cidr-overlap`.

use ipnet::IpNet;

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{Estate, Origin, Peering, PeeringSide};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Peered VPCs with overlapping CIDR blocks
    ///
    /// ## What it does
    /// For every VPC peering connection in state `active`, `pending-acceptance` or `provisioning`,
    /// compares every CIDR block of one side with every block of the other, IPv4 and IPv6. The blocks of
    /// a side are all the blocks associated with its VPC in describe-vpcs (primary and secondary), plus
    /// those the peering itself lists (`CidrBlock`, `CidrBlockSet`, `Ipv6CidrBlockSet`), since the
    /// peering often lists only the primary block. Every overlapping pair is named, with the VPC each
    /// block belongs to.
    ///
    /// ## Why is this bad?
    /// A route table cannot send one range to two places: traffic to the overlapping range stays local
    /// (the `local` route is more specific or equal), so the peer's addresses in that range are
    /// unreachable. AWS fails a peering request between overlapping VPCs and refuses to add an
    /// overlapping block to a peered VPC — but plans, older exports and VPCs re-addressed through a
    /// secondary block still contain them, and the peering then silently routes only part of the
    /// traffic.
    ///
    /// ## Example
    /// ```json
    /// {"Vpcs": [
    ///   {"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"},
    ///   {"VpcId": "vpc-b", "CidrBlock": "10.90.0.0/16", "CidrBlockAssociationSet": [
    ///     {"CidrBlock": "10.90.0.0/16", "CidrBlockState": {"State": "associated"}},
    ///     {"AssociationId": "vpc-cidr-assoc-1", "CidrBlock": "10.0.64.0/18", "CidrBlockState": {"State": "associated"}}]}],
    ///  "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "active"},
    ///   "RequesterVpcInfo": {"VpcId": "vpc-a"}, "AccepterVpcInfo": {"VpcId": "vpc-b"}}]}
    /// ```
    ///
    /// Use instead: non-overlapping address plans. When the overlap comes from an unused secondary block:
    /// ```sh
    /// aws ec2 disassociate-vpc-cidr-block --association-id vpc-cidr-assoc-1
    /// ```
    /// Otherwise re-address one VPC, or connect the two through PrivateLink or a Transit Gateway with
    /// NAT.
    ///
    /// ## References
    /// - [VPC peering limitations: overlapping CIDR blocks](https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations)
    PCX001 "peering-cidr-overlap" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

/// A block of one side, where it was read, and its association id when secondary.
struct Block {
    net: IpNet,
    origin: Origin,
    secondary_assoc: Option<String>,
}

/// Every block of a side: the VPC's own list (complete) and what the peering lists (often only
/// the primary block).
fn blocks(estate: &Estate, peering: &Peering, side: &PeeringSide) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    if let Some(vpc) = estate.vpcs.get(&side.vpc_id) {
        for c in &vpc.cidrs {
            out.push(Block {
                net: c.block,
                origin: vpc.origin.path(&c.rel),
                secondary_assoc: (!c.primary).then(|| c.association_id.clone()).flatten(),
            });
        }
    }
    for (net, rel) in &side.cidrs {
        if !out.iter().any(|b| b.net == *net) {
            out.push(Block {
                net: *net,
                origin: peering.origin.path(rel),
                secondary_assoc: None,
            });
        }
    }
    out
}

fn overlap(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for p in estate.peerings.values() {
        if !matches!(
            p.status.as_str(),
            "active" | "pending-acceptance" | "provisioning"
        ) {
            continue;
        }
        let (req, acc) = (&p.requester.vpc_id, &p.accepter.vpc_id);
        let left = blocks(estate, p, &p.requester);
        let right = blocks(estate, p, &p.accepter);
        let pairs: Vec<(&Block, &Block)> = left
            .iter()
            .flat_map(|a| right.iter().map(move |b| (a, b)))
            .filter(|(a, b)| overlap(&a.net, &b.net))
            .collect();
        if pairs.is_empty() {
            continue;
        }
        let explained: Vec<String> = pairs
            .iter()
            .map(|(a, b)| {
                if a.net == b.net {
                    format!("`{}` is in both", a.net)
                } else if a.net.contains(&b.net.network()) {
                    format!("`{}` (`{acc}`) lies inside `{}` (`{req}`)", b.net, a.net)
                } else {
                    format!("`{}` (`{req}`) lies inside `{}` (`{acc}`)", a.net, b.net)
                }
            })
            .collect();
        let message = format!(
            "VPC peering `{}` connects `{req}` and `{acc}`, whose CIDR blocks overlap: {}",
            p.id,
            explained.join("; ")
        );
        let assoc = pairs
            .iter()
            .flat_map(|(a, b)| [(a, req), (b, acc)])
            .find_map(|(b, vpc)| b.secondary_assoc.as_deref().map(|assoc| (assoc, vpc)));
        let help = Remedy::say(
            "Traffic to an overlapping range cannot be routed across a peering (AWS fails such a peering when it is accepted)",
        );
        let help = match assoc {
            Some((association, vpc)) => help
                .then_say(": remove the overlapping secondary block if it is unused, ")
                .then(Action::DisassociateCidr {
                    vpc: refs::vpc_by_id(estate, vpc).0,
                    association: association.to_owned(),
                })
                .then_say(", or re-address it"),
            None => help
                .then_say(": ")
                .then(Action::Readdress {
                    peering: refs::peering(p),
                })
                .then_say(", or connect the two through PrivateLink or a Transit Gateway with NAT instead of a peering"),
        };
        let mut f = Finding::new(&RULE, refs::peering(p), message)
            .at(
                Spot::member(&p.origin, "VpcPeeringConnectionId"),
                "peering between overlapping VPCs",
            )
            .remedy(help);
        for (vpc_id, side_blocks) in [(req, &left), (acc, &right)] {
            let (vpc_ref, _) = refs::vpc_by_id(estate, vpc_id);
            for b in side_blocks.iter().filter(|b| {
                pairs
                    .iter()
                    .any(|(x, y)| std::ptr::eq(*x, *b) || std::ptr::eq(*y, *b))
            }) {
                f = f.related(
                    vpc_ref.clone(),
                    Some(Spot::value(&b.origin)),
                    format!("overlapping block {}", b.net),
                );
            }
        }
        out.push(f);
    }
    out
}
