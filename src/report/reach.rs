//! `vpclint reach` output: the verdict, then each path hop by hop, as text or JSON.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::Location;
use crate::finding::remedy::{Action, Remedy};
use crate::finding::{Finding, ResourceRef, Spot};
use crate::model::{Estate, Protocol, RouteTarget};
use crate::net::{
    Component, GatewayPath, GatewayReach, Hop, NameAnswer, NameLookup, Outcome, Reach, ReachPath,
    ReachVerdict, Reason, Verdict,
};
use crate::source::SourceMap;

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
        Component::TransitGateway { tgw, leg } => {
            format!("transit gateway `{tgw}` ({})", leg.as_str())
        }
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
        other => crate::net::transit_words(estate, other).unwrap_or_default(),
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
                other => format!("`{}`", other.id()),
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
pub fn render_reach_human(
    estate: &Estate,
    sources: &SourceMap,
    from: &str,
    r: &Reach,
    fixes: &[Finding],
) -> String {
    let mut out = String::new();
    let places = places(estate, sources, r);
    let service = r
        .service
        .as_ref()
        .map(|s| format!(" (`{s}`)"))
        .unwrap_or_default();
    let what = if r.ports.is_empty() {
        String::new()
    } else {
        format!("{} {} ", protocol_word(r.protocol), r.ports.render())
    };
    let to = match &r.lookup {
        Some(l) => match &l.answer {
            NameAnswer::Endpoint(ep) => format!("`{}` → `{ep}`", l.name),
            NameAnswer::Gateway(ep) => format!("`{}` → gateway endpoint `{ep}`", l.name),
            other => format!("`{}`: {}", l.name, answer_words(other)),
        },
        None if r.gateway.is_some() => format!("gateway endpoint `{}`", r.target),
        None => format!("`{}`", r.target),
    };
    let _ = writeln!(
        out,
        "{}: {what}from `{from}` to {to}{service}",
        verdict_word(r.verdict()),
    );
    if let Some(l) = &r.lookup {
        let _ = writeln!(out, "\nHow `{}` resolves `{}`:", l.vpc, l.name);
        for (n, (step, at)) in l.steps.iter().zip(step_places(sources, l)).enumerate() {
            let _ = writeln!(out, "  {}. {}{}", n + 1, step.text, at_words(at.as_ref()));
        }
    }
    if let Some(g) = &r.gateway {
        out.push_str(&gateway_human(estate, sources, g));
    }
    // Paths that end the same way (same verdict, same blocking hops) are shown once: the
    // first in full, the others named under it.
    let mut shown: Vec<(String, Vec<(usize, &ReachPath)>)> = Vec::new();
    for (i, p) in r.paths.iter().enumerate() {
        let drops: Vec<String> = blocking(&p.trace.hops)
            .into_iter()
            .map(|(h, v)| drop_text(estate, h, v))
            .collect();
        let key = format!("{:?} {}", path_verdict(p), drops.join("\n"));
        match shown.iter_mut().find(|(k, _)| *k == key) {
            Some((_, same)) => same.push((i, p)),
            None => shown.push((key, vec![(i, p)])),
        }
    }
    for (_, same) in &shown {
        let Some(((i, p), others)) = same.split_first() else {
            continue;
        };
        let own = places.get(*i).map_or(&[][..], Vec::as_slice);
        let word = verdict_word(path_verdict(p));
        let _ = writeln!(out, "\n{} → {}: {word}", p.source, interface_label(p));
        for (n, h) in p.trace.hops.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", n + 1, component(&h.component));
            for v in &h.verdicts {
                let _ = writeln!(out, "     {}", verdict_line(estate, v));
            }
        }
        let blocks = blocked_by(estate, p, own, fixes);
        if !blocks.is_empty() {
            let _ = writeln!(out, "  blocked by:");
            out.push_str(&blocks);
        }
        if !others.is_empty() {
            let names: Vec<String> = others.iter().map(|(_, o)| interface_label(o)).collect();
            let _ = writeln!(
                out,
                "  the same ({}) for {} more: {}",
                word.to_ascii_lowercase(),
                others.len(),
                names.join(", ")
            );
        }
    }
    out
}

