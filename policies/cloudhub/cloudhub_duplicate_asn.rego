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
#   may share its ASN (AWS's redundancy design is a second device at the same
#   site), so the rule judges devices whose sites are declared in .netlint.yaml:
#   devices of two declared sites sharing an ASN fire; devices sharing an ASN
#   without declared sites are taken as one site, and listed as not evaluated
#   with that assumption.
#
#   Design guide, "AWS VPN CloudHub": "The remote network prefixes for each spoke
#   must have unique ASNs". Site-to-Site VPN User Guide, "VPN CloudHub": one customer
#   gateway per site, each with a unique BGP ASN, on dynamic VPN connections.
#   (Overlapping site ranges are rule NL001.)
# custom:
#   id: NL201
#   name: cloudhub-duplicate-asn
#   severity: error
#   fixtures: [fire-branches-default-asn, quiet, quiet-branches-undeclared, quiet-redundant-site]
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

# shared lists, per VGW and ASN, the customer gateways with a BGP VPN on the VGW
# that use the ASN, when they stand for more than one device.
shared contains [gw_id, asn, sharing] if {
	some gw_id, cgw_ids in members
	some asn in {a | some id in cgw_ids; a := vpn.asn(input.customer_gateways[id])}
	sharing := sort({id | some id in cgw_ids; vpn.asn(input.customer_gateways[id]) == asn})
	count({vpn.device(input.customer_gateways[id]) | some id in sharing}) > 1
}

# Devices of two sites declared in .netlint.yaml share the ASN: the sites drop
# each other's prefixes.
deny contains f if {
	some [gw_id, asn, sharing] in shared
	every id in sharing {
		declared_site[id]
	}
	count({declared_site[id] | some id in sharing}) > 1
	conns := sort({cid |
		some cid, conn in input.vpn_connections
		conn.customer_gateway in sharing
		vpn.dynamic(conn)
		vpn.gateway(conn).id == gw_id
	})
	msg := sprintf(
		"customer gateways %s of sites %s share BGP ASN %d on VGW %s: BGP drops routes that carry its own ASN, so these sites do not learn each other's prefixes through the VPN CloudHub",
		[
			vpn.join_names([where(id) | some id in sharing]), vpn.join_names(sort({declared_site[id] | some id in sharing})),
			asn, vpn.name(input.vpn_gateways, gw_id),
		],
	)
	f := lib.finding(msg, array.concat(array.concat(sharing, conns), [gw_id]))
}

# Devices that share an ASN without their sites declared: AWS's redundancy
# design is two devices of one site, which may share its ASN, so netlint
# assumes that and says so; two different sites would lose each other's
# prefixes.
not_evaluated contains {"resource": gw_id, "reason": msg} if {
	some [gw_id, asn, sharing] in shared
	some id in sharing
	not declared_site[id]
	msg := sprintf(
		"customer gateways %s share BGP ASN %d on VGW %s: netlint assumed they are redundant devices of one site, which may share an ASN; declare the sites in .netlint.yaml to check the VPN CloudHub",
		[vpn.join_names([where(id2) | some id2 in sharing]), asn, vpn.name(input.vpn_gateways, gw_id)],
	)
}

# declared_site maps a customer gateway to the .netlint.yaml site its device
# belongs to (by IP, or named by the site's via), built once.
declared_site[cgw_id] := min(sites) if {
	some cgw_id, cgw in input.customer_gateways
	sites := sites_by_ip(cgw) | sites_by_connection(cgw_id)
	count(sites) > 0
}

sites_by_ip(cgw) := sites if {
	sites := declared_sites[vpn.ip(cgw)]
} else := set()

sites_by_connection(cgw_id) := object.get(sites_by_cgw, cgw_id, set())

# sites_by_cgw indexes the declared sites by the customer gateways of their
# connections, built once: one pass over the networks, not one per gateway.
sites_by_cgw := {cgw_id: {site | some [c, site] in site_gateways; c == cgw_id} | some [cgw_id, _] in site_gateways}

site_gateways := {[cgw_id, n.element] |
	some n in input.derived.networks
	n.kind == "site"
	not n.implied
	some cid in object.get(n, "connections", [])
	cgw_id := input.vpn_connections[cid].customer_gateway
}

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
not_evaluated contains {"resource": gw_id, "reason": undecided_reason(id)} if {
	some gw_id, cgw_ids in members
	count(cgw_ids) > 1
	some id in cgw_ids
	not decided(id)
}

undecided_reason("") := "the customer gateway of one of its BGP VPNs is not known until apply"

undecided_reason(id) := sprintf("customer gateway %s is outside this input: its ASN and IP address are not known", [id]) if {
	id != ""
	not input.customer_gateways[id]
}

undecided_reason(id) := sprintf("the BGP ASN of customer gateway %s is not known until apply", [lib.addr(cgw)]) if {
	cgw := input.customer_gateways[id]
	not vpn.asn(cgw)
}

undecided_reason(id) := sprintf("the IP address of customer gateway %s is known only after apply: its site cannot be told", [lib.addr(cgw)]) if {
	cgw := input.customer_gateways[id]
	vpn.asn(cgw)
	not vpn.device(cgw)
}

decided(id) if {
	cgw := input.customer_gateways[id]
	vpn.asn(cgw)
	vpn.device(cgw)
}

# A connection whose routing type is unknown may or may not take part.
not_evaluated contains {"resource": cid, "reason": "whether it is a BGP VPN (static_routes_only) is not known until apply: it may take part in the CloudHub"} if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "static_routes_only")
	vpn.gateway(conn).kind == "vgw"
}
