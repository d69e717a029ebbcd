//! The human report as a new user reads it: the severity in words, the worst first, one fix
//! per finding, grouping by VPC or account, and statistics by the findings' severities.

use crate::common;

use common::{stdout, vpclint, vpclint_in};
use serde_json::Value;

/// Each finding's header (`severity[CODE name]`) and the place its snippet names.
fn headers(human: &str) -> Vec<String> {
    let lines: Vec<&str> = human.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            ["error[", "warning[", "info["]
                .iter()
                .any(|s| l.starts_with(s))
        })
        .map(|(i, l)| {
            let header = l.split("]: ").next().unwrap();
            let place = lines[i + 1]
                .trim_start()
                .trim_start_matches("╭─[")
                .trim_end_matches(']');
            format!("{header}] {place}")
        })
        .collect()
}

#[test]
fn severity_words_and_the_worst_first_then_by_place() {
    let out = vpclint(&["check", "testdata/demo", "testdata/aiven/broken"]);
    assert_eq!(out.status.code(), Some(1));
    let human = stdout(&out);
    assert_eq!(
        headers(&human),
        [
            "error[AIV001 aiven-privatelink-unsupported] testdata/aiven/broken/aiven/my-cassandra/service.json:19:21",
            "error[AIV002 aiven-privatelink-access-disabled] testdata/aiven/broken/aiven/my-kafka/service.json:77:22",
            "error[AIV003 aiven-endpoint-service-mismatch] testdata/aiven/broken/aiven/my-opensearch/privatelink.json:4:29",
            "error[PCX001 peering-cidr-overlap] testdata/demo/123456789012/eu-west-1/describe-vpc-peering-connections.json:71:39",
            "error[DNS002 vpc-dns-attributes-disabled] testdata/demo/210987654321/eu-west-1/vpc-attributes.json:22:18",
            "error[VPCE001 endpoint-port-blocked] testdata/demo/210987654321/us-east-1/describe-security-groups.json:146:30",
            "error[DNS003 private-dns-conflict] testdata/demo/210987654321/us-east-1/describe-vpc-endpoints.json:22:34",
            "warning[AIV005 aiven-principal-whole-account] testdata/aiven/broken/aiven/my-kafka/privatelink.json:6:13",
            "warning[AIV004 aiven-privatelink-not-active] testdata/aiven/broken/aiven/my-pg/privatelink.json:8:18",
            "warning[VPCE002 single-az-endpoint] testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json:75:26",
            "warning[DNS001 private-dns-disabled] testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json:122:34",
            "warning[VPCE003 endpoint-not-available] testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json:148:22",
            "warning[SG001 endpoint-open-to-world] testdata/demo/210987654321/us-east-1/describe-security-groups.json:241:39",
            // The snippet of a policy finding is the decoded policy, named by its place in the file.
            "warning[POL001 wildcard-principal] testdata/demo/210987654321/us-east-1/describe-vpc-endpoints.json:129:193 (PolicyDocument of /VpcEndpoints/3, decoded)",
            "info[VPCE006 endpoint-service-ports-unknown] testdata/aiven/broken/aws/describe-vpc-endpoints.json:7:28",
            "info[VPCE006 endpoint-service-ports-unknown] testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json:147:28",
        ]
    );
    assert!(human.ends_with(
        "\nFound 16 findings (7 errors, 7 warnings, 2 infos) in 55 files, 150 resources.\n"
    ));
    // On a terminal the word keeps its severity's colour.
    let coloured = stdout(&vpclint(&["check", "--color", "always", "testdata/demo"]));
    assert!(
        coloured.starts_with("\u{1b}[31merror[PCX001 peering-cidr-overlap]:\u{1b}[0m VPC peering"),
        "{coloured}"
    );
    // The short format is for editors: it keeps file order.
    let short = stdout(&vpclint(&["check", "--format", "short", "testdata/demo"]));
    assert!(short.starts_with(
        "testdata/demo/123456789012/eu-west-1/describe-vpc-endpoints.json:75:26: warning[VPCE002"
    ));
}

/// Every finding shows one `help:`, and it is the fix: the places (of the file holding a
/// decoded policy, of related resources, the Terraform address) are on lines of their own.
#[test]
fn one_help_line_and_it_is_the_fix() {
    let inputs = [
        "testdata/demo",
        "testdata/examples",
        "testdata/aiven/broken",
        "testdata/terraform/defects",
        "testdata/rules/POL001/fail_private_api_policy.json",
        "testdata/rules/POL003/fail_bad_json.json",
    ];
    let mut args = vec!["check"];
    args.extend(inputs);
    let human = stdout(&vpclint(&args));
    args.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&vpclint(&args))).unwrap();
    let mut fixes: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("  help: {}", f["help"].as_str().unwrap()))
        .collect();
    let blocks: Vec<&str> = human
        .split("\n\n")
        .filter(|b| b.contains("  help: "))
        .collect();
    assert_eq!(blocks.len(), fixes.len());
    for b in &blocks {
        assert_eq!(b.matches("help:").count(), 1, "{b}");
    }
    let mut helps: Vec<String> = human
        .lines()
        .filter(|l| l.starts_with("  help: "))
        .map(str::to_owned)
        .collect();
    helps.sort();
    fixes.sort();
    assert_eq!(helps, fixes);
    assert!(human.contains(
        "  help: Enable private DNS: set `private_dns_enabled = true` on `aws_vpc_endpoint.ssm[0]` (the VPC `module.net[\"main\"].aws_vpc.this` needs enableDnsSupport and enableDnsHostnames); or point clients at the endpoint's own DNS names\n  terraform: vpc-endpoint `aws_vpc_endpoint.ssm[0]`\n\n"
    ));
}

