//! POL003 `invalid-policy`.

use crate::finding::{Finding, Remedy, ResourceRef, Severity, Spot};
use crate::policy::matching::glob;
use crate::policy::{Gravity, Loc, Parsed, Policy};
use crate::policy::Policies;
use crate::rules::{declare_rule, refs, Context};
use crate::span::Part;

use super::{api_spot, apply_endpoint_policy, endpoint_spot, iam_prefix};

declare_rule! {
    /// Endpoint or REST API policy that AWS would reject or that does not mean what it seems
    ///
    /// ## What it does
    /// Parses the policy of every VPC endpoint (not being deleted) and the resource policy of every
    /// REST API — API Gateway's `policy`, which the CLI prints escaped twice, is decoded twice — with the
    /// IAM policy grammar, and reports each problem at its place:
    ///
    /// - text that is not JSON (at the offending character);
    /// - a missing `Version` (a warning: AWS then reads the policy as `2008-10-17`), an unknown one, or
    ///   `2008-10-17` (stated or by default) where the policy uses `${...}` policy variables, which that
    ///   version leaves as literal text — `2008-10-17` alone is fine, AWS's own default policy says it;
    /// - an `Effect` other than `Allow` or `Deny` (case-sensitive), or none;
    /// - an action not of the form `service:Action` (wildcards allowed);
    /// - a resource that is neither `*` nor an ARN (API resource policies also accept API Gateway's
    ///   `execute-api:/…` shorthand), or, in endpoint policies, an ARN whose account mixes digits and
    ///   wildcards;
    /// - an unknown condition operator (every family, `...IfExists` except on `Null`,
    ///   `ForAnyValue:` / `ForAllValues:`);
    /// - `NotPrincipal` with `Allow`; a statement without `Principal`, `Effect` or `Action`; both
    ///   `Action` and `NotAction` (or `Principal`/`NotPrincipal`, `Resource`/`NotResource`);
    /// - an empty `Statement` list, no `Statement`, duplicate `Sid`s, unknown elements and values of the
    ///   wrong type;
    /// - in an endpoint policy, an action whose service prefix is not the endpoint's service
    ///   (`s3:GetObject` in an `execute-api` endpoint policy; a warning, checked for the services whose
    ///   IAM prefix vpclint knows).
    ///
    /// ## Why is this bad?
    /// AWS refuses to attach a policy it cannot parse, so the change that was meant to restrict the
    /// endpoint never lands, or a pipeline that applies it fails. Worse are the policies AWS accepts that
    /// do not mean what they say: a policy variable under `2008-10-17` matches nothing, an `s3:` action
    /// in an `execute-api` endpoint policy allows nothing, so the calls it was written for are denied.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Version": "2012-10-17",
    ///   "Statement": [{
    ///     "Effect": "allow",
    ///     "Principal": "*",
    ///     "Action": "s3:GetObject",
    ///     "Resource": "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*",
    ///     "Condition": {"StringEqual": {"aws:SourceVpce": "vpce-0a1"}}
    ///   }]
    /// }
    /// ```
    /// in the policy of an `execute-api` endpoint: `allow` is not an effect, `s3:GetObject` can never
    /// match, and `StringEqual` is not an operator.
    ///
    /// Use instead: `"Effect": "Allow"`, `"Action": "execute-api:Invoke"`, `"StringEquals"`, then
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --policy-document file://policy.json
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy element reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html)
    /// - [IAM JSON policy elements: Version](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html)
    /// - [IAM JSON policy elements: Condition operators](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
    /// - [Control access to VPC endpoints using endpoint policies](https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html)
    POL003 "invalid-policy" {
        category: Correctness,
        severity: Error,
        input: Policies,
        check: check,
    }
}

/// Whose policy, for messages, findings and help.
struct Owner<'a> {
    resource: ResourceRef,
    /// `Policy of endpoint `vpce-…` (`service`)`.
    what: String,
    spot: Box<dyn Fn(&Loc) -> Spot + 'a>,
    help: Remedy,
}

fn check(cx: &Context<'_>, policies: &Policies) -> Vec<Finding> {
    let mut out = Vec::new();
    for ep in cx.estate.endpoints.values() {
        if refs::is_gone(&ep.state) {
            continue;
        }
        let Some(parsed) = policies.endpoint(&ep.id) else {
            continue;
        };
        let owner = Owner {
            resource: refs::endpoint(ep),
            what: format!("Policy of endpoint {}", refs::describe(ep)),
            spot: Box::new(|loc| endpoint_spot(ep, loc)),
            help: Remedy::say("Fix the policy and apply it: ").then(apply_endpoint_policy(ep)),
        };
        findings(&owner, parsed, &mut out);
        if let (Parsed::Policy(policy), Some(prefix)) = (parsed, iam_prefix(&ep.service_name)) {
            foreign_actions(&owner, policy, prefix, &ep.service_name, &mut out);
        }
    }
    for api in cx.estate.rest_apis.values() {
        let Some(parsed) = policies.rest_api(&api.id) else {
            continue;
        };
        let owner = Owner {
            resource: refs::rest_api(api),
            what: format!("Resource policy of REST API {}", refs::describe_api(api)),
            spot: Box::new(|loc| api_spot(api, loc)),
            help: Remedy::say("Fix the policy, then ").then(super::update_api_policy(api)),
        };
        findings(&owner, parsed, &mut out);
    }
    out
}

fn findings(owner: &Owner<'_>, parsed: &Parsed, out: &mut Vec<Finding>) {
    match parsed {
        Parsed::Syntax(e) => {
            let loc = Loc {
                pointer: String::new(),
                part: Part::Offset(e.offset),
            };
            out.push(
                Finding::new(
                    &RULE,
                    owner.resource.clone(),
                    format!("{} is not valid JSON: {}", owner.what, e.message),
                )
                .at((owner.spot)(&loc), e.message.clone())
                .remedy(owner.help.clone()),
            );
        }
        Parsed::Policy(policy) => {
            for p in &policy.problems {
                let mut f = Finding::new(
                    &RULE,
                    owner.resource.clone(),
                    format!("{}: {}", owner.what, p.message),
                )
                .at((owner.spot)(&p.loc), p.label.clone())
                .remedy(owner.help.clone());
                if p.gravity == Gravity::Warning {
                    f = f.severity(Severity::Warning);
                }
                out.push(f);
            }
        }
    }
}

/// Actions of another service in an endpoint policy: requests through the endpoint are only
/// ever actions of its own service, so such a statement matches nothing.
fn foreign_actions(
    owner: &Owner<'_>,
    policy: &Policy,
    prefix: &str,
    service: &str,
    out: &mut Vec<Finding>,
) {
    for s in &policy.statements {
        let Some(list) = s.action.as_ref().filter(|a| !a.negated) else {
            continue;
        };
        for a in &list.items {
            let Some((service_part, _)) = a.value.split_once(':') else {
                continue;
            };
            if glob(service_part, prefix, true) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE,
                    owner.resource.clone(),
                    format!(
                        "{}: action `{}` can never match, since requests through an endpoint of `{service}` are `{prefix}:` actions",
                        owner.what, a.value
                    ),
                )
                .at((owner.spot)(&a.at.value()), format!("not an action of `{prefix}`"))
                .severity(Severity::Warning)
                .remedy(owner.help.clone()),
            );
        }
    }
}
