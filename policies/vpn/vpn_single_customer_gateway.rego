# METADATA
# title: Every VPN connection of a gateway ends on one customer device
# description: |-
#   All Site-to-Site VPN connections of a virtual private gateway or Transit Gateway
#   terminate on customer gateways with one and the same IP address, that is on one
#   customer device. AWS gives every connection two tunnels in different
#   Availability Zones, but both end on that device: when it fails, reboots for an
#   upgrade or loses its internet link, every connection goes down at once.
#   Customer gateways that share an IP count as one device.
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
import data.netlint.lib.vpn

# The gateway is in the model (a gateway known only by id may have connections
# outside it) and the device of every connection is known.
deny contains f if {
	some gw_id, conn_ids in vpn.connections_by_gateway
	gw := vpn.gateway(input.vpn_connections[conn_ids[0]])
	vpn.gateway_element(gw)
	not gw_id in undecided
	devices := known_devices(conn_ids)
	count(devices) == 1
	some device in devices
	cgw_ids := sort({input.vpn_connections[cid].customer_gateway | some cid in conn_ids})
	msg := sprintf("%s: %s terminate%s on one customer device, %s %s; when that device fails or is under maintenance, the gateway has no VPN path left", [
		gw.label, connections_phrase(conn_ids), plural_s(conn_ids), vpn.device_label(device),
		gateways_phrase([vpn.name(input.customer_gateways, id) | some id in cgw_ids]),
	])
	f := lib.finding(msg, array.concat(array.concat([gw_id], cgw_ids), conn_ids))
}

connections_phrase(conn_ids) := sprintf("its only VPN connection, %s,", [vpn.name(input.vpn_connections, conn_ids[0])]) if count(conn_ids) == 1

connections_phrase(conn_ids) := sprintf("all %d of its VPN connections (%s)", [count(conn_ids), vpn.join_names([vpn.name(input.vpn_connections, c) | some c in conn_ids])]) if count(conn_ids) > 1

plural_s(conn_ids) := "s" if count(conn_ids) == 1

plural_s(conn_ids) := "" if count(conn_ids) > 1

gateways_phrase(names) := sprintf("(customer gateway %s)", [names[0]]) if count(names) == 1

gateways_phrase(names) := sprintf("(customer gateways %s)", [vpn.join_names(names)]) if count(names) > 1

known_devices(conn_ids) := {vpn.device(vpn.customer_gateway(input.vpn_connections[cid])) | some cid in conn_ids}

# undecided holds the gateways with fewer than two known devices and a connection
# whose device is not known: its customer gateway, or that gateway's IP, is
# unknown or outside the model.
undecided contains gw_id if {
	some gw_id, conn_ids in vpn.connections_by_gateway
	count(known_devices(conn_ids)) < 2
	some cid in conn_ids
	not vpn.device(vpn.customer_gateway(input.vpn_connections[cid]))
}

not_evaluated contains gw_id if {
	some gw_id in undecided
}

# A gateway known only by its id may have connections this input does not show.
not_evaluated contains gw_id if {
	some gw_id, conn_ids in vpn.connections_by_gateway
	not vpn.gateway_element(vpn.gateway(input.vpn_connections[conn_ids[0]]))
}

# A connection whose gateway is unknown cannot be grouped.
not_evaluated contains cid if {
	some cid, conn in input.vpn_connections
	vpn.gateway_unknown(conn)
}
