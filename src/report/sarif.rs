//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and editors' SARIF viewers.
//!
//! Plain serde structs for the part of SARIF that vpclint fills, rather than a SARIF crate:
//! `serde-sarif` generates its types at build time (schemafy, syn, prettyplease) and wraps them in
//! builders, a large compile cost on small CI machines for about twenty fields. The tests validate
//! every SARIF document the suite produces against the official schema, which is what keeps these
//! structs honest.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fingerprint::SCHEME;
use super::{Location, Placed, Report, SuppressionKind};
use crate::finding::{ResourceRef, Severity};
use crate::meta::{Category, RuleMeta};

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct RunProperties {
    suppressed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    tags: Vec<&'static str>,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    descriptor: DescriptorRef,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation>,
}

#[derive(Serialize)]
struct DescriptorRef {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<SarifLocation>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<Physical>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<Logical>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Logical {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
    properties: LogicalProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalProperties {
    resource_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
}

/// SARIF `level` of a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative to `%SRCROOT%` (the repository root
/// in code scanning), absolute ones become `file://` URIs; everything outside the unreserved
/// characters is percent-encoded.
fn uri(path: &str) -> (String, Option<&'static str>) {
    let normalized = path.replace('\\', "/");
    let (absolute, rest) = match normalized.strip_prefix('/') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, normalized.trim_start_matches("./").to_owned()),
    };
    let mut encoded = String::with_capacity(rest.len());
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    if absolute {
        (format!("file:///{encoded}"), None)
    } else {
        (encoded, Some("%SRCROOT%"))
    }
}

fn physical(l: &Location) -> Physical {
    let (uri, uri_base_id) = uri(&l.file);
    Physical {
        artifact_location: Artifact { uri, uri_base_id },
        region: Some(Region {
            start_line: l.position.line,
            start_column: l.position.column,
            end_line: l.position.end_line,
            end_column: l.position.end_column,
        }),
    }
}

fn logical(r: &ResourceRef) -> Logical {
    Logical {
        name: r.id.clone(),
        fully_qualified_name: r.arn().unwrap_or_else(|| format!("{}/{}", r.kind, r.id)),
        kind: "resource",
        properties: LogicalProperties {
            resource_type: r.kind,
            account: r.account.clone(),
            region: r.region.clone(),
        },
    }
}

/// The text of a `## heading` section of a rule document, up to the next heading.
fn section(body: &str, heading: &str) -> Option<String> {
    let start = body.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let rest = body.get(start..)?;
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest.get(..end)?.trim().to_owned())
}

/// Where the rule documents are published, when the package names its repository.
fn help_uri(rule: &RuleMeta) -> Option<String> {
    let repository = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty())?;
    rule_doc_uri(repository, rule)
}

/// `REPOSITORY/blob/main/rules/CODE-name.md` for registry rules; custom rules have no page.
fn rule_doc_uri(repository: &str, rule: &RuleMeta) -> Option<String> {
    crate::rules::find(rule.code).filter(|r| std::ptr::eq(&r.meta, rule))?;
    Some(format!(
        "{}/blob/main/rules/{}-{}.md",
        repository.trim_end_matches('/'),
        rule.code,
        rule.name
    ))
}

fn descriptor(rule: &'static RuleMeta) -> Descriptor {
    let body = rule.body();
    let what = section(&body, "What it does").unwrap_or_else(|| rule.summary().to_owned());
    Descriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: rule.summary().to_owned(),
        },
        full_description: Text { text: what },
        help: Help {
            text: body.to_owned(),
            markdown: body.to_owned(),
        },
        help_uri: help_uri(rule),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: DescriptorProperties {
            tags: vec![rule.category.as_str()],
            // GitHub ranks security alerts by this CVSS-like score.
            security_severity: (rule.category == Category::Security).then_some(
                match rule.severity {
                    Severity::Error => "8.0",
                    Severity::Warning => "5.0",
                    Severity::Info => "2.0",
                },
            ),
        },
    }
}

fn result<'a>(report: &Report, p: &'a Placed) -> SarifResult<'a> {
    let f = &p.finding;
    let text = if p.help.is_empty() {
        f.message.clone()
    } else {
        format!("{}\n\nHelp: {}", f.message, p.help)
    };
    let primary = SarifLocation {
        physical_location: p.location.as_ref().map(physical),
        logical_locations: vec![logical(&f.resource)],
        ..SarifLocation::default()
    };
    let related_locations = f
        .related
        .iter()
        .zip(&p.related)
        .enumerate()
        .map(|(i, (r, l))| SarifLocation {
            id: Some(i),
            physical_location: l.as_ref().map(physical),
            logical_locations: vec![logical(&r.resource)],
            message: Some(Text {
                text: format!("{} `{}`: {}", r.resource.kind, r.resource.id, r.label),
            }),
        })
        .collect();
    SarifResult {
        rule_id: f.rule.code,
        rule_index: report.rules.iter().position(|r| std::ptr::eq(*r, f.rule)),
        level: level(f.severity),
        message: Text { text },
        locations: vec![primary],
        related_locations,
        partial_fingerprints: BTreeMap::from([(SCHEME, p.fingerprint.as_str())]),
        baseline_state: report.baselined.map(|_| "new"),
        suppressions: Vec::new(),
    }
}

