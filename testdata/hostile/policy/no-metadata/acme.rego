# VPCs must be tagged with an owner (but the METADATA block was forgotten, so
# netlint would not know the rule's id, name or severity).
package acme.vpc_owner_tag

import data.netlint.lib

deny contains lib.finding(sprintf("%s has no owner tag", [id]), [id]) if {
	some id, vpc in input.vpcs
	not vpc.tags.owner
}
