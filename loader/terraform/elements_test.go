package terraform

import (
	"strings"
	"testing"
)

func TestDXConnectionHostedThroughDataSource(t *testing.T) {
	tests := []struct {
		name   string
		addr   string
		values obj
		hosted bool
	}{
		{name: "data: partner hosted connection", addr: "data.aws_dx_connection.c",
			values: obj{"id": "dxcon-1", "bandwidth": "500Mbps", "partner_name": "Megaport", "vlan_id": 1201}, hosted: true},
		{name: "data: VLAN only", addr: "data.aws_dx_connection.c",
			values: obj{"id": "dxcon-1", "bandwidth": "500Mbps", "partner_name": "", "vlan_id": 1201}, hosted: true},
		{name: "data: partner only", addr: "data.aws_dx_connection.c",
			values: obj{"id": "dxcon-1", "bandwidth": "500Mbps", "partner_name": "Megaport", "vlan_id": 0}, hosted: true},
		{name: "data: dedicated", addr: "data.aws_dx_connection.c",
			values: obj{"id": "dxcon-1", "bandwidth": "10Gbps", "partner_name": "", "vlan_id": 0}, hosted: false},
		{name: "data: dedicated, older provider without the fields", addr: "data.aws_dx_connection.c",
			values: obj{"id": "dxcon-1", "bandwidth": "10Gbps"}, hosted: false},
		{name: "managed dedicated connection", addr: "aws_dx_connection.c",
			values: obj{"bandwidth": "10Gbps", "partner_name": "Megaport", "vlan_id": 0}, hosted: false},
		{name: "managed hosted connection", addr: "aws_dx_hosted_connection.c",
			values: obj{"bandwidth": "500Mbps", "vlan": 1201}, hosted: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := decodePlan(t, []change{{addr: tc.addr, after: tc.values}}, nil, nil)
			c := n.DXConnections[tc.addr]
			if c == nil {
				t.Fatalf("%s missing; have %v", tc.addr, counts(n))
			}
			eq(t, "hosted", c.Hosted, tc.hosted)
		})
	}
}

func TestVGWAmazonSideASNDefault(t *testing.T) {
	withCfg := func(exprs obj) obj {
		return obj{"resources": []any{cfgRes("aws_vpn_gateway.v", exprs, nil)}}
	}
	tests := []struct {
		name    string
		after   obj
		unknown obj
		root    obj
		asn     int64
		isUnkn  bool
	}{
		{name: "created without amazon_side_asn: AWS's default", unknown: obj{"id": true, "amazon_side_asn": true},
			root: withCfg(obj{}), asn: 64512},
		{name: "configured but unknown", unknown: obj{"id": true, "amazon_side_asn": true},
			root: withCfg(obj{"amazon_side_asn": refs("var.asn")}), isUnkn: true},
		{name: "no configuration section", unknown: obj{"id": true, "amazon_side_asn": true}, isUnkn: true},
		{name: "known", after: obj{"amazon_side_asn": "65000"}, unknown: obj{"id": true},
			root: withCfg(obj{"amazon_side_asn": constant("65000")}), asn: 65000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := decodePlan(t, []change{{addr: "aws_vpn_gateway.v", after: tc.after, unknown: tc.unknown}}, tc.root, nil)
			g := n.VPNGateways["aws_vpn_gateway.v"]
			eq(t, "asn", g.AmazonSideASN, tc.asn)
			eq(t, "asn unknown", g.IsUnknown("amazon_side_asn"), tc.isUnkn)
		})
	}
}

