package acme.vpc_owner_tag_test

import data.acme.vpc_owner_tag

# The test builds a VPC with a field the model does not have ("labels" for
# "tags"): the rule fires, and the test would pass on an input netlint never
# produces.
test_unlabelled_vpc_denied if {
	count(vpc_owner_tag.deny) == 1 with input as {"vpcs": {"aws_vpc.a": {"id": "aws_vpc.a", "labels": {}}}}
}
