# A workload VPC ("spoke") on a Transit Gateway: a private subnet in each AZ
# (the TGW attachment uses them too), one route table sending the given
# destinations to the TGW, the VPC attachment, its TGW route table association and
# propagations, and a workload security group admitting the trusted ranges.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "azs" {
  type = list(string)
}

variable "transit_gateway_id" {
  type = string
}

variable "default_route_table" {
  description = "Use the TGW's default association and propagation instead of explicit tables."
  type        = bool
  default     = false
}

variable "association_route_table_id" {
  type    = string
  default = null
}

variable "propagation_route_table_ids" {
  type    = map(string)
  default = {}
}

variable "tgw_destinations" {
  description = "Destinations the workload subnets send to the TGW."
  type        = list(string)
}

variable "trusted_cidrs" {
  description = "Ranges the workload security group admits."
  type        = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_subnet" "workload" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr_block, 4, count.index)
  availability_zone = var.azs[count.index]
  tags              = merge(var.tags, { Name = "${var.name}-workload-${var.azs[count.index]}" })
}

resource "aws_route_table" "workload" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-workload" })
}

resource "aws_route_table_association" "workload" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.workload[count.index].id
  route_table_id = aws_route_table.workload.id
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  transit_gateway_id                              = var.transit_gateway_id
  vpc_id                                          = aws_vpc.this.id
  subnet_ids                                      = aws_subnet.workload[*].id
  dns_support                                     = "enable"
  transit_gateway_default_route_table_association = var.default_route_table
  transit_gateway_default_route_table_propagation = var.default_route_table
  tags                                            = merge(var.tags, { Name = var.name })
}

resource "aws_route" "to_tgw" {
  for_each               = toset(var.tgw_destinations)
  route_table_id         = aws_route_table.workload.id
  destination_cidr_block = each.value
  transit_gateway_id     = var.transit_gateway_id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.this]
}

resource "aws_ec2_transit_gateway_route_table_association" "this" {
  count                          = var.default_route_table ? 0 : 1
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this.id
  transit_gateway_route_table_id = var.association_route_table_id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "this" {
  for_each                       = var.propagation_route_table_ids
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this.id
  transit_gateway_route_table_id = each.value
}

resource "aws_security_group" "workload" {
  name        = "${var.name}-workload"
  description = "Workload instances in ${var.name}"
  vpc_id      = aws_vpc.this.id

  ingress {
    description = "Trusted networks"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = var.trusted_cidrs
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(var.tags, { Name = "${var.name}-workload" })
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "attachment_id" {
  value = aws_ec2_transit_gateway_vpc_attachment.this.id
}

output "workload_subnet_ids" {
  value = aws_subnet.workload[*].id
}
