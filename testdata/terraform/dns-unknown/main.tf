# The zone's id reaches the record and the spoke's association through a local, which vpclint
# does not follow: known only after apply. Neither the alias nor the association is guessed
# away, so neither DNS001 (the endpoint's private DNS is off) nor DNS004 (the spoke reaches the
# endpoint) is reported.
locals {
  zone_id = aws_route53_zone.sqs.zone_id
}

resource "aws_vpc" "hub" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "hub_a" {
  vpc_id            = aws_vpc.hub.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "hub_b" {
  vpc_id            = aws_vpc.hub.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_route_table" "hub" {
  vpc_id = aws_vpc.hub.id
  route {
    cidr_block                = "10.1.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.spoke.id
  }
}

resource "aws_route_table_association" "hub_a" {
  subnet_id      = aws_subnet.hub_a.id
  route_table_id = aws_route_table.hub.id
}

resource "aws_route_table_association" "hub_b" {
  subnet_id      = aws_subnet.hub_b.id
  route_table_id = aws_route_table.hub.id
}

resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = aws_vpc.hub.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16", "10.1.0.0/16"]
  }
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_b.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = false
}

resource "aws_route53_zone" "sqs" {
  name = "sqs.eu-west-1.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.hub.id
  }
  lifecycle {
    ignore_changes = [vpc]
  }
}

resource "aws_route53_record" "sqs" {
  zone_id = local.zone_id
  name    = "sqs.eu-west-1.amazonaws.com"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.sqs.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_vpc" "spoke" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "spoke" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_route_table" "spoke" {
  vpc_id = aws_vpc.spoke.id
  route {
    cidr_block                = "10.0.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.spoke.id
  }
}

resource "aws_route_table_association" "spoke" {
  subnet_id      = aws_subnet.spoke.id
  route_table_id = aws_route_table.spoke.id
}

resource "aws_vpc_peering_connection" "spoke" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.spoke.id
  auto_accept = true
}

resource "aws_route53_zone_association" "spoke" {
  zone_id = local.zone_id
  vpc_id  = aws_vpc.spoke.id
}
