#!/usr/bin/env python3
"""Writes the plans of aiven/, aiven-access/, aiven-rules/, aiven-rules-healthy/, aiven-planned/,
aiven-planned-healthy/, data-forms/ and dns-data/: the plans `terraform show -json` prints for the
configurations beside them (Terraform 1.11, aiven/aiven 4.x, hashicorp/aws 5.100.0), built
here because the Aiven provider is not in the offline mirror that build.sh uses (and the data
sources of dns-data/ would need AWS to be read). Same layout,
key order and one-line form as Terraform's; data sources read while planning are in
prior_state only, as Terraform writes them."""
import json
import pathlib

HERE = pathlib.Path(__file__).parent
AWS = "registry.terraform.io/hashicorp/aws"
AIVEN = "registry.terraform.io/aiven/aiven"
OWNER = "111122223333"
VPC = "vpc-0e1f2a3b4c5d6e7f8"
SVC_ID = "vpce-svc-0b16e88f3b706aaf1"
SVC = f"com.amazonaws.vpce.eu-west-1.{SVC_ID}"


def res(address, mode, type_, name, provider, values, index=None, schema=0):
    r = {"address": address, "mode": mode, "type": type_, "name": name}
    if index is not None:
        r["index"] = index
    r.update({"provider_name": provider, "schema_version": schema, "values": values,
              "sensitive_values": {}})
    return r


def change(r, actions, before, after_unknown, module=None, reason=None):
    c = {"address": r["address"]}
    if module:
        c["module_address"] = module
    c.update({k: r[k] for k in ("mode", "type", "name")})
    if "index" in r:
        c["index"] = r["index"]
    c["provider_name"] = r["provider_name"]
    c["change"] = {"actions": actions, "before": before, "after": r["values"],
                   "after_unknown": after_unknown, "before_sensitive": {} if before else False,
                   "after_sensitive": {}}
    if reason:
        c["action_reason"] = reason
    return c


def kafka(name, plan, access):
    return {
        "additional_disk_space": None, "cloud_name": "aws-eu-west-1",
        "components": [{"component": "kafka", "connection_uri": f"{name}-acme.a.aivencloud.com:13041",
                        "host": f"{name}-acme.a.aivencloud.com", "kafka_authentication_method": "certificate",
                        "port": 13041, "route": "dynamic", "ssl": True, "usage": "primary"}],
        "default_acl": True, "disk_space": None, "id": f"acme/{name}",
        "kafka_user_config": [{"ip_filter_object": [], "kafka_version": "3.8",
                               "privatelink_access": [dict({"jolokia": None, "kafka": None, "kafka_connect": None,
                                                            "kafka_rest": None, "prometheus": None,
                                                            "schema_registry": None}, **access)],
                               "public_access": []}],
        "maintenance_window_dow": "sunday", "maintenance_window_time": "02:00:00", "plan": plan,
        "project": "acme", "project_vpc_id": "acme/7f3e9a2b-1c4d-4e5f-8a9b-0c1d2e3f4a5b",
        "service_host": f"{name}-acme.a.aivencloud.com", "service_name": name, "service_port": 13041,
        "service_type": "kafka", "service_username": "avnadmin", "state": "RUNNING",
        "static_ips": None, "tag": [], "tech_emails": [], "termination_protection": False, "timeouts": None,
    }


def privatelink(name):
    return {"aws_service_id": SVC_ID, "aws_service_name": SVC, "id": f"acme/{name}",
            "principals": [f"arn:aws:iam::{OWNER}:role/kafka-endpoints"], "project": "acme",
            "service_name": name, "timeouts": None}


def refs(*r):
    return {"references": list(r)}


def const(v):
    return {"constant_value": v}


def provider_config():
    return {"aiven": {"name": "aiven", "full_name": AIVEN, "version_constraint": "~> 4.0"},
            "aws": {"name": "aws", "full_name": AWS, "version_constraint": "5.100.0",
                    "expressions": {"region": const("eu-west-1")}}}


def cfg_aiven(name, plan, access):
    return [
        {"address": f"aiven_kafka.{name}", "mode": "managed", "type": "aiven_kafka", "name": name,
         "provider_config_key": "aiven",
         "expressions": {"cloud_name": const("aws-eu-west-1"), "kafka_user_config": [
             {"privatelink_access": [{k: const(v) for k, v in access.items()}]}],
             "plan": const(plan), "project": const("acme"), "service_name": const(name)},
         "schema_version": 0},
        {"address": f"aiven_aws_privatelink.{name}", "mode": "managed", "type": "aiven_aws_privatelink",
         "name": name, "provider_config_key": "aiven",
         "expressions": {"principals": const([f"arn:aws:iam::{OWNER}:role/kafka-endpoints"]),
                         "project": refs(f"aiven_kafka.{name}.project", f"aiven_kafka.{name}"),
                         "service_name": refs(f"aiven_kafka.{name}.service_name", f"aiven_kafka.{name}")},
         "schema_version": 0},
    ]


def document(planned, changes, prior, configuration, relevant):
    return {"format_version": "1.2", "terraform_version": "1.11.4", "planned_values": planned,
            "resource_changes": changes,
            "prior_state": {"format_version": "1.0", "terraform_version": "1.11.4", "values": prior},
            "configuration": configuration, "relevant_attributes": relevant,
            "timestamp": "2026-11-23T09:14:02Z", "applyable": True, "complete": True, "errored": False}


def write(path, doc):
    (HERE / path).write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(path)


