//! The placement rules on a real plan (issue 20): `testdata/terraform/placement/` holds one defect
//! of each rule, checked with an export of the partner service beside it; its healthy twin gives
//! nothing. Values known only after apply (the gateway endpoint's `route_table_ids`, set by
//! `aws_vpc_endpoint_route_table_association`, and subnets' zone names) are followed, not
//! guessed.

use std::path::PathBuf;

use vpclint::config::Settings;
use vpclint::report::Report;

use crate::common;

const CODES: [&str; 5] = ["GWY001", "VPCE007", "VPCE008", "VPCE009", "VPCE010"];

/// The plan and its snapshot, with only the placement rules.
fn placement(dir: &str) -> Report {
    std::env::set_current_dir(common::root()).unwrap();
    let settings = Settings {
        rules: CODES
            .iter()
            .map(|c| &vpclint::rules::find(c).unwrap().meta)
            .collect(),
        ..Settings::default()
    };
    let paths = [
        PathBuf::from(format!("testdata/terraform/{dir}/plan.json")),
        PathBuf::from(format!("testdata/terraform/{dir}/snapshot")),
    ];
    vpclint::check(&paths, &settings)
}

#[test]
fn each_placement_defect_of_the_plan_is_found_with_a_terraform_fix() {
    let report = placement("placement");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut said: Vec<(&str, String)> = report
        .findings
        .iter()
        .map(|p| {
            let address = p.finding.resource.address.clone().unwrap_or_default();
            (p.finding.rule.code, address)
        })
        .collect();
    said.sort();
    assert_eq!(
        said,
        vec![
            ("GWY001", "aws_vpc_endpoint.s3".to_owned()),
            ("VPCE007", "aws_vpc_endpoint.ecr_dkr".to_owned()),
            ("VPCE008", "aws_vpc_endpoint.partner".to_owned()),
            ("VPCE009", "aws_vpc_endpoint.sqs".to_owned()),
            ("VPCE010", "aws_vpc_endpoint.s3_interface".to_owned()),
        ]
    );
    let help = |code: &str| {
        report
            .findings
            .iter()
            .find(|p| p.finding.rule.code == code)
            .map(|p| p.help.clone())
            .unwrap()
    };
    assert_eq!(
        help("GWY001"),
        "Add the route tables to the endpoint: list `aws_route_table.batch.id` in `route_table_ids` of `aws_vpc_endpoint.s3` (or add an `aws_vpc_endpoint_route_table_association` for each)"
    );
    assert!(help("VPCE007").contains("add an `aws_vpc_endpoint` with `vpc_id = aws_vpc.build.id, service_name = \"com.amazonaws.eu-west-1.s3\", vpc_endpoint_type = \"Gateway\", route_table_ids = [aws_route_table.runners.id]`"));
    insta::assert_snapshot!(common::render(&report));
}

#[test]
fn the_healthy_twin_gives_nothing() {
    let report = placement("placement-healthy");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.findings.is_empty(), "{}", common::render(&report));
}
