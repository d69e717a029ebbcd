//! `vpclint reach`: one source, one target, every path between them.

use ipnet::IpNet;

use crate::model::{
    in_domain, EndpointKind, Protocol, RouteTarget, RtbId, SubnetId, VpcEndpoint, VpcId, VpceId,
};

use super::access::{service_need, Need, ReachConfig};
use super::flow::{Source, Target};
use super::packets::{AddrSet, Lattice, PortSet};
use super::resolve::{aws_service_dns_name, private_dns_names, Answer, Resolver, Step};
use super::verdict::Trace;
use super::{subnet_blocks, Network};

/// Why a reach query cannot be answered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReachError {
    /// An id the input does not have.
    #[error("{kind} `{id}` is not in the input")]
    Unknown {
        /// `subnet`, `network interface`, …
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// Something that is neither an id of the right kind nor a CIDR block.
    #[error("`{0}` is not a subnet, network interface, security group or CIDR block")]
    BadSource(String),
    /// Not an endpoint, a network interface or a DNS name.
    #[error(
        "`{0}` is not an interface endpoint (`vpce-…`), a network interface (`eni-…`) or a DNS name"
    )]
    BadTarget(String),
    /// A DNS name as target, from a source in no subnet: whose resolver answers is unknown.
    #[error(
        "`{0}` lies in no subnet of the input, so which VPC's resolver answers it is unknown: \
         give a subnet, network interface or security group"
    )]
    NoVpc(String),
    /// A gateway or other endpoint without interfaces.
    #[error("`{0}` is not an interface endpoint: it has no network interfaces to reach")]
    NotInterface(String),
    /// The target has no interface in a subnet the input describes.
    #[error("`{0}` has no network interface in a subnet of the input")]
    NoInterfaces(String),
    /// A security group without members.
    #[error("security group `{0}` has no network interfaces in the input")]
    NoMembers(String),
    /// No port given and none known for the target.
    #[error("the ports of `{0}` are unknown: give `--port` or `--ports`")]
    NoPorts(String),
}

/// One path: a source part to one target interface.
#[derive(Clone, Debug)]
pub struct ReachPath {
    /// The source, as a label (`` `subnet-1` (10.0.1.0/24) ``).
    pub source: String,
    /// The target interface's id, when the input lists it.
    pub interface: Option<String>,
    /// The target interface's subnet.
    pub subnet: String,
    /// Its Availability Zone.
    pub az: String,
    /// The flow.
    pub trace: Trace,
}

/// The answer to a reach query.
#[derive(Clone, Debug)]
pub struct Reach {
    /// The target, as given.
    pub target: String,
    /// The endpoint's service, when the target is an endpoint.
    pub service: Option<String>,
    /// The protocol checked.
    pub protocol: Protocol,
    /// The ports checked.
    pub ports: PortSet,
    /// Every path.
    pub paths: Vec<ReachPath>,
    /// How the source's VPC resolved the target, when it was given as a DNS name.
    pub lookup: Option<NameLookup>,
    /// The routes to a gateway endpoint, when the target is one (or a name it serves).
    pub gateway: Option<GatewayReach>,
}

/// A gateway endpoint as a target: it has no address to trace to, only a route that sends the
/// service's prefix list to it in each source subnet's route table.
#[derive(Clone, Debug)]
pub struct GatewayReach {
    /// The gateway endpoint.
    pub endpoint: VpceId,
    /// Its service.
    pub service: String,
    /// One path per source subnet.
    pub paths: Vec<GatewayPath>,
}

/// How one source subnet's traffic to a gateway endpoint's service is routed.
#[derive(Clone, Debug)]
pub struct GatewayPath {
    /// The source subnet.
    pub subnet: SubnetId,
    /// The route table in force on it, when the input has one.
    pub table: Option<RtbId>,
    /// The index of the table's route to the endpoint, when the table lists it.
    pub route: Option<usize>,
    /// Whether the endpoint names the table among its route tables.
    pub associated: bool,
    /// The index of the table's default route, which the traffic takes without the endpoint.
    pub instead: Option<usize>,
    /// The subnet lies in another VPC: a gateway endpoint serves its own VPC only.
    pub other_vpc: bool,
}

impl GatewayPath {
    /// Whether the subnet's traffic to the service takes the endpoint.
    pub fn routed(&self) -> bool {
        !self.other_vpc && (self.route.is_some() || self.associated)
    }
}

