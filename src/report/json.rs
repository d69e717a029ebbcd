//! `--format json`: the machine contract of DESIGN.md (`version` 1).

use serde::Serialize;

use super::{Location, Placed, Report, Suppressed};
use crate::finding::{ResourceRef, Severity};

/// The JSON Schema of this output (`vpclint schema output`).
pub const OUTPUT_SCHEMA: &str = include_str!("output-schema.json");

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    skipped: Vec<JsonSkipped>,
    unread: Vec<JsonError<'a>>,
    suppressed: Vec<JsonSuppressed<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonSkipped {
    file: String,
    kind: &'static str,
    message: String,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    finding: JsonFinding<'a>,
    suppression: JsonSuppression<'a>,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: &'static str,
    reason: &'a str,
    location: Option<JsonLocation<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    name: &'static str,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    resource: JsonResource<'a>,
    related: Vec<JsonRelated<'a>>,
    location: Option<JsonLocation<'a>>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct JsonResource<'a> {
    kind: &'static str,
    id: &'a str,
    account: Option<&'a str>,
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(flatten)]
    resource: JsonResource<'a>,
    label: &'a str,
    location: Option<JsonLocation<'a>>,
}

/// A place in a file as the JSON outputs write it.
#[derive(Serialize)]
pub(super) struct JsonLocation<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    pointer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    embedded_pointer: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    kind: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    pointer: Option<&'a str>,
    message: &'a str,
    expected: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    findings: usize,
    errors: usize,
    by_severity: BySeverity,
    suppressed: usize,
    baselined: Option<usize>,
}

#[derive(Serialize)]
struct BySeverity {
    error: usize,
    warning: usize,
    info: usize,
}

fn resource(r: &ResourceRef) -> JsonResource<'_> {
    JsonResource {
        kind: r.kind,
        id: &r.id,
        account: r.account.as_deref(),
        region: r.region.as_deref(),
        address: r.address.as_deref(),
    }
}

/// `l` as the JSON outputs write a place.
pub(super) fn location(l: &Location) -> JsonLocation<'_> {
    JsonLocation {
        file: &l.file,
        line: l.position.line,
        column: l.position.column,
        end_line: l.position.end_line,
        end_column: l.position.end_column,
        pointer: &l.pointer,
        embedded_pointer: l.inner.as_deref(),
    }
}

fn finding(p: &Placed) -> JsonFinding<'_> {
    let f = &p.finding;
    JsonFinding {
        rule: f.rule.code,
        name: f.rule.name,
        category: f.rule.category.as_str(),
        severity: f.severity.as_str(),
        message: &f.message,
        help: &p.help,
        resource: resource(&f.resource),
        related: f
            .related
            .iter()
            .zip(&p.related)
            .map(|(r, l)| JsonRelated {
                resource: resource(&r.resource),
                label: &r.label,
                location: l.as_ref().map(location),
            })
            .collect(),
        location: p.location.as_ref().map(location),
        fingerprint: &p.fingerprint,
    }
}

fn suppressed(s: &Suppressed) -> JsonSuppressed<'_> {
    JsonSuppressed {
        finding: finding(&s.placed),
        suppression: JsonSuppression {
            kind: s.kind.as_str(),
            reason: &s.reason,
            location: s.location.as_ref().map(location),
        },
    }
}

fn json_error(e: &crate::source::InputError) -> JsonError<'_> {
    JsonError {
        kind: e.kind.name(),
        file: e.path.display().to_string(),
        line: e.position.as_ref().map(|p| p.line),
        column: e.position.as_ref().map(|p| p.column),
        end_line: e.position.as_ref().map(|p| p.end_line),
        end_column: e.position.as_ref().map(|p| p.end_column),
        pointer: e.pointer.as_deref(),
        message: &e.message,
        expected: e.expected.as_deref(),
    }
}

/// The whole report as pretty-printed JSON, ending with a newline. Suppressed findings are
/// always counted and listed only with `--show-suppressed`.
pub fn render_json(report: &Report) -> String {
    let findings = report.findings.iter().map(finding).collect();
    let errors = report.errors.iter().map(json_error).collect();
    let output = Output {
        version: 1,
        tool: Tool {
            name: "vpclint",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings,
        errors,
        unread: report.unread.iter().map(json_error).collect(),
        skipped: report
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                file: s.path.display().to_string(),
                kind: s.what.name(),
                message: super::skipped::reason(s),
            })
            .collect(),
        suppressed: report
            .suppressed
            .iter()
            .filter(|_| report.show_suppressed)
            .map(suppressed)
            .collect(),
        summary: Summary {
            files: report.files,
            resources: report.resources,
            findings: report.findings.len(),
            errors: report.errors.len(),
            by_severity: BySeverity {
                error: report.count(Severity::Error),
                warning: report.count(Severity::Warning),
                info: report.count(Severity::Info),
            },
            suppressed: report.suppressed.len(),
            baselined: report.baselined,
        },
    };
    let mut s = serde_json::to_string_pretty(&output).unwrap_or_default();
    s.push('\n');
    s
}
