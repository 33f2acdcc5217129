package netlint.rules.vpn.vpn_tunnel_unmonitored_test

import data.netlint.assert
import data.netlint.rules.vpn.vpn_tunnel_unmonitored as rule

conn := {
	"id": "aws_vpn_connection.hq", "address": "aws_vpn_connection.hq", "region": "us-east-1",
	"customer_gateway": "aws_customer_gateway.hq", "vpn_gateway": "aws_vpn_gateway.vgw",
	"static_routes_only": false, "static_routes": [],
	"tunnels": [{"outside_ip": "52.0.0.1"}, {"outside_ip": "52.0.0.2"}],
}

alarm(id, namespace, metric, watches) := {
	"id": id, "address": id, "region": "us-east-1",
	"namespace": namespace, "metric_name": metric,
	"dimensions": {}, "watches": watches, "actions": [],
}

net(alarms) := {
	"vpn_gateways": {"aws_vpn_gateway.vgw": {"id": "aws_vpn_gateway.vgw", "address": "aws_vpn_gateway.vgw"}},
	"vpn_connections": {conn.id: conn},
	"alarms": {a.id: a | some a in alarms},
}

test_no_alarm_fires if {
	findings := rule.deny with input as net([])
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VPN connection aws_vpn_connection.hq (VGW aws_vpn_gateway.vgw) has no CloudWatch alarm on its AWS/VPN TunnelState metric: a tunnel that goes down, or the whole connection, goes unnoticed")
	assert.equals(f.resources, ["aws_vpn_connection.hq"])
}

test_alarm_on_other_metric_fires if {
	inp := net([
		alarm("aws_cloudwatch_metric_alarm.data_in", "AWS/VPN", "TunnelDataIn", ["aws_vpn_connection.hq"]),
		alarm("aws_cloudwatch_metric_alarm.cpu", "AWS/EC2", "TunnelState", ["aws_vpn_connection.hq"]),
	])
	assert.size(rule.deny, 1) with input as inp
}

test_alarm_on_other_connection_fires if {
	inp := net([alarm("aws_cloudwatch_metric_alarm.dr", "AWS/VPN", "TunnelState", ["aws_vpn_connection.dr"])])
	assert.size(rule.deny, 1) with input as inp
}

test_tgw_connection_named_by_its_tgw if {
	tgw_conn := json.patch(conn, [
		{"op": "remove", "path": "/vpn_gateway"},
		{"op": "add", "path": "/transit_gateway", "value": "tgw-0123456789abcdef0"},
	])
	inp := json.patch(net([]), [{"op": "replace", "path": "/vpn_connections", "value": {conn.id: tgw_conn}}])
	some f in rule.deny with input as inp
	contains(f.msg, "aws_vpn_connection.hq (TGW tgw-0123456789abcdef0) has no")
}

test_alarm_on_vpn_id_quiet if {
	inp := net([alarm("aws_cloudwatch_metric_alarm.hq", "AWS/VPN", "TunnelState", ["aws_vpn_connection.hq"])])
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_live_alarm_by_dimension_quiet if {
	live := alarm("arn:aws:cloudwatch:us-east-1:111122223333:alarm:vpn-hq", "AWS/VPN", "TunnelState", [])
	inp := net([object.union(live, {"dimensions": {"VpnId": "aws_vpn_connection.hq"}})])
	assert.empty(rule.deny) with input as inp
}

test_alarm_on_one_tunnel_address_quiet if {
	a := object.union(
		alarm("aws_cloudwatch_metric_alarm.t1", "AWS/VPN", "TunnelState", []),
		{"dimensions": {"TunnelIpAddress": "52.0.0.2"}},
	)
	assert.empty(rule.deny) with input as net([a])
}

test_alarm_in_other_region_fires if {
	a := object.union(
		alarm("aws_cloudwatch_metric_alarm.hq", "AWS/VPN", "TunnelState", ["aws_vpn_connection.hq"]),
		{"region": "us-west-2"},
	)
	findings := rule.deny with input as net([a])
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "VPN connection aws_vpn_connection.hq (VGW aws_vpn_gateway.vgw) has no CloudWatch alarm on its AWS/VPN TunnelState metric in us-east-1 (aws_cloudwatch_metric_alarm.hq watches it from us-west-2, but an alarm only sees metrics of its own Region): a tunnel that goes down, or the whole connection, goes unnoticed")
	assert.equals(f.resources, ["aws_vpn_connection.hq", "aws_cloudwatch_metric_alarm.hq"])
}

test_unknown_alarm_target_not_evaluated if {
	a := object.union(
		alarm("module.mon.aws_cloudwatch_metric_alarm.tunnel", "AWS/VPN", "TunnelState", []),
		{"unknown": ["watches"]},
	)
	inp := net([a])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "module.mon.aws_cloudwatch_metric_alarm.tunnel may watch its TunnelState: the metric, or the VPN connection it watches, is not known until apply"}}) with input as inp
}

test_unknown_metric_of_linked_alarm_not_evaluated if {
	a := object.union(
		alarm("aws_cloudwatch_metric_alarm.hq", "AWS/VPN", "", ["aws_vpn_connection.hq"]),
		{"unknown": ["metric_name"]},
	)
	inp := net([a])
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "aws_cloudwatch_metric_alarm.hq may watch its TunnelState: the metric, or the VPN connection it watches, is not known until apply"}}) with input as inp
}

test_unknown_alarm_of_other_service_still_fires if {
	a := object.union(alarm("aws_cloudwatch_metric_alarm.cpu", "AWS/EC2", "CPUUtilization", []), {"unknown": ["watches"]})
	inp := net([a])
	assert.size(rule.deny, 1) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_new_vpn_alarm_resolved_through_reference if {
	# The VpnId of a connection created in the same plan is unknown, but the
	# loader resolved the alarm's target through the configuration reference.
	a := object.union(
		alarm("aws_cloudwatch_metric_alarm.hq", "AWS/VPN", "TunnelState", ["aws_vpn_connection.hq"]),
		{"dimensions": {"VpnId": ""}, "unknown": ["dimensions"]},
	)
	dr := json.patch(conn, [{"op": "replace", "path": "/id", "value": "aws_vpn_connection.dr"}, {"op": "replace", "path": "/address", "value": "aws_vpn_connection.dr"}])
	inp := json.patch(net([a]), [{"op": "add", "path": "/vpn_connections/aws_vpn_connection.dr", "value": dr}])
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["aws_vpn_connection.dr"])
	assert.empty(rule.not_evaluated) with input as inp
}

test_unread_alarms_not_evaluated if {
	# A live audit could not read the alarms of the connection's account and
	# Region: the connection is not evaluated, not reported unmonitored.
	unread := object.union(conn, {"account": "111122223333", "unknown": ["alarms"]})
	other := json.patch(conn, [
		{"op": "replace", "path": "/id", "value": "vpn-0other"},
		{"op": "replace", "path": "/address", "value": "vpn-0other"},
		{"op": "replace", "path": "/region", "value": "eu-west-1"},
	])
	inp := object.union(net([]), {"vpn_connections": {conn.id: unread, "vpn-0other": other}})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.resources, ["vpn-0other"])
	assert.equals(rule.not_evaluated, {{"resource": "aws_vpn_connection.hq", "reason": "the CloudWatch alarms of 111122223333/us-east-1 could not be read"}}) with input as inp
}
