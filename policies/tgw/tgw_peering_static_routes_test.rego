package netlint.rules.tgw.tgw_peering_static_routes_test

import data.netlint.assert
import data.netlint.rules.tgw.tgw_peering_static_routes as rule

east := "aws_ec2_transit_gateway.east"

west := "aws_ec2_transit_gateway.west"

pa := "aws_ec2_transit_gateway_peering_attachment.east_west"

tgws := {
	east: {"id": east, "address": east},
	west: {"id": west, "address": west},
}

peering := {pa: {
	"id": pa, "address": pa, "kind": "peering",
	"transit_gateway": east, "peer_transit_gateway": west, "peer_region": "us-west-2",
}}

table(id, tgw, routes) := {"id": id, "transit_gateway": tgw, "routes": routes}

route(att) := {"destination": "10.64.0.0/12", "attachment": att}

test_no_route_on_either_side_fires_twice if {
	inp := {"transit_gateways": tgws, "tgw_attachments": peering, "tgw_route_tables": {}}
	findings := rule.deny with input as inp
	assert.size(findings, 2)
	some f in findings
	assert.equals(f.msg, "TGW peering attachment aws_ec2_transit_gateway_peering_attachment.east_west (aws_ec2_transit_gateway.east to aws_ec2_transit_gateway.west in us-west-2) has no static route in any route table of aws_ec2_transit_gateway.east: peering attachments do not propagate routes, so traffic from the attachments of aws_ec2_transit_gateway.east, replies included, cannot cross it")
	assert.equals(f.resources, [pa, east])
	some g in findings
	assert.equals(g.msg, "TGW peering attachment aws_ec2_transit_gateway_peering_attachment.east_west (aws_ec2_transit_gateway.east to aws_ec2_transit_gateway.west in us-west-2) has no static route in any route table of aws_ec2_transit_gateway.west (the accepter side): peering attachments do not propagate routes, so traffic from the attachments of aws_ec2_transit_gateway.west, replies included, cannot cross it")
	assert.equals(g.resources, [pa, west])
}

test_routes_on_both_sides_quiet if {
	rts := {
		"e": table("e", east, [route(pa)]),
		"w": table("w", west, [route(pa)]),
	}
	assert.empty(rule.deny) with input as {"transit_gateways": tgws, "tgw_attachments": peering, "tgw_route_tables": rts}
}

test_route_on_owner_side_only_fires_for_accepter if {
	rts := {"e": table("e", east, [route(pa)])}
	findings := rule.deny with input as {"transit_gateways": tgws, "tgw_attachments": peering, "tgw_route_tables": rts}
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, [pa, west])
}

test_peer_outside_model_checks_owner_side_only if {
	att := {pa: {"id": pa, "address": pa, "kind": "peering", "transit_gateway": east, "peer_transit_gateway": "tgw-0fedcba9876543210"}}
	rts := {"e": table("e", east, [route(pa)])}
	assert.empty(rule.deny) with input as {"transit_gateways": tgws, "tgw_attachments": att, "tgw_route_tables": rts}
	some f in rule.deny with input as {"transit_gateways": tgws, "tgw_attachments": att, "tgw_route_tables": {"e": table("e", east, null)}}
	contains(f.msg, "(aws_ec2_transit_gateway.east to tgw-0fedcba9876543210) has no static route in any route table of aws_ec2_transit_gateway.east:")
}

test_blackhole_and_other_attachments_do_not_count if {
	rts := {"e": table("e", east, [
		{"destination": "10.64.0.0/12", "blackhole": true},
		route("aws_ec2_transit_gateway_vpc_attachment.spoke"),
	])}
	att := {pa: object.union(peering[pa], {"peer_transit_gateway": "tgw-0fedcba9876543210"})}
	assert.size(rule.deny, 1) with input as {"transit_gateways": tgws, "tgw_attachments": att, "tgw_route_tables": rts}
}

test_route_in_the_other_tgws_table_does_not_count if {
	# A route to the peering in the west table does not serve the east side.
	rts := {"w": table("w", west, [route(pa)])}
	findings := rule.deny with input as {"transit_gateways": tgws, "tgw_attachments": peering, "tgw_route_tables": rts}
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, [pa, east])
}

test_accepter_element_is_judged_on_its_own if {
	acc := "aws_ec2_transit_gateway_peering_attachment_accepter.east_west"
	atts := object.union(peering, {acc: {"id": acc, "address": acc, "kind": "peering", "transit_gateway": west, "peer_transit_gateway": east}})

	# The west route may name either id: both are the same AWS attachment.
	rts := {"e": table("e", east, [route(pa)]), "w": table("w", west, [route(pa)])}
	assert.empty(rule.deny) with input as {"transit_gateways": tgws, "tgw_attachments": atts, "tgw_route_tables": rts}

	findings := rule.deny with input as {"transit_gateways": tgws, "tgw_attachments": atts, "tgw_route_tables": {"e": table("e", east, [route(pa)])}}
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, [acc, west])
	contains(f.msg, "(aws_ec2_transit_gateway.west to aws_ec2_transit_gateway.east) has no static route in any route table of aws_ec2_transit_gateway.west:")
}

test_vpc_attachments_ignored if {
	att := {"v": {"id": "v", "kind": "vpc", "transit_gateway": east}}
	assert.empty(rule.deny) with input as {"transit_gateways": tgws, "tgw_attachments": att, "tgw_route_tables": {}}
}

test_unknown_tgw_not_evaluated if {
	att := {pa: {"id": pa, "kind": "peering", "transit_gateway": "", "peer_transit_gateway": west, "unknown": ["transit_gateway"]}}
	inp := {"transit_gateways": tgws, "tgw_attachments": att, "tgw_route_tables": {}}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pa, "reason": "its Transit Gateway is not known until apply"}}) with input as inp
}

test_unknown_route_target_not_evaluated if {
	rts := {
		"e": table("e", east, [route(pa)]),
		"w": table("w", west, [{"destination": "10.0.0.0/12", "unknown": ["attachment"]}]),
	}
	inp := {"transit_gateways": tgws, "tgw_attachments": peering, "tgw_route_tables": rts}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pa, "reason": "a static route of aws_ec2_transit_gateway.west has an attachment not known until apply: it may point at this peering"}}) with input as inp
}

test_route_table_with_unknown_tgw_not_evaluated if {
	rts := {
		"e": table("e", east, [route(pa)]),
		"x": {"id": "x", "transit_gateway": "", "unknown": ["transit_gateway"], "routes": [route(pa)]},
	}
	inp := {"transit_gateways": tgws, "tgw_attachments": peering, "tgw_route_tables": rts}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pa, "reason": "a static route to it is in a TGW route table whose Transit Gateway is not known (the route table, or its TGW, cannot be resolved): it may be on this side"}}) with input as inp
}
