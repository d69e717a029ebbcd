//! Reading and validating custom rule files; every problem is an input error with its place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobBuilder;
use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;

use super::{keyword, CustomRule};
use crate::filter::suppress::Problem;
use crate::finding::{Severity, EC2_KINDS as KINDS};
use crate::meta::{Category, RuleMeta};
use crate::source::{resolved, InputError, InputErrorKind};
use crate::span::{locate_all, LineIndex, Part, Target};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    code: String,
    severity: String,
    resource: String,
    message: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    category: Option<String>,
    schema: Value,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Expands the `custom-rules` patterns (relative to `base`, the configuration's directory) and
/// loads each file once. A pattern that matches no file is a configuration problem: a typo
/// must not silently switch policies off.
pub fn load(
    patterns: &[Spanned<String>],
    base: &Path,
    taken: &[&'static RuleMeta],
    problems: &mut Vec<Problem>,
    errors: &mut Vec<InputError>,
) -> Vec<Arc<CustomRule>> {
    let mut files = BTreeSet::new();
    for pattern in patterns {
        match expand(base, pattern.get_ref()) {
            Ok(found) if found.is_empty() => problems.push((
                Some(pattern.span()),
                format!("`{}` matches no file", pattern.get_ref()),
                "a path or glob, relative to vpclint.toml, of custom rule files (`policies/*.json`)"
                    .into(),
            )),
            Ok(found) => files.extend(found),
            Err(message) => problems.push((
                Some(pattern.span()),
                message,
                "a path or glob such as `policies/*.json`".into(),
            )),
        }
    }
    let mut out: Vec<Arc<CustomRule>> = Vec::new();
    for file in files {
        let mut seen: Vec<&'static RuleMeta> = taken.to_vec();
        seen.extend(out.iter().map(|r| r.def));
        match load_file(&file, &seen) {
            Ok(rule) => out.push(Arc::new(rule)),
            Err(e) => errors.extend(e),
        }
    }
    out
}

fn expand(base: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let is_glob = |s: &str| s.contains(['*', '?', '[', '{']);
    let full = base.join(pattern);
    if !is_glob(pattern) {
        return Ok(if full.is_file() {
            vec![full]
        } else {
            Vec::new()
        });
    }
    let glob = GlobBuilder::new(&full.to_string_lossy())
        .literal_separator(true)
        .build()
        .map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))?
        .compile_matcher();
    let literal: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| !is_glob(&c.as_os_str().to_string_lossy()))
        .collect();
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(base.join(literal))
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() && glob.is_match(entry.path()) {
            out.push(entry.path().to_path_buf());
        }
    }
    Ok(out)
}

/// An error of a custom rule file at a pointer (located in the text) or at a line and column.
struct FileErrors<'a> {
    path: &'a Path,
    text: Arc<String>,
    errors: Vec<InputError>,
}

impl FileErrors<'_> {
    fn at_pointer(&mut self, pointer: &str, message: String, expected: &str) {
        let target = Target {
            pointer: pointer.to_owned(),
            inner: None,
            part: Part::Value,
        };
        let span = locate_all(&self.text, &[target])
            .into_iter()
            .next()
            .flatten();
        let lines = LineIndex::new(&self.text);
        let position = span.map(|s| resolved(&self.text, &lines, s).position);
        let mut e =
            InputError::at_path(InputErrorKind::CustomRule, self.path, message).expected(expected);
        e.position = position;
        e.pointer = Some(pointer.to_owned());
        e.snippet = span.map(|s| (self.text.clone(), s));
        self.errors.push(e);
    }
}

