# Service, PrivateLink and endpoint all created by this change: the endpoint service name is
# known only after apply. The link allows the whole account and the group admits TCP
# 10000-20000 only.
resource "aiven_kafka" "stream" {
  project      = "acme"
  cloud_name   = "aws-eu-west-1"
  plan         = "business-4"
  service_name = "stream"
  kafka_user_config {
    privatelink_access {
      kafka = true
    }
  }
}

resource "aiven_aws_privatelink" "stream" {
  project      = "acme"
  service_name = aiven_kafka.stream.service_name
  principals   = ["arn:aws:iam::111122223333:root"]
}

data "aws_vpc" "main" {
  id = "vpc-0e1f2a3b4c5d6e7f8"
}

data "aws_subnet" "private" {
  for_each = toset(["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829", "subnet-0c3d4e5f607182930"])
  id       = each.value
}

module "kafka_endpoint" {
  source       = "../modules/aiven-endpoint"
  vpc_id       = data.aws_vpc.main.id
  service_name = aiven_aws_privatelink.stream.aws_service_name
  from_port    = 10000
  to_port      = 20000
  subnet_ids   = [for s in data.aws_subnet.private : s.id]
  subnet_cidrs = [for s in data.aws_subnet.private : s.cidr_block]
}
