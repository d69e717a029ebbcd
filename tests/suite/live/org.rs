//! Organisation mode against moto: an organisation managed by the default account
//! (123456789012), seeded by `seed.py --org` (members `consumer`, `provider`, `empty`,
//! `locked`), read through a proxy that denies AssumeRole into `locked` and answers the
//! DescribeVpcEndpointConnections moto lacks.

use std::collections::BTreeSet;

use super::moto::Moto;
use super::proxy::{Mode, Proxy};
use super::{assert_read_only, vpclint, ACCOUNT};

/// A seeded organisation behind its proxy.
pub struct Org {
    /// Keeps moto running.
    pub moto: Moto,
    /// The proxy's `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// Member ids by name.
    pub ids: serde_json::Value,
}

impl Org {
    pub fn start() -> Org {
        let moto = Moto::start();
        let ids: serde_json::Value = serde_json::from_str(moto.seed(&["--org"]).trim()).unwrap();
        let proxy = Proxy::start(
            moto.port,
            Mode::Org(ids["locked"].as_str().unwrap().to_owned()),
        );
        Org {
            endpoint: proxy.endpoint,
            moto,
            ids,
        }
    }

    pub fn id(&self, name: &str) -> &str {
        self.ids[name].as_str().unwrap()
    }
}

/// `--org` in eu-west-1 through the proxy, and `extra`.
pub fn org_args<'a>(endpoint: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--org",
        "--role-name",
        "vpclint-audit",
        "--region",
        "eu-west-1",
        "--endpoint-url",
        endpoint,
    ];
    args.extend_from_slice(extra);
    args
}

