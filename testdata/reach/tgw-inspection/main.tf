# East-west inspection on a shared Transit Gateway (owned by the network
# account; referenced by ID). This stack adds two TGW route tables:
#   spokes:     spoke attachments associated; static 0.0.0.0/0 -> inspection.
#   inspection: the inspection VPC attachment (appliance mode) associated;
#               every spoke propagated.
# The inspection VPC runs one firewall instance per AZ (source/dest check off);
# each AZ's TGW subnet routes everything to the firewall in its own AZ, and
# the firewall subnets send the spoke ranges back to the TGW. A legacy spoke
# attached by another stack (attachment ID only) joins the same tables.
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
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "transit_gateway_id" {
  description = "Shared TGW from the network account."
  type        = string
  default     = "tgw-0a4c7e19d2b3f5086"
}

variable "legacy_attachment_id" {
  description = "TGW attachment of the legacy VPC, managed by the legacy stack."
  type        = string
  default     = "tgw-attach-07d1e3b5a9c2f4680"
}

variable "firewall_ami" {
  type    = string
  default = "ami-0c1f2e3d4b5a69788"
}

locals {
  azs = {
    a = "eu-west-1a"
    b = "eu-west-1b"
  }

  spokes = {
    app  = "10.30.0.0/16"
    data = "10.31.0.0/16"
  }
}

resource "aws_ec2_transit_gateway_route_table" "spokes" {
  transit_gateway_id = var.transit_gateway_id
  tags               = { Name = "spokes" }
}

resource "aws_ec2_transit_gateway_route_table" "inspection" {
  transit_gateway_id = var.transit_gateway_id
  tags               = { Name = "inspection" }
}

# --- spokes -----------------------------------------------------------------------

module "spoke" {
  source   = "./modules/spoke"
  for_each = local.spokes

  name                       = each.key
  cidr_block                 = each.value
  azs                        = values(local.azs)
  transit_gateway_id         = var.transit_gateway_id
  association_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
  propagation_route_table_ids = {
    inspection = aws_ec2_transit_gateway_route_table.inspection.id
  }
  tgw_destinations = ["0.0.0.0/0"]
  trusted_cidrs    = ["10.0.0.0/8"]
}

resource "aws_ec2_transit_gateway_route_table_association" "legacy" {
  transit_gateway_attachment_id  = var.legacy_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
  replace_existing_association   = true
}

resource "aws_ec2_transit_gateway_route_table_propagation" "legacy" {
  transit_gateway_attachment_id  = var.legacy_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.inspection.id
}

resource "aws_ec2_transit_gateway_route" "spokes_default" {
  destination_cidr_block         = "0.0.0.0/0"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.inspection.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
}

# --- inspection VPC ------------------------------------------------------------------

resource "aws_vpc" "inspection" {
  cidr_block           = "10.90.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "inspection" }
}

resource "aws_subnet" "tgw" {
  for_each          = local.azs
  vpc_id            = aws_vpc.inspection.id
  cidr_block        = cidrsubnet(aws_vpc.inspection.cidr_block, 12, index(keys(local.azs), each.key))
  availability_zone = each.value
  tags              = { Name = "inspection-tgw-${each.key}" }
}

resource "aws_subnet" "firewall" {
  for_each          = local.azs
  vpc_id            = aws_vpc.inspection.id
  cidr_block        = cidrsubnet(aws_vpc.inspection.cidr_block, 8, 10 + index(keys(local.azs), each.key))
  availability_zone = each.value
  tags              = { Name = "inspection-firewall-${each.key}" }
}

resource "aws_ec2_transit_gateway_vpc_attachment" "inspection" {
  transit_gateway_id                              = var.transit_gateway_id
  vpc_id                                          = aws_vpc.inspection.id
  subnet_ids                                      = [for k in keys(local.azs) : aws_subnet.tgw[k].id]
  appliance_mode_support                          = "enable"
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false
  tags                                            = { Name = "inspection" }
}

resource "aws_ec2_transit_gateway_route_table_association" "inspection" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.inspection.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.inspection.id
}

resource "aws_security_group" "firewall" {
  name        = "firewall-data"
  description = "Traffic to inspect"
  vpc_id      = aws_vpc.inspection.id

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

resource "aws_instance" "firewall" {
  for_each               = local.azs
  ami                    = var.firewall_ami
  instance_type          = "c6in.xlarge"
  subnet_id              = aws_subnet.firewall[each.key].id
  vpc_security_group_ids = [aws_security_group.firewall.id]
  source_dest_check      = false
  tags                   = { Name = "firewall-${each.key}" }
}

resource "aws_cloudwatch_metric_alarm" "firewall_recover" {
  for_each            = local.azs
  alarm_name          = "firewall-${each.key}-system-check"
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_System"
  dimensions          = { InstanceId = aws_instance.firewall[each.key].id }
  statistic           = "Maximum"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  period              = 60
  evaluation_periods  = 2
  alarm_actions       = ["arn:aws:automate:eu-west-1:ec2:recover"]
}

# Each AZ's TGW subnet sends traffic arriving from the TGW to its own firewall.
resource "aws_route_table" "tgw" {
  for_each = local.azs
  vpc_id   = aws_vpc.inspection.id
  tags     = { Name = "inspection-tgw-${each.key}" }
}

resource "aws_route" "tgw_to_firewall" {
  for_each               = local.azs
  route_table_id         = aws_route_table.tgw[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  network_interface_id   = aws_instance.firewall[each.key].primary_network_interface_id
}

resource "aws_route_table_association" "tgw" {
  for_each       = local.azs
  subnet_id      = aws_subnet.tgw[each.key].id
  route_table_id = aws_route_table.tgw[each.key].id
}

# Inspected traffic goes back to the TGW, which looks it up in "inspection".
resource "aws_route_table" "firewall" {
  vpc_id = aws_vpc.inspection.id
  tags   = { Name = "inspection-firewall" }
}

resource "aws_route" "firewall_to_tgw" {
  route_table_id         = aws_route_table.firewall.id
  destination_cidr_block = "10.0.0.0/8"
  transit_gateway_id     = var.transit_gateway_id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.inspection]
}

resource "aws_route_table_association" "firewall" {
  for_each       = local.azs
  subnet_id      = aws_subnet.firewall[each.key].id
  route_table_id = aws_route_table.firewall.id
}
