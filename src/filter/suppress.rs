//! `[[suppress]]` entries of `vpclint.toml`: a reviewed "this one is intended", by rule and
//! resource, with a reason and an optional expiry date.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use super::date::Date;
use crate::finding::Finding;
use crate::meta::RuleMeta;
use crate::report::Location;
use crate::source::Position;
use crate::span::{LineIndex, Span};

/// One `[[suppress]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSuppress {
    rule: Spanned<String>,
    resource: Spanned<String>,
    reason: Spanned<String>,
    expires: Option<Spanned<toml::Value>>,
}

/// A validated suppression.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The rule it applies to.
    pub rule: &'static RuleMeta,
    /// The resource id, ARN or glob as written.
    pub resource: String,
    matcher: GlobMatcher,
    /// Why the finding is intended.
    pub reason: String,
    /// The last day it applies.
    pub expires: Option<Date>,
    /// Where the entry is.
    pub location: Location,
    /// The configuration's text and the entry's span, for snippets.
    pub snippet: (Arc<String>, Span),
}

impl Suppression {
    /// Whether it hides `f`: same rule, and the pattern matches the resource's id or ARN.
    pub fn matches(&self, f: &Finding) -> bool {
        std::ptr::eq(self.rule, f.rule)
            && (self.matcher.is_match(&f.resource.id)
                || f.resource.arn().is_some_and(|a| self.matcher.is_match(a)))
    }

    /// Whether it no longer applies on `today`.
    pub fn expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| today > e)
    }
}

/// A problem of the configuration: its span, message and what was expected.
pub type Problem = (Option<Range<usize>>, String, String);

/// The place of a span of the configuration file.
pub fn location(path: &Path, text: &str, span: &Range<usize>, pointer: String) -> Location {
    let lines = LineIndex::new(text);
    let (line, column) = lines.line_col(text, span.start);
    let (end_line, end_column) = lines.line_col(text, span.end);
    Location {
        file: path.display().to_string(),
        position: Position {
            line,
            column,
            end_line,
            end_column,
        },
        pointer,
        inner: None,
    }
}

/// Validates the entries: the rule must exist (`universe` holds the registry and the custom
/// rules), the resource pattern must be a valid glob, the reason must say something and
/// `expires` must be a date.
pub fn compile(
    raw: Vec<Spanned<RawSuppress>>,
    universe: &[&'static RuleMeta],
    path: &Path,
    text: &Arc<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (i, entry) in raw.into_iter().enumerate() {
        let span = entry.span();
        let entry = entry.into_inner();
        let rule_key = entry.rule.get_ref().trim();
        let rule = universe
            .iter()
            .copied()
            .find(|r| r.code.eq_ignore_ascii_case(rule_key) || r.name == rule_key);
        if rule.is_none() {
            problems.push((
                Some(entry.rule.span()),
                format!("unknown rule `{rule_key}` in [[suppress]]"),
                "a rule code or name, see `vpclint rules`".into(),
            ));
        }
        let pattern = entry.resource.get_ref().trim().to_owned();
        let matcher = match Glob::new(&pattern) {
            Ok(g) if !pattern.is_empty() => Some(g.compile_matcher()),
            Ok(_) => {
                problems.push((
                    Some(entry.resource.span()),
                    "empty resource in [[suppress]]".into(),
                    "a resource id (`vpce-0a1b2c3d`), an ARN or a glob (`vpce-*`)".into(),
                ));
                None
            }
            Err(e) => {
                problems.push((
                    Some(entry.resource.span()),
                    format!("invalid resource pattern `{pattern}`: {}", e.kind()),
                    "a resource id, an ARN or a glob with `*`, `?`, `[…]` or `{a,b}`".into(),
                ));
                None
            }
        };
        let reason = entry.reason.get_ref().trim().to_owned();
        if reason.is_empty() {
            problems.push((
                Some(entry.reason.span()),
                "empty reason in [[suppress]]".into(),
                "a reason that tells a reviewer why the finding is intended".into(),
            ));
        }
        let expires = match &entry.expires {
            None => Some(None),
            Some(v) => {
                let text = match v.get_ref() {
                    toml::Value::Datetime(d) => d.to_string(),
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                match super::date::parse(&text) {
                    Some(d) => Some(Some(d)),
                    None => {
                        problems.push((
                            Some(v.span()),
                            format!("invalid expiry date `{text}`"),
                            "a date such as 2026-06-30 (the last day the suppression applies)"
                                .into(),
                        ));
                        None
                    }
                }
            }
        };
        if let (Some(rule), Some(matcher), Some(expires)) = (rule, matcher, expires) {
            let location = location(path, text, &span, format!("/suppress/{i}"));
            out.push(Suppression {
                rule,
                resource: pattern,
                matcher,
                reason,
                expires,
                location,
                snippet: (
                    text.clone(),
                    Span {
                        start: span.start,
                        end: span.end,
                    },
                ),
            });
        }
    }
    out
}
