//! Organisation mode against moto: an organisation managed by the default account
//! (123456789012), seeded by `seed.py --org` (members `consumer`, `provider`, `empty`,
//! `locked`), read through a proxy that denies AssumeRole into `locked` and answers the
//! DescribeVpcEndpointConnections moto lacks.

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
