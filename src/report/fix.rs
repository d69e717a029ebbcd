//! Fixes in words: each [`Action`] of a remedy rendered once, as an AWS CLI command, or as a change
//! to the Terraform configuration when the resource is one a plan manages.

use ipnet::IpNet;

use crate::finding::remedy::{
    Authorize, EntryMatch, NaclEntry, NaclMove, Peers, Piece, Revoke, Route, RouteVia,
};
mod dns;
mod transit;

use crate::finding::{Action, Remedy, ResourceRef};
use crate::model::Protocol;
use crate::net::PortSet;

/// The remedy as one text.
pub fn render(remedy: &Remedy) -> String {
    let mut out = String::new();
    for piece in &remedy.pieces {
        match piece {
            Piece::Say(text) => out.push_str(text),
            Piece::Do(action) => out.push_str(&action_text(action)),
        }
    }
    out
}

/// The Terraform address of a resource the plan manages; `None` for a resource read from an
/// export, live, or by a data source (which the configuration reads but cannot change).
fn managed(r: &ResourceRef) -> Option<&str> {
    r.address
        .as_deref()
        .filter(|a| !a.split('.').any(|part| part == "data"))
}

/// How a Terraform configuration names a resource's id: `aws_subnet.a.id` for one the plan
/// creates (its id is its address), the quoted id otherwise.
fn hcl_id(r: &ResourceRef) -> String {
    match &r.address {
        Some(a) if *a == r.id => format!("{a}.id"),
        _ => format!("\"{}\"", r.id),
    }
}

