package netlint.rules.vpn.vpn_single_customer_gateway_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_single_customer_gateway as rule

cgw(id, ip) := {"id": id, "address": id, "ip": ip, "bgp_asn": 65010}

on_tgw(id, cgw_id) := {"id": id, "address": id, "customer_gateway": cgw_id, "transit_gateway": "aws_ec2_transit_gateway.hub", "static_routes_only": false}

on_vgw(id, cgw_id) := {"id": id, "address": id, "customer_gateway": cgw_id, "vpn_gateway": "aws_vpn_gateway.main", "static_routes_only": false}

gateways := {
	"transit_gateways": {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub", "amazon_side_asn": 64512}},
	"vpn_gateways": {"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "address": "aws_vpn_gateway.main", "vpc": "aws_vpc.main"}},
}

test_two_connections_one_device_fires if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10"),
			"aws_customer_gateway.hq_again": cgw("aws_customer_gateway.hq_again", "198.51.100.10"),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_tgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.b": on_tgw("aws_vpn_connection.b", "aws_customer_gateway.hq_again"),
		},
	})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "TGW aws_ec2_transit_gateway.hub: all 2 of its VPN connections (aws_vpn_connection.a and aws_vpn_connection.b) terminate on one customer device, 198.51.100.10 (customer gateways aws_customer_gateway.hq and aws_customer_gateway.hq_again); when that device fails or is under maintenance, the gateway has no VPN path left")
	assert.equals(f.resources, ["aws_vpn_connection.a", "aws_vpn_connection.b", "aws_customer_gateway.hq", "aws_customer_gateway.hq_again", "aws_ec2_transit_gateway.hub"])
}

test_single_connection_fires if {
	inp := object.union(gateways, {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10")},
		"vpn_connections": {"aws_vpn_connection.hq": on_vgw("aws_vpn_connection.hq", "aws_customer_gateway.hq")},
	})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VGW aws_vpn_gateway.main: its only VPN connection, aws_vpn_connection.hq, terminates on one customer device, 198.51.100.10 (customer gateway aws_customer_gateway.hq); when that device fails or is under maintenance, the gateway has no VPN path left")
}

test_two_devices_quiet if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10"),
			"aws_customer_gateway.dr": cgw("aws_customer_gateway.dr", "203.0.113.20"),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_vgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.b": on_vgw("aws_vpn_connection.b", "aws_customer_gateway.dr"),
		},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_certificate_gateways_without_ip_count_apart if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.a": {"id": "aws_customer_gateway.a", "certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/a"},
			"aws_customer_gateway.b": {"id": "aws_customer_gateway.b", "certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/b"},
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_tgw("aws_vpn_connection.a", "aws_customer_gateway.a"),
			"aws_vpn_connection.b": on_tgw("aws_vpn_connection.b", "aws_customer_gateway.b"),
		},
	})
	assert.empty(rule.deny) with input as inp
}

test_gateway_outside_the_model_not_evaluated if {
	inp := object.union(gateways, {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10")},
		"vpn_connections": {"aws_vpn_connection.hq": object.union(on_vgw("aws_vpn_connection.hq", "aws_customer_gateway.hq"), {"vpn_gateway": "vgw-0a1b2c3d4e5f60718"})},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "vgw-0a1b2c3d4e5f60718", "reason": "VGW vgw-0a1b2c3d4e5f60718 is outside this input: it may have VPN connections to other devices"}}) with input as inp
}

test_unknown_ip_not_evaluated if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10"),
			"aws_customer_gateway.lab": {"id": "aws_customer_gateway.lab", "bgp_asn": 65020, "unknown": ["ip"]},
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_tgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.b": on_tgw("aws_vpn_connection.b", "aws_customer_gateway.lab"),
			"aws_vpn_connection.c": {"id": "aws_vpn_connection.c", "customer_gateway": "aws_customer_gateway.hq", "unknown": ["vpn_gateway"]},
		},
	})
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_ec2_transit_gateway.hub", "reason": "the IP address of customer gateway aws_customer_gateway.lab (used by aws_vpn_connection.b) is known only after apply: it may be the device of another connection"},
		{"resource": "aws_vpn_connection.c", "reason": "its VGW or TGW is not known until apply"},
	} with input as inp
}

