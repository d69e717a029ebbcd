//! Name resolution records to model resources: hosted zones and their records, Resolver rules,
//! associations and endpoints, DHCP options sets.

use super::Lowering;
use crate::model::{
    normalize_name, Alias, DhcpOptions, HostedZone, Record, ResolverEndpoint, ResolverRule,
    RuleAssociation, VpcId, ZoneRecords, ZoneVpc,
};
use crate::source::export::parse::Records;
use crate::source::export::records as rec;
use crate::source::partial::Partial;
use crate::source::region;

/// What a zone id looks like: Route 53's (`Z` and up to 31 upper-case letters and digits) and
/// moto's (22 of them).
fn is_zone_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// `/hostedzone/Z0123` → `Z0123`.
fn zone_id(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

impl Lowering {
    /// Lowers the name resolution records of one file. `folder` is the name of the file's
    /// folder: record sets do not name their zone, the folder does.
    pub(super) fn dns(&mut self, r: &mut Records, folder: Option<&str>, p: &mut Partial) {
        use crate::source::kinds::Kind;
        p.zones_listed =
            r.kinds.contains(&Kind::HostedZones) || r.kinds.contains(&Kind::HostedZone);
        for (i, o) in std::mem::take(&mut r.dhcp_options).into_iter().enumerate() {
            p.dhcp_options.push(self.dhcp(i, o));
        }
        for (i, z) in std::mem::take(&mut r.hosted_zones).into_iter().enumerate() {
            p.hosted_zones
                .push(self.zone(format!("/HostedZones/{i}"), z, None));
        }
        if let Some(z) = r.hosted_zone.take() {
            let vpcs = r.zone_vpcs.take().unwrap_or_default();
            p.hosted_zones
                .push(self.zone("/HostedZone".into(), z, Some(vpcs)));
        }
        let sets = std::mem::take(&mut r.record_sets);
        if r.kinds.contains(&crate::source::kinds::Kind::RecordSets) {
            match folder.filter(|f| is_zone_id(f)) {
                Some(zone) => p.zone_records.push(self.records(zone, sets)),
                None => self.invalid(
                    "/ResourceRecordSets".into(),
                    format!(
                        "the output of list-resource-record-sets does not name its zone, and its \
                         folder `{}` is not a hosted zone id",
                        folder.unwrap_or_default()
                    ),
                    "the file in a folder named after its zone's id, beside get-hosted-zone's \
                     output (route53/Z0123456789ABC/list-resource-record-sets.json)",
                ),
            }
        }
        for (i, x) in std::mem::take(&mut r.resolver_rules)
            .into_iter()
            .enumerate()
        {
            p.resolver_rules.push(self.rule(i, x));
        }
        for (i, a) in std::mem::take(&mut r.rule_associations)
            .into_iter()
            .enumerate()
        {
            p.rule_associations.push(RuleAssociation {
                id: a.id,
                rule_id: a.resolver_rule_id,
                vpc_id: VpcId(a.vpc_id),
                status: a.status.unwrap_or_default(),
                origin: self.origin(format!("/ResolverRuleAssociations/{i}")),
            });
        }
        for (i, e) in std::mem::take(&mut r.resolver_endpoints)
            .into_iter()
            .enumerate()
        {
            let arn = e.arn.as_deref().unwrap_or_default();
            let account = arn.split(':').nth(4).filter(|a| region::is_account(a));
            p.resolver_endpoints.push(ResolverEndpoint {
                id: e.id,
                direction: e.direction.unwrap_or_default(),
                vpc_id: VpcId(e.host_vpc_id),
                status: e.status.unwrap_or_default(),
                name: e.name,
                scope: self.scope(account, region::from_arn(arn)),
                origin: self.origin(format!("/ResolverEndpoints/{i}")),
            });
        }
    }

    fn dhcp(&mut self, i: usize, o: rec::DhcpOptions) -> DhcpOptions {
        let servers_index = o
            .dhcp_configurations
            .iter()
            .position(|c| c.key.as_deref() == Some("domain-name-servers"));
        let name_servers = servers_index
            .and_then(|j| o.dhcp_configurations.get(j))
            .map(|c| c.values.iter().filter_map(|v| v.value.clone()).collect())
            .unwrap_or_default();
        DhcpOptions {
            id: o.dhcp_options_id,
            name_servers,
            servers_index,
            scope: self.scope(o.owner_id.as_deref(), None),
            origin: self.origin(format!("/DhcpOptions/{i}")),
        }
    }

    fn zone(
        &mut self,
        pointer: String,
        z: rec::HostedZone,
        vpcs: Option<Vec<rec::ZoneVpc>>,
    ) -> HostedZone {
        let id = zone_id(&z.id).to_owned();
        if !is_zone_id(&id) {
            self.invalid(
                format!("{pointer}/Id"),
                format!("`{}` is not a hosted zone id", z.id),
                "/hostedzone/ and the zone's id of upper-case letters and digits",
            );
        }
        let vpcs = vpcs.map(|list| {
            list.into_iter()
                .enumerate()
                .filter_map(|(j, v)| {
                    let at = format!("/VPCs/{j}");
                    let Some(vpc) = v.vpc_id else {
                        self.invalid(
                            at,
                            "VPC association without `VPCId`".into(),
                            "an object with `VPCId` and `VPCRegion`",
                        );
                        return None;
                    };
                    Some(ZoneVpc {
                        vpc_id: VpcId(vpc),
                        region: v.vpc_region,
                        origin: self.origin(at),
                    })
                })
                .collect()
        });
        HostedZone {
            id,
            name: normalize_name(&z.name),
            private: z.config.is_some_and(|c| c.private_zone),
            vpcs,
            // Route 53 is global: the zone belongs to an account, not a region.
            scope: crate::model::Scope {
                account: self.scope.account.clone(),
                region: None,
            },
            origin: self.origin(pointer),
        }
    }

    fn records(&mut self, zone: &str, sets: Vec<rec::ResourceRecordSet>) -> ZoneRecords {
        let records = sets
            .into_iter()
            .enumerate()
            .map(|(i, s)| Record {
                name: normalize_name(&s.name),
                rtype: s.record_type.to_ascii_uppercase(),
                values: s.resource_records.into_iter().map(|r| r.value).collect(),
                alias: s.alias_target.map(|a| Alias {
                    dns_name: normalize_name(&a.dns_name),
                    zone_id: a.hosted_zone_id,
                }),
                origin: self.origin(format!("/ResourceRecordSets/{i}")),
            })
            .collect();
        ZoneRecords {
            zone_id: zone.to_owned(),
            records,
            origin: self.origin("/ResourceRecordSets".into()),
        }
    }

    fn rule(&mut self, i: usize, x: rec::ResolverRule) -> ResolverRule {
        let base = format!("/ResolverRules/{i}");
        let mut targets = Vec::new();
        for (j, t) in x.target_ips.iter().enumerate() {
            let ip = t.ip.as_deref().or(t.ipv6.as_deref()).unwrap_or_default();
            if ip.parse::<std::net::IpAddr>().is_err() {
                self.invalid(
                    format!("{base}/TargetIps/{j}"),
                    format!("invalid target address `{ip}`"),
                    "an object with `Ip` (IPv4) or `Ipv6` and an optional `Port`",
                );
                continue;
            }
            targets.push(format!("{ip}:{}", t.port.unwrap_or(53)));
        }
        let arn = x.arn.as_deref().unwrap_or_default();
        ResolverRule {
            id: x.id,
            domain: normalize_name(x.domain_name.as_deref().unwrap_or(".")),
            rule_type: x.rule_type.unwrap_or_default().to_ascii_uppercase(),
            targets,
            endpoint_id: x.resolver_endpoint_id,
            status: x.status.unwrap_or_default(),
            name: x.name,
            scope: self.scope(x.owner_id.as_deref(), region::from_arn(arn)),
            origin: self.origin(base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_ids_from_route53_and_moto() {
        assert!(is_zone_id("Z0123456789ABCDEFGHIJ"));
        assert!(is_zone_id("X5TG7NO1NZYPD1BNO9O3KG"));
        assert!(!is_zone_id("route53"));
        assert!(!is_zone_id(""));
        assert_eq!(zone_id("/hostedzone/Z1"), "Z1");
    }
}