/// Ids separated by spaces, as the AWS CLI takes a list.
fn ids(resources: &[ResourceRef]) -> String {
    resources
        .iter()
        .map(|r| r.id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `` `aws_route_table.a.id`, `"rtb-1"` ``: how a configuration lists resources' ids.
fn hcl_list(resources: &[ResourceRef]) -> String {
    resources
        .iter()
        .map(|r| format!("`{}`", hcl_id(r)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn action_text(action: &Action) -> String {
    match action {
        Action::EndpointPrivateDns { endpoint, on } => match managed(endpoint) {
            Some(a) => format!("set `private_dns_enabled = {on}` on `{a}`"),
            None => format!(
                "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --{}private-dns-enabled`",
                endpoint.id,
                if *on { "" } else { "no-" }
            ),
        },
        Action::EndpointSubnets { endpoint, add } => match managed(endpoint) {
            Some(a) if add.is_empty() => format!("list it in `subnet_ids` of `{a}`"),
            Some(a) => format!(
                "list {} in `subnet_ids` of `{a}`",
                add.iter()
                    .map(|s| format!("`{}`", hcl_id(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => {
                let ids = if add.is_empty() {
                    "<subnet-id>".to_owned()
                } else {
                    add.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(" ")
                };
                format!(
                    "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-subnet-ids {ids}`",
                    endpoint.id
                )
            }
        },
        Action::EndpointRemoveSubnets { endpoint, remove } => match managed(endpoint) {
            Some(a) => format!("take {} out of `subnet_ids` of `{a}`", hcl_list(remove)),
            None => format!(
                "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --remove-subnet-ids {}`",
                endpoint.id,
                ids(remove)
            ),
        },
        Action::GatewayRouteTables { endpoint, add } => match managed(endpoint) {
            Some(a) => format!(
                "list {} in `route_table_ids` of `{a}` (or add an `aws_vpc_endpoint_route_table_association` for each)",
                hcl_list(add)
            ),
            None => format!(
                "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-route-table-ids {}`",
                endpoint.id,
                ids(add)
            ),
        },
        Action::CreateGatewayEndpoint {
            vpc,
            service,
            tables,
        } => match managed(vpc) {
            Some(_) => format!(
                "add an `aws_vpc_endpoint` with `vpc_id = {}, service_name = \"{service}\", vpc_endpoint_type = \"Gateway\", route_table_ids = [{}]`",
                hcl_id(vpc),
                tables.iter().map(hcl_id).collect::<Vec<_>>().join(", ")
            ),
            None => format!(
                "`aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id {} --service-name {service} --route-table-ids {}`",
                vpc.id,
                if tables.is_empty() { "<route-table-id>".to_owned() } else { ids(tables) }
            ),
        },
        Action::EndpointIpAddressType {
            endpoint,
            ip_address_type,
            dns_record_ip_type,
        } => match managed(endpoint) {
            Some(a) => {
                let mut parts = Vec::new();
                if let Some(t) = ip_address_type {
                    parts.push(format!("`ip_address_type = \"{t}\"`"));
                }
                if let Some(t) = dns_record_ip_type {
                    parts.push(format!("`dns_options {{ dns_record_ip_type = \"{t}\" }}`"));
                }
                format!("set {} on `{a}`", parts.join(" and "))
            }
            None => {
                let mut cmd = format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {}", endpoint.id);
                if let Some(t) = ip_address_type {
                    cmd.push_str(&format!(" --ip-address-type {t}"));
                }
                if let Some(t) = dns_record_ip_type {
                    cmd.push_str(&format!(" --dns-options DnsRecordIpType={t}"));
                }
                format!("`{cmd}`")
            }
        },
        Action::EndpointInboundOnlyDns { endpoint, on } => match managed(endpoint) {
            Some(a) => format!(
                "set `dns_options {{ private_dns_only_for_inbound_resolver_endpoint = {on} }}` on `{a}`"
            ),
            None => format!(
                "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --dns-options PrivateDnsOnlyForInboundResolverEndpoint={on}`",
                endpoint.id
            ),
        },
        Action::PolicyStatement {
            endpoint,
            statement,
        } => match managed(endpoint) {
            Some(a) => format!(
                "add the statement `{statement}` to `policy` of `{a}` (or of its `aws_vpc_endpoint_policy`)"
            ),
            None => format!(
                "add the statement `{statement}` to the policy and apply it with `aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --policy-document file://policy.json`",
                endpoint.id
            ),
        },
        Action::EndpointPolicy { endpoint } => match managed(endpoint) {
            Some(a) => format!(
                "set it as `policy` of `{a}` (or of its `aws_vpc_endpoint_policy`)"
            ),
            None => format!(
                "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --policy-document file://policy.json`",
                endpoint.id
            ),
        },
        Action::DeleteEndpoint { endpoint } => match managed(endpoint) {
            Some(a) => format!("remove `{a}` from the configuration"),
            None => format!(
                "`aws ec2 delete-vpc-endpoints --vpc-endpoint-ids {}`",
                endpoint.id
            ),
        },
        Action::DescribeEndpoint { endpoint } => format!(
            "`aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {}`",
            endpoint.id
        ),
        Action::CreateEndpoint { region, service } => format!(
            "`aws ec2 create-vpc-endpoint --region {region} --vpc-endpoint-type Interface --vpc-id <vpc-id> --subnet-ids <one-subnet-per-zone> --security-group-ids <sg-id> --service-name {service}`"
        ),
        Action::ReplaceEndpoints {
            wrong,
            region,
            service,
        } => {
            let planned: Vec<String> = wrong
                .iter()
                .filter_map(|e| managed(e).map(|a| format!("`{a}`")))
                .collect();
            if planned.len() == wrong.len() && !planned.is_empty() {
                return format!(
                    "set `service_name = \"{service}\"` on {} (Terraform replaces the endpoint)",
                    planned.join(", ")
                );
            }
            format!(
                "create one with the service name Aiven gives, {}, then delete `{}`",
                action_text(&Action::CreateEndpoint {
                    region: region.clone(),
                    service: service.clone(),
                }),
                wrong
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join("`, `")
            )
        }
        Action::Dns(change) => dns::change(change),
        Action::Transit(change) => transit::change(change),
        Action::VpcDns {
            vpc,
            support,
            hostnames,
        } => vpc_dns(vpc, *support, *hostnames),
        Action::Authorize(a) => authorize(a),
        Action::Narrow { revokes, instead } => narrow(revokes, instead.as_ref()),
        Action::NaclEntry(e) => nacl_entry(e),
        Action::NaclMove(m) => nacl_move(m),
        Action::Route(r) => route(r),
        Action::AcceptPeering { peering } => format!(
            "`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {}`",
            peering.id
        ),
        Action::CreatePeering { vpc, peer } => format!(
            "`aws ec2 create-vpc-peering-connection --vpc-id {vpc} --peer-vpc-id {peer}`"
        ),
        Action::Readdress { peering } => match managed(peering) {
            Some(_) => "give one VPC other blocks (its `cidr_block`, or the `aws_vpc_ipv4_cidr_block_association` that adds the overlapping one)".to_owned(),
            None => "re-address one VPC".to_owned(),
        },
        Action::DisassociateCidr { vpc, association } => match managed(vpc) {
            Some(_) => format!(
                "remove the `aws_vpc_ipv4_cidr_block_association` that adds it (association `{association}`)"
            ),
            None => format!(
                "`aws ec2 disassociate-vpc-cidr-block --association-id {association}`"
            ),
        },
        Action::ServicePrincipals {
            service,
            remove,
            add,
        } => match managed(service) {
            Some(a) => {
                let with = add.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>();
                match (remove.as_slice(), with.is_empty()) {
                    ([], _) => format!("allow {} in `{a}`", with.join(" and ")),
                    // A principal of its own resource goes with it; one of the service's list
                    // leaves the list.
                    (_, true) if a.contains("aws_vpc_endpoint_service_allowed_principal") => {
                        format!("remove `{a}` from the configuration")
                    }
                    (old, true) => format!(
                        "take {} out of `allowed_principals` of `{a}`",
                        old.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                    ),
                    (old, false) => format!(
                        "in `{a}`, replace {} with {}",
                        old.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", "),
                        with.join(" and ")
                    ),
                }
            }
            None => {
                let mut cmd = format!(
                    "aws ec2 modify-vpc-endpoint-service-permissions --service-id {}",
                    service.id
                );
                let quote = |p: &String| {
                    if p == "*" {
                        "'*'".to_owned()
                    } else {
                        p.clone()
                    }
                };
                // Removing first reads as the intent: take away, then allow less.
                if !add.is_empty() && remove.iter().any(|p| p == "*") {
                    cmd.push_str(&format!(
                        " --remove-allowed-principals {}",
                        remove.iter().map(quote).collect::<Vec<_>>().join(" ")
                    ));
                    cmd.push_str(&format!(
                        " --add-allowed-principals {}",
                        add.iter().map(quote).collect::<Vec<_>>().join(" ")
                    ));
                } else {
                    if !add.is_empty() {
                        cmd.push_str(&format!(
                            " --add-allowed-principals {}",
                            add.iter().map(quote).collect::<Vec<_>>().join(" ")
                        ));
                    }
                    if !remove.is_empty() {
                        cmd.push_str(&format!(
                            " --remove-allowed-principals {}",
                            remove.iter().map(quote).collect::<Vec<_>>().join(" ")
                        ));
                    }
                }
                format!("`{cmd}`")
            }
        },
        Action::ServiceAcceptance { service } => match managed(service) {
            Some(a) => format!("set `acceptance_required = true` on `{a}`"),
            None => format!(
                "`aws ec2 modify-vpc-endpoint-service-configuration --service-id {} --acceptance-required`",
                service.id
            ),
        },
        Action::Connection {
            service,
            endpoint,
            accept,
        } => format!(
            "`aws ec2 {}-vpc-endpoint-connections --service-id {service} --vpc-endpoint-ids {endpoint}`",
            if *accept { "accept" } else { "reject" }
        ),
        Action::ApiPolicy { api } => match managed(api) {
            Some(a) => format!(
                "set it as `policy` of `{a}` (or of its `aws_api_gateway_rest_api_policy`) and redeploy the API (an `aws_api_gateway_deployment` whose `triggers` include the policy)"
            ),
            None => format!(
                "update the policy with `aws apigateway update-rest-api --rest-api-id {id} --patch-operations op=replace,path=/policy,value=<the policy JSON>` and redeploy with `aws apigateway create-deployment --rest-api-id {id} --stage-name <stage>`",
                id = api.id
            ),
        },
        Action::AivenAccess {
            service,
            service_type,
            components,
        } => match managed(service) {
            Some(a) => format!(
                "in the `{service_type}_user_config` block of `{a}`, set `privatelink_access {{ {} }}`",
                components
                    .iter()
                    .map(|c| format!("{c} = true"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => format!(
                "`avn service update {}{}`",
                components
                    .iter()
                    .map(|c| format!("-c privatelink_access.{c}=true "))
                    .collect::<String>(),
                service.id
            ),
        },
        Action::AivenPrivatelinkGet { service } => {
            format!("`avn service privatelink aws get {service} --json`")
        }
        Action::AivenPrivatelinkRefresh { service } => {
            format!("`avn service privatelink aws refresh {service}`")
        }
        Action::AivenPrincipals {
            privatelink,
            principals,
        } => match managed(privatelink) {
            Some(a) => format!(
                "set `principals = [{}]` on `{a}`",
                principals
                    .iter()
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            // `update` replaces the list, so the command names every principal to keep.
            None => format!(
                "`avn service privatelink aws update {}{}` (update replaces the whole list)",
                principals
                    .iter()
                    .map(|p| format!("--principal {p} "))
                    .collect::<String>(),
                privatelink.id
            ),
        },
        Action::AivenPrivatelinkDelete { privatelink } => match managed(privatelink) {
            Some(a) => format!("remove `{a}` from the configuration"),
            None => format!("`avn service privatelink aws delete {}`", privatelink.id),
        },
        Action::AivenPeering => "`avn vpc peering-connection create`".to_owned(),
        Action::AivenServiceGet { service } => format!("`avn service get {service} --json`"),
    }
}

fn vpc_dns(vpc: &ResourceRef, support: bool, hostnames: bool) -> String {
    let wanted = [
        (support, "enableDnsSupport", "enable_dns_support"),
        (hostnames, "enableDnsHostnames", "enable_dns_hostnames"),
    ];
    let wanted = wanted.iter().filter(|(on, _, _)| *on);
    match managed(vpc) {
        Some(a) => format!(
            "set {} on `{a}`",
            wanted
                .map(|(_, _, tf)| format!("`{tf} = true`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        None => wanted
            .map(|(_, flag, _)| {
                format!(
                    "`aws ec2 modify-vpc-attribute --vpc-id {} --{} '{{\"Value\":true}}'`",
                    vpc.id,
                    kebab(flag)
                )
            })
            .collect::<Vec<_>>()
            .join(" and "),
    }
}

/// `enableDnsSupport` → `enable-dns-support`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The AWS CLI name of a protocol: `tcp`, `udp`, `icmp`, `-1` or the number.
fn cli_protocol(p: Protocol) -> String {
    match p {
        Protocol::All => "-1".into(),
        Protocol::Tcp => "tcp".into(),
        Protocol::Udp => "udp".into(),
        Protocol::Icmp => "icmp".into(),
        Protocol::Icmpv6 => "icmpv6".into(),
        Protocol::Number(n) => n.to_string(),
    }
}

/// `--ip-permissions` entries: one per port range, with the address blocks (or a group).
fn ip_permissions(protocol: Protocol, ports: &PortSet, peers: &Peers) -> String {
    let peer = match peers {
        Peers::Blocks(addrs) => {
            let blocks = addrs.blocks();
            let v4: Vec<String> = blocks
                .iter()
                .filter(|b| matches!(b, IpNet::V4(_)))
                .map(|b| format!("{{CidrIp={b}}}"))
                .collect();
            let v6: Vec<String> = blocks
                .iter()
                .filter(|b| matches!(b, IpNet::V6(_)))
                .map(|b| format!("{{CidrIpv6={b}}}"))
                .collect();
            let mut parts = Vec::new();
            if !v4.is_empty() {
                parts.push(format!("IpRanges=[{}]", v4.join(",")));
            }
            if !v6.is_empty() {
                parts.push(format!("Ipv6Ranges=[{}]", v6.join(",")));
            }
            parts.join(",")
        }
        Peers::Group(g) => format!(
            "UserIdGroupPairs=[{{GroupId={}}}]",
            g.as_ref()
                .map_or("<endpoint-security-group-id>", |g| g.id.as_str())
        ),
    };
    let proto = cli_protocol(protocol);
    ports
        .ranges()
        .map(|(a, b)| format!("'IpProtocol={proto},FromPort={a},ToPort={b},{peer}'"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rule that admits the peers: the AWS CLI command, or for a group a plan manages, the
/// rules to add to its configuration.
fn authorize(a: &Authorize) -> String {
    let direction = if a.egress { "egress" } else { "ingress" };
    let planned = a.group.as_ref().and_then(|g| managed(g).map(|m| (g, m)));
    let Some((_, address)) = planned else {
        let group = a
            .group
            .as_ref()
            .map_or("<security-group-id>", |g| g.id.as_str());
        return format!(
            "`aws ec2 authorize-security-group-{direction} --group-id {group} --ip-permissions {}`",
            ip_permissions(a.protocol, &a.ports, &a.peers)
        );
    };
    let proto = cli_protocol(a.protocol);
    let group_expr = |g: &Option<ResourceRef>| {
        g.as_ref()
            .map_or_else(|| "\"<security-group-id>\"".to_owned(), hcl_id)
    };
    let mut parts = Vec::new();
    for (from, to) in a.ports.ranges() {
        match (&a.peers, a.rule_resources) {
            (Peers::Blocks(addrs), true) => {
                for b in addrs.blocks() {
                    let key = match b {
                        IpNet::V4(_) => "cidr_ipv4",
                        IpNet::V6(_) => "cidr_ipv6",
                    };
                    parts.push(format!(
                        "an `aws_vpc_security_group_{direction}_rule` with `security_group_id = {address}.id, ip_protocol = \"{proto}\", from_port = {from}, to_port = {to}, {key} = \"{b}\"`"
                    ));
                }
            }
            (Peers::Group(p), true) => parts.push(format!(
                "an `aws_vpc_security_group_{direction}_rule` with `security_group_id = {address}.id, ip_protocol = \"{proto}\", from_port = {from}, to_port = {to}, referenced_security_group_id = {}`",
                group_expr(p)
            )),
            (Peers::Blocks(addrs), false) => {
                let quoted = |v6: bool| {
                    addrs
                        .blocks()
                        .iter()
                        .filter(|b| matches!(b, IpNet::V6(_)) == v6)
                        .map(|b| format!("\"{b}\""))
                        .collect::<Vec<_>>()
                };
                let mut peer = Vec::new();
                for (key, list) in [("cidr_blocks", quoted(false)), ("ipv6_cidr_blocks", quoted(true))] {
                    if !list.is_empty() {
                        peer.push(format!("{key} = [{}]", list.join(", ")));
                    }
                }
                parts.push(format!(
                    "an `{direction}` block with `from_port = {from}, to_port = {to}, protocol = \"{proto}\", {}`",
                    peer.join(", ")
                ));
            }
            (Peers::Group(p), false) => parts.push(format!(
                "an `{direction}` block with `from_port = {from}, to_port = {to}, protocol = \"{proto}\", security_groups = [{}]`",
                group_expr(p)
            )),
        }
    }
    format!("add to `{address}` {}", parts.join(" and "))
}

fn narrow(revokes: &[Revoke], instead: Option<&Authorize>) -> String {
    let example = instead.and_then(|a| match &a.peers {
        Peers::Blocks(b) => b.block_iter().next(),
        Peers::Group(_) => None,
    });
    // A planned group's rule is edited in place: revoking and adding would fight Terraform.
    if let Some((r, address)) = revokes
        .first()
        .and_then(|r| managed(&r.group).map(|a| (r, a)))
    {
        let clients = example.map_or_else(
            || "the clients' blocks or security groups".to_owned(),
            |b| format!("the clients' blocks, e.g. the VPC's `{b}`"),
        );
        return format!(
            "In `{address}`, replace `{}` in the rule's blocks with {clients}",
            r.block
        );
    }
    let then = match instead {
        Some(a) => format!(
            ", then admit the clients only, e.g. the VPC: {}",
            authorize(a)
        ),
        None => ", then admit the clients' blocks or security groups only".to_owned(),
    };
    format!(
        "Revoke the rule: {}{then}",
        revokes.iter().map(revoke).collect::<Vec<_>>().join(" and ")
    )
}

fn revoke(r: &Revoke) -> String {
    if let Some(id) = &r.rule_id {
        return format!(
            "`aws ec2 revoke-security-group-ingress --group-id {} --security-group-rule-ids {id}`",
            r.group.id
        );
    }
    let range = match r.block {
        IpNet::V4(_) => format!("IpRanges=[{{CidrIp={}}}]", r.block),
        IpNet::V6(_) => format!("Ipv6Ranges=[{{CidrIpv6={}}}]", r.block),
    };
    let ports = match r.ports {
        Some((a, b)) => format!(",FromPort={a},ToPort={b}"),
        None => String::new(),
    };
    format!(
        "`aws ec2 revoke-security-group-ingress --group-id {} --ip-permissions 'IpProtocol={}{ports},{range}'`",
        r.group.id,
        cli_protocol(r.protocol)
    )
}

/// `aws ec2 {verb}-network-acl-entry …` for one entry.
fn nacl_cli(acl: &str, replace: bool, egress: bool, n: i32, m: &EntryMatch, allow: bool) -> String {
    let verb = if replace { "replace" } else { "create" };
    let direction = if egress { "--egress" } else { "--ingress" };
    let ports = match (m.protocol, m.ports) {
        (Protocol::Tcp | Protocol::Udp, Some((a, z))) => format!(" --port-range From={a},To={z}"),
        _ => String::new(),
    };
    let cidr = match m.block {
        IpNet::V4(_) => format!("--cidr-block {}", m.block),
        IpNet::V6(_) => format!("--ipv6-cidr-block {}", m.block),
    };
    format!(
        "`aws ec2 {verb}-network-acl-entry --network-acl-id {acl} {direction} --rule-number {n} --protocol {}{ports} {cidr} --rule-action {}`",
        cli_protocol(m.protocol),
        if allow { "allow" } else { "deny" }
    )
}

/// One allow entry in a planned NACL: its inline block, or an `aws_network_acl_rule` where the
/// NACL uses them (Terraform does not mix the two).
fn nacl_terraform(
    address: &str,
    rule_resources: bool,
    egress: bool,
    n: i32,
    m: &EntryMatch,
) -> String {
    let cidr = match m.block {
        IpNet::V4(_) => format!("cidr_block = \"{}\"", m.block),
        IpNet::V6(_) => format!("ipv6_cidr_block = \"{}\"", m.block),
    };
    let (from, to) = m.ports.unwrap_or((0, 0));
    let proto = cli_protocol(m.protocol);
    if rule_resources {
        format!(
            "an `aws_network_acl_rule` with `network_acl_id = {address}.id, rule_number = {n}, egress = {egress}, protocol = \"{proto}\", rule_action = \"allow\", {cidr}, from_port = {from}, to_port = {to}`"
        )
    } else {
        format!(
            "an `{}` block with `rule_no = {n}, protocol = \"{proto}\", action = \"allow\", {cidr}, from_port = {from}, to_port = {to}` to `{address}`",
            if egress { "egress" } else { "ingress" }
        )
    }
}

fn nacl_entry(e: &NaclEntry) -> String {
    match managed(&e.acl) {
        Some(address) => format!(
            "add {}",
            nacl_terraform(address, e.rule_resources, e.egress, e.number, &e.matches)
        ),
        None => nacl_cli(&e.acl.id, false, e.egress, e.number, &e.matches, true),
    }
}

fn nacl_move(m: &NaclMove) -> String {
    let Some(address) = managed(&m.acl) else {
        // The copy first, so that the deny holds at every step.
        let acl = m.acl.id.as_str();
        let mut steps = vec![nacl_cli(acl, false, m.egress, m.to, &m.deny, false)];
        for (i, (n, a)) in m.allows.iter().enumerate() {
            steps.push(nacl_cli(acl, i == 0, m.egress, *n, a, true));
        }
        return format!(
            "move entry #{} to #{}, then allow this traffic in its place: {}",
            m.from,
            m.to,
            steps.join(", then ")
        );
    };
    let moved = match m.deny_rule.as_ref().and_then(managed) {
        Some(rule) => format!("set `rule_number = {}` in `{rule}`", m.to),
        None => format!(
            "set `rule_no = {}` in the `{}` block of `{address}` with `rule_no = {}`",
            m.to,
            if m.egress { "egress" } else { "ingress" },
            m.from
        ),
    };
    let adds = m
        .allows
        .iter()
        .map(|(n, a)| nacl_terraform(address, m.rule_resources, m.egress, *n, a))
        .collect::<Vec<_>>()
        .join(" and ");
    format!(
        "move entry #{} to #{} ({moved}), and add {adds}",
        m.from, m.to
    )
}

fn route(r: &Route) -> String {
    let v6 = matches!(r.destination, IpNet::V6(_));
    let (attr, flag, id) = match &r.via {
        Some(RouteVia::TransitGateway(t)) => {
            ("transit_gateway_id", "--transit-gateway-id", t.as_str())
        }
        Some(RouteVia::Peering(p)) => (
            "vpc_peering_connection_id",
            "--vpc-peering-connection-id",
            p.as_str(),
        ),
        None => (
            "vpc_peering_connection_id",
            "--vpc-peering-connection-id",
            "<pcx-id>",
        ),
    };
    if let Some(address) = managed(&r.table) {
        let key = if v6 {
            "destination_ipv6_cidr_block"
        } else {
            "destination_cidr_block"
        };
        return format!(
            "{} a `route` with `{key} = \"{}\", {attr} = \"{id}\"` in `{address}`",
            if r.replace { "change to" } else { "add" },
            r.destination
        );
    }
    let dest_flag = if v6 {
        "--destination-ipv6-cidr-block"
    } else {
        "--destination-cidr-block"
    };
    format!(
        "`aws ec2 {}-route --route-table-id {} {dest_flag} {} {flag} {id}`",
        if r.replace { "replace" } else { "create" },
        r.table.id,
        r.destination
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;

    fn endpoint(address: Option<&str>) -> ResourceRef {
        let mut r = ResourceRef::new("vpc-endpoint", "vpce-1", &Scope::default());
        r.address = address.map(str::to_owned);
        r
    }

    #[test]
    fn an_action_reads_in_the_terms_of_its_source() {
        let action = |r| Action::EndpointPrivateDns {
            endpoint: r,
            on: true,
        };
        assert_eq!(
            render(&Remedy::say("Enable private DNS: ").then(action(endpoint(None)))),
            "Enable private DNS: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --private-dns-enabled`"
        );
        assert_eq!(
            render(&Remedy::act(action(endpoint(Some("aws_vpc_endpoint.a"))))),
            "set `private_dns_enabled = true` on `aws_vpc_endpoint.a`"
        );
        // A data source is read, not managed: the configuration cannot change it.
        assert_eq!(
            render(&Remedy::act(action(endpoint(Some(
                "data.aws_vpc_endpoint.a"
            ))))),
            "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --private-dns-enabled`"
        );
    }

    fn resource(kind: &'static str, id: &str, address: Option<&str>) -> ResourceRef {
        let mut r = ResourceRef::new(kind, id, &Scope::default());
        r.address = address.map(str::to_owned);
        r
    }

    #[test]
    fn gateway_route_tables_as_a_command_or_the_endpoints_list() {
        let add = |address: Option<&str>| Action::GatewayRouteTables {
            endpoint: endpoint(address),
            add: vec![
                resource("route-table", "rtb-1", None),
                resource(
                    "route-table",
                    "aws_route_table.b",
                    Some("aws_route_table.b"),
                ),
            ],
        };
        assert_eq!(
            render(&Remedy::act(add(None))),
            "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --add-route-table-ids rtb-1 aws_route_table.b`"
        );
        assert_eq!(
            render(&Remedy::act(add(Some("aws_vpc_endpoint.s3")))),
            "list `\"rtb-1\"`, `aws_route_table.b.id` in `route_table_ids` of `aws_vpc_endpoint.s3` (or add an `aws_vpc_endpoint_route_table_association` for each)"
        );
    }

    #[test]
    fn placement_actions_in_both_terms() {
        let create = |vpc: ResourceRef| Action::CreateGatewayEndpoint {
            vpc,
            service: "com.amazonaws.eu-west-1.s3".into(),
            tables: vec![resource("route-table", "rtb-1", None)],
        };
        assert_eq!(
            render(&Remedy::act(create(resource("vpc", "vpc-1", None)))),
            "`aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id vpc-1 --service-name com.amazonaws.eu-west-1.s3 --route-table-ids rtb-1`"
        );
        assert_eq!(
            render(&Remedy::act(create(resource(
                "vpc",
                "aws_vpc.main",
                Some("aws_vpc.main")
            )))),
            "add an `aws_vpc_endpoint` with `vpc_id = aws_vpc.main.id, service_name = \"com.amazonaws.eu-west-1.s3\", vpc_endpoint_type = \"Gateway\", route_table_ids = [\"rtb-1\"]`"
        );
        let ip = |address: Option<&str>| Action::EndpointIpAddressType {
            endpoint: endpoint(address),
            ip_address_type: Some("dualstack".into()),
            dns_record_ip_type: Some("dualstack".into()),
        };
        assert_eq!(
            render(&Remedy::act(ip(None))),
            "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --ip-address-type dualstack --dns-options DnsRecordIpType=dualstack`"
        );
        assert_eq!(
            render(&Remedy::act(ip(Some("aws_vpc_endpoint.a")))),
            "set `ip_address_type = \"dualstack\"` and `dns_options { dns_record_ip_type = \"dualstack\" }` on `aws_vpc_endpoint.a`"
        );
        let inbound = |address: Option<&str>| Action::EndpointInboundOnlyDns {
            endpoint: endpoint(address),
            on: false,
        };
        assert_eq!(
            render(&Remedy::act(inbound(None))),
            "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --dns-options PrivateDnsOnlyForInboundResolverEndpoint=false`"
        );
        assert_eq!(
            render(&Remedy::act(inbound(Some("aws_vpc_endpoint.a")))),
            "set `dns_options { private_dns_only_for_inbound_resolver_endpoint = false }` on `aws_vpc_endpoint.a`"
        );
        let remove = |address: Option<&str>| Action::EndpointRemoveSubnets {
            endpoint: endpoint(address),
            remove: vec![resource("subnet", "subnet-1", None)],
        };
        assert_eq!(
            render(&Remedy::act(remove(None))),
            "`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --remove-subnet-ids subnet-1`"
        );
        assert_eq!(
            render(&Remedy::act(remove(Some("aws_vpc_endpoint.a")))),
            "take `\"subnet-1\"` out of `subnet_ids` of `aws_vpc_endpoint.a`"
        );
        let statement = |address: Option<&str>| Action::PolicyStatement {
            endpoint: endpoint(address),
            statement: "{}".into(),
        };
        assert_eq!(
            render(&Remedy::act(statement(None))),
            "add the statement `{}` to the policy and apply it with `aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --policy-document file://policy.json`"
        );
        assert_eq!(
            render(&Remedy::act(statement(Some("aws_vpc_endpoint.a")))),
            "add the statement `{}` to `policy` of `aws_vpc_endpoint.a` (or of its `aws_vpc_endpoint_policy`)"
        );
    }

    #[test]
    fn vpc_attributes_take_one_call_each() {
        let vpc = ResourceRef::new("vpc", "vpc-1", &Scope::default());
        assert_eq!(
            vpc_dns(&vpc, true, true),
            "`aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support '{\"Value\":true}'` and `aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{\"Value\":true}'`"
        );
    }
}
