package netlint.rules.vpn.vpn_single_customer_gateway_test

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
	count(findings) == 1
	some f in findings
	f.msg == "TGW aws_ec2_transit_gateway.hub: all 2 of its VPN connections (aws_vpn_connection.a and aws_vpn_connection.b) terminate on one customer device, 198.51.100.10 (customer gateways aws_customer_gateway.hq and aws_customer_gateway.hq_again); when that device fails or is under maintenance, the gateway has no VPN path left"
	f.resources == ["aws_ec2_transit_gateway.hub", "aws_customer_gateway.hq", "aws_customer_gateway.hq_again", "aws_vpn_connection.a", "aws_vpn_connection.b"]
}

test_single_connection_fires if {
	inp := object.union(gateways, {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10")},
		"vpn_connections": {"aws_vpn_connection.hq": on_vgw("aws_vpn_connection.hq", "aws_customer_gateway.hq")},
	})
	findings := rule.deny with input as inp
	count(findings) == 1
	some f in findings
	f.msg == "VGW aws_vpn_gateway.main: its only VPN connection, aws_vpn_connection.hq, terminates on one customer device, 198.51.100.10 (customer gateway aws_customer_gateway.hq); when that device fails or is under maintenance, the gateway has no VPN path left"
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
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == set() with input as inp
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
	count(rule.deny) == 0 with input as inp
}

test_gateway_outside_the_model_not_evaluated if {
	inp := object.union(gateways, {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10")},
		"vpn_connections": {"aws_vpn_connection.hq": object.union(on_vgw("aws_vpn_connection.hq", "aws_customer_gateway.hq"), {"vpn_gateway": "vgw-0a1b2c3d4e5f60718"})},
	})
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == {"vgw-0a1b2c3d4e5f60718"} with input as inp
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
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == {"aws_ec2_transit_gateway.hub", "aws_vpn_connection.c"} with input as inp
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
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == set() with input as inp
}
