# A configuration applied before (terraform.tfstate): the plan updates, replaces and deletes
# existing resources, whose ids and states are known.
resource "aws_vpc" "main" {
  cidr_block           = "10.60.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.60.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.60.2.0/24"
  availability_zone = "eu-west-1b"
}

# Updated in place (a tag is added); the connection still waits for the service's owner.
resource "aws_vpc_endpoint" "partner" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b2c3d4e5f60718"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.a.id, aws_subnet.b.id]
  tags              = { Team = "payments" }
}

# Replaced (another service forces a new endpoint), in one subnet.
resource "aws_vpc_endpoint" "swap" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  private_dns_enabled = true
}

# aws_vpc_endpoint.old, single-AZ, is in the state but no longer configured: deleted.
