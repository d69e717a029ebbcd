module "net" {
  source = "./net"
  cidr = "10.1.0.0/16"
}
resource "aws_vpc" "peer" {
  cidr_block = "10.1.128.0/17"
}
resource "aws_vpc_ipv4_cidr_block_association" "extra" {
  vpc_id = aws_vpc.peer.id
  cidr_block = "10.9.0.0/16"
}
resource "aws_vpc_peering_connection" "p" {
  vpc_id = module.net.vpc_id
  peer_vpc_id = aws_vpc.peer.id
  auto_accept = true
}
resource "aws_security_group" "ep" {
  vpc_id = module.net.vpc_id
  ingress {
    from_port = 443
    to_port = 443
    protocol = "tcp"
    cidr_blocks = ["10.1.0.0/16"]
    security_groups = [aws_security_group.other.id]
  }
  egress {
    from_port = 0
    to_port = 0
    protocol = "-1"
    cidr_blocks = ["0.0.0.0/0"]
    self = true
  }
}
resource "aws_security_group" "other" {
  vpc_id = module.net.vpc_id
}
resource "aws_vpc_security_group_ingress_rule" "r" {
  security_group_id = aws_security_group.other.id
  cidr_ipv4 = "10.0.0.0/8"
  from_port = 443
  to_port = 443
  ip_protocol = "tcp"
}
resource "aws_vpc_security_group_egress_rule" "e" {
  security_group_id = aws_security_group.other.id
  referenced_security_group_id = aws_security_group.ep.id
  ip_protocol = "-1"
}
resource "aws_security_group_rule" "old" {
  type = "ingress"
  security_group_id = aws_security_group.other.id
  from_port = 22
  to_port = 22
  protocol = "tcp"
  cidr_blocks = ["0.0.0.0/0", "10.2.0.0/16"]
  ipv6_cidr_blocks = ["::/0"]
}
resource "aws_vpc_endpoint" "api" {
  for_each = toset(["sts", "ssm"])
  vpc_id = module.net.vpc_id
  service_name = "com.amazonaws.eu-west-1.${each.key}"
  vpc_endpoint_type = "Interface"
  subnet_ids = values(module.net.subnet_ids)
  security_group_ids = [aws_security_group.ep.id]
  private_dns_enabled = true
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "*", Resource = "*"}]})
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id = module.net.vpc_id
  service_name = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.rt.id]
}
resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*"}]})
}
resource "aws_vpc_endpoint_subnet_association" "extra" {
  vpc_endpoint_id = aws_vpc_endpoint.api["sts"].id
  subnet_id = module.net.subnet_ids["c"]
}
resource "aws_route_table" "rt" {
  vpc_id = module.net.vpc_id
  route {
    cidr_block = "10.1.128.0/17"
    vpc_peering_connection_id = aws_vpc_peering_connection.p.id
  }
}
resource "aws_route" "r" {
  count = 2
  route_table_id = aws_route_table.rt.id
  destination_cidr_block = "10.9.${count.index}.0/24"
  vpc_peering_connection_id = aws_vpc_peering_connection.p.id
}
resource "aws_route_table_association" "a" {
  for_each = module.net.subnet_ids
  subnet_id = each.value
  route_table_id = aws_route_table.rt.id
}
resource "aws_network_acl" "n" {
  vpc_id = module.net.vpc_id
  subnet_ids = [module.net.subnet_ids["a"]]
  ingress {
    protocol = "tcp"
    rule_no = 100
    action = "allow"
    cidr_block = "10.0.0.0/8"
    from_port = 443
    to_port = 443
  }
  egress {
    protocol = "-1"
    rule_no = 100
    action = "allow"
    cidr_block = "0.0.0.0/0"
    from_port = 0
    to_port = 0
  }
}
resource "aws_network_acl_rule" "deny" {
  network_acl_id = aws_network_acl.n.id
  rule_number = 50
  egress = false
  protocol = "tcp"
  rule_action = "deny"
  cidr_block = "10.3.0.0/16"
  from_port = 443
  to_port = 443
}
resource "aws_lb" "nlb" {
  name = "nlb"
  load_balancer_type = "network"
  internal = true
  subnets = values(module.net.subnet_ids)
}
resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required = false
  network_load_balancer_arns = [aws_lb.nlb.arn]
  allowed_principals = ["arn:aws:iam::123456789012:root"]
}
resource "aws_vpc_endpoint_service_allowed_principal" "star" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.svc.id
  principal_arn = "*"
}
