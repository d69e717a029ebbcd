#!/usr/bin/env python3
"""Builds the name-resolution estates with the AWS CLI against a local moto server (5.2.5, from
target/moto-venv, which the tests install), one scenario at a time in a fresh moto state, and
exports each with the README's recipe (`aws … --output json`) into testdata/dns/SCENARIO/, with
the commands that built it in commands.log. Run from the repository's root, after `cargo test`
has made the venv (moto 5.2.5 and the AWS CLI), with the venv's python:

    target/moto-venv/bin/python testdata/dns/build.py [SCENARIO...]

With `--endpoint-url URL --no-export` it builds the scenarios in a running moto server instead
(resetting it first) and exports nothing: the live tests read them back with `check --aws`.

The base is the centralised pattern: an SQS endpoint in a hub VPC with private DNS off, a private
hosted zone named after the service aliased to it and associated with the hub and two peered
spokes (orders, payments) with a workload each. Each scenario adds one defect of one rule, or
(healthy twins) a setup that must stay quiet. moto's differences from AWS are in README.md.
"""

import contextlib
import io
import json
import os
import pathlib
import shlex
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "testdata/dns"
# The venv this runs in (the live tests run it with the venv's python), else the tests' venv.
_HERE = pathlib.Path(sys.executable).parent
VENV = _HERE if (_HERE / "moto_server").exists() else ROOT / "target/moto-venv/bin"
REGION = "eu-west-1"


class Cli:
    """Runs AWS CLI commands against moto, in this process (the CLI's own driver: a command costs
    no interpreter start), logging each."""

    def __init__(self, endpoint):
        os.environ.update(
            AWS_ENDPOINT_URL=endpoint,
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_DEFAULT_REGION=REGION,
            AWS_PAGER="",
        )
        self.log = []

    def __call__(self, *args, log=True):
        cmd = [*args, "--output", "json"]
        if log:
            self.log.append(shlex.join(["aws", *cmd]))
        out, err = io.StringIO(), io.StringIO()
        # A driver per command: one driver's parsers keep state from the command before.
        from awscli.clidriver import create_clidriver

        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = create_clidriver().main(cmd)
        if code != 0:
            sys.exit(f"aws {shlex.join(cmd)}: {err.getvalue()}")
        return json.loads(out.getvalue()) if out.getvalue().strip() else {}


def tags(kind, name):
    return json.dumps([{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}])


