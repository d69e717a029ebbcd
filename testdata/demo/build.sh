#!/usr/bin/env bash
# Rebuilds testdata/demo/ — the estate behind the README's `vpclint check testdata/demo`.
#
# Two accounts, two regions, four workload VPCs (plus each region's default VPC), built with the
# real AWS CLI against a local moto server, exported with `aws ec2 describe-* --output json`, then
# one hand edit plus one guard (see README.md, "Hand edits"). Run from anywhere:
#
#     bash testdata/demo/build.sh
#
# Needs python3. Uses (and creates if missing) a venv with moto[server] 5.2.5 and awscli 1.46.3,
# the versions the shared examples were built with; override with VENV=/path. moto listens on
# 127.0.0.1:${MOTO_PORT:-5055} only and is stopped on exit.
#
# moto's random ids are seeded (POST /moto-api/seed), so a rebuild with the same versions gives the
# same ids; only timestamps (CreationTimestamp, ...) change.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VENV=${VENV:-/tmp/demovenv}
PORT=${MOTO_PORT:-5055}
ENDPOINT="http://127.0.0.1:${PORT}"
ACCT_A=123456789012   # "platform" account: moto's default account (plain dummy credentials)
ACCT_B=210987654321   # "workloads" account: reached through sts assume-role (moto's multi-account support)

