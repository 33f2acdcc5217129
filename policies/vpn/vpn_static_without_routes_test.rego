package netlint.rules.vpn.vpn_static_without_routes_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_static_without_routes as rule

vgw_vpn(id, static, routes) := {
	"id": id, "address": id, "customer_gateway": "aws_customer_gateway.branch",
	"vpn_gateway": "aws_vpn_gateway.main", "static_routes_only": static, "static_routes": routes,
}

tgw_vpn(id, static) := {
	"id": id, "address": id, "type": "aws_vpn_connection", "customer_gateway": "aws_customer_gateway.branch",
	"transit_gateway": "aws_ec2_transit_gateway.hub", "tgw_attachment": sprintf("%s.transit_gateway_attachment_id", [id]),
	"static_routes_only": static, "static_routes": null,
}

base := {
	"vpn_gateways": {"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "address": "aws_vpn_gateway.main"}},
	"transit_gateways": {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}},
	"tgw_attachments": {"aws_vpn_connection.branch.transit_gateway_attachment_id": {
		"id": "aws_vpn_connection.branch.transit_gateway_attachment_id",
		"address": "aws_vpn_connection.branch.transit_gateway_attachment_id",
		"kind": "vpn", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpn_connection": "aws_vpn_connection.branch",
	}},
	"tgw_route_tables": {},
}

rt(routes) := {"aws_ec2_transit_gateway_route_table.spokes": {
	"id": "aws_ec2_transit_gateway_route_table.spokes", "transit_gateway": "aws_ec2_transit_gateway.hub",
	"associations": [], "propagations": [], "routes": routes,
}}

test_vgw_static_vpn_without_routes_fires if {
	inp := object.union(base, {"vpn_connections": {"aws_vpn_connection.branch": vgw_vpn("aws_vpn_connection.branch", true, null)}})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_vpn_connection.branch is a static VPN (static_routes_only = true) on VGW aws_vpn_gateway.main with no static route (aws_vpn_connection_route): the VGW knows no on-premises range behind it, so no traffic enters the VPN")
	assert.equals(f.resources, ["aws_vpn_connection.branch", "aws_vpn_gateway.main"])
}

test_vgw_static_vpn_with_route_quiet if {
	inp := object.union(base, {"vpn_connections": {"aws_vpn_connection.branch": vgw_vpn("aws_vpn_connection.branch", true, ["10.60.0.0/16"])}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_dynamic_vpn_without_routes_quiet if {
	inp := object.union(base, {"vpn_connections": {
		"aws_vpn_connection.bgp": vgw_vpn("aws_vpn_connection.bgp", false, []),
		"aws_vpn_connection.bgp_tgw": tgw_vpn("aws_vpn_connection.bgp_tgw", false),
	}})
	assert.empty(rule.deny) with input as inp
}

test_tgw_static_vpn_without_route_fires if {
	inp := object.union(base, {
		"vpn_connections": {"aws_vpn_connection.branch": tgw_vpn("aws_vpn_connection.branch", true)},
		"tgw_route_tables": rt([
			{"destination": "10.60.0.0/16", "attachment": "aws_vpn_connection.branch.transit_gateway_attachment_id", "blackhole": true},
			{"destination": "10.0.0.0/16", "attachment": "aws_ec2_transit_gateway_vpc_attachment.a"},
		]),
	})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_vpn_connection.branch is a static VPN (static_routes_only = true) on TGW aws_ec2_transit_gateway.hub, but no TGW route table has a route to its attachment (aws_vpn_connection.branch.transit_gateway_attachment_id): the TGW sends no traffic into the VPN")
}

test_tgw_static_vpn_with_route_quiet if {
	inp := object.union(base, {
		"vpn_connections": {"aws_vpn_connection.branch": tgw_vpn("aws_vpn_connection.branch", true)},
		"tgw_route_tables": rt([{"destination": "10.60.0.0/16", "attachment": "aws_vpn_connection.branch.transit_gateway_attachment_id"}]),
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_tgw_route_with_unknown_attachment_not_evaluated if {
	inp := object.union(base, {
		"vpn_connections": {"aws_vpn_connection.branch": tgw_vpn("aws_vpn_connection.branch", true)},
		"tgw_route_tables": rt([{"destination": "10.60.0.0/16", "unknown": ["attachment"]}]),
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.branch", "reason": "a route of TGW aws_ec2_transit_gateway.hub whose attachment, or whose route table's TGW, is not known until apply may point at its attachment"}}) with input as inp
}

test_unknown_values_not_evaluated if {
	inp := object.union(base, {"vpn_connections": {
		"aws_vpn_connection.a": object.union(vgw_vpn("aws_vpn_connection.a", false, null), {"unknown": ["static_routes_only"]}),
		"aws_vpn_connection.b": object.union(vgw_vpn("aws_vpn_connection.b", true, null), {"unknown": ["static_routes"]}),
		"aws_vpn_connection.c": object.union(tgw_vpn("aws_vpn_connection.c", true), {"tgw_attachment": "", "unknown": ["tgw_attachment"]}),
	}})
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_vpn_connection.a", "reason": "whether it is a static VPN (static_routes_only) is not known until apply"},
		{"resource": "aws_vpn_connection.b", "reason": "a static route (aws_vpn_connection_route) whose destination, or whose VPN connection, is not known until apply may be its route"},
		{"resource": "aws_vpn_connection.c", "reason": "its Transit Gateway attachment is not known until apply: TGW routes to it cannot be matched"},
	} with input as inp
}

test_live_attachment_named_by_its_id if {
	inp := {
		"transit_gateways": {"tgw-0a1b2c3d4e5f60718": {"id": "tgw-0a1b2c3d4e5f60718", "address": "tgw-0a1b2c3d4e5f60718"}},
		"tgw_attachments": {"tgw-attach-0123456789abcdef0": {"id": "tgw-attach-0123456789abcdef0", "aws_id": "tgw-attach-0123456789abcdef0", "kind": "vpn"}},
		"tgw_route_tables": {},
		"vpn_connections": {"vpn-0123456789abcdef0": {
			"id": "vpn-0123456789abcdef0", "address": "vpn-0123456789abcdef0", "type": "aws_vpn_connection",
			"customer_gateway": "cgw-0123456789abcdef0", "transit_gateway": "tgw-0a1b2c3d4e5f60718",
			"tgw_attachment": "tgw-attach-0123456789abcdef0", "static_routes_only": true,
		}},
	}
	findings := rule.deny with input as inp
	some f in findings
	assert.equals(f.msg, "vpn-0123456789abcdef0 is a static VPN (static_routes_only = true) on TGW tgw-0a1b2c3d4e5f60718, but no TGW route table has a route to its attachment (tgw-attach-0123456789abcdef0): the TGW sends no traffic into the VPN")
}

# An aws_vpn_connection_route whose vpn_connection_id cannot be resolved (a
# local) makes the static routes of every connection unknown: it may be the
# route, so the VPN is not evaluated, never "without routes". A VPN with a
# known route is decided all the same.
test_route_of_unresolved_connection_not_evaluated if {
	inp := object.union(base, {"vpn_connections": {
		"aws_vpn_connection.hq": object.union(vgw_vpn("aws_vpn_connection.hq", true, []), {"unknown": ["static_routes"]}),
		"aws_vpn_connection.dr": object.union(vgw_vpn("aws_vpn_connection.dr", true, ["172.20.0.0/16"]), {"unknown": ["static_routes"]}),
	}})
	assert.empty(rule.deny) with input as inp
	assert.equals({e.resource | some e in rule.not_evaluated}, {"aws_vpn_connection.hq"}) with input as inp
}
