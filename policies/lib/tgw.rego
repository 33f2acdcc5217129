# Helpers for the Transit Gateway rules (NL6xx).
#
# The subnet-zone helpers (zone, zones, single_zone, ...) are used by the
# PrivateLink (NL702) and Client VPN (NL801) rules too: all three judge how a
# set of subnets spreads over Availability Zones in the same way.
package netlint.lib.tgw

import data.netlint.lib

# items is a list field of the input as an array: Go writes an empty list as null.
items(v) := v if is_array(v)

else := []

# zone is the Availability Zone of a subnet of the model: its AZ name, else its AZ
# ID. It is undefined when the subnet is not in the model (the link holds a raw
# AWS id) or its AZ is unknown at plan time.
zone(subnet_id) := z if {
	s := input.subnets[subnet_id]
	not lib.unknown(s, "az")
	z := object.get(s, "az", "")
	z != ""
} else := z if {
	s := input.subnets[subnet_id]
	not lib.unknown(s, "az_id")
	z := object.get(s, "az_id", "")
	z != ""
}

# zones_known is true when the zone of every subnet is known.
zones_known(subnet_ids) if {
	every id in subnet_ids {
		zone(id)
	}
}

# zones is the set of zones of the subnets whose zone is known.
zones(subnet_ids) := {z | some id in subnet_ids; z := zone(id)}

# single_zone is the one zone of a non-empty set of subnets that all sit in it;
# undefined when the subnets span two zones or a zone is unknown.
single_zone(subnet_ids) := z if {
	count(subnet_ids) > 0
	zones_known(subnet_ids)
	zs := zones(subnet_ids)
	count(zs) == 1
	some z in zs
}

# subnet_list names subnets for messages, by address, sorted.
subnet_list(subnet_ids) := concat(", ", sort({name |
	some id in subnet_ids
	name := subnet_name(id)
}))

subnet_name(id) := lib.addr(s) if s := input.subnets[id]

else := id

# zones_by_vpc groups the known zones of every subnet by VPC. The indexes of
# this file are complete rules built from comprehensions, grouped through an
# equality between the element and the outer key that OPA indexes: each costs
# about one pass over the input. A partial rule `x[key] contains v` is rebuilt
# element by element, which is quadratic in OPA, and a lookup `x[key]` in a
# partial rule re-evaluates its body for every key.
zones_by_vpc := {vpc: zs |
	some vpc in {s.vpc | some s in input.subnets}
	zs := {z |
		some id, s in input.subnets
		s.vpc == vpc
		z := zone(id)
	}
}

# other_zones lists, sorted, the zones other than z that the VPC has subnets in:
# the zones a fix would add.
other_zones(vpc_id, z) := sort(zones_by_vpc[vpc_id] - {z}) if zones_by_vpc[vpc_id]

else := []

# in_one_zone describes subnets that all sit in zone z, for messages:
# "subnet aws_subnet.a in us-east-1a", "subnets aws_subnet.a, aws_subnet.b, all in us-east-1a".
in_one_zone(subnet_ids, z) := sprintf("subnet %s in %s", [subnet_list(subnet_ids), z]) if {
	count({id | some id in subnet_ids}) == 1
} else := sprintf("subnets %s, all in %s", [subnet_list(subnet_ids), z])

vpc_name(id) := name if {
	name := lib.addr(input.vpcs[id])
} else := id if {
	id != ""
} else := "its VPC"

# tgw_name names a transit gateway for messages: its address when it is in the
# model, else the id the link holds.
tgw_name(id) := name if {
	name := lib.addr(input.transit_gateways[id])
} else := id if {
	id != ""
} else := "its transit gateway"

# kind_order lists the attachment kinds present among [kind, id] members in the
# order messages give them: VPC, VPN, Direct Connect gateway, Connect, peering,
# then any other kind.
kind_order(members) := array.concat(
	[k | some k in known_kinds; present[k]],
	sort(present - {k | some k in known_kinds}),
) if {
	present := {m[0] | some m in members}
}

known_kinds := ["vpc", "vpn", "direct_connect_gateway", "connect", "peering"]