// The VPN options that only a Transit Gateway accepts (NL110) are read when
// the plan knows them; a computed one the configuration does not set takes
// AWS's default, and one whose configured expression is unknown stays unknown.
func TestVPNConnectionTGWOnlyOptions(t *testing.T) {
	withCfg := func(exprs obj) obj {
		return obj{"resources": []any{cfgRes("aws_vpn_connection.v", exprs, nil)}}
	}
	computed := obj{"id": true, "tunnel_bandwidth": true, "enable_acceleration": true, "tunnel_inside_ip_version": true}
	tests := []struct {
		name         string
		after        obj
		unknown      obj
		root         obj
		bandwidth    string
		acceleration bool
		version      string
		unknownList  []string
	}{
		{name: "set", after: obj{"tunnel_bandwidth": "large", "enable_acceleration": true, "tunnel_inside_ip_version": "ipv6"},
			unknown: obj{"id": true}, root: withCfg(obj{"tunnel_bandwidth": constant("large")}),
			bandwidth: "large", acceleration: true, version: "ipv6"},
		{name: "not set: AWS's defaults", unknown: computed, root: withCfg(obj{})},
		{name: "provider without tunnel_bandwidth", after: obj{"enable_acceleration": false},
			unknown: obj{"id": true}, root: withCfg(obj{})},
		{name: "configured but unknown", unknown: computed,
			root:        withCfg(obj{"tunnel_bandwidth": refs("var.bandwidth"), "enable_acceleration": refs("var.accelerate")}),
			unknownList: []string{"enable_acceleration", "tunnel_bandwidth"}},
		{name: "no configuration section", unknown: computed,
			unknownList: []string{"tunnel_inside_ip_version", "enable_acceleration", "tunnel_bandwidth"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := decodePlan(t, []change{{addr: "aws_vpn_connection.v", after: tc.after, unknown: tc.unknown}}, tc.root, nil)
			c := n.VPNConnections["aws_vpn_connection.v"]
			if c == nil {
				t.Fatalf("connection missing; have %v", counts(n))
			}
			eq(t, "tunnel_bandwidth", c.TunnelBandwidth, tc.bandwidth)
			eq(t, "enable_acceleration", c.EnableAcceleration, tc.acceleration)
			eq(t, "tunnel_inside_ip_version", c.TunnelInsideIPVersion, tc.version)
			var got []string
			for _, f := range c.Unknown {
				if f == "tunnel_bandwidth" || f == "enable_acceleration" || f == "tunnel_inside_ip_version" {
					got = append(got, f)
				}
			}
			eq(t, "unknown", strings.Join(got, ","), strings.Join(tc.unknownList, ","))
		})
	}
}

