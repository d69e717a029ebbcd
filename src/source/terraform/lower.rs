//! Planned instances to model resources. Ids known only after apply become the address of the
//! planned resource they reference (so the graph stays connected and findings name the
//! address), or the unknown marker when the reference cannot be followed; every such member is
//! recorded on the resource's origin (where its expression is, whether it stays unknown).

use std::sync::Arc;

use ipnet::IpNet;

use super::attrs::{self, Attrs, NaclBlock, SgBlock, TagMap};
use super::naming;
use super::plan::{Configuration, Expr, Plan, Unknown};
use super::resolve::{Index, Instance, Resolved};
use crate::model::AivenPrivatelink;
use crate::model::{
    self, EndpointKind, NaclAction, NaclEntry, NaclId, Naming, NetworkAcl, Origin, PcxId, Peering,
    PeeringSide, Planned, Protocol, Rel, RestApi, RestApiId, Route, RouteTable, RouteTarget, RtbId,
    Scope, SecurityGroup, ServiceConfiguration, ServicePermission, SgId, SgPeer, SgRule, Subnet,
    SubnetId, Tags, Vpc, VpcCidr, VpcEndpoint, VpcId, VpceId,
};
use crate::model::{DnsAttribute, FileId};
use crate::source::partial::{Attachment, Partial, Removal};
use crate::source::region;
use crate::source::values::Checker;

pub use crate::source::values::Invalid;

mod aiven;
mod data;
mod dns;
mod transit;

/// Lowers a parsed plan.
pub fn lower(file: FileId, plan: &Plan) -> (Partial, Vec<Invalid>) {
    let index = Index::new(plan);
    let mut lw = Lowering {
        file,
        index: &index,
        configuration: plan.configuration.as_ref(),
        partial: Partial {
            planned: true,
            ..Partial::default()
        },
        check: Checker::default(),
        links: Vec::new(),
        dns: dns::Pending::default(),
        transit: transit::Pending::default(),
    };
    for inst in &index.instances {
        let deleted = inst
            .change
            .is_some_and(|c| c.change.actions.iter().all(|a| a == "delete"));
        if !deleted {
            lw.instance(inst);
        }
    }
    for c in &plan.changes {
        let destroys = c.change.actions.iter().any(|a| a == "delete");
        let id = c.change.before.as_ref().and_then(|b| b.id.as_deref());
        if let (true, Some(id), "managed") = (destroys, id, c.mode.as_str()) {
            lw.partial.removals.push(Removal {
                resource_type: c.resource_type.clone(),
                id: id.to_owned(),
            });
        }
    }
    lw.attach_links();
    lw.finish_dns();
    lw.finish_transit();
    (lw.partial, lw.check.invalid)
}

struct Lowering<'a> {
    file: FileId,
    index: &'a Index<'a>,
    configuration: Option<&'a Configuration>,
    partial: Partial,
    check: Checker,
    /// `aiven_aws_privatelink` resources by service name, tied to their service once every
    /// resource is lowered.
    links: Vec<(String, AivenPrivatelink)>,
    /// Name resolution left to decide once every resource is lowered.
    dns: dns::Pending,
    /// Transit gateway tables, associations and propagations left to decide likewise.
    transit: transit::Pending,
}

/// What is learnt about one resource's members while lowering it.
struct Members {
    address: Box<str>,
    relocated: Vec<(Box<str>, Origin)>,
    unknown: Vec<Box<str>>,
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

fn tags(t: &TagMap) -> Tags {
    Tags(
        t.iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone().unwrap_or_default()))
            .collect(),
    )
}

/// Ports mean something for TCP and UDP only; `-1` means every port.
fn ports(protocol: Protocol, from: Option<i64>, to: Option<i64>) -> (Option<i32>, Option<i32>) {
    let port = |p: Option<i64>| p.filter(|p| *p >= 0).and_then(|p| i32::try_from(p).ok());
    match protocol {
        Protocol::All => (None, None),
        _ => (port(from), port(to)),
    }
}

