//! AIV004 `aiven-privatelink-not-active`.

use super::{service_ref, supported};
use crate::finding::{Action, Finding, Remedy, ResourceRef, Spot};
use crate::model::Scope;
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// Aiven PrivateLink resource still creating, or a PrivateLink connection that is not active
    ///
    /// ## What it does
    /// Reports the PrivateLink resource of an Aiven service (`avn service privatelink aws get`) whose
    /// `state` is not `active` (`creating`, `deleting`), and each connection of
    /// `avn service privatelink aws connection list` whose `state` is not `active`. A connection whose
    /// VPC endpoint is in the input and not `available` is left to `endpoint-not-available`, so that one
    /// broken link gives one finding. Services of a type without PrivateLink support are left to
    /// `aiven-privatelink-unsupported`.
    ///
    /// ## Why is this bad?
    /// While the resource is `creating`, Aiven has not yet launched the load balancer and endpoint
    /// service: `aws_service_name` is still null and no endpoint can connect. A connection that is not
    /// `active` carries no traffic; Aiven sees new endpoints only after they are `available` (and
    /// `avn service privatelink aws refresh` makes it look again).
    ///
    /// ## Example
    /// ```json
    /// [{"aws_service_id": null, "aws_service_name": null,
    ///   "principals": ["arn:aws:iam::012345678901:user/mwf"], "state": "creating"}]
    /// ```
    ///
    /// Use instead: wait a few minutes, then check again and create the endpoint with the
    /// `aws_service_name` it shows:
    /// ```sh
    /// avn service privatelink aws get my-kafka --json
    /// ```
    ///
    /// ## References
    /// - [Use AWS PrivateLink with Aiven services](https://aiven.io/docs/platform/howto/use-aws-privatelinks)
    /// - [avn service privatelink](https://aiven.io/docs/tools/cli/service/privatelink)
    AIV004 "aiven-privatelink-not-active" {
        category: Correctness,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

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
                    .remedy(
                        Remedy::say("Wait a few minutes and check again with ")
                            .then(Action::AivenPrivatelinkGet {
                                service: s.name.clone(),
                            })
                            .then_say("; once `active` it names the `aws_service_name` to create the endpoint with"),
                    ),
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
                .remedy(
                    Remedy::say("Check that the endpoint is `available` (")
                        .then(Action::DescribeEndpoint {
                            endpoint: ResourceRef::new("vpc-endpoint", endpoint, &Scope::default()),
                        })
                        .then_say("), then let Aiven discover it: ")
                        .then(Action::AivenPrivatelinkRefresh {
                            service: s.name.clone(),
                        }),
                ),
            );
        }
    }
    out
}