/// Why a name that leads to no endpoint is not traced further, in words.
fn answer_words(a: &NameAnswer) -> &'static str {
    match a {
        NameAnswer::Endpoint(_) => "an interface endpoint",
        NameAnswer::Gateway(_) => "the service's public addresses, through a gateway endpoint",
        NameAnswer::Public => "public DNS answers, not an endpoint (public paths are not traced)",
        NameAnswer::Forwarded => {
            "a Resolver rule forwards it to other servers, whose answer is not in the input"
        }
        NameAnswer::Record => "a private zone's record leads to no endpoint of the input",
        NameAnswer::NxDomain => "NXDOMAIN, no address to reach",
        NameAnswer::Unknown => "a private zone answers whose records are not in the input",
    }
}

/// `endpoint`, `public`, …: the answer's kind in the JSON output.
fn answer_kind(a: &NameAnswer) -> &'static str {
    match a {
        NameAnswer::Endpoint(_) => "endpoint",
        NameAnswer::Gateway(_) => "gateway",
        NameAnswer::Public => "public",
        NameAnswer::Forwarded => "forwarded",
        NameAnswer::Record => "record",
        NameAnswer::NxDomain => "nxdomain",
        NameAnswer::Unknown => "unknown",
    }
}

/// The place of each resolution step, resolved in one pass over their files.
fn step_places(sources: &SourceMap, l: &NameLookup) -> Vec<Option<Location>> {
    let spots: Vec<Spot> = l
        .steps
        .iter()
        .map(|s| match &s.member {
            Some(m) => Spot::member(&s.origin, m),
            None => Spot::value(&s.origin),
        })
        .collect();
    spot_places(sources, &spots)
}

/// ` at FILE:LINE:COL`, or nothing.
fn at_words(at: Option<&Location>) -> String {
    at.map(|l| format!(" at {}:{}:{}", l.file, l.position.line, l.position.column))
        .unwrap_or_default()
}

/// The places of `spots`, resolved in one pass over their files.
fn spot_places(sources: &SourceMap, spots: &[Spot]) -> Vec<Option<Location>> {
    let requests: Vec<_> = spots.iter().map(|s| (s.file, s.target.clone())).collect();
    spots
        .iter()
        .zip(sources.resolve(&requests))
        .map(|(s, at)| {
            at.map(|at| Location {
                file: sources.path(s.file).display().to_string(),
                position: at.position,
                pointer: s.target.pointer.to_string(),
                inner: None,
            })
        })
        .collect()
}

/// The route of one gateway path in words: the route to the endpoint, or why there is none.
fn gateway_route_words(estate: &Estate, g: &GatewayReach, p: &GatewayPath) -> String {
    if p.other_vpc {
        return format!(
            "`{}` is in another VPC than gateway endpoint `{}`, which serves its own VPC only (not over peering, transit gateway or VPN)",
            p.subnet, g.endpoint
        );
    }
    let Some(table) = &p.table else {
        return format!("no route table of `{}` in the input", p.subnet);
    };
    match (p.route, p.associated) {
        (Some(i), _) => format!(
            "allows traffic to {} — {}",
            g.service,
            route(estate, table, i, "route")
        ),
        (None, true) => format!(
            "allows traffic to {} — gateway endpoint `{}` lists `{table}` among its route tables",
            g.service, g.endpoint
        ),
        (None, false) => {
            let instead = p.instead.map_or_else(
                || "; it has no default route either, so the traffic goes nowhere".to_owned(),
                |i| {
                    format!(
                        "; the traffic follows {} instead",
                        route(estate, table, i, "route")
                    )
                },
            );
            format!(
                "DROPS traffic to {} — no route in `{table}` sends the service's prefix list to gateway endpoint `{}`{instead}",
                g.service, g.endpoint
            )
        }
    }
}

/// Where a gateway path's route (or the table's routes, when it lacks one) was read.
fn gateway_spot(estate: &Estate, g: &GatewayReach, p: &GatewayPath) -> Option<Spot> {
    if p.other_vpc {
        return None;
    }
    let t = estate.route_tables.get(p.table.as_ref()?)?;
    match p.route {
        Some(i) => Some(Spot::value(&t.origin.path(&t.routes.get(i)?.rel))),
        None if p.associated => {
            let ep = estate.endpoints.get(&g.endpoint)?;
            Some(Spot::member(&ep.origin, "RouteTableIds"))
        }
        None => Some(Spot::member(&t.origin, "Routes")),
    }
}

