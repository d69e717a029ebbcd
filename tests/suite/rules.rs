//! Every rule fixture under `testdata/rules/CODE/`: `fail_*` must give findings of that rule
//! (pinned by a snapshot), `pass_*` none. Each runs with only its rule enabled.

use crate::common;

use std::path::{Path, PathBuf};

use vpclint::report::Report;

/// Runs a fixture with only `code` enabled; a directory fixture with a `vpclint.toml` inside runs
/// with that configuration.
fn run(rel: &str, code: &str) -> Report {
    let config = common::root().join(rel).join("vpclint.toml");
    if !config.is_file() {
        return common::check(&[rel], Some(code));
    }
    std::env::set_current_dir(common::root()).unwrap();
    let mut settings = vpclint::config::settings(Some(&config), &Default::default()).unwrap();
    settings.rules = vec![vpclint::rules::find(code).unwrap()];
    vpclint::check(&[PathBuf::from(rel)], &settings)
}

fn fixtures() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let dir = common::root().join("testdata/rules");
    let mut codes: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    codes.sort();
    for code_dir in codes {
        let code = code_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut entries: Vec<_> = std::fs::read_dir(&code_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            let name = e.file_stem().unwrap().to_string_lossy().into_owned();
            let rel = e
                .strip_prefix(common::root())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((code.clone(), name, rel));
        }
    }
    out
}

#[test]
fn rule_fixtures() {
    let all = fixtures();
    assert!(all.len() >= 30, "fixtures went missing: {}", all.len());
    for (code, name, rel) in all {
        let report = run(&rel, &code);
        assert!(
            report.errors.is_empty(),
            "{rel} must load: {:?}",
            report.errors
        );
        for f in &report.findings {
            assert_eq!(f.finding.rule.code, code, "{rel}: only {code} runs");
        }
        if name.starts_with("pass_") {
            assert!(
                report.findings.is_empty(),
                "{rel} must be clean:\n{}",
                common::render(&report)
            );
        } else {
            assert!(
                name.starts_with("fail_"),
                "{rel}: fixtures are fail_* or pass_*"
            );
            assert!(!report.findings.is_empty(), "{rel} must trigger {code}");
            insta::with_settings!({
                snapshot_path => Path::new("snapshots/rules"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{code}__{name}"), common::render(&report));
            });
        }
    }
}
