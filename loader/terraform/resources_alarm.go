package terraform

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/netlint/netlint/model"
)

// watchedDimension returns the element types a CloudWatch dimension that
// names a network element names.
func watchedDimension(k string) (typeSet, bool) {
	switch k {
	case "VpnId", "TunnelIpAddress":
		return vpnTypes, true
	case "InstanceId":
		return instanceTypes, true
	}
	return nil, false
}

func (t *translator) buildAlarm(r *resource) {
	a := &model.Alarm{Meta: t.meta(r), Dimensions: map[string]string{}, Watches: []string{}}
	a.Namespace = r.str("namespace")
	a.MetricName = r.str("metric_name")
	if a.Namespace == "" && a.MetricName == "" && !r.isUnknown("namespace") && !r.isUnknown("metric_name") {
		t.readMetricQuery(r, a)
	} else {
		dims := r.attrs().stringMap("dimensions", true)
		dimUnknown, _ := r.unknown["dimensions"].(map[string]any)
		t.readDimensions(a, dims, dimUnknown, r.isUnknown("dimensions"), r.expr("dimensions"), r.scope())
	}
	a.Actions = t.setLinks(&a.Meta, "actions", r, "alarm_actions", nil)
	t.net.Alarms[a.ID] = a
}

// readDimensions reads a metric's dimensions (their known values, the
// after_unknown part, whether the whole map is unknown, and the configuration
// expression that sets them) into the alarm's Dimensions and Watches.
func (t *translator) readDimensions(a *model.Alarm, dims map[string]string, dimUnknown map[string]any, wholeUnknown bool,
	expr *tfjson.Expression, sc scope) {
	keys := map[string]bool{}
	for k := range dims {
		keys[k] = true
	}
	for k := range dimUnknown {
		keys[k] = true
	}
	for _, k := range sortedMapKeys(keys) {
		a.Dimensions[k] = dims[k]
		if a.Dimensions[k] == "" && (wholeUnknown || unknownFlag(dimUnknown[k])) {
			a.MarkUnknown("dimensions")
		}
		want, watched := watchedDimension(k)
		if !watched {
			continue
		}
		if v := a.Dimensions[k]; v != "" {
			a.Watches = appendUnique(a.Watches, t.byKnownID(v, want))
			continue
		}
		t.budget = maxSteps
		ids, _ := t.resolveExpr(expr, sc, want, true, 0)
		if ids = t.filterModel(ids, want); len(ids) == 0 {
			a.MarkUnknown("watches")
		}
		a.Watches = appendUnique(a.Watches, ids...)
	}
	if wholeUnknown {
		// Neither the dimension names nor their values are known; a reference
		// to a VPN connection or an instance can only be what one names.
		a.MarkUnknown("dimensions")
		t.budget = maxSteps
		ids, _ := t.resolveExpr(expr, sc, watchedTypes, true, 0)
		if ids = t.filterModel(ids, watchedTypes); len(ids) == 0 {
			a.MarkUnknown("watches")
		}
		a.Watches = appendUnique(a.Watches, ids...)
	}
}

// watchedMetric tells whether a metric is one the rules look for on an
// alarm: a VPN's TunnelState or an instance's status checks.
func watchedMetric(namespace, name string) bool {
	return namespace == "AWS/VPN" && name == "TunnelState" ||
		namespace == "AWS/EC2" && strings.HasPrefix(name, "StatusCheckFailed")
}

// readMetricQuery reads an alarm written with metric_query blocks (metric
// math). The metrics of the query that the rules look for (TunnelState,
// StatusCheckFailed*) give the alarm's namespace, metric and dimensions (the
// first of them) and what it watches (all of them). A query metric whose
// namespace or name is unknown leaves them unknown when no watched metric is
// found.
func (t *translator) readMetricQuery(r *resource, a *model.Alarm) {
	blocks, unknowns, whole := r.blocks("metric_query")
	if whole {
		a.MarkUnknown("namespace")
		a.MarkUnknown("metric_name")
		return
	}
	var cfg []map[string]*tfjson.Expression
	if e := r.expr("metric_query"); e != nil {
		cfg = e.NestedBlocks
	}
	found, unknownMetric := false, false
	for i, b := range blocks {
		query := r.elem("metric_query", blocks, unknowns, i)
		var mUnknowns []any
		if u, ok := unknowns[i]["metric"]; ok {
			if unknownFlag(u) {
				unknownMetric = true
				continue
			}
			mUnknowns, _ = u.([]any)
		}
		metrics := query.blockList("metric")
		for j, mv := range metrics {
			m, _ := mv.(map[string]any)
			var mu map[string]any
			if j < len(mUnknowns) {
				mu, _ = mUnknowns[j].(map[string]any)
			}
			metric := query.sub("metric", m, mu, j)
			ns, name := metric.str("namespace"), metric.str("metric_name")
			if ns == "" && unknownFlag(mu["namespace"]) || name == "" && unknownFlag(mu["metric_name"]) {
				unknownMetric = true
				continue
			}
			if !watchedMetric(ns, name) {
				continue
			}
			dims := metric.stringMap("dimensions", true)
			dimUnknown, _ := mu["dimensions"].(map[string]any)
			expr := metricDimensionsExpr(cfg, b, len(blocks), j, len(metrics))
			if !found {
				found = true
				a.Namespace, a.MetricName = ns, name
				t.readDimensions(a, dims, dimUnknown, unknownFlag(mu["dimensions"]), expr, r.scope())
				continue
			}
			// Further watched metrics of the query: what they watch counts,
			// the alarm keeps the first metric's dimensions.
			extra := &model.Alarm{Dimensions: map[string]string{}, Watches: []string{}}
			t.readDimensions(extra, dims, dimUnknown, unknownFlag(mu["dimensions"]), expr, r.scope())
			a.Watches = appendUnique(a.Watches, extra.Watches...)
			if extra.IsUnknown("watches") {
				a.MarkUnknown("watches")
			}
		}
	}
	if !found && unknownMetric {
		a.MarkUnknown("namespace")
		a.MarkUnknown("metric_name")
	}
}

// metricDimensionsExpr finds the configuration expression of the dimensions of
// the j-th metric block of a planned metric_query block: the query is matched
// by its id (metric_query is a set, whose order is not the configuration's).
func metricDimensionsExpr(cfg []map[string]*tfjson.Expression, planned map[string]any, nPlanned, j, nMetrics int) *tfjson.Expression {
	match := matchBlock(cfg, planned, []string{"id"})
	if match == nil && len(cfg) == 1 && nPlanned == 1 {
		match = cfg[0]
	}
	if match == nil {
		return nil
	}
	me := match["metric"]
	if me == nil || len(me.NestedBlocks) != nMetrics || j >= len(me.NestedBlocks) {
		return nil
	}
	return me.NestedBlocks[j]["dimensions"]
}

// filterModel keeps only the IDs of model elements of a wanted type: the
// dimensions expression mixes the references of every dimension.
func (t *translator) filterModel(ids []string, want typeSet) []string {
	out := ids[:0:0]
	for _, id := range ids {
		if want[t.types[id]] {
			out = append(out, id)
		}
	}
	return out
}