/// How a source's VPC resolves the DNS name given as `reach --to`.
#[derive(Clone, Debug)]
pub struct NameLookup {
    /// The name, normalized.
    pub name: String,
    /// The VPC whose resolver answers.
    pub vpc: VpcId,
    /// Each step of the resolution, then the endpoints whose private DNS claims the name in
    /// other VPCs only, when the name does not lead to an endpoint.
    pub steps: Vec<Step>,
    /// What the resolver answers.
    pub answer: NameAnswer,
    /// Whether the VPC's DHCP options send clients to custom name servers first.
    pub custom_servers: bool,
}

/// What a VPC's resolver answers for a name, as `reach` follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameAnswer {
    /// The addresses of this interface endpoint: the paths lead to it.
    Endpoint(VpceId),
    /// The service's public addresses, which a gateway endpoint of the VPC serves where the
    /// route tables send the service's prefix list to it.
    Gateway(VpceId),
    /// The service's public addresses: the request leaves the VPC (not traced).
    Public,
    /// The servers of a forwarding rule answer (not traced).
    Forwarded,
    /// A private zone's record that leads to no endpoint of the input.
    Record,
    /// A private zone claims the name without a record: no address at all.
    NxDomain,
    /// A private zone whose records are not in the input.
    Unknown,
}

/// Reachable, blocked, or undecided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReachVerdict {
    /// Everything gets through on every path.
    Reachable,
    /// Some hop drops some of it.
    Blocked,
    /// Nothing is dropped, but a prefix list or an unmodelled gateway decides part of it.
    Undetermined,
}

impl Reach {
    /// The overall verdict.
    pub fn verdict(&self) -> ReachVerdict {
        if let Some(g) = &self.gateway {
            return if g.paths.iter().all(GatewayPath::routed) {
                ReachVerdict::Reachable
            } else {
                ReachVerdict::Blocked
            };
        }
        if let Some(l) = &self.lookup {
            match l.answer {
                NameAnswer::NxDomain => return ReachVerdict::Blocked,
                NameAnswer::Endpoint(_) | NameAnswer::Gateway(_) => {}
                _ => return ReachVerdict::Undetermined,
            }
            if l.custom_servers && self.paths.iter().all(|p| p.trace.reachable()) {
                return ReachVerdict::Undetermined;
            }
        }
        if self.paths.iter().all(|p| p.trace.reachable()) {
            ReachVerdict::Reachable
        } else if self.paths.iter().any(|p| !p.trace.dropped().is_empty()) {
            ReachVerdict::Blocked
        } else {
            ReachVerdict::Undetermined
        }
    }
}

impl<'e> Network<'e> {
    /// Traces `protocol`/`ports` from `from` (subnet, network interface, security group or CIDR
    /// block) to `to` (interface endpoint, network interface, or a DNS name, which the source's
    /// VPC resolves first). Without `ports`, the target endpoint's service ports are used.
    pub fn reach(
        &self,
        from: &str,
        to: &str,
        protocol: Option<Protocol>,
        ports: Option<PortSet>,
        cfg: &ReachConfig,
    ) -> Result<Reach, ReachError> {
        // A planned endpoint's id is its Terraform address, dotted like a name.
        let planned = self
            .estate
            .endpoints
            .contains_key(&crate::model::VpceId::from(to));
        if !planned && is_dns_name(to) {
            return self.reach_name(from, to, protocol, ports, cfg);
        }
        if let Some(ep) = self
            .estate
            .endpoints
            .get(&VpceId::from(to))
            .filter(|ep| ep.kind == EndpointKind::Gateway)
        {
            return self.reach_gateway(from, ep, None);
        }
        let (targets, endpoint) = self.reach_targets(to)?;
        let (protocol, ports) = match (ports, endpoint) {
            (Some(p), _) => (protocol.unwrap_or(Protocol::Tcp), p),
            (None, Some(ep)) => match service_need(cfg, self.estate, &ep.service_name) {
                Need::Known(n) => (protocol.unwrap_or(n.protocol), n.ports),
                Need::Unknown => return Err(ReachError::NoPorts(to.to_owned())),
            },
            (None, None) => return Err(ReachError::NoPorts(to.to_owned())),
        };
        let sources = self.reach_sources(from, targets.first().map(|(_, t)| t))?;
        let mut paths = Vec::new();
        for (label, source) in &sources {
            for (eni, t) in &targets {
                paths.push(ReachPath {
                    source: label.clone(),
                    interface: eni.clone(),
                    subnet: t.subnet.id.to_string(),
                    az: t.subnet.az.clone(),
                    trace: self.trace(source, t, protocol, &ports),
                });
            }
        }
        Ok(Reach {
            target: to.to_owned(),
            service: endpoint.map(|e| e.service_name.clone()),
            protocol,
            ports,
            paths,
            lookup: None,
            gateway: None,
        })
    }

