# json.marshal of 10000 references to one 100 kB string.
#
# METADATA
# title: hostile case json-bomb
# description: 'json.marshal of 10000 references to one 100 kB string.'
# custom:
#   id: HOSTILE033
#   name: hostile-json-bomb
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.json_bomb

import data.netlint.lib

s := concat("", [x | some i in numbers.range(1, 1000); x := "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])

a := [s | some i in numbers.range(1, 10000)]

deny contains lib.finding("x", []) if count(json.marshal(a)) < 0
