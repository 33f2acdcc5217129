# METADATA
# title: Every VPN connection of a gateway ends on one customer device
# description: |-
#   All Site-to-Site VPN connections of a virtual private gateway or Transit Gateway
#   terminate on customer gateways with one and the same IP address, that is on one
#   customer device. AWS gives every connection two tunnels in different
#   Availability Zones, but both end on that device: when it fails, reboots for an
#   upgrade or loses its internet link, every connection goes down at once.
#   Customer gateways that share an IP count as one device, and one customer
#   gateway is one device even when its IP is known only after apply (an
#   Elastic IP created in the same plan). Two customer gateways of which an IP
#   is not known may be one device or two: the gateway is not evaluated, as it
#   is when a VPN connection that may end on another device has a gateway
#   netlint cannot resolve.
#
#   A gateway that Direct Connect also reaches is not reported: when a private
#   VIF attaches to the VGW, or the VGW or TGW is associated with a DX gateway
#   that has a private or transit VIF, Direct Connect carries the traffic while
#   the device is down (the gateway prefers DX routes, so the VPN is the backup
#   path; NL301 judges the Direct Connect side). A private IP VPN runs over
#   Direct Connect itself: it is counted like any other VPN and is no Direct
#   Connect path of its own.
#
#   Design guide, "AWS Managed VPN" and "AWS Transit Gateway + VPN": "With multiple
#   user gateway connections as shown below, you can implement redundancy and
#   failover on your side of the VPN connection". The "Network-to-VPC connectivity
#   options" table: "Customer managed endpoint is responsible for redundancy and
#   failover".
# custom:
#   id: NL102
#   name: vpn-single-customer-gateway
#   severity: warning
#   fixtures: [fire-one-cgw-ip-unknown, fire-tgw-ecmp-one-device, fire-vgw-backup-same-device, quiet, quiet-dx-primary-vpn-backup, quiet-two-cgws-ip-unknown, quiet-unresolved-link]
#   remediation: |-
#     Add a second customer device (ideally at another site or on another internet
#     link) with its own customer gateway and VPN connection to the same gateway, and
#     use BGP so traffic fails over on its own:
#
#     ```hcl
#     resource "aws_customer_gateway" "hq_backup" {
#       bgp_asn    = "65010"
#       ip_address = "198.51.100.20" # a second device
#       type       = "ipsec.1"
#     }
#
#     resource "aws_vpn_connection" "hq_backup" {
#       customer_gateway_id = aws_customer_gateway.hq_backup.id
#       transit_gateway_id  = aws_ec2_transit_gateway.hub.id
#       type                = "ipsec.1"
#     }
#     ```
package netlint.rules.vpn.vpn_single_customer_gateway

import data.netlint.lib
import data.netlint.lib.dx
import data.netlint.lib.vpn

# single maps each gateway in the model (a gateway known only by id may have
# connections outside it) whose connections all end on one device to that
# device.
single[gw_id] := device if {
	some gw_id, conn_ids in vpn.connections_by_gateway
	vpn.gateway_element(vpn.gateway(input.vpn_connections[conn_ids[0]]))
	device := single_device(conn_ids)
}

# single_device is the one device a set of connections ends on: the customer
# gateways' one known IP, or one customer gateway element for all of them (one
# aws_customer_gateway is one device, even when its IP is known only after
# apply). Undefined when there are several devices or it cannot be told.
single_device(conn_ids) := d if {
	every cid in conn_ids {
		device_of(input.vpn_connections[cid])
	}
	devices := known_devices(conn_ids)
	count(devices) == 1
	some d in devices
} else := cgw_id if {
	every cid in conn_ids {
		input.customer_gateways[cgw_link(input.vpn_connections[cid])]
	}
	cgws := customer_gateways_of(conn_ids)
	count(cgws) == 1
	some cgw_id in cgws
}

# device_of is the device key of a connection's customer gateway (vpn.device);
# undefined when the gateway, or its IP, is unknown or outside the model.
device_of(conn) := vpn.device(vpn.customer_gateway(conn))

# cgw_link is the customer gateway a connection names; undefined when unknown.
cgw_link(conn) := id if {
	not lib.unknown(conn, "customer_gateway")
	id := object.get(conn, "customer_gateway", "")
	id != ""
}

customer_gateways_of(conn_ids) := {id | some cid in conn_ids; id := cgw_link(input.vpn_connections[cid])}

