//! Name resolution as Route 53 Resolver decides it in a VPC: for a VPC and a name, the answer
//! and each step that led to it, with the place in the input that says so.
//!
//! What the Resolver does, as modelled here (Route 53 developer guide):
//! - Clients ask the servers of their VPC's DHCP options set; custom `domain-name-servers` are
//!   servers vpclint cannot see, which reach private zones only if they forward to the VPC
//!   resolver. The answer below is what the VPC resolver would say, and the resolution says
//!   that custom servers stand in front of it.
//! - The VPC resolver answers from the most specific of: the forwarding and system rules
//!   associated with the VPC, the private hosted zones associated with it, and the private DNS
//!   of the VPC's interface endpoints (an AWS-managed zone of the service's name). On a tie a
//!   forwarding rule wins over a zone, and a user zone over an endpoint's (AWS refuses the
//!   pair; an export from elsewhere, or a plan, can hold it). A system rule hands its domain
//!   back to the resolver's zones.
//! - A zone that matches the name but holds no record for it answers NXDOMAIN: no fallback.
//! - Nothing matches: public DNS.
//!
//! An endpoint's private DNS answers only in its own VPC. Resolution is per VPC and name, never
//! per subnet: every subnet of a VPC asks the same resolver.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    in_domain, normalize_name, state_is_gone, DhcpOptions, EndpointKind, Estate, HostedZone,
    Origin, Record, ResolverRule, RuleAssociation, VpcEndpoint, VpcId,
};

/// The answer the VPC resolver gives for a name.
#[derive(Clone, Debug)]
pub enum Answer<'e> {
    /// An interface endpoint's private DNS: the endpoint's addresses.
    PrivateDns(&'e VpcEndpoint),
    /// A private zone's record that leads to an endpoint (an alias to one of its DNS names, a
    /// CNAME to one, or its addresses).
    ZoneEndpoint {
        /// The zone.
        zone: &'e HostedZone,
        /// The record.
        record: &'e Record,
        /// The endpoint.
        endpoint: &'e VpcEndpoint,
    },
    /// A private zone's record that leads elsewhere (or to an endpoint the input lacks).
    ZoneRecord {
        /// The zone.
        zone: &'e HostedZone,
        /// The record.
        record: &'e Record,
    },
    /// A private zone that claims the name without a record for it.
    NxDomain(&'e HostedZone),
    /// A private zone whose records are not in the input: what it answers is unknown.
    ZoneUnread(&'e HostedZone),
    /// A forwarding rule: the servers it names answer.
    Forwarded {
        /// The rule.
        rule: &'e ResolverRule,
        /// Its association with the VPC.
        association: &'e RuleAssociation,
    },
    /// Public DNS: the service's public addresses.
    Public,
}

impl Answer<'_> {
    /// The endpoint the name leads to, when it does.
    pub fn endpoint(&self) -> Option<&VpcEndpoint> {
        match self {
            Answer::PrivateDns(ep) | Answer::ZoneEndpoint { endpoint: ep, .. } => Some(ep),
            _ => None,
        }
    }
}

/// One step of a resolution: what was found, and where the input says so.
#[derive(Clone, Debug)]
pub struct Step {
    /// What the step found, ids in backticks.
    pub text: String,
    /// The resource it was read from.
    pub origin: Origin,
    /// The member of that resource that says it, as the AWS CLI names it.
    pub member: Option<String>,
}

/// How a VPC's clients resolve a name.
#[derive(Clone, Debug)]
pub struct Resolution<'e> {
    /// The name, normalized.
    pub name: String,
    /// What the VPC resolver answers.
    pub answer: Answer<'e>,
    /// The DHCP options set whose custom servers the clients ask instead of the VPC resolver.
    pub custom_servers: Option<&'e DhcpOptions>,
    /// The steps, in the order the resolver takes them.
    pub steps: Vec<Step>,
    /// The index in `steps` of what claims the name (the rule, the zone's association with
    /// the VPC, the endpoint's private DNS); `None` for public DNS.
    claim: Option<usize>,
}

impl Resolution<'_> {
    /// The step that claims the name: the rule, the zone's association, the endpoint.
    pub fn claim_step(&self) -> Option<&Step> {
        self.steps.get(self.claim?)
    }
}

/// What claims a name in a VPC.
#[derive(Clone, Copy)]
enum Claim<'e> {
    Rule(&'e ResolverRule, &'e RuleAssociation),
    Zone(&'e HostedZone, &'e Origin),
    PrivateDns(&'e VpcEndpoint),
}

