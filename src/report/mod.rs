//! Reports: findings placed in their files, sorted, and rendered for people or machines.
//! Nothing here decides what is wrong.

pub mod fingerprint;
mod github;
mod human;
mod json;
mod reach;
mod sarif;
mod short;
mod statistics;

use std::sync::Arc;

use crate::finding::{Finding, Severity};
use crate::rules::RuleDef;
use crate::source::{InputError, Position, Resolved, SourceMap};
use crate::span::{Part, Span, Target};

pub use github::render_github;
pub use human::{render_human, Style};
pub use json::{render_json, OUTPUT_SCHEMA};
pub use reach::{render_reach_human, render_reach_json};
pub use sarif::render_sarif;
pub use short::render_short;
pub use statistics::render_statistics;

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
    /// Stable identity across runs (see [`fingerprint`]).
    pub fingerprint: String,
}

/// Where a suppression was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionKind {
    /// A `[[suppress]]` entry of `vpclint.toml`.
    Config,
    /// A `vpclint:ignore` tag on the resource.
    Tag,
}

impl SuppressionKind {
    /// `config` or `tag`.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::Config => "config",
            SuppressionKind::Tag => "tag",
        }
    }
}

/// A finding that a suppression hides, and why.
#[derive(Clone, Debug)]
pub struct Suppressed {
    /// The finding.
    pub placed: Placed,
    /// Where the suppression was written.
    pub kind: SuppressionKind,
    /// Its reason (for a tag: the tag itself).
    pub reason: String,
    /// Its place.
    pub location: Option<Location>,
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
    /// Findings hidden by suppressions (listed only with `--show-suppressed`; always counted).
    pub suppressed: Vec<Suppressed>,
    /// Whether to list the suppressed findings.
    pub show_suppressed: bool,
    /// Number of findings left out because the baseline has them; `None` without a baseline.
    pub baselined: Option<usize>,
    /// The rules that ran, registry and custom, in registry order then custom order.
    pub rules: Vec<&'static RuleDef>,
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
    let (targets, resolved) = resolve_nearest(sources, requests);
    let mut resolved = targets.into_iter().zip(resolved);
    let mut placed: Vec<Placed> = findings
        .into_iter()
        .map(|finding| {
            let mut locate = |spot: &Option<crate::finding::Spot>| {
                let spot = spot.as_ref()?;
                let (target, r) = resolved.next()?;
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
                fingerprint: String::new(),
            }
        })
        .collect();
    sort(&mut placed);
    fingerprint::assign(&mut placed);
    placed
}

/// Sorts findings into report order: file, line, column, rule, resource.
pub fn sort(placed: &mut [Placed]) {
    placed.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
}

/// Resolves every request; one that does not resolve falls back to the nearest enclosing value
/// that does (up through an embedded document, then up the pointer): a member that a source
/// leaves out (a Terraform value known only after apply, the `Groups` an export left out) still
/// gets the place of the object it belongs to, so every finding read from a file keeps a place
/// in it. Returns the targets actually located.
fn resolve_nearest(
    sources: &SourceMap,
    requests: Vec<(crate::model::FileId, Target)>,
) -> (Vec<Target>, Vec<Option<Resolved>>) {
    let mut resolved = sources.resolve(&requests);
    let mut targets: Vec<Target> = requests.iter().map(|(_, t)| t.clone()).collect();
    loop {
        let retry: Vec<(usize, (crate::model::FileId, Target))> = resolved
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_none())
            .filter_map(|(i, _)| {
                let parent = parent(targets.get(i)?)?;
                Some((i, (requests.get(i)?.0, parent)))
            })
            .collect();
        if retry.is_empty() {
            return (targets, resolved);
        }
        let again: Vec<(crate::model::FileId, Target)> =
            retry.iter().map(|(_, r)| r.clone()).collect();
        for ((i, (_, t)), r) in retry.into_iter().zip(sources.resolve(&again)) {
            if let (Some(slot), Some(target)) = (resolved.get_mut(i), targets.get_mut(i)) {
                *slot = r;
                *target = t;
            }
        }
    }
}

/// The target one level up: the enclosing value inside an embedded document, then the
/// embedding string, then the enclosing value in the file; `None` at the root.
fn parent(t: &Target) -> Option<Target> {
    let up = |p: &str| p.rfind('/').map(|i| p[..i].to_owned());
    match &t.inner {
        Some(inner) if !inner.is_empty() => Some(Target {
            inner: up(inner),
            part: Part::Value,
            pointer: t.pointer.clone(),
        }),
        Some(_) => Some(Target {
            inner: None,
            part: Part::Value,
            pointer: t.pointer.clone(),
        }),
        None if !t.pointer.is_empty() => Some(Target {
            inner: None,
            part: Part::Value,
            pointer: up(&t.pointer)?,
        }),
        None => None,
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
