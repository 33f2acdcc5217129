package terraform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// Two instances of one module (for_each), each with its own VPC, subnets and a
// nested counted module holding the TGW attachment: every reference resolves
// inside its own instance.
func TestModuleInstancesResolveInTheirOwnInstance(t *testing.T) {
	n := fixture(t, "modules.plan.json")
	checkIDs(t, n)
	checkCounts(t, n, map[string]int{"vpcs": 2, "subnets": 4, "route_tables": 2, "transit_gateways": 1,
		"tgw_route_tables": 1, "tgw_attachments": 2, "peerings": 1})
	for _, env := range []string{"prod", "dev"} {
		mod := `module.net["` + env + `"]`
		vpc := mod + ".aws_vpc.this"
		att := n.TGWAttachments[mod+".module.att[0].aws_ec2_transit_gateway_vpc_attachment.this"]
		if att == nil {
			t.Fatalf("%s attachment missing", env)
		}
		// var.vpc_id -> module call in module.net[env] -> aws_vpc.this of that instance
		eq(t, env+" attachment vpc", att.VPC, vpc)
		eqList(t, env+" attachment subnets", att.Subnets, []string{mod + ".aws_subnet.a[0]", mod + ".aws_subnet.a[1]"})
		// var.tgw_id -> var.tgw_id in module.net -> root aws_ec2_transit_gateway.hub
		eq(t, env+" attachment tgw", att.TransitGateway, "aws_ec2_transit_gateway.hub")
		eq(t, env+" attachment module", att.Module, mod+".module.att[0]")
		eq(t, env+" attachment unknown", len(att.Unknown), 0)
		for i := 0; i < 2; i++ {
			s := n.Subnets[mod+".aws_subnet.a["+string(rune('0'+i))+"]"]
			eq(t, s.ID+" vpc", s.VPC, vpc)
		}
		// for_each = module.net; vpc_id = each.value.vpc_id
		rt := n.RouteTables[`aws_route_table.per_env["`+env+`"]`]
		eq(t, env+" per_env route table vpc", rt.VPC, vpc)
		if len(rt.Routes) != 1 || rt.Routes[0].Target != "aws_ec2_transit_gateway.hub" || rt.Routes[0].TargetKind != "transit_gateway" {
			t.Errorf("%s per_env routes = %+v", env, rt.Routes)
		}
	}
	eqList(t, "prod vpc cidrs", n.VPCs[`module.net["prod"].aws_vpc.this`].CIDRs, []string{"10.10.0.0/16"})
	// module.net["prod"].vpc_id: an output of one keyed instance.
	p := n.Peerings["aws_vpc_peering_connection.prod_dev"]
	eq(t, "peering requester", p.RequesterVPC, `module.net["prod"].aws_vpc.this`)
	eq(t, "peering accepter", p.AccepterVPC, `module.net["dev"].aws_vpc.this`)
	rt := n.TGWRouteTables["aws_ec2_transit_gateway.hub#default_route_table"]
	eq(t, "default route table tgw", rt.TransitGateway, "aws_ec2_transit_gateway.hub")
	eq(t, "default route table flag", rt.Default, true)
}

