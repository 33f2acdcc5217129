# METADATA
# title: AWS will refuse a VPC or subnet address block
# description: |-
#   AWS checks a VPC's and a subnet's IPv4 blocks when they are created, and a plan
#   that breaks its rules fails at apply (facts sheet §10, VPC User Guide "VPC CIDR
#   blocks" and "Subnet CIDR blocks"):
#
#   - a VPC's IPv4 blocks, primary and secondary, and a subnet's IPv4 block are
#     from /16 to /28 (IPv6 blocks have sizes of their own and are not judged here);
#   - a subnet lies within one of its VPC's IPv4 blocks and overlaps no other
#     subnet of the VPC;
#   - a secondary block must come from a range the primary block allows: with a
#     primary in 10.0.0.0/8, no secondary from 172.16.0.0/12, 192.168.0.0/16 or
#     198.19.0.0/16, and none from 10.0.0.0/16 once any block of the VPC is in
#     10.0.0.0/15; with a primary in 172.16.0.0/12, none from 10.0.0.0/8,
#     192.168.0.0/16, 172.31.0.0/16 or 198.19.0.0/16; with a primary in
#     192.168.0.0/16, none from 10.0.0.0/8, 172.16.0.0/12 or 198.19.0.0/16; with a
#     primary in 198.19.0.0/16, none from an RFC 1918 range; with a public primary
#     or one in 100.64.0.0/10, none from an RFC 1918 range or 198.19.0.0/16;
#   - no block is in 169.254.0.0/16, the link-local range.
#
#   Only what the plan still has to create is judged: a subnet that exists was
#   accepted. A subnet is not evaluated when its block, its VPC or the VPC's blocks
#   are not known, and when it lies outside the known blocks of an existing VPC
#   whose secondary blocks may be managed by another configuration.
#
#   Design guide, "Network-to-VPC connectivity options": every option starts from
#   VPCs whose addressing is planned ("Use non-overlapping IP ranges for each
#   network being connected"); a block AWS refuses stops the plan before any of
#   them is built.
# custom:
#   id: NL002
#   name: vpc-addressing-invalid
#   severity: error
#   fixtures: [fire-subnets, fire-vpc-blocks, quiet]
#   remediation: |-
#     Size VPC and subnet blocks from /16 to /28, carve subnets out of the VPC's
#     blocks without overlap, keep clear of 169.254.0.0/16, and pick secondary
#     blocks the primary allows (100.64.0.0/10 goes with any primary):
#
#     ```hcl
#     resource "aws_vpc" "main" {
#       cidr_block = "10.20.0.0/16"
#     }
#
#     resource "aws_vpc_ipv4_cidr_block_association" "pods" {
#       vpc_id     = aws_vpc.main.id
#       cidr_block = "100.64.0.0/16" # not 192.168.0.0/16 with a 10/8 primary
#     }
#
#     resource "aws_subnet" "app" {
#       for_each   = { a = 0, b = 1 }
#       vpc_id     = aws_vpc.main.id
#       cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, each.value) # /24s, no overlap
#     }
#     ```
package netlint.rules.addressing.vpc_addressing_invalid

import data.netlint.lib
import data.netlint.lib.origin

link_local := "169.254.0.0/16"

# blocks are a VPC's valid IPv4 blocks, the primary first.
blocks(vpc) := [c |
	some c in object.get(vpc, "cidrs", [])
	ipv4(c)
]

ipv4(c) if {
	is_string(c)
	net.cidr_is_valid(c)
	not contains(c, ":")
}

# sized is true for a block from /16 to /28.
sized(c) if split(c, "/")[1] in block_sizes

block_sizes := {sprintf("%d", [n]) | some n in numbers.range(16, 28)}

# within says which range a block is in, for messages: nothing when the block is
# the range itself.
within(c, r) := "" if c == r

else := sprintf(" in %s", [r])

within_all(cs, r) := "" if {
	every c in cs {
		c == r
	}
} else := sprintf(" in %s", [r])

