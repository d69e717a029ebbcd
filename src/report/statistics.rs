//! `--statistics`: how many findings each rule reported, most frequent first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::finding::Severity;

/// A rule's code and name, with its count and highest severity.
type Row<'a> = ((&'a str, &'a str), (usize, Severity));

/// One line per rule with findings (`count code name severity`), then the summary line; input
/// errors, which stop the rules, are counted on their own line.
pub fn render_statistics(report: &Report) -> String {
    let mut counts: BTreeMap<(&str, &str), (usize, Severity)> = BTreeMap::new();
    for p in &report.findings {
        let f = &p.finding;
        let entry = counts
            .entry((f.rule.code, f.rule.name))
            .or_insert((0, f.severity));
        entry.0 += 1;
        entry.1 = entry.1.max(f.severity);
    }
    let mut rows: Vec<Row<'_>> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    let width = rows
        .iter()
        .map(|((_, name), _)| name.len())
        .max()
        .unwrap_or(0);
    for ((code, name), (count, severity)) in rows {
        let _ = writeln!(out, "{count:>5}  {code:<8} {name:<width$}  {severity}");
    }
    if report.errors.is_empty() {
        let _ = writeln!(out, "{}", super::human::summary(report));
    } else {
        let _ = writeln!(out, "{:>5}  input errors", report.errors.len());
        let _ = writeln!(out, "{}", super::human::incomplete(report.errors.len()));
    }
    out
}
