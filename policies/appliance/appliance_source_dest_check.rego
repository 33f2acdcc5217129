# METADATA
# title: A route targets an instance or ENI whose source/destination check is on
# description: |-
#   A route sends traffic to an EC2 instance or network interface whose
#   source/destination check is enabled. EC2 enables the check by default: the
#   interface then drops every packet whose source or destination is not one of
#   its own addresses, so traffic that the route hands to the appliance to forward
#   (to on-premises over a software VPN, to the internet through a NAT instance,
#   through a router or firewall) is silently lost.
#
#   Every forwarding appliance of the design guide needs the check off: the
#   software VPN instances of "Software Site-to-Site VPN", "Software VPN-to-AWS
#   Managed VPN" and "Software client VPN", the routers of the "Transit VPC", and
#   the VPN instances of "High-Level HA architecture for software VPN instances".
#
#   A route to an instance is judged by the instance's source_dest_check (it
#   applies to the primary network interface, where AWS delivers the traffic); a
#   route to a network interface by that interface's own setting.
# custom:
#   id: NL402
#   name: appliance-source-dest-check
#   severity: error
#   fixtures: [fire-firewall-eni, fire-vpn-pair-default-check, quiet-check-off]
#   remediation: |-
#     Turn the source/destination check off on the instance, or on the network
#     interface that the route targets:
#
#     ```hcl
#     resource "aws_instance" "vpn" {
#       # ...
#       source_dest_check = false
#     }
#
#     resource "aws_network_interface" "vpn" {
#       subnet_id         = aws_subnet.public.id
#       source_dest_check = false
#     }
#     ```
#
#     For an existing instance: `aws ec2 modify-instance-attribute --instance-id
#     i-0abc --no-source-dest-check`.
package netlint.rules.appliance.appliance_source_dest_check

import data.netlint.lib
import data.netlint.lib.appliance as ap

# The element whose source/destination check decides a route: the instance, the
# ENI when the model has it, else the instance whose (primary) ENI it is.
_checked(h) := h.target if {
	h.target_kind == "instance"
	input.instances[h.target]
}

_checked(h) := h.target if {
	h.target_kind == "network_interface"
	input.network_interfaces[h.target]
}

_checked(h) := ap.owner(h.target) if {
	h.target_kind == "network_interface"
	not input.network_interfaces[h.target]
}

_element(id) := input.instances[id]

_element(id) := input.network_interfaces[id]

# _checked_on[id] lists the routes to an element whose check is on.
_checked_on := ap.group_by({[id, h] |
	some h in ap.hops
	id := _checked(h)
	el := _element(id)
	not lib.unknown(el, "source_dest_check")
	object.get(el, "source_dest_check", true) == true
})

# How a message names the element: an ENI with the instance it belongs to.
_label(id) := sprintf("network interface %s of %s", [ap.name(id), ap.name(inst)]) if {
	input.network_interfaces[id]
	inst := ap.owner(id)
} else := sprintf("network interface %s", [ap.name(id)]) if {
	input.network_interfaces[id]
} else := ap.name(id)

deny contains lib.finding(msg, resources) if {
	some id, hops in _checked_on
	tables := {h.route_table | some h in hops}
	msg := sprintf(
		"%s has source/destination check on (the AWS default), yet routes send traffic through it (%s): EC2 drops every packet it would forward, so this traffic is lost; set source_dest_check = false",
		[_label(id), ap.routes_text(hops)],
	)
	resources := array.concat([id], sort(tables))
}

# An element whose setting is unknown until apply.
not_evaluated contains {"resource": id, "reason": "its source/destination check is not known until apply"} if {
	some h in ap.hops
	id := _checked(h)
	lib.unknown(_element(id), "source_dest_check")
}

_judged(h) if _element(_checked(h))

# A target outside the model: its setting is not known.
not_evaluated contains {"resource": h.route_table, "reason": sprintf("route target %s is outside this input: its source/destination check is not known", [h.target])} if {
	some h in ap.hops
	not _judged(h)
}

not_evaluated contains {"resource": b.route_table, "reason": sprintf("the target of route %s is not known until apply: it may be an instance or ENI", [_dest_text(b.destination)])} if {
	some b in ap.blind_routes
}

_dest_text(d) := d if d != ""

else := "to a destination known after apply"
