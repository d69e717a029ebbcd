//! VPCE001 `endpoint-port-blocked`.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::finding::remedy::{Peers, Route};
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{Estate, RouteTarget, SgId, VpcId};
use crate::net::{
    AddrSet, ClientAccess, ClientKind, Component, EndpointAccess, Leg, Need, Network, Outcome,
    PacketSet, Reason, ServiceNeed,
};
use crate::rules::connectivity::{
    admit, client_drops, client_with, fix_blocks, group_ref, groups_phrase, item_origin, list,
    sg_layer, sg_ref, sg_rules_spot, table_ref,
};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Clients that cannot reach an interface endpoint on its service's port (security groups or routes)
    ///
    /// ## What it does
    /// For every interface endpoint that is not being deleted, works out which traffic its service needs
    /// and who its clients are, then follows each client's requests to every endpoint interface and the
    /// replies back (see `vpclint reach`). It reports, naming the clients and the addresses concerned:
    ///
    /// - the endpoint's security groups admitting none of the service's traffic from some clients (a
    ///   client that gets part of a port range is `endpoint-port-range-incomplete`'s finding);
    /// - the clients' own security groups not letting the request out (for clients that are network
    ///   interfaces: members of a group the endpoint's rules name, or configured groups);
    /// - a route table with no route (or a blackhole, or a route elsewhere) between a peered client and
    ///   the endpoint, in either direction, and a peering that is not active.
    ///
    /// NACLs are `nacl-blocks-endpoint`'s. A part that only a prefix-list rule could admit is not
    /// reported: the export does not hold the list's entries.
    ///
    /// **The traffic.** TCP 443 for AWS services (`com.amazonaws.<region>.<service>`, `execute-api`
    /// included). For an endpoint service (`com.amazonaws.vpce.<region>.vpce-svc-…`): its `[[service]]`
    /// entry; else, when the provider's side is in the input, the ports its Network Load Balancers listen
    /// on (`NetworkLoadBalancerArns` of describe-vpc-endpoint-service-configurations, `Port` and
    /// `Protocol` of `aws elbv2 describe-listeners`: TCP, TLS and TCP_UDP listeners are TCP ports, UDP
    /// listeners UDP ports, used only when no listener is TCP). Otherwise the rule checks nothing for
    /// the endpoint rather than guess: `endpoint-service-ports-unknown` says so, once per service.
    ///
    /// **The clients.**
    /// - Every subnet of the endpoint's VPC (all its IPv4 and IPv6 blocks; IPv6 only when the endpoint
    ///   is `dualstack` or its interfaces have IPv6 addresses).
    /// - When the endpoint's groups admit a security group by reference, that group's members (network
    ///   interfaces, grouped per subnet) are the clients, and a subnet of the VPC is a client only where
    ///   a CIDR rule names it: a subnet-level complaint does not apply to members.
    /// - Subnets of VPCs peered through an active peering whose blocks a CIDR rule of the endpoint's
    ///   groups names (a rule that also covers the endpoint's own VPC says nothing about peers). A
    ///   peered VPC that merely routes to the endpoint is not a client: the endpoint's private DNS name
    ///   resolves only inside its own VPC.
    /// - The clients of `[[clients]]` entries that match the endpoint.
    ///
    /// ## Why is this bad?
    /// Interface endpoints fail closed: the SDK's TLS handshake to the endpoint's address times out, and
    /// with private DNS on there is no public fallback. The usual cause is a security group written for
    /// another port or for another block, or a peering without the route back.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
    ///   "ServiceName": "com.amazonaws.eu-west-1.secretsmanager", "State": "available",
    ///   "SubnetIds": ["subnet-a"], "Groups": [{"GroupId": "sg-1"}]}],
    ///  "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "IpPermissions": [
    ///   {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]}]}
    /// ```
    ///
    /// Use instead: admit the service's port from the clients:
    /// ```sh
    /// aws ec2 authorize-security-group-ingress --group-id sg-1 \
    ///   --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.0.0/16}]'
    /// ```
    ///
    /// ## Configuration
    /// ```toml
    /// [[service]]                       # the ports of an endpoint service (first match wins)
    /// name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"   # or a glob: "*vpce-svc-0123*"
    /// ports = ["10000-31000"]           # ports and ranges
    /// protocol = "tcp"                  # tcp (default) or udp
    ///
    /// [[clients]]                       # more clients of some endpoints
    /// endpoints = ["vpce-0a1b2c3d", "com.amazonaws.*.execute-api"]   # ids or service-name globs; all if absent
    /// cidrs = ["10.50.0.0/16"]          # subnets inside are clients; blocks outside every VPC are traced from outside
    /// subnets = ["subnet-0a1b2c3d"]
    /// security-groups = ["sg-0a1b2c3d"] # the group's members are clients
    /// ```
    /// A `[[service]]` entry also overrides the HTTPS default of an AWS service and the ports read from
    /// listeners.
    ///
    /// ## References
    /// - [Control access to VPC endpoints using security groups](https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#interface-endpoint-security-groups)
    /// - [Security group rules](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    /// - [Route tables for VPC peering](https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html)
    VPCE001 "endpoint-port-blocked" {
        category: Correctness,
        severity: Error,
        input: Access,
        check: check,
    }
}

