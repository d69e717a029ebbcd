# The placement defects, one of each: a gateway endpoint on one of two private route tables
# (GWY001), an ecr.dkr endpoint in a VPC without a path to S3 (VPCE007), an endpoint subnet in a
# zone its service does not offer (VPCE008), a dualstack endpoint on IPv4-only subnets
# (VPCE009), an S3 interface endpoint with private DNS for inbound Resolver endpoints only and
# no S3 gateway endpoint (VPCE010). placement-healthy/ is the same without them.
locals {
  region = "eu-west-1"
}

# GWY001: app and batch subnets, each with its route table; the endpoint serves only app's.
resource "aws_vpc" "data" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id               = aws_vpc.data.id
  cidr_block           = "10.30.1.0/24"
  availability_zone_id = "euw1-az1"
}

resource "aws_subnet" "batch" {
  vpc_id               = aws_vpc.data.id
  cidr_block           = "10.30.2.0/24"
  availability_zone_id = "euw1-az2"
}

resource "aws_route_table" "app" {
  vpc_id = aws_vpc.data.id
}

resource "aws_route_table" "batch" {
  vpc_id = aws_vpc.data.id
}

resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}

resource "aws_route_table_association" "batch" {
  subnet_id      = aws_subnet.batch.id
  route_table_id = aws_route_table.batch.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.data.id
  service_name = "com.amazonaws.${local.region}.s3"
}

resource "aws_vpc_endpoint_route_table_association" "app" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = aws_route_table.app.id
}

# VPCE007: image pulls through ecr.dkr, and no S3 gateway endpoint, NAT or internet route.
resource "aws_vpc" "build" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "runners" {
  vpc_id            = aws_vpc.build.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_route_table" "runners" {
  vpc_id = aws_vpc.build.id
}

resource "aws_route_table_association" "runners" {
  subnet_id      = aws_subnet.runners.id
  route_table_id = aws_route_table.runners.id
}

resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id              = aws_vpc.build.id
  service_name        = "com.amazonaws.${local.region}.ecr.dkr"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.runners.id]
  security_group_ids  = []
  private_dns_enabled = true
}

# VPCE008: the partner's service is offered in euw1-az1 and euw1-az2 only (its
# describe-vpc-endpoint-services output is in snapshot/, checked beside the plan).
resource "aws_subnet" "partner_c" {
  vpc_id            = aws_vpc.data.id
  cidr_block           = "10.30.3.0/24"
  availability_zone_id = "euw1-az3"
}

resource "aws_vpc_endpoint" "partner" {
  vpc_id             = aws_vpc.data.id
  service_name       = "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b2c3d4e5f60718"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.partner_c.id]
  security_group_ids = []
}

# VPCE009: dualstack on subnets without IPv6.
resource "aws_vpc_endpoint" "sqs" {
  vpc_id             = aws_vpc.data.id
  service_name       = "com.amazonaws.${local.region}.sqs"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.app.id, aws_subnet.batch.id]
  security_group_ids = []
  ip_address_type    = "dualstack"
  dns_options {
    dns_record_ip_type = "dualstack"
  }
}

# VPCE010: private DNS for inbound Resolver endpoints only, in a VPC without an S3 gateway.
resource "aws_vpc_endpoint" "s3_interface" {
  vpc_id              = aws_vpc.build.id
  service_name        = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.runners.id]
  security_group_ids  = []
  private_dns_enabled = true
  dns_options {
    dns_record_ip_type                             = "ipv4"
    private_dns_only_for_inbound_resolver_endpoint = true
  }
}
