//! The typed policy tree, built from the spanned JSON, and the language-level problems found
//! while building it (what AWS rejects, or what does not mean what it seems).

use super::condition::Operator;
use super::json::{self, Kind, Member, Value};
use super::matching::{policy_variable, Arn};
use crate::span::{Part, Span};

/// Where an element is in the decoded policy text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    /// RFC 6901 pointer of the element inside the policy document.
    pub pointer: String,
    /// Span of its member name, for members (array elements and the root have none).
    pub key: Option<Span>,
    /// Span of its value.
    pub span: Span,
}

impl At {
    /// The place of the member name (the value's, for elements without a name).
    pub fn key(&self) -> Loc {
        Loc {
            pointer: self.pointer.clone(),
            part: Part::Key,
        }
    }

    /// The place of the value.
    pub fn value(&self) -> Loc {
        Loc {
            pointer: self.pointer.clone(),
            part: Part::Value,
        }
    }

    /// The place of the value's first character (an object's `{`), for labels that should not
    /// cover a whole statement.
    pub fn start(&self) -> Loc {
        Loc {
            pointer: self.pointer.clone(),
            part: Part::Offset(self.span.start),
        }
    }
}

/// A place to point a finding at, inside the policy document: a pointer and the part of it, or
/// (with [`Part::Offset`]) a byte offset of the decoded text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    /// Pointer inside the policy document.
    pub pointer: String,
    /// Key, value or offset.
    pub part: Part,
}

/// A string element with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The decoded string (numbers and booleans in conditions as written).
    pub value: String,
    /// Where it is.
    pub at: At,
}

/// Which kind of policy, for the rules that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// A VPC endpoint policy.
    Endpoint,
    /// An API Gateway REST API resource policy (accepts the `execute-api:/…` shorthand).
    RestApi,
}

/// A parsed policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// `Version`.
    pub version: Option<Text>,
    /// `Id`.
    pub id: Option<Text>,
    /// The statements, in order.
    pub statements: Vec<Statement>,
    /// Where the document is (the root object).
    pub at: At,
    /// What is wrong with it, in document order.
    pub problems: Vec<Problem>,
}

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// `Allow`
    Allow,
    /// `Deny`
    Deny,
}

/// One statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Where it is.
    pub at: At,
    /// `Sid`.
    pub sid: Option<Text>,
    /// `Effect` as written.
    pub effect_text: Option<Text>,
    /// `Effect`, when it is `Allow` or `Deny`.
    pub effect: Option<Effect>,
    /// `Principal` or `NotPrincipal`.
    pub principal: Option<Principal>,
    /// `Action` or `NotAction`.
    pub action: Option<List>,
    /// `Resource` or `NotResource`.
    pub resource: Option<List>,
    /// `Condition`, one entry per operator and key.
    pub conditions: Vec<Condition>,
    /// Where `Condition` is.
    pub condition_at: Option<At>,
}

impl Statement {
    /// The place of its `Effect` value (of the whole statement, when it has none).
    pub fn effect_loc(&self) -> Loc {
        self.effect_text
            .as_ref()
            .map_or_else(|| self.at.value(), |e| e.at.value())
    }

    /// The statement's name in messages: its `Sid` or its index.
    pub fn name(&self, index: usize) -> String {
        match &self.sid {
            Some(s) => format!("`{}`", s.value),
            None => format!("{}", index + 1),
        }
    }
}

/// `Principal` / `NotPrincipal`.
#[derive(Clone, Debug, PartialEq)]
pub struct Principal {
    /// `NotPrincipal`.
    pub negated: bool,
    /// `"Principal": "*"`.
    pub any: bool,
    /// `(type, value)` for the object form: `AWS`, `Service`, `Federated`, `CanonicalUser`.
    pub entries: Vec<(String, Text)>,
    /// Where the member is.
    pub at: At,
}

impl Principal {
    /// Everyone: `"*"` or `{"AWS": "*"}` (also inside a list).
    pub fn is_everyone(&self) -> bool {
        self.any
            || self
                .entries
                .iter()
                .any(|(kind, v)| kind == "AWS" && v.value == "*")
    }
}

/// `Action` / `NotAction`, `Resource` / `NotResource`: a string or a list of strings.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// The `Not…` form.
    pub negated: bool,
    /// The values.
    pub items: Vec<Text>,
    /// Where the member is.
    pub at: At,
}

