# Helpers for the rules about EC2 appliances that forward traffic: software VPN
# instances, NAT instances, routers and firewalls (families appliance and topology).
#
# A route reaches an appliance in one of two ways: target_kind "instance" (the
# target is the instance) or "network_interface" (the target is an ENI, which
# may be attached to an instance). The loader may give a route written as
# `aws_instance.x.primary_network_interface_id` either way, so both resolve to
# the same appliance: the instance when the ENI's owner is known, else the ENI.
package netlint.lib.appliance

import data.netlint.lib

# kinds are the route target kinds that hand traffic to an EC2 appliance.
kinds := {"instance", "network_interface"}

# group_by turns a set of [key, value] pairs into {key: [values...]} (values
# sorted) in O(n log n): sort the pairs, then cut them into runs of one key. A
# multi-value rule `p[key] contains value` builds the same object, but OPA
# evaluates it once per key, O(keys × n), which a large plan cannot afford.
# The rules of this family build every index with group_by, bound to a rule so
# that it is computed once per evaluation.
group_by(pairs) := {sorted[s][0]: [p[1] | some p in array.slice(sorted, s, ends[k])] | some k, s in starts} if {
	sorted := sort(pairs)
	starts := array.concat([0 | count(sorted) > 0], [i | some i, p in sorted; i > 0; p[0] != sorted[i - 1][0]])
	ends := array.concat(array.slice(starts, 1, count(starts)), [count(sorted)])
}

# owners[eni] lists the instances an ENI belongs to, from whichever side of the
# link the input records.
owners := group_by(_eni_instance)

_eni_instance contains [eni, inst] if {
	some eni, e in input.network_interfaces
	inst := object.get(e, "instance", "")
	inst != ""
}

_eni_instance contains [eni, inst] if {
	some inst, i in input.instances
	eni := object.get(i, "primary_eni", "")
	eni != ""
}

_eni_instance contains [eni, inst] if {
	some inst, i in input.instances
	some eni in object.get(i, "network_interfaces", [])
}

# owner is the one instance an ENI is attached to.
owner(eni) := found[0] if {
	found := object.get(owners, eni, [])
	count(found) == 1
}

# appliance is what forwards a route's traffic: the instance, found directly or
# through an attached ENI, else the ENI itself.
appliance(route) := route.target if route.target_kind == "instance"

appliance(route) := owner(route.target) if route.target_kind == "network_interface"

appliance(route) := route.target if {
	route.target_kind == "network_interface"
	not owner(route.target)
}

# identified is true when the route's appliance is certain: an instance, an ENI
# of exactly one instance, or an ENI the model knows to be detached. An ENI
# outside the model, or whose attachment is unknown, may belong to an instance
# that another route names directly.
identified(route) if route.target_kind == "instance"

identified(route) if {
	route.target_kind == "network_interface"
	owner(route.target)
}

identified(route) if {
	route.target_kind == "network_interface"
	count(object.get(owners, route.target, [])) == 0
	eni := input.network_interfaces[route.target]
	not lib.unknown(eni, "instance")
}

# blind is true for a route that may reach an appliance but whose target (or
# target kind) is not known: rules that count appliances cannot judge it.
blind(route) if lib.unknown(route, "target_kind")

blind(route) if {
	route.target_kind in kinds
	lib.unknown(route, "target")
}

blind(route) if {
	route.target_kind in kinds
	object.get(route, "target", "") == ""
}

# is_identified is identified as a boolean, for objects.
is_identified(route) if identified(route)

else := false

_destination(route) := "" if lib.unknown(route, "destination")

else := object.get(route, "destination", "")

_vpc(rt) := "" if lib.unknown(rt, "vpc")

else := object.get(rt, "vpc", "")

# hops are the routes through an appliance whose target is known, one object per
# route: its route table and VPC ("" when unknown), its destination ("" when
# unknown), the target as written, and the appliance it resolves to.
hops contains hop if {
	some rt_id, rt in input.route_tables
	some i, r in rt.routes
	r.target_kind in kinds
	not blind(r)
	hop := {
		"route_table": rt_id,
		"vpc": _vpc(rt),
		"index": i,
		"destination": _destination(r),
		"target_kind": r.target_kind,
		"target": r.target,
		"appliance": appliance(r),
		"identified": is_identified(r),
	}
}

# blind_routes are the routes that may reach an appliance through a target not
# known at plan time.
blind_routes contains b if {
	some rt_id, rt in input.route_tables
	some r in rt.routes
	blind(r)
	b := {"route_table": rt_id, "vpc": _vpc(rt), "destination": _destination(r)}
}

# families are the address families whose VPC ranges tell whether a destination
# is remote: {"4"} or {"6"} for a CIDR, none for a prefix list (always remote,
# see remote).
families(destination) := {"6"} if {
	net.cidr_is_valid(destination)
	contains(destination, ":")
} else := {"4"} if {
	net.cidr_is_valid(destination)
} else := set()

