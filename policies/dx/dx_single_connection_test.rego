package netlint.rules.dx.dx_single_connection_test

import data.netlint.assert
import data.netlint.rules.dx.dx_single_connection as rule

conn(id, bw, loc) := {"id": id, "address": id, "bandwidth": bw, "location": loc}

vif(id, kind, conn_id, gw_field, gw) := {"id": id, "address": id, "kind": kind, "connection": conn_id, gw_field: gw}

dxgw := {"aws_dx_gateway.main": {"id": "aws_dx_gateway.main", "address": "aws_dx_gateway.main"}}

tgw_assoc := {"aws_dx_gateway_association.tgw": {
	"id": "aws_dx_gateway_association.tgw", "address": "aws_dx_gateway_association.tgw",
	"dx_gateway": "aws_dx_gateway.main", "gateway": "aws_ec2_transit_gateway.hub", "gateway_type": "transit_gateway",
}}

one_connection := {
	"dx_connections": {"aws_dx_connection.eqdc2": conn("aws_dx_connection.eqdc2", "10Gbps", "EqDC2")},
	"dx_lags": {},
	"dx_gateways": dxgw,
	"dx_gateway_associations": tgw_assoc,
	"transit_gateways": {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}},
	"vpn_connections": {},
	"dx_vifs": {
		"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", "aws_dx_connection.eqdc2", "dx_gateway", "aws_dx_gateway.main"),
		"aws_dx_transit_virtual_interface.b": vif("aws_dx_transit_virtual_interface.b", "transit", "aws_dx_connection.eqdc2", "dx_gateway", "aws_dx_gateway.main"),
	},
}

test_two_vifs_on_one_connection_fire if {
	findings := rule.deny with input as one_connection
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "DX gateway aws_dx_gateway.main is reached over Direct Connect through one connection only: connection aws_dx_connection.eqdc2 (10Gbps at EqDC2), by transit VIF aws_dx_transit_virtual_interface.a, transit VIF aws_dx_transit_virtual_interface.b. No second connection, LAG of two or more, or backup VPN takes over when it, its device or its location fails")
	assert.equals(f.resources, ["aws_dx_gateway.main", "aws_dx_connection.eqdc2", "aws_dx_transit_virtual_interface.a", "aws_dx_transit_virtual_interface.b"])
}

test_second_connection_quiet if {
	inp := object.union(one_connection, {
		"dx_connections": {
			"aws_dx_connection.eqdc2": conn("aws_dx_connection.eqdc2", "10Gbps", "EqDC2"),
			"aws_dx_connection.eqse2": conn("aws_dx_connection.eqse2", "10Gbps", "EqSE2"),
		},
		"dx_vifs": {
			"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", "aws_dx_connection.eqdc2", "dx_gateway", "aws_dx_gateway.main"),
			"aws_dx_transit_virtual_interface.b": vif("aws_dx_transit_virtual_interface.b", "transit", "aws_dx_connection.eqse2", "dx_gateway", "aws_dx_gateway.main"),
		},
	})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# A connection outside the model (an existing dxcon id) is a second path.
test_existing_connection_by_id_counts if {
	inp := object.union(one_connection, {"dx_vifs": {
		"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", "aws_dx_connection.eqdc2", "dx_gateway", "aws_dx_gateway.main"),
		"aws_dx_transit_virtual_interface.b": vif("aws_dx_transit_virtual_interface.b", "transit", "dxcon-fguhmqlc", "dx_gateway", "aws_dx_gateway.main"),
	}})
	assert.empty(rule.deny) with input as inp
}

