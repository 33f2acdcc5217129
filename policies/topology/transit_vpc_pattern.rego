# METADATA
# title: A VPC's appliances carry VPN traffic for several other VPCs (transit VPC)
# description: |-
#   One VPC routes remote (on-premises) ranges to EC2 appliances, and two or more
#   other VPCs send their traffic for those ranges into it, over VPC peering or a
#   Transit Gateway. That is the transit VPC pattern: a hub of software VPN or
#   router instances that the whole network's hybrid traffic depends on. You size,
#   patch, license and fail over those instances yourself, and each VPN tunnel is
#   bound by what one instance can push.
#
#   The classic transit VPC of the guide is also reported: the other VPCs each
#   have a virtual private gateway whose Site-to-Site VPN connections end on
#   customer gateways that are the Elastic IPs of EC2 appliances in the transit
#   VPC ("Software VPN-to-AWS Managed VPN"), so that spoke-to-spoke and remote
#   traffic crosses those instances.
#
#   Design guide, "Transit VPC": "A transit VPC is a common strategy for connecting
#   multiple, geographically disperse VPCs and remote networks", built on software
#   VPN appliances; the "Software Site-to-Site VPN" options note that "VPN instances
#   could become a network bottleneck" and that the customer must implement HA. A
#   Transit Gateway ("AWS Transit Gateway", "AWS Transit Gateway + VPN") is the
#   managed regional hub for the same job: VPN attachments with two tunnels each,
#   ECMP across connections, and no instances to run. Keep the transit VPC only
#   for what a Transit Gateway cannot do (network address translation between
#   overlapping ranges, inspection in a specific product), and then keep it
#   redundant (NL401, NL403, NL404).
#
#   A range counts as remote for a spoke when it is not the hub VPC's own range and
#   does not overlap the spoke's own ranges (so a central inspection VPC that routes
#   the spokes' own ranges through a firewall is not reported), and it is not a
#   default route. Spokes over peering also break NL501: peering does not carry
#   traffic for ranges outside the peer VPC.
# custom:
#   id: NL901
#   name: transit-vpc-pattern
#   severity: notice
#   fixtures: [fire-classic-vpn-transit, fire-peered-hub, fire-tgw-hub, quiet-classic-vpn-one-spoke, quiet-inspection-and-tgw-vpn]
#   remediation: |-
#     Terminate the site VPNs on a Transit Gateway, attach the VPCs to it, and
#     retire the appliance hub once traffic has moved:
#
#     ```hcl
#     resource "aws_vpn_connection" "hq" {
#       customer_gateway_id = aws_customer_gateway.hq.id
#       transit_gateway_id  = aws_ec2_transit_gateway.hub.id
#       type                = "ipsec.1"
#     }
#
#     resource "aws_ec2_transit_gateway_vpc_attachment" "spoke" {
#       for_each           = var.spokes
#       transit_gateway_id = aws_ec2_transit_gateway.hub.id
#       vpc_id             = each.value.vpc_id
#       subnet_ids         = each.value.subnet_ids
#     }
#     ```
#
#     Point the spokes' on-premises routes at the Transit Gateway. If the hub must
#     stay (NAT between overlapping ranges, a specific firewall), attach it to
#     the Transit Gateway in appliance mode instead of peering every spoke with it.
package netlint.rules.topology.transit_vpc_pattern

import data.netlint.lib
import data.netlint.lib.appliance as ap

# _hub_ranges[vpc] lists the remote CIDRs a VPC's route tables send to
# appliances.
_hub_ranges := ap.group_by({[h.vpc, h.destination] |
	some h in ap.hops
	h.vpc != ""
	ap.remote(h.vpc, h.destination)
	net.cidr_is_valid(h.destination)
	not endswith(h.destination, "/0")
})

_ranges_of(hub) := object.get(_hub_ranges, hub, [])

# _tgw_to_hub[[tgw, hub]] lists the destinations of a Transit Gateway's static
# routes to a hub's VPC attachment; _tgw_hubs[tgw] the hubs it routes to.
_tgw_to_hub := ap.group_by({[[rt.transit_gateway, att.vpc], r.destination] |
	some rt in input.tgw_route_tables
	some r in rt.routes
	not r.blackhole
	att := input.tgw_attachments[r.attachment]
	att.kind == "vpc"
	count(_ranges_of(att.vpc)) > 0
	net.cidr_is_valid(r.destination)
})

