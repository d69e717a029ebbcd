//! AIV003 `aiven-endpoint-service-mismatch`.

use super::{endpoints_of, service_ref, supported};
use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, AivenPrivatelink, AivenService, Estate, VpcEndpoint};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// No VPC endpoint uses an Aiven service's aws_service_name, or one does from another region
    ///
    /// ## What it does
    /// Ties each Aiven service to the VPC endpoints whose `ServiceName` equals the `aws_service_name` of
    /// its PrivateLink resource, and reports:
    ///
    /// - an endpoint in another region than the service's cloud (`aws-eu-west-1` means `eu-west-1`);
    ///   the endpoint's region is that of its subnets (their zones) or of its VPC;
    /// - no endpoint at all, when the input holds endpoints of the service's region (without any, the
    ///   AWS side was simply not exported). Endpoints named in Aiven's connection list but connected to
    ///   another service, and endpoints of the region to `com.amazonaws.vpce.…` services that nothing
    ///   in the input provides and whose name is at most two characters off, are shown as the likely
    ///   mistake.
    ///
    /// Services of a type without PrivateLink support are left to `aiven-privatelink-unsupported`.
    ///
    /// ## Why is this bad?
    /// The endpoint service name is the only thing that ties your endpoint to Aiven's load balancer. An
    /// endpoint created with a mistyped or stale name (an earlier PrivateLink resource that was deleted
    /// and recreated gets a new one) connects somewhere else or nowhere, and clients time out.
    ///
    /// ## Example
    /// ```json
    /// [{"aws_service_id": "vpce-svc-0b16e88f3b706aaf1",
    ///   "aws_service_name": "com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1",
    ///   "principals": ["arn:aws:iam::012345678901:user/mwf"], "state": "active"}]
    /// ```
    /// while the only endpoint uses `com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf2`.
    ///
    /// Use instead: create the endpoint with the name Aiven gives (an endpoint's service cannot be
    /// changed), then delete the wrong one:
    /// ```sh
    /// aws ec2 create-vpc-endpoint --region eu-west-1 --vpc-endpoint-type Interface --vpc-id <vpc-id> \
    ///   --subnet-ids <one-subnet-per-zone> --security-group-ids <sg-id> \
    ///   --service-name com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1
    /// ```
    ///
    /// ## References
    /// - [Use AWS PrivateLink with Aiven services](https://aiven.io/docs/platform/howto/use-aws-privatelinks)
    /// - [Access an endpoint service through an interface endpoint](https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html)
    AIV003 "aiven-endpoint-service-mismatch" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

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
                .remedy(
                    Remedy::say(format!("Create the endpoint in a VPC in `{region}`: "))
                        .then(Action::CreateEndpoint {
                            region: region.to_owned(),
                            service: name.to_owned(),
                        })
                        .then_say(", and delete it: ")
                        .then(Action::DeleteEndpoint {
                            endpoint: refs::endpoint(ep),
                        }),
                ),
            );
        }
        // A link the plan creates has no name before apply: an endpoint that will use it may be
        // one whose own service name is unknown too.
        if endpoints.is_empty() && aws_side_loaded(estate, region) && !is_unknown(name) {
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
            wrong.push(refs::endpoint(ep));
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
        let near = strsim::levenshtein(&ep.service_name, name) <= MAX_TYPO;
        if partner
            && near
            && !known
            && !wrong.iter().any(|w| w.id == ep.id.as_str())
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
            wrong.push(refs::endpoint(ep));
        }
    }
    let help = if wrong.is_empty() {
        Remedy::say("Create the endpoint: ").then(Action::CreateEndpoint {
            region: region.to_owned(),
            service: name.to_owned(),
        })
    } else {
        Remedy::say("An endpoint's service cannot be changed: ").then(Action::ReplaceEndpoints {
            wrong,
            region: region.to_owned(),
            service: name.to_owned(),
        })
    };
    f.remedy(help)
}

/// Edits (insertions, deletions, substitutions) within which another endpoint's service name
/// counts as a mistyped copy of the right one: a swapped pair of characters is two.
const MAX_TYPO: usize = 2;
