# METADATA
# title: A Direct Connect gateway association's allowed prefixes cannot work
# description: |-
#   The allowed prefixes of a Direct Connect gateway association decide which AWS
#   ranges the on-premises network learns over Direct Connect (facts sheet §5,
#   Direct Connect User Guide, "Allowed prefixes interactions"). Three designs fail:
#
#   - a Transit Gateway association without allowed prefixes: AWS requires them
#     when such an association is created (DX API
#     CreateDirectConnectGatewayAssociation), and "an empty list means on-prem
#     never reaches the VPCs", since the Transit Gateway advertises exactly the
#     prefixes listed;
#   - a virtual private gateway association whose allowed prefixes cover none of
#     its VPC's IPv4 CIDRs: for a VGW the list "acts as a filter and must be equal
#     to or wider than the VPC CIDR, or nothing is advertised";
#   - allowed prefixes of two Transit Gateway associations on one Direct Connect
#     gateway that overlap: "Allowed prefixes may not overlap across TGWs on the
#     same DX gateway".
#
#   Prefixes known only after apply leave the association not evaluated: when
#   Terraform's allowed_prefixes is not set the provider shows it computed, and for
#   a VGW AWS then advertises the VPC's CIDRs.
#
#   Design guide, "AWS Direct Connect gateway": it "allows you to connect to any
#   participating VPCs from one private VIF"; a VPC participates only through
#   the prefixes its association lets the Direct Connect gateway advertise.
# custom:
#   id: NL305
#   name: dx-allowed-prefixes
#   severity: error
#   fixtures: [fire-tgw-prefixes, fire-vgw-narrow, quiet]
#   remediation: |-
#     List the ranges each Transit Gateway should advertise, without overlap between
#     Transit Gateways of one Direct Connect gateway (a summary per Region works
#     well); for a VGW, list prefixes equal to or wider than the VPC's CIDR, or
#     leave the argument out to advertise the VPC's CIDRs:
#
#     ```hcl
#     resource "aws_dx_gateway_association" "east" {
#       dx_gateway_id         = aws_dx_gateway.main.id
#       associated_gateway_id = aws_ec2_transit_gateway.east.id
#       allowed_prefixes      = ["10.0.0.0/14"] # the east VPCs: 10.0.0.0 to 10.3.255.255
#     }
#
#     resource "aws_dx_gateway_association" "west" {
#       dx_gateway_id         = aws_dx_gateway.main.id
#       associated_gateway_id = aws_ec2_transit_gateway.west.id
#       allowed_prefixes      = ["10.4.0.0/14"] # no overlap with east
#     }
#
#     resource "aws_dx_gateway_association" "legacy" {
#       dx_gateway_id         = aws_dx_gateway.main.id
#       associated_gateway_id = aws_vpn_gateway.legacy.id
#       allowed_prefixes      = [aws_vpc.legacy.cidr_block] # not a part of it
#     }
#     ```
package netlint.rules.dx.dx_allowed_prefixes

import data.netlint.lib
import data.netlint.lib.dx

# prefixes are an association's known allowed prefixes; undefined when unknown.
prefixes(a) := [p | some p in dx.array_field(a, "allowed_prefixes")] if not lib.unknown(a, "allowed_prefixes")

# A Transit Gateway association without allowed prefixes.
deny contains f if {
	some id, a in input.dx_gateway_associations
	dx.tgw_association(a)
	count(prefixes(a)) == 0
	msg := sprintf("%s associates %s with %s without allowed prefixes: AWS requires them for a Transit Gateway association, and with none the on-premises network never reaches the Transit Gateway's VPCs", [
		lib.addr(a), gateway_name(a, "dx_gateway", "DX gateway"), gateway_name(a, "gateway", "TGW"),
	])
	f := lib.finding(msg, array.concat([id], links(a, ["dx_gateway", "gateway"])))
}

# A VGW association whose prefixes cover none of the VPC's IPv4 CIDRs. A VPC with
# some CIDRs covered advertises those: leaving a secondary range out (pods in
# 100.64.0.0/10) may be deliberate.
deny contains f if {
	some id, a in input.dx_gateway_associations
	dx.vgw_association(a)
	ps := prefixes(a)
	count(ps) > 0
	vpc_id := vgw_vpc(a)
	vpc := input.vpcs[vpc_id]
	not lib.unknown(vpc, "cidrs")
	cs := ipv4(dx.array_field(vpc, "cidrs"))
	count(cs) > 0
	not any_covered(ps, cs)
	msg := sprintf("the allowed prefixes of %s (%s) cover no CIDR of VPC %s (%s) behind %s: for a VGW they filter the VPC's CIDRs and must be equal to or wider than one, so nothing of the VPC is advertised over Direct Connect", [
		lib.addr(a), concat(", ", ps), lib.addr(vpc), concat(", ", cs), gateway_name(a, "gateway", "VGW"),
	])
	f := lib.finding(msg, array.concat(array.concat([id], links(a, ["dx_gateway", "gateway"])), [vpc_id]))
}

