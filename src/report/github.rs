//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request's files.

use std::fmt::Write as _;

use super::{Location, Report};
use crate::finding::Severity;

/// Escapes a command's message as the runner expects (`%`, CR and LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus the `:` and `,` that delimit properties.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// `file=…,line=…,col=…,endLine=…,endColumn=…,` for a location; the runner's end column is
/// inclusive, vpclint's exclusive.
fn place(l: &Location) -> String {
    let p = &l.position;
    let end_column = if p.end_line == p.line {
        p.end_column.saturating_sub(1).max(p.column)
    } else {
        p.end_column.saturating_sub(1).max(1)
    };
    format!(
        "file={},line={},col={},endLine={},endColumn={end_column},",
        property(&l.file),
        p.line,
        p.column,
        p.end_line
    )
}

/// One workflow command per input error and finding: `::error file=…,line=…,col=…,endLine=…,
/// endColumn=…,title=CODE name::message`; warnings are `::warning`, infos `::notice`.
pub fn render_github(report: &Report) -> String {
    let mut out = String::new();
    for e in &report.errors {
        let place = match &e.position {
            Some(p) => format!(
                "file={},line={},col={},",
                property(&e.path.display().to_string()),
                p.line,
                p.column
            ),
            None => format!("file={},", property(&e.path.display().to_string())),
        };
        let _ = writeln!(
            out,
            "::error {place}title={}::{}",
            property(&format!("vpclint input/{}", e.kind.name())),
            data(&e.one_line())
        );
    }
    for p in &report.findings {
        let f = &p.finding;
        let place = p.location.as_ref().map(place).unwrap_or_default();
        let mut message = format!("{} ({} {})", f.message, f.resource.kind, f.resource.id);
        if !p.help.is_empty() {
            message.push_str("\n\n");
            message.push_str(&p.help);
        }
        let _ = writeln!(
            out,
            "::{} {place}title={}::{}",
            command(f.severity),
            property(&format!("{} {}", f.rule.code, f.rule.name)),
            data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
