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

/// A wildcard principal in a full-access statement is said once: by `full-access-policy` where
/// that rule runs and is not suppressed, else by `wildcard-principal` at the `"Principal"` key.
#[test]
fn full_access_statement_is_reported_once_by_whichever_rule_shows() {
    std::env::set_current_dir(common::root()).unwrap();
    let fixture = "testdata/rules/POL001/fail_wildcard_after_scoped_statement.json";
    let shown = |select: &[&str], ignore: &[&str], config: Option<&str>| {
        let overrides = vpclint::config::Overrides {
            select: select.iter().map(|s| (*s).to_owned()).collect(),
            ignore: ignore.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        };
        let settings = vpclint::config::settings(config.map(Path::new), &overrides).unwrap();
        let report = vpclint::check(&[PathBuf::from(fixture)], &settings);
        report
            .findings
            .iter()
            .map(|p| {
                let at = p.location.as_ref().map_or(String::new(), |l| {
                    format!("{}:{}", l.position.line, l.position.column)
                });
                format!("{} {at} {}", p.finding.rule.code, p.finding.message)
            })
            .collect::<Vec<_>>()
    };
    let full = "POL002 9:281 Endpoint `vpce-0a8b7c6d5e4f3a2b1` (`com.amazonaws.eu-west-1.sqs`) has a full-access policy: every principal may perform every SQS action on every resource through it";
    let wildcard = "POL001 9:328 Policy of endpoint `vpce-0a8b7c6d5e4f3a2b1` (`com.amazonaws.eu-west-1.sqs`) allows every principal (`{\"AWS\": \"*\"}`) in statement `Everyone`, with no condition that narrows who";
    assert_eq!(shown(&["POL001", "POL002"], &[], None), [full]);
    assert_eq!(shown(&["POL001"], &[], None), [wildcard]);
    assert_eq!(shown(&["POL"], &["POL002"], None), [wildcard]);
    assert_eq!(
        shown(
            &["POL001", "POL002"],
            &[],
            Some("testdata/config/suppress-full-access.toml")
        ),
        [wildcard]
    );
}

/// Issue 19: two client subnets inside one VPC block, the usual numbers taken and a deny at 200:
/// the fix is one command, for the VPC's block, at the largest free number below the deny.
#[test]
fn nacl_fix_is_one_entry_for_the_vpc_block_below_the_deny() {
    let report = run(
        "testdata/rules/NET001/fail_vpc_clients_replies_denied_at_200.json",
        "NET001",
    );
    let help: Vec<&str> = report.findings.iter().map(|p| p.help.as_str()).collect();
    assert_eq!(
        help,
        ["Allow this traffic ahead of entry #200: `aws ec2 create-network-acl-entry --network-acl-id acl-e --egress --rule-number 199 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.0.0/16 --rule-action allow`"]
    );
}
