# METADATA
# title: A BGP VPN terminates IPsec on a device that cannot also run its BGP session
# description: |-
#   Each tunnel of a Site-to-Site VPN carries one IPsec SA and one BGP session, and
#   the BGP session runs over the tunnel's inside addresses, inside the IPsec SA. The
#   device that terminates IPsec must therefore also be the BGP speaker: AWS requires
#   it for dynamic VPNs, and a session that cannot reach it never comes up, so no
#   routes are exchanged and no traffic flows.
#
#   The rule fires for a dynamic VPN (static_routes_only false) when the customer
#   device at the customer gateway's IP is declared in .netlint.yaml with
#   `bgp: false`, when that device is declared with an ASN other than the customer
#   gateway's, or when customer gateways that share one IP address and carry BGP
#   VPNs declare different ASNs (one device, two BGP identities).
#
#   Design guide, "AWS Managed VPN" and "AWS Transit Gateway + VPN": "When you use
#   BGP, both the IPSec and the BGP connections must be terminated on the same user
#   gateway device, so it must be capable of terminating both IPSec and BGP
#   connections." The "Network-to-VPC connectivity options" table adds: "Customer
#   device must support single hop BGP for dynamic routing".
# custom:
#   id: NL101
#   name: vpn-bgp-not-on-ipsec-device
#   severity: error
#   fixtures: [fire-bgp-off-device, fire-device-asn, fire-one-ip-two-asns, quiet]
#   remediation: |-
#     Terminate IPsec and BGP on the same device: point the customer gateway at the
#     IP of a device that runs both, with the ASN that device speaks. If the device
#     cannot run BGP, make the VPN static and list the on-premises ranges:
#
#     ```hcl
#     resource "aws_vpn_connection" "branch" {
#       customer_gateway_id = aws_customer_gateway.branch.id
#       vpn_gateway_id      = aws_vpn_gateway.main.id
#       type                = "ipsec.1"
#       static_routes_only  = true
#     }
#
#     resource "aws_vpn_connection_route" "branch" {
#       vpn_connection_id      = aws_vpn_connection.branch.id
#       destination_cidr_block = "10.60.0.0/16"
#     }
#     ```
#
#     Customer gateways that share one device's IP must declare the one ASN the
#     device speaks.
package netlint.rules.vpn.vpn_bgp_not_on_ipsec_device

import data.netlint.lib
import data.netlint.lib.vpn

# declared indexes the devices of .netlint.yaml by IP, built once.
declared[ip] contains {"site": sid, "device": d} if {
	some sid, site in input.sites
	devices := object.get(site, "devices", [])
	is_array(devices)
	some d in devices
	ip := object.get(d, "ip", "")
	ip != ""
}

# bgp_cgws indexes, by IP, the customer gateways that carry a BGP VPN.
bgp_cgws[ip] contains conn.customer_gateway if {
	some conn in input.vpn_connections
	vpn.dynamic(conn)
	ip := vpn.ip(vpn.customer_gateway(conn))
}

# The device at the customer gateway's IP is declared not to speak BGP.
deny contains f if {
	some cid, conn in input.vpn_connections
	vpn.dynamic(conn)
	cgw := vpn.customer_gateway(conn)
	ip := vpn.ip(cgw)
	some entry in declared[ip]
	entry.device.bgp == false
	msg := sprintf(
		"%s is a BGP VPN (static_routes_only is false) to customer gateway %s at %s, which .netlint.yaml declares as device %q of %s with bgp: false: BGP must run on the device that terminates IPsec",
		[lib.addr(conn), lib.addr(cgw), ip, entry.device.name, lib.addr(input.sites[entry.site])],
	)
	f := lib.finding(msg, [cid, conn.customer_gateway, entry.site])
}

# The device at the customer gateway's IP speaks another ASN than AWS will peer
# with: the session is either refused or runs on a device behind it.
deny contains f if {
	some cid, conn in input.vpn_connections
	vpn.dynamic(conn)
	cgw := vpn.customer_gateway(conn)
	ip := vpn.ip(cgw)
	cgw_asn := vpn.asn(cgw)
	some entry in declared[ip]
	not entry.device.bgp == false
	device_asn := object.get(entry.device, "asn", 0)
	device_asn != 0
	device_asn != cgw_asn
	msg := sprintf(
		"%s is a BGP VPN to customer gateway %s (ASN %d) at %s, but .netlint.yaml declares that IP as device %q of %s with ASN %d: the BGP session does not come up, or BGP runs on another device than the one terminating IPsec",
		[lib.addr(conn), lib.addr(cgw), cgw_asn, ip, entry.device.name, lib.addr(input.sites[entry.site]), device_asn],
	)
	f := lib.finding(msg, [cid, conn.customer_gateway, entry.site])
}

# Customer gateways on one IP (one device) carry BGP VPNs with different ASNs.
deny contains f if {
	some ip, cgw_ids in bgp_cgws
	asns := {vpn.asn(input.customer_gateways[id]) | some id in cgw_ids}
	count(asns) > 1
	ids := sort(cgw_ids)
	gateways := [sprintf("%s (ASN %d)", [lib.addr(cgw), vpn.asn(cgw)]) |
		some id in ids
		cgw := input.customer_gateways[id]
	]
	conns := sort([cid |
		some cid, conn in input.vpn_connections
		conn.customer_gateway in cgw_ids
		vpn.dynamic(conn)
	])
	msg := sprintf(
		"customer gateways %s share IP %s and carry BGP VPNs (%s): the one device terminating IPsec at that IP would have to run BGP as %d different ASNs",
		[vpn.join_names(gateways), ip, vpn.join_names([vpn.name(input.vpn_connections, c) | some c in conns]), count(asns)],
	)
	f := lib.finding(msg, array.concat(ids, conns))
}

fired contains id if {
	some f in deny
	some id in f.resources
}

# A BGP VPN whose customer device cannot be judged: the VPN type, the customer
# gateway or its IP is unknown, or no device with that IP and a `bgp` value is
# declared in .netlint.yaml.
not_evaluated contains {"resource": cid, "reason": "whether it is a static or a BGP VPN (static_routes_only) is not known until apply"} if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "static_routes_only")
}

not_evaluated contains {"resource": cid, "reason": device_unknown_reason(conn)} if {
	some cid, conn in input.vpn_connections
	vpn.dynamic(conn)
	not cid in fired
	not device_known(conn)
}

# device_unknown_reason says why the customer device of a BGP VPN is not known.
device_unknown_reason(conn) := "its customer gateway is not known until apply" if {
	object.get(conn, "customer_gateway", "") == ""
} else := sprintf("its customer gateway %s is outside this input: its IP address is not known", [conn.customer_gateway]) if {
	not vpn.customer_gateway(conn)
} else := sprintf("the IP address of customer gateway %s is known only after apply", [lib.addr(cgw)]) if {
	cgw := vpn.customer_gateway(conn)
	lib.unknown(cgw, "ip")
} else := sprintf("customer gateway %s has no IP address to match a declared device", [lib.addr(cgw)]) if {
	cgw := vpn.customer_gateway(conn)
	not vpn.ip(cgw)
} else := sprintf("no device at %s with a bgp value is declared in .netlint.yaml (sites)", [vpn.ip(vpn.customer_gateway(conn))])

device_known(conn) if {
	ip := vpn.ip(vpn.customer_gateway(conn))
	some entry in declared[ip]
	is_boolean(object.get(entry.device, "bgp", null))
}
