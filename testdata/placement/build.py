#!/usr/bin/env python3
"""Writes the fixtures of the placement rules (GWY001, VPCE007-VPCE010) under testdata/rules/:
each scenario is built in moto (in process, through botocore as the AWS CLI uses it), exported
with the describe calls the AWS CLI makes, printed as `aws ... --output json` prints them
(4-space indent, ISO 8601 timestamps), and filtered to the scenario's VPC. What moto leaves out
or gets wrong is then put in the shape AWS returns; each patch is marked `AWS:` below and listed
in README.md beside this script.

    python3 testdata/placement/build.py     # needs moto 5.x and botocore (awscli)
"""
import datetime
import json
import pathlib

import botocore.session
from moto import mock_aws
from moto.moto_api._internal import mock_random

HERE = pathlib.Path(__file__).parent
RULES = HERE.parent / "rules"
REGION = "eu-west-1"
S3 = f"com.amazonaws.{REGION}.s3"
# AWS: describe-prefix-lists lists each range of the service; moto lists none. These are the
# ranges AWS listed for the S3 prefix list of eu-west-1 (2026-12).
S3_CIDRS = ["3.5.64.0/21", "3.5.72.0/23", "52.92.0.0/17", "52.218.0.0/17"]
LAYER_BUCKET = f"arn:aws:s3:::prod-{REGION}-starport-layer-bucket/*"


