# deny := true: a single value, not a set.
#
# METADATA
# title: hostile case deny-boolean
# description: 'deny := true: a single value, not a set.'
# custom:
#   id: HOSTILE021
#   name: hostile-deny-boolean
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_boolean

deny := true
