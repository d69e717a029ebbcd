//! POL001 `wildcard-principal`.

use crate::finding::{Finding, Severity};
use crate::model::{EndpointKind, RestApi, VpcEndpoint};
use crate::policy::eval::{grants_everything, open_statements};
use crate::policy::{Policy, Statement};
use crate::rules::{refs, Category, Context, RuleDef};

use super::{
    account_or_placeholder, api_spot, endpoint_spot, iam_prefix, policy_known, supports_policy,
    tree,
};

/// An `Allow` for every principal with no condition that narrows who.
pub static RULE: RuleDef = RuleDef {
    code: "POL001",
    name: "wildcard-principal",
    category: Category::Security,
    severity: Severity::Warning,
    doc: include_str!("../../../rules/POL001-wildcard-principal.md"),
    check,
};

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for ep in cx.estate.endpoints.values() {
        if refs::is_gone(&ep.state) || !supports_policy(cx.estate, ep) || !policy_known(ep) {
            continue;
        }
        let Some(policy) = tree(cx.policies.endpoint(&ep.id)) else {
            continue;
        };
        let prefix = iam_prefix(&ep.service_name);
        let everything = |s: &Statement| {
            // The all-`*` statement is `full-access-policy`'s finding, not a second one here.
            grants_everything(s, prefix) && !has_deny(policy)
        };
        for (i, s) in open_statements(policy) {
            if !everything(s) {
                out.extend(endpoint_finding(ep, s, i));
            }
        }
    }
    for api in cx.estate.rest_apis.values().filter(|a| a.is_private()) {
        let Some(policy) = tree(cx.policies.rest_api(&api.id)) else {
            continue;
        };
        for (i, s) in open_statements(policy) {
            out.extend(api_finding(api, s, i));
        }
    }
    out
}

fn has_deny(policy: &Policy) -> bool {
    policy
        .statements
        .iter()
        .any(|s| s.effect == Some(crate::policy::Effect::Deny))
}

/// "allows everyone" or "allows everyone except …", for messages.
fn who(s: &Statement) -> &'static str {
    match &s.principal {
        Some(p) if p.negated => "everyone except the principals in `NotPrincipal`",
        Some(p) if p.any => "every principal (`\"Principal\": \"*\"`)",
        _ => "every principal (`{\"AWS\": \"*\"}`)",
    }
}

fn endpoint_finding(ep: &VpcEndpoint, s: &Statement, index: usize) -> Option<Finding> {
    let principal = s.principal.as_ref()?;
    let account = account_or_placeholder(ep.scope.account.as_deref());
    let condition =
        format!("\"Condition\": {{\"StringEquals\": {{\"aws:PrincipalAccount\": \"{account}\"}}}}");
    let fix = if ep.kind == EndpointKind::Gateway {
        format!("Keep `\"Principal\": \"*\"` (gateway endpoint policies require it) and narrow who with a condition, such as `{condition}` or `aws:PrincipalOrgID`")
    } else {
        format!("Name the principals (`\"Principal\": {{\"AWS\": \"arn:aws:iam::{account}:root\"}}` or a role ARN) or narrow who with a condition such as `{condition}`")
    };
    let message = format!(
        "Policy of endpoint {} allows {} in statement {}, with no condition that narrows who",
        refs::describe(ep),
        who(s),
        s.name(index)
    );
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .at(endpoint_spot(ep, &principal.at.key()), "any principal")
            .help(match ep.origin.address() {
                Some(address) => format!("{fix}, in `policy` of `{address}`"),
                None => format!(
                    "{fix}, then apply it: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --policy-document file://policy.json`",
                    ep.id
                ),
            }),
    )
}

fn api_finding(api: &RestApi, s: &Statement, index: usize) -> Option<Finding> {
    let principal = s.principal.as_ref()?;
    let vpce = api
        .vpc_endpoint_ids
        .first()
        .map_or_else(|| "vpce-0123456789abcdef0".to_owned(), refs::vpce_in_policy);
    let message = format!(
        "Resource policy of private REST API {} allows {} in statement {}, with no condition that narrows who, so any VPC endpoint in any account may invoke it",
        refs::describe_api(api),
        who(s),
        s.name(index)
    );
    Some(
        Finding::new(&RULE, refs::rest_api(api), message)
            .at(api_spot(api, &principal.at.key()), "any principal")
            .help(format!(
                "Add a condition such as `\"Condition\": {{\"StringEquals\": {{\"aws:SourceVpce\": \"{vpce}\"}}}}` to the statement, {}",
                super::update_api_policy(api)
            )),
    )
}