# The indexes below are built once per evaluation: a plan may hold thousands of
# subnets, and the rule bodies read them rather than recompute per subnet.

# vpc_blocks maps every VPC to its blocks.
vpc_blocks := {id: blocks(vpc) | some id, vpc in input.vpcs}

# judged_vpcs are the VPCs whose blocks are judged: a block the live account
# already holds was accepted.
judged_vpcs := {id: vpc_blocks[id] | some id, vpc in input.vpcs; not origin.live(vpc)}

# ordered_vpcs are the judged VPCs whose blocks are all known, so that the first
# is the primary.
ordered_vpcs := {id: bs | some id, bs in judged_vpcs; not lib.unknown(input.vpcs[id], "cidrs")}

# complete_vpcs are the VPCs for which the model holds every IPv4 block they
# will have when a subnet is created: created by the plan too, or read whole
# (data source, live account), with no block unknown. An existing VPC that
# Terraform manages lists only the primary block and the secondary ones of this
# configuration: another may add more.
complete_vpcs := {id |
	some id, vpc in input.vpcs
	not lib.unknown(vpc, "cidrs")
	count(vpc_blocks[id]) > 0
	settled(vpc)
}

settled(vpc) if origin.planned(vpc)

settled(vpc) if origin.data_source(vpc)

settled(vpc) if origin.live(vpc)

# The subnets: read straight from the input in few passes, since a plan may hold
# thousands. A subnet is judged when the plan creates it (AWS accepted the
# others) and its IPv4 block is known; its VPC must be known and in the model
# for the checks against the VPC.

# unknown_blocks and unknown_vpcs are the subnets whose block, or VPC, is not
# known until apply; existing are the subnets AWS already holds.
unknown_blocks := {id | some id, s in input.subnets; "cidr" in s.unknown}

unknown_vpcs := {id | some id, s in input.subnets; "vpc" in s.unknown}

existing := {id | some id, s in input.subnets; s.aws_id != ""}

# subnet_blocks maps every subnet with a known, valid IPv4 block to it: the one
# pass over all the subnets. The sets are combined with object and set
# operations rather than a negation per subnet, which costs far more.
subnet_blocks := object.remove(
	{id: c | some id, s in input.subnets; c := s.cidr; net.cidr_is_valid(c); indexof(c, ":") == -1},
	unknown_blocks,
)

# planned_blocks maps each subnet to create to its known block.
planned_blocks := object.remove(subnet_blocks, existing)

# modelled are the subnets whose VPC is known and in the model.
modelled := {id | some id, s in input.subnets; input.vpcs[s.vpc]} - unknown_vpcs

# subnet_entries are the subnets with a known block and a known VPC of the
# model, as [VPC, subnet, block]: one pass over what may be thousands, then
# one built-in call for all overlaps and one for all subnets outside their
# VPC's blocks.
subnet_entries := [[input.subnets[id].vpc, id, c] | some id, c in object.filter(subnet_blocks, modelled)]

# overlapping are the pairs of subnets of one VPC whose blocks overlap.
overlapping := netlint.cidr_overlaps_by(subnet_entries)

# outside are the subnets to create whose block lies in none of the VPC's known
# blocks, as [subnet, VPC].
outside contains [e[1], e[0]] if {
	some i in netlint.cidrs_outside(vpc_blocks, subnet_entries)
	e := subnet_entries[i]
	planned_blocks[e[1]]
}

# A VPC block of the wrong size.
deny contains f if {
	some id, bs in judged_vpcs
	some c in bs
	not sized(c)
	msg := sprintf("VPC %s has IPv4 block %s: AWS accepts VPC blocks from /16 to /28", [lib.addr(input.vpcs[id]), c])
	f := lib.finding(msg, [id])
}

# A subnet block of the wrong size.
deny contains f if {
	some id, c in planned_blocks
	not sized(c)
	msg := sprintf("subnet %s has IPv4 block %s: AWS accepts subnet blocks from /16 to /28", [lib.addr(input.subnets[id]), c])
	f := lib.finding(msg, [id])
}

