package netlint.rules.peering.peering_unrouted_test

import data.netlint.assert
import data.netlint.rules.peering.peering_unrouted as rule

pcx := {
	"id": "aws_vpc_peering_connection.app_shared", "address": "aws_vpc_peering_connection.app_shared",
	"requester_vpc": "aws_vpc.app", "accepter_vpc": "aws_vpc.shared", "status": "active",
}

table(id, vpc, routes) := {"id": id, "address": id, "vpc": vpc, "routes": routes}

to_peering(dest) := {"address": "aws_route.to_peer", "destination": dest, "target_kind": "vpc_peering_connection", "target": "aws_vpc_peering_connection.app_shared"}

igw := {"destination": "0.0.0.0/0", "target_kind": "internet_gateway", "target": "aws_internet_gateway.main"}

base(app_routes, shared_routes) := {
	"vpcs": {
		"aws_vpc.app": {"id": "aws_vpc.app", "address": "aws_vpc.app", "cidrs": ["10.0.0.0/16"]},
		"aws_vpc.shared": {"id": "aws_vpc.shared", "address": "aws_vpc.shared", "cidrs": ["10.1.0.0/16", "10.2.0.0/16"]},
	},
	"peerings": {pcx.id: pcx},
	"route_tables": {
		"aws_route_table.app": table("aws_route_table.app", "aws_vpc.app", app_routes),
		"aws_route_table.shared": table("aws_route_table.shared", "aws_vpc.shared", shared_routes),
	},
}

test_unrouted_active_peering_fires if {
	findings := rule.deny with input as base([igw], [])
	findings == {{
		"msg": "peering aws_vpc_peering_connection.app_shared between aws_vpc.app and aws_vpc.shared is active, but no route table of either VPC routes to it, so it carries no traffic. Route 10.1.0.0/16, 10.2.0.0/16 in aws_vpc.app's route tables and 10.0.0.0/16 in aws_vpc.shared's to the peering, or delete it",
		"resources": ["aws_vpc_peering_connection.app_shared", "aws_vpc.app", "aws_vpc.shared"],
	}}
}

test_route_on_one_side_quiet if {
	assert.empty(rule.deny) with input as base([to_peering("10.1.0.0/16")], [])
	assert.empty(rule.deny) with input as base([], [to_peering("10.0.0.0/16")])
	assert.empty(rule.not_evaluated) with input as base([to_peering("10.1.0.0/16")], [])
}

test_route_by_aws_id_quiet if {
	inp := object.union(base([{"destination": "10.1.0.0/16", "target_kind": "vpc_peering_connection", "target": "pcx-0abc"}], []), {"peerings": {pcx.id: {"aws_id": "pcx-0abc"}}})
	assert.empty(rule.deny) with input as inp
}

# A plan peering that is neither auto-accepted nor accepted in the plan: pending.
test_pending_plan_peering_not_evaluated if {
	inp := object.union(object.remove(base([], []), ["peerings"]), {"peerings": {pcx.id: object.remove(pcx, ["status"])}})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pcx.id, "reason": "its status is not known until apply (a peering the plan creates may wait for acceptance)"}}) with input as inp
}

test_pending_acceptance_quiet if {
	inp := object.union(base([], []), {"peerings": {pcx.id: {"status": "pending-acceptance"}}})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

# The accepter VPC is in another account: its route tables are not in the input.
test_other_side_not_visible_not_evaluated if {
	inp := {
		"vpcs": {"aws_vpc.app": {"id": "aws_vpc.app", "address": "aws_vpc.app", "cidrs": ["10.0.0.0/16"]}},
		"peerings": {pcx.id: object.union(pcx, {"accepter_vpc": "vpc-0partner", "accepter_cidrs": ["172.31.0.0/16"]})},
		"route_tables": {"aws_route_table.app": table("aws_route_table.app", "aws_vpc.app", [igw])},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pcx.id, "reason": "no route table of vpc-0partner is in the input"}}) with input as inp
}

test_unknown_route_target_not_evaluated if {
	inp := base([{"address": "aws_route.x", "destination": "10.1.0.0/16", "target_kind": "vpc_peering_connection", "unknown": ["target"]}], [])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pcx.id, "reason": "a route table of aws_vpc.app has routes not all known (a route whose route table or target cannot be resolved may be to this peering)"}}) with input as inp
}

test_unknown_peer_cidrs_still_fires if {
	inp := object.union(base([], []), {"vpcs": {"aws_vpc.shared": {"cidrs": [], "unknown": ["cidrs"]}}})
	some f in rule.deny with input as inp
	contains(f.msg, "Route the CIDRs of aws_vpc.shared in aws_vpc.app's route tables and 10.0.0.0/16 in aws_vpc.shared's")
}

# A route whose route table cannot be resolved (route_table_id through a local)
# makes the routes of every table unknown: it may be the route to the peering.
test_route_of_unresolved_table_not_evaluated if {
	inp := json.patch(base([], []), [
		{"op": "add", "path": "/route_tables/aws_route_table.app/unknown", "value": ["routes"]},
		{"op": "add", "path": "/route_tables/aws_route_table.shared/unknown", "value": ["routes"]},
	])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": pcx.id, "reason": "a route table of aws_vpc.app and aws_vpc.shared has routes not all known (a route whose route table or target cannot be resolved may be to this peering)"}}) with input as inp
}
