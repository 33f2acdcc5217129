# Direct Connect to a segmented Transit Gateway (us-east-1).
#
# The dc1 data centre reaches a DX gateway over two transit VIFs, one on a
# MACsec connection at each of two DX locations. The DX gateway is associated
# with the TGW and advertises only the prod summary (10.32.0.0/15) to dc1.
# TGW route tables:
#   onprem: the DX gateway attachment is associated; prod VPCs propagated.
#   prod:   prod VPCs associated; the DX gateway and prod VPCs propagated.
#   dev:    dev VPCs associated; dev VPCs propagated (isolated).
# dev "ledger" was restored from a prod "ledger" snapshot and kept 10.33.0.0/16;
# it sits inside the advertised summary but no route leads to it from dc1 or prod.
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
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "dc1_bgp_asn" {
  type    = number
  default = 65010
}

variable "dc1_cidrs" {
  description = "Ranges used in the dc1 data centre (it announces them over the transit VIFs)."
  type        = list(string)
  default     = ["10.0.0.0/12"]
}

locals {
  azs = ["us-east-1a", "us-east-1b"]

  prod = {
    billing = "10.32.0.0/16"
    ledger  = "10.33.0.0/16"
  }
  dev = {
    ledger  = "10.33.0.0/16" # restored from a prod snapshot
    sandbox = "10.40.0.0/16"
  }

  dx_locations = {
    eqdc2 = { location = "EqDC2", vlan = 210 }
    csva1 = { location = "CSVA1", vlan = 211 }
  }
}

resource "aws_ec2_transit_gateway" "hub" {
  description                     = "use1 hub"
  amazon_side_asn                 = 64520
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"
  tags                            = { Name = "hub-use1" }
}

resource "aws_ec2_transit_gateway_route_table" "onprem" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "onprem" }
}

resource "aws_ec2_transit_gateway_route_table" "prod" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "prod" }
}

resource "aws_ec2_transit_gateway_route_table" "dev" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "dev" }
}

# --- Direct Connect -----------------------------------------------------------

resource "aws_dx_gateway" "main" {
  name            = "dxgw-dc1"
  amazon_side_asn = "64521"
}

resource "aws_dx_connection" "dc1" {
  for_each        = local.dx_locations
  name            = "dc1-${each.key}"
  bandwidth       = "10Gbps"
  location        = each.value.location
  request_macsec  = true
  encryption_mode = "must_encrypt"
  tags            = { Site = "dc1" }
}

resource "aws_dx_macsec_key_association" "dc1" {
  for_each      = local.dx_locations
  connection_id = aws_dx_connection.dc1[each.key].id
  secret_arn    = "arn:aws:secretsmanager:us-east-1:111122223333:secret:directconnect!dc1-${each.key}-ckn-Ab12Cd"
}

resource "aws_dx_transit_virtual_interface" "eqdc2" {
  name           = "dc1-transit-eqdc2"
  connection_id  = aws_dx_connection.dc1["eqdc2"].id
  dx_gateway_id  = aws_dx_gateway.main.id
  vlan           = local.dx_locations.eqdc2.vlan
  address_family = "ipv4"
  bgp_asn        = var.dc1_bgp_asn
  mtu            = 8500
}

resource "aws_dx_transit_virtual_interface" "csva1" {
  name           = "dc1-transit-csva1"
  connection_id  = aws_dx_connection.dc1["csva1"].id
  dx_gateway_id  = aws_dx_gateway.main.id
  vlan           = local.dx_locations.csva1.vlan
  address_family = "ipv4"
  bgp_asn        = var.dc1_bgp_asn
  mtu            = 8500
}

resource "aws_dx_gateway_association" "hub" {
  dx_gateway_id         = aws_dx_gateway.main.id
  associated_gateway_id = aws_ec2_transit_gateway.hub.id
  allowed_prefixes      = ["10.32.0.0/15"] # prod only
}

# AWS provider 5.x does not export the association's TGW attachment ID; the
# data source is read at apply time (its inputs are unknown until then).
data "aws_ec2_transit_gateway_dx_gateway_attachment" "dc1" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  dx_gateway_id      = aws_dx_gateway.main.id
  depends_on         = [aws_dx_gateway_association.hub]
}

resource "aws_ec2_transit_gateway_route_table_association" "dx" {
  transit_gateway_attachment_id  = data.aws_ec2_transit_gateway_dx_gateway_attachment.dc1.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.onprem.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "dx_to_prod" {
  transit_gateway_attachment_id  = data.aws_ec2_transit_gateway_dx_gateway_attachment.dc1.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.prod.id
}

# --- VPCs -------------------------------------------------------------------------

module "prod" {
  source   = "./modules/spoke"
  for_each = local.prod

  name                       = "prod-${each.key}"
  cidr_block                 = each.value
  azs                        = local.azs
  transit_gateway_id         = aws_ec2_transit_gateway.hub.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.prod.id
  propagation_route_table_ids = {
    prod   = aws_ec2_transit_gateway_route_table.prod.id
    onprem = aws_ec2_transit_gateway_route_table.onprem.id
  }
  tgw_destinations = ["10.0.0.0/8"]
  trusted_cidrs    = concat(var.dc1_cidrs, ["10.32.0.0/15"])
  tags             = { Environment = "prod" }
}

module "dev" {
  source   = "./modules/spoke"
  for_each = local.dev

  name                       = "dev-${each.key}"
  cidr_block                 = each.value
  azs                        = local.azs
  transit_gateway_id         = aws_ec2_transit_gateway.hub.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.dev.id
  propagation_route_table_ids = {
    dev = aws_ec2_transit_gateway_route_table.dev.id
  }
  tgw_destinations = ["10.0.0.0/8"]
  trusted_cidrs    = ["10.33.0.0/16", "10.40.0.0/16"]
  tags             = { Environment = "dev" }
}
