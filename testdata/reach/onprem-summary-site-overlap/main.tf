# On-premises data centre dc1 reached over two BGP Site-to-Site VPNs (one per edge
# router, ECMP) on a Transit Gateway that uses its default route table: every
# attachment is associated with it and propagates into it. dc1 announces the
# summary 10.0.0.0/8; the VPCs are carved out of 10/8, but "legacy" (lifted
# from an old dc1 network plan) takes 10.1.0.0/16, which dc1 really uses: its
# netlint.yaml declares 10.0.0.0/12.
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

variable "alarm_topic_arn" {
  type    = string
  default = "arn:aws:sns:eu-central-1:111122223333:network-alerts"
}

locals {
  azs = ["eu-central-1a", "eu-central-1b"]

  vpcs = {
    web    = "10.100.0.0/16"
    api    = "10.101.0.0/16"
    batch  = "10.102.0.0/16"
    legacy = "10.1.0.0/16"
  }

  edges = {
    edge-1 = { ip = "198.51.100.10", tunnels = ["169.254.20.0/30", "169.254.20.4/30"] }
    edge-2 = { ip = "198.51.100.11", tunnels = ["169.254.20.8/30", "169.254.20.12/30"] }
  }
}

resource "aws_ec2_transit_gateway" "hub" {
  description                     = "euc1 hub"
  amazon_side_asn                 = 64541
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  vpn_ecmp_support                = "enable"
  tags                            = { Name = "hub-euc1" }
}

module "vpc" {
  source   = "./modules/spoke"
  for_each = local.vpcs

  name                = each.key
  cidr_block          = each.value
  azs                 = local.azs
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  default_route_table = true
  tgw_destinations    = ["10.0.0.0/8"]
  trusted_cidrs       = ["10.0.0.0/8"]
}

resource "aws_customer_gateway" "dc1" {
  for_each    = local.edges
  bgp_asn     = 65010
  ip_address  = each.value.ip
  type        = "ipsec.1"
  device_name = "dc1-${each.key}"
  tags        = { Name = "dc1-${each.key}" }
}

resource "aws_vpn_connection" "dc1" {
  for_each            = local.edges
  customer_gateway_id = aws_customer_gateway.dc1[each.key].id
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  type                = "ipsec.1"
  static_routes_only  = false
  tunnel1_inside_cidr = each.value.tunnels[0]
  tunnel2_inside_cidr = each.value.tunnels[1]
  tags                = { Name = "dc1-${each.key}" }
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
  alarm_actions       = [var.alarm_topic_arn]
}
