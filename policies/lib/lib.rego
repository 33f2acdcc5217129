# Helpers shared by the built-in rules. User policies may import them too.
package netlint.lib

# finding builds the object every rule's deny set holds: a message and the model
# IDs of the resources it is about (the first is the primary location).
finding(msg, resources) := {"msg": msg, "resources": resources}

# param returns a rule parameter from .netlint.yaml, or the default.
param(rule_id, key, default_value) := object.get(input, ["config", "rules", rule_id, key], default_value)

# unknown is true when an element's field is not known at plan time.
unknown(element, field) if field in element.unknown

# known_all is true when none of the fields is unknown.
known_all(element, fields) if {
	every f in fields {
		not unknown(element, f)
	}
}

# addr is how messages name an element: its address, else its id.
addr(element) := element.address if element.address != ""

else := element.id

# network_label names an address network: the element's address.
network_label(net) := net.address

# alarms_unread is true when the alarms that may watch an element could not be
# read: a live audit denied cloudwatch:DescribeAlarms (or timed out on it) in
# the element's account and Region, and marked "alarms" unknown on it. Rules
# that look for a missing alarm list such an element as not evaluated, with
# alarms_unread_reason.
alarms_unread(element) if unknown(element, "alarms")

alarms_unread_reason(element) := sprintf("the CloudWatch alarms of %s could not be read", [concat("/", [part |
	some part in [object.get(element, "account", ""), object.get(element, "region", "")]
	part != ""
])])
