# custom.id is a list.
#
# METADATA
# title: hostile case metadata-id-list
# description: 'custom.id is a list.'
# custom:
#   id: [HOSTILE1]
#   name: hostile-metadata-id-list
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.metadata_id_list

deny contains "x" if false
