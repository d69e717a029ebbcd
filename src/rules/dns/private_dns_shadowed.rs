//! DNS007 `private-dns-shadowed`.

use crate::finding::remedy::DnsChange;
use crate::finding::remedy::Piece;
use crate::finding::{Action, Finding, Remedy, Severity};
use crate::model::{EndpointKind, VpcEndpoint};
use crate::net::resolve::{private_dns_names, Answer, Resolver};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// A private hosted zone or a Resolver rule claims an endpoint's private DNS name in its VPC
    ///
    /// ## What it does
    /// For every interface endpoint with private DNS on, resolves each private DNS name of its service
    /// in the endpoint's own VPC, as Route 53 Resolver does (see `vpclint reach --to NAME`): the most
    /// specific of the forwarding rules and private hosted zones associated with the VPC and the
    /// endpoint's own private DNS wins, a forwarding rule winning a tie. It reports the names that a user
    /// zone or a forwarding rule answers instead of the endpoint: a zone of the same name (or a more
    /// specific one) with other records or none (NXDOMAIN), or a rule that forwards the name (or `.`, or
    /// `amazonaws.com`) to other servers.
    ///
    /// A zone of exactly the endpoint's name whose record aliases this same endpoint is reported as a
    /// warning: AWS refuses the pair (`ConflictingDomainExists`), so a plan that makes both fails at
    /// apply; the centralised pattern turns the endpoint's private DNS off. From a Terraform plan that
    /// creates the endpoint or the zone's association, any zone of exactly the endpoint's name is
    /// reported as that apply failure.
    ///
    /// ## Why is this bad?
    /// Clients in the VPC get the zone's or the forwarders' answer, not the endpoint's addresses: their
    /// traffic leaves through a NAT gateway, reaches another endpoint, or fails to resolve, while the
    /// endpoint and its private DNS look right in the console.
    ///
    /// ## Example
    /// An SQS endpoint with private DNS on in `vpc-1`, and a private zone `sqs.eu-west-1.amazonaws.com`
    /// associated with `vpc-1` that holds only NS and SOA records.
    ///
    /// Use instead: disassociate the zone from the VPC, or, if it deliberately replaces private DNS, turn
    /// the endpoint's private DNS off and give the zone an alias to the endpoint.
    ///
    /// ## References
    /// - [Resolving DNS queries between VPCs and your network](https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver.html)
    /// - [Considerations when working with a private hosted zone](https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html)
    DNS007 "private-dns-shadowed" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    if estate.hosted_zones.is_empty() && estate.rule_associations.is_empty() {
        return Vec::new();
    }
    let resolver = Resolver::new(estate);
    estate
        .endpoints
        .values()
        .filter(|ep| {
            ep.kind == EndpointKind::Interface && ep.private_dns_on() && !refs::is_gone(&ep.state)
        })
        .flat_map(|ep| {
            private_dns_names(estate, ep)
                .into_iter()
                .filter_map(|name| shadowed(cx, &resolver, ep, &name))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The finding for one private DNS name of `ep`, when something else answers it.
fn shadowed(
    cx: &Context<'_>,
    resolver: &Resolver<'_>,
    ep: &VpcEndpoint,
    name: &str,
) -> Option<Finding> {
    // A wildcard name (`*.execute-api…`) is probed with a name below it.
    let probe = name
        .strip_prefix("*.")
        .map_or_else(|| name.to_owned(), |d| format!("example.{d}"));
    let r = resolver.resolve(&ep.vpc_id, &probe);
    let vpc = refs::vpc_by_id(cx.estate, &ep.vpc_id).0;
    let (what, remedy, same) = match &r.answer {
        Answer::PrivateDns(_) | Answer::Public => return None,
        Answer::ZoneEndpoint { zone, .. }
        | Answer::ZoneRecord { zone, .. }
        | Answer::ZoneUnread(zone)
        | Answer::NxDomain(zone) => {
            let same = matches!(&r.answer, Answer::ZoneEndpoint { .. })
                && r.answer.endpoint().is_some_and(|e| e.id == ep.id)
                && zone.name == name;
            let answer = match &r.answer {
                Answer::NxDomain(_) => "which holds no record for it: NXDOMAIN".to_owned(),
                Answer::ZoneUnread(_) => "whose records are not in the input".to_owned(),
                Answer::ZoneEndpoint { endpoint, .. } if endpoint.id == ep.id => {
                    "whose record aliases this same endpoint".to_owned()
                }
                Answer::ZoneEndpoint { endpoint, .. } => {
                    format!("which answers with endpoint `{}`", endpoint.id)
                }
                _ => "which answers with its own records".to_owned(),
            };
            let remedy = Remedy::say("Disassociate the zone from the VPC: ")
                .then(Action::Dns(DnsChange::DisassociateZone {
                    zone: zone.id.clone(),
                    vpc: vpc.clone(),
                }))
                .then_say(
                    "; or, if the zone deliberately replaces private DNS, give it an alias to the endpoint and turn private DNS off: ",
                )
                .then(Action::EndpointPrivateDns {
                    endpoint: refs::endpoint(ep),
                    on: false,
                });
            (
                format!(
                    "private hosted zone `{}` (`{}`), {answer}",
                    zone.id, zone.name
                ),
                remedy,
                same,
            )
        }
        Answer::Forwarded { rule, .. } => (
            format!(
                "Resolver rule `{}`, which forwards it to {}",
                rule.id,
                if rule.targets.is_empty() {
                    "its targets".to_owned()
                } else {
                    rule.targets.join(", ")
                }
            ),
            Remedy::say("Disassociate the rule from the VPC: ").then(Action::Dns(
                DnsChange::DisassociateRule {
                    rule: rule.id.clone(),
                    vpc: vpc.clone(),
                },
            )),
            false,
        ),
    };
    // A plan that makes the pair (the endpoint's private DNS, or the zone's association) fails:
    // AWS refuses a private zone of exactly the endpoint's name beside its private DNS.
    let planned_conflict = matches!(
            &r.answer,
            Answer::ZoneEndpoint { zone, .. }
                | Answer::ZoneRecord { zone, .. }
                | Answer::ZoneUnread(zone)
                | Answer::NxDomain(zone)
                if zone.name == name.trim_start_matches("*.")
        )
        && (ep.origin.address().is_some()
            || r.claim_step().is_some_and(|s| s.origin.address().is_some()));
    let message = if planned_conflict {
        format!(
            "Interface endpoint {} has private DNS on and the plan associates `{}` with {what}; AWS refuses a private zone of the endpoint's name beside its private DNS, so the apply fails with ConflictingDomainExists",
            refs::describe(ep),
            ep.vpc_id
        )
    } else if same {
        format!(
            "Interface endpoint {} has private DNS on and `{}` is associated with {what}: AWS refuses a private zone of the endpoint's name beside its private DNS (ConflictingDomainExists), so this fails to apply",
            refs::describe(ep),
            ep.vpc_id
        )
    } else {
        format!(
            "Interface endpoint {} has private DNS on, but in `{}` `{name}` is answered by {what}, not by the endpoint",
            refs::describe(ep),
            ep.vpc_id
        )
    };
    let claim = r.claim_step().map(refs::step_spot)?;
    let mut remedy = remedy;
    if planned_conflict {
        remedy.pieces.insert(
            0,
            Piece::Say("The apply fails until one of the two goes. ".to_owned()),
        );
    }
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(claim, "claims the endpoint's name")
        .remedy(remedy)
        .key(name.to_owned());
    if same {
        f = f.severity(Severity::Warning);
    }
    Some(f)
}