/// The resolver's view of an Estate, indexed once.
pub struct Resolver<'e> {
    estate: &'e Estate,
    /// Private zones associated with each VPC, with the association's place.
    zones: HashMap<&'e VpcId, Vec<(&'e HostedZone, &'e Origin)>>,
    /// Rules in force in each VPC.
    rules: HashMap<&'e VpcId, Vec<(&'e ResolverRule, &'e RuleAssociation)>>,
    /// Endpoints by their own DNS names.
    by_dns_name: HashMap<&'e str, &'e VpcEndpoint>,
    /// Endpoints by their interfaces' addresses.
    by_address: HashMap<std::net::IpAddr, &'e VpcEndpoint>,
}

impl<'e> Resolver<'e> {
    /// Indexes the zones, rules and endpoints of `estate`.
    pub fn new(estate: &'e Estate) -> Self {
        let mut zones: HashMap<&VpcId, Vec<(&HostedZone, &Origin)>> = HashMap::default();
        for z in estate.hosted_zones.values().filter(|z| z.private) {
            for v in z.vpcs.iter().flatten() {
                zones.entry(&v.vpc_id).or_default().push((z, &v.origin));
            }
        }
        let mut rules: HashMap<&VpcId, Vec<(&ResolverRule, &RuleAssociation)>> = HashMap::default();
        for a in estate.rule_associations.values().filter(|a| a.in_force()) {
            if let Some(r) = estate.resolver_rules.get(&a.rule_id) {
                rules.entry(&a.vpc_id).or_default().push((r, a));
            }
        }
        let mut by_dns_name = HashMap::default();
        let mut by_address = HashMap::default();
        if !estate.hosted_zones.is_empty() {
            for ep in estate.endpoints.values() {
                for n in &ep.dns_names {
                    by_dns_name.insert(n.as_str(), ep);
                }
                for eni in ep.eni_ids.iter().filter_map(|e| estate.interfaces.get(e)) {
                    for a in &eni.addresses {
                        by_address.insert(*a, ep);
                    }
                }
            }
        }
        Resolver {
            estate,
            zones,
            rules,
            by_dns_name,
            by_address,
        }
    }