func TestRouteTargetsThroughInstancesAndENIs(t *testing.T) {
	n := fixture(t, "appliance.plan.json")
	checkIDs(t, n)
	rt := n.RouteTables["aws_route_table.app"]
	if rt == nil {
		t.Fatal("route table missing")
	}
	eq(t, "rt vpc", rt.VPC, "aws_vpc.app")
	eqList(t, "rt subnets", rt.Subnets, []string{"aws_subnet.fw_a"})
	type route struct{ addr, dst, kind, target string }
	var got []route
	for _, r := range rt.Routes {
		got = append(got, route{r.Address, r.Destination, r.TargetKind, r.Target})
		if len(r.Unknown) > 0 {
			t.Errorf("route %s unknown %v", r.Destination, r.Unknown)
		}
	}
	want := []route{
		// inline: network_interface_id = aws_instance.fw.primary_network_interface_id
		{"", "0.0.0.0/0", "instance", "aws_instance.fw"},
		// aws_route: network_interface_id = aws_network_interface.fw2.id
		{"aws_route.onprem", "192.168.0.0/16", "network_interface", "aws_network_interface.fw2"},
		// aws_route: network_interface_id = aws_instance.fw.primary_network_interface_id
		{"aws_route.via_primary", "172.16.0.0/12", "instance", "aws_instance.fw"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("routes:\n got  %+v\n want %+v", got, want)
	}
	in := n.Instances["aws_instance.fw"]
	eq(t, "instance source_dest_check", in.SourceDestCheck, false)
	eq(t, "instance subnet", in.Subnet, "aws_subnet.fw_a")
	eq(t, "instance az (its subnet's)", in.AZ, "us-east-1a")
	eqList(t, "instance ENIs", in.NetworkInterfaces, []string{"aws_network_interface.fw2"})
	eni := n.NetworkInterfaces["aws_network_interface.fw2"]
	eq(t, "eni instance (attachment block)", eni.Instance, "aws_instance.fw")
	eq(t, "eni source_dest_check", eni.SourceDestCheck, false)
	a := n.Alarms["aws_cloudwatch_metric_alarm.fw_recover"]
	eqList(t, "alarm watches", a.Watches, []string{"aws_instance.fw"})
	eqList(t, "alarm actions", a.Actions, []string{"arn:aws:automate:us-east-1:ec2:recover"})
}

func TestKnownIDsLinkToDataSourcesAndExistingResources(t *testing.T) {
	n := fixture(t, "appliance.plan.json")
	shared := n.VPCs["data.aws_vpc.shared"]
	if shared == nil {
		t.Fatal("data source VPC missing")
	}
	eq(t, "data vpc aws id", shared.AWSID, "vpc-0a11b22c33d44e55f")
	eqList(t, "data vpc cidrs", shared.CIDRs, []string{"10.50.0.0/16", "100.64.0.0/16"})
	eq(t, "data vpc account", shared.Account, "111122223333")
	eq(t, "subnet on data source vpc", n.Subnets["aws_subnet.shared_app"].VPC, "data.aws_vpc.shared")
	// aws_vpc.legacy is a no-op: its id is known and the new subnet names it.
	eq(t, "subnet on existing vpc", n.Subnets["aws_subnet.legacy_app"].VPC, "aws_vpc.legacy")
	eq(t, "existing vpc aws id", n.VPCs["aws_vpc.legacy"].AWSID, "vpc-0legacy000000001")
	// An id that matches nothing stays as the raw id: the VPC lives elsewhere.
	eq(t, "subnet on outside vpc", n.Subnets["aws_subnet.outside"].VPC, "vpc-0ffffffffffffffff")
	eq(t, "outside vpc not unknown", n.Subnets["aws_subnet.outside"].IsUnknown("vpc"), false)
}

func TestDeletedResourcesAreAbsentAndReplacementsUseAfter(t *testing.T) {
	n := fixture(t, "appliance.plan.json")
	checkCounts(t, n, map[string]int{"vpcs": 3, "subnets": 4, "route_tables": 1, "instances": 1,
		"network_interfaces": 1, "alarms": 1})
	if n.VPCs["aws_vpc.old"] != nil {
		t.Error("aws_vpc.old is planned for deletion but is in the model")
	}
	app := n.VPCs["aws_vpc.app"]
	eqList(t, "replaced vpc cidrs (after)", app.CIDRs, []string{"10.71.0.0/16"})
	eq(t, "replaced vpc id (unknown after replace)", app.AWSID, "")
}

func TestRegionsFromProvidersAliasesVariablesAndModules(t *testing.T) {
	n := fixture(t, "regions.plan.json")
	for id, want := range map[string]string{
		"aws_vpc.main":                 "eu-central-1",   // provider "aws", region = var.region
		"aws_vpc.west":                 "us-west-2",      // provider aws.west
		"aws_vpc.pinned":               "sa-east-1",      // the resource's own region argument
		"module.inherit.aws_vpc.this":  "eu-central-1",   // inherited, key "aws"
		"module.legacy.aws_vpc.this":   "eu-central-1",   // "module.legacy:aws" without an entry
		"module.aliased.aws_vpc.this":  "us-west-2",      // "module.aliased:aws.west" without an entry
		"module.regional.aws_vpc.this": "ap-southeast-2", // provider in the module, var.region from the call
	} {
		v := n.VPCs[id]
		if v == nil {
			t.Errorf("%s missing", id)
			continue
		}
		eq(t, id+" region", v.Region, want)
	}
}

func TestIPAMCIDRIsUnknownNotGuessed(t *testing.T) {
	n := fixture(t, "regions.plan.json")
	v := n.VPCs["aws_vpc.ipam"]
	eqList(t, "ipam vpc cidrs", v.CIDRs, []string{})
	eq(t, "ipam vpc cidrs unknown", v.IsUnknown("cidrs"), true)
	main := n.VPCs["aws_vpc.main"]
	eqList(t, "main vpc cidrs with secondary", main.CIDRs, []string{"10.0.0.0/16", "100.64.0.0/16"})
	eq(t, "main vpc cidrs known", main.IsUnknown("cidrs"), false)
	// No IPv6 was asked for: the provider's unknown ipv6_cidr_block means none.
	eq(t, "main vpc ipv6 unknown", main.IsUnknown("ipv6_cidrs"), false)
}

func TestVPNOnTransitGatewayImpliesAttachment(t *testing.T) {
	n := fixture(t, "vpn-tgw.plan.json")
	checkIDs(t, n)
	checkCounts(t, n, map[string]int{"vpcs": 2, "subnets": 2, "route_tables": 1, "vpn_gateways": 1,
		"transit_gateways": 1, "tgw_attachments": 2, "tgw_route_tables": 2, "customer_gateways": 2,
		"vpn_connections": 2, "alarms": 1})
	c := n.VPNConnections["aws_vpn_connection.hq"]
	eq(t, "vpn cgw", c.CustomerGateway, "aws_customer_gateway.hq")
	eq(t, "vpn tgw", c.TransitGateway, "aws_ec2_transit_gateway.hub")
	eq(t, "vpn static", c.StaticRoutesOnly, true)
	const att = "aws_vpn_connection.hq#attachment"
	eq(t, "vpn attachment", c.TGWAttachment, att)
	a := n.TGWAttachments[att]
	if a == nil {
		t.Fatal("implied attachment missing")
	}
	eq(t, "attachment kind", a.Kind, "vpn")
	eq(t, "attachment type", a.Type, "aws_ec2_transit_gateway_vpn_attachment")
	eq(t, "attachment tgw", a.TransitGateway, "aws_ec2_transit_gateway.hub")
	eq(t, "attachment vpn", a.VPNConnection, "aws_vpn_connection.hq")
	eq(t, "attachment default association", a.DefaultAssociation, true)
	eq(t, "attachment default propagation", a.DefaultPropagation, true)
	// Tunnel 1 sets its inside CIDR; tunnel 2 leaves it to AWS, which picks a
	// valid one: empty, and not unknown.
	eq(t, "tunnel count", len(c.Tunnels), 2)
	eq(t, "tunnel1 inside", c.Tunnels[0].InsideCIDR, "169.254.10.0/30")
	eq(t, "tunnel1 inside unknown", slices.Contains(c.Tunnels[0].Unknown, "inside_cidr"), false)
	eq(t, "tunnel2 inside", c.Tunnels[1].InsideCIDR, "")
	eq(t, "tunnel2 inside unknown", slices.Contains(c.Tunnels[1].Unknown, "inside_cidr"), false)
	eq(t, "ipv4 tunnel has no ipv6 unknown", slices.Contains(c.Tunnels[1].Unknown, "inside_ipv6_cidr"), false)
	// transit_gateway_route_table_id = hub.association_default_route_table_id,
	// transit_gateway_attachment_id = vpn.transit_gateway_attachment_id
	def := n.TGWRouteTables["aws_ec2_transit_gateway.hub#default_route_table"]
	if len(def.Routes) != 1 {
		t.Fatalf("default route table routes = %+v", def.Routes)
	}
	eq(t, "tgw route dst", def.Routes[0].Destination, "192.168.0.0/16")
	eq(t, "tgw route attachment", def.Routes[0].Attachment, att)
	eq(t, "tgw route address", def.Routes[0].Address, "aws_ec2_transit_gateway_route.hq")
	spokes := n.TGWRouteTables["aws_ec2_transit_gateway_route_table.spokes"]
	eqList(t, "spokes associations", spokes.Associations, []string{"aws_ec2_transit_gateway_vpc_attachment.spoke"})
	eqList(t, "spokes propagations", spokes.Propagations, []string{att})
	if len(spokes.Routes) != 1 || !spokes.Routes[0].Blackhole || spokes.Routes[0].Attachment != "" {
		t.Errorf("spokes routes = %+v", spokes.Routes)
	}
	g := n.TransitGateways["aws_ec2_transit_gateway.hub"]
	eq(t, "tgw asn", g.AmazonSideASN, int64(64600))
	eq(t, "tgw default association", g.DefaultRouteTableAssociation, true)
	eq(t, "tgw default propagation", g.DefaultRouteTablePropagation, false)
	vpcAtt := n.TGWAttachments["aws_ec2_transit_gateway_vpc_attachment.spoke"]
	eq(t, "vpc attachment appliance mode", vpcAtt.ApplianceMode, true)
	eq(t, "vpc attachment default association", vpcAtt.DefaultAssociation, false)
	eqList(t, "vpc attachment subnets", vpcAtt.Subnets, []string{"aws_subnet.spoke_a", "aws_subnet.spoke_b"})
	eqList(t, "alarm watches", n.Alarms["aws_cloudwatch_metric_alarm.hq_tunnels"].Watches, []string{"aws_vpn_connection.hq"})
	eq(t, "cgw asn from string", n.CustomerGateways["aws_customer_gateway.hq"].BGPASN, int64(65010))
	eq(t, "cgw device", n.CustomerGateways["aws_customer_gateway.hq"].DeviceName, "hq-edge-1")
}

func TestVPNOnVirtualPrivateGateway(t *testing.T) {
	n := fixture(t, "vpn-tgw.plan.json")
	c := n.VPNConnections["aws_vpn_connection.branch"]
	eq(t, "vpn vgw", c.VPNGateway, "aws_vpn_gateway.edge")
	eq(t, "vpn tgw", c.TransitGateway, "")
	eq(t, "vpn attachment", c.TGWAttachment, "")
	eqList(t, "vpn static routes", c.StaticRoutes, []string{"192.168.50.0/24"})
	g := n.VPNGateways["aws_vpn_gateway.edge"]
	eq(t, "vgw vpc", g.VPC, "aws_vpc.edge")
	eq(t, "vgw asn from string", g.AmazonSideASN, int64(64512))
	eqList(t, "route table propagation", n.RouteTables["aws_route_table.edge"].PropagatingVGWs, []string{"aws_vpn_gateway.edge"})
	eq(t, "route table routes not unknown", n.RouteTables["aws_route_table.edge"].IsUnknown("routes"), false)
}

func TestDirectConnect(t *testing.T) {
	n := fixture(t, "dx-endpoints.plan.json")
	checkIDs(t, n)
	checkCounts(t, n, map[string]int{"vpcs": 1, "subnets": 2, "transit_gateways": 1, "tgw_route_tables": 1,
		"tgw_attachments": 1, "peerings": 1, "dx_connections": 2, "dx_lags": 1, "dx_vifs": 1, "dx_gateways": 1,
		"dx_gateway_associations": 1, "vpc_endpoints": 3, "endpoint_services": 1, "client_vpn_endpoints": 1,
		"security_groups": 2})
	for _, id := range []string{"aws_dx_connection.a", "aws_dx_connection.b"} {
		c := n.DXConnections[id]
		eq(t, id+" bandwidth", c.BandwidthMbps, int64(10000))
		eq(t, id+" lag", c.LAG, "aws_dx_lag.main")
		eq(t, id+" macsec", c.MACsec, true)
	}
	eqList(t, "lag connections", n.DXLAGs["aws_dx_lag.main"].Connections,
		[]string{"aws_dx_connection.a", "aws_dx_connection.b"})
	v := n.DXVIFs["aws_dx_transit_virtual_interface.main"]
	eq(t, "vif kind", v.Kind, "transit")
	eq(t, "vif connection", v.Connection, "aws_dx_lag.main")
	eq(t, "vif dx gateway", v.DXGateway, "aws_dx_gateway.main")
	eq(t, "vif asn", v.BGPASN, int64(65030))
	eq(t, "vif mtu", v.MTU, int64(8500))
	eq(t, "dx gateway asn from string", n.DXGateways["aws_dx_gateway.main"].AmazonSideASN, int64(64700))
	a := n.DXGatewayAssociations["aws_dx_gateway_association.shared"]
	eq(t, "association dx gateway", a.DXGateway, "aws_dx_gateway.main")
	eq(t, "association gateway (data source by id)", a.Gateway, "data.aws_ec2_transit_gateway.shared")
	eq(t, "association gateway type", a.GatewayType, "transit_gateway")
	eqList(t, "association allowed prefixes", a.AllowedPrefixes, []string{"10.30.0.0/16", "10.40.0.0/16"})
	// Associating a DX gateway with a TGW creates a TGW attachment.
	att := n.TGWAttachments["aws_dx_gateway_association.shared#attachment"]
	if att == nil {
		t.Fatal("implied DX gateway attachment missing")
	}
	eq(t, "dx attachment kind", att.Kind, "direct_connect_gateway")
	eq(t, "dx attachment tgw", att.TransitGateway, "data.aws_ec2_transit_gateway.shared")
	eq(t, "dx attachment dx gateway", att.DXGateway, "aws_dx_gateway.main")
}

func TestEndpointsClientVPNPeeringAndRules(t *testing.T) {
	n := fixture(t, "dx-endpoints.plan.json")
	e := n.VPCEndpoints["aws_vpc_endpoint.api"]
	eq(t, "endpoint type", e.EndpointType, "Interface")
	eq(t, "endpoint vpc", e.VPC, "aws_vpc.svc")
	eq(t, "endpoint service region", e.ServiceRegion, "us-west-2")
	eqList(t, "endpoint subnets", e.Subnets, []string{"aws_subnet.svc_a", "aws_subnet.svc_b"})
	eqList(t, "endpoint sgs", e.SecurityGroups, []string{"aws_security_group.endpoint"})
	s3 := n.VPCEndpoints["aws_vpc_endpoint.s3"]
	eq(t, "gateway endpoint type", s3.EndpointType, "Gateway")
	eq(t, "gateway endpoint has no unknown subnets", len(s3.Unknown), 0)
	eq(t, "endpoint of another account's service", e.EndpointService, "")
	// service_name = aws_vpc_endpoint_service.api.service_name, unknown until apply
	own := n.VPCEndpoints["aws_vpc_endpoint.own"]
	eq(t, "endpoint service link", own.EndpointService, "aws_vpc_endpoint_service.api")
	eq(t, "endpoint service name unknown", own.IsUnknown("service_name"), true)
	svc := n.EndpointServices["aws_vpc_endpoint_service.api"]
	eqList(t, "service lbs", svc.LoadBalancers, []string{"aws_lb.nlb"})
	eqList(t, "service regions", svc.SupportedRegions, []string{"us-east-1", "us-west-2"})
	eq(t, "service name unknown", svc.IsUnknown("service_name"), true)
	c := n.ClientVPNEndpoints["aws_ec2_client_vpn_endpoint.remote"]
	eq(t, "client cidr", c.ClientCIDR, "10.100.0.0/22")
	eq(t, "client vpc", c.VPC, "aws_vpc.svc")
	if len(c.Authentication) != 1 || c.Authentication[0].Type != "certificate-authentication" ||
		c.Authentication[0].RootCertificateChainARN == "" {
		t.Errorf("client auth = %+v", c.Authentication)
	}
	var subnets []string
	for _, a := range c.Associations {
		subnets = append(subnets, a.Subnet)
	}
	eqList(t, "client associations", subnets, []string{"aws_subnet.svc_a", "aws_subnet.svc_b"})
	eq(t, "client association address", c.Associations[0].Address, "aws_ec2_client_vpn_network_association.remote_a")
	if len(c.Authorizations) != 1 || c.Authorizations[0].TargetNetworkCIDR != "10.80.0.0/16" || !c.Authorizations[0].AuthorizeAllGroups {
		t.Errorf("client authorizations = %+v", c.Authorizations)
	}
	p := n.Peerings["aws_vpc_peering_connection.cross"]
	eq(t, "peering requester", p.RequesterVPC, "aws_vpc.svc")
	eq(t, "peering accepter (outside)", p.AccepterVPC, "vpc-0peer000000000001")
	eq(t, "peering region", p.PeerRegion, "us-west-2")
	eq(t, "peering account", p.PeerAccount, "444455556666")
	eq(t, "peering status (accepted in plan)", p.Status, "active")
	sg := n.SecurityGroups["aws_security_group.endpoint"]
	if len(sg.Ingress) != 2 {
		t.Fatalf("endpoint ingress = %+v", sg.Ingress)
	}
	r0, r1 := sg.Ingress[0], sg.Ingress[1]
	eq(t, "rule 0 address", r0.Address, "aws_security_group_rule.from_clients")
	eq(t, "rule 0 protocol (all)", r0.Protocol, "-1")
	eqList(t, "rule 0 source groups", r0.SecurityGroups, []string{"aws_security_group.clients"})
	eq(t, "rule 1 address", r1.Address, "aws_vpc_security_group_ingress_rule.https")
	eqList(t, "rule 1 cidrs", r1.CIDRs, []string{"10.0.0.0/8"})
	eq(t, "rule 1 port", r1.FromPort, int64(443))
	// Computed ingress/egress without configuration: no inline rules, not unknown.
	eq(t, "sg ingress unknown", sg.IsUnknown("ingress"), false)
}

// The fixtures are written in the layout of Terraform 1.9; terraform-json's
// own types and validation must accept them as they accept real plans.
func TestFixturesAreValidTerraformPlanJSON(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.plan.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var p tfjson.Plan
		if err := json.Unmarshal(data, &p); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if p.FormatVersion != "1.2" || p.Config == nil || len(p.ResourceChanges) == 0 {
			t.Errorf("%s: format %q, config %v, %d changes", filepath.Base(f), p.FormatVersion, p.Config != nil, len(p.ResourceChanges))
		}
	}
}

