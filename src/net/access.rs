//! Endpoint access: the ports an endpoint's service needs, the endpoint's clients, and the trace
//! of every (client, endpoint interface) pair. The connectivity rules read these results.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use ipnet::IpNet;
use rustc_hash::FxHashSet;

use crate::model::{
    EndpointKind, EniId, NetworkInterface, PcxId, Protocol, SgId, SgPeer, Subnet, SubnetId,
    VpcEndpoint,
};

use super::flow::{Source, Target};
use super::packets::{is_world, AddrSet, Lattice, PortSet};
use super::verdict::Hop;
use super::{subnet_blocks, Network, PacketSet};

/// `[[service]]`: the ports of the services whose name matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceRule {
    /// Service name or glob (`*` any run of characters, `?` one character).
    pub name: String,
    /// TCP or UDP.
    pub protocol: Protocol,
    /// The ports.
    pub ports: PortSet,
}

/// `[[clients]]`: extra clients of the endpoints that match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientRule {
    /// Endpoint ids (`vpce-…`) or service names or globs; empty matches every endpoint.
    pub endpoints: Vec<String>,
    /// Client address blocks.
    pub cidrs: Vec<IpNet>,
    /// Client subnets.
    pub subnets: Vec<SubnetId>,
    /// Client security groups (their members are the clients).
    pub security_groups: Vec<SgId>,
}

impl ClientRule {
    /// Whether the rule names this endpoint.
    pub fn matches(&self, ep: &VpcEndpoint) -> bool {
        self.endpoints.is_empty()
            || self
                .endpoints
                .iter()
                .any(|p| glob(p, ep.id.as_str()) || glob(p, &ep.service_name))
    }
}

/// The connectivity settings of `vpclint.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReachConfig {
    /// `[[service]]` entries, in file order; the first match wins.
    pub services: Vec<ServiceRule>,
    /// `[[clients]]` entries.
    pub clients: Vec<ClientRule>,
}

/// The traffic a service needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNeed {
    /// TCP or UDP.
    pub protocol: Protocol,
    /// The ports.
    pub ports: PortSet,
    /// Where the requirement comes from (a `[[service]]` entry, an Aiven service); `None` for
    /// an AWS service's HTTPS.
    pub configured: Option<String>,
}

impl ServiceNeed {
    /// `TCP 443`, `TCP 10000-31000`.
    pub fn render(&self) -> String {
        let p = match self.protocol {
            Protocol::Udp => "UDP",
            _ => "TCP",
        };
        format!("{p} {}", self.ports.render())
    }
}

/// What is known about a service's ports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    /// The ports.
    Known(ServiceNeed),
    /// An endpoint service without a `[[service]]` entry: no guess is made.
    Unknown,
}

/// The ports `service_name` needs: a matching `[[service]]` entry, else what the Aiven service
/// behind it needs (Kafka's broker pool, or the ports of the components on the `privatelink`
/// route), else the ports its Network Load Balancers listen on (when the provider's side is in
/// the input), else TCP 443 for AWS services (`com.amazonaws.<region>.<service>`, execute-api
/// included), else unknown.
pub fn service_need(cfg: &ReachConfig, estate: &crate::model::Estate, service_name: &str) -> Need {
    if let Some(r) = cfg.services.iter().find(|r| glob(&r.name, service_name)) {
        return Need::Known(ServiceNeed {
            protocol: r.protocol,
            ports: r.ports.clone(),
            configured: Some(format!("`[[service]]` `{}`", r.name)),
        });
    }
    if let Some(aiven) = estate.aiven_service_for(service_name) {
        let ports = aiven
            .required_ports()
            .into_iter()
            .filter(|(p, _, _)| *p == Protocol::Tcp)
            .fold(PortSet::default(), |acc, (_, from, to)| {
                acc.union(&PortSet::range(from, to))
            });
        if ports.ranges().next().is_some() {
            return Need::Known(ServiceNeed {
                protocol: Protocol::Tcp,
                ports,
                configured: Some(format!(
                    "Aiven `{}` service `{}`",
                    aiven.service_type, aiven.name
                )),
            });
        }
    }
    if let Some(need) = listener_need(estate, service_name) {
        return Need::Known(need);
    }
    let aws = service_name
        .strip_prefix("com.amazonaws.")
        .filter(|rest| !rest.starts_with("vpce."))
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(region, service)| !region.is_empty() && !service.is_empty());
    if aws {
        Need::Known(ServiceNeed {
            protocol: Protocol::Tcp,
            ports: PortSet::range(443, 443),
            configured: None,
        })
    } else {
        Need::Unknown
    }
}

