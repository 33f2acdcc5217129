# An object whose message is a number.
#
# METADATA
# title: hostile case deny-bad-object
# description: 'An object whose message is a number.'
# custom:
#   id: HOSTILE026
#   name: hostile-deny-bad-object
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_bad_object

deny contains {"msg": 5, "resources": "x"} if true
