# Two VPCs from a module with for_each, interface endpoints in three AZs with private DNS in
# both (another for_each module fed by the first one's outputs), a gateway endpoint, and a
# peering between non-overlapping blocks: nothing to report.
module "net" {
  source   = "./modules/net"
  for_each = { blue = "10.10.0.0/16", green = "10.20.0.0/16" }
  name     = each.key
  cidr     = each.value
}

module "endpoints" {
  source     = "./modules/endpoints"
  for_each   = module.net
  vpc_id     = each.value.vpc_id
  vpc_cidr   = each.value.cidr
  subnet_ids = each.value.subnet_ids
  services   = ["sts", "ssm", "ecr.api"]
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = module.net["blue"].vpc_id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [module.net["blue"].route_table_id]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "arn:aws:s3:::blue-artifacts/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_vpc_peering_connection" "blue_green" {
  vpc_id      = module.net["blue"].vpc_id
  peer_vpc_id = module.net["green"].vpc_id
  auto_accept = true
}
