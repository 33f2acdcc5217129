package netlint.rules.addressing.overlapping_connected_ranges_test

import data.netlint.rules.addressing.overlapping_connected_ranges as rule

vpc(id, cidrs) := {"id": id, "kind": "vpc", "element": id, "address": id, "cidrs": cidrs}

tgw_domain(members) := {"id": "transit_gateway:aws_ec2_transit_gateway.hub", "kind": "transit_gateway", "via": ["aws_ec2_transit_gateway.hub"], "networks": members}

test_overlap_through_tgw_fires if {
	inp := {"vpcs": {}, "derived": {
		"networks": {"aws_vpc.b": vpc("aws_vpc.b", ["10.1.0.0/16"]), "aws_vpc.c": vpc("aws_vpc.c", ["10.1.128.0/17"])},
		"domains": [tgw_domain(["aws_vpc.b", "aws_vpc.c"])],
	}}
	findings := rule.deny with input as inp
	count(findings) == 1
	some f in findings
	f.msg == "aws_vpc.b (10.1.0.0/16) overlaps aws_vpc.c (10.1.128.0/17); both attach to aws_ec2_transit_gateway.hub"
	f.resources == ["aws_vpc.b", "aws_vpc.c", "aws_ec2_transit_gateway.hub"]
}

test_disjoint_ranges_quiet if {
	inp := {"vpcs": {}, "derived": {
		"networks": {"aws_vpc.b": vpc("aws_vpc.b", ["10.1.0.0/16"]), "aws_vpc.c": vpc("aws_vpc.c", ["10.2.0.0/16"])},
		"domains": [tgw_domain(["aws_vpc.b", "aws_vpc.c"])],
	}}
	count(rule.deny) == 0 with input as inp
}

test_overlapping_but_unconnected_quiet if {
	inp := {"vpcs": {}, "derived": {
		"networks": {"aws_vpc.b": vpc("aws_vpc.b", ["10.1.0.0/16"]), "aws_vpc.c": vpc("aws_vpc.c", ["10.1.0.0/16"])},
		"domains": [],
	}}
	count(rule.deny) == 0 with input as inp
}

test_secondary_and_ipv6_ranges_count if {
	inp := {"vpcs": {}, "derived": {
		"networks": {
			"aws_vpc.a": vpc("aws_vpc.a", ["10.0.0.0/16", "10.9.0.0/16", "2600:1f18::/56"]),
			"aws_vpc.b": vpc("aws_vpc.b", ["10.9.4.0/24", "2600:1f18:0:10::/64"]),
		},
		"domains": [{"id": "vpc_peering_connection:aws_vpc_peering_connection.ab", "kind": "vpc_peering_connection", "via": ["aws_vpc_peering_connection.ab"], "networks": ["aws_vpc.a", "aws_vpc.b"]}],
	}}
	findings := rule.deny with input as inp
	count(findings) == 2
	some f in findings
	contains(f.msg, "aws_vpc.a (2600:1f18::/56) overlaps aws_vpc.b (2600:1f18:0:10::/64); they are peered by aws_vpc_peering_connection.ab")
}

test_vpn_site_overlap_names_the_connection if {
	site := {"id": "site:aws_vpn_connection.hq", "kind": "site", "element": "aws_vpn_connection.hq", "address": "on-prem behind aws_vpn_connection.hq", "cidrs": ["10.0.0.0/8"]}
	inp := {"vpcs": {}, "derived": {
		"networks": {"aws_vpc.a": vpc("aws_vpc.a", ["10.20.0.0/16"]), site.id: site},
		"domains": [{"id": "vpn_gateway:aws_vpn_gateway.g", "kind": "vpn_gateway", "via": ["aws_vpn_gateway.g"], "networks": ["aws_vpc.a", site.id]}],
	}}
	findings := rule.deny with input as inp
	some f in findings
	f.resources == ["aws_vpc.a", "aws_vpn_connection.hq", "aws_vpn_gateway.g"]
}

test_unknown_cidr_not_evaluated if {
	inp := {
		"vpcs": {"aws_vpc.ipam": {"id": "aws_vpc.ipam", "cidrs": [], "unknown": ["cidrs"]}},
		"derived": {
			"networks": {"aws_vpc.ipam": vpc("aws_vpc.ipam", []), "aws_vpc.c": vpc("aws_vpc.c", ["10.1.0.0/16"])},
			"domains": [tgw_domain(["aws_vpc.ipam", "aws_vpc.c"])],
		},
	}
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == {"aws_vpc.ipam"} with input as inp
}

test_sources_of_one_route_table_may_overlap if {
	inp := {"vpcs": {}, "derived": {
		"networks": {
			"aws_vpc.a": vpc("aws_vpc.a", ["100.64.0.0/16"]),
			"aws_vpc.b": vpc("aws_vpc.b", ["100.64.0.0/16"]),
			"route:rt:10.2.0.0/24:aws_vpc.b": {"id": "route:rt:10.2.0.0/24:aws_vpc.b", "kind": "vpc", "element": "aws_vpc.b", "address": "aws_vpc.b", "cidrs": ["10.2.0.0/24"]},
		},
		"domains": [{
			"id": "tgw_route_table:rt", "kind": "tgw_route_table", "via": ["tgw", "rt"],
			"networks": ["route:rt:10.2.0.0/24:aws_vpc.b", "aws_vpc.a", "aws_vpc.b"],
			"sources": ["aws_vpc.a", "aws_vpc.b"],
		}],
	}}
	count(rule.deny) == 0 with input as inp
}

test_source_overlapping_a_destination_fires if {
	inp := {"vpcs": {}, "derived": {
		"networks": {
			"aws_vpc.a": vpc("aws_vpc.a", ["10.0.0.0/16"]),
			"aws_vpc.b": vpc("aws_vpc.b", ["10.0.0.0/20"]),
		},
		"domains": [{
			"id": "tgw_route_table:rt", "kind": "tgw_route_table", "via": ["tgw", "rt"],
			"networks": ["aws_vpc.b", "aws_vpc.a"], "sources": ["aws_vpc.a"],
		}],
	}}
	count(rule.deny) == 1 with input as inp
}

test_summary_static_route_is_no_overlap if {
	inp := {"vpcs": {}, "derived": {
		"networks": {
			"aws_vpc.spoke": vpc("aws_vpc.spoke", ["10.32.0.0/16"]),
			"route:rt:10.0.0.0/8:aws_vpc.fw": {"id": "route:rt:10.0.0.0/8:aws_vpc.fw", "kind": "tgw_static_route", "element": "aws_vpc.fw", "address": "aws_vpc.fw", "cidrs": ["10.0.0.0/8"]},
			"route:rt:10.32.5.0/24:aws_vpc.fw": {"id": "route:rt:10.32.5.0/24:aws_vpc.fw", "kind": "tgw_static_route", "element": "aws_vpc.fw", "address": "aws_vpc.fw", "cidrs": ["10.32.5.0/24"]},
		},
		"domains": [{
			"id": "tgw_route_table:rt", "kind": "tgw_route_table", "via": ["tgw", "rt"],
			"networks": ["aws_vpc.spoke", "route:rt:10.0.0.0/8:aws_vpc.fw", "route:rt:10.32.5.0/24:aws_vpc.fw"],
		}],
	}}
	findings := rule.deny with input as inp

	# the /8 summary is fine; the /24 carved out of the spoke is not
	count(findings) == 1
	some f in findings
	contains(f.msg, "10.32.5.0/24")
}
