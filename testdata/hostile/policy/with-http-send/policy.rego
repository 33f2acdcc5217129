# Mocking http.send with with: still refused.
#
# METADATA
# title: hostile case with-http-send
# description: 'Mocking http.send with with: still refused.'
# custom:
#   id: HOSTILE049
#   name: hostile-with-http-send
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.with_http_send

import data.netlint.lib

deny contains lib.finding("x", []) if {
	x := 1 with http.send as {"status_code": 200}
}