    /// The endpoint whose own DNS name is `name` (normalized).
    pub fn endpoint_named(&self, name: &str) -> Option<&'e VpcEndpoint> {
        self.by_dns_name.get(name).copied()
    }

    /// The private zones associated with `vpc`.
    pub fn zones_of(&self, vpc: &VpcId) -> impl Iterator<Item = &'e HostedZone> + '_ {
        self.zones.get(vpc).into_iter().flatten().map(|(z, _)| *z)
    }

    /// How clients in `vpc` resolve `name`.
    pub fn resolve(&self, vpc: &VpcId, name: &str) -> Resolution<'e> {
        let name = normalize_name(name);
        let mut steps = Vec::new();
        let custom_servers = self.custom_servers(vpc);
        if let Some(d) = custom_servers {
            steps.push(Step {
                text: format!(
                    "`{vpc}` hands its clients DHCP options `{}`, whose name servers are {}: \
                     they answer, and see what follows only if they forward to the VPC resolver",
                    d.id,
                    d.custom_servers().join(", ")
                ),
                origin: d.origin.clone(),
                member: d
                    .servers_index
                    .map(|i| format!("DhcpConfigurations/{i}/Values")),
            });
        }
        let claimed = self.claim(vpc, &name);
        let claim = claimed.is_some().then_some(steps.len());
        let answer = match claimed {
            None => {
                let text = format!(
                    "no Resolver rule, private hosted zone or endpoint private DNS of `{vpc}` \
                     claims `{name}`: public DNS answers"
                );
                if let Some(v) = self.estate.vpcs.get(vpc) {
                    steps.push(Step {
                        text,
                        origin: v.origin.clone(),
                        member: None,
                    });
                }
                Answer::Public
            }
            Some(Claim::Rule(rule, association)) => {
                steps.push(Step {
                    text: format!(
                        "Resolver rule `{}` forwards `{}` to {}",
                        rule.id,
                        if rule.domain.is_empty() {
                            "."
                        } else {
                            &rule.domain
                        },
                        if rule.targets.is_empty() {
                            "its targets".to_owned()
                        } else {
                            rule.targets.join(", ")
                        }
                    ),
                    origin: rule.origin.clone(),
                    member: Some("DomainName".into()),
                });
                steps.push(Step {
                    text: format!("association `{}` applies it to `{vpc}`", association.id),
                    origin: association.origin.clone(),
                    member: None,
                });
                Answer::Forwarded { rule, association }
            }
            Some(Claim::PrivateDns(ep)) => {
                steps.push(Step {
                    text: format!(
                        "interface endpoint `{}` in `{vpc}` has private DNS on: `{name}` resolves \
                         to its addresses",
                        ep.id
                    ),
                    origin: ep.origin.clone(),
                    member: Some("PrivateDnsEnabled".into()),
                });
                Answer::PrivateDns(ep)
            }
            Some(Claim::Zone(zone, association)) => {
                steps.push(Step {
                    text: format!(
                        "private hosted zone `{}` (`{}`) is associated with `{vpc}`",
                        zone.id, zone.name
                    ),
                    origin: association.clone(),
                    member: None,
                });
                self.in_zone(zone, &name, &mut steps)
            }
        };
        Resolution {
            name,
            answer,
            custom_servers,
            steps,
            claim,
        }
    }

    /// The DHCP options set of `vpc`, when it names custom servers.
    pub fn custom_servers(&self, vpc: &VpcId) -> Option<&'e DhcpOptions> {
        let id = self.estate.vpcs.get(vpc)?.dhcp_options_id.as_deref()?;
        self.estate
            .dhcp_options
            .get(id)
            .filter(|d| !d.custom_servers().is_empty())
    }

    /// The most specific claim on `name` in `vpc`.
    fn claim(&self, vpc: &VpcId, name: &str) -> Option<Claim<'e>> {
        // The most specific rule, and the most specific zone or endpoint private DNS (a user
        // zone winning a tie with an endpoint's), each with the labels of its domain.
        let labels = |domain: &str| {
            if domain.is_empty() {
                0
            } else {
                domain.split('.').count()
            }
        };
        let mut rule: Option<(usize, &'e ResolverRule, &'e RuleAssociation)> = None;
        for (r, a) in self.rules.get(vpc).into_iter().flatten() {
            let l = labels(&r.domain);
            if in_domain(name, &r.domain) && rule.is_none_or(|(best, _, _)| l > best) {
                rule = Some((l, r, a));
            }
        }
        let mut local: Option<(usize, Claim<'e>)> = None;
        for ep in self.estate.endpoints_in(vpc) {
            if ep.kind != EndpointKind::Interface
                || !ep.private_dns_on()
                || state_is_gone(&ep.state)
            {
                continue;
            }
            for n in private_dns_names(self.estate, ep) {
                let domain = dns_domain(&n);
                let l = labels(domain);
                if in_domain(name, domain) && local.as_ref().is_none_or(|(best, _)| l > *best) {
                    local = Some((l, Claim::PrivateDns(ep)));
                }
            }
        }
        for (z, origin) in self.zones.get(vpc).into_iter().flatten() {
            let l = labels(&z.name);
            if in_domain(name, &z.name) && local.as_ref().is_none_or(|(best, _)| l >= *best) {
                local = Some((l, Claim::Zone(z, origin)));
            }
        }
        match (rule, local) {
            // A forwarding rule wins a tie; a system (or recursive) rule hands its domain back
            // to the resolver's zones and endpoints, or public DNS.
            (Some((l, r, a)), Some((best, _))) if r.forwards() && l >= best => {
                Some(Claim::Rule(r, a))
            }
            (Some((_, r, a)), None) if r.forwards() => Some(Claim::Rule(r, a)),
            (_, local) => local.map(|(_, c)| c),
        }
    }

    /// The zone's answer for `name`: its most specific record, following an alias or CNAME to
    /// the endpoint it names.
    fn in_zone(&self, zone: &'e HostedZone, name: &str, steps: &mut Vec<Step>) -> Answer<'e> {
        let Some(records) = self.estate.zone_records.get(&zone.id) else {
            return Answer::ZoneUnread(zone);
        };
        let exact = records
            .records
            .iter()
            .find(|r| r.answers_addresses() && r.name == name);
        let wildcard = || {
            records.records.iter().find(|r| {
                r.answers_addresses()
                    && r.name
                        .strip_prefix("*.")
                        .is_some_and(|d| in_domain(name, d) && name != d)
            })
        };
        let Some(record) = exact.or_else(wildcard) else {
            steps.push(Step {
                text: format!(
                    "zone `{}` holds no A, AAAA or CNAME record for `{name}`: NXDOMAIN, with no \
                     fallback to public DNS",
                    zone.id
                ),
                origin: records.origin.clone(),
                member: None,
            });
            return Answer::NxDomain(zone);
        };
        let target = self.record_endpoint(record);
        steps.push(Step {
            text: match (&record.alias, target) {
                (Some(a), Some(ep)) => format!(
                    "record `{}` {} is an alias to `{}`, a DNS name of endpoint `{}`",
                    record.name, record.rtype, a.dns_name, ep.id
                ),
                (Some(a), None) => format!(
                    "record `{}` {} is an alias to `{}`, which names no endpoint of the input",
                    record.name, record.rtype, a.dns_name
                ),
                (None, Some(ep)) => format!(
                    "record `{}` {} leads to endpoint `{}`",
                    record.name, record.rtype, ep.id
                ),
                (None, None) => format!(
                    "record `{}` {} answers {}",
                    record.name,
                    record.rtype,
                    record.values.join(", ")
                ),
            },
            origin: record.origin.clone(),
            member: Some(if record.alias.is_some() {
                "AliasTarget/DNSName".into()
            } else {
                "ResourceRecords".into()
            }),
        });
        match target {
            Some(endpoint) => Answer::ZoneEndpoint {
                zone,
                record,
                endpoint,
            },
            None => Answer::ZoneRecord { zone, record },
        }
    }

    /// The endpoint a record leads to: an alias or CNAME to one of its DNS names, or A/AAAA
    /// values that are its interfaces' addresses.
    pub fn record_endpoint(&self, record: &Record) -> Option<&'e VpcEndpoint> {
        if let Some(a) = &record.alias {
            return self.endpoint_named(&a.dns_name);
        }
        record.values.iter().find_map(|v| {
            if record.rtype == "CNAME" {
                self.endpoint_named(&normalize_name(v))
            } else {
                v.parse()
                    .ok()
                    .and_then(|ip| self.by_address.get(&ip).copied())
            }
        })
    }
}

