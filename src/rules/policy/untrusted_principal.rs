//! POL004 `untrusted-principal`.

use crate::finding::{Action, Finding, Remedy, ResourceRef, Spot};
use crate::policy::matching::account_of;
use crate::policy::{Effect, Loc, Policy};
use crate::policy::Policies;
use crate::rules::{declare_rule, refs, Context};

use super::{api_spot, endpoint_spot, policy_known, supports_policy, tree};

declare_rule! {
    /// Policy or endpoint service that grants access to an account outside the trusted accounts
    ///
    /// ## What it does
    /// Collects the accounts that endpoint policies, REST API resource policies and endpoint service
    /// permissions grant something to, and reports each one that is not trusted:
    ///
    /// - `AWS` principals of `Allow` statements: a bare account id or the account of an ARN
    ///   (`arn:aws:iam::123456789012:role/x`, `…:root`, `arn:aws:sts::…:assumed-role/…`);
    /// - values of account-scoping conditions — `aws:PrincipalAccount`, `aws:SourceAccount`,
    ///   `aws:ResourceAccount`, `aws:PrincipalArn`, `aws:SourceArn`, `aws:SourceOwner` — under a
    ///   positive operator in an `Allow` statement, or a negated one in a `Deny` statement (which denies
    ///   everyone else);
    /// - allowed principals of endpoint services (describe-vpc-endpoint-service-permissions).
    ///
    /// Wildcards, service principals and federated principals name no account and are left alone.
    ///
    /// ## Why is this bad?
    /// Every account in a policy is a door: an endpoint policy that admits a foreign account lets its
    /// principals use your endpoint, an `aws:ResourceAccount` value lets your workloads reach that
    /// account's resources through it, and an allowed principal of an endpoint service can connect from
    /// any VPC. A typo in an account id grants access to a stranger.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "Version": "2012-10-17",
    ///   "Statement": [{
    ///     "Effect": "Allow",
    ///     "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
    ///     "Action": "execute-api:Invoke",
    ///     "Resource": "*"
    ///   }]
    /// }
    /// ```
    /// in the policy of an endpoint owned by account 123456789012.
    ///
    /// Use instead: remove the account, or, if it is a partner you trust, say so in `vpclint.toml`.
    ///
    /// ## Configuration
    /// ```toml
    /// trusted-accounts = ["123456789012", "210987654321"]
    /// ```
    /// Without `trusted-accounts`, the accounts that own resources in the exported estate (from
    /// `OwnerId` and the `ACCOUNT/REGION/` folder layout) are the trusted ones.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    /// - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    /// - [Manage permissions for an endpoint service](https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions)
    POL004 "untrusted-principal" {
        category: Security,
        severity: Warning,
        input: Policies,
        check: check,
    }
}

/// Condition keys whose values are accounts, or ARNs that contain one.
const ACCOUNT_KEYS: [&str; 6] = [
    "aws:PrincipalAccount",
    "aws:SourceAccount",
    "aws:ResourceAccount",
    "aws:PrincipalArn",
    "aws:SourceArn",
    "aws:SourceOwner",
];

/// One account named somewhere, with its place and what names it.
struct Named {
    account: String,
    value: String,
    loc: Loc,
    /// Where it is named: `principal`, `condition `aws:ResourceAccount``, ….
    via: String,
}

/// Accounts a policy grants something to: principals of `Allow` statements, and account
/// conditions that admit them (positive operators in `Allow`, negated ones in `Deny`, which
/// deny everyone else).
fn named_accounts(policy: &Policy) -> Vec<Named> {
    let mut out = Vec::new();
    for s in &policy.statements {
        if s.effect == Some(Effect::Allow) {
            if let Some(p) = s.principal.as_ref().filter(|p| !p.negated) {
                for (kind, v) in &p.entries {
                    if let (true, Some(a)) = (kind == "AWS", account_of(&v.value)) {
                        out.push(Named {
                            account: a.to_owned(),
                            value: v.value.clone(),
                            loc: v.at.value(),
                            via: "principal".into(),
                        });
                    }
                }
            }
        }
        for c in &s.conditions {
            let admits = c.operator.is_some_and(|op| match s.effect {
                Some(Effect::Allow) => op.is_positive_match(),
                Some(Effect::Deny) => op.is_negated_match(),
                None => false,
            });
            if !admits || !ACCOUNT_KEYS.iter().any(|k| c.key_is(k)) {
                continue;
            }
            for v in &c.values {
                if let Some(a) = account_of(&v.value) {
                    out.push(Named {
                        account: a.to_owned(),
                        value: v.value.clone(),
                        loc: v.at.value(),
                        via: format!("condition `{}`", c.key.value),
                    });
                }
            }
        }
    }
    out
}

