package netlint.rules.vpn.vpn_feature_unsupported_on_vgw_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_feature_unsupported_on_vgw as rule

vgws := {"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "address": "aws_vpn_gateway.main", "vpc": "aws_vpc.main"}}

tgws := {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}}

conn(extra) := object.union(
	{"id": "aws_vpn_connection.hq", "address": "aws_vpn_connection.hq", "customer_gateway": "aws_customer_gateway.hq", "vpn_gateway": "aws_vpn_gateway.main"},
	extra,
)

inp(c) := {"vpn_gateways": vgws, "transit_gateways": tgws, "vpn_connections": {c.id: c}}

# skipped are the IDs of the elements not evaluated.
skipped(i) := {x.resource | some x in xs} if xs := rule.not_evaluated with input as i

test_acceleration_on_vgw_fires if {
	findings := rule.deny with input as inp(conn({"enable_acceleration": true}))
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_vpn_connection.hq terminates on VGW aws_vpn_gateway.main but asks for acceleration (enable_acceleration), which only a Transit Gateway offers: AWS rejects the connection")
	assert.equals(f.resources, ["aws_vpn_connection.hq", "aws_vpn_gateway.main"])
}

test_all_three_named_in_one_finding if {
	c := conn({"enable_acceleration": true, "tunnel_bandwidth": "large", "tunnel_inside_ip_version": "ipv6"})
	findings := rule.deny with input as inp(c)
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "asks for acceleration (enable_acceleration), large tunnels (tunnel_bandwidth = \"large\") and IPv6 inside the tunnels (tunnel_inside_ip_version = \"ipv6\"), which")
}

test_large_tunnels_on_vgw_outside_model_fire if {
	c := conn({"vpn_gateway": "vgw-0123456789abcdef0", "tunnel_bandwidth": "large"})
	some f in rule.deny with input as inp(c)
	startswith(f.msg, "aws_vpn_connection.hq terminates on VGW vgw-0123456789abcdef0 but asks for large tunnels")
}

test_ipv6_inside_on_vgw_fires if {
	assert.size(rule.deny, 1) with input as inp(conn({"tunnel_inside_ip_version": "ipv6"}))
}

test_defaults_on_vgw_quiet if {
	c := conn({"enable_acceleration": false, "tunnel_bandwidth": "standard", "tunnel_inside_ip_version": "ipv4"})
	assert.empty(rule.deny) with input as inp(c)
	assert.empty(rule.not_evaluated) with input as inp(c)
	assert.empty(rule.deny) with input as inp(conn({}))
}

test_tgw_offers_the_options if {
	tgw := {"vpn_gateway": "", "transit_gateway": "aws_ec2_transit_gateway.hub"}
	every c in [
		conn(object.union(tgw, {"enable_acceleration": true, "tunnel_inside_ip_version": "ipv6"})),
		conn(object.union(tgw, {"tunnel_bandwidth": "large"})),
	] {
		assert.empty(rule.deny) with input as inp(c)
		assert.empty(rule.not_evaluated) with input as inp(c)
	}
}

test_unknown_option_on_vgw_not_evaluated if {
	c := conn({"unknown": ["enable_acceleration"]})
	assert.empty(rule.deny) with input as inp(c)
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "its enable_acceleration is not known until apply"}}) with input as inp(c)
}

# An option whose value is unknown is never read as asked for, even when the
# model carries a stale value beside it.
test_unknown_option_value_ignored if {
	c := conn({"tunnel_bandwidth": "large", "unknown": ["tunnel_bandwidth"]})
	assert.empty(rule.deny) with input as inp(c)
	assert.equals(skipped(inp(c)), {"aws_vpn_connection.hq"})
}

test_unknown_gateway_not_evaluated if {
	c := conn({"vpn_gateway": "", "enable_acceleration": true, "unknown": ["vpn_gateway", "transit_gateway"]})
	assert.empty(rule.deny) with input as inp(c)
	assert.equals(skipped(inp(c)), {"aws_vpn_connection.hq"})
}

test_unknown_gateway_without_options_quiet if {
	c := conn({"vpn_gateway": "", "unknown": ["vpn_gateway", "transit_gateway"]})
	assert.empty(rule.not_evaluated) with input as inp(c)
}
