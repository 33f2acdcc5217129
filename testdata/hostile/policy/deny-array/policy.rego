# deny := [...]: an array, not a set.
#
# METADATA
# title: hostile case deny-array
# description: 'deny := [...]: an array, not a set.'
# custom:
#   id: HOSTILE023
#   name: hostile-deny-array
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_array

deny := ["a", "b"]