impl<'a> Lowering<'a> {
    fn members(&self, inst: &Instance<'_>) -> Members {
        Members {
            address: inst.res.address.as_str().into(),
            relocated: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// The resource's origin: its `values`, named the way its type names members.
    fn origin(&self, inst: &Instance<'_>, naming: Naming, m: Members) -> Origin {
        Origin {
            file: self.file,
            pointer: inst.values_pointer.as_str().into(),
            naming,
            planned: Some(Arc::new(Planned {
                address: m.address,
                relocated: m.relocated,
                unknown: m.unknown,
            })),
        }
    }

    /// A plain place in the file.
    fn at(&self, pointer: String) -> Origin {
        Origin::new(self.file, pointer)
    }

    /// A member of the instance's values (its whole `values` when `rel` is empty), as a place
    /// of its own: an item that a separate resource declares.
    fn own(&self, inst: &Instance<'_>, naming: Naming, rel: &str) -> Origin {
        let mut o = if rel.is_empty() {
            self.at(inst.values_pointer.clone())
        } else {
            self.at(format!("{}/{rel}", inst.values_pointer))
        };
        o.naming = naming;
        // The item's own resource, for fixes that name where to change it.
        o.planned = Some(Arc::new(Planned {
            address: inst.res.address.as_str().into(),
            relocated: Vec::new(),
            unknown: Vec::new(),
        }));
        o
    }

    fn invalid(&mut self, pointer: String, message: String, expected: &str) {
        self.check.invalid(pointer, message, expected);
    }

    fn cidr(
        &mut self,
        value: &str,
        pointer: impl FnOnce() -> String,
        v6: Option<bool>,
    ) -> Option<IpNet> {
        self.check.cidr(value, pointer, v6)
    }

    /// A protocol; Terraform leaves it out for "all".
    fn protocol(&mut self, value: Option<&str>, pointer: impl FnOnce() -> String) -> Protocol {
        self.check.protocol(value.unwrap_or("-1"), pointer)
    }

    /// Account and region: the provider's region (or what the data names), the owner when the
    /// resource exists already.
    fn scope(&self, inst: &Instance<'_>, owner: &Option<String>, hint: Option<String>) -> Scope {
        Scope {
            account: nonempty(owner).map(str::to_owned),
            region: hint.or_else(|| self.provider_region(inst)),
        }
    }

    fn provider_region(&self, inst: &Instance<'_>) -> Option<String> {
        let cfg = self.configuration?;
        let key = inst
            .config
            .as_ref()
            .and_then(|(c, _)| c.provider_config_key.as_deref())
            .unwrap_or("aws");
        let provider = cfg
            .provider_config
            .get(key)
            .or_else(|| {
                key.rsplit_once(':')
                    .and_then(|(_, k)| cfg.provider_config.get(k))
            })
            .or_else(|| cfg.provider_config.get("aws"))?;
        match provider.expressions.get("region") {
            Some(Expr::Constant(Some(r), _)) => Some(r.clone()),
            _ => None,
        }
    }

    /// Resolves an argument through the configuration, recording where its expression is.
    fn resolve(&self, inst: &Instance<'_>, attr: &str, m: &mut Members) -> Option<Resolved> {
        let (_, pointer) = inst.expression(attr)?;
        m.relocated.push((attr.into(), self.at(pointer)));
        self.index.argument(inst, attr)
    }

    /// A single id: planned, else followed through the configuration, else the unknown marker.
    fn scalar(
        &self,
        inst: &Instance<'_>,
        attr: &str,
        known: Option<&str>,
        m: &mut Members,
    ) -> String {
        if let Some(k) = known {
            return k.to_owned();
        }
        if let Some(id) = self
            .resolve(inst, attr, m)
            .and_then(|r| r.single().map(str::to_owned))
        {
            return id;
        }
        m.unknown.push(attr.into());
        model::unknown(&inst.res.address, attr)
    }

    /// An optional single id: `None` when neither planned nor configured.
    fn optional_scalar(
        &self,
        inst: &Instance<'_>,
        attr: &str,
        known: Option<&str>,
        m: &mut Members,
    ) -> Option<String> {
        if known.is_none() && inst.expression(attr).is_none() {
            return None;
        }
        Some(self.scalar(inst, attr, known, m))
    }

    /// A list of ids: planned, else followed through the configuration (with the unknown marker
    /// for what could not be followed); `None` when AWS computes it and nothing configures it.
    fn list(
        &self,
        inst: &Instance<'_>,
        attr: &str,
        known: &Option<Vec<String>>,
        m: &mut Members,
    ) -> Option<Vec<String>> {
        let unknown = inst.unknown().member(attr).is_all();
        if let (Some(k), false) = (known, unknown) {
            return Some(k.iter().filter(|s| !s.is_empty()).cloned().collect());
        }
        match self.resolve(inst, attr, m) {
            Some(r) => {
                let mut ids = r.ids;
                if !r.complete {
                    m.unknown.push(attr.into());
                    ids.push(model::unknown(&inst.res.address, attr));
                }
                Some(ids)
            }
            None if unknown => None,
            None => Some(Vec::new()),
        }
    }

    fn instance(&mut self, inst: &Instance<'_>) {
        match &inst.res.attrs {
            Attrs::Vpc(a) => self.vpc(inst, a),
            Attrs::CidrAssociation(a) => self.cidr_association(inst, a),
            Attrs::Subnet(a) => self.subnet(inst, a),
            Attrs::SecurityGroup(a) => self.security_group(inst, a),
            Attrs::SecurityGroupRule(a) => self.security_group_rule(inst, a),
            Attrs::VpcSecurityGroupRule(egress, a) => {
                self.vpc_security_group_rule(inst, *egress, a)
            }
            Attrs::NetworkAcl(a) => self.nacl(inst, a),
            Attrs::NetworkAclRule(a) => self.nacl_rule(inst, a),
            Attrs::NetworkAclAssociation(a) => {
                let mut m = self.members(inst);
                let nacl = self.scalar(inst, "network_acl_id", nonempty(&a.network_acl_id), &mut m);
                let subnet = self.scalar(inst, "subnet_id", nonempty(&a.subnet_id), &mut m);
                self.partial.attachments.push(Attachment::NaclSubnet {
                    nacl: NaclId(nacl),
                    subnet: SubnetId(subnet),
                });
            }
            Attrs::RouteTable(a) => self.route_table(inst, a),
            Attrs::Route(a) => self.route(inst, a),
            Attrs::RouteTableAssociation(a) => {
                let mut m = self.members(inst);
                let subnet =
                    self.optional_scalar(inst, "subnet_id", nonempty(&a.subnet_id), &mut m);
                let table =
                    self.scalar(inst, "route_table_id", nonempty(&a.route_table_id), &mut m);
                // A gateway association (edge route table) names no subnet.
                if let Some(subnet) = subnet {
                    self.partial.attachments.push(Attachment::RouteTableSubnet {
                        table: RtbId(table),
                        subnet: SubnetId(subnet),
                    });
                }
            }
            Attrs::Endpoint(a) => self.endpoint(inst, a),
            Attrs::EndpointPolicy(a) => {
                let mut m = self.members(inst);
                let endpoint = self.scalar(
                    inst,
                    "vpc_endpoint_id",
                    nonempty(&a.vpc_endpoint_id),
                    &mut m,
                );
                let unknown = a.policy.is_none() && inst.unknown().member("policy").is_all();
                self.partial.attachments.push(Attachment::EndpointPolicy {
                    endpoint: VpceId(endpoint),
                    policy: a.policy.clone().filter(|p| !p.is_empty()),
                    unknown: unknown && inst.expression("policy").is_some(),
                    origin: self.own(inst, naming::ENDPOINT_POLICY, "policy"),
                });
            }
            Attrs::EndpointSubnetAssociation(a) => {
                let mut m = self.members(inst);
                let endpoint = self.scalar(
                    inst,
                    "vpc_endpoint_id",
                    nonempty(&a.vpc_endpoint_id),
                    &mut m,
                );
                let subnet = self.scalar(inst, "subnet_id", nonempty(&a.subnet_id), &mut m);
                self.partial.attachments.push(Attachment::EndpointSubnet {
                    endpoint: VpceId(endpoint),
                    subnet: SubnetId(subnet),
                });
            }
            Attrs::EndpointRouteTableAssociation(a) => {
                let mut m = self.members(inst);
                let endpoint = self.scalar(
                    inst,
                    "vpc_endpoint_id",
                    nonempty(&a.vpc_endpoint_id),
                    &mut m,
                );
                let table =
                    self.scalar(inst, "route_table_id", nonempty(&a.route_table_id), &mut m);
                self.partial
                    .attachments
                    .push(Attachment::EndpointRouteTable {
                        endpoint: VpceId(endpoint),
                        table: RtbId(table),
                    });
            }
            Attrs::EndpointService(a) => self.endpoint_service(inst, a),
            Attrs::AllowedPrincipal(a) => {
                let mut m = self.members(inst);
                let service = self.scalar(
                    inst,
                    "vpc_endpoint_service_id",
                    nonempty(&a.vpc_endpoint_service_id),
                    &mut m,
                );
                let principal =
                    self.scalar(inst, "principal_arn", nonempty(&a.principal_arn), &mut m);
                let origin = self.origin(inst, naming::ALLOWED_PRINCIPAL, m);
                self.partial.permissions.push(ServicePermission {
                    principal,
                    principal_type: None,
                    service_id: Some(service),
                    origin,
                });
            }
            Attrs::Peering(a) => self.peering(inst, a),
            Attrs::RestApi(a) => self.rest_api(inst, a),
            Attrs::RestApiPolicy(a) => {
                let mut m = self.members(inst);
                let api = self.scalar(inst, "rest_api_id", nonempty(&a.rest_api_id), &mut m);
                let unknown = a.policy.is_none() && inst.unknown().member("policy").is_all();
                self.partial.attachments.push(Attachment::RestApiPolicy {
                    api: RestApiId(api),
                    policy: a.policy.clone().filter(|p| !p.is_empty()),
                    unknown: unknown && inst.expression("policy").is_some(),
                    origin: self.own(inst, naming::REST_API_POLICY, "policy"),
                });
            }
            Attrs::AivenService(a) => self.aiven_service(inst, a),
            Attrs::AivenPrivatelink(a) => self.aiven_privatelink(inst, a),
            Attrs::Zone(data, a) => self.zone(inst, *data, a),
            Attrs::ZoneAssociation(a) => self.zone_association(inst, a),
            Attrs::Record(a) => self.record(inst, a),
            Attrs::ResolverRule(a) => self.resolver_rule(inst, a),
            Attrs::RuleAssociation(a) => self.rule_association(inst, a),
            Attrs::DhcpOptions(a) => self.dhcp_options(inst, a),
            Attrs::DhcpAssociation(a) => self.dhcp_association(inst, a),
            Attrs::TransitGateway(a) => self.transit_gateway(inst, a),
            Attrs::TgwVpcAttachment(a) => self.tgw_attachment(inst, a),
            Attrs::TgwRouteTable(a) => self.tgw_route_table(inst, a),
            Attrs::TgwRoute(a) => self.tgw_route(inst, a),
            Attrs::TgwTableLink(propagation, a) => self.tgw_table_link(inst, *propagation, a),
            Attrs::DataRouteTable(a) => self.data_route_table(inst, a),
            Attrs::DataEndpointService(a) => self.data_endpoint_service(inst, a),
            Attrs::DataIds(_) | Attrs::Other => {}
        }
    }

    fn vpc(&mut self, inst: &Instance<'_>, a: &attrs::Vpc) {
        let mut m = self.members(inst);
        let mut cidrs = Vec::new();
        let base = &inst.values_pointer;
        match nonempty(&a.cidr_block) {
            Some(c) => {
                if let Some(net) = self.cidr(c, || format!("{base}/cidr_block"), Some(false)) {
                    cidrs.push(VpcCidr {
                        block: net,
                        association_id: None,
                        primary: true,
                        rel: "cidr_block".into(),
                    });
                }
            }
            None => m.unknown.push("cidr_block".into()),
        }
        if let Some(c) = nonempty(&a.ipv6_cidr_block) {
            if let Some(net) = self.cidr(c, || format!("{base}/ipv6_cidr_block"), Some(true)) {
                cidrs.push(VpcCidr {
                    block: net,
                    association_id: None,
                    primary: false,
                    rel: "ipv6_cidr_block".into(),
                });
            }
        }
        let id = VpcId(inst.id.clone());
        // A new VPC gets AWS's defaults for what its configuration leaves unset: DNS support
        // on, DNS hostnames off (the provider plans them as known only after apply).
        for (attr, value, default, out) in [
            ("enable_dns_support", a.enable_dns_support, true, 0),
            ("enable_dns_hostnames", a.enable_dns_hostnames, false, 1),
        ] {
            let (value, at) = match value {
                Some(v) => (v, self.at(format!("{base}/{attr}"))),
                None if inst.created() && inst.expression(attr).is_none() => {
                    (default, self.at(format!("{}/address", inst.pointer())))
                }
                None => {
                    m.unknown.push(attr.into());
                    if let Some((_, p)) = inst.expression(attr) {
                        m.relocated.push((attr.into(), self.at(p)));
                    }
                    continue;
                }
            };
            let attribute = DnsAttribute { value, origin: at };
            if out == 0 {
                self.partial.dns_support.push((id.clone(), attribute));
            } else {
                self.partial.dns_hostnames.push((id.clone(), attribute));
            }
        }
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, naming::VPC, m);
        self.partial.vpcs.push(Vpc {
            id,
            scope,
            cidrs,
            is_default: false,
            dhcp_options_id: nonempty(&a.dhcp_options_id).map(str::to_owned),
            tags: tags(&a.tags),
            origin,
        });
    }

    fn cidr_association(&mut self, inst: &Instance<'_>, a: &attrs::CidrAssociation) {
        let mut m = self.members(inst);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let Some(block) = nonempty(&a.cidr_block) else {
            return;
        };
        let pointer = format!("{}/cidr_block", inst.values_pointer);
        if let Some(net) = self.cidr(block, || pointer, Some(false)) {
            self.partial.attachments.push(Attachment::VpcCidr {
                vpc: VpcId(vpc),
                cidr: VpcCidr {
                    block: net,
                    association_id: inst.res.attrs.id().map(str::to_owned),
                    primary: false,
                    rel: Rel::Own(self.own(inst, naming::CIDR_ASSOCIATION, "cidr_block")),
                },
            });
        }
    }

    fn subnet(&mut self, inst: &Instance<'_>, a: &attrs::Subnet) {
        let mut m = self.members(inst);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let base = &inst.values_pointer;
        let cidr = match nonempty(&a.cidr_block) {
            Some(c) => self.cidr(c, || format!("{base}/cidr_block"), Some(false)),
            None => None,
        };
        let ipv6 = nonempty(&a.ipv6_cidr_block)
            .and_then(|c| self.cidr(c, || format!("{base}/ipv6_cidr_block"), Some(true)));
        // A block computed at apply (`cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)`) is not
        // an absent one: rules that need to know whether the subnet has one must not guess.
        for attr in ["cidr_block", "ipv6_cidr_block"] {
            if inst.unknown().member(attr).is_all() {
                m.unknown.push(attr.into());
            }
        }
        let az = match nonempty(&a.availability_zone) {
            Some(az) => az.to_owned(),
            None => {
                m.unknown.push("availability_zone".into());
                model::unknown(&inst.res.address, "availability_zone")
            }
        };
        let hint = region::from_az(&az).or_else(|| a.arn.as_deref().and_then(region::from_arn));
        let scope = self.scope(inst, &a.owner_id, hint);
        let origin = self.origin(inst, naming::SUBNET, m);
        self.partial.subnets.push(Subnet {
            id: SubnetId(inst.id.clone()),
            vpc_id: VpcId(vpc),
            scope,
            cidr,
            ipv6_cidrs: ipv6.into_iter().collect(),
            az,
            az_id: nonempty(&a.availability_zone_id).map(str::to_owned),
            tags: tags(&a.tags),
            origin,
        });
    }

    /// The peers a rule lists in `cidr_blocks`, `ipv6_cidr_blocks` and `prefix_list_ids`, each
    /// with its pointer relative to `base` (after `at`, the rule's own relative place).
    fn listed_peers(
        &mut self,
        base: &str,
        at: &str,
        [v4, v6, prefix_lists]: [&Option<Vec<String>>; 3],
    ) -> Vec<(SgPeer, String)> {
        let mut peers = Vec::new();
        for (list, key, is_v6) in [(v4, "cidr_blocks", false), (v6, "ipv6_cidr_blocks", true)] {
            for (k, c) in list.iter().flatten().enumerate() {
                let rel = format!("{at}{key}/{k}");
                if let Some(net) = self.cidr(c, || format!("{base}/{rel}"), Some(is_v6)) {
                    peers.push((SgPeer::Cidr(net), rel));
                }
            }
        }
        for (k, p) in prefix_lists.iter().flatten().enumerate() {
            peers.push((
                SgPeer::PrefixList(p.clone()),
                format!("{at}prefix_list_ids/{k}"),
            ));
        }
        peers
    }

    /// The rules of inline `ingress` / `egress` blocks, one per peer.
    fn sg_blocks(
        &mut self,
        inst: &Instance<'_>,
        own_id: &str,
        field: &str,
        blocks: &[SgBlock],
        m: &mut Members,
    ) -> Vec<SgRule> {
        let unknown_tree = inst.unknown().member(field).clone();
        // Blocks whose `security_groups` is known only after apply: they can be told apart from
        // the expression's references only when there is one of them.
        let pending: Vec<usize> = (0..blocks.len())
            .filter(|j| unknown_tree.element(*j).member("security_groups").is_all())
            .collect();
        let resolved_groups: Option<Vec<String>> = match pending.as_slice() {
            [_] => inst.expression(field).and_then(|(e, _)| {
                let refs: Vec<&str> = e
                    .references()
                    .into_iter()
                    .filter(|r| r.starts_with("aws_security_group.") || r.starts_with("module."))
                    .collect();
                if refs.is_empty() {
                    return None;
                }
                let r = self.index.argument_refs(inst, &refs);
                (r.complete && !r.ids.is_empty()).then_some(r.ids)
            }),
            _ => None,
        };
        let mut out = Vec::new();
        let base = inst.values_pointer.clone();
        for (j, b) in blocks.iter().enumerate() {
            let at = format!("{field}/{j}");
            let protocol = self.protocol(b.protocol.as_deref(), || format!("{base}/{at}/protocol"));
            let (from_port, to_port) = ports(protocol, b.from_port, b.to_port);
            let mut peers = self.listed_peers(
                &base,
                &format!("{at}/"),
                [&b.cidr_blocks, &b.ipv6_cidr_blocks, &b.prefix_list_ids],
            );
            for (k, g) in b.security_groups.iter().flatten().enumerate() {
                peers.push((
                    SgPeer::Group(SgId(g.clone())),
                    format!("{at}/security_groups/{k}"),
                ));
            }
            if pending.contains(&j) {
                match &resolved_groups {
                    Some(ids) => peers.extend(
                        ids.iter()
                            .map(|g| (SgPeer::Group(SgId(g.clone())), at.clone())),
                    ),
                    None => {
                        let attr = format!("{field}.security_groups");
                        if !m.unknown.iter().any(|u| **u == *field) {
                            m.unknown.push(field.into());
                        }
                        peers.push((
                            SgPeer::Group(SgId(model::unknown(&inst.res.address, &attr))),
                            at.clone(),
                        ));
                    }
                }
            }
            if b.self_ == Some(true) {
                peers.push((SgPeer::Group(SgId(own_id.to_owned())), format!("{at}/self")));
            }
            for (peer, rel) in peers {
                out.push(SgRule {
                    protocol,
                    from_port,
                    to_port,
                    peer,
                    rule_id: None,
                    rel: rel.into(),
                });
            }
        }
        out
    }

    fn security_group(&mut self, inst: &Instance<'_>, a: &attrs::SecurityGroup) {
        let mut m = self.members(inst);
        let vpc = self.optional_scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        // Blocks left out are empty: Terraform removes the egress rule AWS adds to a new group.
        let ingress = self.sg_blocks(
            inst,
            &inst.id,
            "ingress",
            a.ingress.as_deref().unwrap_or_default(),
            &mut m,
        );
        let egress = self.sg_blocks(
            inst,
            &inst.id,
            "egress",
            a.egress.as_deref().unwrap_or_default(),
            &mut m,
        );
        let hint = a.arn.as_deref().and_then(region::from_arn);
        let scope = self.scope(inst, &a.owner_id, hint);
        let origin = self.origin(inst, naming::SECURITY_GROUP, m);
        self.partial.security_groups.push(SecurityGroup {
            id: SgId(inst.id.clone()),
            name: nonempty(&a.name).unwrap_or_default().to_owned(),
            vpc_id: vpc.map(VpcId),
            scope,
            ingress,
            egress,
            tags: tags(&a.tags),
            origin,
        });
    }

    fn security_group_rule(&mut self, inst: &Instance<'_>, a: &attrs::SecurityGroupRule) {
        let mut m = self.members(inst);
        let group = self.scalar(
            inst,
            "security_group_id",
            nonempty(&a.security_group_id),
            &mut m,
        );
        let egress = a.rule_type.as_deref() == Some("egress");
        let base = inst.values_pointer.clone();
        let protocol = self.protocol(a.protocol.as_deref(), || format!("{base}/protocol"));
        let (from_port, to_port) = ports(protocol, a.from_port, a.to_port);
        let naming = naming::SECURITY_GROUP_RULE;
        let mut peers = self.listed_peers(
            &base,
            "",
            [&a.cidr_blocks, &a.ipv6_cidr_blocks, &a.prefix_list_ids],
        );
        if a.self_ == Some(true) {
            peers.push((SgPeer::Group(SgId(group.clone())), "self".into()));
        } else if let Some(source) = self.optional_scalar(
            inst,
            "source_security_group_id",
            nonempty(&a.source_security_group_id),
            &mut m,
        ) {
            peers.push((
                SgPeer::Group(SgId(source)),
                "source_security_group_id".into(),
            ));
        }
        for (peer, rel) in peers {
            let rule = SgRule {
                protocol,
                from_port,
                to_port,
                peer,
                rule_id: inst.res.attrs.id().map(str::to_owned),
                rel: Rel::Own(self.own(inst, naming, &rel)),
            };
            self.partial.attachments.push(Attachment::SgRule {
                group: SgId(group.clone()),
                egress,
                rule,
            });
        }
    }

    fn vpc_security_group_rule(
        &mut self,
        inst: &Instance<'_>,
        egress: bool,
        a: &attrs::VpcSecurityGroupRule,
    ) {
        let mut m = self.members(inst);
        let group = self.scalar(
            inst,
            "security_group_id",
            nonempty(&a.security_group_id),
            &mut m,
        );
        let base = inst.values_pointer.clone();
        let protocol = self.protocol(a.ip_protocol.as_deref(), || format!("{base}/ip_protocol"));
        let (from_port, to_port) = ports(protocol, a.from_port, a.to_port);
        let peer = if let Some(c) = nonempty(&a.cidr_ipv4) {
            self.cidr(c, || format!("{base}/cidr_ipv4"), Some(false))
                .map(|n| (SgPeer::Cidr(n), "cidr_ipv4"))
        } else if let Some(c) = nonempty(&a.cidr_ipv6) {
            self.cidr(c, || format!("{base}/cidr_ipv6"), Some(true))
                .map(|n| (SgPeer::Cidr(n), "cidr_ipv6"))
        } else if let Some(p) = nonempty(&a.prefix_list_id) {
            Some((SgPeer::PrefixList(p.to_owned()), "prefix_list_id"))
        } else {
            self.optional_scalar(
                inst,
                "referenced_security_group_id",
                nonempty(&a.referenced_security_group_id),
                &mut m,
            )
            .map(|g| (SgPeer::Group(SgId(g)), "referenced_security_group_id"))
        };
        let Some((peer, rel)) = peer else { return };
        let rule = SgRule {
            protocol,
            from_port,
            to_port,
            peer,
            rule_id: nonempty(&a.security_group_rule_id).map(str::to_owned),
            rel: Rel::Own(self.own(inst, naming::VPC_SECURITY_GROUP_RULE, rel)),
        };
        self.partial.attachments.push(Attachment::SgRule {
            group: SgId(group),
            egress,
            rule,
        });
    }

    /// One NACL entry; `rel` is where it was read.
    #[allow(clippy::too_many_arguments)]
    fn nacl_entry(
        &mut self,
        pointer: &str,
        rule_number: Option<i64>,
        egress: bool,
        protocol: Option<&str>,
        action: Option<&str>,
        (cidr, ipv6): (&Option<String>, &Option<String>),
        (from, to): (Option<i64>, Option<i64>),
        rel: Rel,
    ) -> Option<NaclEntry> {
        let protocol = self.protocol(protocol, || format!("{pointer}/protocol"));
        let action = match action {
            Some("allow") => NaclAction::Allow,
            Some("deny") => NaclAction::Deny,
            other => {
                self.invalid(
                    pointer.to_owned(),
                    format!("invalid NACL rule action `{}`", other.unwrap_or("")),
                    "`allow` or `deny`",
                );
                return None;
            }
        };
        let cidr = match (nonempty(cidr), nonempty(ipv6)) {
            (Some(c), _) => self.cidr(c, || format!("{pointer}/cidr_block"), Some(false))?,
            (None, Some(c)) => self.cidr(c, || format!("{pointer}/ipv6_cidr_block"), Some(true))?,
            (None, None) => return None,
        };
        let ports = match protocol {
            Protocol::Tcp | Protocol::Udp => {
                Some((i32::try_from(from?).ok()?, i32::try_from(to?).ok()?))
            }
            _ => None,
        };
        Some(NaclEntry {
            rule_number: i32::try_from(rule_number?).ok()?,
            egress,
            protocol,
            action,
            cidr,
            ports,
            rel,
        })
    }

    fn nacl_blocks(
        &mut self,
        inst: &Instance<'_>,
        field: &str,
        blocks: &[NaclBlock],
    ) -> Vec<NaclEntry> {
        let egress = field == "egress";
        let mut out = Vec::new();
        for (j, b) in blocks.iter().enumerate() {
            let rel = format!("{field}/{j}");
            let pointer = format!("{}/{rel}", inst.values_pointer);
            if let Some(e) = self.nacl_entry(
                &pointer,
                b.rule_no,
                egress,
                b.protocol.as_deref(),
                b.action.as_deref(),
                (&b.cidr_block, &b.ipv6_cidr_block),
                (b.from_port, b.to_port),
                rel.into(),
            ) {
                out.push(e);
            }
        }
        out
    }

    fn nacl(&mut self, inst: &Instance<'_>, a: &attrs::NetworkAcl) {
        let mut m = self.members(inst);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let subnets = self
            .list(inst, "subnet_ids", &a.subnet_ids, &mut m)
            .unwrap_or_default();
        let mut entries =
            self.nacl_blocks(inst, "ingress", a.ingress.as_deref().unwrap_or_default());
        entries.extend(self.nacl_blocks(inst, "egress", a.egress.as_deref().unwrap_or_default()));
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, naming::NETWORK_ACL, m);
        self.partial.nacls.push(NetworkAcl {
            id: NaclId(inst.id.clone()),
            vpc_id: VpcId(vpc),
            scope,
            is_default: false,
            entries,
            subnet_ids: subnets.into_iter().map(SubnetId).collect(),
            tags: tags(&a.tags),
            origin,
        });
    }

