package netlint.rules.tgw.tgw_attachment_unrouted_test

import data.netlint.assert
import data.netlint.rules.tgw.tgw_attachment_unrouted as rule

# skipped are the IDs of the elements not evaluated.
skipped(i) := {x.resource | some x in xs} if xs := rule.not_evaluated with input as i

reasons(i) := {x.reason | some x in xs} if xs := rule.not_evaluated with input as i

hub := "aws_ec2_transit_gateway.hub"

default_rt := "aws_ec2_transit_gateway.hub#default_route_table"

tgw(assoc, prop) := {hub: {"id": hub, "address": hub, "amazon_side_asn": 64512, "default_route_table_association": assoc, "default_route_table_propagation": prop}}

att(id, kind, assoc, prop) := {
	"id": id, "address": id, "kind": kind, "transit_gateway": hub,
	"default_association": assoc, "default_propagation": prop,
}

spoke(assoc, prop) := att("aws_ec2_transit_gateway_vpc_attachment.spoke", "vpc", assoc, prop)

table(id, extra) := object.union(
	{"id": id, "address": id, "transit_gateway": hub, "associations": [], "propagations": [], "routes": []},
	extra,
)

default_table(extra) := table(default_rt, object.union({"default": true}, extra))

spokes_rt(extra) := table("aws_ec2_transit_gateway_route_table.spokes", extra)

route(att_id) := {"destination": "10.0.0.0/8", "attachment": att_id}

inp(g, atts, rts) := {
	"transit_gateways": g,
	"tgw_attachments": {a.id: a | some a in atts},
	"tgw_route_tables": {rt.id: rt | some rt in rts},
}

