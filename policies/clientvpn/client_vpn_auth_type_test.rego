package netlint.rules.clientvpn.client_vpn_auth_type_test

import data.netlint.assert
import data.netlint.rules.clientvpn.client_vpn_auth_type as rule

ep_id := "aws_ec2_client_vpn_endpoint.remote"

endpoint(fields) := {ep_id: object.union(
	{"id": ep_id, "address": ep_id, "client_cidr": "10.100.0.0/22", "associations": [], "authorizations": [], "authentication": []},
	fields,
)}

mutual := {"type": "certificate-authentication", "root_certificate_chain_arn": "arn:aws:acm:us-east-1:111122223333:certificate/root"}

saml := {"type": "federated-authentication", "saml_provider_arn": "arn:aws:iam::111122223333:saml-provider/okta"}

test_mutual_ad_and_saml_quiet if {
	assert.empty(rule.deny) with input as {"client_vpn_endpoints": endpoint({"authentication": [mutual]})}
	assert.empty(rule.deny) with input as {"client_vpn_endpoints": endpoint({"authentication": [mutual, saml]})}
	ad := {"type": "directory-service-authentication", "active_directory_id": "d-1234567890"}
	assert.empty(rule.deny) with input as {"client_vpn_endpoints": endpoint({"authentication": [ad]})}
}

test_unsupported_type_fires if {
	findings := rule.deny with input as {"client_vpn_endpoints": endpoint({"authentication": [{"type": "password-authentication"}]})}
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote (pool 10.100.0.0/22) uses authentication type \"password-authentication\": AWS Client VPN offers only certificate-authentication (mutual), directory-service-authentication (Active Directory) and federated-authentication (SAML)")
	assert.equals(f.resources, [ep_id])
}

test_mutual_without_root_chain_fires if {
	findings := rule.deny with input as {"client_vpn_endpoints": endpoint({"authentication": [{"type": "certificate-authentication"}, saml]})}
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote (pool 10.100.0.0/22) uses mutual certificate authentication without root_certificate_chain_arn: with no client root certificate chain to verify against, no client can authenticate")
}

test_no_option_fires if {
	some f in rule.deny with input as {"client_vpn_endpoints": endpoint({"authentication": null})}
	assert.equals(f.msg, "Client VPN endpoint aws_ec2_client_vpn_endpoint.remote (pool 10.100.0.0/22) has no authentication option: AWS requires mutual certificate, Active Directory or SAML federation authentication")
}

test_unknown_authentication_not_evaluated if {
	i := {"client_vpn_endpoints": endpoint({"authentication": [{"type": "certificate-authentication"}], "unknown": ["authentication"]})}
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "its authentication options are not known until apply"}}) with input as i
}
