//! API001 `private-api-unreachable`.

use std::collections::BTreeMap;

use crate::finding::{Finding, Remedy, Spot};
use crate::model::{EndpointKind, RestApi, VpcEndpoint, VpceId};
use crate::policy::eval::Invoke;
use crate::policy::matching::Arn;
use crate::policy::{Effect, Loc, Policy};
use crate::policy::Policies;
use crate::rules::policy::{api_spot, apply_endpoint_policy, endpoint_spot, tree, update_api_policy};
use crate::rules::{declare_rule, refs, Context};
use crate::span::Part;

declare_rule! {
    /// Private REST API that an execute-api endpoint of the estate is meant to reach but cannot
    ///
    /// ## What it does
    /// For every private REST API (`endpointConfiguration.types` `["PRIVATE"]` in
    /// `aws apigateway get-rest-apis`), finds the `execute-api` interface endpoints of the estate meant
    /// to reach it — listed in its `vpcEndpointIds`, named in its resource policy's `aws:SourceVpce`, or
    /// whose own policy names the API — and reports:
    ///
    /// - a private API without a resource policy (API Gateway denies every call to it);
    /// - a resource policy with no `Allow` statement for `execute-api:Invoke` that admits the endpoint
    ///   (conditions on `aws:SourceVpce` and `aws:SourceVpc` are evaluated for it; other conditions are
    ///   given the benefit of the doubt), pointing at the condition that leaves the endpoint out;
    /// - a resource policy `Deny` statement that certainly blocks the endpoint;
    /// - an endpoint policy whose `execute-api:Invoke` resources do not cover the API's ARN
    ///   (`arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<method>/<path>`: API id, region,
    ///   account and any stage), or that denies it.
    ///
    /// The API's account and region come from the `ACCOUNT/REGION/` folder layout, since get-rest-apis
    /// names neither; unknown parts match anything.
    ///
    /// ## Why is this bad?
    /// Every call fails with `403 Forbidden` — from the endpoint policy or the resource policy — although
    /// DNS, security groups and routes are right, which makes it a slow problem to find by hand.
    ///
    /// ## Example
    /// ```json
    /// {"items": [{"id": "a1b2c3d4e5", "name": "orders",
    ///   "endpointConfiguration": {"types": ["PRIVATE"], "vpcEndpointIds": ["vpce-0a1"]},
    ///   "policy": "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"execute-api:\\/*\\\",\\\"Condition\\\":{\\\"StringEquals\\\":{\\\"aws:SourceVpce\\\":\\\"vpce-0b2\\\"}}}]}"}]}
    /// ```
    /// The API lists `vpce-0a1`, but its policy allows only `vpce-0b2`.
    ///
    /// Use instead: allow the endpoint in the resource policy and deploy the API again:
    /// ```json
    /// "Condition": {"StringEquals": {"aws:SourceVpce": ["vpce-0a1", "vpce-0b2"]}}
    /// ```
    /// ```sh
    /// aws apigateway update-rest-api --rest-api-id a1b2c3d4e5 \
    ///   --patch-operations op=replace,path=/policy,value='<the policy JSON>'
    /// aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod
    /// ```
    ///
    /// ## References
    /// - [Create a private API: resource policy](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-create.html)
    /// - [Use VPC endpoint policies for private APIs](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html)
    /// - [Troubleshoot 403 errors from a private API](https://repost.aws/knowledge-center/api-gateway-vpc-connections)
    API001 "private-api-unreachable" {
        category: Correctness,
        severity: Error,
        input: Policies,
        check: check,
    }
}

/// Why an endpoint is taken to be meant to reach an API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    /// The API lists it in `vpcEndpointIds`.
    Associated,
    /// The API's resource policy names it in `aws:SourceVpce`.
    NamedByApi,
    /// Its own policy allows invoking the API.
    NamesApi,
}

impl Why {
    fn text(self) -> &'static str {
        match self {
            Why::Associated => "the API lists it in `vpcEndpointIds`",
            Why::NamedByApi => "the API's resource policy names it in `aws:SourceVpce`",
            Why::NamesApi => "the endpoint's policy names the API",
        }
    }
}

fn check(cx: &Context<'_>, policies: &Policies) -> Vec<Finding> {
    let mut out = Vec::new();
    for api in cx.estate.rest_apis.values().filter(|a| a.is_private()) {
        let api_policy = tree(policies.rest_api(&api.id));
        let linked = linked_endpoints(cx, policies, api, api_policy);
        // A planned policy known only after apply is not a missing one.
        if api.policy.is_none() && api.origin.known("policy") {
            out.push(missing_policy(api, &linked));
        }
        for (ep, why) in &linked {
            let call = invoke(api, ep);
            if let Some(policy) = api_policy {
                out.extend(api_policy_finding(api, policy, ep, *why, &call));
            }
            if let Some(policy) = tree(policies.endpoint(&ep.id)) {
                out.extend(endpoint_policy_finding(api, policy, ep, *why, &call));
            }
        }
    }
    out
}

