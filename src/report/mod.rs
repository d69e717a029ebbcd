//! Reports: findings placed in their files, sorted, and rendered for people or machines.
//! Nothing here decides what is wrong.

mod human;
mod json;
mod reach;
mod short;

use std::sync::Arc;

use crate::finding::{Finding, Severity};
use crate::source::{InputError, Position, SourceMap};
use crate::span::Span;

pub use human::{render_human, Style};
pub use json::render_json;
pub use reach::{render_reach_human, render_reach_json};
pub use short::render_short;

/// A place in an input file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// Line and column range.
    pub position: Position,
    /// The JSON pointer that was located.
    pub pointer: String,
    /// Pointer inside an embedded JSON document (a policy string), if any.
    pub inner: Option<String>,
}

/// A finding with its places resolved.
#[derive(Clone, Debug)]
pub struct Placed {
    /// The finding.
    pub finding: Finding,
    /// Its primary location.
    pub location: Option<Location>,
    /// Byte span of the primary location, and the file's text, for snippets.
    pub snippet: Option<(Arc<str>, Span)>,
    /// Locations of the related resources, parallel to `finding.related`.
    pub related: Vec<Option<Location>>,
}

/// Everything a run produced.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings, sorted.
    pub findings: Vec<Placed>,
    /// Input errors, sorted; any error makes the run incomplete.
    pub errors: Vec<InputError>,
    /// Input files read.
    pub files: usize,
    /// Resources in the Estate.
    pub resources: usize,
}

impl Report {
    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.finding.severity == severity)
            .count()
    }
}

/// Resolves every place of every finding (one scan per file) and sorts the findings by file,
/// line, column, rule and resource, so output is the same whatever the thread count.
pub fn place(findings: Vec<Finding>, sources: &SourceMap) -> Vec<Placed> {
    let mut requests = Vec::new();
    for f in &findings {
        requests.extend(f.spot.iter().map(|s| (s.file, s.target.clone())));
        for r in &f.related {
            requests.extend(r.spot.iter().map(|s| (s.file, s.target.clone())));
        }
    }
    let mut resolved = sources.resolve(&requests).into_iter();
    let mut placed: Vec<Placed> = findings
        .into_iter()
        .map(|finding| {
            let mut locate = |spot: &Option<crate::finding::Spot>| {
                let spot = spot.as_ref()?;
                let r = resolved.next().flatten()?;
                Some((
                    Location {
                        file: sources.path(spot.file).display().to_string(),
                        position: r.position,
                        pointer: spot.target.pointer.clone(),
                        inner: spot.target.inner.clone(),
                    },
                    spot.file,
                    r.span,
                ))
            };
            let primary = locate(&finding.spot);
            let related = finding
                .related
                .iter()
                .map(|r| locate(&r.spot).map(|(l, _, _)| l))
                .collect();
            let snippet = primary
                .as_ref()
                .and_then(|(_, file, span)| sources.text(*file).map(|t| (t, *span)));
            Placed {
                location: primary.map(|(l, _, _)| l),
                snippet,
                related,
                finding,
            }
        })
        .collect();
    placed.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    placed
}

type SortKey<'a> = (
    Option<(&'a str, usize, usize)>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

fn sort_key(p: &Placed) -> SortKey<'_> {
    (
        p.location
            .as_ref()
            .map(|l| (l.file.as_str(), l.position.line, l.position.column)),
        p.finding.rule.code,
        p.finding.resource.kind,
        p.finding.resource.id.as_str(),
        p.finding.message.as_str(),
    )
}

/// `file:line:col` of a location.
pub fn at(l: &Location) -> String {
    format!("{}:{}:{}", l.file, l.position.line, l.position.column)
}
