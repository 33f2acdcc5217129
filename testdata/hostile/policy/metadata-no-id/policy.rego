# A METADATA block without custom.id: the rule would be skipped.
#
# METADATA
# title: hostile case metadata-no-id
# description: 'METADATA without custom.id: the rule would be skipped.'
# custom:
#   name: hostile-metadata-no-id
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.metadata_no_id

deny contains "x" if false
