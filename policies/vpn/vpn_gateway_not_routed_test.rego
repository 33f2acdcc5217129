package netlint.rules.vpn.vpn_gateway_not_routed_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_gateway_not_routed as rule

vpc := {"id": "aws_vpc.main", "address": "aws_vpc.main", "cidrs": ["10.0.0.0/16"]}

vgw(attached_to) := {"id": "aws_vpn_gateway.vgw", "address": "aws_vpn_gateway.vgw", "vpc": attached_to}

conn(id) := {"id": id, "address": id, "customer_gateway": "aws_customer_gateway.hq", "vpn_gateway": "aws_vpn_gateway.vgw", "static_routes_only": true, "static_routes": ["192.168.0.0/16"], "tunnels": []}

rt(id, routes, propagating) := {"id": id, "address": id, "vpc": "aws_vpc.main", "routes": routes, "subnets": [], "propagating_vgws": propagating}

local_route := {"destination": "10.0.0.0/16", "target_kind": "local", "target": "local"}

igw_route := {"destination": "0.0.0.0/0", "target_kind": "internet_gateway", "target": "aws_internet_gateway.igw"}

net(vgw_attached, tables) := {
	"vpcs": {"aws_vpc.main": vpc},
	"vpn_gateways": {"aws_vpn_gateway.vgw": vgw(vgw_attached)},
	"vpn_connections": {"aws_vpn_connection.hq": conn("aws_vpn_connection.hq")},
	"route_tables": {t.id: t | some t in tables},
}

test_detached_vgw_fires if {
	findings := rule.deny with input as net("", [])
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VGW aws_vpn_gateway.vgw carries VPN connection aws_vpn_connection.hq but is attached to no VPC: no VPC traffic can use the tunnels (attach it with vpc_id or aws_vpn_gateway_attachment)")
	assert.equals(f.resources, ["aws_vpn_gateway.vgw", "aws_vpn_connection.hq"])
}

test_detached_vgw_lists_every_connection if {
	inp := object.union(net("", []), {"vpn_connections": {
		"aws_vpn_connection.hq": conn("aws_vpn_connection.hq"),
		"aws_vpn_connection.dr": conn("aws_vpn_connection.dr"),
	}})
	some f in rule.deny with input as inp
	contains(f.msg, "carries VPN connections aws_vpn_connection.dr, aws_vpn_connection.hq but")
	assert.equals(f.resources, ["aws_vpn_gateway.vgw", "aws_vpn_connection.dr", "aws_vpn_connection.hq"])
}

test_no_route_and_no_propagation_fires if {
	tables := [
		rt("aws_route_table.public", [local_route, igw_route], []),
		rt("aws_route_table.private", [local_route], []),
	]
	findings := rule.deny with input as net("aws_vpc.main", tables)
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "No route table of aws_vpc.main routes to VGW aws_vpn_gateway.vgw or propagates its routes (checked 2: aws_route_table.private, aws_route_table.public): traffic from the VPC never enters VPN connection aws_vpn_connection.hq")
	assert.equals(f.resources, ["aws_vpn_gateway.vgw", "aws_vpc.main", "aws_vpn_connection.hq"])
}

test_vpc_without_route_tables_in_input_not_evaluated if {
	inp := net("aws_vpc.main", [])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "no route table of aws_vpc.main is in the input (they are managed elsewhere)"}}) with input as inp
}

test_route_in_other_vpc_does_not_count if {
	other := object.union(rt("aws_route_table.other", [{"destination": "192.168.0.0/16", "target_kind": "vpn_gateway", "target": "aws_vpn_gateway.vgw"}], []), {"vpc": "aws_vpc.other"})
	assert.size(rule.deny, 1) with input as net("aws_vpc.main", [rt("aws_route_table.private", [local_route], []), other])
}

test_static_route_to_vgw_quiet if {
	route := {"destination": "192.168.0.0/16", "target_kind": "vpn_gateway", "target": "aws_vpn_gateway.vgw"}
	inp := net("aws_vpc.main", [rt("aws_route_table.private", [local_route, route], [])])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_route_to_vgw_by_aws_id_quiet if {
	route := {"destination": "192.168.0.0/16", "target_kind": "vpn_gateway", "target": "vgw-0a1b2c3d4e5f60718"}
	inp := object.union(net("aws_vpc.main", [rt("aws_route_table.private", [local_route, route], [])]), {"vpn_gateways": {"aws_vpn_gateway.vgw": {"aws_id": "vgw-0a1b2c3d4e5f60718"}}})
	assert.empty(rule.deny) with input as inp
}

test_propagation_quiet if {
	inp := net("aws_vpc.main", [rt("aws_route_table.private", [local_route], ["aws_vpn_gateway.vgw"])])
	assert.empty(rule.deny) with input as inp
}

test_vgw_without_connections_quiet if {
	inp := json.patch(net("", []), [{"op": "replace", "path": "/vpn_connections", "value": {}}])
	assert.empty(rule.deny) with input as inp
}

test_unknown_attachment_not_evaluated if {
	inp := object.union(net("", []), {"vpn_gateways": {"aws_vpn_gateway.vgw": {"unknown": ["vpc"]}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "its VPC attachment is not known until apply (an attachment whose VGW cannot be resolved may attach it)"}}) with input as inp
}

test_unknown_route_target_not_evaluated if {
	route := {"destination": "192.168.0.0/16", "target_kind": "vpn_gateway", "unknown": ["target"]}
	inp := net("aws_vpc.main", [rt("aws_route_table.private", [local_route, route], [])])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "a route of aws_route_table.private has a target not known until apply"}}) with input as inp
}

