//! DNS005 `dns-record-stale`.

use crate::finding::remedy::DnsChange;
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{in_domain, Estate, HostedZone, Record, VpcEndpoint};
use crate::net::resolve::{private_dns_names, Resolver};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// A private zone record points at an endpoint that does not exist, or the zone is named after the wrong name
    ///
    /// ## What it does
    /// Reads the records of every private hosted zone (`route53/ZONEID/list-resource-record-sets.json`)
    /// and reports:
    ///
    /// - an A, AAAA or CNAME record (or alias) whose target is an interface endpoint's DNS name
    ///   (`vpce-…`) that no endpoint of the input has: the endpoint was deleted (or is being), or lives in
    ///   a region or account the input does not hold;
    /// - a zone whose records lead to an endpoint but whose name is not a name the endpoint's service
    ///   answers to: named after the endpoint service (`com.amazonaws.eu-west-1.sqs`) or after the
    ///   service's id where its DNS name differs (`kinesis-streams.eu-west-1.amazonaws.com`, while the
    ///   SDKs call `kinesis.eu-west-1.amazonaws.com`).
    ///
    /// ## Why is this bad?
    /// The first answers with addresses nobody listens on (or NXDOMAIN for a CNAME), the second answers
    /// a name no client asks for: in both, clients of every VPC associated with the zone fall back to
    /// nothing, since the zone claims the name.
    ///
    /// ## Example
    /// A zone `sqs.eu-west-1.amazonaws.com` whose apex aliases
    /// `vpce-0dead-abcd.sqs.eu-west-1.vpce.amazonaws.com`, an endpoint deleted last week.
    ///
    /// Use instead: point the alias at the DNS name of the endpoint that replaced it
    /// (`aws route53 change-resource-record-sets`), or rename the zone after the service's DNS name.
    ///
    /// ## References
    /// - [Centralized access to VPC private endpoints](https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html)
    /// - [AWS services that integrate with AWS PrivateLink (DNS names)](https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html)
    DNS005 "dns-record-stale" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    if estate.zone_records.is_empty() {
        return Vec::new();
    }
    let resolver = Resolver::new(estate);
    let mut out = Vec::new();
    for zone in estate.hosted_zones.values().filter(|z| z.private) {
        let Some(records) = estate.zone_records.get(&zone.id) else {
            continue;
        };
        let mut misnamed = None;
        for record in records.records.iter().filter(|r| r.answers_addresses()) {
            match resolver.record_endpoint(record) {
                Some(ep) if !refs::is_gone(&ep.state) => {
                    if misnamed.is_none() {
                        misnamed = wrong_name(estate, zone, ep);
                    }
                }
                Some(ep) => out.push(stale(estate, zone, record, &ep.id.0, Some(ep))),
                None => {
                    if let Some(id) = named_endpoint(record) {
                        let known = estate.endpoints.get(&crate::model::VpceId(id.clone()));
                        out.push(stale(estate, zone, record, &id, known));
                    }
                }
            }
        }
        if let Some((ep, wanted)) = misnamed {
            out.push(misnamed_zone(zone, ep, &wanted));
        }
    }
    out
}

/// The endpoint id a record's target names (`vpce-0a1-abcd.sqs…` → `vpce-0a1`), when it names
/// one.
fn named_endpoint(record: &Record) -> Option<String> {
    let target = match &record.alias {
        Some(a) => a.dns_name.clone(),
        None if record.rtype == "CNAME" => record.values.first()?.to_ascii_lowercase(),
        None => return None,
    };
    let first = target.split('.').next()?;
    let mut parts = first.split('-');
    let (Some("vpce"), Some(hex)) = (parts.next(), parts.next()) else {
        return None;
    };
    (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| format!("vpce-{hex}"))
}

fn stale(
    estate: &Estate,
    zone: &HostedZone,
    record: &Record,
    id: &str,
    known: Option<&VpcEndpoint>,
) -> Finding {
    let why = match known {
        Some(ep) if refs::is_gone(&ep.state) => format!("which is `{}`", ep.state),
        Some(_) => "which has no such DNS name".to_owned(),
        None => "which is not in the input (deleted, or in a region or account not read)".to_owned(),
    };
    let message = format!(
        "Record `{}` {} of private hosted zone `{}` (`{}`) points at a DNS name of endpoint `{id}`, {why}: clients of the zone's VPCs get addresses nobody answers on",
        record.name, record.rtype, zone.id, zone.name
    );
    // The endpoint to point at instead: one of the same service, alive, in a VPC of the zone.
    let service = known.map(|e| e.service_name.as_str());
    let replacement = zone.vpcs.iter().flatten().find_map(|v| {
        estate.endpoints_in(&v.vpc_id).find(|e| {
            !refs::is_gone(&e.state)
                && service.is_none_or(|s| s == e.service_name)
                && private_dns_names(estate, e)
                    .iter()
                    .any(|n| in_domain(&record.name, n.trim_start_matches("*.")))
        })
    });
    let remedy = Remedy::say("Point the record at a live endpoint's DNS name: ").then(Action::Dns(
        DnsChange::AliasRecord {
            zone: zone.id.clone(),
            name: record.name.clone(),
            target: replacement.and_then(|e| e.known_dns_name()),
            record: record.origin.address().map(str::to_owned),
            endpoint: replacement.map(refs::endpoint),
        },
    ));
    let member = if record.alias.is_some() {
        "AliasTarget/DNSName"
    } else {
        "ResourceRecords"
    };
    Finding::new(&RULE, refs::zone(zone), message)
        .at(Spot::member(&record.origin, member), "no such endpoint")
        .remedy(remedy)
        .key(record.name.clone())
}

/// When the zone leads to `ep` but its name covers none of the names `ep`'s service answers
/// to, and it is named like an AWS service: the endpoint and the name the SDKs use.
fn wrong_name<'e>(
    estate: &Estate,
    zone: &HostedZone,
    ep: &'e VpcEndpoint,
) -> Option<(&'e VpcEndpoint, String)> {
    let names = private_dns_names(estate, ep);
    let covered = names.iter().any(|n| {
        let domain = n.trim_start_matches("*.");
        in_domain(domain, &zone.name) || in_domain(&zone.name, domain)
    });
    let aws_like = zone.name.ends_with(".amazonaws.com") || zone.name.starts_with("com.amazonaws.");
    if covered || !aws_like {
        return None;
    }
    names.into_iter().next().map(|n| (ep, n))
}

fn misnamed_zone(zone: &HostedZone, ep: &VpcEndpoint, wanted: &str) -> Finding {
    let message = format!(
        "Private hosted zone `{}` is named `{}` and leads to endpoint {}, but the SDKs call the service `{wanted}`: that name is not answered from this zone",
        zone.id,
        zone.name,
        refs::describe(ep)
    );
    let mut remedy = Remedy::say(format!(
        "Create the zone under the name the SDKs use, `{wanted}`, with the same alias and VPC associations, then delete this one"
    ));
    if let Some(vpc) = zone.vpcs.iter().flatten().next() {
        let vpc_ref = crate::finding::ResourceRef::new("vpc", &vpc.vpc_id, &ep.scope);
        remedy = remedy.then_say(": ").then(Action::Dns(DnsChange::CreateAliasZone {
            name: wanted.trim_start_matches("*.").to_owned(),
            vpc: vpc_ref,
            endpoint: refs::endpoint(ep),
            target: ep.known_dns_name(),
        }));
    }
    Finding::new(&RULE, refs::zone(zone), message)
        .at(Spot::member(&zone.origin, "Name"), "not the service's DNS name")
        .remedy(remedy)
        .key("name".to_owned())
}