test_two_known_devices_decide_despite_an_unknown_one if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10"),
			"aws_customer_gateway.dr": cgw("aws_customer_gateway.dr", "203.0.113.20"),
			"aws_customer_gateway.lab": {"id": "aws_customer_gateway.lab", "bgp_asn": 65020, "unknown": ["ip"]},
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_tgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.b": on_tgw("aws_vpn_connection.b", "aws_customer_gateway.dr"),
			"aws_vpn_connection.c": on_tgw("aws_vpn_connection.c", "aws_customer_gateway.lab"),
		},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

# One aws_customer_gateway is one device, even when its IP comes from an
# instance created in the same plan.
test_one_customer_gateway_of_unknown_ip_fires if {
	inp := object.union(gateways, {
		"customer_gateways": {"aws_customer_gateway.fw": {"id": "aws_customer_gateway.fw", "address": "aws_customer_gateway.fw", "bgp_asn": 65010, "unknown": ["ip"]}},
		"vpn_connections": {
			"aws_vpn_connection.a": on_tgw("aws_vpn_connection.a", "aws_customer_gateway.fw"),
			"aws_vpn_connection.b": on_tgw("aws_vpn_connection.b", "aws_customer_gateway.fw"),
		},
	})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "TGW aws_ec2_transit_gateway.hub: all 2 of its VPN connections (aws_vpn_connection.a and aws_vpn_connection.b) terminate on one customer device, customer gateway aws_customer_gateway.fw, whose IP address is known only after apply; when that device fails or is under maintenance, the gateway has no VPN path left")
	assert.equals(f.resources, ["aws_vpn_connection.a", "aws_vpn_connection.b", "aws_customer_gateway.fw", "aws_ec2_transit_gateway.hub"])
	assert.equals(rule.not_evaluated, set()) with input as inp
}

# Two customer gateways, one IP unknown: they may share the known IP.
test_two_customer_gateways_one_ip_unknown_not_evaluated if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10"),
			"aws_customer_gateway.fw": {"id": "aws_customer_gateway.fw", "address": "aws_customer_gateway.fw", "bgp_asn": 65010, "unknown": ["ip"]},
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_vgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.b": on_vgw("aws_vpn_connection.b", "aws_customer_gateway.fw"),
		},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.main", "reason": "the IP address of customer gateway aws_customer_gateway.fw (used by aws_vpn_connection.b) is known only after apply: it may be the device of another connection"}}) with input as inp
}

# A connection whose customer gateway link is unknown may use another device.
test_unknown_customer_gateway_link_not_evaluated if {
	inp := object.union(gateways, {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10")},
		"vpn_connections": {
			"aws_vpn_connection.a": on_vgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.b": object.union(on_vgw("aws_vpn_connection.b", ""), {"unknown": ["customer_gateway"]}),
		},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.main", "reason": "the customer gateway of aws_vpn_connection.b is not known until apply"}}) with input as inp
}

# A connection whose gateway cannot be resolved (transit_gateway_id through a
# local) may be the second device of any TGW; on the same device it changes
# nothing.
test_connection_of_unknown_gateway_may_add_a_device if {
	other_device := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10"),
			"aws_customer_gateway.dr": cgw("aws_customer_gateway.dr", "203.0.113.20"),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": on_tgw("aws_vpn_connection.a", "aws_customer_gateway.hq"),
			"aws_vpn_connection.dr": {"id": "aws_vpn_connection.dr", "address": "aws_vpn_connection.dr", "customer_gateway": "aws_customer_gateway.dr", "unknown": ["transit_gateway"]},
		},
	})
	assert.empty(rule.deny) with input as other_device
	rule.not_evaluated == {
		{"resource": "aws_ec2_transit_gateway.hub", "reason": "aws_vpn_connection.dr, which may end on another customer device, has a VGW or TGW not known until apply: it may terminate on this one"},
		{"resource": "aws_vpn_connection.dr", "reason": "its VGW or TGW is not known until apply"},
	} with input as other_device

	# An unknown VGW link cannot name a TGW.
	vgw_link := json.patch(other_device, [{"op": "replace", "path": "/vpn_connections/aws_vpn_connection.dr/unknown", "value": ["vpn_gateway"]}])
	assert.size(rule.deny, 1) with input as vgw_link

	# The same customer gateway is the same device.
	same := json.patch(other_device, [{"op": "replace", "path": "/vpn_connections/aws_vpn_connection.dr/customer_gateway", "value": "aws_customer_gateway.hq"}])
	assert.size(rule.deny, 1) with input as same
}

