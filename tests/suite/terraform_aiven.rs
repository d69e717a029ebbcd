//! The Aiven rules and the data forms of AWS resources on plans (issue 14): real-format plans
//! written by testdata/terraform/handmade.py, each defect with its address, its exact place in
//! plan.json and its message, and a healthy twin of each plan that gives nothing.

use vpclint::model::{unknown, RouteTarget};

use crate::common;
use crate::terraform::{check, findings, loaded, origin_place, row, rows};

const RULES: &str = "testdata/terraform/aiven-rules/plan.json";
const PLANNED: &str = "testdata/terraform/aiven-planned/plan.json";
const DATA_FORMS: &str = "testdata/terraform/data-forms/plan.json";

/// (rule, pointer, message) of every finding.
fn said(report: &vpclint::report::Report) -> Vec<(&str, &str, &str)> {
    report
        .findings
        .iter()
        .map(|p| {
            (
                p.finding.rule.code,
                p.location.as_ref().map_or("", |l| l.pointer.as_str()),
                p.finding.message.as_str(),
            )
        })
        .collect()
}

/// A PrivateLink for a Cassandra service read by `data "aiven_cassandra"` (AIV001), a link that
/// allows the whole account (AIV005), and a `for_each` module's endpoint whose service name is
/// two characters off its link's (AIV003, with the endpoint as the likely mistake, and VPCE006
/// for the service nothing provides).
#[test]
fn aiven_rules_fire_on_a_plan_with_address_and_place() {
    let report = check(&[RULES]);
    let events = r#"module.endpoints["events"].aws_vpc_endpoint.this"#;
    assert_eq!(
        rows(&report),
        vec![
            row("AIV005", "orders", Some("aiven_pg.orders"), RULES, 1, 2675),
            row(
                "AIV003",
                "events",
                Some("aiven_kafka.events"),
                RULES,
                1,
                3042
            ),
            row(
                "VPCE006",
                "vpce-svc-0c38f99a4e817b02c",
                None,
                RULES,
                1,
                5842
            ),
            row(
                "AIV001",
                "ledger",
                Some("data.aiven_cassandra.ledger"),
                RULES,
                1,
                20964
            ),
        ]
    );
    assert_eq!(
        said(&report),
        vec![
            (
                "AIV005",
                "/planned_values/root_module/resources/2/values/principals/0",
                "Aiven service `orders` lets every role and user of account `111122223333` connect a VPC endpoint from any VPC (`arn:aws:iam::111122223333:root`)",
            ),
            (
                "AIV003",
                "/planned_values/root_module/resources/3/values/aws_service_name",
                "No VPC endpoint connects to `com.amazonaws.vpce.eu-west-1.vpce-svc-0c38f99a4e817b0c2`, the endpoint service of Aiven service `events`",
            ),
            (
                "VPCE006",
                "/planned_values/root_module/child_modules/1/resources/1/values/service_name",
                "The ports of endpoint service `com.amazonaws.vpce.eu-west-1.vpce-svc-0c38f99a4e817b02c` are unknown, so the reachability of interface endpoint `module.endpoints[\"events\"].aws_vpc_endpoint.this` is not checked",
            ),
            (
                "AIV001",
                "/prior_state/values/root_module/resources/5/values/service_type",
                "Aiven service `ledger` is of type `cassandra` (Aiven for Apache Cassandra®), which does not support AWS PrivateLink",
            ),
        ]
    );
    // The mistyped endpoint is named as the likely mistake, at its planned service name.
    let mismatch = &report.findings[1].finding;
    let related: Vec<(&str, Option<&str>)> = mismatch
        .related
        .iter()
        .map(|r| (r.resource.id.as_str(), r.resource.address.as_deref()))
        .collect();
    assert_eq!(related, vec![(events, Some(events))]);
    // Fixes are changes to the configuration: a wrong service name is set right (Terraform
    // replaces the endpoint), the whole-account principal becomes a role, and the link of a type
    // without PrivateLink leaves the configuration.
    let helps: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|p| (p.finding.rule.code, p.help.as_str()))
        .filter(|(code, _)| code.starts_with("AIV"))
        .collect();
    assert_eq!(
        helps,
        vec![
            ("AIV005", "Allow only the role or user that creates the endpoint: set `principals = [\"arn:aws:iam::111122223333:role/<role-name>\"]` on `aiven_aws_privatelink.orders`"),
            ("AIV003", "An endpoint's service cannot be changed: set `service_name = \"com.amazonaws.vpce.eu-west-1.vpce-svc-0c38f99a4e817b0c2\"` on `module.endpoints[\"events\"].aws_vpc_endpoint.this` (Terraform replaces the endpoint)"),
            ("AIV001", "Reach `ledger` through VPC peering with its project VPC instead (`avn vpc peering-connection create`), and remove what was set up for PrivateLink: remove `aiven_aws_privatelink.ledger` from the configuration (types without PrivateLink per https://aiven.io/docs/platform/howto/use-aws-privatelinks, checked 2026-11-22)"),
        ]
    );
    // The link for Cassandra is shown where the plan holds it.
    let l = loaded(&[RULES]);
    let ledger = l.estate.aiven_services.get("ledger").unwrap();
    assert_eq!(
        origin_place(&l, &ledger.privatelink.as_ref().unwrap().origin),
        format!("{RULES}:1:3444")
    );
}

