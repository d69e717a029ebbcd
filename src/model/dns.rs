//! Name resolution inputs: Route 53 private hosted zones and their records, Route 53 Resolver
//! rules, rule associations and endpoints, and DHCP options sets.

use super::{MergeConflict, Origin, Scope, VpcId};

/// The member of a planned zone's origin that is unknown when some record of the plan names a
/// zone known only after apply: the zone's records are then not known in full.
pub const RECORD_SETS: &str = "ResourceRecordSets";

/// The member of a planned VPC's origin that is unknown when the plan associates it with a zone
/// (or Resolver rule) known only after apply: what it resolves is then not known in full.
pub const ZONE_ASSOCIATIONS: &str = "HostedZoneAssociations";

/// A DNS name as the model compares it: lower case, without the trailing dot, with Route 53's
/// octal escape for `*` decoded (`\052.example.com.` → `*.example.com`).
pub fn normalize_name(name: &str) -> String {
    let name = name.trim().trim_end_matches('.');
    name.replace("\\052", "*").to_ascii_lowercase()
}

/// Whether `name` lies in the domain `domain` (itself or below it); both normalized.
pub fn in_domain(name: &str, domain: &str) -> bool {
    domain.is_empty()
        || name == domain
        || name
            .strip_suffix(domain)
            .is_some_and(|head| head.ends_with('.'))
}

/// A Route 53 hosted zone.
#[derive(Clone, Debug, PartialEq)]
pub struct HostedZone {
    /// The zone id without its `/hostedzone/` prefix (`Z0123456789ABC`).
    pub id: String,
    /// The zone's domain, normalized (see [`normalize_name`]).
    pub name: String,
    /// Whether it is a private zone (`Config.PrivateZone`).
    pub private: bool,
    /// The VPCs associated with a private zone, as get-hosted-zone lists them; `None` when only
    /// list-hosted-zones was read, which does not say.
    pub vpcs: Option<Vec<ZoneVpc>>,
    /// The account that read it.
    pub scope: Scope,
    /// Where it was read (the `HostedZone` object of get-hosted-zone, or its list entry).
    pub origin: Origin,
}

/// One VPC associated with a private hosted zone.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneVpc {
    /// The VPC.
    pub vpc_id: VpcId,
    /// Its region, as the association names it.
    pub region: Option<String>,
    /// Where the association was read.
    pub origin: Origin,
}

/// The records of one hosted zone (list-resource-record-sets, in the zone's folder).
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneRecords {
    /// The zone id, from the folder.
    pub zone_id: String,
    /// The records in input order.
    pub records: Vec<Record>,
    /// Where the list was read.
    pub origin: Origin,
}

/// One resource record set.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The owner name, normalized.
    pub name: String,
    /// `A`, `AAAA`, `CNAME`, `NS`, `SOA`, …
    pub rtype: String,
    /// The values of a plain record.
    pub values: Vec<String>,
    /// The target of an alias record.
    pub alias: Option<Alias>,
    /// Where the record was read.
    pub origin: Origin,
}

/// An alias record's target.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The target's DNS name, normalized.
    pub dns_name: String,
    /// The target's hosted zone id.
    pub zone_id: Option<String>,
}

impl Record {
    /// Whether the record answers address queries (`A`, `AAAA`, `CNAME`, and aliases of those).
    pub fn answers_addresses(&self) -> bool {
        matches!(self.rtype.as_str(), "A" | "AAAA" | "CNAME")
    }
}

/// A Route 53 Resolver rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolverRule {
    /// `rslvr-rr-…`
    pub id: String,
    /// The domain it applies to, normalized (`.` becomes the empty string: every name).
    pub domain: String,
    /// `FORWARD`, `SYSTEM` or `RECURSIVE`.
    pub rule_type: String,
    /// The servers a forwarding rule sends queries to (`ip:port`).
    pub targets: Vec<String>,
    /// The outbound endpoint it forwards through.
    pub endpoint_id: Option<String>,
    /// `COMPLETE`, `DELETING`, …
    pub status: String,
    /// Its name.
    pub name: Option<String>,
    /// Account and region.
    pub scope: Scope,
    /// Where it was read.
    pub origin: Origin,
}

impl ResolverRule {
    /// Whether it forwards queries elsewhere (rather than leaving them to the VPC resolver).
    pub fn forwards(&self) -> bool {
        self.rule_type.eq_ignore_ascii_case("FORWARD")
    }
}

/// A Resolver rule's association with a VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleAssociation {
    /// `rslvr-rrassoc-…`
    pub id: String,
    /// The rule.
    pub rule_id: String,
    /// The VPC.
    pub vpc_id: VpcId,
    /// `COMPLETE`, `CREATING`, `DELETING`, `FAILED`, `OVERRIDDEN`.
    pub status: String,
    /// Where it was read.
    pub origin: Origin,
}

impl RuleAssociation {
    /// Whether the association is in force (or about to be).
    pub fn in_force(&self) -> bool {
        matches!(
            self.status.to_ascii_uppercase().as_str(),
            "COMPLETE" | "CREATING" | ""
        )
    }
}

