//! The filter stage, between the rules and the reports: suppressions (configuration entries and
//! `vpclint:ignore` tags), stale suppressions (reported as `unused-suppression` findings) and
//! the baseline. It decides what is shown, never what is wrong.

pub mod baseline;
pub mod date;
pub mod suppress;

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Finding, Remedy, ResourceRef, Severity, Spot};
use crate::meta::RuleMeta;
use crate::model::{Estate, Tagged, IGNORE_TAG};
use crate::report::{self, Placed, Report, Suppressed, SuppressionKind};
use crate::rules::config::unused_suppression::RULE as UNUSED;
use crate::source::SourceMap;
use baseline::Baseline;
use date::Date;
use suppress::Suppression;

/// What the filter stage reads of the settings.
pub struct FilterSettings<'a> {
    /// `[[suppress]]` entries.
    pub suppressions: &'a [Suppression],
    /// The baseline to leave findings out by.
    pub baseline: Option<&'a Baseline>,
    /// The date suppressions expire against.
    pub today: Date,
    /// The configured severity of `unused-suppression`, if any.
    pub unused_severity: Option<Severity>,
    /// The rules that ran, registry and custom: a suppression of any other rule is not stale.
    pub ran: Vec<&'static RuleMeta>,
}

impl FilterSettings<'_> {
    fn runs(&self, rule: &RuleMeta) -> bool {
        self.ran.iter().any(|r| std::ptr::eq(*r, rule))
    }

    /// A rule that ran, by code or name.
    fn rule(&self, key: &str) -> Option<&'static RuleMeta> {
        self.ran
            .iter()
            .copied()
            .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
    }
}

