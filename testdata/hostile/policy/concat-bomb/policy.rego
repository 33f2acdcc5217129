# concat of 100000 references to one 100 kB string: 10 GB in one allocation.
#
# METADATA
# title: hostile case concat-bomb
# description: 'concat of 100000 references to one 100 kB string: 10 GB in one allocation.'
# custom:
#   id: HOSTILE031
#   name: hostile-concat-bomb
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.concat_bomb

import data.netlint.lib

s := concat("", [x | some i in numbers.range(1, 1000); x := "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])

u := concat("", [s | some i in numbers.range(1, 100000)])

deny contains lib.finding("x", []) if count(u) < 0