# A block in the link-local range.
deny contains f if {
	some id, bs in judged_vpcs
	some c in bs
	net.cidr_intersects(c, link_local)
	msg := sprintf("VPC %s has IPv4 block %s%s, the link-local range, which AWS never allows in a VPC", [lib.addr(input.vpcs[id]), c, within(c, link_local)])
	f := lib.finding(msg, [id])
}

deny contains f if {
	some m in net.cidr_contains_matches(link_local, planned_blocks)
	id := m[1]
	c := planned_blocks[id]
	msg := sprintf("subnet %s has IPv4 block %s%s, the link-local range, which AWS never allows in a VPC", [lib.addr(input.subnets[id]), c, within(c, link_local)])
	f := lib.finding(msg, [id])
}

# A subnet outside its VPC's blocks, when they are all known.
deny contains f if {
	some [id, vpc_id] in outside
	vpc_id in complete_vpcs
	msg := sprintf("subnet %s (%s) is not inside any IPv4 block of VPC %s (%s): AWS creates a subnet only within its VPC's blocks", [
		lib.addr(input.subnets[id]), planned_blocks[id], lib.addr(input.vpcs[vpc_id]), concat(", ", vpc_blocks[vpc_id]),
	])
	f := lib.finding(msg, [id, vpc_id])
}

# Two subnets of one VPC overlap, one of them still to be created.
deny contains f if {
	some ij in overlapping
	pair := sort([subnet_entries[ij[0]], subnet_entries[ij[1]]])
	[[vpc_id, a, ca], [_, b, cb]] := pair
	some id in [a, b]
	planned_blocks[id]
	msg := sprintf("subnets %s (%s) and %s (%s) of VPC %s overlap: AWS refuses a subnet whose block overlaps another subnet of the VPC", [
		lib.addr(input.subnets[a]), ca, lib.addr(input.subnets[b]), cb, lib.addr(input.vpcs[vpc_id]),
	])
	f := lib.finding(msg, [a, b, vpc_id])
}

# Secondary blocks the primary block's range forbids (facts sheet §10 table).
deny contains f if {
	some id, bs in ordered_vpcs
	count(bs) > 1
	row := primary_row(bs[0])
	some c in array.slice(bs, 1, count(bs))
	some r in row.forbidden
	net.cidr_contains(r, c)
	msg := sprintf("VPC %s has secondary block %s, which AWS refuses with primary block %s: a VPC whose primary block is %s takes no secondary block from %s", [
		lib.addr(input.vpcs[id]), c, bs[0], row.label, r,
	])
	f := lib.finding(msg, [id])
}

rfc1918 := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]

# rows of the table, in order: the first whose range holds the primary applies;
# the last is the public ranges and 100.64.0.0/10.
rows := [
	{"range": "10.0.0.0/8", "label": "in 10.0.0.0/8", "forbidden": ["172.16.0.0/12", "192.168.0.0/16", "198.19.0.0/16"]},
	{"range": "172.16.0.0/12", "label": "in 172.16.0.0/12", "forbidden": ["10.0.0.0/8", "192.168.0.0/16", "172.31.0.0/16", "198.19.0.0/16"]},
	{"range": "192.168.0.0/16", "label": "in 192.168.0.0/16", "forbidden": ["10.0.0.0/8", "172.16.0.0/12", "198.19.0.0/16"]},
	{"range": "198.19.0.0/16", "label": "in 198.19.0.0/16", "forbidden": rfc1918},
]

public_row := {"label": "public or in 100.64.0.0/10", "forbidden": array.concat(rfc1918, ["198.19.0.0/16"])}

primary_row(primary) := row if {
	matches := [r | some r in rows; net.cidr_contains(r.range, primary)]
	row := matches[0]
} else := public_row

# With a primary in 10.0.0.0/8, a secondary from 10.0.0.0/16 is refused once any
# other block of the VPC is in 10.0.0.0/15. Certain when that block is the
# primary (always there first), or when two secondaries are in 10.0.0.0/16
# (whichever comes second is refused).
ten_sixteen := "10.0.0.0/16"

