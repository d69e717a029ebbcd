"""Seeds a moto server with the estate of the live-mode test (tests/suite/live.rs).

    python seed.py ENDPOINT            the test estate: one account, two regions, one defect of
                                       every rule family that moto can produce
    python seed.py ENDPOINT --scale N  plus N more VPCs (about 13 resources each) in eu-west-1,
                                       for measuring `check --aws` on a large estate
    python seed.py ENDPOINT --provider also an endpoint service owned by a second account, whose
                                       DescribeVpcEndpointConnections moto does not implement
    python seed.py ENDPOINT --member ACCOUNT  also an estate in ACCOUNT (one single-AZ endpoint);
                                       prints that account's credentials
    python seed.py ENDPOINT --org      an organisation managed by 123456789012 (see org()); prints
                                       its member accounts as JSON
    python seed.py ENDPOINT --bench N REGIONS  an organisation of N members, a small estate
                                       in each region (comma-separated), for tests/bench_live/org.py

Uses botocore (installed with awscli) in one process: the AWS CLI would start Python per call.
Dummy credentials only; loopback only.
"""
import json
import sys

import botocore.session

ENDPOINT = sys.argv[1]
SESSION = botocore.session.get_session()


def client(service, region, creds=("testing", "testing", None)):
    return SESSION.create_client(
        service,
        region_name=region,
        endpoint_url=ENDPOINT,
        aws_access_key_id=creds[0],
        aws_secret_access_key=creds[1],
        aws_session_token=creds[2],
    )


def tags(kind, name):
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def vpc(ec2, cidr, name, hostnames=True):
    vid = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=tags("vpc", name))["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vid, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vid, EnableDnsHostnames={"Value": hostnames})
    return vid


def subnets(ec2, vid, region, prefix, name):
    out = []
    for i, az in enumerate("abc"):
        out.append(
            ec2.create_subnet(
                VpcId=vid,
                CidrBlock=f"{prefix}.{i * 16}.0/20",
                AvailabilityZone=f"{region}{az}",
                TagSpecifications=tags("subnet", f"{name}-{az}"),
            )["Subnet"]["SubnetId"]
        )
    return out


def https_group(ec2, vid, name, cidr):
    gid = ec2.create_security_group(
        VpcId=vid, GroupName=name, Description=name, TagSpecifications=tags("security-group", name)
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=gid,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}]}],
    )
    return gid


def endpoint(ec2, vid, service, subnet_ids, gid, private_dns, name):
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "*", "Resource": "*"}],
    }
    return ec2.create_vpc_endpoint(
        VpcId=vid,
        VpcEndpointType="Interface",
        ServiceName=service,
        SubnetIds=subnet_ids,
        SecurityGroupIds=[gid],
        PrivateDnsEnabled=private_dns,
        PolicyDocument=json.dumps(policy),
        TagSpecifications=tags("vpc-endpoint", name),
    )["VpcEndpoint"]["VpcEndpointId"]


def private_api(apigw, vpce, name):
    """A private REST API served by `vpce` whose resource policy admits another endpoint only."""
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "execute-api:Invoke",
                "Resource": "execute-api:/*",
                "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0ffffffffffffffff"}},
            }
        ],
    }
    apigw.create_rest_api(
        name=name,
        endpointConfiguration={"types": ["PRIVATE"], "vpcEndpointIds": [vpce]},
        policy=json.dumps(policy),
    )


