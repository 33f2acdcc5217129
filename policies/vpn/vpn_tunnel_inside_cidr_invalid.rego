# METADATA
# title: A VPN tunnel inside CIDR breaks AWS's rules
# description: |-
#   Each tunnel of a Site-to-Site VPN carries its BGP session and tunnel interface
#   addresses in a small inside CIDR. AWS accepts only:
#
#   - IPv4: a /30 network within 169.254.0.0/16 that is not one of the /30s AWS
#     reserves (169.254.0.0/30, 169.254.1.0/30, 169.254.2.0/30, 169.254.3.0/30,
#     169.254.4.0/30, 169.254.5.0/30 and 169.254.169.252/30), unique across all VPN
#     connections of the same virtual private gateway;
#   - IPv6 (Transit Gateway only): a /126 network within fd00::/8, unique across the
#     VPN connections of the Transit Gateway;
#   - and the two tunnels of one connection need different CIDRs.
#
#   AWS rejects the connection otherwise (EC2 API VpnTunnelOptionsSpecification
#   TunnelInsideCidr and TunnelInsideIpv6Cidr; Site-to-Site VPN User Guide, "Tunnel
#   options"), so the plan fails at apply, or, for a clash the API lets through, the
#   customer device cannot tell the tunnels apart. Design guide, "AWS Managed VPN":
#   every connection has two tunnels for redundancy, and both must come up.
# custom:
#   id: NL104
#   name: vpn-tunnel-inside-cidr-invalid
#   severity: error
#   fixtures: [fire-reused-on-vgw, fire-same-both-tunnels, quiet]
#   remediation: |-
#     Give each tunnel its own unreserved /30 from 169.254.0.0/16 (IPv6: its own /126
#     from fd00::/8), distinct from every other tunnel on the same gateway, or leave
#     the arguments out and let AWS choose:
#
#     ```hcl
#     resource "aws_vpn_connection" "hq" {
#       customer_gateway_id = aws_customer_gateway.hq.id
#       vpn_gateway_id      = aws_vpn_gateway.main.id
#       type                = "ipsec.1"
#       tunnel1_inside_cidr = "169.254.10.0/30"
#       tunnel2_inside_cidr = "169.254.10.4/30"
#     }
#     ```
package netlint.rules.vpn.vpn_tunnel_inside_cidr_invalid

import data.netlint.lib
import data.netlint.lib.vpn

families := {
	"ipv4": {"name": "IPv4", "field": "inside_cidr", "range": "169.254.0.0/16", "length": 30},
	"ipv6": {"name": "IPv6", "field": "inside_ipv6_cidr", "range": "fd00::/8", "length": 126},
}

# reserved are the link-local /30s AWS keeps for itself.
reserved := [
	"169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
	"169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30",
]

# inside CIDRs must be unique per VGW for IPv4 and per TGW for IPv6 (VGWs carry no
# IPv6 VPNs).
unique_on := {"ipv4": "vgw", "ipv6": "tgw"}

# cidrs lists every known inside CIDR: connection, tunnel number (1-based), family
# and value.
cidrs contains {"conn": cid, "tunnel": i + 1, "family": family, "cidr": cidr} if {
	some cid, conn in input.vpn_connections
	some i, tunnel in tunnels(conn)
	some family, spec in families
	not lib.unknown(tunnel, spec.field)
	cidr := object.get(tunnel, spec.field, "")
	cidr != ""
}

tunnels(conn) := t if {
	t := object.get(conn, "tunnels", [])
	is_array(t)
} else := []

# A tunnel's CIDR is malformed, outside the range, the wrong size or reserved.
deny contains f if {
	some c in cidrs
	reason := problem(c.family, c.cidr)
	conn := input.vpn_connections[c.conn]
	msg := sprintf("%s tunnel %d inside CIDR %s %s", [lib.addr(conn), c.tunnel, c.cidr, reason])
	f := lib.finding(msg, [c.conn])
}

# Both tunnels of one connection share a CIDR.
deny contains f if {
	some cid, conn in input.vpn_connections
	ts := tunnels(conn)
	some family in object.keys(families)
	some i, j
	i < j
	a := valid_value(ts[i], family)
	b := valid_value(ts[j], family)
	same(a, b)
	msg := sprintf("%s gives both tunnels the inside CIDR %s: each tunnel needs its own %s", [lib.addr(conn), a, size(family)])
	f := lib.finding(msg, [cid])
}

valid_value(tunnel, family) := cidr if {
	field := families[family].field
	not lib.unknown(tunnel, field)
	cidr := object.get(tunnel, field, "")
	cidr != ""
	not problem(family, cidr)
}

