# A huge width: Go refuses widths over a million (%!(BADWIDTH)).
#
# METADATA
# title: hostile case sprintf-width
# description: 'A huge width: Go refuses widths over a million (%!(BADWIDTH)).'
# custom:
#   id: HOSTILE044
#   name: hostile-sprintf-width
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.sprintf_width

import data.netlint.lib

deny contains lib.finding(sprintf("%0999999999d", [1]), []) if false
