//! Baselines: today's findings, recorded by fingerprint, so that CI fails only on new ones.
//!
//! The file is JSON sorted by rule, resource and fingerprint, with the message of each entry for
//! the reviewer; only the fingerprints count when it is read. Fingerprints hold no file position,
//! so the baseline survives reordered, re-exported and edited inputs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::report::Placed;
use crate::source::{InputError, InputErrorKind};

/// The fingerprints of a baseline file.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// Where it was read.
    pub path: PathBuf,
    fingerprints: BTreeSet<String>,
}

impl Baseline {
    /// Whether the baseline has this fingerprint.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    tool: String,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    rule: String,
    name: String,
    resource: String,
    message: String,
}

/// Reads a baseline written by `--write-baseline`.
pub fn read(path: &Path) -> Result<Baseline, Box<InputError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(InputError::at_path(
            InputErrorKind::Baseline,
            path,
            format!("cannot read baseline: {e}"),
        ))
    })?;
    let file: File = serde_json::from_str(&text).map_err(|e| {
        Box::new(
            InputError::json_syntax(InputErrorKind::Baseline, path, "not a vpclint baseline", &e)
                .expected("the JSON that `vpclint check --write-baseline FILE` writes"),
        )
    })?;
    if file.version != 1 {
        return Err(Box::new(
            InputError::at_path(
                InputErrorKind::Baseline,
                path,
                format!("baseline version {} is not supported", file.version),
            )
            .expected("version 1"),
        ));
    }
    Ok(Baseline {
        path: path.to_path_buf(),
        fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
    })
}

/// The baseline file recording `findings`.
pub fn render(findings: &[Placed]) -> String {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|p| Entry {
            fingerprint: p.fingerprint.clone(),
            rule: p.finding.rule.code.to_owned(),
            name: p.finding.rule.name.to_owned(),
            resource: format!("{} {}", p.finding.resource.kind, p.finding.resource.id),
            message: p.finding.message.clone(),
        })
        .collect();
    entries.sort_by(|a, b| {
        (&a.rule, &a.resource, &a.fingerprint).cmp(&(&b.rule, &b.resource, &b.fingerprint))
    });
    let file = File {
        version: 1,
        tool: "vpclint".into(),
        findings: entries,
    };
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
    s.push('\n');
    s
}
