# On-premises data centre behind a 10.0.0.0/8 summary, reached over two static
# Site-to-Site VPNs (one per edge firewall) on a Transit Gateway, while the VPCs
# are carved out of the same 10/8.
# TGW route tables:
#   onprem:  both VPN attachments associated; every VPC propagated.
#   prod:    prod VPCs associated and propagated; 10.0.0.0/8 -> VPN edge-1.
#   nonprod: nonprod VPCs associated and propagated; 10.0.0.0/8 -> VPN edge-2.
# (A TGW route table takes one static route per prefix, so each segment uses
# its own edge for the summary.)
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
  region                      = "eu-central-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "onprem_summary" {
  type    = string
  default = "10.0.0.0/8"
}

variable "alarm_topic_arn" {
  type    = string
  default = "arn:aws:sns:eu-central-1:111122223333:network-alerts"
}

locals {
  azs = ["eu-central-1a", "eu-central-1b"]

  vpcs = {
    prod-web = { cidr = "10.100.0.0/16", segment = "prod" }
    prod-db  = { cidr = "10.101.0.0/16", segment = "prod" }
    test     = { cidr = "10.200.0.0/16", segment = "nonprod" }
  }

  edges = {
    edge-1 = { ip = "198.51.100.10", tunnels = ["169.254.10.0/30", "169.254.10.4/30"], segment = "prod" }
    edge-2 = { ip = "198.51.100.11", tunnels = ["169.254.10.8/30", "169.254.10.12/30"], segment = "nonprod" }
  }
}

resource "aws_ec2_transit_gateway" "hub" {
  description                     = "euc1 hub"
  amazon_side_asn                 = 64540
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  vpn_ecmp_support                = "enable"
  tags                            = { Name = "hub-euc1" }
}

resource "aws_ec2_transit_gateway_route_table" "this" {
  for_each           = toset(["onprem", "prod", "nonprod"])
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = each.key }
}

module "vpc" {
  source   = "./modules/spoke"
  for_each = local.vpcs

  name                       = each.key
  cidr_block                 = each.value.cidr
  azs                        = local.azs
  transit_gateway_id         = aws_ec2_transit_gateway.hub.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.this[each.value.segment].id
  propagation_route_table_ids = {
    onprem  = aws_ec2_transit_gateway_route_table.this["onprem"].id
    segment = aws_ec2_transit_gateway_route_table.this[each.value.segment].id
  }
  tgw_destinations = [var.onprem_summary]
  trusted_cidrs    = [var.onprem_summary]
}

# --- Site-to-Site VPN ------------------------------------------------------------

resource "aws_customer_gateway" "dc" {
  for_each    = local.edges
  bgp_asn     = 65010
  ip_address  = each.value.ip
  type        = "ipsec.1"
  device_name = "dc-${each.key}"
  tags        = { Name = "dc-${each.key}" }
}

resource "aws_vpn_connection" "dc" {
  for_each            = local.edges
  customer_gateway_id = aws_customer_gateway.dc[each.key].id
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  type                = "ipsec.1"
  static_routes_only  = true
  tunnel1_inside_cidr = each.value.tunnels[0]
  tunnel2_inside_cidr = each.value.tunnels[1]
  tags                = { Name = "dc-${each.key}" }
}

resource "aws_ec2_transit_gateway_route_table_association" "vpn" {
  for_each                       = local.edges
  transit_gateway_attachment_id  = aws_vpn_connection.dc[each.key].transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this["onprem"].id
}

resource "aws_ec2_transit_gateway_route" "onprem" {
  for_each                       = local.edges
  destination_cidr_block         = var.onprem_summary
  transit_gateway_attachment_id  = aws_vpn_connection.dc[each.key].transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this[each.value.segment].id
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
  alarm_actions       = [var.alarm_topic_arn]
}
