# METADATA
# title: At most max_vpcs VPCs
# description: A user rule with a declared parameter, set in .netlint.yaml.
# custom:
#   id: ACME010
#   name: vpc-count
#   severity: warning
#   params:
#     max_vpcs: {type: integer, default: 100, description: the most VPCs a network may have}
#   remediation: Merge VPCs.
package acme.vpc_count

import data.netlint.lib

deny contains lib.finding(sprintf("%d VPCs, more than %d", [count(input.vpcs), n]), []) if {
	n := lib.param("ACME010", "max_vpcs", 100)
	count(input.vpcs) > n
}
