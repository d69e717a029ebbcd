# placement/ with its defects fixed: the gateway endpoint serves both route tables, the build
# VPC has an S3 gateway endpoint (which also serves the S3 interface endpoint's VPC), the partner
# endpoint is in zones its service offers, the SQS endpoint is IPv4 like its subnets.
locals {
  region = "eu-west-1"
}

# App and batch subnets, each with its route table; the endpoint serves both.
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

resource "aws_vpc_endpoint_route_table_association" "batch" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = aws_route_table.batch.id
}

# Image pulls through ecr.dkr, and layers through the S3 gateway endpoint.
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

resource "aws_vpc_endpoint" "build_s3" {
  vpc_id          = aws_vpc.build.id
  service_name    = "com.amazonaws.${local.region}.s3"
  route_table_ids = [aws_route_table.runners.id]
}

resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id              = aws_vpc.build.id
  service_name        = "com.amazonaws.${local.region}.ecr.dkr"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.runners.id]
  security_group_ids  = []
  private_dns_enabled = true
}

# The partner's service is offered in euw1-az1 and euw1-az2 only (its
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
  subnet_ids         = [aws_subnet.app.id, aws_subnet.batch.id]
  security_group_ids = []
}

# IPv4, like its subnets.
resource "aws_vpc_endpoint" "sqs" {
  vpc_id             = aws_vpc.data.id
  service_name       = "com.amazonaws.${local.region}.sqs"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.app.id, aws_subnet.batch.id]
  security_group_ids = []
  ip_address_type    = "ipv4"
  dns_options {
    dns_record_ip_type = "ipv4"
  }
}

# Private DNS for inbound Resolver endpoints only, beside the build VPC's S3 gateway endpoint.
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