SUBNETS = [("subnet-0a1b2c3d4e5f60718", "10.20.1.0/24", "eu-west-1a", "euw1-az3"),
           ("subnet-0b2c3d4e5f6071829", "10.20.2.0/24", "eu-west-1b", "euw1-az1"),
           ("subnet-0c3d4e5f607182930", "10.20.3.0/24", "eu-west-1c", "euw1-az2")]


def seen_case():
    """The Kafka endpoint whose group admits only TCP 10000-20000."""
    m = "module.kafka_endpoint"
    k = res("aiven_kafka.events", "managed", "aiven_kafka", "events", AIVEN, kafka("events", "business-4", {"kafka": True}))
    link = res("aiven_aws_privatelink.events", "managed", "aiven_aws_privatelink", "events", AIVEN, privatelink("events"))
    vpc = res("data.aws_vpc.main", "data", "aws_vpc", "main", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:vpc/{VPC}", "cidr_block": "10.20.0.0/16",
        "cidr_block_associations": [{"association_id": "vpc-cidr-assoc-0a1b2c3d4e5f60718", "cidr_block": "10.20.0.0/16", "state": "associated"}],
        "default": False, "dhcp_options_id": "dopt-0a1b2c3d4e5f60718", "enable_dns_hostnames": True,
        "enable_dns_support": True, "enable_network_address_usage_metrics": False, "filter": None,
        "id": VPC, "instance_tenancy": "default", "ipv6_association_id": "", "ipv6_cidr_block": "",
        "main_route_table_id": "rtb-0a1b2c3d4e5f60718", "owner_id": OWNER, "state": None,
        "tags": {"Name": "main"}, "timeouts": None})
    subnets = [res(f'{m}.data.aws_subnet.private["{sid}"]', "data", "aws_subnet", "private", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:subnet/{sid}", "assign_ipv6_address_on_creation": False,
        "availability_zone": az, "availability_zone_id": azid, "available_ip_address_count": 251,
        "cidr_block": cidr, "customer_owned_ipv4_pool": "", "default_for_az": False, "enable_dns64": False,
        "enable_lni_at_device_index": 0, "enable_resource_name_dns_a_record_on_launch": False,
        "enable_resource_name_dns_aaaa_record_on_launch": False, "filter": None, "id": sid,
        "ipv6_cidr_block": "", "ipv6_cidr_block_association_id": "", "ipv6_native": False,
        "map_customer_owned_ip_on_launch": False, "map_public_ip_on_launch": False, "outpost_arn": "",
        "owner_id": OWNER, "private_dns_hostname_type_on_launch": "ip-name", "state": "available",
        "tags": {"Name": f"private-{az}"}, "timeouts": None, "vpc_id": VPC}, index=sid)
        for sid, cidr, az, azid in SUBNETS]
    sg = res(f"{m}.aws_security_group.kafka", "managed", "aws_security_group", "kafka", AWS, {
        "description": "Managed by Terraform", "egress": [],
        "ingress": [{"cidr_blocks": [c for _, c, _, _ in SUBNETS], "description": "", "from_port": 10000,
                     "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "tcp", "security_groups": [],
                     "self": False, "to_port": 20000}],
        "name": "kafka-endpoint", "revoke_rules_on_delete": False, "tags": None, "timeouts": None,
        "vpc_id": VPC}, schema=1)
    ep = res(f"{m}.aws_vpc_endpoint.this", "managed", "aws_vpc_endpoint", "this", AWS, {
        "auto_accept": None, "private_dns_enabled": False, "resource_configuration_arn": None,
        "service_name": SVC, "service_network_arn": None, "subnet_ids": [s for s, _, _, _ in SUBNETS],
        "tags": None, "timeouts": None, "vpc_endpoint_type": "Interface", "vpc_id": VPC})
    planned = {"root_module": {"resources": [k, link], "child_modules": [{"resources": [sg, ep], "address": m}]}}
    changes = [
        change(k, ["no-op"], k["values"], {}),
        change(link, ["no-op"], link["values"], {}),
        change(sg, ["create"], None, {"arn": True, "egress": [], "id": True, "ingress": [{"cidr_blocks": [False, False, False], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": []}], "name_prefix": True, "owner_id": True, "tags_all": True}, module=m),
        change(ep, ["create"], None, {"arn": True, "cidr_blocks": True, "dns_entry": True, "dns_options": True, "id": True, "ip_address_type": True, "network_interface_ids": True, "owner_id": True, "policy": True, "prefix_list_id": True, "requester_managed": True, "route_table_ids": True, "security_group_ids": True, "state": True, "subnet_configuration": True, "subnet_ids": [False, False, False], "tags_all": True}, module=m),
    ]
    prior = {"root_module": {"resources": [k, link, vpc], "child_modules": [{"resources": subnets, "address": m}]}}
    module_cfg = {
        "resources": [
            {"address": "aws_security_group.kafka", "mode": "managed", "type": "aws_security_group", "name": "kafka",
             "provider_config_key": "aws", "expressions": {
                 "ingress": [{"cidr_blocks": refs("data.aws_subnet.private"), "from_port": const(10000),
                              "protocol": const("tcp"), "to_port": const(20000)}],
                 "name": const("kafka-endpoint"), "vpc_id": refs("var.vpc_id")}, "schema_version": 1},
            {"address": "aws_vpc_endpoint.this", "mode": "managed", "type": "aws_vpc_endpoint", "name": "this",
             "provider_config_key": "aws", "expressions": {
                 "private_dns_enabled": const(False),
                 "security_group_ids": refs("aws_security_group.kafka.id", "aws_security_group.kafka"),
                 "service_name": refs("var.service_name"), "subnet_ids": refs("data.aws_subnet.private"),
                 "vpc_endpoint_type": const("Interface"), "vpc_id": refs("var.vpc_id")}, "schema_version": 0},
            {"address": "data.aws_subnet.private", "mode": "data", "type": "aws_subnet", "name": "private",
             "provider_config_key": "aws", "expressions": {"id": refs("each.value")}, "schema_version": 0,
             "for_each_expression": refs("var.subnet_ids")},
        ],
        "variables": {"service_name": {}, "subnet_ids": {}, "vpc_id": {}},
    }
    configuration = {"provider_config": provider_config(), "root_module": {
        "resources": cfg_aiven("events", "business-4", {"kafka": True}) + [
            {"address": "data.aws_vpc.main", "mode": "data", "type": "aws_vpc", "name": "main",
             "provider_config_key": "aws", "expressions": {"id": const(VPC)}, "schema_version": 0}],
        "module_calls": {"kafka_endpoint": {"source": "./modules/endpoint", "expressions": {
            "service_name": refs("aiven_aws_privatelink.events.aws_service_name", "aiven_aws_privatelink.events"),
            "subnet_ids": const([s for s, _, _, _ in SUBNETS]),
            "vpc_id": refs("data.aws_vpc.main.id", "data.aws_vpc.main")}, "module": module_cfg}}}}
    relevant = [{"resource": f'{m}.data.aws_subnet.private["{s}"]', "attribute": ["id"]} for s, _, _, _ in SUBNETS]
    write("aiven/plan.json", document(planned, changes, prior, configuration, relevant))


def access_case():
    """A planned update of a Kafka service whose PrivateLink access stays off."""
    before = kafka("orders", "business-4", {"kafka": False, "kafka_connect": False})
    k = res("aiven_kafka.orders", "managed", "aiven_kafka", "orders", AIVEN,
            kafka("orders", "business-8", {"kafka": False, "kafka_connect": False}))
    link = res("aiven_aws_privatelink.orders", "managed", "aiven_aws_privatelink", "orders", AIVEN, privatelink("orders"))
    ep = res("data.aws_vpc_endpoint.orders", "data", "aws_vpc_endpoint", "orders", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:vpc-endpoint/vpce-0f1e2d3c4b5a69788", "cidr_blocks": [],
        "dns_entry": [], "dns_options": [], "filter": None, "id": "vpce-0f1e2d3c4b5a69788",
        "ip_address_type": "ipv4", "network_interface_ids": ["eni-0a1b2c3d4e5f60718", "eni-0b2c3d4e5f6071829"], "owner_id": OWNER,
        "policy": "", "prefix_list_id": "", "private_dns_enabled": False, "requester_managed": False,
        "route_table_ids": [], "security_group_ids": ["sg-0a1b2c3d4e5f60718"], "service_name": SVC,
        "state": "available", "subnet_ids": ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], "tags": {}, "timeouts": None,
        "vpc_endpoint_type": "Interface", "vpc_id": VPC})
    planned = {"root_module": {"resources": [k, link]}}
    changes = [change(k, ["update"], before, {}), change(link, ["no-op"], link["values"], {})]
    prior = {"root_module": {"resources": [res(k["address"], "managed", "aiven_kafka", "orders", AIVEN, before), link, ep]}}
    configuration = {"provider_config": provider_config(), "root_module": {
        "resources": cfg_aiven("orders", "business-8", {"kafka": False, "kafka_connect": False}) + [
            {"address": "data.aws_vpc_endpoint.orders", "mode": "data", "type": "aws_vpc_endpoint", "name": "orders",
             "provider_config_key": "aws", "expressions": {"id": const("vpce-0f1e2d3c4b5a69788")}, "schema_version": 0}]}}
    write("aiven-access/plan.json", document(planned, changes, prior, configuration, []))


def subnet_data(address, sid, cidr, az, azid):
    return res(address, "data", "aws_subnet", "private", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:subnet/{sid}", "assign_ipv6_address_on_creation": False,
        "availability_zone": az, "availability_zone_id": azid, "available_ip_address_count": 251,
        "cidr_block": cidr, "customer_owned_ipv4_pool": "", "default_for_az": False, "enable_dns64": False,
        "enable_lni_at_device_index": 0, "enable_resource_name_dns_a_record_on_launch": False,
        "enable_resource_name_dns_aaaa_record_on_launch": False, "filter": None, "id": sid,
        "ipv6_cidr_block": "", "ipv6_cidr_block_association_id": "", "ipv6_native": False,
        "map_customer_owned_ip_on_launch": False, "map_public_ip_on_launch": False, "outpost_arn": "",
        "owner_id": OWNER, "private_dns_hostname_type_on_launch": "ip-name", "state": "available",
        "tags": {"Name": f"private-{az}"}, "timeouts": None, "vpc_id": VPC}, index=sid)


def vpc_data():
    return res("data.aws_vpc.main", "data", "aws_vpc", "main", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:vpc/{VPC}", "cidr_block": "10.20.0.0/16",
        "cidr_block_associations": [{"association_id": "vpc-cidr-assoc-0a1b2c3d4e5f60718", "cidr_block": "10.20.0.0/16", "state": "associated"}],
        "default": False, "dhcp_options_id": "dopt-0a1b2c3d4e5f60718", "enable_dns_hostnames": True,
        "enable_dns_support": True, "enable_network_address_usage_metrics": False, "filter": None,
        "id": VPC, "instance_tenancy": "default", "ipv6_association_id": "", "ipv6_cidr_block": "",
        "main_route_table_id": "rtb-0a1b2c3d4e5f60718", "owner_id": OWNER, "state": None,
        "tags": {"Name": "main"}, "timeouts": None})


