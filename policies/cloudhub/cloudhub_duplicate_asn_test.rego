package netlint.rules.cloudhub.cloudhub_duplicate_asn_test

import data.netlint.rules.cloudhub.cloudhub_duplicate_asn as rule

cgw(id, ip, asn) := {"id": id, "address": id, "ip": ip, "bgp_asn": asn}

vpn(id, cgw_id) := {
	"id": id, "address": id, "customer_gateway": cgw_id,
	"vpn_gateway": "aws_vpn_gateway.hub", "static_routes_only": false,
}

base := {"vpn_gateways": {"aws_vpn_gateway.hub": {"id": "aws_vpn_gateway.hub", "address": "aws_vpn_gateway.hub", "amazon_side_asn": 64512}}}

test_two_sites_one_asn_fires if {
	inp := object.union(base, {
		"customer_gateways": {
			"aws_customer_gateway.branch[\"london\"]": cgw("aws_customer_gateway.branch[\"london\"]", "198.51.100.10", 65000),
			"aws_customer_gateway.branch[\"paris\"]": cgw("aws_customer_gateway.branch[\"paris\"]", "203.0.113.7", 65000),
			"aws_customer_gateway.branch[\"rome\"]": cgw("aws_customer_gateway.branch[\"rome\"]", "192.0.2.30", 65003),
		},
		"vpn_connections": {
			"aws_vpn_connection.branch[\"london\"]": vpn("aws_vpn_connection.branch[\"london\"]", "aws_customer_gateway.branch[\"london\"]"),
			"aws_vpn_connection.branch[\"paris\"]": vpn("aws_vpn_connection.branch[\"paris\"]", "aws_customer_gateway.branch[\"paris\"]"),
			"aws_vpn_connection.branch[\"rome\"]": vpn("aws_vpn_connection.branch[\"rome\"]", "aws_customer_gateway.branch[\"rome\"]"),
		},
	})
	findings := rule.deny with input as inp
	count(findings) == 1
	some f in findings
	f.msg == `customer gateways aws_customer_gateway.branch["london"] (198.51.100.10) and aws_customer_gateway.branch["paris"] (203.0.113.7) share BGP ASN 65000 on VGW aws_vpn_gateway.hub: BGP drops routes that carry its own ASN, so these sites do not learn each other's prefixes through the VPN CloudHub (redundant devices of one site may share an ASN: declare them under that site in .netlint.yaml)`
	f.resources == [
		`aws_customer_gateway.branch["london"]`, `aws_customer_gateway.branch["paris"]`,
		`aws_vpn_connection.branch["london"]`, `aws_vpn_connection.branch["paris"]`,
		"aws_vpn_gateway.hub",
	]
	rule.not_evaluated == set() with input as inp
}

test_unique_asns_quiet if {
	inp := object.union(base, {
		"customer_gateways": {
			"aws_customer_gateway.a": cgw("aws_customer_gateway.a", "198.51.100.10", 65001),
			"aws_customer_gateway.b": cgw("aws_customer_gateway.b", "203.0.113.7", 65002),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": vpn("aws_vpn_connection.a", "aws_customer_gateway.a"),
			"aws_vpn_connection.b": vpn("aws_vpn_connection.b", "aws_customer_gateway.b"),
		},
	})
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == set() with input as inp
}

test_one_device_two_gateways_quiet if {
	# two customer gateway records of one device (same IP, different device_name)
	inp := object.union(base, {
		"customer_gateways": {
			"aws_customer_gateway.a": cgw("aws_customer_gateway.a", "198.51.100.10", 65001),
			"aws_customer_gateway.b": object.union(cgw("aws_customer_gateway.b", "198.51.100.10", 65001), {"device_name": "edge-2"}),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": vpn("aws_vpn_connection.a", "aws_customer_gateway.a"),
			"aws_vpn_connection.b": vpn("aws_vpn_connection.b", "aws_customer_gateway.b"),
		},
	})
	count(rule.deny) == 0 with input as inp
}

