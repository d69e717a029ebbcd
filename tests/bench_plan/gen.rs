//! A generator of large Terraform plans in the format of `terraform show -json` (1.x, format
//! 1.2): `stacks` instances of a VPC module (`for_each`), 20 resources each (VPC, three
//! subnets, route table and associations, NACL with inline entries and a separate rule,
//! security group with inline and separate rules, four interface endpoints, a gateway endpoint
//! with its policy resource, a route), with ids known only after apply and resolved through
//! the configuration's references. One stack in twenty puts its endpoints in a single subnet
//! (4 `single-az-endpoint` findings), another one in twenty leaves `enable_dns_hostnames` unset
//! (1 `vpc-dns-attributes-disabled` finding); every stack has 4 `full-access-policy` and 1
//! `wildcard-principal` findings.
#![allow(dead_code)]

use serde_json::{json, Map, Value};

/// Resources per stack.
pub const PER_STACK: usize = 20;

/// Interface endpoint services of each stack.
const SERVICES: [&str; 4] = ["kms", "logs", "ssm", "sts"];

/// Which module call a stack belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Flavor {
    Healthy,
    SingleAz,
    Legacy,
}

impl Flavor {
    fn call(self) -> &'static str {
        match self {
            Flavor::Healthy => "stack",
            Flavor::SingleAz => "single_az",
            Flavor::Legacy => "legacy",
        }
    }
}

fn flavor(i: usize) -> Flavor {
    match i % 20 {
        7 => Flavor::SingleAz,
        13 => Flavor::Legacy,
        _ => Flavor::Healthy,
    }
}

/// Policy findings of a plan of `stacks` stacks: (full-access-policy, wildcard-principal). The
/// interface endpoints leave their policy unset (the default full-access policy); the gateway
/// endpoint's policy resource allows `"Principal": "*"` with no condition.
pub fn policy_findings(stacks: usize) -> (usize, usize) {
    (stacks * SERVICES.len(), stacks)
}

/// Findings a plan of `stacks` stacks gives: (single-az-endpoint, vpc-dns-attributes-disabled).
pub fn expected_findings(stacks: usize) -> (usize, usize) {
    let single = (0..stacks)
        .filter(|i| flavor(*i) == Flavor::SingleAz)
        .count();
    let legacy = (0..stacks).filter(|i| flavor(*i) == Flavor::Legacy).count();
    (single * SERVICES.len(), legacy)
}

struct Out {
    planned: Vec<Value>,
    changes: Vec<Value>,
}

impl Out {
    /// One resource instance: its planned values and its change.
    #[allow(clippy::too_many_arguments)]
    fn resource(
        &mut self,
        module: &str,
        rtype: &str,
        name: &str,
        index: Option<Value>,
        values: Value,
        unknown: Value,
        sensitive: Value,
    ) {
        let key = match &index {
            Some(Value::String(s)) => format!("[{}]", Value::String(s.clone())),
            Some(v) => format!("[{v}]"),
            None => String::new(),
        };
        let address = format!("{module}.{rtype}.{name}{key}");
        let mut p = Map::new();
        p.insert("address".into(), json!(address));
        p.insert("mode".into(), json!("managed"));
        p.insert("type".into(), json!(rtype));
        p.insert("name".into(), json!(name));
        if let Some(i) = &index {
            p.insert("index".into(), i.clone());
        }
        p.insert(
            "provider_name".into(),
            json!("registry.terraform.io/hashicorp/aws"),
        );
        p.insert("schema_version".into(), json!(0));
        p.insert("values".into(), values.clone());
        p.insert("sensitive_values".into(), sensitive.clone());
        self.planned.push(Value::Object(p));
        let mut c = Map::new();
        c.insert("address".into(), json!(address));
        c.insert("module_address".into(), json!(module));
        c.insert("mode".into(), json!("managed"));
        c.insert("type".into(), json!(rtype));
        c.insert("name".into(), json!(name));
        if let Some(i) = &index {
            c.insert("index".into(), i.clone());
        }
        c.insert(
            "provider_name".into(),
            json!("registry.terraform.io/hashicorp/aws"),
        );
        c.insert(
            "change".into(),
            json!({
                "actions": ["create"],
                "before": null,
                "after": values,
                "after_unknown": unknown,
                "before_sensitive": false,
                "after_sensitive": sensitive,
            }),
        );
        self.changes.push(Value::Object(c));
    }
}

