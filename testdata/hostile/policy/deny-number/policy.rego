# A number is not a finding.
#
# METADATA
# title: hostile case deny-number
# description: 'A number is not a finding.'
# custom:
#   id: HOSTILE020
#   name: hostile-deny-number
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.deny_number

deny contains 5 if true
