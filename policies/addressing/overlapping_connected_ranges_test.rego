package netlint.rules.addressing.overlapping_connected_ranges_test

import data.netlint.assert
import data.netlint.rules.addressing.overlapping_connected_ranges as rule

vpc(id, cidrs) := {"id": id, "kind": "vpc", "element": id, "address": id, "cidrs": cidrs}

site(id, cidrs, implied) := {"id": id, "kind": "site", "element": id, "address": id, "cidrs": cidrs, "implied": implied}

# entry builds a router entry: a range toward a network through a next hop.
entry(prefix, network, exact, next_hop, how) := {
	"prefix": prefix, "network": network, "label": network, "exact": exact,
	"next_hop": next_hop, "how": how,
}

tgw_table(entries) := {
	"id": "tgw_route_table:rt", "kind": "tgw_route_table", "element": "rt",
	"label": "route table rt of TGW tgw", "via": ["rt", "tgw"], "entries": entries,
}

nets(list) := {n.id: n | some n in list}

test_overlapping_propagations_fire if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.b", ["10.1.0.0/16"]), vpc("aws_vpc.c", ["10.1.128.0/17"])]),
		"routers": [tgw_table([
			entry("10.1.0.0/16", "aws_vpc.b", true, "att-b", "propagated from att-b"),
			entry("10.1.128.0/17", "aws_vpc.c", true, "att-c", "propagated from att-c"),
		])],
	}}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	startswith(f.msg, "aws_vpc.b (10.1.0.0/16) overlaps aws_vpc.c (10.1.128.0/17) in route table rt of TGW tgw, which holds both: propagated from att-b; propagated from att-c. A Transit Gateway does not propagate")
	assert.equals(f.resources, ["aws_vpc.b", "aws_vpc.c", "rt", "rt", "tgw"])
}

test_disjoint_ranges_quiet if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.b", ["10.1.0.0/16"]), vpc("aws_vpc.c", ["10.2.0.0/16"])]),
		"routers": [tgw_table([
			entry("10.1.0.0/16", "aws_vpc.b", true, "att-b", "propagated from att-b"),
			entry("10.2.0.0/16", "aws_vpc.c", true, "att-c", "propagated from att-c"),
		])],
	}}
	assert.empty(rule.deny) with input as inp
}

# Networks that never meet in one router are not connected, whatever their
# ranges.
test_overlap_in_separate_routers_quiet if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.prod", ["10.1.0.0/16"]), vpc("aws_vpc.dev", ["10.1.0.0/16"])]),
		"routers": [
			tgw_table([entry("10.1.0.0/16", "aws_vpc.prod", true, "att-prod", "propagated from att-prod")]),
			object.union(tgw_table([entry("10.1.0.0/16", "aws_vpc.dev", true, "att-dev", "propagated from att-dev")]), {"element": "rt-dev"}),
		],
	}}
	assert.empty(rule.deny) with input as inp
}

# An on-premises summary over a VPN while VPCs are carved out of it:
# longest-prefix match separates them.
test_summary_wider_than_vpc_quiet if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.a", ["10.1.0.0/16"]), site("site:vpn", ["10.0.0.0/8"], true)]),
		"routers": [tgw_table([
			entry("10.1.0.0/16", "aws_vpc.a", true, "att-a", "propagated from att-a"),
			entry("10.0.0.0/8", "site:vpn", false, "att-vpn", "static route to att-vpn"),
		])],
	}}
	assert.empty(rule.deny) with input as inp
}

# A declared site's ranges are exact: a VPC inside one of them takes part of
# the site's addresses.
test_declared_site_range_around_vpc_fires if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.a", ["10.1.0.0/16"]), site("site.dc1", ["10.0.0.0/12"], false)]),
		"routers": [tgw_table([
			entry("10.1.0.0/16", "aws_vpc.a", true, "att-a", "propagated from att-a"),
			entry("10.0.0.0/12", "site.dc1", true, "att-vpn", "learned over BGP from vpn"),
		])],
	}}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "Longest-prefix match sends 10.1.0.0/16 to aws_vpc.a, so the addresses site.dc1 uses inside it are unreachable from there")
}

# A route more specific than a VPC's own range toward somewhere else: the
# VPC's range is exact, so part of it is lost.
test_route_inside_vpc_range_fires if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.spoke", ["10.32.0.0/16"]), site("site:vpn", ["10.32.5.0/24"], true)]),
		"routers": [tgw_table([
			entry("10.32.0.0/16", "aws_vpc.spoke", true, "att-spoke", "propagated from att-spoke"),
			entry("10.32.5.0/24", "site:vpn", false, "att-vpn", "static route to att-vpn"),
		])],
	}}
	assert.size(rule.deny, 1) with input as inp
}

test_same_prefix_toward_two_networks_fires if {
	inp := {"derived": {
		"networks": nets([site("site.partner-a", ["172.16.0.0/16"], false), site("site.partner-b", ["172.16.0.0/16"], false)]),
		"routers": [tgw_table([
			entry("172.16.0.0/16", "site.partner-a", true, "att-a", "learned over BGP from vpn-a"),
			entry("172.16.0.0/16", "site.partner-b", true, "att-b", "learned over BGP from vpn-b"),
		])],
	}}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "The two routes are for the same prefix")
}

