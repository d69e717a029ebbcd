#!/usr/bin/env python3
"""Writes aiven/plan.json and aiven-access/plan.json: the plans `terraform show -json` prints for
the configurations beside them (Terraform 1.11, aiven/aiven 4.x, hashicorp/aws 5.100.0), built
here because the Aiven provider is not in the offline mirror that build.sh uses. Same layout,
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


seen_case()
access_case()
