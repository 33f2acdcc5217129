# METADATA
# title: A gateway is reached over Direct Connect through one connection only
# description: |-
#   A Direct Connect gateway or a virtual private gateway (VGW) is reached over
#   Direct Connect through a single physical connection: every private or transit
#   VIF attached to it rides the same connection (or a LAG holding one connection),
#   and no Site-to-Site VPN stands by. When that connection, its cross-connect, the
#   DX device or the DX location fails, BGP withdraws the routes and the VPCs behind
#   the gateway are cut off from on-premises.
#
#   Design guide, "AWS Direct Connect": "With multiple connections ... you can
#   implement redundancy and failover". AWS's Resiliency Toolkit offers no SLA for a
#   single connection; "High" resiliency (99.9 %) is one connection at each of two
#   locations and "Maximum" (99.99 %) two connections at each of two locations. A
#   LAG of two or more connections, or a VPN on the same VGW (or on a Transit
#   Gateway associated with the DX gateway), also keeps traffic flowing; a private
#   IP VPN does not, because it runs over the same Direct Connect path.
# custom:
#   id: NL301
#   name: dx-single-connection
#   severity: warning
#   fixtures: [fire-transit-one-connection, fire-vgw-lag-of-one, quiet-backup-vpn, quiet-two-locations, quiet-unresolved-link]
#   remediation: |-
#     Add a second dedicated or hosted connection, ideally at another Direct Connect
#     location, with a VIF to the same gateway:
#
#     ```hcl
#     resource "aws_dx_connection" "secondary" {
#       name      = "dc-secondary"
#       bandwidth = "10Gbps"
#       location  = "EqSE2" # a different location than the primary
#     }
#
#     resource "aws_dx_transit_virtual_interface" "secondary" {
#       connection_id  = aws_dx_connection.secondary.id
#       dx_gateway_id  = aws_dx_gateway.main.id
#       name           = "transit-secondary"
#       vlan           = 201
#       address_family = "ipv4"
#       bgp_asn        = 65010
#     }
#     ```
#
#     Or keep a Site-to-Site VPN over the internet as backup: on the VGW itself, or
#     on the Transit Gateway associated with the DX gateway. DX routes are preferred
#     while the connection is up, so the VPN only carries traffic when it fails.
package netlint.rules.dx.dx_single_connection

import data.netlint.lib
import data.netlint.lib.dx

# vifs_of maps each gateway to the private and transit VIFs attached to it.
vifs_of[gw] contains vif_id if {
	some vif_id, vif in input.dx_vifs
	dx.private_or_transit(vif)
	gw := dx.gateway(vif)
}

# paths_of maps each gateway to the physical connections behind its VIFs.
paths_of[gw] contains conn if {
	some gw, ids in vifs_of
	some vif_id in ids
	some conn in dx.physical(dx.carrier(input.dx_vifs[vif_id]))
}

# associated maps a DX gateway to the VGWs and TGWs associated with it.
associated[dxgw] contains a.gateway if {
	some a in input.dx_gateway_associations
	dxgw := a.dx_gateway
	a.gateway != ""
}

# vpn_backed holds the VGWs and TGWs with a VPN that does not ride Direct Connect.
vpn_backed contains gw if {
	some vpn in input.vpn_connections
	not dx.private_ip_vpn(vpn)
	some gw in vpn_gateways_of(vpn)
}

# vpn_gateways_of is the set of the VGW or TGW a VPN connection terminates on.
vpn_gateways_of(vpn) := {gw |
	some field in ["vpn_gateway", "transit_gateway"]
	gw := object.get(vpn, field, "")
	gw != ""
}

# A VPN on the VGW the VIF attaches to.
backed_up(gw) if gw in vpn_backed

# A VPN on every VGW or TGW associated with the DX gateway.
backed_up(gw) if {
	gws := associated[gw]
	every g in gws {
		g in vpn_backed
	}
	not association_unknown(gw)
}

association_unknown(gw) if {
	some a in input.dx_gateway_associations
	a.dx_gateway == gw
	lib.unknown(a, "gateway")
}

# uncertain is true when an unknown value could add a path or a backup VPN;
# uncertain_reasons says which.
uncertain(gw) if count(uncertain_reasons(gw)) > 0

uncertain_reasons(gw) := union({
	{sprintf("the connections behind VIF %s are not known (its connection or LAG is not known until apply or outside this input, or a LAG's members are not all known)", [lib.addr(input.dx_vifs[vif_id])]) |
		some vif_id in vifs_of[gw]
		not dx.physical(dx.carrier(input.dx_vifs[vif_id]))
	},
	{"a private or transit VIF whose gateway is not known until apply may reach it" |
		some vif in input.dx_vifs
		dx.private_or_transit(vif)
		dx.gateway_unknown(vif)
	},
	{"an association of the DX gateway has a VGW or TGW not known until apply: it may have a backup VPN" | association_unknown(gw)},
	{"a DX gateway association whose DX gateway is not known until apply may add a gateway without a backup VPN" |
		some a in input.dx_gateway_associations
		lib.unknown(a, "dx_gateway")
	},
	{"a VPN connection whose VGW or TGW is not known until apply may be its backup" |
		some vpn in input.vpn_connections
		count(vpn_gateways_of(vpn)) == 0
		some field in ["vpn_gateway", "transit_gateway"]
		lib.unknown(vpn, field)
	},
	{sprintf("whether VPN connection %s runs over Direct Connect (outside_ip_address_type) is not known until apply", [lib.addr(vpn)]) |
		some vpn in input.vpn_connections
		lib.unknown(vpn, "outside_ip_address_type")
		some g in vpn_gateways_of(vpn)
		g in ({gw} | object.get(associated, gw, set()))
	},
})

# single maps each gateway that has fewer than two paths and no backup VPN to the
# paths it has.
single[gw] := paths if {
	some gw, _ in vifs_of
	paths := object.get(paths_of, gw, set())
	count(paths) < 2
	not backed_up(gw)
}

deny contains f if {
	some gw, paths in single
	not uncertain(gw)
	some conn in paths
	vifs := sort(vifs_of[gw])
	vif_names := [sprintf("%s VIF %s", [input.dx_vifs[v].kind, lib.addr(input.dx_vifs[v])]) | some v in vifs]
	msg := sprintf(
		"%s %s is reached over Direct Connect through one connection only: %s%s, by %s. No second connection, LAG of two or more, or backup VPN takes over when it, its device or its location fails",
		[dx.gateway_kind(gw), dx.name(gw), dx.describe(conn), in_lag(conn), concat(", ", vif_names)],
	)
	f := lib.finding(msg, array.concat(array.concat([gw, conn], lag_ids(conn)), vifs))
}

in_lag(conn) := sprintf(" in LAG %s", [dx.name(lag)]) if {
	lag := dx.lag_of(input.dx_connections[conn])
} else := ""

lag_ids(conn) := [lag] if {
	lag := dx.lag_of(input.dx_connections[conn])
} else := []

not_evaluated contains {"resource": gw, "reason": reason} if {
	some gw, _ in single
	some reason in uncertain_reasons(gw)
}
