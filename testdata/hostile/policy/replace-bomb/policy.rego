# replace every byte of a 1 MB string by a 1 MB string.
#
# METADATA
# title: hostile case replace-bomb
# description: 'replace every byte of a 1 MB string by a 1 MB string.'
# custom:
#   id: HOSTILE032
#   name: hostile-replace-bomb
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.replace_bomb

import data.netlint.lib

s := concat("", [x | some i in numbers.range(1, 100000); x := "aaaaaaaaaa"])

deny contains lib.finding("x", []) if count(replace(s, "a", s)) < 0
