# METADATA
# title: Interface endpoint names an endpoint service of another region
# description: |-
#   A VPC endpoint service is created in one region, and an interface endpoint
#   reaches it from another region only through cross-region PrivateLink: the
#   consumer sets the endpoint's `service_region` to the service's region, and the
#   provider lists the consumer's region in the service's `supported_regions`.
#   Without both, AWS cannot find the service from the endpoint's region and the
#   endpoint is never created, so the consumers never reach the service.
#
#   Design guide, "VPC-to-VPC connectivity options", AWS PrivateLink: "VPC Endpoint
#   services only available in AWS region in which they are created." AWS has since
#   added cross-region access (November 2024, for endpoint services, and later for
#   selected AWS services): the rule accepts a cross-region endpoint only when it
#   uses that mechanism. The service's region is read from an endpoint service in
#   the input, or from the service name (com.amazonaws.vpce.<region>.vpce-svc-...
#   or com.amazonaws.<region>.<service>). Gateway and Gateway Load Balancer
#   endpoints are not judged.
# custom:
#   id: NL701
#   name: privatelink-cross-region
#   severity: error
#   fixtures: [fire-by-name, fire-new-service, fire-not-supported, quiet-same-region-or-service-region]
#   remediation: |-
#     Create the endpoint in the service's region (and reach it there over TGW
#     peering), or use cross-region PrivateLink: set `service_region` on the
#     endpoint and list the endpoint's region in the service's `supported_regions`:
#
#     ```hcl
#     resource "aws_vpc_endpoint_service" "api" {
#       provider                   = aws.west
#       acceptance_required        = true
#       network_load_balancer_arns = [aws_lb.api.arn]
#       supported_regions          = ["us-west-2", "us-east-1"]
#     }
#
#     resource "aws_vpc_endpoint" "api" {
#       vpc_id            = aws_vpc.consumer.id # in us-east-1
#       vpc_endpoint_type = "Interface"
#       service_name      = aws_vpc_endpoint_service.api.service_name
#       service_region    = "us-west-2"
#       subnet_ids        = [aws_subnet.a.id, aws_subnet.b.id]
#     }
#     ```
package netlint.rules.privatelink.privatelink_cross_region

import data.netlint.lib
import data.netlint.lib.privatelink as pl
import data.netlint.lib.tgw as tgwlib

# No service_region: the endpoint looks for the service in its own region.
deny contains f if {
	some id, ep in pl.interface_endpoints
	region := endpoint_region(ep)
	svc := pl.service(ep)
	svc.region != region
	not lib.unknown(ep, "service_region")
	object.get(ep, "service_region", "") == ""
	msg := sprintf("interface endpoint %s in %s names %s, a service of %s, without service_region: an endpoint service is reachable only from its own region unless the endpoint sets service_region = %q and %s", [
		lib.addr(ep), region, svc.name, svc.region, svc.region, provider_side(svc, region),
	])
	f := lib.finding(msg, ids(id, svc))
}

# service_region names another region than the service's.
deny contains f if {
	some id, ep in pl.interface_endpoints
	svc := pl.service(ep)
	not lib.unknown(ep, "service_region")
	sr := object.get(ep, "service_region", "")
	sr != ""
	sr != svc.region
	msg := sprintf("interface endpoint %s sets service_region = %q, but %s is a service of %s: AWS looks for the service in %s and does not find it", [
		lib.addr(ep), sr, svc.name, svc.region, sr,
	])
	f := lib.finding(msg, ids(id, svc))
}

# The consumer side is right, but the endpoint service of the model does not
# offer itself to the endpoint's region.
deny contains f if {
	some id, ep in pl.interface_endpoints
	region := endpoint_region(ep)
	svc := pl.service(ep)
	svc.id != ""
	svc.region != region
	not lib.unknown(ep, "service_region")
	object.get(ep, "service_region", "") == svc.region
	s := input.endpoint_services[svc.id]
	not lib.unknown(s, "supported_regions")
	supported := {r | some r in tgwlib.items(s.supported_regions)}
	not supported[region]
	msg := sprintf("interface endpoint %s in %s reaches %s in %s through service_region, but the service does not list %s in supported_regions (%s): AWS refuses the endpoint", [
		lib.addr(ep), region, svc.name, svc.region, region, listed(supported),
	])
	f := lib.finding(msg, ids(id, svc))
}

# The endpoint's region, the service (name or region), service_region or the
# service's supported_regions is unknown.
not_evaluated contains {"resource": id, "reason": "its endpoint type is not known until apply"} if {
	some id, ep in input.vpc_endpoints
	lib.unknown(ep, "endpoint_type")
}

not_evaluated contains {"resource": id, "reason": "its Region is not known"} if {
	some id, ep in pl.interface_endpoints
	not endpoint_region(ep)
}

not_evaluated contains {"resource": id, "reason": "the Region of the service it names is not known (the service name is known only after apply, or carries no Region)"} if {
	some id, ep in pl.interface_endpoints
	not pl.service(ep)
}

not_evaluated contains {"resource": id, "reason": "its service_region is not known until apply"} if {
	some id, ep in pl.interface_endpoints
	svc := pl.service(ep)
	svc.region != endpoint_region(ep)
	lib.unknown(ep, "service_region")
}

not_evaluated contains {"resource": id, "reason": sprintf("the supported_regions of %s are not known until apply", [lib.addr(input.endpoint_services[svc.id])])} if {
	some id, ep in pl.interface_endpoints
	svc := pl.service(ep)
	svc.id != ""
	svc.region != endpoint_region(ep)
	object.get(ep, "service_region", "") == svc.region
	lib.unknown(input.endpoint_services[svc.id], "supported_regions")
}

endpoint_region(ep) := r if {
	r := object.get(ep, "region", "")
	r != ""
}

ids(id, svc) := [id, svc.id] if svc.id != ""

else := [id]

# provider_side says what the other side must offer, for messages: the endpoint
# service of the model, a provider's endpoint service, or AWS for its services.
provider_side(svc, region) := sprintf("%s lists %s in supported_regions", [
	lib.addr(input.endpoint_services[svc.id]), region,
]) if {
	svc.id != ""
} else := sprintf("the service's provider lists %s in its supported regions", [region]) if {
	startswith(svc.name, "com.amazonaws.vpce.")
} else := sprintf("AWS offers that service to %s across regions", [region])

listed(regions) := concat(", ", sort(regions)) if count(regions) > 0

else := "none"