/// One `operator: {key: values}` entry of a `Condition`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The operator as written.
    pub operator_text: Text,
    /// The operator, when it is one.
    pub operator: Option<Operator>,
    /// The condition key as written (keys are case-insensitive).
    pub key: Text,
    /// The values.
    pub values: Vec<Text>,
}

impl Condition {
    /// Whether the key is `name`, ignoring case as IAM does.
    pub fn key_is(&self, name: &str) -> bool {
        self.key.value.eq_ignore_ascii_case(name)
    }
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gravity {
    /// AWS rejects the policy, or a part of it silently matches nothing.
    Error,
    /// Accepted and working, but not what it seems.
    Warning,
}

/// A problem of the policy itself, at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub loc: Loc,
    /// What is wrong (a sentence fragment, element names in backticks).
    pub message: String,
    /// Short label for the place.
    pub label: String,
    /// How bad.
    pub gravity: Gravity,
}

/// The outcome of parsing a policy string.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// It is JSON; the tree may still have problems.
    Policy(Box<Policy>),
    /// It is not JSON.
    Syntax(json::SyntaxError),
}

/// The versions of the policy language.
pub const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];

/// Parses a policy document as it appears once the JSON string that holds it is decoded; a text
/// escaped twice (API Gateway's `policy`) is decoded once more first, and positions then refer
/// to that innermost text.
pub fn parse(text: &str, flavor: Flavor) -> Parsed {
    let twice = crate::span::escaped_again(text);
    let text = twice.as_ref().map_or(text, |d| d.text.as_str());
    match json::parse(text) {
        Ok(root) => Parsed::Policy(Box::new(Builder::new(flavor).policy(&root))),
        Err(e) => Parsed::Syntax(e),
    }
}

/// The decoded document of a policy string: the text itself, or its second decoding.
pub fn document_text(text: &str) -> std::borrow::Cow<'_, str> {
    match crate::span::escaped_again(text) {
        Some(d) => std::borrow::Cow::Owned(d.text),
        None => std::borrow::Cow::Borrowed(text),
    }
}

fn escape_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

struct Builder {
    flavor: Flavor,
    problems: Vec<Problem>,
}

impl Builder {
    fn new(flavor: Flavor) -> Self {
        Self {
            flavor,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, loc: Loc, gravity: Gravity, message: String, label: &str) {
        self.problems.push(Problem {
            loc,
            message,
            label: label.to_owned(),
            gravity,
        });
    }

    fn error(&mut self, loc: Loc, message: String, label: &str) {
        self.problem(loc, Gravity::Error, message, label);
    }

    /// A string member, or a problem.
    fn text(&mut self, m: &Member, pointer: &str) -> Option<Text> {
        let at = at_member(m, pointer);
        match m.value.as_str() {
            Some(s) => Some(Text {
                value: s.to_owned(),
                at,
            }),
            None => {
                self.error(
                    at.value(),
                    format!("`{}` is {}, not a string", m.key, m.value.describe()),
                    "expected a string",
                );
                None
            }
        }
    }

    /// A string or list of strings.
    fn strings(&mut self, value: &Value, pointer: &str, what: &str) -> Vec<Text> {
        let one = |v: &Value, pointer: String| {
            v.as_str().map(|s| Text {
                value: s.to_owned(),
                at: At {
                    pointer,
                    key: None,
                    span: v.span,
                },
            })
        };
        match &value.kind {
            Kind::String(_) => one(value, pointer.to_owned()).into_iter().collect(),
            Kind::Array(items) => {
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    let p = format!("{pointer}/{i}");
                    match one(v, p.clone()) {
                        Some(t) => out.push(t),
                        None => self.error(
                            Loc {
                                pointer: p,
                                part: Part::Value,
                            },
                            format!("{what} is {}, not a string", v.describe()),
                            "expected a string",
                        ),
                    }
                }
                out
            }
            _ => {
                self.error(
                    Loc {
                        pointer: pointer.to_owned(),
                        part: Part::Value,
                    },
                    format!(
                        "{what} is {}, not a string or a list of strings",
                        value.describe()
                    ),
                    "expected a string or a list of strings",
                );
                Vec::new()
            }
        }
    }