def base(aws, *, share_with=("orders", "payments"), route_back=("orders", "payments")):
    """The healthy hub and spokes; returns the ids a scenario builds on."""
    ids = {}
    dopt = aws("ec2", "create-dhcp-options", "--dhcp-configurations",
               f"Key=domain-name,Values={REGION}.compute.internal",
               "Key=domain-name-servers,Values=AmazonProvidedDNS")["DhcpOptions"]["DhcpOptionsId"]
    ids["dopt"] = dopt

    def vpc(name, cidr):
        v = aws("ec2", "create-vpc", "--cidr-block", cidr, "--tag-specifications",
                tags("vpc", name))["Vpc"]["VpcId"]
        aws("ec2", "modify-vpc-attribute", "--vpc-id", v, "--enable-dns-hostnames",
            '{"Value":true}')
        aws("ec2", "associate-dhcp-options", "--dhcp-options-id", dopt, "--vpc-id", v)
        return v

    def subnet(v, name, cidr, az):
        return aws("ec2", "create-subnet", "--vpc-id", v, "--cidr-block", cidr,
                   "--availability-zone", az, "--tag-specifications",
                   tags("subnet", name))["Subnet"]["SubnetId"]

    def table(v, name, subnets):
        t = aws("ec2", "create-route-table", "--vpc-id", v, "--tag-specifications",
                tags("route-table", name))["RouteTable"]["RouteTableId"]
        for s in subnets:
            aws("ec2", "associate-route-table", "--route-table-id", t, "--subnet-id", s)
        return t

    hub = vpc("network-hub", "10.50.0.0/16")
    hub_subnets = [subnet(hub, f"network-hub-vpce-{z}", f"10.50.{240 + i}.0/24", f"{REGION}{z}")
                   for i, z in enumerate("ab")]
    hub_table = table(hub, "network-hub-private", hub_subnets)
    sg = aws("ec2", "create-security-group", "--group-name", "vpce-shared", "--description",
             "Shared interface endpoints for the hub and spoke VPCs", "--vpc-id", hub,
             "--tag-specifications", tags("security-group", "vpce-shared"))["GroupId"]
    aws("ec2", "authorize-security-group-ingress", "--group-id", sg, "--ip-permissions",
        json.dumps([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]))
    ids.update(hub=hub, hub_subnets=hub_subnets, hub_table=hub_table, sg=sg)
    ids["sqs"] = endpoint(aws, ids, "sqs", private_dns=False)
    for name, n in [("orders", 60), ("payments", 61)]:
        v = vpc(name, f"10.{n}.0.0/16")
        s = subnet(v, f"{name}-app-a", f"10.{n}.0.0/20", f"{REGION}a")
        t = table(v, f"{name}-private", [s])
        app = aws("ec2", "create-security-group", "--group-name", f"{name}-app", "--description",
                  f"{name} workloads", "--vpc-id", v)["GroupId"]
        aws("ec2", "create-network-interface", "--subnet-id", s, "--private-ip-address",
            f"10.{n}.0.10", "--groups", app, "--description", f"{name}-worker")
        pcx = aws("ec2", "create-vpc-peering-connection", "--vpc-id", hub, "--peer-vpc-id", v,
                  "--tag-specifications", tags("vpc-peering-connection", f"hub-to-{name}")
                  )["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        aws("ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", pcx)
        aws("ec2", "create-route", "--route-table-id", t, "--destination-cidr-block",
            "10.50.0.0/16", "--vpc-peering-connection-id", pcx)
        if name in route_back:
            aws("ec2", "create-route", "--route-table-id", hub_table, "--destination-cidr-block",
                f"10.{n}.0.0/16", "--vpc-peering-connection-id", pcx)
        ids[name] = v
    zone = shared_zone(aws, ids, "sqs", ids["sqs"], [ids[n] for n in share_with])
    ids["zone"] = zone
    return ids


def hub_only_group(aws, ids):
    """A group that admits HTTPS from the hub alone: an endpoint meant for the hub only."""
    sg = aws("ec2", "create-security-group", "--group-name", "vpce-hub-only", "--description",
             "Interface endpoints for the hub alone", "--vpc-id", ids["hub"])["GroupId"]
    aws("ec2", "authorize-security-group-ingress", "--group-id", sg, "--ip-permissions",
        json.dumps([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "10.50.0.0/16"}]}]))
    return sg


def endpoint(aws, ids, service, private_dns, sg=None):
    flag = "--private-dns-enabled" if private_dns else "--no-private-dns-enabled"
    # Scoped to the account's own principals and the service: no policy finding in the way.
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": f"{service}:*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}}]}
    return aws("ec2", "create-vpc-endpoint", "--vpc-id", ids["hub"], "--vpc-endpoint-type",
               "Interface", "--service-name", f"com.amazonaws.{REGION}.{service}", "--subnet-ids",
               *ids["hub_subnets"], "--security-group-ids", sg or ids["sg"], flag,
               "--policy-document", json.dumps(policy),
               "--tag-specifications", tags("vpc-endpoint", f"{service}-shared")
               )["VpcEndpoint"]


def shared_zone(aws, ids, service, ep, spokes):
    """A private zone named after the service, its apex aliased to the endpoint, associated with
    the hub and `spokes`."""
    name = f"{service}.{REGION}.amazonaws.com"
    zone = aws("route53", "create-hosted-zone", "--name", name, "--caller-reference",
               f"{name}-01", "--vpc", f"VPCRegion={REGION},VPCId={ids['hub']}",
               "--hosted-zone-config", json.dumps({"Comment": f"shared {service}",
                                                   "PrivateZone": True}))["HostedZone"]["Id"]
    for v in spokes:
        aws("route53", "associate-vpc-with-hosted-zone", "--hosted-zone-id", zone, "--vpc",
            f"VPCRegion={REGION},VPCId={v}")
    entry = ep["DnsEntries"][0]
    aws("route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch",
        json.dumps({"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
            "Name": name, "Type": "A", "AliasTarget": {
                "HostedZoneId": entry["HostedZoneId"], "DNSName": entry["DnsName"],
                "EvaluateTargetHealth": False}}}]}))
    return zone


