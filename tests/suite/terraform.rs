//! Terraform plans: the six real plans load and give what their README implies (and nothing on
//! its traps); the plans written for this project (real `terraform show -json` output of the
//! configurations beside them, see testdata/terraform/README.md) give exactly one finding per
//! defect with the address and the exact place, nothing on healthy or unknown values, nothing on
//! deleted resources; a plan checked with an export attaches to and replaces what the export
//! holds.

use crate::common;
#[path = "../bench_plan/gen.rs"]
mod gen;

use std::path::PathBuf;

use vpclint::finding::Spot;
use vpclint::model::{Estate, Origin, Protocol, RouteTarget, SgPeer, VpcId};
use vpclint::report::Report;
use vpclint::source::{load, Loaded};

/// (rule, resource id, address, file, line, column) of every finding.
pub(crate) type Row = (String, String, Option<String>, String, usize, usize);

pub(crate) fn rows(report: &Report) -> Vec<Row> {
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
        .findings
        .iter()
        .map(|p| {
            let l = p.location.as_ref().unwrap();
            (
                p.finding.rule.code.to_owned(),
                p.finding.resource.id.clone(),
                p.finding.resource.address.clone(),
                l.file.clone(),
                l.position.line,
                l.position.column,
            )
        })
        .collect()
}

/// A check with the default rules but `full-access-policy`: the plans written for the loader
/// leave endpoint policies unset on purpose, and the default policy they get is that rule's
/// finding, which `policy_rules_point_inside_planned_policies` pins.
pub(crate) fn check(paths: &[&str]) -> Report {
    let mut report = common::check(paths, None);
    report.findings.retain(|p| p.finding.rule.code != "POL002");
    report
}

pub(crate) fn findings(paths: &[&str]) -> Vec<Row> {
    rows(&check(paths))
}

pub(crate) fn row(
    code: &str,
    id: &str,
    address: Option<&str>,
    file: &str,
    line: usize,
    col: usize,
) -> Row {
    (
        code.into(),
        id.into(),
        address.map(str::to_owned),
        file.into(),
        line,
        col,
    )
}

pub(crate) fn loaded(paths: &[&str]) -> Loaded {
    std::env::set_current_dir(common::root()).unwrap();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    load(&paths).map_err(|e| format!("{e:?}")).unwrap()
}

/// `testdata/terraform/DIR/plan.json` checked with the rules of `codes` only.
pub(crate) fn check_plan(dir: &str, codes: &[&str]) -> Report {
    std::env::set_current_dir(common::root()).unwrap();
    let settings = vpclint::config::Settings {
        rules: codes
            .iter()
            .map(|c| &vpclint::rules::find(c).unwrap().meta)
            .collect(),
        ..vpclint::config::Settings::default()
    };
    let paths = [PathBuf::from(format!("testdata/terraform/{dir}/plan.json"))];
    vpclint::check(&paths, &settings)
}

/// `file:line:col` of a spot.
pub(crate) fn place(l: &Loaded, spot: &Spot) -> String {
    let r = l.sources.resolve(&[(spot.file, spot.target.clone())]);
    let p = r[0].as_ref().unwrap().position.clone();
    format!(
        "{}:{}:{}",
        l.sources.path(spot.file).display(),
        p.line,
        p.column
    )
}

const REAL: &str = "testdata/terraform/real";

#[test]
fn real_plans_load_and_their_traps_stay_quiet() {
    for dir in [
        "01-checkov-vpce-wildcard-policy",
        "02-checkov-terragoat-tf0.12",
        "03-checkov-foreach-module-sg-tf1.9",
        "04-tfcompliance-vpc-module-3az-tf0.12",
        "05-tfcompliance-sg-open-world-tf0.12",
        "06-snyk-nested-module-vpcs-tf1.0",
    ] {
        // Their defects (wildcard endpoint policy, security groups open to the world) belong to
        // the policy and reachability rules; none of the endpoint, DNS and peering rules fires.
        assert_eq!(
            findings(&[&format!("{REAL}/{dir}/plan.json")]),
            vec![],
            "{dir}"
        );
    }
}

#[test]
fn real_04_count_zero_endpoints_are_not_planned() {
    let l = loaded(&[&format!(
        "{REAL}/04-tfcompliance-vpc-module-3az-tf0.12/plan.json"
    )]);
    let e = &l.estate;
    // 39 aws_vpc_endpoint blocks in the configuration, all with count = 0.
    assert_eq!(e.endpoints.len(), 0);
    assert_eq!(e.vpcs.len(), 1);
    assert_eq!(e.subnets.len(), 6);
    assert_eq!(e.route_tables.len(), 4);
    let vpc = e.vpcs.values().next().unwrap();
    assert_eq!(vpc.id.as_str(), "module.vpc.aws_vpc.this[0]");
    assert_eq!(vpc.scope.region.as_deref(), Some("eu-west-1"));
    // `vpc_id = local.vpc_id`: locals are not in the plan, so the subnets' VPC stays unknown.
    let s = e.subnets.values().next().unwrap();
    assert_eq!(
        s.vpc_id.as_str(),
        "(known after apply: module.vpc.aws_subnet.private[0].vpc_id)"
    );
    assert!(!s.origin.known("VpcId"));
    assert_eq!(s.az, "eu-west-1a");
}

#[test]
fn real_06_four_vpcs_share_a_block_without_peering() {
    let l = loaded(&[&format!(
        "{REAL}/06-snyk-nested-module-vpcs-tf1.0/plan.json"
    )]);
    let e = &l.estate;
    let ids: Vec<&str> = e.vpcs.keys().map(|v| v.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "aws_vpc.parent",
            "module.child1.aws_vpc.child",
            "module.child1.module.grandchild1.aws_vpc.grandchild",
            "module.child2.aws_vpc.child"
        ]
    );
    assert!(e
        .vpcs
        .values()
        .all(|v| v.cidrs[0].block.to_string() == "10.0.0.0/16"));
    assert!(e.peerings.is_empty());
    assert_eq!(e.security_groups.len(), 3);
}

