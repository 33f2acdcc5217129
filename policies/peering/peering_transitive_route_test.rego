package netlint.rules.peering.peering_transitive_route_test

import data.netlint.assert
import data.netlint.rules.peering.peering_transitive_route as rule

vpc(id, cidrs) := {"id": id, "address": id, "cidrs": cidrs}

route(addr, dest) := {"address": addr, "destination": dest, "target_kind": "vpc_peering_connection", "target": "aws_vpc_peering_connection.app_shared"}

base(routes) := {
	"vpcs": {
		"aws_vpc.app": vpc("aws_vpc.app", ["10.0.0.0/16"]),
		"aws_vpc.shared": object.union(vpc("aws_vpc.shared", ["10.1.0.0/16", "10.2.0.0/16"]), {"ipv6_cidrs": ["2600:1f18:aa::/56"]}),
	},
	"peerings": {"aws_vpc_peering_connection.app_shared": {
		"id": "aws_vpc_peering_connection.app_shared", "address": "aws_vpc_peering_connection.app_shared",
		"requester_vpc": "aws_vpc.app", "accepter_vpc": "aws_vpc.shared", "status": "active",
	}},
	"route_tables": {"aws_route_table.app": {"id": "aws_route_table.app", "address": "aws_route_table.app", "vpc": "aws_vpc.app", "routes": routes}},
}

test_default_route_through_peering_fires if {
	findings := rule.deny with input as base([route("aws_route.default", "0.0.0.0/0")])
	findings == {{
		"msg": "aws_route.default (in route table aws_route_table.app of VPC aws_vpc.app) sends 0.0.0.0/0 through peering aws_vpc_peering_connection.app_shared, but 0.0.0.0/0 is outside the peer VPC aws_vpc.shared (10.1.0.0/16, 10.2.0.0/16). Peering is not transitive: the peer does not forward traffic for other ranges (to its own peerings, VPN, Direct Connect, internet or NAT gateway), so it is dropped",
		"resources": ["aws_route_table.app", "aws_vpc_peering_connection.app_shared", "aws_vpc.shared", "aws_route.default"],
	}}
}

test_onprem_range_fires if {
	findings := rule.deny with input as base([route("aws_route.onprem", "192.168.0.0/16")])
	assert.size(findings, 1)
}

# A range wider than the peer's CIDR is partly outside it.
test_supernet_of_peer_fires if {
	findings := rule.deny with input as base([route("aws_route.wide", "10.0.0.0/8")])
	assert.size(findings, 1)
}

