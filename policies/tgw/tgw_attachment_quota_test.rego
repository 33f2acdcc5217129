package netlint.rules.tgw.tgw_attachment_quota_test

import data.netlint.assert
import data.netlint.rules.tgw.tgw_attachment_quota as rule

hub := {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}}

vpc_att(i) := {"id": sprintf("aws_ec2_transit_gateway_vpc_attachment.s[%d]", [i]), "kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub"}

# n VPC attachments on the hub.
spokes(n) := {a.id: a | some i in numbers.range(1, n); a := vpc_att(i)}

config(q) := {"rules": {"NL601": {"attachment_quota": q}}}

test_over_quota_is_an_error if {
	inp := {"transit_gateways": hub, "tgw_attachments": spokes(5), "config": config(4)}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_ec2_transit_gateway.hub has 5 attachments (5 VPC), over its quota of 4: AWS refuses every attachment beyond the quota, so new spokes and sites cannot join")
	assert.equals(f.resources, ["aws_ec2_transit_gateway.hub"])
	not f.severity
}

test_at_80_percent_is_a_warning if {
	inp := {"transit_gateways": hub, "tgw_attachments": spokes(4), "config": config(5)}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.severity, "warning")
	assert.equals(f.msg, "aws_ec2_transit_gateway.hub has 4 attachments (4 VPC), 80% of its quota of 5: room for 1 more before AWS refuses new attachments; plan to split the network across TGWs")
}

test_exactly_at_quota_is_a_warning if {
	inp := {"transit_gateways": hub, "tgw_attachments": spokes(4), "config": config(4)}
	some f in rule.deny with input as inp
	assert.equals(f.severity, "warning")
	contains(f.msg, "100% of its quota of 4")
}

test_below_80_percent_quiet if {
	inp := {"transit_gateways": hub, "tgw_attachments": spokes(3), "config": config(5)}
	assert.empty(rule.deny) with input as inp
}

test_default_quota_is_5000 if {
	inp := {"transit_gateways": hub, "tgw_attachments": spokes(4000)}
	findings := rule.deny with input as inp
	some f in findings
	assert.equals(f.severity, "warning")
	contains(f.msg, "has 4000 attachments (4000 VPC), 80% of its quota of 5000")
	assert.empty(rule.deny) with input as {"transit_gateways": hub, "tgw_attachments": spokes(3999)}
}

test_vpn_connections_count_once if {
	# vpn.a has its attachment element; vpn.b only names the TGW.
	atts := object.union(spokes(2), {"tgw-attach-vpn-a": {"id": "tgw-attach-vpn-a", "kind": "vpn", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpn_connection": "aws_vpn_connection.a"}})
	vpns := {
		"aws_vpn_connection.a": {"id": "aws_vpn_connection.a", "transit_gateway": "aws_ec2_transit_gateway.hub", "tgw_attachment": "tgw-attach-vpn-a"},
		"aws_vpn_connection.b": {"id": "aws_vpn_connection.b", "transit_gateway": "aws_ec2_transit_gateway.hub"},
	}
	inp := {"transit_gateways": hub, "tgw_attachments": atts, "vpn_connections": vpns, "config": config(4)}
	some f in rule.deny with input as inp
	assert.equals(f.msg, "aws_ec2_transit_gateway.hub has 4 attachments (2 VPC, 2 VPN), 100% of its quota of 4: AWS refuses the next attachment; plan to split the network across TGWs")
}

test_peering_counts_on_both_sides_and_dx_association_counts if {
	tgws := object.union(hub, {"aws_ec2_transit_gateway.west": {"id": "aws_ec2_transit_gateway.west", "address": "aws_ec2_transit_gateway.west"}})
	atts := object.union(spokes(1), {"aws_ec2_transit_gateway_peering_attachment.p": {
		"id": "aws_ec2_transit_gateway_peering_attachment.p", "kind": "peering",
		"transit_gateway": "aws_ec2_transit_gateway.west", "peer_transit_gateway": "aws_ec2_transit_gateway.hub",
	}})
	dx := {"aws_dx_gateway_association.dx": {"id": "aws_dx_gateway_association.dx", "dx_gateway": "aws_dx_gateway.dx", "gateway": "aws_ec2_transit_gateway.hub", "gateway_type": "transit_gateway"}}
	inp := {"transit_gateways": tgws, "tgw_attachments": atts, "dx_gateway_associations": dx, "config": config(3)}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	startswith(f.msg, "aws_ec2_transit_gateway.hub has 3 attachments (1 VPC, 1 Direct Connect gateway, 1 peering), 100%")
}

test_accepter_element_is_not_counted_twice if {
	tgws := object.union(hub, {"aws_ec2_transit_gateway.west": {"id": "aws_ec2_transit_gateway.west", "address": "aws_ec2_transit_gateway.west"}})
	atts := {
		"req": {"id": "req", "kind": "peering", "transit_gateway": "aws_ec2_transit_gateway.west", "peer_transit_gateway": "aws_ec2_transit_gateway.hub"},
		"acc": {"id": "acc", "kind": "peering", "transit_gateway": "aws_ec2_transit_gateway.hub", "peer_transit_gateway": "aws_ec2_transit_gateway.west"},
	}
	inp := {"transit_gateways": tgws, "tgw_attachments": atts, "config": config(2)}
	assert.empty(rule.deny) with input as inp
	assert.size(rule.deny, 2) with input as object.union(inp, {"config": config(1)})
}

test_tgw_outside_the_model_is_named_by_id if {
	atts := {"a": {"id": "a", "kind": "vpc", "transit_gateway": "tgw-0123456789abcdef0"}, "b": {"id": "b", "kind": "vpc", "transit_gateway": "tgw-0123456789abcdef0"}}
	some f in rule.deny with input as {"tgw_attachments": atts, "config": config(1)}
	startswith(f.msg, "tgw-0123456789abcdef0 has 2 attachments (2 VPC), over its quota of 1")
	assert.equals(f.resources, ["tgw-0123456789abcdef0"])
}

test_unknown_tgw_not_evaluated if {
	atts := object.union(spokes(1), {"aws_ec2_transit_gateway_vpc_attachment.x": {"id": "aws_ec2_transit_gateway_vpc_attachment.x", "kind": "vpc", "transit_gateway": "", "unknown": ["transit_gateway"]}})
	inp := {"transit_gateways": hub, "tgw_attachments": atts, "config": config(2)}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway_vpc_attachment.x", "reason": "its Transit Gateway is not known until apply"}}) with input as inp
}
