//! The Terraform plan loader: `terraform show -json plan.out` to model resources.
//!
//! A plan is recognised by its content (`format_version` and `planned_values`; checkov's
//! hand-made fixtures have `planned_values` alone, which is accepted too). Its planned
//! resources become the same Estate as an export: nested modules (`child_modules`), `count`
//! and `for_each` instances, inline and separate rules. Values known only after apply are
//! followed through the `configuration` references ([`resolve`]); resources planned for
//! deletion are left out, and the ids they had are removed from exports given beside the plan.

mod address;
mod attrs;
mod lower;
mod naming;
mod plan;
mod resolve;

use std::path::Path;

use super::error::{InputError, InputErrorKind};
use super::kinds::{Kind, ATTRIBUTE_KEYS, IGNORED_KEYS, TERRAFORM_KEYS};
use super::partial::Partial;
use super::problem::{finish, strip_position, At, Problem};
use crate::model::FileId;
use crate::span::{locate_all, Part, Target};

/// How to produce the input this loader reads.
const RECIPE: &str =
    "the plan as JSON: `terraform plan -out plan.out && terraform show -json plan.out > plan.json`";

/// Whether `text` is Terraform's JSON (a plan, a state, or the UI stream) rather than AWS CLI
/// output. Looks at the first top-level key only, unless it is neither an AWS CLI key nor a
/// Terraform one (a plan whose keys were sorted): then at whether `planned_values` exists.
pub(crate) fn is_terraform(text: &str) -> bool {
    match first_key(text) {
        None => false,
        Some(k) if TERRAFORM_KEYS.contains(&k.as_str()) => true,
        Some(k)
            if Kind::from_key(&k).is_some()
                || ATTRIBUTE_KEYS.contains(&k.as_str())
                || IGNORED_KEYS.contains(&k.as_str()) =>
        {
            false
        }
        Some(_) => {
            let target = |p: &str| Target {
                pointer: p.to_owned(),
                inner: None,
                part: Part::Key,
            };
            locate_all(
                text,
                &[target("/planned_values"), target("/format_version")],
            )
            .iter()
            .any(Option::is_some)
        }
    }
}

/// The first member name of a top-level object.
fn first_key(text: &str) -> Option<String> {
    let rest = text.trim_start_matches('\u{feff}').trim_start();
    let rest = rest.strip_prefix('{')?.trim_start();
    let body = rest.strip_prefix('"')?;
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return serde_json::from_str(rest.get(..i + 2)?).ok(),
            _ => i += 1,
        }
    }
    None
}

/// Loads a plan's text.
pub(crate) fn load(file: FileId, path: &Path, text: &str) -> Result<Partial, Vec<InputError>> {
    let plan = match plan::parse(text) {
        Ok(plan) => plan,
        Err(e) => return Err(finish(path, text, vec![parse_problem(text, &e)])),
    };
    let mut problems = Vec::new();
    let unknown = |message: &str, at: At| Problem {
        kind: InputErrorKind::UnknownKind,
        message: message.to_owned(),
        expected: RECIPE.to_owned(),
        at,
    };
    if plan.ui_message {
        problems.push(ui_stream());
    } else if plan.planned.is_none() {
        problems.push(if plan.state_values {
            unknown(
                "this is a Terraform state (`terraform show -json` without a plan file), not a plan",
                At::Pointer("/values".into(), Part::Key),
            )
        } else {
            unknown(
                "Terraform JSON without `planned_values`",
                At::Pointer(String::new(), Part::Value),
            )
        });
    }
    if let Some(v) = &plan.format_version {
        let major = v.split('.').next().and_then(|m| m.parse::<u32>().ok());
        if major.is_none_or(|m| m > 1) {
            problems.push(Problem {
                kind: InputErrorKind::InvalidValue,
                message: format!("unsupported plan format version `{v}`"),
                expected: "format 0.x or 1.x (Terraform 0.12 to 1.x)".into(),
                at: At::Pointer("/format_version".into(), Part::Value),
            });
        }
    }
    if plan.errored {
        problems.push(Problem {
            kind: InputErrorKind::InvalidValue,
            message: "Terraform could not finish this plan (`errored: true`), so its planned values are incomplete".into(),
            expected: "a plan that `terraform plan` completed without errors".into(),
            at: At::Pointer("/errored".into(), Part::Value),
        });
    }
    if plan.incomplete {
        problems.push(Problem {
            kind: InputErrorKind::InvalidValue,
            message: "the plan defers some changes to a later plan (`complete: false`), so it does not describe the whole configuration".into(),
            expected: "a complete plan (apply the deferred changes first, or plan them with their prerequisites)".into(),
            at: At::Pointer("/complete".into(), Part::Value),
        });
    }
    if !problems.is_empty() {
        return Err(finish(path, text, problems));
    }
    let (partial, invalid) = lower::lower(file, &plan);
    // Freeing the document's many small strings takes a while; nothing waits for it.
    rayon::spawn(move || drop(plan));
    if invalid.is_empty() {
        return Ok(partial);
    }
    let problems = invalid
        .into_iter()
        .map(|i| Problem {
            kind: InputErrorKind::InvalidValue,
            message: i.message,
            expected: i.expected,
            at: At::Pointer(i.pointer, Part::Value),
        })
        .collect();
    Err(finish(path, text, problems))
}

fn ui_stream() -> Problem {
    Problem {
        kind: InputErrorKind::UnknownKind,
        message:
            "this is the `terraform plan -json` UI stream (one JSON message per line), not a plan"
                .into(),
        expected: RECIPE.to_owned(),
        at: At::Offset(0),
    }
}

/// Why the typed read failed: the UI stream (several objects), bad JSON, or a wrong type.
fn parse_problem(text: &str, typed: &serde_json::Error) -> Problem {
    let first_line = text.lines().next().unwrap_or_default();
    let ui = serde_json::from_str::<serde_json::Value>(first_line)
        .ok()
        .and_then(|v| {
            v.as_object()
                .map(|o| o.contains_key("@level") || o.contains_key("@message"))
        })
        .unwrap_or(false);
    if ui {
        return ui_stream();
    }
    let problem = |kind, e: &serde_json::Error, expected: String| Problem {
        kind,
        message: strip_position(e),
        expected,
        at: At::LineCol(e.line(), e.column()),
    };
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Err(syntax) => problem(InputErrorKind::Syntax, &syntax, "valid JSON".into()),
        Ok(_) => problem(
            InputErrorKind::Schema,
            typed,
            format!("{RECIPE}, as Terraform writes it"),
        ),
    }
}
