# METADATA
# title: Traffic reaches VPCs over Direct Connect unencrypted
# description: |-
#   A private or transit VIF carries traffic between on-premises and VPCs, but
#   neither MACsec on its connection (or LAG) nor an IPsec VPN over it encrypts
#   that traffic. Direct Connect is a private circuit, not an encrypted one: frames
#   cross the provider's and the colocation's equipment in the clear.
#
#   Design guide, "AWS Direct Connect + VPN" and "AWS Direct Connect + AWS Transit
#   Gateway + VPN": combine Direct Connect with an IPsec VPN for "a private,
#   encrypted connection". Today that is a private IP VPN on the Transit Gateway
#   (outside_ip_address_type PrivateIpv4) whose transport attachment is the Direct
#   Connect gateway's attachment on that TGW, or a VPN on the VGW the VIF reaches.
#   MACsec (IEEE 802.1AE) on a dedicated 10 or 100 Gbps connection or LAG encrypts
#   the cross-connect hop instead; it must be requested when the connection is
#   created.
#
#   Severity is notice; set require_encryption: true for the rule in .netlint.yaml
#   to report these findings as warnings.
# custom:
#   id: NL303
#   name: dx-unencrypted
#   severity: notice
#   fixtures: [fire-require-encryption, fire-transit-no-vpn, quiet-macsec, quiet-private-ip-vpn, quiet-private-ip-vpn-association, quiet-unresolved-link]
#   params:
#     require_encryption:
#       type: boolean
#       default: false
#       description: report unencrypted Direct Connect traffic as warnings instead of notices
#   remediation: |-
#     Run a private IP VPN over the transit VIF: a VPN on the Transit Gateway that
#     uses the Direct Connect gateway's attachment as transport.
#
#     ```hcl
#     data "aws_ec2_transit_gateway_dx_gateway_attachment" "dx" {
#       transit_gateway_id = aws_ec2_transit_gateway.hub.id
#       dx_gateway_id      = aws_dx_gateway.main.id
#     }
#
#     resource "aws_vpn_connection" "over_dx" {
#       customer_gateway_id                     = aws_customer_gateway.dc_private.id
#       transit_gateway_id                      = aws_ec2_transit_gateway.hub.id
#       type                                    = "ipsec.1"
#       outside_ip_address_type                 = "PrivateIpv4"
#       transport_transit_gateway_attachment_id = data.aws_ec2_transit_gateway_dx_gateway_attachment.dx.id
#     }
#     ```
#
#     Or order MACsec-capable dedicated connections (request_macsec = true,
#     encryption_mode = "must_encrypt") and associate a MACsec key. If the traffic
#     need not be encrypted, waive the finding with the reason.
package netlint.rules.dx.dx_unencrypted

import data.netlint.lib
import data.netlint.lib.dx

# assocs_of maps a DX gateway to its associations.
assocs_of[dxgw] contains a if {
	some a in input.dx_gateway_associations
	dxgw := a.dx_gateway
}

# vpns_on maps a VGW or TGW to the VPN connections on it.
vpns_on[gw] contains vpn if {
	some vpn in input.vpn_connections
	some field in ["vpn_gateway", "transit_gateway"]
	gw := object.get(vpn, field, "")
	gw != ""
}

# tgw_vpcs maps a TGW to the VPCs attached to it.
tgw_vpcs[tgw] contains att.vpc if {
	some att in input.tgw_attachments
	att.kind == "vpc"
	object.get(att, "vpc", "") != ""
	tgw := att.transit_gateway
}

# targets maps a VIF to the [DX gateway, VGW or TGW] pairs its traffic reaches;
# the DX gateway is "" for a private VIF attached to a VGW.
targets[vif_id] contains ["", gw] if {
	some vif_id, vif in input.dx_vifs
	dx.private_or_transit(vif)
	object.get(vif, "dx_gateway", "") == ""
	gw := object.get(vif, "vpn_gateway", "")
	gw != ""
}

