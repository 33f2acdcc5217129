# METADATA
# title: Sites of a VPN CloudHub share a BGP ASN
# description: |-
#   With VPN CloudHub, one virtual private gateway re-advertises the prefixes each
#   site announces over BGP to every other site, so branch offices reach each other
#   through AWS. BGP drops a route whose AS path already holds the receiver's own
#   ASN (loop prevention): when two customer devices on the same VGW use one ASN,
#   each discards the other's prefixes, and the hub cannot tell the sites apart.
#   Customer gateways that share one IP are one device and count once; only
#   dynamic (BGP) connections take part in CloudHub. Redundant devices of one site
#   may share its ASN: devices declared under the same site in .netlint.yaml count
#   as one site.
#
#   Design guide, "AWS VPN CloudHub": "The remote network prefixes for each spoke
#   must have unique ASNs". Site-to-Site VPN User Guide, "VPN CloudHub": one customer
#   gateway per site, each with a unique BGP ASN, on dynamic VPN connections.
#   (Overlapping site ranges are rule NL001.)
# custom:
#   id: NL201
#   name: cloudhub-duplicate-asn
#   severity: error
#   remediation: |-
#     Give every site's customer gateway its own private ASN, and configure the same
#     ASN on that site's device:
#
#     ```hcl
#     resource "aws_customer_gateway" "branch" {
#       for_each   = { london = 65101, paris = 65102 } # one ASN per site
#       bgp_asn    = each.value
#       ip_address = var.branch_ips[each.key]
#       type       = "ipsec.1"
#     }
#     ```
package netlint.rules.cloudhub.cloudhub_duplicate_asn

import data.netlint.lib
import data.netlint.lib.vpn

# members indexes the customer gateways with a dynamic VPN on each VGW:
# VGW id -> set of customer gateway ids.
members[gw_id] contains conn.customer_gateway if {
	some conn in input.vpn_connections
	vpn.dynamic(conn)
	gw := vpn.gateway(conn)
	gw.kind == "vgw"
	gw_id := gw.id
}

deny contains f if {
	some gw_id, cgw_ids in members
	some asn in {a | some id in cgw_ids; a := vpn.asn(input.customer_gateways[id])}
	sharing := sort({id | some id in cgw_ids; vpn.asn(input.customer_gateways[id]) == asn})
	site_keys := {site_key(input.customer_gateways[id]) | some id in sharing}
	count(site_keys) > 1
	conns := sort({cid |
		some cid, conn in input.vpn_connections
		conn.customer_gateway in sharing
		vpn.dynamic(conn)
		vpn.gateway(conn).id == gw_id
	})
	msg := sprintf(
		"customer gateways %s share BGP ASN %d on VGW %s: BGP drops routes that carry its own ASN, so these sites do not learn each other's prefixes through the VPN CloudHub (redundant devices of one site may share an ASN: declare them under that site in .netlint.yaml)",
		[vpn.join_names([where(id) | some id in sharing]), asn, vpn.name(input.vpn_gateways, gw_id)],
	)
	f := lib.finding(msg, array.concat(array.concat(sharing, conns), [gw_id]))
}

# site_key identifies the site a customer gateway stands for: the .netlint.yaml
# site that declares its IP, else its device (gateways sharing an IP are one
# device). Undefined when the IP is unknown.
site_key(cgw) := min(declared_sites[ip]) if {
	ip := vpn.ip(cgw)
	declared_sites[ip]
} else := vpn.device(cgw)

# declared_sites indexes the sites of .netlint.yaml by device IP, built once.
declared_sites[ip] contains sid if {
	some sid, site in input.sites
	devices := object.get(site, "devices", [])
	is_array(devices)
	some d in devices
	ip := object.get(d, "ip", "")
	ip != ""
}

# where names a customer gateway with the IP of its device.
where(id) := sprintf("%s (%s)", [lib.addr(cgw), vpn.ip(cgw)]) if {
	cgw := input.customer_gateways[id]
	vpn.ip(cgw)
} else := sprintf("%s (no IP address)", [lib.addr(cgw)]) if {
	cgw := input.customer_gateways[id]
	vpn.device(cgw)
} else := sprintf("%s (IP unknown)", [vpn.name(input.customer_gateways, id)])

# A VGW whose members' ASNs or devices are unknown, or that has a member outside
# the model, could hide a shared ASN.
not_evaluated contains gw_id if {
	some gw_id, cgw_ids in members
	count(cgw_ids) > 1
	some id in cgw_ids
	not decided(id)
}

decided(id) if {
	cgw := input.customer_gateways[id]
	vpn.asn(cgw)
	vpn.device(cgw)
}

# A connection whose routing type is unknown may or may not take part.
not_evaluated contains cid if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "static_routes_only")
	vpn.gateway(conn).kind == "vgw"
}
