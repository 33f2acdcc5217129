# METADATA
# title: VPC peering builds a mesh a Transit Gateway could replace
# description: |-
#   More than max_peerings peering connections (default 10) join one group of
#   VPCs. Peering is one-to-one and not transitive, so every pair of VPCs that must
#   talk needs its own connection, its own routes in both VPCs' route tables and
#   its own security group rules: a full mesh of n VPCs takes n(n-1)/2 connections,
#   and each new VPC adds one to every VPC it talks to. A Transit Gateway joins the
#   same VPCs with one attachment each and central route tables.
#
#   Design guide, "VPC-to-VPC connectivity options": VPC Peering is "Difficult to
#   manage at scale"; AWS Transit Gateway: "With large number of VPCs, Transit
#   Gateway provides simpler VPC-to-VPC communication management over VPC
#   Peering". A group is every VPC reachable from another through peering
#   connections (deleted, rejected, failed and expired peerings do not count).
# custom:
#   id: NL502
#   name: peering-mesh-scale
#   severity: notice
#   fixtures: [fire-full-mesh, fire-hub-and-spoke, quiet-mesh-at-limit]
#   params:
#     max_peerings:
#       type: integer
#       default: 10
#       description: the most peering connections one group of peered VPCs may have before the rule fires
#   remediation: |-
#     Attach the VPCs to a Transit Gateway and remove the peerings once its routes
#     carry the traffic:
#
#     ```hcl
#     resource "aws_ec2_transit_gateway" "hub" {
#       description = "replaces the VPC peering mesh"
#     }
#
#     resource "aws_ec2_transit_gateway_vpc_attachment" "spoke" {
#       for_each           = var.vpcs # one attachment per VPC of the mesh
#       transit_gateway_id = aws_ec2_transit_gateway.hub.id
#       vpc_id             = each.value.vpc_id
#       subnet_ids         = each.value.tgw_subnet_ids
#     }
#     ```
#
#     Keep a peering only where it pays off (for example very high-volume traffic
#     between two VPCs, which peering carries without the TGW data charge). To allow
#     a larger mesh on purpose, raise max_peerings for NL502 in .netlint.yaml.
package netlint.rules.peering.peering_mesh_scale

import data.netlint.lib

max_peerings := lib.param("NL502", "max_peerings", 10)

# Peerings that no longer exist, or never will, do not add to the mesh.
gone(p) if object.get(p, "status", "") in {"deleted", "deleting", "rejected", "failed", "expired"}

# edges maps each counted peering to its two VPCs.
edges[id] := [a, b] if {
	some id, p in input.peerings
	not gone(p)
	a := object.get(p, "requester_vpc", "")
	b := object.get(p, "accepter_vpc", "")
	a != ""
	b != ""
}

# adjacent is the peering graph: VPC -> peered VPCs.
adjacent[a] contains b if {
	some e in edges
	a := e[0]
	b := e[1]
}

adjacent[b] contains a if {
	some e in edges
	a := e[0]
	b := e[1]
}

# groups are the connected parts of the peering graph. Every group holds a VPC
# whose ID is smaller than all its neighbours' (the group's smallest, at least),
# so searching from those VPCs alone finds every group: one search for a full
# mesh instead of one per VPC.
groups contains graph.reachable(adj, {vpc}) if {
	adj := adjacent
	some vpc, peers in adj
	every peer in peers {
		vpc < peer
	}
}

# group_of maps each VPC to its group's name: the group's smallest VPC ID.
group_of := {vpc: min(g) | some g in groups; some vpc in g}

# members and peerings_of list each group's VPCs and peering connections.
members[min(g)] := g if some g in groups

peerings_of[group] contains id if {
	some id, e in edges
	group := group_of[e[0]]
}

deny contains f if {
	some group, ids in peerings_of
	count(ids) > max_peerings
	vpcs := sort(members[group])
	msg := sprintf(
		"%d VPC peering connections join %d VPCs (%s), more than max_peerings %d. Peering is one-to-one and not transitive, so every pair of VPCs that must talk needs its own peering and routes; a Transit Gateway would join these VPCs with %d attachments instead",
		[count(ids), count(vpcs), vpc_list(vpcs), max_peerings, count(vpcs)],
	)
	f := lib.finding(msg, sort(ids))
}

# vpc_list names up to 12 VPCs, then says how many more there are.
vpc_list(vpcs) := concat(", ", [name(v) | some v in vpcs]) if count(vpcs) <= 12

else := sprintf("%s and %d more", [concat(", ", [name(v) | some v in array.slice(vpcs, 0, 10)]), count(vpcs) - 10])

name(vpc) := lib.addr(input.vpcs[vpc]) if {
	input.vpcs[vpc]
} else := vpc

# A peering whose VPCs are not known cannot be placed in a mesh.
not_evaluated contains {"resource": id, "reason": "the VPC of one of its sides is not known until apply"} if {
	some id, p in input.peerings
	not gone(p)
	not edges[id]
}
