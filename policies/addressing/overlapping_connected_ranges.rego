# METADATA
# title: Networks that exchange traffic have ranges routing cannot tell apart
# description: |-
#   Two networks whose ranges overlap meet in a router that cannot tell them
#   apart, or are joined by a construct AWS refuses. netlint computes this from
#   the route tables, as AWS evaluates them (docs/reachability.md): VPC route
#   tables, Transit Gateway route tables with their associations, propagations,
#   static and blackhole routes and peering attachments, VGWs (VPN CloudHub
#   included), Direct Connect gateways with their allowed prefixes, Client VPN
#   endpoints and VPC peering. A router cannot tell two networks apart when it
#   holds routes toward both for the same prefix (one wins by route type and
#   the other is unreachable from there), or when longest-prefix match sends
#   part of a network's real range to the other network. A Transit Gateway does
#   not even propagate a VPC CIDR that overlaps one already in the route table:
#   no error, the routes are simply missing.
#
#   Ranges that longest-prefix match separates are not a conflict: an
#   on-premises summary such as 10.0.0.0/8 over a VPN, with VPCs carved out of
#   10/8, works. Networks in isolated route domains (a TGW route table that
#   neither holds nor reaches the other) do not meet. A range behind a TGW
#   peering counts only for the prefixes the static routes carry.
#
#   AWS refuses outright: a VPC peering between VPCs with any overlapping CIDR,
#   VPCs with overlapping CIDRs behind one Direct Connect gateway through VGWs,
#   and a Client VPN client CIDR that overlaps its VPC or a route of its
#   endpoint.
#
#   Networks are every VPC CIDR (primary and secondary, IPv4 and IPv6), client
#   pools, and on-premises sites: declared in .netlint.yaml (exact ranges), or
#   implied by VPN static routes (which may be summaries; connections whose
#   devices share an IP or whose routes are identical are taken as one site,
#   and findings say so).
#
#   Design guide, "Introduction" and every connectivity option: "Use
#   non-overlapping IP ranges for each network being connected".
# custom:
#   id: NL001
#   name: overlapping-connected-ranges
#   severity: error
#   fixtures: [fire-client-vpn, fire-peering, fire-route-inside-vpc, fire-site-on-tgw, fire-tgw, fire-vpn-site-declared, quiet, quiet-vpn-summary]
#   remediation: |-
#     Give every connected network a distinct range. Plan an address map for all
#     VPCs and sites (for example with AWS VPC IPAM) and move the newer network:
#
#     ```hcl
#     resource "aws_vpc" "c" {
#       cidr_block = "10.2.0.0/16" # was 10.1.128.0/17, inside aws_vpc.b
#     }
#     ```
#
#     Or keep the two networks apart: do not propagate both into one Transit
#     Gateway route table (segment them), or put NAT between them (a private NAT
#     gateway) or publish the service over PrivateLink instead. `netlint path A B`
#     shows the routes that join them.
package netlint.rules.addressing.overlapping_connected_ranges

import data.netlint.lib

nets := input.derived.networks

# conflicts holds the pairs of entries of one router that it cannot tell
# apart, keyed by the two networks and ranges: one finding per key, naming
# the first router where they meet.
conflicts contains c if {
	some i, router in input.derived.routers
	entries := router.entries
	some pair in netlint.cidr_overlaps([[e.network, e.prefix] | some e in entries])
	x := entries[pair[0]]
	y := entries[pair[1]]
	why := reason(router, x, y)
	[a, b] := ordered(x, y)
	c := {"key": [a.network, a.prefix, b.network, b.prefix], "router": i, "a": a, "b": b, "why": why}
}

deny contains f if {
	some key in {c.key | some c in conflicts}
	first := min({[c.router, c.a.next_hop, c.b.next_hop] | some c in conflicts; c.key == key})
	some c in conflicts
	c.key == key
	[c.router, c.a.next_hop, c.b.next_hop] == first
	router := input.derived.routers[c.router]
	msg := sprintf("%s (%s) overlaps %s (%s) in %s, which holds both: %s; %s. %s%s", [
		c.a.label, c.a.prefix, c.b.label, c.b.prefix, router.label,
		c.a.how, c.b.how, consequence(c), assumptions(c),
	])
	resources := array.concat(
		array.concat([id | some e in [c.a, c.b]; id := element(e)], [router.element]),
		array.concat(router.via, array.concat(entry_resources(c.a), entry_resources(c.b))),
	)
	f := lib.finding(msg, resources)
}

