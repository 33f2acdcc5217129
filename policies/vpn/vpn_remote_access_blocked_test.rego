package netlint.rules.vpn.vpn_remote_access_blocked_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_remote_access_blocked as rule

vpc(id, cidr) := {"id": id, "address": id, "cidrs": [cidr]}

sg(id, vpc_id, rules) := {"id": id, "address": id, "vpc": vpc_id, "ingress": rules, "egress": []}

from_cidrs(cidrs) := {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidrs": cidrs, "ipv6_cidrs": [], "prefix_lists": [], "security_groups": []}

from_group(group) := {"protocol": "-1", "from_port": 0, "to_port": 0, "cidrs": [], "ipv6_cidrs": [], "prefix_lists": [], "security_groups": [group]}

implied_site := {"id": "site:aws_vpn_connection.hq", "kind": "site", "element": "aws_vpn_connection.hq", "address": "on-prem behind aws_vpn_connection.hq", "cidrs": ["192.168.0.0/16", "172.20.0.0/16"]}

# A static VPN on a VGW attached to aws_vpc.main, with the given security groups.
vgw_net(groups) := {
	"vpcs": {"aws_vpc.main": vpc("aws_vpc.main", "10.0.0.0/16")},
	"vpn_gateways": {"aws_vpn_gateway.vgw": {"id": "aws_vpn_gateway.vgw", "address": "aws_vpn_gateway.vgw", "vpc": "aws_vpc.main"}},
	"customer_gateways": {"aws_customer_gateway.hq": {"id": "aws_customer_gateway.hq", "ip": "198.51.100.10"}},
	"vpn_connections": {"aws_vpn_connection.hq": {
		"id": "aws_vpn_connection.hq", "address": "aws_vpn_connection.hq",
		"customer_gateway": "aws_customer_gateway.hq", "vpn_gateway": "aws_vpn_gateway.vgw",
		"static_routes_only": true, "static_routes": ["192.168.0.0/16", "172.20.0.0/16"], "tunnels": [],
	}},
	"transit_gateways": {}, "tgw_attachments": {}, "sites": {},
	"security_groups": {g.id: g | some g in groups},
	"derived": {"networks": {implied_site.id: implied_site}},
}

app_sg := sg("aws_security_group.app", "aws_vpc.main", [from_cidrs(["10.0.0.0/16"])])

db_sg := sg("aws_security_group.db", "aws_vpc.main", [from_group("aws_security_group.app")])

test_no_group_admits_remote_ranges_fires if {
	findings := rule.deny with input as vgw_net([app_sg, db_sg])
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VPN connection aws_vpn_connection.hq (VGW aws_vpn_gateway.vgw) reaches aws_vpc.main, but none of its 2 security groups (aws_security_group.app, aws_security_group.db) admits inbound traffic from the connection's remote ranges 172.20.0.0/16, 192.168.0.0/16: on-prem hosts cannot open a connection to any instance there")
	assert.equals(f.resources, ["aws_vpn_connection.hq", "aws_vpc.main"])
}

test_single_group_message if {
	some f in rule.deny with input as vgw_net([app_sg])
	contains(f.msg, "reaches aws_vpc.main, but its only security group (aws_security_group.app) admits no inbound traffic from")
}

test_rule_covering_part_of_a_range_quiet if {
	ssh := sg("aws_security_group.bastion", "aws_vpc.main", [from_cidrs(["192.168.10.0/24"])])
	inp := vgw_net([app_sg, ssh])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_rule_open_to_everything_quiet if {
	web := sg("aws_security_group.web", "aws_vpc.main", [from_cidrs(["0.0.0.0/0"])])
	assert.empty(rule.deny) with input as vgw_net([app_sg, web])
}

test_group_in_other_vpc_does_not_count if {
	other := sg("aws_security_group.other", "aws_vpc.other", [from_cidrs(["192.168.0.0/16"])])
	assert.size(rule.deny, 1) with input as vgw_net([app_sg, other])
}

# Two VPCs on a TGW, and a VPN on the same TGW whose on-prem range is a declared
# site matched by the customer gateway's IP.
tgw_net(groups, spoke_b_vpc) := {
	"vpcs": {"aws_vpc.a": vpc("aws_vpc.a", "10.1.0.0/16"), "aws_vpc.b": vpc("aws_vpc.b", "10.2.0.0/16")},
	"vpn_gateways": {},
	"transit_gateways": {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}},
	"tgw_attachments": {
		"aws_ec2_transit_gateway_vpc_attachment.a": {"kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.a"},
		"aws_ec2_transit_gateway_vpc_attachment.b": spoke_b_vpc,
	},
	"customer_gateways": {"aws_customer_gateway.hq": {"id": "aws_customer_gateway.hq", "ip": "198.51.100.10"}},
	"vpn_connections": {"aws_vpn_connection.hq": {
		"id": "aws_vpn_connection.hq", "address": "aws_vpn_connection.hq",
		"customer_gateway": "aws_customer_gateway.hq", "transit_gateway": "aws_ec2_transit_gateway.hub",
		"static_routes_only": false, "static_routes": [], "tunnels": [],
	}},
	"sites": {"hq": {"id": "hq", "address": "hq", "cidrs": ["192.168.0.0/16"], "devices": [{"name": "hq-edge-1", "ip": "198.51.100.10"}]}},
	"security_groups": {g.id: g | some g in groups},
	"derived": {"networks": {"hq": {"id": "hq", "kind": "site", "element": "hq", "address": "hq", "cidrs": ["192.168.0.0/16"]}}},
}

spoke_b := {"kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.b"}

test_tgw_vpn_blocked_in_every_vpc_fires if {
	groups := [
		sg("aws_security_group.a", "aws_vpc.a", [from_cidrs(["10.0.0.0/8"])]),
		sg("aws_security_group.b", "aws_vpc.b", [from_cidrs(["172.16.0.0/12"])]),
	]
	findings := rule.deny with input as tgw_net(groups, spoke_b)
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VPN connection aws_vpn_connection.hq (TGW aws_ec2_transit_gateway.hub) reaches aws_vpc.a, aws_vpc.b, but none of their 2 security groups (aws_security_group.a, aws_security_group.b) admits inbound traffic from the connection's remote range 192.168.0.0/16: on-prem hosts cannot open a connection to any instance there")
	assert.equals(f.resources, ["aws_vpn_connection.hq", "aws_vpc.a", "aws_vpc.b", "hq"])
}

test_tgw_vpn_admitted_in_one_vpc_quiet if {
	groups := [
		sg("aws_security_group.a", "aws_vpc.a", [from_cidrs(["10.0.0.0/8"])]),
		sg("aws_security_group.b", "aws_vpc.b", [from_cidrs(["192.168.1.0/24"])]),
	]
	assert.empty(rule.deny) with input as tgw_net(groups, spoke_b)
}

test_tgw_attachment_of_unknown_vpc_not_evaluated if {
	groups := [sg("aws_security_group.a", "aws_vpc.a", [from_cidrs(["10.0.0.0/8"])])]
	inp := tgw_net(groups, {"kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "", "unknown": ["vpc"]})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "a VPC attachment of its gateway is not known until apply"}}) with input as inp
}

test_bgp_vpn_without_declared_site_not_evaluated if {
	groups := [sg("aws_security_group.a", "aws_vpc.a", [from_cidrs(["10.0.0.0/8"])])]
	inp := json.patch(tgw_net(groups, spoke_b), [
		{"op": "replace", "path": "/sites", "value": {}},
		{"op": "replace", "path": "/derived/networks", "value": {}},
	])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "its remote ranges are not known (a BGP VPN learns them at run time: declare its site in .netlint.yaml)"}}) with input as inp
}