# A single VPN on a VGW, one device: the input for the Direct Connect cases.
vgw_one_device := object.union(gateways, {
	"customer_gateways": {"aws_customer_gateway.dc": cgw("aws_customer_gateway.dc", "198.51.100.200")},
	"vpn_connections": {"aws_vpn_connection.backup": object.union(on_vgw("aws_vpn_connection.backup", "aws_customer_gateway.dc"), {"static_routes_only": true})},
})

# A single VPN on the TGW, one device.
tgw_one_device := object.union(gateways, {
	"customer_gateways": {"aws_customer_gateway.dc": cgw("aws_customer_gateway.dc", "198.51.100.200")},
	"vpn_connections": {"aws_vpn_connection.backup": on_tgw("aws_vpn_connection.backup", "aws_customer_gateway.dc")},
})

vif(id, kind, link) := object.union({"id": id, "address": id, "kind": kind, "connection": "dxcon-ffa1b2c3"}, link)

dx_gateway := {"aws_dx_gateway.main": {"id": "aws_dx_gateway.main", "address": "aws_dx_gateway.main", "amazon_side_asn": 64600}}

association(gw) := {"aws_dx_gateway_association.main": {"id": "aws_dx_gateway_association.main", "address": "aws_dx_gateway_association.main", "dx_gateway": "aws_dx_gateway.main", "gateway": gw}}