/// The union of the listener ports of the load balancers behind the endpoint service this
/// account provides as `service_name`; `None` when its configuration or listeners were not read.
/// A need has one protocol: TCP's ports when any listener carries TCP, else UDP's.
fn listener_need(estate: &crate::model::Estate, service_name: &str) -> Option<ServiceNeed> {
    let config = estate.service_configuration_named(service_name)?;
    let mut tcp = PortSet::default();
    let mut udp = PortSet::default();
    let mut names = Vec::new();
    for arn in &config.nlb_arns {
        let mut any = false;
        for l in estate.listeners_of(arn) {
            let port = PortSet::range(l.port, l.port);
            for p in &l.protocols {
                match p {
                    Protocol::Udp => udp = udp.union(&port),
                    _ => tcp = tcp.union(&port),
                }
                any = true;
            }
        }
        if any {
            // The name when describe-load-balancers was read, else the ARN's
            // (`…:loadbalancer/net/NAME/ID`).
            let name = estate
                .load_balancers
                .get(arn)
                .map(|b| b.name.as_str())
                .filter(|n| !n.is_empty())
                .or_else(|| arn.split('/').nth(2))
                .unwrap_or(arn);
            names.push(format!("`{name}`"));
        }
    }
    let (protocol, ports) = if tcp.ranges().next().is_some() {
        (Protocol::Tcp, tcp)
    } else if udp.ranges().next().is_some() {
        (Protocol::Udp, udp)
    } else {
        return None;
    };
    let what = if names.len() == 1 {
        "load balancer"
    } else {
        "load balancers"
    };
    Some(ServiceNeed {
        protocol,
        ports,
        configured: Some(format!("the listeners of {what} {}", names.join(", "))),
    })
}

/// `*` matches any run of characters, `?` one; everything else matches itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        match p.get(i) {
            Some('*') => {
                star = Some((i, j));
                i += 1;
            }
            Some(c) if *c == '?' || Some(c) == t.get(j) => {
                i += 1;
                j += 1;
            }
            _ => match star {
                Some((si, sj)) => {
                    i = si + 1;
                    j = sj + 1;
                    star = Some((si, sj + 1));
                }
                None => return false,
            },
        }
    }
    p.get(i..)
        .is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}

/// What a client is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientKind {
    /// Every address of a subnet.
    Subnet(SubnetId),
    /// Members of a security group in one subnet (with the same groups).
    Members {
        /// The group the endpoint's rules (or the configuration) name.
        group: SgId,
        /// The members' subnet.
        subnet: Option<SubnetId>,
        /// The members.
        enis: Vec<EniId>,
    },
    /// A configured block.
    Cidr(IpNet),
}

/// Why it is a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientWhy {
    /// A subnet of the endpoint's VPC.
    OwnVpc,
    /// A subnet of a peered VPC that the endpoint's groups name.
    Peered(PcxId),
    /// A subnet of a VPC attached to the same transit gateway that the endpoint's groups name.
    Transit(crate::model::TgwId),
    /// A member of a group the endpoint's groups name.
    GroupReference,
    /// Named in `[[clients]]`.
    Configured,
}

/// A client of an endpoint.
#[derive(Clone, Debug)]
pub struct Client<'e> {
    /// What it is.
    pub kind: ClientKind,
    /// Why it is a client.
    pub why: ClientWhy,
    /// Its addresses.
    pub addrs: AddrSet,
    /// The subnet it sends from.
    pub subnet: Option<&'e Subnet>,
    /// Its security groups (members only).
    pub groups: Vec<SgId>,
}

