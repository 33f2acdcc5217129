# with replaces a built-in function in one expression: allowed, it reaches nothing outside the rule.
#
# METADATA
# title: hostile case with-builtin
# description: 'with replaces a built-in function in one expression: allowed, it reaches nothing outside the rule.'
# custom:
#   id: HOSTILE029
#   name: hostile-with-builtin
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.with_builtin

import data.netlint.lib

deny contains lib.finding("count is mocked", []) if {
	count([]) == 5 with count as 5
}
