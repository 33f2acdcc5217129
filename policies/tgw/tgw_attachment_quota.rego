# METADATA
# title: Transit Gateway attachments exceed or approach the quota
# description: |-
#   A Transit Gateway takes at most 5,000 attachments, and AWS does not raise that
#   quota: once a TGW holds that many, every further VPC, VPN, peering, Direct
#   Connect gateway or Connect attachment fails to create, so a new spoke or site
#   cannot join the hub. Every kind counts, including the attachment AWS creates
#   for a Site-to-Site VPN connection on the TGW and for a Direct Connect gateway
#   association, and the accepter side of a peering counts on the peer TGW.
#
#   Design guide, "VPC-to-VPC connectivity options": Transit Gateway is a
#   "Regional hub up to 5k attachments". The rule reports an error above the
#   quota and a warning from 80% of it, while there is still time to split the
#   network across TGWs. Set `attachment_quota` to budget below the AWS limit
#   (for example for a TGW that other teams also attach to).
# custom:
#   id: NL601
#   name: tgw-attachment-quota
#   severity: error
#   fixtures: [fire-near-quota, fire-over-quota, quiet-under-quota]
#   params:
#     attachment_quota:
#       type: integer
#       default: 5000
#       description: the attachments one TGW may have (error above it, warning from 80% of it); a value that is not positive means the default
#   remediation: |-
#     The quota of 5,000 attachments per TGW is not adjustable: split the network
#     across Transit Gateways (for example one per environment or per region) and
#     peer them, or consolidate spokes (one VPC attachment per shared-services VPC
#     instead of many small VPCs, VPN sites behind fewer connections):
#
#     ```hcl
#     resource "aws_ec2_transit_gateway" "prod" {
#       amazon_side_asn = 64513
#     }
#
#     resource "aws_ec2_transit_gateway_vpc_attachment" "spoke" {
#       for_each           = var.prod_spokes # was every spoke on one TGW
#       transit_gateway_id = aws_ec2_transit_gateway.prod.id
#       vpc_id             = each.value.vpc_id
#       subnet_ids         = each.value.subnet_ids
#     }
#     ```
package netlint.rules.tgw.tgw_attachment_quota

import data.netlint.lib
import data.netlint.lib.tgw as tgwlib

default_quota := 5000

# quota is the configured attachment_quota, or AWS's 5,000.
quota := q if {
	q := lib.param("NL601", "attachment_quota", default_quota)
	is_number(q)
	q > 0
} else := default_quota

deny contains f if {
	some id, members in tgwlib.attachments
	n := count(members)
	n > quota
	msg := sprintf("%s has %d attachments (%s), over its quota of %d: AWS refuses every attachment beyond the quota, so new spokes and sites cannot join", [tgwlib.tgw_name(id), n, breakdown(members), quota])
	f := lib.finding(msg, [id])
}

deny contains f if {
	some id, members in tgwlib.attachments
	n := count(members)
	n <= quota
	n * 100 >= quota * 80
	msg := sprintf("%s has %d attachments (%s), %d%% of its quota of %d: %s; plan to split the network across TGWs", [tgwlib.tgw_name(id), n, breakdown(members), floor((n * 100) / quota), quota, headroom(quota - n)])
	f := object.union(lib.finding(msg, [id]), {"severity": "warning"})
}

# An attachment whose TGW is unknown cannot be counted against any TGW.
not_evaluated contains {"resource": id, "reason": "its Transit Gateway is not known until apply"} if {
	some id, a in input.tgw_attachments
	lib.unknown(a, "transit_gateway")
}

headroom(0) := "AWS refuses the next attachment"

headroom(left) := sprintf("room for %d more before AWS refuses new attachments", [left]) if left > 0

# breakdown counts the members by kind: "3 VPC, 1 VPN, 1 peering".
breakdown(members) := concat(", ", [sprintf("%d %s", [n, object.get(tgwlib.kind_label, k, k)]) |
	some k in tgwlib.kind_order(members)
	n := count([1 | some m in members; m[0] == k])
])
