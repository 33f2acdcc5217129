# METADATA
# title: A rule that loops for a very long time
# description: Ten billion iterations that never find anything; --policy-timeout stops it.
# custom:
#   id: HOSTILE001
#   name: slow-loop
#   severity: warning
#   remediation: None; it exists to be stopped.
package hostile.slow

import data.netlint.lib

deny contains lib.finding("never", []) if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i + j < 0
}
