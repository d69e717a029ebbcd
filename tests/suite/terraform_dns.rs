//! Name resolution from a real plan (issue 17): `testdata/terraform/dns/` holds one defect of each
//! name-resolution rule a plan can hold, `dns-healthy/` the centralised endpoint pattern done
//! right (no finding), `dns-unknown/` a zone whose id reaches its record and an association only
//! through a `local` (known after apply, so nothing is guessed).

use vpclint::model::VpcId;
use vpclint::report::Report;

use crate::common;
use crate::terraform::{check_plan, loaded};

const CODES: [&str; 7] = [
    "DNS001", "DNS002", "DNS003", "DNS004", "DNS005", "DNS007", "DNS008",
];

/// The plan of `dir`, with the name-resolution rules only.
fn dns(dir: &str) -> Report {
    check_plan(dir, &CODES)
}

/// Code, address, `file:line:col` and message of each finding.
fn said(report: &Report) -> Vec<(&'static str, String, String, String)> {
    report
        .findings
        .iter()
        .map(|p| {
            let at = p.location.as_ref().unwrap();
            (
                p.finding.rule.code,
                p.finding.resource.address.clone().unwrap_or_default(),
                format!("{}:{}:{}", at.file, at.position.line, at.position.column),
                p.finding.message.clone(),
            )
        })
        .collect()
}

#[test]
fn the_plan_fills_the_name_resolution_model() {
    let l = loaded(&["testdata/terraform/dns-healthy/plan.json"]);
    let e = &l.estate;
    let zone = &e.hosted_zones["aws_route53_zone.sqs"];
    assert_eq!(zone.name, "sqs.eu-west-1.amazonaws.com");
    assert!(zone.private);
    let vpcs: Vec<&str> = zone
        .vpcs
        .iter()
        .flatten()
        .map(|v| v.vpc_id.as_str())
        .collect();
    assert_eq!(vpcs, ["aws_vpc.hub", "aws_vpc.spoke_a", "aws_vpc.spoke_b"]);
    let records = &e.zone_records["aws_route53_zone.sqs"].records;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].rtype, "A");
    // The alias names the endpoint's DNS name, known after apply, by the endpoint's marker.
    assert_eq!(
        records[0].alias.as_ref().unwrap().dns_name,
        "(known after apply: aws_vpc_endpoint.sqs.dns_entry)"
    );
    assert_eq!(
        e.endpoints[&"aws_vpc_endpoint.sqs".into()].dns_names,
        ["(known after apply: aws_vpc_endpoint.sqs.dns_entry)"]
    );
    let rule = &e.resolver_rules["aws_route53_resolver_rule.corp"];
    assert_eq!(
        (rule.domain.as_str(), rule.rule_type.as_str()),
        ("corp.example.com", "FORWARD")
    );
    assert_eq!(rule.targets, ["192.168.10.2:53"]);
    assert_eq!(
        rule.endpoint_id.as_deref(),
        Some("aws_route53_resolver_endpoint.outbound")
    );
    let association = &e.rule_associations["aws_route53_resolver_rule_association.spoke_a"];
    assert_eq!(association.rule_id, "aws_route53_resolver_rule.corp");
    assert_eq!(association.vpc_id, VpcId::from("aws_vpc.spoke_a"));
    assert_eq!(
        e.dhcp_options["aws_vpc_dhcp_options.amazon"].name_servers,
        ["AmazonProvidedDNS"]
    );
    assert_eq!(
        e.vpcs[&VpcId::from("aws_vpc.hub")]
            .dhcp_options_id
            .as_deref(),
        Some("aws_vpc_dhcp_options.amazon")
    );
}