/// The domain a private DNS name claims: `*.execute-api.eu-west-1.amazonaws.com` claims every
/// name below `execute-api.eu-west-1.amazonaws.com`.
fn dns_domain(name: &str) -> &str {
    name.strip_prefix("*.").unwrap_or(name)
}

/// The private DNS names an interface endpoint's service offers, normalized: from
/// describe-vpc-endpoint-services or the service's configuration when read, else, for an AWS
/// service (`com.amazonaws.REGION.SERVICE`), the name its SDKs use.
pub fn private_dns_names(estate: &Estate, ep: &VpcEndpoint) -> Vec<String> {
    if let Some(s) = estate.service_for(ep) {
        if !s.private_dns_names.is_empty() {
            return s
                .private_dns_names
                .iter()
                .map(|n| normalize_name(n))
                .collect();
        }
    }
    if let Some(n) = estate
        .service_configuration_named(&ep.service_name)
        .and_then(|c| c.private_dns_name.as_deref())
    {
        return vec![normalize_name(n)];
    }
    aws_service_dns_name(&ep.service_name).into_iter().collect()
}

/// The DNS name the SDKs call an AWS service by, from its endpoint service name:
/// `com.amazonaws.eu-west-1.sqs` → `sqs.eu-west-1.amazonaws.com`; a few services differ from
/// their endpoint's name (`kinesis-streams` is `kinesis`, `ecr.api` is `api.ecr`, every
/// `execute-api` host is a name below the service's domain).
pub fn aws_service_dns_name(service_name: &str) -> Option<String> {
    let rest = service_name.strip_prefix("com.amazonaws.")?;
    if rest.starts_with("vpce.") {
        return None;
    }
    let (region, service) = rest.split_once('.')?;
    let name = match service {
        "kinesis-streams" => "kinesis".to_owned(),
        "kinesis-firehose" => "firehose".to_owned(),
        "execute-api" => "*.execute-api".to_owned(),
        "ecr.dkr" => "*.dkr.ecr".to_owned(),
        other => other.split('.').rev().collect::<Vec<_>>().join("."),
    };
    Some(format!("{name}.{region}.amazonaws.com"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names_to_the_names_sdks_use() {
        let n = |s| aws_service_dns_name(s);
        assert_eq!(
            n("com.amazonaws.eu-west-1.sqs").as_deref(),
            Some("sqs.eu-west-1.amazonaws.com")
        );
        assert_eq!(
            n("com.amazonaws.eu-west-1.kinesis-streams").as_deref(),
            Some("kinesis.eu-west-1.amazonaws.com")
        );
        assert_eq!(
            n("com.amazonaws.eu-west-1.ecr.api").as_deref(),
            Some("api.ecr.eu-west-1.amazonaws.com")
        );
        assert_eq!(
            n("com.amazonaws.eu-west-1.execute-api").as_deref(),
            Some("*.execute-api.eu-west-1.amazonaws.com")
        );
        assert_eq!(n("com.amazonaws.vpce.eu-west-1.vpce-svc-1"), None);
        assert_eq!(dns_domain("*.execute-api.x"), "execute-api.x");
    }
}