# _field is the VPC field holding the ranges of an address family.
_field := {"4": "cidrs", "6": "ipv6_cidrs"}

# ranges_known_for is true when the VPC's ranges of the destination's address
# family are known: an IPv4 destination needs only the IPv4 CIDRs, so a
# dual-stack VPC whose IPv6 block AWS assigns on apply is judged for its IPv4
# routes.
ranges_known_for(vpc_id, destination) if {
	vpc := input.vpcs[vpc_id]
	every f in families(destination) {
		not lib.unknown(vpc, _field[f])
	}
}

# ranges_known is true when the VPC's ranges are known for every address family
# its routes need, for checks that take a VPC rather than a route: the family of
# each known destination routed through an appliance, a peering connection or a
# Transit Gateway (the links of a transit VPC's spokes). A dual-stack VPC whose
# IPv6 block AWS assigns on apply thus counts as known while it routes only
# IPv4 ranges that way; once it routes an IPv6 range too, it counts as unknown
# as a whole, and only ranges_known_for tells its routes apart.
ranges_known(vpc_id) if {
	input.vpcs[vpc_id]
	not vpc_id in _ranges_missing
}

_ranged_kinds := kinds | {"vpc_peering_connection", "transit_gateway"}

# _ranges_missing holds the VPCs with such a route whose family's ranges are
# unknown.
_ranges_missing contains vpc_id if {
	some rt in input.route_tables
	vpc_id := _vpc(rt)
	some r in rt.routes
	object.get(r, "target_kind", "") in _ranged_kinds
	d := _destination(r)
	d != ""
	not ranges_known_for(vpc_id, d)
}

# ranges are a VPC's IPv4 and IPv6 CIDRs.
ranges(vpc_id) := array.concat(
	[c | some c in input.vpcs[vpc_id].cidrs],
	[c | some c in input.vpcs[vpc_id].ipv6_cidrs],
)

# _local is true when a destination CIDR lies within one of the VPC's ranges of
# its own family.
_local(vpc_id, destination) if {
	net.cidr_is_valid(destination)
	some f in families(destination)
	some c in object.get(input.vpcs[vpc_id], _field[f], [])
	net.cidr_contains(c, destination)
}

# remote is true when a destination lies outside the VPC's own ranges: an
# on-premises network, another VPC, a client pool, or the internet (a NAT
# instance forwards too). A prefix list is remote: routes inside the VPC must
# name a subnet CIDR, so it needs no range known; a CIDR needs only the VPC's
# ranges of its own address family.
remote(vpc_id, destination) if {
	destination != ""
	ranges_known_for(vpc_id, destination)
	not _local(vpc_id, destination)
}

# az is the Availability Zone of an instance or ENI: its own, else its subnet's,
# else (an ENI) its instance's.
az(id) := _az(input.instances[id])

az(id) := _eni_az(id) if input.network_interfaces[id]

_az(el) := el.az if {
	object.get(el, "az", "") != ""
	not lib.unknown(el, "az")
} else := zone if {
	not lib.unknown(el, "subnet")
	subnet := input.subnets[el.subnet]
	not lib.unknown(subnet, "az")
	zone := object.get(subnet, "az", "")
	zone != ""
}

_eni_az(id) := zone if {
	zone := _az(input.network_interfaces[id])
} else := _az(input.instances[owner(id)])

# name is how a message names an element: its address, or the raw id of an
# element outside the model.
name(id) := lib.addr(input.instances[id])

name(id) := lib.addr(input.network_interfaces[id])

name(id) := lib.addr(input.route_tables[id])

name(id) := lib.addr(input.vpcs[id])

name(id) := lib.addr(input.subnets[id])

name(id) := id if {
	not input.instances[id]
	not input.network_interfaces[id]
	not input.route_tables[id]
	not input.vpcs[id]
	not input.subnets[id]
}

# where names an appliance with its AZ when known: "aws_instance.vpn (us-east-1a)".
where(id) := sprintf("%s (%s)", [name(id), zone]) if {
	zone := az(id)
} else := name(id)

# routes_text describes routes (hops) by route table, for messages:
# "route table A: 10.8.0.0/16, 192.168.0.0/16; route table B: 192.168.0.0/16".
routes_text(routes) := concat("; ", [sprintf("route table %s: %s", [name(rt), concat(", ", sort({_dest_text(h) | some h in routes; h.route_table == rt}))]) |
	some rt in sort({h.route_table | some h in routes})
])

_dest_text(h) := h.destination if h.destination != ""

else := "a destination known after apply"

# joined lists names sorted, comma-separated.
joined(names) := concat(", ", sort(names))
