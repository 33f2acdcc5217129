package netlint.rules.vpn.vpn_asn_conflict_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_asn_conflict as rule

cgw(id, asn, region) := {"id": id, "address": id, "ip": "198.51.100.10", "bgp_asn": asn, "region": region}

vpn(id, cgw_id, gw_field, gw_id) := {
	"id": id, "address": id, "customer_gateway": cgw_id, gw_field: gw_id,
	"static_routes_only": false,
}

gateways := {
	"vpn_gateways": {
		"aws_vpn_gateway.main": {"id": "aws_vpn_gateway.main", "address": "aws_vpn_gateway.main", "amazon_side_asn": 64512},
		"aws_vpn_gateway.new": {"id": "aws_vpn_gateway.new", "address": "aws_vpn_gateway.new", "unknown": ["amazon_side_asn"]},
	},
	"transit_gateways": {"module.hub.aws_ec2_transit_gateway.this": {"id": "module.hub.aws_ec2_transit_gateway.this", "address": "module.hub.aws_ec2_transit_gateway.this", "amazon_side_asn": 4200000000}},
}

messages(inp) := {f.msg | some f in findings} if {
	findings := rule.deny with input as object.union(gateways, inp)
}

test_same_asn_as_gateway_fires if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", 64512, "us-east-1"),
			"aws_customer_gateway.dc": {"id": "aws_customer_gateway.dc", "address": "aws_customer_gateway.dc", "ip": "203.0.113.20", "bgp_asn_extended": 4200000000, "region": "us-east-1"},
		},
		"vpn_connections": {
			"aws_vpn_connection.hq1": vpn("aws_vpn_connection.hq1", "aws_customer_gateway.hq", "vpn_gateway", "aws_vpn_gateway.main"),
			"aws_vpn_connection.hq2": vpn("aws_vpn_connection.hq2", "aws_customer_gateway.hq", "vpn_gateway", "aws_vpn_gateway.main"),
			"aws_vpn_connection.dc": vpn("aws_vpn_connection.dc", "aws_customer_gateway.dc", "transit_gateway", "module.hub.aws_ec2_transit_gateway.this"),
		},
	})
	findings := rule.deny with input as inp
	{f.msg | some f in findings} == {
		"customer gateway aws_customer_gateway.hq has BGP ASN 64512, the Amazon-side ASN of VGW aws_vpn_gateway.main it connects to over aws_vpn_connection.hq1 and aws_vpn_connection.hq2: BGP to AWS is eBGP and needs two different ASNs, so the sessions do not come up",
		"customer gateway aws_customer_gateway.dc has BGP ASN 4200000000, the Amazon-side ASN of TGW module.hub.aws_ec2_transit_gateway.this it connects to over aws_vpn_connection.dc: BGP to AWS is eBGP and needs two different ASNs, so the sessions do not come up",
	}
	some f in findings
	startswith(f.msg, "customer gateway aws_customer_gateway.hq ")
	assert.equals(f.resources, ["aws_customer_gateway.hq", "aws_vpn_connection.hq1", "aws_vpn_connection.hq2", "aws_vpn_gateway.main"])
}

test_same_asn_on_static_vpn_quiet if {
	static := object.union(vpn("aws_vpn_connection.hq", "aws_customer_gateway.hq", "vpn_gateway", "aws_vpn_gateway.main"), {"static_routes_only": true})
	count(messages({
		"customer_gateways": {"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", 64512, "us-east-1")},
		"vpn_connections": {"aws_vpn_connection.hq": static},
	})) == 0
}

test_distinct_private_asns_quiet if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", 65010, "eu-west-1"),
			"aws_customer_gateway.isp": cgw("aws_customer_gateway.isp", 9059, "us-east-1"),
			"aws_customer_gateway.dc": {"id": "aws_customer_gateway.dc", "bgp_asn_extended": 4200000010, "region": "us-east-1"},
		},
		"vpn_connections": {"aws_vpn_connection.hq": vpn("aws_vpn_connection.hq", "aws_customer_gateway.hq", "vpn_gateway", "aws_vpn_gateway.main")},
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, set()) with input as inp
}

