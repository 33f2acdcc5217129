package netlint.rules.dx.dx_unencrypted_test

import data.netlint.assert
import data.netlint.rules.dx.dx_unencrypted as rule

el(id, fields) := object.union({"id": id, "address": id}, fields)

# A transit VIF to a DX gateway associated with a TGW that has two VPCs.
transit := {
	"dx_connections": {"aws_dx_connection.eqdc2": el("aws_dx_connection.eqdc2", {"bandwidth": "10Gbps", "location": "EqDC2"})},
	"dx_lags": {},
	"dx_gateways": {"aws_dx_gateway.main": el("aws_dx_gateway.main", {})},
	"dx_gateway_associations": {"aws_dx_gateway_association.hub": el("aws_dx_gateway_association.hub", {"dx_gateway": "aws_dx_gateway.main", "gateway": "aws_ec2_transit_gateway.hub", "gateway_type": "transit_gateway"})},
	"transit_gateways": {"aws_ec2_transit_gateway.hub": el("aws_ec2_transit_gateway.hub", {})},
	"tgw_attachments": {
		"aws_ec2_transit_gateway_vpc_attachment.app": el("aws_ec2_transit_gateway_vpc_attachment.app", {"kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.app"}),
		"aws_ec2_transit_gateway_vpc_attachment.db": el("aws_ec2_transit_gateway_vpc_attachment.db", {"kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.db"}),
		"tgw-attach-dx": el("tgw-attach-dx", {"kind": "direct_connect_gateway", "transit_gateway": "aws_ec2_transit_gateway.hub", "dx_gateway": "aws_dx_gateway.main"}),
	},
	"vpcs": {"aws_vpc.app": el("aws_vpc.app", {}), "aws_vpc.db": el("aws_vpc.db", {})},
	"vpn_gateways": {},
	"vpn_connections": {},
	"dx_vifs": {"aws_dx_transit_virtual_interface.a": el("aws_dx_transit_virtual_interface.a", {"kind": "transit", "connection": "aws_dx_connection.eqdc2", "dx_gateway": "aws_dx_gateway.main"})},
}

msg_transit := "transit VIF aws_dx_transit_virtual_interface.a carries traffic to VPCs aws_vpc.app, aws_vpc.db behind TGW aws_ec2_transit_gateway.hub through DX gateway aws_dx_gateway.main over Direct Connect unencrypted: connection aws_dx_connection.eqdc2 (10Gbps at EqDC2) has no MACsec and no IPsec VPN runs over the VIF"

test_transit_vif_without_vpn_fires_as_notice if {
	findings := rule.deny with input as transit
	findings == {{
		"msg": msg_transit,
		"resources": ["aws_dx_transit_virtual_interface.a", "aws_dx_connection.eqdc2", "aws_dx_gateway.main", "aws_ec2_transit_gateway.hub", "aws_vpc.app", "aws_vpc.db"],
	}}
}

test_require_encryption_makes_it_a_warning if {
	findings := rule.deny with input as object.union(transit, {"config": {"rules": {"NL303": {"require_encryption": true}}}})
	some f in findings
	assert.equals(f.severity, "warning")
	assert.equals(f.msg, msg_transit)
}

private_ip_vpn(transport) := {"aws_vpn_connection.over_dx": el("aws_vpn_connection.over_dx", {
	"customer_gateway": "aws_customer_gateway.dc", "transit_gateway": "aws_ec2_transit_gateway.hub",
	"outside_ip_address_type": "PrivateIpv4", "transport_attachment": transport,
})}