/// The fix for a subnet whose table lacks the gateway endpoint: add the table to it.
fn gateway_fix(estate: &Estate, g: &GatewayReach, p: &GatewayPath) -> Option<String> {
    if p.routed() || p.other_vpc {
        return None;
    }
    let ep = estate.endpoints.get(&g.endpoint)?;
    let t = estate.route_tables.get(p.table.as_ref()?)?;
    let action = Action::GatewayRouteTables {
        endpoint: ResourceRef::at("vpc-endpoint", &ep.id, &ep.scope, &ep.origin),
        add: vec![ResourceRef::at("route-table", &t.id, &t.scope, &t.origin)],
    };
    Some(super::fix::render(&Remedy::act(action)))
}

/// The human rendering of the routes to a gateway endpoint, one block per source subnet.
fn gateway_human(estate: &Estate, sources: &SourceMap, g: &GatewayReach) -> String {
    let spots: Vec<Option<Spot>> = g.paths.iter().map(|p| gateway_spot(estate, g, p)).collect();
    let resolved = spot_places(
        sources,
        &spots.iter().flatten().cloned().collect::<Vec<_>>(),
    );
    let mut resolved = resolved.into_iter();
    let mut out = String::new();
    for (p, spot) in g.paths.iter().zip(&spots) {
        let at = spot.as_ref().and_then(|_| resolved.next().flatten());
        let word = if p.routed() { "REACHABLE" } else { "BLOCKED" };
        let _ = writeln!(
            out,
            "\n`{}` → gateway endpoint `{}` (`{}`): {word}",
            p.subnet, g.endpoint, g.service
        );
        let table = p
            .table
            .as_ref()
            .map_or_else(|| "routes".to_owned(), |t| format!("route table `{t}`"));
        let _ = writeln!(out, "  1. {table} of `{}`", p.subnet);
        let _ = writeln!(
            out,
            "     {}{}",
            gateway_route_words(estate, g, p),
            at_words(at.as_ref())
        );
        if let Some(fix) = gateway_fix(estate, g, p) {
            let _ = writeln!(out, "  fix: {fix}");
        }
    }
    if g.paths.iter().any(GatewayPath::routed) {
        let _ = writeln!(
            out,
            "\n(Routes only: security groups and NACLs toward the service's public address ranges are not traced.)"
        );
    }
    out
}

/// The JSON rendering of the routes to a gateway endpoint.
fn gateway_json(estate: &Estate, sources: &SourceMap, g: &GatewayReach) -> Value {
    let spots: Vec<Option<Spot>> = g.paths.iter().map(|p| gateway_spot(estate, g, p)).collect();
    let resolved = spot_places(
        sources,
        &spots.iter().flatten().cloned().collect::<Vec<_>>(),
    );
    let mut resolved = resolved.into_iter();
    let paths: Vec<Value> = g
        .paths
        .iter()
        .zip(&spots)
        .map(|(p, spot)| {
            let at = spot.as_ref().and_then(|_| resolved.next().flatten());
            json!({
                "subnet": p.subnet,
                "route_table": p.table,
                "verdict": if p.routed() { "reachable" } else { "blocked" },
                "route": p.route,
                "text": gateway_route_words(estate, g, p),
                "place": at.as_ref().map(super::json::location),
                "fix": gateway_fix(estate, g, p),
            })
        })
        .collect();
    json!({"endpoint": g.endpoint, "service": g.service, "paths": paths})
}

/// `` `eni-…` in `subnet-…` (eu-west-1a) ``.
fn interface_label(p: &ReachPath) -> String {
    let iface = p
        .interface
        .as_ref()
        .map(|i| format!("`{i}` in "))
        .unwrap_or_default();
    format!("{iface}`{}` ({})", p.subnet, p.az)
}

fn path_verdict(p: &ReachPath) -> ReachVerdict {
    if p.trace.reachable() {
        ReachVerdict::Reachable
    } else if p.trace.dropped().is_empty() {
        ReachVerdict::Undetermined
    } else {
        ReachVerdict::Blocked
    }
}

