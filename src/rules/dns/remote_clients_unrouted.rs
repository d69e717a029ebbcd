//! DNS006 `remote-clients-unrouted`.

use std::collections::BTreeMap;

use crate::finding::remedy::{Peers, Route};
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{
    Estate, HostedZone, Subnet, SubnetId, VpcEndpoint, VpcId,
};
use crate::net::resolve::{Answer, Resolver};
use crate::net::{
    AddrSet, Component, EndpointAccess, Leg, Network, Outcome, Reach, ReachVerdict, Reason,
};
use crate::rules::connectivity::{admit, item_origin, list, table_ref, vpc_cover};
use crate::rules::placement::Workloads;
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// A VPC that resolves a service's name to a remote endpoint through a shared zone, but whose subnets cannot reach it
    ///
    /// ## What it does
    /// Follows every private hosted zone record that leads to an interface endpoint (an alias to one of
    /// its DNS names, a CNAME to one, or its addresses) into each other VPC associated with the zone. Where
    /// that VPC's resolver does answer the name with the endpoint (no Resolver rule or more specific zone
    /// wins), its subnets with workloads (network interfaces other than those of endpoints and load
    /// balancers; every subnet when the input lists none of the VPC's interfaces) are the endpoint's
    /// clients: each is traced to the endpoint's interfaces on the service's port, both ways, as
    /// `vpclint reach` does. The rule reports the VPC with each subnet that is dropped and the hop that
    /// drops it: no route (or a blackhole, or a route elsewhere) in either direction, a peering that is
    /// not active, the endpoint's security groups, a NACL.
    ///
    /// Subnets that `endpoint-port-blocked` and `nacl-blocks-endpoint` already count as the endpoint's
    /// clients (peered VPCs that a CIDR rule of its groups names) are theirs: reported once, there. An
    /// endpoint whose service ports are unknown is `endpoint-service-ports-unknown`'s.
    ///
    /// ## Why is this bad?
    /// Sharing the zone is the intent: the spoke's clients now get the hub endpoint's private addresses
    /// for the service, and nothing else. If the path is not there, every SDK call from the spoke times
    /// out; there is no fallback to the public endpoint, as there would be with no zone at all.
    ///
    /// ## Example
    /// A hub SQS endpoint with private DNS off, a private zone `sqs.eu-west-1.amazonaws.com` aliased to it
    /// and associated with the hub and spoke `vpc-payments`, whose route table has no route to the hub's
    /// `10.50.0.0/16`.
    ///
    /// Use instead: route the hub's block through the peering (or transit gateway) in the spoke's table,
    /// and the spoke's block back in the hub's; admit the spoke's block on the service's port in the
    /// endpoint's security group.
    ///
    /// ## References
    /// - [Centralized access to VPC private endpoints](https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html)
    /// - [Route tables for VPC peering](https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html)
    DNS006 "remote-clients-unrouted" {
        category: Correctness,
        severity: Warning,
        input: Access,
        check: check,
    }
}

/// Subnets named in one message at most.
const SHOWN: usize = 6;

/// Where a shared zone leads a VPC: the endpoint, the zone and the name.
struct Shared<'e> {
    endpoint: &'e VpcEndpoint,
    zone: &'e HostedZone,
    name: String,
}

fn check(cx: &Context<'_>, network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    let estate = cx.estate;
    if estate.hosted_zones.is_empty() {
        return Vec::new();
    }
    let shared = shared_zone_vpcs(estate);
    if shared.is_empty() {
        return Vec::new();
    }
    let workloads = Workloads::new(estate);
    let mut out = Vec::new();
    for ((_, vpc), s) in &shared {
        let Some(ea) = access.iter().find(|a| a.endpoint.id == s.endpoint.id) else {
            continue;
        };
        if matches!(ea.need, crate::net::Need::Unknown) {
            continue;
        }
        let clients = workloads.clients(estate, vpc);
        let mut blocked: Vec<(&Subnet, Block)> = Vec::new();
        let mut traced = 0;
        for subnet in clients.subnets {
            if is_checked_client(ea, &subnet.id) {
                continue;
            }
            traced += 1;
            let Ok(reach) = network.reach(
                subnet.id.as_str(),
                s.endpoint.id.as_str(),
                None,
                None,
                cx.reach,
            ) else {
                continue;
            };
            if let Some(b) = first_block(&reach) {
                blocked.push((subnet, b));
            }
        }
        if !blocked.is_empty() {
            let counted = Counted {
                blocked: &blocked,
                traced,
                every_subnet: clients.every_subnet,
            };
            out.push(finding(estate, network, ea, vpc, s, &counted));
        }
    }
    out
}

