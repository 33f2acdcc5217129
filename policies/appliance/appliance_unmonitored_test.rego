package netlint.rules.appliance.appliance_unmonitored_test

import data.netlint.assert
import data.netlint.rules.appliance.appliance_unmonitored as rule

instance(id, az) := {"id": id, "address": id, "az": az, "source_dest_check": false, "primary_eni": "", "network_interfaces": []}

instances := {
	"aws_instance.vpn[0]": instance("aws_instance.vpn[0]", "us-east-1a"),
	"aws_instance.vpn[1]": instance("aws_instance.vpn[1]", "us-east-1b"),
	"aws_instance.web": instance("aws_instance.web", "us-east-1a"),
}

tables := {
	"aws_route_table.a": {"id": "aws_route_table.a", "address": "aws_route_table.a", "vpc": "aws_vpc.main", "subnets": [], "routes": [{"destination": "192.168.0.0/16", "target_kind": "instance", "target": "aws_instance.vpn[0]"}]},
	"aws_route_table.b": {"id": "aws_route_table.b", "address": "aws_route_table.b", "vpc": "aws_vpc.main", "subnets": [], "routes": [{"destination": "192.168.0.0/16", "target_kind": "network_interface", "target": "eni-0vpn1"}]},
}

alarm(id, metric, inst, actions) := {
	"id": id, "address": id, "namespace": "AWS/EC2", "metric_name": metric,
	"dimensions": {"InstanceId": inst}, "watches": [inst], "actions": actions,
}

recover := ["arn:aws:automate:us-east-1:ec2:recover"]

network(alarms) := {
	"instances": object.union(instances, {"aws_instance.vpn[1]": object.union(instances["aws_instance.vpn[1]"], {"primary_eni": "eni-0vpn1"})}),
	"route_tables": tables,
	"alarms": alarms,
}

test_unwatched_vpn_instance_fires if {
	inp := network({"aws_cloudwatch_metric_alarm.vpn0": alarm("aws_cloudwatch_metric_alarm.vpn0", "StatusCheckFailed_System", "aws_instance.vpn[0]", recover)})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "aws_instance.vpn[1] (us-east-1b) forwards traffic (route table aws_route_table.b: 192.168.0.0/16) but no CloudWatch alarm with an action watches its EC2 status check: when it fails, nothing recovers it or moves its routes")
	assert.equals(f.resources, ["aws_instance.vpn[1]", "aws_route_table.b"])
	assert.empty(rule.not_evaluated) with input as inp
}

test_every_instance_with_an_acting_alarm_quiet if {
	inp := network({
		"aws_cloudwatch_metric_alarm.vpn0": alarm("aws_cloudwatch_metric_alarm.vpn0", "StatusCheckFailed", "aws_instance.vpn[0]", recover),
		"aws_cloudwatch_metric_alarm.vpn1": alarm("aws_cloudwatch_metric_alarm.vpn1", "StatusCheckFailed_Instance", "aws_instance.vpn[1]", ["aws_sns_topic.failover"]),
	})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_alarm_without_action_or_on_other_metric_does_not_count if {
	inp := network({
		"aws_cloudwatch_metric_alarm.vpn0": alarm("aws_cloudwatch_metric_alarm.vpn0", "StatusCheckFailed", "aws_instance.vpn[0]", []),
		"aws_cloudwatch_metric_alarm.vpn1_cpu": alarm("aws_cloudwatch_metric_alarm.vpn1_cpu", "CPUUtilization", "aws_instance.vpn[1]", recover),
	})
	findings := rule.deny with input as inp
	assert.size(findings, 2)
	some f in findings
	assert.equals(f.resources, ["aws_instance.vpn[0]", "aws_route_table.a", "aws_cloudwatch_metric_alarm.vpn0"])
	contains(f.msg, "check (aws_cloudwatch_metric_alarm.vpn0 watches its status check but has no alarm action): when it fails")
}

test_alarm_in_another_namespace_does_not_count if {
	other := object.union(alarm("aws_cloudwatch_metric_alarm.x", "StatusCheckFailed", "aws_instance.vpn[0]", recover), {"namespace": "CWAgent"})
	inp := network({"aws_cloudwatch_metric_alarm.x": other})
	assert.size(rule.deny, 2) with input as inp
}

test_instances_without_routes_quiet if {
	inp := {"instances": instances, "route_tables": {}, "alarms": {}}
	assert.empty(rule.deny) with input as inp
}

test_unknown_alarm_actions_not_evaluated if {
	pending := object.union(alarm("aws_cloudwatch_metric_alarm.vpn1", "StatusCheckFailed", "aws_instance.vpn[1]", []), {"unknown": ["actions"]})
	inp := network({
		"aws_cloudwatch_metric_alarm.vpn0": alarm("aws_cloudwatch_metric_alarm.vpn0", "StatusCheckFailed", "aws_instance.vpn[0]", recover),
		"aws_cloudwatch_metric_alarm.vpn1": pending,
	})
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_instance.vpn[1]", "reason": "the actions of alarm aws_cloudwatch_metric_alarm.vpn1 are not known until apply"}}) with input as inp
}

test_alarm_on_unknown_instance_not_evaluated if {
	pending := object.union(alarm("aws_cloudwatch_metric_alarm.any", "StatusCheckFailed", "", recover), {"watches": [], "unknown": ["watches"]})
	inp := network({"aws_cloudwatch_metric_alarm.any": pending})
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {{"resource": inst, "reason": "a status check alarm whose instance cannot be resolved (its InstanceId goes through a value the plan does not show) may watch it"} |
		some inst in ["aws_instance.vpn[0]", "aws_instance.vpn[1]"]
	} with input as inp
}

# At plan time the InstanceId of a new instance is unknown; the loader still
# resolves what the alarm watches from the configuration.
planned(id, inst) := object.union(alarm(id, "StatusCheckFailed_System", inst, recover), {"dimensions": {"InstanceId": ""}, "unknown": ["dimensions"]})

test_unknown_dimension_value_resolved_through_configuration_counts if {
	inp := network({
		"aws_cloudwatch_metric_alarm.vpn[0]": planned("aws_cloudwatch_metric_alarm.vpn[0]", "aws_instance.vpn[0]"),
		"aws_cloudwatch_metric_alarm.vpn[1]": planned("aws_cloudwatch_metric_alarm.vpn[1]", "aws_instance.vpn[1]"),
	})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_unread_alarms_not_evaluated if {
	# A live audit could not read the alarms of vpn[1]'s account and Region:
	# vpn[1] is not evaluated; vpn[0], whose alarms were read, still is.
	inp := json.patch(network({}), [
		{"op": "add", "path": "/instances/aws_instance.vpn[1]/unknown", "value": ["alarms"]},
		{"op": "add", "path": "/instances/aws_instance.vpn[1]/account", "value": "111122223333"},
		{"op": "add", "path": "/instances/aws_instance.vpn[1]/region", "value": "eu-west-1"},
	])
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["aws_instance.vpn[0]", "aws_route_table.a"])
	assert.equals(rule.not_evaluated, {{"resource": "aws_instance.vpn[1]", "reason": "the CloudWatch alarms of 111122223333/eu-west-1 could not be read"}}) with input as inp
}
