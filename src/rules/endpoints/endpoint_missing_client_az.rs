//! VPCE005 `endpoint-missing-client-az`.

use std::collections::BTreeSet;

use crate::finding::{Finding, Severity, Spot};
use crate::model::{is_unknown, Subnet};
use crate::net::{ClientAccess, EndpointAccess};
use crate::rules::connectivity::{client_name, list};
use crate::rules::{refs, Category, Context, RuleDef};

/// Clients of a multi-AZ interface endpoint that can use only its interface in one other zone.
pub static RULE: RuleDef = RuleDef {
    code: "VPCE005",
    name: "endpoint-missing-client-az",
    category: Category::Resilience,
    severity: Severity::Warning,
    doc: include_str!("../../../rules/VPCE005-endpoint-missing-client-az.md"),
    check,
};

/// A zone as comparable across accounts: the zone id when known, else the name.
fn zone(s: &Subnet) -> &str {
    s.az_id.as_deref().unwrap_or(&s.az)
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    cx.access.iter().filter_map(|ea| finding(cx, ea)).collect()
}

fn finding(cx: &Context<'_>, ea: &EndpointAccess<'_>) -> Option<Finding> {
    let ep = ea.endpoint;
    let zones: BTreeSet<&str> = ea
        .clients
        .first()
        .map(|c| c.interfaces.iter().map(|i| zone(i.subnet)).collect())
        .unwrap_or_default();
    // An endpoint in a single zone is single-az-endpoint's finding; one whose zones are known
    // only after apply (a planned subnet) may end up in any of them.
    if zones.len() < 2 || zones.iter().any(|z| is_unknown(z)) {
        return None;
    }
    let mut hit: Vec<(&ClientAccess<'_>, &Subnet, &Subnet)> = Vec::new();
    for c in &ea.clients {
        // Reaching every interface is reaching the two zones or more of the endpoint.
        if c.interfaces.iter().all(|i| i.reachable) {
            continue;
        }
        let Some(home) = c.client.subnet.filter(|s| !is_unknown(zone(s))) else {
            continue;
        };
        let reached: Vec<&Subnet> = c
            .interfaces
            .iter()
            .filter(|i| i.reachable)
            .map(|i| i.subnet)
            .collect();
        let reached_zones: BTreeSet<&str> = reached.iter().map(|s| zone(s)).collect();
        // Unreachable clients are the other rules' findings; one zone that is not the
        // client's own is a dependence on a zone the client does not live in.
        if reached_zones.len() == 1 && !reached_zones.contains(&zone(home)) {
            if let Some(only) = reached.first() {
                hit.push((c, home, only));
            }
        }
    }
    let (_, _, only) = hit.first()?;
    let entries: Vec<String> = hit
        .iter()
        .map(|(c, home, _)| format!("{} ({})", client_name(c), home.az))
        .collect();
    let message = format!(
        "Clients of interface endpoint {} reach it only through its interface in `{}` (`{}`), outside their own zone: {}",
        refs::describe(ep),
        only.az,
        only.id,
        list(&entries, 6)
    );
    // The unused subnets of the endpoint's VPC in the clients' zones, one per zone.
    let mut add: Vec<String> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (_, home, _) in &hit {
        let z = zone(home);
        if zones.contains(&z) || !seen.insert(z) {
            continue;
        }
        if let Some(s) = cx
            .estate
            .subnets_of(&ep.vpc_id)
            .find(|s| zone(s) == z && !ep.subnet_ids.contains(&s.id))
        {
            add.push(s.id.to_string());
        }
    }
    let help = if add.is_empty() {
        "Let the clients reach the endpoint's interfaces in their own zones: see this endpoint's nacl-blocks-endpoint and endpoint-port-blocked findings".to_owned()
    } else {
        format!(
            "Add an interface in the clients' zones: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-subnet-ids {}`",
            ep.id,
            add.join(" ")
        )
    };
    Some(
        Finding::new(&RULE, refs::endpoint(ep), message)
            .at(
                Spot::member(&ep.origin, "SubnetIds"),
                format!(
                    "only the interface in {} is reachable from these clients",
                    only.az
                ),
            )
            .help(help)
            .related(
                refs::subnet(only),
                Some(Spot::value(&only.origin)),
                "the only reachable interface's subnet",
            ),
    )
}