fn check(cx: &Context<'_>, policies: &Policies) -> Vec<Finding> {
    let trusted = |a: &str| {
        cx.trusted_accounts
            .binary_search_by(|t| t.as_str().cmp(a))
            .is_ok()
    };
    let help = |account: &str, fix: &Remedy| {
        let basis = if cx.trusted_organization {
            format!(
                "the {} accounts of the organisation (organizations list-accounts){}",
                cx.estate.organization_accounts.len(),
                if cx.trusted_configured {
                    " and `trusted-accounts` in vpclint.toml"
                } else {
                    ""
                }
            )
        } else if cx.trusted_configured {
            "`trusted-accounts` in vpclint.toml".to_owned()
        } else if cx.trusted_accounts.is_empty() {
            "the accounts that own resources in the estate (none is known)".to_owned()
        } else {
            format!(
                "the accounts that own resources in the estate ({}), as vpclint.toml sets no `trusted-accounts`",
                cx.trusted_accounts.join(", ")
            )
        };
        fix.clone().then_say(format!("; if `{account}` is an account you trust, add it to `trusted-accounts` in vpclint.toml (trusted now: {basis})"))
    };
    let mut out = Vec::new();
    let mut report = |resource: &ResourceRef, what: &str, spot: Spot, n: &Named, fix: &Remedy| {
        let message = format!(
            "{what} names account `{}` (in {} as `{}`), which is not a trusted account",
            n.account, n.via, n.value
        );
        out.push(
            Finding::new(&RULE, resource.clone(), message)
                .at(spot, format!("account {}", n.account))
                .remedy(help(&n.account, fix)),
        );
    };
    for ep in cx.estate.endpoints.values() {
        if refs::is_gone(&ep.state) || !supports_policy(cx.estate, ep) || !policy_known(ep) {
            continue;
        }
        let Some(policy) = tree(policies.endpoint(&ep.id)) else {
            continue;
        };
        let what = format!("Policy of endpoint {}", refs::describe(ep));
        let fix = Remedy::say("Remove it from the policy and apply it: ")
            .then(super::apply_endpoint_policy(ep));
        for n in named_accounts(policy)
            .iter()
            .filter(|n| !trusted(&n.account))
        {
            report(
                &refs::endpoint(ep),
                &what,
                endpoint_spot(ep, &n.loc),
                n,
                &fix,
            );
        }
    }
    for api in cx.estate.rest_apis.values() {
        let Some(policy) = tree(policies.rest_api(&api.id)) else {
            continue;
        };
        let what = format!("Resource policy of REST API {}", refs::describe_api(api));
        let fix = Remedy::say("Remove it from the policy, then ").then(super::update_api_policy(api));
        for n in named_accounts(policy)
            .iter()
            .filter(|n| !trusted(&n.account))
        {
            report(&refs::rest_api(api), &what, api_spot(api, &n.loc), n, &fix);
        }
    }
    for perm in &cx.estate.service_permissions {
        let Some(account) = account_of(&perm.principal).filter(|a| !trusted(a)) else {
            continue;
        };
        let service = perm.service_id.as_deref().unwrap_or("the endpoint service");
        let config = perm
            .service_id
            .as_ref()
            .and_then(|id| cx.estate.service_configurations.get(id));
        let resource = match config {
            Some(c) => ResourceRef::at("vpc-endpoint-service", service, &c.scope, &c.origin),
            None => ResourceRef::new("vpc-endpoint-service", service, &Default::default()),
        };
        let n = Named {
            account: account.to_owned(),
            value: perm.principal.clone(),
            loc: Loc {
                pointer: String::new(),
                part: crate::span::Part::Value,
            },
            via: "allowed principal".into(),
        };
        let what = format!("Endpoint service `{service}`");
        let fix = Remedy::say("Remove it: ").then(Action::ServicePrincipals {
            service: ResourceRef::at(
                "vpc-endpoint-service",
                service,
                &Default::default(),
                &perm.origin,
            ),
            remove: vec![perm.principal.clone()],
            add: Vec::new(),
        });
        report(
            &resource,
            &what,
            Spot::member(&perm.origin, "Principal"),
            &n,
            &fix,
        );
    }
    out
}
