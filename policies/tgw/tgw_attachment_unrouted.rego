# METADATA
# title: A Transit Gateway attachment can send nothing
# description: |-
#   A Transit Gateway routes what an attachment sends by the one route table the
#   attachment is associated with (facts sheet §3: "Each attachment is associated
#   with exactly one route table"). An attachment associated with no route table,
#   or with a table that holds no route (no propagation and no static route), has
#   every packet it sends dropped: its VPC, VPN, Direct Connect gateway or peer
#   reaches nothing through the Transit Gateway.
#
#   AWS associates a new attachment with the Transit Gateway's default route table
#   only when both the Transit Gateway (default_route_table_association, default
#   enable) and the attachment (transit_gateway_default_route_table_association,
#   default true) ask for it; otherwise only an explicit association
#   (aws_ec2_transit_gateway_route_table_association) places it in a table. VPN,
#   Direct Connect gateway and peering attachments follow the Transit Gateway's
#   defaults. When both defaults are disabled, AWS creates no default route table.
#
#   The rule judges only tables whose whole content is known: created in the plan
#   or read from state or the live account. A table with unknown links, one read
#   by a data source or outside the model, and the default route table of a
#   Transit Gateway that propagates attachments into it by default (every later
#   attachment, including those of other configurations, adds routes) leave the
#   attachment not evaluated.
#
#   Design guide, table "VPC-to-VPC connectivity options": a Transit Gateway is
#   "AWS provided regional router connectivity", a "Regional hub up to 5k
#   attachments"; its route tables decide what each attachment reaches, and an
#   attachment without routes is joined to the hub but reaches nothing.
# custom:
#   id: NL604
#   name: tgw-attachment-unrouted
#   severity: error
#   fixtures: [fire-default-table-empty, fire-unassociated, quiet]
#   remediation: |-
#     Associate the attachment with a route table, and give that table routes:
#     propagate the attachments it should reach, or add static routes.
#
#     ```hcl
#     resource "aws_ec2_transit_gateway_route_table_association" "spoke" {
#       transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.spoke.id
#       transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
#     }
#
#     resource "aws_ec2_transit_gateway_route_table_propagation" "shared" {
#       transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.shared.id
#       transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
#     }
#
#     resource "aws_ec2_transit_gateway_route" "egress" {
#       destination_cidr_block         = "0.0.0.0/0"
#       transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.egress.id
#       transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spokes.id
#     }
#     ```
package netlint.rules.tgw.tgw_attachment_unrouted

import data.netlint.lib
import data.netlint.lib.origin
import data.netlint.lib.tgw as tgwlib

# judged are the attachments this configuration makes or the account holds: one
# a data source reads was made, and is associated, elsewhere.
judged := {id: a |
	some id, a in input.tgw_attachments
	not origin.data_source(a)
	not lib.unknown(a, "transit_gateway")
	input.transit_gateways[a.transit_gateway]
}

tgw_of(a) := input.transit_gateways[a.transit_gateway]

# explicit maps an attachment to the route tables whose associations name it.
explicit := {att: rts |
	some att in {att | some rt in input.tgw_route_tables; some att in tgwlib.items(rt.associations)}
	rts := {rt_id |
		some rt_id, rt in input.tgw_route_tables
		att in tgwlib.items(rt.associations)
	}
}

explicit_tables(id) := object.get(explicit, id, set())

# default_tables maps a TGW to its default route tables in the model.
default_tables := {tgw: rts |
	some tgw in {rt.transit_gateway | some rt in input.tgw_route_tables; rt.default == true}
	rts := {rt_id |
		some rt_id, rt in input.tgw_route_tables
		rt.default == true
		not lib.unknown(rt, "transit_gateway")
		rt.transit_gateway == tgw
	}
}

# flag is a boolean field's known value.
flag(el, field) := object.get(el, field, false) if not lib.unknown(el, field)

# default_applies is true when AWS associates the attachment with its TGW's
# default route table.
default_applies(a, g) if {
	flag(a, "default_association") == true
	flag(g, "default_route_table_association") == true
}

