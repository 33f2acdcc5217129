# walk over the whole input: bounded by the input (documented).
#
# METADATA
# title: hostile case walk-input
# description: 'walk over the whole input: bounded by the input (documented).'
# custom:
#   id: HOSTILE041
#   name: hostile-walk-input
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.walk_input

import data.netlint.lib

deny contains lib.finding("x", []) if {
	paths := [p | walk(input, [p, _])]
	count(paths) < 0
}
