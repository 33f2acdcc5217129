# METADATA
# title: A customer gateway's BGP ASN collides with AWS or is not allowed
# description: |-
#   A customer gateway declares the BGP ASN of the customer device. AWS rejects the
#   customer gateway, or the BGP sessions of its VPNs never come up, when that ASN:
#
#   - equals the Amazon-side ASN of the virtual private gateway or Transit Gateway
#     a dynamic VPN of it connects to: BGP to AWS is eBGP, so the two sides need
#     different ASNs (default Amazon-side ASN 64512);
#   - is one AWS reserves: 7224 in all Regions, 9059 in eu-west-1, 10124 in
#     ap-northeast-1, and 17943 and 17493 in ap-southeast-1 (the Region is the
#     customer gateway's; 17943 is the value AWS documents, 17493 the ASN of the
#     legacy Singapore gateways, so both are blocked);
#   - is out of range: AWS accepts 1 to 4,294,967,294 (bgp_asn, API BgpAsn, up to
#     2,147,483,647; bgp_asn_extended, API BgpAsnExtended, above that).
#
#   Design guide, "AWS Managed VPN": a dynamic VPN "Supports static routes/dynamic
#   BGP peering", and "Customer device must support single hop BGP for dynamic
#   routing" (table "Network-to-VPC connectivity options"); the ASN rules are those
#   of the Site-to-Site VPN User Guide, "Customer gateway options".
# custom:
#   id: NL105
#   name: vpn-asn-conflict
#   severity: error
#   fixtures: [fire-reserved, fire-same-as-amazon-side, quiet]
#   remediation: |-
#     Give the customer gateway the ASN the device really speaks, distinct from the
#     Amazon-side ASN and from AWS's reserved ASNs; use a private ASN (64512 to
#     65534, or 4,200,000,000 to 4,294,967,294 as bgp_asn_extended) unless you own a
#     public one. The Amazon-side ASN cannot change after the gateway is created, so
#     change the customer side:
#
#     ```hcl
#     resource "aws_customer_gateway" "hq" {
#       bgp_asn    = "65010" # not 64512, the VGW's amazon_side_asn
#       ip_address = "198.51.100.10"
#       type       = "ipsec.1"
#     }
#
#     resource "aws_customer_gateway" "dc" {
#       bgp_asn_extended = "4200000010" # above 2,147,483,647: not bgp_asn
#       ip_address       = "203.0.113.20"
#       type             = "ipsec.1"
#     }
#     ```
package netlint.rules.vpn.vpn_asn_conflict

import data.netlint.lib
import data.netlint.lib.vpn

reserved_in_region := {
	"eu-west-1": {9059},
	"ap-northeast-1": {10124},
	"ap-southeast-1": {17943, 17493},
}

regional_reserved := {asn | some asns in reserved_in_region; some asn in asns}

max_asn := 4294967294

# The ASN AWS reserves in every Region.
deny contains f if {
	some id, cgw in input.customer_gateways
	vpn.asn(cgw) == 7224
	msg := sprintf("customer gateway %s uses BGP ASN 7224, which AWS reserves in all Regions", [lib.addr(cgw)])
	f := lib.finding(msg, [id])
}

# An ASN AWS reserves in the customer gateway's Region.
deny contains f if {
	some id, cgw in input.customer_gateways
	region := known_region(cgw)
	asn := vpn.asn(cgw)
	asn in object.get(reserved_in_region, region, set())
	msg := sprintf("customer gateway %s uses BGP ASN %d, which AWS reserves in %s, the customer gateway's Region", [lib.addr(cgw), asn, region])
	f := lib.finding(msg, [id])
}

# The ASN is out of range. The model holds the effective ASN (bgp_asn, or
# bgp_asn_extended when that is set), so only the 32-bit bounds can be checked.
deny contains f if {
	some id, cgw in input.customer_gateways
	asn := vpn.asn(cgw)
	not in_range(asn, 1, max_asn)
	msg := sprintf("customer gateway %s has BGP ASN %d, which is out of range: AWS accepts 1 to 4,294,967,294", [lib.addr(cgw), asn])
	f := lib.finding(msg, [id])
}

in_range(n, low, high) if {
	n >= low
	n <= high
}

