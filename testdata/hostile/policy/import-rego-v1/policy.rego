# import rego.v1 is accepted (documented).
#
# METADATA
# title: hostile case import-rego-v1
# description: 'import rego.v1 is accepted (documented).'
# custom:
#   id: HOSTILE053
#   name: hostile-import-rego-v1
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.import_rego_v1

import rego.v1
import data.netlint.lib

deny contains lib.finding("x", []) if false
