package acme.vpc_owner_tag_test

import data.acme.vpc_owner_tag

# Wrong on purpose: an untagged VPC is denied, so this test fails.
test_untagged_vpc_allowed if {
	count(vpc_owner_tag.deny) == 0 with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a"}}}
}
