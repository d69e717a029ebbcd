variable "cidr" { type = string }
resource "aws_vpc" "this" {
  cidr_block = var.cidr
  enable_dns_support = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "private" {
  for_each = { a = 0, b = 1, c = 2 }
  vpc_id = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, each.value)
  availability_zone = "eu-west-1${each.key}"
}
output "vpc_id" { value = aws_vpc.this.id }
output "subnet_ids" { value = { for k, s in aws_subnet.private : k => s.id } }