targets[vif_id] contains [dxgw, a.gateway] if {
	some vif_id, vif in input.dx_vifs
	dx.private_or_transit(vif)
	dxgw := object.get(vif, "dx_gateway", "")
	some a in object.get(assocs_of, dxgw, set())
	a.gateway != ""
}

vpcs_behind(gw) := {v | v := input.vpn_gateways[gw].vpc; v != ""} if {
	input.vpn_gateways[gw]
} else := object.get(tgw_vpcs, gw, set())

# A VPN on the VGW itself.
protected(_, gw) if {
	input.vpn_gateways[gw]
	count(object.get(vpns_on, gw, set())) > 0
}

# A private IP VPN on the TGW whose transport is this DX gateway's attachment.
protected(dxgw, gw) if {
	some vpn in object.get(vpns_on, gw, set())
	dx.private_ip_vpn(vpn)
	transports_over(object.get(vpn, "transport_attachment", ""), dxgw)
}

transports_over(t, dxgw) if {
	att := input.tgw_attachments[t]
	att.kind == "direct_connect_gateway"
	att.dx_gateway == dxgw
}

transports_over(t, dxgw) if input.dx_gateway_associations[t].dx_gateway == dxgw

# unsure is true when an unknown value could make a VPN protect the pair.
unsure(_, gw) if {
	some vpn in object.get(vpns_on, gw, set())
	lib.unknown(vpn, "outside_ip_address_type")
}

unsure(_, gw) if {
	some vpn in object.get(vpns_on, gw, set())
	dx.private_ip_vpn(vpn)
	lib.unknown(vpn, "transport_attachment")
}

# A transport attachment outside the model (a raw tgw-attach- id).
unsure(_, gw) if {
	some vpn in object.get(vpns_on, gw, set())
	dx.private_ip_vpn(vpn)
	t := object.get(vpn, "transport_attachment", "")
	t != ""
	not transport_known(t)
}

unsure(_, _) if {
	some vpn in input.vpn_connections
	not gateway_known(vpn)
	some field in ["vpn_gateway", "transit_gateway"]
	lib.unknown(vpn, field)
}

gateway_known(vpn) if {
	some field in ["vpn_gateway", "transit_gateway"]
	object.get(vpn, field, "") != ""
}

# The transport attachment is in the model and says which DX gateway it joins.
transport_known(t) if {
	att := input.tgw_attachments[t]
	object.get(att, "dx_gateway", "") != ""
}

transport_known(t) if input.dx_gateway_associations[t]

# macsec is "on" or "off" for the connection or LAG carrying a VIF; undefined
# when it cannot be known. In a LAG the LAG's MACsec key applies.
macsec(vif) := on_off(object.get(lag, "macsec", false)) if {
	lag := input.dx_lags[dx.carrier(vif)]
	not lib.unknown(lag, "macsec")
} else := connection_macsec(input.dx_connections[dx.carrier(vif)]) if {
	not input.dx_lags[dx.carrier(vif)]
}

connection_macsec(conn) := "off" if {
	not lib.unknown(conn, "macsec")
	object.get(conn, "macsec", false) == false
}

# should_encrypt and must_encrypt run MACsec; no_encrypt does not.
connection_macsec(conn) := on_off(object.get(conn, "encryption_mode", "") != "no_encrypt") if {
	conn.macsec == true
	not lib.unknown(conn, "encryption_mode")
}

# A helper, because OPA evaluates the call in `not f(x) == v` outside the negation.
macsec_on(vif) if macsec(vif) == "on"

on_off(true) := "on"

on_off(false) := "off"

# exposed maps a VIF to the pairs that reach VPCs with no VPN over the VIF.
exposed[vif_id] contains pair if {
	some vif_id, pairs in targets
	some pair in pairs
	count(vpcs_behind(pair[1])) > 0
	not protected(pair[0], pair[1])
	not unsure(pair[0], pair[1])
}