lag_input(members) := {
	"dx_connections": {c: object.union(conn(c, "10Gbps", "EqDC2"), {"lag": "aws_dx_lag.core"}) | some c in members},
	"dx_lags": {"aws_dx_lag.core": {"id": "aws_dx_lag.core", "address": "aws_dx_lag.core", "connections_bandwidth": "10Gbps", "location": "EqDC2", "connections": []}},
	"dx_gateways": dxgw,
	"dx_gateway_associations": {},
	"vpn_connections": {},
	"vpn_gateways": {},
	"dx_vifs": {"aws_dx_private_virtual_interface.p": vif("aws_dx_private_virtual_interface.p", "private", "aws_dx_lag.core", "dx_gateway", "aws_dx_gateway.main")},
}

test_lag_of_two_quiet if {
	assert.empty(rule.deny) with input as lag_input(["aws_dx_connection.l1", "aws_dx_connection.l2"])
}

test_lag_of_one_fires if {
	findings := rule.deny with input as lag_input(["aws_dx_connection.l1"])
	some f in findings
	contains(f.msg, "through one connection only: connection aws_dx_connection.l1 (10Gbps at EqDC2) in LAG aws_dx_lag.core, by private VIF aws_dx_private_virtual_interface.p")
	assert.equals(f.resources, ["aws_dx_gateway.main", "aws_dx_connection.l1", "aws_dx_lag.core", "aws_dx_private_virtual_interface.p"])
}

# A VIF on a connection that joined a LAG moves to the LAG (AssociateConnectionWithLag).
test_vif_on_lag_member_uses_the_lag if {
	inp := object.union(lag_input(["aws_dx_connection.l1", "aws_dx_connection.l2"]), {"dx_vifs": {"aws_dx_private_virtual_interface.p": vif("aws_dx_private_virtual_interface.p", "private", "aws_dx_connection.l1", "dx_gateway", "aws_dx_gateway.main")}})
	assert.empty(rule.deny) with input as inp
}

test_backup_vpn_on_associated_tgw_quiet if {
	inp := object.union(one_connection, {"vpn_connections": {"aws_vpn_connection.backup": {
		"id": "aws_vpn_connection.backup", "address": "aws_vpn_connection.backup",
		"customer_gateway": "aws_customer_gateway.hq", "transit_gateway": "aws_ec2_transit_gateway.hub",
	}}})
	assert.empty(rule.deny) with input as inp
}

# A private IP VPN rides the same Direct Connect path: it is no backup.
test_private_ip_vpn_is_no_backup if {
	inp := object.union(one_connection, {"vpn_connections": {"aws_vpn_connection.overlay": {
		"id": "aws_vpn_connection.overlay", "address": "aws_vpn_connection.overlay",
		"customer_gateway": "aws_customer_gateway.hq", "transit_gateway": "aws_ec2_transit_gateway.hub",
		"outside_ip_address_type": "PrivateIpv4", "transport_attachment": "aws_ec2_transit_gateway_dx_gateway_attachment.main",
	}}})
	assert.size(rule.deny, 1) with input as inp
}

vgw_input := {
	"dx_connections": {"dxcon-ffjrkx17": {"id": "dxcon-ffjrkx17", "address": "dxcon-ffjrkx17", "bandwidth": "1Gbps", "location": "TIVIT"}},
	"vpn_gateways": {"vgw-aba37db6": {"id": "vgw-aba37db6", "address": "vgw-aba37db6", "vpc": "vpc-1a2b3c4d"}},
	"vpn_connections": {},
	"dx_gateway_associations": {},
	"dx_vifs": {"dxvif-ffhhk74f": {"id": "dxvif-ffhhk74f", "address": "dxvif-ffhhk74f", "kind": "private", "connection": "dxcon-ffjrkx17", "vpn_gateway": "vgw-aba37db6"}},
}

test_vgw_on_one_connection_fires if {
	findings := rule.deny with input as vgw_input
	some f in findings
	startswith(f.msg, "VGW vgw-aba37db6 is reached over Direct Connect through one connection only: connection dxcon-ffjrkx17 (1Gbps at TIVIT), by private VIF dxvif-ffhhk74f.")
}

