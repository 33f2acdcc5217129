# custom.name is missing.
#
# METADATA
# title: hostile case metadata-no-name
# description: 'custom.name is missing.'
# custom:
#   id: HOSTILE040
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.metadata_no_name

deny contains "x" if false