# doubtful maps a VIF to the pairs an unknown value might protect.
doubtful[vif_id] contains pair if {
	some vif_id, pairs in targets
	some pair in pairs
	count(vpcs_behind(pair[1])) > 0
	not protected(pair[0], pair[1])
	unsure(pair[0], pair[1])
}

require_encryption := lib.param("NL303", "require_encryption", false) == true

deny contains f if {
	some vif_id, pairs in exposed
	vif := input.dx_vifs[vif_id]
	macsec(vif) == "off"
	carrier := dx.carrier(vif)
	ordered := sort(pairs)
	legs := [leg(p) | some p in ordered]
	msg := sprintf(
		"%s VIF %s carries traffic to %s over Direct Connect unencrypted: %s has no MACsec and no IPsec VPN runs over the VIF",
		[vif.kind, lib.addr(vif), concat("; ", legs), carrier_name(carrier)],
	)
	gws := [g | some p in ordered; some g in p; g != ""]
	vpcs := [v | some p in ordered; some v in sort(vpcs_behind(p[1]))]
	ids := array.concat(array.concat([vif_id, carrier], gws), vpcs)
	f := with_severity(lib.finding(msg, ids))
}

with_severity(f) := object.union(f, {"severity": "warning"}) if require_encryption

else := f

leg(pair) := sprintf("%s behind %s %s%s", [vpc_list(pair[1]), dx.gateway_kind(pair[1]), dx.name(pair[1]), through(pair[0])])

vpc_list(gw) := sprintf("VPC %s", [names[0]]) if {
	names := [dx.name(v) | some v in sort(vpcs_behind(gw))]
	count(names) == 1
} else := sprintf("VPCs %s", [concat(", ", [dx.name(v) | some v in sort(vpcs_behind(gw))])])

through("") := ""

through(dxgw) := sprintf(" through DX gateway %s", [dx.name(dxgw)]) if dxgw != ""

carrier_name(id) := sprintf("LAG %s", [dx.name(id)]) if input.dx_lags[id]

else := dx.describe(id)

# A VIF whose gateway, associations, carrier or protection cannot be known.
not_evaluated contains {"resource": vif_id, "reason": reason} if {
	some vif_id, vif in input.dx_vifs
	dx.private_or_transit(vif)
	not macsec_on(vif)
	not reported(vif_id)
	some reason in undecided(vif_id, vif)
}

reported(vif_id) if {
	exposed[vif_id]
	macsec(input.dx_vifs[vif_id]) == "off"
}

# undecided says why a VIF cannot be judged (empty when it can).
undecided(vif_id, vif) := union({
	{"its gateway is not known until apply" | dx.gateway_unknown(vif)},
	{"an association of its DX gateway has a VGW or TGW not known until apply" |
		some a in object.get(assocs_of, object.get(vif, "dx_gateway", ""), set())
		lib.unknown(a, "gateway")
	},
	{"a DX gateway association whose DX gateway is not known until apply may carry its traffic" |
		some a in input.dx_gateway_associations
		lib.unknown(a, "dx_gateway")
	},
	{"whether the connection or LAG carrying it runs MACsec is not known" |
		not macsec(vif)
		count(object.get(exposed, vif_id, set()) | object.get(doubtful, vif_id, set())) > 0
	},
	{"an IPsec VPN over it may exist: a VPN connection's gateway, outside_ip_address_type or transport attachment is not known until apply or outside this input" |
		macsec(vif) == "off"
		doubtful[vif_id]
	},
	# A DX gateway outside the model with no association in it: what it
	# reaches is not known.
	{sprintf("its DX gateway %s is outside this input: what it reaches is not known", [dxgw]) |
		dxgw := object.get(vif, "dx_gateway", "")
		dxgw != ""
		not input.dx_gateways[dxgw]
		not assocs_of[dxgw]
	},
	# A VGW or TGW outside the model: the VPCs behind it are not known.
	{sprintf("%s is outside this input: the VPCs behind it are not known", [pair[1]]) |
		some pair in targets[vif_id]
		not input.vpn_gateways[pair[1]]
		not input.transit_gateways[pair[1]]
	},
})
