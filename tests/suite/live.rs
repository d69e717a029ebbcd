//! Live mode against a real EC2-compatible server: moto on loopback, installed into a venv under
//! `target/` on first run (python3 and PyPI needed, nothing else), seeded through the API by
//! tests/suite/live/seed.py.
#![cfg(feature = "aws")]

#[path = "live/moto.rs"]
mod moto;
#[path = "live/org.rs"]
mod org;
#[path = "live/proxy.rs"]
mod proxy;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use moto::Moto;
use proxy::{Mode, Proxy};

const ACCOUNT: &str = "123456789012";

/// Runs vpclint with dummy credentials and nothing of the machine's AWS configuration.
fn vpclint(args: &[&str], creds: Option<(&str, &str, &str)>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vpclint"));
    cmd.args(args);
    for var in [
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_EC2",
        "AWS_ENDPOINT_URL_STS",
        "AWS_SESSION_TOKEN",
        "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    ] {
        cmd.env_remove(var);
    }
    let (key, secret, token) = creds.unwrap_or(("testing", "testing", ""));
    cmd.env("AWS_ACCESS_KEY_ID", key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    if !token.is_empty() {
        cmd.env("AWS_SESSION_TOKEN", token);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `check --aws` options for the seeded estate through `endpoint`.
fn live_args<'a>(endpoint: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "check",
        "--aws",
        "--region",
        "eu-west-1",
        "--region",
        "us-east-1",
        "--endpoint-url",
        endpoint,
        "--page-size",
        "5",
        "--format",
        "json",
        "--fail-on",
        "never",
    ];
    args.extend_from_slice(extra);
    args
}

/// `check --aws` of eu-west-1 without retries, short output.
fn one_attempt(endpoint: &str) -> Vec<&str> {
    vec![
        "check",
        "--aws",
        "--region",
        "eu-west-1",
        "--endpoint-url",
        endpoint,
        "--max-attempts",
        "1",
        "--format",
        "short",
    ]
}

fn codes(json: &str) -> BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Every action reads: `Describe*`, `List*`, `Get*`, HTTP `GET`, and `AssumeRole` (which
/// changes nothing but gives a session).
fn assert_read_only(actions: &[String]) {
    assert!(!actions.is_empty(), "nothing was recorded");
    for a in actions {
        assert!(
            ["Describe", "List", "Get", "Search", "GET /", "AssumeRole"]
                .iter()
                .any(|p| a.starts_with(p)),
            "a non-read-only call reached the server: {a}"
        );
    }
}

fn count(actions: &[String], action: &str) -> usize {
    actions.iter().filter(|a| *a == action).count()
}

#[test]
fn live_audit_against_moto() {
    let moto = Moto::start();
    moto.seed(&[]);
    let snap = Path::new(env!("CARGO_TARGET_TMPDIR")).join("live-export");
    let _ = std::fs::remove_dir_all(&snap);
    let snap_arg = snap.to_string_lossy().into_owned();

    // export: one folder per account and region, read-only calls only, paginated.
    moto.start_recording();
    let (code, _, err) = vpclint(
        &[
            "export",
            "--out",
            &snap_arg,
            "--region",
            "eu-west-1",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &moto.endpoint,
            "--page-size",
            "5",
        ],
        None,
    );
    assert_eq!(code, 0, "export failed: {err}");
    assert!(
        err.contains(&format!("exported account {ACCOUNT}")),
        "{err}"
    );
    for region in ["eu-west-1", "us-east-1"] {
        for file in [
            "describe-vpcs.json",
            "vpc-attributes.json",
            "describe-subnets.json",
            "describe-security-groups.json",
            "describe-network-acls.json",
            "describe-route-tables.json",
            "describe-network-interfaces.json",
            "describe-vpc-endpoints.json",
            "describe-vpc-endpoint-services.json",
            "describe-vpc-endpoint-service-configurations.json",
            "describe-vpc-peering-connections.json",
            "describe-availability-zones.json",
            "describe-prefix-lists.json",
            "describe-dhcp-options.json",
            "get-rest-apis.json",
            "list-resolver-rules.json",
            "list-resolver-rule-associations.json",
            "list-resolver-endpoints.json",
            "describe-transit-gateways.json",
            "describe-transit-gateway-attachments.json",
            "describe-transit-gateway-route-tables.json",
        ] {
            let path = snap.join(ACCOUNT).join(region).join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            // The AWS CLI's formatting: 4-space indent, trailing newline.
            assert!(text.ends_with("}\n") || text.ends_with("]\n"), "{path:?}");
        }
    }
    // Route 53 is global: its zones once per account, each private zone in its own folder.
    let zones = std::fs::read_to_string(snap.join(ACCOUNT).join("list-hosted-zones.json")).unwrap();
    let zones: serde_json::Value = serde_json::from_str(&zones).unwrap();
    let zone = zones["HostedZones"][0]["Id"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    for file in ["get-hosted-zone.json", "list-resource-record-sets.json"] {
        assert!(
            snap.join(ACCOUNT)
                .join("route53")
                .join(zone)
                .join(file)
                .is_file(),
            "{zone}/{file}"
        );
    }
    // Each transit gateway route table's routes, associations and propagations in its folder
    // (moto also creates the gateway's default table, without routes).
    let region_dir = snap.join(ACCOUNT).join("eu-west-1");
    let tables =
        std::fs::read_to_string(region_dir.join("describe-transit-gateway-route-tables.json"))
            .unwrap();
    let tables: serde_json::Value = serde_json::from_str(&tables).unwrap();
    let tables: Vec<&str> = tables["TransitGatewayRouteTables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["TransitGatewayRouteTableId"].as_str().unwrap())
        .collect();
    assert!(!tables.is_empty());
    for table in &tables {
        for file in [
            "search-transit-gateway-routes.json",
            "get-transit-gateway-route-table-associations.json",
            "get-transit-gateway-route-table-propagations.json",
        ] {
            assert!(
                region_dir.join(table).join(file).is_file(),
                "{table}/{file}"
            );
        }
    }
    assert!(
        tables.iter().any(|t| {
            std::fs::read_to_string(
                region_dir
                    .join(t)
                    .join("search-transit-gateway-routes.json"),
            )
            .unwrap()
            .contains("\"10.20.0.0/16\"")
        }),
        "no table holds the static route"
    );
    let actions = moto.recorded_actions();
    assert_read_only(&actions);
    assert_eq!(count(&actions, "ListResolverRules"), 2, "{actions:?}");
    // moto honours MaxResults for describe-vpc-endpoint-services: with pages of 5 over its
    // hundreds of services, every region takes many pages, all followed.
    assert!(
        count(&actions, "DescribeVpcEndpointServices") > 20,
        "pagination not exercised: {actions:?}"
    );
    // One call per kind and region (plus pages), except describe-vpc-attribute: two per VPC
    // (the three seeded VPCs plus each region's default VPC).
    assert_eq!(
        count(&actions, "DescribeVpcAttribute"),
        2 * 5,
        "{actions:?}"
    );
    assert_eq!(count(&actions, "DescribeVpcEndpoints"), 2, "{actions:?}");
    assert_eq!(count(&actions, "GetCallerIdentity"), 1, "{actions:?}");
    assert_eq!(count(&actions, "GET /restapis"), 2, "{actions:?}");

    // check --aws: the same findings as check on what export wrote, apart from file names.
    moto.start_recording();
    let (code, live, err) = vpclint(&live_args(&moto.endpoint, &[]), None);
    assert_eq!(code, 0, "check --aws failed: {err}\n{live}");
    assert_read_only(&moto.recorded_actions());
    let (code, exported, err) = vpclint(
        &["check", &snap_arg, "--format", "json", "--fail-on", "never"],
        None,
    );
    assert_eq!(code, 0, "check of the export failed: {err}\n{exported}");
    let exported = exported.replace(&format!("{snap_arg}/"), "aws://");
    assert_eq!(live, exported);
    // API001 needs API Gateway's REST APIs: live mode reads them as an export does.
    // DNS008 needs the DHCP options sets, DNS007 the private zones: read live as well.
    let expected: BTreeSet<String> = [
        "API001", "DNS001", "DNS002", "DNS003", "DNS007", "DNS008", "PCX001", "VPCE002",
    ]
    .map(String::from)
    .into();
    assert_eq!(codes(&live), expected, "{live}");
    assert!(live.contains(&format!(
        "\"aws://{ACCOUNT}/eu-west-1/describe-vpc-endpoints.json\""
    )));

    // Human output points into the in-memory document, with a snippet of it.
    let (code, human, _) = vpclint(
        &[
            "check",
            "--aws",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            &moto.endpoint,
            "--color",
            "never",
            "--select",
            "VPCE002",
        ],
        None,
    );
    assert_eq!(code, 1, "{human}");
    assert!(
        human.contains(&format!(
            "aws://{ACCOUNT}/eu-west-1/describe-vpc-endpoints.json:"
        )),
        "{human}"
    );
    assert!(human.contains("\"SubnetIds\""), "{human}");

    // Throttling: every third request answered 503 RequestLimitExceeded; retried to completion.
    let throttle = Proxy::start(moto.port, Mode::Throttle(3));
    let (code, throttled, err) = vpclint(
        &live_args(&throttle.endpoint, &["--max-attempts", "10"]),
        None,
    );
    assert_eq!(code, 0, "throttled check failed: {err}\n{throttled}");
    let answered = throttle.answered.load(std::sync::atomic::Ordering::SeqCst);
    assert!(answered > 5, "{answered} requests throttled");
    assert!(throttle.requests.load(std::sync::atomic::Ordering::SeqCst) > answered);
    assert_eq!(throttled, live);
    // An export's summary counts the retried attempts: here exactly the throttled answers.
    let throttle = Proxy::start(moto.port, Mode::Throttle(3));
    let again = Path::new(env!("CARGO_TARGET_TMPDIR")).join("live-export-throttled");
    let _ = std::fs::remove_dir_all(&again);
    let (code, _, err) = vpclint(
        &[
            "export",
            "--out",
            &again.to_string_lossy(),
            "--region",
            "eu-west-1",
            "--endpoint-url",
            &throttle.endpoint,
            "--max-attempts",
            "10",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let answered = throttle.answered.load(std::sync::atomic::Ordering::SeqCst);
    assert!(answered > 5, "{answered} requests throttled");
    assert!(
        err.contains(&format!(
            "; {answered} attempts retried (throttled or failed transiently)"
        )),
        "{answered}: {err}"
    );

    // A missing IAM permission: exit 2, naming the call and the permission.
    let deny = Proxy::start(moto.port, Mode::Deny("DescribeVpcEndpoints"));
    let (code, denied, _) = vpclint(&live_args(&deny.endpoint, &[]), None);
    assert_eq!(code, 2, "{denied}");
    assert!(denied.contains("ec2:DescribeVpcEndpoints"), "{denied}");
    assert!(denied.contains("UnauthorizedOperation"), "{denied}");
    assert!(!denied.contains("\"findings\": [\n        {"), "{denied}");

    // An account that offers an endpoint service needs DescribeVpcEndpointConnections, which
    // moto does not implement (HTML 500): the estate would be incomplete, so exit 2.
    let creds: serde_json::Value = serde_json::from_str(moto.seed(&["--provider"]).trim()).unwrap();
    let creds = (
        creds["AccessKeyId"].as_str().unwrap(),
        creds["SecretAccessKey"].as_str().unwrap(),
        creds["SessionToken"].as_str().unwrap(),
    );
    let (code, out, _) = vpclint(&one_attempt(&moto.endpoint), Some(creds));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("`DescribeVpcEndpointConnections` failed"),
        "{out}"
    );
    assert!(out.contains("aws://210987654321/eu-west-1"), "{out}");
}

/// The name-resolution defects of testdata/dns/ (built with the AWS CLI against moto), built
/// again in a running moto by the same script, are found by `check --aws` as from the export.
#[test]
fn name_resolution_defects_are_found_live() {
    let moto = Moto::start();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/dns/build.py");
    for (scenario, expected) in [
        ("dns004-spoke-unshared", &["DNS004"][..]),
        ("dns005-alias-to-deleted-endpoint", &["DNS005", "VPCE003"]),
        ("dns006-hub-without-route-back", &["DNS006"]),
        ("dns007-zone-shadows-private-dns", &["DNS007"]),
        ("dns008-custom-name-servers", &["DNS008"]),
        ("api002-private-dns-public-api", &["API002"]),
    ] {
        let out = Command::new(moto::venv().join("bin/python"))
            .arg(&script)
            .args(["--endpoint-url", &moto.endpoint, "--no-export", scenario])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{scenario}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (code, live, err) = vpclint(&live_args(&moto.endpoint, &[]), None);
        assert_eq!(code, 0, "{scenario}: {err}");
        let expected: BTreeSet<String> = expected.iter().map(|c| c.to_string()).collect();
        assert_eq!(codes(&live), expected, "{scenario}: {live}");
    }
}

#[test]
fn credential_process_profiles_work() {
    let moto = Moto::start();
    moto.seed(&[]);
    // A profile whose credentials come from a program, as `aws configure export-credentials` or
    // a vault helper gives them; no AWS_ACCESS_KEY_ID in the environment to fall back on.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("credential-process");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config");
    std::fs::write(
        &config,
        "[profile proc]\nregion = eu-west-1\ncredential_process = printf \
         '{\"Version\": 1, \"AccessKeyId\": \"testing\", \"SecretAccessKey\": \"testing\"}'\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vpclint"))
        .args([
            "check",
            "--aws",
            "--profile",
            "proc",
            "--endpoint-url",
            &moto.endpoint,
            "--format",
            "short",
            "--select",
            "API001",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &dir)
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("aws://{ACCOUNT}/eu-west-1/get-rest-apis.json:")),
        "{stdout}"
    );
}

/// Repeated `--profile`: each profile's credentials read their own account, in one run; a
/// profile of an account already read adds nothing; the options that name accounts through one
/// profile's credentials refuse several.
#[test]
fn each_profile_reads_its_own_account() {
    let moto = Moto::start();
    moto.seed(&[]);
    let member: serde_json::Value =
        serde_json::from_str(moto.seed(&["--member", "210987654321"]).trim()).unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("two-profiles");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config");
    std::fs::write(
        &config,
        format!(
            "[profile main]\nregion = eu-west-1\naws_access_key_id = testing\naws_secret_access_key = testing\n\
             [profile again]\nregion = eu-west-1\naws_access_key_id = testing\naws_secret_access_key = testing\n\
             [profile member]\nregion = eu-west-1\naws_access_key_id = {}\naws_secret_access_key = {}\naws_session_token = {}\n",
            member["AccessKeyId"].as_str().unwrap(),
            member["SecretAccessKey"].as_str().unwrap(),
            member["SessionToken"].as_str().unwrap(),
        ),
    )
    .unwrap();
    let run = |profiles: &[&str], extra: &[&str]| {
        let mut args = vec!["check", "--aws", "--endpoint-url", &moto.endpoint];
        for p in profiles {
            args.extend(["--profile", p]);
        }
        args.extend(["--format", "short", "--select", "VPCE002"]);
        args.extend(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_vpclint"))
            .args(&args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &dir)
            .env("AWS_CONFIG_FILE", &config)
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["main", "member", "again"], &[]);
    assert_eq!(code, 1, "{out}{err}");
    let accounts: BTreeSet<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("aws://"))
        .filter_map(|l| l.split('/').next())
        .collect();
    assert_eq!(accounts, BTreeSet::from([ACCOUNT, "210987654321"]), "{out}");
    // The member's own finding, read with its own credentials (no role assumed).
    assert!(
        out.contains("aws://210987654321/eu-west-1/describe-vpc-endpoints.json:"),
        "{out}"
    );
    let (code, out, err) = run(&["main", "member"], &["--org", "--role-name", "Audit"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("several --profile read each profile's own account"),
        "{out}{err}"
    );
}

#[test]
fn refused_connection_is_an_input_error() {
    let port = moto::free_port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let (code, out, _) = vpclint(&one_attempt(&endpoint), None);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("`GetCallerIdentity` failed in eu-west-1"),
        "{out}"
    );
    assert!(out.to_lowercase().contains("connection refused"), "{out}");
    // Never a secret in the output.
    assert!(!out.contains("testing"), "{out}");
}

#[test]
fn aws_options_need_aws() {
    let (code, _, err) = vpclint(&["check", "testdata/demo", "--region", "eu-west-1"], None);
    assert_eq!(code, 2);
    assert!(err.contains("need --aws"), "{err}");
}

#[test]
fn no_credentials_says_where_it_looked() {
    // Nothing to find: no AWS_* variable, an empty HOME (no ~/.aws), no instance metadata; the
    // endpoint is a closed port on loopback, so no request could leave the machine anyway.
    let home = std::env::temp_dir().join(format!("vpclint-no-creds-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let endpoint = format!("http://127.0.0.1:{}", moto::free_port());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vpclint"));
    cmd.args(one_attempt(&endpoint))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("AWS_EC2_METADATA_DISABLED", "true");
    let out = cmd.output().unwrap();
    std::fs::remove_dir_all(&home).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "aws: error[input/aws]: no AWS credentials found: vpclint looked, as the AWS CLI does, in \
         the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, in the profile of \
         --profile or AWS_PROFILE (else `default`) in the shared config and credentials files \
         (~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE and \
         AWS_SHARED_CREDENTIALS_FILE), for an SSO session or a web identity token, and for a \
         container or instance role (the instance metadata service); run `aws configure`, pass \
         `--profile NAME` for a configured profile, or `aws sso login --profile NAME` for an SSO \
         one\n"
    );
}
