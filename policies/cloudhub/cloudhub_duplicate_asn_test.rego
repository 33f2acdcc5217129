package netlint.rules.cloudhub.cloudhub_duplicate_asn_test

import data.netlint.assert
import data.netlint.rules.cloudhub.cloudhub_duplicate_asn as rule

cgw(id, ip, asn) := {"id": id, "address": id, "ip": ip, "bgp_asn": asn}

vpn(id, cgw_id) := {
	"id": id, "address": id, "customer_gateway": cgw_id,
	"vpn_gateway": "aws_vpn_gateway.hub", "static_routes_only": false,
}

base := {"vpn_gateways": {"aws_vpn_gateway.hub": {"id": "aws_vpn_gateway.hub", "address": "aws_vpn_gateway.hub", "amazon_side_asn": 64512}}}

# declared gives each customer gateway's device a site of its own in
# .netlint.yaml.
declared(sites) := {"sites": {sprintf("site.%s", [name]): {"id": sprintf("site.%s", [name]), "cidrs": [], "devices": [{"name": name, "ip": ip}]} |
	some name, ip in sites
}}

branches := object.union(base, {
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

test_two_declared_sites_one_asn_fire if {
	inp := object.union(branches, declared({"london": "198.51.100.10", "paris": "203.0.113.7", "rome": "192.0.2.30"}))
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	f.msg == `customer gateways aws_customer_gateway.branch["london"] (198.51.100.10) and aws_customer_gateway.branch["paris"] (203.0.113.7) of sites site.london and site.paris share BGP ASN 65000 on VGW aws_vpn_gateway.hub: BGP drops routes that carry its own ASN, so these sites do not learn each other's prefixes through the VPN CloudHub`
	f.resources == [
		`aws_customer_gateway.branch["london"]`, `aws_customer_gateway.branch["paris"]`,
		`aws_vpn_connection.branch["london"]`, `aws_vpn_connection.branch["paris"]`,
		"aws_vpn_gateway.hub",
	]
	assert.equals(rule.not_evaluated, set()) with input as inp
}

# Without declared sites, two devices sharing an ASN may be the redundant
# devices of one site (AWS's redundancy design): assumed, and said.
test_undeclared_devices_sharing_an_asn_not_evaluated if {
	assert.empty(rule.deny) with input as branches
	rule.not_evaluated == {{"resource": "aws_vpn_gateway.hub", "reason": `customer gateways aws_customer_gateway.branch["london"] (198.51.100.10) and aws_customer_gateway.branch["paris"] (203.0.113.7) share BGP ASN 65000 on VGW aws_vpn_gateway.hub: netlint assumed they are redundant devices of one site, which may share an ASN; declare the sites in .netlint.yaml to check the VPN CloudHub`}} with input as branches
}

# A site declared through its VPN connection (via), not a device IP.
test_site_declared_by_connection if {
	inp := object.union(branches, {
		"sites": {"site.london": {"id": "site.london", "cidrs": [], "devices": [{"name": "l", "ip": "198.51.100.10"}]}},
		"derived": {"networks": {"site.paris": {"id": "site.paris", "kind": "site", "element": "site.paris", "connections": [`aws_vpn_connection.branch["paris"]`]}}},
	})
	some f in rule.deny with input as inp
	contains(f.msg, "of sites site.london and site.paris share BGP ASN 65000")
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
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
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
	assert.empty(rule.deny) with input as inp
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
	assert.empty(rule.deny) with input as inp
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
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_vpn_gateway.hub", "reason": "the BGP ASN of customer gateway aws_customer_gateway.b is not known until apply"},
		{"resource": "aws_vpn_connection.c", "reason": "whether it is a BGP VPN (static_routes_only) is not known until apply: it may take part in the CloudHub"},
	} with input as inp
}

test_unknown_ip_is_not_evaluated if {
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
	assert.empty(rule.deny) with input as object.union(inp, declared({"a": "198.51.100.10", "b": "203.0.113.7"}))
	some ne in rule.not_evaluated with input as inp
	assert.equals(ne.resource, "aws_vpn_gateway.hub")
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
	assert.empty(rule.deny) with input as inp

	# a branch declared on the same ASN is another site
	with_branch := object.union(inp, {
		"vpn_connections": {"aws_vpn_connection.branch": vpn("aws_vpn_connection.branch", "aws_customer_gateway.branch")},
		"sites": {"site.branch": {"id": "site.branch", "cidrs": [], "devices": [{"name": "b", "ip": "203.0.113.7"}]}},
	})
	findings := rule.deny with input as with_branch
	some f in findings
	startswith(f.msg, "customer gateways aws_customer_gateway.branch (203.0.113.7), aws_customer_gateway.hq[0] (198.51.100.10) and aws_customer_gateway.hq[1] (198.51.100.11) of sites site.branch and site.hq share BGP ASN 65010")
}
