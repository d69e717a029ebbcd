//! `contentSchema` as a validating keyword: AWS returns policies as JSON documents inside JSON
//! strings, and a custom rule should be able to say what the decoded policy must (not) be.
//!
//! JSON Schema 2020-12 makes `contentSchema` an annotation; vpclint validates it, for strings
//! whose schema also says `"contentMediaType": "application/json"`. Errors found inside the
//! decoded document carry their inner pointer and text in the custom error's message (the only
//! field a custom keyword can fill); [`decode`] reads them back.

use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError, ValidationOptions, Validator};
use serde_json::{Map, Value};

/// Separates the inner pointer from the text in an encoded message; it cannot occur in either
/// (pointers and descriptions come from JSON, where U+0001 must be escaped and rules do not).
const MARK: char = '\u{1}';

/// The options every custom-rule schema is compiled with.
pub fn options() -> ValidationOptions<'static> {
    jsonschema::options().with_keyword("contentSchema", factory)
}

struct ContentSchema {
    inner: Option<(Validator, Value)>,
}

fn factory<'a>(
    parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let json = parent
        .get("contentMediaType")
        .and_then(Value::as_str)
        .is_some_and(|m| m == "application/json");
    let inner = if json {
        Some((options().build(value)?, value.clone()))
    } else {
        None
    };
    Ok(Box::new(ContentSchema { inner }))
}

impl ContentSchema {
    fn errors(&self, instance: &Value) -> Vec<String> {
        let (Some((validator, schema)), Value::String(text)) = (&self.inner, instance) else {
            return Vec::new();
        };
        match serde_json::from_str::<Value>(text) {
            Err(e) => vec![format!("{MARK}is not a JSON document: {e}")],
            Ok(doc) => validator
                .iter_errors(&doc)
                .map(|e| {
                    format!(
                        "{MARK}{}{MARK}{}",
                        e.instance_path().as_str(),
                        super::detail(schema, &e)
                    )
                })
                .collect(),
        }
    }
}

impl<'i> Keyword<'i> for ContentSchema {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.errors(instance).into_iter().next() {
            Some(message) => Err(ValidationError::custom(message)),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.errors(instance).is_empty()
    }

    fn iter_errors(
        &self,
        instance: &'i Value,
    ) -> Box<dyn Iterator<Item = ValidationError<'i>> + 'i> {
        Box::new(
            self.errors(instance)
                .into_iter()
                .map(|m| -> ValidationError<'i> { ValidationError::custom(m) }),
        )
    }
}

/// The inner pointer (none when the string is not JSON at all) and text of an error raised
/// for an embedded document.
pub fn decode(error: &ValidationError<'_>) -> Option<(Option<String>, String)> {
    let jsonschema::error::ValidationErrorKind::Custom { message, .. } = error.kind() else {
        return None;
    };
    let rest = message.strip_prefix(MARK)?;
    Some(match rest.split_once(MARK) {
        Some((pointer, text)) => (Some(pointer.to_owned()), text.to_owned()),
        None => (None, rest.to_owned()),
    })
}
