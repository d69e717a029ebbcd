//! DNS004 `endpoint-dns-not-shared`.

use crate::finding::remedy::DnsChange;
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{Estate, Protocol, SgPeer, VpcEndpoint, VpcId, ZONE_ASSOCIATIONS};
use crate::net::resolve::{private_dns_names, Answer, Resolver};
use crate::net::{AddrSet, EndpointAccess, Network, ReachVerdict};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// A VPC routed to and admitted by an interface endpoint resolves the service's name publicly
    ///
    /// ## What it does
    /// For every interface endpoint of an AWS service (or of a service with a private DNS name), looks
    /// at the VPCs peered with the endpoint's VPC through an active peering or attached to the same
    /// transit gateway. Such a VPC whose blocks a CIDR rule of the endpoint's security groups admits,
    /// and from one of whose subnets the service's traffic reaches the endpoint both ways (routes,
    /// transit gateway route tables, security groups and NACLs, as `vpclint reach` follows them), is
    /// meant to use the endpoint. The rule then resolves the service's name in that
    /// VPC as Route 53 Resolver does, and reports the VPCs where public DNS answers: no private hosted
    /// zone or forwarding rule associated with the VPC carries the name.
    ///
    /// It runs only when the input lists the account's hosted zones (`aws route53 list-hosted-zones`
    /// or get-hosted-zone output, even empty): without them, what a VPC resolves is unknown, not
    /// public. Resolver rules are taken as absent when their output is not in the input.
    ///
    /// ## Why is this bad?
    /// An endpoint's private DNS answers only inside its own VPC, never over peering, transit gateways,
    /// VPN or Direct Connect. Clients of the peered VPC resolve the service's public addresses: their
    /// traffic leaves through a NAT gateway (cost, and policies keyed on `aws:SourceVpce` deny it), or
    /// fails in a private subnet, while routes and security groups look ready.
    ///
    /// ## Example
    /// An SQS endpoint in a hub VPC (private DNS on), peered spokes that route `10.50.0.0/16` to it, and
    /// no private hosted zone `sqs.eu-west-1.amazonaws.com` associated with the spokes.
    ///
    /// Use instead: the centralised pattern: turn the hub endpoint's private DNS off, create a private
    /// hosted zone named after the service's DNS name with an alias at its apex to the endpoint's
    /// regional DNS name, and associate it with the hub and every spoke (or associate the existing
    /// shared zone with the spoke).
    ///
    /// ## References
    /// - [Centralized access to VPC private endpoints](https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html)
    /// - [Private DNS for interface endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns)
    DNS004 "endpoint-dns-not-shared" {
        category: Correctness,
        severity: Warning,
        input: Access,
        check: check,
    }
}

