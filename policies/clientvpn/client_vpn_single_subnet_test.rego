package netlint.rules.clientvpn.client_vpn_single_subnet_test

import data.netlint.assert
import data.netlint.rules.clientvpn.client_vpn_single_subnet as rule

ep_id := "aws_ec2_client_vpn_endpoint.remote"

vpcs := {"aws_vpc.main": {"id": "aws_vpc.main", "address": "aws_vpc.main", "cidrs": ["10.0.0.0/16"]}}

subnet(id, az) := {"id": id, "address": id, "vpc": "aws_vpc.main", "az": az}

subnets := {
	"aws_subnet.a": subnet("aws_subnet.a", "us-east-1a"),
	"aws_subnet.a2": subnet("aws_subnet.a2", "us-east-1a"),
	"aws_subnet.b": subnet("aws_subnet.b", "us-east-1b"),
}

assoc(s) := {"address": sprintf("aws_ec2_client_vpn_network_association.%s", [s]), "subnet": s}

endpoint(fields) := {ep_id: object.union(
	{"id": ep_id, "address": ep_id, "client_cidr": "10.100.0.0/22", "associations": [], "authorizations": [], "authentication": []},
	fields,
)}

inp(fields) := {"vpcs": vpcs, "subnets": subnets, "client_vpn_endpoints": endpoint(fields)}

test_one_association_fires if {
	findings := rule.deny with input as inp({"associations": [assoc("aws_subnet.a")]})
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote (pool 10.100.0.0/22) is associated with one subnet only (aws_subnet.a in us-east-1a): when its AZ fails, no client can connect; associate a subnet in a second AZ (aws_vpc.main has subnets in us-east-1b)")
	assert.equals(f.resources, [ep_id, "aws_subnet.a"])
}

test_no_association_fires if {
	some f in rule.deny with input as inp({"associations": null})
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote (pool 10.100.0.0/22) has no target network association: no client can connect until a subnet is associated; associate subnets in at least two AZs")
}

test_two_associations_in_one_az_fire if {
	some f in rule.deny with input as inp({"associations": [assoc("aws_subnet.a"), assoc("aws_subnet.a2")]})
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote (pool 10.100.0.0/22) is associated only with subnets aws_subnet.a, aws_subnet.a2, all in us-east-1a: AWS allows one associated subnet per AZ, and one AZ gives no failover; associate subnets in other AZs (aws_vpc.main has subnets in us-east-1b)")
	assert.equals(f.resources, [ep_id, "aws_subnet.a", "aws_subnet.a2"])
}

test_two_azs_quiet if {
	assert.empty(rule.deny) with input as inp({"associations": [assoc("aws_subnet.a"), assoc("aws_subnet.b")]})
}

test_one_association_with_unknown_subnet_still_fires if {
	a := {"address": "aws_ec2_client_vpn_network_association.x", "subnet": "", "unknown": ["subnet"]}
	some f in rule.deny with input as inp({"associations": [a]})
	contains(f.msg, "is associated with one subnet only (a subnet not known yet)")
	assert.equals(f.resources, [ep_id])
}

test_unknown_subnet_of_several_not_evaluated if {
	a := {"address": "aws_ec2_client_vpn_network_association.x", "subnet": "", "unknown": ["subnet"]}
	i := inp({"associations": [assoc("aws_subnet.a"), a]})
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "the subnet of an association is not known until apply"}}) with input as i
}

test_subnet_outside_model_not_evaluated if {
	i := inp({"associations": [assoc("aws_subnet.a"), assoc("subnet-0123456789abcdef0")]})
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "the Availability Zone of associated subnet subnet-0123456789abcdef0 is not known (it is outside this input, or known only after apply)"}}) with input as i
}

test_unknown_associations_not_evaluated if {
	i := inp({"unknown": ["associations"]})
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "its target network associations are not all known (an association whose endpoint cannot be resolved may be one of them)"}}) with input as i
}

test_vpc_from_the_associated_subnets if {
	# No vpc link on the endpoint: the served VPC is the associated subnet's.
	i := {"vpcs": vpcs, "subnets": subnets, "client_vpn_endpoints": {ep_id: {"id": ep_id, "address": ep_id, "associations": [assoc("aws_subnet.a")], "authorizations": [], "authentication": []}}}
	some f in rule.deny with input as i
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote is associated with one subnet only (aws_subnet.a in us-east-1a): when its AZ fails, no client can connect; associate a subnet in a second AZ (aws_vpc.main has subnets in us-east-1b)")
}
