//! `vpclint reach`: verdicts, the hop-by-hop path, what blocks, exit codes and bad arguments.

use crate::common;

use common::{stderr, stdout, vpclint};

fn reach(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["reach"];
    all.extend_from_slice(args);
    let o = vpclint(&all);
    (o.status.code().unwrap(), stdout(&o), stderr(&o))
}

#[test]
fn reachable_in_one_vpc() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-c",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/pass_sg_admits_443.json",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("REACHABLE: TCP 443 from `subnet-c` to `vpce-1`"),
        "{out}"
    );
    assert!(
        out.contains("allows TCP 443 from 10.0.3.0/24 — `sg-e` rule (TCP 443 from 10.0.0.0/16)"),
        "{out}"
    );
    assert!(
        out.contains("route 10.0.0.0/16 → local in `rtb-a`"),
        "{out}"
    );
}

#[test]
fn reachable_over_a_peering() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-p1",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/pass_peered_with_routes.json",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("peering `pcx-1` is active"), "{out}");
}

#[test]
fn blocked_by_the_security_group() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-b",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/fail_one_subnet_of_three.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.starts_with("BLOCKED: TCP 443 from `subnet-b`"), "{out}");
    assert!(out.contains("security groups `sg-e` of the target, inbound: drops TCP 443 from 10.0.2.0/24 (no rule of `sg-e` admits it) at testdata/rules/VPCE001/fail_one_subnet_of_three.json:51:24\n     fix: Allow TCP 443 from the clients on the endpoint's security group: `aws ec2 authorize-security-group-ingress --group-id sg-e --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.2.0/23}]'`\n"), "{out}");
    // The second zone ends the same way: named, not repeated.
    assert!(
        out.ends_with("  the same (blocked) for 1 more: `eni-e2` in `subnet-b` (eu-west-1b)\n"),
        "{out}"
    );
    assert_eq!(out.matches("blocked by:").count(), 1, "{out}");
}

#[test]
fn blocked_by_a_nacl_entry() {
    let (code, out, _) = reach(&[
        "--from",
        "10.0.3.7",
        "--to",
        "vpce-1",
        "--port",
        "443",
        "testdata/rules/NET001/fail_inbound_443_denied.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("`10.0.3.7/32` (in `subnet-c`)"), "{out}");
    assert!(out.contains("NACL `acl-e` of `subnet-a`, inbound (request): drops TCP 443 from 10.0.3.7/32 (entry #90 (deny))"), "{out}");
}

#[test]
fn blocked_by_the_final_deny_on_the_return_path() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-c",
        "--to",
        "vpce-1",
        "testdata/rules/NET001/fail_return_ephemeral_denied.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("NACL `acl-c` of `subnet-c`, inbound (return): drops TCP 1024-65535 from 10.0.1.10/32 (the final `*` deny: no entry matches)"), "{out}");
}

#[test]
fn blocked_by_a_missing_route_and_by_client_egress() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-p2",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/fail_peered_without_route.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("route table `rtb-b` of `subnet-p2` (request): drops all traffic to 10.0.1.10/32 (no route in `rtb-b` covers 10.0.1.10/32)"), "{out}");
    let (code, out, _) = reach(&[
        "--from",
        "sg-app",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/fail_client_group_egress.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("security groups `sg-app` of the source, outbound: drops TCP 443 to 10.0.1.10/32 (no rule of `sg-app` admits it)"), "{out}");
}

#[test]
fn blocked_by_a_route_through_another_peering_or_an_overlap() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-p1",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/fail_peered_route_through_other_peering.json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("   - route table `rtb-b` of `subnet-p1` (request): drops all traffic to 10.0.1.10/32 (route 10.0.0.0/16 → `pcx-2` in `rtb-b`, not to the target (`pcx-2` joins `vpc-b` and `vpc-c` only: peering is not transitive))"), "{out}");
    let (code, out, _) = reach(&[
        "--from",
        "subnet-p1",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/fail_peered_overlapping_cidr.json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("route 10.0.0.0/16 → local in `rtb-b`, not to the target (the block is also this VPC's own, so the traffic stays in it)"), "{out}");
}

#[test]
fn undetermined_with_a_prefix_list() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-c",
        "--to",
        "vpce-1",
        "testdata/rules/VPCE001/pass_prefix_list_unknown.json",
    ]);
    assert_eq!(code, 1);
    assert!(out.starts_with("UNDETERMINED"), "{out}");
    assert!(
        out.contains("names prefix list `pl-0123`, whose entries are not in the input"),
        "{out}"
    );
}

