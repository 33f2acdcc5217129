# The METADATA block is not YAML.
#
# METADATA
# title: hostile case metadata-bad-yaml
# description: 'The METADATA block is not YAML.'
# custom:
#   id: HOSTILE039
#   name: [unclosed
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.metadata_bad_yaml

deny contains "x" if false