    fn policy(mut self, root: &Value) -> Policy {
        let at = At {
            pointer: String::new(),
            key: None,
            span: root.span,
        };
        let mut policy = Policy {
            version: None,
            id: None,
            statements: Vec::new(),
            at: at.clone(),
            problems: Vec::new(),
        };
        let Kind::Object(members) = &root.kind else {
            self.error(
                at.value(),
                format!("the policy is {}, not an object", root.describe()),
                "expected an object with `Version` and `Statement`",
            );
            policy.problems = self.problems;
            return policy;
        };
        let mut statement: Option<&Member> = None;
        for m in effective(members) {
            let pointer = format!("/{}", escape_segment(&m.key));
            match m.key.as_str() {
                "Version" => policy.version = self.text(m, &pointer),
                "Id" => policy.id = self.text(m, &pointer),
                "Statement" => statement = Some(m),
                other => self.error(
                    at_member(m, &pointer).key(),
                    format!("unknown policy element `{other}`"),
                    "not a policy element",
                ),
            }
        }
        match statement {
            None => self.error(
                at.start(),
                "the policy has no `Statement`".into(),
                "no `Statement` in this policy",
            ),
            Some(m) => policy.statements = self.statements(m),
        }
        self.version(&policy);
        self.duplicate_sids(&policy);
        policy.problems = self.problems;
        policy
    }

