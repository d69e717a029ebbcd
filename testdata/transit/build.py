#!/usr/bin/env python3
"""Writes the transit gateway fixtures: the hub-and-spoke estate of
testdata/rules/DNS006/pass_shared_zone_routed, with its peerings replaced by one transit gateway,
and variants that break it.

moto 5.2.5 does not propagate transit gateway attachments into route tables, so these estates are
built here, in the shapes the AWS CLI prints for describe-transit-gateways,
describe-transit-gateway-attachments, describe-transit-gateway-route-tables, and per route table
(in a folder named after it) search-transit-gateway-routes,
get-transit-gateway-route-table-associations and get-transit-gateway-route-table-propagations, as
botocore's EC2 service model defines them. Run from the repository's root:

    python3 testdata/transit/build.py
"""

import copy
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = ROOT / "testdata/rules/DNS006/pass_shared_zone_routed"
ACCOUNT = "111122223333"
TGW = "tgw-0a1b2c3d4e5f60001"
TABLE = "tgw-rtb-0a1b2c3d4e5f60001"
ARN = f"arn:aws:ec2:eu-west-1:{ACCOUNT}:transit-gateway/{TGW}"
VPCS = {
    "vpc-hub": ("tgw-attach-0a1b2c3d4e5f6000a", "10.50.0.0/16"),
    "vpc-orders": ("tgw-attach-0a1b2c3d4e5f6000b", "10.60.0.0/16"),
    "vpc-payments": ("tgw-attach-0a1b2c3d4e5f6000c", "10.61.0.0/16"),
}
NOTE = """
Written by `testdata/transit/build.py` in the AWS CLI's output shapes (`--output json`): moto 5.2.5
does not propagate transit gateway attachments into route tables, so the transit gateway estates are
not recorded from it. `route53/ZONEID/` holds each zone's get-hosted-zone and
list-resource-record-sets outputs, `TGWRTBID/` each transit gateway route table's routes,
associations and propagations.
"""


def load(name):
    return json.loads((BASE / name).read_text())


def estate():
    """The healthy transit gateway estate, as {relative path: document}."""
    files = {}
    for p in sorted(BASE.rglob("*.json")):
        rel = p.relative_to(BASE).as_posix()
        if rel != "describe-vpc-peering-connections.json":
            files[rel] = json.loads(p.read_text())
    for table in files["describe-route-tables.json"]["RouteTables"]:
        for r in table["Routes"]:
            if r.pop("VpcPeeringConnectionId", None):
                r["TransitGatewayId"] = TGW
    files["describe-transit-gateways.json"] = {
        "TransitGateways": [
            {
                "TransitGatewayId": TGW,
                "TransitGatewayArn": ARN,
                "State": "available",
                "OwnerId": ACCOUNT,
                "Description": "hub and spokes",
                "CreationTime": "2026-11-02T09:14:03+00:00",
                "Options": {
                    "AmazonSideAsn": 64512,
                    "AutoAcceptSharedAttachments": "disable",
                    "DefaultRouteTableAssociation": "enable",
                    "AssociationDefaultRouteTableId": TABLE,
                    "DefaultRouteTablePropagation": "enable",
                    "PropagationDefaultRouteTableId": TABLE,
                    "VpnEcmpSupport": "enable",
                    "DnsSupport": "enable",
                    "SecurityGroupReferencingSupport": "disable",
                    "MulticastSupport": "disable",
                },
                "Tags": [{"Key": "Name", "Value": "core"}],
            }
        ]
    }
    files["describe-transit-gateway-attachments.json"] = {
        "TransitGatewayAttachments": [
            {
                "TransitGatewayAttachmentId": attachment,
                "TransitGatewayId": TGW,
                "TransitGatewayOwnerId": ACCOUNT,
                "ResourceOwnerId": ACCOUNT,
                "ResourceType": "vpc",
                "ResourceId": vpc,
                "State": "available",
                "Association": {"TransitGatewayRouteTableId": TABLE, "State": "associated"},
                "CreationTime": "2026-11-02T09:20:41+00:00",
                "Tags": [{"Key": "Name", "Value": vpc.removeprefix("vpc-")}],
            }
            for vpc, (attachment, _) in VPCS.items()
        ]
    }
    files["describe-transit-gateway-route-tables.json"] = {
        "TransitGatewayRouteTables": [
            {
                "TransitGatewayRouteTableId": TABLE,
                "TransitGatewayId": TGW,
                "State": "available",
                "DefaultAssociationRouteTable": True,
                "DefaultPropagationRouteTable": True,
                "CreationTime": "2026-11-02T09:14:05+00:00",
                "Tags": [],
            }
        ]
    }
    files[f"{TABLE}/search-transit-gateway-routes.json"] = {
        "Routes": [
            {
                "DestinationCidrBlock": cidr,
                "TransitGatewayAttachments": [
                    {
                        "ResourceId": vpc,
                        "TransitGatewayAttachmentId": attachment,
                        "ResourceType": "vpc",
                    }
                ],
                "Type": "propagated",
                "State": "active",
            }
            for vpc, (attachment, cidr) in VPCS.items()
        ],
        "AdditionalRoutesAvailable": False,
    }
    links = [
        {
            "TransitGatewayAttachmentId": attachment,
            "ResourceId": vpc,
            "ResourceType": "vpc",
            "State": state,
        }
        for vpc, (attachment, _) in VPCS.items()
        for state in ["associated"]
    ]
    files[f"{TABLE}/get-transit-gateway-route-table-associations.json"] = {
        "Associations": links
    }
    files[f"{TABLE}/get-transit-gateway-route-table-propagations.json"] = {
        "TransitGatewayRouteTablePropagations": [
            dict(l, State="enabled") for l in copy.deepcopy(links)
        ]
    }
    return files


