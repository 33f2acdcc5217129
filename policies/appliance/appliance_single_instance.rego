# METADATA
# title: Remote ranges depend on a single forwarding appliance
# description: |-
#   Every route of a VPC to a remote range (an on-premises network, another VPC, a
#   client VPN pool, or the internet through a NAT instance) goes through one and
#   the same EC2 instance or network interface. That appliance is a single point of
#   failure: when the instance stops, is replaced, or its Availability Zone fails,
#   nothing carries the traffic until someone repoints the routes.
#
#   Design guide, "Software Site-to-Site VPN" (network-to-VPC and VPC-to-VPC) and
#   "Software client VPN": the design has a "single point of failure because the
#   software VPN appliance runs on a single Amazon EC2 instance". The guide's
#   "High-Level HA architecture for software VPN instances" runs several VPN
#   instances, one per AZ, with a monitor that moves routes on failure.
#
#   Appliances are counted per destination: a VPC whose on-premises routes use two
#   instances but whose internet route uses one NAT instance is reported for the
#   internet route. A route given as an instance's primary network interface and a
#   route given as the instance itself count as the same appliance.
# custom:
#   id: NL401
#   name: appliance-single-instance
#   severity: warning
#   fixtures: [fire-dual-stack-generated-ipv6, fire-existing-nat-instance, fire-single-vpn-instance, quiet-unresolved-link, quiet-vpn-per-az]
#   remediation: |-
#     Run a second appliance in another Availability Zone and split the route
#     tables so that each AZ's subnets use the appliance of their own AZ; add a
#     health monitor (NL404) that repoints routes when one fails. Or replace the
#     appliance with a managed, redundant service: a VGW or Transit Gateway VPN,
#     a NAT gateway, AWS Client VPN.
#
#     ```hcl
#     resource "aws_instance" "vpn" {
#       count             = 2
#       subnet_id         = aws_subnet.public[count.index].id
#       source_dest_check = false
#       # ...
#     }
#
#     resource "aws_route" "onprem" {
#       count                  = 2
#       route_table_id         = aws_route_table.private[count.index].id
#       destination_cidr_block = "192.168.0.0/16"
#       network_interface_id   = aws_instance.vpn[count.index].primary_network_interface_id
#     }
#     ```
package netlint.rules.appliance.appliance_single_instance

import data.netlint.lib
import data.netlint.lib.appliance as ap

# Routes through an appliance to ranges outside their VPC.
_remote contains h if {
	some h in ap.hops
	h.vpc != ""
	ap.remote(h.vpc, h.destination)
}

# _apps[[vpc, destination]] lists the appliances that carry the destination out
# of the VPC; _certain the same for appliances that are certain.
_apps := ap.group_by({[[h.vpc, h.destination], h.appliance] | some h in _remote})

_certain := ap.group_by({[[h.vpc, h.destination], h.appliance] | some h in _remote; h.identified})

# A destination whose routes name an ENI of unknown attachment: two routes may
# be one appliance or two.
_unsure := {[h.vpc, h.destination] | some h in _remote; not h.identified}

# Routes that may add another appliance: a target unknown until apply (by VPC,
# "" when the route table's VPC is unknown too), or a destination unknown until
# apply (the appliances of such routes, by VPC).
_blind_in := ap.group_by({[b.vpc, b] | some b in ap.blind_routes})

_undestined_in := ap.group_by({[h.vpc, h.appliance] | some h in ap.hops; h.destination == ""})

_maybe_other(vpc, destination, _) if {
	some v in {vpc, ""}
	some b in object.get(_blind_in, v, [])
	b.destination in {destination, ""}
}

_maybe_other(vpc, _, app) if {
	some other in object.get(_undestined_in, vpc, [])
	other != app
}

# A route table of the VPC whose routes are not all known (an aws_route whose
# route_table_id cannot be resolved may be in it) may send the destination
# through another appliance, unless it already routes the destination (a
# table holds one route per destination).
_maybe_other(vpc, destination, _) if {
	some v in {vpc, ""}
	some rt_id in object.get(_open_tables, v, [])
	not _routes_to(input.route_tables[rt_id], destination)
}

_open_tables := ap.group_by({[_table_vpc(rt), id] | some id, rt in input.route_tables; lib.unknown(rt, "routes")})

_table_vpc(rt) := "" if lib.unknown(rt, "vpc")

else := object.get(rt, "vpc", "")

_routes_to(rt, destination) if {
	some r in rt.routes
	not lib.unknown(r, "destination")
	r.destination == destination
}

# _sole[[vpc, appliance]] lists the destinations for which the appliance is the
# only one of the VPC.
_sole := ap.group_by({[[vpc, app], destination] |
	some key, apps in _apps
	count(apps) == 1
	not key in _unsure
	[vpc, destination] := key
	app := apps[0]
	not _maybe_other(vpc, destination, app)
})

_remote_by := ap.group_by({[[h.vpc, h.appliance], h] | some h in _remote})

deny contains lib.finding(msg, resources) if {
	some [vpc, app], dests in _sole
	hops := {h | some h in object.get(_remote_by, [[vpc, app]], []); h.destination in dests}
	tables := {h.route_table | some h in hops}
	msg := sprintf(
		"%s is the only appliance that forwards %s out of VPC %s (%s); if it or its AZ fails, nothing carries this traffic until the routes are repointed",
		[ap.where(app), concat(", ", dests), ap.name(vpc), ap.routes_text(hops)],
	)
	resources := array.concat(array.concat([app], sort(tables)), [vpc])
}

# Route tables whose VPC, or whose VPC's ranges, are unknown: remote cannot be
# told from local.
not_evaluated contains {"resource": h.route_table, "reason": reason} if {
	some h in ap.hops
	h.destination != ""
	not ap.ranges_known_for(h.vpc, h.destination)
	reason := sprintf("the route table's VPC, or its address ranges, are not known until apply: whether %s leaves the VPC cannot be told", [h.destination])
}

# Routes with an unknown destination or target.
not_evaluated contains {"resource": h.route_table, "reason": sprintf("the destination of a route through %s is not known until apply", [ap.name(h.appliance)])} if {
	some h in ap.hops
	h.destination == ""
}

not_evaluated contains {"resource": b.route_table, "reason": sprintf("the target of route %s is not known until apply: it may be another appliance", [dest_text(b.destination)])} if {
	some b in ap.blind_routes
}

dest_text(d) := d if d != ""

else := "to a destination known after apply"

# An ENI of unknown attachment may be the same appliance as another route's, or
# not: unless two distinct appliances are certain, the count is unknown.
_tables_to := ap.group_by({[[h.vpc, h.destination], h.route_table] | some h in _remote})

not_evaluated contains {"resource": rt, "reason": sprintf("a network interface that carries %s has an attachment not known until apply: it may be the same appliance as another route's, or not", [key[1]])} if {
	some key in _unsure
	count(object.get(_certain, [key], [])) < 2
	some rt in object.get(_tables_to, [key], [])
}

# One appliance, but a route table of the VPC whose routes are not all known
# (a route whose route table cannot be resolved) may send the destination
# through another.
not_evaluated contains {"resource": rt, "reason": sprintf("a route table of the VPC has routes not known (a route whose route table cannot be resolved): it may send %s through another appliance", [destination])} if {
	some key, apps in _apps
	count(apps) == 1
	not key in _unsure
	[vpc, destination] := key
	some v in {vpc, ""}
	some open in object.get(_open_tables, v, [])
	not _routes_to(input.route_tables[open], destination)
	some rt in object.get(_tables_to, [key], [])
}
