# The centralised endpoint pattern behind a transit gateway, healthy: the hub's SQS endpoint
# (private DNS off), a private zone aliased to it and associated with the hub and both spokes,
# and one transit gateway whose default route table every VPC attachment joins and propagates to.
# transit/ is the same with defects.
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
}

resource "aws_route" "hub_spoke_a" {
  route_table_id         = aws_route_table.hub.id
  destination_cidr_block = "10.1.0.0/16"
  transit_gateway_id     = aws_ec2_transit_gateway.core.id
}

resource "aws_route" "hub_spoke_b" {
  route_table_id         = aws_route_table.hub.id
  destination_cidr_block = "10.2.0.0/16"
  transit_gateway_id     = aws_ec2_transit_gateway.core.id
}

resource "aws_route_table_association" "hub_a" {
  subnet_id      = aws_subnet.hub_a.id
  route_table_id = aws_route_table.hub.id
}

resource "aws_route_table_association" "hub_b" {
  subnet_id      = aws_subnet.hub_b.id
  route_table_id = aws_route_table.hub.id
}

# The spokes' clients are meant to use the endpoint: the group admits the whole 10/8.
resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = aws_vpc.hub.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/8"]
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

# One transit gateway with its default route table: attachments join it and propagate to it
# unless they say otherwise.
resource "aws_ec2_transit_gateway" "core" {
  description = "hub and spokes"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "hub" {
  transit_gateway_id = aws_ec2_transit_gateway.core.id
  vpc_id             = aws_vpc.hub.id
  subnet_ids         = [aws_subnet.hub_a.id, aws_subnet.hub_b.id]
}

# The zone the endpoint's private DNS would have been, shared with the spokes.
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
  zone_id = aws_route53_zone.sqs.zone_id
  name    = "sqs.eu-west-1.amazonaws.com"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.sqs.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_vpc" "spoke_a" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "spoke_a" {
  vpc_id            = aws_vpc.spoke_a.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_route_table" "spoke_a" {
  vpc_id = aws_vpc.spoke_a.id
  route {
    cidr_block         = "10.0.0.0/16"
    transit_gateway_id = aws_ec2_transit_gateway.core.id
  }
}

resource "aws_route_table_association" "spoke_a" {
  subnet_id      = aws_subnet.spoke_a.id
  route_table_id = aws_route_table.spoke_a.id
}

resource "aws_ec2_transit_gateway_vpc_attachment" "spoke_a" {
  transit_gateway_id = aws_ec2_transit_gateway.core.id
  vpc_id             = aws_vpc.spoke_a.id
  subnet_ids         = [aws_subnet.spoke_a.id]
}

resource "aws_vpc" "spoke_b" {
  cidr_block           = "10.2.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "spoke_b" {
  vpc_id            = aws_vpc.spoke_b.id
  cidr_block        = "10.2.1.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_route_table" "spoke_b" {
  vpc_id = aws_vpc.spoke_b.id
  route {
    cidr_block         = "10.0.0.0/16"
    transit_gateway_id = aws_ec2_transit_gateway.core.id
  }
}

resource "aws_route_table_association" "spoke_b" {
  subnet_id      = aws_subnet.spoke_b.id
  route_table_id = aws_route_table.spoke_b.id
}

resource "aws_ec2_transit_gateway_vpc_attachment" "spoke_b" {
  transit_gateway_id = aws_ec2_transit_gateway.core.id
  vpc_id             = aws_vpc.spoke_b.id
  subnet_ids         = [aws_subnet.spoke_b.id]
}

resource "aws_route53_zone_association" "spoke_a" {
  zone_id = aws_route53_zone.sqs.zone_id
  vpc_id  = aws_vpc.spoke_a.id
}

resource "aws_route53_zone_association" "spoke_b" {
  zone_id = aws_route53_zone.sqs.zone_id
  vpc_id  = aws_vpc.spoke_b.id
}
