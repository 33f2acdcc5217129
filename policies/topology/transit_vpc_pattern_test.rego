package netlint.rules.topology.transit_vpc_pattern_test

import data.netlint.assert
import data.netlint.rules.topology.transit_vpc_pattern as rule

vpc(id, cidr) := {"id": id, "address": id, "cidrs": [cidr]}

vpcs := {
	"aws_vpc.transit": vpc("aws_vpc.transit", "10.0.0.0/16"),
	"aws_vpc.a": vpc("aws_vpc.a", "10.1.0.0/16"),
	"aws_vpc.b": vpc("aws_vpc.b", "10.2.0.0/16"),
}

instance(id, az) := {"id": id, "address": id, "az": az, "source_dest_check": false}

routers := {
	"aws_instance.router[0]": instance("aws_instance.router[0]", "us-east-1a"),
	"aws_instance.router[1]": instance("aws_instance.router[1]", "us-east-1b"),
}

table(id, vpc_id, routes) := {"id": id, "address": id, "vpc": vpc_id, "subnets": [], "routes": routes}

route(dest, kind, target) := {"destination": dest, "target_kind": kind, "target": target}

hub_tables(dest) := {
	"aws_route_table.transit_a": table("aws_route_table.transit_a", "aws_vpc.transit", [route(dest, "instance", "aws_instance.router[0]")]),
	"aws_route_table.transit_b": table("aws_route_table.transit_b", "aws_vpc.transit", [route(dest, "instance", "aws_instance.router[1]")]),
}

tgw := {"aws_ec2_transit_gateway.hub": {"id": "aws_ec2_transit_gateway.hub", "address": "aws_ec2_transit_gateway.hub"}}

attachments := {
	"aws_ec2_transit_gateway_vpc_attachment.transit": {"id": "aws_ec2_transit_gateway_vpc_attachment.transit", "kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.transit"},
	"aws_ec2_transit_gateway_vpc_attachment.a": {"id": "aws_ec2_transit_gateway_vpc_attachment.a", "kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.a"},
	"aws_ec2_transit_gateway_vpc_attachment.b": {"id": "aws_ec2_transit_gateway_vpc_attachment.b", "kind": "vpc", "transit_gateway": "aws_ec2_transit_gateway.hub", "vpc": "aws_vpc.b"},
}

tgw_table(dest) := {"aws_ec2_transit_gateway_route_table.spokes": {
	"id": "aws_ec2_transit_gateway_route_table.spokes", "transit_gateway": "aws_ec2_transit_gateway.hub",
	"routes": [{"destination": dest, "attachment": "aws_ec2_transit_gateway_vpc_attachment.transit"}],
}}

tgw_network(hub_dest, tgw_dest) := {
	"vpcs": vpcs,
	"instances": routers,
	"transit_gateways": tgw,
	"tgw_attachments": attachments,
	"tgw_route_tables": tgw_table(tgw_dest),
	"peerings": {},
	"route_tables": object.union(hub_tables(hub_dest), {
		"aws_route_table.a": table("aws_route_table.a", "aws_vpc.a", [route("0.0.0.0/0", "transit_gateway", "aws_ec2_transit_gateway.hub")]),
		"aws_route_table.b": table("aws_route_table.b", "aws_vpc.b", [route("192.168.0.0/16", "transit_gateway", "aws_ec2_transit_gateway.hub")]),
	}),
}

test_hub_behind_transit_gateway_fires if {
	inp := tgw_network("192.168.0.0/16", "192.168.0.0/16")
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VPC aws_vpc.transit is a transit VPC: 2 other VPCs send their traffic for 192.168.0.0/16 into it (aws_vpc.a via aws_ec2_transit_gateway.hub; aws_vpc.b via aws_ec2_transit_gateway.hub), and it hands that traffic to the EC2 appliances aws_instance.router[0] (us-east-1a), aws_instance.router[1] (us-east-1b) (route table aws_route_table.transit_a: 192.168.0.0/16; route table aws_route_table.transit_b: 192.168.0.0/16); a Transit Gateway with VPN attachments does this as a managed, redundant service")
	assert.equals(f.resources, ["aws_vpc.transit", "aws_instance.router[0]", "aws_instance.router[1]", "aws_vpc.a", "aws_vpc.b"])
	assert.empty(rule.not_evaluated) with input as inp
}

