# A random UUID.
#
# METADATA
# title: hostile case uuid
# description: 'A random UUID.'
# custom:
#   id: HOSTILE051
#   name: hostile-uuid
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.uuid

import data.netlint.lib

deny contains lib.finding(uuid.rfc4122("x"), []) if false