# no_default_reason says why AWS does not associate the attachment with the
# default route table; undefined when it does, or when that is not known.
no_default_reason(a, g) := "the TGW's default route table association is disabled" if {
	flag(g, "default_route_table_association") == false
} else := "the attachment opts out of the default route table association" if {
	flag(a, "default_association") == false
}

# associated_tables are the route tables the attachment is associated with;
# undefined when they cannot be known (the default applies but the default table
# is not in the model, or whether it applies is unknown).
associated_tables(id, a, g) := explicit_tables(id) | ts if {
	default_applies(a, g)
	ts := object.get(default_tables, g.id, set())
	count(ts) > 0
} else := explicit_tables(id) if no_default_reason(a, g)

# associations maps every judged attachment whose route tables can be known to
# them (computed once: the rules below read it).
associations := {id: ts |
	some id, a in judged
	ts := associated_tables(id, a, tgw_of(a))
}

# association_hidden is true when an association of the attachment may be missing
# from the model: a route table of its TGW (or of an unknown TGW) whose
# associations are unknown.
association_hidden(a) if {
	some rt in input.tgw_route_tables
	lib.unknown(rt, "associations")
	same_tgw(rt, a.transit_gateway)
}

same_tgw(rt, _) if lib.unknown(rt, "transit_gateway")

same_tgw(rt, tgw) if {
	not lib.unknown(rt, "transit_gateway")
	rt.transit_gateway == tgw
}

# default_propagators are the TGWs with an attachment that propagates to the
# default route table by default.
default_propagators := {a.transit_gateway |
	some a in input.tgw_attachments
	not lib.unknown(a, "transit_gateway")
	flag(a, "default_propagation") == true
}

# has_route is true for a route table that holds a route: a static route
# (blackhole included: an isolation table is a choice), a propagation, or, for
# the default table, an attachment that propagates into it by default.
has_route(rt, _) if count(tgwlib.items(object.get(rt, "routes", []))) > 0

has_route(rt, _) if count(tgwlib.items(object.get(rt, "propagations", []))) > 0

has_route(rt, g) if {
	rt.default == true
	flag(g, "default_route_table_propagation") == true
	g.id in default_propagators
}

# known_empty is true for a route table known to hold no route: nothing about it
# is unknown, it is not read by a data source (which lists no routes), and no
# route or propagation of the model may land in it unseen.
known_empty(rt_id, g) if {
	rt := input.tgw_route_tables[rt_id]
	count(object.get(rt, "unknown", [])) == 0
	not origin.data_source(rt)
	not has_route(rt, g)
	not default_fed(rt, g)
	count(unplaced) == 0
}

# default_fed is true for a default route table that AWS fills as attachments
# come, from this configuration or another: the TGW propagates every new
# attachment into it by default. The live account shows what it holds now.
default_fed(rt, g) if {
	rt.default == true
	lib.unknown(g, "default_route_table_propagation")
}

default_fed(rt, g) if {
	rt.default == true
	flag(g, "default_route_table_propagation") == true
	not origin.live(g)
}

# unplaced are stand-in route tables the loader could not identify (a route or
# propagation into a table it cannot follow) that hold content: any table may be
# the one that receives it.
unplaced := {id |
	some id, rt in input.tgw_route_tables
	origin.planned(rt)
	every field in ["transit_gateway", "associations", "propagations"] {
		lib.unknown(rt, field)
	}
	count(tgwlib.items(object.get(rt, "routes", []))) + count(tgwlib.items(object.get(rt, "propagations", []))) > 0
}

# Associated with no route table.
deny contains f if {
	some id, a in unassociated
	g := tgw_of(a)
	msg := sprintf("%s is associated with no route table of TGW %s (%s, and no route table association names the attachment): the TGW drops everything the attachment sends", [
		name(a), lib.addr(g), no_default_reason(a, g),
	])
	f := lib.finding(msg, [id, a.transit_gateway])
}

