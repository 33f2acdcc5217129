package netlint.rules.clientvpn.client_vpn_no_authorization_test

import data.netlint.assert
import data.netlint.rules.clientvpn.client_vpn_no_authorization as rule

ep_id := `module.remote["corp"].aws_ec2_client_vpn_endpoint.this`

endpoint(fields) := {ep_id: object.union(
	{"id": ep_id, "address": ep_id, "client_cidr": "10.100.0.0/22", "vpc": "aws_vpc.main", "associations": [], "authorizations": [], "authentication": []},
	fields,
)}

vpcs := {"aws_vpc.main": {"id": "aws_vpc.main", "address": "aws_vpc.main", "cidrs": ["10.0.0.0/16", "10.1.0.0/16"]}}

test_no_rule_fires if {
	findings := rule.deny with input as {"vpcs": vpcs, "client_vpn_endpoints": endpoint({"authorizations": null})}
	assert.size(findings, 1)
	some f in findings
	f.msg == `Client VPN endpoint module.remote["corp"].aws_ec2_client_vpn_endpoint.this (pool 10.100.0.0/22) has no authorization rule: connected clients reach nothing; add an aws_ec2_client_vpn_authorization_rule for each network they need (aws_vpc.main: 10.0.0.0/16)`
	assert.equals(f.resources, [ep_id])
}

test_no_rule_without_vpc_in_model_fires if {
	some f in rule.deny with input as {"client_vpn_endpoints": endpoint({"vpc": "", "client_cidr": "", "unknown": ["client_cidr"]})}
	f.msg == `Client VPN endpoint module.remote["corp"].aws_ec2_client_vpn_endpoint.this has no authorization rule: connected clients reach nothing; add an aws_ec2_client_vpn_authorization_rule for each network they need`
}

test_a_rule_quiet if {
	r := {"address": "aws_ec2_client_vpn_authorization_rule.vpc", "target_network_cidr": "10.0.0.0/16", "authorize_all_groups": true}
	assert.empty(rule.deny) with input as {"vpcs": vpcs, "client_vpn_endpoints": endpoint({"authorizations": [r]})}
}

test_unknown_rules_not_evaluated if {
	i := {"vpcs": vpcs, "client_vpn_endpoints": endpoint({"unknown": ["authorizations"]})}
	assert.empty(rule.deny) with input as i
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "its authorization rules are not all known (a rule whose endpoint cannot be resolved may be one of them)"}}) with input as i
}
