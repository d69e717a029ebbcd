//! The command line as users run it: subcommands, selection, thresholds, configuration,
//! output formats and determinism.

use crate::common;

use common::{stderr, stdout, vpclint, vpclint_in};

#[test]
fn rules_lists_every_rule() {
    let out = vpclint(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn explain_by_code_and_name() {
    let by_name = vpclint(&["explain", "single-az-endpoint"]);
    let by_code = vpclint(&["explain", "VPCE002"]);
    assert_eq!(by_name.status.code(), Some(0));
    assert_eq!(stdout(&by_name), stdout(&by_code));
    let text = stdout(&by_name);
    assert!(text.starts_with("single-az-endpoint (VPCE002) — resilience, default severity warning\n\n# single-az-endpoint (VPCE002)\n"));
    assert!(text.contains("## How to fix") || text.contains("Use instead"));

    let unknown = vpclint(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "error: unknown rule `no-such-rule`; `vpclint rules` lists the codes and names\n"
    );
}

#[test]
fn schema_subcommand() {
    let one = vpclint(&["schema", "vpc-endpoints"]);
    assert_eq!(one.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&one)).unwrap();
    assert_eq!(v["required"], serde_json::json!(["VpcEndpoints"]));

    let all = vpclint(&["schema"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 36);
    assert!(v.get("transit-gateway-routes").is_some(), "{v}");

    let bad = vpclint(&["schema", "vpcz"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with(
        "error: unknown input kind `vpcz`; expected one of: vpcs, vpc-attribute, subnets"
    ));
}

#[test]
fn exit_codes_and_fail_on() {
    let dir = "testdata/examples/05-single-az-endpoint"; // one warning
    assert_eq!(vpclint(&["check", dir]).status.code(), Some(1));
    assert_eq!(
        vpclint(&["check", "--fail-on", "error", dir]).status.code(),
        Some(0)
    );
    assert_eq!(
        vpclint(&["check", "--fail-on", "info", dir]).status.code(),
        Some(1)
    );
    assert_eq!(
        vpclint(&["check", "--fail-on", "never", dir]).status.code(),
        Some(0)
    );
    assert_eq!(
        vpclint(&["check", "testdata/examples/01-healthy-execute-api"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        vpclint(&["check"]).status.code(),
        Some(2),
        "no path is a usage error"
    );
    assert_eq!(
        vpclint(&["check", "--format", "xml", dir]).status.code(),
        Some(2)
    );
}

#[test]
fn select_and_ignore() {
    let dir = "testdata/demo";
    let codes = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        a.push(dir);
        let v: serde_json::Value = serde_json::from_str(&stdout(&vpclint(&a))).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(&["--select", "peering-cidr-overlap"]), vec!["PCX001"]);
    assert_eq!(
        codes(&["--select", "DNS"]),
        vec!["DNS001", "DNS002", "DNS003"]
    );
    assert_eq!(
        codes(&["--select", "resilience,PCX001"]),
        vec!["VPCE002", "PCX001"]
    );
    assert_eq!(
        codes(&["--ignore", "correctness"]),
        vec!["VPCE002", "SG001", "POL001"]
    );
    assert_eq!(
        codes(&["--select", "DNS", "--ignore", "DNS002,private-dns-conflict"]),
        vec!["DNS001"]
    );

    let bad = vpclint(&["check", "--format", "short", "--select", "nope", dir]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stdout(&bad).starts_with("command line: error[input/config]: unknown rule selector `nope`; expected `ALL`, a rule code"));
}

fn temp_project(name: &str, toml: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vpclint-cli-{name}-{}", std::process::id()));
    let sub = dir.join("nested/deeper");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(dir.join("vpclint.toml"), toml).unwrap();
    sub
}

#[test]
fn configuration_is_discovered_upward_and_validated() {
    let estate = common::root().join("testdata/examples/05-single-az-endpoint");
    let estate = estate.to_str().unwrap();

    let cwd = temp_project(
        "ok",
        "fail-on = \"error\"\n[severity]\nsingle-az-endpoint = \"info\"\n",
    );
    let out = vpclint_in(&cwd, &["check", "--format", "json", estate]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["findings"][0]["severity"], "info");

    let cwd = temp_project("ignore", "ignore = [\"VPCE002\"]\n");
    let out = vpclint_in(&cwd, &["check", "--format", "short", estate]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));

    let cwd = temp_project(
        "bad",
        "fail-on = \"error\"\nselekt = [\"DNS\"]\n[severity]\nnot-a-rule = \"error\"\n",
    );
    let out = vpclint_in(&cwd, &["check", "--format", "short", estate]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("vpclint.toml:2:1: error[input/config]: unknown field `selekt`, expected one of `select`, `ignore`, `fail-on`, `severity`, "), "{text}");

    let cwd = temp_project(
        "badrule",
        "[severity]\nnot-a-rule = \"error\"\nDNS001 = \"loud\"\n",
    );
    let out = vpclint_in(&cwd, &["check", "--format", "short", estate]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text.contains("vpclint.toml:3:10: error[input/config]: unknown severity `loud`"),
        "{text}"
    );
    assert!(
        text.contains(
            "vpclint.toml:2:14: error[input/config]: unknown rule `not-a-rule` in [severity]"
        ),
        "{text}"
    );

    let explicit = common::root().join("testdata/config/strict.toml");
    let out = vpclint(&[
        "check",
        "--config",
        explicit.to_str().unwrap(),
        "--format",
        "short",
        "testdata/examples/01-healthy-execute-api",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let run = |jobs: &str, format: &str| {
        stdout(&vpclint(&[
            "check",
            "-j",
            jobs,
            "--format",
            format,
            "testdata/demo",
            "testdata/examples",
        ]))
    };
    for format in ["json", "short", "human", "sarif", "github"] {
        let one = run("1", format);
        assert!(!one.is_empty());
        assert_eq!(one, run("2", format), "{format}");
        assert_eq!(one, run("4", format), "{format}");
    }
}

#[test]
fn json_contract() {
    let out = vpclint(&[
        "check",
        "--format",
        "json",
        "testdata/examples/05-single-az-endpoint",
    ]);
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn human_report() {
    let out = vpclint(&[
        "check",
        "testdata/examples/05-single-az-endpoint",
        "testdata/examples/09-peering-cidr-overlap",
    ]);
    insta::assert_snapshot!(stdout(&out));
}

/// Aiven PrivateLink end to end through the binary: AWS exports and Aiven JSON in one folder.
#[test]
fn aiven_privatelink_end_to_end() {
    let healthy = vpclint(&["check", "--format", "short", "testdata/aiven/healthy"]);
    assert_eq!(healthy.status.code(), Some(0), "{}", stdout(&healthy));
    assert_eq!(stdout(&healthy), "");

    let broken = vpclint(&["check", "--format", "short", "testdata/aiven/broken"]);
    assert_eq!(broken.status.code(), Some(1));
    let lines: Vec<String> = stdout(&broken)
        .lines()
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect();
    assert_eq!(
        lines,
        vec![
            "testdata/aiven/broken/aiven/my-cassandra/service.json:19:21: error[AIV001 aiven-privatelink-unsupported]",
            "testdata/aiven/broken/aiven/my-kafka/privatelink.json:6:13: warning[AIV005 aiven-principal-whole-account]",
            "testdata/aiven/broken/aiven/my-kafka/service.json:77:22: error[AIV002 aiven-privatelink-access-disabled]",
            "testdata/aiven/broken/aiven/my-opensearch/privatelink.json:4:29: error[AIV003 aiven-endpoint-service-mismatch]",
            "testdata/aiven/broken/aiven/my-pg/privatelink.json:8:18: warning[AIV004 aiven-privatelink-not-active]",
            // The mistyped endpoint reaches no known service, so its ports are unknown.
            "testdata/aiven/broken/aws/describe-vpc-endpoints.json:7:28: info[VPCE006 endpoint-service-ports-unknown]",
        ]
    );
    let human = stdout(&vpclint(&["check", "testdata/aiven/broken"]));
    assert!(human.contains(
        "help: Enable it: `avn service update -c privatelink_access.kafka=true my-kafka`"
    ));
}

/// Policy findings show the decoded, pretty-printed policy with the label on the culprit, and
/// name the real place in the file: a pretty-printed policy (example 06), API Gateway's policy
/// escaped twice, and a policy that is not JSON (shown decoded, as written).
#[test]
fn human_report_inside_policies() {
    let out = vpclint(&[
        "check",
        "testdata/examples/06-wildcard-principal-policy",
        "testdata/rules/POL001/fail_private_api_policy.json",
        "testdata/rules/POL003/fail_bad_json.json",
    ]);
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn trusted_accounts_come_from_the_configuration() {
    let fixture = common::root().join("testdata/rules/POL004/pass_own_accounts.json");
    let fixture = fixture.to_str().unwrap();
    let run = |name: &str, toml: &str| {
        let cwd = temp_project(name, toml);
        vpclint_in(
            &cwd,
            &["check", "--format", "short", "--select", "POL004", fixture],
        )
    };
    // Without configuration both owners in the file are trusted.
    let out = run("trust-none", "");
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
    // Configured, only the listed account is: the other one is now reported.
    let out = run("trust-one", "trusted-accounts = [\"123456789012\"]\n");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(":9:277: warning[POL004 untrusted-principal]: Policy of endpoint `vpce-0a1b2c3d4e5f60718` (`com.amazonaws.eu-west-1.execute-api`) names account `210987654321` (in principal as `arn:aws:iam::210987654321:root`)"),
        "{text}"
    );
    let out = run("trust-bad", "trusted-accounts = [\"1234\"]\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("vpclint.toml:1:21: error[input/config]: `1234` in trusted-accounts is not an AWS account id; expected a 12-digit account id such as \"123456789012\""),
        "{}",
        stdout(&out)
    );
    let out = run("trust-snake", "trusted_accounts = [\"123456789012\"]\n");
    assert_eq!(out.status.code(), Some(2));
}

/// The places of every format, findings and errors alike, in a discovered `vpclint.toml`.
fn config_places(cwd: &std::path::Path) -> Vec<String> {
    let run = |format: &str| vpclint_in(cwd, &["check", "--format", format, "estate"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&run("json"))).unwrap();
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&run("sarif"))).unwrap();
    let run0 = &sarif["runs"][0];
    let human = run("human");
    let human = format!("{}{}", stdout(&human), stderr(&human));
    let mut places = vec![
        stdout(&run("short"))
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
        stdout(&run("github"))
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
        // The human report puts the worst first: the configuration's info comes after the
        // estate's warning.
        human
            .lines()
            .find(|l| l.contains("╭─[") && l.contains("vpclint.toml"))
            .unwrap_or_default()
            .trim()
            .to_owned(),
    ];
    for v in [
        &json["findings"][0]["location"]["file"],
        &json["errors"][0]["file"],
        &run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        &run0["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]
            ["physicalLocation"]["artifactLocation"]["uri"],
    ] {
        places.push(v.as_str().unwrap_or("-").to_owned());
    }
    places
}

#[test]
fn a_discovered_configuration_is_named_relative_to_the_working_directory() {
    // GitHub code scanning maps a SARIF location only when it is relative to the checkout, so
    // the configuration found two directories up is `../../vpclint.toml`, never absolute.
    let unused = "[[suppress]]\nrule = \"single-az-endpoint\"\nresource = \"vpce-0nothing\"\n\
                  reason = \"kept for the test\"\n";
    let cwd = temp_project("relative-finding", unused);
    let estate = common::root().join("testdata/examples/05-single-az-endpoint");
    std::fs::create_dir_all(cwd.join("estate")).unwrap();
    for f in common::json_files(&estate) {
        std::fs::copy(&f, cwd.join("estate").join(f.file_name().unwrap())).unwrap();
    }
    assert_eq!(
        config_places(&cwd),
        [
            "../../vpclint.toml:1:1: info[CFG001 unused-suppression]: Suppression of \
             `single-az-endpoint` for `vpce-0nothing` matches no finding (suppression \
             single-az-endpoint vpce-0nothing)",
            "::notice file=../../vpclint.toml,line=1,col=1,endLine=1,endColumn=12,\
             title=CFG001 unused-suppression::Suppression of `single-az-endpoint` for \
             `vpce-0nothing` matches no finding (suppression single-az-endpoint \
             vpce-0nothing)%0A%0ADelete this [[suppress]] entry, or correct its `rule` or \
             `resource` if it was meant to hide a finding (`vpclint check --select VPCE002 \
             --format short` lists them)",
            "╭─[../../vpclint.toml:1:1]",
            "../../vpclint.toml",
            "-",
            "../../vpclint.toml",
            "-",
        ]
    );

    // A configuration error, in the same project.
    std::fs::write(cwd.join("../../vpclint.toml"), "selekt = [\"DNS\"]\n").unwrap();
    let places = config_places(&cwd);
    assert!(
        places[0]
            .starts_with("../../vpclint.toml:1:1: error[input/config]: unknown field `selekt`"),
        "{places:?}"
    );
    assert!(
        places[1].starts_with(
            "::error file=../../vpclint.toml,line=1,col=1,title=vpclint input/config::unknown \
             field `selekt`"
        ),
        "{places:?}"
    );
    assert_eq!(
        places[2..],
        [
            "╭─[../../vpclint.toml:1:1]",
            "-",
            "../../vpclint.toml",
            "-",
            "../../vpclint.toml",
        ]
    );
    std::fs::remove_dir_all(cwd.join("../..")).unwrap();
}
