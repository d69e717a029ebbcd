# One of each defect the endpoint, DNS and peering rules detect, each on its own resource.
module "net" {
  source   = "./modules/net"
  for_each = { main = "10.0.0.0/16" }
  name     = each.key
  cidr     = each.value
}

# single-az-endpoint: one subnet, picked from a module output by index.
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = module.net["main"].vpc_id
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [module.net["main"].subnet_ids[0]]
  private_dns_enabled = true
}

# private-dns-disabled.
resource "aws_vpc_endpoint" "ssm" {
  count               = 1
  vpc_id              = module.net["main"].vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = module.net["main"].subnet_ids
  private_dns_enabled = false
}

# private-dns-conflict: two endpoints of one service with private DNS in one VPC.
resource "aws_vpc_endpoint" "ecr_api" {
  count               = 2
  vpc_id              = module.net["main"].vpc_id
  service_name        = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = module.net["main"].subnet_ids
  private_dns_enabled = true
}

# vpc-dns-attributes-disabled: a VPC without `enable_dns_hostnames` (off for a new VPC) and an
# endpoint with private DNS in it.
resource "aws_vpc" "legacy" {
  cidr_block = "10.50.0.0/16"
}

resource "aws_subnet" "legacy" {
  for_each          = { a = "10.50.1.0/24", b = "10.50.2.0/24" }
  vpc_id            = aws_vpc.legacy.id
  cidr_block        = each.value
  availability_zone = "eu-west-1${each.key}"
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id              = aws_vpc.legacy.id
  service_name        = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for s in aws_subnet.legacy : s.id]
  private_dns_enabled = true
}

# peering-cidr-overlap: the legacy VPC's secondary block lies inside the main VPC's block.
resource "aws_vpc_ipv4_cidr_block_association" "legacy_extra" {
  vpc_id     = aws_vpc.legacy.id
  cidr_block = "10.0.64.0/18"
}

resource "aws_vpc_peering_connection" "main_legacy" {
  vpc_id      = module.net["main"].vpc_id
  peer_vpc_id = aws_vpc.legacy.id
  auto_accept = true
}
