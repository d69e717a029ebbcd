//! The name-resolution estates of `testdata/dns/`, built with the AWS CLI against moto (issue 17):
//! each defect gives its rule's finding and nothing else of the DNS and API rules, the healthy
//! twins none. Pinned by a snapshot of the short report per scenario.

use std::path::Path;

use crate::common;

const SCENARIOS: [(&str, &[&str]); 8] = [
    ("healthy", &[]),
    ("healthy-inbound-endpoint", &[]),
    ("dns004-spoke-unshared", &["DNS004"]),
    ("dns005-alias-to-deleted-endpoint", &["DNS005", "VPCE003"]),
    ("dns006-hub-without-route-back", &["DNS006"]),
    ("dns007-zone-shadows-private-dns", &["DNS007"]),
    ("dns008-custom-name-servers", &["DNS008"]),
    ("api002-private-dns-public-api", &["API002"]),
];

#[test]
fn each_moto_estate_gives_exactly_its_finding() {
    for (name, codes) in SCENARIOS {
        let dir = format!("testdata/dns/{name}");
        let out = common::vpclint(&["check", "--format", "short", "--fail-on", "never", &dir]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{dir}: {}",
            common::stderr(&out)
        );
        let text = common::stdout(&out);
        let mut got: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split('[').nth(1)?.split(' ').next())
            .collect();
        got.sort_unstable();
        let mut want = codes.to_vec();
        want.sort_unstable();
        assert_eq!(got, want, "{dir}:\n{text}");
        insta::with_settings!({
            snapshot_path => Path::new("snapshots/moto_dns"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}
