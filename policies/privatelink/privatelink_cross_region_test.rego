package netlint.rules.privatelink.privatelink_cross_region_test

import data.netlint.assert
import data.netlint.rules.privatelink.privatelink_cross_region as rule

ep_id := "aws_vpc_endpoint.api"

endpoint(fields) := {ep_id: object.union(
	{"id": ep_id, "address": ep_id, "region": "us-east-1", "endpoint_type": "Interface", "subnets": []},
	fields,
)}

west_svc := "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0"

svc_id := "aws_vpc_endpoint_service.api"

services(fields) := {svc_id: object.union(
	{"id": svc_id, "address": svc_id, "region": "us-west-2", "service_name": west_svc, "supported_regions": []},
	fields,
)}

test_other_region_by_name_without_service_region_fires if {
	findings := rule.deny with input as {"vpc_endpoints": endpoint({"service_name": west_svc})}
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "interface endpoint aws_vpc_endpoint.api in us-east-1 names com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0, a service of us-west-2, without service_region: an endpoint service is reachable only from its own region unless the endpoint sets service_region = \"us-west-2\" and the service's provider lists us-east-1 in its supported regions")
	assert.equals(f.resources, [ep_id])
}

test_aws_service_of_other_region_fires if {
	some f in rule.deny with input as {"vpc_endpoints": endpoint({"service_name": "com.amazonaws.eu-west-1.kms"})}
	assert.equals(f.msg, "interface endpoint aws_vpc_endpoint.api in us-east-1 names com.amazonaws.eu-west-1.kms, a service of eu-west-1, without service_region: an endpoint service is reachable only from its own region unless the endpoint sets service_region = \"eu-west-1\" and AWS offers that service to us-east-1 across regions")
}

test_same_region_quiet if {
	assert.empty(rule.deny) with input as {"vpc_endpoints": endpoint({"service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"})}
	assert.empty(rule.deny) with input as {"vpc_endpoints": endpoint({"service_name": "com.amazonaws.us-east-1.execute-api"})}
}

test_service_region_set_quiet if {
	assert.empty(rule.deny) with input as {"vpc_endpoints": endpoint({"service_name": west_svc, "service_region": "us-west-2"})}
}

test_gateway_endpoint_ignored if {
	assert.empty(rule.deny) with input as {"vpc_endpoints": endpoint({"service_name": "com.amazonaws.us-west-2.s3", "endpoint_type": "Gateway"})}
}

test_wrong_service_region_fires if {
	some f in rule.deny with input as {"vpc_endpoints": endpoint({"service_name": west_svc, "service_region": "us-west-1"})}
	assert.equals(f.msg, "interface endpoint aws_vpc_endpoint.api sets service_region = \"us-west-1\", but com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0 is a service of us-west-2: AWS looks for the service in us-west-1 and does not find it")
}

test_model_service_found_by_name_without_service_region if {
	inp := {"vpc_endpoints": endpoint({"service_name": west_svc}), "endpoint_services": services({"supported_regions": ["us-east-1"]})}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, [ep_id, svc_id])
	contains(f.msg, "names aws_vpc_endpoint_service.api (com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0), a service of us-west-2, without service_region")
	endswith(f.msg, "unless the endpoint sets service_region = \"us-west-2\" and aws_vpc_endpoint_service.api lists us-east-1 in supported_regions")
}

test_model_service_by_link_when_name_unknown if {
	# The service is created in the same plan: its name is unknown, the link is not.
	ep := endpoint({"service_name": "", "endpoint_service": svc_id, "unknown": ["service_name"]})
	svcs := services({"service_name": "", "unknown": ["service_name"]})
	some f in rule.deny with input as {"vpc_endpoints": ep, "endpoint_services": svcs}
	contains(f.msg, "names aws_vpc_endpoint_service.api, a service of us-west-2, without service_region")
}

test_model_service_not_offering_the_region_fires if {
	inp := {"vpc_endpoints": endpoint({"service_name": west_svc, "service_region": "us-west-2"}), "endpoint_services": services({"supported_regions": ["us-west-2", "eu-west-1"]})}
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "interface endpoint aws_vpc_endpoint.api in us-east-1 reaches aws_vpc_endpoint_service.api (com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0) in us-west-2 through service_region, but the service does not list us-east-1 in supported_regions (eu-west-1, us-west-2): AWS refuses the endpoint")
}

test_model_service_offering_the_region_quiet if {
	inp := {"vpc_endpoints": endpoint({"service_name": west_svc, "service_region": "us-west-2"}), "endpoint_services": services({"supported_regions": ["us-east-1"]})}
	assert.empty(rule.deny) with input as inp
}

test_unknown_service_name_not_evaluated if {
	inp := {"vpc_endpoints": endpoint({"service_name": "", "unknown": ["service_name"]})}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "the Region of the service it names is not known (the service name is known only after apply, or carries no Region)"}}) with input as inp
}

test_unrecognised_service_name_not_evaluated if {
	inp := {"vpc_endpoints": endpoint({"service_name": "com.example.partner-service"})}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "the Region of the service it names is not known (the service name is known only after apply, or carries no Region)"}}) with input as inp
}

test_unknown_service_region_not_evaluated if {
	inp := {"vpc_endpoints": endpoint({"service_name": west_svc, "unknown": ["service_region"]})}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": "its service_region is not known until apply"}}) with input as inp
}

test_unknown_supported_regions_not_evaluated if {
	inp := {"vpc_endpoints": endpoint({"service_name": west_svc, "service_region": "us-west-2"}), "endpoint_services": services({"unknown": ["supported_regions"]})}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": ep_id, "reason": sprintf("the supported_regions of %s are not known until apply", [svc_id])}}) with input as inp
}
