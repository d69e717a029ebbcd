//! Baselines: today's findings, recorded by fingerprint, so that CI fails only on new ones.
//!
//! The file is JSON sorted by rule, resource and fingerprint, with the message of each entry for
//! the reviewer; only the fingerprints count when it is read. Fingerprints hold no file position,
//! so the baseline survives reordered, re-exported and edited inputs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::report::Placed;
use crate::source::{resolved, InputError, InputErrorKind};
use crate::span::{locate_all, LineIndex, Part, Target};

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
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(InputError::at_path(
            InputErrorKind::Baseline,
            path,
            format!("cannot read baseline: {e}"),
        ))
    })?;
    let text = crate::source::utf8_text(path, bytes)?;
    let file: File = serde_json::from_str(&text).map_err(|e| {
        Box::new(
            crate::source::json_syntax(
                InputErrorKind::Baseline,
                path,
                &text,
                "not a vpclint baseline",
                &e,
            )
            .expected("the JSON that `vpclint check --write-baseline FILE` writes"),
        )
    })?;
    if file.version != 1 {
        let mut e = InputError::at_path(
            InputErrorKind::Baseline,
            path,
            format!("baseline version {} is not supported", file.version),
        )
        .expected("version 1");
        let version = Target {
            pointer: "/version".into(),
            inner: None,
            part: Part::Value,
        };
        if let Some(span) = locate_all(&text, &[version]).pop().flatten() {
            e.position = Some(resolved(&text, &LineIndex::new(&text), span).position);
            e.pointer = Some("/version".into());
            e.snippet = Some((Arc::new(text), span));
        }
        return Err(Box::new(e));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

    /// Reads `bytes` as a baseline file of its own.
    fn read_bytes(name: &str, bytes: &[u8]) -> Result<Baseline, Box<InputError>> {
        let dir = std::env::temp_dir().join(format!("vpclint-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_default();
        let out = read(&path);
        let _ = std::fs::remove_file(&path);
        out
    }

    fn position(e: &InputError) -> Option<(usize, usize, usize, usize)> {
        e.position
            .as_ref()
            .map(|p: &Position| (p.line, p.column, p.end_line, p.end_column))
    }

    // Found by the `config` fuzz target: these errors had no place, or one past the file's end,
    // or a column counted in bytes; an unsupported version had no place either.
    #[test]
    fn errors_have_places_inside_the_file() {
        let Err(e) = read_bytes("latin1.json", b"{\n  \"tool\": \"caf\xe9\"}") else {
            panic!("not UTF-8 is an error");
        };
        assert_eq!(e.kind, InputErrorKind::NotUtf8);
        assert_eq!(position(&e), Some((2, 15, 2, 15)));
        let Err(e) = read_bytes("empty.json", b"") else {
            panic!("an empty baseline is an error");
        };
        assert_eq!(position(&e), Some((1, 1, 1, 1)));
        let Err(e) = read_bytes("chars.json", "{\"tool\": \"é\" x".as_bytes()) else {
            panic!("invalid JSON is an error");
        };
        assert_eq!(position(&e), Some((1, 14, 1, 15)));
        let Err(e) = read_bytes(
            "version.json",
            b"{\"tool\": \"vpclint\", \"findings\": [],\n \"version\": 2}",
        ) else {
            panic!("version 2 is an error");
        };
        assert_eq!(e.message, "baseline version 2 is not supported");
        assert_eq!(position(&e), Some((2, 13, 2, 14)));
    }
}
