//! Name resolution: Route 53 private hosted zones (`aws_route53_zone` and its data source), their
//! VPC associations (`vpc` blocks, `aws_route53_zone_association`) and records
//! (`aws_route53_record`), Resolver rules (`aws_route53_resolver_rule` and its data source) and
//! their associations, DHCP options sets (`aws_vpc_dhcp_options` and its data source) and theirs:
//! the records the AWS CLI export fills (see `source::export::lower::dns`).
//!
//! A zone, rule or options set that the plan creates is known by its address, which the references
//! of records and associations lead to. A record or association whose zone (or rule) cannot be
//! followed attaches nowhere; so that its absence is not read as "no such record" or "no such
//! association", the zones' records and the VPC's associations are then marked unknown.

use super::{nonempty, Lowering, Members};
use crate::model::{
    self, normalize_name, Alias, DhcpOptions, HostedZone, Origin, Record, ResolverRule,
    RuleAssociation, VpcId, ZoneRecords, ZoneVpc,
};
use crate::source::partial::Attachment;
use crate::source::terraform::attrs;
use crate::source::terraform::naming;
use crate::source::terraform::plan::Expr;
use crate::source::terraform::resolve::Instance;

/// What the name-resolution resources leave to decide once every resource is lowered.
#[derive(Default)]
pub(super) struct Pending {
    /// The zones the plan creates, whose records are exactly the plan's `aws_route53_record`s.
    created_zones: Vec<(String, Origin)>,
    /// Some record's zone could not be followed: no zone's records are known in full.
    records_unknown: bool,
}

/// The references of argument `member` in the `j`th nested block `attr` of an instance's
/// configuration, and the pointer of that argument.
fn block_argument<'e>(
    inst: &'e Instance<'_>,
    attr: &str,
    j: usize,
    member: &str,
) -> Option<(Vec<&'e str>, String)> {
    let (e, pointer) = inst.expression(attr)?;
    let block = match e {
        Expr::Blocks(v) => v.get(j)?,
        Expr::Block(_) if j == 0 => e,
        _ => return None,
    };
    let Expr::Block(args) = block else {
        return None;
    };
    let arg = args.get(member)?;
    let at = match e {
        Expr::Blocks(_) => format!("{pointer}/{j}/{member}"),
        _ => format!("{pointer}/{member}"),
    };
    Some((arg.references(), at))
}

