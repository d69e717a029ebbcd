//! The policy target: a policy string through parse, validate (the problems the builder finds)
//! and evaluate (every helper the policy rules use).

use vpclint::policy::document::{self, Flavor, Parsed};
use vpclint::policy::eval::{self, Invoke};
use vpclint::policy::json;
use vpclint::policy::{At, Policy, Text};
use vpclint::span::{locate_all, Part, Target};

use crate::invariants::span_in;

/// Checks one place of the tree: inside the text, and where the locator finds its pointer.
fn at(text: &str, a: &At, what: &str) {
    span_in(text, a.span, what);
    if let Some(k) = a.key {
        span_in(text, k, what);
    }
    let located = locate_all(
        text,
        &[Target {
            pointer: a.pointer.clone(),
            inner: None,
            part: Part::Value,
        }],
    );
    assert_eq!(
        located.first().copied().flatten(),
        Some(a.span),
        "{what}: the locator does not find `{}` where the parser put it",
        a.pointer
    );
}

fn texts(p: &Policy) -> Vec<(&'static str, &Text)> {
    let mut out: Vec<(&'static str, &Text)> = Vec::new();
    out.extend(p.version.iter().map(|t| ("Version", t)));
    out.extend(p.id.iter().map(|t| ("Id", t)));
    for s in &p.statements {
        out.extend(s.sid.iter().map(|t| ("Sid", t)));
        out.extend(s.effect_text.iter().map(|t| ("Effect", t)));
        if let Some(pr) = &s.principal {
            out.extend(pr.entries.iter().map(|(_, t)| ("Principal", t)));
        }
        for l in s.action.iter().chain(&s.resource) {
            out.extend(l.items.iter().map(|t| ("Action/Resource", t)));
        }
        for c in &s.conditions {
            out.push(("Condition operator", &c.operator_text));
            out.push(("Condition key", &c.key));
            out.extend(c.values.iter().map(|t| ("Condition value", t)));
        }
    }
    out
}

fn check_policy(text: &str, p: &Policy) {
    at(text, &p.at, "policy");
    for s in &p.statements {
        at(text, &s.at, "statement");
        for a in [
            s.principal.as_ref().map(|x| &x.at),
            s.action.as_ref().map(|x| &x.at),
            s.resource.as_ref().map(|x| &x.at),
            s.condition_at.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            at(text, a, "statement member");
        }
    }
    for (what, t) in texts(p) {
        // Members are located by pointer; condition operators and keys are member names, whose
        // values the pointer names.
        span_in(text, t.at.span, what);
    }
    for problem in &p.problems {
        let located = locate_all(
            text,
            &[Target {
                pointer: problem.loc.pointer.clone(),
                inner: None,
                part: problem.loc.part,
            }],
        );
        let Some(span) = located.first().copied().flatten() else {
            panic!(
                "problem `{}` at `{}` ({:?}) has no place in the policy",
                problem.message, problem.loc.pointer, problem.loc.part
            );
        };
        span_in(text, span, "problem");
    }
    // Evaluation, as the policy rules use it.
    let _ = eval::open_statements(p);
    let invoke = Invoke {
        api_id: "k3x9p2m7qa",
        region: Some("eu-west-1"),
        account: Some("123456789012"),
        vpce: "vpce-1accc16ca2aea0f94",
        vpc: "vpc-def7c8fac5667e25d",
    };
    let anywhere = Invoke {
        region: None,
        account: None,
        ..invoke
    };
    for s in &p.statements {
        let _ = eval::principal_is_everyone(s);
        for service in [None, Some("s3"), Some("execute-api")] {
            let _ = eval::grants_everything(s, service);
        }
        for c in &s.conditions {
            let _ = eval::narrows_who(c);
            let _ = invoke.condition(c);
        }
        for i in [&invoke, &anywhere] {
            let _ = i.conditions(s);
            let _ = i.action(s);
            let _ = i.resource(s);
            for (_, t) in texts(p) {
                let _ = i.resource_matches(&t.value);
            }
        }
    }
    let _ = invoke.denied_by(p);
    let _ = invoke.allowed(p);
    let _ = anywhere.denied_by(p);
    let _ = anywhere.allowed(p);
}

/// How deep arrays and objects nest in `text` (ignoring brackets in strings roughly is enough:
/// this only decides whether the two parsers' depth limits may differ).
fn depth(text: &str) -> usize {
    let (mut d, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                d += 1;
                max = max.max(d);
            }
            b']' | b'}' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// A policy document (the decoded string of `PolicyDocument`, or `policy`).
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = document::document_text(text);
    // The span-keeping parser accepts exactly what serde_json accepts (below both depth limits).
    if depth(&doc) < 60 {
        let ours = json::parse(&doc);
        // The policy parser skips a leading byte order mark, as the span locator does.
        let theirs =
            serde_json::from_str::<serde_json::Value>(doc.strip_prefix('\u{feff}').unwrap_or(&doc));
        // Numbers are kept as written; serde_json rejects those beyond f64.
        let out_of_range = theirs
            .as_ref()
            .is_err_and(|e| e.to_string().starts_with("number out of range"));
        assert!(
            ours.is_ok() == theirs.is_ok() || out_of_range && ours.is_ok(),
            "the policy parser and serde_json disagree: {:?} / {:?}",
            ours.as_ref().err(),
            theirs.as_ref().err()
        );
        if let Ok(v) = &ours {
            span_in(&doc, v.span, "parsed value");
        }
        if let (Ok(v), Ok(theirs)) = (&ours, &theirs) {
            // Pretty-printing keeps the value.
            let again = json::pretty(v);
            let reparsed: serde_json::Value =
                serde_json::from_str(&again).expect("the pretty printer writes JSON");
            assert_eq!(&reparsed, theirs, "pretty printing changed the value");
        }
    }
    for flavor in [Flavor::Endpoint, Flavor::RestApi] {
        match document::parse(text, flavor) {
            Parsed::Policy(p) => check_policy(&doc, &p),
            Parsed::Syntax(e) => {
                assert!(
                    e.offset <= doc.len() && doc.is_char_boundary(e.offset),
                    "syntax error offset {} outside the document or inside a character",
                    e.offset
                );
            }
        }
    }
}
