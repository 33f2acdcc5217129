# METADATA
# title: A static VPN has no static route
# description: |-
#   A VPN connection with static_routes_only = true exchanges no routes with the
#   customer device: AWS learns the on-premises ranges only from static routes. On a
#   virtual private gateway they are the connection's static routes
#   (aws_vpn_connection_route); on a Transit Gateway they are static routes in a TGW
#   route table that point at the VPN's attachment. Without one, AWS has no route to
#   anything behind the tunnels: the tunnels may come up, but no traffic from AWS
#   ever enters them.
#
#   Design guide, "Setting up a Site-to-Site VPN", step 3: "Configure your route
#   table to include the routes used by your Site-to-Site VPN connection and point
#   them to your virtual private gateway or transit gateway." The
#   "Network-to-VPC connectivity options" table: AWS Managed VPN "Supports static
#   routes/dynamic BGP peering"; a static VPN needs its routes spelled out.
# custom:
#   id: NL103
#   name: vpn-static-without-routes
#   severity: error
#   fixtures: [fire-tgw-static-no-route, fire-vgw-static-no-route, quiet, quiet-unresolved-link]
#   remediation: |-
#     Add a static route for every on-premises range behind the connection. On a VGW:
#
#     ```hcl
#     resource "aws_vpn_connection_route" "branch" {
#       vpn_connection_id      = aws_vpn_connection.branch.id
#       destination_cidr_block = "10.60.0.0/16"
#     }
#     ```
#
#     On a Transit Gateway, in the route table of the attachments that must reach the
#     site:
#
#     ```hcl
#     resource "aws_ec2_transit_gateway_route" "branch" {
#       destination_cidr_block         = "10.60.0.0/16"
#       transit_gateway_attachment_id  = aws_vpn_connection.branch.transit_gateway_attachment_id
#       transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
#     }
#     ```
#
#     If the customer device can run BGP, use a dynamic VPN instead
#     (static_routes_only = false) and let it advertise its ranges.
package netlint.rules.vpn.vpn_static_without_routes

import data.netlint.lib
import data.netlint.lib.vpn

# VGW: the connection's own static routes.
deny contains f if {
	some cid, conn in input.vpn_connections
	vpn.static(conn)
	gw := vpn.gateway(conn)
	gw.kind == "vgw"
	not lib.unknown(conn, "static_routes")
	empty(object.get(conn, "static_routes", []))
	msg := sprintf(
		"%s is a static VPN (static_routes_only = true) on %s with no static route (aws_vpn_connection_route): the VGW knows no on-premises range behind it, so no traffic enters the VPN",
		[lib.addr(conn), gw.label],
	)
	f := lib.finding(msg, [cid, gw.id])
}

# TGW: a static route in a TGW route table pointing at the VPN's attachment.
deny contains f if {
	some cid, conn in input.vpn_connections
	vpn.static(conn)
	gw := vpn.gateway(conn)
	gw.kind == "tgw"
	att := attachment(conn)
	not att in routed
	not gw.id in unresolved_routes
	msg := sprintf(
		"%s is a static VPN (static_routes_only = true) on %s, but no TGW route table has a route to its attachment (%s): the TGW sends no traffic into the VPN",
		[lib.addr(conn), gw.label, attachment_label(conn, att)],
	)
	f := lib.finding(msg, [cid, gw.id])
}

# attachment_label names the VPN's attachment as the user refers to it: its AWS
# id when known, else the Terraform expression for it.
attachment_label(conn, att) := input.tgw_attachments[att].aws_id if {
	object.get(object.get(input.tgw_attachments, att, {}), "aws_id", "") != ""
} else := sprintf("%s.transit_gateway_attachment_id", [lib.addr(conn)]) if {
	conn.type == "aws_vpn_connection"
} else := vpn.name(input.tgw_attachments, att)

empty(x) if x == null

empty(x) if count(x) == 0

attachment(conn) := conn.tgw_attachment if {
	not lib.unknown(conn, "tgw_attachment")
	object.get(conn, "tgw_attachment", "") != ""
}

# routed holds every attachment a (non-blackhole) TGW route points at.
routed contains route.attachment if {
	some rt in input.tgw_route_tables
	some route in routes(rt)
	not route.blackhole
	object.get(route, "attachment", "") != ""
}

# unresolved_routes holds the TGWs with a route whose attachment, or whose route
# table's TGW, is unknown: any of them may be the missing route.
unresolved_routes contains rt.transit_gateway if {
	some rt in input.tgw_route_tables
	some route in routes(rt)
	lib.unknown(route, "attachment")
}

unresolved_routes contains tgw if {
	some rt in input.tgw_route_tables
	lib.unknown(rt, "transit_gateway")
	count(routes(rt)) > 0
	some conn in input.vpn_connections
	tgw := vpn.gateway(conn).id
}

routes(rt) := r if {
	r := object.get(rt, "routes", [])
	is_array(r)
} else := []

not_evaluated contains {"resource": cid, "reason": "whether it is a static VPN (static_routes_only) is not known until apply"} if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "static_routes_only")
}

not_evaluated contains {"resource": cid, "reason": "its VGW or TGW is not known until apply"} if {
	some cid, conn in input.vpn_connections
	vpn.static(conn)
	vpn.gateway_unknown(conn)
}

not_evaluated contains {"resource": cid, "reason": "a static route (aws_vpn_connection_route) whose destination, or whose VPN connection, is not known until apply may be its route"} if {
	some cid, conn in input.vpn_connections
	vpn.static(conn)
	vpn.gateway(conn).kind == "vgw"
	lib.unknown(conn, "static_routes")
	empty(object.get(conn, "static_routes", []))
}

not_evaluated contains {"resource": cid, "reason": "its Transit Gateway attachment is not known until apply: TGW routes to it cannot be matched"} if {
	some cid, conn in input.vpn_connections
	vpn.static(conn)
	gw := vpn.gateway(conn)
	gw.kind == "tgw"
	not attachment(conn)
}

not_evaluated contains {"resource": cid, "reason": sprintf("a route of %s whose attachment, or whose route table's TGW, is not known until apply may point at its attachment", [gw.label])} if {
	some cid, conn in input.vpn_connections
	vpn.static(conn)
	gw := vpn.gateway(conn)
	gw.kind == "tgw"
	att := attachment(conn)
	not att in routed
	gw.id in unresolved_routes
}