test_single_device_without_direct_connect_fires if {
	# A public VIF reaches no VPC, and a VIF on another gateway is not this one's.
	inp := object.union(vgw_one_device, {"dx_vifs": {
		"aws_dx_public_virtual_interface.pub": vif("aws_dx_public_virtual_interface.pub", "public", {}),
		"aws_dx_private_virtual_interface.other": vif("aws_dx_private_virtual_interface.other", "private", {"vpn_gateway": "aws_vpn_gateway.other"}),
	}})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["aws_vpn_connection.backup", "aws_customer_gateway.dc", "aws_vpn_gateway.main"])
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_private_vif_on_the_vgw_quiet if {
	inp := object.union(vgw_one_device, {"dx_vifs": {
		"aws_dx_private_virtual_interface.fr5": vif("aws_dx_private_virtual_interface.fr5", "private", {"vpn_gateway": "aws_vpn_gateway.main"}),
	}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_private_vif_decides_despite_an_unknown_device if {
	inp := object.union(vgw_one_device, {
		"customer_gateways": {"aws_customer_gateway.dc": {"id": "aws_customer_gateway.dc", "bgp_asn": 65010, "unknown": ["ip"]}},
		"dx_vifs": {"aws_dx_private_virtual_interface.fr5": vif("aws_dx_private_virtual_interface.fr5", "private", {"vpn_gateway": "aws_vpn_gateway.main"})},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_dx_gateway_association_on_the_tgw_quiet if {
	inp := object.union(tgw_one_device, {
		"dx_gateways": dx_gateway,
		"dx_gateway_associations": association("aws_ec2_transit_gateway.hub"),
		"dx_vifs": {"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", {"dx_gateway": "aws_dx_gateway.main"})},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_dx_gateway_association_on_the_vgw_quiet if {
	inp := object.union(vgw_one_device, {
		"dx_gateways": dx_gateway,
		"dx_gateway_associations": association("aws_vpn_gateway.main"),
		"dx_vifs": {"aws_dx_private_virtual_interface.a": vif("aws_dx_private_virtual_interface.a", "private", {"dx_gateway": "aws_dx_gateway.main"})},
	})
	assert.empty(rule.deny) with input as inp
}

test_private_ip_vpn_counts_like_any_vpn if {
	# A private IP VPN rides the Direct Connect path the association provides:
	# the gateway is reached by Direct Connect, quiet like with a public VPN ...
	private_vpn := {"aws_vpn_connection.backup": object.union(on_tgw("aws_vpn_connection.backup", "aws_customer_gateway.dc"), {
		"outside_ip_address_type": "PrivateIpv4",
		"transport_attachment": "aws_dx_gateway_association.main#attachment",
	})}
	inp := object.union(tgw_one_device, {
		"vpn_connections": private_vpn,
		"dx_gateways": dx_gateway,
		"dx_gateway_associations": association("aws_ec2_transit_gateway.hub"),
		"dx_vifs": {"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", {"dx_gateway": "aws_dx_gateway.main"})},
	})
	assert.empty(rule.deny) with input as inp

	# ... and it is no Direct Connect path of its own: without a VIF on the DX
	# gateway, one device is still one device.
	no_vif := object.union(tgw_one_device, {
		"vpn_connections": private_vpn,
		"dx_gateways": dx_gateway,
		"dx_gateway_associations": association("aws_ec2_transit_gateway.hub"),
	})
	assert.size(rule.deny, 1) with input as no_vif
}

test_dx_gateway_without_vif_fires if {
	inp := object.union(tgw_one_device, {
		"dx_gateways": dx_gateway,
		"dx_gateway_associations": association("aws_ec2_transit_gateway.hub"),
		"dx_vifs": {"aws_dx_private_virtual_interface.a": vif("aws_dx_private_virtual_interface.a", "private", {"vpn_gateway": "aws_vpn_gateway.main"})},
	})
	assert.size(rule.deny, 1) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

dx_reason := "a Direct Connect link that may reach this gateway (a VIF's gateway, a DX gateway association or its VIFs) is not known: with Direct Connect the VPN is only the backup path"

test_unknown_direct_connect_links_not_evaluated if {
	# A private VIF whose gateway is unknown may attach to the VGW.
	vif_unknown := object.union(vgw_one_device, {"dx_vifs": {
		"aws_dx_private_virtual_interface.a": vif("aws_dx_private_virtual_interface.a", "private", {"unknown": ["vpn_gateway", "dx_gateway"]}),
	}})
	assert.empty(rule.deny) with input as vif_unknown
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.main", "reason": dx_reason}}) with input as vif_unknown

	# The TGW's DX gateway is known only by its id: its VIFs are not in the input.
	outside := object.union(tgw_one_device, {"dx_gateway_associations": {"a": {"id": "a", "dx_gateway": "0a1b2c3d-1111-2222-3333-444455556666", "gateway": "aws_ec2_transit_gateway.hub"}}})
	assert.empty(rule.deny) with input as outside
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway.hub", "reason": dx_reason}}) with input as outside

	# An association whose gateway is unknown, with a DX gateway that has a VIF.
	assoc_unknown := object.union(tgw_one_device, {
		"dx_gateways": dx_gateway,
		"dx_gateway_associations": {"a": {"id": "a", "dx_gateway": "aws_dx_gateway.main", "unknown": ["gateway"]}},
		"dx_vifs": {"aws_dx_transit_virtual_interface.a": vif("aws_dx_transit_virtual_interface.a", "transit", {"dx_gateway": "aws_dx_gateway.main"})},
	})
	assert.empty(rule.deny) with input as assoc_unknown
	assert.equals(rule.not_evaluated, {{"resource": "aws_ec2_transit_gateway.hub", "reason": dx_reason}}) with input as assoc_unknown
}
