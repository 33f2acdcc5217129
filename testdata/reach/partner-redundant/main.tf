# Partner extranet on a Transit Gateway (us-west-2). One partner company
# (172.16.0.0/16) connects with two BGP Site-to-Site VPNs, one from each of its
# two edge firewalls (same ASN), as AWS recommends for redundancy.
# TGW route tables:
#   partners: the partner VPN attachments are associated; the shared VPC is
#             propagated.
#   shared:   the shared API VPC is associated; both partner VPNs propagate
#             (equal routes, ECMP across the two connections).
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
  region                      = "us-west-2"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "alarm_topic_arn" {
  type    = string
  default = "arn:aws:sns:us-west-2:111122223333:extranet-alerts"
}

locals {
  partners = {
    partner-a-fw1 = { ip = "203.0.113.40", asn = 65101, tunnels = ["169.254.40.0/30", "169.254.40.4/30"] }
    partner-a-fw2 = { ip = "203.0.113.41", asn = 65101, tunnels = ["169.254.40.8/30", "169.254.40.12/30"] }
  }
  partner_ranges = ["172.16.0.0/16"]
}

resource "aws_ec2_transit_gateway" "extranet" {
  description                     = "partner extranet"
  amazon_side_asn                 = 64550
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  vpn_ecmp_support                = "enable"
  tags                            = { Name = "extranet-usw2" }
}

resource "aws_ec2_transit_gateway_route_table" "partners" {
  transit_gateway_id = aws_ec2_transit_gateway.extranet.id
  tags               = { Name = "partners" }
}

resource "aws_ec2_transit_gateway_route_table" "shared" {
  transit_gateway_id = aws_ec2_transit_gateway.extranet.id
  tags               = { Name = "shared" }
}

module "shared" {
  source = "./modules/spoke"

  name                       = "partner-api"
  cidr_block                 = "10.50.0.0/16"
  azs                        = ["us-west-2a", "us-west-2b"]
  transit_gateway_id         = aws_ec2_transit_gateway.extranet.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.shared.id
  propagation_route_table_ids = {
    partners = aws_ec2_transit_gateway_route_table.partners.id
  }
  tgw_destinations = local.partner_ranges
  trusted_cidrs    = local.partner_ranges
}

resource "aws_customer_gateway" "partner" {
  for_each    = local.partners
  bgp_asn     = each.value.asn
  ip_address  = each.value.ip
  type        = "ipsec.1"
  device_name = each.key
  tags        = { Name = each.key }
}

resource "aws_vpn_connection" "partner" {
  for_each            = local.partners
  customer_gateway_id = aws_customer_gateway.partner[each.key].id
  transit_gateway_id  = aws_ec2_transit_gateway.extranet.id
  type                = "ipsec.1"
  static_routes_only  = false
  tunnel1_inside_cidr = each.value.tunnels[0]
  tunnel2_inside_cidr = each.value.tunnels[1]
  tags                = { Name = each.key }
}

resource "aws_ec2_transit_gateway_route_table_association" "partner" {
  for_each                       = local.partners
  transit_gateway_attachment_id  = aws_vpn_connection.partner[each.key].transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.partners.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "partner" {
  for_each                       = local.partners
  transit_gateway_attachment_id  = aws_vpn_connection.partner[each.key].transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.shared.id
}

resource "aws_cloudwatch_metric_alarm" "tunnel_state" {
  for_each            = local.partners
  alarm_name          = "vpn-${each.key}-tunnel-down"
  namespace           = "AWS/VPN"
  metric_name         = "TunnelState"
  dimensions          = { VpnId = aws_vpn_connection.partner[each.key].id }
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "breaching"
  alarm_actions       = [var.alarm_topic_arn]
}
