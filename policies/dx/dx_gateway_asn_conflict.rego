# METADATA
# title: A Direct Connect gateway and a Transit Gateway associated with it share an Amazon-side ASN
# description: |-
#   A Direct Connect gateway and a Transit Gateway behind it each speak BGP with
#   their own Amazon-side ASN. AWS refuses to associate them when the two ASNs are
#   equal: "It must differ from an associated TGW's ASN; the default 64512 on both
#   fails" (facts sheet §5, DX API CreateDirectConnectGateway and
#   CreateTransitVirtualInterface; Direct Connect User Guide, "Transit gateway
#   associations"). Both default to 64512, so a design that leaves both at their
#   default breaks on the association.
#
#   Only ASNs the input states are compared: a Transit Gateway whose ASN is not in
#   the input (an old plan format, a gateway outside the model) or is known only
#   after apply leaves the association not evaluated.
#
#   Design guide, "Introduction": AWS Direct Connect + AWS Transit Gateway is "a
#   private, logical connect from your remote network to a regional network hub
#   for Amazon VPCs"; the Direct Connect gateway and the Transit Gateway behind it
#   are two BGP speakers on that path.
# custom:
#   id: NL304
#   name: dx-gateway-asn-conflict
#   severity: error
#   fixtures: [fire-default-asns, quiet]
#   remediation: |-
#     Give the Transit Gateway and the Direct Connect gateway different private
#     ASNs (64512 to 65534, or 4,200,000,000 to 4,294,967,294), and use one ASN per
#     Transit Gateway across Regions. An Amazon-side ASN cannot change on a Direct
#     Connect gateway, and on a Transit Gateway only while it has no BGP
#     attachment: set both on creation.
#
#     ```hcl
#     resource "aws_dx_gateway" "main" {
#       name            = "main"
#       amazon_side_asn = "64512"
#     }
#
#     resource "aws_ec2_transit_gateway" "hub" {
#       amazon_side_asn = 64601 # not the DX gateway's 64512
#     }
#
#     resource "aws_dx_gateway_association" "hub" {
#       dx_gateway_id         = aws_dx_gateway.main.id
#       associated_gateway_id = aws_ec2_transit_gateway.hub.id
#       allowed_prefixes      = ["10.0.0.0/14"]
#     }
#     ```
package netlint.rules.dx.dx_gateway_asn_conflict

import data.netlint.lib
import data.netlint.lib.dx

# links are the [link id, DX gateway, TGW] of every association between a DX
# gateway and a Transit Gateway: the associations, and the TGW attachments of
# kind direct_connect_gateway that no association of the input stands for (a
# data source reads one made elsewhere).
links := associations | {[id, a.dx_gateway, a.transit_gateway] |
	some id, a in input.tgw_attachments
	a.kind == "direct_connect_gateway"
	dx.known_link(a, "dx_gateway")
	dx.known_link(a, "transit_gateway")
	not associated[[a.dx_gateway, a.transit_gateway]]
}

associations := {[id, a.dx_gateway, a.gateway] |
	some id, a in input.dx_gateway_associations
	dx.tgw_association(a)
	dx.known_link(a, "dx_gateway")
	dx.known_link(a, "gateway")
}

associated := {[d, t] | some [_, d, t] in associations}

# asn is an element's Amazon-side ASN when the input states it: 0 means the
# loader did not see one, and stands for no value.
asn(el) := n if {
	not lib.unknown(el, "amazon_side_asn")
	n := object.get(el, "amazon_side_asn", 0)
	n != 0
}

# One finding per DX gateway and TGW, whatever the number of links between them.
deny contains f if {
	some pair, ids in conflicts
	[dxgw_id, tgw_id] := pair
	dxgw := input.dx_gateways[dxgw_id]
	tgw := input.transit_gateways[tgw_id]
	msg := sprintf("DX gateway %s and TGW %s, associated by %s, both have Amazon-side ASN %d: AWS refuses the association, the two ASNs must differ", [
		lib.addr(dxgw), lib.addr(tgw), concat(", ", [name(id) | some id in ids]), asn(dxgw),
	])

	# The TGW first: a DX gateway's ASN cannot change, so the TGW's is the one
	# to fix.
	f := lib.finding(msg, array.concat([tgw_id, dxgw_id], ids))
}

conflicts[[dxgw_id, tgw_id]] := sort(ids) if {
	some [_, dxgw_id, tgw_id] in links
	asn(input.dx_gateways[dxgw_id]) == asn(input.transit_gateways[tgw_id])
	ids := {id | some [id, d, t] in links; d == dxgw_id; t == tgw_id}
}

name(id) := lib.addr(input.dx_gateway_associations[id])

name(id) := lib.addr(input.tgw_attachments[id]) if not input.dx_gateway_associations[id]

# An association whose gateway may be a TGW (its type is unknown), whose DX
# gateway or TGW is unknown or outside the model, or whose ASNs are not both
# known.
not_evaluated contains {"resource": id, "reason": dx.maybe_tgw_reason} if {
	some id, a in input.dx_gateway_associations
	dx.maybe_tgw_association(a)
}

not_evaluated contains {"resource": id, "reason": sprintf("its %s is not known until apply", [kind])} if {
	some id, a in input.dx_gateway_associations
	dx.tgw_association(a)
	some field, kind in {"dx_gateway": "DX gateway", "gateway": "TGW"}
	not dx.known_link(a, field)
}

not_evaluated contains {"resource": id, "reason": asn_reason(input.dx_gateways, dxgw_id, "DX gateway")} if {
	some [id, dxgw_id, _] in links
	not asn(object.get(input.dx_gateways, dxgw_id, {}))
}

not_evaluated contains {"resource": id, "reason": asn_reason(input.transit_gateways, tgw_id, "TGW")} if {
	some [id, _, tgw_id] in links
	not asn(object.get(input.transit_gateways, tgw_id, {}))
}

# asn_reason says why a gateway's Amazon-side ASN is not known.
asn_reason(coll, id, kind) := sprintf("%s %s is outside this input", [kind, id]) if {
	not coll[id]
} else := sprintf("the Amazon-side ASN of %s %s is not known until apply", [kind, lib.addr(coll[id])]) if {
	lib.unknown(coll[id], "amazon_side_asn")
} else := sprintf("the input does not state the Amazon-side ASN of %s %s", [kind, lib.addr(coll[id])])
