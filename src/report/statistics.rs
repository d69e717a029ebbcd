//! `--statistics`: how many findings each rule reported, most frequent first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::finding::Severity;

/// Findings of one rule per severity. The configuration can raise a rule's findings above
/// its default severity and a rule can report some lower (the infos of VPCE001 on unknown
/// ports), so they are counted by their own severities.
type Counts = BTreeMap<Severity, usize>;

/// `3 error, 2 info`: the severities that occur, worst first.
fn describe(counts: &Counts) -> String {
    counts
        .iter()
        .rev()
        .map(|(s, n)| format!("{n} {s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per rule with findings (`count code name` and the count per severity), then the
/// summary line; input errors, which stop the rules, are counted on their own line.
pub fn render_statistics(report: &Report) -> String {
    let mut counts: BTreeMap<(&str, &str), Counts> = BTreeMap::new();
    for p in &report.findings {
        let f = &p.finding;
        *counts
            .entry((f.rule.code, f.rule.name))
            .or_default()
            .entry(f.severity)
            .or_default() += 1;
    }
    let mut rows: Vec<((&str, &str), usize, Counts)> = counts
        .into_iter()
        .map(|(rule, c)| (rule, c.values().sum(), c))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    let width = rows
        .iter()
        .map(|((_, name), _, _)| name.len())
        .max()
        .unwrap_or(0);
    for ((code, name), total, counts) in rows {
        let _ = writeln!(
            out,
            "{total:>5}  {code:<8} {name:<width$}  {}",
            describe(&counts)
        );
    }
    if report.errors.is_empty() {
        let _ = writeln!(out, "{}", super::human::summary(report));
    } else {
        let _ = writeln!(out, "{:>5}  input errors", report.errors.len());
        let _ = writeln!(out, "{}", super::human::incomplete(report.errors.len()));
    }
    out
}
