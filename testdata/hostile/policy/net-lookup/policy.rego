# DNS from a policy.
#
# METADATA
# title: hostile case net-lookup
# description: 'DNS from a policy.'
# custom:
#   id: HOSTILE048
#   name: hostile-net-lookup
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.net_lookup

import data.netlint.lib

deny contains lib.finding("x", []) if net.lookup_ip_addr("example.com")