#[test]
fn real_03_for_each_module_groups_open_to_the_world() {
    let l = loaded(&[&format!(
        "{REAL}/03-checkov-foreach-module-sg-tf1.9/plan.json"
    )]);
    let e = &l.estate;
    let ids: Vec<&str> = e.security_groups.keys().map(|g| g.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            r#"module.sg["awful_example"].aws_security_group.bad"#,
            r#"module.sg["bad_example"].aws_security_group.bad"#,
            r#"module.sg["terrible_example"].aws_security_group.bad"#,
        ]
    );
    for g in e.security_groups.values() {
        assert_eq!(g.vpc_id.as_ref().unwrap().as_str(), "vpc-123456abc");
        assert_eq!(g.ingress.len(), 1);
        let r = &g.ingress[0];
        assert_eq!(r.protocol, Protocol::All);
        assert_eq!(r.peer, SgPeer::Cidr("0.0.0.0/0".parse().unwrap()));
        assert!(g.egress.is_empty());
    }
}

#[test]
fn real_05_inline_and_separate_rules() {
    let file = format!("{REAL}/05-tfcompliance-sg-open-world-tf0.12/plan.json");
    let l = loaded(&[&file]);
    let g = l.estate.security_groups.values().next().unwrap();
    assert_eq!(g.id.as_str(), "aws_security_group.allow_tls");
    // `vpc_id = aws_vpc.fail.id`, known only after apply, is the planned VPC.
    assert_eq!(g.vpc_id.as_ref().unwrap().as_str(), "aws_vpc.fail");
    assert_eq!(
        (g.ingress[0].from_port, g.ingress[0].to_port),
        (Some(1), Some(3000))
    );
    // The standalone rule belongs to `sg-123456`, which is neither planned nor exported.
    assert_eq!(l.estate.security_groups.len(), 1);
    assert_eq!(g.ingress.len(), 1);
}

#[test]
fn real_01_policy_without_format_version() {
    let file = format!("{REAL}/01-checkov-vpce-wildcard-policy/plan.json");
    let l = loaded(&[&file]);
    let ep = l.estate.endpoints.values().next().unwrap();
    assert_eq!(ep.id.as_str(), "aws_vpc_endpoint.test");
    assert!(ep
        .policy
        .as_deref()
        .unwrap()
        .contains("\"Principal\":\"*\""));
    // The policy rules point inside the planned `policy` string.
    let principal = Spot::embedded(&ep.origin, "PolicyDocument", "/Statement/0/Principal");
    assert_eq!(place(&l, &principal), format!("{file}:11:103"));
    assert_eq!(
        principal.target.pointer,
        "/planned_values/root_module/resources/0/values/policy"
    );
}

#[test]
fn one_finding_per_defect_with_address_and_place() {
    let file = "testdata/terraform/defects/plan.json";
    assert_eq!(
        findings(&[file]),
        vec![
            row(
                "DNS002",
                "aws_vpc.legacy",
                Some("aws_vpc.legacy"),
                file,
                1,
                1469
            ),
            row(
                "DNS003",
                "aws_vpc_endpoint.ecr_api[1]",
                Some("aws_vpc_endpoint.ecr_api[1]"),
                file,
                1,
                2740
            ),
            row(
                "DNS001",
                "aws_vpc_endpoint.ssm[0]",
                Some("aws_vpc_endpoint.ssm[0]"),
                file,
                1,
                3927
            ),
            row(
                "PCX001",
                "aws_vpc_peering_connection.main_legacy",
                Some("aws_vpc_peering_connection.main_legacy"),
                file,
                1,
                5441
            ),
            row(
                "VPCE002",
                "aws_vpc_endpoint.sts",
                Some("aws_vpc_endpoint.sts"),
                file,
                1,
                28731
            ),
        ]
    );
    let report = check(&[file]);
    let pointers: Vec<&str> = report
        .findings
        .iter()
        .map(|p| p.location.as_ref().unwrap().pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        vec![
            // enable_dns_hostnames is not set: the finding names the VPC's address.
            "/planned_values/root_module/resources/2/address",
            "/planned_values/root_module/resources/4/values/private_dns_enabled",
            "/planned_values/root_module/resources/6/values/private_dns_enabled",
            // The peering's id is known only after apply: its planned values.
            "/planned_values/root_module/resources/9/values",
            // `subnet_ids` is known only after apply: the expression that references the subnet.
            "/configuration/root_module/resources/5/expressions/subnet_ids",
        ]
    );
    let help: Vec<&str> = report.findings.iter().map(|p| p.help.as_str()).collect();
    assert_eq!(
        help[0],
        "Enable the attribute: set `enable_dns_hostnames = true` on `aws_vpc.legacy`"
    );
    assert_eq!(help[2], "Enable private DNS: set `private_dns_enabled = true` on `aws_vpc_endpoint.ssm[0]` (the VPC `module.net[\"main\"].aws_vpc.this` needs enableDnsSupport and enableDnsHostnames); or point clients at the endpoint's own DNS names");
    assert_eq!(help[4], "Add a subnet in `eu-west-1b` and `eu-west-1c` to the endpoint: list `module.net[\"main\"].aws_subnet.private[1].id`, `module.net[\"main\"].aws_subnet.private[2].id` in `subnet_ids` of `aws_vpc_endpoint.sts`");
    let overlap = &report.findings[3].finding;
    assert!(overlap.message.contains(
        "`10.0.64.0/18` (`aws_vpc.legacy`) lies inside `10.0.0.0/16` (`module.net[\"main\"].aws_vpc.this`)"
    ));
    insta::assert_snapshot!(common::render(&report));
}

