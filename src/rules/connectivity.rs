//! Shared vocabulary of the connectivity rules: places of security group rules, NACL entries
//! and route tables, and the security group rules their fixes add.

use crate::finding::remedy::{Authorize, Peers};
use crate::finding::{ResourceRef, Spot};
use crate::model::{
    NetworkAcl, Origin, Protocol, Rel, RouteTable, SecurityGroup, SgId, SgPeer, SgRule, Subnet,
};
use crate::net::{
    AddrSet, ClientAccess, ClientKind, Component, EndpointAccess, Outcome, PacketSet, PortSet,
    ServiceNeed,
};

/// The security group as a finding's related resource.
pub fn sg_ref(g: &SecurityGroup) -> ResourceRef {
    ResourceRef::at("security-group", &g.id, &g.scope, &g.origin)
}

/// The NACL as a finding's related resource.
pub fn nacl_ref(n: &NetworkAcl) -> ResourceRef {
    ResourceRef::at("network-acl", &n.id, &n.scope, &n.origin)
}

/// The route table as a finding's related resource.
pub fn table_ref(t: &RouteTable) -> ResourceRef {
    ResourceRef::at("route-table", &t.id, &t.scope, &t.origin)
}

/// A nested item of a resource: `rel` is relative to the resource's object, or the item's own
/// place (rules read from describe-security-group-rules, Terraform's separate rule, route and
/// NACL rule resources).
pub fn item_origin(resource: &Origin, rel: &Rel) -> Origin {
    resource.path(rel)
}

/// The CIDR value of a security group rule (or the rule itself for other peers), named as the
/// rule's source names it (`CidrIpv4` of a group rule is `cidr_blocks` of a Terraform rule).
pub fn sg_rule_spot(g: &SecurityGroup, r: &SgRule) -> Spot {
    let at = item_origin(&g.origin, &r.rel);
    let from_rules = matches!(r.rel, Rel::Own(_));
    match &r.peer {
        SgPeer::Cidr(n) => {
            let key = match (n, from_rules) {
                (ipnet::IpNet::V4(_), true) => "CidrIpv4",
                (ipnet::IpNet::V4(_), false) => "CidrIp",
                (ipnet::IpNet::V6(_), _) => "CidrIpv6",
            };
            Spot::member(&at, key)
        }
        _ => Spot::value(&at),
    }
}

/// The inbound (or outbound) rules of a group as a place: `IpPermissions` of
/// describe-security-groups when the group came from there.
pub fn sg_rules_spot(g: &SecurityGroup, egress: bool) -> Option<Spot> {
    if g.origin.pointer.is_empty() {
        let first = if egress {
            g.egress.first()
        } else {
            g.ingress.first()
        };
        return first.map(|r| Spot::value(&item_origin(&g.origin, &r.rel)));
    }
    let key = if egress {
        "IpPermissionsEgress"
    } else {
        "IpPermissions"
    };
    Some(Spot::member(&g.origin, key))
}

/// `` `a`, `b`, `c` and 2 more ``.
pub fn list(items: &[String], max: usize) -> String {
    let shown = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = items.len().saturating_sub(max);
    if more > 0 {
        format!("{shown} and {more} more")
    } else {
        shown
    }
}