#[test]
fn each_name_resolution_defect_of_the_plan_is_found_with_a_terraform_fix() {
    let report = dns("dns");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let file = "testdata/terraform/dns/plan.json";
    let row = |code, address: &str, col, message: &str| {
        (
            code,
            address.to_owned(),
            format!("{file}:1:{col}"),
            message.to_owned(),
        )
    };
    assert_eq!(
        said(&report),
        vec![
            // At the alias's `name` in the record's planned values.
            row(
                "DNS005",
                "aws_route53_zone.sts",
                1081,
                "Record `sts.eu-west-1.amazonaws.com` A of private hosted zone `aws_route53_zone.sts` (`sts.eu-west-1.amazonaws.com`) points at a DNS name of endpoint `vpce-0dead5e7c1a2b3c4d`, which is not in the input (deleted, or in a region or account not read): clients of the zone's VPCs get addresses nobody answers on"
            ),
            // At the rule's `domain_name`.
            row(
                "DNS007",
                "aws_vpc_endpoint.kms",
                2340,
                "Interface endpoint `aws_vpc_endpoint.kms` (`com.amazonaws.eu-west-1.kms`) has private DNS on, but in `aws_vpc.spoke` `kms.eu-west-1.amazonaws.com` is answered by Resolver rule `aws_route53_resolver_rule.kms`, which forwards it to 192.168.10.2:53, not by the endpoint"
            ),
            // At the zone's `vpc` block that associates the hub.
            row(
                "DNS007",
                "aws_vpc_endpoint.ssm",
                3550,
                "Interface endpoint `aws_vpc_endpoint.ssm` (`com.amazonaws.eu-west-1.ssm`) has private DNS on and the plan associates `aws_vpc.hub` with private hosted zone `aws_route53_zone.ssm` (`ssm.eu-west-1.amazonaws.com`), whose record aliases this same endpoint; AWS refuses a private zone of the endpoint's name beside its private DNS, so the apply fails with ConflictingDomainExists"
            ),
            // At the `aws_route53_zone_association` that associates the hub.
            row(
                "DNS007",
                "aws_vpc_endpoint.logs",
                4221,
                "Interface endpoint `aws_vpc_endpoint.logs` (`com.amazonaws.eu-west-1.logs`) has private DNS on and the plan associates `aws_vpc.hub` with private hosted zone `aws_route53_zone.logs` (`logs.eu-west-1.amazonaws.com`), which holds no record for it: NXDOMAIN; AWS refuses a private zone of the endpoint's name beside its private DNS, so the apply fails with ConflictingDomainExists"
            ),
            row(
                "DNS004",
                "aws_vpc.spoke",
                11992,
                "VPC `aws_vpc.spoke` reaches interface endpoint `aws_vpc_endpoint.secretsmanager` (`com.amazonaws.eu-west-1.secretsmanager`) over peering `aws_vpc_peering_connection.spoke` and its security groups admit it, but resolves `secretsmanager.eu-west-1.amazonaws.com` to public DNS: the endpoint's private DNS answers only inside `aws_vpc.hub`, and no private hosted zone or Resolver rule associated with `aws_vpc.spoke` carries the name"
            ),
            // At the options set's `domain_name_servers`.
            row(
                "DNS008",
                "aws_vpc.spoke",
                12538,
                "VPC `aws_vpc.spoke` hands its clients DHCP options `aws_vpc_dhcp_options.onprem` with name servers 192.168.10.2, 192.168.10.3: clients see the private DNS of endpoint `aws_vpc_endpoint.kms` and private hosted zone `aws_route53_zone.logs` (`logs.eu-west-1.amazonaws.com`), `aws_route53_zone.sts` (`sts.eu-west-1.amazonaws.com`) and 1 Resolver rule association(s) only if those servers forward to the VPC resolver 10.1.0.2, which the input cannot show"
            ),
            row(
                "DNS001",
                "aws_vpc_endpoint.sqs",
                14995,
                "Interface endpoint `aws_vpc_endpoint.sqs` (`com.amazonaws.eu-west-1.sqs`) has private DNS disabled: the service's default DNS name does not resolve to this endpoint, so clients using it bypass the endpoint"
            ),
        ]
    );
    let help: Vec<&str> = report.findings.iter().map(|p| p.help.as_str()).collect();
    assert_eq!(
        help[0],
        "Point the record at a live endpoint's DNS name: set the `alias` of `aws_route53_record.sts` (`sts.eu-west-1.amazonaws.com` in `aws_route53_zone.sts`) to `name = \"<endpoint-regional-dns-name>\"` and `zone_id = \"<endpoint-dns-zone-id>\"`"
    );
    assert_eq!(
        help[1],
        "Disassociate the rule from the VPC: remove the `aws_route53_resolver_rule_association` of rule `aws_route53_resolver_rule.kms` with aws_vpc.spoke.id"
    );
    assert!(help[2].starts_with("The apply fails until one of the two goes. Disassociate the zone from the VPC: remove the `vpc` block or `aws_route53_zone_association` that associates `aws_route53_zone.ssm` with aws_vpc.hub.id"), "{}", help[2]);
    assert!(help[3].starts_with("The apply fails until one of the two goes. Disassociate the zone from the VPC: remove the `vpc` block or `aws_route53_zone_association` that associates `aws_route53_zone.logs` with aws_vpc.hub.id"), "{}", help[3]);
    assert!(help[4].contains("add an `aws_route53_zone` with `name = \"secretsmanager.eu-west-1.amazonaws.com\"` and a `vpc` block with `vpc_id = aws_vpc.spoke.id`"), "{}", help[4]);
    assert!(help[5].ends_with("associate aws_vpc.spoke.id with an `aws_vpc_dhcp_options` whose `domain_name_servers = [\"AmazonProvidedDNS\"]` (`aws_vpc_dhcp_options_association`)"), "{}", help[5]);
    insta::assert_snapshot!(common::render(&report));
}