def estate():
    eu, us = client("ec2", "eu-west-1"), client("ec2", "us-east-1")
    # eu-west-1: hub (healthy DNS) and tooling (enableDnsHostnames off), peered.
    hub = vpc(eu, "10.0.0.0/16", "hub")
    hub_sn = subnets(eu, hub, "eu-west-1", "10.0", "hub")
    hub_sg = https_group(eu, hub, "vpce-hub", "10.0.0.0/16")
    # single-az-endpoint: sts in one subnet although hub spans three zones.
    endpoint(eu, hub, "com.amazonaws.eu-west-1.sts", hub_sn[:1], hub_sg, True, "hub-sts")
    # private-dns-disabled: secretsmanager without private DNS.
    endpoint(eu, hub, "com.amazonaws.eu-west-1.secretsmanager", hub_sn, hub_sg, False, "hub-secretsmanager")
    # private-api-unreachable: the API lists hub's execute-api endpoint, its policy admits another.
    api_vpce = endpoint(eu, hub, "com.amazonaws.eu-west-1.execute-api", hub_sn, hub_sg, True, "hub-execute-api")
    private_api(client("apigateway", "eu-west-1"), api_vpce, "orders")
    tooling = vpc(eu, "10.20.0.0/16", "tooling", hostnames=False)
    tl_sn = subnets(eu, tooling, "eu-west-1", "10.20", "tooling")
    tl_sg = https_group(eu, tooling, "vpce-tooling", "10.20.0.0/16")
    # vpc-dns-attributes-disabled: private DNS on in a VPC without DNS hostnames.
    endpoint(eu, tooling, "com.amazonaws.eu-west-1.kms", tl_sn, tl_sg, True, "tooling-kms")
    # peering-cidr-overlap: after the peering, tooling gets a block inside hub's.
    pcx = eu.create_vpc_peering_connection(VpcId=hub, PeerVpcId=tooling)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    eu.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
    eu.associate_vpc_cidr_block(VpcId=tooling, CidrBlock="10.0.128.0/20")
    # custom-dns-servers: tooling's clients ask a name server of their own, not the VPC resolver.
    dopt = eu.create_dhcp_options(DhcpConfigurations=[
        {"Key": "domain-name-servers", "Values": ["10.20.0.53"]},
        {"Key": "domain-name", "Values": ["tooling.internal"]},
    ])["DhcpOptions"]["DhcpOptionsId"]
    eu.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=tooling)
    # private-dns-shadowed: a private zone named after kms's endpoint name, without its record,
    # associated with tooling, where the kms endpoint has private DNS on: NXDOMAIN.
    client("route53", "us-east-1").create_hosted_zone(
        Name="kms.eu-west-1.amazonaws.com", CallerReference="vpclint-seed-kms",
        HostedZoneConfig={"Comment": "shadows the endpoint", "PrivateZone": True},
        VPC={"VPCRegion": "eu-west-1", "VPCId": tooling})
    # A transit gateway joining hub and tooling, with a route table of its own: read into each
    # table's folder (moto does not propagate, so the routes are static), no finding.
    tgw = eu.create_transit_gateway(
        Description="core", Options={"DefaultRouteTableAssociation": "disable",
                                     "DefaultRouteTablePropagation": "disable"},
    )["TransitGateway"]["TransitGatewayId"]
    table = eu.create_transit_gateway_route_table(TransitGatewayId=tgw)[
        "TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    for vid, sn, cidr in [(hub, hub_sn, "10.0.0.0/16"), (tooling, tl_sn, "10.20.0.0/16")]:
        att = eu.create_transit_gateway_vpc_attachment(
            TransitGatewayId=tgw, VpcId=vid, SubnetIds=sn[:1],
        )["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        eu.associate_transit_gateway_route_table(
            TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=att)
        eu.create_transit_gateway_route(
            DestinationCidrBlock=cidr, TransitGatewayRouteTableId=table,
            TransitGatewayAttachmentId=att)
    # A Resolver rule in force in hub, for a domain no endpoint claims: read, no finding.
    resolver = client("route53resolver", "eu-west-1")
    rule = resolver.create_resolver_rule(
        CreatorRequestId="vpclint-seed-corp", Name="corp", RuleType="SYSTEM",
        DomainName="corp.internal")["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=rule, VPCId=hub, Name="corp-hub")
    # us-east-1: payments with two ssm endpoints, both with private DNS (private-dns-conflict).
    pay = vpc(us, "10.30.0.0/16", "payments")
    pay_sn = subnets(us, pay, "us-east-1", "10.30", "payments")
    pay_sg = https_group(us, pay, "vpce-payments", "10.30.0.0/16")
    endpoint(us, pay, "com.amazonaws.us-east-1.ssm", pay_sn, pay_sg, True, "payments-ssm")
    endpoint(us, pay, "com.amazonaws.us-east-1.ssm", pay_sn, pay_sg, True, "payments-ssm-2")
    endpoint(us, pay, "com.amazonaws.us-east-1.logs", pay_sn, pay_sg, True, "payments-logs")


def scale(n):
    eu = client("ec2", "eu-west-1")
    for i in range(n):
        vid = vpc(eu, f"10.{100 + i // 256}.{i % 256}.0/24", f"bulk-{i}")
        sn = [
            eu.create_subnet(VpcId=vid, CidrBlock=f"10.{100 + i // 256}.{i % 256}.{j * 64}/26", AvailabilityZone=f"eu-west-1{az}")[
                "Subnet"
            ]["SubnetId"]
            for j, az in enumerate("abc")
        ]
        gid = https_group(eu, vid, f"bulk-{i}", "10.0.0.0/8")
        eu.create_security_group(VpcId=vid, GroupName=f"bulk-app-{i}", Description="app")
        eu.create_route_table(VpcId=vid)
        endpoint(eu, vid, "com.amazonaws.eu-west-1.sqs", sn, gid, True, f"bulk-sqs-{i}")


def provider():
    """A second account (through moto's assume-role) that offers an endpoint service."""
    sts = client("sts", "eu-west-1")
    c = sts.assume_role(RoleArn="arn:aws:iam::210987654321:role/provider", RoleSessionName="seed")["Credentials"]
    creds = (c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
    ec2 = client("ec2", "eu-west-1", creds)
    elb = client("elbv2", "eu-west-1", creds)
    vid = vpc(ec2, "10.40.0.0/16", "provider")
    sn = subnets(ec2, vid, "eu-west-1", "10.40", "provider")
    nlb = elb.create_load_balancer(Name="provider", Type="network", Scheme="internal", Subnets=sn)["LoadBalancers"][0]["LoadBalancerArn"]
    ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[nlb], AcceptanceRequired=True)
    print(json.dumps({"AccessKeyId": creds[0], "SecretAccessKey": creds[1], "SessionToken": creds[2]}))


def member(account, region="eu-west-1"):
    """Credentials of a member account, as AssumeRole gives them (moto selects the account by
    them)."""
    sts = client("sts", region)
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/seed", RoleSessionName="seed")["Credentials"]
    return (c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])


def member_estate(account):
    """Another account with one single-AZ endpoint; prints its credentials (for a profile)."""
    creds = member(account)
    ec2 = client("ec2", "eu-west-1", creds)
    vid = vpc(ec2, "10.70.0.0/16", "member")
    sn = subnets(ec2, vid, "eu-west-1", "10.70", "member")
    gid = https_group(ec2, vid, "vpce-member", "10.70.0.0/16")
    endpoint(ec2, vid, "com.amazonaws.eu-west-1.sts", sn[:1], gid, True, "member-sts")
    print(json.dumps({"AccessKeyId": creds[0], "SecretAccessKey": creds[1], "SessionToken": creds[2]}))


def create_accounts(org, names):
    ids = {}
    for name in names:
        status = org.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        ids[name] = status["AccountId"]
    return ids


OUTSIDE = "999999999999"
SAAS = "888888888888"


def org():
    """The organisation of the org-mode tests, managed by 123456789012 (no resources):

    consumer  an endpoint whose policy allows the empty member and an outside account
    provider  an endpoint service (NLB on 443) allowing consumer and another outside account,
              and a private REST API whose policy leaves out the execute-api endpoint serving it
    empty     nothing: trusted only as a member of the organisation
    locked    its role cannot be assumed (the test's proxy denies it)
    """
    o = client("organizations", "us-east-1")
    o.create_organization(FeatureSet="ALL")
    ids = create_accounts(o, ["consumer", "provider", "empty", "locked"])

    ec2 = client("ec2", "eu-west-1", member(ids["consumer"]))
    vid = vpc(ec2, "10.50.0.0/16", "consumer")
    sn = subnets(ec2, vid, "eu-west-1", "10.50", "consumer")
    gid = https_group(ec2, vid, "vpce-consumer", "10.50.0.0/16")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": [f"arn:aws:iam::{ids['empty']}:root", f"arn:aws:iam::{OUTSIDE}:root"]},
                "Action": "sqs:SendMessage",
                "Resource": "*",
            }
        ],
    }
    ec2.create_vpc_endpoint(
        VpcId=vid,
        VpcEndpointType="Interface",
        ServiceName="com.amazonaws.eu-west-1.sqs",
        SubnetIds=sn,
        SecurityGroupIds=[gid],
        PrivateDnsEnabled=True,
        PolicyDocument=json.dumps(policy),
    )

    creds = member(ids["provider"])
    ec2 = client("ec2", "eu-west-1", creds)
    elb = client("elbv2", "eu-west-1", creds)
    vid = vpc(ec2, "10.60.0.0/16", "provider")
    sn = subnets(ec2, vid, "eu-west-1", "10.60", "provider")
    gid = https_group(ec2, vid, "vpce-provider", "10.60.0.0/16")
    nlb = elb.create_load_balancer(Name="provider", Type="network", Scheme="internal", Subnets=sn)["LoadBalancers"][0]
    tg = elb.create_target_group(Name="provider", Protocol="TCP", Port=443, VpcId=vid)["TargetGroups"][0]
    elb.create_listener(
        LoadBalancerArn=nlb["LoadBalancerArn"],
        Protocol="TCP",
        Port=443,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
    )
    svc = ec2.create_vpc_endpoint_service_configuration(
        NetworkLoadBalancerArns=[nlb["LoadBalancerArn"]], AcceptanceRequired=True
    )["ServiceConfiguration"]["ServiceId"]
    ec2.modify_vpc_endpoint_service_permissions(
        ServiceId=svc,
        AddAllowedPrincipals=[f"arn:aws:iam::{ids['consumer']}:root", f"arn:aws:iam::{SAAS}:root"],
    )
    api_vpce = endpoint(ec2, vid, "com.amazonaws.eu-west-1.execute-api", sn, gid, True, "provider-execute-api")
    private_api(client("apigateway", "eu-west-1", creds), api_vpce, "orders")
    print(json.dumps(ids))


