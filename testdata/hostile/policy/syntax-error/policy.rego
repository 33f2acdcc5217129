# A rule body that never closes.
#
# METADATA
# title: hostile case syntax-error
# description: 'A rule body that never closes.'
# custom:
#   id: HOSTILE011
#   name: hostile-syntax-error
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.syntax

deny contains x if {