peering(id, spoke) := {"id": id, "address": id, "requester_vpc": spoke, "accepter_vpc": "aws_vpc.transit", "status": "active"}

test_hub_behind_peerings_fires if {
	inp := {
		"vpcs": vpcs,
		"instances": routers,
		"peerings": {
			"aws_vpc_peering_connection.a": peering("aws_vpc_peering_connection.a", "aws_vpc.a"),
			"aws_vpc_peering_connection.b": peering("aws_vpc_peering_connection.b", "aws_vpc.b"),
		},
		"route_tables": object.union(hub_tables("172.16.0.0/12"), {
			"aws_route_table.a": table("aws_route_table.a", "aws_vpc.a", [route("172.16.0.0/12", "vpc_peering_connection", "aws_vpc_peering_connection.a")]),
			"aws_route_table.b": table("aws_route_table.b", "aws_vpc.b", [route("172.16.8.0/24", "vpc_peering_connection", "aws_vpc_peering_connection.b")]),
		}),
	}
	findings := rule.deny with input as inp
	some f in findings
	contains(f.msg, "(aws_vpc.a via peering aws_vpc_peering_connection.a; aws_vpc.b via peering aws_vpc_peering_connection.b)")
}

test_one_spoke_quiet if {
	inp := object.union(tgw_network("192.168.0.0/16", "192.168.0.0/16"), {"route_tables": {"aws_route_table.b": table("aws_route_table.b", "aws_vpc.b", [route("10.0.0.0/16", "transit_gateway", "aws_ec2_transit_gateway.hub")])}})
	assert.empty(rule.deny) with input as inp
}

test_transit_gateway_not_routing_to_the_hub_quiet if {
	# The spokes reach on-premises over the TGW's own VPN: the TGW sends only the
	# hub's range to the hub attachment.
	inp := tgw_network("192.168.0.0/16", "10.0.0.0/16")
	assert.empty(rule.deny) with input as inp
}

test_central_inspection_vpc_quiet if {
	# A firewall hub that inspects the spokes' own ranges, and a NAT instance
	# default route: neither is on-premises traffic.
	inp := object.union(tgw_network("10.0.0.0/8", "0.0.0.0/0"), {"route_tables": {
		"aws_route_table.b": table("aws_route_table.b", "aws_vpc.b", [route("0.0.0.0/0", "transit_gateway", "aws_ec2_transit_gateway.hub")]),
		"aws_route_table.transit_nat": table("aws_route_table.transit_nat", "aws_vpc.transit", [route("0.0.0.0/0", "instance", "aws_instance.router[0]")]),
	}})
	assert.empty(rule.deny) with input as inp
}

