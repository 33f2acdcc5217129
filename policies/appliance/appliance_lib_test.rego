# Tests of the family's helpers, policies/lib/appliance.rego.
package netlint.lib.appliance_test

import data.netlint.assert
import data.netlint.lib.appliance as ap

test_group_by_cuts_sorted_runs if {
	assert.equals(ap.group_by({["b", 2], ["a", 3], ["b", 1], [["x", "y"], "z"]}), {"a": [3], "b": [1, 2], ["x", "y"]: ["z"]})
	assert.equals(ap.group_by(set()), {})
}

test_route_to_primary_eni_and_to_instance_are_one_appliance if {
	inp := {
		"instances": {"aws_instance.vpn": {"id": "aws_instance.vpn", "primary_eni": "eni-0a", "network_interfaces": ["aws_network_interface.b"]}},
		"network_interfaces": {"aws_network_interface.b": {"id": "aws_network_interface.b", "instance": ""}},
	}
	assert.equals(ap.appliance({"target_kind": "instance", "target": "aws_instance.vpn"}), "aws_instance.vpn") with input as inp
	assert.equals(ap.appliance({"target_kind": "network_interface", "target": "eni-0a"}), "aws_instance.vpn") with input as inp
	assert.equals(ap.appliance({"target_kind": "network_interface", "target": "aws_network_interface.b"}), "aws_instance.vpn") with input as inp
	assert.equals(ap.appliance({"target_kind": "network_interface", "target": "eni-0other"}), "eni-0other") with input as inp
	ap.identified({"target_kind": "network_interface", "target": "eni-0a"}) with input as inp
	not ap.identified({"target_kind": "network_interface", "target": "eni-0other"}) with input as inp
}

test_remote_is_outside_every_vpc_range if {
	inp := {"vpcs": {"v": {"id": "v", "cidrs": ["10.0.0.0/16", "100.64.0.0/24"], "ipv6_cidrs": ["2600:1f18::/56"]}}}
	ap.remote("v", "192.168.0.0/16") with input as inp
	ap.remote("v", "0.0.0.0/0") with input as inp
	ap.remote("v", "10.0.0.0/8") with input as inp
	ap.remote("v", "pl-0123456789abcdef0") with input as inp
	not ap.remote("v", "10.0.4.0/24") with input as inp
	not ap.remote("v", "100.64.0.0/26") with input as inp
	not ap.remote("v", "2600:1f18:0:1::/64") with input as inp
	not ap.remote("v", "") with input as inp
	not ap.remote("w", "192.168.0.0/16") with input as inp
}

test_hops_skip_unknown_targets if {
	inp := {"route_tables": {"rt": {"id": "rt", "vpc": "v", "routes": [
		{"destination": "192.168.0.0/16", "target_kind": "instance", "target": "i-1"},
		{"destination": "172.16.0.0/12", "target_kind": "network_interface", "unknown": ["target"]},
		{"target_kind": "instance", "target": "i-1", "unknown": ["destination"]},
	]}}}
	hops := ap.hops with input as inp
	assert.equals({[h.destination, h.appliance] | some h in hops}, {["192.168.0.0/16", "i-1"], ["", "i-1"]})
	blind := ap.blind_routes with input as inp
	assert.equals(blind, {{"route_table": "rt", "vpc": "v", "destination": "172.16.0.0/12"}})
}

test_remote_needs_only_the_ranges_of_the_destination_family if {
	# A dual-stack VPC whose IPv6 block AWS assigns on apply.
	inp := {"vpcs": {"v": {"id": "v", "cidrs": ["10.0.0.0/16"], "unknown": ["ipv6_cidrs"]}}}
	ap.remote("v", "192.168.0.0/16") with input as inp
	ap.remote("v", "0.0.0.0/0") with input as inp
	not ap.remote("v", "10.0.4.0/24") with input as inp
	not ap.remote("v", "2001:db8::/32") with input as inp
	not ap.remote("v", "::/0") with input as inp
	ap.ranges_known_for("v", "192.168.0.0/16") with input as inp
	not ap.ranges_known_for("v", "2001:db8::/32") with input as inp
}

test_remote_ipv6_destination_needs_only_ipv6_ranges if {
	inp := {"vpcs": {"v": {"id": "v", "cidrs": [], "ipv6_cidrs": ["2600:1f18::/56"], "unknown": ["cidrs"]}}}
	ap.remote("v", "2001:db8::/32") with input as inp
	not ap.remote("v", "2600:1f18:0:1::/64") with input as inp
	not ap.remote("v", "192.168.0.0/16") with input as inp
}

test_prefix_list_is_remote_whatever_the_ranges if {
	inp := {"vpcs": {"v": {"id": "v", "cidrs": [], "unknown": ["cidrs", "ipv6_cidrs"]}}}
	ap.remote("v", "pl-0123456789abcdef0") with input as inp
	not ap.remote("w", "pl-0123456789abcdef0") with input as inp
}

test_ranges_known_covers_the_families_the_vpc_routes if {
	dual_stack := {"v": {"id": "v", "cidrs": ["10.0.0.0/16"], "unknown": ["ipv6_cidrs"]}}
	ipv4_only := [
		{"destination": "192.168.0.0/16", "target_kind": "instance", "target": "i-1"},
		{"destination": "::/0", "target_kind": "egress_only_internet_gateway", "target": "eigw-1"},
	]
	ap.ranges_known("v") with input as {"vpcs": dual_stack, "route_tables": {"rt": {"id": "rt", "vpc": "v", "routes": ipv4_only}}}

	# An IPv6 range through an appliance, or to a Transit Gateway (a transit
	# VPC's spoke), needs the IPv6 ranges.
	to_appliance := array.concat(ipv4_only, [{"destination": "2001:db8::/32", "target_kind": "network_interface", "target": "eni-1"}])
	not ap.ranges_known("v") with input as {"vpcs": dual_stack, "route_tables": {"rt": {"id": "rt", "vpc": "v", "routes": to_appliance}}}
	to_tgw := array.concat(ipv4_only, [{"destination": "2001:db8::/32", "target_kind": "transit_gateway", "target": "tgw-1"}])
	not ap.ranges_known("v") with input as {"vpcs": dual_stack, "route_tables": {"rt": {"id": "rt", "vpc": "v", "routes": to_tgw}}}

	# Unknown IPv4 ranges with an IPv4 route; a VPC outside the model.
	ipam := {"v": {"id": "v", "cidrs": [], "unknown": ["cidrs"]}}
	not ap.ranges_known("v") with input as {"vpcs": ipam, "route_tables": {"rt": {"id": "rt", "vpc": "v", "routes": ipv4_only}}}
	not ap.ranges_known("w") with input as {"vpcs": dual_stack, "route_tables": {}}
}