#[test]
fn the_healthy_twin_gives_nothing() {
    let report = dns("dns-healthy");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.findings.is_empty(), "{}", common::render(&report));
}

#[test]
fn a_zone_known_only_after_apply_gives_no_guessed_finding() {
    // Without the record (whose zone is known only after apply), the zone would answer NXDOMAIN
    // and the endpoint's private DNS off would be reported; without the association, the
    // spoke would resolve publicly.
    let report = dns("dns-unknown");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.findings.is_empty(), "{}", common::render(&report));
    let l = loaded(&["testdata/terraform/dns-unknown/plan.json"]);
    let e = &l.estate;
    assert!(!e.zone_records.contains_key("aws_route53_zone.sqs"));
    assert!(!e.hosted_zones["aws_route53_zone.sqs"]
        .origin
        .known(vpclint::model::RECORD_SETS));
    assert!(!e.vpcs[&VpcId::from("aws_vpc.spoke")]
        .origin
        .known(vpclint::model::ZONE_ASSOCIATIONS));
    assert!(e.vpcs[&VpcId::from("aws_vpc.hub")]
        .origin
        .known(vpclint::model::ZONE_ASSOCIATIONS));
}

#[test]
fn data_sources_join_the_model_and_references_to_them_resolve() {
    let file = "testdata/terraform/dns-data/plan.json";
    let l = loaded(&[file]);
    let e = &l.estate;
    let zone = &e.hosted_zones["Z0A1B2C3D4E5F6G7H8I9J"];
    assert_eq!(
        zone.origin.address(),
        Some("data.aws_route53_zone.internal")
    );
    assert!(zone.private);
    // The VPC the data source's query names, and the one the plan associates.
    let vpcs: Vec<&str> = zone
        .vpcs
        .iter()
        .flatten()
        .map(|v| v.vpc_id.as_str())
        .collect();
    assert_eq!(vpcs, ["vpc-0e1f2a3b4c5d6e7f8", "aws_vpc.spoke"]);
    // The provider completes the record's name with the zone's.
    let records = &e.zone_records["Z0A1B2C3D4E5F6G7H8I9J"].records;
    let rec: Vec<(&str, &str, &[String])> = records
        .iter()
        .map(|r| (r.name.as_str(), r.rtype.as_str(), r.values.as_slice()))
        .collect();
    assert_eq!(
        rec,
        [("api.corp.internal", "A", &["10.20.1.10".to_owned()][..])]
    );
    let rule = &e.resolver_rules["rslvr-rr-0a1b2c3d4e5f60718"];
    assert_eq!(rule.domain, "corp.example.com");
    assert!(rule.forwards() && rule.targets.is_empty());
    let association = &e.rule_associations["aws_route53_resolver_rule_association.spoke"];
    assert_eq!(association.rule_id, "rslvr-rr-0a1b2c3d4e5f60718");
    assert_eq!(
        e.vpcs[&VpcId::from("aws_vpc.spoke")]
            .dhcp_options_id
            .as_deref(),
        Some("dopt-0c3d4e5f607182930")
    );
    let report = dns("dns-data");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        said(&report),
        vec![(
            "DNS008",
            "aws_vpc.spoke".to_owned(),
            format!("{file}:1:6149"),
            "VPC `aws_vpc.spoke` hands its clients DHCP options `dopt-0c3d4e5f607182930` with name servers 10.20.0.53, 10.20.1.53: clients see private hosted zone `Z0A1B2C3D4E5F6G7H8I9J` (`corp.internal`) and 1 Resolver rule association(s) only if those servers forward to the VPC resolver 10.40.0.2, which the input cannot show".to_owned()
        )]
    );
}