/// The same plan without the defects: no link for Cassandra, a role as principal, the service
/// name Aiven gives.
#[test]
fn aiven_rules_healthy_twin_is_clean() {
    let report = common::check(&["testdata/terraform/aiven-rules-healthy/plan.json"], None);
    assert_eq!(said(&report), vec![]);
}

/// Service, PrivateLink and endpoint all created in one plan: the endpoint service name is
/// known only after apply. The endpoint finds its Aiven service through the link it references,
/// so what is known is checked (the principals, the group's ports against Kafka's pool), and
/// nothing that depends on the name is guessed: no mismatch, no unknown ports, no policy rule
/// (a partner service takes no policy, but the name does not say so yet), no state.
#[test]
fn a_link_planned_in_full_checks_what_is_known() {
    let report = common::check(&[PLANNED], None);
    let endpoint = "module.kafka_endpoint.aws_vpc_endpoint.this";
    assert_eq!(
        rows(&report),
        vec![
            row(
                "AIV005",
                "stream",
                Some("aiven_kafka.stream"),
                PLANNED,
                1,
                1063
            ),
            row("VPCE004", endpoint, Some(endpoint), PLANNED, 1, 1470),
        ]
    );
    assert_eq!(
        said(&report)[1],
        (
            "VPCE004",
            "/planned_values/root_module/child_modules/0/resources/0/values/ingress",
            "Security group `module.kafka_endpoint.aws_security_group.this` of interface endpoint `module.kafka_endpoint.aws_vpc_endpoint.this` (`(known after apply: aiven_aws_privatelink.stream.aws_service_name)`) admits only part of TCP 10000-31000 (Aiven `kafka` service `stream`): missing TCP 20001-31000 from `subnet-0a1b2c3d4e5f60718` (10.20.1.0/24), `subnet-0b2c3d4e5f6071829` (10.20.2.0/24), `subnet-0c3d4e5f607182930` (10.20.3.0/24)"
        )
    );
    assert_eq!(
        report.findings[1].help,
        "Admit the missing ports: add to `module.kafka_endpoint.aws_security_group.this` an `ingress` block with `from_port = 20001, to_port = 31000, protocol = \"tcp\", cidr_blocks = [\"10.20.1.0/24\", \"10.20.2.0/23\"]`"
    );
    // The endpoint's service name is the link's: one marker, followed through the module call.
    let l = loaded(&[PLANNED]);
    let marker = unknown("aiven_aws_privatelink.stream", "aws_service_name");
    let ep = l.estate.endpoints.values().next().unwrap();
    assert_eq!(ep.service_name, marker);
    assert!(!ep.origin.known("ServiceName"));
    assert_eq!(
        l.estate.aiven_service_for(&marker).map(|s| s.name.as_str()),
        Some("stream")
    );
}

