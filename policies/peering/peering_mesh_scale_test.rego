package netlint.rules.peering.peering_mesh_scale_test

import data.netlint.assert
import data.netlint.rules.peering.peering_mesh_scale as rule

pcx(a, b) := {"id": id, "address": id, "requester_vpc": a, "accepter_vpc": b, "status": "active"} if {
	id := sprintf("aws_vpc_peering_connection.%s_%s", [trim_prefix(a, "aws_vpc."), trim_prefix(b, "aws_vpc.")])
}

# full_mesh peers every pair of the VPCs aws_vpc.<prefix>1 .. aws_vpc.<prefix>n.
full_mesh(prefix, n) := {p.id: p |
	some i in numbers.range(1, n)
	some j in numbers.range(1, n)
	j > i
	p := pcx(sprintf("aws_vpc.%s%02d", [prefix, i]), sprintf("aws_vpc.%s%02d", [prefix, j]))
}

vpcs(prefix, n) := {id: {"id": id, "address": id, "cidrs": []} | some i in numbers.range(1, n); id := sprintf("aws_vpc.%s%02d", [prefix, i])}

test_full_mesh_of_six_fires if {
	inp := {"vpcs": vpcs("v", 6), "peerings": full_mesh("v", 6)}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "15 VPC peering connections join 6 VPCs (aws_vpc.v01, aws_vpc.v02, aws_vpc.v03, aws_vpc.v04, aws_vpc.v05, aws_vpc.v06), more than max_peerings 10. Peering is one-to-one and not transitive, so every pair of VPCs that must talk needs its own peering and routes; a Transit Gateway would join these VPCs with 6 attachments instead")
	assert.size(f.resources, 15)
	assert.equals(f.resources[0], "aws_vpc_peering_connection.v01_v02")
}

test_full_mesh_of_five_quiet if {
	assert.empty(rule.deny) with input as {"vpcs": vpcs("v", 5), "peerings": full_mesh("v", 5)}
}

# Two separate meshes of 10 peerings each are not one mesh of 20.
test_separate_meshes_counted_apart if {
	inp := {"vpcs": object.union(vpcs("a", 5), vpcs("b", 5)), "peerings": object.union(full_mesh("a", 5), full_mesh("b", 5))}
	assert.empty(rule.deny) with input as inp
}

test_hub_and_spoke_fires if {
	spokes := {p.id: p | some i in numbers.range(1, 11); p := pcx("aws_vpc.shared", sprintf("aws_vpc.s%02d", [i]))}
	findings := rule.deny with input as {"vpcs": {}, "peerings": spokes}
	some f in findings
	startswith(f.msg, "11 VPC peering connections join 12 VPCs (aws_vpc.s01, aws_vpc.s02,")
	contains(f.msg, "aws_vpc.s11, aws_vpc.shared), more than max_peerings 10.")
}

test_max_peerings_param if {
	inp := {"vpcs": vpcs("v", 3), "peerings": full_mesh("v", 3), "config": {"rules": {"NL502": {"max_peerings": 2}}}}
	assert.size(rule.deny, 1) with input as inp
	assert.empty(rule.deny) with input as object.union(inp, {"config": {"rules": {"NL502": {"max_peerings": 3}}}})
}

test_deleted_peerings_do_not_count if {
	mesh := full_mesh("v", 6)
	dead := {id: object.union(p, {"status": "deleted"}) | some id, p in mesh; endswith(id, "v06")}
	assert.empty(rule.deny) with input as {"vpcs": vpcs("v", 6), "peerings": object.union(mesh, dead)}
}

test_long_vpc_list_is_cut if {
	findings := rule.deny with input as {"vpcs": {}, "peerings": full_mesh("v", 14)}
	some f in findings
	contains(f.msg, "aws_vpc.v09, aws_vpc.v10 and 4 more), more")
}

# VPCs outside the model (another account) are named by their id.
test_raw_vpc_ids if {
	inp := {"vpcs": {}, "peerings": {sprintf("pcx-%d", [i]): {"id": sprintf("pcx-%d", [i]), "address": sprintf("pcx-%d", [i]), "requester_vpc": "vpc-hub", "accepter_vpc": sprintf("vpc-%02d", [i]), "status": "active"} | some i in numbers.range(1, 11)}}
	some f in rule.deny with input as inp
	contains(f.msg, "join 12 VPCs")
	contains(f.msg, "vpc-hub")
}

test_unknown_vpc_not_evaluated if {
	inp := {"vpcs": {}, "peerings": object.union(full_mesh("v", 3), {"aws_vpc_peering_connection.x": {"id": "aws_vpc_peering_connection.x", "address": "aws_vpc_peering_connection.x", "requester_vpc": "aws_vpc.v01", "accepter_vpc": "", "unknown": ["accepter_vpc"]}})}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpc_peering_connection.x", "reason": "the VPC of one of its sides is not known until apply"}}) with input as inp
}

# A large mesh evaluates in one pass per VPC, not per pair of peerings.
test_large_mesh if {
	findings := rule.deny with input as {"vpcs": {}, "peerings": full_mesh("v", 60)}
	some f in findings
	startswith(f.msg, "1770 VPC peering connections join 60 VPCs")
}