// A state knows every id: links go by id, and the routes a refreshed table
// lists inline are not counted twice next to their aws_route resources.
func TestStateLinksByKnownIDs(t *testing.T) {
	n := fixture(t, "network.state.json")
	checkIDs(t, n)
	checkCounts(t, n, map[string]int{"vpcs": 1, "subnets": 1, "route_tables": 1, "instances": 1,
		"vpn_gateways": 1, "customer_gateways": 1, "vpn_connections": 1, "alarms": 1})
	rt := n.RouteTables["aws_route_table.hub"]
	eq(t, "rt vpc", rt.VPC, "aws_vpc.hub")
	eqList(t, "rt subnets", rt.Subnets, []string{"aws_subnet.hub_a"})
	eqList(t, "rt propagation", rt.PropagatingVGWs, []string{"aws_vpn_gateway.edge"})
	if len(rt.Routes) != 2 {
		t.Fatalf("routes = %+v", rt.Routes)
	}
	igw, eni := rt.Routes[0], rt.Routes[1]
	eq(t, "igw route kind", igw.TargetKind, "internet_gateway")
	eq(t, "igw route target (outside the state)", igw.Target, "igw-0main")
	eq(t, "eni route address", eni.Address, "aws_route.onprem")
	eq(t, "eni route kind (primary ENI of an instance)", eni.TargetKind, "instance")
	eq(t, "eni route target", eni.Target, "aws_instance.vpn")
	eq(t, "vgw vpc (attachment)", n.VPNGateways["aws_vpn_gateway.edge"].VPC, "aws_vpc.hub")
	c := n.VPNConnections["aws_vpn_connection.site"]
	eq(t, "vpn cgw", c.CustomerGateway, "aws_customer_gateway.site")
	eq(t, "vpn vgw", c.VPNGateway, "aws_vpn_gateway.edge")
	eqList(t, "vpn static routes (listed and resource)", c.StaticRoutes, []string{"192.168.0.0/16"})
	eq(t, "tunnel2 inside", c.Tunnels[1].InsideCIDR, "169.254.20.4/30")
	eq(t, "tunnel1 outside", c.Tunnels[0].OutsideIP, "34.0.0.1")
	// Tunnel status is live telemetry only, even if a state carries a snapshot.
	eq(t, "tunnel status", c.Tunnels[1].Status, "")
	eqList(t, "alarm watches (TunnelIpAddress)", n.Alarms["aws_cloudwatch_metric_alarm.tunnel1"].Watches,
		[]string{"aws_vpn_connection.site"})
	v := n.VPCs["aws_vpc.hub"]
	eq(t, "vpc region (from ARN)", v.Region, "eu-west-1")
	eq(t, "vpc account", v.Account, "111122223333")
	eq(t, "vpc name", v.Name, "hub")
	eq(t, "vpc tags (tags_all)", v.Tags["team"], "net")
	eq(t, "subnet az id", n.Subnets["aws_subnet.hub_a"].AZID, "euw1-az1")
}

