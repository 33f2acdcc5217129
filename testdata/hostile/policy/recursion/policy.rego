# A function that calls itself.
#
# METADATA
# title: hostile case recursion
# description: 'A function that calls itself.'
# custom:
#   id: HOSTILE013
#   name: hostile-recursion
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.recursion

import data.netlint.lib

f(x) := f(x)

deny contains lib.finding("x", []) if f(1)
