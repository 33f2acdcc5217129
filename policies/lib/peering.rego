# Helpers shared by the VPC peering rules (policies/peering).
package netlint.lib.peering

import data.netlint.lib

# array_field is an element's list field, [] when it is absent or null.
array_field(el, key) := v if {
	v := object.get(el, key, [])
	is_array(v)
} else := []

# by_aws_id maps the AWS id of a peering in the model to its model ID, for
# routes that name an existing peering by its pcx- id.
by_aws_id[aws_id] contains id if {
	some id, p in input.peerings
	aws_id := object.get(p, "aws_id", "")
	aws_id != ""
}

# resolve is the model ID of the peering a route target names; undefined for a
# peering outside the model. Should two elements (a resource and a data source)
# hold the same peering, the first by ID stands for it.
resolve(target) := target if {
	input.peerings[target]
} else := min(by_aws_id[target])

# peering_route is true for a route whose target is a peering connection.
peering_route(route) if route.target_kind == "vpc_peering_connection"

# local_side is the side ("requester" or "accepter") of a peering that a VPC is.
local_side(p, vpc) := "requester" if {
	vpc != ""
	p.requester_vpc == vpc
}

local_side(p, vpc) := "accepter" if {
	vpc != ""
	p.accepter_vpc == vpc
	p.requester_vpc != vpc
}

other("requester") := "accepter"

other("accepter") := "requester"

# vpc_of is the VPC on one side of a peering: a model ID, a raw vpc- id for a VPC
# outside the model, or "" when unknown.
vpc_of(p, side) := object.get(p, sprintf("%s_vpc", [side]), "")

# family is "6" for an IPv6 CIDR, else "4".
family(cidr) := "6" if contains(cidr, ":")

else := "4"

# ranges is the set of a peering side's CIDRs of one family: the VPC's own when it
# is in the model, else what AWS reported for that side of the peering. Undefined
# when they are not known.
ranges(p, side, "4") := {c | some c in array_field(vpc, "cidrs"); family(c) == "4"; net.cidr_is_valid(c)} if {
	vpc := input.vpcs[vpc_of(p, side)]
	not lib.unknown(vpc, "cidrs")
	count(array_field(vpc, "cidrs")) > 0
}

ranges(p, side, "6") := {c | some c in array_field(vpc, "ipv6_cidrs"); net.cidr_is_valid(c)} if {
	vpc := input.vpcs[vpc_of(p, side)]
	not lib.unknown(vpc, "ipv6_cidrs")
}

ranges(p, side, fam) := rs if {
	not input.vpcs[vpc_of(p, side)]
	rs := {c | some c in array_field(p, sprintf("%s_cidrs", [side])); family(c) == fam; net.cidr_is_valid(c)}
	count(rs) > 0
}

# covered is true when a CIDR lies inside the union of ranges.
covered(cidr, rs) if {
	some r in net.cidr_merge(rs)
	net.cidr_contains(r, cidr)
}

# vpc_name names a side's VPC for messages.
vpc_name(p, side) := lib.addr(vpc) if {
	vpc := input.vpcs[vpc_of(p, side)]
} else := vpc_of(p, side) if {
	vpc_of(p, side) != ""
}

else := sprintf("the %s VPC of %s", [side, lib.addr(p)])
