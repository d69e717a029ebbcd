//! Evaluation helpers: who a statement lets in, whether it grants everything, and whether a
//! request through a given endpoint to a given REST API is allowed.
//!
//! Policies are evaluated as far as the exported data allows. A condition on a key whose value
//! the estate knows (`aws:SourceVpce`, `aws:SourceVpc` of a request through an endpoint) is
//! decided; any other condition is unknown, and the helpers say which way they lean.

use super::condition::{BaseOperator, Operator, SetQualifier};
use super::document::{Condition, Effect, List, Policy, Statement};
use super::matching::{glob, glob_accepts_prefix, is_wildcard_only, Arn};

/// Condition keys that say who may use an endpoint: with one of them under an equality
/// operator, a `*` principal is narrowed to an organization, account, principal, VPC or
/// endpoint.
pub const WHO_KEYS: [&str; 8] = [
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceAccount",
    "aws:userid",
];

fn is_who_key(c: &Condition) -> bool {
    WHO_KEYS.iter().any(|k| c.key_is(k))
}

/// Whether a condition value names someone: not only wildcards, and, for an ARN, not a
/// wildcard account (`arn:aws:iam::*:role/x` is anyone's role `x`).
fn names_someone(value: &str) -> bool {
    if is_wildcard_only(value) {
        return false;
    }
    match Arn::parse(value) {
        Some(arn) => !is_wildcard_only(arn.account),
        None => true,
    }
}

/// Whether an `Allow` statement's condition narrows who: a who-key under a positive string or
/// ARN operator, every value naming someone. `ForAllValues:` and `...IfExists` are also true
/// when the key is absent, so they narrow nothing.
pub fn narrows_who(c: &Condition) -> bool {
    c.operator.is_some_and(|op: Operator| {
        op.is_positive_match() && !op.if_exists && op.qualifier != Some(SetQualifier::ForAllValues)
    }) && is_who_key(c)
        && !c.values.is_empty()
        && c.values.iter().all(|v| names_someone(&v.value))
}

/// Whether a `Deny` statement's condition is the negation of a narrowing one (deny unless the
/// caller is in the organization, comes through the endpoint, …).
fn denies_all_but_someone(c: &Condition) -> bool {
    c.operator
        .is_some_and(|op| op.is_negated_match() && op.qualifier.is_none())
        && is_who_key(c)
        && !c.values.is_empty()
        && c.values.iter().all(|v| names_someone(&v.value))
}

/// Whether a statement's principal is everyone: `*`, `{"AWS": "*"}`, or `NotPrincipal`.
pub fn principal_is_everyone(s: &Statement) -> bool {
    s.principal
        .as_ref()
        .is_some_and(|p| p.negated || p.is_everyone())
}

/// Whether every value the allow list matches is also matched by the deny list: each allowed
/// pattern is itself matched by a denied one (`s3:*` covers `s3:Get*`); `Not…` lists only
/// when the deny list is `*`.
fn list_covers(deny: Option<&List>, allow: Option<&List>) -> bool {
    let Some(deny) = deny else {
        return true;
    };
    if deny.negated {
        return false;
    }
    let star = deny.items.iter().any(|d| d.value == "*");
    match allow {
        None => star,
        Some(a) if a.negated => star,
        Some(a) => a
            .items
            .iter()
            .all(|x| deny.items.iter().any(|d| glob(&d.value, &x.value, true))),
    }
}

/// A `Deny` statement that narrows `allow`: everyone, every action and resource of `allow`,
/// and only negated who-conditions.
fn deny_narrows(deny: &Statement, allow: &Statement) -> bool {
    deny.effect == Some(Effect::Deny)
        && principal_is_everyone(deny)
        && list_covers(deny.action.as_ref(), allow.action.as_ref())
        && list_covers(deny.resource.as_ref(), allow.resource.as_ref())
        && !deny.conditions.is_empty()
        && deny.conditions.iter().all(denies_all_but_someone)
}

/// The `Allow` statements that let everyone in: principal `*` (or `NotPrincipal`), no
/// condition narrowing who, and no `Deny` statement narrowing it either. With their indexes.
pub fn open_statements(policy: &Policy) -> Vec<(usize, &Statement)> {
    policy
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.effect == Some(Effect::Allow)
                && principal_is_everyone(s)
                && !s.conditions.iter().any(narrows_who)
                && !policy.statements.iter().any(|d| deny_narrows(d, s))
        })
        .collect()
}

/// Whether a statement grants everything to everyone: `Allow`, principal `*`, action `*` (or
/// every action of `service`, `service:*`), resource `*`, no condition at all.
pub fn grants_everything(s: &Statement, service: Option<&str>) -> bool {
    let all_actions = s.action.as_ref().is_some_and(|a| {
        !a.negated
            && a.items.iter().any(|x| {
                x.value == "*"
                    || service.is_some_and(|svc| {
                        x.value
                            .strip_suffix(":*")
                            .is_some_and(|p| p.eq_ignore_ascii_case(svc))
                    })
            })
    });
    let all_resources = s
        .resource
        .as_ref()
        .is_some_and(|r| !r.negated && r.items.iter().any(|x| x.value == "*"));
    s.effect == Some(Effect::Allow)
        && s.principal
            .as_ref()
            .is_some_and(|p| !p.negated && p.is_everyone())
        && all_actions
        && all_resources
        && s.conditions.is_empty()
}

