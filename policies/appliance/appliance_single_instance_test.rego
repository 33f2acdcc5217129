package netlint.rules.appliance.appliance_single_instance_test

import data.netlint.assert
import data.netlint.rules.appliance.appliance_single_instance as rule

vpc(id, cidrs) := {"id": id, "address": id, "cidrs": cidrs}

table(id, vpc_id, routes) := {"id": id, "address": id, "vpc": vpc_id, "routes": routes, "subnets": []}

local(cidr) := {"destination": cidr, "target_kind": "local", "target": "local"}

to_instance(dest, id) := {"destination": dest, "target_kind": "instance", "target": id}

to_eni(dest, id) := {"destination": dest, "target_kind": "network_interface", "target": id}

instance(id, az) := {"id": id, "address": id, "az": az, "source_dest_check": false, "primary_eni": "", "network_interfaces": []}

main_vpc := {"aws_vpc.main": vpc("aws_vpc.main", ["10.0.0.0/16"])}

test_one_vpn_instance_for_every_subnet_fires if {
	inp := {
		"vpcs": main_vpc,
		"instances": {"aws_instance.vpn": instance("aws_instance.vpn", "us-east-1a")},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [local("10.0.0.0/16"), to_instance("192.168.0.0/16", "aws_instance.vpn")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [local("10.0.0.0/16"), to_instance("192.168.0.0/16", "aws_instance.vpn"), to_instance("172.16.0.0/12", "aws_instance.vpn")]),
		},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_instance.vpn (us-east-1a) is the only appliance that forwards 172.16.0.0/12, 192.168.0.0/16 out of VPC aws_vpc.main (route table aws_route_table.a: 192.168.0.0/16; route table aws_route_table.b: 172.16.0.0/12, 192.168.0.0/16); if it or its AZ fails, nothing carries this traffic until the routes are repointed")
	assert.equals(f.resources, ["aws_instance.vpn", "aws_route_table.a", "aws_route_table.b", "aws_vpc.main"])
	assert.empty(rule.not_evaluated) with input as inp
}

test_primary_eni_and_instance_are_one_appliance if {
	vpn := object.union(instance("aws_instance.vpn", "us-east-1a"), {"primary_eni": "eni-0vpn"})
	inp := {
		"vpcs": main_vpc,
		"instances": {"aws_instance.vpn": vpn},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [to_eni("192.168.0.0/16", "eni-0vpn")]),
		},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	startswith(f.msg, "aws_instance.vpn (us-east-1a) is the only appliance that forwards 192.168.0.0/16 out of VPC aws_vpc.main")
}

test_one_instance_per_az_quiet if {
	inp := {
		"vpcs": main_vpc,
		"instances": {
			"aws_instance.vpn[0]": instance("aws_instance.vpn[0]", "us-east-1a"),
			"aws_instance.vpn[1]": instance("aws_instance.vpn[1]", "us-east-1b"),
		},
		"network_interfaces": {"aws_network_interface.vpn_b": {"id": "aws_network_interface.vpn_b", "instance": "aws_instance.vpn[1]", "source_dest_check": false}},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [to_eni("192.168.0.0/16", "aws_network_interface.vpn_b")]),
		},
	}
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_route_inside_the_vpc_is_not_remote if {
	inp := {
		"vpcs": main_vpc,
		"instances": {"aws_instance.fw": instance("aws_instance.fw", "us-east-1a")},
		"route_tables": {"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [local("10.0.0.0/16"), to_instance("10.0.2.0/24", "aws_instance.fw")])},
	}
	assert.empty(rule.deny) with input as inp
}

test_nat_instance_counted_per_destination if {
	inp := {
		"vpcs": main_vpc,
		"instances": {
			"aws_instance.vpn[0]": instance("aws_instance.vpn[0]", "us-east-1a"),
			"aws_instance.vpn[1]": instance("aws_instance.vpn[1]", "us-east-1b"),
			"aws_instance.nat": instance("aws_instance.nat", "us-east-1a"),
		},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[0]"), to_instance("0.0.0.0/0", "aws_instance.nat")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[1]"), to_instance("0.0.0.0/0", "aws_instance.nat")]),
		},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	startswith(f.msg, "aws_instance.nat (us-east-1a) is the only appliance that forwards 0.0.0.0/0 out of VPC aws_vpc.main")
}

test_detached_eni_fires_as_itself if {
	inp := {
		"vpcs": main_vpc,
		"network_interfaces": {"aws_network_interface.float": {"id": "aws_network_interface.float", "address": "aws_network_interface.float", "az": "us-east-1b", "instance": "", "source_dest_check": false}},
		"route_tables": {"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_eni("192.168.0.0/16", "aws_network_interface.float")])},
	}
	findings := rule.deny with input as inp
	some f in findings
	assert.equals(f.resources[0], "aws_network_interface.float")
	startswith(f.msg, "aws_network_interface.float (us-east-1b) is the only appliance")
}

test_appliances_of_other_vpcs_do_not_count if {
	inp := {
		"vpcs": object.union(main_vpc, {"aws_vpc.other": vpc("aws_vpc.other", ["10.1.0.0/16"])}),
		"instances": {
			"aws_instance.a": instance("aws_instance.a", "us-east-1a"),
			"aws_instance.b": instance("aws_instance.b", "us-east-1b"),
		},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.a")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.other", [to_instance("192.168.0.0/16", "aws_instance.b")]),
		},
	}
	assert.size(rule.deny, 2) with input as inp
}