/// Every (endpoint, VPC) pair where a private zone associated with the VPC answers the
/// endpoint's name with the endpoint, outside the endpoint's own VPC; the first name and zone
/// found for each pair, in id order.
fn shared_zone_vpcs(estate: &Estate) -> BTreeMap<(&crate::model::VpceId, &VpcId), Shared<'_>> {
    let resolver = Resolver::new(estate);
    let mut out: BTreeMap<(&crate::model::VpceId, &VpcId), Shared<'_>> = BTreeMap::new();
    let mut zones: Vec<&HostedZone> = estate.hosted_zones.values().filter(|z| z.private).collect();
    zones.sort_by(|a, b| a.id.cmp(&b.id));
    for zone in zones {
        let (Some(vpcs), Some(records)) = (&zone.vpcs, estate.zone_records.get(&zone.id)) else {
            continue;
        };
        for record in records.records.iter().filter(|r| r.answers_addresses()) {
            let Some(ep) = resolver.record_endpoint(record) else {
                continue;
            };
            if !refs::is_live_interface(ep) {
                continue;
            }
            // A wildcard record answers the names below it: ask for one of them.
            let probe = record
                .name
                .strip_prefix("*.")
                .map_or_else(|| record.name.clone(), |d| format!("example.{d}"));
            for zv in vpcs {
                if zv.vpc_id == ep.vpc_id || out.contains_key(&(&ep.id, &zv.vpc_id)) {
                    continue;
                }
                let answer = resolver.resolve(&zv.vpc_id, &probe).answer;
                if matches!(answer, Answer::ZoneEndpoint { endpoint, .. } if endpoint.id == ep.id)
                {
                    out.insert(
                        (&ep.id, &zv.vpc_id),
                        Shared {
                            endpoint: ep,
                            zone,
                            name: record.name.clone(),
                        },
                    );
                }
            }
        }
    }
    out
}

/// Whether the connectivity rules already trace `subnet` as a client of the endpoint.
fn is_checked_client(ea: &EndpointAccess<'_>, subnet: &SubnetId) -> bool {
    ea.clients
        .iter()
        .any(|c| c.client.subnet.is_some_and(|s| &s.id == subnet))
}

/// The first hop that drops a subnet's traffic to the endpoint, on the first blocked path.
struct Block {
    component: Component,
    reason: Reason,
}

fn first_block(reach: &Reach) -> Option<Block> {
    if reach.verdict() != ReachVerdict::Blocked {
        return None;
    }
    reach
        .paths
        .iter()
        .flat_map(|p| &p.trace.hops)
        .flat_map(|h| h.verdicts.iter().map(move |v| (h, v)))
        .find(|(_, v)| v.outcome == Outcome::Dropped)
        .map(|(h, v)| Block {
            component: h.component.clone(),
            reason: v.reason.clone(),
        })
}

/// The hop in words, for the list of subnets; a reply's hop says so.
fn block_words(estate: &Estate, b: &Block) -> String {
    let words = hop_words(estate, b);
    match &b.component {
        Component::Route {
            leg: Leg::Return, ..
        }
        | Component::Nacl {
            leg: Leg::Return, ..
        }
        | Component::TransitGateway {
            leg: Leg::Return, ..
        } => format!("replies: {words}"),
        _ => words,
    }
}

