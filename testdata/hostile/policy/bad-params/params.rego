# METADATA
# title: A rule that declares a parameter of an unknown type
# description: custom.params types are integer, number, boolean, string, array, object or any.
# custom:
#   id: HOSTILE006
#   name: bad-params
#   severity: notice
#   params:
#     limit: {type: int, default: 3}
#   remediation: None.
package hostile.bad_params

import data.netlint.lib

deny contains lib.finding("too many VPCs", []) if count(input.vpcs) > lib.param("HOSTILE006", "limit", 3)
