# METADATA
# title: A VPN gateway carries VPN connections but no VPC traffic reaches it
# description: |-
#   A virtual private gateway (VGW) only carries traffic for the one VPC it is
#   attached to, and only for the subnets whose route tables send traffic to it.
#   A VGW that has Site-to-Site VPN connections but is attached to no VPC, or whose
#   VPC has no route table with a route to it and none with route propagation from
#   it, brings the tunnels up and then carries nothing: instances have no route to
#   the on-premises ranges, and their replies to on-prem traffic follow the route
#   table's default route (an internet or NAT gateway, or none) instead.
#
#   Design guide, "Setting up a Site-to-Site VPN": step 2, "After you create a
#   virtual private gateway, you must attach it to your VPC"; step 3, "Configure
#   your route table to include the routes used by your Site-to-Site VPN
#   connection and point them to your virtual private gateway". AWS accepts a route
#   to a VGW, and enables route propagation from it (EnableVgwRoutePropagation),
#   only in a route table of the VPC the VGW is attached to.
#
#   A VGW whose VPC has no route table in the input (the VPC is read from a data
#   source, or its routing lives in another configuration), or whose routes or
#   propagations are unknown at plan time, is not evaluated.
# custom:
#   id: NL106
#   name: vpn-gateway-not-routed
#   severity: error
#   fixtures: [fire-detached-vgw, fire-module-no-propagation, fire-no-route, quiet-propagation, quiet-static-route, quiet-unresolved-link]
#   remediation: |-
#     Attach the VGW to the VPC (`vpc_id` on `aws_vpn_gateway`, or an
#     `aws_vpn_gateway_attachment`), then either enable route propagation on the
#     route tables of the subnets that talk to on-prem (dynamic BGP VPNs, and
#     static VPNs too: AWS propagates the static routes of the connection) or add
#     static routes to the on-prem ranges:
#
#     ```hcl
#     resource "aws_vpn_gateway_route_propagation" "private" {
#       vpn_gateway_id = aws_vpn_gateway.vgw.id
#       route_table_id = aws_route_table.private.id
#     }
#
#     # or
#     resource "aws_route" "to_hq" {
#       route_table_id         = aws_route_table.private.id
#       destination_cidr_block = "192.168.0.0/16"
#       gateway_id             = aws_vpn_gateway.vgw.id
#     }
#     ```
package netlint.rules.vpn.vpn_gateway_not_routed

import data.netlint.lib
import data.netlint.lib.vpn_routing as vpn

# Route tables by VPC ID, built once.
route_tables_by_vpc := {v: ids |
	some rt in input.route_tables
	v := object.get(rt, "vpc", "")
	v != ""
	ids := {id | some id, rt2 in input.route_tables; rt2.vpc == v}
}

# Route tables whose VPC is unknown: each could belong to any VPC.
unplaced_route_tables contains id if {
	some id, rt in input.route_tables
	lib.unknown(rt, "vpc")
}

deny contains f if {
	some g, conns in vpn.connections_by_vgw
	vgw := input.vpn_gateways[g]
	object.get(vgw, "vpc", "") == ""
	not lib.unknown(vgw, "vpc")
	msg := sprintf(
		"VGW %s carries %s but is attached to no VPC: no VPC traffic can use the tunnels (attach it with vpc_id or aws_vpn_gateway_attachment)",
		[lib.addr(vgw), vpn.connections_phrase(conns)],
	)
	f := lib.finding(msg, array.concat([g], sort(conns)))
}

deny contains f if {
	some g, conns in vpn.connections_by_vgw
	vgw := input.vpn_gateways[g]
	vpc := judged_vpc(vgw)
	tables := object.get(route_tables_by_vpc, vgw.vpc, set())
	not routed_in(vgw, tables)
	not uncertain(vgw, tables)
	msg := sprintf(
		"No route table of %s routes to VGW %s or propagates its routes (%s): traffic from the VPC never enters %s",
		[lib.addr(vpc), lib.addr(vgw), tables_checked(tables), vpn.connections_phrase(conns)],
	)
	f := lib.finding(msg, array.concat([g, vgw.vpc], sort(conns)))
}

