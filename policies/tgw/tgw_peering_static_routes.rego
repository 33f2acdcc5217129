# METADATA
# title: Transit Gateway peering attachment has no static route
# description: |-
#   A Transit Gateway peering attachment does not propagate routes: neither TGW
#   learns the other's VPC or on-premises ranges over it. Traffic crosses the
#   peering only where a route table of the TGW has a static route
#   (`aws_ec2_transit_gateway_route`) that points at the peering attachment, and
#   each side needs its own, the accepter's route tables included, or return
#   traffic has no path back. A peering attachment without one carries nothing.
#
#   Design guide, "AWS Transit Gateway": Transit Gateways "across different regions
#   can peer with each other to enable VPC communications across regions". AWS
#   Transit Gateway guide, "Transit gateway peering attachments": only static
#   routes point to a peering attachment (dynamic routing over peering exists only
#   with Cloud WAN and policy tables). The rule checks the side that owns the
#   attachment, and the accepter side when the peer TGW is in the input.
# custom:
#   id: NL602
#   name: tgw-peering-static-routes
#   severity: error
#   fixtures: [fire-accepter-unrouted, fire-module-peer-outside, quiet-route-table-outside-model, quiet-routed, quiet-unresolved-link]
#   remediation: |-
#     Add a static route for the remote side's ranges to the peering attachment in
#     the route table each sending attachment is associated with, on both TGWs
#     (with the accepter side's provider for the peer):
#
#     ```hcl
#     resource "aws_ec2_transit_gateway_route" "to_west" {
#       destination_cidr_block         = "10.64.0.0/12" # the peer region's VPCs
#       transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.east_west.id
#       transit_gateway_route_table_id = aws_ec2_transit_gateway.east.association_default_route_table_id
#     }
#
#     resource "aws_ec2_transit_gateway_route" "to_east" {
#       provider                       = aws.west
#       destination_cidr_block         = "10.0.0.0/12"
#       transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.east_west.id
#       transit_gateway_route_table_id = aws_ec2_transit_gateway.west.association_default_route_table_id
#     }
#     ```
package netlint.rules.tgw.tgw_peering_static_routes

import data.netlint.lib
import data.netlint.lib.tgw as tgwlib

# sides holds [peering attachment, TGW that must route to it, side]: the TGW that
# owns the attachment, and the peer TGW when it is in the model without an
# attachment element of its own for this peering (that element is then judged
# on its own).
sides := owner_sides | accepter_sides

owner_sides := {[id, a.transit_gateway, "owner"] |
	some id, a in tgwlib.peering_attachments
	not lib.unknown(a, "transit_gateway")
	a.transit_gateway != ""
}

accepter_sides := {[id, peer, "accepter"] |
	some id, a in tgwlib.peering_attachments
	not lib.unknown(a, "transit_gateway")
	peer := a.peer_transit_gateway
	input.transit_gateways[peer]
	not tgwlib.peering_pairs[[peer, a.transit_gateway]]
}

deny contains f if {
	some side in sides
	[id, tgw, role] := side
	targets := tgwlib.peering_ids(id)
	not routed(tgw, targets)
	not maybe_routed(tgw, targets)
	a := input.tgw_attachments[id]
	msg := sprintf("TGW peering attachment %s (%s) has no static route in any route table of %s%s: peering attachments do not propagate routes, so traffic from the attachments of %s, replies included, cannot cross it", [
		lib.addr(a), between(a), tgwlib.tgw_name(tgw), side_phrase[role], tgwlib.tgw_name(tgw),
	])
	f := lib.finding(msg, [id, tgw])
}

# The TGW of the attachment is unknown, or a route that may point at it cannot be
# read: the rule cannot tell whether a static route exists.
not_evaluated contains {"resource": id, "reason": "its Transit Gateway is not known until apply"} if {
	some id, a in tgwlib.peering_attachments
	lib.unknown(a, "transit_gateway")
}

not_evaluated contains {"resource": id, "reason": reason} if {
	some [id, tgw, _] in sides
	targets := tgwlib.peering_ids(id)
	not routed(tgw, targets)
	some reason in maybe_routed_reasons(tgw, targets)
}

maybe_routed_reasons(tgw, targets) := union({
	{"a static route to it is in a TGW route table whose Transit Gateway is not known (the route table, or its TGW, cannot be resolved): it may be on this side" |
		some t in targets
		tgwlib.routed_somewhere[t]
	},
	{sprintf("a static route of %s has an attachment not known until apply: it may point at this peering", [tgwlib.tgw_name(tgw)]) | tgwlib.unknown_target[tgw]},
	{"a static route in a TGW route table not known until apply has an attachment not known either: it may point at this peering" | tgwlib.unknown_target[""]},
})

routed(tgw, targets) if {
	some t in targets
	tgwlib.routed[[tgw, t]]
}

# A route in a table whose TGW is unknown may be on this side; a route whose
# attachment is unknown may point at the peering.
maybe_routed(_, targets) if {
	some t in targets
	tgwlib.routed_somewhere[t]
}

maybe_routed(tgw, _) if tgwlib.unknown_target[tgw]

maybe_routed(_, _) if tgwlib.unknown_target[""]

side_phrase := {"owner": "", "accepter": " (the accepter side)"}

# between names both ends: "aws_ec2_transit_gateway.east to tgw-0abc in us-west-2".
between(a) := sprintf("%s to %s%s", [tgwlib.tgw_name(a.transit_gateway), tgwlib.tgw_name(peer), in_region(a)]) if {
	peer := a.peer_transit_gateway
	peer != ""
} else := sprintf("%s to a peer TGW", [tgwlib.tgw_name(a.transit_gateway)])

in_region(a) := sprintf(" in %s", [a.peer_region]) if {
	a.peer_region != ""
} else := ""
