# sprintf of an array that repeats one 100 kB string 10000 times.
#
# METADATA
# title: hostile case sprintf-bomb
# description: 'sprintf of an array that repeats one 100 kB string 10000 times.'
# custom:
#   id: HOSTILE034
#   name: hostile-sprintf-bomb
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.sprintf_bomb

import data.netlint.lib

s := concat("", [x | some i in numbers.range(1, 1000); x := "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])

a := [s | some i in numbers.range(1, 10000)]

deny contains lib.finding(sprintf("%v", [a]), []) if true