unassociated := {id: a |
	some id, ts in associations
	count(ts) == 0
	a := judged[id]
	not origin.data_source(tgw_of(a))
	not association_hidden(a)
}

# Associated only with route tables known to hold no route.
deny contains f if {
	some id, ts in empty_associations
	a := input.tgw_attachments[id]
	g := tgw_of(a)
	msg := sprintf("%s is associated with %s, which holds no route (no propagation, no static route): the TGW drops everything the attachment sends", [
		name(a), concat(" and ", [table_name(t, g) | some t in ts]),
	])
	f := lib.finding(msg, array.concat([id], ts))
}

empty_associations := {id: sort(ts) |
	some id, ts in associations
	count(ts) > 0
	g := tgw_of(judged[id])
	every t in ts {
		known_empty(t, g)
	}
}

# name names an attachment for messages; the one AWS creates for a VPN
# connection or a Direct Connect gateway association by what creates it.
name(a) := sprintf("the TGW attachment of %s", [trim_suffix(lib.addr(a), "#attachment")]) if {
	endswith(lib.addr(a), "#attachment")
} else := lib.addr(a)

table_name(rt_id, g) := sprintf("the default route table of TGW %s", [lib.addr(g)]) if {
	endswith(rt_id, "#default_route_table")
} else := sprintf("route table %s of TGW %s", [lib.addr(input.tgw_route_tables[rt_id]), lib.addr(g)]) if {
	not lib.unknown(input.tgw_route_tables[rt_id], "transit_gateway")
} else := sprintf("route table %s", [lib.addr(input.tgw_route_tables[rt_id])])

# routed are the attachments whose route table is known and holds a route.
routed := {id |
	some id, ts in associations
	g := tgw_of(judged[id])
	some t in ts
	has_route(input.tgw_route_tables[t], g)
}

# Every other attachment: its TGW, association or table is not known.
not_evaluated contains {"resource": id, "reason": skip_reason(id, a)} if {
	some id, a in input.tgw_attachments
	not unassociated[id]
	not empty_associations[id]
	not id in routed
}

# skip_reason says why an attachment is not evaluated, first cause first.
skip_reason(id, a) := "it is read by a data source: another configuration makes and associates it" if {
	origin.data_source(a)
} else := "its TGW is not known until apply" if {
	lib.unknown(a, "transit_gateway")
} else := sprintf("its TGW %s is outside this input", [object.get(a, "transit_gateway", "")]) if {
	not input.transit_gateways[object.get(a, "transit_gateway", "")]
} else := reason if {
	not associations[id]
	reason := default_reason(a, tgw_of(a))
} else := sprintf("TGW %s is read by a data source: another configuration may associate the attachment", [lib.addr(tgw_of(a))]) if {
	count(associations[id]) == 0
	origin.data_source(tgw_of(a))
} else := sprintf("a route table association on TGW %s is not known until apply", [lib.addr(tgw_of(a))]) if {
	count(associations[id]) == 0
} else := concat("; ", [table_reason(t, tgw_of(a)) | some t in sort(associations[id]); not known_empty(t, tgw_of(a))])

default_reason(a, g) := sprintf("the default route table of TGW %s is not in this input", [lib.addr(g)]) if {
	default_applies(a, g)
} else := "whether AWS associates it with the TGW's default route table is not known until apply"

# table_reason says why what a route table holds is not known.
table_reason(rt_id, g) := sprintf("what %s holds is not known until apply", [table_name(rt_id, g)]) if {
	count(input.tgw_route_tables[rt_id].unknown) > 0
} else := sprintf("%s is read by a data source, which lists no routes", [table_name(rt_id, g)]) if {
	origin.data_source(input.tgw_route_tables[rt_id])
} else := sprintf("TGW %s propagates new attachments into its default route table, those of other configurations included", [lib.addr(g)]) if {
	default_fed(input.tgw_route_tables[rt_id], g)
} else := "a route or propagation goes to a route table the input cannot identify"
