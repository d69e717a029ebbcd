//! POL003 `invalid-policy`.

use crate::finding::{Finding, ResourceRef, Severity, Spot};
use crate::policy::matching::glob;
use crate::policy::{Gravity, Loc, Parsed, Policy};
use crate::rules::{refs, Category, Context, RuleDef};
use crate::span::Part;

use super::{api_spot, endpoint_spot, iam_prefix};

/// A policy AWS would reject, or one that does not mean what it seems.
pub static RULE: RuleDef = RuleDef {
    code: "POL003",
    name: "invalid-policy",
    category: Category::Correctness,
    severity: Severity::Error,
    doc: include_str!("../../../rules/POL003-invalid-policy.md"),
    check,
};

/// Whose policy, for messages, findings and help.
struct Owner<'a> {
    resource: ResourceRef,
    /// `Policy of endpoint `vpce-…` (`service`)`.
    what: String,
    spot: Box<dyn Fn(&Loc) -> Spot + 'a>,
    help: String,
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for ep in cx.estate.endpoints.values() {
        if refs::is_gone(&ep.state) {
            continue;
        }
        let Some(parsed) = cx.policies.endpoint(&ep.id) else {
            continue;
        };
        let owner = Owner {
            resource: refs::endpoint(ep),
            what: format!("Policy of endpoint {}", refs::describe(ep)),
            spot: Box::new(|loc| endpoint_spot(ep, loc)),
            help: format!(
                "Fix the policy and apply it: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --policy-document file://policy.json`",
                ep.id
            ),
        };
        findings(&owner, parsed, &mut out);
        if let (Parsed::Policy(policy), Some(prefix)) = (parsed, iam_prefix(&ep.service_name)) {
            foreign_actions(&owner, policy, prefix, &ep.service_name, &mut out);
        }
    }
    for api in cx.estate.rest_apis.values() {
        let Some(parsed) = cx.policies.rest_api(&api.id) else {
            continue;
        };
        let owner = Owner {
            resource: refs::rest_api(api),
            what: format!("Resource policy of REST API {}", refs::describe_api(api)),
            spot: Box::new(|loc| api_spot(api, loc)),
            help: format!("Fix the policy, {}", super::update_api_policy(api)),
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
                .help(owner.help.clone()),
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
                .help(owner.help.clone());
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
                .help(owner.help.clone()),
            );
        }
    }
}
