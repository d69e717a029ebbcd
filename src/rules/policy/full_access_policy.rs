//! POL002 `full-access-policy`.

use crate::finding::{Finding, Severity, Spot};
use crate::model::VpcEndpoint;
use crate::policy::eval::grants_everything;
use crate::policy::Effect;
use crate::rules::{refs, Category, Context, RuleDef};

use super::{endpoint_spot, iam_prefix, policy_known, supports_policy, tree};

/// The default "everything for everyone" endpoint policy, written out or absent.
pub static RULE: RuleDef = RuleDef {
    code: "POL002",
    name: "full-access-policy",
    category: Category::Security,
    severity: Severity::Warning,
    doc: include_str!("../../../rules/POL002-full-access-policy.md"),
    check,
};

fn check(cx: &Context<'_>) -> Vec<Finding> {
    cx.estate
        .endpoints
        .values()
        .filter(|ep| {
            !refs::is_gone(&ep.state) && supports_policy(cx.estate, ep) && policy_known(ep)
        })
        .filter_map(|ep| finding(cx, ep))
        .collect()
}

fn help(ep: &VpcEndpoint) -> String {
    if let Some(address) = ep.origin.address() {
        return format!(
            "Give `{address}` a `policy` that allows only the principals, actions and resources this VPC needs (or attach one with an `aws_vpc_endpoint_policy`)"
        );
    }
    format!(
        "Attach a policy that allows only the principals, actions and resources this VPC needs: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --policy-document file://policy.json`",
        ep.id
    )
}

fn finding(cx: &Context<'_>, ep: &VpcEndpoint) -> Option<Finding> {
    if ep.policy.is_none() {
        let message = format!(
            "Endpoint {} has no policy, so AWS applies the default full-access policy: every principal may perform every action on every resource through it",
            refs::describe(ep)
        );
        return Some(
            Finding::new(&RULE, refs::endpoint(ep), message)
                .at(
                    Spot::member(&ep.origin, "VpcEndpointId"),
                    "no `PolicyDocument`: the default policy applies",
                )
                .help(help(ep)),
        );
    }
    let policy = tree(cx.policies.endpoint(&ep.id))?;
    // A `Deny` statement takes something away, so the policy is no longer everything.
    if policy
        .statements
        .iter()
        .any(|s| s.effect == Some(Effect::Deny))
    {
        return None;
    }
    let prefix = iam_prefix(&ep.service_name);
    let statement = policy
        .statements
        .iter()
        .find(|s| grants_everything(s, prefix))?;
    let default = policy
        .version
        .as_ref()
        .is_some_and(|v| v.value == "2008-10-17")
        && policy.statements.len() == 1;
    let what = if default {
        "has AWS's default full-access policy"
    } else {
        "has a full-access policy"
    };
    let message = format!(
        "Endpoint {} {what}: every principal may perform every action on every resource through it",
        refs::describe(ep)
    );
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .at(
                endpoint_spot(ep, &statement.at.value()),
                "`*` principal, action and resource, no condition",
            )
            .help(help(ep)),
    )
}
