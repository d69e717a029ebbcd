//! `--format short`: one line per finding or error, for editors and grep.

use std::fmt::Write as _;

use super::{at, Report};

/// `path:line:col: severity[CODE name]: message (kind id)`, one line each; errors first. A
/// resource read from a Terraform plan is named by its id and address (`(kind id address)`, or
/// the address alone when it is the id).
pub fn render_short(report: &Report) -> String {
    let mut out = String::new();
    for e in &report.errors {
        let place = match &e.position {
            Some(p) => format!("{}:{}:{}", e.path.display(), p.line, p.column),
            None => e.path.display().to_string(),
        };
        let expected = e
            .expected
            .as_deref()
            .map(|x| format!("; expected {x}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{place}: error[input/{}]: {}{expected}",
            e.kind.name(),
            e.message
        );
    }
    for p in &report.findings {
        let f = &p.finding;
        let place = match &p.location {
            Some(l) => at(l),
            None => format!("{}/{}", f.resource.kind, f.resource.id),
        };
        let _ = writeln!(
            out,
            "{place}: {}[{} {}]: {} ({} {})",
            f.severity,
            f.rule.code,
            f.rule.name,
            f.message,
            f.resource.kind,
            f.resource.display_name()
        );
    }
    out
}