def data_cfg(address, type_, expressions, for_each=None):
    c = {"address": address, "mode": "data", "type": type_, "name": address.split(".")[-1],
         "provider_config_key": "aws", "expressions": expressions, "schema_version": 0}
    if for_each:
        c["for_each_expression"] = for_each
    return c


def sg_values(cidrs, from_port, to_port):
    """A group without a name (AWS picks one at apply) admitting TCP from_port-to_port."""
    return {"description": "Managed by Terraform", "egress": [],
            "ingress": [{"cidr_blocks": cidrs, "description": "", "from_port": from_port,
                         "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": "tcp",
                         "security_groups": [], "self": False, "to_port": to_port}],
            "revoke_rules_on_delete": False, "tags": None, "timeouts": None, "vpc_id": VPC}


SG_UNKNOWN = {"arn": True, "egress": [], "id": True, "name_prefix": True, "owner_id": True, "tags_all": True}
EP_UNKNOWN = {"arn": True, "cidr_blocks": True, "dns_entry": True, "dns_options": True, "id": True,
              "ip_address_type": True, "network_interface_ids": True, "owner_id": True, "policy": True,
              "prefix_list_id": True, "requester_managed": True, "route_table_ids": True,
              "security_group_ids": True, "state": True, "subnet_configuration": True, "tags_all": True}


