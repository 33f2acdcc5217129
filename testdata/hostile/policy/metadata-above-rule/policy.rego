# The package annotation is placed above the deny rule instead of above the
# package line: it would be the rule's, and the rule would be skipped.
package hostile.metadata_above_rule

# METADATA
# title: hostile case metadata-above-rule
# description: 'METADATA above the rule.'
# custom:
#   id: HOSTILE060
#   name: hostile-metadata-above-rule
#   severity: warning
deny contains "x" if false
