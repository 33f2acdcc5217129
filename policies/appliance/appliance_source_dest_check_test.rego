package netlint.rules.appliance.appliance_source_dest_check_test

import data.netlint.assert
import data.netlint.rules.appliance.appliance_source_dest_check as rule

table(id, routes) := {"id": id, "address": id, "vpc": "aws_vpc.main", "routes": routes, "subnets": []}

to_instance(dest, id) := {"destination": dest, "target_kind": "instance", "target": id}

to_eni(dest, id) := {"destination": dest, "target_kind": "network_interface", "target": id}

instance(id, sdc) := {"id": id, "address": id, "az": "us-east-1a", "source_dest_check": sdc, "primary_eni": "", "network_interfaces": []}

test_nat_instance_with_check_on_fires if {
	inp := {
		"instances": {"aws_instance.nat": instance("aws_instance.nat", true)},
		"route_tables": {
			"aws_route_table.private": table("aws_route_table.private", [to_instance("0.0.0.0/0", "aws_instance.nat"), to_instance("192.168.0.0/16", "aws_instance.nat")]),
			"aws_route_table.db": table("aws_route_table.db", [to_instance("0.0.0.0/0", "aws_instance.nat")]),
		},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_instance.nat has source/destination check on (the AWS default), yet routes send traffic through it (route table aws_route_table.db: 0.0.0.0/0; route table aws_route_table.private: 0.0.0.0/0, 192.168.0.0/16): EC2 drops every packet it would forward, so this traffic is lost; set source_dest_check = false")
	assert.equals(f.resources, ["aws_instance.nat", "aws_route_table.db", "aws_route_table.private"])
}

test_check_off_quiet if {
	inp := {
		"instances": {"aws_instance.vpn": instance("aws_instance.vpn", false)},
		"route_tables": {"aws_route_table.private": table("aws_route_table.private", [to_instance("192.168.0.0/16", "aws_instance.vpn")])},
	}
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_instance_with_check_on_but_no_route_quiet if {
	inp := {
		"instances": {"aws_instance.web": instance("aws_instance.web", true)},
		"route_tables": {"aws_route_table.private": table("aws_route_table.private", [{"destination": "0.0.0.0/0", "target_kind": "nat_gateway", "target": "aws_nat_gateway.a"}])},
	}
	assert.empty(rule.deny) with input as inp
}

test_eni_judged_by_its_own_setting if {
	inp := {
		"instances": {"aws_instance.fw": instance("aws_instance.fw", false)},
		"network_interfaces": {"aws_network_interface.fw_inside": {"id": "aws_network_interface.fw_inside", "address": "aws_network_interface.fw_inside", "instance": "aws_instance.fw", "source_dest_check": true}},
		"route_tables": {"aws_route_table.private": table("aws_route_table.private", [to_eni("10.0.2.0/24", "aws_network_interface.fw_inside")])},
	}
	findings := rule.deny with input as inp
	some f in findings
	startswith(f.msg, "network interface aws_network_interface.fw_inside of aws_instance.fw has source/destination check on")
	assert.equals(f.resources, ["aws_network_interface.fw_inside", "aws_route_table.private"])
}

test_primary_eni_outside_the_map_uses_the_instance if {
	vpn := object.union(instance("aws_instance.vpn", true), {"primary_eni": "eni-0vpn"})
	inp := {
		"instances": {"aws_instance.vpn": vpn},
		"route_tables": {"aws_route_table.private": table("aws_route_table.private", [to_eni("192.168.0.0/16", "eni-0vpn")])},
	}
	findings := rule.deny with input as inp
	some f in findings
	assert.equals(f.resources, ["aws_instance.vpn", "aws_route_table.private"])
}

test_unknown_setting_not_evaluated if {
	vpn := object.union(instance("aws_instance.vpn", true), {"unknown": ["source_dest_check"]})
	inp := {
		"instances": {"aws_instance.vpn": vpn},
		"route_tables": {"aws_route_table.private": table("aws_route_table.private", [to_instance("192.168.0.0/16", "aws_instance.vpn")])},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_instance.vpn", "reason": "its source/destination check is not known until apply"}}) with input as inp
}

test_target_outside_model_or_unknown_not_evaluated if {
	inp := {
		"instances": {},
		"route_tables": {
			"aws_route_table.a": table("aws_route_table.a", [to_instance("192.168.0.0/16", "i-0123456789abcdef0")]),
			"aws_route_table.b": table("aws_route_table.b", [{"destination": "192.168.0.0/16", "target_kind": "instance", "unknown": ["target"]}]),
		},
	}
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_route_table.a", "reason": "route target i-0123456789abcdef0 is outside this input: its source/destination check is not known"},
		{"resource": "aws_route_table.b", "reason": "the target of route 192.168.0.0/16 is not known until apply: it may be an instance or ENI"},
	} with input as inp
}