/// Three-valued truth: the estate does not know every condition key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// Certainly true.
    True,
    /// Certainly false.
    False,
    /// Depends on request data the estate does not have.
    Unknown,
}

/// A call of a private REST API through a VPC endpoint.
#[derive(Clone, Copy, Debug)]
pub struct Invoke<'a> {
    /// The API id.
    pub api_id: &'a str,
    /// Its region, when known.
    pub region: Option<&'a str>,
    /// Its account, when known.
    pub account: Option<&'a str>,
    /// The endpoint the call comes through (`aws:SourceVpce`).
    pub vpce: &'a str,
    /// The endpoint's VPC (`aws:SourceVpc`).
    pub vpc: &'a str,
}

impl Invoke<'_> {
    fn known(&self, c: &Condition) -> Option<&str> {
        if c.key_is("aws:SourceVpce") {
            Some(self.vpce)
        } else if c.key_is("aws:SourceVpc") {
            Some(self.vpc)
        } else {
            None
        }
    }

    /// The truth of one condition for this call.
    pub fn condition(&self, c: &Condition) -> Truth {
        let (Some(op), Some(actual)) = (c.operator, self.known(c)) else {
            return Truth::Unknown;
        };
        let matches = |v: &str| {
            if op.uses_wildcards() {
                glob(v, actual, false)
            } else {
                v == actual || (op.ignores_case() && v.eq_ignore_ascii_case(actual))
            }
        };
        let any = c.values.iter().any(|v| matches(&v.value));
        let truth = |b: bool| if b { Truth::True } else { Truth::False };
        if op.is_positive_match() {
            truth(any)
        } else if op.is_negated_match() {
            truth(!any)
        } else if op.base == BaseOperator::Null {
            // The key is present on every call through an endpoint.
            truth(
                c.values
                    .iter()
                    .all(|v| v.value.eq_ignore_ascii_case("false")),
            )
        } else {
            Truth::Unknown
        }
    }

    /// The truth of all conditions of a statement (they are ANDed), with the first one that is
    /// certainly false.
    pub fn conditions<'s>(&self, s: &'s Statement) -> (Truth, Option<&'s Condition>) {
        let mut all = Truth::True;
        for c in &s.conditions {
            match self.condition(c) {
                Truth::False => return (Truth::False, Some(c)),
                Truth::Unknown => all = Truth::Unknown,
                Truth::True => {}
            }
        }
        (all, None)
    }

    /// Whether the statement's actions include `execute-api:Invoke`.
    pub fn action(&self, s: &Statement) -> bool {
        s.action.as_ref().is_some_and(|a| {
            let hit = a
                .items
                .iter()
                .any(|x| glob(&x.value, "execute-api:Invoke", true));
            hit != a.negated
        })
    }

    /// Whether a resource pattern can match some method of this API (any stage, method and
    /// path); `execute-api:/…` is API Gateway's shorthand for the API's own ARN.
    pub fn resource_matches(&self, pattern: &str) -> bool {
        if pattern == "*" || pattern.starts_with("execute-api:/") {
            return true;
        }
        let Some(arn) = Arn::parse(pattern) else {
            return false;
        };
        let field = |p: &str, v: Option<&str>| v.is_none_or(|v| glob(p, v, false));
        glob(arn.service, "execute-api", false)
            && field(arn.region, self.region)
            && field(arn.account, self.account)
            && glob_accepts_prefix(arn.resource, &format!("{}/", self.api_id), false)
    }

    /// Whether the statement's resources include some method of this API.
    pub fn resource(&self, s: &Statement) -> bool {
        s.resource.as_ref().is_none_or(|r| {
            let hit = r.items.iter().any(|x| self.resource_matches(&x.value));
            hit != r.negated
        })
    }

    /// Whether a resource pattern matches every method of this API (a `Deny` on it blocks all).
    fn resource_covers_all(&self, pattern: &str) -> bool {
        if pattern == "*" {
            return true;
        }
        if let Some(rest) = pattern.strip_prefix("execute-api:") {
            return is_wildcard_only(rest.trim_start_matches('/'));
        }
        let Some(arn) = Arn::parse(pattern) else {
            return false;
        };
        let field = |p: &str, v: Option<&str>| match v {
            Some(v) => glob(p, v, false),
            None => is_wildcard_only(p),
        };
        glob(arn.service, "execute-api", false)
            && field(arn.region, self.region)
            && field(arn.account, self.account)
            && glob(arn.resource, &format!("{}/*", self.api_id), false)
    }

    /// The first `Deny` statement that certainly blocks every call of the API through the
    /// endpoint.
    pub fn denied_by<'p>(&self, policy: &'p Policy) -> Option<(usize, &'p Statement)> {
        policy.statements.iter().enumerate().find(|(_, s)| {
            s.effect == Some(Effect::Deny)
                && principal_is_everyone(s)
                && self.action(s)
                && s.resource.as_ref().is_none_or(|r| {
                    !r.negated && r.items.iter().any(|x| self.resource_covers_all(&x.value))
                })
                && self.conditions(s).0 == Truth::True
        })
    }

    /// Whether some `Allow` statement may let the call through; otherwise, the statement that
    /// comes closest (right action and resource, a condition that excludes this endpoint) with
    /// that condition.
    pub fn allowed<'p>(
        &self,
        policy: &'p Policy,
    ) -> Result<(), Option<(&'p Statement, &'p Condition)>> {
        let mut closest = None;
        for s in &policy.statements {
            if s.effect != Some(Effect::Allow) || !self.action(s) || !self.resource(s) {
                continue;
            }
            match self.conditions(s) {
                (Truth::False, Some(c)) => {
                    closest.get_or_insert((s, c));
                }
                _ => return Ok(()),
            }
        }
        Err(closest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::document::{parse, Flavor, Parsed};

    fn policy(statements: &str) -> Policy {
        let text = format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#);
        match parse(&text, Flavor::Endpoint) {
            Parsed::Policy(p) => *p,
            Parsed::Syntax(e) => panic!("{e:?}"),
        }
    }

    const ALLOW: &str = r#"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:q""#;

    fn open(extra: &str) -> usize {
        open_statements(&policy(&format!("{ALLOW}{extra}}}"))).len()
    }

    #[test]
    fn narrowing_conditions() {
        assert_eq!(open(""), 1);
        for narrowed in [
            r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#,
            r#","Condition":{"StringEquals":{"AWS:SOURCEVPCE":"vpce-1"}}"#,
            r#","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-1/r-2/ou-3/*"}}"#,
            r#","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/app-*"}}"#,
        ] {
            assert_eq!(open(narrowed), 0, "{narrowed}");
        }
        for not_narrowed in [
            r#","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}"#,
            r#","Condition":{"StringEqualsIfExists":{"aws:PrincipalAccount":"123456789012"}}"#,
            r#","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalOrgPaths":"o-1/r-2/"}}"#,
            r#","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}"#,
            r#","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
            r#","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app"}}"#,
        ] {
            assert_eq!(open(not_narrowed), 1, "{not_narrowed}");
        }
    }

    #[test]
    fn deny_with_negated_condition_narrows() {
        let deny = r#"{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}"#;
        assert!(open_statements(&policy(&format!("{ALLOW}}},{deny}"))).is_empty());
        let partial = r#"{"Effect":"Deny","Principal":"*","Action":"sqs:ReceiveMessage","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}"#;
        assert_eq!(
            open_statements(&policy(&format!("{ALLOW}}},{partial}"))).len(),
            1
        );
        let weakened = r#"{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"},"Bool":{"aws:SecureTransport":"false"}}}"#;
        assert_eq!(
            open_statements(&policy(&format!("{ALLOW}}},{weakened}"))).len(),
            1
        );
    }

    #[test]
    fn everything_for_everyone() {
        let p = policy(
            r#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sqs:*"],"Resource":"*"}"#,
        );
        assert!(grants_everything(&p.statements[0], Some("sqs")));
        assert!(!grants_everything(&p.statements[0], Some("sns")));
        let p = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}"#,
        );
        assert!(!grants_everything(&p.statements[0], None));
    }

    fn call() -> Invoke<'static> {
        Invoke {
            api_id: "a1b2c3d4e5",
            region: Some("eu-west-1"),
            account: Some("123456789012"),
            vpce: "vpce-1",
            vpc: "vpc-1",
        }
    }

    #[test]
    fn invoke_through_an_endpoint() {
        let allow = |cond: &str| {
            policy(&format!(
                r#"{{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*"{cond}}}"#
            ))
        };
        assert!(call().allowed(&allow("")).is_ok());
        assert!(call()
            .allowed(&allow(
                r#","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-2","vpce-1"]}}"#
            ))
            .is_ok());
        assert!(call()
            .allowed(&allow(
                r#","Condition":{"StringLike":{"aws:SourceVpc":"vpc-*"}}"#
            ))
            .is_ok());
        assert!(
            call()
                .allowed(&allow(
                    r#","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#
                ))
                .is_ok(),
            "unknown keys get the benefit of the doubt"
        );
        let excluded = allow(r#","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-2"}}"#);
        let Err(Some((_, c))) = call().allowed(&excluded) else {
            panic!("excluded")
        };
        assert_eq!(c.key.value, "aws:SourceVpce");
        let other_api = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"execute-api:*","Resource":"arn:aws:execute-api:eu-west-1:123456789012:zzzzzzzzzz/*"}"#,
        );
        assert!(matches!(call().allowed(&other_api), Err(None)));
        let deny = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:a1b2c3d4e5/*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-9"}}}"#,
        );
        assert!(call().denied_by(&deny).is_some());
        let stage_deny = policy(
            r#"{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:a1b2c3d4e5/test/*"}"#,
        );
        assert!(call().denied_by(&stage_deny).is_none(), "one stage only");
    }
}
