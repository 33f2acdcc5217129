# custom.id holds a terminal escape.
#
# METADATA
# title: hostile case metadata-id-escape
# description: 'custom.id holds a terminal escape.'
# custom:
#   id: "HOSTILE\e[31m"
#   name: hostile-metadata-id-escape
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.metadata_id_escape

deny contains "x" if false
