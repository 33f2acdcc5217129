package netlint.rules.dx.dx_allowed_prefixes_test

import data.netlint.assert
import data.netlint.rules.dx.dx_allowed_prefixes as rule

# skipped are the IDs of the elements not evaluated.
skipped(i) := {x.resource | some x in xs} if xs := rule.not_evaluated with input as i

dxgws := {"aws_dx_gateway.main": {"id": "aws_dx_gateway.main", "address": "aws_dx_gateway.main", "amazon_side_asn": 64512}}

tgws := {id: {"id": id, "address": id, "amazon_side_asn": 64600} | some id in ["aws_ec2_transit_gateway.east", "aws_ec2_transit_gateway.west"]}

vgws := {"aws_vpn_gateway.legacy": {"id": "aws_vpn_gateway.legacy", "address": "aws_vpn_gateway.legacy", "vpc": "aws_vpc.legacy"}}

vpcs := {"aws_vpc.legacy": {"id": "aws_vpc.legacy", "address": "aws_vpc.legacy", "cidrs": ["10.8.0.0/16", "100.64.0.0/16"]}}

assoc(id, gw, gw_type, prefixes) := {
	"id": id, "address": id, "dx_gateway": "aws_dx_gateway.main",
	"gateway": gw, "gateway_type": gw_type, "allowed_prefixes": prefixes,
}

tgw_assoc(name, prefixes) := assoc(sprintf("aws_dx_gateway_association.%s", [name]), sprintf("aws_ec2_transit_gateway.%s", [name]), "transit_gateway", prefixes)

vgw_assoc(prefixes) := assoc("aws_dx_gateway_association.legacy", "aws_vpn_gateway.legacy", "vpn_gateway", prefixes)

inp(assocs) := {
	"dx_gateways": dxgws, "transit_gateways": tgws, "vpn_gateways": vgws, "vpcs": vpcs,
	"dx_gateway_associations": {a.id: a | some a in assocs},
}

test_well_built_quiet if {
	i := inp([tgw_assoc("east", ["10.0.0.0/14"]), tgw_assoc("west", ["10.4.0.0/14"]), vgw_assoc(["10.8.0.0/16"])])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

test_tgw_association_without_prefixes_fires if {
	findings := rule.deny with input as inp([tgw_assoc("east", [])])
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_dx_gateway_association.east associates DX gateway aws_dx_gateway.main with TGW aws_ec2_transit_gateway.east without allowed prefixes: AWS requires them for a Transit Gateway association, and with none the on-premises network never reaches the Transit Gateway's VPCs")
	assert.equals(f.resources, ["aws_dx_gateway_association.east", "aws_dx_gateway.main", "aws_ec2_transit_gateway.east"])
}

# Go writes an empty list as nothing at all (omitempty).
test_absent_prefixes_are_none if {
	a := object.remove(tgw_assoc("east", []), ["allowed_prefixes"])
	assert.size(rule.deny, 1) with input as inp([a])
}

# Terraform shows allowed_prefixes computed when it is not set.
test_unknown_prefixes_not_evaluated if {
	a := object.union(tgw_assoc("east", []), {"unknown": ["allowed_prefixes"]})
	assert.empty(rule.deny) with input as inp([a])
	assert.equals(skipped(inp([a])), {"aws_dx_gateway_association.east"})
}

test_vgw_prefixes_narrower_than_vpc_fire if {
	findings := rule.deny with input as inp([vgw_assoc(["10.8.0.0/17", "10.8.128.0/17"])])
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "the allowed prefixes of aws_dx_gateway_association.legacy (10.8.0.0/17, 10.8.128.0/17) cover no CIDR of VPC aws_vpc.legacy (10.8.0.0/16, 100.64.0.0/16) behind VGW aws_vpn_gateway.legacy: for a VGW they filter the VPC's CIDRs and must be equal to or wider than one, so nothing of the VPC is advertised over Direct Connect")
	assert.equals(f.resources, ["aws_dx_gateway_association.legacy", "aws_dx_gateway.main", "aws_vpn_gateway.legacy", "aws_vpc.legacy"])
}