// An instance launched on ENIs created beforehand (network_interface blocks)
// has a computed subnet_id and availability_zone: they are those of the ENI
// at device index 0.
func TestInstanceOnPreCreatedENIs(t *testing.T) {
	eniRef := func(name string) obj {
		return refs("aws_network_interface."+name+".id", "aws_network_interface."+name)
	}
	base := []change{
		{addr: "aws_vpc.v", after: obj{"cidr_block": "10.0.0.0/16"}, unknown: obj{"id": true}},
		{addr: "aws_subnet.a", after: obj{"cidr_block": "10.0.0.0/24", "availability_zone": "eu-west-1a"}, unknown: obj{"id": true, "vpc_id": true}},
		{addr: "aws_subnet.b", after: obj{"cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a"}, unknown: obj{"id": true, "vpc_id": true}},
		{addr: "aws_network_interface.outside", unknown: obj{"id": true, "subnet_id": true}},
		{addr: "aws_network_interface.inside", unknown: obj{"id": true, "subnet_id": true}},
		{addr: "aws_network_interface.existing", after: obj{"id": "eni-0ex"}, unknown: obj{"subnet_id": true}},
	}
	baseCfg := []any{
		cfgRes("aws_vpc.v", obj{}, nil),
		cfgRes("aws_subnet.a", obj{"vpc_id": refs("aws_vpc.v.id", "aws_vpc.v")}, nil),
		cfgRes("aws_subnet.b", obj{"vpc_id": refs("aws_vpc.v.id", "aws_vpc.v")}, nil),
		cfgRes("aws_network_interface.outside", obj{"subnet_id": refs("aws_subnet.a.id", "aws_subnet.a")}, nil),
		cfgRes("aws_network_interface.inside", obj{"subnet_id": refs("aws_subnet.b.id", "aws_subnet.b")}, nil),
		cfgRes("aws_network_interface.existing", obj{"subnet_id": refs("aws_subnet.a.id", "aws_subnet.a")}, nil),
	}
	instUnknown := obj{"id": true, "subnet_id": true, "availability_zone": true, "primary_network_interface_id": true,
		"network_interface": []any{obj{"network_interface_id": true}, obj{"network_interface_id": true}}}
	tests := []struct {
		name    string
		after   obj
		unknown obj
		blocks  []any
		subnet  string
		az      string
		primary string
		unkn    string
	}{
		{
			name: "two ENIs: the subnet of device 0",
			after: obj{"instance_type": "c5.large", "network_interface": []any{
				obj{"device_index": 1, "delete_on_termination": false},
				obj{"device_index": 0, "delete_on_termination": false}}},
			unknown: instUnknown,
			blocks: []any{
				obj{"device_index": constant(0), "network_interface_id": eniRef("outside")},
				obj{"device_index": constant(1), "network_interface_id": eniRef("inside")}},
			subnet: "aws_subnet.a", az: "eu-west-1a", unkn: "primary_eni",
		},
		{
			name: "one ENI",
			after: obj{"instance_type": "c5.large", "network_interface": []any{
				obj{"device_index": 0, "delete_on_termination": false}}},
			unknown: obj{"id": true, "subnet_id": true, "availability_zone": true, "primary_network_interface_id": true,
				"network_interface": []any{obj{"network_interface_id": true}}},
			blocks: []any{obj{"device_index": constant(0), "network_interface_id": eniRef("inside")}},
			subnet: "aws_subnet.b", az: "eu-west-1a", unkn: "primary_eni",
		},
		{
			name: "ENI with a known id: the primary ENI",
			after: obj{"instance_type": "c5.large", "network_interface": []any{
				obj{"device_index": 0, "delete_on_termination": false}}},
			unknown: obj{"id": true, "subnet_id": true, "availability_zone": true, "primary_network_interface_id": true,
				"network_interface": []any{obj{"network_interface_id": true}}},
			blocks: []any{obj{"device_index": constant(0), "network_interface_id": eniRef("existing")}},
			subnet: "aws_subnet.a", az: "eu-west-1a", primary: "eni-0ex",
		},
		{
			name:    "own subnet: unchanged",
			after:   obj{"instance_type": "c5.large", "availability_zone": "eu-west-1a"},
			unknown: obj{"id": true, "subnet_id": true, "primary_network_interface_id": true},
			subnet:  "aws_subnet.b", az: "eu-west-1a", unkn: "primary_eni",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			exprs := obj{"instance_type": constant("c5.large")}
			if tc.blocks != nil {
				exprs["network_interface"] = tc.blocks
			} else {
				exprs["subnet_id"] = refs("aws_subnet.b.id", "aws_subnet.b")
			}
			changes := append(append([]change(nil), base...), change{addr: "aws_instance.fw", after: tc.after, unknown: tc.unknown})
			root := obj{"resources": append(append([]any(nil), baseCfg...), cfgRes("aws_instance.fw", exprs, nil))}
			n := decodePlan(t, changes, root, nil)
			in := n.Instances["aws_instance.fw"]
			eq(t, "subnet", in.Subnet, tc.subnet)
			eq(t, "az", in.AZ, tc.az)
			eq(t, "primary eni", in.PrimaryENI, tc.primary)
			eq(t, "unknown", unknownSet(&in.Meta), tc.unkn)
		})
	}
}

