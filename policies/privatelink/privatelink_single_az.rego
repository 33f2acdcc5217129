# METADATA
# title: Interface endpoint has subnets in one Availability Zone
# description: |-
#   An interface endpoint places one network interface in each subnet it names,
#   one subnet per Availability Zone. With every subnet in one AZ, the endpoint's
#   only interface sits there: when that AZ fails, every client of the VPC loses
#   the service, whichever AZ the client runs in, and the traffic of clients in
#   the other AZs crosses AZs all the time.
#
#   Design guide, "AWS PrivateLink": interface endpoints are "created directly
#   inside of your VPC, using elastic network interfaces and IP addresses in your
#   VPC's subnets", so their availability is that of the AZs of those subnets.
#   AWS PrivateLink guide: name a subnet in at least two AZs (consumers can use
#   only AZs the provider's load balancer also uses).
# custom:
#   id: NL702
#   name: privatelink-single-az
#   severity: warning
#   fixtures: [fire-single-az, quiet-two-azs, quiet-unresolved-link]
#   remediation: |-
#     Name one subnet in each AZ the clients use (at least two), in AZs the
#     endpoint service is also available in:
#
#     ```hcl
#     resource "aws_vpc_endpoint" "api" {
#       vpc_id              = aws_vpc.consumer.id
#       vpc_endpoint_type   = "Interface"
#       service_name        = "com.amazonaws.us-east-1.execute-api"
#       subnet_ids          = [aws_subnet.private["a"].id, aws_subnet.private["b"].id]
#       private_dns_enabled = true
#     }
#     ```
package netlint.rules.privatelink.privatelink_single_az

import data.netlint.lib
import data.netlint.lib.privatelink as pl
import data.netlint.lib.tgw as tgwlib

deny contains f if {
	some id, ep in pl.interface_endpoints
	not lib.unknown(ep, "subnets")
	subnets := tgwlib.items(ep.subnets)
	z := tgwlib.single_zone(subnets)
	msg := sprintf("interface endpoint %s%s has its network interfaces only in %s: when %s fails, every client in %s loses the service%s", [
		lib.addr(ep), service_phrase(ep), tgwlib.in_one_zone(subnets, z), z,
		tgwlib.vpc_name(object.get(ep, "vpc", "")), also_in(ep, z),
	])
	f := lib.finding(msg, array.concat([id], sort(subnets)))
}

# The subnets, or the AZ of one of them, are unknown or outside the model.
not_evaluated contains {"resource": id, "reason": "its subnets are not all known (a subnet known only after apply, or a subnet association whose endpoint cannot be resolved)"} if {
	some id, ep in pl.interface_endpoints
	lib.unknown(ep, "subnets")
}

not_evaluated contains {"resource": id, "reason": sprintf("the Availability Zone of subnet %s is not known (it is outside this input, or known only after apply)", [tgwlib.subnet_name(s)])} if {
	some id, ep in pl.interface_endpoints
	not lib.unknown(ep, "subnets")
	some s in tgwlib.items(ep.subnets)
	not tgwlib.zone(s)
}

service_phrase(ep) := sprintf(" (%s)", [ep.service_name]) if {
	not lib.unknown(ep, "service_name")
	object.get(ep, "service_name", "") != ""
} else := ""

# also_in names the other AZs the VPC has subnets in: where to add subnets.
also_in(ep, z) := sprintf("; the VPC also has subnets in %s", [concat(", ", others)]) if {
	others := tgwlib.other_zones(object.get(ep, "vpc", ""), z)
	count(others) > 0
} else := ""