/// A file a directory walk left unread: a warning that does not make the run unsuccessful.
fn skipped(s: &crate::source::Skipped) -> Notification {
    let (uri, uri_base_id) = uri(&s.path.display().to_string());
    Notification {
        level: "warning",
        message: Text {
            text: super::skipped::reason(s),
        },
        descriptor: DescriptorRef {
            id: "input/skipped".into(),
        },
        locations: vec![SarifLocation {
            physical_location: Some(Physical {
                artifact_location: Artifact { uri, uri_base_id },
                region: None,
            }),
            ..SarifLocation::default()
        }],
    }
}

/// An account live mode could not read (with `--allow-partial`): a warning, since the findings
/// of the other accounts stand, that says which account, call and permission.
fn unread(e: &crate::source::InputError) -> Notification {
    let (uri, uri_base_id) = uri(&e.path.display().to_string());
    Notification {
        level: "warning",
        message: Text {
            text: format!("not read: {}", e.message),
        },
        descriptor: DescriptorRef {
            id: "input/unread".into(),
        },
        locations: vec![SarifLocation {
            physical_location: Some(Physical {
                artifact_location: Artifact { uri, uri_base_id },
                region: None,
            }),
            ..SarifLocation::default()
        }],
    }
}

/// The report as a SARIF 2.1.0 log, pretty-printed, ending with a newline.
pub fn render_sarif(report: &Report) -> String {
    let mut results: Vec<SarifResult<'_>> =
        report.findings.iter().map(|p| result(report, p)).collect();
    if report.show_suppressed {
        for s in &report.suppressed {
            let mut r = result(report, &s.placed);
            r.baseline_state = None;
            r.suppressions = vec![Suppression {
                kind: match s.kind {
                    SuppressionKind::Config => "external",
                    SuppressionKind::Tag => "inSource",
                },
                status: "accepted",
                justification: s.reason.clone(),
                location: s.location.as_ref().map(|l| SarifLocation {
                    physical_location: Some(physical(l)),
                    ..SarifLocation::default()
                }),
            }];
            results.push(r);
        }
    }
    let notifications: Vec<Notification> = report
        .errors
        .iter()
        .map(|e| {
            let text = match &e.expected {
                Some(x) => format!("{}; expected {x}", e.message),
                None => e.message.clone(),
            };
            let (uri, uri_base_id) = uri(&e.path.display().to_string());
            Notification {
                level: "error",
                message: Text { text },
                descriptor: DescriptorRef {
                    id: format!("input/{}", e.kind.name()),
                },
                locations: vec![SarifLocation {
                    physical_location: Some(Physical {
                        artifact_location: Artifact { uri, uri_base_id },
                        region: e.position.as_ref().map(|p| Region {
                            start_line: p.line,
                            start_column: p.column,
                            end_line: p.end_line,
                            end_column: p.end_column,
                        }),
                    }),
                    ..SarifLocation::default()
                }],
            }
        })
        .chain(report.skipped.iter().map(skipped))
        .chain(report.unread.iter().map(unread))
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "vpclint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty()),
                    rules: report.rules.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
            properties: RunProperties {
                suppressed: report.suppressed.len(),
                baselined: report.baselined,
            },
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_source_root_or_file_uris() {
        assert_eq!(
            uri("testdata/demo/a b.json"),
            ("testdata/demo/a%20b.json".into(), Some("%SRCROOT%"))
        );
        assert_eq!(
            uri("./x/é.json"),
            ("x/%C3%A9.json".into(), Some("%SRCROOT%"))
        );
        assert_eq!(uri("/tmp/x.json"), ("file:///tmp/x.json".into(), None));
    }

    #[test]
    fn help_uri_points_at_the_rule_document() {
        let rule = crate::rules::ALL[0];
        assert_eq!(
            rule_doc_uri("https://example.test/vpclint/", rule),
            Some(format!(
                "https://example.test/vpclint/blob/main/rules/{}-{}.md",
                rule.code, rule.name
            ))
        );
    }

    #[test]
    fn sections_of_a_document() {
        let body = "# x (X1)\n\n## What it does\nChecks things.\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(
            section(body, "What it does").as_deref(),
            Some("Checks things.")
        );
        assert_eq!(
            section(body, "Why is this bad?").as_deref(),
            Some("Because.")
        );
        assert_eq!(section(body, "Example"), None);
    }
}