# Allowed prefixes of two Transit Gateways on one DX gateway overlap: one finding
# per pair of associations, naming every overlapping pair of prefixes.
deny contains f if {
	some [x, y], pairs in overlaps
	ax := input.dx_gateway_associations[x]
	ay := input.dx_gateway_associations[y]
	msg := sprintf("%s and %s give overlapping allowed prefixes to two Transit Gateways on %s (%s): AWS does not allow allowed prefixes that overlap across the Transit Gateways of one DX gateway", [
		lib.addr(ax), lib.addr(ay), gateway_name(ax, "dx_gateway", "DX gateway"),
		concat(", ", [sprintf("%s of %s and %s of %s", [p[0], gateway_name(ax, "gateway", "TGW"), p[1], gateway_name(ay, "gateway", "TGW")]) | some p in pairs]),
	])
	f := lib.finding(msg, [x, y, ax.dx_gateway, ax.gateway, ay.gateway])
}

# overlaps maps a sorted pair of TGW associations of one DX gateway to their
# overlapping prefixes, [prefix of the first, prefix of the second]. The
# associations of a DX gateway are grouped by an equality OPA indexes.
overlaps[[x, y]] := sort(pairs) if {
	some dxgw_id in {a.dx_gateway | some a in tgw_associations}
	entries := [[id, a.gateway, p] |
		some id, a in tgw_associations
		a.dx_gateway == dxgw_id
		some p in prefixes(a)
		net.cidr_is_valid(p)
	]
	hits := netlint.cidr_overlaps([[e[1], e[2]] | some e in entries])
	some h in hits
	[x, y] := sort([entries[h[0]][0], entries[h[1]][0]])
	pairs := {[px, py] |
		some k in hits
		ids := [entries[k[0]][0], entries[k[1]][0]]
		sort(ids) == [x, y]
		[px, py] := ordered(entries[k[0]], entries[k[1]], x)
	}
}

# ordered gives the prefixes of two entries, the one of association x first.
ordered(e1, e2, x) := [e1[2], e2[2]] if e1[0] == x

else := [e2[2], e1[2]]

# tgw_associations are the TGW associations with a known DX gateway, TGW and
# allowed prefixes.
tgw_associations := {id: a |
	some id, a in input.dx_gateway_associations
	dx.tgw_association(a)
	dx.known_link(a, "dx_gateway")
	dx.known_link(a, "gateway")
	prefixes(a)
}

any_covered(ps, cs) if {
	some p in ps
	some c in cs
	net.cidr_is_valid(p)
	not contains(p, ":")
	net.cidr_contains(p, c)
}

ipv4(cidrs) := [c |
	some c in cidrs
	net.cidr_is_valid(c)
	not contains(c, ":")
]

# vgw_vpc is the VPC the association's VGW is attached to, when known.
vgw_vpc(a) := vpc if {
	dx.known_link(a, "gateway")
	vgw := input.vpn_gateways[a.gateway]
	dx.known_link(vgw, "vpc")
	vpc := vgw.vpc
}

gateway_name(a, field, kind) := sprintf("%s %s", [kind, dx.name(a[field])]) if dx.known_link(a, field)

else := sprintf("its %s", [kind])

links(a, fields) := [a[f] | some f in fields; dx.known_link(a, f)]

# Associations whose prefixes, or whether they are with a TGW, are not known.
not_evaluated contains {"resource": id, "reason": dx.maybe_tgw_reason} if {
	some id, a in input.dx_gateway_associations
	dx.maybe_tgw_association(a)
}

not_evaluated contains {"resource": id, "reason": "its allowed prefixes are not known until apply (the provider computes them when the configuration sets none)"} if {
	some id, a in input.dx_gateway_associations
	dx.tgw_association(a)
	not prefixes(a)
}

# A VGW association whose prefixes, VGW, VPC or VPC CIDRs are not known (an
# unknown CIDR may be one the prefixes cover).
not_evaluated contains {"resource": id, "reason": vgw_reason(a)} if {
	some id, a in input.dx_gateway_associations
	dx.vgw_association(a)
	not vgw_evaluated(a)
}

vgw_evaluated(a) if {
	ps := prefixes(a)
	count(ps) == 0
}

vgw_evaluated(a) if {
	ps := prefixes(a)
	vpc := input.vpcs[vgw_vpc(a)]
	cs := ipv4(dx.array_field(vpc, "cidrs"))
	any_covered(ps, cs)
}

vgw_evaluated(a) if {
	prefixes(a)
	vpc := input.vpcs[vgw_vpc(a)]
	not lib.unknown(vpc, "cidrs")
}

# A detached VGW advertises nothing to judge.
vgw_evaluated(a) if {
	prefixes(a)
	dx.known_link(a, "gateway")
	vgw := input.vpn_gateways[a.gateway]
	not lib.unknown(vgw, "vpc")
	object.get(vgw, "vpc", "") == ""
}

# vgw_reason says what a VGW association lacks to be judged.
vgw_reason(a) := "its allowed prefixes are not known until apply (for a VGW, AWS then advertises the VPC's CIDRs)" if {
	not prefixes(a)
} else := "its VGW is not known until apply" if {
	not dx.known_link(a, "gateway")
} else := sprintf("its VGW %s is outside this input", [a.gateway]) if {
	not input.vpn_gateways[a.gateway]
} else := sprintf("the VPC of VGW %s is not known until apply", [lib.addr(input.vpn_gateways[a.gateway])]) if {
	not vgw_vpc(a)
} else := sprintf("VPC %s of VGW %s is outside this input", [vgw_vpc(a), lib.addr(input.vpn_gateways[a.gateway])]) if {
	not input.vpcs[vgw_vpc(a)]
} else := sprintf("some CIDRs of VPC %s are not known until apply", [lib.addr(input.vpcs[vgw_vpc(a)])])
