# trace is allowed.
#
# METADATA
# title: hostile case trace
# description: 'trace is allowed.'
# custom:
#   id: HOSTILE043
#   name: hostile-trace
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.trace

deny contains "x" if {
	trace("t")
	false
}
