# The centralised endpoint pattern, healthy: an SQS endpoint in the hub with private DNS off, and
# a private zone named after the service whose apex aliases the endpoint, associated with the
# hub (`vpc` block) and with two peered spokes (`aws_route53_zone_association`). The hub hands
# out the Amazon-provided resolver (`aws_vpc_dhcp_options`), and the spokes forward a corporate
# domain on premises through a Resolver rule. dns/ is the same with defects.
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
  route_table_id            = aws_route_table.hub.id
  destination_cidr_block    = "10.1.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.spoke_a.id
}

resource "aws_route" "hub_spoke_b" {
  route_table_id            = aws_route_table.hub.id
  destination_cidr_block    = "10.2.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.spoke_b.id
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
    cidr_blocks = ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"]
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
    cidr_block                = "10.0.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.spoke_a.id
  }
}

resource "aws_route_table_association" "spoke_a" {
  subnet_id      = aws_subnet.spoke_a.id
  route_table_id = aws_route_table.spoke_a.id
}

resource "aws_vpc_peering_connection" "spoke_a" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.spoke_a.id
  auto_accept = true
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
    cidr_block                = "10.0.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.spoke_b.id
  }
}

resource "aws_route_table_association" "spoke_b" {
  subnet_id      = aws_subnet.spoke_b.id
  route_table_id = aws_route_table.spoke_b.id
}

resource "aws_vpc_peering_connection" "spoke_b" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.spoke_b.id
  auto_accept = true
}

# The zone the endpoint's private DNS would have been, shared with the spokes.
resource "aws_route53_zone" "sqs" {
  name = "sqs.eu-west-1.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.hub.id
  }
  # The spokes' associations are separate resources.
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

resource "aws_route53_zone_association" "spoke_a" {
  zone_id = aws_route53_zone.sqs.zone_id
  vpc_id  = aws_vpc.spoke_a.id
}

resource "aws_route53_zone_association" "spoke_b" {
  zone_id = aws_route53_zone.sqs.id
  vpc_id  = aws_vpc.spoke_b.id
}

resource "aws_vpc_dhcp_options" "amazon" {
  domain_name_servers = ["AmazonProvidedDNS"]
}

resource "aws_vpc_dhcp_options_association" "hub" {
  vpc_id          = aws_vpc.hub.id
  dhcp_options_id = aws_vpc_dhcp_options.amazon.id
}

# A corporate domain forwarded on premises from the spokes: it claims no endpoint's name.
resource "aws_security_group" "resolver" {
  name   = "resolver"
  vpc_id = aws_vpc.hub.id
}

resource "aws_route53_resolver_endpoint" "outbound" {
  name               = "outbound"
  direction          = "OUTBOUND"
  security_group_ids = [aws_security_group.resolver.id]
  ip_address {
    subnet_id = aws_subnet.hub_a.id
  }
  ip_address {
    subnet_id = aws_subnet.hub_b.id
  }
}

resource "aws_route53_resolver_rule" "corp" {
  domain_name          = "corp.example.com"
  rule_type            = "FORWARD"
  resolver_endpoint_id = aws_route53_resolver_endpoint.outbound.id
  target_ip {
    ip = "192.168.10.2"
  }
}

resource "aws_route53_resolver_rule_association" "spoke_a" {
  resolver_rule_id = aws_route53_resolver_rule.corp.id
  vpc_id           = aws_vpc.spoke_a.id
}

resource "aws_route53_resolver_rule_association" "spoke_b" {
  resolver_rule_id = aws_route53_resolver_rule.corp.id
  vpc_id           = aws_vpc.spoke_b.id
}
