# METADATA
# title: An active peering connection has no route in either VPC
# description: |-
#   A VPC peering connection is active, but no route table of either VPC has a
#   route whose target is the peering. Accepting a peering does not add routes:
#   each side must route the other side's CIDRs to it (aws_route with
#   vpc_peering_connection_id). Without any route the peering carries nothing, and
#   the VPCs that were meant to talk cannot.
#
#   Design guide, "VPC-to-VPC connectivity options", VPC Peering: "AWS provided
#   network connectivity between 2 VPCs", which exists only once both route tables
#   point at it. A peering in a plan that is neither auto-accepted nor accepted in
#   the same plan is pending; whether it becomes active, and whether the other side
#   routes to it, is decided elsewhere, so it counts as not evaluated. So does a
#   peering whose other VPC's route tables are not in the input.
# custom:
#   id: NL503
#   name: peering-unrouted
#   severity: warning
#   fixtures: [fire-cross-region-accepted, fire-no-routes, quiet, quiet-unresolved-link]
#   remediation: |-
#     Route each VPC's traffic for the other VPC's CIDRs through the peering, in
#     every route table whose subnets need it:
#
#     ```hcl
#     resource "aws_route" "app_to_shared" {
#       route_table_id            = aws_route_table.app.id
#       destination_cidr_block    = aws_vpc.shared.cidr_block
#       vpc_peering_connection_id = aws_vpc_peering_connection.app_shared.id
#     }
#
#     resource "aws_route" "shared_to_app" {
#       route_table_id            = aws_route_table.shared.id
#       destination_cidr_block    = aws_vpc.app.cidr_block
#       vpc_peering_connection_id = aws_vpc_peering_connection.app_shared.id
#     }
#     ```
#
#     If nothing should use the peering, delete it.
package netlint.rules.peering.peering_unrouted

import data.netlint.lib
import data.netlint.lib.peering

# routed holds the peerings some route targets.
routed contains pid if {
	some rt in input.route_tables
	some route in peering.array_field(rt, "routes")
	peering.peering_route(route)
	pid := peering.resolve(object.get(route, "target", ""))
}

# with_tables holds the VPCs whose route tables are in the input.
with_tables contains rt.vpc if {
	some rt in input.route_tables
	object.get(rt, "vpc", "") != ""
}

# doubtful holds the VPCs with a route table whose routes could target a peering
# nobody can name yet: an unknown peering target, or unknown routes. "" stands
# for a route table whose VPC is unknown.
doubtful contains vpc if {
	some rt in input.route_tables
	some route in peering.array_field(rt, "routes")
	peering.peering_route(route)
	"target" in route.unknown
	vpc := table_vpc(rt)
}

doubtful contains vpc if {
	some rt in input.route_tables
	lib.unknown(rt, "routes")
	vpc := table_vpc(rt)
}

table_vpc(rt) := "" if lib.unknown(rt, "vpc")

else := object.get(rt, "vpc", "")

# unrouted holds the peerings no known route targets.
unrouted contains pid if {
	some pid, _ in input.peerings
	not pid in routed
}

# judgeable is true when both VPCs' routes are in the input and none is in doubt.
judgeable(p) if {
	every side in ["requester", "accepter"] {
		vpc := peering.vpc_of(p, side)
		vpc in with_tables
		not vpc in doubtful
	}
	not "" in doubtful
}

active(p) if object.get(p, "status", "") == "active"

deny contains f if {
	some pid in unrouted
	p := input.peerings[pid]
	active(p)
	judgeable(p)
	req := peering.vpc_of(p, "requester")
	acc := peering.vpc_of(p, "accepter")
	msg := sprintf(
		"peering %s between %s and %s is active, but no route table of either VPC routes to it, so it carries no traffic. Route %s in %s's route tables and %s in %s's to the peering, or delete it",
		[
			lib.addr(p), peering.vpc_name(p, "requester"), peering.vpc_name(p, "accepter"),
			cidr_text(p, "accepter"), peering.vpc_name(p, "requester"),
			cidr_text(p, "requester"), peering.vpc_name(p, "accepter"),
		],
	)
	f := lib.finding(msg, [pid, req, acc])
}

# cidr_text names a side's IPv4 ranges, or says "the CIDRs of" when unknown.
cidr_text(p, side) := concat(", ", sort(rs)) if {
	rs := peering.ranges(p, side, "4")
	count(rs) > 0
} else := sprintf("the CIDRs of %s", [peering.vpc_name(p, side)])

# A peering no known route targets whose status (a plan's pending peering) or
# other side's routes are not known.
not_evaluated contains {"resource": pid, "reason": reason} if {
	some pid in unrouted
	p := input.peerings[pid]
	not inactive(p)
	not decided(p)
	some reason in undecided_reasons(p)
}

# undecided_reasons says why a peering no known route targets is not judged.
undecided_reasons(p) := {"its status is not known until apply (a peering the plan creates may wait for acceptance)"} if {
	not active(p)
} else := union({
	{sprintf("no route table of %s is in the input", [peering.vpc_name(p, side)]) |
		some side in ["requester", "accepter"]
		not peering.vpc_of(p, side) in with_tables
	},
	{sprintf("a route table of %s has routes not all known (a route whose route table or target cannot be resolved may be to this peering)", [concat(" and ", names)]) |
		names := sort({peering.vpc_name(p, side) |
			some side in ["requester", "accepter"]
			peering.vpc_of(p, side) in with_tables
			peering.vpc_of(p, side) in doubtful
		})
		count(names) > 0
	},
	{"a route table whose VPC is not known until apply may route to it" | "" in doubtful},
})

decided(p) if {
	active(p)
	judgeable(p)
}

# A known status other than active: pending-acceptance, rejected, deleted, ...
inactive(p) if {
	status := object.get(p, "status", "")
	status != ""
	status != "active"
	not lib.unknown(p, "status")
}