/// Clients named in one message at most.
const SHOWN: usize = 6;

fn check(cx: &Context<'_>, network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    // Endpoints in parallel: this rule reads every client of every endpoint.
    access
        .par_iter()
        .flat_map_iter(|ea| match &ea.need {
            // Unknown ports are endpoint-service-ports-unknown's, said once per service.
            Need::Unknown => Vec::new(),
            Need::Known(need) => endpoint_groups(cx.estate, ea, need)
                .into_iter()
                .chain(client_groups(cx.estate, ea, need))
                .chain(routes(cx, network, ea))
                .collect(),
        })
        .collect()
}

/// Requested packets no rule of the endpoint's groups admits, for clients that get none of
/// the service: a client that gets part of a port range is endpoint-port-range-incomplete's.
fn endpoint_groups(
    estate: &Estate,
    ea: &EndpointAccess<'_>,
    need: &ServiceNeed,
) -> Option<Finding> {
    let ep = ea.endpoint;
    let mut blocked: Vec<(&ClientAccess<'_>, PacketSet)> = Vec::new();
    let mut total = 0;
    for c in &ea.clients {
        if c.interfaces.is_empty() {
            continue;
        }
        total += 1;
        let drops = client_drops(c, |k| matches!(k, Component::TargetGroups { .. }));
        if drops.is_empty() {
            continue;
        }
        let (admitted, _) = sg_layer(c, need);
        let none = c.client.addrs.minus(&admitted.addrs());
        let b = drops.restrict(&none);
        if !b.is_empty() {
            blocked.push((c, b));
        }
    }
    if blocked.is_empty() {
        return None;
    }
    let entries: Vec<String> = blocked
        .iter()
        .map(|(c, b)| client_with(c, &b.addrs()))
        .collect();
    let scope = if blocked.len() == total {
        if total == 1 {
            "its only client".to_owned()
        } else {
            format!("any of its {total} clients")
        }
    } else {
        format!("{} of its {total} clients", blocked.len())
    };
    let verb = if ep.groups.len() == 1 { "does" } else { "do" };
    let message = format!(
        "{} of interface endpoint {} {verb} not admit {} from {scope}: {}",
        groups_phrase(&ep.groups),
        refs::describe(ep),
        need.render(),
        list(&entries, SHOWN)
    );
    // The fix: the blocked blocks (the VPC's, when every subnet of it is blocked), and the
    // groups whose members are blocked.
    let addrs = blocked
        .iter()
        .filter(|(c, _)| !matches!(c.client.kind, ClientKind::Members { .. }))
        .fold(AddrSet::default(), |acc, (_, b)| {
            crate::net::packets::Lattice::union(&acc, &b.addrs())
        });
    let mut member_groups: Vec<&SgId> = blocked
        .iter()
        .filter_map(|(c, _)| match &c.client.kind {
            ClientKind::Members { group, .. } => Some(group),
            _ => None,
        })
        .collect();
    member_groups.dedup();
    let group = ep.groups.first();
    let mut cmds = Vec::new();
    if !addrs.is_empty() {
        let blocks = fix_blocks(ea, estate, &addrs);
        cmds.push(Action::Authorize(admit(
            estate,
            group,
            false,
            need.protocol,
            &need.ports,
            Peers::Blocks(blocks),
        )));
    }
    for g in member_groups {
        cmds.push(Action::Authorize(admit(
            estate,
            group,
            false,
            need.protocol,
            &need.ports,
            Peers::Group(Some(group_ref(estate, g))),
        )));
    }
    let groups: Vec<_> = ep
        .groups
        .iter()
        .filter_map(|g| estate.security_groups.get(g))
        .collect();
    let spot = match groups.as_slice() {
        [g] => sg_rules_spot(g, false),
        _ => None,
    }
    .unwrap_or_else(|| Spot::member(&ep.origin, "Groups"));
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(
            spot,
            format!("no rule admits {} from these clients", need.render()),
        )
        .remedy(
            Remedy::say(format!(
                "Allow {} from the clients on the endpoint's security group: ",
                need.render()
            ))
            .then_all(cmds, " and "),
        );
    for g in groups {
        f = f.related(
            sg_ref(g),
            sg_rules_spot(g, false),
            "security group of the endpoint",
        );
    }
    Some(f)
}

/// Members whose own groups do not let the request out.
fn client_groups(estate: &Estate, ea: &EndpointAccess<'_>, need: &ServiceNeed) -> Vec<Finding> {
    let ep = ea.endpoint;
    let mut by_groups: BTreeMap<&[SgId], Vec<(&ClientAccess<'_>, PacketSet)>> = BTreeMap::new();
    for c in &ea.clients {
        let drops = client_drops(c, |k| matches!(k, Component::ClientGroups { .. }));
        if !drops.is_empty() {
            by_groups
                .entry(c.client.groups.as_slice())
                .or_default()
                .push((c, drops));
        }
    }
    let mut out = Vec::new();
    for (groups, blocked) in by_groups {
        let entries: Vec<String> = blocked
            .iter()
            .map(|(c, b)| client_with(c, &b.addrs()))
            .collect();
        let verb = if groups.len() == 1 { "does" } else { "do" };
        let message = format!(
            "{} of clients of interface endpoint {} {verb} not allow {} out to it: {}",
            groups_phrase(groups),
            refs::describe(ep),
            need.render(),
            list(&entries, SHOWN)
        );
        let target = ep.groups.first().map(|g| group_ref(estate, g));
        let help = Remedy::say(format!(
            "Allow {} out to the endpoint's security group: ",
            need.render()
        ))
        .then(Action::Authorize(admit(
            estate,
            groups.first(),
            true,
            need.protocol,
            &need.ports,
            Peers::Group(target),
        )));
        let sgs: Vec<_> = groups
            .iter()
            .filter_map(|g| estate.security_groups.get(g))
            .collect();
        let spot = sgs
            .first()
            .and_then(|g| sg_rules_spot(g, true))
            .unwrap_or_else(|| Spot::member(&ep.origin, "Groups"));
        let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
            .at(spot, format!("no outbound rule allows {}", need.render()))
            .remedy(help);
        for g in sgs {
            f = f.related(
                sg_ref(g),
                sg_rules_spot(g, true),
                "security group of the clients",
            );
        }
        out.push(f);
    }
    out
}

/// What a dropped route verdict is about: its table or peering, the leg, the reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RouteKey {
    reason: Reason,
    leg: Leg,
}

/// Clients whose traffic a route table or a peering drops, one finding per cause.
fn routes(cx: &Context<'_>, network: &Network<'_>, ea: &EndpointAccess<'_>) -> Vec<Finding> {
    let ep = ea.endpoint;
    let estate = cx.estate;
    let mut causes: BTreeMap<RouteKey, Vec<(&ClientAccess<'_>, AddrSet)>> = BTreeMap::new();
    for c in &ea.clients {
        for i in &c.interfaces {
            for h in &i.problems {
                let leg = match &h.component {
                    Component::Route { leg, .. } => *leg,
                    Component::Peering { .. } => Leg::Request,
                    Component::TransitGateway { leg, .. } => *leg,
                    _ => continue,
                };
                for v in h.verdicts.iter().filter(|v| v.outcome == Outcome::Dropped) {
                    // Destinations collapse per table: a missing route for the whole subnet.
                    let reason = match &v.reason {
                        Reason::NoRoute { table, .. } => Reason::NoRoute {
                            table: table.clone(),
                            dest: ipnet::IpNet::V4(ipnet::Ipv4Net::default()),
                        },
                        r => r.clone(),
                    };
                    let entry = causes.entry(RouteKey { reason, leg }).or_default();
                    let dest = v.packets.addrs();
                    match entry.iter_mut().find(|(x, _)| std::ptr::eq(*x, c)) {
                        Some((_, a)) => *a = crate::net::packets::Lattice::union(a, &dest),
                        None => entry.push((c, dest)),
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (key, clients) in causes {
        let entries: Vec<String> = clients
            .iter()
            .map(|(c, _)| client_with(c, &c.client.addrs))
            .collect();
        let dests = clients.iter().fold(AddrSet::default(), |acc, (_, d)| {
            crate::net::packets::Lattice::union(&acc, d)
        });
        let client_vpc: Option<&VpcId> = clients
            .first()
            .and_then(|(c, _)| c.client.subnet)
            .map(|s| &s.vpc_id);
        let via = client_vpc
            .and_then(|v| crate::rules::transit::link_between(network, &ep.vpc_id, v));
        let desc = refs::describe(ep);
        let what = match key.leg {
            Leg::Request => format!(
                "requests from {} to interface endpoint {desc}",
                list(&entries, SHOWN)
            ),
            Leg::Return => format!(
                "replies from interface endpoint {desc} to {}",
                list(&entries, SHOWN)
            ),
        };
        let (message, help, spot, related) = match &key.reason {
            Reason::NoRoute { table, .. }
            | Reason::Blackhole { table, .. }
            | Reason::RouteElsewhere { table, .. } => {
                let Some(t) = estate.route_tables.get(table) else {
                    continue;
                };
                // The fix routes to the far VPC's blocks that hold the destinations.
                let far_vpc = match key.leg {
                    Leg::Request => Some(&ep.vpc_id),
                    Leg::Return => client_vpc,
                };
                let far = far_vpc
                    .and_then(|v| estate.vpcs.get(v))
                    .map(|v| {
                        v.cidrs
                            .iter()
                            .filter(|c| dests.overlaps(&AddrSet::net(&c.block)))
                            .map(|c| c.block)
                            .collect::<Vec<_>>()
                    })
                    .filter(|b| !b.is_empty())
                    .unwrap_or_else(|| dests.blocks());
                let blocks: Vec<String> = far.iter().map(|b| format!("`{b}`")).collect();
                // A local route for the far VPC's block means the two VPCs overlap: no route
                // through the peering can win over it, so only renumbering fixes the path.
                let mut overlap = None;
                let (problem, replace, index) = match &key.reason {
                    Reason::NoRoute { .. } => (
                        format!(
                            "Route table `{table}` has no route to {}",
                            blocks.join(", ")
                        ),
                        false,
                        None,
                    ),
                    Reason::Blackhole { index, .. } => (
                        format!(
                            "Route table `{table}` sends {} to a blackhole",
                            blocks.join(", ")
                        ),
                        true,
                        Some(*index),
                    ),
                    Reason::RouteElsewhere { index, .. } => {
                        let target = t
                            .routes
                            .get(*index)
                            .map(|r| match &r.target {
                                RouteTarget::Local => {
                                    overlap = Some(format!(
                                        "{} is a CIDR of `{}` itself as well as of the peered VPC `{}`, so the traffic stays in `{}` and no route can send it across the peering: take the overlapping block off one of the VPCs (see the peering-cidr-overlap finding) or create an endpoint for the service in `{}`",
                                        blocks.join(", "),
                                        t.vpc_id,
                                        far_vpc.map_or_else(String::new, ToString::to_string),
                                        t.vpc_id,
                                        t.vpc_id
                                    ));
                                    "local".to_owned()
                                }
                                other => other.id().to_owned(),
                            })
                            .unwrap_or_default();
                        (
                            format!(
                                "Route table `{table}` sends {} to `{target}`",
                                blocks.join(", ")
                            ),
                            true,
                            Some(*index),
                        )
                    }
                    _ => continue,
                };
                let routes = far.iter().map(|b| {
                    Action::Route(Route {
                        table: table_ref(t),
                        replace,
                        destination: *b,
                        via: via.clone(),
                    })
                });
                let say = match via {
                    Some(crate::finding::remedy::RouteVia::TransitGateway(_)) => {
                        "Route them through the transit gateway: "
                    }
                    _ => "Route them through the peering: ",
                };
                let spot = match index.and_then(|i| t.routes.get(i)) {
                    Some(r) => Spot::value(&item_origin(&t.origin, &r.rel)),
                    None => Spot::member(&t.origin, "Routes"),
                };
                (
                    format!("{problem}, so {what} are dropped"),
                    overlap.map_or_else(
                        || Remedy::say(say).then_all(routes, " and "),
                        Remedy::say,
                    ),
                    spot,
                    Some((table_ref(t), Spot::value(&t.origin))),
                )
            }
            Reason::PeeringNotActive { pcx, status } => {
                let Some(p) = estate.peerings.get(pcx) else {
                    continue;
                };
                let help = if status.eq_ignore_ascii_case("pending-acceptance") {
                    Remedy::say("Accept the peering in the accepter's account: ")
                        .then(Action::AcceptPeering {
                            peering: refs::peering(p),
                        })
                } else {
                    Remedy::say(format!(
                        "Create a new peering between `{}` and `{}` and route through it: ",
                        p.requester.vpc_id, p.accepter.vpc_id
                    ))
                    .then(Action::CreatePeering {
                        vpc: p.requester.vpc_id.to_string(),
                        peer: p.accepter.vpc_id.to_string(),
                    })
                };
                (
                    format!(
                        "Peering `{pcx}` is `{status}`, so requests from {} to interface endpoint {desc} are dropped",
                        list(&entries, SHOWN)
                    ),
                    help,
                    Spot::member(&p.origin, "Status"),
                    Some((refs::peering(p), Spot::value(&p.origin))),
                )
            }
            reason => {
                let Some(tgw) = crate::rules::transit::reason_tgw(estate, reason) else {
                    continue;
                };
                let far_vpc = match key.leg {
                    Leg::Request => Some(&ep.vpc_id),
                    Leg::Return => client_vpc,
                };
                let Some(far_vpc) = far_vpc else {
                    continue;
                };
                let far: Vec<ipnet::IpNet> = estate
                    .vpcs
                    .get(far_vpc)
                    .map(|v| v.cidrs.iter().map(|c| c.block).collect())
                    .unwrap_or_default();
                let (Some(help), Some(spot)) = (
                    crate::rules::transit::remedy(estate, &tgw, reason, far_vpc, &far),
                    crate::rules::transit::reason_spot(estate, reason),
                ) else {
                    continue;
                };
                let words = crate::net::transit_words(estate, reason).unwrap_or_default();
                (
                    format!("Transit gateway `{tgw}` drops {what}: {words}"),
                    help,
                    spot.clone(),
                    Some((
                        crate::rules::transit::reason_resource(estate, &tgw, reason),
                        spot,
                    )),
                )
            }
        };
        let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
            .at(spot, "no usable route")
            .remedy(help);
        if let Some((r, s)) = related {
            f = f.related(r, Some(s), "on the path");
        }
        out.push(f);
    }
    out
}