# The customer gateway's ASN equals the Amazon-side ASN of a gateway it has a
# dynamic VPN to: one finding per customer gateway and gateway.
deny contains f if {
	some pair, conn_ids in same_asn
	[cgw_id, gw_id] := pair
	cgw := input.customer_gateways[cgw_id]
	gw := vpn.gateway(input.vpn_connections[conn_ids[0]])
	msg := sprintf(
		"customer gateway %s has BGP ASN %d, the Amazon-side ASN of %s it connects to over %s: BGP to AWS is eBGP and needs two different ASNs, so the sessions do not come up",
		[lib.addr(cgw), vpn.asn(cgw), gw.label, vpn.join_names([vpn.name(input.vpn_connections, c) | some c in conn_ids])],
	)
	f := lib.finding(msg, array.concat(array.concat([cgw_id], conn_ids), [gw_id]))
}

# same_asn indexes the dynamic VPNs whose two sides declare one ASN by
# [customer gateway, gateway].
same_asn[pair] := sort(conn_ids) if {
	some conn in input.vpn_connections
	pair := conflict(conn)
	conn_ids := {cid | some cid, c in input.vpn_connections; conflict(c) == pair}
}

conflict(conn) := [conn.customer_gateway, gw.id] if {
	vpn.dynamic(conn)
	cgw := vpn.customer_gateway(conn)
	gw := vpn.gateway(conn)
	vpn.asn(cgw) == amazon_asn(gw)
}

amazon_asn(gw) := asn if {
	el := vpn.gateway_element(gw)
	not lib.unknown(el, "amazon_side_asn")
	asn := object.get(el, "amazon_side_asn", 0)
	asn != 0
}

known_region(cgw) := cgw.region if {
	not lib.unknown(cgw, "region")
	object.get(cgw, "region", "") != ""
}

# could_be_amazon is true for an ASN an Amazon-side ASN can take (64512 to 65534,
# 4,200,000,000 to 4,294,967,294); a customer ASN outside them cannot collide.
could_be_amazon(asn) if in_range(asn, 64512, 65534)

could_be_amazon(asn) if in_range(asn, 4200000000, max_asn)

not_evaluated contains {"resource": id, "reason": "its BGP ASN is not known until apply"} if {
	some id, cgw in input.customer_gateways
	vpn.asn_unknown(cgw)
}

not_evaluated contains {"resource": id, "reason": sprintf("its Region is not known, and AWS reserves ASN %d in some Regions", [vpn.asn(cgw)])} if {
	some id, cgw in input.customer_gateways
	vpn.asn(cgw) in regional_reserved
	not known_region(cgw)
}

# A BGP VPN whose customer ASN could be an Amazon-side ASN, but whose gateway's
# ASN is unknown (or the gateway is outside the model).
not_evaluated contains {"resource": cid, "reason": amazon_asn_unknown_reason(conn)} if {
	some cid, conn in input.vpn_connections
	vpn.dynamic(conn)
	could_be_amazon(vpn.asn(vpn.customer_gateway(conn)))
	not amazon_asn(vpn.gateway(conn))
}

amazon_asn_unknown_reason(conn) := "its VGW or TGW is not known until apply: its Amazon-side ASN may be the customer gateway's" if {
	not vpn.gateway(conn)
} else := sprintf("%s is outside this input: its Amazon-side ASN is not known", [gw.label]) if {
	gw := vpn.gateway(conn)
	not vpn.gateway_element(gw)
} else := sprintf("the Amazon-side ASN of %s is not known until apply", [vpn.gateway(conn).label])

# A VPN whose two sides share an ASN but whose routing type is unknown, or a BGP
# VPN whose customer gateway is outside the model.
not_evaluated contains {"resource": cid, "reason": "both sides use one ASN, and whether it is a BGP VPN (static_routes_only) is not known until apply"} if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "static_routes_only")
	cgw := vpn.customer_gateway(conn)
	vpn.asn(cgw) == amazon_asn(vpn.gateway(conn))
}

not_evaluated contains {"resource": cid, "reason": customer_gateway_unknown_reason(conn)} if {
	some cid, conn in input.vpn_connections
	vpn.dynamic(conn)
	not vpn.customer_gateway(conn)
}

customer_gateway_unknown_reason(conn) := sprintf("its customer gateway %s is outside this input: its ASN is not known", [conn.customer_gateway]) if {
	object.get(conn, "customer_gateway", "") != ""
} else := "its customer gateway is not known until apply"