    /// `reach` to a DNS name: the resolution in the source's VPC, then the paths to the
    /// endpoint it leads to; an answer that leads elsewhere is not traced.
    fn reach_name(
        &self,
        from: &str,
        name: &str,
        protocol: Option<Protocol>,
        ports: Option<PortSet>,
        cfg: &ReachConfig,
    ) -> Result<Reach, ReachError> {
        let sources = self.reach_sources(from, None)?;
        let vpc = sources
            .iter()
            .find_map(|(_, s)| s.subnet.map(|s| s.vpc_id.clone()))
            .ok_or_else(|| ReachError::NoVpc(from.to_owned()))?;
        let resolution = Resolver::new(self.estate).resolve(&vpc, name);
        let answer = match &resolution.answer {
            Answer::PrivateDns(ep) | Answer::ZoneEndpoint { endpoint: ep, .. } => {
                NameAnswer::Endpoint(ep.id.clone())
            }
            Answer::ZoneRecord { .. } => NameAnswer::Record,
            Answer::NxDomain(_) => NameAnswer::NxDomain,
            Answer::ZoneUnread(_) => NameAnswer::Unknown,
            Answer::Forwarded { .. } => NameAnswer::Forwarded,
            Answer::Public => NameAnswer::Public,
        };
        let gateway = match answer {
            NameAnswer::Public => self.gateway_for_name(&vpc, &resolution.name),
            _ => None,
        };
        let answer = gateway.map_or(answer, |g| NameAnswer::Gateway(g.id.clone()));
        let mut steps = resolution.steps.clone();
        if !matches!(answer, NameAnswer::Endpoint(_) | NameAnswer::Gateway(_)) {
            steps.extend(self.private_dns_elsewhere(&vpc, &resolution.name));
        }
        let lookup = NameLookup {
            name: resolution.name.clone(),
            vpc,
            steps,
            answer,
            custom_servers: resolution.custom_servers.is_some(),
        };
        if let Some(g) = gateway {
            return self.reach_gateway(from, g, Some(lookup));
        }
        if let NameAnswer::Endpoint(id) = &lookup.answer {
            let mut reach = self.reach(from, id.as_str(), protocol, ports, cfg)?;
            reach.lookup = Some(lookup);
            return Ok(reach);
        }
        Ok(Reach {
            target: lookup.name.clone(),
            service: None,
            protocol: protocol.unwrap_or(Protocol::Tcp),
            ports: ports.unwrap_or_default(),
            paths: Vec::new(),
            lookup: Some(lookup),
            gateway: None,
        })
    }

    /// `reach` to a gateway endpoint: the route each source subnet's table has to it.
    fn reach_gateway(
        &self,
        from: &str,
        ep: &VpcEndpoint,
        lookup: Option<NameLookup>,
    ) -> Result<Reach, ReachError> {
        let sources = self.reach_sources(from, None)?;
        let mut paths: Vec<GatewayPath> = Vec::new();
        for subnet in sources.iter().filter_map(|(_, s)| s.subnet) {
            if paths.iter().any(|p| p.subnet == subnet.id) {
                continue;
            }
            let table = self.place(&subnet.id).and_then(|p| p.table).map(|(t, _)| t);
            let route = table.and_then(|t| {
                t.routes.iter().position(
                    |r| matches!(&r.target, RouteTarget::Other(id) if id == ep.id.as_str()),
                )
            });
            let instead = table.and_then(|t| {
                t.routes
                    .iter()
                    .position(|r| r.destination.is_some_and(|d| d.prefix_len() == 0))
            });
            paths.push(GatewayPath {
                subnet: subnet.id.clone(),
                table: table.map(|t| t.id.clone()),
                route,
                associated: table.is_some_and(|t| ep.route_table_ids.contains(&t.id)),
                instead,
                other_vpc: subnet.vpc_id != ep.vpc_id,
            });
        }
        if paths.is_empty() {
            return Err(ReachError::NoVpc(from.to_owned()));
        }
        Ok(Reach {
            target: ep.id.to_string(),
            service: Some(ep.service_name.clone()),
            protocol: Protocol::Tcp,
            ports: PortSet::default(),
            paths: Vec::new(),
            lookup,
            gateway: Some(GatewayReach {
                endpoint: ep.id.clone(),
                service: ep.service_name.clone(),
                paths,
            }),
        })
    }

