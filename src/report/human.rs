//! `--format human`: miette reports with the source snippet and a label on the culprit.

use std::fmt::Write as _;

use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, Report as MietteReport, SourceCode, SourceSpan, SpanContents,
};

use super::{at, Location, Report};
use crate::finding::Severity;
use crate::policy::{document, json};
use crate::source::InputError;
use crate::span::{locate_all, Decoded, Part, Span, Target};

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

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_wrap_lines(false)
}

/// Renders input errors, then a line that says the rules did not run: for stderr, apart from
/// the findings on stdout.
pub fn render_human_errors(errors: &[InputError], style: Style) -> String {
    let handler = handler(style);
    let mut out = String::new();
    for e in errors {
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
    if !errors.is_empty() {
        let _ = writeln!(out, "{}", incomplete(errors.len()));
    }
    out
}

/// `2 errors in the input; no rules were run.`
pub(crate) fn incomplete(errors: usize) -> String {
    format!(
        "{} in the input; no rules were run.",
        plural(errors, "error")
    )
}

/// Renders the findings, then a summary line when the run was complete (the input errors of
/// an incomplete one are [`render_human_errors`]'s).
pub fn render_human(report: &Report, style: Style) -> String {
    let handler = handler(style);
    let mut out = String::new();
    let suppressed = report
        .suppressed
        .iter()
        .filter(|_| report.show_suppressed)
        .map(|s| (&s.placed, Some(s)));
    for (p, suppression) in report.findings.iter().map(|p| (p, None)).chain(suppressed) {
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
        let mut code = format!("{} {}", f.rule.code, f.rule.name);
        if let Some(s) = suppression {
            code.push_str(" (suppressed)");
            let place = s
                .location
                .as_ref()
                .map(|l| format!(" at {}", at(l)))
                .unwrap_or_default();
            let _ = write!(
                help,
                "\nsuppressed by {}{place}: {}",
                s.kind.as_str(),
                s.reason
            );
        }
        let d = MietteDiagnostic::new(f.message.clone())
            .with_code(code)
            .with_severity(miette_severity(f.severity));
        let embedded = p
            .location
            .as_ref()
            .zip(p.snippet.as_ref())
            .and_then(|(l, (text, _))| {
                let target = &f.spot.as_ref()?.target;
                let (name, doc, span) = embedded_snippet(text, l, target)?;
                Some((l, name, doc, span))
            });
        let r = match (embedded, &p.snippet, &p.location) {
            (Some((l, name, doc, span)), _, _) => {
                // The snippet is the decoded policy, so the file's own place is named apart.
                let d = d
                    .with_help(format!("in the file at {}\n{help}", at(l)))
                    .with_label(LabeledSpan::new_with_span(
                        Some(f.label.clone()),
                        (span.start, span.end - span.start),
                    ));
                MietteReport::new(d).with_source_code(NamedSource::new(name, doc))
            }
            (None, Some((text, span)), Some(l)) => {
                let d = d.with_help(help);
                match Excerpt::of(text, *span, l) {
                    Some(excerpt) => {
                        let len = (span.end - span.start).min(excerpt.end - span.start);
                        let d = d.with_label(LabeledSpan::new_with_span(
                            Some(f.label.clone()),
                            (span.start, len),
                        ));
                        MietteReport::new(d).with_source_code(excerpt)
                    }
                    None => {
                        let d = d.with_label(LabeledSpan::new_with_span(
                            Some(f.label.clone()),
                            (span.start, span.end - span.start),
                        ));
                        MietteReport::new(d)
                            .with_source_code(NamedSource::new(l.file.clone(), text.clone()))
                    }
                }
            }
            _ => MietteReport::new(d.with_help(help)),
        };
        render(&handler, r, &mut out);
    }
    if report.errors.is_empty() {
        let _ = writeln!(out, "{}", summary(report));
    }
    out
}

/// For a place inside a policy held as a JSON string: the snippet's name, the decoded policy
/// pretty-printed (member order kept), and the culprit's span in it. A policy that is not JSON is
/// shown decoded but as written, with the span at the offending character.
fn embedded_snippet(text: &str, l: &Location, target: &Target) -> Option<(String, String, Span)> {
    let inner = target.inner.as_deref()?;
    let outer = Target {
        pointer: target.pointer.clone(),
        inner: None,
        part: Part::Value,
    };
    let literal = locate_all(text, &[outer]).into_iter().next().flatten()?;
    let body = text.get(literal.start + 1..literal.end.checked_sub(1)?)?;
    let decoded = Decoded::new(body)?;
    let doc = document::document_text(&decoded.text).into_owned();
    let member = l.pointer.rsplit('/').next().unwrap_or_default();
    let owner = l.pointer.rsplit_once('/').map_or("", |(o, _)| o);
    let file = l.file.rsplit('/').next().unwrap_or_default();
    let name = format!("{member} of {owner} in {file}, decoded");
    if let Part::Offset(offset) = target.part {
        let span = locate_all(
            &doc,
            &[Target {
                pointer: String::new(),
                inner: None,
                part: Part::Offset(offset),
            }],
        )
        .into_iter()
        .next()
        .flatten()?;
        return Some((name, doc, span));
    }
    let pretty = json::pretty(&json::parse(&doc).ok()?);
    let span = locate_all(
        &pretty,
        &[Target {
            pointer: inner.to_owned(),
            inner: None,
            part: target.part,
        }],
    )
    .into_iter()
    .next()
    .flatten()?;
    Some((name, pretty, span))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `Found 3 findings (1 error, 2 warnings, 0 infos) in 13 files, 54 resources; 1 suppressed, 2 in
/// the baseline.` (the last part only when something was suppressed or a baseline applied).
pub fn summary(report: &Report) -> String {
    let mut hidden = Vec::new();
    if !report.suppressed.is_empty() {
        hidden.push(format!("{} suppressed", report.suppressed.len()));
    }
    if let Some(n) = report.baselined {
        hidden.push(format!("{n} in the baseline"));
    }
    let hidden = if hidden.is_empty() {
        String::new()
    } else {
        format!("; {}", hidden.join(", "))
    };
    format!(
        "Found {} ({}, {}, {}) in {}, {}{hidden}.",
        plural(report.findings.len(), "finding"),
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info"),
        plural(report.files, "file"),
        plural(report.resources, "resource"),
    )
}

/// How far around a place a line is shown when the whole line is too long to show.
const EXCERPT: usize = 60;

/// Part of one very long line (`terraform show -json` prints a plan on a single line), shown
/// instead of the line, with the real line and column.
struct Excerpt {
    name: String,
    text: Arc<String>,
    /// Byte range shown.
    start: usize,
    end: usize,
    /// 0-based line and column (characters) of `start`.
    line: usize,
    column: usize,
    /// 0-based line and column of the place itself.
    at: (usize, usize),
    place: usize,
}

impl Excerpt {
    /// An excerpt when the place's line is longer than a few excerpts.
    fn of(text: &Arc<String>, span: crate::span::Span, l: &super::Location) -> Option<Excerpt> {
        let bytes = text.as_bytes();
        let far = 4 * EXCERPT;
        let back = span.start.saturating_sub(far);
        let line_start = bytes
            .get(back..span.start)?
            .iter()
            .rposition(|b| *b == b'\n')
            .map(|i| back + i + 1);
        let ahead = (span.start + far).min(bytes.len());
        let line_end = bytes
            .get(span.start..ahead)?
            .iter()
            .position(|b| *b == b'\n')
            .map(|i| span.start + i);
        if line_start.is_some() && line_end.is_some() {
            return None;
        }
        let boundary = |mut i: usize, forward: bool| {
            while !text.is_char_boundary(i) {
                if forward {
                    i += 1;
                } else {
                    i -= 1;
                }
            }
            i
        };
        let start = boundary(
            line_start
                .unwrap_or(0)
                .max(span.start.saturating_sub(EXCERPT)),
            false,
        );
        let stop = line_end.unwrap_or(bytes.len());
        let end = boundary(stop.min(span.start + 3 * EXCERPT).max(span.start), true);
        let before = text.get(start..span.start)?.chars().count();
        let (line, column) = (l.position.line - 1, l.position.column - 1);
        Some(Excerpt {
            name: l.file.clone(),
            text: text.clone(),
            start,
            end,
            line,
            column: column.saturating_sub(before),
            at: (line, column),
            place: span.start,
        })
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let data = self
            .text
            .get(self.start..self.end)
            .unwrap_or_default()
            .as_bytes();
        // Without context miette asks where the place is (the header); with context, for the
        // text to show.
        let contents = if before == 0 && after == 0 && span.offset() == self.place {
            let end = (span.offset() + span.len()).min(self.end);
            let data = self
                .text
                .get(span.offset()..end)
                .unwrap_or_default()
                .as_bytes();
            MietteSpanContents::new_named(
                self.name.clone(),
                data,
                SourceSpan::new(span.offset().into(), data.len()),
                self.at.0,
                self.at.1,
                1,
            )
        } else {
            MietteSpanContents::new_named(
                self.name.clone(),
                data,
                SourceSpan::new(self.start.into(), data.len()),
                self.line,
                self.column,
                1,
            )
        };
        Ok(Box::new(contents))
    }
}