def export(aws, dest):
    """The README's export recipe, into `dest`."""
    def save(name, doc):
        p = dest / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(doc, indent=4) + "\n")

    for call in ["vpcs", "subnets", "security-groups", "security-group-rules", "network-acls",
                 "route-tables", "network-interfaces", "vpc-endpoints",
                 "vpc-endpoint-service-configurations", "vpc-peering-connections",
                 "availability-zones", "prefix-lists", "dhcp-options"]:
        save(f"describe-{call}.json", aws("ec2", f"describe-{call}", log=False))
    names = sorted({e["ServiceName"] for e in
                    aws("ec2", "describe-vpc-endpoints", log=False)["VpcEndpoints"]})
    save("describe-vpc-endpoint-services.json",
         aws("ec2", "describe-vpc-endpoint-services", "--service-names", *names, log=False))
    attributes = []
    for v in aws("ec2", "describe-vpcs", log=False)["Vpcs"]:
        for attr in ["enableDnsSupport", "enableDnsHostnames"]:
            attributes.append(aws("ec2", "describe-vpc-attribute", "--vpc-id", v["VpcId"],
                                  "--attribute", attr, log=False))
    save("vpc-attributes.json", attributes)
    save("get-rest-apis.json", aws("apigateway", "get-rest-apis", log=False))
    for call in ["resolver-rules", "resolver-rule-associations", "resolver-endpoints"]:
        save(f"list-{call}.json", aws("route53resolver", f"list-{call}", log=False))
    zones = aws("route53", "list-hosted-zones", log=False)
    save("list-hosted-zones.json", zones)
    for z in zones["HostedZones"]:
        if not z["Config"]["PrivateZone"]:
            continue
        zid = z["Id"].rsplit("/", 1)[-1]
        save(f"route53/{zid}/get-hosted-zone.json",
             aws("route53", "get-hosted-zone", "--id", zid, log=False))
        save(f"route53/{zid}/list-resource-record-sets.json",
             aws("route53", "list-resource-record-sets", "--hosted-zone-id", zid, log=False))


SCENARIOS = {}


def scenario(name, readme):
    def wrap(f):
        SCENARIOS[name] = (f, readme)
        return f
    return wrap


@scenario("healthy", "The centralised pattern, healthy: no name-resolution finding.")
def healthy(aws):
    base(aws)


@scenario("healthy-inbound-endpoint", """A Route 53 Resolver inbound endpoint in the hub (for
on-premises resolvers to forward the shared zone's names to), beside the healthy pattern: no
name-resolution finding.""")
def inbound(aws):
    ids = base(aws)
    aws("route53resolver", "create-resolver-endpoint", "--creator-request-id", "inbound-01",
        "--name", "hub-inbound", "--direction", "INBOUND", "--security-group-ids", ids["sg"],
        "--ip-addresses", *[f"SubnetId={s}" for s in ids["hub_subnets"]])


@scenario("dns004-spoke-unshared", """DNS004 `endpoint-dns-not-shared`: the shared zone is not
associated with spoke payments, which routes to the endpoint over its peering and whose block
the endpoint's group admits: it resolves SQS publicly.""")
def dns004(aws):
    base(aws, share_with=("orders",))


@scenario("dns005-alias-to-deleted-endpoint", """DNS005 `dns-record-stale`: a second shared zone,
`sts.eu-west-1.amazonaws.com`, aliases an STS endpoint that was deleted afterwards.""")
def dns005(aws):
    ids = base(aws)
    sts = endpoint(aws, ids, "sts", private_dns=False)
    shared_zone(aws, ids, "sts", sts, [ids["orders"], ids["payments"]])
    aws("ec2", "delete-vpc-endpoints", "--vpc-endpoint-ids", sts["VpcEndpointId"])


