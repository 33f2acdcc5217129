# Helpers shared by the Site-to-Site VPN rules: which connections a gateway
# carries, which on-premises ranges sit behind a connection, and which VPCs a
# connection reaches. Indexes are built once per evaluation.
package netlint.lib.vpn_routing

import data.netlint.lib

# connections_by_vgw maps a VGW's model ID (or raw AWS id when the VGW is outside
# the model) to the IDs of the VPN connections that terminate on it.
connections_by_vgw := {g: ids |
	some c in input.vpn_connections
	g := object.get(c, "vpn_gateway", "")
	g != ""
	ids := {id | some id, c2 in input.vpn_connections; c2.vpn_gateway == g}
}

# vpc_attachments_by_tgw maps a TGW's ID to the IDs of its VPC attachments.
vpc_attachments_by_tgw := {t: ids |
	some a in input.tgw_attachments
	a.kind == "vpc"
	t := a.transit_gateway
	t != ""
	ids := {id | some id, a2 in input.tgw_attachments; a2.kind == "vpc"; a2.transit_gateway == t}
}

# security_groups_by_vpc maps a VPC's ID to the IDs of its security groups.
security_groups_by_vpc := {v: ids |
	some sg in input.security_groups
	v := object.get(sg, "vpc", "")
	v != ""
	ids := {id | some id, sg2 in input.security_groups; sg2.vpc == v}
}

# site networks of input.derived.networks, by the element they stand for: a
# declared site, or the VPN connection whose static routes imply the site.
site_networks_by_element := {e: ids |
	some n in input.derived.networks
	n.kind == "site"
	e := n.element
	ids := {id | some id, n2 in input.derived.networks; n2.kind == "site"; n2.element == e}
}

# remote_networks is the set of derived site networks behind a VPN connection:
# sites declared in .netlint.yaml for the connection or for its customer
# gateway's IP, else the site implied by its static routes (model.Derive).
remote_networks(cid) := {nid |
	some nid in site_networks_by_element[cid]
} | {nid |
	some sid, site in input.sites
	declared_site_of(site, cid)
	some nid in site_networks_by_element[sid]
}

declared_site_of(site, cid) if site.vpn_connection == cid

declared_site_of(site, cid) if {
	object.get(site, "vpn_connection", "") == ""
	c := input.vpn_connections[cid]
	ip := input.customer_gateways[c.customer_gateway].ip
	ip != ""
	some d in site.devices
	d.ip == ip
}

# remote_cidrs is every on-prem range behind a VPN connection.
remote_cidrs(cid) := {cidr |
	some nid in remote_networks(cid)
	some cidr in input.derived.networks[nid].cidrs
}

# reached_vpcs is the set of VPC IDs a VPN connection delivers traffic to: the
# VPC its VGW is attached to, or every VPC attached to its Transit Gateway.
reached_vpcs(cid) := gateway_vpcs(gateway_pair(input.vpn_connections[cid]))

# gateway_pair is [VGW, TGW] of a connection, one of them "": connections with
# the same pair reach the same VPCs, so rules can compute per gateway once.
gateway_pair(c) := [object.get(c, "vpn_gateway", ""), object.get(c, "transit_gateway", "")]

# gateway_vpcs is the set of VPC IDs reached through a gateway pair.
gateway_vpcs(pair) := {v |
	v := input.vpn_gateways[pair[0]].vpc
	v != ""
} | {v |
	some aid in vpc_attachments_by_tgw[pair[1]]
	v := input.tgw_attachments[aid].vpc
	v != ""
}

# reach_unknown is true when the VPCs a connection reaches cannot all be known:
# its gateway link or a VPC link on the way is unknown, or its VGW is outside
# the model.
reach_unknown(cid) if gateway_link_unknown(input.vpn_connections[cid])

reach_unknown(cid) if gateway_vpcs_unknown(gateway_pair(input.vpn_connections[cid]))

# gateway_link_unknown: the connection's gateway is unknown or a VGW outside
# the model (whose VPC attachment the input lacks).
gateway_link_unknown(c) if {
	some field in ["vpn_gateway", "transit_gateway"]
	lib.unknown(c, field)
}

gateway_link_unknown(c) if {
	c.vpn_gateway != ""
	not input.vpn_gateways[c.vpn_gateway]
}

# gateway_vpcs_unknown: the VGW's attachment, or the VPC of one of the TGW's
# VPC attachments, is unknown.
gateway_vpcs_unknown(pair) if lib.unknown(input.vpn_gateways[pair[0]], "vpc")

gateway_vpcs_unknown(pair) if {
	some aid in vpc_attachments_by_tgw[pair[1]]
	lib.unknown(input.tgw_attachments[aid], "vpc")
}

# vpc_managed_here is true when a VPC is in the model as a managed resource (or
# a live VPC): a VPC outside the model, or read from a Terraform data source,
# has route tables and security groups managed elsewhere, which the input lacks.
vpc_managed_here(id) if {
	vpc := input.vpcs[id]
	not data_source(vpc)
}

data_source(el) if startswith(el.address, "data.")

data_source(el) if contains(el.address, ".data.")

# gateway_label names the gateway a connection terminates on, for messages.
gateway_label(c) := sprintf("VGW %s", [element_label(object.get(input, "vpn_gateways", {}), c.vpn_gateway)]) if {
	c.vpn_gateway != ""
} else := sprintf("TGW %s", [element_label(object.get(input, "transit_gateways", {}), c.transit_gateway)]) if {
	c.transit_gateway != ""
} else := "an unknown gateway"

# element_label is the address of an element of coll, or the raw id of an
# element outside the model.
element_label(coll, id) := lib.addr(coll[id])

element_label(coll, id) := id if not coll[id]

# connections_phrase names VPN connections by address, sorted.
connections_phrase(ids) := sprintf("VPN connection %s", [concat(", ", labels)]) if {
	count(ids) == 1
	labels := [element_label(input.vpn_connections, id) | some id in ids]
} else := sprintf("VPN connections %s", [concat(", ", labels)]) if {
	labels := [element_label(input.vpn_connections, id) | some id in sort(ids)]
}

# list_label joins up to max names, saying how many more there are.
list_label(names, max) := concat(", ", names) if count(names) <= max

list_label(names, max) := sprintf("%s and %d more", [concat(", ", array.slice(names, 0, max)), count(names) - max]) if {
	count(names) > max
}