// The TGW owner's side of a VPC attachment requested from another account.
func TestTGWVPCAttachmentAccepter(t *testing.T) {
	const acc = "aws_ec2_transit_gateway_vpc_attachment_accepter.spoke"
	hub := change{addr: "aws_ec2_transit_gateway.hub", after: obj{"id": "tgw-0hub", "default_route_table_association": "enable",
		"default_route_table_propagation": "enable"}, unknown: obj{}}
	rt := change{addr: "aws_ec2_transit_gateway_route_table.spokes", unknown: obj{"id": true, "transit_gateway_id": true}}
	assoc := change{addr: "aws_ec2_transit_gateway_route_table_association.spoke",
		unknown: obj{"id": true, "transit_gateway_route_table_id": true, "transit_gateway_attachment_id": true}}
	root := func(accExprs obj) obj {
		return obj{"resources": []any{
			cfgRes("aws_ec2_transit_gateway.hub", obj{}, nil),
			cfgRes("aws_ec2_transit_gateway_route_table.spokes", obj{"transit_gateway_id": refs("aws_ec2_transit_gateway.hub.id", "aws_ec2_transit_gateway.hub")}, nil),
			cfgRes(acc, accExprs, nil),
			cfgRes("aws_ec2_transit_gateway_route_table_association.spoke", obj{
				"transit_gateway_route_table_id": refs("aws_ec2_transit_gateway_route_table.spokes.id", "aws_ec2_transit_gateway_route_table.spokes"),
				"transit_gateway_attachment_id":  refs(acc+".id", acc)}, nil),
		}}
	}
	tests := []struct {
		name    string
		changes []change
		exprs   obj
		id      string // the attachment element
		tgw     string
		vpc     string
		subnets []string
		unkn    string
		awsID   string
		defAsc  bool
		absent  bool // the accepter has no element of its own
	}{
		{
			name: "known attachment values",
			changes: []change{hub, rt, assoc, {addr: acc, after: obj{"transit_gateway_attachment_id": "tgw-attach-1",
				"transit_gateway_id": "tgw-0hub", "vpc_id": "vpc-other", "subnet_ids": []any{"subnet-1", "subnet-2"},
				"transit_gateway_default_route_table_association": false, "transit_gateway_default_route_table_propagation": false},
				unknown: obj{"id": true}}},
			exprs: obj{"transit_gateway_attachment_id": constant("tgw-attach-1"),
				"transit_gateway_default_route_table_association": constant(false),
				"transit_gateway_default_route_table_propagation": constant(false)},
			id: acc, tgw: "aws_ec2_transit_gateway.hub", vpc: "vpc-other", subnets: []string{"subnet-1", "subnet-2"},
			awsID: "tgw-attach-1", defAsc: false,
		},
		{
			name: "computed values unknown until apply",
			changes: []change{hub, rt, assoc, {addr: acc, after: obj{"transit_gateway_attachment_id": "tgw-attach-1"},
				unknown: obj{"id": true, "transit_gateway_id": true, "vpc_id": true, "subnet_ids": true,
					"transit_gateway_default_route_table_association": true, "transit_gateway_default_route_table_propagation": true}}},
			exprs: obj{"transit_gateway_attachment_id": refs("var.attachment_id")},
			id:    acc, unkn: "subnets,transit_gateway,vpc", awsID: "tgw-attach-1", defAsc: true,
		},
		{
			name: "accepted attachment read by a data source",
			changes: []change{hub, rt, assoc,
				{addr: "data.aws_ec2_transit_gateway_vpc_attachment.spoke", after: obj{"id": "tgw-attach-1",
					"transit_gateway_id": "tgw-0hub", "vpc_id": "vpc-other", "subnet_ids": []any{"subnet-1"}}},
				{addr: acc, after: obj{"transit_gateway_attachment_id": "tgw-attach-1",
					"transit_gateway_default_route_table_association": false},
					unknown: obj{"id": true, "transit_gateway_id": true, "vpc_id": true, "subnet_ids": true}}},
			exprs: obj{"transit_gateway_attachment_id": refs("data.aws_ec2_transit_gateway_vpc_attachment.spoke.id",
				"data.aws_ec2_transit_gateway_vpc_attachment.spoke"),
				"transit_gateway_default_route_table_association": constant(false)},
			id: "data.aws_ec2_transit_gateway_vpc_attachment.spoke", tgw: "aws_ec2_transit_gateway.hub", vpc: "vpc-other",
			subnets: []string{"subnet-1"}, awsID: "tgw-attach-1", defAsc: false, absent: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := decodePlan(t, tc.changes, root(tc.exprs), nil)
			a := n.TGWAttachments[tc.id]
			if a == nil {
				t.Fatalf("%s missing; have %v", tc.id, counts(n))
			}
			if _, ok := n.TGWAttachments[acc]; ok == tc.absent {
				t.Errorf("accepter element present = %v, want %v", ok, !tc.absent)
			}
			eq(t, "kind", a.Kind, "vpc")
			eq(t, "aws id", a.AWSID, tc.awsID)
			eq(t, "tgw", a.TransitGateway, tc.tgw)
			eq(t, "vpc", a.VPC, tc.vpc)
			eqList(t, "subnets", a.Subnets, tc.subnets)
			eq(t, "unknown", unknownSet(&a.Meta), tc.unkn)
			eq(t, "default association", a.DefaultAssociation, tc.defAsc)
			// The association that names the accepter reaches the attachment.
			eqList(t, "associations", n.TGWRouteTables["aws_ec2_transit_gateway_route_table.spokes"].Associations, []string{tc.id})
		})
	}
}

