# Two regional hubs joined by a TGW peering attachment.
#   us-east-1 owns 10.0.0.0/12, eu-west-1 owns 10.16.0.0/12, except that the
#   eu-west-1 "analytics" VPC was built from a copy of use1-app's tfvars and
#   kept 10.1.0.0/16, inside the us-east-1 summary.
# Each hub has one route table: its VPCs are associated and propagated, the
# peering attachment is associated, and a static route sends the other
# region's summary to the peering attachment (peerings propagate nothing).
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

provider "aws" {
  alias                       = "euw1"
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

locals {
  regions = {
    use1 = { summary = "10.0.0.0/12", azs = ["us-east-1a", "us-east-1b"] }
    euw1 = { summary = "10.16.0.0/12", azs = ["eu-west-1a", "eu-west-1b"] }
  }

  use1_vpcs = {
    app  = "10.1.0.0/16"
    data = "10.2.0.0/16"
  }
  euw1_vpcs = {
    app       = "10.17.0.0/16"
    data      = "10.18.0.0/16"
    analytics = "10.1.0.0/16" # copied from use1 app
  }
}

# --- us-east-1 ------------------------------------------------------------------

resource "aws_ec2_transit_gateway" "use1" {
  description                     = "use1 hub"
  amazon_side_asn                 = 64530
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  tags                            = { Name = "hub-use1" }
}

resource "aws_ec2_transit_gateway_route_table" "use1" {
  transit_gateway_id = aws_ec2_transit_gateway.use1.id
  tags               = { Name = "use1-main" }
}

module "use1" {
  source   = "./modules/spoke"
  for_each = local.use1_vpcs

  name                       = "use1-${each.key}"
  cidr_block                 = each.value
  azs                        = local.regions.use1.azs
  transit_gateway_id         = aws_ec2_transit_gateway.use1.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.use1.id
  propagation_route_table_ids = {
    main = aws_ec2_transit_gateway_route_table.use1.id
  }
  tgw_destinations = ["10.0.0.0/8"]
  trusted_cidrs    = ["10.0.0.0/8"]
}

# --- eu-west-1 ------------------------------------------------------------------

resource "aws_ec2_transit_gateway" "euw1" {
  provider                        = aws.euw1
  description                     = "euw1 hub"
  amazon_side_asn                 = 64531
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  tags                            = { Name = "hub-euw1" }
}

resource "aws_ec2_transit_gateway_route_table" "euw1" {
  provider           = aws.euw1
  transit_gateway_id = aws_ec2_transit_gateway.euw1.id
  tags               = { Name = "euw1-main" }
}

module "euw1" {
  source   = "./modules/spoke"
  for_each = local.euw1_vpcs
  providers = {
    aws = aws.euw1
  }

  name                       = "euw1-${each.key}"
  cidr_block                 = each.value
  azs                        = local.regions.euw1.azs
  transit_gateway_id         = aws_ec2_transit_gateway.euw1.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.euw1.id
  propagation_route_table_ids = {
    main = aws_ec2_transit_gateway_route_table.euw1.id
  }
  tgw_destinations = ["10.0.0.0/8"]
  trusted_cidrs    = ["10.0.0.0/8"]
}

# --- inter-region peering ---------------------------------------------------------

resource "aws_ec2_transit_gateway_peering_attachment" "use1_euw1" {
  transit_gateway_id      = aws_ec2_transit_gateway.use1.id
  peer_transit_gateway_id = aws_ec2_transit_gateway.euw1.id
  peer_region             = "eu-west-1"
  tags                    = { Name = "use1-euw1" }
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "use1_euw1" {
  provider                      = aws.euw1
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.use1_euw1.id
  tags                          = { Name = "use1-euw1" }
}

resource "aws_ec2_transit_gateway_route_table_association" "use1_peering" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.use1_euw1.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.use1.id
  depends_on                     = [aws_ec2_transit_gateway_peering_attachment_accepter.use1_euw1]
}

resource "aws_ec2_transit_gateway_route_table_association" "euw1_peering" {
  provider                       = aws.euw1
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.use1_euw1.transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.euw1.id
}

resource "aws_ec2_transit_gateway_route" "use1_to_euw1" {
  destination_cidr_block         = local.regions.euw1.summary
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.use1_euw1.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.use1.id
  depends_on                     = [aws_ec2_transit_gateway_peering_attachment_accepter.use1_euw1]
}

resource "aws_ec2_transit_gateway_route" "euw1_to_use1" {
  provider                       = aws.euw1
  destination_cidr_block         = local.regions.use1.summary
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.use1_euw1.transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.euw1.id
}