if [ ! -x "$VENV/bin/moto_server" ] || [ ! -x "$VENV/bin/aws" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'moto[server]==5.2.5' 'awscli==1.46.3'
fi

WORK=$(mktemp -d)
"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
cleanup() { kill "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$ENDPOINT/moto-api/data.json" && break
    sleep 0.2
done
curl -sf -o /dev/null "$ENDPOINT/moto-api/data.json" || { echo "moto did not start" >&2; cat "$WORK/moto.log" >&2; exit 1; }
curl -sf -o /dev/null -X POST "$ENDPOINT/moto-api/reset"
curl -sf -o /dev/null -X POST "$ENDPOINT/moto-api/seed?a=2026"

# Isolate the CLI from any local AWS configuration; dummy credentials only.
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL 2>/dev/null || true
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=eu-west-1

aws_() { "$VENV/bin/aws" --endpoint-url "$ENDPOINT" "$@"; }
# Account A: moto's default account.
a() { aws_ "$@"; }
# Account B: credentials of an assumed role in 210987654321 (the role need not exist in moto).
read -r B_AKID B_SECRET B_TOKEN < <(aws_ sts assume-role --role-arn "arn:aws:iam::${ACCT_B}:role/vpclint-demo" \
    --role-session-name vpclint-demo --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
b() { AWS_ACCESS_KEY_ID="$B_AKID" AWS_SECRET_ACCESS_KEY="$B_SECRET" AWS_SESSION_TOKEN="$B_TOKEN" aws_ "$@"; }
[ "$(b sts get-caller-identity --query Account --output text)" = "$ACCT_B" ] || { echo "account switch failed" >&2; exit 1; }

tags() { printf '[{"ResourceType":"%s","Tags":[{"Key":"Name","Value":"%s"}]}]' "$1" "$2"; }
id() { "$@" --output text; }   # run a create call and print only the --query'd id

EU=eu-west-1
US=us-east-1

# ---------------------------------------------------------------------------------------------
# Account A (123456789012), eu-west-1: shared-services (healthy hub) and tooling.
# ---------------------------------------------------------------------------------------------
VPC_SS=$(id a ec2 create-vpc --region $EU --cidr-block 10.0.0.0/16 --tag-specifications "$(tags vpc shared-services)" --query Vpc.VpcId)
a ec2 modify-vpc-attribute --region $EU --vpc-id "$VPC_SS" --enable-dns-support '{"Value":true}'
a ec2 modify-vpc-attribute --region $EU --vpc-id "$VPC_SS" --enable-dns-hostnames '{"Value":true}'
SN_SS_APP_A=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_SS" --cidr-block 10.0.0.0/20 --availability-zone eu-west-1a --tag-specifications "$(tags subnet shared-services-app-a)" --query Subnet.SubnetId)
SN_SS_APP_B=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_SS" --cidr-block 10.0.16.0/20 --availability-zone eu-west-1b --tag-specifications "$(tags subnet shared-services-app-b)" --query Subnet.SubnetId)
SN_SS_APP_C=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_SS" --cidr-block 10.0.32.0/20 --availability-zone eu-west-1c --tag-specifications "$(tags subnet shared-services-app-c)" --query Subnet.SubnetId)
SN_SS_VPCE_A=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_SS" --cidr-block 10.0.240.0/24 --availability-zone eu-west-1a --tag-specifications "$(tags subnet shared-services-vpce-a)" --query Subnet.SubnetId)
SN_SS_VPCE_B=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_SS" --cidr-block 10.0.241.0/24 --availability-zone eu-west-1b --tag-specifications "$(tags subnet shared-services-vpce-b)" --query Subnet.SubnetId)
SN_SS_VPCE_C=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_SS" --cidr-block 10.0.242.0/24 --availability-zone eu-west-1c --tag-specifications "$(tags subnet shared-services-vpce-c)" --query Subnet.SubnetId)
RTB_SS=$(id a ec2 create-route-table --region $EU --vpc-id "$VPC_SS" --tag-specifications "$(tags route-table shared-services-private)" --query RouteTable.RouteTableId)
for s in "$SN_SS_APP_A" "$SN_SS_APP_B" "$SN_SS_APP_C" "$SN_SS_VPCE_A" "$SN_SS_VPCE_B" "$SN_SS_VPCE_C"; do
    a ec2 associate-route-table --region $EU --route-table-id "$RTB_SS" --subnet-id "$s" >/dev/null
done
SG_SS_WORK=$(id a ec2 create-security-group --region $EU --vpc-id "$VPC_SS" --group-name shared-services-workloads --description 'Shared services workloads' --tag-specifications "$(tags security-group shared-services-workloads)" --query GroupId)
SG_SS_EXECAPI=$(id a ec2 create-security-group --region $EU --vpc-id "$VPC_SS" --group-name vpce-execute-api --description 'HTTPS to the execute-api endpoint' --tag-specifications "$(tags security-group vpce-execute-api)" --query GroupId)
a ec2 authorize-security-group-ingress --region $EU --group-id "$SG_SS_EXECAPI" --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/16","Description":"HTTPS from shared-services"},{"CidrIp":"10.20.0.0/16","Description":"HTTPS from tooling (peered)"}]}]' >/dev/null
VPCE_SS_EXECAPI=$(id a ec2 create-vpc-endpoint --region $EU --vpc-id "$VPC_SS" --vpc-endpoint-type Interface --service-name com.amazonaws.eu-west-1.execute-api \
    --subnet-ids "$SN_SS_VPCE_A" "$SN_SS_VPCE_B" "$SN_SS_VPCE_C" --security-group-ids "$SG_SS_EXECAPI" --private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"InvokeInternalApis","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"execute-api:Invoke","Resource":["arn:aws:execute-api:eu-west-1:123456789012:k3x9p2m7qa/*","arn:aws:execute-api:eu-west-1:123456789012:w8d4n6c1tz/*"]}]}' \
    --tag-specifications "$(tags vpc-endpoint shared-services-execute-api)" --query VpcEndpoint.VpcEndpointId)
VPCE_SS_S3=$(id a ec2 create-vpc-endpoint --region $EU --vpc-id "$VPC_SS" --vpc-endpoint-type Gateway --service-name com.amazonaws.eu-west-1.s3 --route-table-ids "$RTB_SS" \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"OwnAccountArtifacts","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::acme-platform-artifacts","arn:aws:s3:::acme-platform-artifacts/*"],"Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}]}' \
    --tag-specifications "$(tags vpc-endpoint shared-services-s3)" --query VpcEndpoint.VpcEndpointId)

VPC_TL=$(id a ec2 create-vpc --region $EU --cidr-block 10.20.0.0/16 --tag-specifications "$(tags vpc tooling)" --query Vpc.VpcId)
a ec2 modify-vpc-attribute --region $EU --vpc-id "$VPC_TL" --enable-dns-support '{"Value":true}'
a ec2 modify-vpc-attribute --region $EU --vpc-id "$VPC_TL" --enable-dns-hostnames '{"Value":true}'
SN_TL_A=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_TL" --cidr-block 10.20.0.0/20 --availability-zone eu-west-1a --tag-specifications "$(tags subnet tooling-a)" --query Subnet.SubnetId)
SN_TL_B=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_TL" --cidr-block 10.20.16.0/20 --availability-zone eu-west-1b --tag-specifications "$(tags subnet tooling-b)" --query Subnet.SubnetId)
SN_TL_C=$(id a ec2 create-subnet --region $EU --vpc-id "$VPC_TL" --cidr-block 10.20.32.0/20 --availability-zone eu-west-1c --tag-specifications "$(tags subnet tooling-c)" --query Subnet.SubnetId)
RTB_TL=$(id a ec2 create-route-table --region $EU --vpc-id "$VPC_TL" --tag-specifications "$(tags route-table tooling-private)" --query RouteTable.RouteTableId)
for s in "$SN_TL_A" "$SN_TL_B" "$SN_TL_C"; do
    a ec2 associate-route-table --region $EU --route-table-id "$RTB_TL" --subnet-id "$s" >/dev/null
done
SG_TL_RUN=$(id a ec2 create-security-group --region $EU --vpc-id "$VPC_TL" --group-name tooling-ci-runners --description 'CI runners' --tag-specifications "$(tags security-group tooling-ci-runners)" --query GroupId)
SG_TL_STS=$(id a ec2 create-security-group --region $EU --vpc-id "$VPC_TL" --group-name vpce-sts --description 'HTTPS to the sts endpoint' --tag-specifications "$(tags security-group vpce-sts)" --query GroupId)
SG_TL_SM=$(id a ec2 create-security-group --region $EU --vpc-id "$VPC_TL" --group-name vpce-secretsmanager --description 'HTTPS to the secretsmanager endpoint' --tag-specifications "$(tags security-group vpce-secretsmanager)" --query GroupId)
SG_TL_AQ=$(id a ec2 create-security-group --region $EU --vpc-id "$VPC_TL" --group-name vpce-analytics-query --description 'HTTPS to the analytics-query endpoint' --tag-specifications "$(tags security-group vpce-analytics-query)" --query GroupId)
for g in "$SG_TL_STS" "$SG_TL_SM" "$SG_TL_AQ"; do
    a ec2 authorize-security-group-ingress --region $EU --group-id "$g" --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.20.0.0/16","Description":"HTTPS from tooling"}]}]' >/dev/null
done
# Defect: sts endpoint in one subnet / one AZ although tooling has subnets in three AZs.
VPCE_TL_STS=$(id a ec2 create-vpc-endpoint --region $EU --vpc-id "$VPC_TL" --vpc-endpoint-type Interface --service-name com.amazonaws.eu-west-1.sts \
    --subnet-ids "$SN_TL_A" --security-group-ids "$SG_TL_STS" --private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AssumeToolingRoles","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["sts:AssumeRole","sts:GetCallerIdentity"],"Resource":"*"}]}' \
    --tag-specifications "$(tags vpc-endpoint tooling-sts)" --query VpcEndpoint.VpcEndpointId)
# Defect: secretsmanager endpoint created with private DNS off.
VPCE_TL_SM=$(id a ec2 create-vpc-endpoint --region $EU --vpc-id "$VPC_TL" --vpc-endpoint-type Interface --service-name com.amazonaws.eu-west-1.secretsmanager \
    --subnet-ids "$SN_TL_A" "$SN_TL_B" "$SN_TL_C" --security-group-ids "$SG_TL_SM" --no-private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"ReadToolingSecrets","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:tooling/*"}]}' \
    --tag-specifications "$(tags vpc-endpoint tooling-secretsmanager)" --query VpcEndpoint.VpcEndpointId)

# Clean peering shared-services <-> tooling, routes on both sides.
PCX_SS_TL=$(id a ec2 create-vpc-peering-connection --region $EU --vpc-id "$VPC_SS" --peer-vpc-id "$VPC_TL" --tag-specifications "$(tags vpc-peering-connection shared-services-to-tooling)" --query VpcPeeringConnection.VpcPeeringConnectionId)
a ec2 accept-vpc-peering-connection --region $EU --vpc-peering-connection-id "$PCX_SS_TL" >/dev/null
a ec2 create-route --region $EU --route-table-id "$RTB_SS" --destination-cidr-block 10.20.0.0/16 --vpc-peering-connection-id "$PCX_SS_TL" >/dev/null
a ec2 create-route --region $EU --route-table-id "$RTB_TL" --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id "$PCX_SS_TL" >/dev/null

# ---------------------------------------------------------------------------------------------
# Account B (210987654321), eu-west-1: analytics (DNS hostnames off; offers an endpoint service).
# ---------------------------------------------------------------------------------------------
VPC_AN=$(id b ec2 create-vpc --region $EU --cidr-block 10.40.0.0/16 --tag-specifications "$(tags vpc analytics)" --query Vpc.VpcId)
b ec2 modify-vpc-attribute --region $EU --vpc-id "$VPC_AN" --enable-dns-support '{"Value":true}'
# Defect: enableDnsHostnames explicitly false while the kms endpoint below has private DNS on.
b ec2 modify-vpc-attribute --region $EU --vpc-id "$VPC_AN" --enable-dns-hostnames '{"Value":false}'
SN_AN_A=$(id b ec2 create-subnet --region $EU --vpc-id "$VPC_AN" --cidr-block 10.40.0.0/20 --availability-zone eu-west-1a --tag-specifications "$(tags subnet analytics-a)" --query Subnet.SubnetId)
SN_AN_B=$(id b ec2 create-subnet --region $EU --vpc-id "$VPC_AN" --cidr-block 10.40.16.0/20 --availability-zone eu-west-1b --tag-specifications "$(tags subnet analytics-b)" --query Subnet.SubnetId)
SN_AN_C=$(id b ec2 create-subnet --region $EU --vpc-id "$VPC_AN" --cidr-block 10.40.32.0/20 --availability-zone eu-west-1c --tag-specifications "$(tags subnet analytics-c)" --query Subnet.SubnetId)
RTB_AN=$(id b ec2 create-route-table --region $EU --vpc-id "$VPC_AN" --tag-specifications "$(tags route-table analytics-private)" --query RouteTable.RouteTableId)
for s in "$SN_AN_A" "$SN_AN_B" "$SN_AN_C"; do
    b ec2 associate-route-table --region $EU --route-table-id "$RTB_AN" --subnet-id "$s" >/dev/null
done
SG_AN_WORK=$(id b ec2 create-security-group --region $EU --vpc-id "$VPC_AN" --group-name analytics-workloads --description 'Analytics workloads' --tag-specifications "$(tags security-group analytics-workloads)" --query GroupId)
SG_AN_KMS=$(id b ec2 create-security-group --region $EU --vpc-id "$VPC_AN" --group-name vpce-kms --description 'HTTPS to the kms endpoint' --tag-specifications "$(tags security-group vpce-kms)" --query GroupId)
b ec2 authorize-security-group-ingress --region $EU --group-id "$SG_AN_KMS" --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.40.0.0/16","Description":"HTTPS from analytics"},{"CidrIp":"10.20.128.0/20","Description":"HTTPS from analytics EMR"}]}]' >/dev/null
VPCE_AN_KMS=$(id b ec2 create-vpc-endpoint --region $EU --vpc-id "$VPC_AN" --vpc-endpoint-type Interface --service-name com.amazonaws.eu-west-1.kms \
    --subnet-ids "$SN_AN_A" "$SN_AN_B" "$SN_AN_C" --security-group-ids "$SG_AN_KMS" --private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"UseAnalyticsKeys","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":["kms:Decrypt","kms:GenerateDataKey","kms:DescribeKey"],"Resource":"arn:aws:kms:eu-west-1:210987654321:key/*"}]}' \
    --tag-specifications "$(tags vpc-endpoint analytics-kms)" --query VpcEndpoint.VpcEndpointId)
# The analytics-query endpoint service (NLB-backed, acceptance required), offered to account A.
NLB_AQ=$(id b elbv2 create-load-balancer --region $EU --name analytics-query --type network --scheme internal --subnets "$SN_AN_A" "$SN_AN_B" "$SN_AN_C" --tags Key=Name,Value=analytics-query --query 'LoadBalancers[0].LoadBalancerArn')
SVC_AQ_ID=$(id b ec2 create-vpc-endpoint-service-configuration --region $EU --acceptance-required --network-load-balancer-arns "$NLB_AQ" --tag-specifications "$(tags vpc-endpoint-service analytics-query)" --query ServiceConfiguration.ServiceId)
SVC_AQ_NAME=$(id b ec2 describe-vpc-endpoint-service-configurations --region $EU --service-ids "$SVC_AQ_ID" --query 'ServiceConfigurations[0].ServiceName')
b ec2 modify-vpc-endpoint-service-permissions --region $EU --service-id "$SVC_AQ_ID" --add-allowed-principals "arn:aws:iam::${ACCT_A}:root" >/dev/null

# Account A's tooling consumes analytics-query. Defect (after the hand edit): the connection is
# still waiting for the provider's acceptance, so the endpoint's State is pendingAcceptance.
VPCE_TL_AQ=$(id a ec2 create-vpc-endpoint --region $EU --vpc-id "$VPC_TL" --vpc-endpoint-type Interface --service-name "$SVC_AQ_NAME" \
    --subnet-ids "$SN_TL_A" "$SN_TL_B" "$SN_TL_C" --security-group-ids "$SG_TL_AQ" --no-private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"OwnAccountOnly","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*","Resource":"*"}]}' \
    --tag-specifications "$(tags vpc-endpoint tooling-analytics-query)" --query VpcEndpoint.VpcEndpointId)

# Defect: cross-account peering tooling (A) <-> analytics (B), accepted by B; afterwards analytics
# gets a secondary block 10.20.128.0/20 (for an EMR cluster) inside tooling's 10.20.0.0/16.
PCX_TL_AN=$(id a ec2 create-vpc-peering-connection --region $EU --vpc-id "$VPC_TL" --peer-vpc-id "$VPC_AN" --peer-owner-id "$ACCT_B" --tag-specifications "$(tags vpc-peering-connection tooling-to-analytics)" --query VpcPeeringConnection.VpcPeeringConnectionId)
b ec2 accept-vpc-peering-connection --region $EU --vpc-peering-connection-id "$PCX_TL_AN" >/dev/null
b ec2 associate-vpc-cidr-block --region $EU --vpc-id "$VPC_AN" --cidr-block 10.20.128.0/20 >/dev/null
SN_AN_EMR=$(id b ec2 create-subnet --region $EU --vpc-id "$VPC_AN" --cidr-block 10.20.128.0/22 --availability-zone eu-west-1a --tag-specifications "$(tags subnet analytics-emr-a)" --query Subnet.SubnetId)
b ec2 associate-route-table --region $EU --route-table-id "$RTB_AN" --subnet-id "$SN_AN_EMR" >/dev/null

# ---------------------------------------------------------------------------------------------
# Account B (210987654321), us-east-1: payments.
# ---------------------------------------------------------------------------------------------
VPC_PAY=$(id b ec2 create-vpc --region $US --cidr-block 10.30.0.0/16 --tag-specifications "$(tags vpc payments)" --query Vpc.VpcId)
b ec2 modify-vpc-attribute --region $US --vpc-id "$VPC_PAY" --enable-dns-support '{"Value":true}'
b ec2 modify-vpc-attribute --region $US --vpc-id "$VPC_PAY" --enable-dns-hostnames '{"Value":true}'
SN_PAY_A=$(id b ec2 create-subnet --region $US --vpc-id "$VPC_PAY" --cidr-block 10.30.0.0/20 --availability-zone us-east-1a --tag-specifications "$(tags subnet payments-a)" --query Subnet.SubnetId)
SN_PAY_B=$(id b ec2 create-subnet --region $US --vpc-id "$VPC_PAY" --cidr-block 10.30.16.0/20 --availability-zone us-east-1b --tag-specifications "$(tags subnet payments-b)" --query Subnet.SubnetId)
SN_PAY_C=$(id b ec2 create-subnet --region $US --vpc-id "$VPC_PAY" --cidr-block 10.30.32.0/20 --availability-zone us-east-1c --tag-specifications "$(tags subnet payments-c)" --query Subnet.SubnetId)
RTB_PAY=$(id b ec2 create-route-table --region $US --vpc-id "$VPC_PAY" --tag-specifications "$(tags route-table payments-private)" --query RouteTable.RouteTableId)
for s in "$SN_PAY_A" "$SN_PAY_B" "$SN_PAY_C"; do
    b ec2 associate-route-table --region $US --route-table-id "$RTB_PAY" --subnet-id "$s" >/dev/null
done
SG_PAY_APP=$(id b ec2 create-security-group --region $US --vpc-id "$VPC_PAY" --group-name payments-app --description 'Payments application' --tag-specifications "$(tags security-group payments-app)" --query GroupId)
SG_PAY_SSM=$(id b ec2 create-security-group --region $US --vpc-id "$VPC_PAY" --group-name vpce-ssm --description 'HTTPS to the ssm endpoints' --tag-specifications "$(tags security-group vpce-ssm)" --query GroupId)
SG_PAY_LOGS=$(id b ec2 create-security-group --region $US --vpc-id "$VPC_PAY" --group-name vpce-logs --description 'To the logs endpoint' --tag-specifications "$(tags security-group vpce-logs)" --query GroupId)
SG_PAY_SQS=$(id b ec2 create-security-group --region $US --vpc-id "$VPC_PAY" --group-name vpce-sqs --description 'HTTPS to the sqs endpoint' --tag-specifications "$(tags security-group vpce-sqs)" --query GroupId)
SG_PAY_SNS=$(id b ec2 create-security-group --region $US --vpc-id "$VPC_PAY" --group-name vpce-sns --description 'HTTPS to the sns endpoint' --tag-specifications "$(tags security-group vpce-sns)" --query GroupId)
for g in "$SG_PAY_SSM" "$SG_PAY_SQS"; do
    b ec2 authorize-security-group-ingress --region $US --group-id "$g" --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.30.0.0/16","Description":"HTTPS from payments"}]}]' >/dev/null
done
# Defect: the logs endpoint's only group admits TCP 80, not 443.
b ec2 authorize-security-group-ingress --region $US --group-id "$SG_PAY_LOGS" --ip-permissions '[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"IpRanges":[{"CidrIp":"10.30.0.0/16","Description":"HTTP from payments"}]}]' >/dev/null
# Defect: the sns endpoint's group admits 443 from anywhere.
b ec2 authorize-security-group-ingress --region $US --group-id "$SG_PAY_SNS" --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"HTTPS from anywhere"}]}]' >/dev/null
SSM_POLICY='{"Version":"2012-10-17","Statement":[{"Sid":"ReadPaymentsParameters","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":["ssm:GetParameter","ssm:GetParameters","ssm:GetParametersByPath"],"Resource":"arn:aws:ssm:us-east-1:210987654321:parameter/payments/*"}]}'
# Defect: two ssm endpoints in one VPC, both with private DNS (AWS refuses the second; moto does not).
VPCE_PAY_SSM=$(id b ec2 create-vpc-endpoint --region $US --vpc-id "$VPC_PAY" --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ssm \
    --subnet-ids "$SN_PAY_A" "$SN_PAY_B" "$SN_PAY_C" --security-group-ids "$SG_PAY_SSM" --private-dns-enabled --policy-document "$SSM_POLICY" \
    --tag-specifications "$(tags vpc-endpoint payments-ssm)" --query VpcEndpoint.VpcEndpointId)
VPCE_PAY_SSM2=$(id b ec2 create-vpc-endpoint --region $US --vpc-id "$VPC_PAY" --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ssm \
    --subnet-ids "$SN_PAY_A" "$SN_PAY_B" "$SN_PAY_C" --security-group-ids "$SG_PAY_SSM" --private-dns-enabled --policy-document "$SSM_POLICY" \
    --tag-specifications "$(tags vpc-endpoint payments-ssm-migration)" --query VpcEndpoint.VpcEndpointId)
VPCE_PAY_LOGS=$(id b ec2 create-vpc-endpoint --region $US --vpc-id "$VPC_PAY" --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.logs \
    --subnet-ids "$SN_PAY_A" "$SN_PAY_B" "$SN_PAY_C" --security-group-ids "$SG_PAY_LOGS" --private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"ShipPaymentsLogs","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:210987654321:log-group:/payments/*"}]}' \
    --tag-specifications "$(tags vpc-endpoint payments-logs)" --query VpcEndpoint.VpcEndpointId)
# Defect: Allow for Principal "*" with no Condition. Passed as a pretty-printed file, so the
# PolicyDocument string in the export holds \n escapes (positions inside it must still be exact).
cat >"$WORK/sqs-policy.json" <<'EOF'
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "SettlementQueue",
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
            "Resource": "arn:aws:sqs:us-east-1:210987654321:payments-settlement"
        }
    ]
}
EOF
VPCE_PAY_SQS=$(id b ec2 create-vpc-endpoint --region $US --vpc-id "$VPC_PAY" --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.sqs \
    --subnet-ids "$SN_PAY_A" "$SN_PAY_B" "$SN_PAY_C" --security-group-ids "$SG_PAY_SQS" --private-dns-enabled --policy-document "file://$WORK/sqs-policy.json" \
    --tag-specifications "$(tags vpc-endpoint payments-sqs)" --query VpcEndpoint.VpcEndpointId)
VPCE_PAY_SNS=$(id b ec2 create-vpc-endpoint --region $US --vpc-id "$VPC_PAY" --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.sns \
    --subnet-ids "$SN_PAY_A" "$SN_PAY_B" "$SN_PAY_C" --security-group-ids "$SG_PAY_SNS" --private-dns-enabled \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"PublishPaymentsEvents","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:210987654321:payments-*"}]}' \
    --tag-specifications "$(tags vpc-endpoint payments-sns)" --query VpcEndpoint.VpcEndpointId)
VPCE_PAY_DDB=$(id b ec2 create-vpc-endpoint --region $US --vpc-id "$VPC_PAY" --vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.dynamodb --route-table-ids "$RTB_PAY" \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"OwnAccountTables","Effect":"Allow","Principal":"*","Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:Query"],"Resource":"arn:aws:dynamodb:us-east-1:210987654321:table/payments-*","Condition":{"StringEquals":{"aws:PrincipalAccount":"210987654321"}}}]}' \
    --tag-specifications "$(tags vpc-endpoint payments-dynamodb)" --query VpcEndpoint.VpcEndpointId)

# ---------------------------------------------------------------------------------------------
# Export: ACCOUNT/REGION/describe-*.json, the CLI's output byte for byte.
# ---------------------------------------------------------------------------------------------
export_region() {   # $1 = a|b, $2 = account id, $3 = region
    local fn=$1 acct=$2 region=$3 out="$HERE/$2/$3" call vpc attr names sep='' obj
    mkdir -p "$out"
    for call in vpcs subnets security-groups security-group-rules network-acls route-tables network-interfaces \
                vpc-endpoints vpc-endpoint-service-configurations vpc-peering-connections availability-zones; do
        $fn ec2 "describe-$call" --region "$region" --output json >"$out/describe-$call.json"
    done
    # vpc-attributes.json: a JSON array of raw describe-vpc-attribute outputs, one per VPC and attribute.
    {
        printf '[\n'
        for vpc in $($fn ec2 describe-vpcs --region "$region" --query 'Vpcs[].VpcId' --output text); do
            for attr in enableDnsSupport enableDnsHostnames; do
                obj=$($fn ec2 describe-vpc-attribute --region "$region" --vpc-id "$vpc" --attribute "$attr" --output json)
                printf '%s%s' "$sep" "$obj"
                sep=$',\n'
            done
        done
        printf '\n]\n'
    } >"$out/vpc-attributes.json"
    # Only the AWS services that this account's endpoints in this region use (the full list is
    # ~1 MB). A partner/cross-account service is not visible to moto's describe-vpc-endpoint-services
    # in the consumer account, so it is left out (see README.md).
    names=$(python3 - "$out/describe-vpc-endpoints.json" "$region" <<'PY'
import json, sys
eps = json.load(open(sys.argv[1]))["VpcEndpoints"]
print(" ".join(sorted({e["ServiceName"] for e in eps if e["ServiceName"].startswith("com.amazonaws." + sys.argv[2] + ".")})))
PY
)
    [ -n "$names" ] || { echo "no endpoints in $acct/$region" >&2; exit 1; }
    # shellcheck disable=SC2086
    $fn ec2 describe-vpc-endpoint-services --region "$region" --service-names $names --output json >"$out/describe-vpc-endpoint-services.json"
}

rm -rf "${HERE:?}/$ACCT_A" "${HERE:?}/$ACCT_B"
export_region a "$ACCT_A" $EU
export_region b "$ACCT_B" $EU
export_region b "$ACCT_B" $US

# ---------------------------------------------------------------------------------------------
# Hand edits (what moto cannot produce), written back exactly as the CLI formats JSON
# (json.dump, indent=4, ensure_ascii=False, trailing newline); the script first checks that this
# formatting reproduces every untouched file byte for byte.
# ---------------------------------------------------------------------------------------------
python3 - "$HERE" "$ACCT_A" "$ACCT_B" <<'PY'
import glob, json, os, sys
here, acct_a, acct_b = sys.argv[1:4]

def cli_format(data):
    return json.dumps(data, indent=4, ensure_ascii=False) + "\n"

for path in sorted(glob.glob(os.path.join(here, "*", "*", "describe-*.json"))):
    text = open(path, encoding="utf-8").read()
    assert cli_format(json.loads(text)) == text, f"CLI formatting not reproduced for {path}"

def edit(rel, fn):
    path = os.path.join(here, rel)
    data = json.load(open(path, encoding="utf-8"))
    fn(data)
    with open(path, "w", encoding="utf-8") as f:
        f.write(cli_format(data))

def by_name(endpoints, name):
    hits = [e for e in endpoints if {"Key": "Name", "Value": name} in e.get("Tags", [])]
    assert len(hits) == 1, name
    return hits[0]

# 1. endpoint-not-available: moto reports every endpoint 'available'; AWS shows a consumer endpoint
#    to an acceptance-required service as 'pendingAcceptance' until the provider accepts it.
def pending(data):
    ep = by_name(data["VpcEndpoints"], "tooling-analytics-query")
    assert ep["State"] == "available"
    ep["State"] = "pendingAcceptance"
edit(f"{acct_a}/eu-west-1/describe-vpc-endpoints.json", pending)

# 2. private-dns-conflict: moto accepts the second ssm endpoint with private DNS on. Should a
#    future moto turn it off, force it back on so the conflict stays in the demo.
def conflict(data):
    for name in ("payments-ssm", "payments-ssm-migration"):
        by_name(data["VpcEndpoints"], name)["PrivateDnsEnabled"] = True
edit(f"{acct_b}/us-east-1/describe-vpc-endpoints.json", conflict)

for path in sorted(glob.glob(os.path.join(here, "*", "*", "*.json"))):
    json.load(open(path, encoding="utf-8"))
PY

echo "demo estate written to $HERE ($(du -sh "$HERE" | cut -f1))"
