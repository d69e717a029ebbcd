//! `--format short`: one line per finding or error, for editors and grep.

use std::fmt::Write as _;

use super::{at, Placed, Report};

/// `path:line:col: severity[CODE name]: message (kind id)`, one line each; errors first, and with
/// `--show-suppressed` the suppressed findings last, as `suppressed[…]`. A resource read from a
/// Terraform plan is named by its id and address (`(kind id address)`, or the address alone
/// when it is the id).
pub fn render_short(report: &Report) -> String {
    let mut out = String::new();
    for e in &report.errors {
        let place = match &e.position {
            Some(p) => format!("{}:{}:{}", e.path.display(), p.line, p.column),
            None => e.path.display().to_string(),
        };
        let _ = writeln!(
            out,
            "{place}: error[input/{}]: {}",
            e.kind.name(),
            e.one_line()
        );
    }
    for p in &report.findings {
        let _ = writeln!(out, "{}", line(p, p.finding.severity.as_str()));
    }
    if report.show_suppressed {
        for s in &report.suppressed {
            let _ = writeln!(
                out,
                "{} [{} suppression: {}]",
                line(&s.placed, "suppressed"),
                s.kind.as_str(),
                s.reason
            );
        }
    }
    out
}

fn line(p: &Placed, level: &str) -> String {
    let f = &p.finding;
    let place = match &p.location {
        Some(l) => at(l),
        None => format!("{}/{}", f.resource.kind, f.resource.id),
    };
    format!(
        "{place}: {level}[{} {}]: {} ({} {})",
        f.rule.code,
        f.rule.name,
        f.message,
        f.resource.kind,
        f.resource.display_name()
    )
}
