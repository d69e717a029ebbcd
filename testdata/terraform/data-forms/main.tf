# An endpoint to a partner's service, with private DNS off, in the subnets of an existing route
# table and with an existing group, all read with data sources.
data "aws_vpc" "main" {
  id = "vpc-0e1f2a3b4c5d6e7f8"
}

data "aws_route_table" "private" {
  route_table_id = "rtb-0b2c3d4e5f6071829"
}

data "aws_subnet" "private" {
  for_each = toset(["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"])
  id       = each.value
}

data "aws_security_group" "endpoints" {
  vpc_id = data.aws_vpc.main.id
  name   = "endpoints"
}

data "aws_vpc_endpoint_service" "partner" {
  service_name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0e5ab11c6fa39d4e4"
}

resource "aws_vpc_endpoint" "partner" {
  vpc_id              = data.aws_vpc.main.id
  service_name        = data.aws_vpc_endpoint_service.partner.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for a in data.aws_route_table.private.associations : a.subnet_id]
  security_group_ids  = [data.aws_security_group.endpoints.id]
  private_dns_enabled = false
}