impl Client<'_> {
    /// `` `subnet-1` (10.0.2.0/24) ``, `` members of `sg-1` in `subnet-1` (`eni-1`) ``,
    /// `` `10.9.0.0/16` ``.
    pub fn label(&self) -> String {
        match &self.kind {
            ClientKind::Subnet(id) => format!("`{id}` ({})", self.addrs.render()),
            ClientKind::Members {
                group,
                subnet,
                enis,
            } => {
                let mut s = format!("members of `{group}`");
                if let Some(sub) = subnet {
                    let _ = write!(s, " in `{sub}`");
                }
                let shown: Vec<String> = enis.iter().take(3).map(|e| format!("`{e}`")).collect();
                let more = enis.len().saturating_sub(3);
                let _ = write!(s, " ({}", shown.join(", "));
                if more > 0 {
                    let _ = write!(s, " and {more} more");
                }
                s.push(')');
                s
            }
            ClientKind::Cidr(n) => format!("`{n}`"),
        }
    }

    /// The Availability Zone key of the client: zone id when known, else zone name.
    pub fn zone(&self) -> Option<(&str, Option<&str>)> {
        self.subnet.map(|s| (s.az.as_str(), s.az_id.as_deref()))
    }
}

/// One endpoint interface as seen from one client.
#[derive(Clone, Debug)]
pub struct InterfaceAccess<'e> {
    /// The interface's subnet.
    pub subnet: &'e Subnet,
    /// The interface, when the input lists it.
    pub eni: Option<&'e EniId>,
    /// The hops of the flow there and back that drop part of it or cannot decide, without
    /// their admitted parts: empty for a healthy flow, which is most of an estate's.
    pub problems: Vec<Hop>,
    /// Whether everything requested gets through both ways.
    pub reachable: bool,
}

/// One client of an endpoint and its flow to each interface.
#[derive(Clone, Debug)]
pub struct ClientAccess<'e> {
    /// The client.
    pub client: Client<'e>,
    /// The address families (IPv4, IPv6) of the endpoint's first interface, which its
    /// requests are made in; `None` without interfaces.
    families: Option<(bool, bool)>,
    /// One flow per endpoint interface.
    pub interfaces: Vec<InterfaceAccess<'e>>,
}

impl ClientAccess<'_> {
    /// Its addresses (in the families of the endpoint's first interface) × the service's
    /// protocol and ports. Computed when asked: only the clients some hop drops need it.
    pub fn requested(&self, need: &ServiceNeed) -> PacketSet {
        let Some((v4, v6)) = self.families else {
            return PacketSet::empty();
        };
        let addrs = self.client.addrs.in_families(v4, v6);
        PacketSet::service(need.protocol, &need.ports, &addrs)
    }
}

/// An interface endpoint, its service's needs and its clients.
#[derive(Clone, Debug)]
pub struct EndpointAccess<'e> {
    /// The endpoint.
    pub endpoint: &'e VpcEndpoint,
    /// The service's ports.
    pub need: Need,
    /// Its clients (empty when the need is unknown).
    pub clients: Vec<ClientAccess<'e>>,
}

