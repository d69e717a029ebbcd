//! The real AWS CLI exports (copied from shared/examples): each loads without an input error and
//! gives exactly the findings its EXPECTED.md names for the rules that exist, and none on what it
//! lists as deliberately fine.

use crate::common;

/// (rule code, resource id, file, line, column) of every finding.
fn findings(dir: &str) -> Vec<(String, String, String, usize, usize)> {
    let report = common::check(&[dir], None);
    assert!(report.errors.is_empty(), "{dir}: {:?}", report.errors);
    report
        .findings
        .iter()
        .map(|p| {
            let l = p.location.as_ref().unwrap();
            (
                p.finding.rule.code.to_owned(),
                p.finding.resource.id.clone(),
                l.file.clone(),
                l.position.line,
                l.position.column,
            )
        })
        .collect()
}

#[test]
fn healthy_execute_api_is_clean() {
    assert_eq!(findings("testdata/examples/01-healthy-execute-api"), vec![]);
}

/// The centralised pattern: the hub endpoint's private DNS is off on purpose, a shared private
/// zone answers the name in the hub and both spokes.
#[test]
fn hub_with_shared_zone_is_clean() {
    assert_eq!(
        findings("testdata/examples/dns-01-hub-endpoints-healthy"),
        vec![]
    );
}

/// A gateway endpoint on two of three route tables: the third subnet, with a workload, is named
/// with its route table; the DynamoDB endpoint on every table of its VPC is not.
#[test]
fn gateway_route_missing_on_one_route_table() {
    let dir = "testdata/examples/dns-08-gateway-route-missing";
    assert_eq!(
        findings(dir),
        vec![(
            "GWY001".into(),
            "vpce-cd09ee6c69fe07cfe".into(),
            format!("{dir}/describe-vpc-endpoints.json"),
            10,
            30
        )]
    );
    let report = common::check(&[dir], None);
    let f = &report.findings[0].finding;
    let related: Vec<&str> = f.related.iter().map(|r| r.resource.id.as_str()).collect();
    assert_eq!(
        related,
        vec!["rtb-f5b223c61e1c10a4c", "subnet-8445b3e0e3515ee2b"]
    );
    assert_eq!(
        f.message,
        "Gateway endpoint `vpce-cd09ee6c69fe07cfe` (`com.amazonaws.eu-west-1.s3`) is not on the route table of subnets with workloads: `rtb-f5b223c61e1c10a4c` (`subnet-8445b3e0e3515ee2b`); their traffic to the service does not take the endpoint"
    );
}

#[test]
fn sg_missing_443_is_port_blocked() {
    let dir = "testdata/examples/02-sg-missing-443";
    assert_eq!(
        findings(dir),
        vec![(
            "VPCE001".into(),
            "vpce-9ecd7700e88b062cc".into(),
            format!("{dir}/describe-security-groups.json"),
            75,
            30
        )]
    );
    let report = common::check(&[dir], None);
    let f = &report.findings[0].finding;
    let related: Vec<&str> = f.related.iter().map(|r| r.resource.id.as_str()).collect();
    assert_eq!(related, vec!["sg-cc9669a88473562ce"]);
    assert!(
        f.message
            .contains("does not admit TCP 443 from any of its 6 clients"),
        "{}",
        f.message
    );
    let help = vpclint::report::fix::render(&f.remedy);
    assert!(
        help.contains("aws ec2 authorize-security-group-ingress --group-id sg-cc9669a88473562ce --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.20.0.0/16}]'"),
        "{help}"
    );
}

#[test]
fn single_az_endpoint() {
    let dir = "testdata/examples/05-single-az-endpoint";
    assert_eq!(
        findings(dir),
        vec![(
            "VPCE002".into(),
            "vpce-a3fb468f66ecde3f9".into(),
            format!("{dir}/describe-vpc-endpoints.json"),
            11,
            26
        )]
    );
    let report = common::check(&[dir], None);
    let f = &report.findings[0].finding;
    assert_eq!(f.related[0].resource.id, "subnet-75c31a8b032305df1");
    let help = vpclint::report::fix::render(&f.remedy);
    assert!(
        help.contains("--add-subnet-ids subnet-c1317aae78955d747 subnet-18892bcd469cf5217"),
        "{help}"
    );
}