fn is_execute_api(ep: &VpcEndpoint) -> bool {
    ep.kind == EndpointKind::Interface
        && ep.service_name.ends_with(".execute-api")
        && !refs::is_gone(&ep.state)
}

/// The `execute-api` endpoints of the estate meant to reach `api`, each with the first reason.
fn linked_endpoints<'a>(
    cx: &Context<'a>,
    policies: &Policies,
    api: &RestApi,
    api_policy: Option<&Policy>,
) -> Vec<(&'a VpcEndpoint, Why)> {
    let mut linked: BTreeMap<VpceId, Why> = BTreeMap::new();
    let mut add = |id: &VpceId, why: Why| {
        linked
            .entry(id.clone())
            .and_modify(|w| *w = (*w).min(why))
            .or_insert(why);
    };
    for id in &api.vpc_endpoint_ids {
        add(id, Why::Associated);
    }
    for s in api_policy.iter().flat_map(|p| &p.statements) {
        if s.effect != Some(Effect::Allow) {
            continue;
        }
        for c in &s.conditions {
            if c.key_is("aws:SourceVpce") && c.operator.is_some_and(|o| o.is_positive_match()) {
                for v in &c.values {
                    add(&VpceId(v.value.clone()), Why::NamedByApi);
                }
            }
        }
    }
    for ep in cx.estate.endpoints.values().filter(|e| is_execute_api(e)) {
        let Some(policy) = tree(policies.endpoint(&ep.id)) else {
            continue;
        };
        let names = policy.statements.iter().any(|s| {
            s.effect == Some(Effect::Allow)
                && s.resource
                    .iter()
                    .filter(|r| !r.negated)
                    .flat_map(|r| &r.items)
                    .any(|r| {
                        Arn::parse(&r.value).is_some_and(|arn| {
                            arn.service == "execute-api"
                                && arn
                                    .resource
                                    .strip_prefix(api.id.as_str())
                                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                        })
                    })
        });
        if names {
            add(&ep.id, Why::NamesApi);
        }
    }
    linked
        .into_iter()
        .filter_map(|(id, why)| {
            let ep = cx.estate.endpoints.get(&id)?;
            let same_region = match (&ep.scope.region, &api.scope.region) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            (is_execute_api(ep) && same_region).then_some((ep, why))
        })
        .collect()
}

fn invoke<'a>(api: &'a RestApi, ep: &'a VpcEndpoint) -> Invoke<'a> {
    Invoke {
        api_id: api.id.as_str(),
        region: api.scope.region.as_deref().or(ep.scope.region.as_deref()),
        account: api.scope.account.as_deref(),
        vpce: ep.id.as_str(),
        vpc: ep.vpc_id.as_str(),
    }
}

fn api_arn(call: &Invoke<'_>) -> String {
    format!(
        "arn:aws:execute-api:{}:{}:{}/*",
        call.region.unwrap_or("*"),
        call.account.unwrap_or("*"),
        call.api_id
    )
}

fn related_endpoint(f: Finding, ep: &VpcEndpoint, why: Why) -> Finding {
    f.related(
        refs::endpoint(ep),
        Some(Spot::value(&ep.origin)),
        why.text(),
    )
}

fn missing_policy(api: &RestApi, linked: &[(&VpcEndpoint, Why)]) -> Finding {
    let vpces: Vec<String> = linked
        .iter()
        .map(|(e, _)| refs::vpce_in_policy(&e.id))
        .collect();
    let vpce_list = if vpces.is_empty() {
        "\"vpce-0123456789abcdef0\"".to_owned()
    } else {
        vpces
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let message = format!(
        "Private REST API {} has no resource policy, so API Gateway denies every call to it",
        refs::describe_api(api)
    );
    let policy = format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": {{\"StringEquals\": {{\"aws:SourceVpce\": [{vpce_list}]}}}}}}]}}"
    );
    let mut f = Finding::new(&RULE, refs::rest_api(api), message)
        .at(
            Spot::member(&api.origin, "id"),
            "private API without `policy`",
        )
        .remedy(
            Remedy::say(format!(
                "Attach a resource policy that allows the endpoints, such as `{policy}`, then "
            ))
            .then(update_api_policy(api)),
        );
    for (ep, why) in linked {
        f = related_endpoint(f, ep, *why);
    }
    f
}

