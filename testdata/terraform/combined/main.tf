# New resources in an existing VPC, referenced by id: the VPC, its subnets, their DNS
# attributes and a security group come from the export in snapshot/ (check both together:
# `vpclint check plan.json snapshot/`).
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = "vpc-0c0ffee0c0ffee001"
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0c0ffee0000000a01"]
  security_group_ids  = ["sg-0c0ffee0000000e01"]
  private_dns_enabled = true
}

resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = "sg-0c0ffee0000000e01"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.70.0.0/16"]
}

resource "aws_route" "to_shared" {
  route_table_id            = "rtb-0c0ffee0000000b01"
  destination_cidr_block    = "10.99.0.0/16"
  vpc_peering_connection_id = "pcx-0c0ffee0000000c01"
}
