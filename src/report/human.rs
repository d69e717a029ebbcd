//! `--format human`: miette reports with the source snippet and a label on the culprit.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, Report as MietteReport, SourceCode, SourceSpan, SpanContents,
};

use super::{at, sort_key, Location, Placed, Report, Suppressed};
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
    themed(theme, style)
}

fn themed(theme: GraphicalTheme, style: Style) -> GraphicalReportHandler {
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_wrap_lines(false)
}

/// A handler that starts a finding with `header` in its severity's colour where miette draws
/// the severity's glyph: the word is what a reader (and a search of the output) looks for.
fn finding_handler(style: Style, header: &str) -> GraphicalReportHandler {
    let mut theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    theme.characters.error = header.to_owned();
    theme.characters.warning = header.to_owned();
    theme.characters.advice = header.to_owned();
    themed(theme, style)
}

/// `warning[VPCE002 single-az-endpoint]:`, as rustc and ruff write it.
fn header(severity: Severity, code: &str) -> String {
    format!("{}[{code}]:", severity.as_str())
}

/// A rendered finding with its first line, the header, at the left margin (miette indents it
/// like the rest), so that each finding starts where the eye looks for one.
fn header_at_margin(rendered: &str) -> &str {
    rendered.strip_prefix("  ").unwrap_or(rendered)
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

/// How the human report groups its findings (`--group-by`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    /// One list.
    #[default]
    None,
    /// A heading per VPC; findings on no VPC last.
    Vpc,
    /// A heading per account and region; findings without an account last.
    Account,
}

/// A finding to show, with the suppression that hides it when it is listed by
/// `--show-suppressed`.
type Shown<'a> = (&'a Placed, Option<&'a Suppressed>);

/// Renders the findings, then a summary line when the run was complete (the input errors of
/// an incomplete one are [`render_human_errors`]'s). A person reads the worst first, so the
/// findings go by severity, then place, then rule and resource; the suppressed ones listed by
/// `--show-suppressed` follow in the same order. With `group_by`, each group has a heading.
pub fn render_human(report: &Report, style: Style, group_by: GroupBy) -> String {
    let suppressed = report
        .suppressed
        .iter()
        .filter(|_| report.show_suppressed)
        .map(|s| (&s.placed, Some(s)));
    let mut shown: Vec<Shown<'_>> = report
        .findings
        .iter()
        .map(|p| (p, None))
        .chain(suppressed)
        .collect();
    shown.sort_by(|(a, sa), (b, sb)| {
        sa.is_some()
            .cmp(&sb.is_some())
            .then(b.finding.severity.cmp(&a.finding.severity))
            .then(sort_key(a).cmp(&sort_key(b)))
    });
    let mut out = String::new();
    if group_by == GroupBy::None {
        for (p, s) in shown {
            render_finding(p, s, style, &mut out);
        }
    } else {
        // Groups go by their name; what has no VPC or account goes last.
        let mut groups: BTreeMap<(bool, String), Vec<Shown<'_>>> = BTreeMap::new();
        for item in shown {
            let key = match group_name(item.0, group_by) {
                Some(name) => (false, name),
                None => (true, no_group(group_by).to_owned()),
            };
            groups.entry(key).or_default().push(item);
        }
        for ((_, name), items) in groups {
            let heading = format!("{name}: {}", group_counts(&items));
            if style.color {
                let _ = writeln!(out, "\x1b[1m{heading}\x1b[0m\n");
            } else {
                let _ = writeln!(out, "{heading}\n");
            }
            for (p, s) in items {
                render_finding(p, s, style, &mut out);
            }
        }
    }
    if report.errors.is_empty() {
        let _ = writeln!(out, "{}", summary(report));
    }
    out
}

/// The heading of a finding's group: `VPC vpc-…`, `account 123456789012, eu-west-1`.
fn group_name(p: &Placed, group_by: GroupBy) -> Option<String> {
    match group_by {
        GroupBy::None => None,
        GroupBy::Vpc => p.vpc.as_ref().map(|v| format!("VPC {v}")),
        GroupBy::Account => {
            let r = &p.finding.resource;
            let account = r.account.as_ref()?;
            Some(match &r.region {
                Some(region) => format!("account {account}, {region}"),
                None => format!("account {account}"),
            })
        }
    }
}