fn is_code(s: &str) -> bool {
    let letters = s.chars().take_while(char::is_ascii_uppercase).count();
    let digits = s
        .chars()
        .skip(letters)
        .take_while(char::is_ascii_digit)
        .count();
    letters > 0 && digits > 0 && letters + digits == s.len() && s.len() <= 12
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn load_file(path: &Path, taken: &[&'static RuleMeta]) -> Result<CustomRule, Vec<InputError>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![InputError::at_path(
            InputErrorKind::Io,
            path,
            format!("cannot read custom rule: {e}"),
        )]
    })?;
    let text = Arc::new(crate::source::utf8_text(path, bytes).map_err(|e| vec![*e])?);
    let mut errs = FileErrors {
        path,
        text: Arc::clone(&text),
        errors: Vec::new(),
    };
    const SHAPE: &str = "an object with `name`, `code`, `severity`, `resource`, `message` and `schema` (optional: `help`, `description`, `category`)";
    let raw: RawRule = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            errs.errors.push(
                crate::source::json_syntax(
                    InputErrorKind::CustomRule,
                    path,
                    &text,
                    "invalid custom rule",
                    &e,
                )
                .expected(SHAPE),
            );
            return Err(errs.errors);
        }
    };
    if !is_code(&raw.code) {
        errs.at_pointer(
            "/code",
            format!("invalid rule code `{}`", raw.code),
            "upper-case letters then digits, at most 12 characters (`ORG001`)",
        );
    }
    if !is_kebab(&raw.name) {
        errs.at_pointer(
            "/name",
            format!("invalid rule name `{}`", raw.name),
            "a kebab-case name (`endpoint-owner-tag`)",
        );
    }
    for r in taken {
        if r.code.eq_ignore_ascii_case(&raw.code) {
            errs.at_pointer(
                "/code",
                format!("rule code `{}` is already taken by `{}`", raw.code, r.name),
                "a code no other rule has",
            );
        }
        if r.name == raw.name {
            errs.at_pointer(
                "/name",
                format!("rule name `{}` is already taken by {}", raw.name, r.code),
                "a name no other rule has",
            );
        }
    }
    let severity = Severity::parse(&raw.severity);
    if severity.is_none() {
        errs.at_pointer(
            "/severity",
            format!("unknown severity `{}`", raw.severity),
            "`error`, `warning` or `info`",
        );
    }
    let category = match raw.category.as_deref() {
        None => Some(Category::Hygiene),
        Some(c) => {
            let found = Category::ALL.into_iter().find(|x| x.as_str() == c);
            if found.is_none() {
                errs.at_pointer(
                    "/category",
                    format!("unknown category `{c}`"),
                    "`correctness`, `security`, `resilience` or `hygiene`",
                );
            }
            found
        }
    };
    let kind = KINDS.iter().copied().find(|k| *k == raw.resource);
    if kind.is_none() {
        errs.at_pointer(
            "/resource",
            format!("unknown resource kind `{}`", raw.resource),
            &format!("one of {}", KINDS.join(", ")),
        );
    }
    if raw.message.trim().is_empty() {
        errs.at_pointer(
            "/message",
            "empty message".into(),
            "what is wrong, as a sentence fragment; `{id}` stands for the resource id",
        );
    }
    let validator = match keyword::options().build(&raw.schema) {
        Ok(v) => Some(v),
        Err(e) => {
            errs.at_pointer(
                &format!("/schema{}", e.instance_path().as_str()),
                format!("invalid JSON Schema: {e}"),
                "a JSON Schema (draft 2020-12 unless `$schema` says otherwise) without remote `$ref`s",
            );
            None
        }
    };
    let (Some(severity), Some(category), Some(kind), Some(validator), true) =
        (severity, category, kind, validator, errs.errors.is_empty())
    else {
        return Err(errs.errors);
    };
    let summary = if raw.description.trim().is_empty() {
        raw.message.replace("{id}", "…")
    } else {
        raw.description.trim().to_owned()
    };
    let doc = format!(
        "\n## What it does\nCustom rule from `{path}`: checks every `{kind}` in its AWS CLI \
         (describe-*) JSON shape against the rule's JSON Schema. {summary}\n\n## Why is this bad?\n{why}\n\n\
         ## Example\nSee the schema in `{path}`.\n\n## References\n- vpclint README, \"Custom rules\"\n",
        path = path.display(),
        why = if raw.help.is_empty() {
            "It breaks a policy of your organisation.".to_owned()
        } else {
            raw.help.replace("{id}", "the resource")
        },
    );
    let def: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
        code: leak(raw.code),
        name: leak(raw.name),
        category,
        severity,
        summary: leak(summary),
        doc: leak(doc),
    }));
    Ok(CustomRule {
        def,
        kind,
        message: raw.message,
        help: raw.help,
        schema: raw.schema,
        validator,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert!(is_code("ORG001"));
        assert!(!is_code("org001"));
        assert!(!is_code("ORG"));
        assert!(!is_code("001"));
        assert!(!is_code("ORG001X"));
        assert!(is_kebab("endpoint-owner-tag"));
        assert!(!is_kebab("Endpoint"));
        assert!(!is_kebab("a--b"));
    }

    // Found by the `custom` fuzz target: an empty or non-UTF-8 rule file had no place in it, or
    // one past its end.
    #[test]
    fn unreadable_rules_have_places_inside_the_file() {
        let dir = std::env::temp_dir().join(format!("vpclint-custom-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        for (name, bytes, kind, place) in [
            (
                "empty.json",
                &b""[..],
                InputErrorKind::CustomRule,
                (1, 1, 1, 1),
            ),
            (
                "latin1.json",
                &b"{\"name\": \"\xe9\"}"[..],
                InputErrorKind::NotUtf8,
                (1, 11, 1, 11),
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap_or_default();
            let Err(errors) = load_file(&path, &[]) else {
                panic!("{name} is not a rule");
            };
            let _ = std::fs::remove_file(&path);
            let e = &errors[0];
            assert_eq!(e.kind, kind, "{name}");
            let p = e
                .position
                .as_ref()
                .map(|p| (p.line, p.column, p.end_line, p.end_column));
            assert_eq!(p, Some(place), "{name}");
        }
    }
}
