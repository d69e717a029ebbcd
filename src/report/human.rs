//! `--format human`: miette reports with the source snippet and a label on the culprit.

use std::fmt::Write as _;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource,
    Report as MietteReport,
};

use super::{at, Report};
use crate::finding::Severity;

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Line width to wrap at.
    pub width: usize,
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn render(handler: &GraphicalReportHandler, report: MietteReport, out: &mut String) {
    let mut buf = String::new();
    if handler.render_report(&mut buf, report.as_ref()).is_ok() {
        out.push_str(&buf);
        out.push('\n');
    }
}

/// Renders errors, then findings, then a summary line.
pub fn render_human(report: &Report, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_wrap_lines(false);
    let mut out = String::new();
    for e in &report.errors {
        let mut d = MietteDiagnostic::new(e.message.clone())
            .with_code(format!("input::{}", e.kind.name()))
            .with_severity(miette::Severity::Error);
        if let Some(x) = &e.expected {
            d = d.with_help(format!("expected {x}"));
        }
        let path = e.path.display().to_string();
        let r = match &e.snippet {
            Some((text, span)) => {
                let d = d.with_label(LabeledSpan::new_with_span(
                    Some("here".into()),
                    (span.start, span.end - span.start),
                ));
                MietteReport::new(d).with_source_code(NamedSource::new(path, text.clone()))
            }
            None => MietteReport::new(d.with_url(path)),
        };
        render(&handler, r, &mut out);
    }
    for p in &report.findings {
        let f = &p.finding;
        let mut help = f.help.clone();
        if let Some(address) = &f.resource.address {
            let _ = write!(help, "\nterraform: {} `{address}`", f.resource.kind);
        }
        for (r, l) in f.related.iter().zip(&p.related) {
            let place = l
                .as_ref()
                .map(|l| format!(" at {}", at(l)))
                .unwrap_or_default();
            let _ = write!(
                help,
                "\nrelated: {} `{}`{} ({}){place}",
                r.resource.kind,
                r.resource.id,
                match &r.resource.address {
                    Some(a) if *a != r.resource.id => format!(" (`{a}`)"),
                    _ => String::new(),
                },
                r.label
            );
        }
        let d = MietteDiagnostic::new(f.message.clone())
            .with_code(format!("{} {}", f.rule.code, f.rule.name))
            .with_severity(miette_severity(f.severity))
            .with_help(help);
        let r = match (&p.snippet, &p.location) {
            (Some((text, span)), Some(l)) => {
                let d = d.with_label(LabeledSpan::new_with_span(
                    Some(f.label.clone()),
                    (span.start, span.end - span.start),
                ));
                MietteReport::new(d)
                    .with_source_code(NamedSource::new(l.file.clone(), text.clone()))
            }
            _ => MietteReport::new(d),
        };
        render(&handler, r, &mut out);
    }
    let _ = writeln!(out, "{}", summary(report));
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `Found 3 findings (1 error, 2 warnings, 0 infos) in 13 files, 54 resources.`
pub fn summary(report: &Report) -> String {
    if !report.errors.is_empty() {
        return format!(
            "{} in the input; no rules were run.",
            plural(report.errors.len(), "error")
        );
    }
    format!(
        "Found {} ({}, {}, {}) in {}, {}.",
        plural(report.findings.len(), "finding"),
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info"),
        plural(report.files, "file"),
        plural(report.resources, "resource"),
    )
}