func TestAlarmWithMetricQuery(t *testing.T) {
	vpn := change{addr: "aws_vpn_connection.v", after: obj{"type": "ipsec.1"}, unknown: obj{"id": true}}
	vpn2 := change{addr: "aws_vpn_connection.w", after: obj{"type": "ipsec.1"}, unknown: obj{"id": true}}
	inst := change{addr: "aws_instance.fw", after: obj{"id": "i-0fw", "instance_type": "c5.large"}}
	vpnRef := func(name string) obj {
		return refs("aws_vpn_connection."+name+".id", "aws_vpn_connection."+name)
	}
	metric := func(id, ns, name string, dims obj) obj {
		return obj{"id": id, "expression": "", "label": "", "return_data": false, "period": 0, "account_id": "",
			"metric": []any{obj{"namespace": ns, "metric_name": name, "dimensions": dims, "period": 300, "stat": "Minimum", "unit": ""}}}
	}
	expr := obj{"id": "e1", "expression": "MIN(METRICS())", "label": "", "return_data": true, "period": 0, "account_id": "", "metric": []any{}}
	cfgMetric := func(id, ns, name string, dims obj) obj {
		return obj{"id": constant(id), "metric": []any{obj{"namespace": constant(ns), "metric_name": constant(name), "dimensions": dims}}}
	}
	cfgExpr := obj{"id": constant("e1"), "expression": constant("MIN(METRICS())"), "return_data": constant(true)}
	tests := []struct {
		name       string
		changes    []change
		query      []any // planned metric_query
		unknown    []any // its after_unknown
		cfg        []any // its configuration blocks
		namespace  string
		metricName string
		dims       map[string]string
		watches    []string
		unkn       string
	}{
		{
			name:    "TunnelState of a new connection, by reference",
			changes: []change{vpn},
			// The set's order is not the configuration's: blocks match by id.
			query:     []any{expr, metric("m1", "AWS/VPN", "TunnelState", obj{})},
			unknown:   []any{obj{"metric": []any{}}, obj{"metric": []any{obj{"dimensions": obj{"VpnId": true}}}}},
			cfg:       []any{cfgMetric("m1", "AWS/VPN", "TunnelState", vpnRef("v")), cfgExpr},
			namespace: "AWS/VPN", metricName: "TunnelState", dims: map[string]string{"VpnId": ""},
			watches: []string{"aws_vpn_connection.v"}, unkn: "dimensions",
		},
		{
			name:      "StatusCheckFailed_System of a known instance",
			changes:   []change{inst},
			query:     []any{metric("m1", "AWS/EC2", "StatusCheckFailed_System", obj{"InstanceId": "i-0fw"}), expr},
			unknown:   []any{obj{}, obj{}},
			cfg:       []any{cfgMetric("m1", "AWS/EC2", "StatusCheckFailed_System", constant(obj{"InstanceId": "i-0fw"})), cfgExpr},
			namespace: "AWS/EC2", metricName: "StatusCheckFailed_System", dims: map[string]string{"InstanceId": "i-0fw"},
			watches: []string{"aws_instance.fw"},
		},
		{
			name:    "two TunnelState metrics: the alarm watches both",
			changes: []change{vpn, vpn2},
			query:   []any{metric("m1", "AWS/VPN", "TunnelState", obj{}), metric("m2", "AWS/VPN", "TunnelState", obj{}), expr},
			unknown: []any{obj{"metric": []any{obj{"dimensions": obj{"VpnId": true}}}},
				obj{"metric": []any{obj{"dimensions": obj{"VpnId": true}}}}, obj{}},
			cfg: []any{cfgMetric("m1", "AWS/VPN", "TunnelState", vpnRef("v")),
				cfgMetric("m2", "AWS/VPN", "TunnelState", vpnRef("w")), cfgExpr},
			namespace: "AWS/VPN", metricName: "TunnelState", dims: map[string]string{"VpnId": ""},
			watches: []string{"aws_vpn_connection.v", "aws_vpn_connection.w"}, unkn: "dimensions",
		},
		{
			name:    "no watched metric",
			changes: []change{inst},
			query:   []any{metric("m1", "AWS/EC2", "CPUUtilization", obj{"InstanceId": "i-0fw"}), expr},
			unknown: []any{obj{}, obj{}},
			cfg:     []any{cfgMetric("m1", "AWS/EC2", "CPUUtilization", constant(obj{"InstanceId": "i-0fw"})), cfgExpr},
			dims:    map[string]string{}, watches: []string{},
		},
		{
			name:    "metric of a query unknown",
			changes: []change{inst},
			query:   []any{metric("m1", "", "", obj{}), expr},
			unknown: []any{obj{"metric": []any{obj{"namespace": true, "metric_name": true}}}, obj{}},
			cfg:     []any{cfgMetric("m1", "", "", obj{}), cfgExpr},
			dims:    map[string]string{}, watches: []string{}, unkn: "metric_name,namespace",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfgMetricQuery := tc.cfg
			changes := append(append([]change(nil), tc.changes...), change{addr: "aws_cloudwatch_metric_alarm.a",
				after:   obj{"alarm_name": "a", "metric_query": tc.query, "alarm_actions": []any{"arn:aws:sns:eu-west-1:111122223333:ops"}},
				unknown: obj{"id": true, "arn": true, "metric_query": tc.unknown}})
			var res []any
			for _, c := range tc.changes {
				res = append(res, cfgRes(c.addr, obj{}, nil))
			}
			res = append(res, cfgRes("aws_cloudwatch_metric_alarm.a", obj{"metric_query": cfgMetricQuery,
				"alarm_actions": constant([]any{"arn:aws:sns:eu-west-1:111122223333:ops"})}, nil))
			n := decodePlan(t, changes, obj{"resources": res}, nil)
			a := n.Alarms["aws_cloudwatch_metric_alarm.a"]
			eq(t, "namespace", a.Namespace, tc.namespace)
			eq(t, "metric", a.MetricName, tc.metricName)
			if len(a.Dimensions) != len(tc.dims) {
				t.Errorf("dimensions = %v, want %v", a.Dimensions, tc.dims)
			}
			for k, v := range tc.dims {
				if got, ok := a.Dimensions[k]; !ok || got != v {
					t.Errorf("dimension %s = %q (%v), want %q", k, got, ok, v)
				}
			}
			eqList(t, "watches", a.Watches, tc.watches)
			eq(t, "unknown", unknownSet(&a.Meta), tc.unkn)
		})
	}
}