test_unknown_target_of_other_kind_still_fires if {
	route := {"destination": "0.0.0.0/0", "target_kind": "nat_gateway", "unknown": ["target"]}
	assert.size(rule.deny, 1) with input as net("aws_vpc.main", [rt("aws_route_table.private", [local_route, route], [])])
}

test_unknown_propagations_not_evaluated if {
	table := object.union(rt("aws_route_table.private", [local_route], []), {"unknown": ["propagating_vgws"]})
	inp := net("aws_vpc.main", [table])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "the routes or route propagations of aws_route_table.private are not all known until apply (a route or propagation whose route table cannot be resolved may be there)"}}) with input as inp
}

test_route_table_of_unknown_vpc_routing_to_vgw_not_evaluated if {
	route := {"destination": "192.168.0.0/16", "target_kind": "vpn_gateway", "target": "aws_vpn_gateway.vgw"}
	table := {"id": "aws_route_table.shared", "address": "aws_route_table.shared", "vpc": "", "unknown": ["vpc"], "routes": [route], "propagating_vgws": []}
	inp := net("aws_vpc.main", [table])
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_vpn_gateway.vgw", "reason": "no route table of aws_vpc.main is in the input (they are managed elsewhere)"},
		{"resource": "aws_vpn_gateway.vgw", "reason": "a route table whose VPC is not known until apply routes to it"},
	} with input as inp
}

test_vpc_from_data_source_not_evaluated if {
	inp := object.union(net("data.aws_vpc.main", []), {"vpcs": {"data.aws_vpc.main": {"id": "data.aws_vpc.main", "address": "data.aws_vpc.main"}}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "its VPC data.aws_vpc.main is managed outside this input: the VPC's route tables are not known"}}) with input as inp
}

test_vpc_outside_model_not_evaluated if {
	inp := net("vpc-0123456789abcdef0", [])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "its VPC vpc-0123456789abcdef0 is managed outside this input: the VPC's route tables are not known"}}) with input as inp
}

test_vpc_outside_model_with_route_quiet if {
	route := {"destination": "192.168.0.0/16", "target_kind": "vpn_gateway", "target": "aws_vpn_gateway.vgw"}
	table := object.union(rt("aws_route_table.private", [route], []), {"vpc": "vpc-0123456789abcdef0"})
	inp := net("vpc-0123456789abcdef0", [table])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_vgw_outside_model_not_evaluated if {
	inp := json.patch(net("", []), [
		{"op": "replace", "path": "/vpn_gateways", "value": {}},
		{"op": "replace", "path": "/vpn_connections/aws_vpn_connection.hq/vpn_gateway", "value": "vgw-0a1b2c3d4e5f60718"},
	])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "its VGW vgw-0a1b2c3d4e5f60718 is outside this input: its VPC attachment and route tables are not known"}}) with input as inp
}

test_unknown_gateway_of_connection_not_evaluated if {
	inp := json.patch(net("", []), [
		{"op": "replace", "path": "/vpn_gateways", "value": {}},
		{"op": "replace", "path": "/vpn_connections/aws_vpn_connection.hq/vpn_gateway", "value": ""},
		{"op": "add", "path": "/vpn_connections/aws_vpn_connection.hq/unknown", "value": ["vpn_gateway"]},
	])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "its VGW is not known until apply"}}) with input as inp
}

# A route or a propagation whose route table cannot be resolved (route_table_id
# through a local) makes the routes, or the propagations, of every table
# unknown: the VGW is not evaluated, never "not routed".
test_unresolved_route_or_propagation_not_evaluated if {
	routes_open := object.union(rt("aws_route_table.private", [local_route], []), {"unknown": ["routes"]})
	inp := net("aws_vpc.main", [routes_open, rt("aws_route_table.public", [local_route, igw_route], [])])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_gateway.vgw", "reason": "the routes or route propagations of aws_route_table.private are not all known until apply (a route or propagation whose route table cannot be resolved may be there)"}}) with input as inp
}
