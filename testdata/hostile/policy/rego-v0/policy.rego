# Rego v0 syntax: no if, no contains.
#
# METADATA
# title: hostile case rego-v0
# description: 'Rego v0 syntax: no if, no contains.'
# custom:
#   id: HOSTILE012
#   name: hostile-rego-v0
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.regov0

deny[msg] {
	msg := "x"
}