/// The hops that drop part of the flow, one line each, with the place of what drops it when
/// `places` (the path's, in verdict order) has it.
fn blocked_by(
    estate: &Estate,
    p: &ReachPath,
    places: &[Option<Location>],
    fixes: &[Finding],
) -> String {
    let mut out = String::new();
    let verdicts = p
        .trace
        .hops
        .iter()
        .flat_map(|h| h.verdicts.iter().map(move |v| (h, v)));
    for ((h, v), place) in verdicts.zip(places.iter().map(Some).chain(std::iter::repeat(None))) {
        if v.outcome != Outcome::Dropped {
            continue;
        }
        let at = place
            .and_then(Option::as_ref)
            .map(|l| format!(" at {}:{}:{}", l.file, l.position.line, l.position.column))
            .unwrap_or_default();
        let _ = writeln!(out, "   - {}{at}", drop_text(estate, h, v));
        if let Some(fix) = fix_for(&h.component, &v.reason, fixes) {
            let _ = writeln!(out, "     fix: {fix}");
        }
    }
    out
}

/// The fix `check` gives for a blocking hop: the help of the connectivity finding on the target
/// that names the hop's NACL, security group, route table or peering; `None` when the rules
/// report nothing there (a source they do not count as a client of the endpoint).
fn fix_for(c: &Component, reason: &Reason, fixes: &[Finding]) -> Option<String> {
    let (rules, ids): (&[&str], Vec<String>) = match c {
        Component::Nacl { nacl: Some(n), .. } => (&["NET001"], vec![n.to_string()]),
        Component::Nacl { nacl: None, .. } | Component::SameSubnet { .. } => return None,
        Component::ClientGroups { groups } | Component::TargetGroups { groups } => (
            &["VPCE001"],
            groups.iter().map(ToString::to_string).collect(),
        ),
        Component::Route { table: Some(t), .. } => (&["VPCE001"], vec![t.to_string()]),
        Component::Route { table: None, .. } => return None,
        Component::Peering { pcx } => (&["VPCE001"], vec![pcx.to_string()]),
        // The gateway's table or attachment that drops it, as VPCE001 (a named client) or
        // DNS006 (a client the shared zone sends there) relates it.
        Component::TransitGateway { tgw, .. } => {
            let id = match reason {
                Reason::TgwAttachmentDown { attachment, .. }
                | Reason::TgwNotAssociated { attachment } => attachment.clone(),
                Reason::TgwNoRoute { table, .. } | Reason::TgwBlackhole { table, .. } => {
                    table.clone()
                }
                _ => tgw.to_string(),
            };
            (&["VPCE001", "DNS006"], vec![id])
        }
    };
    fixes
        .iter()
        .filter(|f| rules.contains(&f.rule.code) && !f.remedy.is_empty())
        .find(|f| f.related.iter().any(|r| ids.contains(&r.resource.id)))
        .map(|f| super::fix::render(&f.remedy))
}

/// A blocking hop in words: `NACL … : drops TCP 443 from … (entry #90 (deny))`.
fn drop_text(estate: &Estate, h: &Hop, v: &Verdict) -> String {
    format!(
        "{}: drops {} ({})",
        component(&h.component),
        v.render_packets(),
        reason(estate, &v.reason)
    )
}

fn blocking(hops: &[Hop]) -> Vec<(&Hop, &Verdict)> {
    hops.iter()
        .flat_map(|h| h.verdicts.iter().map(move |v| (h, v)))
        .filter(|(_, v)| v.outcome == Outcome::Dropped)
        .collect()
}

/// The component of a hop as data: its kind and the ids it names.
fn component_json(c: &Component) -> Value {
    match c {
        Component::ClientGroups { groups } => {
            json!({"kind": "source-security-groups", "groups": groups, "direction": "outbound"})
        }
        Component::SameSubnet { subnet } => json!({"kind": "same-subnet", "subnet": subnet}),
        Component::Nacl {
            nacl,
            subnet,
            egress,
            leg,
        } => json!({
            "kind": "network-acl",
            "id": nacl,
            "subnet": subnet,
            "direction": if *egress { "outbound" } else { "inbound" },
            "leg": leg.as_str(),
        }),
        Component::Route { subnet, table, leg } => json!({
            "kind": "route-table",
            "id": table,
            "subnet": subnet,
            "leg": leg.as_str(),
        }),
        Component::Peering { pcx } => json!({"kind": "vpc-peering-connection", "id": pcx}),
        Component::TransitGateway { tgw, leg } => {
            json!({"kind": "transit-gateway", "id": tgw, "leg": leg.as_str()})
        }
        Component::TargetGroups { groups } => {
            json!({"kind": "target-security-groups", "groups": groups, "direction": "inbound"})
        }
    }
}