/// (rule, resource id, message) of every finding of a JSON report.
pub fn findings(json: &str) -> BTreeSet<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["resource"]["id"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn listed_accounts_are_read_through_their_role() {
    let org = Org::start();
    org.moto.start_recording();
    let accounts = format!("{},{}", org.id("consumer"), org.id("provider"));
    let (code, out, err) = vpclint(
        &[
            "check",
            "--aws",
            "--accounts",
            &accounts,
            "--role-name",
            "vpclint-audit",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            &org.endpoint,
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}\n{out}");
    // Each member read through its role, under its own name.
    for name in ["consumer", "provider"] {
        assert!(
            out.contains(&format!("aws://{}/eu-west-1/", org.id(name))),
            "{name}: {out}"
        );
    }
    assert!(!out.contains(&format!("aws://{ACCOUNT}/")), "{out}");
    let actions = org.moto.recorded_actions();
    assert_read_only(&actions);
    assert_eq!(super::count(&actions, "AssumeRole"), 2, "{actions:?}");
    assert_eq!(super::count(&actions, "ListAccounts"), 0, "{actions:?}");
}

#[test]
fn org_lists_the_active_accounts_and_reads_each() {
    let org = Org::start();
    org.moto.start_recording();
    let mut args = vec!["check", "--aws", "--format", "json", "--fail-on", "never"];
    args.extend(org_args(&org.endpoint, &[]));
    let (code, out, err) = vpclint(&args, None);
    // `locked` cannot be read (its role is denied): the run is incomplete.
    assert_eq!(code, 2, "{err}\n{out}");
    let actions = org.moto.recorded_actions();
    assert_read_only(&actions);
    assert_eq!(super::count(&actions, "ListAccounts"), 1, "{actions:?}");
    // Every member but `locked` (denied before moto) through its role; the calling account
    // (the management account) with the current credentials.
    assert_eq!(super::count(&actions, "AssumeRole"), 3, "{actions:?}");
    assert_eq!(
        super::count(&actions, "GetCallerIdentity"),
        1,
        "{actions:?}"
    );
    assert!(
        out.contains(&format!("aws://{}", org.id("locked"))),
        "{out}"
    );

    // --skip-caller leaves the management account out on purpose: one DescribeVpcs fewer.
    org.moto.start_recording();
    args.push("--skip-caller");
    let (code, _, _) = vpclint(&args, None);
    assert_eq!(code, 2);
    let skipped = org.moto.recorded_actions();
    assert_eq!(
        super::count(&skipped, "DescribeVpcs") + 1,
        super::count(&actions, "DescribeVpcs"),
        "{skipped:?}"
    );
}

#[test]
fn an_unreadable_account_is_named_in_every_format() {
    let org = Org::start();
    let locked = org.id("locked").to_owned();
    let run = |format: &str, extra: &[&str]| {
        let mut args = vec!["check", "--aws", "--format", format, "--color", "never"];
        args.extend(org_args(&org.endpoint, extra));
        vpclint(&args, None)
    };
    // Without --allow-partial: exit 2, no findings, the account, call and permission named.
    let (code, out, err) = run("human", &[]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains(&format!("aws://{locked}")), "{err}");
    assert!(
        err.contains("`AssumeRole`") && err.contains("sts:AssumeRole"),
        "{err}"
    );
    let (code, out, _) = run("json", &[]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{out}");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{out}");
    assert_eq!(errors[0]["file"], format!("aws://{locked}"));
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("sts:AssumeRole"));
    let (code, out, _) = run("sarif", &[]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let invocation = &v["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n["level"] == "error"
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("sts:AssumeRole")
            && n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .contains(&locked)),
        "{out}"
    );

    // --allow-partial: the findings of the accounts read, and the unread one still listed.
    let (code, out, err) = run("json", &["--allow-partial", "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!v["findings"].as_array().unwrap().is_empty(), "{out}");
    assert_eq!(v["errors"].as_array().unwrap().len(), 0, "{out}");
    assert_eq!(v["unread"][0]["file"], format!("aws://{locked}"), "{out}");
    assert!(
        err.contains(&format!("warning: 1 account not read ({locked})")),
        "{err}"
    );
    let (code, out, _) = run("sarif", &["--allow-partial", "--fail-on", "never"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let notes = v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["level"] == "warning" && n["descriptor"]["id"] == "input/unread"),
        "{out}"
    );
    let (code, out, err) = run("short", &["--allow-partial"]);
    assert_eq!(code, 1, "{err}{out}");
    assert!(err.contains(&format!("aws://{locked}: not read")), "{err}");
}

/// The accounts POL004 reports in a JSON report.
fn untrusted(json: &str) -> BTreeSet<String> {
    findings(json)
        .into_iter()
        .filter(|(rule, _, _)| rule == "POL004")
        .map(|(_, _, message)| {
            let start = message.find("names account `").unwrap() + "names account `".len();
            message[start..start + 12].to_owned()
        })
        .collect()
}

#[test]
fn the_organisation_s_accounts_are_trusted() {
    let org = Org::start();
    let mut args = vec![
        "check",
        "--aws",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--allow-partial",
    ];
    args.extend(org_args(&org.endpoint, &[]));
    let (code, out, err) = vpclint(&args, None);
    assert_eq!(code, 0, "{err}");
    // consumer's endpoint policy allows `empty` (a member with no resources) and an outside
    // account; provider's service allows consumer and another outside account: only the
    // outside ones are untrusted.
    let expected: BTreeSet<String> = ["888888888888", "999999999999"].map(String::from).into();
    assert_eq!(untrusted(&out), expected, "{out}");
    assert!(
        findings(&out).iter().any(|(rule, _, _)| rule == "API001"),
        "{out}"
    );
    // Without the organisation's list, `empty` owns nothing in the estate and is not trusted.
    let accounts = format!("{},{}", org.id("consumer"), org.id("provider"));
    let (code, out, err) = vpclint(
        &[
            "check",
            "--aws",
            "--accounts",
            &accounts,
            "--role-name",
            "vpclint-audit",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            &org.endpoint,
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(untrusted(&out).contains(org.id("empty")), "{out}");
}

/// `export` of the organisation into `dir` with `extra`; its exit code and stderr.
fn export(org: &Org, dir: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let out = dir.to_string_lossy().into_owned();
    let mut args = vec!["export", "--out", &out, "--allow-partial"];
    args.extend(org_args(&org.endpoint, extra));
    let (code, _, err) = vpclint(&args, None);
    (code, err)
}

/// `check --format json` of files.
fn check_files(paths: &[&std::path::Path]) -> String {
    let paths: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["check", "--format", "json", "--fail-on", "never"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = vpclint(&args, None);
    assert_eq!(code, 0, "{err}\n{out}");
    out
}

#[test]
fn sharded_and_resumed_exports_give_the_findings_of_one_run() {
    let org = Org::start();
    let mut args = vec![
        "check",
        "--aws",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--allow-partial",
    ];
    args.extend(org_args(&org.endpoint, &[]));
    let (code, live, err) = vpclint(&args, None);
    assert_eq!(code, 0, "{err}");
    let whole = findings(&live);
    assert!(!untrusted(&live).is_empty(), "{live}");

    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("org-export");
    let _ = std::fs::remove_dir_all(&root);
    let (one, two) = (root.join("shard-1"), root.join("shard-2"));
    org.moto.start_recording();
    let (code, err1) = export(&org, &one, &["--shard", "1/2"]);
    assert_eq!(code, 0, "{err1}");
    let (code, err2) = export(&org, &two, &["--shard", "2/2"]);
    assert_eq!(code, 0, "{err2}");
    super::assert_read_only(&org.moto.recorded_actions());
    // Each share holds the organisation's list and a disjoint part of its accounts.
    let accounts = |dir: &std::path::Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect()
    };
    let (a, b) = (accounts(&one), accounts(&two));
    assert!(a.is_disjoint(&b), "{a:?} {b:?}");
    assert_eq!(a.len() + b.len(), 4, "{a:?} {b:?}\n{err1}\n{err2}");
    for dir in [&one, &two] {
        assert!(dir.join("organizations-list-accounts.json").is_file());
        assert!(!dir.join(".vpclint-partial").exists());
    }
    assert_eq!(findings(&check_files(&[&one, &two])), whole);

    // An interrupted export: one account missing, a half-written one left in staging (which
    // `check` never reads); --resume reads only what is missing.
    std::fs::remove_dir_all(one.join(org.id("consumer")).as_path())
        .or_else(|_| std::fs::remove_dir_all(two.join(org.id("consumer"))))
        .unwrap();
    let dir = if a.contains(org.id("consumer")) {
        &one
    } else {
        &two
    };
    let half = dir
        .join(".vpclint-partial")
        .join(org.id("consumer"))
        .join("eu-west-1");
    std::fs::create_dir_all(&half).unwrap();
    std::fs::write(half.join("describe-vpcs.json"), "{\"Vpcs\": [").unwrap();
    assert_ne!(findings(&check_files(&[&one, &two])), whole);
    let kept = accounts(dir);
    let shard = if dir == &one { "1/2" } else { "2/2" };
    org.moto.start_recording();
    let (code, err) = export(&org, dir, &["--shard", shard, "--resume"]);
    assert_eq!(code, 0, "{err}");
    let actions = org.moto.recorded_actions();
    // The consumer, and the locked member once more (denied by the proxy, never reaching moto).
    assert_eq!(super::count(&actions, "AssumeRole"), 1, "{actions:?}");
    assert_eq!(super::count(&actions, "DescribeVpcs"), 1, "{actions:?}");
    // moto draws account ids at random, so which accounts share the consumer's shard varies:
    // every one of them that was still in place is left out, by name.
    for account in kept {
        let line = format!("left out account {account}: already exported (--resume)");
        assert!(err.contains(&line), "{line}\n{err}");
    }
    assert_eq!(findings(&check_files(&[&one, &two])), whole);
}
