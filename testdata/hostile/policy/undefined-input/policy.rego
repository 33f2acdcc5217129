# Reads input the model does not have.
#
# METADATA
# title: hostile case undefined-input
# description: 'Reads input the model does not have.'
# custom:
#   id: HOSTILE028
#   name: hostile-undefined-input
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.undefined_input

import data.netlint.lib

deny contains lib.finding("x", []) if input.nothing.here