/// The reason of a verdict as data: its kind and the entry, rule or route it names.
fn reason_json(r: &Reason) -> Value {
    match r {
        Reason::NaclEntry {
            nacl,
            index,
            rule_number,
            allow,
        } => json!({
            "kind": "nacl-entry",
            "nacl": nacl,
            "entry": index,
            "rule_number": rule_number,
            "action": if *allow { "allow" } else { "deny" },
        }),
        Reason::NaclDefaultDeny { nacl } => json!({"kind": "nacl-default-deny", "nacl": nacl}),
        Reason::NaclNotExported => json!({"kind": "nacl-not-in-input"}),
        Reason::SameSubnet => json!({"kind": "same-subnet"}),
        Reason::SgRule { sg, index, egress } => json!({
            "kind": "security-group-rule",
            "group": sg,
            "rule": index,
            "direction": if *egress { "outbound" } else { "inbound" },
        }),
        Reason::PrefixList {
            sg, index, list, ..
        } => json!({
            "kind": "prefix-list-not-in-input",
            "group": sg,
            "rule": index,
            "prefix_list": list,
        }),
        Reason::GroupNotExported { sg } => {
            json!({"kind": "security-group-not-in-input", "group": sg})
        }
        Reason::NoSgRule { groups, egress } => json!({
            "kind": "no-security-group-rule",
            "groups": groups,
            "direction": if *egress { "outbound" } else { "inbound" },
        }),
        Reason::Route { table, index } => json!({"kind": "route", "table": table, "route": index}),
        Reason::ImplicitLocal => json!({"kind": "implicit-local-route"}),
        Reason::NoRouteTable => json!({"kind": "route-table-not-in-input"}),
        Reason::NoRoute { table, dest } => {
            json!({"kind": "no-route", "table": table, "destination": dest.to_string()})
        }
        Reason::Blackhole { table, index } => {
            json!({"kind": "blackhole-route", "table": table, "route": index})
        }
        Reason::RouteElsewhere { table, index } => {
            json!({"kind": "route-elsewhere", "table": table, "route": index})
        }
        Reason::PeeringNotActive { pcx, status } => {
            json!({"kind": "peering-not-active", "peering": pcx, "status": status})
        }
        Reason::PeeringActive { pcx } => json!({"kind": "peering-active", "peering": pcx}),
        other => super::transit::reason_json(other).unwrap_or(Value::Null),
    }
}

/// Where the entry, rule or route behind a verdict was read, or the resource that lacks it.
fn reason_spot(estate: &Estate, r: &Reason) -> Option<Spot> {
    match r {
        Reason::NaclEntry { nacl, index, .. } => {
            let n = estate.nacls.get(nacl)?;
            let e = n.entries.get(*index)?;
            Some(Spot::value(&n.origin.path(&e.rel)))
        }
        Reason::NaclDefaultDeny { nacl } => {
            let n = estate.nacls.get(nacl)?;
            Some(Spot::member(&n.origin, "Entries"))
        }
        Reason::SgRule { sg, index, egress }
        | Reason::PrefixList {
            sg, index, egress, ..
        } => {
            let g = estate.security_groups.get(sg)?;
            let rules = if *egress { &g.egress } else { &g.ingress };
            Some(Spot::value(&g.origin.path(&rules.get(*index)?.rel)))
        }
        Reason::NoSgRule { groups, egress } => {
            let g = estate.security_groups.get(groups.first()?)?;
            let key = if *egress {
                "IpPermissionsEgress"
            } else {
                "IpPermissions"
            };
            Some(Spot::member(&g.origin, key))
        }
        Reason::Route { table, index }
        | Reason::Blackhole { table, index }
        | Reason::RouteElsewhere { table, index } => {
            let t = estate.route_tables.get(table)?;
            Some(Spot::value(&t.origin.path(&t.routes.get(*index)?.rel)))
        }
        Reason::NoRoute { table, .. } => {
            let t = estate.route_tables.get(table)?;
            Some(Spot::member(&t.origin, "Routes"))
        }
        Reason::PeeringNotActive { pcx, .. } | Reason::PeeringActive { pcx } => {
            let p = estate.peerings.get(pcx)?;
            Some(Spot::member(&p.origin, "Status"))
        }
        Reason::GroupNotExported { .. }
        | Reason::NaclNotExported
        | Reason::SameSubnet
        | Reason::ImplicitLocal
        | Reason::NoRouteTable => None,
        other => crate::rules::transit::reason_spot(estate, other),
    }
}

