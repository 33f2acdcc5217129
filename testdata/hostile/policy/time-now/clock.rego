# METADATA
# title: A rule that reads the clock
# description: Results that depend on the time of day are not reproducible.
# custom:
#   id: HOSTILE004
#   name: clock
#   severity: notice
#   remediation: None.
package hostile.clock

import data.netlint.lib

weekend if time.weekday(time.now_ns()) in {"Saturday", "Sunday"}

deny contains lib.finding("no changes on weekends", []) if weekend
