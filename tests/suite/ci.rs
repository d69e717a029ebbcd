//! CI and editor integration: SARIF, GitHub annotations, fingerprints and baselines,
//! suppressions (configuration and tags), custom rules, statistics and the output schema.

use crate::common;

use std::path::{Path, PathBuf};

use common::{assert_valid_json_output, assert_valid_sarif, stderr, stdout, vpclint};
use serde_json::{json, Value};
use vpclint::report::{render_json, render_sarif, Report};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vpclint-ci-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn every_fixture() -> Vec<String> {
    let mut out = vec![
        "testdata/demo".to_owned(),
        "testdata/custom-rules/estate".to_owned(),
        "testdata/suppress/tagged.json".to_owned(),
    ];
    for dir in ["testdata/rules", "testdata/examples", "testdata/bad"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(common::root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            if dir == "testdata/rules" {
                let mut files: Vec<PathBuf> = std::fs::read_dir(&e)
                    .unwrap()
                    .map(|f| f.unwrap().path())
                    .collect();
                files.sort();
                out.extend(files.iter().map(|f| rel(f)));
            } else if e.is_dir() || e.extension().is_some_and(|x| x == "json") {
                out.push(rel(&e));
            }
        }
    }
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(common::root())
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Findings of every rule on testdata/demo (its README lists them).
const DEMO_FINDINGS: usize = 10;

#[test]
fn sarif_and_json_of_every_fixture_validate() {
    let all = every_fixture();
    assert!(all.len() > 50, "{}", all.len());
    for path in &all {
        let mut report = common::check(&[path], None);
        report.show_suppressed = true;
        assert_valid_sarif(&render_sarif(&report));
        assert_valid_json_output(&render_json(&report));
    }
}

#[test]
fn sarif_result_and_rule_metadata() {
    let out = vpclint(&[
        "check",
        "--format",
        "sarif",
        "testdata/examples/05-single-az-endpoint",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let log = parse(&stdout(&out));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "VPCE002");
    assert_eq!(r["level"], "warning");
    let rule = &run["tool"]["driver"]["rules"][r["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "VPCE002");
    assert_eq!(rule["name"], "single-az-endpoint");
    assert_eq!(
        rule["shortDescription"]["text"],
        "Interface endpoint whose network interfaces are all in one Availability Zone"
    );
    assert!(rule["fullDescription"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Checks every interface VPC endpoint that is not being deleted"));
    assert!(rule["help"]["markdown"]
        .as_str()
        .unwrap()
        .starts_with("# single-az-endpoint (VPCE002)\n\n## What it does\n"));
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    assert_eq!(rule["properties"]["tags"], json!(["resilience"]));
    let location = &r["locations"][0];
    assert_eq!(
        location["physicalLocation"],
        json!({
            "artifactLocation": {
                "uri": "testdata/examples/05-single-az-endpoint/describe-vpc-endpoints.json",
                "uriBaseId": "%SRCROOT%"
            },
            "region": {"startLine": 11, "startColumn": 26, "endLine": 13, "endColumn": 14}
        })
    );
    assert_eq!(
        location["logicalLocations"][0]["name"],
        "vpce-a3fb468f66ecde3f9"
    );
    assert_eq!(location["logicalLocations"][0]["kind"], "resource");
    let fqn = location["logicalLocations"][0]["fullyQualifiedName"]
        .as_str()
        .unwrap();
    assert!(
        fqn.starts_with("arn:aws:ec2:us-east-1:")
            && fqn.ends_with(":vpc-endpoint/vpce-a3fb468f66ecde3f9"),
        "{fqn}"
    );
    let related = &r["relatedLocations"][0];
    assert_eq!(related["id"], 0);
    assert_eq!(
        related["logicalLocations"][0]["name"],
        "subnet-75c31a8b032305df1"
    );
    assert!(
        related["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            > 0
    );
    let fingerprint = r["partialFingerprints"]["vpclint/v1"].as_str().unwrap();
    assert_eq!(fingerprint.len(), 16);
    assert!(r["message"]["text"]
        .as_str()
        .unwrap()
        .contains("\n\nHelp: Add a subnet in"));

    // The schema check is not vacuous: a level SARIF does not know fails it.
    let schema = parse(include_str!(
        "../../testdata/schemas/sarif-schema-2.1.0.json"
    ));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut bad = log.clone();
    assert!(validator.is_valid(&bad));
    bad["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&bad));
}

#[test]
fn sarif_of_input_errors_and_of_findings_without_a_file() {
    let out = vpclint(&[
        "check",
        "--format",
        "sarif",
        "testdata/bad/invalid_cidr.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let log = parse(&stdout(&out));
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let n = &invocation["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(n["descriptor"]["id"], "input/invalid-value");
    assert_eq!(log["runs"][0]["results"], json!([]));

    // A finding from live data has no file: still valid SARIF, located by its resource alone.
    let mut report = common::check(&["testdata/examples/05-single-az-endpoint"], None);
    for p in &mut report.findings {
        p.location = None;
        p.related.iter_mut().for_each(|l| *l = None);
    }
    let text = render_sarif(&report);
    assert_valid_sarif(&text);
    let log = parse(&text);
    let location = &log["runs"][0]["results"][0]["locations"][0];
    assert_eq!(location.get("physicalLocation"), None);
    assert_eq!(
        location["logicalLocations"][0]["name"],
        "vpce-a3fb468f66ecde3f9"
    );
}

#[test]
fn github_workflow_commands() {
    let out = vpclint(&[
        "check",
        "--format",
        "github",
        "testdata/examples/05-single-az-endpoint",
        "testdata/examples/09-peering-cidr-overlap",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with(
        "::warning file=testdata/examples/05-single-az-endpoint/describe-vpc-endpoints.json,line=11,col=26,endLine=13,endColumn=13,title=VPCE002 single-az-endpoint::Interface endpoint `vpce-a3fb468f66ecde3f9` (`com.amazonaws.us-east-1.sts`) has network interfaces in only one Availability Zone (`us-east-1a`) (vpc-endpoint vpce-a3fb468f66ecde3f9)%0A%0AAdd a subnet in"
    ), "{}", lines[0]);
    assert!(lines[1].starts_with(
        "::error file=testdata/examples/09-peering-cidr-overlap/describe-vpc-peering-connections.json,line=36,col=39,endLine=36,"
    ), "{}", lines[1]);
    assert!(lines[1]
        .contains(",title=PCX001 peering-cidr-overlap::VPC peering `pcx-55cffe169b22e51cc`"));

    let bad = vpclint(&["check", "--format", "github", "testdata/bad/malformed.json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stdout(&bad).starts_with("::error file=testdata/bad/malformed.json,line="),
        "{}",
        stdout(&bad)
    );
    assert!(stdout(&bad).contains(",title=vpclint input/invalid-json::"));

    let info = vpclint(&[
        "check",
        "--format",
        "github",
        "--select",
        "CFG001",
        "testdata/rules/CFG001/fail_misspelt_rule_in_tag.json",
    ]);
    // Infos are notices; `:` and `,` are escaped in properties only.
    assert_eq!(
        stdout(&info).lines().next().unwrap(),
        "::notice file=testdata/rules/CFG001/fail_misspelt_rule_in_tag.json,line=12,col=52,endLine=12,endColumn=79,title=CFG001 unused-suppression::Tag `vpclint:ignore` on `vpce-0a1b2c3d4e5f60718` names `singel-az-endpoint`, which is not a vpclint rule; did you mean `single-az-endpoint`? (vpc-endpoint vpce-0a1b2c3d4e5f60718)%0A%0AName rules by the names or codes that `vpclint rules` lists, separated by commas"
    );
}

/// Rewrites every JSON file of `src` into `dst` as a re-export would: compact, with every
/// top-level list reversed, so every line, column and array index changes.
fn reexport(src: &Path, dst: &Path) {
    for entry in common::json_files(src) {
        let mut value = parse(&std::fs::read_to_string(&entry).unwrap());
        match &mut value {
            Value::Object(map) => {
                for v in map.values_mut() {
                    if let Value::Array(items) = v {
                        items.reverse();
                    }
                }
            }
            Value::Array(items) => items.reverse(),
            _ => {}
        }
        let out = dst.join(entry.strip_prefix(src).unwrap());
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, serde_json::to_string(&value).unwrap()).unwrap();
    }
}

fn fingerprints(report: &Report) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = report
        .findings
        .iter()
        .map(|p| {
            (
                p.finding.rule.code.to_owned(),
                p.finding.resource.id.clone(),
                p.fingerprint.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn fingerprints_survive_reexport_reordering_and_unrelated_edits() {
    let dir = temp_dir("fingerprints");
    reexport(&common::root().join("testdata/demo"), &dir.join("demo"));
    let before = common::check(&["testdata/demo"], None);
    let after = common::check(&[dir.join("demo").to_str().unwrap()], None);
    assert_eq!(fingerprints(&before).len(), DEMO_FINDINGS);
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let lines = |r: &Report| -> Vec<usize> {
        r.findings
            .iter()
            .map(|p| p.location.as_ref().unwrap().position.line)
            .collect()
    };
    assert_eq!(
        lines(&after),
        vec![1; DEMO_FINDINGS],
        "the re-export is one line per file"
    );
    assert_ne!(lines(&before), lines(&after));
    // An unrelated file added alongside changes nothing either.
    let with_more = common::check(
        &[
            "testdata/demo",
            "testdata/rules/VPCE002/fail_one_subnet.json",
        ],
        None,
    );
    let more = fingerprints(&with_more);
    for f in fingerprints(&before) {
        assert!(more.contains(&f), "{f:?}");
    }
}

#[test]
fn baseline_round_trip() {
    let dir = temp_dir("baseline");
    let baseline = dir.join("baseline.json");
    let b = baseline.to_str().unwrap();
    let out = vpclint(&[
        "check",
        "--write-baseline",
        b,
        "--format",
        "short",
        "testdata/demo",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        DEMO_FINDINGS,
        "the findings are still shown"
    );
    assert_eq!(
        stderr(&out),
        format!("vpclint: wrote 10 findings to the baseline {b}\n")
    );
    let file = parse(&std::fs::read_to_string(&baseline).unwrap());
    assert_eq!(file["version"], 1);
    let entries = file["findings"].as_array().unwrap();
    let rules: Vec<&str> = entries
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        vec![
            "DNS001", "DNS002", "DNS003", "PCX001", "POL001", "SG001", "VPCE001", "VPCE002",
            "VPCE003", "VPCE006"
        ]
    );
    let single_az = entries.iter().find(|e| e["rule"] == "VPCE002").unwrap();
    assert_eq!(single_az["resource"], "vpc-endpoint vpce-3cae54763bdd9f7a7");

    // The same estate: nothing new, and the summary says how many were baselined.
    let out = vpclint(&[
        "check",
        "--baseline",
        b,
        "--format",
        "json",
        "testdata/demo",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v = parse(&stdout(&out));
    assert_eq!(v["findings"], json!([]));
    assert_eq!(v["summary"]["baselined"], DEMO_FINDINGS);
    let human = vpclint(&["check", "--baseline", b, "testdata/demo"]);
    assert!(stdout(&human).ends_with(
        "Found 0 findings (0 errors, 0 warnings, 0 infos) in 39 files, 139 resources; 10 in the baseline.\n"
    ), "{}", stdout(&human));

    // Re-exported and reordered, plus one new defect: only the new one is reported.
    reexport(&common::root().join("testdata/demo"), &dir.join("demo"));
    let demo = dir.join("demo");
    let out = vpclint(&[
        "check",
        "--baseline",
        b,
        "--format",
        "json",
        demo.to_str().unwrap(),
        "testdata/rules/VPCE002/fail_one_subnet.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = parse(&stdout(&out));
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["resource"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    // Only the new endpoint's findings are reported (whatever else its fixture triggers).
    assert!(
        found.contains(&("VPCE002", "vpce-0a000000000000001")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, id)| *id == "vpce-0a000000000000001"),
        "{found:?}"
    );
    assert_eq!(v["summary"]["baselined"], DEMO_FINDINGS);

    // A baseline that is not one is an input error.
    let out = vpclint(&[
        "check",
        "--baseline",
        "Cargo.toml",
        "--format",
        "short",
        "testdata/demo",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "Cargo.toml:1:2: error[input/baseline]: not a vpclint baseline: expected value; expected the JSON that `vpclint check --write-baseline FILE` writes\n"
    );
    let out = vpclint(&["check", "--baseline", "no-such.json", "testdata/demo"]);
    assert_eq!(out.status.code(), Some(2));
}

fn suppress_run(extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["check", "--config", "testdata/suppress/vpclint.toml"];
    // The rules the suppressions are about, so that rules added later leave the test alone.
    if !extra.contains(&"--select") {
        args.extend_from_slice(&["--select", "VPCE002,VPCE003,DNS,PCX,CFG"]);
    }
    args.extend_from_slice(extra);
    args.extend_from_slice(&["testdata/demo", "testdata/suppress/tagged.json"]);
    let out = vpclint(&args);
    (out.status.code(), stdout(&out))
}

#[test]
fn suppressions_by_config_and_tag() {
    let (code, text) = suppress_run(&["--format", "json", "--show-suppressed"]);
    assert_eq!(code, Some(1));
    let v = parse(&text);
    let ids = |key: &str| -> Vec<(String, String)> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["resource"]["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        ids("findings"),
        pairs(&[
            ("VPCE003", "vpce-669c0787b5d708cb8"),
            // The expired suppression no longer hides the overlap...
            ("PCX001", "pcx-c52d60f3f32457133"),
            ("DNS002", "vpc-be4b9d9db6ea1f629"),
            ("DNS003", "vpce-9d11a8d7797e90761"),
            // ...the tag naming two rules that report nothing there is stale twice...
            ("CFG001", "vpce-0ba5e0000000000b2"),
            ("CFG001", "vpce-0ba5e0000000000b2"),
            // ...and the expired and the unmatched entries are reported themselves.
            ("CFG001", "peering-cidr-overlap pcx-*"),
            ("CFG001", "endpoint-not-available vpce-0000000000000000"),
        ])
    );
    assert_eq!(
        ids("suppressed"),
        pairs(&[
            ("VPCE002", "vpce-3cae54763bdd9f7a7"),
            ("DNS001", "vpce-9dcfb527fa0ef1734"),
            ("VPCE002", "vpce-0ba5e0000000000a1"),
        ])
    );
    let s = &v["suppressed"];
    assert_eq!(s[0]["suppression"]["kind"], "config");
    assert_eq!(
        s[0]["suppression"]["reason"],
        "tooling is a single-AZ sandbox"
    );
    assert_eq!(
        s[0]["suppression"]["location"]["file"],
        "testdata/suppress/vpclint.toml"
    );
    assert_eq!(s[0]["suppression"]["location"]["line"], 3);
    assert_eq!(s[2]["suppression"]["kind"], "tag");
    assert_eq!(
        s[2]["suppression"]["reason"],
        "tag `vpclint:ignore` = `single-az-endpoint`"
    );
    assert_eq!(
        s[2]["suppression"]["location"]["pointer"],
        "/VpcEndpoints/0/Tags/1/Value"
    );
    assert_eq!(s[2]["suppression"]["location"]["line"], 13);
    assert_eq!(v["summary"]["suppressed"], 3);
    assert_eq!(
        v["summary"]["by_severity"],
        json!({"error": 3, "warning": 1, "info": 4})
    );

    // Without --show-suppressed they are counted, not listed.
    let (_, text) = suppress_run(&["--format", "json"]);
    let v = parse(&text);
    assert_eq!(v["suppressed"], json!([]));
    assert_eq!(v["summary"]["suppressed"], 3);

    let (_, text) = suppress_run(&["--format", "short", "--select", "CFG001"]);
    assert_eq!(
        text,
        "testdata/suppress/vpclint.toml:14:1: info[CFG001 unused-suppression]: Suppression of `peering-cidr-overlap` for `pcx-*` expired on 2020-01-31: its findings are reported again (suppression peering-cidr-overlap pcx-*)
"
    );
    // With only CFG001 selected the suppressed rules did not run: their entries and tags are
    // not called unused (vpclint cannot know), only the expired entry is reported.
    let (_, text) = suppress_run(&["--format", "short", "--select", "CFG001,VPCE003"]);
    assert_eq!(
        text,
        "testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json:148:22: warning[VPCE003 endpoint-not-available]: VPC endpoint `vpce-669c0787b5d708cb8` (`com.amazonaws.vpce.eu-west-1.vpce-svc-2a9307bb`) is `pendingAcceptance`: the service owner has not accepted the connection, so no traffic flows (vpc-endpoint vpce-669c0787b5d708cb8)
testdata/suppress/vpclint.toml:14:1: info[CFG001 unused-suppression]: Suppression of `peering-cidr-overlap` for `pcx-*` expired on 2020-01-31: its findings are reported again (suppression peering-cidr-overlap pcx-*)
testdata/suppress/vpclint.toml:20:1: info[CFG001 unused-suppression]: Suppression of `endpoint-not-available` for `vpce-0000000000000000` matches no finding (suppression endpoint-not-available vpce-0000000000000000)
"
    );

    let (_, text) = suppress_run(&["--format", "short", "--show-suppressed"]);
    assert!(text.contains(
        "testdata/suppress/tagged.json:9:26: suppressed[VPCE002 single-az-endpoint]: Interface endpoint `vpce-0ba5e0000000000a1` (`com.amazonaws.eu-west-1.sts`) has network interfaces in only one Availability Zone (`eu-west-1a`) (vpc-endpoint vpce-0ba5e0000000000a1) [tag suppression: tag `vpclint:ignore` = `single-az-endpoint`]\n"
    ), "{text}");
    let (_, text) = suppress_run(&[]);
    assert!(text.ends_with(
        "Found 8 findings (3 errors, 1 warning, 4 infos) in 40 files, 143 resources; 3 suppressed.\n"
    ), "{text}");
    let (_, text) = suppress_run(&["--format", "sarif", "--show-suppressed"]);
    let log = parse(&text);
    let suppressed: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 3);
    assert_eq!(
        suppressed[0]["suppressions"][0],
        json!({
            "kind": "external",
            "status": "accepted",
            "justification": "tooling is a single-AZ sandbox",
            "location": {"physicalLocation": {
                "artifactLocation": {"uri": "testdata/suppress/vpclint.toml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 13}
            }}
        })
    );
    assert_eq!(suppressed[2]["suppressions"][0]["kind"], "inSource");
}

#[test]
fn suppression_expires_after_its_last_day() {
    let path = common::root().join("testdata/suppress/vpclint.toml");
    let mut settings =
        vpclint::config::settings(Some(&path), &vpclint::config::Overrides::default()).unwrap();
    let paths = [common::root().join("testdata/demo")];
    let overlap = |settings: &vpclint::config::Settings| {
        let report = vpclint::check(&paths, settings);
        (
            report
                .findings
                .iter()
                .any(|p| p.finding.rule.code == "PCX001"),
            report
                .suppressed
                .iter()
                .any(|s| s.placed.finding.rule.code == "PCX001"),
        )
    };
    settings.today = vpclint::filter::date::parse("2020-01-31").unwrap();
    assert_eq!(overlap(&settings), (false, true), "applies on its last day");
    settings.today = vpclint::filter::date::parse("2020-02-01").unwrap();
    assert_eq!(overlap(&settings), (true, false), "expired the day after");
}

#[test]
fn bad_suppressions_are_configuration_errors() {
    let dir = temp_dir("bad-suppress");
    std::fs::write(
        dir.join("vpclint.toml"),
        "[[suppress]]\nrule = \"single-az-endpoint\"\nresource = \"vpce-1\"\n\n\
         [[suppress]]\nrule = \"no-such-rule\"\nresource = \"vpce-2\"\nreason = \"x\"\n",
    )
    .unwrap();
    let estate = common::root().join("testdata/examples/05-single-az-endpoint");
    let out = common::vpclint_in(
        &dir,
        &["check", "--format", "short", estate.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        // Found in the working directory, and named relative to it.
        "vpclint.toml:1:1: error[input/config]: missing field `reason`; expected the keys `select`, `ignore`, `fail-on`, `trusted-accounts`, `custom-rules`, `baseline`, `exclude`, the table `[severity]` and the arrays of tables `[[suppress]]` (`rule`, `resource`, `reason`, optional `expires`), `[[service]]` (`name`, `ports`, `protocol`) and `[[clients]]` (`endpoints`, `cidrs`, `subnets`, `security-groups`)\n"
    );
    std::fs::write(
        dir.join("vpclint.toml"),
        "[[suppress]]\nrule = \"no-such-rule\"\nresource = \"vpce-[\"\nreason = \" \"\nexpires = \"2026-02-30\"\n",
    )
    .unwrap();
    let out = common::vpclint_in(
        &dir,
        &["check", "--format", "short", estate.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.split_once("vpclint.toml:").unwrap().1)
        .collect();
    assert_eq!(
        lines,
        vec![
            "2:8: error[input/config]: unknown rule `no-such-rule` in [[suppress]]; expected a rule code or name, see `vpclint rules`",
            "3:12: error[input/config]: invalid resource pattern `vpce-[`: unclosed character class; missing ']'; expected a resource id, an ARN or a glob with `*`, `?`, `[…]` or `{a,b}`",
            "4:10: error[input/config]: empty reason in [[suppress]]; expected a reason that tells a reviewer why the finding is intended",
            "5:11: error[input/config]: invalid expiry date `2026-02-30`; expected a date such as 2026-06-30 (the last day the suppression applies)",
        ]
    );
}

#[test]
fn custom_rules_from_the_configuration() {
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "check",
            "--config",
            "testdata/custom-rules/vpclint.toml",
            "--select",
            "ORG001",
        ];
        a.extend_from_slice(extra);
        a.push("testdata/custom-rules/estate");
        a
    };
    let out = vpclint(&args(&["--format", "short"]));
    assert_eq!(out.status.code(), Some(1));
    let file = "testdata/custom-rules/estate/describe-vpc-endpoints.json";
    assert_eq!(
        stdout(&out),
        format!(
            "{file}:24:32: warning[ORG001 interface-endpoint-ownership]: Interface endpoint `vpce-0c0ffee000000002b` breaks the endpoint policy of the organisation: it uses the default full-access endpoint policy (every action on every resource for every principal) (vpc-endpoint vpce-0c0ffee000000002b)
{file}:27:21: warning[ORG001 interface-endpoint-ownership]: Interface endpoint `vpce-0c0ffee000000002b` breaks the endpoint policy of the organisation: it has no `Owner` tag with a value (vpc-endpoint vpce-0c0ffee000000002b)
{file}:33:9: warning[ORG001 interface-endpoint-ownership]: Interface endpoint `vpce-0c0ffee000000003c` breaks the endpoint policy of the organisation: it has no tags, so no `Owner` tag (vpc-endpoint vpce-0c0ffee000000003c)
"
        )
    );
    let v = parse(&stdout(&vpclint(&args(&["--format", "json"]))));
    let places: Vec<(&str, Option<&str>)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["location"]["pointer"].as_str().unwrap(),
                f["location"]["embedded_pointer"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        places,
        vec![
            ("/VpcEndpoints/1/PolicyDocument", Some("")),
            ("/VpcEndpoints/1/Tags", None),
            ("/VpcEndpoints/2", None),
        ]
    );
    assert_eq!(v["findings"][0]["category"], "security");
    assert!(v["findings"][0]["help"]
        .as_str()
        .unwrap()
        .starts_with("Tag the endpoint with its owning team, `aws ec2 create-tags --resources vpce-0c0ffee000000002b --tags Key=Owner,Value=TEAM`"));
    // Distinct findings on one resource keep distinct fingerprints.
    assert_ne!(
        v["findings"][0]["fingerprint"],
        v["findings"][1]["fingerprint"]
    );

    let log = parse(&stdout(&vpclint(&args(&["--format", "sarif"]))));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let org = rules.iter().find(|r| r["id"] == "ORG001").unwrap();
    assert_eq!(
        org["properties"],
        json!({"tags": ["security"], "security-severity": "5.0"})
    );
    assert_eq!(
        org["shortDescription"]["text"],
        "Interface endpoints carry an `Owner` tag and a policy narrower than the default full-access policy"
    );

    // Custom rules are selected, ignored and listed like any other.
    let out = vpclint(&args(&[
        "--format",
        "short",
        "--ignore",
        "interface-endpoint-ownership",
    ]));
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
    let out = vpclint(&args(&["--format", "short", "--select", "ORG"]));
    assert_eq!(stdout(&out).lines().count(), 3);
    let out = vpclint(&args(&["--statistics"]));
    assert!(
        stdout(&out).starts_with("    3  ORG001   interface-endpoint-ownership  3 warning\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn custom_rule_findings_inside_embedded_policies_and_their_suppression() {
    let dir = temp_dir("custom-inner");
    std::fs::write(
        dir.join("principal.json"),
        r#"{
  "name": "wildcard-principal-statement", "code": "ACME7", "severity": "error",
  "resource": "vpc-endpoint", "message": "Endpoint `{id}` lets anyone in",
  "schema": {"properties": {"PolicyDocument": {
    "contentMediaType": "application/json",
    "contentSchema": {"properties": {"Statement": {"items": {"properties": {
      "Principal": {"not": {"const": "*"}}}}}}}}}}
}"#,
    )
    .unwrap();
    let rules = dir.join("*.json");
    std::fs::write(
        dir.join("vpclint.toml"),
        format!(
            "custom-rules = [{:?}]\n[[suppress]]\nrule = \"ACME7\"\nresource = \"vpce-0c0ffee000000004d\"\nreason = \"the S3 gateway is governed by bucket policies\"\n",
            rules.to_str().unwrap()
        ),
    )
    .unwrap();
    let estate = common::root().join("testdata/custom-rules/estate");
    let out = common::vpclint_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--show-suppressed",
            "--select",
            "ACME7,CFG001",
            estate.to_str().unwrap(),
        ],
    );
    let v = parse(&stdout(&out));
    let found: Vec<(&str, &str, u64, u64, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["resource"]["id"].as_str().unwrap(),
                f["location"]["embedded_pointer"].as_str().unwrap(),
                f["location"]["line"].as_u64().unwrap(),
                f["location"]["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "vpce-0c0ffee000000002b",
                "/Statement/0/Principal",
                24,
                145,
                "Endpoint `vpce-0c0ffee000000002b` lets anyone in: `Principal` matches a schema it must not match"
            ),
            (
                "vpce-0c0ffee000000003c",
                "/Statement/0/Principal",
                39,
                84,
                "Endpoint `vpce-0c0ffee000000003c` lets anyone in: `Principal` matches a schema it must not match"
            ),
        ]
    );
    assert_eq!(
        v["suppressed"][0]["resource"]["id"],
        "vpce-0c0ffee000000004d"
    );
}

#[test]
fn bad_custom_rule_files_are_input_errors() {
    let out = vpclint(&[
        "check",
        "--config",
        "testdata/custom-rules/bad.toml",
        "--format",
        "short",
        "testdata/custom-rules/estate",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "testdata/custom-rules/bad/invalid_values.json:2:11: error[input/custom-rule]: invalid rule name `Endpoint Owner`; expected a kebab-case name (`endpoint-owner-tag`)
testdata/custom-rules/bad/invalid_values.json:3:11: error[input/custom-rule]: invalid rule code `org-1`; expected upper-case letters then digits, at most 12 characters (`ORG001`)
testdata/custom-rules/bad/invalid_values.json:4:15: error[input/custom-rule]: unknown severity `loud`; expected `error`, `warning` or `info`
testdata/custom-rules/bad/invalid_values.json:5:15: error[input/custom-rule]: unknown resource kind `vpc-endponit`; expected one of vpc, subnet, security-group, network-acl, route-table, network-interface, vpc-endpoint, vpc-endpoint-service, vpc-peering-connection
testdata/custom-rules/bad/invalid_values.json:7:23: error[input/custom-rule]: invalid JSON Schema: \"strin\" is not valid under any of the schemas listed in the 'anyOf' keyword; expected a JSON Schema (draft 2020-12 unless `$schema` says otherwise) without remote `$ref`s
testdata/custom-rules/bad/taken_and_unknown_field.json:4:13: error[input/custom-rule]: invalid custom rule: unknown field `serverity`, expected one of `name`, `code`, `severity`, `resource`, `message`, `help`, `description`, `category`, `schema`; expected an object with `name`, `code`, `severity`, `resource`, `message` and `schema` (optional: `help`, `description`, `category`)
testdata/custom-rules/bad.toml:1:31: error[input/config]: `missing/*.json` matches no file; expected a path or glob, relative to vpclint.toml, of custom rule files (`policies/*.json`)
"
    );
    let dir = temp_dir("custom-taken");
    std::fs::write(
        dir.join("taken.json"),
        r#"{"name": "single-az-endpoint", "code": "VPCE002", "severity": "info", "resource": "vpc", "message": "m", "schema": true}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("vpclint.toml"),
        "custom-rules = [\"taken.json\"]\n",
    )
    .unwrap();
    let out = common::vpclint_in(&dir, &["check", "--format", "short", "."]);
    let text = stdout(&out);
    assert!(text.contains("taken.json:1:40: error[input/custom-rule]: rule code `VPCE002` is already taken by `single-az-endpoint`"), "{text}");
    assert!(text.contains("taken.json:1:10: error[input/custom-rule]: rule name `single-az-endpoint` is already taken by VPCE002"), "{text}");
}

#[test]
fn statistics_count_findings_per_rule() {
    let out = vpclint(&[
        "check",
        "--statistics",
        "--select",
        "VPCE002,VPCE003,DNS,PCX",
        "testdata/demo",
        "testdata/examples",
    ]);
    assert_eq!(out.status.code(), Some(1));
    // DNS004: dns-01 lists the hosted zones of account 123456789012, which the demo's
    // eu-west-1 estate shares (moto's default account), so the demo's peered VPC that reaches
    // the execute-api endpoint of its peer is known to resolve its name publicly.
    assert_eq!(
        stdout(&out),
        "    3  PCX001   peering-cidr-overlap         3 error
    2  VPCE002  single-az-endpoint           2 warning
    1  DNS001   private-dns-disabled         1 warning
    1  DNS002   vpc-dns-attributes-disabled  1 error
    1  DNS003   private-dns-conflict         1 error
    1  DNS004   endpoint-dns-not-shared      1 warning
    1  VPCE003  endpoint-not-available       1 warning
Found 10 findings (5 errors, 5 warnings, 0 infos) in 144 files, 391 resources.
"
    );
}

#[test]
fn schema_output_describes_the_json_report() {
    let out = vpclint(&["schema", "output"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), vpclint::report::OUTPUT_SCHEMA);
    let schema = parse(&stdout(&out));
    assert!(jsonschema::meta::is_valid(&schema));
    // The schema is strict: an unknown member or a wrong severity does not validate.
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut report = parse(&stdout(&vpclint(&[
        "check",
        "--format",
        "json",
        "testdata/examples/05-single-az-endpoint",
    ])));
    assert!(validator.is_valid(&report));
    report["findings"][0]["severity"] = json!("fatal");
    assert!(!validator.is_valid(&report));
    report["findings"][0]["severity"] = json!("warning");
    report["findings"][0]["extra"] = json!(1);
    assert!(!validator.is_valid(&report));
}