#[test]
fn wildcard_principal_pinned_inside_the_policy_string() {
    // The S3 gateway endpoint's `Principal: "*"` is narrowed by `aws:PrincipalAccount` (gateway
    // policies need `*`), and its `PrivateDnsEnabled: true` (a moto artefact) means nothing:
    // exactly one finding, on the backslash of the escaped `\"Principal\"` key.
    let dir = "testdata/examples/06-wildcard-principal-policy";
    assert_eq!(
        findings(dir),
        vec![(
            "POL001".into(),
            "vpce-cb8e72535dc9126c3".into(),
            format!("{dir}/describe-vpc-endpoints.json"),
            9,
            163
        )]
    );
    let report = common::check(&[dir], None);
    let p = &report.findings[0];
    let l = p.location.as_ref().unwrap();
    assert_eq!(l.pointer, "/VpcEndpoints/0/PolicyDocument");
    assert_eq!(l.inner.as_deref(), Some("/Statement/0/Principal"));
    let (text, span) = p.snippet.as_ref().unwrap();
    assert_eq!(span.start, 441, "byte offset named by EXPECTED.md");
    assert_eq!(&text[span.start..span.end], r#"\"Principal\""#);
}

#[test]
fn peering_overlaps() {
    let dir = "testdata/examples/09-peering-cidr-overlap";
    let file = format!("{dir}/describe-vpc-peering-connections.json");
    assert_eq!(
        findings(dir),
        vec![
            (
                "PCX001".into(),
                "pcx-55cffe169b22e51cc".into(),
                file.clone(),
                36,
                39
            ),
            (
                "PCX001".into(),
                "pcx-d5ed180cdefd82923".into(),
                file,
                71,
                39
            ),
        ]
    );
    let report = common::check(&[dir], None);
    let related: Vec<Vec<&str>> = report
        .findings
        .iter()
        .map(|p| {
            p.finding
                .related
                .iter()
                .map(|r| r.resource.id.as_str())
                .collect()
        })
        .collect();
    assert_eq!(
        related,
        vec![
            vec!["vpc-fc84e8110af15d582", "vpc-11fb60b0ae7f1215d"],
            vec!["vpc-fc84e8110af15d582", "vpc-8f913665941e34a20"],
        ]
    );
    assert!(report.findings[1]
        .finding
        .message
        .contains("`10.0.64.0/18` (`vpc-8f913665941e34a20`) lies inside `10.0.0.0/16`"));
}

#[test]
fn demo_estate() {
    let got: Vec<(String, String)> = findings("testdata/demo")
        .into_iter()
        .map(|(code, id, ..)| (code, id))
        .collect();
    // Defects 7 (endpoint-port-blocked) and 9 (endpoint-open-to-world) of the README; the
    // analytics-query endpoint service has no `[[service]]` entry, so its ports are unknown
    // (info) and nothing about its reachability is guessed.
    let want: Vec<(String, String)> = [
        ("VPCE002", "vpce-3cae54763bdd9f7a7"),
        ("DNS001", "vpce-9dcfb527fa0ef1734"),
        ("VPCE006", "vpce-svc-2a9307bb"),
        ("VPCE003", "vpce-669c0787b5d708cb8"),
        ("PCX001", "pcx-c52d60f3f32457133"),
        ("DNS002", "vpc-be4b9d9db6ea1f629"),
        ("VPCE001", "vpce-cf350ba0922b8c599"),
        ("SG001", "vpce-1a4aeba28fd1586b3"),
        ("DNS003", "vpce-9d11a8d7797e90761"),
        ("POL001", "vpce-008af9032f0195ba8"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(got, want);
    let sqs = findings("testdata/demo")
        .into_iter()
        .find(|f| f.0 == "POL001")
        .unwrap();
    assert_eq!(
        (sqs.2.as_str(), sqs.3, sqs.4),
        (
            "testdata/demo/210987654321/us-east-1/describe-vpc-endpoints.json",
            129,
            193
        )
    );
    let report = common::check(&["testdata/demo"], None);
    let severities: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|p| matches!(p.finding.rule.code, "VPCE001" | "VPCE006"))
        .map(|p| (p.finding.resource.id.as_str(), p.finding.severity.as_str()))
        .collect();
    // The partner service's ports are unknown: said of the service, at info level.
    assert_eq!(
        severities,
        vec![
            ("vpce-svc-2a9307bb", "info"),
            ("vpce-cf350ba0922b8c599", "error")
        ]
    );
}

#[test]
fn zone_names_and_service_details_are_per_account() {
    // eu-west-1a is a different physical zone in each account, and each account sees the
    // service's zones by its own names: not a conflict.
    let report = common::check(&["testdata/multi-account"], None);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.resources, 6);
}
