# METADATA
# title: A VPN tunnel is down
# description: |-
#   Every Site-to-Site VPN connection has two tunnels that end in different
#   Availability Zones, so that AWS maintenance or the loss of one endpoint moves
#   traffic to the other tunnel. A tunnel that reports DOWN leaves the connection
#   on one path: the next maintenance event or failure on the remaining tunnel cuts
#   the site off. With both tunnels down the connection carries nothing.
#
#   Design guide, "AWS Managed VPN": redundancy and failover are the point of the
#   two tunnels and of multiple customer gateways; "VPN Monitoring": watch tunnel
#   health with CloudWatch. AWS reports each tunnel's state in the connection's
#   VGW telemetry (`VgwTelemetry[].Status`, UP or DOWN, with a status message), so
#   this rule only sees live input: a live audit (`--aws`) or a snapshot of one. A
#   tunnel whose telemetry the audit could not read is not evaluated.
# custom:
#   id: NL109
#   name: vpn-tunnel-down
#   severity: warning
#   fixtures: [fire-tunnel-down, quiet-tunnels-up]
#   remediation: |-
#     Bring the tunnel up on the customer gateway device: both tunnels must be
#     configured, with the outside IP, pre-shared key, inside CIDR and IKE/IPsec
#     options of the downloaded configuration (the status message says which phase
#     fails). Set the tunnel's startup action to `start` if the device does not
#     initiate IKE, and alarm on `TunnelState` (NL107) so it is noticed next time:
#
#     ```hcl
#     resource "aws_vpn_connection" "hq" {
#       customer_gateway_id    = aws_customer_gateway.hq.id
#       vpn_gateway_id         = aws_vpn_gateway.vgw.id
#       type                   = "ipsec.1"
#       tunnel1_startup_action = "start"
#       tunnel2_startup_action = "start"
#     }
#     ```
package netlint.rules.vpn.vpn_tunnel_down

import data.netlint.lib
import data.netlint.lib.vpn_routing as vpn

deny contains f if {
	some cid, c in input.vpn_connections
	down := down_tunnels(c)
	count(down) > 0
	msg := sprintf("VPN connection %s (%s, customer gateway %s) %s", [
		lib.addr(c), vpn.gateway_label(c),
		vpn.element_label(input.customer_gateways, c.customer_gateway),
		state_phrase(c, down),
	])
	f := lib.finding(msg, [cid])
}

# down_tunnels lists the indexes of the tunnels that report DOWN.
down_tunnels(c) := [i | some i, t in c.tunnels; upper(object.get(t, "status", "")) == "DOWN"]

state_phrase(c, down) := sprintf("has %s DOWN: the connection runs on its other tunnel only, without a second path", [
	tunnel_label(c.tunnels[down[0]], down[0]),
]) if {
	count(down) == 1
	count(c.tunnels) > 1
}

state_phrase(c, down) := sprintf("has every tunnel DOWN, %s: the connection carries no traffic", [
	concat("; ", [tunnel_label(c.tunnels[i], i) | some i in down]),
]) if {
	count(down) == count(c.tunnels)
}

state_phrase(c, down) := sprintf("has tunnels DOWN, %s", [concat("; ", [tunnel_label(c.tunnels[i], i) | some i in down])]) if {
	count(down) > 1
	count(down) < count(c.tunnels)
}

tunnel_label(t, i) := sprintf("tunnel %d (%s)", [i + 1, concat(", ", details(t))]) if {
	count(details(t)) > 0
} else := sprintf("tunnel %d", [i + 1])

details(t) := [d |
	some d in [
		outside(t),
		message(t),
	]
	d != ""
]

outside(t) := sprintf("outside IP %s", [t.outside_ip]) if t.outside_ip != ""

else := ""

message(t) := sprintf("%q", [t.status_message]) if t.status_message != ""

else := ""

# A tunnel whose status is unknown (telemetry the live audit could not read)
# cannot be judged.
not_evaluated contains {"resource": cid, "reason": "a tunnel's status (telemetry) could not be read"} if {
	some cid, c in input.vpn_connections
	some t in c.tunnels
	lib.unknown(t, "status")
	count(down_tunnels(c)) == 0
}
