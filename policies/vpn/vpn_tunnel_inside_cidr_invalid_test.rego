package netlint.rules.vpn.vpn_tunnel_inside_cidr_invalid_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_tunnel_inside_cidr_invalid as rule

vgw_vpn(id, cidr1, cidr2) := {
	"id": id, "address": id, "customer_gateway": "aws_customer_gateway.hq",
	"vpn_gateway": "aws_vpn_gateway.main", "static_routes_only": false,
	"tunnel_inside_ip_version": "ipv4",
	"tunnels": [{"inside_cidr": cidr1}, {"inside_cidr": cidr2}],
}

tgw_vpn6(id, cidr1, cidr2) := {
	"id": id, "address": id, "customer_gateway": "aws_customer_gateway.hq",
	"transit_gateway": "aws_ec2_transit_gateway.hub", "static_routes_only": false,
	"tunnel_inside_ip_version": "ipv6",
	"tunnels": [{"inside_ipv6_cidr": cidr1}, {"inside_ipv6_cidr": cidr2}],
}

base := {
	"vpn_gateways": {"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "address": "aws_vpn_gateway.main"}},
	"transit_gateways": {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}},
}

messages(conns) := msgs if {
	findings := rule.deny with input as object.union(base, {"vpn_connections": conns})
	msgs := {f.msg | some f in findings}
}

test_reserved_and_malformed_ipv4_fire if {
	msgs := messages({
		"aws_vpn_connection.a": vgw_vpn("aws_vpn_connection.a", "169.254.1.0/30", "169.254.169.252/30"),
		"aws_vpn_connection.b": vgw_vpn("aws_vpn_connection.b", "169.254.20.0/29", "10.0.0.0/30"),
		"aws_vpn_connection.c": vgw_vpn("aws_vpn_connection.c", "169.254.30.2/30", "fd00::/126"),
	})
	msgs == {
		"aws_vpn_connection.a tunnel 1 inside CIDR 169.254.1.0/30 is one of the /30s AWS reserves (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30)",
		"aws_vpn_connection.a tunnel 2 inside CIDR 169.254.169.252/30 is one of the /30s AWS reserves (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30)",
		"aws_vpn_connection.b tunnel 1 inside CIDR 169.254.20.0/29 is a /29: AWS requires a /30",
		"aws_vpn_connection.b tunnel 2 inside CIDR 10.0.0.0/30 is not within 169.254.0.0/16",
		"aws_vpn_connection.c tunnel 1 inside CIDR 169.254.30.2/30 is not a /30 network address (host bits are set)",
		"aws_vpn_connection.c tunnel 2 inside CIDR fd00::/126 is not an IPv4 CIDR",
	}
}