# reason says why two overlapping entries of different networks conflict;
# undefined when they do not.
reason(router, x, y) := "client" if {
	"*" in {object.get(x, "exclusive", ""), object.get(y, "exclusive", "")}
} else := x.exclusive if {
	object.get(x, "exclusive", "") != ""
	x.exclusive == object.get(y, "exclusive", "")
} else := "propagation" if {
	x.next_hop != y.next_hop
	tgw_propagated_vpcs(x, y)
} else := "same_prefix" if {
	longest_prefix_match(router)
	x.next_hop != y.next_hop
	x.prefix == y.prefix
	some e in [x, y]
	e.exact
} else := "shadowed" if {
	longest_prefix_match(router)
	x.next_hop != y.next_hop
	x.prefix != y.prefix
	wider(x, y).exact
}

# longest_prefix_match: a router whose own choice between routes can hide a
# network. A Client VPN endpoint only has to keep its client CIDR apart: its
# routes through several subnets are for reaching one network in each AZ.
longest_prefix_match(router) if router.kind != "client_vpn_endpoint"

# tgw_propagated_vpcs: two VPC CIDRs propagated into one TGW route table.
tgw_propagated_vpcs(x, y) if {
	every e in [x, y] {
		nets[e.network].kind == "vpc"
		startswith(e.how, "propagated from ")
	}
}

prefix_len(cidr) := to_number(split(cidr, "/")[1])

wider(x, y) := x if prefix_len(x.prefix) < prefix_len(y.prefix)

else := y

narrow(x, y) := y if prefix_len(x.prefix) < prefix_len(y.prefix)

else := x

# ordered puts the entry of the network that sorts first first.
ordered(x, y) := [x, y] if [x.network, x.prefix] < [y.network, y.prefix]

else := [y, x]

consequence(c) := "A Transit Gateway does not propagate a VPC CIDR that overlaps one already in the route table (no error is raised: the routes are missing), so one of the two VPCs is unreachable through it" if {
	c.why == "propagation"
}

consequence(c) := "The two routes are for the same prefix: the router uses one, and the other network is unreachable from there for that range" if {
	c.why == "same_prefix"
}

consequence(c) := sprintf("Longest-prefix match sends %s to %s, so the addresses %s uses inside it are unreachable from there", [
	narrow(c.a, c.b).prefix, narrow(c.a, c.b).label, wider(c.a, c.b).label,
]) if {
	c.why == "shadowed"
}

consequence(c) := "AWS refuses a peering between VPCs whose CIDRs overlap, even partly (the request fails)" if {
	c.why == "peering"
}

consequence(c) := "AWS does not allow VPCs with overlapping CIDRs behind one Direct Connect gateway through VGWs" if {
	c.why == "dx_vgw_association"
}

consequence(c) := "A Client VPN client CIDR must not overlap the VPC of its associated subnets or any range its routes reach" if {
	c.why == "client"
}

# assumptions repeats what netlint assumed to build either network.
assumptions(c) := concat("", [sprintf(" (%s)", [note]) |
	some n in {c.a.network, c.b.network}
	note := object.get(object.get(nets, n, {}), "assumed", "")
	note != ""
])

element(e) := nets[e.network].element

entry_resources(e) := object.get(e, "resources", []) if is_array(object.get(e, "resources", []))

else := []

# A router that holds something netlint cannot know (prefixes learned over
# BGP from an undeclared site, a value known only after apply) is judged for
# what is known and listed here with the reason.
not_evaluated contains {"resource": router.element, "reason": concat("; ", router.unknown)} if {
	some router in input.derived.routers
	count(router.unknown) > 0
}

# Two sites implied by VPN static routes that route the same prefix: netlint
# cannot tell whether they are one site reached twice or two sites.
not_evaluated contains {"resource": router.element, "reason": msg} if {
	some router in input.derived.routers
	entries := router.entries
	some pair in netlint.cidr_overlaps([[e.network, e.prefix] | some e in entries])
	x := entries[pair[0]]
	y := entries[pair[1]]
	x.prefix == y.prefix
	x.next_hop != y.next_hop
	every e in [x, y] {
		not e.exact
		object.get(nets, e.network, {}).implied
	}
	msg := sprintf("%s and %s both route %s through %s: netlint cannot tell whether they are one site; declare sites in .netlint.yaml", [
		x.label, y.label, x.prefix, router.label,
	])
}