def bench(n, regions):
    """An organisation of n members, each with one VPC (three subnets, an endpoint) per region."""
    o = client("organizations", "us-east-1")
    o.create_organization(FeatureSet="ALL")
    ids = create_accounts(o, [f"member-{i}" for i in range(n)])
    for i, account in enumerate(ids.values()):
        creds = member(account)
        for region in regions:
            ec2 = client("ec2", region, creds)
            vid = vpc(ec2, f"10.{i % 250}.0.0/16", f"member-{i}")
            sn = subnets(ec2, vid, region, f"10.{i % 250}", f"member-{i}")
            gid = https_group(ec2, vid, f"vpce-{i}", "10.0.0.0/8")
            endpoint(ec2, vid, f"com.amazonaws.{region}.sqs", sn, gid, True, f"member-{i}-sqs")
    print(json.dumps(ids))


if __name__ == "__main__":
    args = sys.argv[2:]
    if "--org" in args:
        org()
    elif "--bench" in args:
        i = args.index("--bench")
        bench(int(args[i + 1]), args[i + 2].split(","))
    elif "--provider" in args:
        provider()
    elif "--member" in args:
        member_estate(args[args.index("--member") + 1])
    elif "--scale" in args:
        scale(int(args[args.index("--scale") + 1]))
    else:
        estate()