/// Headings and the findings under them: `(severity[CODE name]` lines, headings as they are.
fn grouped(human: &str) -> Vec<String> {
    human
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty() && !l.starts_with("Found "))
        .map(|l| match l.split_once("]: ") {
            Some((header, _)) => format!("  {header}]"),
            None => l.to_owned(),
        })
        .collect()
}

#[test]
fn group_by_vpc() {
    let out = vpclint(&[
        "check",
        "--group-by",
        "vpc",
        "testdata/demo",
        "testdata/aiven/broken",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        grouped(&stdout(&out)),
        [
            "VPC vpc-31b7ee5e725454949: 1 error, 3 warnings",
            // The peering is its requester's.
            "  error[PCX001 peering-cidr-overlap]",
            "  warning[VPCE002 single-az-endpoint]",
            "  warning[DNS001 private-dns-disabled]",
            "  warning[VPCE003 endpoint-not-available]",
            "VPC vpc-a5656ee24d39fa8b1: 2 errors, 2 warnings",
            "  error[VPCE001 endpoint-port-blocked]",
            "  error[DNS003 private-dns-conflict]",
            "  warning[SG001 endpoint-open-to-world]",
            "  warning[POL001 wildcard-principal]",
            "VPC vpc-be4b9d9db6ea1f629: 1 error",
            "  error[DNS002 vpc-dns-attributes-disabled]",
            // Endpoint services of other accounts belong to no VPC of the input.
            "(no VPC): 3 errors, 2 warnings, 2 infos",
            "  error[AIV001 aiven-privatelink-unsupported]",
            "  error[AIV002 aiven-privatelink-access-disabled]",
            "  error[AIV003 aiven-endpoint-service-mismatch]",
            "  warning[AIV005 aiven-principal-whole-account]",
            "  warning[AIV004 aiven-privatelink-not-active]",
            "  info[VPCE006 endpoint-service-ports-unknown]",
            "  info[VPCE006 endpoint-service-ports-unknown]",
        ]
    );
    assert!(stdout(&out).ends_with(
        "\nFound 16 findings (7 errors, 7 warnings, 2 infos) in 55 files, 150 resources.\n"
    ));
}

#[test]
fn group_by_account() {
    let out = vpclint(&[
        "check",
        "--group-by",
        "account",
        "testdata/demo",
        "testdata/aiven/broken",
    ]);
    assert_eq!(
        grouped(&stdout(&out)),
        [
            "account 123456789012, eu-west-1: 1 error, 3 warnings",
            "  error[PCX001 peering-cidr-overlap]",
            "  warning[VPCE002 single-az-endpoint]",
            "  warning[DNS001 private-dns-disabled]",
            "  warning[VPCE003 endpoint-not-available]",
            "account 210987654321, eu-west-1: 1 error",
            "  error[DNS002 vpc-dns-attributes-disabled]",
            "account 210987654321, us-east-1: 2 errors, 2 warnings",
            "  error[VPCE001 endpoint-port-blocked]",
            "  error[DNS003 private-dns-conflict]",
            "  warning[SG001 endpoint-open-to-world]",
            "  warning[POL001 wildcard-principal]",
            // The account of another account's endpoint service is not in the input.
            "(no account): 3 errors, 2 warnings, 2 infos",
            "  error[AIV001 aiven-privatelink-unsupported]",
            "  error[AIV002 aiven-privatelink-access-disabled]",
            "  error[AIV003 aiven-endpoint-service-mismatch]",
            "  warning[AIV005 aiven-principal-whole-account]",
            "  warning[AIV004 aiven-privatelink-not-active]",
            "  info[VPCE006 endpoint-service-ports-unknown]",
            "  info[VPCE006 endpoint-service-ports-unknown]",
        ]
    );
}

/// A rule's findings are counted by their own severities: raised by the configuration
/// (VPCE002 to error) or lower than the rule's default (SVC001's info on a service open to one
/// account's root);
/// the summary line counts the same way.
#[test]
fn statistics_by_the_findings_severities() {
    let dir = std::env::temp_dir().join(format!("vpclint-human-stats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("vpclint.toml"),
        "[severity]\nsingle-az-endpoint = \"error\"\n",
    )
    .unwrap();
    let root = common::root();
    let demo = root.join("testdata/demo");
    let aiven = root.join("testdata/aiven/broken");
    let examples = root.join("testdata/examples");
    let root_only = root.join("testdata/rules/SVC001/fail_account_root.json");
    let paths = [&demo, &aiven, &examples, &root_only].map(|p| p.to_str().unwrap().to_owned());
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--select", "VPCE001,VPCE002,SVC001"];
        args.extend(extra);
        args.extend(paths.iter().map(String::as_str));
        stdout(&vpclint_in(&dir, &args))
    };
    assert_eq!(
        run(&["--statistics"]),
        "    2  VPCE001  endpoint-port-blocked             2 error
    2  VPCE002  single-az-endpoint                2 error
    1  SVC001   endpoint-service-open-principals  1 info
Found 5 findings (4 errors, 0 warnings, 1 info) in 161 files, 404 resources.
"
    );
    assert!(run(&[]).ends_with(
        "\nFound 5 findings (4 errors, 0 warnings, 1 info) in 161 files, 404 resources.\n"
    ));
}
