# deny as a partial object.
#
# METADATA
# title: hostile case deny-map
# description: 'deny as a partial object.'
# custom:
#   id: HOSTILE025
#   name: hostile-deny-map
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_map

deny[k] := "x" if {
	some k in ["a"]
}
