package netlint.rules.addressing.vpc_addressing_invalid_test

import data.netlint.assert
import data.netlint.rules.addressing.vpc_addressing_invalid as rule

vpc(id, cidrs) := {"id": id, "address": id, "cidrs": cidrs}

subnet(id, vpc_id, cidr) := {"id": id, "address": id, "vpc": vpc_id, "cidr": cidr}

main := vpc("aws_vpc.main", ["10.20.0.0/16", "100.64.0.0/16"])

inp(vpcs, subnets) := {"vpcs": {v.id: v | some v in vpcs}, "subnets": {s.id: s | some s in subnets}}

msgs(i) := {f.msg | some f in findings} if findings := rule.deny with input as i

# skipped are the IDs of the elements not evaluated.
skipped(i) := {x.resource | some x in xs} if xs := rule.not_evaluated with input as i

test_valid_design_quiet if {
	i := inp([main], [
		subnet("aws_subnet.a", "aws_vpc.main", "10.20.0.0/24"),
		subnet("aws_subnet.b", "aws_vpc.main", "10.20.1.0/24"),
		subnet("aws_subnet.pods", "aws_vpc.main", "100.64.0.0/17"),
	])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

test_vpc_block_too_large_fires if {
	i := inp([vpc("aws_vpc.big", ["10.0.0.0/8"])], [])
	assert.equals(msgs(i), {"VPC aws_vpc.big has IPv4 block 10.0.0.0/8: AWS accepts VPC blocks from /16 to /28"})
}

test_vpc_secondary_too_small_fires if {
	i := inp([vpc("aws_vpc.v", ["10.0.0.0/16", "10.1.0.0/29"])], [])
	assert.equals(msgs(i), {"VPC aws_vpc.v has IPv4 block 10.1.0.0/29: AWS accepts VPC blocks from /16 to /28"})
}

test_ipv6_vpc_block_not_judged_for_size if {
	v := object.union(vpc("aws_vpc.v", ["10.0.0.0/16"]), {"ipv6_cidrs": ["2600:1f18:1234:5600::/56"]})
	assert.empty(rule.deny) with input as inp([v], [])
}

test_subnet_size_fires if {
	i := inp([main], [subnet("aws_subnet.tiny", "aws_vpc.main", "10.20.0.0/29")])
	f := [x | some x in rule.deny] with input as i
	assert.size(f, 1)
	assert.equals(f[0].msg, "subnet aws_subnet.tiny has IPv4 block 10.20.0.0/29: AWS accepts subnet blocks from /16 to /28")
	assert.equals(f[0].resources, ["aws_subnet.tiny"])
}

test_link_local_fires_for_vpc_and_subnet if {
	i := inp([vpc("aws_vpc.ll", ["169.254.0.0/16"])], [subnet("aws_subnet.ll", "aws_vpc.ll", "169.254.1.0/24")])
	msgs(i) == {
		"VPC aws_vpc.ll has IPv4 block 169.254.0.0/16, the link-local range, which AWS never allows in a VPC",
		"subnet aws_subnet.ll has IPv4 block 169.254.1.0/24 in 169.254.0.0/16, the link-local range, which AWS never allows in a VPC",
	}
}

test_subnet_outside_vpc_fires if {
	i := inp([main], [subnet("aws_subnet.x", "aws_vpc.main", "10.21.0.0/24")])
	f := [x | some x in rule.deny] with input as i
	assert.size(f, 1)
	assert.equals(f[0].msg, "subnet aws_subnet.x (10.21.0.0/24) is not inside any IPv4 block of VPC aws_vpc.main (10.20.0.0/16, 100.64.0.0/16): AWS creates a subnet only within its VPC's blocks")
	assert.equals(f[0].resources, ["aws_subnet.x", "aws_vpc.main"])
}

# A subnet larger than its VPC is not inside it either.
test_subnet_wider_than_vpc_fires if {
	i := inp([vpc("aws_vpc.small", ["10.0.0.0/24"])], [subnet("aws_subnet.x", "aws_vpc.small", "10.0.0.0/23")])
	some m in msgs(i)
	startswith(m, "subnet aws_subnet.x (10.0.0.0/23) is not inside any IPv4 block of VPC aws_vpc.small")
}

test_overlapping_subnets_fire_once_per_pair if {
	i := inp([main], [
		subnet("aws_subnet.a", "aws_vpc.main", "10.20.0.0/24"),
		subnet("aws_subnet.b", "aws_vpc.main", "10.20.0.128/25"),
		subnet("aws_subnet.c", "aws_vpc.main", "10.20.1.0/24"),
	])
	f := [x | some x in rule.deny] with input as i
	assert.size(f, 1)
	assert.equals(f[0].msg, "subnets aws_subnet.a (10.20.0.0/24) and aws_subnet.b (10.20.0.128/25) of VPC aws_vpc.main overlap: AWS refuses a subnet whose block overlaps another subnet of the VPC")
	assert.equals(f[0].resources, ["aws_subnet.a", "aws_subnet.b", "aws_vpc.main"])
}

test_same_block_in_two_vpcs_quiet if {
	i := inp([main, vpc("aws_vpc.other", ["10.20.0.0/16"])], [
		subnet("aws_subnet.a", "aws_vpc.main", "10.20.0.0/24"),
		subnet("aws_subnet.b", "aws_vpc.other", "10.20.0.0/24"),
	])
	assert.empty(rule.deny) with input as i
}

# A new subnet that overlaps an existing one is refused; two existing subnets
# were accepted and are not judged.
test_new_subnet_over_existing_fires if {
	old := object.union(subnet("aws_subnet.old", "aws_vpc.main", "10.20.0.0/24"), {"aws_id": "subnet-0abc"})
	i := inp([main], [old, subnet("aws_subnet.new", "aws_vpc.main", "10.20.0.0/25")])
	assert.size(rule.deny, 1) with input as i
}

test_existing_subnets_not_judged if {
	a := object.union(subnet("aws_subnet.a", "aws_vpc.main", "10.99.0.0/29"), {"aws_id": "subnet-0a"})
	b := object.union(subnet("aws_subnet.b", "aws_vpc.main", "10.99.0.0/29"), {"aws_id": "subnet-0b"})
	i := inp([main], [a, b])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

test_secondary_forbidden_by_primary_fires if {
	i := inp([vpc("aws_vpc.v", ["10.0.0.0/16", "192.168.0.0/16", "100.64.0.0/16", "10.8.0.0/16"])], [])
	assert.equals(msgs(i), {"VPC aws_vpc.v has secondary block 192.168.0.0/16, which AWS refuses with primary block 10.0.0.0/16: a VPC whose primary block is in 10.0.0.0/8 takes no secondary block from 192.168.0.0/16"})
}

test_secondary_table_rows if {
	cases := [
		[["172.16.0.0/16", "172.31.0.0/16"], "172.31.0.0/16", "in 172.16.0.0/12"],
		[["172.16.0.0/16", "10.1.0.0/16"], "10.0.0.0/8", "in 172.16.0.0/12"],
		[["192.168.0.0/16", "198.19.0.0/16"], "198.19.0.0/16", "in 192.168.0.0/16"],
		[["198.19.0.0/16", "172.20.0.0/16"], "172.16.0.0/12", "in 198.19.0.0/16"],
		[["100.64.0.0/16", "10.0.0.0/16"], "10.0.0.0/8", "public or in 100.64.0.0/10"],
		[["52.10.0.0/16", "198.19.0.0/16"], "198.19.0.0/16", "public or in 100.64.0.0/10"],
	]
	every c in cases {
		m := msgs(inp([vpc("aws_vpc.v", c[0])], []))
		assert.equals(m, {sprintf("VPC aws_vpc.v has secondary block %s, which AWS refuses with primary block %s: a VPC whose primary block is %s takes no secondary block from %s", [c[0][1], c[0][0], c[2], c[1]])})
	}
}

test_allowed_secondaries_quiet if {
	cases := [
		["172.16.0.0/16", "172.20.0.0/16", "100.64.0.0/16", "52.10.0.0/16"],
		["192.168.0.0/16", "100.64.0.0/16", "52.10.0.0/16"],
		["198.19.0.0/16", "100.64.0.0/16", "52.10.0.0/16"],
		["100.64.0.0/16", "100.65.0.0/16", "52.10.0.0/16"],
		["10.2.0.0/16", "10.3.0.0/16", "100.64.0.0/16"],
	]
	every c in cases {
		assert.empty(rule.deny) with input as inp([vpc("aws_vpc.v", c)], [])
	}
}

test_ten_sixteen_after_primary_in_ten_fifteen_fires if {
	i := inp([vpc("aws_vpc.v", ["10.1.0.0/16", "10.0.0.0/16"])], [])
	assert.equals(msgs(i), {"VPC aws_vpc.v has secondary block 10.0.0.0/16, which AWS refuses because its primary block 10.1.0.0/16 is in 10.0.0.0/15"})
}

test_two_secondaries_in_ten_sixteen_fire if {
	i := inp([vpc("aws_vpc.v", ["10.2.0.0/16", "10.0.0.0/24", "10.0.1.0/24"])], [])
	assert.equals(msgs(i), {"VPC aws_vpc.v has secondary blocks 10.0.0.0/24, 10.0.1.0/24, all in 10.0.0.0/16: once one is associated the VPC has a block in 10.0.0.0/15, and AWS refuses the others"})
}

test_one_secondary_in_ten_sixteen_quiet if {
	i := inp([vpc("aws_vpc.v", ["10.2.0.0/16", "10.0.0.0/16"])], [])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

# Whether AWS refuses 10.0.0.0/16 depends on whether 10.1.0.0/16 is associated
# first: the plan does not say.
test_ten_sixteen_order_dependent_not_evaluated if {
	i := inp([vpc("aws_vpc.v", ["10.2.0.0/16", "10.0.0.0/16", "10.1.0.0/16"])], [])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_vpc.v"})
}

test_live_vpc_not_judged if {
	v := {"id": "vpc-0abc", "address": "vpc-0abc", "aws_id": "vpc-0abc", "cidrs": ["10.1.0.0/16", "10.0.0.0/16"]}
	assert.empty(rule.deny) with input as inp([v], [])
}

test_unknown_vpc_blocks_not_evaluated if {
	v := object.union(vpc("aws_vpc.ipam", []), {"unknown": ["cidrs"]})
	i := inp([v], [subnet("aws_subnet.a", "aws_vpc.ipam", "10.0.0.0/24")])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_vpc.ipam", "aws_subnet.a"})
}

# A known secondary beside an unknown primary: the first block may not be the
# primary, so the table is not applied; a subnet inside a known block is fine.
test_partly_unknown_vpc_blocks if {
	v := object.union(vpc("aws_vpc.ipam", ["192.168.0.0/16"]), {"unknown": ["cidrs"]})
	i := inp([v], [subnet("aws_subnet.a", "aws_vpc.ipam", "192.168.1.0/24")])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_vpc.ipam"})
}

test_unknown_subnet_block_not_evaluated if {
	s := object.union(subnet("aws_subnet.a", "aws_vpc.main", ""), {"unknown": ["cidr"]})
	i := inp([main], [s])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_subnet.a"})
}

test_subnet_vpc_outside_model_not_evaluated if {
	i := inp([], [subnet("aws_subnet.a", "vpc-0abc", "10.0.0.0/24"), subnet("aws_subnet.b", "vpc-0abc", "10.0.0.0/24")])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_subnet.a", "aws_subnet.b"})
}

test_subnet_vpc_unknown_not_evaluated if {
	s := object.union(subnet("aws_subnet.a", "", "10.20.0.0/24"), {"unknown": ["vpc"]})
	i := inp([main], [s, subnet("aws_subnet.b", "aws_vpc.main", "10.20.0.0/24")])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_subnet.a"})
}

# The size and link-local checks need no VPC.
test_subnet_size_judged_without_vpc if {
	s := object.union(subnet("aws_subnet.a", "", "10.20.0.0/30"), {"unknown": ["vpc"]})
	assert.size(rule.deny, 1) with input as inp([], [s])
}

# An existing VPC that Terraform manages may have secondary blocks that another
# configuration associates: a new subnet outside the known ones is not judged.
test_existing_managed_vpc_may_have_more_blocks if {
	v := object.union(vpc("aws_vpc.shared", ["10.20.0.0/16"]), {"aws_id": "vpc-0abc"})
	i := inp([v], [subnet("aws_subnet.pods", "aws_vpc.shared", "100.64.0.0/24")])
	assert.empty(rule.deny) with input as i
	rule.not_evaluated == {{
		"resource": "aws_subnet.pods",
		"reason": "its block 100.64.0.0/24 is outside the known blocks of VPC aws_vpc.shared (10.20.0.0/16), which may have more: another configuration may associate secondary blocks with this existing VPC",
	}} with input as i
}

# A data source reads every block of the VPC.
test_data_source_vpc_is_complete if {
	v := {"id": "data.aws_vpc.shared", "address": "data.aws_vpc.shared", "aws_id": "vpc-0abc", "cidrs": ["10.20.0.0/16", "100.64.0.0/16"]}
	i := inp([v], [subnet("module.app.aws_subnet.x", "data.aws_vpc.shared", "100.65.0.0/24")])
	assert.size(rule.deny, 1) with input as i
}
