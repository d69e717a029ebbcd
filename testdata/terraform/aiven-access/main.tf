# The Kafka service moves to a larger plan; its user config leaves PrivateLink access off
# although an endpoint to its PrivateLink is available.
resource "aiven_kafka" "orders" {
  project      = "acme"
  cloud_name   = "aws-eu-west-1"
  plan         = "business-8"
  service_name = "orders"
  kafka_user_config {
    privatelink_access {
      kafka         = false
      kafka_connect = false
    }
  }
}

resource "aiven_aws_privatelink" "orders" {
  project      = aiven_kafka.orders.project
  service_name = aiven_kafka.orders.service_name
  principals   = ["arn:aws:iam::111122223333:role/kafka-endpoints"]
}

data "aws_vpc_endpoint" "orders" {
  id = "vpce-0f1e2d3c4b5a69788"
}
