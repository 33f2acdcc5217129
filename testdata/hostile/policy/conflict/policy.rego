# A complete rule with two values.
#
# METADATA
# title: hostile case conflict
# description: 'A complete rule with two values.'
# custom:
#   id: HOSTILE058
#   name: hostile-conflict
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.conflict

import data.netlint.lib

x := 1 if true

x := 2 if true

deny contains lib.finding("x", []) if x == 3