ten_fifteen := "10.0.0.0/15"

# ten_eight maps the VPCs with secondary blocks and a primary in 10.0.0.0/8 to
# their blocks and the secondaries from 10.0.0.0/16.
ten_eight := {id: {"blocks": bs, "restricted": rs} |
	some id, bs in ordered_vpcs
	count(bs) > 1
	net.cidr_contains("10.0.0.0/8", bs[0])
	rs := [c |
		some c in array.slice(bs, 1, count(bs))
		net.cidr_contains(ten_sixteen, c)
	]
}

deny contains f if {
	some id, v in ten_eight
	count(v.restricted) > 0
	net.cidr_contains(ten_fifteen, v.blocks[0])
	msg := sprintf("VPC %s has secondary %s %s%s, which AWS refuses because its primary block %s is in %s", [
		lib.addr(input.vpcs[id]), plural(v.restricted, "block", "blocks"), concat(", ", v.restricted),
		within_all(v.restricted, ten_sixteen), v.blocks[0], ten_fifteen,
	])
	f := lib.finding(msg, [id])
}

deny contains f if {
	some id, v in ten_eight
	count(v.restricted) > 1
	not net.cidr_contains(ten_fifteen, v.blocks[0])
	msg := sprintf("VPC %s has secondary blocks %s, all in %s: once one is associated the VPC has a block in %s, and AWS refuses the others", [
		lib.addr(input.vpcs[id]), concat(", ", v.restricted), ten_sixteen, ten_fifteen,
	])
	f := lib.finding(msg, [id])
}

plural(xs, one, _) := one if count(xs) == 1

plural(xs, _, many) := many if count(xs) != 1

# Elements not evaluated, each with the reason.

# A VPC whose blocks are unknown (an IPAM pool picks them on apply).
not_evaluated contains {"resource": id, "reason": "its IPv4 blocks are not known until apply"} if {
	some id, _ in judged_vpcs
	lib.unknown(input.vpcs[id], "cidrs")
}

# One secondary from 10.0.0.0/16 beside another in 10.0.0.0/15 but not in
# 10.0.0.0/16: AWS refuses the first only if the other is associated before it.
not_evaluated contains {"resource": id, "reason": reason} if {
	some id, v in ten_eight
	count(v.restricted) == 1
	not net.cidr_contains(ten_fifteen, v.blocks[0])
	some c in array.slice(v.blocks, 1, count(v.blocks))
	net.cidr_contains(ten_fifteen, c)
	not net.cidr_contains(ten_sixteen, c)
	reason := sprintf("AWS refuses secondary block %s if %s (in %s) is associated first, and the input does not say which comes first", [
		v.restricted[0], c, ten_fifteen,
	])
}

# A subnet to create whose block is unknown, or whose VPC is unknown or outside
# the model.
not_evaluated contains {"resource": id, "reason": "its IPv4 block is not known until apply"} if {
	some id in (unknown_blocks - existing)
}

not_evaluated contains {"resource": id, "reason": vpc_reason(id)} if {
	some id in (object.keys(planned_blocks) - modelled)
}

vpc_reason(id) := sprintf("its VPC %s is outside this input", [input.subnets[id].vpc]) if {
	not unknown_vpcs[id]
	object.get(input.subnets[id], "vpc", "") != ""
} else := "its VPC is not known until apply"

# A subnet outside the known blocks of a VPC that may have more.
not_evaluated contains {"resource": id, "reason": reason} if {
	some [id, vpc_id] in outside
	not vpc_id in complete_vpcs
	reason := sprintf("its block %s is outside the known blocks of VPC %s (%s), which may have more: %s", [
		planned_blocks[id], lib.addr(input.vpcs[vpc_id]), concat(", ", vpc_blocks[vpc_id]), more_blocks(input.vpcs[vpc_id]),
	])
}

more_blocks(vpc) := "some are not known until apply" if lib.unknown(vpc, "cidrs")

else := "another configuration may associate secondary blocks with this existing VPC"
