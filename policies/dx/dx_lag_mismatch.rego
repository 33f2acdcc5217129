# METADATA
# title: A LAG or connection has a bandwidth or size AWS does not accept
# description: |-
#   Direct Connect rejects, or never delivers, a link aggregation group (LAG) or a
#   connection that breaks its port rules:
#
#   - all connections in a LAG must have the same bandwidth, the LAG's
#     connections_bandwidth (CreateLag, AssociateConnectionWithLag);
#   - a LAG holds at most 4 connections below 100 Gbps, and at most 2 at 100 or
#     400 Gbps;
#   - a dedicated port runs at 1, 10, 100 or 400 Gbps (400 Gbps since July 2024),
#     and a LAG bundles dedicated connections only;
#   - a hosted connection, allocated by a Direct Connect partner, runs at 50, 100,
#     200, 300, 400 or 500 Mbps, or 1, 2, 5, 10 or 25 Gbps.
#
#   The Terraform provider accepts every hosted speed for aws_dx_connection, so a
#   plan with a dedicated connection of "500Mbps" validates and then fails to apply.
#
#   Design guide, "AWS Direct Connect": dedicated connections "or multiple
#   connections", sub-1G connections through a provider, and LAGs that "aggregate
#   multiple 1 gigabit or 10 gigabit connections at a single AWS Direct Connect
#   endpoint, allowing you to treat them as a single, managed connection".
# custom:
#   id: NL302
#   name: dx-lag-mismatch
#   severity: error
#   fixtures: [fire-bandwidth-not-offered, fire-lag-mixed-bandwidth, fire-lag-too-many-100g, quiet]
#   remediation: |-
#     Give every connection of a LAG the LAG's bandwidth, keep within 4 connections
#     (2 at 100 or 400 Gbps), and order dedicated ports at 1, 10, 100 or 400 Gbps.
#     For less than 1 Gbps, ask a Direct Connect partner for a hosted connection.
#
#     ```hcl
#     resource "aws_dx_lag" "core" {
#       name                  = "core"
#       connections_bandwidth = "10Gbps"
#       location              = "EqDC2"
#     }
#
#     resource "aws_dx_connection" "core" {
#       for_each  = toset(["a", "b"]) # at most 4 below 100Gbps, 2 at 100/400Gbps
#       name      = "core-${each.key}"
#       bandwidth = "10Gbps" # the LAG's connections_bandwidth
#       location  = "EqDC2"
#     }
#
#     resource "aws_dx_connection_association" "core" {
#       for_each      = aws_dx_connection.core
#       connection_id = each.value.id
#       lag_id        = aws_dx_lag.core.id
#     }
#     ```
package netlint.rules.dx.dx_lag_mismatch

import data.netlint.lib
import data.netlint.lib.dx

dedicated_list := "1Gbps, 10Gbps, 100Gbps or 400Gbps"

hosted_list := "50, 100, 200, 300, 400 or 500Mbps, or 1, 2, 5, 10 or 25Gbps"

# The LAG's own bandwidth, when it parses.
lag_speed(lag) := {n | n := dx.mbps(object.get(lag, "connections_bandwidth", ""))}

# member_speeds maps each LAG member in the model to its bandwidth in Mbps.
member_speeds(lag_id) := {c: n |
	some c in dx.members(lag_id)
	n := dx.speed(input.dx_connections[c])
}

speeds(lag_id, lag) := {n | some n in member_speeds(lag_id)} | lag_speed(lag)

# LAG members of different bandwidths.
deny contains f if {
	some lag_id, lag in input.dx_lags
	count(speeds(lag_id, lag)) > 1
	ms := member_speeds(lag_id)
	parts := [sprintf("%s %s", [dx.name(c), dx.label(ms[c])]) | some c in sort(object.keys(ms))]
	msg := sprintf(
		"LAG %s%s holds connections of different bandwidths: %s. All connections of a LAG must have the same bandwidth",
		[lib.addr(lag), lag_bandwidth_note(lag), concat(", ", parts)],
	)
	f := lib.finding(msg, array.concat([lag_id], sort(object.keys(ms))))
}

lag_bandwidth_note(lag) := sprintf(" (connections_bandwidth %s)", [lag.connections_bandwidth]) if {
	object.get(lag, "connections_bandwidth", "") != ""
} else := ""

# limit is the most connections a LAG may hold: 2 at 100 or 400 Gbps, else 4.
# With no bandwidth known, 4 still bounds every LAG.
limit(lag_id, lag) := 2 if {
	some n in speeds(lag_id, lag)
	n >= 100000
} else := 4