fn api_policy_finding(
    api: &RestApi,
    policy: &Policy,
    ep: &VpcEndpoint,
    why: Why,
    call: &Invoke<'_>,
) -> Option<Finding> {
    if let Some((i, deny)) = call.denied_by(policy) {
        let loc = deny.effect_loc();
        let message = format!(
            "Private REST API {} is meant to be reached through endpoint `{}`, but statement {} of its resource policy denies `execute-api:Invoke` from that endpoint",
            refs::describe_api(api),
            ep.id,
            deny.name(i)
        );
        let f = Finding::new(&RULE, refs::rest_api(api), message)
            .at(api_spot(api, &loc), format!("denies calls through {}", ep.id))
            .remedy(
                Remedy::say(format!(
                    "Exclude `{}` from the `Deny` statement (for example with `\"StringNotEquals\": {{\"aws:SourceVpce\": \"{}\"}}`), then ",
                    ep.id,
                    refs::vpce_in_policy(&ep.id),
                ))
                .then(update_api_policy(api)),
            );
        return Some(related_endpoint(f, ep, why));
    }
    let Err(closest) = call.allowed(policy) else {
        return None;
    };
    let (loc, label) = match closest {
        Some((_, c)) => (
            c.key.at.key(),
            format!("`{}` is not among the values", ep.id),
        ),
        None => (
            Loc {
                pointer: "/Statement".into(),
                part: Part::Key,
            },
            format!("no statement allows `execute-api:Invoke` through {}", ep.id),
        ),
    };
    let message = format!(
        "Private REST API {} is meant to be reached through endpoint `{}` ({}), but its resource policy does not allow `execute-api:Invoke` from that endpoint",
        refs::describe_api(api),
        ep.id,
        why.text()
    );
    let f = Finding::new(&RULE, refs::rest_api(api), message)
        .at(api_spot(api, &loc), label)
        .remedy(
            Remedy::say(format!(
                "Allow the endpoint in the resource policy (`\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\"` with `\"StringEquals\": {{\"aws:SourceVpce\": \"{}\"}}`), then ",
                refs::vpce_in_policy(&ep.id),
            ))
            .then(update_api_policy(api)),
        );
    Some(related_endpoint(f, ep, why))
}

fn endpoint_policy_finding(
    api: &RestApi,
    policy: &Policy,
    ep: &VpcEndpoint,
    why: Why,
    call: &Invoke<'_>,
) -> Option<Finding> {
    let arn = api_arn(call);
    let apply = apply_endpoint_policy(ep);
    let related = |f: Finding| {
        f.related(
            refs::rest_api(api),
            Some(Spot::member(&api.origin, "id")),
            "the private API",
        )
    };
    if let Some((i, deny)) = call.denied_by(policy) {
        let loc = deny.effect_loc();
        let message = format!(
            "Statement {} of the policy of endpoint {} denies `execute-api:Invoke` on private REST API {}, which the endpoint is meant to reach ({})",
            deny.name(i),
            refs::describe(ep),
            refs::describe_api(api),
            why.text()
        );
        return Some(related(
            Finding::new(&RULE, refs::endpoint(ep), message)
                .at(endpoint_spot(ep, &loc), format!("denies {}", api.id))
                .remedy(
                    Remedy::say(format!(
                        "Exclude `{arn}` from the `Deny` statement and apply it: "
                    ))
                    .then(apply),
                ),
        ));
    }
    let Err(_) = call.allowed(policy) else {
        return None;
    };
    // The statement that allows invoking, but on other resources, is where the fix goes.
    let invoking = policy
        .statements
        .iter()
        .find(|s| s.effect == Some(Effect::Allow) && call.action(s) && s.resource.is_some());
    let (loc, label) = match invoking.and_then(|s| s.resource.as_ref()) {
        Some(r) => (r.at.value(), format!("does not include {}", api.id)),
        None => (
            Loc {
                pointer: "/Statement".into(),
                part: Part::Key,
            },
            "no statement allows `execute-api:Invoke`".to_owned(),
        ),
    };
    let message = format!(
        "Policy of endpoint {} does not allow `execute-api:Invoke` on private REST API {} (`{arn}`), which the endpoint is meant to reach ({})",
        refs::describe(ep),
        refs::describe_api(api),
        why.text()
    );
    Some(related(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .at(endpoint_spot(ep, &loc), label)
            .remedy(
                Remedy::say(format!(
                    "Add `{arn}` to the `Resource` of the statement that allows `execute-api:Invoke` and apply it: "
                ))
                .then(apply),
            ),
    ))
}
