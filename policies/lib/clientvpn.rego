# Helpers for the Client VPN rules (NL8xx).
package netlint.lib.clientvpn

import data.netlint.lib
import data.netlint.lib.tgw as tgwlib

# auth_types are the client authentication types AWS Client VPN offers: mutual
# TLS, Active Directory and SAML 2.0 federation.
auth_types := {
	"certificate-authentication",
	"directory-service-authentication",
	"federated-authentication",
}

# auth_unknown is true when the authentication options, or a field of one of
# them, are not known (yet).
auth_unknown(ep) if {
	some u in ep.unknown
	startswith(u, "authentication")
}

# subnets are the subnets of the endpoint's target network associations.
subnets(ep) := [a.subnet | some a in tgwlib.items(ep.associations)]

# association_unknown is true when the subnet of an association is unknown.
association_unknown(ep) if {
	some a in tgwlib.items(ep.associations)
	"subnet" in a.unknown
}

# vpc is the VPC the endpoint serves: its own link, else the VPC of its
# associated subnets (AWS keeps them in one VPC; the first in order if not).
vpc(ep) := v if {
	v := object.get(ep, "vpc", "")
	v != ""
} else := v if {
	vpcs := sort({v | some id in subnets(ep); v := input.subnets[id].vpc; v != ""})
	v := vpcs[0]
} else := ""

# name is how messages name an endpoint: "Client VPN endpoint X (pool 10.100.0.0/22)".
name(ep) := sprintf("Client VPN endpoint %s (pool %s)", [lib.addr(ep), ep.client_cidr]) if {
	not lib.unknown(ep, "client_cidr")
	object.get(ep, "client_cidr", "") != ""
} else := sprintf("Client VPN endpoint %s", [lib.addr(ep)])
