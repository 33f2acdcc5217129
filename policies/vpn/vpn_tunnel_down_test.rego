package netlint.rules.vpn.vpn_tunnel_down_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_tunnel_down as rule

up(ip) := {"outside_ip": ip, "status": "UP", "status_message": "1 BGP ROUTES"}

down(ip, why) := {"outside_ip": ip, "status": "DOWN", "status_message": why}

# A live connection on a VGW, as the AWS loader or a snapshot gives it.
net(tunnels) := {
	"vpn_gateways": {"vgw-0a1b2c3d4e5f60718": {"id": "vgw-0a1b2c3d4e5f60718", "address": "vgw-0a1b2c3d4e5f60718", "vpc": "vpc-0123456789abcdef0"}},
	"transit_gateways": {},
	"customer_gateways": {"cgw-0fedcba9876543210": {"id": "cgw-0fedcba9876543210", "address": "cgw-0fedcba9876543210", "ip": "198.51.100.10"}},
	"vpn_connections": {"vpn-0abc1234def567890": {
		"id": "vpn-0abc1234def567890", "address": "vpn-0abc1234def567890", "region": "eu-west-1",
		"customer_gateway": "cgw-0fedcba9876543210", "vpn_gateway": "vgw-0a1b2c3d4e5f60718",
		"static_routes_only": false, "static_routes": [], "tunnels": tunnels,
	}},
}

test_one_tunnel_down_fires if {
	findings := rule.deny with input as net([up("52.48.1.10"), down("52.48.2.20", "IPSEC IS DOWN")])
	assert.size(findings, 1)
	some f in findings
	f.msg == `VPN connection vpn-0abc1234def567890 (VGW vgw-0a1b2c3d4e5f60718, customer gateway cgw-0fedcba9876543210) has tunnel 2 (outside IP 52.48.2.20, "IPSEC IS DOWN") DOWN: the connection runs on its other tunnel only, without a second path`
	assert.equals(f.resources, ["vpn-0abc1234def567890"])
}

test_both_tunnels_down_fires_once if {
	findings := rule.deny with input as net([down("52.48.1.10", "IPSEC IS DOWN"), {"outside_ip": "52.48.2.20", "status": "down"}])
	assert.size(findings, 1)
	some f in findings
	endswith(f.msg, `has every tunnel DOWN, tunnel 1 (outside IP 52.48.1.10, "IPSEC IS DOWN"); tunnel 2 (outside IP 52.48.2.20): the connection carries no traffic`)
}

test_tunnels_up_quiet if {
	inp := net([up("52.48.1.10"), up("52.48.2.20")])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_plan_without_telemetry_quiet if {
	inp := net([{"inside_cidr": "169.254.10.0/30"}, {"inside_cidr": "169.254.10.4/30"}])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_unknown_status_not_evaluated if {
	inp := net([{"unknown": ["status", "outside_ip"]}, {"unknown": ["status", "outside_ip"]}])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "vpn-0abc1234def567890", "reason": "a tunnel's status (telemetry) could not be read"}}) with input as inp
}

test_down_tunnel_beside_unknown_one_fires if {
	inp := net([{"unknown": ["status"]}, down("52.48.2.20", "")])
	some f in rule.deny with input as inp
	contains(f.msg, "has tunnel 2 (outside IP 52.48.2.20) DOWN")
	assert.empty(rule.not_evaluated) with input as inp
}
