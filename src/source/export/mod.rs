//! The exported-JSON loader: one file of AWS CLI output to model resources.

mod lower;
mod parse;
mod range;
mod records;
mod schemas;

use std::path::Path;
use std::sync::Arc;

use super::error::{InputError, InputErrorKind};
use super::foreign::{self, Foreign};
use super::kinds;
use super::partial::Partial;
use super::problem::{finish, strip_position, At, Problem};
use super::schema;
use crate::model::{FileId, Scope};
use crate::span::Part;

pub use schemas::derived_schema;

/// Why a file gave no data.
pub(crate) enum Unread {
    /// It is an input, with these problems.
    Invalid(Vec<InputError>),
    /// It is plainly something else; `error` says so, for a file the user named.
    Foreign {
        /// What it is.
        what: Foreign,
        /// The error to report when the file was named on the command line (boxed: it is the
        /// rare case, and would make every result as large).
        error: Box<InputError>,
    },
}

/// Reads and loads one file: every problem of the file is returned, each with its place.
pub(crate) fn load_file(file: FileId, path: &Path, scope: Scope) -> Result<Partial, Unread> {
    let bytes = std::fs::read(path).map_err(|e| {
        Unread::Invalid(vec![InputError::at_path(
            InputErrorKind::Io,
            path,
            format!("cannot read file: {e}"),
        )])
    })?;
    let problem = |kind, message: String| Problem {
        kind,
        message,
        expected: String::new(),
        at: At::Offset(0),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let byte = bytes.get(valid).copied().unwrap_or_default();
            let prefix = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
            let mut p = problem(
                InputErrorKind::NotUtf8,
                format!("invalid UTF-8 byte 0x{byte:02x}"),
            );
            p.expected = "UTF-8 text, as the AWS CLI writes it".into();
            p.at = At::Offset(valid);
            return Err(Unread::Invalid(finish(path, &prefix, vec![p])));
        }
    };
    // Shared rather than copied: a plan's text is kept for placing its findings.
    load_text(file, path, &Arc::new(text), scope)
}

/// Loads one document already in memory (read from AWS, or from a file); `path` names it in
/// messages. A document that does not load is looked at again, to tell a broken input from a
/// file that is something else.
pub(crate) fn load_text(
    file: FileId,
    path: &Path,
    text: &Arc<String>,
    scope: Scope,
) -> Result<Partial, Unread> {
    load_input(file, path, text, scope).map_err(|errors| match foreign::recognise(text) {
        Some(what) => Unread::Foreign {
            what,
            error: Box::new(foreign_error(path, text, what)),
        },
        None => Unread::Invalid(errors),
    })
}

/// The error for a foreign file named on the command line: what it is, at its start.
fn foreign_error(path: &Path, text: &str, what: Foreign) -> InputError {
    let problem = Problem {
        kind: InputErrorKind::UnknownKind,
        message: what.description(),
        expected: "an input vpclint reads (`vpclint schema` lists them): leave this file off the \
                   command line (a directory walk skips it with a warning)"
            .into(),
        at: At::Offset(0),
    };
    finish(path, text, vec![problem]).pop().unwrap_or_else(|| {
        InputError::at_path(InputErrorKind::UnknownKind, path, what.description())
    })
}

/// Loads one document as an input, returning every problem.
fn load_input(
    file: FileId,
    path: &Path,
    text: &Arc<String>,
    scope: Scope,
) -> Result<Partial, Vec<InputError>> {
    let problem = |kind, message: String| Problem {
        kind,
        message,
        expected: String::new(),
        at: At::Offset(0),
    };
    if text.trim().is_empty() {
        let mut p = problem(InputErrorKind::Empty, "empty file".into());
        p.expected = "the JSON output of an AWS CLI describe call".into();
        return Err(finish(path, text, vec![p]));
    }
    if text.starts_with('\u{feff}') {
        // serde_json's own message for it ("expected value") shows a snippet that looks valid,
        // since the mark is invisible.
        let mut p = problem(
            InputErrorKind::Syntax,
            "the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not \
             allow: save it without BOM"
                .into(),
        );
        p.expected = "UTF-8 text without BOM, as the AWS CLI writes it".into();
        return Err(finish(path, text, vec![p]));
    }
    if super::terraform::is_terraform(text) {
        return super::terraform::load(file, path, text).map(|mut p| {
            p.text = Some(Arc::clone(text));
            p
        });
    }
    match parse::records(text) {
        // The typed pass skips ignored members without reading their numbers.
        Ok(_)
            if range::may_hold_number_out_of_range(text)
                && range::has_number_out_of_range(text) =>
        {
            Err(finish(path, text, slow_path(text, None)))
        }
        Ok(records) => {
            let mut problems = Vec::new();
            for key in &records.unknown_keys {
                problems.push(unknown_key(key));
            }
            if records.kinds.is_empty() && records.unknown_keys.is_empty() {
                let mut p = problem(
                    InputErrorKind::UnknownKind,
                    "no data of any known kind".into(),
                );
                p.expected = expected_keys();
                problems.push(p);
            }
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .and_then(|f| f.to_str());
            let (partial, invalid) = lower::lower(file, scope, folder, records);
            problems.extend(invalid.into_iter().map(|i| Problem {
                kind: InputErrorKind::InvalidValue,
                message: i.message,
                expected: i.expected,
                at: At::Pointer(i.pointer, Part::Value),
            }));
            if problems.is_empty() {
                Ok(partial)
            } else {
                Err(finish(path, text, problems))
            }
        }
        Err(typed) => Err(finish(path, text, slow_path(text, Some(&typed)))),
    }
}