test_unknown_rule_source_not_evaluated if {
	unknown_rule := object.union(from_cidrs([]), {"unknown": ["cidrs"]})
	inp := vgw_net([app_sg, sg("aws_security_group.new", "aws_vpc.main", [unknown_rule])])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "the sources admitted by aws_security_group.new are not all known (a rule whose security group cannot be resolved, a source known only after apply, or a prefix list)"}}) with input as inp
}

test_prefix_list_source_not_evaluated if {
	pl_rule := object.union(from_cidrs([]), {"prefix_lists": ["pl-0123456789abcdef0"]})
	inp := vgw_net([app_sg, sg("aws_security_group.pl", "aws_vpc.main", [pl_rule])])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "the sources admitted by aws_security_group.pl are not all known (a rule whose security group cannot be resolved, a source known only after apply, or a prefix list)"}}) with input as inp
}

test_group_of_unknown_vpc_admitting_not_evaluated if {
	floating := json.patch(sg("aws_security_group.floating", "", [from_cidrs(["192.168.0.0/16"])]), [{"op": "add", "path": "/unknown", "value": ["vpc"]}])
	inp := vgw_net([app_sg, floating])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "a security group whose VPC is not known until apply may admit its remote ranges"}}) with input as inp
}

test_vpc_without_security_groups_not_evaluated if {
	inp := vgw_net([])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "no security group of the VPCs it reaches is in the input"}}) with input as inp
}

test_unknown_static_routes_not_evaluated if {
	inp := json.patch(vgw_net([app_sg]), [{"op": "add", "path": "/vpn_connections/aws_vpn_connection.hq/unknown", "value": ["static_routes"]}])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "its static routes are not all known until apply"}}) with input as inp
}

test_detached_vgw_neither_fires_nor_counts if {
	inp := json.patch(vgw_net([app_sg]), [{"op": "replace", "path": "/vpn_gateways/aws_vpn_gateway.vgw/vpc", "value": ""}])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# An ingress rule whose security group cannot be resolved (security_group_id
# through a local) makes the ingress of every group unknown: it may be the rule
# that admits the remote ranges.
test_rule_of_unresolved_group_not_evaluated if {
	inp := vgw_net([json.patch(app_sg, [{"op": "add", "path": "/unknown", "value": ["ingress"]}]), db_sg])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "the sources admitted by aws_security_group.app are not all known (a rule whose security group cannot be resolved, a source known only after apply, or a prefix list)"}}) with input as inp
}
