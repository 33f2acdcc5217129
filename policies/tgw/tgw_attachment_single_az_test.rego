package netlint.rules.tgw.tgw_attachment_single_az_test

import data.netlint.assert
import data.netlint.rules.tgw.tgw_attachment_single_az as rule

hub := {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}}

vpcs := {"aws_vpc.spoke": {"id": "aws_vpc.spoke", "address": "aws_vpc.spoke", "cidrs": ["10.1.0.0/16"]}}

subnet(id, az) := {"id": id, "address": id, "vpc": "aws_vpc.spoke", "az": az}

subnets := {
	"aws_subnet.tgw_a": subnet("aws_subnet.tgw_a", "us-east-1a"),
	"aws_subnet.tgw_b": subnet("aws_subnet.tgw_b", "us-east-1b"),
	"aws_subnet.app_b": subnet("aws_subnet.app_b", "us-east-1b"),
	"aws_subnet.app_c": subnet("aws_subnet.app_c", "us-east-1c"),
}

att(subnet_ids) := {"aws_ec2_transit_gateway_vpc_attachment.spoke": {
	"id": "aws_ec2_transit_gateway_vpc_attachment.spoke", "address": "aws_ec2_transit_gateway_vpc_attachment.spoke",
	"kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.spoke", "subnets": subnet_ids,
}}

inp(atts) := {"transit_gateways": hub, "vpcs": vpcs, "subnets": subnets, "tgw_attachments": atts}

test_one_subnet_fires_and_names_stranded_zones if {
	findings := rule.deny with input as inp(att(["aws_subnet.tgw_a"]))
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_ec2_transit_gateway_vpc_attachment.spoke attaches aws_vpc.spoke to aws_ec2_transit_gateway.hub only through subnet aws_subnet.tgw_a in us-east-1a: when us-east-1a fails, the whole VPC loses the TGW, and its subnets in us-east-1b, us-east-1c cannot reach the TGW even now")
	assert.equals(f.resources, ["aws_ec2_transit_gateway_vpc_attachment.spoke", "aws_subnet.tgw_a"])
}

test_two_subnets_in_one_zone_fire if {
	findings := rule.deny with input as inp(att(["aws_subnet.tgw_b", "aws_subnet.app_b"]))
	some f in findings
	contains(f.msg, "only through subnets aws_subnet.app_b, aws_subnet.tgw_b, all in us-east-1b: when us-east-1b fails")
	contains(f.msg, "its subnets in us-east-1a, us-east-1c cannot reach")
}

test_vpc_with_one_zone_has_no_stranded_phrase if {
	one := {"aws_subnet.tgw_a": subnet("aws_subnet.tgw_a", "us-east-1a")}
	i := {"transit_gateways": hub, "vpcs": vpcs, "subnets": one, "tgw_attachments": att(["aws_subnet.tgw_a"])}
	some f in rule.deny with input as i
	endswith(f.msg, "when us-east-1a fails, the whole VPC loses the TGW")
}

test_two_zones_quiet if {
	assert.empty(rule.deny) with input as inp(att(["aws_subnet.tgw_a", "aws_subnet.tgw_b"]))
}

test_az_id_is_used_when_the_name_is_unknown if {
	s := {
		"a": {"id": "a", "vpc": "aws_vpc.spoke", "az": "", "az_id": "use1-az1", "unknown": ["az"]},
		"b": {"id": "b", "vpc": "aws_vpc.spoke", "az": "", "az_id": "use1-az1", "unknown": ["az"]},
	}
	some f in rule.deny with input as object.union(inp(att(["a", "b"])), {"subnets": s})
	contains(f.msg, "only through subnets a, b, all in use1-az1")
}

test_other_attachment_kinds_ignored if {
	a := {"p": {"id": "p", "kind": "peering", "transit_gateway": "aws_ec2_transit_gateway.hub", "subnets": ["aws_subnet.tgw_a"]}}
	assert.empty(rule.deny) with input as inp(a)
}

test_unknown_az_not_evaluated if {
	s := object.union(subnets, {"aws_subnet.new": {"id": "aws_subnet.new", "vpc": "aws_vpc.spoke", "az": "", "unknown": ["az", "az_id"]}})
	i := object.union(inp(att(["aws_subnet.tgw_a", "aws_subnet.new"])), {"subnets": s})
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway_vpc_attachment.spoke", "reason": "the Availability Zone of subnet aws_subnet.new is not known (it is outside this input, or known only after apply)"}}) with input as i
}

test_subnet_outside_model_not_evaluated if {
	i := inp(att(["aws_subnet.tgw_a", "subnet-0123456789abcdef0"]))
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway_vpc_attachment.spoke", "reason": "the Availability Zone of subnet subnet-0123456789abcdef0 is not known (it is outside this input, or known only after apply)"}}) with input as i
}

test_unknown_subnet_list_not_evaluated if {
	a := att(null)
	u := {k: object.union(v, {"unknown": ["subnets"]}) | some k, v in a}
	assert.empty(rule.deny) with input as inp(u)
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway_vpc_attachment.spoke", "reason": "its subnets are not all known until apply"}}) with input as inp(u)
}

test_partly_unknown_subnet_list_not_evaluated if {
	# One subnet is known, another comes from an expression the loader could not
	# resolve: the known one alone says nothing about the spread.
	a := att(["aws_subnet.tgw_a"])
	u := {k: object.union(v, {"unknown": ["subnets"]}) | some k, v in a}
	assert.empty(rule.deny) with input as inp(u)
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway_vpc_attachment.spoke", "reason": "its subnets are not all known until apply"}}) with input as inp(u)
}