def endpoint_values(service_name, subnet_ids):
    v = {"auto_accept": None, "private_dns_enabled": False, "resource_configuration_arn": None}
    if service_name is not None:
        v["service_name"] = service_name
    v.update({"service_network_arn": None, "subnet_ids": subnet_ids, "tags": None, "timeouts": None,
              "vpc_endpoint_type": "Interface", "vpc_id": VPC})
    return v


def endpoint_module_cfg():
    """../modules/aiven-endpoint: an interface endpoint and its group admitting
    var.from_port-var.to_port from the subnets it is given."""
    return {
        "resources": [
            {"address": "aws_security_group.this", "mode": "managed", "type": "aws_security_group", "name": "this",
             "provider_config_key": "aws", "expressions": {
                 "ingress": [{"cidr_blocks": refs("var.subnet_cidrs"), "from_port": refs("var.from_port"),
                              "protocol": const("tcp"), "to_port": refs("var.to_port")}],
                 "vpc_id": refs("var.vpc_id")}, "schema_version": 1},
            {"address": "aws_vpc_endpoint.this", "mode": "managed", "type": "aws_vpc_endpoint", "name": "this",
             "provider_config_key": "aws", "expressions": {
                 "private_dns_enabled": const(False),
                 "security_group_ids": refs("aws_security_group.this.id", "aws_security_group.this"),
                 "service_name": refs("var.service_name"), "subnet_ids": refs("var.subnet_ids"),
                 "vpc_endpoint_type": const("Interface"), "vpc_id": refs("var.vpc_id")}, "schema_version": 0},
        ],
        "variables": {"from_port": {}, "service_name": {}, "subnet_cidrs": {}, "subnet_ids": {},
                      "to_port": {}, "vpc_id": {}},
    }


def service_values(type_, name, config, components):
    return {
        "additional_disk_space": None, "cloud_name": "aws-eu-west-1", "components": components,
        "disk_space": None, "id": f"acme/{name}", f"{type_}_user_config": [config],
        "maintenance_window_dow": "sunday", "maintenance_window_time": "02:00:00", "plan": "business-4",
        "project": "acme", "project_vpc_id": "acme/7f3e9a2b-1c4d-4e5f-8a9b-0c1d2e3f4a5b",
        "service_host": f"{name}-acme.a.aivencloud.com", "service_name": name, "service_port": 13039,
        "service_type": type_, "service_username": "avnadmin", "state": "RUNNING", "static_ips": None,
        "tag": [], "tech_emails": [], "termination_protection": False, "timeouts": None,
    }


def link_values(name, svc_id, principals):
    return {"aws_service_id": svc_id, "aws_service_name": f"com.amazonaws.vpce.eu-west-1.{svc_id}",
            "id": f"acme/{name}", "principals": principals, "project": "acme", "service_name": name,
            "timeouts": None}


def link_cfg(name, service_ref, principals):
    return {"address": f"aiven_aws_privatelink.{name}", "mode": "managed", "type": "aiven_aws_privatelink",
            "name": name, "provider_config_key": "aiven",
            "expressions": {"principals": const(principals),
                            "project": const("acme"),
                            "service_name": refs(f"{service_ref}.service_name", service_ref)},
            "schema_version": 0}


RULE_SUBNETS = SUBNETS[:2]
ORDERS_SVC = "vpce-svc-0a26d77e2c695f9e0"
EVENTS_SVC = "vpce-svc-0c38f99a4e817b0c2"
LEDGER_SVC = "vpce-svc-0d49a00b5f928c1d3"


