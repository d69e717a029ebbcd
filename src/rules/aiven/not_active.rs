//! AIV004 `aiven-privatelink-not-active`.

use super::{service_ref, supported};
use crate::finding::{Finding, Severity, Spot};
use crate::rules::{Category, Context, RuleDef};

/// Aiven's PrivateLink resource, or a connection on it, that is not `active`.
pub static RULE: RuleDef = RuleDef {
    code: "AIV004",
    name: "aiven-privatelink-not-active",
    category: Category::Correctness,
    severity: Severity::Warning,
    doc: include_str!("../../../rules/AIV004-aiven-privatelink-not-active.md"),
    check,
};

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    let mut out = Vec::new();
    for s in supported(estate) {
        if let Some(link) = &s.privatelink {
            let state = link.state.to_ascii_lowercase();
            if !state.is_empty() && state != "active" {
                let consequence = match state.as_str() {
                    "creating" => "Aiven is still launching its load balancer and endpoint service, so no endpoint can connect yet",
                    "deleting" => "Aiven is removing its endpoint service, so endpoints to it stop working",
                    _ => "endpoints to it may not carry traffic",
                };
                out.push(
                    Finding::new(
                        &RULE,
                        service_ref(s),
                        format!(
                            "AWS PrivateLink of Aiven service `{}` is `{}`: {consequence}",
                            s.name, link.state
                        ),
                    )
                    .at(Spot::member(&link.origin, "state"), format!("state is {}", link.state))
                    .help(format!(
                        "Wait a few minutes and check again with `avn service privatelink aws get {} --json`; once `active` it names the `aws_service_name` to create the endpoint with",
                        s.name
                    )),
                );
            }
        }
        for c in &s.connections {
            let state = c.state.to_ascii_lowercase();
            if state.is_empty() || state == "active" {
                continue;
            }
            let endpoint = c.vpc_endpoint_id.as_deref().unwrap_or("?");
            // The endpoint's own state, when it is not available, is VPCE003's finding: one
            // broken link gives one finding.
            if estate
                .endpoints
                .values()
                .any(|e| e.id.as_str() == endpoint && !e.state.eq_ignore_ascii_case("available"))
            {
                continue;
            }
            let id = c.id.as_deref().unwrap_or(endpoint);
            out.push(
                Finding::new(
                    &RULE,
                    service_ref(s),
                    format!(
                        "Aiven PrivateLink connection `{id}` of service `{}` from endpoint `{endpoint}` is `{}`, not `active`",
                        s.name, c.state
                    ),
                )
                .at(Spot::member(&c.origin, "state"), format!("state is {}", c.state))
                .help(format!(
                    "Check that the endpoint is `available` (`aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {endpoint}`), then let Aiven discover it: `avn service privatelink aws refresh {}`",
                    s.name
                )),
            );
        }
    }
    out
}