#[test]
fn json_output() {
    let (code, out, _) = reach(&[
        "--from",
        "subnet-b",
        "--to",
        "eni-e1",
        "--port",
        "443",
        "--format",
        "json",
        "testdata/rules/VPCE001/fail_one_subnet_of_three.json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "blocked");
    assert_eq!(v["paths"].as_array().unwrap().len(), 1);
    assert_eq!(v["paths"][0]["interface"], "eni-e1");
    assert_eq!(
        v["paths"][0]["blocked_by"][0]["packets"],
        "TCP 443 from 10.0.2.0/24"
    );
    assert_eq!(v["paths"][0]["delivered"], serde_json::Value::Null);
}

/// Hops are data: the component and the reason by kind and ids, and the place of the entry.
#[test]
fn json_hops_are_typed_and_located() {
    let (code, out, _) = reach(&[
        "--from",
        "10.0.3.7",
        "--to",
        "vpce-1",
        "--port",
        "443",
        "--format",
        "json",
        "testdata/rules/NET001/fail_inbound_443_denied.json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let dropped: Vec<(&serde_json::Value, &serde_json::Value)> = v["paths"][0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| {
            h["verdicts"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |x| (&h["component"], x))
        })
        .filter(|(_, x)| x["outcome"] == "dropped")
        .collect();
    assert_eq!(dropped.len(), 1);
    let (component, verdict) = dropped[0];
    assert_eq!(
        *component,
        serde_json::json!({"kind": "network-acl", "id": "acl-e", "subnet": "subnet-a", "direction": "inbound", "leg": "request"})
    );
    assert_eq!(
        verdict["reason"],
        serde_json::json!({"kind": "nacl-entry", "nacl": "acl-e", "entry": 0, "rule_number": 90, "action": "deny"})
    );
    assert_eq!(
        verdict["place"],
        serde_json::json!({"file": "testdata/rules/NET001/fail_inbound_443_denied.json", "line": 129, "column": 9, "end_line": 139, "end_column": 10, "pointer": "/NetworkAcls/1/Entries/0"})
    );
    assert_eq!(verdict["text"], "entry #90 (deny)");
    // The blocking hop carries the fix `check` gives for it.
    assert_eq!(
        v["paths"][0]["blocked_by"][0]["fix"],
        "Allow this traffic ahead of entry #90: `aws ec2 create-network-acl-entry --network-acl-id acl-e --ingress --rule-number 89 --protocol tcp --port-range From=443,To=443 --cidr-block 10.0.3.0/24 --rule-action allow`"
    );
}

/// A name: the spoke's resolution through the shared zone's alias, then the path over the
/// peering to the hub endpoint.
#[test]
fn a_name_through_a_shared_zone_to_the_hub_endpoint() {
    let dir = "testdata/examples/dns-01-hub-endpoints-healthy";
    let (code, out, _) = reach(&[
        "--from",
        "subnet-ca71d719d1f77131d",
        "--to",
        "sqs.eu-west-1.amazonaws.com",
        dir,
    ]);
    assert_eq!(code, 0, "{out}");
    let head: Vec<&str> = out.lines().take(5).collect();
    assert_eq!(
        head,
        [
            "REACHABLE: TCP 443 from `subnet-ca71d719d1f77131d` to `sqs.eu-west-1.amazonaws.com` → `vpce-886a4bb63f3a4c6dc` (`com.amazonaws.eu-west-1.sqs`)",
            "",
            "How `vpc-9e3582dc841b4e262` resolves `sqs.eu-west-1.amazonaws.com`:",
            &format!("  1. private hosted zone `X5TG7NO1NZYPD1BNO9O3KG` (`sqs.eu-west-1.amazonaws.com`) is associated with `vpc-9e3582dc841b4e262` at {dir}/route53/X5TG7NO1NZYPD1BNO9O3KG/get-hosted-zone.json:17:9"),
            &format!("  2. record `sqs.eu-west-1.amazonaws.com` A is an alias to `vpce-886a4bb63f3a4c6dc-c1a80449.com.amazonaws.eu-west-1.sqs`, a DNS name of endpoint `vpce-886a4bb63f3a4c6dc` at {dir}/route53/X5TG7NO1NZYPD1BNO9O3KG/list-resource-record-sets.json:8:28"),
        ]
    );
    assert!(
        out.contains("3. peering `pcx-1b1ef4cd66dd5a8c9`\n     allows all traffic to 10.50.240.0/24 — peering `pcx-1b1ef4cd66dd5a8c9` is active"),
        "{out}"
    );
}

/// A spoke whose name resolves publicly: the hub endpoint's private DNS stays in the hub, and
/// `reach` says so instead of tracing a path that clients never take.
#[test]
fn a_name_that_resolves_publicly_names_the_endpoint_it_misses() {
    let dir = "testdata/rules/DNS004/fail_spokes_resolve_publicly";
    let (code, out, _) = reach(&[
        "--from",
        "subnet-orders-a",
        "--to",
        "SQS.eu-west-1.amazonaws.com.",
        dir,
    ]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "UNDETERMINED: from `subnet-orders-a` to `sqs.eu-west-1.amazonaws.com`: public DNS answers, not an endpoint (public paths are not traced)\n\
             \n\
             How `vpc-orders` resolves `sqs.eu-west-1.amazonaws.com`:\n  \
             1. no Resolver rule, private hosted zone or endpoint private DNS of `vpc-orders` claims `sqs.eu-west-1.amazonaws.com`: public DNS answers at {dir}/describe-vpcs.json:25:9\n  \
             2. interface endpoint `vpce-0a1b2c3d4e5f60718` in `vpc-hub` has private DNS on for `sqs.eu-west-1.amazonaws.com`, which answers only inside `vpc-hub`: not over peering, transit gateway or VPN at {dir}/describe-vpc-endpoints.json:18:34\n"
        )
    );
    // In the hub itself the endpoint's private DNS answers, and the path is traced.
    let (code, out, _) = reach(&[
        "--from",
        "subnet-hub-a",
        "--to",
        "sqs.eu-west-1.amazonaws.com",
        "--format",
        "json",
        dir,
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["to"], "sqs.eu-west-1.amazonaws.com");
    assert_eq!(v["verdict"], "reachable");
    assert_eq!(v["resolution"]["answer"], "endpoint");
    assert_eq!(v["resolution"]["endpoint"], "vpce-0a1b2c3d4e5f60718");
    assert_eq!(v["resolution"]["vpc"], "vpc-hub");
    assert_eq!(
        v["resolution"]["steps"][0]["place"],
        serde_json::json!({"file": format!("{dir}/describe-vpc-endpoints.json"), "line": 18, "column": 34, "end_line": 18, "end_column": 38, "pointer": "/VpcEndpoints/0/PrivateDnsEnabled"})
    );
    assert_eq!(v["paths"].as_array().unwrap().len(), 1);
}

/// A plan: subnets and endpoints by their Terraform addresses (dotted like names), and a name
/// that the planned zone's alias leads to the planned endpoint.
#[test]
fn a_plan_by_addresses_and_by_name() {
    let plan = "testdata/terraform/dns-healthy/plan.json";
    let (code, out, _) = reach(&[
        "--from",
        "aws_subnet.spoke_a",
        "--to",
        "aws_vpc_endpoint.sqs",
        plan,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("REACHABLE: TCP 443 from `aws_subnet.spoke_a` to `aws_vpc_endpoint.sqs` (`com.amazonaws.eu-west-1.sqs`)\n\n`aws_subnet.spoke_a`"),
        "{out}"
    );
    let (code, out, _) = reach(&[
        "--from",
        "aws_subnet.spoke_a",
        "--to",
        "sqs.eu-west-1.amazonaws.com",
        plan,
    ]);
    assert_eq!(code, 0, "{out}");
    let head: Vec<&str> = out.lines().take(5).collect();
    assert_eq!(
        head,
        [
            "REACHABLE: TCP 443 from `aws_subnet.spoke_a` to `sqs.eu-west-1.amazonaws.com` → `aws_vpc_endpoint.sqs` (`com.amazonaws.eu-west-1.sqs`)",
            "",
            "How `aws_vpc.spoke_a` resolves `sqs.eu-west-1.amazonaws.com`:",
            &format!("  1. private hosted zone `aws_route53_zone.sqs` (`sqs.eu-west-1.amazonaws.com`) is associated with `aws_vpc.spoke_a` at {plan}:1:3876"),
            &format!("  2. record `sqs.eu-west-1.amazonaws.com` A is an alias to `(known after apply: aws_vpc_endpoint.sqs.dns_entry)`, a DNS name of endpoint `aws_vpc_endpoint.sqs` at {plan}:1:35485"),
        ]
    );
}

/// S3 through a gateway endpoint: the subnet whose route table the endpoint is not on is
/// blocked, with the route table and the fix; a covered subnet is reachable by its route.
#[test]
fn s3_through_a_gateway_endpoint_by_route() {
    let dir = "testdata/examples/dns-08-gateway-route-missing";
    let (code, out, _) = reach(&[
        "--from",
        "subnet-8445b3e0e3515ee2b",
        "--to",
        "s3.eu-west-1.amazonaws.com",
        dir,
    ]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "BLOCKED: from `subnet-8445b3e0e3515ee2b` to `s3.eu-west-1.amazonaws.com` → gateway endpoint `vpce-cd09ee6c69fe07cfe` (`com.amazonaws.eu-west-1.s3`)\n\
             \n\
             How `vpc-9a09af994b7d271c8` resolves `s3.eu-west-1.amazonaws.com`:\n  \
             1. no Resolver rule, private hosted zone or endpoint private DNS of `vpc-9a09af994b7d271c8` claims `s3.eu-west-1.amazonaws.com`: public DNS answers at {dir}/describe-vpcs.json:23:9\n\
             \n\
             `subnet-8445b3e0e3515ee2b` → gateway endpoint `vpce-cd09ee6c69fe07cfe` (`com.amazonaws.eu-west-1.s3`): BLOCKED\n  \
             1. route table `rtb-f5b223c61e1c10a4c` of `subnet-8445b3e0e3515ee2b`\n     \
             DROPS traffic to com.amazonaws.eu-west-1.s3 — no route in `rtb-f5b223c61e1c10a4c` sends the service's prefix list to gateway endpoint `vpce-cd09ee6c69fe07cfe`; it has no default route either, so the traffic goes nowhere at {dir}/describe-route-tables.json:136:23\n  \
             fix: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-cd09ee6c69fe07cfe --add-route-table-ids rtb-f5b223c61e1c10a4c`\n"
        )
    );
    let (code, out, _) = reach(&[
        "--from",
        "subnet-eded0391be79e28d3",
        "--to",
        "vpce-cd09ee6c69fe07cfe",
        dir,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("REACHABLE: from `subnet-eded0391be79e28d3` to gateway endpoint `vpce-cd09ee6c69fe07cfe` (`com.amazonaws.eu-west-1.s3`)\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!("allows traffic to com.amazonaws.eu-west-1.s3 — route pl-6746bc3067ff118f9 → `vpce-cd09ee6c69fe07cfe` in `rtb-204c0c34d36214752` at {dir}/describe-route-tables.json:71:17\n")),
        "{out}"
    );
    // A subnet of another VPC: gateway endpoints serve their own VPC only.
    let (code, out, _) = reach(&[
        "--from",
        "subnet-3f6949fbd0290689b",
        "--to",
        "vpce-cd09ee6c69fe07cfe",
        "--format",
        "json",
        dir,
    ]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "blocked");
    assert_eq!(
        v["gateway"]["paths"][0]["route_table"],
        "rtb-b215be25c4a9cf342"
    );
    assert_eq!(v["gateway"]["paths"][0]["place"], serde_json::Value::Null);
    assert_eq!(
        v["gateway"]["paths"][0]["text"],
        "`subnet-3f6949fbd0290689b` is in another VPC than gateway endpoint `vpce-cd09ee6c69fe07cfe`, which serves its own VPC only (not over peering, transit gateway or VPN)"
    );
}

/// A private zone of the name without a record: NXDOMAIN blocks before any packet is sent.
#[test]
fn a_name_a_zone_claims_without_a_record_is_blocked() {
    let dir = "testdata/rules/DNS007/fail_empty_zone_in_endpoint_vpc";
    let (code, out, _) = reach(&[
        "--from",
        "subnet-hub-a",
        "--to",
        "sqs.eu-west-1.amazonaws.com",
        "--format",
        "json",
        dir,
    ]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "blocked");
    assert_eq!(v["resolution"]["answer"], "nxdomain");
    assert_eq!(v["resolution"]["endpoint"], serde_json::Value::Null);
    assert_eq!(v["paths"], serde_json::json!([]));
    assert_eq!(v["ports"], serde_json::Value::Null);
    assert_eq!(
        v["resolution"]["steps"][1]["text"],
        "zone `Z0EMPTY0000000000000001` holds no A, AAAA or CNAME record for `sqs.eu-west-1.amazonaws.com`: NXDOMAIN, with no fallback to public DNS"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let file = "testdata/rules/VPCE001/pass_sg_admits_443.json";
    for (args, want) in [
        (
            vec!["--from", "subnet-zz", "--to", "vpce-1", file],
            "subnet `subnet-zz` is not in the input",
        ),
        (
            vec!["--from", "subnet-a", "--to", "vpce-zz", file],
            "VPC endpoint `vpce-zz` is not in the input",
        ),
        (
            vec!["--from", "nonsense", "--to", "vpce-1", file],
            "`nonsense` is not a subnet, network interface, security group or CIDR block",
        ),
        (
            vec!["--from", "subnet-a", "--to", "subnet-b", file],
            "is not an interface endpoint (`vpce-…`), a network interface (`eni-…`) or a DNS name",
        ),
        (
            vec![
                "--from", "subnet-a", "--to", "vpce-1", "--ports", "443-80", file,
            ],
            "invalid --ports `443-80`",
        ),
        (
            vec![
                "--from",
                "subnet-a",
                "--to",
                "eni-app1",
                "testdata/rules/VPCE001/pass_group_reference.json",
            ],
            "the ports of `eni-app1` are unknown",
        ),
        (
            vec![
                "--from", "subnet-a", "--to", "vpce-1", "--port", "443", "--ports", "1-2", file,
            ],
            "cannot be used with",
        ),
        (
            vec!["--from", "192.168.7.0/24", "--to", "sqs.eu-west-1.amazonaws.com", file],
            "`192.168.7.0/24` lies in no subnet of the input, so which VPC's resolver answers it is unknown",
        ),
        (
            vec![
                "--from",
                "subnet-a",
                "--to",
                "vpce-1",
                "testdata/bad/malformed.json",
            ],
            "malformed.json",
        ),
    ] {
        let (code, out, err) = reach(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            out.contains(want) || err.contains(want),
            "{args:?}: {out}{err}"
        );
    }
}

/// Through a transit gateway: each direction routed by the table of the attachment it enters
/// through, hop by hop; the broken twin stops at the gateway, located in the table's routes,
/// with the fix `check` gives.
#[test]
fn a_name_through_a_transit_gateway() {
    let args = |dir: &'static str| {
        [
            "--from",
            "subnet-payments-a",
            "--to",
            "sqs.eu-west-1.amazonaws.com",
            dir,
        ]
    };
    let (code, out, _) = reach(&args("testdata/rules/DNS006/pass_transit_gateway_routed"));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("REACHABLE: TCP 443 from `subnet-payments-a` to `sqs.eu-west-1.amazonaws.com` → `vpce-0a1b2c3d4e5f60718`"), "{out}");
    assert!(
        out.contains("  3. transit gateway `tgw-0a1b2c3d4e5f60001` (request)\n     allows all traffic to 10.50.1.10/32 — propagated route 10.50.0.0/16 → `tgw-attach-0a1b2c3d4e5f6000a` (vpc-hub) in `tgw-rtb-0a1b2c3d4e5f60001`"),
        "{out}"
    );
    assert!(
        out.contains("  8. transit gateway `tgw-0a1b2c3d4e5f60001` (return)\n     allows all traffic to 10.61.1.0/24 — propagated route 10.61.0.0/16 → `tgw-attach-0a1b2c3d4e5f6000c` (vpc-payments) in `tgw-rtb-0a1b2c3d4e5f60001`"),
        "{out}"
    );

    let dir = "testdata/rules/DNS006/fail_transit_gateway_without_propagation";
    let (code, out, _) = reach(&args(dir));
    assert_eq!(code, 1, "{out}");
    let tail: Vec<&str> = out
        .lines()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert_eq!(
        tail,
        [
            "  blocked by:",
            &format!("   - transit gateway `tgw-0a1b2c3d4e5f60001` (return): drops all traffic to 10.61.1.0/24 (no route in `tgw-rtb-0a1b2c3d4e5f60001` covers 10.61.1.0/24) at {dir}/tgw-rtb-0a1b2c3d4e5f60001/search-transit-gateway-routes.json:2:15"),
            "     fix: Propagate the far VPC's attachment to the table: `aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id tgw-rtb-0a1b2c3d4e5f60001 --transit-gateway-attachment-id tgw-attach-0a1b2c3d4e5f6000c`, or add a static route: `aws ec2 create-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-0a1b2c3d4e5f60001 --destination-cidr-block 10.61.0.0/16 --transit-gateway-attachment-id tgw-attach-0a1b2c3d4e5f6000c`",
        ]
    );
}
