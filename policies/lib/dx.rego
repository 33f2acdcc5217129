# Helpers shared by the Direct Connect rules (policies/dx).
package netlint.lib.dx

import data.netlint.lib

# Port speeds of a dedicated connection, in Mbps: 1, 10, 100 and 400 Gbps
# (DX-API CreateConnection and CreateLag; 400 Gbps since 2024-07-03). A LAG
# bundles dedicated connections only, so its connections_bandwidth is one of these.
dedicated_mbps := {1000, 10000, 100000, 400000}

# Speeds a Direct Connect partner can allocate for a hosted connection, in Mbps
# (DX-API AllocateHostedConnection: 50 to 500 Mbps, 1, 2, 5, 10 and 25 Gbps).
hosted_mbps := {50, 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000}

# array_field is an element's list field, [] when it is absent or null.
array_field(el, key) := v if {
	v := object.get(el, key, [])
	is_array(v)
} else := []

# mbps parses a bandwidth as AWS and the provider write it ("10Gbps", "500Mbps").
# It is undefined for anything else.
mbps(s) := n if {
	m := regex.find_all_string_submatch_n(`^\s*([0-9]+)\s*([MmGg])bps\s*$`, s, 1)[0]
	n := to_number(m[1]) * {"M": 1, "m": 1, "G": 1000, "g": 1000}[m[2]]
}

# label writes a bandwidth in Mbps the way AWS does.
label(n) := sprintf("%dGbps", [n / 1000]) if {
	n >= 1000
	n % 1000 == 0
}

else := sprintf("%dMbps", [n])

# speed is a connection's bandwidth in Mbps: the bandwidth string when it parses,
# else the loader's bandwidth_mbps. Undefined when neither is known.
speed(conn) := n if {
	n := mbps(object.get(conn, "bandwidth", ""))
} else := conn.bandwidth_mbps if object.get(conn, "bandwidth_mbps", 0) > 0

# lag_members maps a LAG's model ID to the IDs of its connections: those the LAG
# lists and those that name the LAG (aws_dx_connection_association). Built once.
lag_members[lag_id] contains conn_id if {
	some lag_id, lag in input.dx_lags
	some conn_id in array_field(lag, "connections")
}

lag_members[lag_id] contains conn_id if {
	some conn_id, conn in input.dx_connections
	lag_id := object.get(conn, "lag", "")
	input.dx_lags[lag_id]
}

# members is the set of connections of a LAG (empty when it has none).
members(lag_id) := object.get(lag_members, lag_id, set())

# lag_of is the LAG that carries a connection's VIFs: AWS moves the VIFs of a
# connection to the LAG it joins (AssociateConnectionWithLag).
lag_of(conn) := conn.lag if input.dx_lags[object.get(conn, "lag", "")]

# carrier is the model ID of the connection or LAG that really carries a VIF:
# the LAG when the VIF's connection has joined one.
carrier(vif) := lag if {
	lag := lag_of(input.dx_connections[object.get(vif, "connection", "")])
} else := object.get(vif, "connection", "")

# physical is the set of physical connections behind a carrier ID: a connection
# itself, or a LAG's members (the LAG itself while it has none). Undefined when
# they cannot be known: the link is unknown, the LAG's member list is unknown, or
# the carrier is a LAG outside the model.
physical(id) := {id} if {
	input.dx_connections[id]
} else := ms if {
	lag := input.dx_lags[id]
	not lib.unknown(lag, "connections")
	ms := members(id)
	count(ms) > 0
} else := {id} if {
	lag := input.dx_lags[id]
	not lib.unknown(lag, "connections")
} else := {id} if {
	# A connection outside the model: one link, unless its id says it is a LAG.
	id != ""
	not input.dx_lags[id]
	not startswith(id, "dxlag-")
}

# gateway is what a VIF attaches to: its DX gateway, else its VGW.
gateway(vif) := vif.dx_gateway if {
	object.get(vif, "dx_gateway", "") != ""
} else := vif.vpn_gateway if {
	object.get(vif, "vpn_gateway", "") != ""
}

# gateway_unknown is true when the plan cannot say what a VIF attaches to.
gateway_unknown(vif) if {
	not gateway(vif)
	some field in ["dx_gateway", "vpn_gateway"]
	lib.unknown(vif, field)
}

# private_or_transit is true for the VIF kinds that reach VPCs.
private_or_transit(vif) if vif.kind in {"private", "transit"}

# name of a carrier or gateway for messages: its address, else the raw id.
name(id) := names[0] if {
	names := [lib.addr(input[coll][id]) |
		some coll in ["dx_connections", "dx_lags", "dx_gateways", "vpn_gateways", "transit_gateways", "vpcs"]
		input[coll][id]
	]
	count(names) > 0
} else := id

# describe names a connection with its speed and location, as engineers know it.
describe(id) := sprintf("connection %s (%s)", [name(id), concat(" at ", details)]) if {
	conn := input.dx_connections[id]
	details := [d |
		some d in [object.get(conn, "bandwidth", ""), object.get(conn, "location", "")]
		d != ""
	]
	count(details) > 0
}

else := sprintf("LAG %s (no connections)", [name(id)]) if input.dx_lags[id]

else := sprintf("connection %s", [name(id)])

# private_ip_vpn is true for a VPN that runs over Direct Connect itself
# (outside_ip_address_type PrivateIpv4, S2S private-ip-dx): it shares the DX path,
# so it is no backup for it.
private_ip_vpn(vpn) if object.get(vpn, "outside_ip_address_type", "") == "PrivateIpv4"

# gateway_kind names a gateway for messages.
gateway_kind(id) := "DX gateway" if input.dx_gateways[id]

else := "VGW" if input.vpn_gateways[id]

else := "TGW" if input.transit_gateways[id]

else := "gateway"

# tgw_association is true for a DX gateway association known to be with a
# Transit Gateway: by the type the input states, or by the TGW in the model.
tgw_association(a) if {
	not lib.unknown(a, "gateway_type")
	object.get(a, "gateway_type", "") == "transit_gateway"
}

tgw_association(a) if input.transit_gateways[object.get(a, "gateway", "")]

# vgw_association is true for a DX gateway association known to be with a
# virtual private gateway.
vgw_association(a) if {
	not lib.unknown(a, "gateway_type")
	object.get(a, "gateway_type", "") == "vpn_gateway"
}

vgw_association(a) if input.vpn_gateways[object.get(a, "gateway", "")]

# maybe_tgw_association is true for an association that may be with a Transit
# Gateway, though the input cannot tell: its type or its gateway is unknown.
maybe_tgw_association(a) if {
	not tgw_association(a)
	not vgw_association(a)
	lib.unknown(a, "gateway_type")
}

maybe_tgw_association(a) if {
	not tgw_association(a)
	not vgw_association(a)
	lib.unknown(a, "gateway")
}

# maybe_tgw_reason is why a maybe_tgw_association is not evaluated.
maybe_tgw_reason := "whether it associates a Transit Gateway or a VGW is not known until apply"

# known_link is true when an element's link field holds a known id.
known_link(el, field) if {
	not lib.unknown(el, field)
	object.get(el, field, "") != ""
}