fn hop_words(estate: &Estate, b: &Block) -> String {
    match (&b.component, &b.reason) {
        (Component::Route { table: Some(t), .. }, Reason::NoRoute { dest, .. }) => {
            format!("no route in `{t}` covers {dest}")
        }
        (Component::Route { table: Some(t), .. }, Reason::Blackhole { .. }) => {
            format!("a blackhole route in `{t}`")
        }
        (Component::Route { table: Some(t), .. }, Reason::RouteElsewhere { index, .. }) => {
            let target = estate
                .route_tables
                .get(t)
                .and_then(|rt| rt.routes.get(*index))
                .map(|r| r.target.id().to_owned())
                .unwrap_or_default();
            format!("`{t}` routes it to `{target}`")
        }
        (Component::Route { table, .. }, _) => match table {
            Some(t) => format!("route table `{t}`"),
            None => "no route table in the input".to_owned(),
        },
        (_, Reason::PeeringNotActive { pcx, status }) => format!("peering `{pcx}` is `{status}`"),
        (Component::TransitGateway { .. }, r) => crate::net::transit_words(estate, r)
            .unwrap_or_else(|| "the transit gateway".to_owned()),
        (Component::TargetGroups { groups }, _) => format!(
            "the endpoint's security groups {} do not admit it",
            ids(groups)
        ),
        (Component::ClientGroups { groups }, _) => {
            format!("its security groups {} do not let it out", ids(groups))
        }
        (Component::Nacl { nacl, subnet, .. }, Reason::NaclEntry { rule_number, .. }) => {
            match nacl {
                Some(n) => format!("entry #{rule_number} of NACL `{n}` of `{subnet}`"),
                None => format!("the NACL of `{subnet}`"),
            }
        }
        (Component::Nacl { nacl, subnet, .. }, _) => match nacl {
            Some(n) => format!("NACL `{n}` of `{subnet}` (no entry allows it)"),
            None => format!("the NACL of `{subnet}`"),
        },
        (Component::Peering { pcx }, _) => format!("peering `{pcx}`"),
        (Component::SameSubnet { subnet }, _) => format!("subnet `{subnet}`"),
    }
}

fn ids<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The blocked subnets of a VPC, and how many were traced.
struct Counted<'a, 'e> {
    blocked: &'a [(&'e Subnet, Block)],
    traced: usize,
    every_subnet: bool,
}

impl Counted<'_, '_> {
    /// `its subnet with workloads cannot`, `2 of its 3 subnets cannot`, …
    fn phrase(&self) -> String {
        let what = if self.every_subnet {
            "subnet"
        } else {
            "subnet with workloads"
        };
        let whats = if self.every_subnet {
            "subnets"
        } else {
            "subnets with workloads"
        };
        match (self.blocked.len(), self.traced) {
            (_, 1) => format!("its {what} cannot"),
            (n, m) if n == m => format!("none of its {m} {whats} can"),
            (n, m) => format!("{n} of its {m} {whats} cannot"),
        }
    }
}

fn finding(
    estate: &Estate,
    network: &Network<'_>,
    ea: &EndpointAccess<'_>,
    vpc: &VpcId,
    s: &Shared<'_>,
    counted: &Counted<'_, '_>,
) -> Finding {
    let ep = s.endpoint;
    let blocked = counted.blocked;
    let listed: Vec<String> = blocked
        .iter()
        .map(|(sub, b)| format!("`{}` ({})", sub.id, block_words(estate, b)))
        .collect();
    let message = format!(
        "VPC `{vpc}` resolves `{}` to interface endpoint {} through private hosted zone `{}`, but {} reach it: {}",
        s.name,
        refs::describe(ep),
        s.zone.id,
        counted.phrase(),
        list(&listed, SHOWN)
    );
    let (resource, spot) = refs::vpc_by_id(estate, vpc);
    let mut f = Finding::new(&RULE, resource, message)
        .related(
            refs::endpoint(ep),
            Some(Spot::value(&ep.origin)),
            "the endpoint the zone leads to",
        )
        .key(format!("{}/{}", ep.id, s.name));
    if let Some(spot) = spot {
        f = f.at(spot, "resolves the name to the endpoint");
    }
    if let Some(zv) = s
        .zone
        .vpcs
        .iter()
        .flatten()
        .find(|zv| &zv.vpc_id == vpc)
    {
        f = f.related(
            refs::zone(s.zone),
            Some(Spot::value(&zv.origin)),
            "the zone's association with the VPC",
        );
    }
    let mut remedy: Option<Remedy> = None;
    let mut seen: Vec<String> = Vec::new();
    for (sub, b) in blocked {
        let Some((related, fix)) = fix(estate, network, ea, vpc, sub, b) else {
            continue;
        };
        // Subnets of one VPC share most fixes (one route table, the endpoint's group).
        let key = format!("{:?}", fix.pieces);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if let Some((r, spot, label)) = related {
            f = f.related(r, Some(spot), label);
        }
        remedy = Some(match remedy {
            None => fix,
            Some(r) => {
                let mut r = r.then_say("; ");
                r.pieces.extend(fix.pieces);
                r
            }
        });
    }
    match remedy {
        Some(r) => f.remedy(r),
        None => f,
    }
}

