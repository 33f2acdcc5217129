# Adds a deny rule to netlint.lib.
#
# METADATA
# title: hostile case netlint-lib-package
# description: 'Adds a deny rule to netlint.lib.'
# custom:
#   id: HOSTILE015
#   name: hostile-netlint-lib-package
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package netlint.lib

deny contains "x" if true
