//! Bad input: every problem of every file is reported with file:line:col and what was expected,
//! and the run exits 2. Never a panic, never a silently skipped file.

use crate::common;

use std::path::Path;

fn bad_entries() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(common::root().join("testdata/bad"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            format!("testdata/bad/{}", p.file_name().unwrap().to_string_lossy())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn each_bad_input_exits_2_with_exact_diagnostics() {
    let entries = bad_entries();
    assert!(entries.len() >= 13);
    for rel in entries {
        let out = common::vpclint(&["check", "--format", "short", &rel]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{rel}: {}",
            common::stderr(&out)
        );
        assert!(
            common::stderr(&out).is_empty(),
            "{rel}: no panic, nothing on stderr"
        );
        let name = Path::new(&rel)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({
            snapshot_path => Path::new("snapshots/bad"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, common::stdout(&out));
        });
    }
}

#[test]
fn exact_places() {
    let cases = [
        ("testdata/bad/malformed.json", "testdata/bad/malformed.json:4:32: error[input/invalid-json]: key must be a string; expected valid JSON"),
        ("testdata/bad/not_utf8.json", "testdata/bad/not_utf8.json:5:51: error[input/not-utf8]: invalid UTF-8 byte 0xe9; expected UTF-8 text, as the AWS CLI writes it"),
        ("testdata/bad/unknown_key.json", "testdata/bad/unknown_key.json:2:5: error[input/unknown-kind]: unknown top-level key `Vpcz`"),
        ("testdata/bad/empty.json", "testdata/bad/empty.json:1:1: error[input/empty-file]: empty file; expected the JSON output of an AWS CLI describe call"),
        ("testdata/bad/invalid_cidr.json", "testdata/bad/invalid_cidr.json:12:34: error[input/invalid-value]: invalid CIDR block `300.1.2.3/8`; expected an IPv4 CIDR block such as 10.0.0.0/16"),
        ("testdata/bad/conflict", "testdata/bad/conflict/b.json:3:9: error[input/conflicting-duplicate]: `vpc-0a1` is defined again with different content (first defined at testdata/bad/conflict/a.json:3:9)"),
        ("testdata/bad/aiven_unattributed", "testdata/bad/aiven_unattributed/privatelink.json:2:5: error[input/unattributed]: cannot tell which Aiven service this `avn service privatelink aws get` output belongs to: its folder holds no `avn service get NAME --json` output"),
        ("testdata/bad/aiven_two_services", "testdata/bad/aiven_two_services/privatelink.json:2:5: error[input/unattributed]: cannot tell which Aiven service this `avn service privatelink aws get` output belongs to: its folder holds the `avn service get` outputs of `my-kafka`, `my-pg`"),
        ("testdata/bad/byte_order_mark.json", "testdata/bad/byte_order_mark.json:1:1: error[input/invalid-json]: the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow: save it without BOM; expected UTF-8 text without BOM, as the AWS CLI writes it"),
        ("testdata/bad/number_out_of_range.json", "testdata/bad/number_out_of_range.json:8:33: error[input/invalid-value]: number `1e400` is out of range; expected a value of type integer"),
        // Members the typed pass skips are checked too; the schemas, derived from the types, say
        // nothing of them either, so what is expected is a number JSON parsers can hold.
        ("testdata/bad/number_out_of_range_ignored.json", "testdata/bad/number_out_of_range_ignored.json:8:40: error[input/invalid-value]: number `1e400` is out of range; expected a number within the range of a 64-bit float (at most about 1.8e308)"),
        ("testdata/bad/number_out_of_range_ignored.json", "testdata/bad/number_out_of_range_ignored.json:10:34: error[input/invalid-value]: number `-2.5E+999` is out of range; expected a number within the range of a 64-bit float (at most about 1.8e308)"),
        ("testdata/bad/aiven_wrong_types.json", "testdata/bad/aiven_wrong_types.json:5:23: error[input/schema]: \"arn:aws:iam::012345678901:user/mwf\" is not of type \"array\""),
    ];
    for (input, line) in cases {
        let out = common::vpclint(&["check", "--format", "short", input]);
        let stdout = common::stdout(&out);
        assert!(
            stdout.lines().any(|l| l.starts_with(line)),
            "{input}: want {line}\ngot {stdout}"
        );
    }
}

#[test]
fn every_problem_of_every_file_at_once() {
    let out = common::vpclint(&["check", "--format", "json", "testdata/bad"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let errors = v["errors"].as_array().unwrap();
    // array_of_numbers 2, conflict 1, empty 1, empty_object 1, invalid_cidr 4, malformed 1,
    // missing_required 1, not_utf8 1, rest_apis_wrong_types 3, scalar 1, unknown_key 1,
    // whitespace 1, wrong_types 3, aiven_invalid_values 2, aiven_two_services 1,
    // aiven_unattributed 2, aiven_wrong_types 1, terraform_errored 1, terraform_state 1,
    // terraform_ui_stream 1, policy_beside_data 2, byte_order_mark 1, number_out_of_range 1,
    // number_out_of_range_ignored 2, records_of_unknown_zone 1, records_outside_zone_folder 1,
    // tgw_route_invalid 1, tgw_routes_of_unknown_table 1, tgw_routes_outside_table_folder 1.
    assert_eq!(errors.len(), 41, "{errors:#?}");
    assert!(
        v["findings"].as_array().unwrap().is_empty(),
        "no rules run on bad input"
    );
    let cidr: Vec<_> = errors
        .iter()
        .filter(|e| e["file"] == "testdata/bad/invalid_cidr.json")
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["pointer"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        cidr,
        vec![
            (5, 26, "/Vpcs/0/CidrBlock".to_owned()),
            (
                8,
                34,
                "/Vpcs/0/CidrBlockAssociationSet/0/CidrBlock".to_owned()
            ),
            (
                12,
                34,
                "/Vpcs/0/CidrBlockAssociationSet/1/CidrBlock".to_owned()
            ),
            (22, 26, "/Subnets/0/CidrBlock".to_owned()),
        ]
    );
}

#[test]
fn missing_path_and_human_rendering() {
    let out = common::vpclint(&["check", "--format", "short", "testdata/does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stdout(&out).starts_with("testdata/does-not-exist: error[input/io]: cannot read: ")
    );

    // In the human format the errors go to stderr: stdout holds findings only.
    let out = common::vpclint(&["check", "testdata/bad/wrong_types.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(common::stdout(&out), "");
    insta::assert_snapshot!("human_wrong_types", common::stderr(&out));

    // The mark is invisible in the snippet, so the message names it.
    let out = common::vpclint(&["check", "testdata/bad/byte_order_mark.json"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("human_byte_order_mark", common::stderr(&out));
}

#[test]
fn identical_duplicates_are_merged() {
    let report = common::check(
        &[
            "testdata/examples/09-peering-cidr-overlap",
            "testdata/examples/09-peering-cidr-overlap/describe-vpcs.json",
        ],
        None,
    );
    assert!(report.errors.is_empty());
    let dir = std::env::temp_dir().join(format!("vpclint-dup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = common::root().join("testdata/examples/09-peering-cidr-overlap");
    for f in std::fs::read_dir(&src).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
        }
    }
    let copy = dir.to_string_lossy().into_owned();
    let twice = common::check(&["testdata/examples/09-peering-cidr-overlap", &copy], None);
    assert!(twice.errors.is_empty(), "{:?}", twice.errors);
    assert_eq!(
        twice.findings.len(),
        2,
        "a second identical export adds no finding"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
