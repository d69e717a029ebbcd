//! DNS008 `custom-dns-servers`.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::finding::remedy::DnsChange;
use crate::finding::{Action, Finding, Remedy, Severity};
use crate::model::{Estate, Vpc};
use crate::net::resolve::Resolver;
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Custom DHCP name servers in a VPC whose clients rely on endpoint private DNS or private zones
    ///
    /// ## What it does
    /// Reports VPCs whose DHCP options set (`DhcpOptionsId` of describe-vpcs, describe-dhcp-options)
    /// names `domain-name-servers` other than `AmazonProvidedDNS`, while something in the VPC only the
    /// VPC resolver answers: an interface endpoint with private DNS on, a private hosted zone or a
    /// Resolver rule associated with the VPC.
    ///
    /// Servers that are the VPC resolver itself (the VPC's base address + 2, or 169.254.169.253) are
    /// fine. Public addresses are reported as warnings: they never see private zones. Private addresses
    /// are reported as information, since vpclint cannot see whether those servers forward to the VPC
    /// resolver (or to a Resolver inbound endpoint): say so, or suppress the finding once checked.
    ///
    /// ## Why is this bad?
    /// Clients ask the servers DHCP gives them. An endpoint's private DNS and private hosted zones are
    /// answered only by the VPC resolver: unless the custom servers forward those names to it, clients
    /// resolve the service's public addresses (traffic leaves through NAT, or fails) or NXDOMAIN.
    ///
    /// ## Example
    /// A VPC with an SQS endpoint (private DNS on) and DHCP options `domain-name-servers = 10.0.0.53,
    /// 10.0.1.53`, two domain controllers.
    ///
    /// Use instead: make the servers forward `amazonaws.com` (and the private zones' names) to the VPC
    /// resolver, or give the VPC DHCP options with `AmazonProvidedDNS`.
    ///
    /// ## References
    /// - [DHCP option sets in Amazon VPC](https://docs.aws.amazon.com/vpc/latest/userguide/VPC_DHCP_Options.html)
    /// - [Amazon DNS server](https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html)
    DNS008 "custom-dns-servers" {
        category: Correctness,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    if estate.dhcp_options.is_empty() {
        return Vec::new();
    }
    let resolver = Resolver::new(estate);
    estate
        .vpcs
        .values()
        .filter_map(|vpc| {
            let dhcp = resolver.custom_servers(&vpc.id)?;
            let relies = relies_on(estate, &resolver, vpc)?;
            let own = vpc_resolvers(vpc);
            let others: Vec<&str> = dhcp
                .custom_servers()
                .into_iter()
                .filter(|s| s.parse::<IpAddr>().map_or(true, |ip| !own.contains(&ip)))
                .collect();
            if others.is_empty() {
                return None;
            }
            let public = others.iter().any(|s| {
                s.parse::<IpAddr>().is_ok_and(|ip| match ip {
                    IpAddr::V4(v4) => !(v4.is_private() || v4.is_link_local()),
                    IpAddr::V6(v6) => (v6.segments()[0] & 0xfe00) != 0xfc00,
                })
            });
            let resolver_addr = own
                .first()
                .map_or_else(|| "the VPC resolver".to_owned(), |ip| format!("the VPC resolver {ip}"));
            let message = if public {
                format!(
                    "VPC `{}` hands its clients DHCP options `{}` with name servers {}, which are public and never see {relies}: clients resolve public addresses instead",
                    vpc.id,
                    dhcp.id,
                    others.join(", ")
                )
            } else {
                format!(
                    "VPC `{}` hands its clients DHCP options `{}` with name servers {}: clients see {relies} only if those servers forward to {resolver_addr}, which the input cannot show",
                    vpc.id,
                    dhcp.id,
                    others.join(", ")
                )
            };
            let remedy = Remedy::say(format!(
                "Make the servers forward those names to {resolver_addr} (or to a Resolver inbound endpoint), or use the Amazon-provided resolver: "
            ))
            .then(Action::Dns(DnsChange::AmazonProvidedDns {
                vpc: refs::vpc(vpc),
            }));
            let step = resolver.resolve(&vpc.id, "example.internal");
            let spot = step.steps.first().map(refs::step_spot)?;
            let f = Finding::new(&RULE, refs::vpc(vpc), message)
                .at(spot, "custom name servers")
                .remedy(remedy);
            Some(if public { f } else { f.severity(Severity::Info) })
        })
        .collect()
}

/// What clients in `vpc` rely on that only the VPC resolver answers, in words; `None` when
/// nothing.
fn relies_on(estate: &Estate, resolver: &Resolver<'_>, vpc: &Vpc) -> Option<String> {
    let mut what = Vec::new();
    let endpoints: Vec<String> = estate
        .endpoints_in(&vpc.id)
        .filter(|e| e.private_dns_on() && !refs::is_gone(&e.state))
        .map(|e| format!("`{}`", e.id))
        .collect();
    if !endpoints.is_empty() {
        what.push(format!("the private DNS of endpoint {}", endpoints.join(", ")));
    }
    let zones: Vec<String> = resolver
        .zones_of(&vpc.id)
        .map(|z| format!("`{}` (`{}`)", z.id, z.name))
        .collect();
    if !zones.is_empty() {
        what.push(format!("private hosted zone {}", zones.join(", ")));
    }
    let rules = estate
        .rule_associations
        .values()
        .filter(|a| a.vpc_id == vpc.id && a.in_force())
        .count();
    if rules > 0 {
        what.push(format!("{rules} Resolver rule association(s)"));
    }
    (!what.is_empty()).then(|| what.join(" and "))
}

/// The VPC resolver's addresses: each IPv4 block's base + 2, and the link-local one.
fn vpc_resolvers(vpc: &Vpc) -> Vec<IpAddr> {
    let mut out: Vec<IpAddr> = vpc
        .cidrs
        .iter()
        .filter_map(|c| match c.block {
            IpNet::V4(n) => Some(IpAddr::V4(std::net::Ipv4Addr::from(
                u32::from(n.network()).saturating_add(2),
            ))),
            IpNet::V6(_) => None,
        })
        .collect();
    out.push(IpAddr::V4(std::net::Ipv4Addr::new(169, 254, 169, 253)));
    out
}
