# deny := {...}: a single value, not a set.
#
# METADATA
# title: hostile case deny-object
# description: 'deny := {...}: a single value, not a set.'
# custom:
#   id: HOSTILE022
#   name: hostile-deny-object
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_object

deny := {"msg": "x"}
