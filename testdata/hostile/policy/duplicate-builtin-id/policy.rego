# Reuses the id of a built-in rule.
#
# METADATA
# title: hostile case duplicate-builtin-id
# description: 'Reuses the id of a built-in rule.'
# custom:
#   id: NL001
#   name: hostile-duplicate-builtin-id
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.dup_builtin

deny contains "x" if false