@scenario("dns006-hub-without-route-back", """DNS006 `remote-clients-unrouted`: the hub's route
table has no route back to spoke payments (10.61.0.0/16): its workload resolves SQS to the hub
endpoint through the shared zone, and the replies are dropped.""")
def dns006(aws):
    base(aws, route_back=("orders",))


@scenario("dns007-zone-shadows-private-dns", """DNS007 `private-dns-shadowed`: a KMS endpoint for
the hub alone with private DNS on, and a private zone `kms.eu-west-1.amazonaws.com` without its record
associated with the hub (AWS refuses this pair with ConflictingDomainExists; moto accepts it, as
a zone created before the endpoint's private DNS was turned on would stand).""")
def dns007(aws):
    ids = base(aws)
    endpoint(aws, ids, "kms", private_dns=True, sg=hub_only_group(aws, ids))
    name = f"kms.{REGION}.amazonaws.com"
    aws("route53", "create-hosted-zone", "--name", name, "--caller-reference", f"{name}-01",
        "--vpc", f"VPCRegion={REGION},VPCId={ids['hub']}", "--hosted-zone-config",
        json.dumps({"Comment": "kms overrides", "PrivateZone": True}))


@scenario("dns008-custom-name-servers", """DNS008 `custom-dns-servers`: spoke payments hands out
its own name servers (10.61.0.53) in its DHCP options, while it relies on the shared zone.""")
def dns008(aws):
    ids = base(aws)
    dopt = aws("ec2", "create-dhcp-options", "--dhcp-configurations",
               "Key=domain-name-servers,Values=10.61.0.53",
               "Key=domain-name,Values=payments.internal")["DhcpOptions"]["DhcpOptionsId"]
    aws("ec2", "associate-dhcp-options", "--dhcp-options-id", dopt, "--vpc-id", ids["payments"])


@scenario("api002-private-dns-public-api", """API002 `execute-api-private-dns-public-api`: an
execute-api endpoint for the hub alone with private DNS on, and a regional (public) REST API in the
account: calls to it from the hub get 403.""")
def api002(aws):
    ids = base(aws)
    endpoint(aws, ids, "execute-api", private_dns=True, sg=hub_only_group(aws, ids))
    aws("apigateway", "create-rest-api", "--name", "catalogue", "--endpoint-configuration",
        "types=REGIONAL")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(endpoint_url, names, write):
    for name, (builder, readme) in SCENARIOS.items():
        if names and name not in names:
            continue
        urllib.request.urlopen(urllib.request.Request(
            f"{endpoint_url}/moto-api/reset", method="POST"))
        aws = Cli(endpoint_url)
        builder(aws)
        if not write:
            continue
        dest = OUT / name
        if dest.exists():
            for p in sorted(dest.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()
        export(aws, dest)
        (dest / "commands.log").write_text(
            f"# AWS CLI commands that built this estate, in order (region {REGION}; "
            "AWS_ENDPOINT_URL pointed at a local moto 5.2.5 server).\n"
            + "\n".join(aws.log) + "\n")
        (dest / "README.md").write_text(
            " ".join(readme.split()) + "\n\nBuilt by `testdata/dns/build.py` with the AWS CLI "
            "against moto, exported with the README's recipe; moto's differences from AWS "
            "are listed in `testdata/dns/README.md`.\n")
        print(name)


def main():
    args = sys.argv[1:]
    if args[:1] == ["--endpoint-url"] and "--no-export" in args:
        names = [a for a in args[2:] if a != "--no-export"]
        build(args[1], names, write=False)
        return
    port = free_port()
    server = subprocess.Popen([str(VENV / "moto_server"), "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{endpoint_url}/moto-api/")
                break
            except OSError:
                time.sleep(0.1)
        build(endpoint_url, args, write=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
