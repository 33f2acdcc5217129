# A single VPC (10.60.0.0/16) with a virtual private gateway and two BGP
# Site-to-Site VPNs from the two edge routers of data centre dc1 (one ASN). dc1
# announces the summary 10.0.0.0/8; the private route tables take the VGW's
# routes by propagation (propagating_vgws). netlint.yaml declares the ranges
# dc1 really uses.
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

variable "dc1_cidrs" {
  description = "Ranges used in dc1 (it announces only the 10.0.0.0/8 summary)."
  type        = list(string)
  default     = ["10.0.0.0/12", "10.240.0.0/12"]
}

locals {
  azs = ["eu-west-2a", "eu-west-2b"]

  edges = {
    edge-1 = { ip = "203.0.113.31", tunnels = ["169.254.31.0/30", "169.254.31.4/30"] }
    edge-2 = { ip = "203.0.113.32", tunnels = ["169.254.31.8/30", "169.254.31.12/30"] }
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
  count            = length(local.azs)
  vpc_id           = aws_vpc.main.id
  propagating_vgws = [aws_vpn_gateway.main.id]
  tags             = { Name = "erp-private-${local.azs[count.index]}" }
}

resource "aws_route_table_association" "private" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_vpn_gateway" "main" {
  vpc_id          = aws_vpc.main.id
  amazon_side_asn = "64543"
  tags            = { Name = "erp-vgw" }
}

resource "aws_customer_gateway" "dc1" {
  for_each    = local.edges
  bgp_asn     = 65020
  ip_address  = each.value.ip
  type        = "ipsec.1"
  device_name = "dc1-${each.key}"
  tags        = { Name = "dc1-${each.key}" }
}

resource "aws_vpn_connection" "dc1" {
  for_each            = local.edges
  vpn_gateway_id      = aws_vpn_gateway.main.id
  customer_gateway_id = aws_customer_gateway.dc1[each.key].id
  type                = "ipsec.1"
  static_routes_only  = false
  tunnel1_inside_cidr = each.value.tunnels[0]
  tunnel2_inside_cidr = each.value.tunnels[1]
  tags                = { Name = "dc1-${each.key}" }
}

resource "aws_security_group" "app" {
  name        = "erp-app"
  description = "ERP application servers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from dc1"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.dc1_cidrs
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
  alarm_name          = "vpn-dc1-${each.key}-tunnel-down"
  namespace           = "AWS/VPN"
  metric_name         = "TunnelState"
  dimensions          = { VpnId = aws_vpn_connection.dc1[each.key].id }
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "breaching"
}
