# METADATA
# title: A route sends traffic through a peering for a range outside the peer VPC
# description: |-
#   A VPC route table sends traffic for a destination that is not inside the peer
#   VPC's CIDRs through a VPC peering connection. Peering carries traffic only
#   between the two VPCs' own ranges: it is not transitive, and there is no
#   edge-to-edge routing, so the peer never forwards it to its other peerings, its
#   VPN or Direct Connect, its internet or NAT gateway, or its gateway endpoints.
#   Traffic for the rest of the range (on-premises, the internet, a third VPC) is
#   dropped, although the route table looks as if it were reachable.
#
#   Design guide, "VPC-to-VPC connectivity options", VPC Peering: "Does not
#   support transitive peering". AWS VPC Peering Guide: a peer VPC's internet
#   gateway, NAT device, VPN, Direct Connect or gateway endpoint cannot be used
#   through the peering. The peer's ranges are its VPC CIDRs (primary and
#   secondary, IPv6 included) or, for a VPC outside the input, the CIDRs AWS
#   reports for that side of the peering.
# custom:
#   id: NL501
#   name: peering-transitive-route
#   severity: error
#   fixtures: [fire-default-route-cross-region, fire-onprem-via-peer, quiet]
#   remediation: |-
#     Route through the peering only the peer VPC's own CIDRs, one route per CIDR:
#
#     ```hcl
#     data "aws_vpc" "shared" {
#       id = var.shared_vpc_id
#     }
#
#     resource "aws_route" "to_shared" {
#       for_each                  = toset(data.aws_vpc.shared.cidr_block_associations[*].cidr_block)
#       route_table_id            = aws_route_table.app.id
#       destination_cidr_block    = each.value # not 0.0.0.0/0 or on-prem ranges
#       vpc_peering_connection_id = aws_vpc_peering_connection.app_shared.id
#     }
#     ```
#
#     To reach on-premises, the internet or a third VPC through a shared VPC, attach
#     the VPCs to a Transit Gateway instead, or peer directly with the third VPC.
package netlint.rules.peering.peering_transitive_route

import data.netlint.lib
import data.netlint.lib.peering

# peering_routes holds [route table ID, route index] of every route whose target
# is a peering connection.
peering_routes contains [rt_id, i] if {
	some rt_id, rt in input.route_tables
	some i, route in peering.array_field(rt, "routes")
	peering.peering_route(route)
}

# context is what judging a route needs; undefined when part of it is unknown.
context(rt, route) := {"peering": pid, "side": side, "ranges": rs} if {
	not route_unknown(route)
	not lib.unknown(rt, "vpc")
	pid := peering.resolve(route.target)
	p := input.peerings[pid]
	side := peering.other(peering.local_side(p, object.get(rt, "vpc", "")))
	net.cidr_is_valid(route.destination)
	rs := peering.ranges(p, side, peering.family(route.destination))
}

route_unknown(route) if {
	some field in ["destination", "target"]
	field in route.unknown
}

route_unknown(route) if object.get(route, "target", "") == ""

deny contains f if {
	some [rt_id, i] in peering_routes
	rt := input.route_tables[rt_id]
	route := rt.routes[i]
	c := context(rt, route)
	not peering.covered(route.destination, c.ranges)
	p := input.peerings[c.peering]
	msg := sprintf(
		"%s sends %s through peering %s, but %s is outside the peer VPC %s (%s). Peering is not transitive: the peer does not forward traffic for other ranges (to its own peerings, VPN, Direct Connect, internet or NAT gateway), so it is dropped",
		[route_label(rt, route), route.destination, lib.addr(p), route.destination, peering.vpc_name(p, c.side), range_text(c.ranges)],
	)

	# The route table is the primary location: aws_route resources are not model
	# elements. The route's own address comes last, so waivers can name it.
	ids := [id | some id in [rt_id, c.peering, peering.vpc_of(p, c.side), object.get(route, "address", "")]; id != ""]
	f := lib.finding(msg, ids)
}

route_label(rt, route) := sprintf("%s (in route table %s of VPC %s)", [route.address, lib.addr(rt), vpc_label(rt.vpc)]) if {
	object.get(route, "address", "") != ""
} else := sprintf("route table %s of VPC %s", [lib.addr(rt), vpc_label(rt.vpc)])

vpc_label(id) := lib.addr(input.vpcs[id]) if {
	input.vpcs[id]
} else := id

range_text(rs) := concat(", ", sort(rs)) if {
	count(rs) > 0
} else := "no range of that address family"

# A route whose destination is a prefix list, whose target or peer ranges are
# unknown, or whose peering is outside the model.
not_evaluated contains {"resource": route_id(rt_id, route), "reason": context_gap(rt, route)} if {
	some [rt_id, i] in peering_routes
	rt := input.route_tables[rt_id]
	route := rt.routes[i]
	not context(rt, route)
}

# context_gap says which part of a route's context is not known.
context_gap(rt, route) := "its destination is not known until apply" if {
	"destination" in route.unknown
} else := "its peering connection is not known until apply" if {
	route_unknown(route)
} else := sprintf("the VPC of route table %s is not known until apply", [lib.addr(rt)]) if {
	lib.unknown(rt, "vpc")
} else := sprintf("peering %s is outside this input: the ranges of its VPCs are not known", [route.target]) if {
	not peering.resolve(route.target)
} else := sprintf("the VPCs of peering %s are not known until apply", [lib.addr(input.peerings[peering.resolve(route.target)])]) if {
	not peering.local_side(input.peerings[peering.resolve(route.target)], object.get(rt, "vpc", ""))
} else := sprintf("its destination %s is a prefix list, whose ranges are not in the input", [route.destination]) if {
	not net.cidr_is_valid(route.destination)
} else := sprintf("the ranges of the peer VPC of %s are not known until apply", [lib.addr(input.peerings[peering.resolve(route.target)])])

route_id(rt_id, route) := route.address if {
	object.get(route, "address", "") != ""
} else := rt_id