fn stack(out: &mut Out, i: usize) {
    let f = flavor(i);
    let module = format!("module.{}[\"s{i:05}\"]", f.call());
    let (a, b) = (10 + i / 250, i % 250);
    let cidr = format!("10.{a}.{b}.0/24");
    let m = module.as_str();
    let mut vpc = json!({
        "assign_generated_ipv6_cidr_block": null, "cidr_block": format!("10.{a}.{b}.0/24"),
        "enable_dns_support": true, "instance_tenancy": "default", "ipv4_ipam_pool_id": null,
        "ipv4_netmask_length": null, "ipv6_ipam_pool_id": null, "ipv6_netmask_length": null,
        "tags": {"Name": format!("s{i:05}")}, "tags_all": {"Name": format!("s{i:05}")}
    });
    let mut vpc_unknown = json!({"arn": true, "default_network_acl_id": true, "default_route_table_id": true,
        "default_security_group_id": true, "dhcp_options_id": true, "enable_network_address_usage_metrics": true,
        "id": true, "ipv6_association_id": true, "ipv6_cidr_block": true, "ipv6_cidr_block_network_border_group": true,
        "main_route_table_id": true, "owner_id": true, "tags": {}, "tags_all": {}});
    if f == Flavor::Legacy {
        vpc_unknown["enable_dns_hostnames"] = json!(true);
    } else {
        vpc["enable_dns_hostnames"] = json!(true);
    }
    out.resource(
        m,
        "aws_vpc",
        "this",
        None,
        vpc,
        vpc_unknown,
        json!({"tags": {}, "tags_all": {}}),
    );
    for (k, az) in ["a", "b", "c"].iter().enumerate() {
        out.resource(m, "aws_subnet", "private", Some(json!(k)), json!({
            "assign_ipv6_address_on_creation": false, "availability_zone": format!("eu-west-1{az}"),
            "cidr_block": format!("10.{a}.{b}.{}/26", k * 64), "customer_owned_ipv4_pool": null, "enable_dns64": false,
            "enable_lni_at_device_index": null, "enable_resource_name_dns_a_record_on_launch": false,
            "enable_resource_name_dns_aaaa_record_on_launch": false, "ipv6_cidr_block": null, "ipv6_native": false,
            "map_customer_owned_ip_on_launch": null, "map_public_ip_on_launch": false, "outpost_arn": null,
            "tags": null, "timeouts": null
        }), json!({"arn": true, "availability_zone_id": true, "id": true, "ipv6_cidr_block_association_id": true,
            "owner_id": true, "private_dns_hostname_type_on_launch": true, "tags_all": true, "vpc_id": true}),
            json!({"tags_all": {}}));
    }
    out.resource(m, "aws_route_table", "private", None, json!({"tags": null, "timeouts": null}),
        json!({"arn": true, "id": true, "owner_id": true, "propagating_vgws": true, "route": true, "tags_all": true, "vpc_id": true}),
        json!({"propagating_vgws": [], "route": [], "tags_all": {}}));
    for k in 0..3 {
        out.resource(
            m,
            "aws_route_table_association",
            "private",
            Some(json!(k)),
            json!({"gateway_id": null, "timeouts": null}),
            json!({"id": true, "route_table_id": true, "subnet_id": true}),
            json!({}),
        );
    }
    let entry = |rule: u32, proto: &str, from: u32, to: u32| {
        json!({"action": "allow", "cidr_block": "10.0.0.0/8",
        "from_port": from, "icmp_code": null, "icmp_type": null, "ipv6_cidr_block": "", "protocol": proto, "rule_no": rule, "to_port": to})
    };
    out.resource(m, "aws_network_acl", "private", None, json!({
        "egress": [entry(100, "-1", 0, 0)],
        "ingress": [entry(100, "tcp", 443, 443), entry(200, "tcp", 1024, 65535)], "tags": null
    }), json!({"arn": true, "egress": [{}], "id": true, "ingress": [{}, {}], "owner_id": true, "subnet_ids": true, "tags_all": true, "vpc_id": true}),
        json!({"egress": [{}], "ingress": [{}, {}], "subnet_ids": [], "tags_all": {}}));
    out.resource(m, "aws_network_acl_rule", "deny", None, json!({"cidr_block": "192.168.0.0/16", "egress": false,
        "from_port": 443, "icmp_code": null, "icmp_type": null, "ipv6_cidr_block": null, "protocol": "tcp",
        "rule_action": "deny", "rule_number": 50, "to_port": 443}),
        json!({"id": true, "network_acl_id": true}), json!({}));
    out.resource(m, "aws_security_group", "endpoints", None, json!({
        "description": "Managed by Terraform",
        "ingress": [{"cidr_blocks": [cidr], "description": "", "from_port": 443, "ipv6_cidr_blocks": [],
            "prefix_list_ids": [], "protocol": "tcp", "security_groups": [], "self": false, "to_port": 443}],
        "name": "endpoints", "revoke_rules_on_delete": false, "tags": null, "timeouts": null
    }), json!({"arn": true, "egress": true, "id": true, "ingress": [{"cidr_blocks": [false], "ipv6_cidr_blocks": [],
        "prefix_list_ids": [], "security_groups": []}], "name_prefix": true, "owner_id": true, "tags_all": true, "vpc_id": true}),
        json!({"egress": [], "ingress": [{"cidr_blocks": [false], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": []}], "tags_all": {}}));
    out.resource(m, "aws_security_group_rule", "egress", None, json!({"cidr_blocks": ["0.0.0.0/0"],
        "description": null, "from_port": 443, "ipv6_cidr_blocks": null, "prefix_list_ids": null, "protocol": "tcp",
        "self": false, "timeouts": null, "to_port": 443, "type": "egress"}),
        json!({"cidr_blocks": [false], "id": true, "security_group_id": true, "security_group_rule_id": true, "source_security_group_id": true}),
        json!({"cidr_blocks": [false]}));
    out.resource(m, "aws_vpc_security_group_ingress_rule", "peer", None, json!({"cidr_ipv4": "172.16.0.0/12",
        "cidr_ipv6": null, "description": null, "from_port": 443, "ip_protocol": "tcp", "prefix_list_id": null,
        "referenced_security_group_id": null, "tags": null, "tags_all": {}, "to_port": 443}),
        json!({"arn": true, "id": true, "security_group_id": true, "security_group_rule_id": true}), json!({"tags_all": {}}));
    let ep_unknown = json!({"arn": true, "cidr_blocks": true, "dns_entry": true, "dns_options": true, "id": true,
        "ip_address_type": true, "network_interface_ids": true, "owner_id": true, "policy": true, "prefix_list_id": true,
        "requester_managed": true, "route_table_ids": true, "security_group_ids": true, "service_region": true,
        "state": true, "subnet_configuration": true, "subnet_ids": true, "tags_all": true, "vpc_id": true});
    let ep_sensitive = json!({"cidr_blocks": [], "dns_entry": [], "dns_options": [], "network_interface_ids": [],
        "route_table_ids": [], "security_group_ids": [], "subnet_configuration": [], "subnet_ids": [], "tags_all": {}});
    for s in SERVICES {
        out.resource(m, "aws_vpc_endpoint", "interface", Some(json!(s)), json!({"auto_accept": null,
            "private_dns_enabled": true, "resource_configuration_arn": null,
            "service_name": format!("com.amazonaws.eu-west-1.{s}"), "service_network_arn": null, "tags": null,
            "timeouts": null, "vpc_endpoint_type": "Interface"}), ep_unknown.clone(), ep_sensitive.clone());
    }
    let mut gw_unknown = ep_unknown.clone();
    gw_unknown["private_dns_enabled"] = json!(true);
    out.resource(m, "aws_vpc_endpoint", "s3", None, json!({"auto_accept": null, "resource_configuration_arn": null,
        "service_name": "com.amazonaws.eu-west-1.s3", "service_network_arn": null, "tags": null, "timeouts": null,
        "vpc_endpoint_type": "Gateway"}), gw_unknown, ep_sensitive);
    out.resource(m, "aws_vpc_endpoint_policy", "s3", None, json!({
        "policy": "{\"Statement\":[{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"arn:aws:s3:::artifacts/*\"}],\"Version\":\"2012-10-17\"}",
        "timeouts": null}), json!({"id": true, "vpc_endpoint_id": true}), json!({}));
    out.resource(m, "aws_route", "transit", None, json!({"carrier_gateway_id": null, "core_network_arn": null,
        "destination_cidr_block": "10.0.0.0/8", "destination_ipv6_cidr_block": null, "destination_prefix_list_id": null,
        "egress_only_gateway_id": null, "gateway_id": null, "local_gateway_id": null, "nat_gateway_id": null,
        "timeouts": null, "transit_gateway_id": "tgw-0a1b2c3d4e5f60718", "vpc_endpoint_id": null}),
        json!({"id": true, "instance_id": true, "instance_owner_id": true, "network_interface_id": true, "origin": true,
            "route_table_id": true, "state": true, "vpc_peering_connection_id": true}), json!({}));
}

fn refs(r: &[&str]) -> Value {
    json!({ "references": r })
}

fn config_resource(address: &str, expressions: Value, extra: Option<(&str, Value)>) -> Value {
    let (rtype, name) = address.split_once('.').unwrap_or((address, ""));
    let mut r = json!({"address": address, "mode": "managed", "type": rtype, "name": name,
        "provider_config_key": "aws", "expressions": expressions, "schema_version": 0});
    if let Some((k, v)) = extra {
        r[k] = v;
    }
    r
}

/// The configuration of the stack module, as the flavor writes it.
fn module_config(f: Flavor) -> Value {
    let vpc = refs(&["aws_vpc.this.id", "aws_vpc.this"]);
    let mut vpc_expr = json!({"cidr_block": refs(&["var.cidr"]), "enable_dns_support": {"constant_value": true},
        "tags": refs(&["var.name"])});
    if f != Flavor::Legacy {
        vpc_expr["enable_dns_hostnames"] = json!({"constant_value": true});
    }
    let subnets = if f == Flavor::SingleAz {
        refs(&[
            "aws_subnet.private[0].id",
            "aws_subnet.private[0]",
            "aws_subnet.private",
        ])
    } else {
        refs(&["aws_subnet.private"])
    };
    let count = |n: usize| Some(("count_expression", json!({"constant_value": n})));
    json!({
        "outputs": {"vpc_id": {"expression": vpc.clone()}},
        "resources": [
            config_resource("aws_network_acl.private", json!({"subnet_ids": refs(&["aws_subnet.private"]), "vpc_id": vpc.clone()}), None),
            config_resource("aws_network_acl_rule.deny", json!({"network_acl_id": refs(&["aws_network_acl.private.id", "aws_network_acl.private"])}), None),
            config_resource("aws_route.transit", json!({"route_table_id": refs(&["aws_route_table.private.id", "aws_route_table.private"])}), None),
            config_resource("aws_route_table.private", json!({"vpc_id": vpc.clone()}), None),
            config_resource("aws_route_table_association.private", json!({
                "route_table_id": refs(&["aws_route_table.private.id", "aws_route_table.private"]),
                "subnet_id": refs(&["aws_subnet.private", "count.index"])}), count(3)),
            config_resource("aws_security_group.endpoints", json!({"vpc_id": vpc.clone(), "name": {"constant_value": "endpoints"}}), None),
            config_resource("aws_security_group_rule.egress", json!({"security_group_id": refs(&["aws_security_group.endpoints.id", "aws_security_group.endpoints"])}), None),
            config_resource("aws_subnet.private", json!({"vpc_id": vpc.clone(), "cidr_block": refs(&["var.cidr", "count.index"])}), count(3)),
            config_resource("aws_vpc.this", vpc_expr, None),
            config_resource("aws_vpc_endpoint.interface", json!({
                "private_dns_enabled": {"constant_value": true},
                "security_group_ids": refs(&["aws_security_group.endpoints.id", "aws_security_group.endpoints"]),
                "service_name": refs(&["each.key"]), "subnet_ids": subnets,
                "vpc_endpoint_type": {"constant_value": "Interface"}, "vpc_id": vpc.clone()}),
                Some(("for_each_expression", json!({"constant_value": SERVICES})))),
            config_resource("aws_vpc_endpoint.s3", json!({
                "route_table_ids": refs(&["aws_route_table.private.id", "aws_route_table.private"]),
                "service_name": {"constant_value": "com.amazonaws.eu-west-1.s3"}, "vpc_id": vpc.clone()}), None),
            config_resource("aws_vpc_endpoint_policy.s3", json!({"policy": {},
                "vpc_endpoint_id": refs(&["aws_vpc_endpoint.s3.id", "aws_vpc_endpoint.s3"])}), None),
            config_resource("aws_vpc_security_group_ingress_rule.peer", json!({
                "security_group_id": refs(&["aws_security_group.endpoints.id", "aws_security_group.endpoints"])}), None),
        ],
        "variables": {"cidr": {}, "name": {}}
    })
}

/// The plan of `stacks` stacks, as Terraform prints it (one line).
pub fn plan(stacks: usize) -> String {
    let mut out = Out {
        planned: Vec::new(),
        changes: Vec::new(),
    };
    let mut modules: Vec<(String, Vec<Value>)> = Vec::new();
    for i in 0..stacks {
        let before = out.planned.len();
        stack(&mut out, i);
        let resources = out.planned.split_off(before);
        let f = flavor(i);
        modules.push((format!("module.{}[\"s{i:05}\"]", f.call()), resources));
    }
    modules.sort_by(|a, b| a.0.cmp(&b.0));
    let child_modules: Vec<Value> = modules
        .into_iter()
        .map(|(address, resources)| json!({"resources": resources, "address": address}))
        .collect();
    let mut calls = Map::new();
    for f in [Flavor::Healthy, Flavor::SingleAz, Flavor::Legacy] {
        calls.insert(
            f.call().into(),
            json!({
                "source": "./modules/stack",
                "expressions": {"cidr": refs(&["each.value"]), "name": refs(&["each.key"])},
                "for_each_expression": refs(&["local.stacks"]),
                "module": module_config(f),
            }),
        );
    }
    let planned = json!({"root_module": {"child_modules": child_modules}});
    let configuration = json!({
        "provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
            "expressions": {"region": {"constant_value": "eu-west-1"}}}},
        "root_module": {"module_calls": calls}
    });
    // Top-level members in Terraform's order (serde_json would sort them).
    format!(
        "{{\"format_version\":\"1.2\",\"terraform_version\":\"1.11.4\",\"planned_values\":{planned},\"resource_changes\":{},\"configuration\":{configuration},\"timestamp\":\"2026-11-22T03:00:00Z\",\"applyable\":true,\"complete\":true,\"errored\":false}}",
        Value::Array(out.changes)
    )
}