# The VGW's attachment is unknown, or routing to it cannot be judged.
not_evaluated contains {"resource": g, "reason": "its VPC attachment is not known until apply (an attachment whose VGW cannot be resolved may attach it)"} if {
	some g, _ in vpn.connections_by_vgw
	lib.unknown(input.vpn_gateways[g], "vpc")
}

not_evaluated contains {"resource": g, "reason": sprintf("its VPC %s is managed outside this input: the VPC's route tables are not known", [vpn.element_label(input.vpcs, vgw.vpc)])} if {
	some g, _ in vpn.connections_by_vgw
	vgw := input.vpn_gateways[g]
	vgw.vpc != ""
	not judged_vpc(vgw)
	not routed_in(vgw, object.get(route_tables_by_vpc, vgw.vpc, set()))
}

not_evaluated contains {"resource": g, "reason": reason} if {
	some g, _ in vpn.connections_by_vgw
	vgw := input.vpn_gateways[g]
	vpc := judged_vpc(vgw)
	tables := object.get(route_tables_by_vpc, vgw.vpc, set())
	not routed_in(vgw, tables)
	some reason in uncertain_reasons(vgw, vpc, tables)
}

# A connection whose VGW is outside the model, or whose gateway is unknown.
not_evaluated contains {"resource": cid, "reason": sprintf("its VGW %s is outside this input: its VPC attachment and route tables are not known", [g])} if {
	some g, conns in vpn.connections_by_vgw
	not input.vpn_gateways[g]
	some cid in conns
}

not_evaluated contains {"resource": cid, "reason": "its VGW is not known until apply"} if {
	some cid, c in input.vpn_connections
	lib.unknown(c, "vpn_gateway")
	object.get(c, "transit_gateway", "") == ""
}

# judged_vpc is the VGW's VPC when its route tables are in the input.
judged_vpc(vgw) := input.vpcs[vgw.vpc] if vpn.vpc_managed_here(vgw.vpc)

routed_in(vgw, tables) if {
	some id in tables
	routes_to(input.route_tables[id], vgw)
}

routes_to(rt, vgw) if {
	some r in rt.routes
	r.target_kind == "vpn_gateway"
	is_vgw(r.target, vgw)
}

routes_to(rt, vgw) if {
	some p in rt.propagating_vgws
	is_vgw(p, vgw)
}

is_vgw(ref, vgw) if ref == vgw.id

is_vgw(ref, vgw) if {
	ref != ""
	ref == vgw.aws_id
}

# uncertain: no route table of the VPC is in the input (they are managed in
# another configuration; live input always has the main one), a route table of
# the VPC whose routes or propagations are unknown (a route or propagation whose
# route table cannot be resolved may be on it), a route whose target may be
# this VGW but is unknown, or a route table of unknown VPC that routes to it.
uncertain(vgw, tables) if count(uncertain_reasons(vgw, input.vpcs[vgw.vpc], tables)) > 0

uncertain_reasons(vgw, vpc, tables) := union({none_in_input, open, blind, unplaced}) if {
	none_in_input := {sprintf("no route table of %s is in the input (they are managed elsewhere)", [lib.addr(vpc)]) | count(tables) == 0}
	open_tables := sort({lib.addr(input.route_tables[id]) |
		some id in tables
		some field in ["routes", "propagating_vgws"]
		lib.unknown(input.route_tables[id], field)
	})
	open := {sprintf("the routes or route propagations of %s are not all known until apply (a route or propagation whose route table cannot be resolved may be there)", [vpn.list_label(open_tables, 5)]) | count(open_tables) > 0}
	blind_tables := sort({lib.addr(input.route_tables[id]) |
		some id in tables
		some r in input.route_tables[id].routes
		route_target_unknown(r)
	})
	blind := {sprintf("a route of %s has a target not known until apply", [vpn.list_label(blind_tables, 5)]) | count(blind_tables) > 0}
	unplaced := {"a route table whose VPC is not known until apply routes to it" |
		some id in unplaced_route_tables
		routes_to(input.route_tables[id], vgw)
	}
}

route_target_unknown(r) if {
	lib.unknown(r, "target")
	r.target_kind in {"vpn_gateway", ""}
}

route_target_unknown(r) if lib.unknown(r, "target_kind")

tables_checked(tables) := sprintf("checked %d: %s", [count(tables), vpn.list_label(labels, 5)]) if {
	labels := sort([lib.addr(input.route_tables[id]) | some id in tables])
}
