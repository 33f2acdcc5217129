# Catastrophic backtracking elsewhere; RE2 matches in linear time.
#
# METADATA
# title: hostile case regex-backtracking
# description: 'Catastrophic backtracking elsewhere; RE2 matches in linear time.'
# custom:
#   id: HOSTILE045
#   name: hostile-regex-backtracking
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.regex_backtracking

import data.netlint.lib

deny contains lib.finding("x", []) if regex.match("(a*)*b", concat("", [x | some i in numbers.range(1, 100000); x := "a"]))