test_private_ip_vpn_over_dx_attachment_quiet if {
	inp := object.union(transit, {"vpn_connections": private_ip_vpn("tgw-attach-dx")})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# The transport may also be given as the association that created the attachment.
test_private_ip_vpn_over_association_quiet if {
	inp := object.union(transit, {"vpn_connections": private_ip_vpn("aws_dx_gateway_association.hub")})
	assert.empty(rule.deny) with input as inp
}

# A VPN over the internet on the TGW does not encrypt what the transit VIF carries.
test_public_vpn_on_tgw_still_fires if {
	inp := object.union(transit, {"vpn_connections": {"aws_vpn_connection.inet": el("aws_vpn_connection.inet", {"customer_gateway": "aws_customer_gateway.hq", "transit_gateway": "aws_ec2_transit_gateway.hub"})}})
	assert.size(rule.deny, 1) with input as inp
}

test_macsec_connection_quiet if {
	inp := object.union(transit, {"dx_connections": {"aws_dx_connection.eqdc2": {"macsec": true, "encryption_mode": "must_encrypt"}}})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_macsec_no_encrypt_fires if {
	inp := object.union(transit, {"dx_connections": {"aws_dx_connection.eqdc2": {"macsec": true, "encryption_mode": "no_encrypt"}}})
	assert.size(rule.deny, 1) with input as inp
}

test_macsec_lag_quiet if {
	inp := object.union(transit, {
		"dx_lags": {"aws_dx_lag.core": el("aws_dx_lag.core", {"connections_bandwidth": "10Gbps", "connections": ["aws_dx_connection.eqdc2"], "macsec": true})},
		"dx_connections": {"aws_dx_connection.eqdc2": {"lag": "aws_dx_lag.core"}},
	})
	assert.empty(rule.deny) with input as inp
}

test_lag_without_macsec_named_in_message if {
	inp := object.union(transit, {
		"dx_lags": {"aws_dx_lag.core": el("aws_dx_lag.core", {"connections_bandwidth": "10Gbps", "connections": []})},
		"dx_vifs": {"aws_dx_transit_virtual_interface.a": {"connection": "aws_dx_lag.core"}},
	})
	some f in rule.deny with input as inp
	contains(f.msg, ": LAG aws_dx_lag.core has no MACsec")
}

vgw := {
	"dx_connections": {"dxcon-ffjrkx17": el("dxcon-ffjrkx17", {"bandwidth": "1Gbps", "location": "TIVIT"})},
	"vpn_gateways": {"vgw-aba37db6": el("vgw-aba37db6", {"vpc": "vpc-1a2b3c4d"})},
	"vpcs": {"vpc-1a2b3c4d": el("vpc-1a2b3c4d", {})},
	"vpn_connections": {},
	"dx_gateway_associations": {},
	"dx_vifs": {
		"dxvif-ffhhk74f": el("dxvif-ffhhk74f", {"kind": "private", "connection": "dxcon-ffjrkx17", "vpn_gateway": "vgw-aba37db6"}),
		"dxvif-fgh0hcrk": el("dxvif-fgh0hcrk", {"kind": "public", "connection": "dxcon-ffjrkx17"}),
	},
}

test_private_vif_on_vgw_fires if {
	findings := rule.deny with input as vgw
	findings == {{
		"msg": "private VIF dxvif-ffhhk74f carries traffic to VPC vpc-1a2b3c4d behind VGW vgw-aba37db6 over Direct Connect unencrypted: connection dxcon-ffjrkx17 (1Gbps at TIVIT) has no MACsec and no IPsec VPN runs over the VIF",
		"resources": ["dxvif-ffhhk74f", "dxcon-ffjrkx17", "vgw-aba37db6", "vpc-1a2b3c4d"],
	}}
}

test_vpn_on_same_vgw_quiet if {
	inp := object.union(vgw, {"vpn_connections": {"vpn-1": el("vpn-1", {"vpn_gateway": "vgw-aba37db6", "customer_gateway": "cgw-1"})}})
	assert.empty(rule.deny) with input as inp
}

test_detached_vgw_quiet if {
	inp := object.union(vgw, {"vpn_gateways": {"vgw-aba37db6": el("vgw-aba37db6", {})}})
	assert.empty(rule.deny) with input as object.union(object.remove(vgw, ["vpn_gateways"]), {"vpn_gateways": {"vgw-aba37db6": el("vgw-aba37db6", {})}})
}

test_unknown_macsec_not_evaluated if {
	inp := object.union(transit, {"dx_connections": {"aws_dx_connection.eqdc2": {"macsec": true, "unknown": ["encryption_mode"]}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_transit_virtual_interface.a", "reason": "whether the connection or LAG carrying it runs MACsec is not known"}}) with input as inp
}

test_unknown_transport_not_evaluated if {
	vpn := el("aws_vpn_connection.over_dx", {
		"customer_gateway": "aws_customer_gateway.dc", "transit_gateway": "aws_ec2_transit_gateway.hub",
		"outside_ip_address_type": "PrivateIpv4", "unknown": ["transport_attachment"],
	})
	inp := object.union(transit, {"vpn_connections": {"aws_vpn_connection.over_dx": vpn}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_transit_virtual_interface.a", "reason": "an IPsec VPN over it may exist: a VPN connection's gateway, outside_ip_address_type or transport attachment is not known until apply or outside this input"}}) with input as inp
}

# An existing connection outside the model: its MACsec state is not known.
test_connection_outside_model_not_evaluated if {
	inp := object.union(transit, {"dx_vifs": {"aws_dx_transit_virtual_interface.a": {"connection": "dxcon-fguhmqlc"}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_transit_virtual_interface.a", "reason": "whether the connection or LAG carrying it runs MACsec is not known"}}) with input as inp
}

test_dx_gateway_outside_model_not_evaluated if {
	inp := object.union(transit, {"dx_vifs": {"aws_dx_transit_virtual_interface.a": {"dx_gateway": "5f294f92-bafb-4011-916d-9b0bdexample"}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_transit_virtual_interface.a", "reason": "its DX gateway 5f294f92-bafb-4011-916d-9b0bdexample is outside this input: what it reaches is not known"}}) with input as inp
}

# A transport attachment outside the model may be this DX gateway's.
test_raw_transport_not_evaluated if {
	inp := object.union(transit, {"vpn_connections": private_ip_vpn("tgw-attach-0123456789abcdef0")})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_transit_virtual_interface.a", "reason": "an IPsec VPN over it may exist: a VPN connection's gateway, outside_ip_address_type or transport attachment is not known until apply or outside this input"}}) with input as inp
}

# The transport is another DX gateway's attachment: it does not cover this VIF.
test_transport_of_other_dx_gateway_fires if {
	inp := object.union(transit, {
		"tgw_attachments": {"tgw-attach-other": el("tgw-attach-other", {"kind": "direct_connect_gateway", "transit_gateway": "aws_ec2_transit_gateway.hub", "dx_gateway": "aws_dx_gateway.other"})},
		"vpn_connections": private_ip_vpn("tgw-attach-other"),
	})
	assert.size(rule.deny, 1) with input as inp
}

# A VPN connection whose gateway cannot be resolved (vpn_gateway_id through a
# local) may be the IPsec VPN over the VIF.
test_vpn_of_unresolved_gateway_not_evaluated if {
	vgw_vif := {
		"dx_connections": {"aws_dx_connection.eqdc2": el("aws_dx_connection.eqdc2", {"bandwidth": "1Gbps"})},
		"vpn_gateways": {"aws_vpn_gateway.main": el("aws_vpn_gateway.main", {"vpc": "aws_vpc.app"})},
		"vpcs": {"aws_vpc.app": el("aws_vpc.app", {})},
		"dx_vifs": {"aws_dx_private_virtual_interface.a": el("aws_dx_private_virtual_interface.a", {"kind": "private", "connection": "aws_dx_connection.eqdc2", "vpn_gateway": "aws_vpn_gateway.main"})},
		"vpn_connections": {},
	}
	assert.size(rule.deny, 1) with input as vgw_vif
	inp := object.union(vgw_vif, {"vpn_connections": {"aws_vpn_connection.x": el("aws_vpn_connection.x", {"customer_gateway": "aws_customer_gateway.dc", "unknown": ["vpn_gateway"]})}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_private_virtual_interface.a", "reason": "an IPsec VPN over it may exist: a VPN connection's gateway, outside_ip_address_type or transport attachment is not known until apply or outside this input"}}) with input as inp
}
