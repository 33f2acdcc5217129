# not_evaluated must be a set too.
#
# METADATA
# title: hostile case not-evaluated-scalar
# description: 'not_evaluated must be a set too.'
# custom:
#   id: HOSTILE027
#   name: hostile-not-evaluated-scalar
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.not_evaluated

not_evaluated := 5

deny contains "x" if false
