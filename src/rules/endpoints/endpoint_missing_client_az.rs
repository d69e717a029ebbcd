//! VPCE005 `endpoint-missing-client-az`.

use std::collections::BTreeSet;

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, Subnet};
use crate::net::{ClientAccess, EndpointAccess, Network};
use crate::rules::connectivity::{client_name, list};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Clients of a multi-AZ endpoint that can use only its interface in one other zone
    ///
    /// ## What it does
    /// For interface endpoints with interfaces in two or more Availability Zones, reports the clients
    /// (see `endpoint-port-blocked`) that can reach the service through the interfaces of exactly one
    /// zone, which is not their own, while the other interfaces are cut off from them (by a NACL or a
    /// route). Zones are compared by zone id when the input has it, so clients in other accounts are
    /// placed correctly.
    ///
    /// An endpoint whose interfaces are all in one zone is `single-az-endpoint`'s finding and is not
    /// reported again here. Clients in a zone without an interface that still reach interfaces in two
    /// other zones are not reported: they survive the loss of any one zone.
    ///
    /// ## Why is this bad?
    /// Such clients depend on a zone they do not live in: if it is impaired, they lose the service
    /// although the endpoint is still up in their own zone and others, and every request pays cross-AZ
    /// data transfer.
    ///
    /// ## Example
    /// An endpoint in `subnet-a` (eu-west-1a) and `subnet-b` (eu-west-1b); the NACL of `subnet-b` denies
    /// inbound TCP 443 from `subnet-c` (eu-west-1c): `subnet-c` reaches only the interface in eu-west-1a.
    ///
    /// Use instead: let the clients reach the interfaces in every zone (fix the NACL), or add an
    /// interface in their zone:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --add-subnet-ids subnet-c
    /// ```
    ///
    /// ## References
    /// - [Availability Zones for interface endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html)
    /// - [AWS Well-Architected, REL10: Use fault isolation to protect your workload](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html)
    VPCE005 "endpoint-missing-client-az" {
        category: Resilience,
        severity: Warning,
        input: Access,
        check: check,
    }
}

/// A zone as comparable across accounts: the zone id when known, else the name.
fn zone(s: &Subnet) -> &str {
    s.az_id.as_deref().unwrap_or(&s.az)
}

fn check(cx: &Context<'_>, _network: &Network<'_>, access: &[EndpointAccess<'_>]) -> Vec<Finding> {
    access.iter().filter_map(|ea| finding(cx, ea)).collect()
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
    let mut add = Vec::new();
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
            add.push(refs::subnet(s));
        }
    }
    let help = if add.is_empty() {
        Remedy::say("Let the clients reach the endpoint's interfaces in their own zones: see this endpoint's nacl-blocks-endpoint and endpoint-port-blocked findings")
    } else {
        Remedy::say("Add an interface in the clients' zones: ").then(Action::EndpointSubnets {
            endpoint: refs::endpoint(ep),
            add,
        })
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
            .remedy(help)
            .related(
                refs::subnet(only),
                Some(Spot::value(&only.origin)),
                "the only reachable interface's subnet",
            ),
    )
}
