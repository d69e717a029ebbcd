//! Reports: findings placed in their files, sorted, and rendered for people or machines.
//! Nothing here decides what is wrong.

mod human;
mod json;
mod short;

use std::sync::Arc;

use crate::finding::{Finding, Severity};
use crate::source::{InputError, Position, SourceMap};
use crate::span::Span;

pub use human::{render_human, Style};
pub use json::render_json;
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
    let resolved = resolve_nearest(sources, &mut requests);
    let mut resolved = resolved.into_iter().zip(requests);
    let mut placed: Vec<Placed> = findings
        .into_iter()
        .map(|finding| {
            let mut locate = |spot: &Option<crate::finding::Spot>| {
                let spot = spot.as_ref()?;
                let (r, (_, target)) = resolved.next()?;
                let r = r?;
                Some((
                    Location {
                        file: sources.path(spot.file).display().to_string(),
                        position: r.position,
                        pointer: target.pointer,
                        inner: target.inner,
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

/// Resolves every request; one that does not resolve falls back to the nearest enclosing value
/// that does (outside an embedded document, then up the pointer, never to the whole file): a
/// member that a source leaves out (a Terraform value known only after apply, an optional
/// member an export omits) still gets the place of the object it belongs to. `requests` is
/// updated to what was located.
fn resolve_nearest(
    sources: &SourceMap,
    requests: &mut [(crate::model::FileId, crate::span::Target)],
) -> Vec<Option<crate::source::Resolved>> {
    let mut resolved = sources.resolve(requests);
    loop {
        let mut pending = Vec::new();
        for (i, (r, (_, target))) in resolved.iter().zip(requests.iter_mut()).enumerate() {
            if r.is_some() {
                continue;
            }
            if target.inner.take().is_some() {
                pending.push(i);
            } else if let Some(cut) = target.pointer.rfind('/').filter(|c| *c > 0) {
                target.pointer.truncate(cut);
                pending.push(i);
            }
        }
        if pending.is_empty() {
            return resolved;
        }
        let retry: Vec<_> = pending
            .iter()
            .filter_map(|i| requests.get(*i).cloned())
            .collect();
        for (i, r) in pending.into_iter().zip(sources.resolve(&retry)) {
            if let Some(slot) = resolved.get_mut(i) {
                *slot = r;
            }
        }
    }
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
