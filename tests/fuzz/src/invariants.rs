//! What every target checks beyond "no panic": places lie inside their files and agree with
//! their spans, input errors about a place in a file have one, the JSON report validates against
//! its schema and is the same bytes on a second run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use vpclint::report::{self, Location, Placed, Report};
use vpclint::source::{resolved, InputError, InputErrorKind, Position};
use vpclint::span::{LineIndex, Span};

/// The texts of a run's input files, by the path the report names them with.
#[derive(Default)]
pub struct Files {
    texts: BTreeMap<PathBuf, String>,
}

impl Files {
    /// Records a file the run reads.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) {
        self.texts.insert(path.into(), text.into());
    }

    /// The text of a file of the run, if `path` names one.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }
}

/// Panics unless `span` lies inside `text` on character boundaries.
pub fn span_in(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// Panics unless `position` lies inside `text` (1-based lines and columns in characters, the end
/// at most just past the last character of its line).
pub fn position_in(text: &str, p: &Position, what: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    let ok = |line: usize, column: usize| {
        line >= 1
            && column >= 1
            && lines
                .get(line - 1)
                .is_some_and(|l| column <= l.chars().count() + 1)
    };
    assert!(
        ok(p.line, p.column) && ok(p.end_line, p.end_column),
        "{what}: position {p:?} outside the file ({} lines)",
        lines.len()
    );
    assert!(
        (p.line, p.column) <= (p.end_line, p.end_column),
        "{what}: position {p:?} ends before it starts"
    );
}

/// Panics unless `position` is what `span` resolves to in `text`.
fn agrees(text: &str, span: Span, p: &Position, what: &str) {
    span_in(text, span, what);
    let r = resolved(text, &LineIndex::new(text), span);
    assert_eq!(
        &r.position, p,
        "{what}: position does not match its span {span:?}"
    );
}

/// Kinds of input error that are about a whole path (or none), never a place in it.
fn about_path(kind: InputErrorKind) -> bool {
    matches!(
        kind,
        InputErrorKind::Io | InputErrorKind::NoInput | InputErrorKind::Aws
    )
}

/// Every input error about one of `files` has a place inside it, which agrees with its snippet.
pub fn errors(errors: &[InputError], files: &Files) {
    for e in errors {
        let Some(text) = files.text(&e.path) else {
            continue;
        };
        let what = format!(
            "input error {:?} `{}` in {}",
            e.kind,
            e.message,
            e.path.display()
        );
        if about_path(e.kind) {
            continue;
        }
        let Some(p) = &e.position else {
            panic!("{what}: no position");
        };
        position_in(text, p, &what);
        if let Some((snippet, span)) = &e.snippet {
            // The text as far as it was read (up to an invalid UTF-8 byte).
            assert!(
                text.starts_with(snippet.as_str()),
                "{what}: snippet of another text"
            );
            agrees(snippet, *span, p, &what);
        }
    }
}

fn location(l: &Location, files: &Files, what: &str) -> String {
    let Some(text) = files.text(Path::new(&l.file)) else {
        panic!(
            "{what}: location in `{}`, which is no input of the run",
            l.file
        );
    };
    position_in(text, &l.position, what);
    text.to_owned()
}

/// Every finding's places lie inside its files, and its snippet agrees with its place.
pub fn findings(placed: &[Placed], files: &Files) {
    for f in placed {
        let what = format!(
            "finding {} on {} {}",
            f.finding.rule.code, f.finding.resource.kind, f.finding.resource.id
        );
        if let Some(l) = &f.location {
            let text = location(l, files, &what);
            if let Some((snippet, span)) = &f.snippet {
                assert_eq!(snippet.as_str(), text, "{what}: snippet of another text");
                agrees(&text, *span, &l.position, &what);
            }
        }
        for l in f.related.iter().flatten() {
            location(l, files, &format!("{what}, related"));
        }
    }
}

fn output_schema() -> &'static jsonschema::Validator {
    static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
    CELL.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(report::OUTPUT_SCHEMA).expect("the output schema is JSON");
        jsonschema::validator_for(&schema).expect("the output schema is a schema")
    })
}

/// Panics unless `json` (a rendered report) validates against the output schema.
pub fn valid_json_report(json: &str) {
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => panic!("the JSON report is not JSON: {e}\n{json}"),
    };
    let problems: Vec<String> = output_schema()
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path().as_str()))
        .collect();
    assert!(
        problems.is_empty(),
        "the JSON report does not validate against its schema: {problems:#?}\n{json}"
    );
}

/// Everything a report must satisfy; returns its JSON rendering.
pub fn report(r: &Report, files: &Files) -> String {
    errors(&r.errors, files);
    findings(&r.findings, files);
    let json = report::render_json(r);
    valid_json_report(&json);
    // The other renderings must not panic either.
    let _ = report::render_short(r);
    let _ = report::render_sarif(r);
    let _ = report::render_github(r);
    let _ = report::render_human(
        r,
        report::Style {
            color: false,
            width: 100,
        },
        report::GroupBy::None,
    );
    json
}