deny contains f if {
	some gw_id, device in single
	not gw_id in dx_reached
	not dx_uncertain(gw_id)
	not stray[gw_id]
	conn_ids := vpn.connections_by_gateway[gw_id]
	gw := vpn.gateway(input.vpn_connections[conn_ids[0]])
	cgw_ids := sort({input.vpn_connections[cid].customer_gateway | some cid in conn_ids})
	msg := sprintf("%s: %s terminate%s on one customer device, %s; when that device fails or is under maintenance, the gateway has no VPN path left", [
		gw.label, connections_phrase(conn_ids), plural_s(conn_ids), device_phrase(device, cgw_ids),
	])

	# The VPN connections first: they are what ends on the one device (and
	# what a waiver names); the gateway they share comes last.
	f := lib.finding(msg, array.concat(array.concat(conn_ids, cgw_ids), [gw_id]))
}

connections_phrase(conn_ids) := sprintf("its only VPN connection, %s,", [vpn.name(input.vpn_connections, conn_ids[0])]) if count(conn_ids) == 1

connections_phrase(conn_ids) := sprintf("all %d of its VPN connections (%s)", [count(conn_ids), vpn.join_names([vpn.name(input.vpn_connections, c) | some c in conn_ids])]) if count(conn_ids) > 1

plural_s(conn_ids) := "s" if count(conn_ids) == 1

plural_s(conn_ids) := "" if count(conn_ids) > 1

# device_phrase names the device: its IP and customer gateways, or the one
# customer gateway whose IP is not known yet.
device_phrase(device, cgw_ids) := sprintf("customer gateway %s, whose IP address is known only after apply", [lib.addr(cgw)]) if {
	cgw := input.customer_gateways[device]
	lib.unknown(cgw, "ip")
} else := sprintf("%s %s", [vpn.device_label(device), gateways_phrase([vpn.name(input.customer_gateways, id) | some id in cgw_ids])])

gateways_phrase(names) := sprintf("(customer gateway %s)", [names[0]]) if count(names) == 1

gateways_phrase(names) := sprintf("(customer gateways %s)", [vpn.join_names(names)]) if count(names) > 1

known_devices(conn_ids) := {d | some cid in conn_ids; d := device_of(input.vpn_connections[cid])}

# undecided holds the gateways with fewer than two known devices and no single
# one: a connection's customer gateway, or that gateway's IP, is unknown or
# outside the model, so two customer gateways may be one device or two.
undecided contains gw_id if {
	some gw_id, conn_ids in vpn.connections_by_gateway
	not single_device(conn_ids)
	count(known_devices(conn_ids)) < 2
}

# unknown_device_reason says why the device of a connection is not known.
unknown_device_reason(cid) := sprintf("the customer gateway of %s is not known until apply", [lib.addr(conn)]) if {
	conn := input.vpn_connections[cid]
	not cgw_link(conn)
} else := sprintf("%s uses customer gateway %s, which is outside this input: its IP address is not known", [lib.addr(conn), cgw]) if {
	conn := input.vpn_connections[cid]
	cgw := cgw_link(conn)
	not input.customer_gateways[cgw]
} else := sprintf("the IP address of customer gateway %s (used by %s) is known only after apply: it may be the device of another connection", [lib.addr(input.customer_gateways[conn.customer_gateway]), lib.addr(conn)]) if {
	conn := input.vpn_connections[cid]
	not device_of(conn)
}

# stray maps a gateway whose connections end on one device to the connections
# whose gateway is unknown and that may add a second device to it: an unknown
# vpn_gateway may be any VGW, an unknown transit_gateway any TGW.
stray[gw_id] contains cid if {
	some gw_id, device in single
	conn_ids := vpn.connections_by_gateway[gw_id]
	some cid, conn in input.vpn_connections
	vpn.gateway_unknown(conn)
	may_terminate_on(conn, gw_id)
	not same_device(conn, conn_ids, device)
}

may_terminate_on(conn, gw_id) if {
	lib.unknown(conn, "vpn_gateway")
	input.vpn_gateways[gw_id]
}

may_terminate_on(conn, gw_id) if {
	lib.unknown(conn, "transit_gateway")
	input.transit_gateways[gw_id]
}

# same_device is true when a connection is known to end on the device: its
# IP is the device's, or it uses one of the gateway's customer gateways.
same_device(conn, _, device) if device_of(conn) == device