def rules_case(healthy):
    """One defect for each Aiven rule a plan can show, on existing services and links: a
    PrivateLink for a Cassandra service read by a data source (AIV001), a link allowing a whole
    account (AIV005), an endpoint whose service name is two characters off its link's (AIV003).
    The healthy twin has no link for Cassandra, a role as principal, the right service name."""
    role = f"arn:aws:iam::{OWNER}:role/endpoints"
    orders_principal = role if healthy else f"arn:aws:iam::{OWNER}:root"
    events_name = f"com.amazonaws.vpce.eu-west-1.{EVENTS_SVC}"
    typo = events_name if healthy else events_name[:-2] + "2c"
    ledger = res("data.aiven_cassandra.ledger", "data", "aiven_cassandra", "ledger", AIVEN,
                 service_values("cassandra", "ledger", {"cassandra_version": "4.1", "ip_filter_object": [],
                                                        "public_access": []}, []))
    orders = res("aiven_pg.orders", "managed", "aiven_pg", "orders", AIVEN, service_values(
        "pg", "orders", {"ip_filter_object": [], "pg_version": "16",
                         "privatelink_access": [{"pg": True, "pgbouncer": None, "prometheus": None}],
                         "public_access": []},
        [{"component": "pg", "connection_uri": "", "host": "privatelink-1-orders-acme.a.aivencloud.com",
          "kafka_authentication_method": "", "port": 13039, "route": "privatelink", "ssl": True,
          "usage": "primary"}]))
    events = res("aiven_kafka.events", "managed", "aiven_kafka", "events", AIVEN, kafka("events", "business-4", {"kafka": True}))
    links = [res("aiven_aws_privatelink.orders", "managed", "aiven_aws_privatelink", "orders", AIVEN,
                 link_values("orders", ORDERS_SVC, [orders_principal])),
             res("aiven_aws_privatelink.events", "managed", "aiven_aws_privatelink", "events", AIVEN,
                 link_values("events", EVENTS_SVC, [role]))]
    if not healthy:
        links.append(res("aiven_aws_privatelink.ledger", "managed", "aiven_aws_privatelink", "ledger", AIVEN,
                         link_values("ledger", LEDGER_SVC, [role])))
    subnets = [subnet_data(f'data.aws_subnet.private["{sid}"]', sid, cidr, az, azid)
               for sid, cidr, az, azid in RULE_SUBNETS]
    cidrs = [c for _, c, _, _ in RULE_SUBNETS]
    ids = [s for s, _, _, _ in RULE_SUBNETS]
    modules = []
    changes = [change(r, ["no-op"], r["values"], {}) for r in [orders, events] + links]
    ports = {"orders": (13039, 13039, f"com.amazonaws.vpce.eu-west-1.{ORDERS_SVC}"),
             "events": (10000, 31000, typo)}
    for key, (lo, hi, name) in ports.items():
        m = f'module.endpoints["{key}"]'
        sg = res(f"{m}.aws_security_group.this", "managed", "aws_security_group", "this", AWS,
                 sg_values(cidrs, lo, hi), schema=1)
        ep = res(f"{m}.aws_vpc_endpoint.this", "managed", "aws_vpc_endpoint", "this", AWS, endpoint_values(name, ids))
        modules.append({"resources": [sg, ep], "address": m})
        changes.append(change(sg, ["create"], None, dict(SG_UNKNOWN, ingress=[{"cidr_blocks": [False] * len(cidrs), "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": []}], name=True), module=m))
        changes.append(change(ep, ["create"], None, dict(EP_UNKNOWN, subnet_ids=[False] * len(ids)), module=m))
    planned = {"root_module": {"resources": [orders, events] + links, "child_modules": modules}}
    prior = {"root_module": {"resources": [orders, events] + links + [ledger, vpc_data()] + subnets}}
    root_cfg = [
        {"address": "aiven_pg.orders", "mode": "managed", "type": "aiven_pg", "name": "orders",
         "provider_config_key": "aiven", "expressions": {
             "cloud_name": const("aws-eu-west-1"), "pg_user_config": [{"privatelink_access": [{"pg": const(True)}]}],
             "plan": const("business-4"), "project": const("acme"), "service_name": const("orders")},
         "schema_version": 0},
        cfg_aiven("events", "business-4", {"kafka": True})[0],
        link_cfg("orders", "aiven_pg.orders", [orders_principal]),
        link_cfg("events", "aiven_kafka.events", [role]),
    ]
    if not healthy:
        root_cfg.append(link_cfg("ledger", "data.aiven_cassandra.ledger", [role]))
    root_cfg += [
        {"address": "data.aiven_cassandra.ledger", "mode": "data", "type": "aiven_cassandra", "name": "ledger",
         "provider_config_key": "aiven", "expressions": {"project": const("acme"), "service_name": const("ledger")},
         "schema_version": 0},
        data_cfg("data.aws_subnet.private", "aws_subnet", {"id": refs("each.value")}, for_each=const(ids)),
        data_cfg("data.aws_vpc.main", "aws_vpc", {"id": const(VPC)}),
    ]
    call = {"source": "../modules/aiven-endpoint", "for_each_expression": refs("local.endpoints"), "expressions": {
        "from_port": refs("each.value.from_port", "each.value"),
        "service_name": refs("each.value.service_name", "each.value"),
        "subnet_cidrs": refs("data.aws_subnet.private"),
        "subnet_ids": refs("data.aws_subnet.private"),
        "to_port": refs("each.value.to_port", "each.value"),
        "vpc_id": refs("data.aws_vpc.main.id", "data.aws_vpc.main")},
        "module": endpoint_module_cfg()}
    configuration = {"provider_config": provider_config(), "root_module": {
        "resources": root_cfg, "module_calls": {"endpoints": call}}}
    name = "aiven-rules-healthy" if healthy else "aiven-rules"
    write(f"{name}/plan.json", document(planned, changes, prior, configuration, []))