test_backup_vpn_on_vgw_quiet if {
	inp := object.union(vgw_input, {"vpn_connections": {"vpn-1": {"id": "vpn-1", "address": "vpn-1", "vpn_gateway": "vgw-aba37db6"}}})
	assert.empty(rule.deny) with input as inp
}

test_public_vif_ignored if {
	inp := object.union(vgw_input, {"dx_vifs": {"dxvif-pub": {"id": "dxvif-pub", "address": "dxvif-pub", "kind": "public", "connection": "dxcon-ffjrkx17"}}})
	assert.size(rule.deny, 1) with input as inp
	inp2 := object.remove(vgw_input, ["dx_vifs"])
	assert.empty(rule.deny) with input as object.union(inp2, {"dx_vifs": {"dxvif-pub": {"id": "dxvif-pub", "address": "dxvif-pub", "kind": "public", "connection": "dxcon-ffjrkx17"}}})
}

test_unknown_connection_not_evaluated if {
	inp := object.union(object.remove(one_connection, ["dx_vifs"]), {"dx_vifs": {
		"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", "aws_dx_connection.eqdc2", "dx_gateway", "aws_dx_gateway.main"),
		"aws_dx_transit_virtual_interface.b": {"id": "aws_dx_transit_virtual_interface.b", "address": "aws_dx_transit_virtual_interface.b", "kind": "transit", "dx_gateway": "aws_dx_gateway.main", "unknown": ["connection"]},
	}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_gateway.main", "reason": "the connections behind VIF aws_dx_transit_virtual_interface.b are not known (its connection or LAG is not known until apply or outside this input, or a LAG's members are not all known)"}}) with input as inp
}

# A LAG outside the model may hold several connections.
test_existing_lag_by_id_not_evaluated if {
	inp := object.union(vgw_input, {"dx_vifs": {"dxvif-ffhhk74f": {"id": "dxvif-ffhhk74f", "address": "dxvif-ffhhk74f", "kind": "private", "connection": "dxlag-ffrz71kw", "vpn_gateway": "vgw-aba37db6"}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "vgw-aba37db6", "reason": "the connections behind VIF dxvif-ffhhk74f are not known (its connection or LAG is not known until apply or outside this input, or a LAG's members are not all known)"}}) with input as inp
}

test_unknown_vpn_gateway_not_evaluated if {
	inp := object.union(vgw_input, {"vpn_connections": {"aws_vpn_connection.x": {"id": "aws_vpn_connection.x", "address": "aws_vpn_connection.x", "unknown": ["vpn_gateway", "transit_gateway"]}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "vgw-aba37db6", "reason": "a VPN connection whose VGW or TGW is not known until apply may be its backup"}}) with input as inp
}

# A connection association whose LAG cannot be resolved (lag_id through a
# local) makes the members of every LAG unknown: it may be the second link.
test_member_of_unresolved_lag_not_evaluated if {
	inp := {
		"vpn_gateways": {"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "address": "aws_vpn_gateway.main"}},
		"dx_lags": {"aws_dx_lag.core": {"id": "aws_dx_lag.core", "address": "aws_dx_lag.core", "connections": ["aws_dx_connection.a"], "unknown": ["connections"]}},
		"dx_connections": {"aws_dx_connection.a": {"id": "aws_dx_connection.a", "address": "aws_dx_connection.a", "lag": "aws_dx_lag.core"}},
		"dx_vifs": {"aws_dx_private_virtual_interface.a": {"id": "aws_dx_private_virtual_interface.a", "address": "aws_dx_private_virtual_interface.a", "kind": "private", "connection": "aws_dx_lag.core", "vpn_gateway": "aws_vpn_gateway.main"}},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.main", "reason": "the connections behind VIF aws_dx_private_virtual_interface.a are not known (its connection or LAG is not known until apply or outside this input, or a LAG's members are not all known)"}}) with input as inp

	known := json.patch(inp, [{"op": "remove", "path": "/dx_lags/aws_dx_lag.core/unknown"}])
	assert.size(rule.deny, 1) with input as known
}
