//! AIV003 `aiven-endpoint-service-mismatch`.

use super::{endpoints_of, service_ref, supported};
use crate::finding::{Finding, Severity, Spot};
use crate::model::{AivenPrivatelink, AivenService, Estate, VpcEndpoint};
use crate::rules::{refs, Category, Context, RuleDef};

/// No VPC endpoint connects to an Aiven service's PrivateLink, or one does from another region
/// than the service's cloud.
pub static RULE: RuleDef = RuleDef {
    code: "AIV003",
    name: "aiven-endpoint-service-mismatch",
    category: Category::Correctness,
    severity: Severity::Error,
    doc: include_str!("../../../rules/AIV003-aiven-endpoint-service-mismatch.md"),
    check,
};

/// Where the endpoint actually is: its subnets' region (from their zones), else its VPC's. The
/// endpoint's own scope is not used: it is read from the service name it points at.
fn endpoint_region<'a>(estate: &'a Estate, ep: &VpcEndpoint) -> Option<&'a str> {
    ep.subnet_ids
        .iter()
        .filter_map(|id| estate.subnets.get(id))
        .find_map(|s| s.scope.region.as_deref())
        .or_else(|| {
            estate
                .vpcs
                .get(&ep.vpc_id)
                .and_then(|v| v.scope.region.as_deref())
        })
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for s in supported(estate) {
        let Some(link) = &s.privatelink else {
            continue;
        };
        let (Some(name), Some(region)) = (link.aws_service_name.as_deref(), s.aws_region()) else {
            continue;
        };
        let endpoints = endpoints_of(estate, s);
        for ep in &endpoints {
            if refs::is_gone(&ep.state) {
                continue;
            }
            let Some(actual) = endpoint_region(estate, ep) else {
                continue;
            };
            if actual == region {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE,
                    refs::endpoint(ep),
                    format!(
                        "VPC endpoint `{}` to Aiven service `{}` is in `{actual}`, but the service's cloud `{}` is in `{region}`",
                        ep.id, s.name, s.cloud_name
                    ),
                )
                .at(Spot::member(&ep.origin, "ServiceName"), format!("service in {region}"))
                .related(service_ref(s), Some(Spot::member(&s.origin, "cloud_name")), "service's cloud")
                .help(format!(
                    "Create the endpoint in a VPC in `{region}`: `aws ec2 create-vpc-endpoint --region {region} --vpc-endpoint-type Interface --vpc-id <vpc-in-{region}> --subnet-ids <one-subnet-per-zone> --security-group-ids <sg> --service-name {name}`, and delete `{}`",
                    ep.id
                )),
            );
        }
        if endpoints.is_empty() && aws_side_loaded(estate, region) {
            out.push(missing(estate, s, link, region));
        }
    }
    out
}

/// Whether the input holds endpoints of the service's region: without them, a missing endpoint
/// only means that side was not exported.
fn aws_side_loaded(estate: &Estate, region: &str) -> bool {
    estate
        .endpoints
        .values()
        .any(|e| endpoint_region(estate, e).or(e.scope.region.as_deref()) == Some(region))
}

fn missing(estate: &Estate, s: &AivenService, link: &AivenPrivatelink, region: &str) -> Finding {
    let name = link.aws_service_name.as_deref().unwrap_or_default();
    let mut f = Finding::new(
        &RULE,
        service_ref(s),
        format!(
            "No VPC endpoint connects to `{name}`, the endpoint service of Aiven service `{}`",
            s.name
        ),
    )
    .at(
        Spot::member(&link.origin, "aws_service_name"),
        "no endpoint uses this name",
    );
    let mut wrong = Vec::new();
    // Endpoints Aiven's connection list names but that point elsewhere, and endpoints in the
    // region to a partner service nobody in the input provides whose name is a typo away.
    for c in &s.connections {
        if let Some(ep) = c
            .vpc_endpoint_id
            .as_deref()
            .and_then(|id| estate.endpoints.get(&crate::model::VpceId::from(id)))
        {
            f = f.related(
                refs::endpoint(ep),
                Some(Spot::member(&ep.origin, "ServiceName")),
                format!("connected to `{}` instead", ep.service_name),
            );
            wrong.push(ep.id.to_string());
        }
    }
    for ep in estate.endpoints.values() {
        let partner = ep
            .service_name
            .starts_with(&format!("com.amazonaws.vpce.{region}."));
        let known = estate.aiven_service_for(&ep.service_name).is_some()
            || estate
                .service_configurations
                .values()
                .any(|c| c.service_name.as_deref() == Some(ep.service_name.as_str()));
        let near = distance(&ep.service_name, name) <= MAX_TYPO;
        if partner
            && near
            && !known
            && !wrong.contains(&ep.id.to_string())
            && !refs::is_gone(&ep.state)
        {
            f = f.related(
                refs::endpoint(ep),
                Some(Spot::member(&ep.origin, "ServiceName")),
                format!(
                    "connects to `{}`, which nothing in the input provides",
                    ep.service_name
                ),
            );
            wrong.push(ep.id.to_string());
        }
    }
    let create = format!(
        "`aws ec2 create-vpc-endpoint --region {region} --vpc-endpoint-type Interface --vpc-id <vpc-id> --subnet-ids <one-subnet-per-zone> --security-group-ids <sg-id> --service-name {name}`"
    );
    let help = match wrong.as_slice() {
        [] => format!("Create the endpoint: {create}"),
        ids => format!(
            "An endpoint's service cannot be changed: create one with the service name Aiven gives, {create}, then delete `{}`",
            ids.join("`, `")
        ),
    };
    f.help(help)
}

/// Edits (insertions, deletions, substitutions) within which another endpoint's service name
/// counts as a mistyped copy of the right one: a swapped pair of characters is two.
const MAX_TYPO: usize = 2;

/// Levenshtein distance; service names are short ASCII strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("vpce-svc-0aaf1", "vpce-svc-0aaf1"), 0);
        assert_eq!(distance("vpce-svc-0aaf1", "vpce-svc-0aaf2"), 1);
        assert_eq!(distance("vpce-svc-0dd04", "vpce-svc-0dd40"), 2);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("vpce-svc-0aaf1", "vpce-svc-0aaf"), 1);
    }
}