test_reserved_asns_fire if {
	msgs := messages({"customer_gateways": {
		"aws_customer_gateway.a": cgw("aws_customer_gateway.a", 7224, "us-west-2"),
		"aws_customer_gateway.b": cgw("aws_customer_gateway.b", 9059, "eu-west-1"),
		"aws_customer_gateway.c": cgw("aws_customer_gateway.c", 10124, "ap-northeast-1"),
		"aws_customer_gateway.d": cgw("aws_customer_gateway.d", 17943, "ap-southeast-1"),
		"aws_customer_gateway.e": cgw("aws_customer_gateway.e", 17493, "ap-southeast-1"),
	}})
	msgs == {
		"customer gateway aws_customer_gateway.a uses BGP ASN 7224, which AWS reserves in all Regions",
		"customer gateway aws_customer_gateway.b uses BGP ASN 9059, which AWS reserves in eu-west-1, the customer gateway's Region",
		"customer gateway aws_customer_gateway.c uses BGP ASN 10124, which AWS reserves in ap-northeast-1, the customer gateway's Region",
		"customer gateway aws_customer_gateway.d uses BGP ASN 17943, which AWS reserves in ap-southeast-1, the customer gateway's Region",
		"customer gateway aws_customer_gateway.e uses BGP ASN 17493, which AWS reserves in ap-southeast-1, the customer gateway's Region",
	}
}

test_out_of_range_fires if {
	msgs := messages({"customer_gateways": {
		"aws_customer_gateway.a": cgw("aws_customer_gateway.a", 4200000001, "us-east-1"),
		"aws_customer_gateway.b": cgw("aws_customer_gateway.b", 4294967295, "us-east-1"),
		"aws_customer_gateway.c": {"id": "aws_customer_gateway.c", "bgp_asn_extended": 4294967296, "region": "us-east-1"},
		"aws_customer_gateway.d": cgw("aws_customer_gateway.d", -1, "us-east-1"),
	}})
	msgs == {
		"customer gateway aws_customer_gateway.b has BGP ASN 4294967295, which is out of range: AWS accepts 1 to 4,294,967,294",
		"customer gateway aws_customer_gateway.c has BGP ASN 4294967296, which is out of range: AWS accepts 1 to 4,294,967,294",
		"customer gateway aws_customer_gateway.d has BGP ASN -1, which is out of range: AWS accepts 1 to 4,294,967,294",
	}
}

test_unknown_values_not_evaluated if {
	inp := object.union(gateways, {
		"customer_gateways": {
			"aws_customer_gateway.hq": cgw("aws_customer_gateway.hq", 64512, "us-east-1"),
			"aws_customer_gateway.var": {"id": "aws_customer_gateway.var", "unknown": ["bgp_asn"]},
			"aws_customer_gateway.sg": {"id": "aws_customer_gateway.sg", "bgp_asn": 17493, "unknown": ["region"]},
			"aws_customer_gateway.public": cgw("aws_customer_gateway.public", 3356, "us-east-1"),
		},
		"vpn_connections": {
			# the VGW's ASN is chosen by AWS at apply
			"aws_vpn_connection.new": vpn("aws_vpn_connection.new", "aws_customer_gateway.hq", "vpn_gateway", "aws_vpn_gateway.new"),
			# a gateway outside the model
			"aws_vpn_connection.old": vpn("aws_vpn_connection.old", "aws_customer_gateway.hq", "vpn_gateway", "vgw-0a1b2c3d4e5f60718"),
			# a public customer ASN cannot be an Amazon-side ASN
			"aws_vpn_connection.public": vpn("aws_vpn_connection.public", "aws_customer_gateway.public", "vpn_gateway", "aws_vpn_gateway.new"),
			"aws_vpn_connection.maybe": object.union(vpn("aws_vpn_connection.maybe", "aws_customer_gateway.hq", "vpn_gateway", "aws_vpn_gateway.main"), {"unknown": ["static_routes_only"]}),
		},
	})
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_customer_gateway.var", "reason": "its BGP ASN is not known until apply"},
		{"resource": "aws_customer_gateway.sg", "reason": "its Region is not known, and AWS reserves ASN 17493 in some Regions"},
		{"resource": "aws_vpn_connection.new", "reason": "the Amazon-side ASN of VGW aws_vpn_gateway.new is not known until apply"},
		{"resource": "aws_vpn_connection.old", "reason": "VGW vgw-0a1b2c3d4e5f60718 is outside this input: its Amazon-side ASN is not known"},
		{"resource": "aws_vpn_connection.maybe", "reason": "both sides use one ASN, and whether it is a BGP VPN (static_routes_only) is not known until apply"},
	} with input as inp
}
