# A single VPC (10.60.0.0/16) with a virtual private gateway and two static
# Site-to-Site VPNs from the data centre's two edge firewalls. Each VPN has a
# static route for the data centre summary 10.0.0.0/8, and the VGW propagates
# into the per-AZ private route tables.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region                      = "eu-west-2"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "onprem_summary" {
  type    = string
  default = "10.0.0.0/8"
}

locals {
  azs = ["eu-west-2a", "eu-west-2b"]

  edges = {
    fw-1 = { ip = "203.0.113.21", asn = 65020, tunnels = ["169.254.30.0/30", "169.254.30.4/30"] }
    fw-2 = { ip = "203.0.113.22", asn = 65021, tunnels = ["169.254.30.8/30", "169.254.30.12/30"] }
  }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.60.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "erp" }
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 4, count.index)
  availability_zone = local.azs[count.index]
  tags              = { Name = "erp-private-${local.azs[count.index]}" }
}

resource "aws_route_table" "private" {
  count  = length(local.azs)
  vpc_id = aws_vpc.main.id
  tags   = { Name = "erp-private-${local.azs[count.index]}" }
}

resource "aws_route_table_association" "private" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_vpn_gateway" "main" {
  vpc_id          = aws_vpc.main.id
  amazon_side_asn = "64542"
  tags            = { Name = "erp-vgw" }
}

resource "aws_vpn_gateway_route_propagation" "private" {
  count          = length(local.azs)
  vpn_gateway_id = aws_vpn_gateway.main.id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_customer_gateway" "dc" {
  for_each    = local.edges
  bgp_asn     = each.value.asn
  ip_address  = each.value.ip
  type        = "ipsec.1"
  device_name = "dc-${each.key}"
  tags        = { Name = "dc-${each.key}" }
}

resource "aws_vpn_connection" "dc" {
  for_each            = local.edges
  vpn_gateway_id      = aws_vpn_gateway.main.id
  customer_gateway_id = aws_customer_gateway.dc[each.key].id
  type                = "ipsec.1"
  static_routes_only  = true
  tunnel1_inside_cidr = each.value.tunnels[0]
  tunnel2_inside_cidr = each.value.tunnels[1]
  tags                = { Name = "dc-${each.key}" }
}

resource "aws_vpn_connection_route" "dc" {
  for_each               = local.edges
  vpn_connection_id      = aws_vpn_connection.dc[each.key].id
  destination_cidr_block = var.onprem_summary
}

resource "aws_security_group" "app" {
  name        = "erp-app"
  description = "ERP application servers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the data centre"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.onprem_summary]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_cloudwatch_metric_alarm" "tunnel_state" {
  for_each            = local.edges
  alarm_name          = "vpn-dc-${each.key}-tunnel-down"
  namespace           = "AWS/VPN"
  metric_name         = "TunnelState"
  dimensions          = { VpnId = aws_vpn_connection.dc[each.key].id }
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "breaching"
}