/// `` `sg-1` `` or `` `sg-1`, `sg-2` ``.
pub fn ids<T: std::fmt::Display>(ids: &[T]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Security group `sg-1`` / `Security groups `sg-1`, `sg-2``.
pub fn groups_phrase(groups: &[SgId]) -> String {
    if groups.is_empty() {
        "Security groups (none listed in the input)".to_owned()
    } else if groups.len() == 1 {
        format!("Security group {}", ids(groups))
    } else {
        format!("Security groups {}", ids(groups))
    }
}

/// A security group by id as a fix names it: with its place and address when the Estate has it.
pub fn group_ref(estate: &crate::model::Estate, id: &SgId) -> ResourceRef {
    estate.security_groups.get(id).map_or_else(
        || ResourceRef::new("security-group", id, &crate::model::Scope::default()),
        sg_ref,
    )
}

/// The rule that admits `peers` on `ports` into (or, `egress`, out of) `group`; `None` when the
/// resource lists no group.
pub fn admit(
    estate: &crate::model::Estate,
    group: Option<&SgId>,
    egress: bool,
    protocol: Protocol,
    ports: &PortSet,
    peers: Peers,
) -> Authorize {
    let rule_resources = group
        .and_then(|g| estate.security_groups.get(g))
        .is_some_and(|g| {
            g.ingress
                .iter()
                .chain(&g.egress)
                .any(|r| matches!(r.rel, Rel::Own(_)))
        });
    Authorize {
        group: group.map(|g| group_ref(estate, g)),
        egress,
        protocol,
        ports: ports.clone(),
        peers,
        rule_resources,
    }
}

/// The drops of one kind of hop for one client, across the endpoint's interfaces.
pub fn client_drops(c: &ClientAccess<'_>, kind: fn(&Component) -> bool) -> PacketSet {
    c.interfaces
        .iter()
        .flat_map(|i| i.problems.iter())
        .filter(|h| kind(&h.component))
        .fold(PacketSet::empty(), |acc, h| acc.or(&h.dropped()))
}

/// What the security groups (the endpoint's inbound and the client's outbound) let through
/// from a client, and what they drop; parts only a prefix list might admit count as neither.
pub fn sg_layer(c: &ClientAccess<'_>, need: &ServiceNeed) -> (PacketSet, PacketSet) {
    let is_sg = |k: &Component| {
        matches!(
            k,
            Component::TargetGroups { .. } | Component::ClientGroups { .. }
        )
    };
    if c.interfaces.is_empty() {
        return (PacketSet::empty(), PacketSet::empty());
    }
    let requested = c.requested(need);
    let dropped = client_drops(c, is_sg);
    let unknown = c
        .interfaces
        .iter()
        .flat_map(|i| i.problems.iter())
        .filter(|h| is_sg(&h.component))
        .fold(PacketSet::empty(), |acc, h| {
            acc.or(&h.effects(Outcome::Unknown))
        });
    (requested.minus(&dropped).minus(&unknown), dropped)
}

/// The client as a short label for lists: `` `subnet-1` `` or the members' label.
pub fn client_name(c: &ClientAccess<'_>) -> String {
    match &c.client.kind {
        ClientKind::Subnet(id) => format!("`{id}`"),
        _ => c.client.label(),
    }
}

/// `` `subnet-1` (10.0.2.0/24) ``: the client and the addresses concerned.
pub fn client_with(c: &ClientAccess<'_>, addrs: &AddrSet) -> String {
    format!("{} ({})", client_name(c), addrs.render())
}

/// The endpoint's VPC blocks, when every client subnet of that VPC is concerned: a fix then
/// names the VPC's blocks rather than each subnet's.
pub fn fix_blocks(
    ea: &EndpointAccess<'_>,
    estate: &crate::model::Estate,
    blocked: &AddrSet,
) -> AddrSet {
    let own: Vec<&Subnet> = estate.subnets_of(&ea.endpoint.vpc_id).collect();
    let vpc = estate
        .vpcs
        .get(&ea.endpoint.vpc_id)
        .map(|v| AddrSet::nets(v.cidrs.iter().map(|c| &c.block)))
        .unwrap_or_default();
    let all_own = !own.is_empty()
        && own.iter().all(|s| {
            let a = AddrSet::nets(&crate::net::subnet_blocks(s));
            blocked.contains(&a)
        });
    if all_own && vpc.contains(blocked) {
        // Only the families the blocked clients use.
        let mut v = AddrSet::default();
        if !blocked.v4.is_empty() {
            v.v4 = vpc.v4.clone();
        }
        if !blocked.v6.is_empty() {
            v.v6 = vpc.v6.clone();
        }
        v
    } else {
        blocked.clone()
    }
}

/// `blocked` with each block widened to the block of a VPC of the estate that contains it, then
/// merged: an entry for the VPC's block names the clients in one line where theirs would take
/// several. Blocks outside every VPC stay as they are.
pub fn vpc_cover(estate: &crate::model::Estate, blocked: &AddrSet) -> AddrSet {
    let vpc_blocks: Vec<&ipnet::IpNet> = estate
        .vpcs
        .values()
        .flat_map(|v| v.cidrs.iter().map(|c| &c.block))
        .collect();
    let widened: Vec<ipnet::IpNet> = blocked
        .block_iter()
        .map(|b| {
            // The most specific, should VPCs of several accounts overlap.
            vpc_blocks
                .iter()
                .filter(|v| v.contains(&b))
                .max_by_key(|v| v.prefix_len())
                .map_or(b, |v| **v)
        })
        .collect();
    AddrSet::nets(&widened)
}