def cli(value):
    """A value as the AWS CLI prints it: timestamps in ISO 8601."""
    if isinstance(value, dict):
        return {k: cli(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [cli(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


class Estate:
    """One scenario: a VPC in moto, and the outputs to write."""

    def __init__(self, ipv6=False):
        # Seeded, as testdata/demo/build.sh seeds its moto server: a rebuild gives the same ids.
        mock_random.seed(2026)
        session = botocore.session.get_session()
        args = dict(region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing")
        self.ec2 = session.create_client("ec2", **args)
        self.elb = session.create_client("elbv2", **args)
        vpc = self.ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=ipv6)["Vpc"]
        self.vpc = vpc["VpcId"]
        blocks = vpc.get("Ipv6CidrBlockAssociationSet") or [{}]
        self.ipv6 = blocks[0].get("Ipv6CidrBlock")
        self.endpoint_enis = set()

    def subnet(self, n, az, v4=True, v6=False):
        args = dict(VpcId=self.vpc, AvailabilityZone=f"{REGION}{az}")
        args["CidrBlock"] = f"10.0.{n}.0/24"
        if v6:
            args["Ipv6CidrBlock"] = self.ipv6.replace("00::/56", f"{n:02x}::/64")
        if not v4:
            args["Ipv6Native"] = True
        return self.ec2.create_subnet(**args)["Subnet"]["SubnetId"]

    def table(self, *subnets):
        t = self.ec2.create_route_table(VpcId=self.vpc)["RouteTable"]["RouteTableId"]
        for s in subnets:
            self.ec2.associate_route_table(RouteTableId=t, SubnetId=s)
        return t

    def workload(self, subnet):
        return self.ec2.create_network_interface(SubnetId=subnet, Description="app")[
            "NetworkInterface"]["NetworkInterfaceId"]

    def nat(self, subnet, table, destination="0.0.0.0/0"):
        nat = self.ec2.create_nat_gateway(SubnetId=subnet)["NatGateway"]["NatGatewayId"]
        self.ec2.create_route(RouteTableId=table, DestinationCidrBlock=destination, NatGatewayId=nat)
        return nat

    def gateway(self, tables, policy=None):
        args = dict(VpcId=self.vpc, ServiceName=S3, VpcEndpointType="Gateway", RouteTableIds=tables)
        if policy:
            args["PolicyDocument"] = json.dumps(policy)
        return self.ec2.create_vpc_endpoint(**args)["VpcEndpoint"]["VpcEndpointId"]

    def interface(self, service, subnets, private_dns=True):
        e = self.ec2.create_vpc_endpoint(VpcId=self.vpc, ServiceName=service, VpcEndpointType="Interface",
                                         SubnetIds=subnets, PrivateDnsEnabled=private_dns)["VpcEndpoint"]
        self.endpoint_enis.update(e["NetworkInterfaceIds"])
        return e["VpcEndpointId"]

    def export(self, services=()):
        """The describe outputs of the VPC, in the CLI's shape."""
        mine = lambda items: [i for i in items if i.get("VpcId") == self.vpc]
        out = {
            "describe-vpcs.json": {"Vpcs": mine(self.ec2.describe_vpcs()["Vpcs"])},
            "describe-subnets.json": {"Subnets": mine(self.ec2.describe_subnets()["Subnets"])},
            "describe-route-tables.json": {"RouteTables": mine(self.ec2.describe_route_tables()["RouteTables"])},
            "describe-network-interfaces.json": {
                "NetworkInterfaces": mine(self.ec2.describe_network_interfaces()["NetworkInterfaces"])},
            "describe-vpc-endpoints.json": {"VpcEndpoints": mine(self.ec2.describe_vpc_endpoints()["VpcEndpoints"])},
            "describe-prefix-lists.json": {"PrefixLists": self.ec2.describe_prefix_lists()["PrefixLists"]},
            "describe-availability-zones.json": {
                "AvailabilityZones": self.ec2.describe_availability_zones()["AvailabilityZones"]},
        }
        if services:
            out["describe-vpc-endpoint-services.json"] = {
                "ServiceDetails": self.ec2.describe_vpc_endpoint_services(ServiceNames=list(services))[
                    "ServiceDetails"]}
        out = cli(out)
        for s in out["describe-subnets.json"]["Subnets"]:
            for a in s.get("Ipv6CidrBlockAssociationSet", []):
                # AWS: the state is an object; moto prints its Python repr inside a string.
                a["Ipv6CidrBlockState"] = {"State": "associated"}
        for n in out["describe-network-interfaces.json"]["NetworkInterfaces"]:
            if n["NetworkInterfaceId"] in self.endpoint_enis:
                # AWS: an endpoint's interfaces are of type vpc_endpoint; moto says interface.
                n["InterfaceType"] = "vpc_endpoint"
        for p in out["describe-prefix-lists.json"]["PrefixLists"]:
            # AWS: every prefix list lists its ranges.
            p["Cidrs"] = S3_CIDRS if p["PrefixListName"] == S3 else []
        zone_ids = {z["ZoneName"]: z["ZoneId"] for z in out["describe-availability-zones.json"]["AvailabilityZones"]}
        for d in out.get("describe-vpc-endpoint-services.json", {}).get("ServiceDetails", []):
            # AWS: the zones by id too; moto lists names only.
            d["AvailabilityZoneIds"] = [zone_ids[z] for z in d["AvailabilityZones"]]
            d["SupportedIpAddressTypes"] = ["ipv4"]
        return out


def write(code, name, files, edit=None):
    if edit:
        edit(files)
    d = RULES / code / name
    d.mkdir(parents=True, exist_ok=True)
    for f in d.glob("*.json"):
        f.unlink()
    for f, doc in files.items():
        (d / f).write_text(json.dumps(doc, indent=4) + "\n")


def endpoints(files):
    return files["describe-vpc-endpoints.json"]["VpcEndpoints"]


def gwy001():
    for name, both in [("fail_route_table_missing", False), ("pass_every_table", True)]:
        with mock_aws():
            e = Estate()
            app_a, app_b, ep_net = e.subnet(1, "a"), e.subnet(2, "b"), e.subnet(3, "c")
            rt_a, rt_b, _ = e.table(app_a), e.table(app_b), e.table(ep_net)
            e.workload(app_a)
            e.workload(app_b)
            e.nat(app_a, rt_b)
            # Only endpoint interfaces in the third subnet: no workload, no finding there.
            e.interface(f"com.amazonaws.{REGION}.sts", [ep_net])
            e.gateway([rt_a, rt_b] if both else [rt_a])
            write("GWY001", name, e.export())
    with mock_aws():
        e = Estate()
        app_a = e.subnet(1, "a")
        rt_a = e.table(app_a)
        e.workload(app_a)
        e.nat(app_a, rt_a, "52.218.0.0/17")
        e.gateway([rt_a])
        write("GWY001", "fail_more_specific_route", e.export())


def vpce007():
    narrow = {"Version": "2012-10-17", "Statement": [
        {"Sid": "AppBucket", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
         "Resource": "arn:aws:s3:::acme-app-data/*"}]}
    with_layers = {"Version": "2012-10-17", "Statement": narrow["Statement"] + [
        {"Sid": "EcrImageLayers", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": LAYER_BUCKET}]}
    for name, gateway in [("fail_no_path_to_s3", None), ("fail_policy_without_layer_bucket", narrow),
                          ("pass_gateway_allows_layer_bucket", with_layers)]:
        with mock_aws():
            e = Estate()
            app_a, app_b = e.subnet(1, "a"), e.subnet(2, "b")
            rt = e.table(app_a, app_b)
            e.workload(app_a)
            e.workload(app_b)
            for svc in ("ecr.api", "ecr.dkr"):
                e.interface(f"com.amazonaws.{REGION}.{svc}", [app_a, app_b])
            if gateway:
                e.gateway([rt], gateway)
            write("VPCE007", name, e.export())


def vpce008():
    for name, zones in [("fail_zone_not_offered", "ac"), ("pass_offered_zones", "ab")]:
        with mock_aws():
            e = Estate()
            nets = {az: e.subnet(i + 1, az) for i, az in enumerate("abc")}
            lb = e.elb.create_load_balancer(Name="partner", Subnets=[nets["a"], nets["b"]], Type="network",
                                            Scheme="internal")["LoadBalancers"][0]["LoadBalancerArn"]
            svc = e.ec2.create_vpc_endpoint_service_configuration(
                NetworkLoadBalancerArns=[lb], AcceptanceRequired=False)["ServiceConfiguration"]["ServiceName"]
            e.interface(svc, [nets[z] for z in zones], private_dns=False)
            write("VPCE008", name, e.export([svc]))


def vpce009():
    sqs = f"com.amazonaws.{REGION}.sqs"
    cases = [
        # (name, subnets dual-stack, endpoint type, DNS record type, service types)
        ("fail_dualstack_on_ipv4_subnets", False, "dualstack", "dualstack", ["ipv4", "ipv6"]),
        ("fail_service_ipv4_only", True, "dualstack", "dualstack", ["ipv4"]),
        ("fail_dns_records_ipv6_on_ipv4", True, "ipv4", "ipv6", ["ipv4", "ipv6"]),
        ("pass_dualstack", True, "dualstack", "dualstack", ["ipv4", "ipv6"]),
    ]
    for name, dual, ip_type, dns, types in cases:
        with mock_aws():
            e = Estate(ipv6=True)
            nets = [e.subnet(1, "a", v6=dual), e.subnet(2, "b", v6=dual)]
            e.interface(sqs, nets)

            def edit(files, ip_type=ip_type, dns=dns, types=types):
                for ep in endpoints(files):
                    # AWS: moto accepts IpAddressType and DnsOptions, and drops them.
                    ep["IpAddressType"] = ip_type
                    ep["DnsOptions"] = {"DnsRecordIpType": dns}
                for d in files["describe-vpc-endpoint-services.json"]["ServiceDetails"]:
                    d["SupportedIpAddressTypes"] = types

            write("VPCE009", name, e.export([sqs]), edit)


def vpce010():
    for name, gateway in [("fail_s3_interface_without_gateway", False), ("pass_with_gateway", True)]:
        with mock_aws():
            e = Estate()
            app = e.subnet(1, "a")
            rt = e.table(app)
            e.workload(app)
            if gateway:
                e.gateway([rt])
            e.interface(S3, [app])

            def edit(files):
                for ep in endpoints(files):
                    if ep["VpcEndpointType"] == "Interface":
                        # AWS: the default when private DNS is on; moto drops DnsOptions.
                        ep["DnsOptions"] = {"DnsRecordIpType": "ipv4",
                                            "PrivateDnsOnlyForInboundResolverEndpoint": True}

            write("VPCE010", name, e.export(), edit)


if __name__ == "__main__":
    gwy001()
    vpce007()
    vpce008()
    vpce009()
    vpce010()