    fn statements(&mut self, m: &Member) -> Vec<Statement> {
        let at = at_member(m, "/Statement");
        match &m.value.kind {
            Kind::Object(_) => self
                .statement(&m.value, "/Statement", Some(m.key_span))
                .into_iter()
                .collect(),
            Kind::Array(items) if items.is_empty() => {
                self.error(
                    at.value(),
                    "the policy's `Statement` list is empty, so it allows nothing".into(),
                    "empty statement list",
                );
                Vec::new()
            }
            Kind::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| self.statement(v, &format!("/Statement/{i}"), None))
                .collect(),
            _ => {
                self.error(
                    at.value(),
                    format!(
                        "`Statement` is {}, not an object or a list of objects",
                        m.value.describe()
                    ),
                    "expected a statement or a list of statements",
                );
                Vec::new()
            }
        }
    }

    fn statement(&mut self, v: &Value, pointer: &str, key: Option<Span>) -> Option<Statement> {
        let at = At {
            pointer: pointer.to_owned(),
            key,
            span: v.span,
        };
        let Kind::Object(members) = &v.kind else {
            self.error(
                at.value(),
                format!("a statement is {}, not an object", v.describe()),
                "expected an object",
            );
            return None;
        };
        let mut s = Statement {
            at: at.clone(),
            sid: None,
            effect_text: None,
            effect: None,
            principal: None,
            action: None,
            resource: None,
            conditions: Vec::new(),
            condition_at: None,
        };
        let mut seen_principal: Option<&Member> = None;
        let mut seen_action: Option<&Member> = None;
        let mut seen_resource: Option<&Member> = None;
        for m in effective(members) {
            let p = format!("{pointer}/{}", escape_segment(&m.key));
            let both = |first: Option<&Member>, this: &str| {
                first.filter(|f| f.key != this).map(|f| f.key.clone())
            };
            match m.key.as_str() {
                "Sid" => s.sid = self.text(m, &p),
                "Effect" => {
                    s.effect_text = self.text(m, &p);
                    s.effect = match s.effect_text.as_ref().map(|t| t.value.as_str()) {
                        Some("Allow") => Some(Effect::Allow),
                        Some("Deny") => Some(Effect::Deny),
                        Some(other) => {
                            self.error(
                                at_member(m, &p).value(),
                                format!("`Effect` is `{other}`; AWS accepts only `Allow` or `Deny` (case-sensitive)"),
                                "not `Allow` or `Deny`",
                            );
                            None
                        }
                        None => None,
                    };
                }
                "Principal" | "NotPrincipal" => {
                    if let Some(other) = both(seen_principal, &m.key) {
                        self.exclusive(m, &p, &other);
                    }
                    seen_principal = Some(m);
                    s.principal = self.principal(m, &p);
                }
                "Action" | "NotAction" => {
                    if let Some(other) = both(seen_action, &m.key) {
                        self.exclusive(m, &p, &other);
                    }
                    seen_action = Some(m);
                    let items = self.strings(&m.value, &p, &format!("an entry of `{}`", m.key));
                    for a in &items {
                        self.check_action(a);
                    }
                    s.action = Some(List {
                        negated: m.key == "NotAction",
                        items,
                        at: at_member(m, &p),
                    });
                }
                "Resource" | "NotResource" => {
                    if let Some(other) = both(seen_resource, &m.key) {
                        self.exclusive(m, &p, &other);
                    }
                    seen_resource = Some(m);
                    let items = self.strings(&m.value, &p, &format!("an entry of `{}`", m.key));
                    for r in &items {
                        self.check_resource(r);
                    }
                    s.resource = Some(List {
                        negated: m.key == "NotResource",
                        items,
                        at: at_member(m, &p),
                    });
                }
                "Condition" => {
                    s.condition_at = Some(at_member(m, &p));
                    s.conditions = self.conditions(&m.value, &p);
                }
                other => self.error(
                    at_member(m, &p).key(),
                    format!("unknown statement element `{other}`"),
                    "not a statement element",
                ),
            }
        }
        if s.effect_text.is_none() && !members.iter().any(|m| m.key == "Effect") {
            self.error(
                at.start(),
                "the statement has no `Effect`".into(),
                "no `Effect` in this statement",
            );
        }
        if seen_action.is_none() {
            self.error(
                at.start(),
                "the statement has no `Action` or `NotAction`".into(),
                "no `Action` in this statement",
            );
        }
        if seen_principal.is_none() {
            self.error(
                at.start(),
                "the statement has no `Principal`; resource policies such as this one must name it (`\"*\"` for everyone)".into(),
                "no `Principal` in this statement",
            );
        }
        if let (Some(Effect::Allow), Some(p)) = (s.effect, &s.principal) {
            if p.negated {
                self.error(
                    p.at.key(),
                    "`NotPrincipal` with `Allow` grants access to everyone except the listed principals; AWS does not support it in resource policies".into(),
                    "`NotPrincipal` in an `Allow` statement",
                );
            }
        }
        Some(s)
    }

    fn exclusive(&mut self, m: &Member, pointer: &str, other: &str) {
        self.error(
            at_member(m, pointer).key(),
            format!("a statement cannot have both `{other}` and `{}`", m.key),
            "only one of the two is allowed",
        );
    }

    fn principal(&mut self, m: &Member, pointer: &str) -> Option<Principal> {
        let at = at_member(m, pointer);
        let negated = m.key == "NotPrincipal";
        match &m.value.kind {
            Kind::String(s) if s == "*" => Some(Principal {
                negated,
                any: true,
                entries: Vec::new(),
                at,
            }),
            Kind::Object(types) => {
                let mut entries = Vec::new();
                for t in effective(types) {
                    let p = format!("{pointer}/{}", escape_segment(&t.key));
                    if !["AWS", "Service", "Federated", "CanonicalUser"].contains(&t.key.as_str()) {
                        self.error(
                            at_member(t, &p).key(),
                            format!("unknown principal type `{}`", t.key),
                            "expected `AWS`, `Service`, `Federated` or `CanonicalUser`",
                        );
                        continue;
                    }
                    let what = format!("a `{}` principal", t.key);
                    for v in self.strings(&t.value, &p, &what) {
                        entries.push((t.key.clone(), v));
                    }
                }
                Some(Principal {
                    negated,
                    any: false,
                    entries,
                    at,
                })
            }
            _ => {
                self.error(
                    at.value(),
                    format!(
                        "`{}` must be `\"*\"` or an object such as {{\"AWS\": \"arn:aws:iam::123456789012:root\"}}",
                        m.key
                    ),
                    "not `\"*\"` or a principal object",
                );
                None
            }
        }
    }

    fn conditions(&mut self, v: &Value, pointer: &str) -> Vec<Condition> {
        let mut out = Vec::new();
        let Kind::Object(ops) = &v.kind else {
            self.error(
                Loc {
                    pointer: pointer.to_owned(),
                    part: Part::Value,
                },
                format!("`Condition` is {}, not an object", v.describe()),
                "expected {\"Operator\": {\"key\": \"value\"}}",
            );
            return out;
        };
        for op in effective(ops) {
            let op_pointer = format!("{pointer}/{}", escape_segment(&op.key));
            let operator_text = Text {
                value: op.key.clone(),
                at: at_member(op, &op_pointer),
            };
            let operator = Operator::parse(&op.key);
            if operator.is_none() {
                self.error(
                    operator_text.at.key(),
                    format!("unknown condition operator `{}`", op.key),
                    "not a condition operator",
                );
            }
            let Kind::Object(keys) = &op.value.kind else {
                self.error(
                    operator_text.at.value(),
                    format!(
                        "the `{}` condition is {}, not an object of keys and values",
                        op.key,
                        op.value.describe()
                    ),
                    "expected {\"key\": \"value\"}",
                );
                continue;
            };
            for k in effective(keys) {
                let p = format!("{op_pointer}/{}", escape_segment(&k.key));
                let values = self.condition_values(&k.value, &p, &k.key);
                out.push(Condition {
                    operator_text: operator_text.clone(),
                    operator,
                    key: Text {
                        value: k.key.clone(),
                        at: at_member(k, &p),
                    },
                    values,
                });
            }
        }
        out
    }

    fn condition_values(&mut self, v: &Value, pointer: &str, key: &str) -> Vec<Text> {
        let scalar = |v: &Value, pointer: String| {
            let value = match &v.kind {
                Kind::String(s) => s.clone(),
                Kind::Number(n) => n.clone(),
                Kind::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some(Text {
                value,
                at: At {
                    pointer,
                    key: None,
                    span: v.span,
                },
            })
        };
        let items: Vec<(&Value, String)> = match &v.kind {
            Kind::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, x)| (x, format!("{pointer}/{i}")))
                .collect(),
            _ => vec![(v, pointer.to_owned())],
        };
        let mut out = Vec::new();
        for (x, p) in items {
            match scalar(x, p.clone()) {
                Some(t) => out.push(t),
                None => self.error(
                    Loc {
                        pointer: p,
                        part: Part::Value,
                    },
                    format!("a value of condition key `{key}` is {}", x.describe()),
                    "expected a string, number or boolean",
                ),
            }
        }
        out
    }

    fn check_action(&mut self, a: &Text) {
        if a.value == "*" {
            return;
        }
        let ok = a.value.split_once(':').is_some_and(|(service, name)| {
            !service.is_empty()
                && !name.is_empty()
                && service
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '*' | '?'))
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '?'))
        });
        if !ok {
            self.error(
                a.at.value(),
                format!("action `{}` is not of the form `service:Action`", a.value),
                "expected `service:Action`, wildcards allowed",
            );
        }
    }

    fn check_resource(&mut self, r: &Text) {
        if r.value == "*" {
            return;
        }
        if self.flavor == Flavor::RestApi && r.value.starts_with("execute-api:/") {
            return;
        }
        match Arn::parse(&r.value) {
            None => self.error(
                r.at.value(),
                format!("resource `{}` is neither `*` nor an ARN", r.value),
                "expected `*` or `arn:partition:service:region:account:resource`",
            ),
            Some(arn) if self.flavor == Flavor::Endpoint && mixes_id_and_wildcard(arn.account) => {
                self.error(
                    r.at.value(),
                    format!(
                        "the account field `{}` of resource `{}` mixes digits and wildcards; endpoint policies accept an account id or a wildcard, not both",
                        arn.account, r.value
                    ),
                    "account id and wildcard mixed",
                );
            }
            Some(_) => {}
        }
    }

    /// `2008-10-17` (also the default when `Version` is missing) leaves policy variables as
    /// literal text; any other value is rejected.
    fn version(&mut self, policy: &Policy) {
        let variable = policy.statements.iter().find_map(|s| {
            let resources = s.resource.iter().flat_map(|r| &r.items);
            let conditions = s.conditions.iter().flat_map(|c| &c.values);
            resources
                .chain(conditions)
                .find_map(|t| policy_variable(&t.value).map(|v| (v.to_owned(), t.at.clone())))
        });
        match (&policy.version, variable) {
            (Some(v), _) if !VERSIONS.contains(&v.value.as_str()) => self.error(
                v.at.value(),
                format!("unknown policy `Version` `{}`", v.value),
                "expected `2012-10-17`",
            ),
            (Some(v), Some((var, _))) if v.value == "2008-10-17" => self.error(
                v.at.value(),
                format!("`Version` `2008-10-17` takes the policy variable `{var}` literally; it needs `2012-10-17`"),
                "policy variables need `2012-10-17`",
            ),
            (None, Some((var, _))) => self.error(
                policy.at.start(),
                format!("the policy has no `Version`, so AWS reads it as `2008-10-17` and takes the policy variable `{var}` literally"),
                "no `Version` in this policy",
            ),
            (None, None) => self.problem(
                policy.at.start(),
                Gravity::Warning,
                "the policy has no `Version`, so AWS reads it as `2008-10-17`, whose policy variables are literal text".into(),
                "no `Version` in this policy",
            ),
            _ => {}
        }
    }

    fn duplicate_sids(&mut self, policy: &Policy) {
        let sids: Vec<&Text> = policy
            .statements
            .iter()
            .filter_map(|s| s.sid.as_ref())
            .collect();
        for (i, sid) in sids.iter().enumerate() {
            if sids[..i].iter().any(|s| s.value == sid.value) {
                self.error(
                    sid.at.value(),
                    format!(
                        "`Sid` `{}` is used by an earlier statement; statement ids must be unique",
                        sid.value
                    ),
                    "duplicate `Sid`",
                );
            }
        }
    }
}