/// The places of each path's verdicts, in verdict order, resolved in one pass over their files.
fn places(estate: &Estate, sources: &SourceMap, r: &Reach) -> Vec<Vec<Option<Location>>> {
    let spots: Vec<Vec<Option<Spot>>> = r
        .paths
        .iter()
        .map(|p| {
            p.trace
                .hops
                .iter()
                .flat_map(|h| &h.verdicts)
                .map(|v| reason_spot(estate, &v.reason))
                .collect()
        })
        .collect();
    let requests: Vec<_> = spots
        .iter()
        .flatten()
        .flatten()
        .map(|s| (s.file, s.target.clone()))
        .collect();
    let mut resolved = sources.resolve(&requests).into_iter();
    spots
        .iter()
        .map(|path| {
            path.iter()
                .map(|s| {
                    let s = s.as_ref()?;
                    let at = resolved.next().flatten()?;
                    Some(Location {
                        file: sources.path(s.file).display().to_string(),
                        position: at.position,
                        pointer: s.target.pointer.to_string(),
                        inner: None,
                    })
                })
                .collect()
        })
        .collect()
}

/// The JSON rendering (`--format json`).
pub fn render_reach_json(
    estate: &Estate,
    sources: &SourceMap,
    from: &str,
    r: &Reach,
    fixes: &[Finding],
) -> String {
    let word = |v: ReachVerdict| verdict_word(v).to_ascii_lowercase();
    let places = places(estate, sources, r);
    let paths: Vec<Value> = r
        .paths
        .iter()
        .zip(&places)
        .map(|(p, places)| {
            let mut places = places.iter();
            let v = path_verdict(p);
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
                                "reason": reason_json(&v.reason),
                                "text": reason(estate, &v.reason),
                                "place": places.next().and_then(Option::as_ref).map(super::json::location),
                            })
                        })
                        .collect();
                    json!({
                        "component": component_json(&h.component),
                        "text": component(&h.component),
                        "verdicts": verdicts,
                    })
                })
                .collect();
            let blocked_by: Vec<Value> = blocking(&p.trace.hops)
                .into_iter()
                .map(|(h, v)| {
                    json!({
                        "component": component_json(&h.component),
                        "reason": reason_json(&v.reason),
                        "packets": v.render_packets(),
                        "text": drop_text(estate, h, v),
                        "fix": fix_for(&h.component, &v.reason, fixes),
                    })
                })
                .collect();
            json!({
                "source": p.source,
                "interface": p.interface,
                "subnet": p.subnet,
                "availability_zone": p.az,
                "verdict": word(v),
                // Nothing delivered is `null`, not an empty description.
                "delivered": Some(p.trace.delivered.render()).filter(|d| !d.is_empty()),
                "hops": hops,
                "blocked_by": blocked_by,
            })
        })
        .collect();
    let resolution = r.lookup.as_ref().map(|l| {
        let steps: Vec<Value> = l
            .steps
            .iter()
            .zip(step_places(sources, l))
            .map(|(s, at)| json!({"text": s.text, "place": at.as_ref().map(super::json::location)}))
            .collect();
        json!({
            "name": l.name,
            "vpc": l.vpc,
            "answer": answer_kind(&l.answer),
            "endpoint": match &l.answer {
                NameAnswer::Endpoint(ep) => Some(ep),
                _ => None,
            },
            "custom_name_servers": l.custom_servers,
            "steps": steps,
        })
    });
    let doc = json!({
        "version": 1,
        "verdict": word(r.verdict()),
        "from": from,
        "to": r.lookup.as_ref().map_or(&r.target, |l| &l.name),
        "resolution": resolution,
        "gateway": r.gateway.as_ref().map(|g| gateway_json(estate, sources, g)),
        "service": r.service,
        "protocol": protocol_word(r.protocol),
        "ports": Some(r.ports.render()).filter(|_| !r.ports.is_empty()),
        "paths": paths,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
