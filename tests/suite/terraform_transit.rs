//! Transit gateways from a real plan (issue 17): `testdata/terraform/transit/` is the hub and
//! spokes behind one gateway with a spoke whose attachment does not propagate (DNS006) and a
//! spoke outside the shared zone (DNS004); `transit-healthy/` is the pattern done right.

use vpclint::report::Report;

use crate::common;
use crate::terraform::{check_plan, loaded};

/// The plan of `dir`, with the rules that trace clients through a transit gateway.
fn check(dir: &str) -> Report {
    check_plan(dir, &["DNS004", "DNS006", "VPCE001", "NET001"])
}

#[test]
fn the_plan_fills_the_transit_model() {
    let l = loaded(&["testdata/terraform/transit/plan.json"]);
    let e = &l.estate;
    let default =
        "(known after apply: aws_ec2_transit_gateway.core.association_default_route_table_id)";
    // The gateway's default table, which AWS creates, stands under its unknown id.
    assert_eq!(
        e.tgw_route_tables[default].tgw_id.as_str(),
        "aws_ec2_transit_gateway.core"
    );
    // Every attachment keeps the default association; spoke_b does not propagate.
    for a in ["hub", "spoke_a", "spoke_b", "spoke_c"] {
        let id = format!("aws_ec2_transit_gateway_vpc_attachment.{a}");
        assert_eq!(e.tgw_attachments[&id].association.as_deref(), Some(default));
        assert_eq!(e.tgw_attachments[&id].resource_id, format!("aws_vpc.{a}"));
    }
    let propagating: Vec<&str> = e.tgw_propagations[default]
        .links
        .iter()
        .map(|l| l.resource_id.as_str())
        .collect();
    assert_eq!(
        propagating,
        ["aws_vpc.hub", "aws_vpc.spoke_a", "aws_vpc.spoke_c"]
    );
    // The static blackhole route, written against the gateway's attribute.
    let routes = &e.tgw_routes[default].routes;
    assert_eq!(routes.len(), 1);
    assert!(routes[0].is_blackhole());
    assert_eq!(routes[0].destination.unwrap().to_string(), "10.9.0.0/16");
    // VPC routes name the gateway.
    let spoke = &e.route_tables[&"aws_route_table.spoke_a".into()];
    assert_eq!(spoke.routes[0].target.id(), "aws_ec2_transit_gateway.core");
}

#[test]
fn defects_behind_the_gateway_are_found_from_the_plan() {
    let r = check("transit");
    let said: Vec<(&str, String, String)> = r
        .findings
        .iter()
        .map(|p| {
            (
                p.finding.rule.code,
                p.finding.resource.address.clone().unwrap_or_default(),
                p.finding.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                "DNS006",
                "aws_vpc.spoke_b".to_owned(),
                "VPC `aws_vpc.spoke_b` resolves `sqs.eu-west-1.amazonaws.com` to interface endpoint `aws_vpc_endpoint.sqs` (`com.amazonaws.eu-west-1.sqs`) through private hosted zone `aws_route53_zone.sqs`, but its subnet cannot reach it: `aws_subnet.spoke_b` (replies: no route in the default route table of `aws_ec2_transit_gateway.core` covers 10.2.1.0/24)".to_owned()
            ),
            (
                "DNS004",
                "aws_vpc.spoke_c".to_owned(),
                "VPC `aws_vpc.spoke_c` reaches interface endpoint `aws_vpc_endpoint.sqs` (`com.amazonaws.eu-west-1.sqs`) through transit gateway `aws_ec2_transit_gateway.core` and its security groups admit it, but resolves `sqs.eu-west-1.amazonaws.com` to public DNS: the endpoint's private DNS answers only inside `aws_vpc.hub`, and no private hosted zone or Resolver rule associated with `aws_vpc.spoke_c` carries the name".to_owned()
            ),
        ]
    );
    let fix = vpclint::report::fix::render(&r.findings[0].finding.remedy);
    assert_eq!(
        fix,
        "Propagate the far VPC's attachment to the table: set `transit_gateway_default_route_table_propagation = true` in `aws_ec2_transit_gateway_vpc_attachment.spoke_b`, or add a static route: add an `aws_ec2_transit_gateway_route` with `destination_cidr_block = \"10.2.0.0/16\"`, `transit_gateway_route_table_id = aws_ec2_transit_gateway.core.association_default_route_table_id` and `transit_gateway_attachment_id = aws_ec2_transit_gateway_vpc_attachment.spoke_b.id`"
    );
}

#[test]
fn the_healthy_gateway_gives_no_finding() {
    let r = check("transit-healthy");
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.findings.is_empty(), "{}", common::render(&r));
}
