# A data.json next to the policy: netlint loads no data documents.
#
# METADATA
# title: hostile case data-json
# description: 'A data.json next to the policy: netlint loads no data documents.'
# custom:
#   id: HOSTILE046
#   name: hostile-data-json
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.data_json

import data.netlint.lib

deny contains lib.finding("x", []) if data.hostile.config.enabled
