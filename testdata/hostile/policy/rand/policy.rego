# Randomness.
#
# METADATA
# title: hostile case rand
# description: 'Randomness.'
# custom:
#   id: HOSTILE050
#   name: hostile-rand
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.rand

import data.netlint.lib

deny contains lib.finding("x", []) if rand.intn("x", 10) > 100
