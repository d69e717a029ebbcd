//! VPCE008 `service-az-unavailable`.

use std::collections::BTreeMap;

use crate::finding::{Action, Finding, Remedy, Spot};
use crate::model::{is_unknown, EndpointService, Estate, Subnet, VpcEndpoint};
use crate::rules::connectivity::ids;
use crate::rules::{declare_rule, refs, Context};

declare_rule! {
    /// Interface endpoint subnet in an Availability Zone the service does not offer
    ///
    /// ## What it does
    /// For every interface endpoint that is not being deleted, compares the Availability Zone of
    /// each of its subnets with the zones its service is offered in (describe-vpc-endpoint-services).
    /// Zones are compared by id (`AvailabilityZoneIds` of the service, `AvailabilityZoneId` of the
    /// subnet, or the subnet's zone name mapped through describe-availability-zones of its account),
    /// since a zone name means a different physical zone in each account. Only when the ids are
    /// missing, and the service details were read by the endpoint's own account, are names
    /// compared; the finding then says so. Without either, or with a subnet whose zone is known only
    /// after apply, nothing is said.
    ///
    /// ## Why is this bad?
    /// AWS refuses the subnet: creating or modifying the endpoint fails with "does not support the
    /// Availability Zone of the subnet". Partner and cross-account services (Aiven, a provider's
    /// Network Load Balancer) are often offered in fewer zones than the consumer's VPC has, and the
    /// consumer's zone names do not match the provider's.
    ///
    /// ## Example
    /// ```json
    /// {"ServiceDetails": [{"ServiceName": "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1",
    ///   "AvailabilityZoneIds": ["euw1-az1", "euw1-az2"]}],
    ///  "Subnets": [{"SubnetId": "subnet-c", "VpcId": "vpc-1", "CidrBlock": "10.0.3.0/24",
    ///   "AvailabilityZone": "eu-west-1c", "AvailabilityZoneId": "euw1-az3"}]}
    /// ```
    /// with an endpoint to the service in `subnet-c`.
    ///
    /// Use instead: a subnet in a zone the service offers,
    /// ```sh
    /// aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1 --remove-subnet-ids subnet-c
    /// ```
    ///
    /// ## References
    /// - [Availability Zone IDs for your AWS resources](https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html)
    /// - [Troubleshoot interface endpoints: Availability Zones](https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html)
    VPCE008 "service-az-unavailable" {
        category: Correctness,
        severity: Error,
        input: Estate,
        check: check,
    }
}

/// How a subnet's zone was compared with the service's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum By {
    Id,
    Name,
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

/// The zone id of a subnet: its own, else its zone name mapped by its account's zones.
fn az_id(estate: &Estate, s: &Subnet) -> Option<String> {
    if let Some(id) = &s.az_id {
        return Some(id.clone());
    }
    let key = format!("{}/{}", s.scope.account.as_deref().unwrap_or_default(), s.az);
    estate.azs.get(&key).and_then(|z| z.zone_id.clone())
}

/// Whether the service offers the subnet's zone, and how that was decided; `None` when it
/// cannot be.
fn offered(estate: &Estate, ep: &VpcEndpoint, svc: &EndpointService, s: &Subnet) -> Option<(bool, By, String)> {
    if !svc.az_ids.is_empty() {
        if let Some(id) = az_id(estate, s) {
            // A planned subnet placed by zone id gets its name only at apply.
            let zone = if is_unknown(&s.az) {
                format!("`{id}`")
            } else {
                format!("`{id}` (`{}`)", s.az)
            };
            return Some((svc.az_ids.contains(&id), By::Id, zone));
        }
    }
    if is_unknown(&s.az) {
        return None;
    }
    // Names mean the same zone only in the account that read them.
    let same_account = svc.scope.account == ep.scope.account;
    (!svc.azs.is_empty() && same_account)
        .then(|| (svc.azs.contains(&s.az), By::Name, format!("`{}`", s.az)))
}

fn finding(estate: &Estate, ep: &VpcEndpoint) -> Option<Finding> {
    let svc = estate.service_for(ep)?;
    let mut bad: Vec<(&Subnet, String)> = Vec::new();
    let mut by_name = false;
    for id in &ep.subnet_ids {
        let Some(s) = estate.subnets.get(id) else {
            continue;
        };
        if let Some((false, by, zone)) = offered(estate, ep, svc, s) {
            by_name |= by == By::Name;
            bad.push((s, zone));
        }
    }
    if bad.is_empty() {
        return None;
    }
    let offered_zones: Vec<&String> = if by_name { svc.azs.iter().collect() } else { svc.az_ids.iter().collect() };
    let listed: Vec<String> = bad
        .iter()
        .map(|(s, zone)| format!("`{}` in {zone}", s.id))
        .collect();
    let names = if by_name {
        " (compared by zone name: the input has no zone ids, and names map to different zones in each account)"
    } else {
        ""
    };
    let message = format!(
        "Interface endpoint {} has subnet{} {} in a zone its service does not offer (it offers {}){names}",
        refs::describe(ep),
        if bad.len() > 1 { "s" } else { "" },
        listed.join(", "),
        ids(&offered_zones)
    );
    // One unused subnet of the VPC per offered zone not yet used, as replacements.
    let mut used: Vec<String> = Vec::new();
    for id in &ep.subnet_ids {
        if let Some(s) = estate.subnets.get(id) {
            used.extend(zone_key(estate, s, by_name));
        }
    }
    let mut replacements: BTreeMap<String, &Subnet> = BTreeMap::new();
    for s in estate.subnets_of(&ep.vpc_id) {
        let Some(zone) = zone_key(estate, s, by_name) else {
            continue;
        };
        if offered_zones.iter().any(|z| **z == zone) && !used.contains(&zone) && !ep.subnet_ids.contains(&s.id) {
            replacements.entry(zone).or_insert(s);
        }
    }
    let mut help = Remedy::say("Take the subnet out of the endpoint: ").then(Action::EndpointRemoveSubnets {
        endpoint: refs::endpoint(ep),
        remove: bad.iter().map(|(s, _)| refs::subnet(s)).collect(),
    });
    if !replacements.is_empty() {
        help = help
            .then_say("; and add one in a zone the service offers: ")
            .then(Action::EndpointSubnets {
                endpoint: refs::endpoint(ep),
                add: replacements.values().map(|s| refs::subnet(s)).collect(),
            });
    }
    let mut f = Finding::new(&RULE, refs::endpoint(ep), message)
        .at(Spot::member(&ep.origin, "SubnetIds"), "a subnet in a zone the service does not offer")
        .remedy(help)
        .related(
            crate::finding::ResourceRef::at("vpc-endpoint-service", svc.service_id.as_deref().unwrap_or(&svc.name), &svc.scope, &svc.origin),
            Some(Spot::member(&svc.origin, if by_name { "AvailabilityZones" } else { "AvailabilityZoneIds" })),
            "the zones the service offers",
        );
    for (s, zone) in &bad {
        f = f.related(refs::subnet(s), Some(Spot::value(&s.origin)), format!("subnet in {zone}"));
    }
    Some(f)
}

/// The zone a subnet is compared by.
fn zone_key(estate: &Estate, s: &Subnet, by_name: bool) -> Option<String> {
    if by_name {
        (!is_unknown(&s.az)).then(|| s.az.clone())
    } else {
        az_id(estate, s)
    }
}