func TestDefaultAndMainRouteTablesAndAttributeChains(t *testing.T) {
	n := fixture(t, "misc.plan.json")
	checkIDs(t, n)
	checkCounts(t, n, map[string]int{"vpcs": 2, "subnets": 2, "route_tables": 2, "vpn_gateways": 1,
		"transit_gateways": 2, "tgw_attachments": 3, "tgw_route_tables": 2, "peerings": 1, "dx_vifs": 1,
		"vpc_endpoints": 1, "instances": 1, "network_interfaces": 1, "security_groups": 1, "client_vpn_endpoints": 1})
	// default_route_table_id = aws_vpc.a.default_route_table_id
	def := n.RouteTables["aws_default_route_table.a"]
	eq(t, "default rt vpc", def.VPC, "aws_vpc.a")
	eq(t, "default rt main", def.Main, true)
	// gateway_id = aws_vpn_gateway_attachment.v.vpn_gateway_id: the attachment's own link
	if len(def.Routes) != 1 || def.Routes[0].Target != "aws_vpn_gateway.v" || def.Routes[0].TargetKind != "vpn_gateway" {
		t.Errorf("default rt routes = %+v", def.Routes)
	}
	eq(t, "main association", n.RouteTables["aws_route_table.b"].Main, true)
	// vpc_id = aws_subnet.x.vpc_id
	eq(t, "subnet y vpc", n.Subnets["aws_subnet.y"].VPC, "aws_vpc.a")
	eq(t, "vgw vpc (attachment resource)", n.VPNGateways["aws_vpn_gateway.v"].VPC, "aws_vpc.a")
}

