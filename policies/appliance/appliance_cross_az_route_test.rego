package netlint.rules.appliance.appliance_cross_az_route_test

import data.netlint.assert
import data.netlint.rules.appliance.appliance_cross_az_route as rule

vpcs := {"aws_vpc.main": {"id": "aws_vpc.main", "address": "aws_vpc.main", "cidrs": ["10.0.0.0/16"]}}

subnet(id, az) := {"id": id, "address": id, "vpc": "aws_vpc.main", "az": az}

subnets := {
	"aws_subnet.app_a": subnet("aws_subnet.app_a", "us-east-1a"),
	"aws_subnet.app_b": subnet("aws_subnet.app_b", "us-east-1b"),
	"aws_subnet.public_a": subnet("aws_subnet.public_a", "us-east-1a"),
	"aws_subnet.public_b": subnet("aws_subnet.public_b", "us-east-1b"),
}

# The instances carry no AZ of their own: it comes from their subnet, as in a plan
# where availability_zone is known only after apply.
vpn_instances := {
	"aws_instance.vpn[0]": {"id": "aws_instance.vpn[0]", "address": "aws_instance.vpn[0]", "subnet": "aws_subnet.public_a", "unknown": ["az"], "source_dest_check": false},
	"aws_instance.vpn[1]": {"id": "aws_instance.vpn[1]", "address": "aws_instance.vpn[1]", "subnet": "aws_subnet.public_b", "unknown": ["az"], "source_dest_check": false},
}

table(id, table_subnets, routes) := {"id": id, "address": id, "vpc": "aws_vpc.main", "subnets": table_subnets, "routes": routes}

to_instance(dest, id) := {"destination": dest, "target_kind": "instance", "target": id}

network(tables) := {"vpcs": vpcs, "subnets": subnets, "instances": vpn_instances, "route_tables": tables}

test_swapped_appliances_fire if {
	inp := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
	})
	findings := rule.deny with input as inp
	assert.size(findings, 2)
	some f in findings
	assert.equals(f.resources, ["aws_route_table.a", "aws_instance.vpn[1]", "aws_subnet.app_a", "aws_instance.vpn[0]"])
	assert.equals(f.msg, "route table aws_route_table.a sends 192.168.0.0/16 from subnets in us-east-1a (aws_subnet.app_a) to aws_instance.vpn[1] in us-east-1b, although aws_instance.vpn[0] in us-east-1a forwards the same ranges: the traffic crosses AZs and is lost when us-east-1b fails; route us-east-1a's subnets through the appliance in us-east-1a")
	assert.empty(rule.not_evaluated) with input as inp
}

test_each_az_through_its_own_appliance_quiet if {
	inp := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
	})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_shared_table_fires_for_the_other_az_only if {
	inp := network({
		"aws_route_table.shared": table("aws_route_table.shared", ["aws_subnet.app_a", "aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
		"aws_route_table.public_b": table("aws_route_table.public_b", ["aws_subnet.public_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
	})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["aws_route_table.shared", "aws_instance.vpn[0]", "aws_subnet.app_b", "aws_instance.vpn[1]"])
}

test_no_appliance_in_own_az_quiet if {
	# One appliance for every AZ is NL401's concern, not a cross-AZ choice.
	inp := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
	})
	assert.empty(rule.deny) with input as inp
}

test_other_destination_is_no_alternative if {
	inp := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]"), to_instance("172.16.0.0/12", "aws_instance.vpn[1]")]),
	})
	assert.empty(rule.deny) with input as inp
}

test_routes_inside_the_vpc_quiet if {
	inp := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("10.0.20.0/24", "aws_instance.vpn[1]")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("10.0.20.0/24", "aws_instance.vpn[0]")]),
	})
	assert.empty(rule.deny) with input as inp
}

test_main_table_applies_to_unassociated_subnets if {
	main := object.union(table("aws_default_route_table.main", [], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]), {"main": true})
	inp := network({
		"aws_default_route_table.main": main,
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.public_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
	})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["aws_default_route_table.main", "aws_instance.vpn[0]", "aws_subnet.app_b", "aws_instance.vpn[1]"])
}

test_eni_placed_by_its_subnet if {
	eni := {"id": "aws_network_interface.vpn_b", "address": "aws_network_interface.vpn_b", "subnet": "aws_subnet.public_b", "instance": "", "source_dest_check": false}
	inp := object.union(
		network({
			"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [{"destination": "192.168.0.0/16", "target_kind": "network_interface", "target": "aws_network_interface.vpn_b"}]),
			"aws_route_table.public_a": table("aws_route_table.public_a", ["aws_subnet.public_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
		}),
		{"network_interfaces": {eni.id: eni}},
	)
	findings := rule.deny with input as inp
	some f in findings
	assert.equals(f.resources, ["aws_route_table.a", "aws_network_interface.vpn_b", "aws_subnet.app_a", "aws_instance.vpn[0]"])
}

test_unknown_subnet_az_not_evaluated if {
	inp := object.union(
		network({
			"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
			"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
		}),
		{"subnets": {"aws_subnet.app_a": {"id": "aws_subnet.app_a", "vpc": "aws_vpc.main", "unknown": ["az"]}}},
	)
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources[0], "aws_route_table.b")
	assert.equals(rule.not_evaluated, {{"resource": "aws_subnet.app_a", "reason": "its Availability Zone is not known, and it routes through an appliance"}}) with input as inp
}

test_unknown_appliance_not_evaluated if {
	inp := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "i-0outside")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [{"destination": "192.168.0.0/16", "target_kind": "instance", "unknown": ["target"]}]),
	})
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_route_table.a", "reason": "the Availability Zone of i-0outside is not known (it is outside this input, or known only after apply)"},
		{"resource": "aws_route_table.b", "reason": "the target of route 192.168.0.0/16 is not known until apply: it may be an appliance"},
	} with input as inp
}

test_dual_stack_vpc_of_unknown_ipv6_ranges_judged_for_ipv4 if {
	dual_stack := {"aws_vpc.main": object.union(vpcs["aws_vpc.main"], {"unknown": ["ipv6_cidrs"]})}
	swapped := network({
		"aws_route_table.a": table("aws_route_table.a", ["aws_subnet.app_a"], [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
		"aws_route_table.b": table("aws_route_table.b", ["aws_subnet.app_b"], [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
	})
	inp := object.union(swapped, {"vpcs": dual_stack})
	assert.size(rule.deny, 2) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}
