# Root module of the tfsource fixture. Tests assert the line numbers of the
# blocks below: keep them in place or update tfsource_test.go.

provider "aws" {
  region = "eu-west-1"
}

resource "aws_ec2_transit_gateway" "hub" {
  description = "hub"
}

# Branch offices have one router each.
# netlint:ignore NL102 single branch router, accepted by network team
module "branch" {
  source = "./modules/branch"
  count  = 2
}

module "net" {
  source   = "./modules/net"
  for_each = toset(["prod", "dev"])

  transit_gateway_id = aws_ec2_transit_gateway.hub.id
}

# Not downloaded: no modules.json entry.
module "registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

# In modules.json, but its directory is gone.
module "gone" {
  source = "./modules/gone"
}

data "aws_vpc" "shared" {
  id = "vpc-0a1b2c3d"
}