same_device(conn, conn_ids, _) if cgw_link(conn) in customer_gateways_of(conn_ids)

# dx_vif_gateways holds the DX gateways that a private or transit VIF attaches to.
dx_vif_gateways contains vif.dx_gateway if {
	some vif in input.dx_vifs
	dx.private_or_transit(vif)
	object.get(vif, "dx_gateway", "") != ""
}

# dx_reached holds the VGWs and TGWs that Direct Connect reaches: a VGW with a
# private VIF of its own, and a VGW or TGW associated with a DX gateway that has
# a private or transit VIF. Their VPN is a backup path, not the only one.
dx_reached contains vif.vpn_gateway if {
	some vif in input.dx_vifs
	vif.kind == "private"
	object.get(vif, "vpn_gateway", "") != ""
}

dx_reached contains a.gateway if {
	some a in input.dx_gateway_associations
	object.get(a, "gateway", "") != ""
	a.dx_gateway in dx_vif_gateways
}

# dx_blind is true for a DX gateway whose VIFs the input may not show: unknown,
# or known only by its id.
dx_blind(dxgw) if {
	not dxgw in dx_vif_gateways
	not input.dx_gateways[dxgw]
}

# dx_uncertain is true when Direct Connect may reach the gateway through a link
# unknown at plan time: a private or transit VIF attached to an unknown
# gateway, an association with an unknown VGW or TGW, or an association of this
# gateway with a DX gateway the input does not show.
dx_uncertain(_) if {
	some vif in input.dx_vifs
	dx.private_or_transit(vif)
	dx.gateway_unknown(vif)
}

dx_uncertain(_) if {
	some a in input.dx_gateway_associations
	lib.unknown(a, "gateway")
	not dx_vifless(object.get(a, "dx_gateway", ""))
}

dx_uncertain(gw_id) if {
	some a in input.dx_gateway_associations
	a.gateway == gw_id
	dx_blind(object.get(a, "dx_gateway", ""))
}

# dx_vifless is true for a DX gateway in the model that no private or transit
# VIF attaches to.
dx_vifless(dxgw) if {
	input.dx_gateways[dxgw]
	not dxgw in dx_vif_gateways
}

# A gateway reached by Direct Connect is decided (quiet), whatever else is
# unknown.
not_evaluated contains {"resource": gw_id, "reason": unknown_device_reason(cid)} if {
	some gw_id in undecided
	not gw_id in dx_reached
	some cid in vpn.connections_by_gateway[gw_id]
	not device_of(input.vpn_connections[cid])
}

# A gateway known only by its id may have connections this input does not show.
not_evaluated contains {"resource": gw_id, "reason": reason} if {
	some gw_id, conn_ids in vpn.connections_by_gateway
	not vpn.gateway_element(vpn.gateway(input.vpn_connections[conn_ids[0]]))
	not gw_id in dx_reached
	reason := sprintf("%s is outside this input: it may have VPN connections to other devices", [vpn.gateway(input.vpn_connections[conn_ids[0]]).label])
}

# One device, but Direct Connect may reach the gateway.
not_evaluated contains {"resource": gw_id, "reason": "a Direct Connect link that may reach this gateway (a VIF's gateway, a DX gateway association or its VIFs) is not known: with Direct Connect the VPN is only the backup path"} if {
	some gw_id, _ in single
	not gw_id in dx_reached
	dx_uncertain(gw_id)
}

# One device, but a connection whose gateway is unknown may add a second.
not_evaluated contains {"resource": gw_id, "reason": stray_reason(cids)} if {
	some gw_id, cids in stray
	not gw_id in dx_reached
	not dx_uncertain(gw_id)
}

stray_reason(cids) := sprintf("%s, which may end on another customer device, has a VGW or TGW not known until apply: it may terminate on this one", [names[0]]) if {
	names := sort([lib.addr(input.vpn_connections[cid]) | some cid in cids])
	count(names) == 1
} else := sprintf("%s, which may end on another customer device, have a VGW or TGW not known until apply: they may terminate on this one", [vpn.join_names(names)]) if {
	names := sort([lib.addr(input.vpn_connections[cid]) | some cid in cids])
}

# A connection whose gateway is unknown cannot be grouped.
not_evaluated contains {"resource": cid, "reason": "its VGW or TGW is not known until apply"} if {
	some cid, conn in input.vpn_connections
	vpn.gateway_unknown(conn)
}