    /// The gateway endpoint of `vpc` whose service answers `name` (`s3.eu-west-1.amazonaws.com`,
    /// or a bucket's name below it).
    fn gateway_for_name(&self, vpc: &VpcId, name: &str) -> Option<&'e VpcEndpoint> {
        let mut found: Vec<&'e VpcEndpoint> = self
            .estate
            .endpoints_in(vpc)
            .filter(|ep| {
                ep.kind == EndpointKind::Gateway && !crate::model::state_is_gone(&ep.state)
            })
            .filter(|ep| {
                aws_service_dns_name(&ep.service_name).is_some_and(|d| in_domain(name, &d))
            })
            .collect();
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found.into_iter().next()
    }

    /// Interface endpoints outside `vpc` whose private DNS claims `name`: they answer it only
    /// in their own VPC, which is what a user asking from elsewhere needs to hear.
    fn private_dns_elsewhere(&self, vpc: &VpcId, name: &str) -> Vec<Step> {
        let mut found: Vec<&VpcEndpoint> = self
            .estate
            .endpoints
            .values()
            .filter(|ep| ep.kind == EndpointKind::Interface && ep.private_dns_on())
            .filter(|ep| &ep.vpc_id != vpc)
            .filter(|ep| {
                private_dns_names(self.estate, ep)
                    .iter()
                    .any(|n| match n.strip_prefix("*.") {
                        Some(domain) => in_domain(name, domain) && name != domain,
                        None => n == name,
                    })
            })
            .collect();
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found
            .into_iter()
            .map(|ep| Step {
                text: format!(
                    "interface endpoint `{}` in `{}` has private DNS on for `{name}`, which \
                     answers only inside `{}`: not over peering, transit gateway or VPN",
                    ep.id, ep.vpc_id, ep.vpc_id
                ),
                origin: ep.origin.clone(),
                member: Some("PrivateDnsEnabled".into()),
            })
            .collect()
    }

    #[allow(clippy::type_complexity)]
    fn reach_targets(
        &self,
        to: &str,
    ) -> Result<(Vec<(Option<String>, Target<'e>)>, Option<&'e VpcEndpoint>), ReachError> {
        let estate = self.estate;
        // A planned endpoint's id is its Terraform address.
        let known = estate.endpoints.get(&crate::model::VpceId::from(to));
        if to.starts_with("vpce-") || known.is_some() {
            let ep = known.ok_or_else(|| ReachError::Unknown {
                kind: "VPC endpoint",
                id: to.to_owned(),
            })?;
            if ep.kind != EndpointKind::Interface {
                return Err(ReachError::NotInterface(to.to_owned()));
            }
            let t: Vec<_> = self
                .interfaces_of(ep)
                .into_iter()
                .map(|(eni, t)| (eni.map(|e| e.to_string()), t))
                .collect();
            if t.is_empty() {
                return Err(ReachError::NoInterfaces(to.to_owned()));
            }
            return Ok((t, Some(ep)));
        }
        if to.starts_with("eni-") {
            let eni = estate
                .interfaces
                .get(&crate::model::EniId::from(to))
                .ok_or_else(|| ReachError::Unknown {
                    kind: "network interface",
                    id: to.to_owned(),
                })?;
            let subnet = eni
                .subnet_id
                .as_ref()
                .and_then(|s| estate.subnets.get(s))
                .ok_or_else(|| ReachError::NoInterfaces(to.to_owned()))?;
            let blocks = subnet_blocks(subnet);
            let inside = eni
                .addresses
                .iter()
                .filter(|ip| blocks.iter().any(|b| b.contains(*ip)))
                .fold(AddrSet::default(), |acc, ip| acc.union(&AddrSet::ip(*ip)));
            let addrs = if inside.is_empty() {
                AddrSet::nets(&blocks)
            } else {
                inside
            };
            let target = Target {
                subnet,
                addrs,
                groups: self.groups_of(eni),
            };
            return Ok((
                vec![(Some(to.to_owned()), target)],
                self.endpoint_of(&eni.id),
            ));
        }
        Err(ReachError::BadTarget(to.to_owned()))
    }

    fn reach_sources(
        &self,
        from: &str,
        target: Option<&Target<'e>>,
    ) -> Result<Vec<(String, Source<'e>)>, ReachError> {
        let estate = self.estate;
        // A planned subnet's id is its Terraform address.
        let known = estate.subnets.get(&crate::model::SubnetId::from(from));
        if from.starts_with("subnet-") || known.is_some() {
            let s = known.ok_or_else(|| ReachError::Unknown {
                kind: "subnet",
                id: from.to_owned(),
            })?;
            let addrs = AddrSet::nets(&subnet_blocks(s));
            let label = format!("`{}` ({})", s.id, addrs.render());
            return Ok(vec![(
                label,
                Source {
                    addrs,
                    subnet: Some(s),
                    groups: Vec::new(),
                },
            )]);
        }
        if from.starts_with("eni-") {
            let eni = estate
                .interfaces
                .get(&crate::model::EniId::from(from))
                .ok_or_else(|| ReachError::Unknown {
                    kind: "network interface",
                    id: from.to_owned(),
                })?;
            let subnet = eni.subnet_id.as_ref().and_then(|s| estate.subnets.get(s));
            let mut addrs = eni
                .addresses
                .iter()
                .fold(AddrSet::default(), |acc, ip| acc.union(&AddrSet::ip(*ip)));
            if addrs.is_empty() {
                addrs = subnet.map_or_else(AddrSet::default, |s| AddrSet::nets(&subnet_blocks(s)));
            }
            let label = format!("`{}` ({})", eni.id, addrs.render());
            return Ok(vec![(
                label,
                Source {
                    addrs,
                    subnet,
                    groups: self.groups_of(eni).to_vec(),
                },
            )]);
        }
        if from.starts_with("sg-") {
            let sg = crate::model::SgId::from(from);
            if !estate.security_groups.contains_key(&sg) && self.members(&sg).is_empty() {
                return Err(ReachError::Unknown {
                    kind: "security group",
                    id: from.to_owned(),
                });
            }
            let clients = self.member_clients(&sg, super::ClientWhy::Configured);
            if clients.is_empty() {
                return Err(ReachError::NoMembers(from.to_owned()));
            }
            return Ok(clients
                .into_iter()
                .map(|c| {
                    (
                        format!("{} ({})", c.label(), c.addrs.render()),
                        Source {
                            addrs: c.addrs,
                            subnet: c.subnet,
                            groups: c.groups,
                        },
                    )
                })
                .collect());
        }
        let net: IpNet = from
            .parse::<IpNet>()
            .or_else(|_| from.parse::<std::net::IpAddr>().map(IpNet::from))
            .map_err(|_| ReachError::BadSource(from.to_owned()))?;
        // The subnet the block lies in: in the target's VPC first, then anywhere.
        let target_vpc = target.map(|t| &t.subnet.vpc_id);
        let mut candidates: Vec<&crate::model::Subnet> = estate
            .subnets
            .values()
            .filter(|s| subnet_blocks(s).iter().any(|b| b.contains(&net)))
            .collect();
        candidates.sort_by_key(|s| Some(&s.vpc_id) != target_vpc);
        let subnet = candidates.first().copied();
        let addrs = AddrSet::net(&net);
        let label = match subnet {
            Some(s) => format!("`{net}` (in `{}`)", s.id),
            None => format!("`{net}` (outside every subnet of the input)"),
        };
        Ok(vec![(
            label,
            Source {
                addrs,
                subnet,
                groups: Vec::new(),
            },
        )])
    }
}

/// Whether `reach --to` names a DNS name rather than an id: dotted, and not an address.
fn is_dns_name(to: &str) -> bool {
    !to.starts_with("vpce-")
        && !to.starts_with("eni-")
        && to.contains('.')
        && to.parse::<std::net::IpAddr>().is_err()
        && to.parse::<IpNet>().is_err()
}
