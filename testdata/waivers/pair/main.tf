# The sources of plan.json (plan.fixture.yaml), for file:line and inline
# waivers; TestWaiverMatchesPrimaryResource adds netlint:ignore comments.
resource "aws_ec2_transit_gateway" "hub" {
  amazon_side_asn = 64512
}

resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "b" {
  cidr_block = "10.0.128.0/17"
}

resource "aws_vpc" "c" {
  cidr_block = "10.0.64.0/18"
}