test_unknown_target_not_evaluated if {
	inp := {
		"vpcs": main_vpc,
		"instances": {"aws_instance.vpn[0]": instance("aws_instance.vpn[0]", "us-east-1a")},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [{"destination": "192.168.0.0/16", "target_kind": "network_interface", "unknown": ["target"]}]),
		},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route_table.b", "reason": "the target of route 192.168.0.0/16 is not known until apply: it may be another appliance"}}) with input as inp
}

test_eni_of_unknown_attachment_not_evaluated if {
	inp := {
		"vpcs": main_vpc,
		"instances": {"aws_instance.vpn": instance("aws_instance.vpn", "us-east-1a")},
		"network_interfaces": {"aws_network_interface.x": {"id": "aws_network_interface.x", "source_dest_check": false, "unknown": ["instance"]}},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [to_eni("192.168.0.0/16", "aws_network_interface.x")]),
		},
	}
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {{"resource": rt, "reason": "a network interface that carries 192.168.0.0/16 has an attachment not known until apply: it may be the same appliance as another route's, or not"} |
		some rt in ["aws_route_table.a", "aws_route_table.b"]
	} with input as inp
}

test_unknown_vpc_ranges_not_evaluated if {
	inp := {
		"vpcs": {"aws_vpc.ipam": {"id": "aws_vpc.ipam", "cidrs": [], "unknown": ["cidrs"]}},
		"instances": {"aws_instance.vpn": instance("aws_instance.vpn", "us-east-1a")},
		"route_tables": {"aws_route_table.a": table("aws_route_table.a", "aws_vpc.ipam", [to_instance("192.168.0.0/16", "aws_instance.vpn")])},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route_table.a", "reason": "the route table's VPC, or its address ranges, are not known until apply: whether 192.168.0.0/16 leaves the VPC cannot be told"}}) with input as inp
}

test_two_certain_appliances_settle_an_unknown_attachment if {
	inp := {
		"vpcs": main_vpc,
		"instances": {
			"aws_instance.vpn[0]": instance("aws_instance.vpn[0]", "us-east-1a"),
			"aws_instance.vpn[1]": instance("aws_instance.vpn[1]", "us-east-1b"),
		},
		"network_interfaces": {"aws_network_interface.x": {"id": "aws_network_interface.x", "source_dest_check": false, "unknown": ["instance"]}},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[1]")]),
			"aws_route_table.c": table("aws_route_table.c", "aws_vpc.main", [to_eni("192.168.0.0/16", "aws_network_interface.x")]),
		},
	}
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# A dual-stack VPC whose IPv6 block AWS assigns on apply
# (assign_generated_ipv6_cidr_block): its IPv6 ranges are unknown in the plan.
dual_stack_vpc := {"aws_vpc.main": object.union(vpc("aws_vpc.main", ["10.0.0.0/16"]), {"unknown": ["ipv6_cidrs"]})}

test_dual_stack_vpc_of_unknown_ipv6_ranges_judged_for_ipv4 if {
	inp := {
		"vpcs": dual_stack_vpc,
		"instances": {"aws_instance.vpn": instance("aws_instance.vpn", "us-east-1a")},
		"route_tables": {"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [
			local("10.0.0.0/16"),
			to_instance("192.168.0.0/16", "aws_instance.vpn"),
			{"destination": "::/0", "target_kind": "egress_only_internet_gateway", "target": "aws_egress_only_internet_gateway.main"},
		])},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_instance.vpn (us-east-1a) is the only appliance that forwards 192.168.0.0/16 out of VPC aws_vpc.main (route table aws_route_table.a: 192.168.0.0/16); if it or its AZ fails, nothing carries this traffic until the routes are repointed")
	assert.equals(f.resources, ["aws_instance.vpn", "aws_route_table.a", "aws_vpc.main"])
	assert.empty(rule.not_evaluated) with input as inp
}

test_ipv6_destination_of_unknown_vpc_ranges_not_evaluated if {
	inp := {
		"vpcs": dual_stack_vpc,
		"instances": {"aws_instance.vpn": instance("aws_instance.vpn", "us-east-1a")},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.main", [to_instance("2001:db8::/32", "aws_instance.vpn")]),
		},
	}

	# The IPv4 range is still judged; the IPv6 range may be the VPC's own.
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	startswith(f.msg, "aws_instance.vpn (us-east-1a) is the only appliance that forwards 192.168.0.0/16 out of VPC aws_vpc.main (route table aws_route_table.a: 192.168.0.0/16);")
	{"resource": "aws_route_table.b", "reason": "the route table's VPC, or its address ranges, are not known until apply: whether 2001:db8::/32 leaves the VPC cannot be told"} in rule.not_evaluated with input as inp
}

# A route whose route table cannot be resolved makes the routes of every table
# unknown: it may send the range through a second appliance.
test_route_of_unresolved_table_not_evaluated if {
	inp := {
		"vpcs": main_vpc,
		"instances": {"aws_instance.vpn[0]": instance("aws_instance.vpn[0]", "us-east-1a")},
		"route_tables": {
			"aws_route_table.a": object.union(table("aws_route_table.a", "aws_vpc.main", [to_instance("192.168.0.0/16", "aws_instance.vpn[0]")]), {"unknown": ["routes"]}),
			"aws_route_table.b": object.union(table("aws_route_table.b", "aws_vpc.main", []), {"unknown": ["routes"]}),
		},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route_table.a", "reason": "a route table of the VPC has routes not known (a route whose route table cannot be resolved): it may send 192.168.0.0/16 through another appliance"}}) with input as inp

	# The table that already routes the range cannot hold a second route for it.
	one_table := json.patch(inp, [{"op": "remove", "path": "/route_tables/aws_route_table.b"}])
	assert.size(rule.deny, 1) with input as one_table
	assert.empty(rule.not_evaluated) with input as one_table
}