# More connections than the LAG may hold.
deny contains f if {
	some lag_id, lag in input.dx_lags
	ms := sort(dx.members(lag_id))
	max_links := limit(lag_id, lag)
	count(ms) > max_links
	msg := sprintf(
		"LAG %s holds %d connections%s (%s); AWS allows at most %d (4 below 100Gbps, 2 at 100Gbps or 400Gbps)",
		[lib.addr(lag), count(ms), speed_note(lag_id, lag), concat(", ", [dx.name(c) | some c in ms]), max_links],
	)
	f := lib.finding(msg, array.concat([lag_id], ms))
}

speed_note(lag_id, lag) := sprintf(" of %s", [dx.label(max(speeds(lag_id, lag)))]) if {
	count(speeds(lag_id, lag)) > 0
} else := ""

# A LAG whose connections_bandwidth is not a dedicated port speed.
deny contains f if {
	some lag_id, lag in input.dx_lags
	bw := object.get(lag, "connections_bandwidth", "")
	bw != ""
	not dedicated_speed(bw)
	msg := sprintf(
		"LAG %s has connections_bandwidth %s, which is not a dedicated port speed (%s); a LAG bundles dedicated connections only",
		[lib.addr(lag), bw, dedicated_list],
	)
	f := lib.finding(msg, [lag_id])
}

# A dedicated or hosted connection at a speed AWS does not offer for its kind.
deny contains f if {
	some id, conn in input.dx_connections
	not lib.unknown(conn, "hosted")
	bw := bandwidth_text(conn)
	not offered_speed(conn)
	msg := sprintf("%s %s has bandwidth %s, which %s", [kind(conn), lib.addr(conn), bw, offer_note(conn)])
	f := lib.finding(msg, [id])
}

# Helpers, because OPA evaluates the call in `not f(x) in s` outside the negation.
dedicated_speed(bw) if dx.mbps(bw) in dx.dedicated_mbps

offered_speed(conn) if dx.speed(conn) in offered(conn)

bandwidth_text(conn) := conn.bandwidth if {
	object.get(conn, "bandwidth", "") != ""
} else := dx.label(conn.bandwidth_mbps) if {
	object.get(conn, "bandwidth_mbps", 0) > 0
}

hosted(conn) if object.get(conn, "hosted", false) == true

offered(conn) := dx.hosted_mbps if hosted(conn)

else := dx.dedicated_mbps

kind(conn) := "hosted connection" if hosted(conn)

else := "dedicated connection"

offer_note(conn) := sprintf("partners do not offer for hosted connections (%s)", [hosted_list]) if hosted(conn)

else := sprintf("AWS does not offer for dedicated ports (%s); below 1Gbps, order a hosted connection from a Direct Connect partner", [dedicated_list])

# A LAG whose members' bandwidths or number cannot all be known.
not_evaluated contains {"resource": lag_id, "reason": sprintf("the bandwidth of member %s is not known", [dx.name(c)])} if {
	some lag_id, lag in input.dx_lags
	count(speeds(lag_id, lag)) <= 1
	some c in dx.members(lag_id)
	not dx.speed(object.get(input.dx_connections, c, {}))
}

not_evaluated contains {"resource": lag_id, "reason": "its member connections are not all known (a connection association whose LAG cannot be resolved may add one)"} if {
	some lag_id, lag in input.dx_lags
	count(dx.members(lag_id)) <= limit(lag_id, lag)
	members_may_be_missing(lag)
}

# A LAG of 3 or 4 connections whose bandwidth is unknown may be over the limit
# of 2 at 100 or 400 Gbps.
not_evaluated contains {"resource": lag_id, "reason": sprintf("its bandwidth is not known: %d connections exceed the limit of 2 if they run at 100 or 400 Gbps", [count(dx.members(lag_id))])} if {
	some lag_id, lag in input.dx_lags
	count(speeds(lag_id, lag)) == 0
	count(dx.members(lag_id)) > 2
	count(dx.members(lag_id)) <= 4
}

members_may_be_missing(lag) if lib.unknown(lag, "connections")

members_may_be_missing(_) if {
	some conn in input.dx_connections
	lib.unknown(conn, "lag")
}

not_evaluated contains {"resource": id, "reason": sprintf("its %s is not known until apply", [field_label[field]])} if {
	some id, conn in input.dx_connections
	some field in ["bandwidth", "hosted"]
	lib.unknown(conn, field)
}

field_label := {"bandwidth": "bandwidth", "hosted": "kind (dedicated or hosted)"}