test_static_site_and_other_gateways_quiet if {
	inp := object.union(base, {
		"transit_gateways": {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub"}},
		"customer_gateways": {
			"aws_customer_gateway.a": cgw("aws_customer_gateway.a", "198.51.100.10", 65000),
			"aws_customer_gateway.b": cgw("aws_customer_gateway.b", "203.0.113.7", 65000),
			"aws_customer_gateway.c": cgw("aws_customer_gateway.c", "192.0.2.30", 65000),
			"aws_customer_gateway.d": cgw("aws_customer_gateway.d", "192.0.2.40", 65000),
		},
		"vpn_connections": {
			"aws_vpn_connection.a": vpn("aws_vpn_connection.a", "aws_customer_gateway.a"),
			"aws_vpn_connection.b": object.union(vpn("aws_vpn_connection.b", "aws_customer_gateway.b"), {"static_routes_only": true}),
			"aws_vpn_connection.c": object.union(vpn("aws_vpn_connection.c", "aws_customer_gateway.c"), {"vpn_gateway": "aws_vpn_gateway.other"}),
			"aws_vpn_connection.d": object.union(vpn("aws_vpn_connection.d", "aws_customer_gateway.d"), {"vpn_gateway": "", "transit_gateway": "aws_ec2_transit_gateway.hub"}),
		},
	})
	count(rule.deny) == 0 with input as inp
}

test_unknown_asn_not_evaluated if {
	inp := object.union(base, {
		"customer_gateways": {
			"aws_customer_gateway.a": cgw("aws_customer_gateway.a", "198.51.100.10", 65000),
			"aws_customer_gateway.b": {"id": "aws_customer_gateway.b", "ip": "203.0.113.7", "unknown": ["bgp_asn"]},
		},
		"vpn_connections": {
			"aws_vpn_connection.a": vpn("aws_vpn_connection.a", "aws_customer_gateway.a"),
			"aws_vpn_connection.b": vpn("aws_vpn_connection.b", "aws_customer_gateway.b"),
			"aws_vpn_connection.c": object.union(vpn("aws_vpn_connection.c", "aws_customer_gateway.a"), {"unknown": ["static_routes_only"]}),
		},
	})
	count(rule.deny) == 0 with input as inp
	rule.not_evaluated == {"aws_vpn_gateway.hub", "aws_vpn_connection.c"} with input as inp
}

test_unknown_ip_still_fires_on_known_devices if {
	inp := object.union(base, {
		"customer_gateways": {
			"aws_customer_gateway.a": cgw("aws_customer_gateway.a", "198.51.100.10", 65000),
			"aws_customer_gateway.b": cgw("aws_customer_gateway.b", "203.0.113.7", 65000),
			"aws_customer_gateway.lab": {"id": "aws_customer_gateway.lab", "bgp_asn": 65000, "unknown": ["ip"]},
		},
		"vpn_connections": {
			"aws_vpn_connection.a": vpn("aws_vpn_connection.a", "aws_customer_gateway.a"),
			"aws_vpn_connection.b": vpn("aws_vpn_connection.b", "aws_customer_gateway.b"),
			"aws_vpn_connection.lab": vpn("aws_vpn_connection.lab", "aws_customer_gateway.lab"),
		},
	})
	findings := rule.deny with input as inp
	some f in findings
	f.msg == "customer gateways aws_customer_gateway.a (198.51.100.10), aws_customer_gateway.b (203.0.113.7) and aws_customer_gateway.lab (IP unknown) share BGP ASN 65000 on VGW aws_vpn_gateway.hub: BGP drops routes that carry its own ASN, so these sites do not learn each other's prefixes through the VPN CloudHub (redundant devices of one site may share an ASN: declare them under that site in .netlint.yaml)"
}

test_redundant_devices_of_one_declared_site_quiet if {
	inp := object.union(base, {
		"customer_gateways": {
			"aws_customer_gateway.hq[0]": cgw("aws_customer_gateway.hq[0]", "198.51.100.10", 65010),
			"aws_customer_gateway.hq[1]": cgw("aws_customer_gateway.hq[1]", "198.51.100.11", 65010),
			"aws_customer_gateway.branch": cgw("aws_customer_gateway.branch", "203.0.113.7", 65010),
		},
		"vpn_connections": {
			"aws_vpn_connection.hq[0]": vpn("aws_vpn_connection.hq[0]", "aws_customer_gateway.hq[0]"),
			"aws_vpn_connection.hq[1]": vpn("aws_vpn_connection.hq[1]", "aws_customer_gateway.hq[1]"),
		},
		"sites": {"site.hq": {"id": "site.hq", "cidrs": ["10.50.0.0/16"], "devices": [
			{"name": "edge1", "ip": "198.51.100.10", "asn": 65010},
			{"name": "edge2", "ip": "198.51.100.11", "asn": 65010},
		]}},
	})
	count(rule.deny) == 0 with input as inp

	# a branch on the same ASN is another site
	with_branch := object.union(inp, {"vpn_connections": {"aws_vpn_connection.branch": vpn("aws_vpn_connection.branch", "aws_customer_gateway.branch")}})
	findings := rule.deny with input as with_branch
	some f in findings
	startswith(f.msg, "customer gateways aws_customer_gateway.branch (203.0.113.7), aws_customer_gateway.hq[0] (198.51.100.10) and aws_customer_gateway.hq[1] (198.51.100.11) share BGP ASN 65010")
}
