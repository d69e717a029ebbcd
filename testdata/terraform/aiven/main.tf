# The Kafka service and its PrivateLink exist; this change adds the endpoint, whose security
# group admits only part of the broker port pool. The VPC and the subnets exist too and are
# read with data sources.
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

resource "aiven_aws_privatelink" "events" {
  project      = aiven_kafka.events.project
  service_name = aiven_kafka.events.service_name
  principals   = ["arn:aws:iam::111122223333:role/kafka-endpoints"]
}

data "aws_vpc" "main" {
  id = "vpc-0e1f2a3b4c5d6e7f8"
}

module "kafka_endpoint" {
  source       = "./modules/endpoint"
  vpc_id       = data.aws_vpc.main.id
  service_name = aiven_aws_privatelink.events.aws_service_name
  subnet_ids   = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829", "subnet-0c3d4e5f607182930"]
}