# The usual hub: defaults on, every attachment propagates to the default table.
test_defaults_quiet if {
	i := inp(tgw(true, true), [spoke(true, true)], [default_table({})])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

test_default_association_disabled_on_tgw_fires if {
	i := inp(tgw(false, false), [spoke(true, true)], [])
	findings := rule.deny with input as i
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_ec2_transit_gateway_vpc_attachment.spoke is associated with no route table of TGW aws_ec2_transit_gateway.hub (the TGW's default route table association is disabled, and no route table association names the attachment): the TGW drops everything the attachment sends")
	assert.equals(f.resources, ["aws_ec2_transit_gateway_vpc_attachment.spoke", hub])
}

test_attachment_opting_out_without_association_fires if {
	i := inp(tgw(true, true), [spoke(false, false)], [default_table({})])
	some f in rule.deny with input as i
	contains(f.msg, "(the attachment opts out of the default route table association, and no route table association names the attachment)")
}

# VPN, Direct Connect gateway and peering attachments count as well.
test_vpn_attachment_without_association_fires if {
	vpn := att("aws_vpn_connection.hq#attachment", "vpn", true, true)
	i := inp(tgw(false, false), [vpn], [])
	some f in rule.deny with input as i
	startswith(f.msg, "the TGW attachment of aws_vpn_connection.hq is associated with no route table of TGW aws_ec2_transit_gateway.hub")
	assert.equals(f.resources, ["aws_vpn_connection.hq#attachment", hub])
}

test_explicit_association_to_empty_table_fires if {
	rt := spokes_rt({"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt])
	findings := rule.deny with input as i
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_ec2_transit_gateway_vpc_attachment.spoke is associated with route table aws_ec2_transit_gateway_route_table.spokes of TGW aws_ec2_transit_gateway.hub, which holds no route (no propagation, no static route): the TGW drops everything the attachment sends")
	assert.equals(f.resources, ["aws_ec2_transit_gateway_vpc_attachment.spoke", "aws_ec2_transit_gateway_route_table.spokes"])
}

test_table_with_propagation_quiet if {
	rt := spokes_rt({"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"], "propagations": ["aws_ec2_transit_gateway_vpc_attachment.shared"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

test_table_with_static_route_quiet if {
	rt := spokes_rt({"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"], "routes": [route("aws_ec2_transit_gateway_vpc_attachment.egress")]})
	assert.empty(rule.deny) with input as inp(tgw(false, false), [spoke(false, false)], [rt])
}

# A table of blackhole routes isolates on purpose.
test_blackhole_only_table_quiet if {
	rt := spokes_rt({"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"], "routes": [{"destination": "0.0.0.0/0", "blackhole": true}]})
	assert.empty(rule.deny) with input as inp(tgw(false, false), [spoke(false, false)], [rt])
}

# Default association on, default propagation off, and nothing propagates into
# the default table.
test_default_table_without_propagation_fires if {
	i := inp(tgw(true, false), [spoke(true, true)], [default_table({})])
	some f in rule.deny with input as i
	assert.equals(f.msg, "aws_ec2_transit_gateway_vpc_attachment.spoke is associated with the default route table of TGW aws_ec2_transit_gateway.hub, which holds no route (no propagation, no static route): the TGW drops everything the attachment sends")
	assert.equals(f.resources, ["aws_ec2_transit_gateway_vpc_attachment.spoke", default_rt])
}

test_default_table_with_explicit_propagation_quiet if {
	i := inp(tgw(true, false), [spoke(true, true)], [default_table({"propagations": ["aws_ec2_transit_gateway_vpc_attachment.shared"]})])
	assert.empty(rule.deny) with input as i
}

# With default propagation on, attachments of this or another configuration
# fill the default table as they come.
test_default_table_fed_by_default_propagation_not_evaluated if {
	i := inp(tgw(true, true), [spoke(true, false)], [default_table({})])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
	assert.equals(reasons(i), {"TGW aws_ec2_transit_gateway.hub propagates new attachments into its default route table, those of other configurations included"})
}

test_default_propagation_by_another_attachment_quiet if {
	vpn := att("aws_vpn_connection.hq#attachment", "vpn", true, true)
	i := inp(tgw(true, true), [spoke(true, false), vpn], [default_table({})])
	assert.empty(rule.deny) with input as i
	assert.empty(rule.not_evaluated) with input as i
}

# The live account lists what the default table holds.
test_live_default_table_judged_by_its_lists if {
	g := {"tgw-0hub": {"id": "tgw-0hub", "address": "tgw-0hub", "aws_id": "tgw-0hub", "default_route_table_association": true, "default_route_table_propagation": true}}
	a := {"tgw-attach-0a": {"id": "tgw-attach-0a", "address": "tgw-attach-0a", "aws_id": "tgw-attach-0a", "kind": "vpc", "transit_gateway": "tgw-0hub", "default_association": true, "default_propagation": false}}
	rt := {"tgw-rtb-0d": {"id": "tgw-rtb-0d", "address": "tgw-rtb-0d", "aws_id": "tgw-rtb-0d", "transit_gateway": "tgw-0hub", "default": true, "associations": ["tgw-attach-0a"], "propagations": [], "routes": []}}
	i := {"transit_gateways": g, "tgw_attachments": a, "tgw_route_tables": rt}
	assert.size(rule.deny, 1) with input as i
}

# Both defaults disabled: AWS creates no default table, and the model has none.
test_default_applies_without_default_table_not_evaluated if {
	i := inp(tgw(true, true), [spoke(true, true)], [])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
	assert.equals(reasons(i), {"the default route table of TGW aws_ec2_transit_gateway.hub is not in this input"})
}

test_unknown_default_association_not_evaluated if {
	a := object.union(spoke(false, false), {"unknown": ["default_association"]})
	g := {hub: object.union(tgw(true, true)[hub], {"unknown": ["default_route_table_association"]})}
	i := inp(g, [a], [])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
}

test_table_with_unknown_associations_hides_one if {
	rt := spokes_rt({"unknown": ["associations"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
	assert.equals(reasons(i), {"a route table association on TGW aws_ec2_transit_gateway.hub is not known until apply"})
}

test_table_with_unknown_routes_not_evaluated if {
	rt := spokes_rt({"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"], "unknown": ["routes"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
}

# An association with a table outside the model (the loader's stand-in).
test_table_outside_model_not_evaluated if {
	rt := table("tgw-rtb-0outside", {"transit_gateway": "", "aws_id": "tgw-rtb-0outside", "associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"], "unknown": ["transit_gateway", "associations", "propagations"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
}

# A propagation into a table the loader cannot identify may land in any table.
test_unplaced_propagation_not_evaluated if {
	rt := spokes_rt({"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"]})
	standin := table("aws_ec2_transit_gateway_route_table_propagation.x#route_table", {"transit_gateway": "", "propagations": ["aws_ec2_transit_gateway_vpc_attachment.shared"], "unknown": ["transit_gateway", "associations", "propagations"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt, standin])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
	assert.equals(reasons(i), {"a route or propagation goes to a route table the input cannot identify"})
}

test_data_source_table_not_evaluated if {
	rt := table("data.aws_ec2_transit_gateway_route_table.spokes", {"associations": ["aws_ec2_transit_gateway_vpc_attachment.spoke"]})
	i := inp(tgw(false, false), [spoke(false, false)], [rt])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
}

# A TGW read by a data source is managed, and its associations made, elsewhere.
test_data_source_tgw_not_evaluated if {
	g := {"data.aws_ec2_transit_gateway.hub": {"id": "data.aws_ec2_transit_gateway.hub", "default_route_table_association": false, "default_route_table_propagation": false}}
	a := object.union(spoke(false, false), {"transit_gateway": "data.aws_ec2_transit_gateway.hub"})
	i := inp(g, [a], [])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke"})
}

test_tgw_outside_model_or_unknown_not_evaluated if {
	a := object.union(spoke(false, false), {"transit_gateway": "tgw-0123456789abcdef0"})
	b := object.union(att("aws_ec2_transit_gateway_vpc_attachment.other", "vpc", false, false), {"transit_gateway": "", "unknown": ["transit_gateway"]})
	i := inp(tgw(false, false), [a, b], [])
	assert.empty(rule.deny) with input as i
	assert.equals(skipped(i), {"aws_ec2_transit_gateway_vpc_attachment.spoke", "aws_ec2_transit_gateway_vpc_attachment.other"})
}
