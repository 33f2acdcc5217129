# METADATA
# title: Transit Gateway VPC attachment uses subnets in one Availability Zone
# description: |-
#   A Transit Gateway VPC attachment places one network interface in each subnet
#   it names, at most one subnet per Availability Zone, and traffic from a VPC
#   reaches the TGW only through an AZ the attachment covers. An attachment whose
#   subnets are all in one AZ ties the whole VPC's connectivity to that AZ: when it
#   fails, every workload of the VPC loses the TGW (its other VPCs, VPN and Direct
#   Connect sites), and resources in other AZs depend on it even while it is up.
#
#   Design guide, "VPC-to-VPC connectivity options": a Transit Gateway is "AWS
#   provided regional router connectivity", a regional service whose
#   availability reaches a VPC only through the AZs its attachment covers. AWS
#   Transit Gateway guide, "Transit gateway attachments to a VPC": resources in
#   an AZ without an attachment subnet cannot reach the transit gateway; name one
#   subnet in each AZ the workloads use, at least two.
# custom:
#   id: NL603
#   name: tgw-attachment-single-az
#   severity: warning
#   fixtures: [fire-single-az, quiet-two-azs, quiet-unresolved-link]
#   remediation: |-
#     Name one subnet (a small dedicated /28 is enough) in every AZ the VPC's
#     workloads use:
#
#     ```hcl
#     resource "aws_ec2_transit_gateway_vpc_attachment" "spoke" {
#       transit_gateway_id = aws_ec2_transit_gateway.hub.id
#       vpc_id             = aws_vpc.spoke.id
#       subnet_ids         = [for s in aws_subnet.tgw : s.id] # one per AZ: a, b, c
#     }
#     ```
package netlint.rules.tgw.tgw_attachment_single_az

import data.netlint.lib
import data.netlint.lib.tgw as tgwlib

deny contains f if {
	some id, a in vpc_attachments
	not lib.unknown(a, "subnets")
	subnets := tgwlib.items(a.subnets)
	z := tgwlib.single_zone(subnets)
	vpc := object.get(a, "vpc", "")
	msg := sprintf("%s attaches %s to %s only through %s: when %s fails, the whole VPC loses the TGW%s", [
		lib.addr(a), tgwlib.vpc_name(vpc), tgwlib.tgw_name(a.transit_gateway),
		tgwlib.in_one_zone(subnets, z), z, stranded(vpc, z),
	])
	f := lib.finding(msg, array.concat([id], sort(subnets)))
}

# stranded names the VPC's other zones: AWS lets only resources in an AZ the
# attachment covers reach the TGW.
stranded(vpc, z) := sprintf(", and its subnets in %s cannot reach the TGW even now", [concat(", ", others)]) if {
	others := tgwlib.other_zones(vpc, z)
	count(others) > 0
} else := ""

# The subnets, or the AZ of one of them, are unknown or outside the model.
not_evaluated contains {"resource": id, "reason": "its subnets are not all known until apply"} if {
	some id, a in vpc_attachments
	lib.unknown(a, "subnets")
}

not_evaluated contains {"resource": id, "reason": sprintf("the Availability Zone of subnet %s is not known (it is outside this input, or known only after apply)", [tgwlib.subnet_name(s)])} if {
	some id, a in vpc_attachments
	not lib.unknown(a, "subnets")
	some s in tgwlib.items(a.subnets)
	not tgwlib.zone(s)
}

vpc_attachments := {id: a |
	some id, a in input.tgw_attachments
	a.kind == "vpc"
}