/// Applies suppressions and the baseline to a report whose findings are placed and sorted.
pub fn apply(
    report: &mut Report,
    settings: &FilterSettings<'_>,
    estate: &Estate,
    sources: &SourceMap,
) {
    let tagged = estate.tagged_with(crate::model::IGNORE_TAG);
    let ignores: BTreeMap<(&str, &str), (&Tagged<'_>, usize, Vec<&str>)> = tagged
        .iter()
        .filter_map(|t| {
            let (index, names) = t.ignored_rules()?;
            Some(((t.kind, t.id), (t, index, names)))
        })
        .collect();
    let mut config_uses = vec![0_usize; settings.suppressions.len()];
    let mut tag_uses: BTreeSet<(&str, &str, &'static str)> = BTreeSet::new();
    let mut kept = Vec::new();
    let mut by_tag = Vec::new();
    for p in std::mem::take(&mut report.findings) {
        let f = &p.finding;
        let config = settings
            .suppressions
            .iter()
            .position(|s| !s.expired(settings.today) && s.matches(f));
        let tag = ignores
            .get(&(f.resource.kind, f.resource.id.as_str()))
            .filter(|(_, _, names)| names.iter().any(|n| names_rule(n, f.rule)))
            .map(|(t, index, _)| (*t, *index));
        match (
            config.and_then(|i| settings.suppressions.get(i).map(|s| (i, s))),
            tag,
        ) {
            (Some((i, s)), _) => {
                if let Some(n) = config_uses.get_mut(i) {
                    *n += 1;
                }
                report.suppressed.push(Suppressed {
                    placed: p,
                    kind: SuppressionKind::Config,
                    reason: s.reason.clone(),
                    location: Some(s.location.clone()),
                });
            }
            (None, Some((t, index))) => {
                tag_uses.insert((t.kind, t.id, p.finding.rule.code));
                by_tag.push((p, t, index));
            }
            (None, None) => kept.push(p),
        }
    }
    // What another rule's shown finding covers is not said twice; what it would have covered
    // had it run, or had it not been suppressed, is.
    let shown: BTreeSet<(&str, &str, String)> = kept
        .iter()
        .map(|p| {
            let f = &p.finding;
            (f.rule.code, f.resource.kind, f.resource.id.clone())
        })
        .collect();
    kept.retain(|p| {
        let f = &p.finding;
        f.defers_to
            .is_none_or(|r| !shown.contains(&(r.code, f.resource.kind, f.resource.id.clone())))
    });
    let tag_spots: Vec<_> = by_tag
        .iter()
        .map(|(_, t, index)| {
            let spot = Spot::member(t.origin, &t.tag_value_rel(*index));
            (spot.file, spot.target)
        })
        .collect();
    for ((p, t, index), resolved) in by_tag.into_iter().zip(sources.resolve(&tag_spots)) {
        let value = t
            .tags
            .0
            .get(index)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        report.suppressed.push(Suppressed {
            location: resolved.map(|r| report::Location {
                file: sources.path(t.origin.file).display().to_string(),
                position: r.position,
                pointer: t.origin.path(&t.tag_value_rel(index)).pointer.to_string(),
                inner: None,
            }),
            placed: p,
            kind: SuppressionKind::Tag,
            reason: format!("tag `{IGNORE_TAG}` = `{value}`"),
        });
    }
    if settings.runs(&UNUSED.meta) {
        kept.extend(stale_config(settings, &config_uses));
        let stale_tags = stale_tags(settings, &ignores, &tag_uses);
        kept.extend(report::place(stale_tags, sources));
        report::sort(&mut kept);
    }
    if let Some(b) = settings.baseline {
        let before = kept.len();
        kept.retain(|p| !b.contains(&p.fingerprint));
        report.baselined = Some(before - kept.len());
    }
    report.findings = kept;
}

/// Whether a name in a `vpclint:ignore` tag names `rule` (by name, or by code in any case).
fn names_rule(name: &str, rule: &RuleMeta) -> bool {
    name == rule.name || name.eq_ignore_ascii_case(rule.code)
}

fn severity(settings: &FilterSettings<'_>, f: Finding) -> Finding {
    match settings.unused_severity {
        Some(s) => f.severity(s),
        None => f,
    }
}

/// Expired entries, and entries of rules that ran without matching anything.
fn stale_config(settings: &FilterSettings<'_>, uses: &[usize]) -> Vec<Placed> {
    let mut out = Vec::new();
    for (s, n) in settings.suppressions.iter().zip(uses) {
        let what = format!("Suppression of `{}` for `{}`", s.rule.name, s.resource);
        let (message, label, help) = match s.expires {
            Some(date) if s.expired(settings.today) => (
                format!("{what} expired on {date}: its findings are reported again"),
                "expired",
                "Fix the findings it covered; or, after a new review, move `expires` to a later date; then delete the entry once nothing needs it".to_owned(),
            ),
            _ if *n == 0 && settings.runs(s.rule) => (
                format!("{what} matches no finding"),
                "matches nothing",
                format!(
                    "Delete this [[suppress]] entry, or correct its `rule` or `resource` if it was meant to hide a finding (`vpclint check --select {} --format short` lists them)",
                    s.rule.code
                ),
            ),
            _ => continue,
        };
        let resource = ResourceRef {
            kind: "suppression",
            id: format!("{} {}", s.rule.name, s.resource),
            account: None,
            region: None,
            address: None,
        };
        let finding = Finding::new(&UNUSED, resource, message).remedy(Remedy::say(help.clone()));
        let mut finding = severity(settings, finding);
        finding.label = label.to_owned();
        out.push(Placed {
            finding,
            help,
            location: Some(s.location.clone()),
            snippet: Some(s.snippet.clone()),
            related: Vec::new(),
            fingerprint: String::new(),
            vpc: None,
        });
    }
    report::fingerprint::assign(&mut out);
    out
}

/// Rules named in `vpclint:ignore` tags that ran and reported nothing on the tagged resource.
/// Names of no rule at all are the rule's own check (they need no other rule to run).
fn stale_tags(
    settings: &FilterSettings<'_>,
    ignores: &BTreeMap<(&str, &str), (&Tagged<'_>, usize, Vec<&str>)>,
    uses: &BTreeSet<(&str, &str, &'static str)>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (t, index, names) in ignores.values() {
        for name in names {
            let Some(rule) = settings.rule(name) else {
                continue;
            };
            if uses.contains(&(t.kind, t.id, rule.code)) {
                continue;
            }
            let rest: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| !names_rule(n, rule))
                .collect();
            let resource = ResourceRef::at(t.kind, t.id, &t.scope, t.origin);
            let help = if rest.is_empty() {
                format!(
                    "Delete the tag: `aws ec2 delete-tags --resources {} --tags Key={IGNORE_TAG}` (or in the infrastructure code that sets it)",
                    t.id
                )
            } else {
                format!(
                    "Remove `{name}` from the tag: `aws ec2 create-tags --resources {} --tags '[{{\"Key\":\"{IGNORE_TAG}\",\"Value\":\"{}\"}}]'` (or in the infrastructure code that sets it)",
                    t.id,
                    rest.join(",")
                )
            };
            let message = format!(
                "Tag `{IGNORE_TAG}` on `{}` names `{name}`, which reports nothing on this resource",
                t.id
            );
            let finding = Finding::new(&UNUSED, resource, message)
                .at(
                    Spot::member(t.origin, &t.tag_value_rel(*index)),
                    "suppresses nothing",
                )
                .remedy(Remedy::say(help))
                .key(rule.code);
            out.push(severity(settings, finding));
        }
    }
    out
}
