resource "aws_vpn_connection" "main" {
  customer_gateway_id = "cgw-0456"
  vpn_gateway_id      = "vgw-0789"
  type                = "ipsec.1"
}
