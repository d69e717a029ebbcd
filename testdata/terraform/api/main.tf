# Private REST APIs behind an execute-api interface endpoint: `orders` has no resource policy
# (API Gateway denies every call), `billing` gets one from `aws_api_gateway_rest_api_policy`
# that allows every principal without a condition; `public` is regional, not private.
resource "aws_vpc" "main" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.30.0.0/16", 8, count.index)
  availability_zone = element(["eu-west-1a", "eu-west-1b"], count.index)
}

resource "aws_security_group" "endpoint" {
  name   = "execute-api"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.30.0.0/16"]
  }
}

resource "aws_vpc_endpoint" "api" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.execute-api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoint.id]
  private_dns_enabled = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [aws_vpc_endpoint.api.id]
  }
}

resource "aws_api_gateway_rest_api" "billing" {
  name = "billing"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [aws_vpc_endpoint.api.id]
  }
}

resource "aws_api_gateway_rest_api_policy" "billing" {
  rest_api_id = aws_api_gateway_rest_api.billing.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    }]
  })
}

resource "aws_api_gateway_rest_api" "public" {
  name = "public"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
