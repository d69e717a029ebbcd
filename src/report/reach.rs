//! `vpclint reach` output: the verdict, then each path hop by hop, as text or JSON.

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::model::{Estate, Protocol, RouteTarget};
use crate::net::{Component, Hop, Outcome, Reach, ReachVerdict, Reason, Verdict};

fn verdict_word(v: ReachVerdict) -> &'static str {
    match v {
        ReachVerdict::Reachable => "REACHABLE",
        ReachVerdict::Blocked => "BLOCKED",
        ReachVerdict::Undetermined => "UNDETERMINED",
    }
}

fn protocol_word(p: Protocol) -> String {
    match p {
        Protocol::Tcp => "TCP".into(),
        Protocol::Udp => "UDP".into(),
        Protocol::Icmp => "ICMP".into(),
        Protocol::Icmpv6 => "ICMPv6".into(),
        Protocol::All => "all traffic".into(),
        Protocol::Number(n) => format!("protocol {n}"),
    }
}

/// A hop's component in words.
pub fn component(c: &Component) -> String {
    match c {
        Component::ClientGroups { groups } => {
            format!("security groups {} of the source, outbound", list(groups))
        }
        Component::SameSubnet { subnet } => {
            format!("subnet `{subnet}`: source and target share it, no NACL or route")
        }
        Component::Nacl {
            nacl,
            subnet,
            egress,
            leg,
        } => {
            let dir = if *egress { "outbound" } else { "inbound" };
            match nacl {
                Some(n) => format!("NACL `{n}` of `{subnet}`, {dir} ({})", leg.as_str()),
                None => format!("NACL of `{subnet}`, {dir} ({})", leg.as_str()),
            }
        }
        Component::Route { subnet, table, leg } => match table {
            Some(t) => format!("route table `{t}` of `{subnet}` ({})", leg.as_str()),
            None => format!("routes of `{subnet}` ({})", leg.as_str()),
        },
        Component::Peering { pcx } => format!("peering `{pcx}`"),
        Component::TargetGroups { groups } => {
            format!("security groups {} of the target, inbound", list(groups))
        }
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The entry, rule or route behind a verdict, in words.
pub fn reason(estate: &Estate, r: &Reason) -> String {
    match r {
        Reason::NaclEntry {
            rule_number: 32767,
            allow,
            ..
        } => format!("entry `*` ({})", if *allow { "allow" } else { "deny" }),
        Reason::NaclEntry {
            rule_number, allow, ..
        } => format!(
            "entry #{rule_number} ({})",
            if *allow { "allow" } else { "deny" }
        ),
        Reason::NaclDefaultDeny { .. } => "the final `*` deny: no entry matches".into(),
        Reason::NaclNotExported => "no NACL in the input (assumed to allow)".into(),
        Reason::SameSubnet => "same subnet".into(),
        Reason::SgRule { sg, index, egress } => {
            let rule = estate.security_groups.get(sg).and_then(|g| {
                if *egress {
                    g.egress.get(*index)
                } else {
                    g.ingress.get(*index)
                }
            });
            match rule {
                Some(r) => {
                    let peer = match &r.peer {
                        crate::model::SgPeer::Cidr(n) => n.to_string(),
                        crate::model::SgPeer::Group(g) => format!("group `{g}`"),
                        crate::model::SgPeer::PrefixList(p) => format!("prefix list `{p}`"),
                    };
                    let ports = match (r.from_port, r.to_port) {
                        (Some(a), Some(b)) if a == b => format!(" {a}"),
                        (Some(a), Some(b)) => format!(" {a}-{b}"),
                        _ => String::new(),
                    };
                    let rid = r
                        .rule_id
                        .as_ref()
                        .map(|id| format!(" `{id}`"))
                        .unwrap_or_default();
                    format!(
                        "`{sg}` rule{rid} ({}{ports} {} {peer})",
                        protocol_word(r.protocol),
                        if *egress { "to" } else { "from" }
                    )
                }
                None => format!("`{sg}` rule #{index}"),
            }
        }
        Reason::PrefixList { sg, list, .. } => {
            format!("`{sg}` names prefix list `{list}`, whose entries are not in the input")
        }
        Reason::GroupNotExported { sg } => format!("security group `{sg}` is not in the input"),
        Reason::NoSgRule { groups, .. } => format!("no rule of {} admits it", list(groups)),
        Reason::Route { table, index } => route(estate, table, *index, "route"),
        Reason::ImplicitLocal => "the VPC's local route".into(),
        Reason::NoRouteTable => "no route table in the input".into(),
        Reason::NoRoute { table, dest } => format!("no route in `{table}` covers {dest}"),
        Reason::Blackhole { table, index } => route(estate, table, *index, "blackhole route"),
        Reason::RouteElsewhere { table, index } => {
            let target = estate
                .route_tables
                .get(table)
                .and_then(|t| t.routes.get(*index))
                .map(|r| &r.target);
            // Say why a peering or the local route does not lead there.
            let why = match target {
                Some(crate::model::RouteTarget::Peering(p)) => estate
                    .peerings
                    .get(p)
                    .map(|p| {
                        format!(
                            " (`{}` joins `{}` and `{}` only: peering is not transitive)",
                            p.id, p.requester.vpc_id, p.accepter.vpc_id
                        )
                    })
                    .unwrap_or_default(),
                Some(crate::model::RouteTarget::Local) => {
                    " (the block is also this VPC's own, so the traffic stays in it)".to_owned()
                }
                _ => String::new(),
            };
            format!(
                "{}, not to the target{why}",
                route(estate, table, *index, "route")
            )
        }
        Reason::PeeringNotActive { pcx, status } => format!("peering `{pcx}` is `{status}`"),
        Reason::PeeringActive { pcx } => format!("peering `{pcx}` is active"),
    }
}

fn route(estate: &Estate, table: &crate::model::RtbId, index: usize, what: &str) -> String {
    let r = estate
        .route_tables
        .get(table)
        .and_then(|t| t.routes.get(index));
    match r {
        Some(r) => {
            let dest = r
                .destination
                .map(|d| d.to_string())
                .or_else(|| r.prefix_list.clone())
                .unwrap_or_default();
            let target = match &r.target {
                RouteTarget::Local => "local".to_owned(),
                RouteTarget::Peering(p) => format!("`{p}`"),
                RouteTarget::Other(o) => format!("`{o}`"),
            };
            format!("{what} {dest} → {target} in `{table}`")
        }
        None => format!("{what} #{index} in `{table}`"),
    }
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Admitted => "allows",
        Outcome::Dropped => "DROPS",
        Outcome::Unknown => "may allow",
    }
}

fn verdict_line(estate: &Estate, v: &Verdict) -> String {
    format!(
        "{} {} — {}",
        outcome_word(v.outcome),
        v.render_packets(),
        reason(estate, &v.reason)
    )
}

/// The human rendering.
pub fn render_reach_human(estate: &Estate, from: &str, r: &Reach) -> String {
    let mut out = String::new();
    let service = r
        .service
        .as_ref()
        .map(|s| format!(" (`{s}`)"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {} {} from `{from}` to `{}`{service}",
        verdict_word(r.verdict()),
        protocol_word(r.protocol),
        r.ports.render(),
        r.target
    );
    for p in &r.paths {
        let word = if p.trace.reachable() {
            "REACHABLE"
        } else if p.trace.dropped().is_empty() {
            "UNDETERMINED"
        } else {
            "BLOCKED"
        };
        let iface = p
            .interface
            .as_ref()
            .map(|i| format!("`{i}` in "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{} → {iface}`{}` ({}): {word}",
            p.source, p.subnet, p.az
        );
        for (n, h) in p.trace.hops.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", n + 1, component(&h.component));
            for v in &h.verdicts {
                let _ = writeln!(out, "     {}", verdict_line(estate, v));
            }
        }
        let blocks = blocking(&p.trace.hops);
        if !blocks.is_empty() {
            let _ = writeln!(out, "  blocked by:");
            for (h, v) in blocks {
                let _ = writeln!(
                    out,
                    "   - {}: drops {} ({})",
                    component(&h.component),
                    v.render_packets(),
                    reason(estate, &v.reason)
                );
            }
        }
    }
    out
}

fn blocking(hops: &[Hop]) -> Vec<(&Hop, &Verdict)> {
    hops.iter()
        .flat_map(|h| h.verdicts.iter().map(move |v| (h, v)))
        .filter(|(_, v)| v.outcome == Outcome::Dropped)
        .collect()
}

/// The JSON rendering (`--format json`).
pub fn render_reach_json(estate: &Estate, from: &str, r: &Reach) -> String {
    let word = |v: ReachVerdict| verdict_word(v).to_ascii_lowercase();
    let paths: Vec<Value> = r
        .paths
        .iter()
        .map(|p| {
            let v = if p.trace.reachable() {
                ReachVerdict::Reachable
            } else if p.trace.dropped().is_empty() {
                ReachVerdict::Undetermined
            } else {
                ReachVerdict::Blocked
            };
            let hops: Vec<Value> = p
                .trace
                .hops
                .iter()
                .map(|h| {
                    let verdicts: Vec<Value> = h
                        .verdicts
                        .iter()
                        .map(|v| {
                            json!({
                                "outcome": match v.outcome {
                                    Outcome::Admitted => "allowed",
                                    Outcome::Dropped => "dropped",
                                    Outcome::Unknown => "unknown",
                                },
                                "packets": v.render_packets(),
                                "reason": reason(estate, &v.reason),
                            })
                        })
                        .collect();
                    json!({"component": component(&h.component), "verdicts": verdicts})
                })
                .collect();
            let blocked_by: Vec<Value> = blocking(&p.trace.hops)
                .into_iter()
                .map(|(h, v)| {
                    json!({
                        "component": component(&h.component),
                        "reason": reason(estate, &v.reason),
                        "packets": v.render_packets(),
                    })
                })
                .collect();
            json!({
                "source": p.source,
                "interface": p.interface,
                "subnet": p.subnet,
                "availability_zone": p.az,
                "verdict": word(v),
                "delivered": p.trace.delivered.render(),
                "hops": hops,
                "blocked_by": blocked_by,
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "verdict": word(r.verdict()),
        "from": from,
        "to": r.target,
        "service": r.service,
        "protocol": protocol_word(r.protocol),
        "ports": r.ports.render(),
        "paths": paths,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
