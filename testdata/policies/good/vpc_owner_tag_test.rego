package acme.vpc_owner_tag_test

import data.acme.vpc_owner_tag

test_untagged_vpc_denied if {
	count(vpc_owner_tag.deny) == 1 with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a"}}}
}

test_tagged_vpc_allowed if {
	count(vpc_owner_tag.deny) == 0 with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a", "tags": {"owner": "net"}}}}
}

test_builtin_is_available if {
	netlint.cidr_overlaps([["a", "10.0.0.0/8"], ["b", "10.1.0.0/16"]]) == [[0, 1]]
}