test_valid_distinct_cidrs_quiet if {
	inp := object.union(base, {"vpn_connections": {
		"aws_vpn_connection.a": vgw_vpn("aws_vpn_connection.a", "169.254.10.0/30", "169.254.10.4/30"),
		"aws_vpn_connection.b": vgw_vpn("aws_vpn_connection.b", "169.254.10.8/30", "169.254.6.0/30"),
		"aws_vpn_connection.v6": tgw_vpn6("aws_vpn_connection.v6", "fd00:0:0:1::/126", "fd00:0:0:1::4/126"),
	}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_both_tunnels_same_cidr_fires if {
	msgs := messages({"aws_vpn_connection.a": vgw_vpn("aws_vpn_connection.a", "169.254.10.0/30", "169.254.10.0/30")})
	assert.equals(msgs, {"aws_vpn_connection.a gives both tunnels the inside CIDR 169.254.10.0/30: each tunnel needs its own /30"})
}

test_cidr_reused_on_one_vgw_fires if {
	inp := object.union(base, {"vpn_connections": {
		"aws_vpn_connection.a": vgw_vpn("aws_vpn_connection.a", "169.254.10.0/30", "169.254.10.4/30"),
		"aws_vpn_connection.b": vgw_vpn("aws_vpn_connection.b", "169.254.10.8/30", "169.254.10.0/30"),
	}})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "tunnel inside CIDR 169.254.10.0/30 is used by aws_vpn_connection.a (tunnel 1) and aws_vpn_connection.b (tunnel 2) on VGW aws_vpn_gateway.main: inside CIDRs must be unique across the VPN connections of a VGW")
	assert.equals(f.resources, ["aws_vpn_connection.a", "aws_vpn_connection.b", "aws_vpn_gateway.main"])
}

test_ipv4_cidr_reused_on_a_tgw_quiet if {
	a := object.union(vgw_vpn("aws_vpn_connection.a", "169.254.10.0/30", "169.254.10.4/30"), {"vpn_gateway": "", "transit_gateway": "aws_ec2_transit_gateway.hub"})
	b := object.union(vgw_vpn("aws_vpn_connection.b", "169.254.10.0/30", "169.254.10.4/30"), {"vpn_gateway": "", "transit_gateway": "aws_ec2_transit_gateway.hub"})
	assert.empty(messages({"aws_vpn_connection.a": a, "aws_vpn_connection.b": b}))
}

test_ipv6_rules_fire if {
	msgs := messages({
		"aws_vpn_connection.a": tgw_vpn6("aws_vpn_connection.a", "fd00:0:0:1::/125", "2001:db8::/126"),
		"aws_vpn_connection.b": tgw_vpn6("aws_vpn_connection.b", "fd00:0:0:2::/126", "FD00:0:0:2:0:0:0:0/126"),
		"aws_vpn_connection.c": tgw_vpn6("aws_vpn_connection.c", "fd00:0:0:3::4/126", "fd00:0:0:2::/126"),
	})
	msgs == {
		"aws_vpn_connection.a tunnel 1 inside CIDR fd00:0:0:1::/125 is a /125: AWS requires a /126",
		"aws_vpn_connection.a tunnel 2 inside CIDR 2001:db8::/126 is not within fd00::/8",
		"aws_vpn_connection.b gives both tunnels the inside CIDR fd00:0:0:2::/126: each tunnel needs its own /126",
		"tunnel inside CIDR fd00:0:0:2::/126 is used by aws_vpn_connection.b (tunnel 1), aws_vpn_connection.b (tunnel 2) and aws_vpn_connection.c (tunnel 2) on TGW aws_ec2_transit_gateway.hub: inside CIDRs must be unique across the VPN connections of a TGW",
	}
}

test_ipv6_host_bits_fire if {
	msgs := messages({"aws_vpn_connection.a": tgw_vpn6("aws_vpn_connection.a", "fd00::1:2/126", "fd00::1:c/126")})
	assert.equals(msgs, {"aws_vpn_connection.a tunnel 1 inside CIDR fd00::1:2/126 is not a /126 network address (host bits are set)"})
}

test_unknown_cidrs_not_evaluated if {
	aws_chosen := {
		"id": "aws_vpn_connection.a", "customer_gateway": "aws_customer_gateway.hq",
		"vpn_gateway": "aws_vpn_gateway.main", "unknown": ["tunnel_inside_ip_version"],
		"tunnels": [{"unknown": ["inside_cidr", "inside_ipv6_cidr"]}, {"unknown": ["inside_cidr", "inside_ipv6_cidr"]}],
	}
	half_known := {
		"id": "aws_vpn_connection.b", "customer_gateway": "aws_customer_gateway.hq",
		"vpn_gateway": "aws_vpn_gateway.main", "unknown": ["tunnel_inside_ip_version"],
		"tunnels": [{"inside_cidr": "169.254.1.0/30", "unknown": ["inside_ipv6_cidr"]}, {"inside_cidr": "169.254.10.4/30", "unknown": ["inside_ipv6_cidr"]}],
	}
	v4_known := object.union(vgw_vpn("aws_vpn_connection.c", "169.254.10.8/30", "169.254.10.12/30"), {"tunnels": [
		{"inside_cidr": "169.254.10.8/30", "unknown": ["inside_ipv6_cidr"]},
		{"inside_cidr": "169.254.10.12/30", "unknown": ["inside_ipv6_cidr"]},
	]})
	inp := object.union(base, {"vpn_connections": {"aws_vpn_connection.a": aws_chosen, "aws_vpn_connection.b": half_known, "aws_vpn_connection.c": v4_known}})
	msgs := {f.msg | some f in rule.deny} with input as inp
	assert.equals(msgs, {"aws_vpn_connection.b tunnel 1 inside CIDR 169.254.1.0/30 is one of the /30s AWS reserves (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30)"})
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.a", "reason": "the tunnels' inside IP version (tunnel_inside_ip_version) and a tunnel's inside CIDR are not known until apply"}}) with input as inp
}
