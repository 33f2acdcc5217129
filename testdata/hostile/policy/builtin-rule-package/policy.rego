# Adds findings to a built-in rule package.
#
# METADATA
# title: hostile case builtin-rule-package
# description: 'Adds findings to a built-in rule package.'
# custom:
#   id: HOSTILE017
#   name: hostile-builtin-rule-package
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package netlint.rules.addressing.overlapping_connected_ranges

deny contains {"message": "hijack"} if true