func TestTransitGatewayPeeringAcrossRegions(t *testing.T) {
	n := fixture(t, "misc.plan.json")
	req := n.TGWAttachments["aws_ec2_transit_gateway_peering_attachment.east_west"]
	eq(t, "requester kind", req.Kind, "peering")
	eq(t, "requester tgw", req.TransitGateway, "aws_ec2_transit_gateway.east")
	eq(t, "requester peer", req.PeerTransitGateway, "aws_ec2_transit_gateway.west")
	eq(t, "requester peer region", req.PeerRegion, "us-west-2")
	eq(t, "requester propagates", req.DefaultPropagation, false)
	acc := n.TGWAttachments["aws_ec2_transit_gateway_peering_attachment_accepter.east_west"]
	eq(t, "accepter region", acc.Region, "us-west-2")
	eq(t, "accepter tgw (requester's peer)", acc.TransitGateway, "aws_ec2_transit_gateway.west")
	eq(t, "accepter peer", acc.PeerTransitGateway, "aws_ec2_transit_gateway.east")
	eq(t, "accepter peer region", acc.PeerRegion, "us-east-1")
	west := n.TGWRouteTables["aws_ec2_transit_gateway.west#default_route_table"]
	if len(west.Routes) != 1 || west.Routes[0].Attachment != acc.ID {
		t.Errorf("west default routes = %+v", west.Routes)
	}
	legacy := n.TGWAttachments["data.aws_ec2_transit_gateway_vpn_attachment.legacy"]
	eq(t, "data vpn attachment kind", legacy.Kind, "vpn")
	eq(t, "data vpn attachment tgw (outside)", legacy.TransitGateway, "tgw-0external")
	eq(t, "data vpn attachment vpn (outside)", legacy.VPNConnection, "vpn-0external")
	p := n.Peerings["data.aws_vpc_peering_connection.old"]
	eqList(t, "data peering requester cidrs", p.RequesterCIDRs, []string{"10.8.0.0/16"})
	eqList(t, "data peering accepter cidrs", p.AccepterCIDRs, []string{"10.9.0.0/16", "100.70.0.0/16"})
	eq(t, "data peering status", p.Status, "active")
}

