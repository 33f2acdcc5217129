# METADATA
# title: Client VPN authentication is missing, unsupported or incomplete
# description: |-
#   AWS Client VPN authenticates clients by mutual certificate authentication
#   (`certificate-authentication`), Active Directory
#   (`directory-service-authentication`) or SAML 2.0 federation
#   (`federated-authentication`); mutual authentication may be combined with one
#   of the user-based methods. Any other type is refused by AWS, an endpoint
#   without an authentication option cannot be created, and mutual authentication
#   needs the client root certificate chain (an ACM certificate) to verify
#   client certificates against: without it, no client can authenticate.
#
#   Design guide, "AWS Client VPN": "Authentication by either Active Directory or
#   mutual certificate authentication." SAML federation was added since (AWS
#   Client VPN guide, "Client authentication").
# custom:
#   id: NL803
#   name: client-vpn-auth-type
#   severity: error
#   fixtures: [fire-mutual-without-root, quiet-auth-types, quiet-root-chain-unknown]
#   remediation: |-
#     Use mutual authentication with the client root certificate chain, Active
#     Directory or SAML federation (or mutual authentication plus one of the
#     others):
#
#     ```hcl
#     resource "aws_ec2_client_vpn_endpoint" "remote" {
#       client_cidr_block      = "10.100.0.0/22"
#       server_certificate_arn = aws_acm_certificate.server.arn
#
#       authentication_options {
#         type                       = "certificate-authentication"
#         root_certificate_chain_arn = aws_acm_certificate.client_root.arn
#       }
#
#       connection_log_options {
#         enabled = false
#       }
#     }
#     ```
package netlint.rules.clientvpn.client_vpn_auth_type

import data.netlint.lib
import data.netlint.lib.clientvpn as cvpn
import data.netlint.lib.tgw as tgwlib

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not cvpn.auth_unknown(ep)
	count(tgwlib.items(ep.authentication)) == 0
	msg := sprintf("%s has no authentication option: AWS requires mutual certificate, Active Directory or SAML federation authentication", [cvpn.name(ep)])
	f := lib.finding(msg, [id])
}

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not cvpn.auth_unknown(ep)
	some o in tgwlib.items(ep.authentication)
	t := object.get(o, "type", "")
	not cvpn.auth_types[t]
	msg := sprintf("%s uses authentication type %q: AWS Client VPN offers only certificate-authentication (mutual), directory-service-authentication (Active Directory) and federated-authentication (SAML)", [cvpn.name(ep), t])
	f := lib.finding(msg, [id])
}

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not cvpn.auth_unknown(ep)
	some o in tgwlib.items(ep.authentication)
	o.type == "certificate-authentication"
	object.get(o, "root_certificate_chain_arn", "") == ""
	msg := sprintf("%s uses mutual certificate authentication without root_certificate_chain_arn: with no client root certificate chain to verify against, no client can authenticate", [cvpn.name(ep)])
	f := lib.finding(msg, [id])
}

# The authentication options, or a field of one of them, are unknown: the
# loader marks the options unknown as a whole.
not_evaluated contains {"resource": id, "reason": "its authentication options are not known until apply"} if {
	some id, ep in input.client_vpn_endpoints
	cvpn.auth_unknown(ep)
}
