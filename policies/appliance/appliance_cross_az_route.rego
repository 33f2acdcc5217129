# METADATA
# title: Subnets route through an appliance in another Availability Zone
# description: |-
#   A subnet in one Availability Zone sends traffic for a remote range through an
#   EC2 appliance in another AZ, although an appliance in the subnet's own AZ
#   carries the same range for other subnets of the VPC. The traffic crosses AZs
#   (inter-AZ data charges, added latency) and the subnet loses the range when the
#   other AZ fails, even though its own AZ is healthy: the second appliance does
#   not buy the availability it was built for.
#
#   Design guide, "High-Level HA architecture for software VPN instances": "Amazon
#   recommends configuring your VPC route tables to leverage all VPN instances
#   simultaneously by directing traffic from all of the subnets in one AZ through
#   its respective VPN instances in the same AZ. Each VPN instance then provides
#   VPN connectivity for instances that share the same AZ."
#
#   Only routes to ranges outside the VPC are judged: routes between subnets of the
#   VPC through a firewall may cross AZs on purpose, to keep both directions of a
#   flow on one appliance. A main route table applies to the subnets of its VPC
#   that no other table claims.
# custom:
#   id: NL403
#   name: appliance-cross-az-route
#   severity: warning
#   fixtures: [fire-main-table, fire-swapped-routes, quiet-same-az]
#   remediation: |-
#     Give each AZ its own route table and point it at the appliance in the same
#     AZ. With one appliance and one route table per AZ, key both by the AZ:
#
#     ```hcl
#     resource "aws_route" "onprem" {
#       for_each               = aws_route_table.private # keyed by AZ, like aws_instance.vpn
#       route_table_id         = each.value.id
#       destination_cidr_block = "192.168.0.0/16"
#       network_interface_id   = aws_instance.vpn[each.key].primary_network_interface_id
#     }
#     ```
#
#     A route table shared by subnets of several AZs cannot follow this: split it.
package netlint.rules.appliance.appliance_cross_az_route

import data.netlint.lib
import data.netlint.lib.appliance as ap

# Routes to remote ranges with the AZ of their appliance.
_placed contains [h, zone] if {
	some h in ap.hops
	h.vpc != ""
	ap.remote(h.vpc, h.destination)
	zone := ap.az(h.appliance)
}

# _served[[vpc, destination, az]] lists the appliances in that AZ that carry the
# destination out of the VPC.
_served := ap.group_by({[[h.vpc, h.destination, zone], h.appliance] | some [h, zone] in _placed})

_explicit contains s if {
	some rt in input.route_tables
	some s in rt.subnets
}

# Subnets without an association, by VPC: the main table's.
_unassociated := ap.group_by({[sub.vpc, s] | some s, sub in input.subnets; not s in _explicit})

_associations_unknown contains rt.vpc if {
	some rt in input.route_tables
	lib.unknown(rt, "subnets")
}

# The subnets a route table applies to: its associations and, for the main
# table, every subnet of the VPC without one.
_members(rt) := {s | some s in rt.subnets} | _implicit(rt)

_implicit(rt) := {s | some s in object.get(_unassociated, rt.vpc, [])} if {
	rt.main == true
	not rt.vpc in _associations_unknown
} else := set()

_subnet_az(s) := sub.az if {
	sub := input.subnets[s]
	not lib.unknown(sub, "az")
	object.get(sub, "az", "") != ""
}

_alternatives(vpc, destination, zone) := object.get(_served, [[vpc, destination, zone]], [])

# _cross[[route table, appliance, appliance AZ, subnet AZ]] lists [subnet,
# destination] for each subnet sent to another AZ although its own AZ has an
# appliance for the range.
_cross := ap.group_by({[[h.route_table, h.appliance, y, x], [s, h.destination]] |
	some [h, y] in _placed
	some s in _members(input.route_tables[h.route_table])
	x := _subnet_az(s)
	x != y
	count(_alternatives(h.vpc, h.destination, x)) > 0
})

deny contains lib.finding(msg, resources) if {
	some [rt_id, app, y, x], cases in _cross
	subnets := {c[0] | some c in cases}
	dests := {c[1] | some c in cases}
	vpc := input.route_tables[rt_id].vpc
	alts := {a | some d in dests; some a in _alternatives(vpc, d, x)}
	msg := sprintf(
		"route table %s sends %s from subnets in %s (%s) to %s in %s, although %s in %s forwards the same ranges: the traffic crosses AZs and is lost when %s fails; route %s's subnets through the appliance in %s",
		[
			ap.name(rt_id), concat(", ", sort(dests)), x, ap.joined({ap.name(s) | some s in subnets}),
			ap.name(app), y, ap.joined({ap.name(a) | some a in alts}), x, y, x, x,
		],
	)
	resources := array.concat(array.concat([rt_id, app], sort(subnets)), sort(alts))
}

# Routes whose VPC ranges are unknown (remote cannot be told), or whose
# destination or target is unknown.
not_evaluated contains {"resource": h.route_table, "reason": sprintf("the route table's VPC, or its address ranges, are not known until apply: whether %s leaves the VPC cannot be told", [h.destination])} if {
	some h in ap.hops
	h.destination != ""
	not ap.ranges_known_for(h.vpc, h.destination)
}

not_evaluated contains {"resource": h.route_table, "reason": sprintf("the destination of a route through %s is not known until apply", [ap.name(h.appliance)])} if {
	some h in ap.hops
	h.destination == ""
}

not_evaluated contains {"resource": b.route_table, "reason": sprintf("the target of route %s is not known until apply: it may be an appliance", [_dest_text(b.destination)])} if {
	some b in ap.blind_routes
}

_dest_text(d) := d if d != ""

else := "to a destination known after apply"

# An appliance whose AZ is unknown (an ENI or instance outside the model).
not_evaluated contains {"resource": h.route_table, "reason": sprintf("the Availability Zone of %s is not known (it is outside this input, or known only after apply)", [ap.name(h.appliance)])} if {
	some h in ap.hops
	h.vpc != ""
	ap.remote(h.vpc, h.destination)
	not ap.az(h.appliance)
}

# A subnet of unknown AZ on a route through an appliance.
not_evaluated contains {"resource": s, "reason": "its Availability Zone is not known, and it routes through an appliance"} if {
	some [h, _] in _placed
	some s in _members(input.route_tables[h.route_table])
	not _subnet_az(s)
}
