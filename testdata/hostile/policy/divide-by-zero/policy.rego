# A built-in error makes its expression undefined, as in OPA (documented).
#
# METADATA
# title: hostile case divide-by-zero
# description: 'A built-in error makes its expression undefined, as in OPA (documented).'
# custom:
#   id: HOSTILE059
#   name: hostile-divide-by-zero
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.divide_by_zero

import data.netlint.lib

deny contains lib.finding("x", []) if 1 / 0 == 1
