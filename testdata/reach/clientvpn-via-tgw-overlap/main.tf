# Staff remote access: a Client VPN endpoint in a hub VPC (10.10.0.0/16),
# associated with one hub subnet in each of two AZs. Its route table sends each
# spoke VPC range through the hub subnets; the hub route table sends the spoke
# ranges to the Transit Gateway, which uses its default route table for the hub
# and the spokes. Client traffic leaves the endpoint with the endpoint's hub
# address as source, so spokes only route the hub range back.
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

variable "client_cidr_block" {
  type    = string
  default = "10.250.0.0/22"
}

variable "server_certificate_arn" {
  type    = string
  default = "arn:aws:acm:us-east-1:111122223333:certificate/4f0c6a2e-8d1b-4c52-9a37-5b1e0d7c9a11"
}

variable "client_root_chain_arn" {
  type    = string
  default = "arn:aws:acm:us-east-1:111122223333:certificate/9b2e7d40-1c3a-4e8f-b6d5-2a0f8c4e1d72"
}

locals {
  azs = ["us-east-1a", "us-east-1b"]

  spokes = {
    payroll = "10.20.0.0/16"
    hr      = "10.21.0.0/16"
  }

  # One Client VPN route per spoke per associated subnet.
  client_routes = {
    for pair in setproduct(keys(local.spokes), range(length(local.azs))) :
    "${pair[0]}-${local.azs[pair[1]]}" => { spoke = pair[0], assoc = pair[1] }
  }
}

resource "aws_ec2_transit_gateway" "hub" {
  description                     = "use1 hub"
  amazon_side_asn                 = 64560
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  tags                            = { Name = "hub-use1" }
}

# --- hub VPC ----------------------------------------------------------------------

resource "aws_vpc" "hub" {
  cidr_block           = "10.10.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "remote-access-hub" }
}

resource "aws_subnet" "hub" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.hub.id
  cidr_block        = cidrsubnet(aws_vpc.hub.cidr_block, 8, count.index)
  availability_zone = local.azs[count.index]
  tags              = { Name = "hub-${local.azs[count.index]}" }
}

resource "aws_route_table" "hub" {
  vpc_id = aws_vpc.hub.id
  tags   = { Name = "hub" }
}

resource "aws_route_table_association" "hub" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.hub[count.index].id
  route_table_id = aws_route_table.hub.id
}

resource "aws_ec2_transit_gateway_vpc_attachment" "hub" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  vpc_id             = aws_vpc.hub.id
  subnet_ids         = aws_subnet.hub[*].id
  tags               = { Name = "remote-access-hub" }
}

resource "aws_route" "hub_to_spokes" {
  for_each               = local.spokes
  route_table_id         = aws_route_table.hub.id
  destination_cidr_block = each.value
  transit_gateway_id     = aws_ec2_transit_gateway.hub.id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.hub]
}

resource "aws_security_group" "client_vpn" {
  name        = "client-vpn"
  description = "Client VPN endpoint ENIs"
  vpc_id      = aws_vpc.hub.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = concat([aws_vpc.hub.cidr_block], values(local.spokes))
  }
}

# --- spokes -----------------------------------------------------------------------

module "spoke" {
  source   = "./modules/spoke"
  for_each = local.spokes

  name                = each.key
  cidr_block          = each.value
  azs                 = local.azs
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  default_route_table = true
  tgw_destinations    = [aws_vpc.hub.cidr_block]
  trusted_cidrs       = [aws_vpc.hub.cidr_block]
}

# --- Client VPN -------------------------------------------------------------------

resource "aws_ec2_client_vpn_endpoint" "staff" {
  description            = "staff remote access"
  server_certificate_arn = var.server_certificate_arn
  client_cidr_block      = var.client_cidr_block
  split_tunnel           = true
  transport_protocol     = "udp"
  vpc_id                 = aws_vpc.hub.id
  security_group_ids     = [aws_security_group.client_vpn.id]
  dns_servers            = [cidrhost(aws_vpc.hub.cidr_block, 2)]

  authentication_options {
    type                       = "certificate-authentication"
    root_certificate_chain_arn = var.client_root_chain_arn
  }

  connection_log_options {
    enabled               = true
    cloudwatch_log_group  = "/client-vpn/staff"
    cloudwatch_log_stream = "connections"
  }

  tags = { Name = "staff" }
}

resource "aws_ec2_client_vpn_network_association" "hub" {
  count                  = length(local.azs)
  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.staff.id
  subnet_id              = aws_subnet.hub[count.index].id
}

resource "aws_ec2_client_vpn_authorization_rule" "hub" {
  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.staff.id
  target_network_cidr    = aws_vpc.hub.cidr_block
  authorize_all_groups   = true
  description            = "hub services"
}

resource "aws_ec2_client_vpn_authorization_rule" "spoke" {
  for_each               = local.spokes
  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.staff.id
  target_network_cidr    = each.value
  authorize_all_groups   = true
  description            = each.key
}

resource "aws_ec2_client_vpn_route" "spoke" {
  for_each               = local.client_routes
  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.staff.id
  destination_cidr_block = local.spokes[each.value.spoke]
  target_vpc_subnet_id   = aws_ec2_client_vpn_network_association.hub[each.value.assoc].subnet_id
  description            = "${each.value.spoke} via TGW"
}