# Connections on one VGW (IPv4) or TGW (IPv6) share a CIDR.
deny contains f if {
	some key, uses in shared
	conns := sort({u.conn | some u in uses})
	count(conns) > 1
	users := [sprintf("%s (tunnel %d)", [vpn.name(input.vpn_connections, u.conn), u.tunnel]) | some u in sort(uses)]
	gw := vpn.gateway(input.vpn_connections[conns[0]])
	msg := sprintf("tunnel inside CIDR %s is used by %s on %s: inside CIDRs must be unique across the VPN connections of a %s", [
		key[2], vpn.join_names(users), gw.label, upper(gw.kind),
	])
	f := lib.finding(msg, array.concat(conns, [gw.id]))
}

# shared indexes the valid CIDRs that must be unique by [gateway, family, network].
shared[key] contains {"conn": c.conn, "tunnel": c.tunnel} if {
	some c in cidrs
	not problem(c.family, c.cidr)
	gw := vpn.gateway(input.vpn_connections[c.conn])
	gw.kind == unique_on[c.family]
	some network in net.cidr_merge([c.cidr])
	key := [gw.id, c.family, network]
}

same(a, b) if {
	net.cidr_contains(a, b)
	net.cidr_contains(b, a)
}

size(family) := sprintf("/%d", [families[family].length])

# problem says what is wrong with an inside CIDR; undefined when it is valid.
problem(family, cidr) := "is not a valid CIDR" if {
	not net.cidr_is_valid(cidr)
} else := sprintf("is not an %s CIDR", [families[family].name]) if {
	not is_family(family, cidr)
} else := sprintf("is a /%d: AWS requires a %s", [length(cidr), size(family)]) if {
	length(cidr) != families[family].length
} else := sprintf("is not within %s", [families[family].range]) if {
	not net.cidr_contains(families[family].range, cidr)
} else := sprintf("is not a %s network address (host bits are set)", [size(family)]) if {
	not aligned(family, cidr)
} else := "is one of the /30s AWS reserves (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30)" if {
	family == "ipv4"
	some r in reserved
	net.cidr_contains(r, cidr)
}

is_family("ipv4", cidr) if not contains(cidr, ":")

is_family("ipv6", cidr) if contains(cidr, ":")

length(cidr) := to_number(split(cidr, "/")[1])

# aligned: a /30 starts at an address divisible by 4, and so does a /126, whose
# last hexadecimal digit then is 0, 4, 8 or c ("::" ends in a zero group).
aligned("ipv4", cidr) if {
	octets := split(split(cidr, "/")[0], ".")
	to_number(octets[3]) % 4 == 0
}

aligned("ipv6", cidr) if {
	address := lower(split(cidr, "/")[0])
	last := substring(address, count(address) - 1, 1)
	last in {"0", "4", "8", "c", ":"}
}

# A connection whose inside CIDRs are unknown cannot be judged. The IP version
# says which CIDR a tunnel uses; when it is unknown too, a tunnel with neither
# CIDR known is undecided.
not_evaluated contains {"resource": cid, "reason": "its tunnel options are not known until apply"} if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "tunnels")
}

not_evaluated contains {"resource": cid, "reason": sprintf("the %s of a tunnel is not known until apply", [field_label[field]])} if {
	some cid, conn in input.vpn_connections
	some tunnel in tunnels(conn)
	some field in needed(conn)
	lib.unknown(tunnel, field)
}

field_label := {"inside_cidr": "inside IPv4 CIDR", "inside_ipv6_cidr": "inside IPv6 CIDR"}

not_evaluated contains {"resource": cid, "reason": "the tunnels' inside IP version (tunnel_inside_ip_version) and a tunnel's inside CIDR are not known until apply"} if {
	some cid, conn in input.vpn_connections
	lib.unknown(conn, "tunnel_inside_ip_version")
	some tunnel in tunnels(conn)
	every spec in families {
		not known_value(tunnel, spec.field)
	}
	some spec in families
	lib.unknown(tunnel, spec.field)
}

needed(conn) := {"inside_ipv6_cidr"} if {
	not lib.unknown(conn, "tunnel_inside_ip_version")
	object.get(conn, "tunnel_inside_ip_version", "") == "ipv6"
} else := {"inside_cidr"} if {
	not lib.unknown(conn, "tunnel_inside_ip_version")
} else := set()

known_value(tunnel, field) if {
	not lib.unknown(tunnel, field)
	object.get(tunnel, field, "") != ""
}