impl Lowering<'_> {
    /// A value of a nested block: planned, else the single one its configuration references
    /// lead to (recording where the expression is), else the unknown marker.
    fn block_scalar(
        &self,
        inst: &Instance<'_>,
        (attr, j, member): (&str, usize, &str),
        known: Option<&str>,
        m: &mut Members,
    ) -> String {
        if let Some(k) = known {
            return k.to_owned();
        }
        let rel = format!("{attr}/{j}/{member}");
        if let Some((refs, pointer)) = block_argument(inst, attr, j, member) {
            m.relocated.push((rel.as_str().into(), self.at(pointer)));
            let r = self.index.argument_refs(inst, &refs);
            if let Some(id) = r.single() {
                return id.to_owned();
            }
        }
        m.unknown.push(rel.into());
        model::unknown(&inst.res.address, &format!("{attr}.{member}"))
    }

    /// `aws_route53_zone` (`data` for the data source): a zone with `vpc` blocks is private and
    /// associated with their VPCs; the data source says `private_zone`, and its `vpc_id` query
    /// names one VPC associated with it.
    pub(super) fn zone(&mut self, inst: &Instance<'_>, data: bool, a: &attrs::Zone) {
        let mut m = self.members(inst);
        let name = match nonempty(&a.name) {
            Some(n) => normalize_name(n),
            None => {
                m.unknown.push("name".into());
                model::unknown(&inst.res.address, "name")
            }
        };
        let region = self.provider_region(inst);
        let (private, vpcs) = if data {
            let vpc = nonempty(&a.vpc_id).map(|v| ZoneVpc {
                vpc_id: VpcId(v.to_owned()),
                region: region.clone(),
                origin: self.own(inst, naming::DATA_ZONE, "vpc_id"),
            });
            (a.private_zone == Some(true), vpc.map(|v| vec![v]))
        } else {
            let mut vpcs = Vec::new();
            for (j, b) in a.vpc.iter().flatten().enumerate() {
                let vpc =
                    self.block_scalar(inst, ("vpc", j, "vpc_id"), nonempty(&b.vpc_id), &mut m);
                vpcs.push(ZoneVpc {
                    vpc_id: VpcId(vpc),
                    // Unset, the provider's region.
                    region: nonempty(&b.vpc_region)
                        .map(str::to_owned)
                        .or_else(|| region.clone()),
                    origin: self.own(inst, naming::ZONE, &format!("vpc/{j}")),
                });
            }
            (!vpcs.is_empty(), Some(vpcs))
        };
        // A configuration that declares zones declares the zones of its VPCs: peers without
        // one are the plan's to judge.
        self.partial.zones_listed = true;
        if inst.created() {
            self.dns
                .created_zones
                .push((inst.id.clone(), self.own(inst, naming::ZONE, "")));
        }
        let origin = self.origin(
            inst,
            if data {
                naming::DATA_ZONE
            } else {
                naming::ZONE
            },
            m,
        );
        self.partial.hosted_zones.push(HostedZone {
            id: inst.id.clone(),
            name,
            private,
            vpcs,
            // Route 53 is global: the zone belongs to an account, not a region.
            scope: model::Scope::default(),
            origin,
        });
    }

    /// `aws_route53_zone_association`: one more VPC of a zone.
    pub(super) fn zone_association(&mut self, inst: &Instance<'_>, a: &attrs::ZoneAssociation) {
        let mut m = self.members(inst);
        let zone = self.scalar(inst, "zone_id", nonempty(&a.zone_id), &mut m);
        let vpc = VpcId(self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m));
        if model::is_unknown(&zone) {
            self.partial
                .attachments
                .push(Attachment::VpcZonesUnknown { vpc });
            return;
        }
        let region = nonempty(&a.vpc_region)
            .map(str::to_owned)
            .or_else(|| self.provider_region(inst));
        let origin = self.origin(inst, naming::ZONE_ASSOCIATION, m);
        self.partial.attachments.push(Attachment::ZoneVpc {
            zone,
            vpc: ZoneVpc {
                vpc_id: vpc,
                region,
                origin,
            },
        });
    }

    /// `aws_route53_record`: a record of the zone its `zone_id` leads to; an alias to an
    /// endpoint the plan creates names the endpoint's DNS name by the endpoint's marker.
    pub(super) fn record(&mut self, inst: &Instance<'_>, a: &attrs::Record) {
        let mut m = self.members(inst);
        let zone = self.scalar(inst, "zone_id", nonempty(&a.zone_id), &mut m);
        let (Some(rtype), Some(name)) = (nonempty(&a.record_type), a.name.as_deref()) else {
            self.dns.records_unknown = true;
            return;
        };
        if model::is_unknown(&zone) {
            self.dns.records_unknown = true;
            return;
        }
        if inst.unknown().member("records").is_all() {
            m.unknown.push("records".into());
        }
        let alias = a.alias.iter().flatten().next().map(|b| {
            let dns_name = self.block_scalar(inst, ("alias", 0, "name"), nonempty(&b.name), &mut m);
            Alias {
                dns_name: normalize_name(&dns_name),
                zone_id: nonempty(&b.zone_id).map(str::to_owned),
            }
        });
        let origin = self.origin(inst, naming::RECORD, m);
        self.partial.attachments.push(Attachment::ZoneRecord {
            zone,
            record: Record {
                name: normalize_name(name),
                rtype: rtype.to_ascii_uppercase(),
                values: a.records.clone().unwrap_or_default(),
                alias,
                origin,
            },
        });
    }

    /// `aws_route53_resolver_rule` (and its data source, which has no targets).
    pub(super) fn resolver_rule(&mut self, inst: &Instance<'_>, a: &attrs::ResolverRule) {
        let mut m = self.members(inst);
        let endpoint = self.optional_scalar(
            inst,
            "resolver_endpoint_id",
            nonempty(&a.resolver_endpoint_id),
            &mut m,
        );
        let mut targets = Vec::new();
        for (j, t) in a.target_ip.iter().flatten().enumerate() {
            let Some(ip) = nonempty(&t.ip).or(nonempty(&t.ipv6)) else {
                continue;
            };
            if ip.parse::<std::net::IpAddr>().is_err() {
                self.invalid(
                    format!("{}/target_ip/{j}", inst.values_pointer),
                    format!("invalid target address `{ip}`"),
                    "an IPv4 `ip` or an IPv6 `ipv6`",
                );
                continue;
            }
            targets.push(format!("{ip}:{}", t.port.unwrap_or(53)));
        }
        if inst.unknown().member("target_ip").is_all() {
            m.unknown.push("target_ip".into());
        }
        let domain = match nonempty(&a.domain_name) {
            Some(d) => normalize_name(d),
            None => {
                m.unknown.push("domain_name".into());
                model::unknown(&inst.res.address, "domain_name")
            }
        };
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, naming::RESOLVER_RULE, m);
        self.partial.resolver_rules.push(ResolverRule {
            id: inst.id.clone(),
            domain,
            rule_type: a
                .rule_type
                .as_deref()
                .unwrap_or_default()
                .to_ascii_uppercase(),
            targets,
            endpoint_id: endpoint,
            // The provider has no status: a planned rule is in force once applied.
            status: String::new(),
            name: nonempty(&a.name).map(str::to_owned),
            scope,
            origin,
        });
    }

    /// `aws_route53_resolver_rule_association`.
    pub(super) fn rule_association(&mut self, inst: &Instance<'_>, a: &attrs::RuleAssociation) {
        let mut m = self.members(inst);
        let rule = self.scalar(
            inst,
            "resolver_rule_id",
            nonempty(&a.resolver_rule_id),
            &mut m,
        );
        let vpc = VpcId(self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m));
        if model::is_unknown(&rule) {
            self.partial
                .attachments
                .push(Attachment::VpcZonesUnknown { vpc: vpc.clone() });
        }
        let origin = self.origin(inst, naming::RULE_ASSOCIATION, m);
        self.partial.rule_associations.push(RuleAssociation {
            id: inst.id.clone(),
            rule_id: rule,
            vpc_id: vpc,
            status: String::new(),
            origin,
        });
    }

    /// `aws_vpc_dhcp_options` (and its data source).
    pub(super) fn dhcp_options(&mut self, inst: &Instance<'_>, a: &attrs::DhcpOptions) {
        let mut m = self.members(inst);
        if inst.unknown().member("domain_name_servers").is_all() {
            m.unknown.push("domain_name_servers".into());
        }
        let servers: Vec<String> = a.domain_name_servers.clone().unwrap_or_default();
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, naming::DHCP_OPTIONS, m);
        self.partial.dhcp_options.push(DhcpOptions {
            id: inst.id.clone(),
            servers_index: (!servers.is_empty()).then_some(0),
            name_servers: servers,
            scope,
            origin,
        });
    }

    /// `aws_vpc_dhcp_options_association`: the VPC's options set.
    pub(super) fn dhcp_association(&mut self, inst: &Instance<'_>, a: &attrs::DhcpAssociation) {
        let mut m = self.members(inst);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let options = self.scalar(
            inst,
            "dhcp_options_id",
            nonempty(&a.dhcp_options_id),
            &mut m,
        );
        self.partial.attachments.push(Attachment::VpcDhcpOptions {
            vpc: VpcId(vpc),
            options,
        });
    }

    /// The records of the zones the plan creates: exactly its records, unless some record's
    /// zone could not be followed; then no zone's records are known in full.
    pub(super) fn finish_dns(&mut self) {
        let pending = std::mem::take(&mut self.dns);
        if pending.records_unknown {
            for z in &mut self.partial.hosted_zones {
                z.origin.set_unknown(model::RECORD_SETS);
            }
            return;
        }
        for (zone_id, origin) in pending.created_zones {
            self.partial.zone_records.push(ZoneRecords {
                zone_id,
                records: Vec::new(),
                origin,
            });
        }
    }
}
