//! VPCE002 `single-az-endpoint`.

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, Estate, SubnetId, VpcEndpoint};
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Interface endpoint whose network interfaces are all in one Availability Zone
    ///
    /// ## What it does
    /// Checks every interface VPC endpoint that is not being deleted and reports the ones whose subnets
    /// (`SubnetIds`, one network interface each) are all in the same Availability Zone. The zone of a
    /// subnet comes from describe-subnets, or from the endpoint's network interface in that subnet when
    /// the subnet itself was not exported. With several subnets of which one cannot be placed, the rule
    /// says nothing rather than guess.
    ///
    /// Gateway endpoints have no network interfaces, and Gateway Load Balancer endpoints live in exactly
    /// one subnet by design, so neither is checked.
    ///
    /// ## Why is this bad?
    /// An interface endpoint is only as available as the zones it has interfaces in. If that zone is
    /// impaired, every client in every zone loses private access to the service, and with private DNS on
    /// the service's own name stops working too. Clients in other zones also pay cross-AZ data transfer
    /// on every request.
    ///
    /// ## Example
    /// ```json
    /// {"VpcEndpoints": [{"VpcEndpointId": "vpce-0a1", "VpcEndpointType": "Interface",
    ///   "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.sts", "State": "available",
    ///   "SubnetIds": ["subnet-a"]}]}
    /// ```
    ///
    /// Use instead: one subnet in each of at least two zones that your clients use:
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --add-subnet-ids subnet-b subnet-c
    /// ```
    /// The finding's help names unused subnets of the same VPC in other zones (in zones where the service
    /// is offered, when describe-vpc-endpoint-services was exported).
    ///
    /// ## References
    /// - [Configure an interface endpoint: Availability Zones](https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html)
    /// - [AWS Well-Architected, REL10: Use fault isolation to protect your workload](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html)
    VPCE002 "single-az-endpoint" {
        category: Resilience,
        severity: Warning,
        input: Estate,
        check: check,
    }
}

/// The AZ of an endpoint subnet: from the subnet, else from the endpoint's interface in it;
/// `None` when unknown (not exported, or chosen by AWS when a planned subnet is created).
fn az_of(estate: &Estate, ep: &VpcEndpoint, subnet: &SubnetId) -> Option<String> {
    if let Some(s) = estate.subnets.get(subnet) {
        return (!is_unknown(&s.az)).then(|| s.az.clone());
    }
    ep.eni_ids
        .iter()
        .filter_map(|id| estate.interfaces.get(id))
        .find(|eni| eni.subnet_id.as_ref() == Some(subnet))
        .and_then(|eni| eni.az.clone())
}

fn check(cx: &Context<'_>) -> Vec<Finding> {
    let estate = cx.estate;
    estate
        .endpoints
        .values()
        .filter(|ep| refs::is_live_interface(ep))
        .filter_map(|ep| finding(estate, ep))
        .collect()
}

fn finding(estate: &Estate, ep: &VpcEndpoint) -> Option<Finding> {
    // Subnets known only after apply may be several: say nothing rather than guess.
    if ep.subnet_ids.iter().any(|s| is_unknown(s.as_str())) {
        return None;
    }
    let first = ep.subnet_ids.first()?;
    let mut azs = BTreeSet::new();
    for s in &ep.subnet_ids {
        // With two or more subnets, an unknown AZ may be a second one: say nothing rather than guess.
        match az_of(estate, ep, s) {
            Some(az) => azs.insert(az),
            None if ep.subnet_ids.len() > 1 => return None,
            None => false,
        };
    }
    if azs.len() > 1 {
        return None;
    }
    let az = azs.into_iter().next();
    let offered: BTreeSet<&str> = estate
        .service_for(ep)
        .map(|s| s.azs.iter().map(String::as_str).collect())
        .unwrap_or_default();
    // One unused subnet per other AZ of the VPC (lowest id), in AZs the service is offered in.
    let mut candidates: BTreeMap<&str, &SubnetId> = BTreeMap::new();
    for s in estate.subnets_of(&ep.vpc_id) {
        let other_az = az.as_deref() != Some(s.az.as_str());
        let offered_here = offered.is_empty() || offered.contains(s.az.as_str());
        if other_az && offered_here && !ep.subnet_ids.contains(&s.id) {
            candidates.entry(s.az.as_str()).or_insert(&s.id);
        }
    }
    let az_unknown = estate.subnets.get(first).is_some_and(|s| is_unknown(&s.az));
    let where_ = match &az {
        Some(az) => format!("only one Availability Zone (`{az}`)"),
        None if az_unknown => format!(
            "only one subnet (`{first}`, whose Availability Zone is known only after apply)"
        ),
        None => format!("only one subnet (`{first}`)"),
    };
    let message = format!(
        "Interface endpoint {} has network interfaces in {where_}",
        refs::describe(ep)
    );
    let zones: Vec<String> = candidates
        .keys()
        .take(2)
        .map(|z| format!("`{z}`"))
        .collect();
    let add: Vec<_> = candidates
        .values()
        .take(2)
        .filter_map(|id| estate.subnets.get(*id))
        .map(refs::subnet)
        .collect();
    let help = if add.is_empty() {
        Remedy::say(format!(
            "Create a subnet of `{}` in a second Availability Zone and add it to the endpoint: ",
            ep.vpc_id
        ))
    } else {
        Remedy::say(format!("Add a subnet in {} to the endpoint: ", zones.join(" and ")))
    }
    .then(Action::EndpointSubnets {
        endpoint: refs::endpoint(ep),
        add,
    });
    let label = match &az {
        Some(az) => format!("every subnet is in {az}"),
        None => "a single subnet".to_owned(),
    };
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(Spot::member(&ep.origin, "SubnetIds"), label)
        .remedy(help);
    for s in ep.subnet_ids.iter().filter_map(|id| estate.subnets.get(id)) {
        f = f.related(
            refs::subnet(s),
            Some(Spot::value(&s.origin)),
            format!("endpoint subnet in {}", s.az),
        );
    }
    Some(f)
}
