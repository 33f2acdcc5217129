# A bare string is a finding message with no resources (documented).
#
# METADATA
# title: hostile case deny-string
# description: 'A bare string is a finding message with no resources (documented).'
# custom:
#   id: HOSTILE019
#   name: hostile-deny-string
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_string

deny contains "a finding with no resources" if true
