package netlint.rules.dx.dx_lag_mismatch_test

import data.netlint.assert
import data.netlint.rules.dx.dx_lag_mismatch as rule

member(id, bw) := {"id": id, "address": id, "bandwidth": bw, "location": "EqDC2", "lag": "aws_dx_lag.core"}

lag(bw) := {"aws_dx_lag.core": {"id": "aws_dx_lag.core", "address": "aws_dx_lag.core", "connections_bandwidth": bw, "location": "EqDC2", "connections": []}}

lag_with(bw, members) := {
	"dx_lags": lag(bw),
	"dx_connections": {id: member(id, b) | some id, b in members},
}

test_mixed_bandwidths_fire if {
	findings := rule.deny with input as lag_with("10Gbps", {"aws_dx_connection.a": "10Gbps", "aws_dx_connection.b": "1Gbps"})
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "LAG aws_dx_lag.core (connections_bandwidth 10Gbps) holds connections of different bandwidths: aws_dx_connection.a 10Gbps, aws_dx_connection.b 1Gbps. All connections of a LAG must have the same bandwidth")
	assert.equals(f.resources, ["aws_dx_lag.core", "aws_dx_connection.a", "aws_dx_connection.b"])
}

# Members agree with each other but not with the LAG.
test_members_differ_from_lag_fire if {
	findings := rule.deny with input as lag_with("100Gbps", {"aws_dx_connection.a": "10Gbps", "aws_dx_connection.b": "10Gbps"})
	assert.size(findings, 1)
}

test_same_bandwidth_quiet if {
	inp := lag_with("10Gbps", {"aws_dx_connection.a": "10Gbps", "aws_dx_connection.b": "10Gbps", "aws_dx_connection.c": "10Gbps", "aws_dx_connection.d": "10Gbps"})
	assert.empty(rule.deny) with input as inp
	assert.empty(rule.not_evaluated) with input as inp
}

test_five_below_100g_fire if {
	inp := lag_with("10Gbps", {sprintf("aws_dx_connection.c%d", [i]): "10Gbps" | some i in numbers.range(1, 5)})
	findings := rule.deny with input as inp
	assert.size(findings, 1)
	some f in findings
	assert.equals(f.msg, "LAG aws_dx_lag.core holds 5 connections of 10Gbps (aws_dx_connection.c1, aws_dx_connection.c2, aws_dx_connection.c3, aws_dx_connection.c4, aws_dx_connection.c5); AWS allows at most 4 (4 below 100Gbps, 2 at 100Gbps or 400Gbps)")
}

test_three_at_100g_fire if {
	inp := lag_with("100Gbps", {"aws_dx_connection.a": "100Gbps", "aws_dx_connection.b": "100Gbps", "aws_dx_connection.c": "100Gbps"})
	findings := rule.deny with input as inp
	some f in findings
	contains(f.msg, "holds 3 connections of 100Gbps")
	contains(f.msg, "AWS allows at most 2")
}

test_two_at_400g_quiet if {
	inp := lag_with("400Gbps", {"aws_dx_connection.a": "400Gbps", "aws_dx_connection.b": "400Gbps"})
	assert.empty(rule.deny) with input as inp
}

# Members listed by the LAG itself (live input) count as well.
test_members_listed_by_lag_count if {
	inp := {
		"dx_lags": {"dxlag-ffrz71kw": {"id": "dxlag-ffrz71kw", "address": "dxlag-ffrz71kw", "connections_bandwidth": "100Gbps", "connections": ["dxcon-1", "dxcon-2", "dxcon-3"]}},
		"dx_connections": {id: {"id": id, "address": id, "bandwidth": "100Gbps", "lag": "dxlag-ffrz71kw"} | some id in ["dxcon-1", "dxcon-2", "dxcon-3"]},
	}
	assert.size(rule.deny, 1) with input as inp
}

test_lag_bandwidth_not_dedicated_fire if {
	findings := rule.deny with input as lag_with("500Mbps", {})
	assert.equals(findings, {{"msg": "LAG aws_dx_lag.core has connections_bandwidth 500Mbps, which is not a dedicated port speed (1Gbps, 10Gbps, 100Gbps or 400Gbps); a LAG bundles dedicated connections only", "resources": ["aws_dx_lag.core"]}})
}

test_dedicated_sub_gig_fire if {
	inp := {"dx_connections": {"aws_dx_connection.branch": {"id": "aws_dx_connection.branch", "address": "aws_dx_connection.branch", "bandwidth": "500Mbps", "location": "EqDC2"}}}
	findings := rule.deny with input as inp
	some f in findings
	assert.equals(f.msg, "dedicated connection aws_dx_connection.branch has bandwidth 500Mbps, which AWS does not offer for dedicated ports (1Gbps, 10Gbps, 100Gbps or 400Gbps); below 1Gbps, order a hosted connection from a Direct Connect partner")
}

hosted(bw) := {"dx_connections": {"dxcon-h": {"id": "dxcon-h", "address": "dxcon-h", "bandwidth": bw, "hosted": true}}}

test_hosted_speeds if {
	assert.empty(rule.deny) with input as hosted("500Mbps")
	assert.empty(rule.deny) with input as hosted("25Gbps")
	findings := rule.deny with input as hosted("3Gbps")
	some f in findings
	startswith(f.msg, "hosted connection dxcon-h has bandwidth 3Gbps, which partners do not offer")
}

test_dedicated_speeds_quiet if {
	inp := {"dx_connections": {sprintf("c%s", [bw]): {"id": bw, "address": bw, "bandwidth": bw} | some bw in ["1Gbps", "10Gbps", "100Gbps", "400Gbps"]}}
	assert.empty(rule.deny) with input as inp
}

test_bandwidth_mbps_only if {
	inp := {"dx_connections": {"dxcon-x": {"id": "dxcon-x", "address": "dxcon-x", "bandwidth_mbps": 2000}}}
	findings := rule.deny with input as inp
	some f in findings
	contains(f.msg, "has bandwidth 2Gbps")
}

test_unknown_bandwidth_not_evaluated if {
	inp := {
		"dx_lags": lag("10Gbps"),
		"dx_connections": {
			"aws_dx_connection.a": member("aws_dx_connection.a", "10Gbps"),
			"aws_dx_connection.b": {"id": "aws_dx_connection.b", "address": "aws_dx_connection.b", "lag": "aws_dx_lag.core", "unknown": ["bandwidth"]},
		},
	}
	assert.empty(rule.deny) with input as inp
	rule.not_evaluated == {
		{"resource": "aws_dx_lag.core", "reason": "the bandwidth of member aws_dx_connection.b is not known"},
		{"resource": "aws_dx_connection.b", "reason": "its bandwidth is not known until apply"},
	} with input as inp
}

test_unknown_members_not_evaluated if {
	inp := {
		"dx_lags": {"aws_dx_lag.core": object.union(lag("100Gbps")["aws_dx_lag.core"], {"unknown": ["connections"]})},
		"dx_connections": {"aws_dx_connection.a": member("aws_dx_connection.a", "100Gbps")},
	}
	assert.empty(rule.deny) with input as inp
	assert.equals(rule.not_evaluated, {{"resource": "aws_dx_lag.core", "reason": "its member connections are not all known (a connection association whose LAG cannot be resolved may add one)"}}) with input as inp
}
