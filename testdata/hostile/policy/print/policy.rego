# print is allowed; its output is discarded by netlint check.
#
# METADATA
# title: hostile case print
# description: 'print is allowed; its output is discarded by netlint check.'
# custom:
#   id: HOSTILE042
#   name: hostile-print
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.print

deny contains "x" if {
	print("hello from a policy")
	false
}
