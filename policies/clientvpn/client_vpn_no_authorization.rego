# METADATA
# title: Client VPN endpoint has no authorization rule
# description: |-
#   An AWS Client VPN endpoint admits connected clients to a network only through
#   an authorization rule for it (a destination CIDR, for all users or for one
#   directory or SAML group). A new endpoint has none, and AWS adds none: until a
#   rule exists, clients connect and authenticate but reach nothing, neither the
#   associated VPC nor what lies beyond it.
#
#   Design guide, "Software remote access-to-Amazon VPC connectivity options": AWS
#   Client VPN is an "AWS managed remote access solution to VPC and/or internal
#   networks", and which of those networks a user reaches is decided by the
#   authorization rules alone. AWS Client VPN guide, "Authorization
#   rules": no access is granted until a rule is added.
# custom:
#   id: NL802
#   name: client-vpn-no-authorization
#   severity: error
#   fixtures: [fire-no-rule, quiet-authorized, quiet-unresolved-link]
#   remediation: |-
#     Add an authorization rule for each network the clients need, limited to the
#     groups that need it:
#
#     ```hcl
#     resource "aws_ec2_client_vpn_authorization_rule" "vpc" {
#       client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.remote.id
#       target_network_cidr    = aws_vpc.main.cidr_block
#       access_group_id        = var.engineers_group_id # or authorize_all_groups = true
#     }
#     ```
package netlint.rules.clientvpn.client_vpn_no_authorization

import data.netlint.lib
import data.netlint.lib.clientvpn as cvpn
import data.netlint.lib.tgw as tgwlib

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not lib.unknown(ep, "authorizations")
	count(tgwlib.items(ep.authorizations)) == 0
	msg := sprintf("%s has no authorization rule: connected clients reach nothing; add an aws_ec2_client_vpn_authorization_rule for each network they need%s", [
		cvpn.name(ep), example(ep),
	])
	f := lib.finding(msg, [id])
}

# The authorization rules could not be read.
not_evaluated contains {"resource": id, "reason": "its authorization rules are not all known (a rule whose endpoint cannot be resolved may be one of them)"} if {
	some id, ep in input.client_vpn_endpoints
	lib.unknown(ep, "authorizations")
}

# example names the served VPC's range as the first rule to add.
example(ep) := sprintf(" (%s: %s)", [tgwlib.vpc_name(v), cidr]) if {
	v := cvpn.vpc(ep)
	vpc := input.vpcs[v]
	not lib.unknown(vpc, "cidrs")
	cidr := tgwlib.items(vpc.cidrs)[0]
} else := ""
