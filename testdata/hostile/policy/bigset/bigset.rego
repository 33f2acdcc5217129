# METADATA
# title: A rule that builds a set of a hundred million numbers
# description: Some 10 GB of heap; --policy-memory stops it before the machine runs out.
# custom:
#   id: HOSTILE002
#   name: big-set
#   severity: warning
#   remediation: None; it exists to be stopped.
package hostile.bigset

import data.netlint.lib

deny contains lib.finding(sprintf("%d numbers", [count(s)]), []) if {
	s := {i | some i in numbers.range(1, 100000000)}
	count(s) < 0
}
