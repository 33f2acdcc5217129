package acme.vpc_owner_tag_test

import data.acme.vpc_owner_tag
import data.netlint.assert

test_untagged_vpc_denied if {
	assert.size(vpc_owner_tag.deny, 1) with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a"}}}
}

test_tagged_vpc_allowed if {
	assert.empty(vpc_owner_tag.deny) with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a", "tags": {"owner": "net"}}}}
}

test_builtin_is_available if {
	netlint.cidr_overlaps([["a", "10.0.0.0/8"], ["b", "10.1.0.0/16"]]) == [[0, 1]]
}