_tgw_hubs := ap.group_by({[tgw, hub] | some [tgw, hub], _ in _tgw_to_hub})

_other_side(p, vpc) := p.accepter_vpc if p.requester_vpc == vpc

_other_side(p, vpc) := p.requester_vpc if p.accepter_vpc == vpc

_overlaps_vpc(range, vpc) if {
	some c in ap.ranges(vpc)
	net.cidr_intersects(range, c)
}

# A hub range that is remote for the spoke too: on-premises, not the spoke's own.
_carried(hub, spoke, dest) := {range |
	some range in _ranges_of(hub)
	net.cidr_intersects(dest, range)
	not _overlaps_vpc(range, spoke)
}

# _links[hub] lists [spoke, link, hub range] for each spoke route that sends a
# hub range to the hub over peering ...
_links := ap.group_by(_link_pairs)

_link_pairs contains [hub, [spoke, r.target, range]] if {
	some rt in input.route_tables
	spoke := rt.vpc
	some r in rt.routes
	r.target_kind == "vpc_peering_connection"
	hub := _other_side(input.peerings[r.target], spoke)
	count(_ranges_of(hub)) > 0
	ap.ranges_known(spoke)
	net.cidr_is_valid(r.destination)
	some range in _carried(hub, spoke, r.destination)
}

# ... or over a Transit Gateway whose static route for the range points at the
# hub's attachment.
_link_pairs contains [hub, [spoke, r.target, range]] if {
	some rt in input.route_tables
	spoke := rt.vpc
	some r in rt.routes
	r.target_kind == "transit_gateway"
	some hub in object.get(_tgw_hubs, r.target, [])
	hub != spoke
	ap.ranges_known(spoke)
	net.cidr_is_valid(r.destination)
	some range in _carried(hub, spoke, r.destination)
	some d in object.get(_tgw_to_hub, [[r.target, hub]], [])
	net.cidr_intersects(d, range)
	net.cidr_intersects(d, r.destination)
}

_hub_hops := ap.group_by({[h.vpc, h] | some h in ap.hops; count(_ranges_of(h.vpc)) > 0})

_name(id) := lib.addr(input.peerings[id])

_name(id) := lib.addr(input.transit_gateways[id])

_name(id) := id if {
	not input.peerings[id]
	not input.transit_gateways[id]
}

_via(id) := sprintf("peering %s", [_name(id)]) if input.peerings[id]

else := _name(id)

_appliances_word(1) := "the EC2 appliance"

_appliances_word(n) := "the EC2 appliances" if n != 1

deny contains lib.finding(msg, resources) if {
	some hub, links in _links
	spokes := {l[0] | some l in links}
	count(spokes) >= 2
	ranges := {l[2] | some l in links}
	hops := {h | some h in object.get(_hub_hops, hub, []); h.destination in ranges}
	apps := {h.appliance | some h in hops}
	spoke_text := [sprintf("%s via %s", [ap.name(s), ap.joined({_via(l[1]) | some l in links; l[0] == s})]) | some s in sort(spokes)]
	msg := sprintf(
		"VPC %s is a transit VPC: %d other VPCs send their traffic for %s into it (%s), and it hands that traffic to %s %s (%s); a Transit Gateway with VPN attachments does this as a managed, redundant service",
		[
			ap.name(hub), count(spokes), concat(", ", sort(ranges)), concat("; ", spoke_text),
			_appliances_word(count(apps)), ap.joined({ap.where(a) | some a in apps}), ap.routes_text(hops),
		],
	)
	resources := array.concat(array.concat([hub], sort(apps)), sort(spokes))
}

# The classic transit VPC of the design guide: VPN appliances in one VPC are
# the customer gateways of the VPN connections of the other VPCs' virtual
# private gateways. _vpn_links[hub] lists [spoke, vgw, appliance].
_vpn_links := ap.group_by({[hub, [spoke, c.vpn_gateway, app]] |
	some c in input.vpn_connections
	spoke := object.get(input.vpn_gateways, [c.vpn_gateway, "vpc"], "")
	spoke != ""
	app := object.get(input.customer_gateways, [c.customer_gateway, "appliance"], "")
	app != ""
	hub := _appliance_vpc(app)
	hub != spoke
})