impl<'e> Network<'e> {
    /// Access analysis of every interface endpoint that is not being deleted, in id order.
    /// Each endpoint costs (its clients × its interfaces) traces: its own VPC's subnets, the
    /// peered subnets its groups name, its groups' members and the configured clients.
    pub fn endpoint_access(&self, cfg: &ReachConfig) -> Vec<EndpointAccess<'e>> {
        use rayon::prelude::*;
        let eps: Vec<&'e VpcEndpoint> = self
            .estate
            .endpoints
            .values()
            .filter(|ep| {
                ep.kind == EndpointKind::Interface && !crate::model::state_is_gone(&ep.state)
            })
            .collect();
        // Endpoints of one VPC share its subnets, tables and NACLs: analysed together, they
        // find them in the cache. The results keep id order.
        let mut by_vpc: Vec<(usize, &'e VpcEndpoint)> = eps.into_iter().enumerate().collect();
        by_vpc.sort_by(|a, b| (&a.1.vpc_id, a.0).cmp(&(&b.1.vpc_id, b.0)));
        let mut done: Vec<(usize, EndpointAccess<'e>)> = by_vpc
            .par_iter()
            .map(|(i, ep)| (*i, self.access_of(ep, cfg)))
            .collect();
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, a)| a).collect()
    }

    /// Access analysis of one endpoint.
    pub fn access_of(&self, ep: &'e VpcEndpoint, cfg: &ReachConfig) -> EndpointAccess<'e> {
        let need = service_need(cfg, self.estate, &ep.service_name);
        let Need::Known(n) = &need else {
            return EndpointAccess {
                endpoint: ep,
                need,
                clients: Vec::new(),
            };
        };
        let targets = self.interfaces_of(ep);
        let clients = self
            .clients_of(ep, cfg)
            .into_iter()
            .map(|mut client| {
                // The client lends its addresses and groups to the flows' source and gets them
                // back: a copy per (endpoint, client) adds up on a large estate.
                let source = Source {
                    addrs: std::mem::take(&mut client.addrs),
                    subnet: client.subnet,
                    groups: std::mem::take(&mut client.groups),
                };
                let families = targets
                    .first()
                    .map(|(_, t)| (!t.addrs.v4.is_empty(), !t.addrs.v6.is_empty()));
                let interfaces = targets
                    .iter()
                    .map(|(eni, t)| {
                        let (problems, reachable) =
                            match self.problems(&source, t, n.protocol, &n.ports) {
                                None => (Vec::new(), true),
                                Some(trace) => {
                                    let reachable = trace.reachable();
                                    (trace.hops, reachable)
                                }
                            };
                        InterfaceAccess {
                            subnet: t.subnet,
                            eni: *eni,
                            problems,
                            reachable,
                        }
                    })
                    .collect();
                client.addrs = source.addrs;
                client.groups = source.groups;
                ClientAccess {
                    client,
                    families,
                    interfaces,
                }
            })
            .collect();
        EndpointAccess {
            endpoint: ep,
            need,
            clients,
        }
    }

    /// The endpoint's interfaces: one per subnet the input describes, with the interface's
    /// addresses inside that subnet (moto's exports carry random ones), else the subnet's blocks.
    pub(crate) fn interfaces_of(
        &self,
        ep: &'e VpcEndpoint,
    ) -> Vec<(Option<&'e EniId>, Target<'e>)> {
        let mut out = Vec::new();
        for sid in &ep.subnet_ids {
            let Some(subnet) = self.estate.subnets.get(sid) else {
                continue;
            };
            let eni = ep
                .eni_ids
                .iter()
                .filter_map(|e| self.estate.interfaces.get(e))
                .find(|e| e.subnet_id.as_ref() == Some(sid));
            out.push((
                eni.map(|e| &e.id),
                Target {
                    subnet,
                    addrs: endpoint_addrs(ep, subnet, eni),
                    groups: &ep.groups,
                },
            ));
        }
        out
    }

    /// The endpoint's clients, in a stable order: its VPC's subnets (unless its groups admit by
    /// group reference, which makes the group's members the clients), the subnets of peered VPCs
    /// that its groups name by CIDR, the members of the groups its groups name, then the
    /// configured clients.
    pub fn clients_of(&self, ep: &'e VpcEndpoint, cfg: &ReachConfig) -> Vec<Client<'e>> {
        let estate = self.estate;
        let rules: Vec<&SgPeer> = ep
            .groups
            .iter()
            .filter_map(|g| self.group(g))
            .flat_map(|g| g.ingress.iter().map(|r| &r.peer))
            .collect();
        let named: Vec<AddrSet> = rules
            .iter()
            .filter_map(|p| match p {
                SgPeer::Cidr(n) if !is_world(n) => Some(AddrSet::net(n)),
                _ => None,
            })
            .collect();
        let referenced: BTreeSet<&SgId> = rules
            .iter()
            .filter_map(|p| match p {
                SgPeer::Group(g) if !ep.groups.contains(g) => Some(g),
                _ => None,
            })
            .collect();
        let (own_subnets, own_addrs) = self.subnets_in(&ep.vpc_id);
        let own_blocks = match estate.vpcs.get(&ep.vpc_id) {
            Some(v) => AddrSet::nets(v.cidrs.iter().map(|c| &c.block)),
            None => own_addrs.cloned().unwrap_or_default(),
        };
        let mut out = Vec::new();
        // Subnets already clients, once past the own VPC's (whose ids are all distinct).
        let mut seen: FxHashSet<&SubnetId> = FxHashSet::default();
        for (s, addrs) in own_subnets {
            // With group references, a subnet is a client only where a CIDR rule names it.
            if referenced.is_empty() || named.iter().any(|n| n.overlaps(addrs)) {
                out.push(subnet_client(s, addrs, ClientWhy::OwnVpc));
            }
        }
        let peers = self.peers(&ep.vpc_id);
        // The peers' subnets: only in VPCs that some rule names, since an endpoint may face
        // a hundred peers.
        let outside: Vec<&AddrSet> = named.iter().filter(|n| !n.overlaps(&own_blocks)).collect();
        let peered = peers
            .iter()
            .map(|(pcx, vpc)| (*vpc, ClientWhy::Peered(pcx.id.clone())));
        let attached = self
            .transit_neighbours(&ep.vpc_id)
            .iter()
            .map(|(tgw, vpc)| (*vpc, ClientWhy::Transit((*tgw).clone())));
        for (vpc, why) in peered.chain(attached) {
            let (subnets, addrs) = self.subnets_in(vpc);
            if !addrs.is_some_and(|a| outside.iter().any(|n| n.overlaps(a))) {
                continue;
            }
            for (s, addrs) in subnets {
                // Blocks that overlap the endpoint's own VPC cannot be reached over a peering
                // or a transit gateway (and are peering-cidr-overlap's business); rules that
                // name the own VPC say nothing about peers.
                let named_here = outside.iter().any(|n| n.overlaps(addrs));
                if named_here && !addrs.overlaps(&own_blocks) && seen.insert(&s.id) {
                    out.push(subnet_client(s, addrs, why.clone()));
                }
            }
        }
        for g in &referenced {
            out.extend(self.member_clients(g, ClientWhy::GroupReference));
        }
        let configured: Vec<&ClientRule> = cfg.clients.iter().filter(|r| r.matches(ep)).collect();
        if !configured.is_empty() {
            seen.extend(out.iter().filter_map(|c| match c.why {
                ClientWhy::OwnVpc => c.subnet.map(|s| &s.id),
                _ => None,
            }));
        }
        for rule in configured {
            for sid in &rule.subnets {
                if let Some(s) = estate.subnets.get(sid) {
                    if seen.insert(&s.id) {
                        out.push(subnet_client(s, &subnet_addrs(s), ClientWhy::Configured));
                    }
                }
            }
            for n in &rule.cidrs {
                self.cidr_clients(ep, n, peers, &mut seen, &mut out);
            }
            for g in &rule.security_groups {
                out.extend(self.member_clients(g, ClientWhy::Configured));
            }
        }
        out
    }

    /// A configured block: the subnets (of the endpoint's VPC and its peers) inside it, the
    /// subnet that contains it, and what lies outside every such VPC as an outside client.
    fn cidr_clients(
        &self,
        ep: &'e VpcEndpoint,
        n: &IpNet,
        peers: &[(&'e crate::model::Peering, &'e crate::model::VpcId)],
        seen: &mut FxHashSet<&'e SubnetId>,
        out: &mut Vec<Client<'e>>,
    ) {
        let estate = self.estate;
        let block = AddrSet::net(n);
        let vpcs = std::iter::once(&ep.vpc_id).chain(peers.iter().map(|(_, v)| *v));
        let mut known = AddrSet::default();
        for v in vpcs {
            if let Some(vpc) = estate.vpcs.get(v) {
                known = known.union(&AddrSet::nets(vpc.cidrs.iter().map(|c| &c.block)));
            }
            for s in estate.subnets_of(v) {
                let blocks = subnet_blocks(s);
                if blocks.iter().any(|b| n.contains(b)) {
                    if seen.insert(&s.id) {
                        out.push(subnet_client(s, &subnet_addrs(s), ClientWhy::Configured));
                    }
                } else if blocks.iter().any(|b| b.contains(n)) {
                    out.push(Client {
                        kind: ClientKind::Cidr(*n),
                        why: ClientWhy::Configured,
                        addrs: block.clone(),
                        subnet: Some(s),
                        groups: Vec::new(),
                    });
                    return;
                }
            }
        }
        let outside = block.minus(&known);
        if !outside.is_empty() {
            out.push(Client {
                kind: ClientKind::Cidr(*n),
                why: ClientWhy::Configured,
                addrs: outside,
                subnet: None,
                groups: Vec::new(),
            });
        }
    }

    /// The members of `group`, one client per (subnet, groups) so that interfaces that behave
    /// alike are traced once; endpoint interfaces are not clients.
    pub(crate) fn member_clients(&self, group: &SgId, why: ClientWhy) -> Vec<Client<'e>> {
        let mut by_place: BTreeMap<(Option<&SubnetId>, &[SgId]), Vec<&NetworkInterface>> =
            BTreeMap::new();
        for eni in self.members(group) {
            if self.endpoint_of(&eni.id).is_some() {
                continue;
            }
            by_place
                .entry((eni.subnet_id.as_ref(), self.groups_of(eni)))
                .or_default()
                .push(eni);
        }
        by_place
            .into_iter()
            .map(|((subnet, groups), enis)| {
                let subnet = subnet.and_then(|s| self.estate.subnets.get(s));
                let mut addrs = AddrSet::ips(enis.iter().flat_map(|e| e.addresses.iter()));
                if addrs.is_empty() {
                    addrs =
                        subnet.map_or_else(AddrSet::default, |s| AddrSet::nets(&subnet_blocks(s)));
                }
                Client {
                    kind: ClientKind::Members {
                        group: group.clone(),
                        subnet: subnet.map(|s| s.id.clone()),
                        enis: enis.iter().map(|e| e.id.clone()).collect(),
                    },
                    why: why.clone(),
                    addrs,
                    subnet,
                    groups: groups.to_vec(),
                }
            })
            .collect()
    }
}

