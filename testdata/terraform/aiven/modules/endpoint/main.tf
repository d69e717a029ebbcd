variable "vpc_id" { type = string }
variable "service_name" { type = string }
variable "subnet_ids" { type = list(string) }

data "aws_subnet" "private" {
  for_each = toset(var.subnet_ids)
  id       = each.value
}

resource "aws_security_group" "kafka" {
  name   = "kafka-endpoint"
  vpc_id = var.vpc_id
  ingress {
    from_port   = 10000
    to_port     = 20000
    protocol    = "tcp"
    cidr_blocks = [for s in data.aws_subnet.private : s.cidr_block]
  }
}

resource "aws_vpc_endpoint" "this" {
  vpc_id              = var.vpc_id
  service_name        = var.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for s in data.aws_subnet.private : s.id]
  security_group_ids  = [aws_security_group.kafka.id]
  private_dns_enabled = false
}
