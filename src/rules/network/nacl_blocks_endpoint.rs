//! NET001 `nacl-blocks-endpoint`.

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Finding, Spot};
use crate::model::{NaclId, NetworkAcl, Protocol, SubnetId};
use crate::net::{Component, EndpointAccess, Leg, Need, Network, Outcome, PacketSet, Reason};
use crate::rules::connectivity::{cli_protocol, ids, item_origin, nacl_ref};
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

fn check(cx: &Context<'_>, _network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
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
                out.push(finding(ea.endpoint, acl, &key, &d, need.protocol));
            }
        }
    }
    out
}

fn finding(
    ep: &crate::model::VpcEndpoint,
    acl: &NetworkAcl,
    key: &Key,
    d: &Drops,
    protocol: Protocol,
) -> Finding {
    let dir = if key.egress { "outbound" } else { "inbound" };
    let endpoint_side = (key.leg == Leg::Request) != key.egress;
    let side = if endpoint_side { "endpoint" } else { "client" };
    let subnets: Vec<&SubnetId> = d.subnets.iter().collect();
    let plural = if subnets.len() == 1 { "" } else { "s" };
    let (entry, deny_number) = match &key.reason {
        Reason::NaclEntry {
            rule_number: 32767, ..
        } => (format!("entry `*` ({dir}, deny)"), Some(32767)),
        Reason::NaclEntry { rule_number, .. } => (
            format!("entry #{rule_number} ({dir}, deny)"),
            Some(*rule_number),
        ),
        _ => (
            format!("final `*` entry ({dir}, deny: no entry allows this traffic)"),
            None,
        ),
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
    let spot = match &key.reason {
        Reason::NaclEntry { index, .. } => acl
            .entries
            .get(*index)
            .map(|e| Spot::value(&item_origin(&acl.origin, &e.rel))),
        _ => None,
    }
    .unwrap_or_else(|| Spot::member(&acl.origin, "Entries"));
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(spot, format!("denies {packets}"))
        .help(help(acl, key, deny_number, &d.packets, protocol))
        .related(nacl_ref(acl), Some(Spot::value(&acl.origin)), "the NACL");
    for s in subnets {
        f = f.related(
            crate::finding::ResourceRef::new("subnet", s, &acl.scope),
            None,
            format!("{side} subnet guarded by `{}`", acl.id),
        );
    }
    f
}

/// `create-network-acl-entry` commands that allow the dropped packets ahead of the entry that
/// drops them.
fn help(
    acl: &NetworkAcl,
    key: &Key,
    deny: Option<i32>,
    packets: &PacketSet,
    protocol: Protocol,
) -> String {
    let used: BTreeSet<i32> = acl
        .entries
        .iter()
        .filter(|e| e.egress == key.egress)
        .map(|e| e.rule_number)
        .collect();
    let direction = if key.egress { "--egress" } else { "--ingress" };
    let blocks = packets.addrs().blocks();
    let ports: Vec<(u16, u16)> = packets.ports().ranges().collect();
    let mut specs: Vec<(Option<(u16, u16)>, ipnet::IpNet)> = Vec::new();
    for b in blocks.iter().take(4) {
        if matches!(protocol, Protocol::Tcp | Protocol::Udp) && !ports.is_empty() {
            specs.extend(ports.iter().map(|p| (Some(*p), *b)));
        } else {
            specs.push((None, *b));
        }
    }
    // Free rule numbers: below the denying entry, or past the last entry for the final deny.
    let numbers: Vec<i32> = match deny {
        Some(n) => (1..n)
            .rev()
            .filter(|k| !used.contains(k))
            .take(specs.len())
            .collect(),
        None => {
            let top = used
                .iter()
                .copied()
                .filter(|n| *n < 32767)
                .max()
                .unwrap_or(0);
            let start = (top / 10 + 1) * 10;
            (start..32767)
                .step_by(10)
                .filter(|k| !used.contains(k))
                .take(specs.len())
                .collect()
        }
    };
    if numbers.len() < specs.len() {
        let n = deny.unwrap_or(32767);
        return format!(
            "No free rule number precedes entry #{n}: replace it with an allow entry: `aws ec2 replace-network-acl-entry --network-acl-id {} {direction} --rule-number {n} --protocol {} --rule-action allow` with the blocks and ports above",
            acl.id,
            cli_protocol(protocol)
        );
    }
    let planned = acl.origin.address();
    // Terraform does not mix inline entries with `aws_network_acl_rule` resources.
    let separate = acl
        .entries
        .iter()
        .any(|e| matches!(e.rel, crate::model::Rel::Own(_)));
    let cmds: Vec<String> = specs
        .iter()
        .zip(numbers)
        .map(|((ports, block), n)| match planned {
            // A planned NACL is fixed in its configuration: an inline block (or an
            // `aws_network_acl_rule`) with the same fields.
            Some(address) => {
                let cidr = match block {
                    ipnet::IpNet::V4(_) => format!("cidr_block = \"{block}\""),
                    ipnet::IpNet::V6(_) => format!("ipv6_cidr_block = \"{block}\""),
                };
                let (from, to) = ports.unwrap_or((0, 0));
                let proto = cli_protocol(protocol);
                if separate {
                    format!(
                        "an `aws_network_acl_rule` with `network_acl_id = {address}.id, rule_number = {n}, egress = {}, protocol = \"{proto}\", rule_action = \"allow\", {cidr}, from_port = {from}, to_port = {to}`",
                        key.egress
                    )
                } else {
                    format!(
                        "an `{}` block with `rule_no = {n}, protocol = \"{proto}\", action = \"allow\", {cidr}, from_port = {from}, to_port = {to}`",
                        if key.egress { "egress" } else { "ingress" }
                    )
                }
            }
            None => {
                let ports = ports.map_or_else(String::new, |(a, z)| {
                    format!(" --port-range From={a},To={z}")
                });
                let cidr = match block {
                    ipnet::IpNet::V4(_) => format!("--cidr-block {block}"),
                    ipnet::IpNet::V6(_) => format!("--ipv6-cidr-block {block}"),
                };
                format!(
                    "`aws ec2 create-network-acl-entry --network-acl-id {} {direction} --rule-number {n} --protocol {}{ports} {cidr} --rule-action allow`",
                    acl.id,
                    cli_protocol(protocol)
                )
            }
        })
        .collect();
    let ahead = match deny {
        Some(32767) | None => "before the final deny".to_owned(),
        Some(n) => format!("ahead of entry #{n}"),
    };
    let more = if blocks.len() > 4 {
        format!(" (and likewise for the other {} blocks)", blocks.len() - 4)
    } else {
        String::new()
    };
    match planned {
        Some(address) => format!(
            "Allow this traffic {ahead} of `{address}`: add {}{more}",
            cmds.join(" and ")
        ),
        None => format!("Allow this traffic {ahead}: {}{more}", cmds.join(" and ")),
    }
}