test_vgw_prefixes_elsewhere_fire if {
	assert.size(rule.deny, 1) with input as inp([vgw_assoc(["192.168.0.0/16"])])
}

# A wider prefix, or one CIDR covered while a secondary range is left out.
test_vgw_prefixes_covering_quiet if {
	assert.empty(rule.deny) with input as inp([vgw_assoc(["10.0.0.0/8"])])
	assert.empty(rule.deny) with input as inp([vgw_assoc(["10.8.0.0/16"])])
	assert.empty(rule.not_evaluated) with input as inp([vgw_assoc(["10.8.0.0/16"])])
}

test_vgw_without_prefixes_quiet if {
	assert.empty(rule.deny) with input as inp([vgw_assoc([])])
	assert.empty(rule.not_evaluated) with input as inp([vgw_assoc([])])
}

test_vgw_vpc_cidrs_unknown_not_evaluated if {
	i := object.union(inp([vgw_assoc(["192.168.0.0/16"])]), {"vpcs": {"aws_vpc.legacy": {"id": "aws_vpc.legacy", "cidrs": ["10.8.0.0/16"], "unknown": ["cidrs"]}}})
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_dx_gateway_association.legacy"})
}

test_vgw_vpc_outside_model_not_evaluated if {
	i := object.union(inp([vgw_assoc(["192.168.0.0/16"])]), {"vpn_gateways": {"aws_vpn_gateway.legacy": {"id": "aws_vpn_gateway.legacy", "address": "aws_vpn_gateway.legacy", "vpc": "vpc-0abc"}}})
	assert.empty(rule.deny) with input as i
	rule.not_evaluated == {{
		"resource": "aws_dx_gateway_association.legacy",
		"reason": "VPC vpc-0abc of VGW aws_vpn_gateway.legacy is outside this input",
	}} with input as i
}

test_vgw_unknown_prefixes_not_evaluated if {
	a := object.union(vgw_assoc([]), {"unknown": ["allowed_prefixes"]})
	assert.equals(skipped(inp([a])), {"aws_dx_gateway_association.legacy"})
}

test_overlapping_prefixes_across_tgws_fire if {
	i := inp([tgw_assoc("east", ["10.0.0.0/14", "172.16.0.0/16"]), tgw_assoc("west", ["10.1.0.0/16", "172.16.0.0/16", "10.4.0.0/14"])])
	findings := rule.deny with input as i
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_dx_gateway_association.east and aws_dx_gateway_association.west give overlapping allowed prefixes to two Transit Gateways on DX gateway aws_dx_gateway.main (10.0.0.0/14 of TGW aws_ec2_transit_gateway.east and 10.1.0.0/16 of TGW aws_ec2_transit_gateway.west, 172.16.0.0/16 of TGW aws_ec2_transit_gateway.east and 172.16.0.0/16 of TGW aws_ec2_transit_gateway.west): AWS does not allow allowed prefixes that overlap across the Transit Gateways of one DX gateway")
	assert.equals(f.resources, ["aws_dx_gateway_association.east", "aws_dx_gateway_association.west", "aws_dx_gateway.main", "aws_ec2_transit_gateway.east", "aws_ec2_transit_gateway.west"])
}

test_overlap_on_different_dx_gateways_quiet if {
	w := object.union(tgw_assoc("west", ["10.0.0.0/16"]), {"dx_gateway": "aws_dx_gateway.other"})
	assert.empty(rule.deny) with input as inp([tgw_assoc("east", ["10.0.0.0/14"]), w])
}

test_unknown_gateway_type_not_evaluated if {
	a := object.union(assoc("aws_dx_gateway_association.x", "gw-x", "", []), {"unknown": ["gateway_type"]})
	assert.empty(rule.deny) with input as inp([a])
	assert.equals(skipped(inp([a])), {"aws_dx_gateway_association.x"})
}

test_tgw_known_by_element_fires if {
	a := object.remove(tgw_assoc("east", []), ["gateway_type"])
	assert.size(rule.deny, 1) with input as inp([a])
}
