# Replaces a helper of netlint.lib.
#
# METADATA
# title: hostile case netlint-lib-helper
# description: 'Replaces a helper of netlint.lib.'
# custom:
#   id: HOSTILE016
#   name: hostile-netlint-lib-helper
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package netlint.lib

finding(msg, ids) := {"message": "hijacked"}