def planned_case(healthy):
    """A link planned in full: the Kafka service, its PrivateLink and the endpoint are all
    created, so the endpoint service name is known only after apply. The principals and the
    group's ports are known: the broken plan allows the whole account and admits TCP
    10000-20000 only; the healthy twin a role and the whole pool."""
    m = "module.kafka_endpoint"
    principal = f"arn:aws:iam::{OWNER}:role/kafka-endpoints" if healthy else f"arn:aws:iam::{OWNER}:root"
    hi = 31000 if healthy else 20000
    k = res("aiven_kafka.stream", "managed", "aiven_kafka", "stream", AIVEN, {
        "additional_disk_space": None, "cloud_name": "aws-eu-west-1", "default_acl": True,
        "kafka_user_config": [{"ip_filter_object": [], "kafka_version": "3.8",
                               "privatelink_access": [{"jolokia": None, "kafka": True, "kafka_connect": None,
                                                       "kafka_rest": None, "prometheus": None, "schema_registry": None}],
                               "public_access": []}],
        "maintenance_window_dow": None, "maintenance_window_time": None, "plan": "business-4",
        "project": "acme", "project_vpc_id": "acme/7f3e9a2b-1c4d-4e5f-8a9b-0c1d2e3f4a5b",
        "service_name": "stream", "static_ips": None, "tag": [], "tech_emails": [],
        "termination_protection": False, "timeouts": None})
    link = res("aiven_aws_privatelink.stream", "managed", "aiven_aws_privatelink", "stream", AIVEN, {
        "principals": [principal], "project": "acme", "service_name": "stream", "timeouts": None})
    subnets = [subnet_data(f'data.aws_subnet.private["{sid}"]', sid, cidr, az, azid) for sid, cidr, az, azid in SUBNETS]
    cidrs = [c for _, c, _, _ in SUBNETS]
    ids = [s for s, _, _, _ in SUBNETS]
    sg = res(f"{m}.aws_security_group.this", "managed", "aws_security_group", "this", AWS,
             sg_values(cidrs, 10000, hi), schema=1)
    ep = res(f"{m}.aws_vpc_endpoint.this", "managed", "aws_vpc_endpoint", "this", AWS, endpoint_values(None, ids))
    planned = {"root_module": {"resources": [k, link], "child_modules": [{"resources": [sg, ep], "address": m}]}}
    changes = [
        change(k, ["create"], None, {"components": True, "disk_space_cap": True, "disk_space_default": True,
                                     "id": True, "service_host": True, "service_port": True, "service_type": True,
                                     "service_uri": True, "service_username": True, "state": True}),
        change(link, ["create"], None, {"aws_service_id": True, "aws_service_name": True, "id": True}),
        change(sg, ["create"], None, dict(SG_UNKNOWN, ingress=[{"cidr_blocks": [False] * 3, "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": []}], name=True), module=m),
        change(ep, ["create"], None, dict(EP_UNKNOWN, service_name=True, subnet_ids=[False] * 3), module=m),
    ]
    prior = {"root_module": {"resources": [vpc_data()] + subnets}}
    configuration = {"provider_config": provider_config(), "root_module": {
        "resources": [cfg_aiven("stream", "business-4", {"kafka": True})[0],
                      link_cfg("stream", "aiven_kafka.stream", [principal]),
                      data_cfg("data.aws_subnet.private", "aws_subnet", {"id": refs("each.value")}, for_each=const(ids)),
                      data_cfg("data.aws_vpc.main", "aws_vpc", {"id": const(VPC)})],
        "module_calls": {"kafka_endpoint": {"source": "../modules/aiven-endpoint", "expressions": {
            "from_port": const(10000),
            "service_name": refs("aiven_aws_privatelink.stream.aws_service_name", "aiven_aws_privatelink.stream"),
            "subnet_cidrs": refs("data.aws_subnet.private"),
            "subnet_ids": refs("data.aws_subnet.private"),
            "to_port": const(hi),
            "vpc_id": refs("data.aws_vpc.main.id", "data.aws_vpc.main")},
            "module": endpoint_module_cfg()}}}}
    name = "aiven-planned-healthy" if healthy else "aiven-planned"
    write(f"{name}/plan.json", document(planned, changes, prior, configuration, []))


PARTNER = "com.amazonaws.vpce.eu-west-1.vpce-svc-0e5ab11c6fa39d4e4"


