# custom.severity is not a severity.
#
# METADATA
# title: hostile case metadata-severity
# description: 'custom.severity is not a severity.'
# custom:
#   id: HOSTILE038
#   name: hostile-metadata-severity
#   severity: fatal
#   remediation: None; it exists to be refused or documented.
package hostile.metadata_severity

deny contains "x" if false
