# deny as a function.
#
# METADATA
# title: hostile case deny-function
# description: 'deny as a function.'
# custom:
#   id: HOSTILE024
#   name: hostile-deny-function
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_function

deny(x) := x
