# An interface endpoint to an Aiven PrivateLink and its group, admitting from_port-to_port from
# the given subnets. Used by aiven-rules*/ and aiven-planned*/.
variable "vpc_id" { type = string }
variable "service_name" { type = string }
variable "subnet_ids" { type = list(string) }
variable "subnet_cidrs" { type = list(string) }
variable "from_port" { type = number }
variable "to_port" { type = number }

resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
  ingress {
    from_port   = var.from_port
    to_port     = var.to_port
    protocol    = "tcp"
    cidr_blocks = var.subnet_cidrs
  }
}

resource "aws_vpc_endpoint" "this" {
  vpc_id              = var.vpc_id
  service_name        = var.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.this.id]
  private_dns_enabled = false
}
