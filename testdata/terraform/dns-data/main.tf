# A new spoke joins what exists: the hub's private zone, the corporate forwarding rule and the
# corporate DHCP options, all read with data sources; a record is added to the existing zone.
data "aws_route53_zone" "internal" {
  name         = "corp.internal"
  private_zone = true
  vpc_id       = "vpc-0e1f2a3b4c5d6e7f8"
}

data "aws_route53_resolver_rule" "corp" {
  domain_name = "corp.example.com"
  rule_type   = "FORWARD"
}

data "aws_vpc_dhcp_options" "corp" {
  dhcp_options_id = "dopt-0c3d4e5f607182930"
}

resource "aws_vpc" "spoke" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_route53_zone_association" "spoke" {
  zone_id = data.aws_route53_zone.internal.zone_id
  vpc_id  = aws_vpc.spoke.id
}

resource "aws_route53_resolver_rule_association" "spoke" {
  resolver_rule_id = data.aws_route53_resolver_rule.corp.id
  vpc_id           = aws_vpc.spoke.id
}

resource "aws_vpc_dhcp_options_association" "spoke" {
  vpc_id          = aws_vpc.spoke.id
  dhcp_options_id = data.aws_vpc_dhcp_options.corp.id
}

resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "api"
  type    = "A"
  ttl     = 300
  records = ["10.20.1.10"]
}
