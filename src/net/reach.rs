//! `vpclint reach`: one source, one target, every path between them.

use ipnet::IpNet;

use crate::model::{EndpointKind, Protocol, VpcEndpoint};

use super::access::{service_need, Need, ReachConfig};
use super::flow::{Source, Target};
use super::packets::{AddrSet, Lattice, PortSet};
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
    /// Not an endpoint or a network interface.
    #[error("`{0}` is not an interface endpoint (`vpce-…`) or a network interface (`eni-…`)")]
    BadTarget(String),
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
    /// block) to `to` (interface endpoint or network interface). Without `ports`, the target
    /// endpoint's service ports are used.
    pub fn reach(
        &self,
        from: &str,
        to: &str,
        protocol: Option<Protocol>,
        ports: Option<PortSet>,
        cfg: &ReachConfig,
    ) -> Result<Reach, ReachError> {
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
        })
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
