# Helpers shared by the Site-to-Site VPN (NL1xx) and VPN CloudHub (NL2xx) rules.
package netlint.lib.vpn

import data.netlint.lib

# gateway returns the VGW or TGW a VPN connection terminates on: its model ID (or
# raw AWS id when the gateway is not in the model), its kind and how messages
# name it.
gateway(conn) := {"id": id, "kind": "vgw", "label": sprintf("VGW %s", [name(input.vpn_gateways, id)])} if {
	id := object.get(conn, "vpn_gateway", "")
	id != ""
} else := {"id": id, "kind": "tgw", "label": sprintf("TGW %s", [name(input.transit_gateways, id)])} if {
	id := object.get(conn, "transit_gateway", "")
	id != ""
}

# gateway_unknown is true when the connection's gateway link is not resolved.
gateway_unknown(conn) if {
	not gateway(conn)
	some field in ["vpn_gateway", "transit_gateway"]
	lib.unknown(conn, field)
}

# gateway_element returns the VGW or TGW element when it is in the model.
gateway_element(gw) := input.vpn_gateways[gw.id] if gw.kind == "vgw"

gateway_element(gw) := input.transit_gateways[gw.id] if gw.kind == "tgw"

# name names a linked element: its address when it is in the model, else the raw
# id the link holds.
name(collection, id) := lib.addr(collection[id])

name(collection, id) := id if not collection[id]

# dynamic is true for a known BGP VPN (static_routes_only false, AWS's default).
dynamic(conn) if {
	not lib.unknown(conn, "static_routes_only")
	not object.get(conn, "static_routes_only", false)
}

# static is true for a known static VPN.
static(conn) if {
	not lib.unknown(conn, "static_routes_only")
	object.get(conn, "static_routes_only", false) == true
}

# customer_gateway returns the connection's customer gateway when it is in the
# model.
customer_gateway(conn) := input.customer_gateways[conn.customer_gateway]

# asn is a customer gateway's effective BGP ASN: bgp_asn_extended (API
# BgpAsnExtended, for ASNs above 2,147,483,647) when the model carries it apart,
# else bgp_asn (where the Terraform loader puts either). Undefined when unknown
# or not set.
asn(cgw) := n if {
	not asn_unknown(cgw)
	n := object.get(cgw, "bgp_asn_extended", 0)
	n != 0
} else := n if {
	not asn_unknown(cgw)
	n := object.get(cgw, "bgp_asn", 0)
	n != 0
}

asn_unknown(cgw) if lib.unknown(cgw, "bgp_asn")

asn_unknown(cgw) if lib.unknown(cgw, "bgp_asn_extended")

# ip is a customer gateway's known outside IP address; undefined when unknown or
# not set (certificate-based customer gateways may have none).
ip(cgw) := cgw.ip if {
	not lib.unknown(cgw, "ip")
	object.get(cgw, "ip", "") != ""
}

# device returns the key of the customer device a gateway stands for: its IP, or
# the gateway itself for a certificate-based gateway without an IP. Undefined when
# the IP is unknown.
device(cgw) := ip(cgw)

device(cgw) := cgw.id if {
	not lib.unknown(cgw, "ip")
	object.get(cgw, "ip", "") == ""
}

# device_label names a device key in messages.
device_label(key) := sprintf("the device of %s (no IP address)", [lib.addr(cgw)]) if {
	cgw := input.customer_gateways[key]
	object.get(cgw, "ip", "") == ""
} else := key

# connections_by_gateway indexes the VPN connections by the VGW or TGW they use,
# built once: gateway id -> sorted connection ids.
connections_by_gateway[gw_id] := sort([cid |
	some cid, c in input.vpn_connections
	gateway(c).id == gw_id
]) if {
	some conn in input.vpn_connections
	gw_id := gateway(conn).id
}

# join_names writes a list as "a, b and c".
join_names(items) := items[0] if count(items) == 1

join_names(items) := sprintf("%s and %s", [concat(", ", array.slice(items, 0, count(items) - 1)), items[count(items) - 1]]) if {
	count(items) > 1
}