/// The resource to name and the fix for one blocking hop; `None` for a hop without one (a
/// route table or NACL the input lacks).
#[allow(clippy::type_complexity)]
fn fix(
    estate: &Estate,
    network: &Network<'_>,
    ea: &EndpointAccess<'_>,
    vpc: &VpcId,
    subnet: &Subnet,
    b: &Block,
) -> Option<(
    Option<(crate::finding::ResourceRef, Spot, &'static str)>,
    Remedy,
)> {
    let ep = ea.endpoint;
    let client_blocks = vpc_cover(estate, &AddrSet::nets(&crate::net::subnet_blocks(subnet)));
    match (&b.component, &b.reason) {
        (Component::Route { table: Some(t), leg, .. }, reason) => {
            let table = estate.route_tables.get(t)?;
            let far = match leg {
                Leg::Request => &ep.vpc_id,
                Leg::Return => vpc,
            };
            let destinations = estate
                .vpcs
                .get(far)
                .map(|v| v.cidrs.iter().map(|c| c.block).collect::<Vec<_>>())
                .unwrap_or_default();
            let via = crate::rules::transit::link_between(network, &table.vpc_id, far);
            let (replace, spot) = match reason {
                Reason::Blackhole { index, .. } | Reason::RouteElsewhere { index, .. } => (
                    true,
                    table
                        .routes
                        .get(*index)
                        .map(|r| Spot::value(&item_origin(&table.origin, &r.rel))),
                ),
                _ => (false, None),
            };
            let routes = destinations.into_iter().map(|destination| {
                Action::Route(Route {
                    table: table_ref(table),
                    replace,
                    destination,
                    via: via.clone(),
                })
            });
            let say = match via {
                Some(crate::finding::remedy::RouteVia::Peering(_)) => {
                    "Route it through the peering: "
                }
                Some(crate::finding::remedy::RouteVia::TransitGateway(_)) => {
                    "Route it through the transit gateway: "
                }
                None => "Route it through the peering or transit gateway that joins the VPCs: ",
            };
            Some((
                Some((
                    table_ref(table),
                    spot.unwrap_or_else(|| Spot::member(&table.origin, "Routes")),
                    "the route table without the route",
                )),
                Remedy::say(say).then_all(routes, " and "),
            ))
        }
        (_, Reason::PeeringNotActive { pcx, .. }) => {
            let p = estate.peerings.get(pcx)?;
            Some((
                Some((
                    refs::peering(p),
                    Spot::member(&p.origin, "Status"),
                    "the peering",
                )),
                Remedy::say("Accept the peering in the accepter's account: ").then(
                    Action::AcceptPeering {
                        peering: refs::peering(p),
                    },
                ),
            ))
        }
        (Component::TargetGroups { groups }, _) => {
            let crate::net::Need::Known(need) = &ea.need else {
                return None;
            };
            let group = groups.first()?;
            let g = estate.security_groups.get(group)?;
            Some((
                Some((
                    crate::rules::connectivity::sg_ref(g),
                    Spot::value(&g.origin),
                    "the endpoint's security group",
                )),
                Remedy::say("Admit the VPC in the endpoint's security group: ").then(
                    Action::Authorize(admit(
                        estate,
                        Some(group),
                        false,
                        need.protocol,
                        &need.ports,
                        Peers::Blocks(client_blocks),
                    )),
                ),
            ))
        }
        (Component::TransitGateway { tgw, leg }, reason) => {
            let far = match leg {
                Leg::Request => &ep.vpc_id,
                Leg::Return => vpc,
            };
            let blocks: Vec<ipnet::IpNet> = estate
                .vpcs
                .get(far)
                .map(|v| v.cidrs.iter().map(|c| c.block).collect())
                .unwrap_or_default();
            let remedy = crate::rules::transit::remedy(estate, tgw, reason, far, &blocks)?;
            let related = crate::rules::transit::reason_spot(estate, reason).map(|spot| {
                (
                    crate::rules::transit::reason_resource(estate, tgw, reason),
                    spot,
                    "the transit gateway hop that drops it",
                )
            });
            Some((related, remedy))
        }
        (Component::Nacl { nacl: Some(n), .. }, _) => {
            let acl = estate.nacls.get(n)?;
            Some((
                Some((
                    crate::rules::connectivity::nacl_ref(acl),
                    Spot::member(&acl.origin, "Entries"),
                    "the NACL that drops it",
                )),
                Remedy::say(format!(
                    "Allow the service's traffic and its replies between `{}` and `{}` in NACL `{n}` (`vpclint reach --from {} --to {}` shows the entry)",
                    subnet.id, ep.id, subnet.id, ep.id
                )),
            ))
        }
        _ => None,
    }
}