/// The heading of the last group, of findings without the attribute grouped by.
fn no_group(group_by: GroupBy) -> &'static str {
    match group_by {
        GroupBy::Vpc => "(no VPC)",
        GroupBy::Account | GroupBy::None => "(no account)",
    }
}

/// `1 error, 2 warnings, 1 suppressed`: the severities of a group's findings that occur.
fn group_counts(items: &[Shown<'_>]) -> String {
    let mut parts = Vec::new();
    for (severity, word) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ] {
        let n = items
            .iter()
            .filter(|(p, s)| s.is_none() && p.finding.severity == severity)
            .count();
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    let hidden = items.iter().filter(|(_, s)| s.is_some()).count();
    if hidden > 0 {
        parts.push(format!("{hidden} suppressed"));
    }
    parts.join(", ")
}

/// One finding: the header `severity[CODE name]: message`, the snippet with the label on the
/// culprit, `help:` with the fix, then the Terraform address, the related resources and the
/// suppression, each on its own line.
fn render_finding(p: &Placed, suppression: Option<&Suppressed>, style: Style, out: &mut String) {
    let f = &p.finding;
    let mut notes = String::new();
    if let Some(address) = &f.resource.address {
        let _ = writeln!(notes, "  terraform: {} `{address}`", f.resource.kind);
    }
    for (r, l) in f.related.iter().zip(&p.related) {
        let place = l
            .as_ref()
            .map(|l| format!(" at {}", at(l)))
            .unwrap_or_default();
        let _ = writeln!(
            notes,
            "  related: {} `{}`{} ({}){place}",
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
        let _ = writeln!(
            notes,
            "  suppressed by {}{place}: {}",
            s.kind.as_str(),
            s.reason
        );
    }
    // A rule without a fix to offer (a custom rule may have none) still points somewhere.
    let help = if p.help.is_empty() {
        format!("see `vpclint explain {}`", f.rule.code)
    } else {
        p.help.clone()
    };
    let handler = finding_handler(style, &header(f.severity, &code));
    let d = MietteDiagnostic::new(f.message.clone())
        .with_severity(miette_severity(f.severity))
        .with_help(help);
    let embedded = p
        .location
        .as_ref()
        .zip(p.snippet.as_ref())
        .and_then(|(l, (text, _))| embedded_snippet(text, l, &f.spot.as_ref()?.target));
    let (handler, r) = match (embedded, &p.snippet, &p.location) {
        (Some((name, doc, span)), _, _) => {
            // The snippet is the decoded policy: its name is the place in the file, and the
            // line numbers beside it are the policy's own.
            let d = d.with_label(LabeledSpan::new_with_span(
                Some(f.label.clone()),
                (span.start, span.end - span.start),
            ));
            (
                handler.without_primary_span_start(),
                MietteReport::new(d).with_source_code(NamedSource::new(name, doc)),
            )
        }
        (None, Some((text, span)), Some(l)) => match Excerpt::of(text, *span, l) {
            Some(excerpt) => {
                let len = (span.end - span.start).min(excerpt.end - span.start);
                let d = d.with_label(LabeledSpan::new_with_span(
                    Some(f.label.clone()),
                    (span.start, len),
                ));
                (handler, MietteReport::new(d).with_source_code(excerpt))
            }
            None => {
                let d = d.with_label(LabeledSpan::new_with_span(
                    Some(f.label.clone()),
                    (span.start, span.end - span.start),
                ));
                (
                    handler,
                    MietteReport::new(d)
                        .with_source_code(NamedSource::new(l.file.clone(), text.clone())),
                )
            }
        },
        _ => (handler, MietteReport::new(d)),
    };
    let mut buf = String::new();
    if handler.render_report(&mut buf, r.as_ref()).is_ok() {
        out.push_str(header_at_margin(&buf));
        out.push_str(&notes);
        out.push('\n');
    }
}

/// For a place inside a policy held as a JSON string: the snippet's name (the place in the
/// file, then which policy), the decoded policy pretty-printed (member order kept), and the
/// culprit's span in it. A policy that is not JSON is
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
    let name = format!("{} ({member} of {owner}, decoded)", at(l));
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
