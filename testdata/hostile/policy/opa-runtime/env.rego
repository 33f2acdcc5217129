# METADATA
# title: A rule that reads the environment
# description: opa.runtime() exposes the process's environment variables.
# custom:
#   id: HOSTILE005
#   name: environment
#   severity: notice
#   remediation: None.
package hostile.env

import data.netlint.lib

deny contains lib.finding(k, []) if {
	some k, _ in opa.runtime().env
	startswith(k, "AWS_SECRET")
}