_appliance_vpc(app) := input.subnets[input.instances[app].subnet].vpc

_appliance_vpc(app) := input.subnets[input.network_interfaces[app].subnet].vpc if not input.instances[app]

_routed_hub(hub) if {
	links := _links[hub]
	count({l[0] | some l in links}) >= 2
}

_vgws_word(1) := "its virtual private gateway"

_vgws_word(n) := "its virtual private gateways" if n != 1

deny contains lib.finding(msg, resources) if {
	some hub, links in _vpn_links
	not _routed_hub(hub)
	spokes := {l[0] | some l in links}
	count(spokes) >= 2
	apps := {l[2] | some l in links}
	spoke_text := [sprintf("%s via %s %s", [
		ap.name(s),
		_vgws_word(count({l[1] | some l in links; l[0] == s})),
		ap.joined({lib.addr(input.vpn_gateways[l[1]]) | some l in links; l[0] == s}),
	]) |
		some s in sort(spokes)
	]
	msg := sprintf(
		"VPC %s is a transit VPC: %s %s %s the customer gateways of the Site-to-Site VPN connections of %d other VPCs (%s), so their traffic between each other and to remote networks goes through instances you run; a Transit Gateway with VPN and VPC attachments does this as a managed, redundant service",
		[
			ap.name(hub), _appliances_word(count(apps)), ap.joined({ap.where(a) | some a in apps}),
			_are(count(apps)), count(spokes), concat("; ", spoke_text),
		],
	)
	resources := array.concat(array.concat([hub], sort(apps)), sort(spokes))
}

_are(1) := "is"

_are(n) := "are" if n != 1

# A customer gateway of a VGW's VPN whose appliance is unknown (an Elastic IP
# attached on apply), or whose appliance's VPC is unknown, may make its VPC a
# transit VPC.
not_evaluated contains {"resource": c.customer_gateway, "reason": "the appliance behind its IP address is not known until apply (an Elastic IP attached on apply)"} if {
	some c in input.vpn_connections
	object.get(c, "vpn_gateway", "") != ""
	lib.unknown(input.customer_gateways[c.customer_gateway], "appliance")
}

not_evaluated contains {"resource": c.customer_gateway, "reason": sprintf("the VPC of appliance %s, behind its IP address, is not known", [ap.name(app)])} if {
	some c in input.vpn_connections
	object.get(c, "vpn_gateway", "") != ""
	app := object.get(input.customer_gateways, [c.customer_gateway, "appliance"], "")
	app != ""
	not _appliance_vpc(app)
}

# A VPC that sends ranges to appliances while its own ranges are unknown.
not_evaluated contains {"resource": h.route_table, "reason": sprintf("the address ranges of %s are not known until apply: whether its routes through appliances leave it cannot be told", [ap.name(h.vpc)])} if {
	some h in ap.hops
	h.vpc != ""
	not ap.ranges_known_for(h.vpc, h.destination)
}

# Once a hub exists: another VPC's route whose target is unknown may make it one
# more spoke ...
not_evaluated contains {"resource": rt_id, "reason": "a route's target is not known until apply: it may make its VPC one more spoke of a transit VPC"} if {
	count(_hub_ranges) > 0
	some rt_id, rt in input.route_tables
	count(_ranges_of(rt.vpc)) == 0
	some r in rt.routes
	_target_unknown(r)
}

# ... and so may a VPC of unknown ranges that routes to a hub.
not_evaluated contains {"resource": rt_id, "reason": "it routes to a transit VPC, but its VPC's address ranges are not known until apply"} if {
	count(_hub_ranges) > 0
	some rt_id, rt in input.route_tables
	some r in rt.routes
	_reaches_hub(r, rt.vpc)
	not ap.ranges_known_for(rt.vpc, r.destination)
}

_reaches_hub(r, vpc) if {
	r.target_kind == "vpc_peering_connection"
	count(_ranges_of(_other_side(input.peerings[r.target], vpc))) > 0
}

_reaches_hub(r, _) if {
	r.target_kind == "transit_gateway"
	count(object.get(_tgw_hubs, r.target, [])) > 0
}

_target_unknown(r) if lib.unknown(r, "target_kind")

_target_unknown(r) if {
	r.target_kind in {"vpc_peering_connection", "transit_gateway"}
	lib.unknown(r, "target")
}
