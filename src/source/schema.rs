//! Validation of a file against the JSON Schemas of its kinds. It runs only when typed loading
//! failed, so that the user gets every problem of the file at once, each with its place.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, Validator};
use serde_json::Value;

use super::kinds::{
    Kind, AIVEN_CONNECTION_KEYS, AIVEN_PRIVATELINK_KEYS, AIVEN_SERVICE_KEYS, ATTRIBUTE_KEYS,
};

/// One schema violation.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Pointer of the offending value.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: String,
}

fn validators() -> &'static Vec<(Kind, Validator)> {
    static VALIDATORS: OnceLock<Vec<(Kind, Validator)>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let schema: Value = serde_json::from_str(kind.schema())
                    .expect("shipped schemas are valid JSON (tested)");
                let validator =
                    jsonschema::validator_for(&schema).expect("shipped schemas compile (tested)");
                (kind, validator)
            })
            .collect()
    })
}

fn validator(kind: Kind) -> Option<&'static Validator> {
    validators()
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, v)| v)
}

/// Every violation in `value` of the schemas of the kinds it holds.
pub fn validate(value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    match value {
        Value::Object(map) => {
            let mut aws = false;
            for key in map.keys() {
                if let Some(kind) = Kind::from_key(key) {
                    aws = true;
                    check(kind, value, "", &mut out);
                }
            }
            if map.keys().any(|k| ATTRIBUTE_KEYS.contains(&k.as_str())) {
                aws = true;
                check(Kind::VpcAttribute, value, "", &mut out);
            }
            if !aws {
                if AIVEN_SERVICE_KEYS.iter().all(|k| map.contains_key(*k)) {
                    check(Kind::AivenService, value, "", &mut out);
                } else if AIVEN_PRIVATELINK_KEYS.iter().any(|k| map.contains_key(*k)) {
                    check(Kind::AivenPrivatelink, value, "", &mut out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(array_item_kind(item), item, &format!("/{i}"), &mut out);
            }
        }
        _ => {}
    }
    out
}

/// The kind of an element of a top-level array, by its members (as the loader decides it).
fn array_item_kind(item: &Value) -> Kind {
    let has = |keys: &[&str]| {
        item.as_object()
            .is_some_and(|m| keys.iter().any(|k| m.contains_key(*k)))
    };
    if has(AIVEN_CONNECTION_KEYS) {
        Kind::AivenConnections
    } else if has(AIVEN_PRIVATELINK_KEYS) {
        Kind::AivenPrivatelink
    } else {
        Kind::VpcAttribute
    }
}

fn check(kind: Kind, value: &Value, prefix: &str, out: &mut Vec<Violation>) {
    let Some(validator) = validator(kind) else {
        return;
    };
    for error in validator.iter_errors(value) {
        let pointer = format!("{prefix}{}", error.instance_path().as_str());
        let expected = expected(error.kind(), &pointer);
        let message = match (error.kind(), one_type(error.kind())) {
            // The regex says nothing to a reader; the value and what it should be do.
            (ValidationErrorKind::Pattern { .. }, _) => {
                format!("invalid value {}", error.instance())
            }
            (_, Some(t)) => format!("{} is not of type \"{t}\"", error.instance()),
            _ => error.to_string(),
        };
        out.push(Violation {
            pointer,
            message,
            expected,
        });
    }
}

fn expected(kind: &ValidationErrorKind, pointer: &str) -> String {
    let member = pointer.rsplit('/').next().unwrap_or_default();
    if let Some(t) = one_type(kind) {
        return format!("a value of type {t}");
    }
    match kind {
        ValidationErrorKind::Type {
            kind: TypeKind::Multiple(_),
        } => format!("a value of another type for `{member}`"),
        ValidationErrorKind::Required { property } => format!("the member {property}"),
        ValidationErrorKind::Pattern { .. } if member.contains("Ipv6") => {
            "an IPv6 CIDR block such as 2001:db8::/56".into()
        }
        ValidationErrorKind::Pattern { .. } if member.contains("Cidr") => {
            "an IPv4 CIDR block such as 10.0.0.0/16".into()
        }
        ValidationErrorKind::Pattern { pattern } => format!("a string matching `{pattern}`"),
        ValidationErrorKind::Enum { options } => format!("one of {options}"),
        _ => format!("a value valid for `{member}` in the AWS CLI output"),
    }
}

/// The one type a type error asks for, null aside: the schemas admit null wherever the loader
/// does (an optional member), which is no advice for a number written where a string belongs.
fn one_type(kind: &ValidationErrorKind) -> Option<JsonType> {
    let ValidationErrorKind::Type { kind } = kind else {
        return None;
    };
    match kind {
        TypeKind::Single(t) => Some(*t),
        TypeKind::Multiple(types) => {
            let mut types = types.iter().filter(|t| *t != JsonType::Null);
            match (types.next(), types.next()) {
                (Some(t), None) => Some(t),
                _ => None,
            }
        }
    }
}