def data_forms_case():
    """The data forms of a route table, an endpoint service and a security group beside an
    endpoint the plan creates to a partner's service, with private DNS off."""
    rtb = res("data.aws_route_table.private", "data", "aws_route_table", "private", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:route-table/rtb-0b2c3d4e5f6071829",
        "associations": [
            {"gateway_id": "", "main": False, "route_table_association_id": "rtbassoc-0a1b2c3d4e5f60718",
             "route_table_id": "rtb-0b2c3d4e5f6071829", "subnet_id": "subnet-0a1b2c3d4e5f60718"},
            {"gateway_id": "", "main": False, "route_table_association_id": "rtbassoc-0b2c3d4e5f6071829",
             "route_table_id": "rtb-0b2c3d4e5f6071829", "subnet_id": "subnet-0b2c3d4e5f6071829"}],
        "filter": None, "gateway_id": "", "id": "rtb-0b2c3d4e5f6071829", "owner_id": OWNER,
        "route_table_id": "rtb-0b2c3d4e5f6071829",
        "routes": [
            {"carrier_gateway_id": "", "cidr_block": "0.0.0.0/0", "core_network_arn": "",
             "destination_prefix_list_id": "", "egress_only_gateway_id": "", "gateway_id": "",
             "instance_id": "", "ipv6_cidr_block": "", "local_gateway_id": "",
             "nat_gateway_id": "nat-0a1b2c3d4e5f60718", "network_interface_id": "",
             "transit_gateway_id": "", "vpc_endpoint_id": "", "vpc_peering_connection_id": ""},
            {"carrier_gateway_id": "", "cidr_block": "10.30.0.0/16", "core_network_arn": "",
             "destination_prefix_list_id": "", "egress_only_gateway_id": "", "gateway_id": "",
             "instance_id": "", "ipv6_cidr_block": "", "local_gateway_id": "", "nat_gateway_id": "",
             "network_interface_id": "", "transit_gateway_id": "", "vpc_endpoint_id": "",
             "vpc_peering_connection_id": "pcx-0a1b2c3d4e5f60718"}],
        "subnet_id": "", "tags": {"Name": "private"}, "timeouts": None, "vpc_id": VPC})
    svc = res("data.aws_vpc_endpoint_service.partner", "data", "aws_vpc_endpoint_service", "partner", AWS, {
        "acceptance_required": True, "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:vpc-endpoint-service/vpce-svc-0e5ab11c6fa39d4e4",
        "availability_zones": ["eu-west-1a", "eu-west-1b"], "base_endpoint_dns_names": ["vpce-svc-0e5ab11c6fa39d4e4.eu-west-1.vpce.amazonaws.com"],
        "filter": None, "id": "1870566208", "manages_vpc_endpoints": False, "owner": "444455556666",
        "private_dns_name": "api.partner.example", "private_dns_names": ["api.partner.example"],
        "region": "eu-west-1", "service": None, "service_id": "vpce-svc-0e5ab11c6fa39d4e4",
        "service_name": PARTNER, "service_type": "Interface", "supported_ip_address_types": ["ipv4"],
        "tags": {}, "timeouts": None, "vpc_endpoint_policy_supported": False})
    sgd = res("data.aws_security_group.endpoints", "data", "aws_security_group", "endpoints", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:security-group/sg-0c3d4e5f607182930", "description": "endpoints",
        "filter": None, "id": "sg-0c3d4e5f607182930", "name": "endpoints", "tags": {}, "timeouts": None, "vpc_id": VPC})
    subnets = [subnet_data(f'data.aws_subnet.private["{sid}"]', sid, cidr, az, azid) for sid, cidr, az, azid in SUBNETS[:2]]
    ids = [s for s, _, _, _ in SUBNETS[:2]]
    ep = res("aws_vpc_endpoint.partner", "managed", "aws_vpc_endpoint", "partner", AWS, dict(
        endpoint_values(PARTNER, ids), security_group_ids=["sg-0c3d4e5f607182930"]))
    planned = {"root_module": {"resources": [ep]}}
    changes = [change(ep, ["create"], None, dict(EP_UNKNOWN, security_group_ids=[False], subnet_ids=[False, False]))]
    prior = {"root_module": {"resources": [rtb, sgd, svc, vpc_data()] + subnets}}
    configuration = {"provider_config": provider_config(), "root_module": {"resources": [
        {"address": "aws_vpc_endpoint.partner", "mode": "managed", "type": "aws_vpc_endpoint", "name": "partner",
         "provider_config_key": "aws", "expressions": {
             "private_dns_enabled": const(False),
             "security_group_ids": refs("data.aws_security_group.endpoints.id", "data.aws_security_group.endpoints"),
             "service_name": refs("data.aws_vpc_endpoint_service.partner.service_name", "data.aws_vpc_endpoint_service.partner"),
             "subnet_ids": refs("data.aws_route_table.private.associations"),
             "vpc_endpoint_type": const("Interface"), "vpc_id": refs("data.aws_vpc.main.id", "data.aws_vpc.main")},
         "schema_version": 0},
        data_cfg("data.aws_route_table.private", "aws_route_table", {"route_table_id": const("rtb-0b2c3d4e5f6071829")}),
        data_cfg("data.aws_security_group.endpoints", "aws_security_group", {"name": const("endpoints"), "vpc_id": refs("data.aws_vpc.main.id", "data.aws_vpc.main")}),
        data_cfg("data.aws_subnet.private", "aws_subnet", {"id": refs("each.value")}, for_each=const(ids)),
        data_cfg("data.aws_vpc.main", "aws_vpc", {"id": const(VPC)}),
        data_cfg("data.aws_vpc_endpoint_service.partner", "aws_vpc_endpoint_service", {"service_name": const(PARTNER)}),
    ]}}
    write("data-forms/plan.json", document(planned, changes, prior, configuration, []))