# kind_label is how messages name an attachment kind.
kind_label := {
	"vpc": "VPC",
	"vpn": "VPN",
	"peering": "peering",
	"direct_connect_gateway": "Direct Connect gateway",
	"connect": "Connect",
}

# attachments groups every attachment of every transit gateway, as [kind, id]
# pairs: the attachment elements, plus what AWS attaches implicitly and the
# model may hold only on the other side (a VPN connection on a TGW, a Direct
# Connect gateway association, the accepter side of a peering with both TGWs in
# the model).
attachments := {tgw: members |
	some tgw in attached_tgws
	elements := {[a.kind, id] |
		some id, a in input.tgw_attachments
		a.transit_gateway == tgw
		not lib.unknown(a, "transit_gateway")
	}
	vpns := {["vpn", id] |
		some id, v in input.vpn_connections
		v.transit_gateway == tgw
		not vpn_attachment_modelled(id, v)
	}
	dx := {["direct_connect_gateway", id] |
		some id, d in input.dx_gateway_associations
		d.gateway == tgw
		not dx_attached[[tgw, d.dx_gateway]]
	}
	accepted := {["peering", id] |
		some id, a in peering_attachments
		a.peer_transit_gateway == tgw
		not peering_pairs[[tgw, a.transit_gateway]]
	}
	members := ((elements | vpns) | dx) | accepted
}

attached_tgws := (({a.transit_gateway |
	some a in input.tgw_attachments
	a.transit_gateway != ""
} | {v.transit_gateway |
	some v in input.vpn_connections
	v.transit_gateway != ""
}) | {d.gateway |
	some d in input.dx_gateway_associations
	input.transit_gateways[d.gateway]
}) | {a.peer_transit_gateway |
	some a in peering_attachments
	input.transit_gateways[a.peer_transit_gateway]
}

peering_attachments := {id: a |
	some id, a in input.tgw_attachments
	a.kind == "peering"
}

vpn_attachment_modelled(id, _) if vpn_with_attachment[id]

vpn_attachment_modelled(_, v) if input.tgw_attachments[v.tgw_attachment]

vpn_with_attachment := {a.vpn_connection |
	some a in input.tgw_attachments
	a.vpn_connection != ""
}

dx_attached := {[a.transit_gateway, a.dx_gateway] |
	some a in input.tgw_attachments
	a.kind == "direct_connect_gateway"
}

# peering_pairs holds [tgw, peer tgw] for every peering attachment element: when
# both [a, b] and [b, a] are present, the accepter side is modelled separately.
peering_pairs := {[a.transit_gateway, a.peer_transit_gateway] | some a in peering_attachments}

# peering_ids are the ids a route may use to point at peering attachment id: its
# own, and the accepter-side element's when the model holds one.
peering_ids(id) := {id} | object.get(peering_by_pair, [[a.peer_transit_gateway, a.transit_gateway]], set()) if {
	a := peering_attachments[id]
}

# peering_by_pair indexes the peering attachment elements by [tgw, peer tgw].
peering_by_pair := {[tgw, peer]: ids |
	some [tgw, peer] in peering_pairs
	ids := {id |
		some id, a in peering_attachments
		a.transit_gateway == tgw
		a.peer_transit_gateway == peer
	}
}

# routed holds [tgw, attachment] for every static route of a route table of the
# TGW that sends traffic to the attachment.
routed := {[rt.transit_gateway, r.attachment] |
	some rt in input.tgw_route_tables
	not lib.unknown(rt, "transit_gateway")
	some r in items(rt.routes)
	not r.blackhole
	r.attachment != ""
}

# routed_somewhere holds attachments routed to from a route table whose TGW is
# unknown: such a route may serve either side.
routed_somewhere := {r.attachment |
	some rt in input.tgw_route_tables
	lib.unknown(rt, "transit_gateway")
	some r in items(rt.routes)
	not r.blackhole
	r.attachment != ""
}

# unknown_target holds TGWs with a route whose attachment is unknown, and "" for
# route tables whose TGW is unknown: a route of theirs may point anywhere.
unknown_target := {table_tgw(rt) |
	some rt in input.tgw_route_tables
	some r in items(rt.routes)
	"attachment" in r.unknown
}

table_tgw(rt) := "" if lib.unknown(rt, "transit_gateway")

else := rt.transit_gateway
