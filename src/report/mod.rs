//! Reports: findings placed in their files, sorted, and rendered for people or machines.
//! Nothing here decides what is wrong.

pub mod fingerprint;
pub mod fix;
mod github;
mod human;
mod json;
mod reach;
mod sarif;
mod short;
mod skipped;
mod statistics;
mod transit;
mod unread;

use std::sync::Arc;

use crate::finding::{Finding, ResourceRef, Severity};
use crate::meta::RuleMeta;
use crate::model::{EniId, Estate, NaclId, PcxId, RtbId, SgId, SubnetId, VpcId, VpceId};
use crate::source::{InputError, Position, Resolved, Skipped, SourceMap};
use crate::span::{Part, Span, Target};

pub use github::render_github;
pub use human::{render_human, render_human_errors, GroupBy, Style};
pub use json::{render_json, OUTPUT_SCHEMA};
pub use reach::{render_reach_human, render_reach_json};
pub use sarif::render_sarif;
pub use short::render_short;
pub use skipped::render_skipped;
pub use statistics::render_statistics;
pub use unread::render_unread;

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
    /// Its fix, rendered (see [`fix`]).
    pub help: String,
    /// Its primary location.
    pub location: Option<Location>,
    /// Byte span of the primary location, and the file's text, for snippets.
    pub snippet: Option<(Arc<String>, Span)>,
    /// Locations of the related resources, parallel to `finding.related`.
    pub related: Vec<Option<Location>>,
    /// Stable identity across runs (see [`fingerprint`]).
    pub fingerprint: String,
    /// The VPC of the resource, when it has one (see [`vpc_of`]): what `--group-by vpc` groups by.
    pub vpc: Option<String>,
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
    /// Files found in directories and not read, because they are not inputs; sorted.
    pub skipped: Vec<Skipped>,
    /// Accounts that live mode could not read, when `--allow-partial` let the rest be checked:
    /// each error names the account, the call and the missing permission.
    pub unread: Vec<InputError>,
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
    pub rules: Vec<&'static RuleMeta>,
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
                help: fix::render(&finding.remedy),
                location: primary.map(|(l, _, _)| l),
                snippet,
                related,
                finding,
                fingerprint: String::new(),
                vpc: None,
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
    let mut targets: Vec<Target> = requests.iter().map(|(_, t)| t.clone()).collect();
    let mut resolved = vec![None; requests.len()];
    // Each target is asked for together with its parent: a value that a source leaves out is
    // common (a plan holds many values known only after apply), and another pass over a large
    // file costs more than the extra pointers. Only what is missing two levels deep takes
    // more passes.
    let mut pending: Vec<(usize, crate::model::FileId, Vec<Target>)> = requests
        .into_iter()
        .enumerate()
        .map(|(i, (file, target))| {
            let up = parent(&target);
            (i, file, std::iter::once(target).chain(up).collect())
        })
        .collect();
    while !pending.is_empty() {
        let asked: Vec<(crate::model::FileId, &[Target])> = pending
            .iter()
            .map(|(_, file, chain)| (*file, chain.as_slice()))
            .collect();
        let found = sources.resolve_first(&asked);
        let mut next = Vec::new();
        for ((i, file, mut chain), found) in pending.into_iter().zip(found) {
            let (Some(target), Some(slot)) = (targets.get_mut(i), resolved.get_mut(i)) else {
                continue;
            };
            match found {
                Some((k, r)) => {
                    *slot = Some(r);
                    chain.truncate(k + 1);
                }
                None => {
                    if let Some(up) = chain.last().and_then(parent) {
                        next.push((i, file, vec![up]));
                    }
                }
            }
            if let Some(last) = chain.pop() {
                *target = last;
            }
        }
        pending = next;
    }
    (targets, resolved)
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

pub(crate) fn sort_key(p: &Placed) -> SortKey<'_> {
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

/// The VPC a resource belongs to, as the estate records it: a VPC is its own, a peering
/// connection belongs to its requester's (the side that asked for it); endpoint services,
/// Aiven services and REST APIs belong to none.
pub fn vpc_of(estate: &Estate, r: &ResourceRef) -> Option<String> {
    let id = r.id.as_str();
    let vpc = match r.kind {
        "vpc" => return estate.vpcs.get(&VpcId::from(id)).map(|v| v.id.to_string()),
        "subnet" => &estate.subnets.get(&SubnetId::from(id))?.vpc_id,
        "security-group" => estate
            .security_groups
            .get(&SgId::from(id))?
            .vpc_id
            .as_ref()?,
        "network-acl" => &estate.nacls.get(&NaclId::from(id))?.vpc_id,
        "route-table" => &estate.route_tables.get(&RtbId::from(id))?.vpc_id,
        "network-interface" => estate.interfaces.get(&EniId::from(id))?.vpc_id.as_ref()?,
        "vpc-endpoint" => &estate.endpoints.get(&VpceId::from(id))?.vpc_id,
        "vpc-peering-connection" => &estate.peerings.get(&PcxId::from(id))?.requester.vpc_id,
        _ => return None,
    };
    Some(vpc.to_string())
}

/// Records the VPC of every finding's resource (hidden ones too), for `--group-by vpc`.
pub fn assign_vpcs(report: &mut Report, estate: &Estate) {
    let placed = report
        .findings
        .iter_mut()
        .chain(report.suppressed.iter_mut().map(|s| &mut s.placed));
    for p in placed {
        p.vpc = vpc_of(estate, &p.finding.resource);
    }
}

/// `file:line:col` of a location.
pub fn at(l: &Location) -> String {
    format!("{}:{}:{}", l.file, l.position.line, l.position.column)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::span::Part;

    fn target(pointer: &str, inner: Option<&str>) -> Target {
        Target {
            pointer: pointer.into(),
            inner: inner.map(Into::into),
            part: Part::Key,
        }
    }

    #[test]
    fn missing_values_fall_back_to_the_nearest_enclosing_value() {
        let text = r#"{"a": {"b": {"c": 1}}, "p": "{\"Statement\": [{\"Effect\": \"Allow\"}]}"}"#;
        let mut sources = SourceMap::default();
        let file = sources.add_text("plan.json".into(), Arc::new(text.to_owned()));
        let requests = vec![
            (file, target("/a/b/c", None)),
            (file, target("/a/b/missing", None)),
            (file, target("/a/x/y/z", None)),
            (file, target("/p", Some("/Statement/0/Principal"))),
            (file, target("/p", Some("/Nothing/here/at/all"))),
            (file, target("/q/r", Some("/Statement"))),
        ];
        let (targets, resolved) = resolve_nearest(&sources, requests);
        let got: Vec<(&str, Option<&str>, &str)> = targets
            .iter()
            .zip(&resolved)
            .map(|(t, r)| {
                let r = r.as_ref().map_or("", |r| &text[r.span.start..r.span.end]);
                (t.pointer.as_str(), t.inner.as_deref(), r)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("/a/b/c", None, r#""c""#),
                ("/a/b", None, r#"{"c": 1}"#),
                ("/a", None, r#"{"b": {"c": 1}}"#),
                ("/p", Some("/Statement/0"), r#"{\"Effect\": \"Allow\"}"#),
                (
                    "/p",
                    Some(""),
                    r#"{\"Statement\": [{\"Effect\": \"Allow\"}]}"#
                ),
                ("", None, text),
            ]
        );
    }
}
