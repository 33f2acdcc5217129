# METADATA
# title: A VPN connection has no CloudWatch alarm on its tunnel state
# description: |-
#   Every Site-to-Site VPN connection publishes the `TunnelState` metric in the
#   `AWS/VPN` namespace (1 = tunnel up or BGP established, 0 = down; under the
#   `VpnId` dimension a value between 0 and 1 means one of the two tunnels is down).
#   AWS takes one tunnel down for maintenance and fails over to the other, so a
#   connection can run for weeks on one tunnel without anyone noticing until the
#   second one goes too. Without an alarm on `TunnelState`, nobody learns that the
#   connection lost its redundancy or its connectivity.
#
#   Design guide, "VPN Monitoring": "You can monitor the AWS Managed VPN tunnels
#   using Amazon CloudWatch metrics ... These metrics allow you to monitor tunnel
#   health, activity, and create automated actions." An alarm counts when its
#   `VpnId` dimension points at the connection (resolved through the Terraform
#   reference or the id), or its `TunnelIpAddress` dimension is one of the
#   connection's tunnel outside addresses. A CloudWatch alarm only watches metrics
#   of its own Region, so an alarm created in another Region than the connection
#   does not count.
# custom:
#   id: NL107
#   name: vpn-tunnel-unmonitored
#   severity: notice
#   fixtures: [fire-alarm-other-region, fire-unmonitored-sites, quiet-alarms, quiet-unresolved-link]
#   remediation: |-
#     Create an alarm on the connection's `TunnelState` in the connection's Region
#     (same provider), alarming when either tunnel is down and sending the
#     notification somewhere a person or an automation acts on it:
#
#     ```hcl
#     resource "aws_cloudwatch_metric_alarm" "hq_tunnels" {
#       alarm_name          = "vpn-hq-tunnel-down"
#       namespace           = "AWS/VPN"
#       metric_name         = "TunnelState"
#       dimensions          = { VpnId = aws_vpn_connection.hq.id }
#       statistic           = "Minimum"
#       comparison_operator = "LessThanThreshold"
#       threshold           = 1
#       period              = 300
#       evaluation_periods  = 3
#       treat_missing_data  = "breaching"
#       alarm_actions       = [aws_sns_topic.network_oncall.arn]
#     }
#     ```
package netlint.rules.vpn.vpn_tunnel_unmonitored

import data.netlint.lib
import data.netlint.lib.vpn_routing as vpn

# tunnel_state_alarm: an alarm on AWS/VPN TunnelState.
tunnel_state_alarm(a) if {
	a.namespace == "AWS/VPN"
	a.metric_name == "TunnelState"
}

# Connections by tunnel outside IP address, for alarms on TunnelIpAddress.
connections_by_tunnel_ip := {ip: ids |
	some c in input.vpn_connections
	some t in c.tunnels
	ip := object.get(t, "outside_ip", "")
	ip != ""
	ids := {id | some id, c2 in input.vpn_connections; some t2 in c2.tunnels; t2.outside_ip == ip}
}

# watched_by contains [connection, alarm] for every TunnelState alarm on a
# connection, whatever its Region.
watched_by contains [cid, aid] if {
	some aid, a in input.alarms
	tunnel_state_alarm(a)
	some cid in a.watches
	input.vpn_connections[cid]
}

watched_by contains [cid, aid] if {
	some aid, a in input.alarms
	tunnel_state_alarm(a)
	cid := a.dimensions.VpnId
	input.vpn_connections[cid]
}

watched_by contains [cid, aid] if {
	some aid, a in input.alarms
	tunnel_state_alarm(a)
	some cid in connections_by_tunnel_ip[a.dimensions.TunnelIpAddress]
}

monitored contains cid if {
	some [cid, aid] in watched_by
	not other_region(input.alarms[aid], input.vpn_connections[cid])
}

# TunnelState alarms by connection, whatever their Region.
alarms_by_connection := {cid: aids |
	some [cid, _] in watched_by
	aids := {aid | some [cid2, aid] in watched_by; cid2 == cid}
}

other_region(a, c) if {
	a.region != ""
	c.region != ""
	a.region != c.region
}

deny contains f if {
	some cid, c in input.vpn_connections
	not monitored[cid]
	not maybe_monitored(cid, c)
	not lib.alarms_unread(c)
	wrong := sort(object.get(alarms_by_connection, cid, set()))
	msg := sprintf("VPN connection %s (%s) has no CloudWatch alarm on its AWS/VPN TunnelState metric%s: a tunnel that goes down, or the whole connection, goes unnoticed", [
		lib.addr(c), vpn.gateway_label(c), region_note(c, wrong),
	])
	f := lib.finding(msg, array.concat([cid], wrong))
}

region_note(_, wrong) := "" if count(wrong) == 0

region_note(c, wrong) := sprintf(" in %s (%s watches it from %s, but an alarm only sees metrics of its own Region)", [
	c.region,
	concat(", ", [lib.addr(input.alarms[aid]) | some aid in wrong]),
	concat(", ", sort({input.alarms[aid].region | some aid in wrong})),
]) if {
	count(wrong) > 0
}

# Alarms with an unknown metric or target: each could be the one that watches a
# connection. (A dimension value unknown at plan time, such as the id of a VPN
# created in the same plan, does not count when the loader resolved the target
# through the reference: then watches is known.)
uncertain_alarms contains aid if {
	some aid, a in input.alarms
	maybe_tunnel_state(a)
	some field in ["namespace", "metric_name", "watches"]
	lib.unknown(a, field)
}

maybe_monitored(cid, c) if {
	some aid in uncertain_alarms
	a := input.alarms[aid]
	may_watch(a, cid)
	not other_region(a, c)
}

maybe_tunnel_state(a) if {
	object.get(a, "namespace", "") in {"AWS/VPN", ""}
	object.get(a, "metric_name", "") in {"TunnelState", ""}
}

may_watch(a, cid) if cid in a.watches

may_watch(a, _) if lib.unknown(a, "watches")

not_evaluated contains {"resource": cid, "reason": reason} if {
	some cid, c in input.vpn_connections
	not monitored[cid]
	maybe_monitored(cid, c)
	alarms := sort({lib.addr(a) |
		some aid in uncertain_alarms
		a := input.alarms[aid]
		may_watch(a, cid)
		not other_region(a, c)
	})
	reason := sprintf("%s may watch its TunnelState: the metric, or the VPN connection it watches, is not known until apply", [vpn.list_label(alarms, 3)])
}

# A live audit could not read the alarms of the connection's account and Region.
not_evaluated contains {"resource": cid, "reason": lib.alarms_unread_reason(c)} if {
	some cid, c in input.vpn_connections
	not monitored[cid]
	lib.alarms_unread(c)
}