def dns_data_case():
    """A new spoke associated with an existing private zone, Resolver rule and DHCP options set,
    read with data sources, and a record added to that zone."""
    zone_id = "Z0A1B2C3D4E5F6G7H8I9J"
    rule_id = "rslvr-rr-0a1b2c3d4e5f60718"
    dopt = "dopt-0c3d4e5f607182930"
    zone = res("data.aws_route53_zone.internal", "data", "aws_route53_zone", "internal", AWS, {
        "arn": f"arn:aws:route53:::hostedzone/{zone_id}", "caller_reference": "corp-internal-1",
        "comment": "", "id": zone_id, "linked_service_description": None, "linked_service_principal": None,
        "name": "corp.internal", "name_servers": ["ns-0.awsdns-00.com."], "primary_name_server": "ns-0.awsdns-00.com.",
        "private_zone": True, "resource_record_set_count": 4, "tags": {}, "vpc_id": VPC, "zone_id": zone_id})
    rule = res("data.aws_route53_resolver_rule.corp", "data", "aws_route53_resolver_rule", "corp", AWS, {
        "arn": f"arn:aws:route53resolver:eu-west-1:{OWNER}:resolver-rule/{rule_id}",
        "domain_name": "corp.example.com", "id": rule_id, "name": "corp", "owner_id": OWNER,
        "resolver_endpoint_id": "rslvr-out-0a1b2c3d4e5f60718", "resolver_rule_id": rule_id,
        "rule_type": "FORWARD", "share_status": "NOT_SHARED", "tags": {}})
    dhcp = res("data.aws_vpc_dhcp_options.corp", "data", "aws_vpc_dhcp_options", "corp", AWS, {
        "arn": f"arn:aws:ec2:eu-west-1:{OWNER}:dhcp-options/{dopt}", "dhcp_options_id": dopt,
        "domain_name": "corp.example.com", "domain_name_servers": ["10.20.0.53", "10.20.1.53"],
        "filter": None, "id": dopt, "ipv6_address_preferred_lease_time": "", "netbios_name_servers": [],
        "netbios_node_type": "", "ntp_servers": [], "owner_id": OWNER, "tags": {}, "timeouts": None})
    vpc = res("aws_vpc.spoke", "managed", "aws_vpc", "spoke", AWS, {
        "assign_generated_ipv6_cidr_block": None, "cidr_block": "10.40.0.0/16", "enable_dns_hostnames": True,
        "enable_dns_support": True, "enable_network_address_usage_metrics": None, "instance_tenancy": "default",
        "ipv4_ipam_pool_id": None, "ipv4_netmask_length": None, "ipv6_ipam_pool_id": None,
        "ipv6_netmask_length": None, "tags": None}, schema=1)
    assoc = res("aws_route53_zone_association.spoke", "managed", "aws_route53_zone_association", "spoke", AWS,
                {"timeouts": None})
    rassoc = res("aws_route53_resolver_rule_association.spoke", "managed", "aws_route53_resolver_rule_association",
                 "spoke", AWS, {"name": None, "timeouts": None})
    dassoc = res("aws_vpc_dhcp_options_association.spoke", "managed", "aws_vpc_dhcp_options_association", "spoke",
                 AWS, {"dhcp_options_id": dopt})
    record = res("aws_route53_record.api", "managed", "aws_route53_record", "api", AWS, {
        "alias": [], "cidr_routing_policy": [], "failover_routing_policy": [], "geolocation_routing_policy": [],
        "geoproximity_routing_policy": [], "health_check_id": None, "latency_routing_policy": [],
        "multivalue_answer_routing_policy": None, "name": "api", "records": ["10.20.1.10"], "set_identifier": None,
        "timeouts": None, "ttl": 300, "type": "A", "weighted_routing_policy": [], "zone_id": zone_id}, schema=2)
    planned = {"root_module": {"resources": [record, rassoc, assoc, vpc, dassoc]}}
    changes = [
        change(record, ["create"], None, {"alias": [], "allow_overwrite": True, "fqdn": True, "id": True,
                                          "records": [False]}),
        change(rassoc, ["create"], None, {"id": True, "vpc_id": True}),
        change(assoc, ["create"], None, {"id": True, "owning_account": True, "vpc_id": True,
                                         "vpc_region": True, "zone_id": True}),
        change(vpc, ["create"], None, {"arn": True, "id": True, "owner_id": True, "dhcp_options_id": True}),
        change(dassoc, ["create"], None, {"id": True, "vpc_id": True}),
    ]
    prior = {"root_module": {"resources": [zone, rule, dhcp]}}
    spoke = refs("aws_vpc.spoke.id", "aws_vpc.spoke")
    configuration = {"provider_config": provider_config(), "root_module": {"resources": [
        {"address": "aws_route53_record.api", "mode": "managed", "type": "aws_route53_record", "name": "api",
         "provider_config_key": "aws", "expressions": {
             "name": const("api"), "records": const(["10.20.1.10"]), "ttl": const(300), "type": const("A"),
             "zone_id": refs("data.aws_route53_zone.internal.zone_id", "data.aws_route53_zone.internal")},
         "schema_version": 2},
        {"address": "aws_route53_resolver_rule_association.spoke", "mode": "managed",
         "type": "aws_route53_resolver_rule_association", "name": "spoke", "provider_config_key": "aws",
         "expressions": {"resolver_rule_id": refs("data.aws_route53_resolver_rule.corp.id",
                                                  "data.aws_route53_resolver_rule.corp"),
                         "vpc_id": spoke}, "schema_version": 0},
        {"address": "aws_route53_zone_association.spoke", "mode": "managed", "type": "aws_route53_zone_association",
         "name": "spoke", "provider_config_key": "aws", "expressions": {
             "vpc_id": spoke,
             "zone_id": refs("data.aws_route53_zone.internal.zone_id", "data.aws_route53_zone.internal")},
         "schema_version": 0},
        {"address": "aws_vpc.spoke", "mode": "managed", "type": "aws_vpc", "name": "spoke",
         "provider_config_key": "aws", "expressions": {"cidr_block": const("10.40.0.0/16"),
                                                       "enable_dns_hostnames": const(True)},
         "schema_version": 1},
        {"address": "aws_vpc_dhcp_options_association.spoke", "mode": "managed",
         "type": "aws_vpc_dhcp_options_association", "name": "spoke", "provider_config_key": "aws",
         "expressions": {"dhcp_options_id": refs("data.aws_vpc_dhcp_options.corp.id", "data.aws_vpc_dhcp_options.corp"),
                         "vpc_id": spoke}, "schema_version": 0},
        data_cfg("data.aws_route53_resolver_rule.corp", "aws_route53_resolver_rule",
                 {"domain_name": const("corp.example.com"), "rule_type": const("FORWARD")}),
        data_cfg("data.aws_route53_zone.internal", "aws_route53_zone",
                 {"name": const("corp.internal"), "private_zone": const(True), "vpc_id": const(VPC)}),
        data_cfg("data.aws_vpc_dhcp_options.corp", "aws_vpc_dhcp_options", {"dhcp_options_id": const(dopt)}),
    ]}}
    write("dns-data/plan.json", document(planned, changes, prior, configuration, []))


seen_case()
access_case()
rules_case(False)
rules_case(True)
planned_case(False)
planned_case(True)
data_forms_case()
dns_data_case()