func TestAssociationResourcesCompleteTheirElements(t *testing.T) {
	n := fixture(t, "misc.plan.json")
	eni := n.NetworkInterfaces["aws_network_interface.extra"]
	eq(t, "eni instance (attachment resource)", eni.Instance, "aws_instance.nva")
	eq(t, "eni az (its subnet's)", eni.AZ, "us-east-1b")
	eqList(t, "instance ENIs", n.Instances["aws_instance.nva"].NetworkInterfaces, []string{"aws_network_interface.extra"})
	e := n.VPCEndpoints["aws_vpc_endpoint.api"]
	eqList(t, "endpoint subnets (association)", e.Subnets, []string{"aws_subnet.x"})
	eqList(t, "endpoint sgs (association)", e.SecurityGroups, []string{"aws_security_group.api"})
	eq(t, "endpoint unknown", len(e.Unknown), 0)
	// The accepter stands for the hosted VIF: one element, with the accepter's gateway.
	v := n.DXVIFs["aws_dx_hosted_private_virtual_interface.h"]
	eq(t, "vif vgw (accepter)", v.VPNGateway, "aws_vpn_gateway.v")
	eq(t, "vif connection (partner's)", v.Connection, "dxcon-0partner")
	eq(t, "vif kind", v.Kind, "private")
	// The client root chain is a certificate of the same plan: its ARN is unknown.
	c := n.ClientVPNEndpoints["aws_ec2_client_vpn_endpoint.lab"]
	eq(t, "client auth type", c.Authentication[0].Type, "certificate-authentication")
	eq(t, "client auth unknown", c.IsUnknown("authentication"), true)
}