/// Typed loading failed (with `typed`, or on a number out of range in a member it skips): find
/// out why, reporting every problem rather than serde's first.
fn slow_path(text: &str, typed: Option<&serde_json::Error>) -> Vec<Problem> {
    let (value, numbers) = range::parse(text);
    let mut problems: Vec<Problem> = Vec::new();
    let value = value.map_err(|e| {
        problems.push(Problem {
            kind: InputErrorKind::Syntax,
            message: strip_position(&e),
            expected: "valid JSON".into(),
            at: At::LineCol(e.line(), e.column()),
        });
    });
    let mut violations = value.as_ref().map(schema::validate).unwrap_or_default();
    for n in numbers {
        // The number stands as a string in `value`: a member of a known type says what it
        // expected; any other member, a number JSON parsers can hold.
        let typed_member = violations
            .iter()
            .position(|v| n.pointer.as_ref() == Some(&v.pointer));
        let expected = match typed_member.map(|i| violations.remove(i)) {
            Some(v) => v.expected,
            None => "a number within the range of a 64-bit float (at most about 1.8e308)".into(),
        };
        problems.push(Problem {
            kind: InputErrorKind::InvalidValue,
            message: format!("number `{}` is out of range", n.text),
            expected,
            at: At::Offset(n.start),
        });
    }
    // Without a typed error, the typed pass read the file: its numbers are all there is to say.
    let (Ok(value), Some(typed)) = (value, typed) else {
        return problems;
    };
    if let serde_json::Value::Object(map) = &value {
        let aws = map.keys().any(|k| {
            kinds::Kind::from_key(k).is_some() || kinds::ATTRIBUTE_KEYS.contains(&k.as_str())
        });
        let aiven = kinds::AIVEN_SERVICE_KEYS
            .iter()
            .all(|k| map.contains_key(*k))
            || kinds::AIVEN_PRIVATELINK_KEYS
                .iter()
                .any(|k| map.contains_key(*k));
        // An Aiven object's other members are accepted unread, as the typed pass does.
        let keys = map.keys().filter(|_| aws || !aiven);
        for key in keys {
            let zone_vpcs = key == kinds::ZONE_VPCS_KEY && map.contains_key("HostedZone");
            if kinds::Kind::from_key(key).is_none()
                && !zone_vpcs
                && !kinds::IGNORED_KEYS.contains(&key.as_str())
                && !kinds::ATTRIBUTE_KEYS.contains(&key.as_str())
            {
                problems.push(unknown_key(key));
            }
        }
    }
    problems.extend(violations.into_iter().map(|v| Problem {
        kind: InputErrorKind::Schema,
        message: v.message,
        expected: v.expected,
        at: At::Pointer(v.pointer, Part::Value),
    }));
    if problems.is_empty() {
        let expected = "the JSON object printed by an AWS CLI describe call (see `vpclint schema`)";
        let problem = match &value {
            serde_json::Value::Object(_) | serde_json::Value::Array(_) => Problem {
                kind: InputErrorKind::Schema,
                message: strip_position(typed),
                expected: expected.into(),
                at: At::LineCol(typed.line(), typed.column()),
            },
            scalar => Problem {
                kind: InputErrorKind::UnknownKind,
                message: format!("the top-level value is `{scalar}`, not an object"),
                expected: expected.into(),
                at: At::Pointer(String::new(), Part::Value),
            },
        };
        problems.push(problem);
    }
    problems
}

fn expected_keys() -> String {
    let keys: Vec<String> = kinds::Kind::ALL
        .iter()
        .filter_map(|k| k.key())
        .map(|k| format!("`{k}`"))
        .collect();
    format!(
        "one of the top-level keys {} (or a describe-vpc-attribute output)",
        keys.join(", ")
    )
}

fn unknown_key(key: &str) -> Problem {
    Problem {
        kind: InputErrorKind::UnknownKind,
        message: format!("unknown top-level key `{key}`"),
        expected: expected_keys(),
        at: At::Pointer(
            format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            Part::Key,
        ),
    }
}