/// A resource without `values` (Terraform leaves it out when every attribute is known only
/// after apply) is placed at its own object, which the file has (found by fuzzing: the place
/// was `…/values`, a member that does not exist).
#[test]
fn a_resource_without_values_is_placed_at_its_object() {
    let text = r#"{"planned_values": {"root_module": {"resources": [{"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint", "name": "s3"}]}}}"#;
    let docs = vec![vpclint::source::Document {
        path: PathBuf::from("plan.json"),
        text: std::sync::Arc::new(text.to_owned()),
    }];
    let outcome = vpclint::source::load_with(&[], &vpclint::source::Exclude::default(), docs);
    let loaded = outcome.loaded.unwrap();
    let tagged = loaded.estate.tagged();
    assert_eq!(tagged.len(), 1);
    let origin = tagged[0].origin;
    assert_eq!(
        origin.pointer.to_string(),
        "/planned_values/root_module/resources/0"
    );
    let at = loaded
        .sources
        .resolve(&[(origin.file, vpclint::source::target(origin))]);
    let at = at[0].as_ref().unwrap();
    let column = text.find(r#"{"address""#).unwrap() + 1;
    assert_eq!((at.position.line, at.position.column), (1, column));
}

/// `prior_state` lists existing managed resources beside the data sources Terraform read; only
/// the data sources are kept, each placed at its own index in the file (found by fuzzing the
/// terraform target: the kept list's index pointed at the managed resource before it).
#[test]
fn a_data_source_of_prior_state_is_placed_at_its_own_index() {
    let text = r#"{"planned_values": {"root_module": {}}, "prior_state": {"values": {"root_module": {"resources": [{"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "values": {"id": "vpc-1", "cidr_block": "10.0.0.0/16"}}, {"address": "data.aws_vpc.shared", "mode": "data", "type": "aws_vpc", "name": "shared", "values": {"id": "vpc-2", "cidr_block": "10.1.0.0/16"}}]}}}}"#;
    let docs = vec![vpclint::source::Document {
        path: PathBuf::from("plan.json"),
        text: std::sync::Arc::new(text.to_owned()),
    }];
    let outcome = vpclint::source::load_with(&[], &vpclint::source::Exclude::default(), docs);
    let loaded = outcome.loaded.unwrap();
    let vpc = &loaded.estate.vpcs[&VpcId::from("vpc-2")];
    assert_eq!(
        vpc.origin.pointer.to_string(),
        "/prior_state/values/root_module/resources/1/values"
    );
    let at = loaded
        .sources
        .resolve(&[(vpc.origin.file, vpclint::source::target(&vpc.origin))]);
    let at = at[0].as_ref().unwrap();
    let column = text.find(r#"{"id": "vpc-2""#).unwrap() + 1;
    assert_eq!((at.position.line, at.position.column), (1, column));
}

#[test]
fn healthy_plan_is_clean() {
    assert_eq!(findings(&["testdata/terraform/healthy/plan.json"]), vec![]);
    let l = loaded(&["testdata/terraform/healthy/plan.json"]);
    // Module outputs, `for_each = module.net` and `each.value.subnet_ids` lead to the subnets.
    let ep = l
        .estate
        .endpoints
        .get(&r#"module.endpoints["green"].aws_vpc_endpoint.this["sts"]"#.into())
        .unwrap();
    let subnets: Vec<&str> = ep.subnet_ids.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        subnets,
        vec![
            r#"module.net["green"].aws_subnet.private[0]"#,
            r#"module.net["green"].aws_subnet.private[1]"#,
            r#"module.net["green"].aws_subnet.private[2]"#,
        ]
    );
    assert_eq!(ep.vpc_id.as_str(), r#"module.net["green"].aws_vpc.this"#);
    assert_eq!(
        ep.groups[0].as_str(),
        r#"module.endpoints["green"].aws_security_group.endpoints"#
    );
}

#[test]
fn unknown_values_are_reported_as_unknown_never_guessed() {
    let file = "testdata/terraform/unknown/plan.json";
    let report = check(&[file]);
    assert_eq!(
        rows(&report),
        vec![row(
            "VPCE002",
            "aws_vpc_endpoint.one_subnet",
            Some("aws_vpc_endpoint.one_subnet"),
            file,
            1,
            12721
        )]
    );
    assert_eq!(
        report.findings[0].finding.message,
        "Interface endpoint `aws_vpc_endpoint.one_subnet` (`com.amazonaws.eu-west-1.ssm`) has network interfaces in only one subnet (`aws_subnet.anywhere`, whose Availability Zone is known only after apply)"
    );
    let l = loaded(&[file]);
    let through_local = l
        .estate
        .endpoints
        .get(&"aws_vpc_endpoint.through_local".into())
        .unwrap();
    assert_eq!(
        through_local.subnet_ids[0].as_str(),
        "(known after apply: aws_vpc_endpoint.through_local.subnet_ids)"
    );
    assert!(!through_local.origin.known("SubnetIds"));
    let s3 = l
        .estate
        .endpoints
        .get(&"aws_vpc_endpoint.s3".into())
        .unwrap();
    assert_eq!(s3.policy, None);
    assert!(
        !s3.origin.known("PolicyDocument"),
        "a configured policy known after apply is not the default one"
    );
    assert_eq!(
        place(&l, &Spot::member(&s3.origin, "PolicyDocument")),
        format!("{file}:1:13056")
    );
}

#[test]
fn updates_replacements_and_deletions() {
    let plan = "testdata/terraform/existing/plan.json";
    assert_eq!(
        findings(&[plan]),
        vec![
            // A partner service: the ports it needs are unknown (an info, as for an export),
            // said of the service, at the endpoint's `service_name`.
            row("VPCE006", "vpce-svc-0a1b2c3d4e5f60718", None, plan, 1, 3621),
            row(
                "VPCE003",
                "vpce-0a1b2c3d4e5f6a7b8",
                Some("aws_vpc_endpoint.partner"),
                plan,
                1,
                3741
            ),
            row(
                "VPCE002",
                "aws_vpc_endpoint.swap",
                Some("aws_vpc_endpoint.swap"),
                plan,
                1,
                4566
            ),
        ]
    );
    // The export still holds the endpoint the plan deletes; checked with the plan it is gone.
    let snapshot = "testdata/terraform/existing/snapshot";
    assert_eq!(
        findings(&[snapshot]),
        vec![row(
            "VPCE002",
            "vpce-0d2e3f4a5b6c7d8e9",
            None,
            "testdata/terraform/existing/snapshot/describe-vpc-endpoints.json",
            10,
            26
        )]
    );
    assert_eq!(findings(&[plan, snapshot]).len(), 3);
    let l = loaded(&[plan, snapshot]);
    assert!(!l
        .estate
        .endpoints
        .contains_key(&"vpce-0d2e3f4a5b6c7d8e9".into()));
    assert!(
        !l.estate
            .endpoints
            .contains_key(&"vpce-0c1d2e3f4a5b6c7d8".into()),
        "replaced"
    );
    // The existing subnets, planned without change, replace the exported copies.
    let s = l
        .estate
        .subnets
        .get(&"subnet-0e1f2a3b4c5d6e0a1".into())
        .unwrap();
    assert_eq!(s.origin.address(), Some("aws_subnet.a"));
}

#[test]
fn plan_with_export_attaches_to_existing_resources() {
    let plan = "testdata/terraform/combined/plan.json";
    let snapshot = "testdata/terraform/combined/snapshot";
    let report = check(&[plan, snapshot]);
    assert_eq!(
        rows(&report),
        vec![
            row(
                "VPCE002",
                "aws_vpc_endpoint.sts",
                Some("aws_vpc_endpoint.sts"),
                plan,
                1,
                1559
            ),
            row(
                "DNS002",
                "vpc-0c0ffee0c0ffee001",
                None,
                "testdata/terraform/combined/snapshot/vpc-attributes.json",
                11,
                22
            ),
        ]
    );
    let related = &report.findings[0].finding.related[0];
    assert_eq!(related.resource.id, "subnet-0c0ffee0000000a01");
    assert_eq!(
        report.findings[0].help,
        "Add a subnet in `eu-west-1b` to the endpoint: list `\"subnet-0c0ffee0000000b01\"` in `subnet_ids` of `aws_vpc_endpoint.sts`"
    );
    // Without the export, one subnet is still one AZ; of the VPC's DNS attributes nothing is
    // known.
    assert_eq!(
        findings(&[plan]),
        vec![row(
            "VPCE002",
            "aws_vpc_endpoint.sts",
            Some("aws_vpc_endpoint.sts"),
            plan,
            1,
            1559
        )]
    );

    let l = loaded(&[plan, snapshot]);
    let sg = l
        .estate
        .security_groups
        .get(&"sg-0c0ffee0000000e01".into())
        .unwrap();
    assert_eq!(sg.ingress.len(), 1);
    let rule = &sg.ingress[0];
    assert_eq!(rule.peer, SgPeer::Cidr("10.70.0.0/16".parse().unwrap()));
    assert_eq!(
        place(&l, &Spot::value(&sg.origin.path(&rule.rel))),
        format!("{plan}:1:912")
    );
    let rtb = l
        .estate
        .route_tables
        .get(&"rtb-0c0ffee0000000b01".into())
        .unwrap();
    assert_eq!(rtb.routes.len(), 2);
    assert_eq!(
        rtb.routes[1].target,
        RouteTarget::Peering("pcx-0c0ffee0000000c01".into())
    );
    assert_eq!(
        place(
            &l,
            &Spot::member(&rtb.origin.path(&rtb.routes[1].rel), "DestinationCidrBlock")
        ),
        format!("{plan}:1:346")
    );
}

pub(crate) fn origin_place(l: &Loaded, o: &Origin) -> String {
    place(l, &Spot::value(o))
}

#[test]
fn separate_and_inline_rules_routes_and_policies_map_completely() {
    let file = "testdata/terraform/mapping/plan.json";
    let l = loaded(&[file]);
    let e: &Estate = &l.estate;
    let sg = |id: &str| e.security_groups.get(&id.into()).unwrap();
    let peers = |rules: &[vpclint::model::SgRule]| -> Vec<String> {
        rules
            .iter()
            .map(|r| {
                format!(
                    "{:?} {:?}-{:?} {}",
                    r.protocol,
                    r.from_port,
                    r.to_port,
                    match &r.peer {
                        SgPeer::Cidr(c) => c.to_string(),
                        SgPeer::Group(g) => g.to_string(),
                        SgPeer::PrefixList(p) => p.clone(),
                    }
                )
            })
            .collect()
    };
    let ep = sg("aws_security_group.ep");
    assert_eq!(
        peers(&ep.ingress),
        vec![
            "Tcp Some(443)-Some(443) 10.1.0.0/16",
            // An inline block's `security_groups`, known after apply, from its expression.
            "Tcp Some(443)-Some(443) aws_security_group.other",
        ]
    );
    assert_eq!(
        peers(&ep.egress),
        vec![
            "All None-None 0.0.0.0/0",
            "All None-None aws_security_group.ep"
        ]
    );
    let other = sg("aws_security_group.other");
    assert_eq!(
        peers(&other.ingress),
        vec![
            "Tcp Some(22)-Some(22) 0.0.0.0/0",
            "Tcp Some(22)-Some(22) 10.2.0.0/16",
            "Tcp Some(22)-Some(22) ::/0",
            "Tcp Some(443)-Some(443) 10.0.0.0/8",
        ]
    );
    assert_eq!(
        peers(&other.egress),
        vec!["All None-None aws_security_group.ep"]
    );
    // A separate rule points at its own resource; an inline one inside its group.
    assert_eq!(
        other.origin.path(&other.ingress[3].rel).pointer.as_ref(),
        "/planned_values/root_module/resources/23/values/cidr_ipv4"
    );
    assert_eq!(
        ep.origin.path(&ep.ingress[0].rel).pointer.as_ref(),
        "/planned_values/root_module/resources/9/values/ingress/0/cidr_blocks/0"
    );

    let nacl = e.nacls.get(&"aws_network_acl.n".into()).unwrap();
    let entries: Vec<String> = nacl
        .entries
        .iter()
        .map(|x| {
            format!(
                "{} {} {:?} {:?} {} {:?}",
                x.rule_number, x.egress, x.protocol, x.action, x.cidr, x.ports
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            "100 false Tcp Allow 10.0.0.0/8 Some((443, 443))",
            "100 true All Allow 0.0.0.0/0 None",
            "50 false Tcp Deny 10.3.0.0/16 Some((443, 443))",
        ]
    );
    assert_eq!(
        Spot::member(&nacl.origin.path(&nacl.entries[2].rel), "RuleNumber")
            .target
            .pointer,
        "/planned_values/root_module/resources/2/values/rule_number"
    );
    assert_eq!(
        Spot::member(&nacl.origin.path(&nacl.entries[0].rel), "RuleNumber")
            .target
            .pointer,
        "/planned_values/root_module/resources/1/values/ingress/0/rule_no"
    );
    assert_eq!(
        nacl.subnet_ids,
        vec![r#"module.net.aws_subnet.private["a"]"#.into()]
    );

    let rtb = e.route_tables.get(&"aws_route_table.rt".into()).unwrap();
    let routes: Vec<String> = rtb
        .routes
        .iter()
        .map(|r| format!("{:?} {:?}", r.destination.map(|d| d.to_string()), r.target))
        .collect();
    assert_eq!(
        routes,
        vec![
            r#"Some("10.1.128.0/17") Peering(PcxId("aws_vpc_peering_connection.p"))"#,
            r#"Some("10.9.0.0/24") Peering(PcxId("aws_vpc_peering_connection.p"))"#,
            r#"Some("10.9.1.0/24") Peering(PcxId("aws_vpc_peering_connection.p"))"#,
            // AWS's implicit route for the VPC's block, at that block.
            r#"Some("10.1.0.0/16") Local"#,
        ]
    );
    assert_eq!(rtb.subnet_ids.len(), 3);

    let s3 = e.endpoints.get(&"aws_vpc_endpoint.s3".into()).unwrap();
    assert!(s3.policy.as_deref().unwrap().contains("s3:*"));
    // The policy comes from aws_vpc_endpoint_policy: the policy rules point there.
    let principal = Spot::embedded(&s3.origin, "PolicyDocument", "/Statement/0/Principal");
    assert_eq!(
        principal.target.pointer,
        "/planned_values/root_module/resources/16/values/policy"
    );
    assert_eq!(place(&l, &principal), format!("{file}:1:8879"));
    let sts = e
        .endpoints
        .get(&r#"aws_vpc_endpoint.api["sts"]"#.into())
        .unwrap();
    assert_eq!(sts.subnet_ids.len(), 3);
    assert_eq!(sts.groups, vec!["aws_security_group.ep".into()]);

    let vpc = e.vpcs.get(&"aws_vpc.peer".into()).unwrap();
    let blocks: Vec<String> = vpc.cidrs.iter().map(|c| c.block.to_string()).collect();
    assert_eq!(blocks, vec!["10.1.128.0/17", "10.9.0.0/16"]);
    assert_eq!(
        origin_place(&l, &vpc.origin.path(&vpc.cidrs[1].rel)),
        format!("{file}:1:10306")
    );

    let principals: Vec<(&str, Option<&str>)> = e
        .service_permissions
        .iter()
        .map(|p| (p.principal.as_str(), p.service_id.as_deref()))
        .collect();
    assert_eq!(
        principals,
        vec![
            (
                "arn:aws:iam::123456789012:root",
                Some("aws_vpc_endpoint_service.svc")
            ),
            ("*", Some("aws_vpc_endpoint_service.svc")),
        ]
    );
    let star = &e.service_permissions[1];
    assert_eq!(
        Spot::member(&star.origin, "Principal").target.pointer,
        "/planned_values/root_module/resources/18/values/principal_arn"
    );
    let svc = e
        .service_configurations
        .get("aws_vpc_endpoint_service.svc")
        .unwrap();
    assert_eq!(svc.acceptance_required, Some(false));
    let pcx = e.peerings.values().next().unwrap();
    assert_eq!(pcx.status, "active");
}

#[test]
fn short_json_and_human_name_the_address() {
    let plan = "testdata/terraform/existing/plan.json";
    let short = common::stdout(&common::vpclint(&["check", "--format", "short", plan]));
    assert!(
        short.contains("(vpc-endpoint vpce-0a1b2c3d4e5f6a7b8 aws_vpc_endpoint.partner)"),
        "{short}"
    );
    assert!(
        short.contains("(vpc-endpoint aws_vpc_endpoint.swap)"),
        "{short}"
    );
    let json = common::stdout(&common::vpclint(&["check", "--format", "json", plan]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The first finding is the partner service's (VPCE006), the second its endpoint's.
    assert_eq!(
        v["findings"][1]["resource"]["address"],
        "aws_vpc_endpoint.partner"
    );
    assert_eq!(v["findings"][1]["resource"]["id"], "vpce-0a1b2c3d4e5f6a7b8");
    let human = common::stdout(&common::vpclint(&["check", "--format", "human", plan]));
    assert!(
        human.contains("terraform: vpc-endpoint `aws_vpc_endpoint.partner`"),
        "{human}"
    );
}

#[test]
fn terraform_inputs_that_are_not_plans() {
    let out = common::vpclint(&[
        "check",
        "--format",
        "short",
        "testdata/bad/terraform_ui_stream.json",
        "testdata/bad/terraform_state.json",
        "testdata/bad/terraform_errored.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        common::stdout(&out),
        "testdata/bad/terraform_errored.json:7:14: error[input/invalid-value]: Terraform could not finish this plan (`errored: true`), so its planned values are incomplete; expected a plan that `terraform plan` completed without errors\n\
         testdata/bad/terraform_state.json:1:54: error[input/unknown-kind]: this is a Terraform state (`terraform show -json` without a plan file), not a plan; expected the plan as JSON: `terraform plan -out plan.out && terraform show -json plan.out > plan.json`\n\
         testdata/bad/terraform_ui_stream.json:1:1: error[input/unknown-kind]: this is the `terraform plan -json` UI stream (one JSON message per line), not a plan; expected the plan as JSON: `terraform plan -out plan.out && terraform show -json plan.out > plan.json`\n"
    );
}

#[test]
fn generated_benchmark_plan_loads_with_its_findings() {
    let dir = std::env::temp_dir().join(format!("vpclint-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.json");
    std::fs::write(&path, gen::plan(40)).unwrap();
    let report = vpclint::check(
        std::slice::from_ref(&path),
        &vpclint::config::Settings::default(),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let (single, legacy) = gen::expected_findings(40);
    let count = |code: &str| {
        report
            .findings
            .iter()
            .filter(|f| f.finding.rule.code == code)
            .count()
    };
    let (full, wildcard) = gen::policy_findings(40);
    assert_eq!((count("VPCE002"), count("DNS002")), (single, legacy));
    assert_eq!((count("POL002"), count("POL001")), (full, wildcard));
    assert_eq!(report.findings.len(), single + legacy + full + wildcard);
    // VPC, 3 subnets, route table, NACL, security group, 5 endpoints; the rules, routes,
    // associations and the policy are attached to them.
    assert_eq!(report.resources, 40 * 12);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn human_report_shows_an_excerpt_of_the_one_line_plan() {
    let out = common::vpclint(&[
        "check",
        "--color",
        "never",
        "--ignore",
        "POL002",
        "testdata/terraform/defects/plan.json",
    ]);
    insta::assert_snapshot!(common::stdout(&out));
}

#[test]
fn policy_rules_point_inside_planned_policies() {
    // A wildcard principal narrowed by nothing but the action: `wildcard-principal`, on the
    // `Principal` key inside the planned `policy` string.
    let file = "testdata/terraform/policy/plan.json";
    assert_eq!(
        rows(&common::check(&[file], Some("POL001"))),
        vec![row(
            "POL001",
            "aws_vpc_endpoint.s3",
            Some("aws_vpc_endpoint.s3"),
            file,
            13,
            111
        )]
    );
    // checkov's all-`*` statement is `full-access-policy`'s (not a second finding of
    // `wildcard-principal`), on the statement inside the string.
    let file = format!("{REAL}/01-checkov-vpce-wildcard-policy/plan.json");
    let report = common::check(&[&file], None);
    assert_eq!(
        rows(&report),
        vec![row(
            "POL002",
            "aws_vpc_endpoint.test",
            Some("aws_vpc_endpoint.test"),
            &file,
            11,
            67
        )]
    );
    assert_eq!(
        report.findings[0]
            .location
            .as_ref()
            .unwrap()
            .inner
            .as_deref(),
        Some("/Statement/0")
    );
    // A policy set by `aws_vpc_endpoint_policy` is found in that resource.
    let file = "testdata/terraform/mapping/plan.json";
    let report = common::check(&[file], Some("POL002"));
    let s3 = report
        .findings
        .iter()
        .find(|p| p.finding.resource.id.ends_with("aws_vpc_endpoint.s3"))
        .unwrap();
    let l = s3.location.as_ref().unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let owner = l.pointer.strip_suffix("/values/policy").unwrap();
    assert_eq!(
        plan.pointer(&format!("{owner}/type")).unwrap(),
        "aws_vpc_endpoint_policy"
    );
    assert_eq!(l.inner.as_deref(), Some("/Statement/0"));
    // Endpoints without a policy get the default one; a policy known only after apply is not
    // the default one, and no policy rule guesses about it.
    let unknown = "testdata/terraform/unknown/plan.json";
    let ids: Vec<String> = common::check(&[unknown], None)
        .findings
        .iter()
        .filter(|p| p.finding.rule.code.starts_with("POL"))
        .map(|p| p.finding.resource.id.clone())
        .collect();
    assert_eq!(
        ids,
        vec![
            "aws_vpc_endpoint.one_subnet",
            "aws_vpc_endpoint.through_local"
        ]
    );
    // The healthy plan's endpoints carry policies scoped by organisation and service: every
    // rule, the policy rules included, stays quiet.
    let healthy = common::check(&["testdata/terraform/healthy/plan.json"], None);
    assert_eq!(common::render(&healthy), "");
}

#[test]
fn rest_apis_and_their_policy_resources_map_to_the_estate() {
    let file = "testdata/terraform/api/plan.json";
    let l = loaded(&[file]);
    let apis: Vec<(&str, Vec<&str>, Vec<&str>, bool)> = l
        .estate
        .rest_apis
        .values()
        .map(|a| {
            (
                a.id.as_str(),
                a.endpoint_types.iter().map(String::as_str).collect(),
                a.vpc_endpoint_ids.iter().map(|v| v.as_str()).collect(),
                a.policy.is_some(),
            )
        })
        .collect();
    // `vpc_endpoint_ids` is known only after apply: followed to the planned endpoint. The
    // policy of `billing` comes from its `aws_api_gateway_rest_api_policy`.
    assert_eq!(
        apis,
        vec![
            (
                "aws_api_gateway_rest_api.billing",
                vec!["PRIVATE"],
                vec!["aws_vpc_endpoint.api"],
                true
            ),
            (
                "aws_api_gateway_rest_api.orders",
                vec!["PRIVATE"],
                vec!["aws_vpc_endpoint.api"],
                false
            ),
            (
                "aws_api_gateway_rest_api.public",
                vec!["REGIONAL"],
                vec![],
                false
            ),
        ]
    );
    let report = common::check(&[file], None);
    assert_eq!(
        rows(&report),
        vec![
            row(
                "API001",
                "aws_api_gateway_rest_api.orders",
                Some("aws_api_gateway_rest_api.orders"),
                file,
                1,
                776
            ),
            row(
                "POL001",
                "aws_api_gateway_rest_api.billing",
                Some("aws_api_gateway_rest_api.billing"),
                file,
                1,
                1834
            ),
            // A public REST API beside an execute-api endpoint with private DNS on.
            row(
                "API002",
                "aws_vpc_endpoint.api",
                Some("aws_vpc_endpoint.api"),
                file,
                1,
                4832
            ),
        ]
    );
    let help: Vec<&str> = report.findings.iter().map(|p| p.help.as_str()).collect();
    assert_eq!(
        help,
        vec![
            "Attach a resource policy that allows the endpoints, such as `{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": \"execute-api:/*\", \"Condition\": {\"StringEquals\": {\"aws:SourceVpce\": [\"${aws_vpc_endpoint.api.id}\"]}}}]}`, then set it as `policy` of `aws_api_gateway_rest_api.orders` (or of its `aws_api_gateway_rest_api_policy`) and redeploy the API (an `aws_api_gateway_deployment` whose `triggers` include the policy)",
            "Add a condition such as `\"Condition\": {\"StringEquals\": {\"aws:SourceVpce\": \"${aws_vpc_endpoint.api.id}\"}}` to the statement, then set it as `policy` of `aws_api_gateway_rest_api.billing` (or of its `aws_api_gateway_rest_api_policy`) and redeploy the API (an `aws_api_gateway_deployment` whose `triggers` include the policy)",
            "Call the public APIs through custom domain names, which resolve publicly; or turn private DNS off and call private APIs by their endpoint-specific names: set `private_dns_enabled = false` on `aws_vpc_endpoint.api`",
        ]
    );
    // The wildcard is found inside the policy string of the policy resource.
    let pol = report.findings[1].location.as_ref().unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let owner = pol.pointer.strip_suffix("/values/policy").unwrap();
    assert_eq!(
        plan.pointer(&format!("{owner}/type")).unwrap(),
        "aws_api_gateway_rest_api_policy"
    );
    assert_eq!(pol.inner.as_deref(), Some("/Statement/0/Principal"));
}

#[test]
fn a_rest_api_policy_known_only_after_apply_is_not_missing() {
    let text = std::fs::read_to_string("testdata/terraform/api/plan.json").unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    // `orders` gets a policy whose value Terraform knows only after apply.
    for rc in plan["resource_changes"].as_array_mut().unwrap() {
        if rc["address"] == "aws_api_gateway_rest_api.orders" {
            rc["change"]["after_unknown"]["policy"] = serde_json::Value::Bool(true);
        }
    }
    for r in plan["configuration"]["root_module"]["resources"]
        .as_array_mut()
        .unwrap()
    {
        if r["address"] == "aws_api_gateway_rest_api.orders" {
            r["expressions"]["policy"] =
                serde_json::json!({"references": ["data.aws_iam_policy_document.orders.json"]});
        }
    }
    let dir = std::env::temp_dir().join(format!("vpclint-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.json");
    std::fs::write(&path, serde_json::to_string(&plan).unwrap()).unwrap();
    let report = common::check(&[path.to_str().unwrap()], Some("API001"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(common::render(&report), "");
}

#[test]
fn reachability_rules_fire_on_a_plan_with_terraform_fixes() {
    let file = "testdata/terraform/reach/plan.json";
    let report = common::check(&[file], None);
    assert_eq!(
        rows(&report),
        vec![
            row(
                "VPCE001",
                "aws_vpc_endpoint.ssm",
                Some("aws_vpc_endpoint.ssm"),
                file,
                1,
                336
            ),
            row(
                "SG001",
                "aws_vpc_endpoint.kms",
                Some("aws_vpc_endpoint.kms"),
                file,
                1,
                980
            ),
            row(
                "VPCE001",
                "aws_vpc_endpoint.sts",
                Some("aws_vpc_endpoint.sts"),
                file,
                1,
                1534
            ),
        ]
    );
    let texts: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|p| (p.finding.message.as_str(), p.help.as_str()))
        .collect();
    assert_eq!(
        texts,
        vec![
            (
                "Security group `aws_security_group.only_http` of interface endpoint `aws_vpc_endpoint.ssm` (`com.amazonaws.eu-west-1.ssm`) does not admit TCP 443 from any of its 2 clients: `aws_subnet.private[0]` (10.40.0.0/24), `aws_subnet.private[1]` (10.40.1.0/24)",
                // Inline rules: the fix is one more inline block.
                "Allow TCP 443 from the clients on the endpoint's security group: add to `aws_security_group.only_http` an `ingress` block with `from_port = 443, to_port = 443, protocol = \"tcp\", cidr_blocks = [\"10.40.0.0/16\"]`",
            ),
            (
                "Interface endpoint `aws_vpc_endpoint.kms` (`com.amazonaws.eu-west-1.kms`) is open to every address: security group `aws_security_group.open` admits TCP 443 from 0.0.0.0/0",
                "In `aws_security_group.open`, replace `0.0.0.0/0` in the rule's blocks with the clients' blocks, e.g. the VPC's `10.40.0.0/16`",
            ),
            (
                "Security group `aws_security_group.sts` of interface endpoint `aws_vpc_endpoint.sts` (`com.amazonaws.eu-west-1.sts`) does not admit TCP 443 from 1 of its 2 clients: `aws_subnet.private[1]` (10.40.1.0/24)",
                // Separate rule resources: the fix is one more resource, not an inline block.
                "Allow TCP 443 from the clients on the endpoint's security group: add to `aws_security_group.sts` an `aws_vpc_security_group_ingress_rule` with `security_group_id = aws_security_group.sts.id, ip_protocol = \"tcp\", from_port = 443, to_port = 443, cidr_ipv4 = \"10.40.1.0/24\"`",
            ),
        ]
    );
}

#[test]
fn nacl_fixes_on_a_plan_add_rule_resources_where_the_nacl_uses_them() {
    let report = common::check(&["testdata/terraform/mapping/plan.json"], Some("NET001"));
    let help: Vec<&str> = report.findings.iter().map(|p| p.help.as_str()).collect();
    // One rule for the VPC's block rather than one per client subnet; both endpoints' findings
    // need the same rule, and name the same one.
    let want = "Allow this traffic before the final deny: add an `aws_network_acl_rule` with `network_acl_id = aws_network_acl.n.id, rule_number = 110, egress = false, protocol = \"tcp\", rule_action = \"allow\", cidr_block = \"10.1.0.0/16\", from_port = 1024, to_port = 65535`";
    assert_eq!(help, vec![want, want]);
}

#[test]
fn service_permission_fixes_name_the_resource_that_grants_them() {
    let report = common::check(&["testdata/terraform/mapping/plan.json"], None);
    let help: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|p| matches!(p.finding.rule.code, "POL004" | "SVC001"))
        .map(|p| (p.finding.rule.code, p.help.as_str()))
        .collect();
    assert_eq!(
        help,
        vec![
            ("POL004", "Remove it: take `arn:aws:iam::123456789012:root` out of `allowed_principals` of `aws_vpc_endpoint_service.svc`; if `123456789012` is an account you trust, add it to `trusted-accounts` in vpclint.toml (trusted now: the accounts that own resources in the estate (none is known))"),
            ("SVC001", "Allow only the role that creates the endpoints: in `aws_vpc_endpoint_service.svc`, replace `arn:aws:iam::123456789012:root` with `arn:aws:iam::123456789012:role/<role>`"),
            ("SVC001", "Allow only the roles of your consumers: in `aws_vpc_endpoint_service_allowed_principal.star`, replace `*` with `arn:aws:iam::<account>:role/<role>`, and review connections: set `acceptance_required = true` on `aws_vpc_endpoint_service.svc`"),
        ]
    );
}

#[test]
fn aiven_kafka_endpoint_over_data_source_subnets_misses_part_of_the_broker_pool() {
    let file = "testdata/terraform/aiven/plan.json";
    let report = check(&[file]);
    let endpoint = "module.kafka_endpoint.aws_vpc_endpoint.this";
    assert_eq!(
        rows(&report),
        vec![row("VPCE004", endpoint, Some(endpoint), file, 1, 2048)]
    );
    let f = &report.findings[0].finding;
    assert_eq!(
        f.message,
        "Security group `module.kafka_endpoint.aws_security_group.kafka` of interface endpoint `module.kafka_endpoint.aws_vpc_endpoint.this` (`com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1`) admits only part of TCP 10000-31000 (Aiven `kafka` service `events`): missing TCP 20001-31000 from `subnet-0a1b2c3d4e5f60718` (10.20.1.0/24), `subnet-0b2c3d4e5f6071829` (10.20.2.0/24), `subnet-0c3d4e5f607182930` (10.20.3.0/24)"
    );
    let l = loaded(&[file]);
    let e = &l.estate;
    // The subnets and the VPC are the data sources Terraform read while planning.
    let subnets: Vec<(String, String, Option<&str>, String)> = e
        .subnets
        .values()
        .map(|s| {
            (
                s.id.to_string(),
                s.az.clone(),
                s.origin.address(),
                origin_place(&l, &s.origin),
            )
        })
        .collect();
    assert_eq!(
        subnets,
        vec![
            (
                "subnet-0a1b2c3d4e5f60718".into(),
                "eu-west-1a".into(),
                Some(
                    r#"module.kafka_endpoint.data.aws_subnet.private["subnet-0a1b2c3d4e5f60718"]"#
                ),
                format!("{file}:1:10899"),
            ),
            (
                "subnet-0b2c3d4e5f6071829".into(),
                "eu-west-1b".into(),
                Some(
                    r#"module.kafka_endpoint.data.aws_subnet.private["subnet-0b2c3d4e5f6071829"]"#
                ),
                format!("{file}:1:12028"),
            ),
            (
                "subnet-0c3d4e5f607182930".into(),
                "eu-west-1c".into(),
                Some(
                    r#"module.kafka_endpoint.data.aws_subnet.private["subnet-0c3d4e5f607182930"]"#
                ),
                format!("{file}:1:13157"),
            ),
        ]
    );
    let vpc = e.vpcs.values().next().unwrap();
    assert_eq!(
        (vpc.id.as_str(), vpc.origin.address()),
        ("vpc-0e1f2a3b4c5d6e7f8", Some("data.aws_vpc.main"))
    );
    // The Aiven side: the service's type from its resource type, its PrivateLink attached.
    let kafka = e
        .aiven_service_for("com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1")
        .unwrap();
    assert_eq!(
        (
            kafka.name.as_str(),
            kafka.service_type.as_str(),
            kafka.cloud_name.as_str(),
            kafka.access_enabled("kafka"),
            kafka.origin.address(),
            kafka.privatelink.as_ref().unwrap().principals.clone(),
        ),
        (
            "events",
            "kafka",
            "aws-eu-west-1",
            true,
            Some("aiven_kafka.events"),
            vec!["arn:aws:iam::111122223333:role/kafka-endpoints".to_owned()]
        )
    );
    // The group, known only after apply, is followed through the module's configuration.
    let ep = e.endpoints.values().next().unwrap();
    assert_eq!(
        ep.groups.iter().map(|g| g.to_string()).collect::<Vec<_>>(),
        vec!["module.kafka_endpoint.aws_security_group.kafka"]
    );
}

#[test]
fn data_sources_read_at_apply_stay_unknown() {
    let file = "testdata/terraform/apply-read/plan.json";
    assert_eq!(findings(&[file]), vec![]);
    let l = loaded(&[file]);
    let e = &l.estate;
    // Only the planned subnets: the data sources are not read yet, so not guessed.
    let subnets: Vec<&str> = e.subnets.keys().map(|s| s.as_str()).collect();
    assert_eq!(
        subnets,
        vec!["aws_subnet.private[0]", "aws_subnet.private[1]"]
    );
    let subnets_of = |id: &str| {
        let ep = e
            .endpoints
            .values()
            .find(|ep| ep.id.as_str() == id)
            .unwrap();
        (
            ep.subnet_ids
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            ep.origin.known("SubnetIds"),
        )
    };
    assert_eq!(
        subnets_of("aws_vpc_endpoint.sts"),
        (
            vec![vpclint::model::unknown(
                "aws_vpc_endpoint.sts",
                "subnet_ids"
            )],
            false
        )
    );
    assert_eq!(
        subnets_of("aws_vpc_endpoint.one_zone"),
        (
            vec![vpclint::model::unknown(
                "aws_vpc_endpoint.one_zone",
                "subnet_ids"
            )],
            false
        )
    );
}

#[test]
fn aiven_access_disabled_on_a_planned_service_gets_a_terraform_fix() {
    let file = "testdata/terraform/aiven-access/plan.json";
    let report = check(&[file]);
    assert_eq!(
        rows(&report),
        vec![row(
            "AIV002",
            "orders",
            Some("aiven_kafka.orders"),
            file,
            1,
            726
        )]
    );
    let f = &report.findings[0];
    assert_eq!(
        f.location.as_ref().unwrap().pointer,
        "/planned_values/root_module/resources/0/values/kafka_user_config/0/privatelink_access/0/kafka"
    );
    assert_eq!(
        (f.finding.message.as_str(), f.help.as_str()),
        (
            "Aiven service `orders` has PrivateLink endpoint `vpce-0f1e2d3c4b5a69788` available but `privatelink_access.kafka` is off, so connections through the endpoint reach no `kafka` listener",
            "Enable it: in the `kafka_user_config` block of `aiven_kafka.orders`, set `privatelink_access { kafka = true }`"
        )
    );
}

/// A plan with the `aiven_aws_privatelink` but not its service does not know the service's type:
/// the ports-unknown finding says so and what supplies it, and an `avn service get` output of the
/// service beside the plan does, so the port pool is checked.
#[test]
fn aiven_service_type_missing_from_the_plan_is_said_and_avn_output_supplies_it() {
    let plan = "testdata/terraform/aiven-type-unknown/plan.json";
    let report = check(&[plan]);
    assert_eq!(
        rows(&report),
        vec![row(
            "VPCE006",
            "vpce-svc-0b16e88f3b706aaf1",
            None,
            plan,
            1,
            1511
        )]
    );
    let f = &report.findings[0].finding;
    assert_eq!(
        (
            f.message.as_str(),
            vpclint::report::fix::render(&f.remedy).as_str()
        ),
        (
            "The ports of endpoint service `com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1` are unknown: it is the PrivateLink of Aiven service `events`, whose type is not in the input, so the reachability of interface endpoint `module.kafka_endpoint.aws_vpc_endpoint.this` is not checked",
            "Give vpclint the service's type: its `avn service get events --json` output, or the `aiven_<type>` resource or data source in the same plan; or declare the ports in vpclint.toml, as these lines: `[[service]]` `name = \"com.amazonaws.vpce.eu-west-1.vpce-svc-0b16e88f3b706aaf1\"` `ports = [\"<port or range>\"]` (add `protocol = \"udp\"` for UDP)"
        )
    );

    let with_avn = check(&[plan, "testdata/terraform/aiven-type-unknown/avn"]);
    assert_eq!(
        rows(&with_avn),
        vec![row(
            "VPCE004",
            "module.kafka_endpoint.aws_vpc_endpoint.this",
            Some("module.kafka_endpoint.aws_vpc_endpoint.this"),
            plan,
            1,
            868
        )]
    );
    assert!(
        with_avn.findings[0]
            .finding
            .message
            .contains("admits only part of TCP 10000-31000 (Aiven `kafka` service `events`): missing TCP 20001-31000"),
        "{}",
        with_avn.findings[0].finding.message
    );
}
