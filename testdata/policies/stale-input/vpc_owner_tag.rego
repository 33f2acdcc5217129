# METADATA
# title: VPCs must be tagged with an owner
# description: Every VPC needs an owner tag so the network team knows whom to call.
# custom:
#   id: ACME001
#   name: vpc-owner-tag
#   severity: warning
#   remediation: Add `tags = { owner = "team" }` to the aws_vpc.
package acme.vpc_owner_tag

import data.netlint.lib

deny contains lib.finding(sprintf("%s has no owner tag", [id]), [id]) if {
	some id, vpc in input.vpcs
	not vpc.tags.owner
}