// Terraform 0.12 lists only the resource for vpn.transit_gateway_attachment_id;
// the wanted type (an attachment) selects the element the VPN implies.
func TestOldStyleReferenceReachesImpliedAttachment(t *testing.T) {
	doc := `{"format_version":"0.1","terraform_version":"0.12.31",
	 "resource_changes":[
	  {"address":"aws_ec2_transit_gateway.t","mode":"managed","type":"aws_ec2_transit_gateway","name":"t",
	   "change":{"actions":["create"],"before":null,"after":{},"after_unknown":{"id":true,"association_default_route_table_id":true}}},
	  {"address":"aws_ec2_transit_gateway_route.r","mode":"managed","type":"aws_ec2_transit_gateway_route","name":"r",
	   "change":{"actions":["create"],"before":null,"after":{"destination_cidr_block":"192.168.0.0/16","blackhole":false},
	    "after_unknown":{"transit_gateway_attachment_id":true,"transit_gateway_route_table_id":true}}},
	  {"address":"aws_vpn_connection.v","mode":"managed","type":"aws_vpn_connection","name":"v",
	   "change":{"actions":["create"],"before":null,"after":{"static_routes_only":true},
	    "after_unknown":{"transit_gateway_id":true,"customer_gateway_id":true,"transit_gateway_attachment_id":true}}}],
	 "configuration":{"root_module":{"resources":[
	  {"address":"aws_ec2_transit_gateway.t","mode":"managed","type":"aws_ec2_transit_gateway","name":"t","provider_config_key":"aws"},
	  {"address":"aws_ec2_transit_gateway_route.r","mode":"managed","type":"aws_ec2_transit_gateway_route","name":"r","provider_config_key":"aws",
	   "expressions":{"transit_gateway_attachment_id":{"references":["aws_vpn_connection.v"]},
	    "transit_gateway_route_table_id":{"references":["aws_ec2_transit_gateway.t"]}}},
	  {"address":"aws_vpn_connection.v","mode":"managed","type":"aws_vpn_connection","name":"v","provider_config_key":"aws",
	   "expressions":{"transit_gateway_id":{"references":["aws_ec2_transit_gateway.t"]},
	    "customer_gateway_id":{"references":["aws_customer_gateway.gone"]}}}]}}}`
	n, err := Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	rt := n.TGWRouteTables["aws_ec2_transit_gateway.t#default_route_table"]
	if rt == nil || len(rt.Routes) != 1 {
		t.Fatalf("default route table = %+v", rt)
	}
	eq(t, "route attachment", rt.Routes[0].Attachment, "aws_vpn_connection.v#attachment")
	c := n.VPNConnections["aws_vpn_connection.v"]
	// The customer gateway it names is not in the plan: unknown, not guessed.
	eq(t, "vpn cgw", c.CustomerGateway, "")
	eq(t, "vpn cgw unknown", c.IsUnknown("customer_gateway"), true)
}

func TestCustomerGatewayExtendedASNStaysApart(t *testing.T) {
	doc := `{"format_version":"1.0","values":{"root_module":{"resources":[
	  {"address":"aws_customer_gateway.big","mode":"managed","type":"aws_customer_gateway","name":"big",
	   "values":{"id":"cgw-1","bgp_asn":"","bgp_asn_extended":"4200000001","ip_address":"192.0.2.1"}},
	  {"address":"aws_customer_gateway.small","mode":"managed","type":"aws_customer_gateway","name":"small",
	   "values":{"id":"cgw-2","bgp_asn":"65000","bgp_asn_extended":null,"ip_address":"192.0.2.2"}}]}}}`
	n, err := Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	big, small := n.CustomerGateways["aws_customer_gateway.big"], n.CustomerGateways["aws_customer_gateway.small"]
	eq(t, "big bgp_asn", big.BGPASN, int64(0))
	eq(t, "big bgp_asn_extended", big.BGPASNExtended, int64(4200000001))
	eq(t, "small bgp_asn", small.BGPASN, int64(65000))
	eq(t, "small bgp_asn_extended", small.BGPASNExtended, int64(0))
	eq(t, "no unknowns in a state", len(big.Unknown)+len(small.Unknown), 0)
}