/// A Route 53 Resolver endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolverEndpoint {
    /// `rslvr-in-…` or `rslvr-out-…`
    pub id: String,
    /// `INBOUND` or `OUTBOUND`.
    pub direction: String,
    /// The VPC it sits in.
    pub vpc_id: VpcId,
    /// `OPERATIONAL`, `CREATING`, …
    pub status: String,
    /// Its name.
    pub name: Option<String>,
    /// Account and region.
    pub scope: Scope,
    /// Where it was read.
    pub origin: Origin,
}

impl ResolverEndpoint {
    /// Whether it answers queries from outside its VPC.
    pub fn inbound(&self) -> bool {
        self.direction.eq_ignore_ascii_case("INBOUND")
    }
}

/// A DHCP options set.
#[derive(Clone, Debug, PartialEq)]
pub struct DhcpOptions {
    /// `dopt-…`
    pub id: String,
    /// The values of `domain-name-servers`, in order (`AmazonProvidedDNS` or addresses).
    pub name_servers: Vec<String>,
    /// Index of the `domain-name-servers` configuration, to point at it.
    pub servers_index: Option<usize>,
    /// Account and region.
    pub scope: Scope,
    /// Where it was read.
    pub origin: Origin,
}

impl DhcpOptions {
    /// The custom name servers: every server but `AmazonProvidedDNS`; empty when the VPC uses
    /// the Amazon-provided resolver (or the set names no servers, which means the same).
    pub fn custom_servers(&self) -> Vec<&str> {
        self.name_servers
            .iter()
            .map(String::as_str)
            .filter(|s| !s.eq_ignore_ascii_case("AmazonProvidedDNS"))
            .collect()
    }
}

/// Merges what two inputs say about one hosted zone: list-hosted-zones does not list VPC
/// associations, so its entry gives way to get-hosted-zone's; two that both list them must
/// agree.
pub fn merge_zone(
    map: &mut std::collections::BTreeMap<String, HostedZone>,
    zone: HostedZone,
) -> Result<(), MergeConflict> {
    use std::collections::btree_map::Entry;
    match map.entry(zone.id.clone()) {
        Entry::Vacant(slot) => {
            slot.insert(zone);
            Ok(())
        }
        Entry::Occupied(mut slot) => {
            let existing = slot.get_mut();
            let same_zone = existing.name == zone.name && existing.private == zone.private;
            match (&existing.vpcs, &zone.vpcs) {
                _ if !same_zone => Err(conflict(existing, &zone)),
                (None, Some(_)) => {
                    *existing = zone;
                    Ok(())
                }
                (_, None) => Ok(()),
                (Some(a), Some(b)) => {
                    let ids = |v: &[ZoneVpc]| {
                        let mut ids: Vec<VpcId> = v.iter().map(|z| z.vpc_id.clone()).collect();
                        ids.sort();
                        ids
                    };
                    if ids(a) == ids(b) {
                        Ok(())
                    } else {
                        Err(conflict(existing, &zone))
                    }
                }
            }
        }
    }
}

fn conflict(first: &HostedZone, second: &HostedZone) -> MergeConflict {
    MergeConflict {
        id: first.id.clone(),
        first: first.origin.clone(),
        second: second.origin.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_dot_or_escape() {
        assert_eq!(
            normalize_name("SQS.eu-west-1.amazonaws.com."),
            "sqs.eu-west-1.amazonaws.com"
        );
        assert_eq!(normalize_name("\\052.example.com."), "*.example.com");
        assert!(in_domain("a.example.com", "example.com"));
        assert!(in_domain("example.com", "example.com"));
        assert!(!in_domain("badexample.com", "example.com"));
        assert!(in_domain("anything", ""));
    }

    fn zone(vpcs: Option<Vec<&str>>, pointer: &str) -> HostedZone {
        HostedZone {
            id: "Z1".into(),
            name: "example.com".into(),
            private: true,
            vpcs: vpcs.map(|v| {
                v.into_iter()
                    .map(|id| ZoneVpc {
                        vpc_id: id.into(),
                        region: None,
                        origin: Origin::new(super::super::FileId(0), pointer),
                    })
                    .collect()
            }),
            scope: Scope::default(),
            origin: Origin::new(super::super::FileId(0), pointer),
        }
    }

    #[test]
    fn a_listed_zone_gives_way_to_its_full_description() {
        let mut map = std::collections::BTreeMap::new();
        assert!(merge_zone(&mut map, zone(None, "/list")).is_ok());
        assert!(merge_zone(&mut map, zone(Some(vec!["vpc-1"]), "/get")).is_ok());
        assert!(merge_zone(&mut map, zone(None, "/list2")).is_ok());
        assert_eq!(map.get("Z1").map(|z| &*z.origin.pointer), Some("/get"));
        assert!(merge_zone(&mut map, zone(Some(vec!["vpc-2"]), "/other")).is_err());
    }
}