test_peer_cidrs_quiet if {
	inp := base([
		route("aws_route.a", "10.1.0.0/16"),
		route("aws_route.b", "10.2.128.0/17"),
		route("aws_route.c", "2600:1f18:aa::/56"),
		route("aws_route.d", "10.2.0.0/16"),
	])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# Adjacent peer CIDRs cover a route to their union.
test_union_of_adjacent_cidrs_quiet if {
	inp := object.union(base([route("aws_route.both", "10.2.0.0/15")]), {"vpcs": {"aws_vpc.shared": {"cidrs": ["10.2.0.0/16", "10.3.0.0/16"]}}})
	assert.empty(rule.deny) with input as inp
}

# The route table of the accepter side is judged against the requester's CIDRs.
test_accepter_side_route if {
	inp := object.union(base([]), {"route_tables": {"aws_route_table.shared": {
		"id": "aws_route_table.shared", "address": "aws_route_table.shared", "vpc": "aws_vpc.shared",
		"routes": [route("aws_route.back", "10.0.0.0/16"), route("aws_route.too_wide", "10.0.0.0/15")],
	}}})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	startswith(f.msg, "aws_route.too_wide (in route table aws_route_table.shared of VPC aws_vpc.shared) sends 10.0.0.0/15")
	contains(f.msg, "outside the peer VPC aws_vpc.app (10.0.0.0/16)")
}

test_ipv6_route_to_peer_without_ipv6_fires if {
	inp := object.union(base([]), {"route_tables": {"aws_route_table.shared": {
		"id": "aws_route_table.shared", "address": "aws_route_table.shared", "vpc": "aws_vpc.shared",
		"routes": [route("aws_route.v6", "2600:1f18:bb::/56")],
	}}})
	some f in rule.deny with input as inp
	contains(f.msg, "outside the peer VPC aws_vpc.app (no range of that address family)")
}

# An inline route has no address of its own: the route table is the location.
test_inline_route_names_the_table if {
	findings := rule.deny with input as base([object.remove(route("", "172.16.0.0/12"), ["address"])])
	some f in findings
	startswith(f.msg, "route table aws_route_table.app of VPC aws_vpc.app sends 172.16.0.0/12 through peering")
	assert.equals(f.resources, ["aws_route_table.app", "aws_vpc_peering_connection.app_shared", "aws_vpc.shared"])
}

# A peer VPC in another account: its CIDRs come from the peering.
test_peer_outside_model_uses_peering_cidrs if {
	inp := {
		"vpcs": {"aws_vpc.app": vpc("aws_vpc.app", ["10.0.0.0/16"])},
		"peerings": {"aws_vpc_peering_connection.partner": {
			"id": "aws_vpc_peering_connection.partner", "address": "aws_vpc_peering_connection.partner",
			"requester_vpc": "aws_vpc.app", "accepter_vpc": "vpc-0partner", "accepter_cidrs": ["172.31.0.0/16"],
		}},
		"route_tables": {"aws_route_table.app": {"id": "aws_route_table.app", "address": "aws_route_table.app", "vpc": "aws_vpc.app", "routes": [
			{"address": "aws_route.partner", "destination": "172.31.0.0/16", "target_kind": "vpc_peering_connection", "target": "aws_vpc_peering_connection.partner"},
			{"address": "aws_route.beyond", "destination": "172.30.0.0/16", "target_kind": "vpc_peering_connection", "target": "aws_vpc_peering_connection.partner"},
		]}},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "172.30.0.0/16 is outside the peer VPC vpc-0partner (172.31.0.0/16)")
}

# An existing peering named by its pcx- id.
test_route_by_aws_id if {
	inp := object.union(base([{"address": "aws_route.x", "destination": "0.0.0.0/0", "target_kind": "vpc_peering_connection", "target": "pcx-0abc"}]), {"peerings": {"aws_vpc_peering_connection.app_shared": {"aws_id": "pcx-0abc"}}})
	assert.size(rule.deny, 1) with input as inp
}

test_other_targets_ignored if {
	inp := base([{"address": "aws_route.igw", "destination": "0.0.0.0/0", "target_kind": "internet_gateway", "target": "aws_internet_gateway.main"}])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_prefix_list_not_evaluated if {
	inp := base([route("aws_route.pl", "pl-0123456789abcdef0")])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route.pl", "reason": "its destination pl-0123456789abcdef0 is a prefix list, whose ranges are not in the input"}}) with input as inp
}

test_unknown_peer_cidrs_not_evaluated if {
	inp := object.union(base([route("aws_route.x", "0.0.0.0/0")]), {"vpcs": {"aws_vpc.shared": {"cidrs": [], "unknown": ["cidrs"]}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route.x", "reason": "the ranges of the peer VPC of aws_vpc_peering_connection.app_shared are not known until apply"}}) with input as inp
}

test_unknown_destination_not_evaluated if {
	inp := base([{"address": "aws_route.x", "destination": "", "target_kind": "vpc_peering_connection", "target": "aws_vpc_peering_connection.app_shared", "unknown": ["destination"]}])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route.x", "reason": "its destination is not known until apply"}}) with input as inp
}

test_peering_outside_model_not_evaluated if {
	inp := base([{"address": "aws_route.x", "destination": "0.0.0.0/0", "target_kind": "vpc_peering_connection", "target": "pcx-0unknown"}])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route.x", "reason": "peering pcx-0unknown is outside this input: the ranges of its VPCs are not known"}}) with input as inp
}
