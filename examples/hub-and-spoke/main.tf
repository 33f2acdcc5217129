# A hub-and-spoke network: spokes on a Transit Gateway, head office over VPN.
# plan.json is `terraform show -json` of this configuration's plan.

variable "region" {
  type    = string
  default = "eu-west-1"
}

provider "aws" {
  region = var.region
}

resource "aws_ec2_transit_gateway" "hub" {
  amazon_side_asn                 = 64512
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  vpn_ecmp_support                = "enable"
  tags = {
    Name = "hub"
  }
}

module "spoke" {
  source   = "./modules/spoke"
  for_each = var.spokes

  cidr_block         = each.value
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
}

variable "spokes" {
  type = map(string)
  default = {
    payments  = "10.10.0.0/16"
    orders    = "10.20.0.0/16"
    analytics = "10.10.128.0/17"
  }
}

resource "aws_customer_gateway" "hq" {
  bgp_asn    = 65010
  ip_address = "198.51.100.10"
  type       = "ipsec.1"
  tags = {
    Name = "hq-edge-1"
  }
}

resource "aws_vpn_connection" "hq" {
  customer_gateway_id = aws_customer_gateway.hq.id
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  type                = "ipsec.1"
  static_routes_only  = false
  tunnel1_inside_cidr = "169.254.21.0/30"
  tunnel2_inside_cidr = "169.254.22.0/30"
}