def routes(files):
    return files[f"{TABLE}/search-transit-gateway-routes.json"]["Routes"]


def drop_propagation(files, vpc):
    """The table no longer learns `vpc`'s block: its propagation is off."""
    path = f"{TABLE}/get-transit-gateway-route-table-propagations.json"
    props = files[path]["TransitGatewayRouteTablePropagations"]
    files[path]["TransitGatewayRouteTablePropagations"] = [
        p for p in props if p["ResourceId"] != vpc
    ]
    files[f"{TABLE}/search-transit-gateway-routes.json"]["Routes"] = [
        r for r in routes(files) if r["TransitGatewayAttachments"][0]["ResourceId"] != vpc
    ]


def disassociate(files, vpc):
    """`vpc`'s attachment is associated with no route table."""
    for a in files["describe-transit-gateway-attachments.json"]["TransitGatewayAttachments"]:
        if a["ResourceId"] == vpc:
            del a["Association"]
    path = f"{TABLE}/get-transit-gateway-route-table-associations.json"
    files[path]["Associations"] = [
        a for a in files[path]["Associations"] if a["ResourceId"] != vpc
    ]


def blackhole(files, cidr):
    """A static blackhole route for `cidr`, more specific than the propagated one."""
    routes(files).append(
        {
            "DestinationCidrBlock": cidr,
            "TransitGatewayAttachments": [],
            "Type": "static",
            "State": "blackhole",
        }
    )


def unshare(files, vpc):
    """The shared zone is no longer associated with `vpc`."""
    for p, doc in files.items():
        if p.endswith("get-hosted-zone.json"):
            doc["VPCs"] = [v for v in doc["VPCs"] if v["VPCId"] != vpc]


def name_spokes(files):
    """The endpoint's group admits each spoke's block by name, so VPCE001 traces the spokes."""
    for g in files["describe-security-groups.json"]["SecurityGroups"]:
        if g["GroupId"] == "sg-vpce":
            g["IpPermissions"][0]["IpRanges"] = [
                {"CidrIp": cidr} for _, cidr in VPCS.values()
            ]


def write(dest, files, readme):
    out = ROOT / dest
    if out.exists():
        shutil.rmtree(out)
    for rel, doc in files.items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(doc, indent=4) + "\n")
    (out / "README.md").write_text(readme.strip() + "\n" + NOTE)


def main():
    healthy = estate()
    write(
        "testdata/rules/DNS006/pass_transit_gateway_routed",
        healthy,
        """
Healthy: the centralised pattern behind a transit gateway. The hub's SQS endpoint (private DNS off),
a private hosted zone aliased to it and associated with the hub and both spokes, one transit
gateway route table that every VPC attachment is associated with and propagates to, and VPC routes
to the transit gateway both ways: every spoke subnet reaches the endpoint.
""",
    )
    f = estate()
    drop_propagation(f, "vpc-payments")
    write(
        "testdata/rules/DNS006/fail_transit_gateway_without_propagation",
        f,
        """
`pass_transit_gateway_routed`, but spoke `vpc-payments`' attachment does not propagate to the
transit gateway route table: requests reach the hub, and the table has no route for the replies
to `10.61.0.0/16`.
""",
    )
    f = estate()
    disassociate(f, "vpc-payments")
    write(
        "testdata/rules/DNS006/fail_transit_gateway_attachment_not_associated",
        f,
        """
`pass_transit_gateway_routed`, but spoke `vpc-payments`' attachment is associated with no transit
gateway route table: its requests enter the transit gateway and are dropped.
""",
    )
    f = estate()
    unshare(f, "vpc-payments")
    write(
        "testdata/rules/DNS004/fail_transit_gateway_spoke_unshared",
        f,
        """
`pass_transit_gateway_routed` (testdata/rules/DNS006) with the endpoint's private DNS off and a
shared zone, but the zone is not associated with spoke `vpc-payments`: the spoke routes to the
endpoint through the transit gateway and its block is admitted, yet resolves the service publicly.
""",
    )
    write(
        "testdata/rules/DNS004/pass_transit_gateway_spokes_share_the_zone",
        estate(),
        """
Near miss of `fail_transit_gateway_spoke_unshared`: every spoke behind the transit gateway is
associated with the shared zone.
""",
    )
    f = estate()
    name_spokes(f)
    blackhole(f, "10.50.1.0/24")
    write(
        "testdata/rules/VPCE001/fail_transit_gateway_blackhole",
        f,
        """
The endpoint's group names each spoke's block, so the spokes behind the transit gateway are its
clients; the transit gateway route table holds a static blackhole route for the endpoint subnet's
`10.50.1.0/24`, more specific than the hub's propagated `10.50.0.0/16`: every spoke's requests are
dropped at the transit gateway.
""",
    )
    f = estate()
    name_spokes(f)
    write(
        "testdata/rules/VPCE001/pass_transit_gateway_clients",
        f,
        """
Near miss of `fail_transit_gateway_blackhole`: the same named spokes, routed both ways through the
transit gateway.
""",
    )


if __name__ == "__main__":
    main()
