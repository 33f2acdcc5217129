# METADATA
# title: Networks that exchange traffic have overlapping address ranges
# description: |-
#   Two networks that can exchange traffic have overlapping IPv4 or IPv6 ranges, so
#   routing cannot tell them apart: a Transit Gateway silently drops the overlapping
#   VPC's propagated routes, VPC peering is refused outright, and a VGW or DX gateway
#   sends traffic for the shared range to only one of the sites.
#
#   "Connected" means peered with each other (peering is not transitive), attached to
#   the same Transit Gateway (the same TGW route table where associations are known),
#   VPCs and VPN sites on the same VGW (VPN CloudHub included), networks behind the
#   same Direct Connect gateway, and a Client VPN pool and the VPC it serves. Every
#   VPC CIDR counts (primary and secondary), and so do on-premises ranges (static VPN
#   routes and `sites` in .netlint.yaml).
#
#   Design guide, "Introduction" and every connectivity option: "Use non-overlapping
#   IP ranges for each network being connected".
# custom:
#   id: NL001
#   name: overlapping-connected-ranges
#   severity: error
#   remediation: |-
#     Give every connected network a distinct range. Plan an address map for all
#     VPCs and sites (for example with AWS VPC IPAM) and move the newer network:
#
#     ```hcl
#     resource "aws_vpc" "c" {
#       cidr_block = "10.2.0.0/16" # was 10.1.128.0/17, inside aws_vpc.b
#     }
#     ```
#
#     If two networks must overlap, do not connect them directly: put NAT between
#     them (a private NAT gateway in a transit VPC) or publish the service over
#     PrivateLink instead.
package netlint.rules.addressing.overlapping_connected_ranges

import data.netlint.lib

nets := input.derived.networks

deny contains f if {
	some domain in input.derived.domains
	items := [[n, cidr] | some n in domain.networks; some cidr in nets[n].cidrs]

	# Ranges of one element never conflict with each other (a VPC and the static
	# route to one of its ranges).
	entries := [[nets[it[0]].element, it[1]] | some it in items]
	some pair in netlint.cidr_overlaps(entries)
	a := items[pair[0]]
	b := items[pair[1]]

	# Two attachments that only send through a TGW route table never reach
	# each other through it.
	not both_sources(domain, a[0], b[0])
	na := nets[a[0]]
	nb := nets[b[0]]
	not summary_route(na, a[1], b[1])
	not summary_route(nb, b[1], a[1])
	msg := sprintf("%s (%s) overlaps %s (%s); %s", [na.address, a[1], nb.address, b[1], lib.link_phrase(domain)])
	f := lib.finding(msg, array.concat([na.element, nb.element], domain.via))
}

# A static route less specific than a network's range is a summary (longest
# prefix wins): traffic for the network still reaches it.
summary_route(net, route_cidr, other_cidr) if {
	net.kind == "tgw_static_route"
	prefix_len(route_cidr) < prefix_len(other_cidr)
}

prefix_len(cidr) := to_number(split(cidr, "/")[1])

both_sources(domain, x, y) if {
	x in object.get(domain, "sources", [])
	y in object.get(domain, "sources", [])
}

# A VPC whose ranges are unknown at plan time (IPAM) cannot be judged.
not_evaluated contains vpc_id if {
	some domain in input.derived.domains
	some vpc_id in domain.networks
	vpc := input.vpcs[vpc_id]
	lib.unknown(vpc, "cidrs")
}
