resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "b" {
  count      = 2
  cidr_block = "10.${count.index + 1}.0.0/16"
}

// netlint:ignore NL001 lab ranges overlap on purpose
# netlint:ignore nl107: lab is torn down nightly
resource "aws_vpn_connection" "lab" {
  customer_gateway_id = aws_customer_gateway.lab.id
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  type                = "ipsec.1"
}

resource "aws_customer_gateway" "lab" {
  bgp_asn    = 65000
  ip_address = "198.51.100.1"
  type       = "ipsec.1"
  tags = {
    Note = <<-EOT
      # netlint:ignore NL001 a heredoc line, not a comment
    EOT
  }
}

# netlint:ignore NL305
resource "aws_cloudwatch_metric_alarm" "lab" {
  alarm_name = "lab-tunnel" # netlint:ignore NL305 trailing comments waive nothing
}

# netlint:ignore NL102 nothing below to waive

locals {
  x = 1
}