    fn nacl_rule(&mut self, inst: &Instance<'_>, a: &attrs::NetworkAclRule) {
        let mut m = self.members(inst);
        let nacl = self.scalar(inst, "network_acl_id", nonempty(&a.network_acl_id), &mut m);
        let rel = Rel::Own(self.own(inst, naming::NETWORK_ACL_RULE, ""));
        let pointer = inst.values_pointer.clone();
        if let Some(entry) = self.nacl_entry(
            &pointer,
            a.rule_number,
            a.egress == Some(true),
            a.protocol.as_deref(),
            a.rule_action.as_deref(),
            (&a.cidr_block, &a.ipv6_cidr_block),
            (a.from_port, a.to_port),
            rel,
        ) {
            self.partial.attachments.push(Attachment::NaclEntry {
                nacl: NaclId(nacl),
                entry,
            });
        }
    }

    /// A route's target: the first target attribute set, or followed through the configuration
    /// (`unknown` names the attributes known only after apply).
    fn route_target(
        &self,
        inst: &Instance<'_>,
        targets: &[(&'static str, Option<&str>)],
        unknown: &Unknown,
        expression_attr: Option<&str>,
        m: &mut Members,
    ) -> RouteTarget {
        let make = |attr: &str, id: String| match attr {
            "vpc_peering_connection_id" => RouteTarget::Peering(PcxId(id)),
            "transit_gateway_id" => RouteTarget::TransitGateway(crate::model::TgwId(id)),
            _ if id == "local" => RouteTarget::Local,
            _ => RouteTarget::Other(id),
        };
        if let Some((attr, Some(id))) = targets.iter().find(|(_, v)| v.is_some()) {
            return make(attr, (*id).to_owned());
        }
        for (attr, _) in targets {
            if !unknown.member(attr).is_all() {
                continue;
            }
            let configured = expression_attr.unwrap_or(attr);
            if inst.expression(configured).is_none() {
                continue;
            }
            let id = match expression_attr {
                // An inline route: the table's `route` expression, when it references exactly one
                // resource of the target's kind.
                Some(_) => self
                    .resolve(inst, configured, m)
                    .and_then(|r| r.single().map(str::to_owned))
                    .unwrap_or_else(|| {
                        m.unknown.push(configured.into());
                        model::unknown(&inst.res.address, attr)
                    }),
                None => self.scalar(inst, attr, None, m),
            };
            return make(attr, id);
        }
        RouteTarget::Other(String::new())
    }

    fn route_table(&mut self, inst: &Instance<'_>, a: &attrs::RouteTable) {
        let mut m = self.members(inst);
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let routes_unknown = inst.unknown().member("route").clone();
        let mut routes = Vec::new();
        for (j, r) in a.route.iter().flatten().enumerate() {
            let rel = format!("route/{j}");
            let pointer = format!("{}/{rel}", inst.values_pointer);
            let destination = match (nonempty(&r.cidr_block), nonempty(&r.ipv6_cidr_block)) {
                (Some(c), _) => self.cidr(c, || format!("{pointer}/cidr_block"), Some(false)),
                (None, Some(c)) => {
                    self.cidr(c, || format!("{pointer}/ipv6_cidr_block"), Some(true))
                }
                (None, None) => None,
            };
            let target = self.route_target(
                inst,
                &r.targets(),
                routes_unknown.element(j),
                Some("route"),
                &mut m,
            );
            routes.push(Route {
                destination,
                prefix_list: nonempty(&r.destination_prefix_list_id).map(str::to_owned),
                target,
                state: None,
                rel: rel.into(),
            });
        }
        let scope = self.scope(inst, &a.owner_id, None);
        let origin = self.origin(inst, naming::ROUTE_TABLE, m);
        self.partial.route_tables.push(RouteTable {
            id: RtbId(inst.id.clone()),
            vpc_id: VpcId(vpc),
            scope,
            main: false,
            subnet_ids: Vec::new(),
            routes,
            tags: tags(&a.tags),
            origin,
        });
    }

    fn route(&mut self, inst: &Instance<'_>, a: &attrs::Route) {
        let mut m = self.members(inst);
        let table = self.scalar(inst, "route_table_id", nonempty(&a.route_table_id), &mut m);
        let base = inst.values_pointer.clone();
        let destination = match (
            nonempty(&a.destination_cidr_block),
            nonempty(&a.destination_ipv6_cidr_block),
        ) {
            (Some(c), _) => self.cidr(c, || format!("{base}/destination_cidr_block"), Some(false)),
            (None, Some(c)) => self.cidr(
                c,
                || format!("{base}/destination_ipv6_cidr_block"),
                Some(true),
            ),
            (None, None) => None,
        };
        let unknown = inst.unknown().clone();
        let target = self.route_target(inst, &a.targets(), &unknown, None, &mut m);
        let route = Route {
            destination,
            prefix_list: nonempty(&a.destination_prefix_list_id).map(str::to_owned),
            target,
            state: nonempty(&a.state).map(str::to_owned),
            rel: Rel::Own(self.own(inst, naming::ROUTE, "")),
        };
        self.partial.attachments.push(Attachment::Route {
            table: RtbId(table),
            route,
        });
    }

    fn rest_api(&mut self, inst: &Instance<'_>, a: &attrs::RestApi) {
        let mut m = self.members(inst);
        let policy = nonempty(&a.policy).map(str::to_owned);
        if policy.is_none() {
            if let Some((_, p)) = inst.expression("policy") {
                m.relocated.push(("policy".into(), self.at(p)));
                m.unknown.push("policy".into());
            }
        }
        let config = a.endpoint_configuration.iter().flatten().next();
        let types = config.and_then(|c| c.types.clone()).unwrap_or_default();
        let pending = inst
            .unknown()
            .member("endpoint_configuration")
            .element(0)
            .member("vpc_endpoint_ids")
            .is_all();
        let mut endpoints: Vec<String> = config
            .and_then(|c| c.vpc_endpoint_ids.clone())
            .unwrap_or_default();
        if pending {
            // Known after apply: the endpoints the block's references lead to.
            let refs: Vec<&str> = inst
                .expression("endpoint_configuration")
                .map(|(e, _)| e.references())
                .unwrap_or_default();
            let r = self.index.argument_refs(inst, &refs);
            endpoints = r.ids;
            // Nothing configured: AWS computes the list, and only for a private API.
            if !r.complete && !refs.is_empty() {
                m.unknown.push("endpoint_configuration".into());
                endpoints.push(model::unknown(
                    &inst.res.address,
                    "endpoint_configuration.vpc_endpoint_ids",
                ));
            }
        }
        let scope = self.scope(inst, &None, None);
        let origin = self.origin(inst, naming::REST_API, m);
        self.partial.rest_apis.push(RestApi {
            id: RestApiId(inst.id.clone()),
            name: a.name.clone().unwrap_or_default(),
            scope,
            endpoint_types: types,
            vpc_endpoint_ids: endpoints.into_iter().map(VpceId).collect(),
            policy,
            tags: tags(&a.tags),
            origin,
        });
    }

    fn endpoint(&mut self, inst: &Instance<'_>, a: &attrs::Endpoint) {
        let mut m = self.members(inst);
        let kind = match a
            .vpc_endpoint_type
            .as_deref()
            .unwrap_or("Gateway")
            .to_ascii_lowercase()
            .as_str()
        {
            "interface" => EndpointKind::Interface,
            "gateway" => EndpointKind::Gateway,
            "gatewayloadbalancer" => EndpointKind::GatewayLoadBalancer,
            _ => EndpointKind::Other,
        };
        let vpc = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        // Known after apply: followed through the configuration, which leads the endpoint to
        // an `aiven_aws_privatelink` the plan creates (the link's own marker) or nowhere.
        let service_name = match nonempty(&a.service_name) {
            Some(s) => s.to_owned(),
            None => {
                let followed = self
                    .resolve(inst, "service_name", &mut m)
                    .and_then(|r| r.single().map(str::to_owned));
                m.unknown.push("service_name".into());
                followed.unwrap_or_else(|| model::unknown(&inst.res.address, "service_name"))
            }
        };
        // Without a policy AWS attaches the default one; a configured policy known only after
        // apply is unknown, not the default.
        let policy = nonempty(&a.policy).map(str::to_owned);
        if policy.is_none() {
            if let Some((_, p)) = inst.expression("policy") {
                m.relocated.push(("policy".into(), self.at(p)));
                m.unknown.push("policy".into());
            }
        }
        let subnets = self
            .list(inst, "subnet_ids", &a.subnet_ids, &mut m)
            .unwrap_or_default();
        let tables = self
            .list(inst, "route_table_ids", &a.route_table_ids, &mut m)
            .unwrap_or_default();
        let groups = match self.list(inst, "security_group_ids", &a.security_group_ids, &mut m) {
            Some(g) => g,
            // Unset: AWS attaches the VPC's default security group, which the plan does not know.
            None if kind == EndpointKind::Interface => {
                m.unknown.push("security_group_ids".into());
                vec![model::unknown(&inst.res.address, "security_group_ids")]
            }
            None => Vec::new(),
        };
        // The provider computes `ip_address_type` and `dns_options` when they are not set: known
        // only after apply, which the rules must not read as absent.
        for attr in ["ip_address_type", "dns_options"] {
            if inst.unknown().member(attr).is_all() {
                m.unknown.push(attr.into());
            }
        }
        let dns_options = a.dns_options.iter().flatten().next();
        let mut dns_names: Vec<String> = a
            .dns_entry
            .iter()
            .flatten()
            .filter_map(|d| nonempty(&d.dns_name))
            .map(model::normalize_name)
            .collect();
        // Given at apply: the endpoint's marker stands for them, as for the records that alias
        // it (see `resolve`).
        if dns_names.is_empty() && inst.unknown().member("dns_entry").is_all() {
            dns_names.push(model::normalize_name(&model::unknown(
                &inst.res.address,
                "dns_entry",
            )));
        }
        let hint = nonempty(&a.service_name).and_then(region::from_service_name);
        let scope = self.scope(inst, &a.owner_id, hint);
        let origin = self.origin(inst, naming::ENDPOINT, m);
        self.partial.endpoints.push(VpcEndpoint {
            id: VpceId(inst.id.clone()),
            kind,
            vpc_id: VpcId(vpc),
            scope,
            service_name,
            state: nonempty(&a.state).unwrap_or_default().to_owned(),
            last_error: None,
            policy,
            subnet_ids: subnets.into_iter().map(SubnetId).collect(),
            route_table_ids: tables.into_iter().map(RtbId).collect(),
            groups: groups.into_iter().map(SgId).collect(),
            private_dns_enabled: a.private_dns_enabled,
            ip_address_type: nonempty(&a.ip_address_type).map(str::to_owned),
            dns_record_ip_type: dns_options
                .and_then(|d| nonempty(&d.dns_record_ip_type))
                .map(str::to_owned),
            private_dns_only_inbound: dns_options
                .and_then(|d| d.private_dns_only_for_inbound_resolver_endpoint),
            eni_ids: a
                .network_interface_ids
                .iter()
                .flatten()
                .map(|e| model::EniId(e.clone()))
                .collect(),
            dns_names,
            tags: tags(&a.tags),
            origin,
        });
    }

    fn endpoint_service(&mut self, inst: &Instance<'_>, a: &attrs::EndpointService) {
        let m = self.members(inst);
        let service_name = nonempty(&a.service_name).map(str::to_owned);
        let hint = service_name.as_deref().and_then(region::from_service_name);
        let scope = self.scope(inst, &None, hint);
        for (k, principal) in a.allowed_principals.iter().flatten().enumerate() {
            let origin = self.own(
                inst,
                naming::ENDPOINT_SERVICE,
                &format!("allowed_principals/{k}"),
            );
            self.partial.permissions.push(ServicePermission {
                principal: principal.clone(),
                principal_type: None,
                service_id: Some(inst.id.clone()),
                origin,
            });
        }
        let origin = self.origin(inst, naming::ENDPOINT_SERVICE, m);
        self.partial
            .service_configurations
            .push(ServiceConfiguration {
                service_id: inst.id.clone(),
                service_name,
                scope,
                acceptance_required: a.acceptance_required,
                private_dns_name: nonempty(&a.private_dns_name).map(str::to_owned),
                state: nonempty(&a.state).map(str::to_owned),
                azs: a.availability_zones.clone().unwrap_or_default(),
                nlb_arns: a.network_load_balancer_arns.clone().unwrap_or_default(),
                tags: tags(&a.tags),
                origin,
            });
    }

    fn peering(&mut self, inst: &Instance<'_>, a: &attrs::Peering) {
        let mut m = self.members(inst);
        let requester = self.scalar(inst, "vpc_id", nonempty(&a.vpc_id), &mut m);
        let accepter = self.scalar(inst, "peer_vpc_id", nonempty(&a.peer_vpc_id), &mut m);
        let region = self.provider_region(inst);
        // Until it exists, a peering that this configuration accepts itself will be active, any
        // other waits for the peer's owner.
        let status = match (nonempty(&a.accept_status), a.auto_accept) {
            (Some(s), _) => s.to_owned(),
            (None, Some(true)) => "active".to_owned(),
            (None, _) => "pending-acceptance".to_owned(),
        };
        let origin = self.origin(inst, naming::PEERING, m);
        self.partial.peerings.push(Peering {
            id: PcxId(inst.id.clone()),
            requester: PeeringSide {
                vpc_id: VpcId(requester),
                owner_id: None,
                region: region.clone(),
                cidrs: Vec::new(),
            },
            accepter: PeeringSide {
                vpc_id: VpcId(accepter),
                owner_id: nonempty(&a.peer_owner_id).map(str::to_owned),
                region: nonempty(&a.peer_region).map(str::to_owned).or(region),
                cidrs: Vec::new(),
            },
            status,
            tags: tags(&a.tags),
            origin,
        });
    }
}