// aws_ec2_client_vpn_route joins its endpoint's route table, linked by
// reference or by known id like the endpoint's associations.
func TestClientVPNRouteJoinsItsEndpoint(t *testing.T) {
	const ep, route = "aws_ec2_client_vpn_endpoint.remote", "aws_ec2_client_vpn_route.r"
	newEP := change{addr: ep, after: obj{"client_cidr_block": "172.16.0.0/22"}, unknown: obj{"id": true}}
	existingEP := change{addr: ep, after: obj{"id": "cvpn-endpoint-0remote", "client_cidr_block": "172.16.0.0/22"}}
	others := []change{
		{addr: "aws_vpc.app", after: obj{"cidr_block": "10.0.0.0/16"}, unknown: obj{"id": true}},
		{addr: "aws_vpc.ipam", unknown: obj{"id": true, "cidr_block": true}},
		{addr: "aws_subnet.app", after: obj{"cidr_block": "10.0.1.0/24"}, unknown: obj{"id": true, "vpc_id": true}},
		{addr: "aws_subnet.db", after: obj{"cidr_block": "10.0.2.0/24"}, unknown: obj{"id": true, "vpc_id": true}},
		{addr: "aws_ec2_client_vpn_endpoint.lab", after: obj{"client_cidr_block": "172.20.0.0/22"}, unknown: obj{"id": true}},
		{addr: "data.aws_subnet.shared", after: obj{"id": "subnet-0shared", "cidr_block": "10.9.1.0/24"}},
	}
	epRef := refs(ep+".id", ep)
	tests := []struct {
		name     string
		endpoint change
		after    obj // the route's known values
		unknown  obj // its after_unknown
		exprs    obj // its configuration
		dest     string
		subnet   string
		unkn     string // the route's unknown fields
		dropped  bool   // the endpoint has no route
	}{
		{
			name: "known subnet id outside the plan", endpoint: newEP,
			after:   obj{"destination_cidr_block": "0.0.0.0/0", "target_vpc_subnet_id": "subnet-0outside"},
			unknown: obj{"id": true, "client_vpn_endpoint_id": true},
			exprs: obj{"client_vpn_endpoint_id": epRef, "destination_cidr_block": constant("0.0.0.0/0"),
				"target_vpc_subnet_id": constant("subnet-0outside")},
			dest: "0.0.0.0/0", subnet: "subnet-0outside",
		},
		{
			name: "known ids of an existing endpoint and a data source subnet (as in a state)", endpoint: existingEP,
			after: obj{"client_vpn_endpoint_id": "cvpn-endpoint-0remote", "destination_cidr_block": "10.9.0.0/16",
				"target_vpc_subnet_id": "subnet-0shared"},
			unknown: obj{"id": true},
			exprs: obj{"client_vpn_endpoint_id": constant("cvpn-endpoint-0remote"),
				"destination_cidr_block": constant("10.9.0.0/16"), "target_vpc_subnet_id": constant("subnet-0shared")},
			dest: "10.9.0.0/16", subnet: "data.aws_subnet.shared",
		},
		{
			name: "subnet created in the plan, by reference", endpoint: newEP,
			after:   obj{"destination_cidr_block": "192.168.0.0/16"},
			unknown: obj{"id": true, "client_vpn_endpoint_id": true, "target_vpc_subnet_id": true},
			exprs: obj{"client_vpn_endpoint_id": epRef, "destination_cidr_block": constant("192.168.0.0/16"),
				"target_vpc_subnet_id": refs("aws_subnet.app.id", "aws_subnet.app")},
			dest: "192.168.0.0/16", subnet: "aws_subnet.app",
		},
		{
			name: "destination unknown until apply", endpoint: newEP,
			unknown: obj{"id": true, "client_vpn_endpoint_id": true, "target_vpc_subnet_id": true,
				"destination_cidr_block": true},
			exprs: obj{"client_vpn_endpoint_id": epRef,
				"destination_cidr_block": refs("aws_vpc.ipam.cidr_block", "aws_vpc.ipam"),
				"target_vpc_subnet_id":   refs("aws_subnet.app.id", "aws_subnet.app")},
			subnet: "aws_subnet.app", unkn: "destination",
		},
		{
			name: "subnet through a local naming one of two: unknown, never guessed", endpoint: newEP,
			after:   obj{"destination_cidr_block": "0.0.0.0/0"},
			unknown: obj{"id": true, "client_vpn_endpoint_id": true, "target_vpc_subnet_id": true},
			exprs: obj{"client_vpn_endpoint_id": epRef, "destination_cidr_block": constant("0.0.0.0/0"),
				"target_vpc_subnet_id": refs("local.subnet_id")},
			dest: "0.0.0.0/0", unkn: "subnet",
		},
		{
			// Like its associations and authorization rules (issue 9).
			name: "endpoint through a local naming one of two: the route is dropped", endpoint: newEP,
			after:   obj{"destination_cidr_block": "0.0.0.0/0"},
			unknown: obj{"id": true, "client_vpn_endpoint_id": true, "target_vpc_subnet_id": true},
			exprs: obj{"client_vpn_endpoint_id": refs("local.endpoint_id"), "destination_cidr_block": constant("0.0.0.0/0"),
				"target_vpc_subnet_id": refs("aws_subnet.app.id", "aws_subnet.app")},
			dropped: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changes := append([]change{tc.endpoint, {addr: route, after: tc.after, unknown: tc.unknown}}, others...)
			root := obj{"resources": []any{
				cfgRes(ep, obj{"client_cidr_block": constant("172.16.0.0/22")}, nil),
				cfgRes(route, tc.exprs, nil),
				cfgRes("aws_vpc.app", obj{"cidr_block": constant("10.0.0.0/16")}, nil),
				cfgRes("aws_vpc.ipam", obj{"ipv4_ipam_pool_id": refs("var.pool")}, nil),
				cfgRes("aws_subnet.app", obj{"vpc_id": refs("aws_vpc.app.id", "aws_vpc.app")}, nil),
				cfgRes("aws_subnet.db", obj{"vpc_id": refs("aws_vpc.app.id", "aws_vpc.app")}, nil),
				cfgRes("aws_ec2_client_vpn_endpoint.lab", obj{"client_cidr_block": constant("172.20.0.0/22")}, nil),
				cfgRes("data.aws_subnet.shared", obj{"id": constant("subnet-0shared")}, nil),
			}}
			n := decodePlan(t, changes, root, nil)
			c := n.ClientVPNEndpoints[ep]
			if c == nil {
				t.Fatalf("%s missing; have %v", ep, counts(n))
			}
			if c.Routes == nil {
				t.Fatal("routes are nil, want a list")
			}
			if lab := n.ClientVPNEndpoints["aws_ec2_client_vpn_endpoint.lab"]; len(lab.Routes) != 0 {
				t.Errorf("the other endpoint has routes %+v", lab.Routes)
			}
			if tc.dropped {
				eq(t, "routes", len(c.Routes), 0)
				return
			}
			if len(c.Routes) != 1 {
				t.Fatalf("routes = %+v, want one", c.Routes)
			}
			r := c.Routes[0]
			eq(t, "address", r.Address, route)
			eq(t, "destination", r.Destination, tc.dest)
			eq(t, "subnet", r.Subnet, tc.subnet)
			eq(t, "unknown", strings.Join(r.Unknown, ","), tc.unkn)
			eq(t, "endpoint unknown", unknownSet(&c.Meta), "")
		})
	}
}
