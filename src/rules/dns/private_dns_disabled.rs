//! DNS001 `private-dns-disabled`.

use crate::finding::{Finding, Severity, Spot};
use crate::model::{EndpointKind, Estate, VpcEndpoint};
use crate::rules::{refs, Category, Context, RuleDef};

/// Interface endpoint with private DNS off for a service that offers a private DNS name.
pub static RULE: RuleDef = RuleDef {
    code: "DNS001",
    name: "private-dns-disabled",
    category: Category::Correctness,
    severity: Severity::Warning,
    doc: include_str!("../../../rules/DNS001-private-dns-disabled.md"),
    check,
};

/// What the service offers: `Some(names)` when it has private DNS (names may be unknown, for an
/// AWS service without describe-vpc-endpoint-services data), `None` when it has none or we cannot tell.
fn private_dns_names(estate: &Estate, ep: &VpcEndpoint) -> Option<Vec<String>> {
    let service = ep.service_name.as_str();
    if let Some(s) = estate.service_for(ep) {
        return (!s.private_dns_names.is_empty()).then(|| s.private_dns_names.clone());
    }
    if let Some(c) = estate
        .service_configurations
        .values()
        .find(|c| c.service_name.as_deref() == Some(service))
    {
        return c.private_dns_name.clone().map(|n| vec![n]);
    }
    // Every AWS service reached through an interface endpoint offers private DNS; partner and
    // customer services (com.amazonaws.vpce.…) only when their details say so.
    let aws = service.starts_with("com.amazonaws.") && !service.starts_with("com.amazonaws.vpce.");
    aws.then(Vec::new)
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    estate
        .endpoints
        .values()
        .filter(|ep| {
            ep.kind == EndpointKind::Interface
                && ep.private_dns_enabled == Some(false)
                && !refs::is_gone(&ep.state)
        })
        .filter(|ep| !covered_elsewhere(estate, ep))
        .filter_map(|ep| {
            let names = private_dns_names(estate, ep)?;
            let name = match names.first() {
                Some(n) => format!("`{n}`"),
                None => "the service's default DNS name".into(),
            };
            let message = format!(
                "Interface endpoint {} has private DNS disabled: {name} does not resolve to this endpoint, so clients using it bypass the endpoint",
                refs::describe(ep)
            );
            let help = match ep.origin.address() {
                Some(address) => format!(
                    "Set `private_dns_enabled = true` on `{address}` (the VPC `{}` needs `enable_dns_support` and `enable_dns_hostnames`); or point clients at the endpoint's own DNS names",
                    ep.vpc_id
                ),
                None => format!(
                    "Enable private DNS: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --private-dns-enabled` (the VPC `{}` needs enableDnsSupport and enableDnsHostnames); or point clients at the endpoint's own DNS names",
                    ep.id, ep.vpc_id
                ),
            };
            Some(
                Finding::new(&RULE, refs::endpoint(ep), message)
                    .at(
                        Spot::member(&ep.origin, "PrivateDnsEnabled"),
                        "private DNS is off",
                    )
                    .help(help),
            )
        })
        .collect()
}

/// Private DNS off is deliberate when the name is already served in this VPC: another interface
/// endpoint of the same service has it on, or (for S3) a gateway endpoint carries the traffic.
fn covered_elsewhere(estate: &Estate, ep: &VpcEndpoint) -> bool {
    estate.endpoints_in(&ep.vpc_id).any(|other| {
        other.id != ep.id
            && other.service_name == ep.service_name
            && !refs::is_gone(&other.state)
            && (other.private_dns_on()
                || (other.kind == EndpointKind::Gateway && ep.service_name.ends_with(".s3")))
    })
}
