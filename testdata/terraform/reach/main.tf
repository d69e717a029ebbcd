# Reachability on a plan: `ssm`'s group admits only HTTP (inline rules), `sts`'s group admits
# HTTPS from one of the two subnets (separate rule resources), `kms`'s group is open to the
# world. Endpoint policies are scoped, so the policy rules stay quiet.
resource "aws_vpc" "main" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.40.0.0/16", 8, count.index)
  availability_zone = element(["eu-west-1a", "eu-west-1b"], count.index)
}

resource "aws_security_group" "only_http" {
  name   = "only-http"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.40.0.0/16"]
  }
}

resource "aws_security_group" "sts" {
  name   = "sts"
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "sts_https" {
  security_group_id = aws_security_group.sts.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.40.0.0/24"
}

resource "aws_security_group" "open" {
  name   = "open"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.only_http.id]
  private_dns_enabled = true
  policy              = jsonencode(local.policy["ssm"])
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.sts.id]
  private_dns_enabled = true
  policy              = jsonencode(local.policy["sts"])
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.open.id]
  private_dns_enabled = true
  policy              = jsonencode(local.policy["kms"])
}

# Policies are constants, which the plan knows: scoped to the organisation and the service.
locals {
  policy = { for s in ["ssm", "sts", "kms"] : s => {
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "${s}:*"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  } }
}
