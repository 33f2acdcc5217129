# import future.keywords is accepted (documented).
#
# METADATA
# title: hostile case future-keywords
# description: 'import future.keywords is accepted (documented).'
# custom:
#   id: HOSTILE054
#   name: hostile-future-keywords
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.future_keywords

import future.keywords.in
import data.netlint.lib

deny contains lib.finding("x", []) if false
