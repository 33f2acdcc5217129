# numbers.range(1, 10^12): grows until --policy-memory stops it.
#
# METADATA
# title: hostile case range-huge
# description: 'numbers.range(1, 10^12): grows until --policy-memory stops it.'
# custom:
#   id: HOSTILE047
#   name: hostile-range-huge
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.range_huge

import data.netlint.lib

deny contains lib.finding("x", []) if {
	a := numbers.range(1, 1000000000000)
	count(a) < 0
}