test_unknown_spoke_target_not_evaluated if {
	inp := object.union(tgw_network("192.168.0.0/16", "192.168.0.0/16"), {"route_tables": {"aws_route_table.b": table("aws_route_table.b", "aws_vpc.b", [{"destination": "192.168.0.0/16", "target_kind": "transit_gateway", "unknown": ["target"]}])}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route_table.b", "reason": "a route's target is not known until apply: it may make its VPC one more spoke of a transit VPC"}}) with input as inp
}

test_spoke_of_unknown_ranges_not_evaluated if {
	ipam := {"aws_vpc.b": {"id": "aws_vpc.b", "cidrs": [], "unknown": ["cidrs"]}}
	inp := object.union(tgw_network("192.168.0.0/16", "192.168.0.0/16"), {"vpcs": ipam})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_route_table.b", "reason": "it routes to a transit VPC, but its VPC's address ranges are not known until apply"}}) with input as inp
}

test_dual_stack_vpcs_of_unknown_ipv6_ranges_judged_for_ipv4 if {
	# Hub and spoke are dual-stack with IPv6 blocks AWS assigns on apply; they
	# route only IPv4 ranges through the hub.
	dual_stack := {id: object.union(v, {"unknown": ["ipv6_cidrs"]}) | some id, v in vpcs}
	inp := object.union(tgw_network("192.168.0.0/16", "192.168.0.0/16"), {"vpcs": dual_stack})
	assert.size(rule.deny, 1) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# The classic transit VPC: spokes' VGW VPNs end on the hub's appliances.

subnet(id, vpc_id) := {"id": id, "address": id, "vpc": vpc_id}

classic_network(spokes, appliance) := {
	"vpcs": object.union(vpcs, {"aws_vpc.c": vpc("aws_vpc.c", "10.3.0.0/16")}),
	"subnets": {
		"aws_subnet.transit_a": subnet("aws_subnet.transit_a", "aws_vpc.transit"),
		"aws_subnet.transit_b": subnet("aws_subnet.transit_b", "aws_vpc.transit"),
	},
	"instances": {
		"aws_instance.vpn[0]": object.union(instance("aws_instance.vpn[0]", "us-east-1a"), {"subnet": "aws_subnet.transit_a"}),
		"aws_instance.vpn[1]": object.union(instance("aws_instance.vpn[1]", "us-east-1b"), {"subnet": "aws_subnet.transit_b"}),
	},
	"customer_gateways": {
		"aws_customer_gateway.vpn[0]": object.union({"id": "aws_customer_gateway.vpn[0]", "address": "aws_customer_gateway.vpn[0]"}, appliance[0]),
		"aws_customer_gateway.vpn[1]": object.union({"id": "aws_customer_gateway.vpn[1]", "address": "aws_customer_gateway.vpn[1]"}, appliance[1]),
	},
	"vpn_gateways": {sprintf("aws_vpn_gateway.%s", [s]): {"id": sprintf("aws_vpn_gateway.%s", [s]), "address": sprintf("aws_vpn_gateway.%s", [s]), "vpc": sprintf("aws_vpc.%s", [s])} | some s in spokes},
	"vpn_connections": {sprintf("aws_vpn_connection.%s[%d]", [s, i]): {
		"id": sprintf("aws_vpn_connection.%s[%d]", [s, i]),
		"vpn_gateway": sprintf("aws_vpn_gateway.%s", [s]),
		"customer_gateway": sprintf("aws_customer_gateway.vpn[%d]", [i]),
	} |
		some s in spokes
		some i in [0, 1]
	},
	"route_tables": {},
	"peerings": {},
}

known_appliances := [{"appliance": "aws_instance.vpn[0]"}, {"appliance": "aws_instance.vpn[1]"}]

test_classic_vpn_transit_vpc_fires if {
	findings := rule.deny with input as classic_network(["a", "b", "c"], known_appliances)
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VPC aws_vpc.transit is a transit VPC: the EC2 appliances aws_instance.vpn[0] (us-east-1a), aws_instance.vpn[1] (us-east-1b) are the customer gateways of the Site-to-Site VPN connections of 3 other VPCs (aws_vpc.a via its virtual private gateway aws_vpn_gateway.a; aws_vpc.b via its virtual private gateway aws_vpn_gateway.b; aws_vpc.c via its virtual private gateway aws_vpn_gateway.c), so their traffic between each other and to remote networks goes through instances you run; a Transit Gateway with VPN and VPC attachments does this as a managed, redundant service")
	assert.equals(f.resources, ["aws_vpc.transit", "aws_instance.vpn[0]", "aws_instance.vpn[1]", "aws_vpc.a", "aws_vpc.b", "aws_vpc.c"])
	assert.empty(rule.not_evaluated) with input as classic_network(["a", "b", "c"], known_appliances)
}

test_classic_vpn_one_spoke_quiet if {
	assert.empty(rule.deny) with input as classic_network(["a"], known_appliances)
}

test_classic_vpn_on_premises_gateways_quiet if {
	assert.empty(rule.deny) with input as classic_network(["a", "b", "c"], [{}, {}])
	assert.empty(rule.not_evaluated) with input as classic_network(["a", "b", "c"], [{}, {}])
}

test_classic_vpn_unknown_appliance_not_evaluated if {
	inp := classic_network(["a", "b"], [{"unknown": ["appliance"]}, {"appliance": "aws_instance.vpn[1]", "unknown": []}])
	assert.empty(rule.deny) with input as classic_network(["a"], [{"unknown": ["appliance"]}, {"appliance": "aws_instance.vpn[1]"}])
	assert.equals(rule.not_evaluated, {{"resource": "aws_customer_gateway.vpn[0]", "reason": "the appliance behind its IP address is not known until apply (an Elastic IP attached on apply)"}}) with input as inp
}