# Two entries through one next hop are told apart further on, not here.
test_same_next_hop_quiet if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.x", ["10.1.0.0/16"]), vpc("aws_vpc.y", ["10.1.0.0/16"])]),
		"routers": [tgw_table([
			entry("10.1.0.0/16", "aws_vpc.x", true, "peering", "static route to peering, then ..."),
			entry("10.1.0.0/16", "aws_vpc.y", true, "peering", "static route to peering, then ..."),
		])],
	}}
	assert.empty(rule.deny) with input as inp
}

# Two sites implied by static routes that route one prefix: one site reached
# twice, or two sites? Not evaluated, with the reason.
test_implied_sites_same_prefix_not_evaluated if {
	inp := {"derived": {
		"networks": nets([site("site:a", ["10.0.0.0/8"], true), site("site:b", ["10.0.0.0/8", "192.168.0.0/16"], true)]),
		"routers": [tgw_table([
			entry("10.0.0.0/8", "site:a", false, "vpn-a", "static route"),
			entry("10.0.0.0/8", "site:b", false, "vpn-b", "static route"),
		])],
	}}
	assert.empty(rule.deny) with input as inp
	some ne in rule.not_evaluated with input as inp
	assert.equals(ne.resource, "rt")
	contains(ne.reason, "cannot tell whether they are one site")
}

test_peering_refuses_any_overlap if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.a", ["10.0.0.0/16", "2600:1f18::/56"]), vpc("aws_vpc.b", ["10.9.0.0/16", "2600:1f18:0:10::/64"])]),
		"routers": [{
			"id": "vpc_peering_connection:pcx", "kind": "vpc_peering_connection", "element": "pcx",
			"label": "peering pcx", "via": ["pcx"], "entries": [
				object.union(entry("10.0.0.0/16", "aws_vpc.a", true, "aws_vpc.a", "requester VPC aws_vpc.a"), {"exclusive": "peering"}),
				object.union(entry("2600:1f18::/56", "aws_vpc.a", true, "aws_vpc.a", "requester VPC aws_vpc.a"), {"exclusive": "peering"}),
				object.union(entry("10.9.0.0/16", "aws_vpc.b", true, "aws_vpc.b", "accepter VPC aws_vpc.b"), {"exclusive": "peering"}),
				object.union(entry("2600:1f18:0:10::/64", "aws_vpc.b", true, "aws_vpc.b", "accepter VPC aws_vpc.b"), {"exclusive": "peering"}),
			],
		}],
	}}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "AWS refuses a peering between VPCs whose CIDRs overlap")
}

test_client_pool_refuses_overlap_with_a_route if {
	pool := object.union(entry("10.0.0.0/22", "cvpn", true, "clients", "the client CIDR of cvpn"), {"exclusive": "*"})

	# Even a summary route the endpoint holds counts.
	route := entry("10.0.0.0/8", "route:cvpn:10.0.0.0/8", false, "subnet-a", "route r through subnet-a")
	inp := {"derived": {
		"networks": nets([{"id": "cvpn", "kind": "client_pool", "element": "cvpn", "address": "cvpn client pool", "cidrs": ["10.0.0.0/22"]}]),
		"routers": [{"id": "client_vpn_endpoint:cvpn", "kind": "client_vpn_endpoint", "element": "cvpn", "label": "Client VPN endpoint cvpn", "via": ["cvpn"], "entries": [pool, route]}],
	}}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "A Client VPN client CIDR must not overlap")
}

# One conflict seen from several routers is one finding, naming the first.
test_one_finding_per_pair if {
	entries := [
		entry("10.1.0.0/16", "aws_vpc.b", true, "att-b", "propagated from att-b"),
		entry("10.1.0.0/16", "aws_vpc.c", true, "att-c", "propagated from att-c"),
	]
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.b", ["10.1.0.0/16"]), vpc("aws_vpc.c", ["10.1.0.0/16"])]),
		"routers": [tgw_table(entries), object.union(tgw_table(entries), {"element": "rt2", "label": "route table rt2 of TGW tgw"})],
	}}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	contains(f.msg, "in route table rt of TGW tgw")
}

test_assumed_site_is_said if {
	assumed := object.union(site("site:vpn-a", ["10.20.0.0/16"], true), {"assumed": "netlint assumed that vpn-a and vpn-b reach one on-premises site"})
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.a", ["10.20.0.0/16"]), assumed]),
		"routers": [tgw_table([
			entry("10.20.0.0/16", "aws_vpc.a", true, "att-a", "propagated from att-a"),
			entry("10.20.0.0/16", "site:vpn-a", false, "vpn-a", "static route"),
		])],
	}}
	some f in rule.deny with input as inp
	contains(f.msg, "(netlint assumed that vpn-a and vpn-b reach one on-premises site)")
}

test_unknown_router_content_not_evaluated if {
	inp := {"derived": {
		"networks": nets([vpc("aws_vpc.a", ["10.1.0.0/16"])]),
		"routers": [object.union(
			tgw_table([entry("10.1.0.0/16", "aws_vpc.a", true, "att-a", "propagated from att-a")]),
			{"unknown": ["vpn-x learns its on-premises prefixes over BGP"]},
		)],
	}}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "rt", "reason": "vpn-x learns its on-premises prefixes over BGP"}}) with input as inp
}
