package netlint.rules.dx.dx_gateway_asn_conflict_test

import data.netlint.assert
import data.netlint.rules.dx.dx_gateway_asn_conflict as rule

# skipped are the IDs of the elements not evaluated.
skipped(i) := {x.resource | some x in xs} if xs := rule.not_evaluated with input as i

dxgw(asn) := {"aws_dx_gateway.main": {"id": "aws_dx_gateway.main", "address": "aws_dx_gateway.main", "amazon_side_asn": asn}}

tgw(id, asn) := {"id": id, "address": id, "amazon_side_asn": asn, "default_route_table_association": true}

assoc(id, gw) := {id: {"id": id, "address": id, "dx_gateway": "aws_dx_gateway.main", "gateway": gw, "gateway_type": "transit_gateway", "allowed_prefixes": ["10.0.0.0/16"]}}

inp(dx_asn, tgws, assocs) := {
	"dx_gateways": dxgw(dx_asn),
	"transit_gateways": {t.id: t | some t in tgws},
	"dx_gateway_associations": assocs,
}

hub(asn) := tgw("aws_ec2_transit_gateway.hub", asn)

test_same_asn_fires if {
	i := inp(64512, [hub(64512)], assoc("aws_dx_gateway_association.hub", "aws_ec2_transit_gateway.hub"))
	findings := rule.deny with input as i
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "DX gateway aws_dx_gateway.main and TGW aws_ec2_transit_gateway.hub, associated by aws_dx_gateway_association.hub, both have Amazon-side ASN 64512: AWS refuses the association, the two ASNs must differ")
	assert.equals(f.resources, ["aws_ec2_transit_gateway.hub", "aws_dx_gateway.main", "aws_dx_gateway_association.hub"])
}

test_different_asns_quiet if {
	i := inp(64512, [hub(64601)], assoc("aws_dx_gateway_association.hub", "aws_ec2_transit_gateway.hub"))
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

# Only the TGW with the DX gateway's ASN is named.
test_one_of_two_tgws_fires if {
	assocs := object.union(
		assoc("aws_dx_gateway_association.east", "aws_ec2_transit_gateway.east"),
		assoc("aws_dx_gateway_association.west", "aws_ec2_transit_gateway.west"),
	)
	i := inp(65000, [tgw("aws_ec2_transit_gateway.east", 64512), tgw("aws_ec2_transit_gateway.west", 65000)], assocs)
	findings := rule.deny with input as i
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["aws_ec2_transit_gateway.west", "aws_dx_gateway.main", "aws_dx_gateway_association.west"])
}

# The type may be missing when the TGW is in the model.
test_tgw_known_by_element_fires if {
	a := {"aws_dx_gateway_association.hub": {"id": "aws_dx_gateway_association.hub", "dx_gateway": "aws_dx_gateway.main", "gateway": "aws_ec2_transit_gateway.hub"}}
	assert.size(rule.deny, 1) with input as inp(64512, [hub(64512)], a)
}

# A VGW association is NL105's and NL304's concern only for TGWs.
test_vgw_association_ignored if {
	a := {"aws_dx_gateway_association.vgw": {"id": "aws_dx_gateway_association.vgw", "dx_gateway": "aws_dx_gateway.main", "gateway": "aws_vpn_gateway.main", "gateway_type": "vpn_gateway"}}
	i := object.union(inp(64512, [], a), {"vpn_gateways": {"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "amazon_side_asn": 64512}}})
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

# A data source reads an association made elsewhere as a TGW attachment.
test_dx_attachment_data_source_fires if {
	att := {"data.aws_ec2_transit_gateway_dx_gateway_attachment.dx": {
		"id": "data.aws_ec2_transit_gateway_dx_gateway_attachment.dx", "address": "data.aws_ec2_transit_gateway_dx_gateway_attachment.dx",
		"kind": "direct_connect_gateway", "transit_gateway": "aws_ec2_transit_gateway.hub", "dx_gateway": "aws_dx_gateway.main",
	}}
	i := object.union(inp(64512, [hub(64512)], {}), {"tgw_attachments": att})
	some f in rule.deny with input as i
	contains(f.msg, "associated by data.aws_ec2_transit_gateway_dx_gateway_attachment.dx,")
}

# The attachment the loader implies for an association is the same link.
test_implied_attachment_not_counted_twice if {
	att := {"aws_dx_gateway_association.hub#attachment": {
		"id": "aws_dx_gateway_association.hub#attachment", "address": "aws_dx_gateway_association.hub#attachment",
		"kind": "direct_connect_gateway", "transit_gateway": "aws_ec2_transit_gateway.hub", "dx_gateway": "aws_dx_gateway.main",
	}}
	i := object.union(inp(64512, [hub(64512)], assoc("aws_dx_gateway_association.hub", "aws_ec2_transit_gateway.hub")), {"tgw_attachments": att})
	some f in rule.deny with input as i
	assert.equals(f.resources, ["aws_ec2_transit_gateway.hub", "aws_dx_gateway.main", "aws_dx_gateway_association.hub"])
}

test_tgw_asn_unknown_not_evaluated if {
	t := object.union(hub(0), {"unknown": ["amazon_side_asn"]})
	i := inp(64512, [t], assoc("aws_dx_gateway_association.hub", "aws_ec2_transit_gateway.hub"))
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_dx_gateway_association.hub"})
}

# 0 is the loader's "not stated": AWS's default is not assumed.
test_tgw_asn_absent_not_evaluated if {
	t := {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}
	i := inp(64512, [t], assoc("aws_dx_gateway_association.hub", "aws_ec2_transit_gateway.hub"))
	assert.empty(rule.deny) with input as i
	rule.not_evaluated == {{
		"resource": "aws_dx_gateway_association.hub",
		"reason": "the input does not state the Amazon-side ASN of TGW aws_ec2_transit_gateway.hub",
	}} with input as i
}

test_dx_asn_unknown_not_evaluated if {
	d := {"aws_dx_gateway.main": {"id": "aws_dx_gateway.main", "address": "aws_dx_gateway.main", "unknown": ["amazon_side_asn"]}}
	i := object.union(inp(0, [hub(64512)], assoc("aws_dx_gateway_association.hub", "aws_ec2_transit_gateway.hub")), {"dx_gateways": d})
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_dx_gateway_association.hub"})
}

test_tgw_outside_model_not_evaluated if {
	i := inp(64512, [], assoc("aws_dx_gateway_association.hub", "tgw-0123456789abcdef0"))
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_dx_gateway_association.hub"})
}

test_unknown_gateway_not_evaluated if {
	a := {"aws_dx_gateway_association.x": {"id": "aws_dx_gateway_association.x", "dx_gateway": "aws_dx_gateway.main", "gateway": "", "unknown": ["gateway"]}}
	i := inp(64512, [hub(64512)], a)
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_dx_gateway_association.x"})
}

test_unknown_gateway_type_not_evaluated if {
	a := {"aws_dx_gateway_association.x": {"id": "aws_dx_gateway_association.x", "dx_gateway": "aws_dx_gateway.main", "gateway": "gw-x", "unknown": ["gateway_type"]}}
	assert.equals(skipped(inp(64512, [], a)), {"aws_dx_gateway_association.x"})
}
