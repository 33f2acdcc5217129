package netlint.rules.vpn.vpn_bgp_not_on_ipsec_device_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_bgp_not_on_ipsec_device as rule

cgw(id, ip, asn) := {"id": id, "address": id, "ip": ip, "bgp_asn": asn}

conn(id, cgw_id, static) := {
	"id": id, "address": id, "customer_gateway": cgw_id,
	"vpn_gateway": "aws_vpn_gateway.main", "static_routes_only": static,
}

site(name, devices) := {"id": sprintf("site.%s", [name]), "address": sprintf("site.%s", [name]), "cidrs": ["10.60.0.0/16"], "devices": devices}

test_bgp_vpn_on_device_without_bgp_fires if {
	inp := {
		"customer_gateways": {"aws_customer_gateway.branch": cgw("aws_customer_gateway.branch", "203.0.113.7", 65020)},
		"vpn_connections": {"aws_vpn_connection.branch": conn("aws_vpn_connection.branch", "aws_customer_gateway.branch", false)},
		"sites": {"site.branch": site("branch", [{"name": "fw1", "ip": "203.0.113.7", "bgp": false}])},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	f.msg == `aws_vpn_connection.branch is a BGP VPN (static_routes_only is false) to customer gateway aws_customer_gateway.branch at 203.0.113.7, which .netlint.yaml declares as device "fw1" of site.branch with bgp: false: BGP must run on the device that terminates IPsec`
	assert.equals(f.resources, ["aws_vpn_connection.branch", "aws_customer_gateway.branch", "site.branch"])
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_static_vpn_on_device_without_bgp_quiet if {
	inp := {
		"customer_gateways": {"aws_customer_gateway.branch": cgw("aws_customer_gateway.branch", "203.0.113.7", 65020)},
		"vpn_connections": {"aws_vpn_connection.branch": conn("aws_vpn_connection.branch", "aws_customer_gateway.branch", true)},
		"sites": {"site.branch": site("branch", [{"name": "fw1", "ip": "203.0.113.7", "bgp": false}])},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_bgp_vpn_on_bgp_device_quiet if {
	inp := {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10", 65010)},
		"vpn_connections": {"aws_vpn_connection.hq": conn("aws_vpn_connection.hq", "aws_customer_gateway.hq", false)},
		"sites": {"site.hq": site("hq", [
			{"name": "edge1", "ip": "198.51.100.10", "asn": 65010, "bgp": true},
			{"name": "fw1", "ip": "198.51.100.99", "bgp": false},
		])},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_device_asn_differs_from_customer_gateway_fires if {
	inp := {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10", 65010)},
		"vpn_connections": {"aws_vpn_connection.hq": conn("aws_vpn_connection.hq", "aws_customer_gateway.hq", false)},
		"sites": {"site.hq": site("hq", [{"name": "edge1", "ip": "198.51.100.10", "asn": 65020, "bgp": true}])},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	f.msg == `aws_vpn_connection.hq is a BGP VPN to customer gateway aws_customer_gateway.hq (ASN 65010) at 198.51.100.10, but .netlint.yaml declares that IP as device "edge1" of site.hq with ASN 65020: the BGP session does not come up, or BGP runs on another device than the one terminating IPsec`
}

test_one_ip_two_asns_fires if {
	inp := {
		"customer_gateways": {
			"aws_customer_gateway.hq_a": cgw("aws_customer_gateway.hq_a", "198.51.100.10", 65010),
			"aws_customer_gateway.hq_b": cgw("aws_customer_gateway.hq_b", "198.51.100.10", 65011),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": conn("aws_vpn_connection.a", "aws_customer_gateway.hq_a", false),
			"aws_vpn_connection.b": conn("aws_vpn_connection.b", "aws_customer_gateway.hq_b", false),
		},
		"sites": {},
	}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "customer gateways aws_customer_gateway.hq_a (ASN 65010) and aws_customer_gateway.hq_b (ASN 65011) share IP 198.51.100.10 and carry BGP VPNs (aws_vpn_connection.a and aws_vpn_connection.b): the one device terminating IPsec at that IP would have to run BGP as 2 different ASNs")
	assert.equals(f.resources, ["aws_customer_gateway.hq_a", "aws_customer_gateway.hq_b", "aws_vpn_connection.a", "aws_vpn_connection.b"])

	# no device is declared, but the conflict is judged without one
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_one_ip_two_asns_but_one_static_quiet if {
	inp := {
		"customer_gateways": {
			"aws_customer_gateway.hq_a": cgw("aws_customer_gateway.hq_a", "198.51.100.10", 65010),
			"aws_customer_gateway.hq_b": cgw("aws_customer_gateway.hq_b", "198.51.100.10", 65011),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": conn("aws_vpn_connection.a", "aws_customer_gateway.hq_a", false),
			"aws_vpn_connection.b": conn("aws_vpn_connection.b", "aws_customer_gateway.hq_b", true),
		},
		"sites": {"site.hq": site("hq", [{"name": "edge1", "ip": "198.51.100.10", "bgp": true}])},
	}
	assert.empty(rule.deny) with input as inp
}

test_one_ip_same_asn_quiet if {
	inp := {
		"customer_gateways": {
			"aws_customer_gateway.hq_a": cgw("aws_customer_gateway.hq_a", "198.51.100.10", 65010),
			"aws_customer_gateway.hq_b": cgw("aws_customer_gateway.hq_b", "198.51.100.10", 65010),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": conn("aws_vpn_connection.a", "aws_customer_gateway.hq_a", false),
			"aws_vpn_connection.b": conn("aws_vpn_connection.b", "aws_customer_gateway.hq_b", false),
		},
		"sites": {},
	}
	assert.empty(rule.deny) with input as inp
}

test_undeclared_device_not_evaluated if {
	inp := {
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", "198.51.100.10", 65010)},
		"vpn_connections": {"aws_vpn_connection.hq": conn("aws_vpn_connection.hq", "aws_customer_gateway.hq", false)},
		"sites": {"site.hq": site("hq", [{"name": "edge1", "ip": "198.51.100.10"}])},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "no device at 198.51.100.10 with a bgp value is declared in .netlint.yaml (sites)"}}) with input as inp
}

test_unknown_ip_and_unknown_type_not_evaluated if {
	lab := object.union(cgw("aws_customer_gateway.lab", "", 65030), {"unknown": ["ip"]})
	inp := {
		"customer_gateways": {"aws_customer_gateway.lab": lab},
		"vpn_connections": {
			"aws_vpn_connection.lab": conn("aws_vpn_connection.lab", "aws_customer_gateway.lab", false),
			"aws_vpn_connection.x": object.union(conn("aws_vpn_connection.x", "aws_customer_gateway.lab", false), {"unknown": ["static_routes_only"]}),
		},
		"sites": {"site.lab": site("lab", [{"name": "fw", "ip": "192.0.2.1", "bgp": false}])},
	}
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_vpn_connection.lab", "reason": "the IP address of customer gateway aws_customer_gateway.lab is known only after apply"},
		{"resource": "aws_vpn_connection.x", "reason": "whether it is a static or a BGP VPN (static_routes_only) is not known until apply"},
	} with input as inp
}
