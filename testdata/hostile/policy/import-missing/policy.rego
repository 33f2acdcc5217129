# Imports a package nobody loaded: the rule would never fire.
#
# METADATA
# title: hostile case import-missing
# description: 'Imports a package nobody loaded: the rule would never fire.'
# custom:
#   id: HOSTILE014
#   name: hostile-import-missing
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.import_missing

import data.acme.shared
import data.netlint.lib

deny contains lib.finding("x", []) if shared.enabled