fn check(cx: &Context<'_>, network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    let estate = cx.estate;
    if !estate.zones_listed {
        return Vec::new();
    }
    // Only endpoints with peers need the resolver: most estates have none.
    let resolver = std::cell::OnceCell::new();
    let mut out = Vec::new();
    for ea in access {
        let ep = ea.endpoint;
        let peered = network
            .peers(&ep.vpc_id)
            .iter()
            .map(|(p, v)| (format!("over peering `{}`", p.id), *v));
        let attached = network
            .transit_neighbours(&ep.vpc_id)
            .iter()
            .map(|(t, v)| (format!("through transit gateway `{t}`"), *v));
        let mut peers: Vec<(String, &VpcId)> = Vec::new();
        for (how, v) in peered.chain(attached) {
            // A VPC both peered and attached is reported once, over the peering.
            if !peers.iter().any(|(_, p)| *p == v) {
                peers.push((how, v));
            }
        }
        if peers.is_empty() {
            continue;
        }
        let Some(name) = private_dns_names(estate, ep).into_iter().next() else {
            continue;
        };
        let probe = name
            .strip_prefix("*.")
            .map_or_else(|| name.clone(), |d| format!("example.{d}"));
        let resolver = resolver.get_or_init(|| Resolver::new(estate));
        for (how, peer) in peers {
            // A plan's association of the peer with a zone or rule known only after apply may
            // carry the name: not judged.
            let unknown = estate
                .vpcs
                .get(peer)
                .is_some_and(|v| !v.origin.known(ZONE_ASSOCIATIONS));
            let r = resolver.resolve(peer, &probe);
            if unknown || !matches!(r.answer, Answer::Public) || !admitted(estate, ep, peer) {
                continue;
            }
            if !routed(cx, network, ep, peer) {
                continue;
            }
            let (vpc, spot) = refs::vpc_by_id(estate, peer);
            let message = format!(
                "VPC `{peer}` reaches interface endpoint {} {how} and its security groups admit it, but resolves `{name}` to public DNS: the endpoint's private DNS answers only inside `{}`, and no private hosted zone or Resolver rule associated with `{peer}` carries the name",
                refs::describe(ep),
                ep.vpc_id
            );
            let remedy = match shared_zone(estate, resolver, ep, &name) {
                Some(zone) => Remedy::say("Associate the shared zone with the VPC: ").then(
                    Action::Dns(DnsChange::AssociateZone {
                        zone,
                        vpc: vpc.clone(),
                    }),
                ),
                None => Remedy::say(
                    "Share the name: create a private hosted zone named after it, aliased to the endpoint, and associate it with the VPC: ",
                )
                .then(Action::Dns(DnsChange::CreateAliasZone {
                    name: name.trim_start_matches("*.").to_owned(),
                    vpc: vpc.clone(),
                    endpoint: refs::endpoint(ep),
                    target: ep.known_dns_name(),
                }))
                .then_say(format!(
                    "; associate it with `{}` too, after turning the endpoint's private DNS off (AWS refuses the zone beside it): ",
                    ep.vpc_id
                ))
                .then(Action::EndpointPrivateDns {
                    endpoint: refs::endpoint(ep),
                    on: false,
                }),
            };
            let mut f = Finding::new(&RULE, vpc, message)
                .related(
                    refs::endpoint(ep),
                    Some(Spot::value(&ep.origin)),
                    "the endpoint it routes to",
                )
                .remedy(remedy)
                .key(format!("{}/{name}", ep.id));
            if let Some(spot) = spot {
                f = f.at(spot, "resolves the name publicly");
            }
            out.push(f);
        }
    }
    out
}

/// Whether a CIDR rule of the endpoint's groups admits some of the peer's blocks (a rule that
/// admits every address says nothing about who is meant).
fn admitted(estate: &Estate, ep: &VpcEndpoint, peer: &VpcId) -> bool {
    let Some(vpc) = estate.vpcs.get(peer) else {
        return false;
    };
    let blocks = AddrSet::nets(vpc.cidrs.iter().map(|c| &c.block));
    ep.groups
        .iter()
        .filter_map(|g| estate.security_groups.get(g))
        .flat_map(|g| &g.ingress)
        .any(|r| match &r.peer {
            SgPeer::Cidr(n) => n.prefix_len() > 0 && AddrSet::net(n).overlaps(&blocks),
            _ => false,
        })
}

/// Whether the service's traffic from some subnet of the peer reaches the endpoint.
fn routed(cx: &Context<'_>, network: &Network<'_>, ep: &VpcEndpoint, peer: &VpcId) -> bool {
    cx.estate.subnets_of(peer).any(|s| {
        network
            .reach(s.id.as_str(), ep.id.as_str(), None, None, cx.reach)
            .or_else(|_| {
                let https = crate::net::PortSet::range(443, 443);
                network.reach(
                    s.id.as_str(),
                    ep.id.as_str(),
                    Some(Protocol::Tcp),
                    Some(https),
                    cx.reach,
                )
            })
            .is_ok_and(|r| r.verdict() == ReachVerdict::Reachable)
    })
}

/// A private zone of the input that answers `name` with this endpoint: the one to share.
fn shared_zone(
    estate: &Estate,
    resolver: &Resolver<'_>,
    ep: &VpcEndpoint,
    name: &str,
) -> Option<String> {
    estate
        .hosted_zones
        .values()
        .filter(|z| z.private)
        .find(|z| {
            estate.zone_records.get(&z.id).is_some_and(|rs| {
                rs.records.iter().any(|r| {
                    r.name == name && resolver.record_endpoint(r).is_some_and(|e| e.id == ep.id)
                })
            })
        })
        .map(|z| z.id.clone())
}
