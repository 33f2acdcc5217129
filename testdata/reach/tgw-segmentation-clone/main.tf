# Segmented hub: one Transit Gateway with three route tables.
#   shared: shared-services VPC associated; prod and dev VPCs propagated.
#   prod:   prod VPCs associated; shared services propagated.
#   dev:    dev VPCs associated; shared services propagated.
# The dev "orders" VPC was cloned from prod "orders" and kept its CIDR.
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
  default_tags {
    tags = { ManagedBy = "terraform", Stack = "network-hub" }
  }
}

locals {
  azs = ["us-east-1a", "us-east-1b"]

  prod = {
    payments = "10.1.0.0/16"
    orders   = "10.2.0.0/16"
  }
  dev = {
    payments = "10.101.0.0/16"
    orders   = "10.2.0.0/16" # cloned from prod orders, CIDR kept
  }
}

resource "aws_ec2_transit_gateway" "hub" {
  description                     = "use1 segmented hub"
  amazon_side_asn                 = 64512
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"
  tags                            = { Name = "hub-use1" }
}

resource "aws_ec2_transit_gateway_route_table" "shared" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "shared" }
}

resource "aws_ec2_transit_gateway_route_table" "prod" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "prod" }
}

resource "aws_ec2_transit_gateway_route_table" "dev" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  tags               = { Name = "dev" }
}

# --- shared services VPC ------------------------------------------------------

resource "aws_vpc" "shared" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "shared-services" }
}

resource "aws_subnet" "shared" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.shared.id
  cidr_block        = cidrsubnet(aws_vpc.shared.cidr_block, 4, count.index)
  availability_zone = local.azs[count.index]
  tags              = { Name = "shared-${local.azs[count.index]}" }
}

resource "aws_route_table" "shared" {
  vpc_id = aws_vpc.shared.id
  tags   = { Name = "shared-services" }
}

resource "aws_route_table_association" "shared" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.shared[count.index].id
  route_table_id = aws_route_table.shared.id
}

resource "aws_ec2_transit_gateway_vpc_attachment" "shared" {
  transit_gateway_id                              = aws_ec2_transit_gateway.hub.id
  vpc_id                                          = aws_vpc.shared.id
  subnet_ids                                      = aws_subnet.shared[*].id
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false
  tags                                            = { Name = "shared-services" }
}

resource "aws_route" "shared_to_tgw" {
  route_table_id         = aws_route_table.shared.id
  destination_cidr_block = "10.0.0.0/8"
  transit_gateway_id     = aws_ec2_transit_gateway.hub.id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.shared]
}

resource "aws_ec2_transit_gateway_route_table_association" "shared" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.shared.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.shared.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "shared" {
  for_each = {
    prod = aws_ec2_transit_gateway_route_table.prod.id
    dev  = aws_ec2_transit_gateway_route_table.dev.id
  }
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.shared.id
  transit_gateway_route_table_id = each.value
}

resource "aws_security_group" "shared" {
  name        = "shared-services"
  description = "Directory, DNS and CI runners"
  vpc_id      = aws_vpc.shared.id

  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# --- spokes ---------------------------------------------------------------------

module "prod" {
  source   = "./modules/spoke"
  for_each = local.prod

  name                       = "prod-${each.key}"
  cidr_block                 = each.value
  azs                        = local.azs
  transit_gateway_id         = aws_ec2_transit_gateway.hub.id
  association_route_table_id = aws_ec2_transit_gateway_route_table.prod.id
  propagation_route_table_ids = {
    shared = aws_ec2_transit_gateway_route_table.shared.id
  }
  tgw_destinations = ["10.0.0.0/8"]
  trusted_cidrs    = ["10.0.0.0/16"]
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
    shared = aws_ec2_transit_gateway_route_table.shared.id
  }
  tgw_destinations = ["10.0.0.0/8"]
  trusted_cidrs    = ["10.0.0.0/16"]
  tags             = { Environment = "dev" }
}
