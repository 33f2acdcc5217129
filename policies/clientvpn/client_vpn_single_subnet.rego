# METADATA
# title: Client VPN endpoint is associated with one subnet or one AZ
# description: |-
#   Clients of an AWS Client VPN endpoint connect through its target network
#   associations: each associated subnet gets the endpoint's network interfaces in
#   its Availability Zone. With one association, or associations all in one AZ,
#   that AZ carries every remote user: when it fails, nobody can connect. AWS
#   allows at most one associated subnet per AZ, so high availability means
#   associating subnets in two or more AZs; the concurrent connection limit grows
#   with them too (7,000 with one association, 36,500 with two).
#
#   Design guide, "Software remote access-to-Amazon VPC connectivity options":
#   AWS Client VPN's advantage is an "AWS managed HA and scalability service",
#   which the endpoint delivers only across the AZs it is associated with. AWS
#   Client VPN guide: associate at least two subnets in different AZs.
# custom:
#   id: NL801
#   name: client-vpn-single-subnet
#   severity: warning
#   fixtures: [fire-one-subnet, quiet-two-azs, quiet-unresolved-link]
#   remediation: |-
#     Associate one subnet in each of at least two AZs of the VPC:
#
#     ```hcl
#     resource "aws_ec2_client_vpn_network_association" "this" {
#       for_each               = toset([aws_subnet.private["a"].id, aws_subnet.private["b"].id])
#       client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.remote.id
#       subnet_id              = each.value
#     }
#     ```
package netlint.rules.clientvpn.client_vpn_single_subnet

import data.netlint.lib
import data.netlint.lib.clientvpn as cvpn
import data.netlint.lib.tgw as tgwlib

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not lib.unknown(ep, "associations")
	count(tgwlib.items(ep.associations)) == 0
	msg := sprintf("%s has no target network association: no client can connect until a subnet is associated; associate subnets in at least two AZs", [cvpn.name(ep)])
	f := lib.finding(msg, [id])
}

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not lib.unknown(ep, "associations")
	count(tgwlib.items(ep.associations)) == 1
	msg := sprintf("%s is associated with one subnet only (%s): when its AZ fails, no client can connect; associate a subnet in a second AZ%s", [
		cvpn.name(ep), one_subnet(ep), other_azs(ep),
	])
	f := lib.finding(msg, array.concat([id], known_subnets(ep)))
}

deny contains f if {
	some id, ep in input.client_vpn_endpoints
	not lib.unknown(ep, "associations")
	count(tgwlib.items(ep.associations)) > 1
	not cvpn.association_unknown(ep)
	subnets := cvpn.subnets(ep)
	z := tgwlib.single_zone(subnets)
	msg := sprintf("%s is associated only with %s: AWS allows one associated subnet per AZ, and one AZ gives no failover; associate subnets in other AZs%s", [
		cvpn.name(ep), tgwlib.in_one_zone(subnets, z), other_azs(ep),
	])
	f := lib.finding(msg, array.concat([id], sort(subnets)))
}

# The associations, or the subnet or AZ of one of several, are unknown or outside
# the model.
not_evaluated contains {"resource": id, "reason": "its target network associations are not all known (an association whose endpoint cannot be resolved may be one of them)"} if {
	some id, ep in input.client_vpn_endpoints
	lib.unknown(ep, "associations")
}

not_evaluated contains {"resource": id, "reason": "the subnet of an association is not known until apply"} if {
	some id, ep in input.client_vpn_endpoints
	not lib.unknown(ep, "associations")
	count(tgwlib.items(ep.associations)) > 1
	cvpn.association_unknown(ep)
}

not_evaluated contains {"resource": id, "reason": sprintf("the Availability Zone of associated subnet %s is not known (it is outside this input, or known only after apply)", [tgwlib.subnet_name(s)])} if {
	some id, ep in input.client_vpn_endpoints
	not lib.unknown(ep, "associations")
	count(tgwlib.items(ep.associations)) > 1
	not cvpn.association_unknown(ep)
	some s in cvpn.subnets(ep)
	not tgwlib.zone(s)
}

# one_subnet describes the single associated subnet: "aws_subnet.a in us-east-1a".
one_subnet(ep) := sprintf("%s in %s", [tgwlib.subnet_name(s), tgwlib.zone(s)]) if {
	not cvpn.association_unknown(ep)
	some s in cvpn.subnets(ep)
	tgwlib.zone(s)
} else := tgwlib.subnet_name(s) if {
	not cvpn.association_unknown(ep)
	some s in cvpn.subnets(ep)
	s != ""
} else := "a subnet not known yet"

known_subnets(ep) := [] if cvpn.association_unknown(ep)

else := [s | some s in cvpn.subnets(ep); s != ""]

# other_azs names the other AZs the served VPC has subnets in.
other_azs(ep) := sprintf(" (%s has subnets in %s)", [tgwlib.vpc_name(v), concat(", ", others)]) if {
	v := cvpn.vpc(ep)
	v != ""
	zs := tgwlib.zones(cvpn.subnets(ep))
	count(zs) == 1
	some z in zs
	others := tgwlib.other_zones(v, z)
	count(others) > 0
} else := ""
