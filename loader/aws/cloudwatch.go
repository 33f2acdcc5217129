package aws

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/netlint/netlint/model"
)

// readAlarms keeps only the alarms rules ask about: VPN tunnel state (NL107) and
// EC2 status checks on forwarding instances (NL404). Every other alarm would only
// make the model larger.
func (r *reader) readAlarms() {
	p := cloudwatch.NewDescribeAlarmsPaginator(r.cw, &cloudwatch.DescribeAlarmsInput{
		AlarmTypes: []types.AlarmType{types.AlarmTypeMetricAlarm},
	})
	ok := r.call(svcCloudWatch, "DescribeAlarms", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, a := range out.MetricAlarms {
				r.addAlarm(a)
			}
		}
		return nil
	})
	if !ok {
		r.markAlarmsUnread()
	}
}

// AlarmsUnknown is the field marked unknown on every VPN connection and
// instance of an account and region whose CloudWatch alarms could not be read:
// the alarms that watch the element (input.alarms[_].watches) are unknown, so
// the alarm rules (NL107, NL404) list it as not evaluated instead of
// reporting its alarm missing. A CloudWatch alarm only watches metrics of its
// own account and region, so elements elsewhere are still judged.
const AlarmsUnknown = "alarms"

func (r *reader) markAlarmsUnread() {
	for _, c := range r.net.VPNConnections {
		c.MarkUnknown(AlarmsUnknown)
	}
	for _, i := range r.net.Instances {
		i.MarkUnknown(AlarmsUnknown)
	}
}

func (r *reader) addAlarm(a types.MetricAlarm) {
	ns, name, dims, ok := watchedMetric(a)
	if !ok {
		return
	}
	id := firstOf(str(a.AlarmArn), str(a.AlarmName))
	alarm := &model.Alarm{
		Meta:       r.meta(id, "aws_cloudwatch_metric_alarm", "", nil),
		Namespace:  ns,
		MetricName: name,
		Dimensions: map[string]string{},
		Watches:    []string{},
		Actions:    list(a.AlarmActions),
	}
	alarm.Name = str(a.AlarmName)
	alarm.ARN = str(a.AlarmArn)
	for _, d := range dims {
		alarm.Dimensions[str(d.Name)] = str(d.Value)
	}
	// Live model IDs are AWS ids, so a dimension value is the watched element's
	// ID. TunnelIpAddress is resolved to its VPN connection once every region is
	// read (link).
	for _, key := range []string{"VpnId", "InstanceId"} {
		if v := alarm.Dimensions[key]; v != "" {
			alarm.Watches = append(alarm.Watches, v)
		}
	}
	r.net.Alarms[id] = alarm
}

// watchedMetric returns the metric an alarm watches when it is one netlint
// cares about: the alarm's own metric, or for a metric-math alarm the first
// metric of its expression that is.
func watchedMetric(a types.MetricAlarm) (ns, name string, dims []types.Dimension, ok bool) {
	if str(a.MetricName) != "" {
		ns, name, dims = str(a.Namespace), str(a.MetricName), a.Dimensions
		return ns, name, dims, relevantMetric(ns, name)
	}
	for _, q := range a.Metrics {
		if q.MetricStat == nil || q.MetricStat.Metric == nil {
			continue
		}
		m := q.MetricStat.Metric
		if relevantMetric(str(m.Namespace), str(m.MetricName)) {
			return str(m.Namespace), str(m.MetricName), m.Dimensions, true
		}
	}
	return "", "", nil, false
}

func relevantMetric(ns, name string) bool {
	switch ns {
	case "AWS/VPN":
		return name == "TunnelState"
	case "AWS/EC2":
		// StatusCheckFailed, StatusCheckFailed_System, StatusCheckFailed_Instance,
		// StatusCheckFailed_AttachedEBS.
		return strings.HasPrefix(name, "StatusCheckFailed")
	}
	return false
}
