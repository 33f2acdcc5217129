package netlint.rules.privatelink.privatelink_single_az_test

import data.netlint.assert
import data.netlint.rules.privatelink.privatelink_single_az as rule

ep_id := `module.consumer["prod"].aws_vpc_endpoint.this["execute-api"]`

vpcs := {"aws_vpc.consumer": {"id": "aws_vpc.consumer", "address": "aws_vpc.consumer", "cidrs": ["10.0.0.0/16"]}}

subnet(id, az) := {"id": id, "address": id, "vpc": "aws_vpc.consumer", "az": az}

subnets := {
	"aws_subnet.a": subnet("aws_subnet.a", "us-east-1a"),
	"aws_subnet.b": subnet("aws_subnet.b", "us-east-1b"),
}

endpoint(fields) := {ep_id: object.union(
	{
		"id": ep_id, "address": ep_id, "vpc": "aws_vpc.consumer", "region": "us-east-1",
		"endpoint_type": "Interface", "service_name": "com.amazonaws.us-east-1.execute-api",
	},
	fields,
)}

inp(fields) := {"vpcs": vpcs, "subnets": subnets, "vpc_endpoints": endpoint(fields)}

test_one_subnet_fires if {
	findings := rule.deny with input as inp({"subnets": ["aws_subnet.a"]})
	assert.size(findings, 1)
	some f in findings
	f.msg == `interface endpoint module.consumer["prod"].aws_vpc_endpoint.this["execute-api"] (com.amazonaws.us-east-1.execute-api) has its network interfaces only in subnet aws_subnet.a in us-east-1a: when us-east-1a fails, every client in aws_vpc.consumer loses the service; the VPC also has subnets in us-east-1b`
	assert.equals(f.resources, [ep_id, "aws_subnet.a"])
}

test_two_subnets_one_zone_fire if {
	s := {
		"aws_subnet.a": subnet("aws_subnet.a", "us-east-1a"),
		"aws_subnet.a2": subnet("aws_subnet.a2", "us-east-1a"),
	}
	i := {"vpcs": vpcs, "subnets": s, "vpc_endpoints": endpoint({"subnets": ["aws_subnet.a", "aws_subnet.a2"]})}
	some f in rule.deny with input as i
	endswith(f.msg, "only in subnets aws_subnet.a, aws_subnet.a2, all in us-east-1a: when us-east-1a fails, every client in aws_vpc.consumer loses the service")
}

test_two_zones_quiet if {
	assert.empty(rule.deny) with input as inp({"subnets": ["aws_subnet.a", "aws_subnet.b"]})
}

test_gateway_and_gwlb_endpoints_ignored if {
	assert.empty(rule.deny) with input as inp({"subnets": ["aws_subnet.a"], "endpoint_type": "GatewayLoadBalancer"})
	assert.empty(rule.deny) with input as inp({"subnets": [], "endpoint_type": "Gateway"})
}

test_no_subnets_quiet if {
	assert.empty(rule.deny) with input as inp({"subnets": null})
}

test_unknown_az_not_evaluated if {
	s := object.union(subnets, {"aws_subnet.new": {"id": "aws_subnet.new", "vpc": "aws_vpc.consumer", "az": "", "unknown": ["az", "az_id"]}})
	i := {"vpcs": vpcs, "subnets": s, "vpc_endpoints": endpoint({"subnets": ["aws_subnet.new"]})}
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "the Availability Zone of subnet aws_subnet.new is not known (it is outside this input, or known only after apply)"}}) with input as i
}

test_subnet_outside_model_not_evaluated if {
	i := inp({"subnets": ["aws_subnet.a", "subnet-0123456789abcdef0"]})
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "the Availability Zone of subnet subnet-0123456789abcdef0 is not known (it is outside this input, or known only after apply)"}}) with input as i
}

test_unknown_subnets_not_evaluated if {
	i := inp({"subnets": [], "unknown": ["subnets"]})
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "its subnets are not all known (a subnet known only after apply, or a subnet association whose endpoint cannot be resolved)"}}) with input as i
}
