# METADATA
# title: No security group admits traffic from a VPN's remote ranges
# description: |-
#   A Site-to-Site VPN brings on-premises traffic into a VPC, but security groups
#   deny every inbound connection they do not explicitly allow, and the default
#   security group admits only its own members. When no security group in any VPC
#   the VPN reaches has an inbound rule whose source covers part of the VPN's remote
#   ranges, on-prem hosts cannot open a connection to any instance: the tunnels
#   come up and the routes are in place, yet every new connection from on-prem is
#   dropped at the instances.
#
#   Design guide, "Setting up a Site-to-Site VPN", step 4: "Update your security
#   group. To allow access to instances in your VPC from your network, you must
#   update your security group rules to enable inbound SSH, RDP, and ICMP access."
#
#   The VPCs a connection reaches are the VPC its VGW is attached to, or every VPC
#   attached to its Transit Gateway. Its remote ranges are the `sites` declared in
#   .netlint.yaml for it (by customer gateway IP), else its static routes (VGW) or
#   the TGW static routes to its attachment. A dynamic (BGP) VPN without a declared
#   site has no known remote ranges and is not evaluated; so is a connection when
#   the input holds no security group of the VPCs it reaches, when one of them is
#   outside the input or read from a data source, or when a rule's sources are
#   unknown or a prefix list.
# custom:
#   id: NL108
#   name: vpn-remote-access-blocked
#   severity: notice
#   fixtures: [fire-tgw-site, fire-vgw-static, quiet-admitted, quiet-bgp-without-site, quiet-unresolved-link]
#   remediation: |-
#     Allow the on-prem ranges, for the ports they need, in the security groups of
#     the instances they must reach:
#
#     ```hcl
#     resource "aws_vpc_security_group_ingress_rule" "ssh_from_hq" {
#       security_group_id = aws_security_group.app.id
#       cidr_ipv4         = "192.168.0.0/16" # the VPN's remote range
#       ip_protocol       = "tcp"
#       from_port         = 22
#       to_port           = 22
#     }
#     ```
#
#     If on-prem hosts only answer traffic that starts in the VPC, no inbound
#     rule is needed: waive the finding for that connection.
package netlint.rules.vpn.vpn_remote_access_blocked

import data.netlint.lib
import data.netlint.lib.vpn_routing as vpn

deny contains f if {
	some cid, c in input.vpn_connections
	r := reach[vpn.gateway_pair(c)]
	count(r.vpcs) > 0
	ranges := vpn.remote_cidrs(cid)
	not admitted(r.sources, ranges)
	not cannot_judge(cid, r, ranges)
	msg := sprintf(
		"VPN connection %s (%s) reaches %s, but %s inbound traffic from the connection's %s %s: on-prem hosts cannot open a connection to any instance there",
		[lib.addr(c), vpn.gateway_label(c), r.vpc_label, sg_clause(r.vpcs, r.sg_names), ranges_noun(ranges), concat(", ", sort(ranges))],
	)
	sites := sort({n.element | some nid in vpn.remote_networks(cid); n := input.derived.networks[nid]; input.sites[n.element]})
	f := lib.finding(msg, array.flatten([[cid], sort(r.vpcs), sites]))
}

not_evaluated contains {"resource": cid, "reason": reason} if {
	some cid, c in input.vpn_connections
	r := reach[vpn.gateway_pair(c)]
	reaches_some(c, r)
	ranges := vpn.remote_cidrs(cid)
	not admitted(r.sources, ranges)
	some reason in gaps(cid, r, ranges)
}

# reach summarises, once per gateway (all connections of a VGW or TGW reach the
# same VPCs), the VPCs reached, their security groups and every CIDR their
# ingress rules admit, and whether some of those are not known.
reach := {pair: summary(pair) | some pair in {vpn.gateway_pair(c) | some c in input.vpn_connections}}

