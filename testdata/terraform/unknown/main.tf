# Values Terraform knows only after apply and that cannot be followed to a planned resource:
# they are reported as unknown, never guessed.
resource "aws_vpc" "main" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.30.1.0/24"
  availability_zone = "eu-west-1a"
}

# The Availability Zone is chosen by AWS at apply.
resource "aws_subnet" "anywhere" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.2.0/24"
}

locals {
  # Locals are not in the plan's configuration: what flows through one cannot be followed.
  endpoint_subnets = [aws_subnet.a.id, aws_subnet.anywhere.id]
}

# Its subnets are known only after apply and pass through a local: no single-AZ guess.
resource "aws_vpc_endpoint" "through_local" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.endpoint_subnets
  private_dns_enabled = true
}

# One subnet whose Availability Zone is unknown: one subnet is one AZ whatever AWS picks.
resource "aws_vpc_endpoint" "one_subnet" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.anywhere.id]
  private_dns_enabled = true
}

resource "aws_s3_bucket" "data" {
  bucket = "vpclint-example-data"
}

# The policy names a bucket ARN known only after apply: the policy itself is unknown.
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.data.arn}/*" }]
  })
}
