//! DNS003 `private-dns-conflict`.

use std::collections::BTreeMap;

use crate::finding::{Finding, Severity, Spot};
use crate::model::{VpcEndpoint, VpcId};
use crate::rules::{refs, Category, Context, RuleDef};

/// Two interface endpoints of one service in one VPC, both with private DNS.
pub static RULE: RuleDef = RuleDef {
    code: "DNS003",
    name: "private-dns-conflict",
    category: Category::Correctness,
    severity: Severity::Error,
    doc: include_str!("../../../rules/DNS003-private-dns-conflict.md"),
    check,
};

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let mut groups: BTreeMap<(&VpcId, &str), Vec<&VpcEndpoint>> = BTreeMap::new();
    for ep in cx.estate.endpoints.values() {
        if ep.private_dns_on() && !refs::is_gone(&ep.state) {
            groups
                .entry((&ep.vpc_id, ep.service_name.as_str()))
                .or_default()
                .push(ep);
        }
    }
    let mut out = Vec::new();
    for ((vpc, service), eps) in groups {
        // Endpoints come in id order; the first keeps the name, every later one is reported.
        let Some((first, rest)) = eps.split_first() else {
            continue;
        };
        for ep in rest {
            let message = format!(
                "Interface endpoints `{}` and `{}` both enable private DNS for `{service}` in VPC `{vpc}`: only one private hosted zone can serve the name, so AWS refuses or shadows one of them",
                first.id, ep.id
            );
            let help = match ep.origin.address() {
                Some(address) => format!(
                    "Keep one endpoint per service and VPC: remove `{address}` from the configuration, or set `private_dns_enabled = false` on it"
                ),
                None => format!(
                    "Keep one endpoint per service and VPC: `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids {}`, or turn its private DNS off: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --no-private-dns-enabled`",
                    ep.id, ep.id
                ),
            };
            out.push(
                Finding::new(&RULE, refs::endpoint(ep), message)
                    .at(
                        Spot::member(&ep.origin, "PrivateDnsEnabled"),
                        "second private DNS for the service",
                    )
                    .help(help)
                    .related(
                        refs::endpoint(first),
                        Some(Spot::member(&first.origin, "PrivateDnsEnabled")),
                        "first endpoint with private DNS for the service",
                    ),
            );
        }
    }
    out
}