summary(pair) := {
	"vpcs": vpcs,
	"vpcs_unknown": count({true | vpn.gateway_vpcs_unknown(pair)}) > 0,
	"vpc_label": vpn.list_label(sort([lib.addr(input.vpcs[v]) | some v in vpcs]), 5),
	"sg_names": sort([lib.addr(input.security_groups[id]) | some id in sgs]),
	"sources": {cidr |
		some id in sgs
		some rule in input.security_groups[id].ingress
		some cidr in rule_sources(rule)
	},
	"sources_unknown": sort([lib.addr(input.security_groups[id]) | some id in sgs; sources_unknown(input.security_groups[id])]),
	"outside_input": count({v | some v in vpcs; not vpn.vpc_managed_here(v)}) > 0,
} if {
	vpcs := vpn.gateway_vpcs(pair)
	sgs := {id | some v in vpcs; some id in vpn.security_groups_by_vpc[v]}
}

reaches_some(_, r) if count(r.vpcs) > 0

reaches_some(_, r) if r.vpcs_unknown

reaches_some(c, _) if vpn.gateway_link_unknown(c)

sg_clause(vpcs, names) := sprintf("%s only security group (%s) admits no", [possessive(vpcs), names[0]]) if count(names) == 1

sg_clause(vpcs, names) := sprintf("none of %s %d security groups (%s) admits", [possessive(vpcs), count(names), vpn.list_label(names, 5)]) if {
	count(names) > 1
}

ranges_noun(ranges) := "remote range" if count(ranges) == 1

ranges_noun(ranges) := "remote ranges" if count(ranges) > 1

possessive(vpcs) := "its" if count(vpcs) == 1

possessive(vpcs) := "their" if count(vpcs) > 1

# admitted: some ingress rule of those security groups has a source that
# overlaps a remote range (any protocol and port counts).
admitted(sources, ranges) if {
	some cidr in sources
	some r in ranges
	net.cidr_intersects(cidr, r)
}

rule_sources(rule) := array.concat(object.get(rule, "cidrs", []), object.get(rule, "ipv6_cidrs", []))

# cannot_judge: the remote ranges, the VPCs reached or their security groups are
# not all known; gaps says which.
cannot_judge(cid, r, ranges) if count(gaps(cid, r, ranges)) > 0

gaps(cid, r, ranges) := union({
	{"its remote ranges are not known (a BGP VPN learns them at run time: declare its site in .netlint.yaml)" |
		count(ranges) == 0
		not lib.unknown(input.vpn_connections[cid], "static_routes")
	},
	{"its static routes are not all known until apply" | lib.unknown(input.vpn_connections[cid], "static_routes")},
	{gateway_gap(input.vpn_connections[cid]) | vpn.gateway_link_unknown(input.vpn_connections[cid])},
	{"a VPC attachment of its gateway is not known until apply" | r.vpcs_unknown},
	{"a VPC it reaches is managed outside this input: its security groups are not known" | r.outside_input},
	{"no security group of the VPCs it reaches is in the input" | count(r.sg_names) == 0},
	{sprintf("the sources admitted by %s are not all known (a rule whose security group cannot be resolved, a source known only after apply, or a prefix list)", [vpn.list_label(r.sources_unknown, 3)]) |
		count(r.sources_unknown) > 0
	},
	{"a security group whose VPC is not known until apply may admit its remote ranges" |
		some id in unplaced_security_groups
		admits_or_unknown(input.security_groups[id], ranges)
	},
})

gateway_gap(c) := sprintf("its VGW %s is outside this input: the VPC it reaches is not known", [c.vpn_gateway]) if {
	c.vpn_gateway != ""
	not input.vpn_gateways[c.vpn_gateway]
} else := "its VGW or TGW is not known until apply"

admits_or_unknown(sg, ranges) if {
	some rule in sg.ingress
	admitted(rule_sources(rule), ranges)
}

admits_or_unknown(sg, _) if sources_unknown(sg)

# sources_unknown: an ingress rule whose sources are unknown, or a prefix list
# (its entries are not in the model).
sources_unknown(sg) if lib.unknown(sg, "ingress")

sources_unknown(sg) if {
	some rule in sg.ingress
	some field in ["cidrs", "ipv6_cidrs", "prefix_lists"]
	lib.unknown(rule, field)
}

sources_unknown(sg) if {
	some rule in sg.ingress
	count(object.get(rule, "prefix_lists", [])) > 0
}

# Security groups whose VPC is unknown: each could be in a reached VPC.
unplaced_security_groups contains id if {
	some id, sg in input.security_groups
	lib.unknown(sg, "vpc")
}
