# A library package: helpers for other rules, no deny, no METADATA needed.
package acme.helpers

owner(vpc) := object.get(vpc, ["tags", "owner"], "")
