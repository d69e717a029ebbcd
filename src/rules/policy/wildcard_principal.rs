//! POL001 `wildcard-principal`.

use crate::finding::{Finding, Remedy};
use crate::model::{EndpointKind, RestApi, VpcEndpoint};
use crate::policy::eval::{grants_everything, open_statements};
use crate::policy::{Policy, Statement};
use crate::policy::Policies;
use crate::rules::{declare_rule, refs, Context};

use super::{
    account_or_placeholder, api_spot, apply_endpoint_policy, endpoint_spot, iam_prefix, policy_known,
    supports_policy,
    tree,
};

declare_rule! {
    /// Policy statement that allows every principal with no condition narrowing who
    ///
    /// ## What it does
    /// Checks the policy of every VPC endpoint that can have one, and the resource policy of every
    /// private REST API, for `Allow` statements whose principal is everyone — `"Principal": "*"`,
    /// `{"AWS": "*"}` (also inside a list), or a `NotPrincipal` — and that no condition narrows to
    /// someone. A statement is narrowed by a condition on `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`,
    /// `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceVpc`, `aws:SourceVpce`,
    /// `aws:SourceAccount` or `aws:userid` under `StringEquals`, `StringEqualsIgnoreCase`, `StringLike`,
    /// `ArnEquals` or `ArnLike` (also with `ForAnyValue:`) whose values all name someone: a value of
    /// only wildcards (`"*"`) or an ARN with a wildcard account narrows nothing, and `...IfExists` or
    /// `ForAllValues:` narrow nothing either, since they are also true when the key is absent. A `Deny`
    /// statement for everyone, covering the same actions and resources, whose conditions are only
    /// negated ones of that list (`StringNotEquals` `aws:PrincipalOrgID`, …) narrows the `Allow` too.
    ///
    /// The finding points at the `Principal` member inside the decoded policy and at its line and column
    /// in the exported file.
    ///
    /// Not checked: endpoints to services that do not support endpoint policies
    /// (`VpcEndpointPolicySupported: false`) and to endpoint services of other accounts (Aiven and other
    /// partners, `com.amazonaws.vpce.<region>.vpce-svc-…`): they always show the full-access default and
    /// AWS allows nothing else. The all-`*` default policy is reported once, by `full-access-policy`.
    /// Gateway endpoints must keep `Principal: "*"`; their statements are fine once a condition narrows
    /// them. Public (edge or regional) REST APIs are meant for everyone and are not checked.
    ///
    /// ## Why is this bad?
    /// An endpoint policy is the last control on what flows through the endpoint: with `*` and no
    /// condition, any principal with credentials — of any AWS account — can use the endpoint from inside
    /// the VPC, for example to copy data to their own buckets. For a private REST API, a `*` principal
    /// without an `aws:SourceVpce` or `aws:SourceVpc` condition lets every VPC endpoint of every account
    /// invoke the API.
    ///
    /// ## Example
    /// The seed scenario, an `execute-api` endpoint policy (in `describe-vpc-endpoints.json` the policy
    /// is the JSON string `PolicyDocument`):
    /// ```json
    /// {
    ///   "Version": "2012-10-17",
    ///   "Statement": [{
    ///     "Principal": "*",
    ///     "Effect": "Allow",
    ///     "Action": "execute-api:Invoke",
    ///     "Resource": "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*"
    ///   }]
    /// }
    /// ```
    ///
    /// Use instead: name the principals, or narrow `*` with a condition (the only way for gateway
    /// endpoints):
    /// ```json
    /// {
    ///   "Version": "2012-10-17",
    ///   "Statement": [{
    ///     "Principal": "*",
    ///     "Effect": "Allow",
    ///     "Action": "execute-api:Invoke",
    ///     "Resource": "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*",
    ///     "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    ///   }]
    /// }
    /// ```
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --policy-document file://policy.json
    /// ```
    ///
    /// ## References
    /// - [Control access to VPC endpoints using endpoint policies](https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html)
    /// - [Access an API Gateway private API: endpoint policies](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html)
    /// - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    POL001 "wildcard-principal" {
        category: Security,
        severity: Warning,
        input: Policies,
        check: check,
    }
}

fn check(cx: &Context<'_>, policies: &Policies) -> Vec<Finding> {
    let mut out = Vec::new();
    for ep in cx.estate.endpoints.values() {
        if refs::is_gone(&ep.state) || !supports_policy(cx.estate, ep) || !policy_known(ep) {
            continue;
        }
        let Some(policy) = tree(policies.endpoint(&ep.id)) else {
            continue;
        };
        let prefix = iam_prefix(&ep.service_name);
        for (i, s) in open_statements(policy) {
            let f = endpoint_finding(ep, s, i);
            // The all-`*` statement is `full-access-policy`'s finding where that one is shown.
            if grants_everything(s, prefix) && !has_deny(policy) {
                out.extend(f.map(|f| f.defer_to(&super::full_access_policy::RULE)));
            } else {
                out.extend(f);
            }
        }
    }
    for api in cx.estate.rest_apis.values().filter(|a| a.is_private()) {
        let Some(policy) = tree(policies.rest_api(&api.id)) else {
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
            .remedy(
                Remedy::say(format!("{fix}, then apply it: ")).then(apply_endpoint_policy(ep)),
            ),
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
            .remedy(
                Remedy::say(format!(
                    "Add a condition such as `\"Condition\": {{\"StringEquals\": {{\"aws:SourceVpce\": \"{vpce}\"}}}}` to the statement, then "
                ))
                .then(super::update_api_policy(api)),
            ),
    )
}
