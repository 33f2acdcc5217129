# METADATA
# title: A forwarding instance has no health monitor
# description: |-
#   An EC2 instance that routes point at (a software VPN, NAT or router instance)
#   has no CloudWatch alarm on its EC2 status check with an action. When the
#   instance or its host fails, nothing recovers it and nothing moves its routes:
#   the traffic is lost until someone notices.
#
#   Design guide, "VPN Monitoring": "If a VPN instance or connection goes down,
#   the monitor needs to stop, terminate, or restart the VPN instance while also
#   rerouting traffic from the affected subnets to the working VPN instance"; and
#   "High-Level HA architecture for software VPN instances", which pairs the VPN
#   instances with "a monitoring instance to monitor the health of the VPN
#   connections". On EC2 the simplest monitor is a CloudWatch alarm on the
#   instance's StatusCheckFailed, StatusCheckFailed_System or
#   StatusCheckFailed_Instance metric (namespace AWS/EC2, dimension InstanceId)
#   whose action recovers the instance (arn:aws:automate:REGION:ec2:recover) or
#   notifies the SNS topic or Lambda function that fails the routes over.
#
#   An alarm without an action only changes colour on a dashboard; it does not
#   count. A monitor outside CloudWatch (a script on a monitor instance) is not
#   visible in the input: waive the finding for that instance.
# custom:
#   id: NL404
#   name: appliance-unmonitored
#   severity: notice
#   fixtures: [fire-alarm-without-action, fire-no-alarm, quiet-recover-alarms, quiet-unresolved-link]
#   remediation: |-
#     Add a status check alarm per forwarding instance, with a recover action, a
#     failover action, or both:
#
#     ```hcl
#     resource "aws_cloudwatch_metric_alarm" "vpn_recover" {
#       count               = length(aws_instance.vpn)
#       alarm_name          = "vpn-${count.index}-system-check"
#       namespace           = "AWS/EC2"
#       metric_name         = "StatusCheckFailed_System"
#       dimensions          = { InstanceId = aws_instance.vpn[count.index].id }
#       statistic           = "Maximum"
#       period              = 60
#       evaluation_periods  = 2
#       comparison_operator = "GreaterThanOrEqualToThreshold"
#       threshold           = 1
#       alarm_actions       = ["arn:aws:automate:${var.region}:ec2:recover", aws_sns_topic.vpn_failover.arn]
#     }
#     ```
package netlint.rules.appliance.appliance_unmonitored

import data.netlint.lib
import data.netlint.lib.appliance as ap

_status_metrics := {"StatusCheckFailed", "StatusCheckFailed_System", "StatusCheckFailed_Instance"}

# _forwarding[instance] lists the routes through it.
_forwarding := ap.group_by({[h.appliance, h] | some h in ap.hops; input.instances[h.appliance]})

_health(alarm) if {
	alarm.namespace == "AWS/EC2"
	alarm.metric_name in _status_metrics
}

# An alarm whose namespace or metric is unknown may be a status check alarm.
_maybe_health(alarm) if _health(alarm)

_maybe_health(alarm) if lib.unknown(alarm, "namespace")

_maybe_health(alarm) if lib.unknown(alarm, "metric_name")

_acts(alarm) if {
	not lib.unknown(alarm, "actions")
	count(object.get(alarm, "actions", [])) > 0
}

# _watchers[instance] lists the alarms that may watch its status check.
_watchers := ap.group_by({[inst, id] |
	some id, alarm in input.alarms
	_maybe_health(alarm)
	some inst in alarm.watches
})

_watching(inst) := object.get(_watchers, inst, [])

_monitored(inst) if {
	some id in _watching(inst)
	alarm := input.alarms[id]
	_health(alarm)
	_acts(alarm)
}

# An alarm that may monitor the instance, but what it watches, measures or does
# is unknown until apply; _undecided_reasons says which.
_undecided(inst) if count(_undecided_reasons(inst)) > 0

_undecided_reasons(inst) := union({
	{sprintf("alarm %s watches it, but its metric is not known until apply", [lib.addr(alarm)]) |
		some id in _watching(inst)
		alarm := input.alarms[id]
		not _health(alarm)
	},
	{sprintf("the actions of alarm %s are not known until apply", [lib.addr(input.alarms[id])]) |
		some id in _watching(inst)
		lib.unknown(input.alarms[id], "actions")
	},
	{"a status check alarm whose instance cannot be resolved (its InstanceId goes through a value the plan does not show) may watch it" | _unresolved_alarm},
})

# An alarm whose InstanceId could not be resolved may watch any instance. (An
# unknown dimension value alone is normal at plan time: watches is resolved
# through the configuration.)
_unresolved_alarm if {
	some alarm in input.alarms
	_maybe_health(alarm)
	lib.unknown(alarm, "watches")
}

# Status check alarms on the instance that do nothing.
_idle(inst) := {id |
	some id in _watching(inst)
	alarm := input.alarms[id]
	_health(alarm)
	not _acts(alarm)
}

_idle_note(ids) := "" if count(ids) == 0

else := sprintf(" (%s watches its status check but has no alarm action)", [ap.joined({lib.addr(input.alarms[id]) | some id in ids})])

deny contains lib.finding(msg, resources) if {
	some inst, hops in _forwarding
	not _monitored(inst)
	not _undecided(inst)
	not lib.alarms_unread(input.instances[inst])
	tables := {h.route_table | some h in hops}
	idle := _idle(inst)
	msg := sprintf(
		"%s forwards traffic (%s) but no CloudWatch alarm with an action watches its EC2 status check%s: when it fails, nothing recovers it or moves its routes",
		[ap.where(inst), ap.routes_text(hops), _idle_note(idle)],
	)
	resources := array.concat(array.concat([inst], sort(tables)), sort(idle))
}

not_evaluated contains {"resource": inst, "reason": reason} if {
	some inst, _ in _forwarding
	not _monitored(inst)
	some reason in _undecided_reasons(inst)
}

# A live audit could not read the alarms of the instance's account and Region.
not_evaluated contains {"resource": inst, "reason": lib.alarms_unread_reason(input.instances[inst])} if {
	some inst, _ in _forwarding
	not _monitored(inst)
	lib.alarms_unread(input.instances[inst])
}

# An appliance that is not a known instance: an ENI whose instance is unknown or
# outside the model, or an instance outside the model.
not_evaluated contains {"resource": h.route_table, "reason": sprintf("route target %s is not a known instance (an ENI whose instance is unknown or outside this input, or an instance outside this input): its alarms cannot be matched", [ap.name(h.appliance)])} if {
	some h in ap.hops
	not input.instances[h.appliance]
}

not_evaluated contains {"resource": b.route_table, "reason": sprintf("the target of route %s is not known until apply: it may be an appliance", [_dest_text(b.destination)])} if {
	some b in ap.blind_routes
}

_dest_text(d) := d if d != ""

else := "to a destination known after apply"
