# METADATA
# title: A VPN connection on a virtual private gateway asks for a Transit Gateway feature
# description: |-
#   Some Site-to-Site VPN options exist only for connections that terminate on a
#   Transit Gateway (or Cloud WAN). AWS rejects a connection on a virtual private
#   gateway (VGW) that asks for one of them (facts sheet §1):
#
#   - Accelerated VPN (enable_acceleration): "TGW attachments only; not on a VGW"
#     (Site-to-Site VPN User Guide, "Accelerated VPN connections");
#   - large tunnels (tunnel_bandwidth = "large", up to 5 Gbps per tunnel, since
#     November 2025): "not supported on a VGW" (EC2 API TunnelBandwidth);
#   - IPv6 inside the tunnels (tunnel_inside_ip_version = "ipv6"): IPv6 inner
#     traffic is Transit Gateway and Cloud WAN only, and "Virtual private gateways
#     (VGWs) do not support IPv6 for VPN at all".
#
#   Design guide, table "Network-to-VPC connectivity options": AWS Managed VPN is
#   an "IPSEC conn via internet to single VPC" (the VGW), AWS TGW + VPN an "IPSEC
#   conn via internet to regional router for multiple VPCs"; the options added
#   since the guide was written exist on the Transit Gateway side only. A
#   connection whose gateway or options are not known at plan time is not
#   evaluated.
# custom:
#   id: NL110
#   name: vpn-feature-unsupported-on-vgw
#   severity: error
#   fixtures: [fire-vgw-options, quiet]
#   remediation: |-
#     Terminate the connection on a Transit Gateway to keep the option, or drop the
#     option to stay on the VGW. The options cannot change on an existing
#     connection: AWS replaces it.
#
#     ```hcl
#     resource "aws_vpn_connection" "hq" {
#       customer_gateway_id = aws_customer_gateway.hq.id
#       transit_gateway_id  = aws_ec2_transit_gateway.hub.id # not vpn_gateway_id
#       type                = "ipsec.1"
#       enable_acceleration = true
#       tunnel_bandwidth    = "large"
#     }
#     ```
package netlint.rules.vpn.vpn_feature_unsupported_on_vgw

import data.netlint.lib
import data.netlint.lib.vpn

# options are the Transit Gateway-only options, in the order messages name them.
options := [
	{"field": "enable_acceleration", "label": "acceleration (enable_acceleration)"},
	{"field": "tunnel_bandwidth", "label": "large tunnels (tunnel_bandwidth = \"large\")"},
	{"field": "tunnel_inside_ip_version", "label": "IPv6 inside the tunnels (tunnel_inside_ip_version = \"ipv6\")"},
]

# asks is true when the connection's known value of the option's field asks for
# what only a Transit Gateway offers.
asks(conn, "enable_acceleration") if {
	not lib.unknown(conn, "enable_acceleration")
	object.get(conn, "enable_acceleration", false) == true
}

asks(conn, "tunnel_bandwidth") if {
	not lib.unknown(conn, "tunnel_bandwidth")
	lower(object.get(conn, "tunnel_bandwidth", "")) == "large"
}

asks(conn, "tunnel_inside_ip_version") if {
	not lib.unknown(conn, "tunnel_inside_ip_version")
	lower(object.get(conn, "tunnel_inside_ip_version", "")) == "ipv6"
}

asked(conn) := [o.label | some o in options; asks(conn, o.field)]

on_vgw(conn) if vpn.gateway(conn).kind == "vgw"

maybe_vgw(conn) if on_vgw(conn)

maybe_vgw(conn) if vpn.gateway_unknown(conn)

deny contains f if {
	some id, conn in input.vpn_connections
	on_vgw(conn)
	labels := asked(conn)
	count(labels) > 0
	gw := vpn.gateway(conn)
	msg := sprintf("%s terminates on %s but asks for %s, which only a Transit Gateway offers: AWS rejects the connection", [
		lib.addr(conn), gw.label, vpn.join_names(labels),
	])
	f := lib.finding(msg, [id, gw.id])
}

# A connection on a VGW (or a gateway not known) with an option not known at
# plan time, and one that asks for an option while its gateway is not known.
not_evaluated contains {"resource": id, "reason": sprintf("its %s is not known until apply", [o.field])} if {
	some id, conn in input.vpn_connections
	maybe_vgw(conn)
	count(asked(conn)) == 0
	some o in options
	lib.unknown(conn, o.field)
}

not_evaluated contains {"resource": id, "reason": reason} if {
	some id, conn in input.vpn_connections
	vpn.gateway_unknown(conn)
	labels := asked(conn)
	count(labels) > 0
	reason := sprintf("it asks for %s, and whether it terminates on a VGW or a Transit Gateway is not known until apply", [vpn.join_names(labels)])
}