/// A subnet's addresses.
fn subnet_addrs(s: &Subnet) -> AddrSet {
    AddrSet::nets(&subnet_blocks(s))
}

fn subnet_client<'e>(s: &'e Subnet, addrs: &AddrSet, why: ClientWhy) -> Client<'e> {
    Client {
        kind: ClientKind::Subnet(s.id.clone()),
        why,
        addrs: addrs.clone(),
        subnet: Some(s),
        groups: Vec::new(),
    }
}

/// The addresses of an endpoint's interface in `subnet`.
fn endpoint_addrs(ep: &VpcEndpoint, subnet: &Subnet, eni: Option<&NetworkInterface>) -> AddrSet {
    let blocks = subnet_blocks(subnet);
    let inside = eni
        .into_iter()
        .flat_map(|e| e.addresses.iter())
        .filter(|ip| blocks.iter().any(|b| b.contains(*ip)))
        .fold(AddrSet::default(), |acc, ip| acc.union(&AddrSet::ip(*ip)));
    let kind = ep.ip_address_type.as_deref().unwrap_or("ipv4");
    let subnet_v4 = AddrSet::nets(subnet.cidr.iter());
    let subnet_v6 = AddrSet::nets(&subnet.ipv6_cidrs);
    let v4 = if kind.eq_ignore_ascii_case("ipv6") {
        AddrSet::default()
    } else if !inside.v4.is_empty() {
        inside.family(false)
    } else {
        subnet_v4
    };
    let v6 = if !inside.v6.is_empty() {
        inside.family(true)
    } else if kind.eq_ignore_ascii_case("dualstack") || kind.eq_ignore_ascii_case("ipv6") {
        subnet_v6
    } else {
        AddrSet::default()
    };
    v4.union(&v6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(
            "com.amazonaws.vpce.*.vpce-svc-*",
            "com.amazonaws.vpce.eu-west-1.vpce-svc-2a9307bb"
        ));
        assert!(glob("*", ""));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "abbc"));
        assert!(glob("*kafka*", "my-kafka-svc"));
        assert!(!glob("com.amazonaws.*.s3", "com.amazonaws.eu-west-1.sqs"));
    }

    #[test]
    fn needs() {
        let cfg = ReachConfig {
            services: vec![ServiceRule {
                name: "com.amazonaws.vpce.*.vpce-svc-0kafka*".into(),
                protocol: Protocol::Tcp,
                ports: PortSet::range(10000, 31000),
            }],
            clients: Vec::new(),
        };
        let estate = crate::model::Estate::default();
        let n = |s: &str| match service_need(&cfg, &estate, s) {
            Need::Known(n) => n.render(),
            Need::Unknown => "unknown".into(),
        };
        assert_eq!(n("com.amazonaws.eu-west-1.execute-api"), "TCP 443");
        assert_eq!(
            n("com.amazonaws.vpce.eu-west-1.vpce-svc-0kafka123"),
            "TCP 10000-31000"
        );
        assert_eq!(n("com.amazonaws.vpce.eu-west-1.vpce-svc-0abc"), "unknown");
        assert_eq!(n("aws.sagemaker.eu-west-1.notebook"), "unknown");
    }
}