/// The twin with a role as principal and the whole pool admitted gives nothing, from any rule.
#[test]
fn a_link_planned_in_full_healthy_twin_is_clean() {
    let report = common::check(
        &["testdata/terraform/aiven-planned-healthy/plan.json"],
        None,
    );
    assert_eq!(said(&report), vec![]);
}

/// `data "aws_route_table"` and `data "aws_vpc_endpoint_service"` join the estate with their
/// attributes, addresses and places; `data "aws_security_group"`, whose provider schema has no
/// rules, keeps only its id. The partner service's private DNS name, known only from its data
/// source, makes the endpoint with private DNS off a DNS001 finding.
#[test]
fn data_forms_of_route_tables_and_endpoint_services_join_the_estate() {
    let endpoint = "aws_vpc_endpoint.partner";
    assert_eq!(
        findings(&[DATA_FORMS]),
        vec![
            row("DNS001", endpoint, Some(endpoint), DATA_FORMS, 1, 322),
            row(
                "VPCE006",
                "vpce-svc-0e5ab11c6fa39d4e4",
                None,
                DATA_FORMS,
                1,
                377
            ),
        ]
    );
    let report = check(&[DATA_FORMS]);
    assert!(report.findings[0]
        .finding
        .message
        .contains("`api.partner.example` does not resolve to this endpoint"));

    let l = loaded(&[DATA_FORMS]);
    let e = &l.estate;
    let t = e.route_tables.values().next().unwrap();
    let routes: Vec<(Option<String>, RouteTarget)> = t
        .routes
        .iter()
        .map(|r| (r.destination.map(|d| d.to_string()), r.target.clone()))
        .collect();
    assert_eq!(
        (
            t.id.as_str(),
            t.vpc_id.as_str(),
            t.main,
            t.subnet_ids.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            t.origin.address(),
            origin_place(&l, &t.origin),
        ),
        (
            "rtb-0b2c3d4e5f6071829",
            "vpc-0e1f2a3b4c5d6e7f8",
            false,
            vec!["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
            Some("data.aws_route_table.private"),
            format!("{DATA_FORMS}:1:2006"),
        )
    );
    assert_eq!(
        routes,
        vec![
            (
                Some("0.0.0.0/0".into()),
                RouteTarget::Other("nat-0a1b2c3d4e5f60718".into())
            ),
            (
                Some("10.30.0.0/16".into()),
                RouteTarget::Peering("pcx-0a1b2c3d4e5f60718".into())
            ),
            // AWS's implicit route for the VPC's block, which the data source leaves out.
            (Some("10.20.0.0/16".into()), RouteTarget::Local),
        ]
    );
    let s = e.services.values().next().unwrap();
    assert_eq!(
        (
            s.name.as_str(),
            s.service_id.as_deref(),
            s.private_dns_names.clone(),
            s.azs.clone(),
            s.acceptance_required,
            s.policy_supported,
            s.owner.as_deref(),
            s.origin.address(),
        ),
        (
            "com.amazonaws.vpce.eu-west-1.vpce-svc-0e5ab11c6fa39d4e4",
            Some("vpce-svc-0e5ab11c6fa39d4e4"),
            vec!["api.partner.example".to_owned()],
            vec!["eu-west-1a".to_owned(), "eu-west-1b".to_owned()],
            Some(true),
            Some(false),
            Some("444455556666"),
            Some("data.aws_vpc_endpoint_service.partner"),
        )
    );
    // The group read by `data "aws_security_group"` is named by the endpoint, not invented
    // without its rules.
    let ep = e.endpoints.values().next().unwrap();
    assert_eq!(
        ep.groups.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        vec!["sg-0c3d4e5f607182930"]
    );
    assert!(e.security_groups.is_empty());
}
