# Existing Aiven services and links; this change adds one endpoint per link through a for_each
# module. Defects: a PrivateLink for a Cassandra service (AIV001), a link allowing the whole
# account (AIV005), an endpoint whose service name is two characters off its link's (AIV003).
data "aiven_cassandra" "ledger" {
  project      = "acme"
  service_name = "ledger"
}

resource "aiven_pg" "orders" {
  project      = "acme"
  cloud_name   = "aws-eu-west-1"
  plan         = "business-4"
  service_name = "orders"
  pg_user_config {
    privatelink_access {
      pg = true
    }
  }
}

resource "aiven_kafka" "events" {
  project      = "acme"
  cloud_name   = "aws-eu-west-1"
  plan         = "business-4"
  service_name = "events"
  kafka_user_config {
    privatelink_access {
      kafka = true
    }
  }
}

resource "aiven_aws_privatelink" "orders" {
  project      = "acme"
  service_name = aiven_pg.orders.service_name
  principals   = ["arn:aws:iam::111122223333:root"]
}

resource "aiven_aws_privatelink" "events" {
  project      = "acme"
  service_name = aiven_kafka.events.service_name
  principals   = ["arn:aws:iam::111122223333:role/endpoints"]
}

resource "aiven_aws_privatelink" "ledger" {
  project      = "acme"
  service_name = data.aiven_cassandra.ledger.service_name
  principals   = ["arn:aws:iam::111122223333:role/endpoints"]
}
data "aws_vpc" "main" {
  id = "vpc-0e1f2a3b4c5d6e7f8"
}

data "aws_subnet" "private" {
  for_each = toset(["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"])
  id       = each.value
}

locals {
  endpoints = {
    orders = { service_name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0a26d77e2c695f9e0", from_port = 13039, to_port = 13039 }
    events = { service_name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0c38f99a4e817b02c", from_port = 10000, to_port = 31000 }
  }
}

module "endpoints" {
  source       = "../modules/aiven-endpoint"
  for_each     = local.endpoints
  vpc_id       = data.aws_vpc.main.id
  service_name = each.value.service_name
  from_port    = each.value.from_port
  to_port      = each.value.to_port
  subnet_ids   = [for s in data.aws_subnet.private : s.id]
  subnet_cidrs = [for s in data.aws_subnet.private : s.cidr_block]
}
