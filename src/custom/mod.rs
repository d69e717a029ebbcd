//! Custom rules without Rust: JSON files named by `custom-rules` in `vpclint.toml`, each a JSON
//! Schema applied to every resource of one kind in its AWS CLI (`describe-*`) shape.
//!
//! ```json
//! { "name": "endpoint-owner-tag", "code": "ORG001", "severity": "warning",
//!   "resource": "vpc-endpoint", "message": "Endpoint `{id}` breaks the tagging policy",
//!   "schema": { "required": ["Tags"] } }
//! ```
//!
//! A resource that does not validate gets one finding per schema error, located where the error
//! points: the resource's own object in the export, resolved from its origin pointer. Files are
//! read again (lazily, once each) only for the kinds that custom rules target. A string with
//! `"contentMediaType": "application/json"` is validated against its `contentSchema` (which JSON
//! Schema itself leaves as an annotation), so a rule can look inside an endpoint's
//! `PolicyDocument`, and its findings point inside the embedded policy.

mod keyword;
mod load;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use rayon::prelude::*;
use serde_json::Value;

use crate::finding::{Finding, Remedy, ResourceRef, Spot};
use crate::meta::RuleMeta;
use crate::model::{Estate, FileId, Tagged};
use crate::source::SourceMap;
use crate::span::{Part, Target};

pub use load::load;

/// A loaded custom rule.
pub struct CustomRule {
    /// Its metadata, as every rule has (leaked once per loaded rule: findings refer to rules
    /// by `&'static`).
    pub def: &'static RuleMeta,
    /// The resource kind it applies to.
    pub kind: &'static str,
    message: String,
    help: String,
    schema: Value,
    validator: Validator,
}

impl std::fmt::Debug for CustomRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CustomRule")
            .field("code", &self.def.code)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Runs every custom rule on the resources of its kind, files in parallel.
pub fn run(rules: &[Arc<CustomRule>], estate: &Estate, sources: &SourceMap) -> Vec<Finding> {
    let kinds: BTreeSet<&str> = rules.iter().map(|r| r.kind).collect();
    if kinds.is_empty() {
        return Vec::new();
    }
    let mut by_file: BTreeMap<FileId, Vec<Tagged<'_>>> = BTreeMap::new();
    for t in estate.tagged() {
        if kinds.contains(t.kind) {
            by_file.entry(t.origin.file).or_default().push(t);
        }
    }
    let files: Vec<(FileId, Vec<Tagged<'_>>)> = by_file.into_iter().collect();
    files
        .par_iter()
        .flat_map_iter(|(file, resources)| {
            // The file loaded once already, so it parses; if it changed since, say nothing
            // rather than report on content the rules did not see.
            let doc: Option<Value> = sources
                .text(*file)
                .and_then(|text| serde_json::from_str(&text).ok());
            let mut out = Vec::new();
            if let Some(doc) = doc {
                for t in resources {
                    let Some(object) = doc.pointer(&t.origin.pointer) else {
                        continue;
                    };
                    for rule in rules.iter().filter(|r| r.kind == t.kind) {
                        out.extend(check(rule, t, object));
                    }
                }
            }
            out
        })
        .collect()
}

fn check(rule: &CustomRule, t: &Tagged<'_>, object: &Value) -> Vec<Finding> {
    rule.validator
        .iter_errors(object)
        .map(|error| {
            let instance = error.instance_path().as_str().to_owned();
            let (inner, detail) = match keyword::decode(&error) {
                Some(decoded) => decoded,
                None => (None, detail(&rule.schema, &error)),
            };
            let message = format!("{}: {detail}", rule.message.replace("{id}", t.id));
            let spot = Spot {
                file: t.origin.file,
                target: Target {
                    pointer: format!("{}{instance}", t.origin.pointer),
                    inner: inner.clone(),
                    part: Part::Value,
                },
            };
            let key = format!(
                "{}{instance}{}",
                error.schema_path().as_str(),
                inner.unwrap_or_default()
            );
            let mut f = Finding::new(
                rule.def,
                ResourceRef::at(t.kind, t.id, &t.scope, t.origin),
                message,
            )
            .at(spot, detail)
            .key(key);
            if !rule.help.is_empty() {
                f = f.remedy(Remedy::say(rule.help.replace("{id}", t.id)));
            }
            f
        })
        .collect()
}

/// What an error means to a reader: the `description` of the schema object whose keyword
/// failed, when the rule's author wrote one; else a short account of the keyword.
pub(crate) fn detail(schema: &Value, error: &ValidationError<'_>) -> String {
    let path = error.schema_path().as_str();
    let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
    if let Some(d) = schema
        .pointer(parent)
        .and_then(|s| s.get("description"))
        .and_then(Value::as_str)
    {
        return d.to_owned();
    }
    let instance = error.instance_path().as_str();
    let member = instance
        .rsplit('/')
        .next()
        .filter(|m| !m.is_empty())
        .map(|m| format!("`{}` ", m.replace("~1", "/").replace("~0", "~")))
        .unwrap_or_default();
    let text = match error.kind() {
        ValidationErrorKind::Required { property } => {
            return format!("`{}` is missing", property.as_str().unwrap_or_default());
        }
        ValidationErrorKind::Not { .. } => "matches a schema it must not match".to_owned(),
        ValidationErrorKind::Contains => "has no item that matches".to_owned(),
        ValidationErrorKind::Constant { expected_value } => format!("must be {expected_value}"),
        ValidationErrorKind::Enum { options } => format!("must be one of {options}"),
        ValidationErrorKind::Pattern { pattern } => format!("does not match `{pattern}`"),
        ValidationErrorKind::FalseSchema => "is not allowed".to_owned(),
        _ => {
            let mut s = error.to_string();
            if s.chars().count() > 160 {
                s = s.chars().take(157).collect::<String>() + "...";
            }
            s
        }
    };
    format!("{member}{text}")
}
