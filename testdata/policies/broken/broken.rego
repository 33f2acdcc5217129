# METADATA
# title: broken
# custom:
#   id: ACME002
#   name: broken
#   severity: error
package acme.broken

deny contains msg if {
	some vpc in input.vpcs
	msg := sprintf("%s", [vpc.id]
}
