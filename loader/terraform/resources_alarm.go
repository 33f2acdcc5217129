package terraform

import "github.com/netlint/netlint/model"

// watchedDimensions maps the CloudWatch dimensions that name a network element
// to the element types they name.
var watchedDimensions = map[string]typeSet{
	"VpnId":           vpnTypes,
	"TunnelIpAddress": vpnTypes,
	"InstanceId":      instanceTypes,
}

var watchedTypes = types("aws_vpn_connection", "aws_instance")

func (t *translator) buildAlarm(r *resource) {
	a := &model.Alarm{Meta: t.meta(r), Dimensions: map[string]string{}, Watches: []string{}}
	a.Namespace = r.str("namespace")
	a.MetricName = r.str("metric_name")
	dims, _ := r.values["dimensions"].(map[string]any)
	dimUnknown, _ := r.unknown["dimensions"].(map[string]any)
	wholeUnknown := r.isUnknown("dimensions")
	keys := map[string]bool{}
	for k := range dims {
		keys[k] = true
	}
	for k := range dimUnknown {
		keys[k] = true
	}
	for _, k := range sortedMapKeys(keys) {
		a.Dimensions[k] = asString(dims[k])
		if a.Dimensions[k] == "" && (wholeUnknown || unknownFlag(dimUnknown[k])) {
			a.MarkUnknown("dimensions")
		}
		want, watched := watchedDimensions[k]
		if !watched {
			continue
		}
		if v := a.Dimensions[k]; v != "" {
			a.Watches = appendUnique(a.Watches, t.byKnownID(v, want))
			continue
		}
		t.budget = maxSteps
		ids, _ := t.resolveExpr(r.expr("dimensions"), r.scope(), want, true, 0)
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
		ids, _ := t.resolveExpr(r.expr("dimensions"), r.scope(), watchedTypes, true, 0)
		if ids = t.filterModel(ids, watchedTypes); len(ids) == 0 {
			a.MarkUnknown("watches")
		}
		a.Watches = appendUnique(a.Watches, ids...)
	}
	a.Actions = t.setLinks(&a.Meta, "actions", r, "alarm_actions", nil)
	t.net.Alarms[a.ID] = a
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