/// The members of an object that count: of a repeated name, only the last, which is the one
/// serde_json keeps and the one a pointer names (the span locator's rule), so that every element
/// and problem of the tree can be placed by its pointer.
fn effective(members: &[Member]) -> impl Iterator<Item = &Member> {
    members
        .iter()
        .enumerate()
        .filter(move |(i, m)| {
            let later = members.get(i + 1..).unwrap_or_default();
            !later.iter().any(|l| l.key == m.key)
        })
        .map(|(_, m)| m)
}

fn at_member(m: &Member, pointer: &str) -> At {
    At {
        pointer: pointer.to_owned(),
        key: Some(m.key_span),
        span: m.value.span,
    }
}

fn mixes_id_and_wildcard(account: &str) -> bool {
    account.chars().any(|c| c.is_ascii_digit()) && account.chars().any(|c| c == '*' || c == '?')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str) -> Policy {
        match parse(text, Flavor::Endpoint) {
            Parsed::Policy(p) => *p,
            Parsed::Syntax(e) => panic!("{e:?}"),
        }
    }

    fn messages(text: &str) -> Vec<String> {
        policy(text)
            .problems
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn tree_keeps_pointers_and_spans() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Principal":{"AWS":["111122223333","*"],"Service":"sns.amazonaws.com"},"NotAction":"s3:Delete*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":["o-1/*"]},"Bool":{"aws:SecureTransport":true}}}}"#;
        let p = policy(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let s = &p.statements[0];
        assert_eq!(s.at.pointer, "/Statement");
        let principal = s.principal.as_ref().expect("principal");
        assert!(principal.is_everyone() && !principal.any);
        let (kind, star) = &principal.entries[1];
        assert_eq!(
            (kind.as_str(), star.at.pointer.as_str()),
            ("AWS", "/Statement/Principal/AWS/1")
        );
        assert_eq!(&text[star.at.span.start..star.at.span.end], "\"*\"");
        let key = principal.at.key.expect("a member");
        assert_eq!(&text[key.start..key.end], "\"Principal\"");
        assert!(s.action.as_ref().is_some_and(|a| a.negated));
        assert_eq!(s.conditions.len(), 2);
        assert_eq!(
            s.conditions[0].key.at.pointer,
            "/Statement/Condition/ForAnyValue:StringLike/aws:PrincipalOrgPaths"
        );
        assert_eq!(s.conditions[1].values[0].value, "true");
    }

    #[test]
    fn pointer_segments_are_escaped() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team~x":"a"}}}]}"#,
        );
        assert_eq!(
            p.statements[0].conditions[0].key.at.pointer,
            "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team~0x"
        );
    }

    #[test]
    fn structural_problems() {
        let m = messages(
            r#"{"Version":"2012-10-17","Statment":[],"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:root","Action":"s3:GetObject","NotAction":"s3:Put*","Resource":["*",3],"Condition":{"StringEquals":"x"},"Extra":1},"nope"]}"#,
        );
        assert_eq!(
            m,
            vec![
                "unknown policy element `Statment`",
                "`Principal` must be `\"*\"` or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}",
                "a statement cannot have both `Action` and `NotAction`",
                "an entry of `Resource` is a number, not a string",
                "the `StringEquals` condition is a string, not an object of keys and values",
                "unknown statement element `Extra`",
                "a statement is a string, not an object",
            ]
        );
        assert_eq!(
            messages(r#"{"Version":"2012-10-17","Statement":[{"Principal":"*","Resource":"*"}]}"#),
            vec![
                "the statement has no `Effect`",
                "the statement has no `Action` or `NotAction`"
            ]
        );
        assert_eq!(
            messages("[]"),
            vec!["the policy is an array, not an object"]
        );
        assert_eq!(
            messages(r#"{"Version":"2012-10-17"}"#),
            vec!["the policy has no `Statement`"]
        );
    }

    #[test]
    fn versions_and_variables() {
        let with = |v: &str| {
            format!(
                r#"{{{v}"Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${{aws:username}}/*"}}]}}"#
            )
        };
        assert!(messages(&with(r#""Version":"2012-10-17","#)).is_empty());
        assert_eq!(
            messages(&with("")),
            vec!["the policy has no `Version`, so AWS reads it as `2008-10-17` and takes the policy variable `${aws:username}` literally"]
        );
        let p = policy(&with(r#""Version":"2008-10-17","#));
        assert_eq!(p.problems[0].gravity, Gravity::Error);
        assert_eq!(
            p.problems[0].loc,
            Loc {
                pointer: "/Version".into(),
                part: Part::Value
            }
        );
        let default = r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;
        assert!(messages(default).is_empty());
    }

    #[test]
    fn resources_by_flavor() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["execute-api:/*","arn:aws:s3:::b","arn:aws:sqs:eu-west-1:12345678901*:q"]}]}"#;
        let endpoint: Vec<String> = match parse(text, Flavor::Endpoint) {
            Parsed::Policy(p) => p.problems.into_iter().map(|p| p.message).collect(),
            Parsed::Syntax(e) => panic!("{e:?}"),
        };
        assert_eq!(endpoint.len(), 2, "{endpoint:?}");
        assert!(endpoint[0].starts_with("resource `execute-api:/*` is neither"));
        assert!(endpoint[1].contains("mixes digits and wildcards"));
        let Parsed::Policy(api) = parse(text, Flavor::RestApi) else {
            panic!("json")
        };
        assert!(api.problems.is_empty(), "{:?}", api.problems);
    }

    // Found by the `policy` fuzz target: a problem inside a member repeated later in its object
    // pointed at `/Statement/0/Principal/A0_S`, which the pointer cannot name (the last
    // `Principal` wins, as in serde_json and the span locator).
    #[test]
    fn repeated_members_last_wins_and_every_problem_has_a_place() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"A0_S": "arn:aws:iam::123456789012:role/app"}, "Action": "sqs:*",
            "Resource": "*", "Principal": {"AWS": "*"}}]}"#;
        let p = policy(text);
        assert!(p.statements[0]
            .principal
            .as_ref()
            .is_some_and(Principal::is_everyone));
        for problem in &p.problems {
            let target = crate::span::Target {
                pointer: problem.loc.pointer.clone(),
                inner: None,
                part: problem.loc.part,
            };
            let found = crate::span::locate_all(text, &[target]).pop().flatten();
            assert!(found.is_some(), "{problem:?}");
        }
        assert!(!messages(text).iter().any(|m| m.contains("A0_S")));
    }

    #[test]
    fn escaped_twice_and_syntax_errors() {
        let twice = r#"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:\/*\"}]}"#;
        let Parsed::Policy(p) = parse(twice, Flavor::RestApi) else {
            panic!("json")
        };
        assert_eq!(p.statements[0].effect, Some(Effect::Deny));
        assert_eq!(document_text(twice).find("\"Effect\""), Some(38));
        match parse("{\"Version\": 1,}", Flavor::Endpoint) {
            Parsed::Syntax(e) => assert_eq!(e.offset, 14),
            Parsed::Policy(_) => panic!("not JSON"),
        }
    }
}
