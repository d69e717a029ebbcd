# One defect of each name-resolution rule that a plan can hold; dns-healthy/ is the pattern done
# right. A hub with interface endpoints, a spoke peered to it:
# - DNS001: the SQS endpoint has private DNS off, and no zone answers its name with it;
# - DNS007: the SSM endpoint has private DNS on, and the plan associates a zone of the same name
#   (aliased to it) with the hub, and likewise an empty zone of the CloudWatch Logs endpoint's
#   name (AWS refuses both at apply: ConflictingDomainExists); in the spoke, a Resolver rule
#   forwards the KMS endpoint's name on premises;
# - DNS004: the spoke reaches the Secrets Manager endpoint (routes, group), but no zone carries
#   its name there;
# - DNS005: a zone of the spoke aliases an STS endpoint that no longer exists;
# - DNS008: the spoke hands out on-premises name servers while relying on its zones and rules.
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

# The hub's own endpoints admit the hub; the shared one the spoke too.
resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = aws_vpc.hub.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "shared" {
  name   = "shared"
  vpc_id = aws_vpc.hub.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16", "10.1.0.0/16"]
  }
}

# DNS001
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_b.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = false
}

# DNS007 (ConflictingDomainExists)
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_b.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}

resource "aws_route53_zone" "ssm" {
  name = "ssm.eu-west-1.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.hub.id
  }
}

resource "aws_route53_record" "ssm" {
  zone_id = aws_route53_zone.ssm.zone_id
  name    = ""
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.ssm.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ssm.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}

# DNS007 (ConflictingDomainExists): a zone of the CloudWatch Logs endpoint's name, without
# records, made for the spoke and associated with the hub as well.
resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.eu-west-1.logs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_b.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}

resource "aws_route53_zone" "logs" {
  name = "logs.eu-west-1.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.spoke.id
  }
  lifecycle {
    ignore_changes = [vpc]
  }
}

resource "aws_route53_zone_association" "logs_hub" {
  zone_id = aws_route53_zone.logs.zone_id
  vpc_id  = aws_vpc.hub.id
}

# DNS004: reached from the spoke, resolved publicly there.
resource "aws_vpc_endpoint" "secretsmanager" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.eu-west-1.secretsmanager"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_b.id]
  security_group_ids  = [aws_security_group.shared.id]
  private_dns_enabled = true
}

resource "aws_vpc" "spoke" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "spoke_a" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "spoke_b" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.1.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_route_table" "spoke" {
  vpc_id = aws_vpc.spoke.id
  route {
    cidr_block                = "10.0.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.spoke.id
  }
}

resource "aws_route_table_association" "spoke_a" {
  subnet_id      = aws_subnet.spoke_a.id
  route_table_id = aws_route_table.spoke.id
}

resource "aws_route_table_association" "spoke_b" {
  subnet_id      = aws_subnet.spoke_b.id
  route_table_id = aws_route_table.spoke.id
}

resource "aws_vpc_peering_connection" "spoke" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.spoke.id
  auto_accept = true
}

# DNS007 (forwarded): the spoke's own KMS endpoint, whose name a rule sends on premises.
resource "aws_security_group" "spoke_endpoints" {
  name   = "spoke-endpoints"
  vpc_id = aws_vpc.spoke.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.1.0.0/16"]
  }
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id              = aws_vpc.spoke.id
  service_name        = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.spoke_a.id, aws_subnet.spoke_b.id]
  security_group_ids  = [aws_security_group.spoke_endpoints.id]
  private_dns_enabled = true
}

resource "aws_security_group" "resolver" {
  name   = "resolver"
  vpc_id = aws_vpc.spoke.id
}

resource "aws_route53_resolver_endpoint" "outbound" {
  name               = "outbound"
  direction          = "OUTBOUND"
  security_group_ids = [aws_security_group.resolver.id]
  ip_address {
    subnet_id = aws_subnet.spoke_a.id
  }
  ip_address {
    subnet_id = aws_subnet.spoke_b.id
  }
}

resource "aws_route53_resolver_rule" "kms" {
  domain_name          = "kms.eu-west-1.amazonaws.com"
  rule_type            = "FORWARD"
  resolver_endpoint_id = aws_route53_resolver_endpoint.outbound.id
  target_ip {
    ip = "192.168.10.2"
  }
}

resource "aws_route53_resolver_rule_association" "kms" {
  resolver_rule_id = aws_route53_resolver_rule.kms.id
  vpc_id           = aws_vpc.spoke.id
}

# DNS005: the STS endpoint this alias names was deleted.
resource "aws_route53_zone" "sts" {
  name = "sts.eu-west-1.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.spoke.id
  }
}

resource "aws_route53_record" "sts" {
  zone_id = aws_route53_zone.sts.zone_id
  name    = "sts.eu-west-1.amazonaws.com"
  type    = "A"
  alias {
    name                   = "vpce-0dead5e7c1a2b3c4d-q1w2e3r4.sts.eu-west-1.vpce.amazonaws.com"
    zone_id                = "Z7HUB3B2G9DB8"
    evaluate_target_health = false
  }
}

# DNS008
resource "aws_vpc_dhcp_options" "onprem" {
  domain_name         = "corp.example.com"
  domain_name_servers = ["192.168.10.2", "192.168.10.3"]
}

resource "aws_vpc_dhcp_options_association" "spoke" {
  vpc_id          = aws_vpc.spoke.id
  dhcp_options_id = aws_vpc_dhcp_options.onprem.id
}
