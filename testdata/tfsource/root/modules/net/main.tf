variable "transit_gateway_id" {
  type = string
}

resource "aws_vpc" "this" {
  cidr_block = "10.10.0.0/16"
}

# netlint:ignore NL305 tunnels are monitored by the NOC
resource "aws_vpn_connection" "this" {
  customer_gateway_id = "cgw-0123"
  transit_gateway_id  = var.transit_gateway_id
  type                = "ipsec.1"
}

module "sub" {
  source = "./sub"
  count  = 1
  vpc_id = aws_vpc.this.id
}
