package aws

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/netlint/netlint/internal/awsfake"
	"github.com/netlint/netlint/model"
)

// callerAccount is the account of the fake's default credentials.
const callerAccount = awsfake.CallerAccount

// load runs Load against f with the caller's account in us-east-1 unless o says
// otherwise, and fails the test on any error.
func load(t *testing.T, f *awsfake.Server, o Options) *model.Network {
	t.Helper()
	net, err := loadErr(t, f, o)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return net
}

func loadErr(t *testing.T, f *awsfake.Server, o Options) (*model.Network, error) {
	t.Helper()
	if o.Config == nil {
		o.Config = f.Config("us-east-1")
	}
	o.RetryMaxBackoff = time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return Load(ctx, o)
}

// wantJSON compares an element with its expected policy-input JSON.
func wantJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	if reflect.ValueOf(got).IsNil() {
		t.Errorf("%s: missing", what)
		return
	}
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var gv, wv any
	if err := json.Unmarshal(g, &gv); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &wv); err != nil {
		t.Fatalf("%s: bad expectation: %v", what, err)
	}
	if !reflect.DeepEqual(gv, wv) {
		w, _ := json.Marshal(wv)
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func wantKeys[V any](t *testing.T, what string, m map[string]V, want ...string) {
	t.Helper()
	if got := keys(m); !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestLoadReplaysRecordedEC2Responses replays real EC2 wire responses (boto and
// botocore test data, older API namespaces) unchanged.
func TestLoadReplaysRecordedEC2Responses(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "recorded")
	net := load(t, f, Options{})

	wantJSON(t, "vpc", net.VPCs["vpc-8d2910e4"], `{"id":"vpc-8d2910e4","type":"aws_vpc","address":"vpc-8d2910e4",
		"aws_id":"vpc-8d2910e4","region":"us-east-1","account":"111122223333","cidrs":["10.0.0.0/16"]}`)
	wantJSON(t, "main route table", net.RouteTables["rtb-13ad487a"], `{"id":"rtb-13ad487a","type":"aws_route_table",
		"address":"rtb-13ad487a","aws_id":"rtb-13ad487a","region":"us-east-1","account":"111122223333",
		"vpc":"vpc-11ad4878","main":true,"subnets":[],"propagating_vgws":[],
		"routes":[{"destination":"10.0.0.0/22","target_kind":"local","target":"vpc-11ad4878"}]}`)
	rt := net.RouteTables["rtb-f9ad4890"]
	if rt == nil {
		t.Fatal("route table rtb-f9ad4890 missing")
	}
	wantJSON(t, "subnet route table routes", &rt.Routes, `[
		{"destination":"10.0.0.0/22","target_kind":"local","target":"vpc-11ad4878"},
		{"destination":"0.0.0.0/0","target_kind":"internet_gateway","target":"igw-eaad4883"},
		{"destination":"10.0.0.0/21","target_kind":"network_interface","target":"eni-884ec1d1"},
		{"destination":"11.0.0.0/22","target_kind":"vpc_peering_connection","target":"pcx-efc52b86"}]`)
	if rt.Main || !reflect.DeepEqual(rt.Subnets, []string{"subnet-15ad487c"}) {
		t.Errorf("rtb-f9ad4890: main=%v subnets=%v, want not main, [subnet-15ad487c]", rt.Main, rt.Subnets)
	}
	wantKeys(t, "subnets", net.Subnets, "subnet-6e7f829e", "subnet-9d4a7b6c")
	if s := net.Subnets["subnet-9d4a7b6c"]; s.VPC != "vpc-1a2b3c4d" || s.CIDR != "10.0.1.0/24" || s.AZ != "us-east-1a" {
		t.Errorf("subnet-9d4a7b6c = %+v", s)
	}
	if g := net.VPNGateways["vgw-8db04f81"]; g == nil || g.VPC != "vpc-1a2b3c4d" {
		t.Errorf("vgw-8db04f81 = %+v, want attached to vpc-1a2b3c4d", g)
	}
	wantJSON(t, "customer gateway", net.CustomerGateways["cgw-b4dc3961"], `{"id":"cgw-b4dc3961","type":"aws_customer_gateway",
		"address":"cgw-b4dc3961","aws_id":"cgw-b4dc3961","region":"us-east-1","account":"111122223333",
		"ip":"12.1.2.3","bgp_asn":65534}`)

	// Telemetry reports the first tunnel DOWN (NL109). This old response has no
	// tunnel options, so the inside CIDRs are unknown rather than empty.
	wantJSON(t, "vpn", net.VPNConnections["vpn-12qw34er56ty"], `{"id":"vpn-12qw34er56ty","type":"aws_vpn_connection",
		"address":"vpn-12qw34er56ty","aws_id":"vpn-12qw34er56ty","name":"VPN 1","tags":{"Name":"VPN 1"},
		"region":"us-east-1","account":"111122223333",
		"customer_gateway":"cgw-1234qwe9","vpn_gateway":"vgw-lkjh1234","static_routes_only":true,
		"static_routes":["192.168.0.0/24"],
		"tunnels":[
			{"outside_ip":"123.45.67.89","status":"DOWN","unknown":["inside_cidr","inside_ipv6_cidr"]},
			{"outside_ip":"123.45.67.90","status":"UP","unknown":["inside_cidr","inside_ipv6_cidr"]}]}`)

	// A pending peering from another account: the requester's CIDR comes from the
	// single cidrBlock of this older response; AWS reports none for the accepter.
	wantJSON(t, "peering", net.Peerings["pcx-111aaa22"], `{"id":"pcx-111aaa22","type":"aws_vpc_peering_connection",
		"address":"pcx-111aaa22","aws_id":"pcx-111aaa22","region":"us-east-1","account":"777788889999",
		"requester_vpc":"vpc-1a2b3c4d","accepter_vpc":"vpc-aa22cc33","peer_account":"111122223333",
		"status":"pending-acceptance","requester_cidrs":["172.31.0.0/16"]}`)

	wantKeys(t, "instances", net.Instances, "i-78f1b94a", "i-fde9cece")
	if i := net.Instances["i-78f1b94a"]; !i.SourceDestCheck || i.InstanceType != "m1.medium" || i.AZ != "us-west-2b" || i.Account != "123456789012" {
		t.Errorf("i-78f1b94a = %+v", i)
	}
	wantJSON(t, "eni", net.NetworkInterfaces["eni-0f62d866"], `{"id":"eni-0f62d866","type":"aws_network_interface",
		"address":"eni-0f62d866","aws_id":"eni-0f62d866","region":"us-east-1","account":"123456789012",
		"subnet":"subnet-c53c87ac","az":"ap-southeast-1b","source_dest_check":true,"instance":"i-22197876"}`)
}

// TestLoadMapsAWSCLIExamples reads the AWS-authored example outputs of the CLI
// documentation, converted to the wire format (Direct Connect's are wire JSON).
func TestLoadMapsAWSCLIExamples(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "cli-examples")
	// The associations example carries a real nextToken: its next page is empty.
	f.ServeBody("*/*/directconnect/DescribeDirectConnectGatewayAssociations.5f294f92-bafb-4011-916d-9b0bdexample.eyJ2IjoxLCJzIjoxLCJpIjoiOU83OTFodzdycnZCbkN4MExHeHVwQT09IiwiYyI6InIxTEN0UEVHV0I1UFlkaWFnNlUxanJkRWF6eW1iOElHM0FRVW1MdHRJK0dxcnN1RWtvcFBKWFE2ZjRNRGdGTkhCa0tDZmVINEtZOEYwZ0dEYWZpbmU0ZnZMYVhKRjdXRVdENmdQZ1Y4d2w0PSJ9", `{"directConnectGatewayAssociations":[]}`)
	net := load(t, f, Options{})

	wantKeys(t, "vpcs", net.VPCs, "vpc-06e4ab6c6cEXAMPLE", "vpc-0e9801d129EXAMPLE")
	// A VPC shared into the account keeps its owner's account.
	if v := net.VPCs["vpc-06e4ab6c6cEXAMPLE"]; v.Account != "222222222222" || v.Name != "Shared VPC" {
		t.Errorf("shared VPC = %+v, want owner 222222222222 named Shared VPC", v.Meta)
	}

	tgw := net.TransitGateways["tgw-0fb8421e2dEXAMPLE"]
	if tgw == nil || tgw.AmazonSideASN != 65412 || !tgw.DefaultRouteTableAssociation || !tgw.DefaultRouteTablePropagation ||
		!tgw.VPNECMPSupport || tgw.ARN != "arn:aws:ec2:us-east-2:111122223333:transit-gateway/tgw-0fb8421e2da853bf3" || tgw.Name != "TGW1" {
		t.Errorf("tgw-0fb8421e2dEXAMPLE = %+v", tgw)
	}
	// The attachments belong to a TGW that is not in this account's list, so
	// whether they sit on its default route table is unknown, not false.
	wantJSON(t, "dx gateway attachment", net.TGWAttachments["tgw-attach-08e0bc912cEXAMPLE"], `{
		"id":"tgw-attach-08e0bc912cEXAMPLE","type":"aws_ec2_transit_gateway_dx_gateway_attachment",
		"address":"tgw-attach-08e0bc912cEXAMPLE","aws_id":"tgw-attach-08e0bc912cEXAMPLE",
		"region":"us-east-1","account":"123456789012","unknown":["default_association","default_propagation"],
		"kind":"direct_connect_gateway","transit_gateway":"tgw-02f776b1a7EXAMPLE",
		"dx_gateway":"11460968-4ac1-4fd3-bdb2-00599EXAMPLE","default_association":false,"default_propagation":false}`)
	if a := net.TGWAttachments["tgw-attach-01f8100bc7EXAMPLE"]; a == nil || a.Kind != model.AttachVPC || a.VPC != "vpc-3EXAMPLE" ||
		!a.IsUnknown("subnets") || a.Name != "Example" {
		t.Errorf("vpc attachment = %+v, want vpc-3EXAMPLE with unknown subnets (its VPC attachment record is not listed)", a)
	}
	wantJSON(t, "tgw route table", net.TGWRouteTables["tgw-rtb-0ca78a549EXAMPLE"], `{
		"id":"tgw-rtb-0ca78a549EXAMPLE","type":"aws_ec2_transit_gateway_route_table","address":"tgw-rtb-0ca78a549EXAMPLE",
		"aws_id":"tgw-rtb-0ca78a549EXAMPLE","region":"us-east-1","account":"111122223333",
		"transit_gateway":"tgw-0bc994abffEXAMPLE","default":true,
		"associations":["tgw-attach-09b52ccdb5EXAMPLE"],
		"propagations":["tgw-attach-01f8100bc7EXAMPLE","tgw-attach-08e0bc912cEXAMPLE","tgw-attach-0a89069f57EXAMPLE"],
		"routes":[{"destination":"10.0.2.0/24","attachment":"tgw-attach-09b52ccdb5EXAMPLE"},
		          {"destination":"10.1.0.0/24","attachment":"tgw-attach-09b52ccdb5EXAMPLE"}]}`)

	// A VPN on a TGW whose attachment is not listed: the link is unknown. Its
	// telemetry reports one tunnel DOWN.
	vpn := net.VPNConnections["vpn-1122334455aabbccd"]
	if vpn == nil || vpn.TransitGateway != "tgw-00112233445566aab" || vpn.TGWAttachment != "" || !vpn.IsUnknown("tgw_attachment") {
		t.Fatalf("vpn-1122334455aabbccd = %+v", vpn)
	}
	if len(vpn.Tunnels) != 2 || vpn.Tunnels[0].Status != "DOWN" || vpn.Tunnels[0].OutsideIP != "203.0.113.3" || vpn.Tunnels[1].Status != "UP" {
		t.Errorf("tunnels = %+v, want 203.0.113.3 DOWN then UP", vpn.Tunnels)
	}

	wantJSON(t, "peering", net.Peerings["pcx-11122233"], `{"id":"pcx-11122233","type":"aws_vpc_peering_connection",
		"address":"pcx-11122233","aws_id":"pcx-11122233","name":"Peering-1","tags":{"Name":"Peering-1"},
		"region":"us-east-1","account":"444455556666",
		"requester_vpc":"vpc-123abc45","accepter_vpc":"vpc-1a2b3c4d","peer_account":"111122223333","status":"active",
		"requester_cidrs":["192.168.0.0/16"],"accepter_cidrs":["10.0.1.0/28"]}`)

	wantJSON(t, "client vpn", net.ClientVPNEndpoints["cvpn-endpoint-123456789123abcde"], `{
		"id":"cvpn-endpoint-123456789123abcde","type":"aws_ec2_client_vpn_endpoint","address":"cvpn-endpoint-123456789123abcde",
		"aws_id":"cvpn-endpoint-123456789123abcde","name":"Client VPN","tags":{"Name":"Client VPN"},
		"region":"us-east-1","account":"111122223333","client_cidr":"172.31.0.0/16","vpc":"vpc-a87f92c1",
		"authentication":[{"type":"certificate-authentication",
			"root_certificate_chain_arn":"arn:aws:acm:ap-south-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-22222EXAMPLE"}],
		"associations":[{"address":"cvpn-assoc-012e837060753dc3d","subnet":"subnet-0123456789abcabca"}],
		"authorizations":[{"target_network_cidr":"0.0.0.0/0","authorize_all_groups":true}],
		"routes":[{"destination":"10.0.0.0/16","subnet":"subnet-0123456789abcabca"},
		          {"destination":"0.0.0.0/0","subnet":"subnet-0123456789abcabca"}]}`)

	if e := net.VPCEndpoints["vpce-0f89a33420c1931d7"]; e == nil || e.EndpointType != "Interface" ||
		!reflect.DeepEqual(e.Subnets, []string{"subnet-d6fcaa8d", "subnet-7b16de0c"}) || !reflect.DeepEqual(e.SecurityGroups, []string{"sg-54e8bf31"}) {
		t.Errorf("interface endpoint = %+v", e)
	}
	if s := net.EndpointServices["vpce-svc-123cabc125efa123"]; s == nil || !s.AcceptanceRequired || len(s.LoadBalancers) != 1 {
		t.Errorf("endpoint service = %+v", s)
	}

	wantJSON(t, "dx connection", net.DXConnections["dxcon-fguhmqlc"], `{"id":"dxcon-fguhmqlc","type":"aws_dx_connection",
		"address":"dxcon-fguhmqlc","aws_id":"dxcon-fguhmqlc","name":"My_Connection","region":"us-east-1","account":"123456789012",
		"bandwidth":"1Gbps","bandwidth_mbps":1000,"location":"EqDC2","device":"EqDC2-123h49s71dabc","lag":"dxlag-ffrz71kw"}`)
	if l := net.DXLAGs["dxlag-fgsu9erb"]; l == nil || l.ConnectionsBandwidth != "10Gbps" ||
		!reflect.DeepEqual(l.Connections, []string{"dxcon-ffnikghc", "dxcon-fglgbdea"}) {
		t.Errorf("lag = %+v", l)
	}
	if v := net.DXVIFs["dxvif-ffhhk74f"]; v == nil || v.Type != "aws_dx_private_virtual_interface" || v.Kind != "private" ||
		v.VPNGateway != "vgw-aba37db6" || v.BGPASN != 65000 || v.Connection != "dxcon-ffjrkx17" {
		t.Errorf("private vif = %+v", v)
	}
	if v := net.DXVIFs["dxvif-fgh0hcrk"]; v == nil || v.Type != "aws_dx_public_virtual_interface" {
		t.Errorf("public vif = %+v", v)
	}
	wantKeys(t, "dx gateways", net.DXGateways, "5f294f92-bafb-4011-916d-9b0bdexample", "cf68415c-f4ae-48f2-87a7-3b52cexample")
	if g := net.DXGateways["cf68415c-f4ae-48f2-87a7-3b52cexample"]; g.Region != "global" || g.AmazonSideASN != 64512 || g.Name != "DxGateway2" {
		t.Errorf("dx gateway = %+v", g)
	}
	// The example's associations use the older virtualGateway* fields, lack an
	// association id, and one is disassociating (gone).
	wantKeys(t, "dx gateway associations", net.DXGatewayAssociations, "5f294f92-bafb-4011-916d-9b0bexample/vgw-6efe725e")
	wantJSON(t, "dx gateway association", net.DXGatewayAssociations["5f294f92-bafb-4011-916d-9b0bexample/vgw-6efe725e"], `{
		"id":"5f294f92-bafb-4011-916d-9b0bexample/vgw-6efe725e","type":"aws_dx_gateway_association",
		"address":"5f294f92-bafb-4011-916d-9b0bexample/vgw-6efe725e","aws_id":"5f294f92-bafb-4011-916d-9b0bexample/vgw-6efe725e",
		"region":"us-east-2","account":"123456789012","dx_gateway":"5f294f92-bafb-4011-916d-9b0bexample",
		"gateway":"vgw-6efe725e","gateway_type":"vpn_gateway"}`)
	if n := f.Count(callerAccount, "us-east-1", "directconnect", "DescribeDirectConnectGatewayAssociations"); n != 3 {
		t.Errorf("DescribeDirectConnectGatewayAssociations called %d times, want 3 (two gateways, one second page)", n)
	}
}

// TestLoadLinksOneAccount reads a coherent account (hand-written to AWS's
// documented shapes) and checks what only linking across calls can tell.
func TestLoadLinksOneAccount(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	net := load(t, f, Options{})

	// Secondary CIDRs count, a disassociated one does not; IPv6 is kept apart.
	wantJSON(t, "vpc", net.VPCs["vpc-0a00000000000prod"], `{"id":"vpc-0a00000000000prod","type":"aws_vpc",
		"address":"vpc-0a00000000000prod","aws_id":"vpc-0a00000000000prod","name":"prod",
		"tags":{"Name":"prod","env":"production"},"region":"us-east-1","account":"111122223333",
		"cidrs":["10.0.0.0/16","100.64.0.0/16"],"ipv6_cidrs":["2600:1f18:abcd:1200::/56"]}`)
	if !net.VPCs["vpc-0a0000000000shared"].Default {
		t.Error("the default VPC is not marked default")
	}

	// Every route target kind, an instance route resolved to the ENI it
	// forwards to, and a Route Server route whose target is unknown.
	wantJSON(t, "private routes", &net.RouteTables["rtb-0prod000000priv"].Routes, `[
		{"destination":"10.0.0.0/16","target_kind":"local","target":"vpc-0a00000000000prod"},
		{"destination":"0.0.0.0/0","target_kind":"nat_gateway","target":"nat-0prod000000000001"},
		{"destination":"10.2.0.0/16","target_kind":"vpc_peering_connection","target":"pcx-0000000000000same"},
		{"destination":"172.31.0.0/16","target_kind":"transit_gateway","target":"tgw-0hub0000000000001"},
		{"destination":"10.50.0.0/16","target_kind":"network_interface","target":"eni-0appliance00001"},
		{"destination":"10.51.0.0/16","target_kind":"network_interface","target":"eni-0lonely00000001"},
		{"destination":"::/0","target_kind":"egress_only_internet_gateway","target":"eigw-0prod0000000001"},
		{"destination":"pl-63a5400a","target_kind":"vpc_endpoint","target":"vpce-0s3gateway00001"},
		{"destination":"10.60.0.0/16","target_kind":"vpc_peering_connection","target":"pcx-00000000000gone"},
		{"destination":"10.70.0.0/16","target_kind":"core_network","target":"arn:aws:networkmanager::111122223333:core-network/core-network-0abc"},
		{"destination":"10.80.0.0/16","target_kind":"local_gateway","target":"lgw-0prod0000000001"},
		{"destination":"10.90.0.0/16","target_kind":"carrier_gateway","target":"cagw-0prod000000001"},
		{"destination":"10.95.0.0/16","target_kind":"","unknown":["target_kind","target"]}]`)
	priv := net.RouteTables["rtb-0prod000000priv"]
	if priv.Main || !reflect.DeepEqual(priv.Subnets, []string{"subnet-0prod00000001a", "subnet-0prod00000001b"}) {
		t.Errorf("private table: main=%v subnets=%v; the disassociated subnet and the edge association must not count", priv.Main, priv.Subnets)
	}
	main := net.RouteTables["rtb-0prod0000000main"]
	if !main.Main || !reflect.DeepEqual(main.PropagatingVGWs, []string{"vgw-0prod000000000001"}) {
		t.Errorf("main table: main=%v propagating=%v", main.Main, main.PropagatingVGWs)
	}
	if r := main.Routes[4]; r.TargetKind != model.TargetVPNGateway || !r.Propagated || r.Destination != "192.168.10.0/24" {
		t.Errorf("propagated VGW route = %+v", r)
	}

	// The VGW attached now, not the VPC it was once attached to; a detached VGW
	// links no VPC; a deleted one is gone.
	wantKeys(t, "vpn gateways", net.VPNGateways, "vgw-0prod000000000001", "vgw-0spare00000000001")
	if g := net.VPNGateways["vgw-0prod000000000001"]; g.VPC != "vpc-0a00000000000prod" || g.AmazonSideASN != 64512 {
		t.Errorf("vgw = %+v", g)
	}
	if g := net.VPNGateways["vgw-0spare00000000001"]; g.VPC != "" {
		t.Errorf("detached vgw links %s", g.VPC)
	}
	wantKeys(t, "customer gateways", net.CustomerGateways, "cgw-0app0000000000004", "cgw-0dc0000000000002",
		"cgw-0hq0000000000001", "cgw-0spare00000000005")
	// A customer gateway on an appliance's Elastic IP is that appliance: the
	// instance when its ENI is attached, else the ENI; on-premises ones are
	// none.
	for id, want := range map[string]string{"cgw-0app0000000000004": "i-0appliance0000001",
		"cgw-0spare00000000005": "eni-0lonely00000001", "cgw-0hq0000000000001": ""} {
		if g := net.CustomerGateways[id]; g.Appliance != want {
			t.Errorf("%s: appliance %q, want %q", id, g.Appliance, want)
		}
	}
	if got := net.NetworkInterfaces["eni-0lonely00000001"].PublicIPs; !reflect.DeepEqual(got, []string{"203.0.113.20"}) {
		t.Errorf("lonely ENI public IPs = %v", got)
	}
	if g := net.CustomerGateways["cgw-0dc0000000000002"]; g.BGPASN != 4200000001 {
		t.Errorf("4-byte ASN = %d, want 4200000001 from BgpAsnExtended", g.BGPASN)
	}

	// Telemetry is matched to tunnel options by outside IP, whatever the order.
	wantJSON(t, "vgw vpn", net.VPNConnections["vpn-0hq0000000000001"], `{"id":"vpn-0hq0000000000001",
		"type":"aws_vpn_connection","address":"vpn-0hq0000000000001","aws_id":"vpn-0hq0000000000001",
		"name":"hq-vpn","tags":{"Name":"hq-vpn"},"region":"us-east-1","account":"111122223333",
		"customer_gateway":"cgw-0hq0000000000001","vpn_gateway":"vgw-0prod000000000001",
		"static_routes_only":true,"static_routes":["192.168.10.0/24"],
		"tunnels":[{"inside_cidr":"169.254.10.0/30","outside_ip":"52.0.0.1","status":"UP"},
		           {"inside_cidr":"169.254.11.0/30","outside_ip":"52.0.0.2","status":"DOWN","status_message":"IPSEC IS DOWN"}],
		"outside_ip_address_type":"PublicIpv4","tunnel_inside_ip_version":"ipv4"}`)
	// A VPN on a TGW points at the attachment AWS created for it, and that
	// attachment points back.
	vpn := net.VPNConnections["vpn-0dc0000000000002"]
	if vpn.TransitGateway != "tgw-0hub0000000000001" || vpn.TGWAttachment != "tgw-attach-0dcvpn00002" || vpn.StaticRoutesOnly || !vpn.EnableAcceleration ||
		vpn.TunnelBandwidth != "large" {
		t.Errorf("tgw vpn = %+v", vpn)
	}
	wantKeys(t, "vpn connections", net.VPNConnections, "vpn-0dc0000000000002", "vpn-0hq0000000000001")

	// TGW attachments: kinds, VPC subnets, the peering seen as its requester
	// sees it, and default-table membership from the route tables.
	wantKeys(t, "tgw attachments", net.TGWAttachments, "tgw-attach-0dcvpn00002", "tgw-attach-0dxgw000004",
		"tgw-attach-0peering0003", "tgw-attach-0prodvpc0001", "tgw-attach-0xacctvpc005")
	wantJSON(t, "vpc attachment", net.TGWAttachments["tgw-attach-0prodvpc0001"], `{"id":"tgw-attach-0prodvpc0001",
		"type":"aws_ec2_transit_gateway_vpc_attachment","address":"tgw-attach-0prodvpc0001","aws_id":"tgw-attach-0prodvpc0001",
		"region":"us-east-1","account":"111122223333","kind":"vpc","transit_gateway":"tgw-0hub0000000000001",
		"vpc":"vpc-0a00000000000prod","subnets":["subnet-0prod00000001a","subnet-0prod00000001b"],"appliance_mode":true,
		"default_association":true,"default_propagation":true}`)
	wantJSON(t, "peering attachment", net.TGWAttachments["tgw-attach-0peering0003"], `{"id":"tgw-attach-0peering0003",
		"type":"aws_ec2_transit_gateway_peering_attachment","address":"tgw-attach-0peering0003","aws_id":"tgw-attach-0peering0003",
		"region":"us-east-1","account":"111122223333","kind":"peering","transit_gateway":"tgw-0hub0000000000001",
		"peer_transit_gateway":"tgw-0euw100000000001","peer_region":"eu-west-1","peer_account":"444455556666",
		"default_association":true,"default_propagation":false}`)
	for id, want := range map[string][2]bool{
		"tgw-attach-0dcvpn00002":  {false, true},
		"tgw-attach-0dxgw000004":  {false, false},
		"tgw-attach-0xacctvpc005": {true, false}, // its propagation is disabled
	} {
		a := net.TGWAttachments[id]
		if a.DefaultAssociation != want[0] || a.DefaultPropagation != want[1] || len(a.Unknown) != 0 {
			t.Errorf("%s: association=%v propagation=%v unknown=%v, want %v %v", id, a.DefaultAssociation, a.DefaultPropagation, a.Unknown, want[0], want[1])
		}
	}
	if a := net.TGWAttachments["tgw-attach-0xacctvpc005"]; a.Account != "444455556666" || a.Type != "aws_ec2_transit_gateway_vpc_attachment" {
		t.Errorf("cross-account attachment belongs to %s (%s), want the VPC owner 444455556666", a.Account, a.Type)
	}
	if a := net.TGWAttachments["tgw-attach-0dcvpn00002"]; a.Kind != model.AttachVPN || a.VPNConnection != "vpn-0dc0000000000002" ||
		a.Type != "aws_ec2_transit_gateway_vpn_attachment" {
		t.Errorf("vpn attachment = %+v", a)
	}
	wantJSON(t, "default tgw route table", net.TGWRouteTables["tgw-rtb-0hub0000default"], `{"id":"tgw-rtb-0hub0000default",
		"type":"aws_ec2_transit_gateway_route_table","address":"tgw-rtb-0hub0000default","aws_id":"tgw-rtb-0hub0000default",
		"region":"us-east-1","account":"111122223333","transit_gateway":"tgw-0hub0000000000001","default":true,
		"associations":["tgw-attach-0prodvpc0001","tgw-attach-0peering0003","tgw-attach-0xacctvpc005"],
		"propagations":["tgw-attach-0prodvpc0001","tgw-attach-0dcvpn00002"],
		"routes":[{"destination":"10.200.0.0/16","attachment":"tgw-attach-0peering0003"},
		          {"destination":"10.66.0.0/16","blackhole":true}]}`)
	if rt := net.TGWRouteTables["tgw-rtb-0hub00000onprem"]; rt.Default ||
		!reflect.DeepEqual(rt.Routes, []model.TGWRoute{{Destination: "192.168.100.0/24", Attachment: "tgw-attach-0dcvpn00002"}}) {
		t.Errorf("onprem table = %+v", rt)
	}
	if tgw := net.TransitGateways["tgw-0hub0000000000001"]; tgw.AmazonSideASN != 64600 || !tgw.DefaultRouteTableAssociation ||
		tgw.ARN != "arn:aws:ec2:us-east-1:111122223333:transit-gateway/tgw-0hub0000000000001" {
		t.Errorf("tgw = %+v", tgw)
	}

	// Peerings: deleted ones are gone; the cross-account one is recorded as its
	// requester (another account and region) sees it, with that side's ranges.
	wantKeys(t, "peerings", net.Peerings, "pcx-0000000000000same", "pcx-00000000000xacct", "pcx-0000000000pending")
	wantJSON(t, "cross-account peering", net.Peerings["pcx-00000000000xacct"], `{"id":"pcx-00000000000xacct",
		"type":"aws_vpc_peering_connection","address":"pcx-00000000000xacct","aws_id":"pcx-00000000000xacct",
		"region":"eu-west-1","account":"444455556666","requester_vpc":"vpc-0c000000000remote",
		"accepter_vpc":"vpc-0a0000000000shared","peer_region":"us-east-1","peer_account":"111122223333","status":"active",
		"requester_cidrs":["10.30.0.0/16","10.31.0.0/16"],"accepter_cidrs":["10.2.0.0/16"]}`)
	if p := net.Peerings["pcx-0000000000000same"]; !reflect.DeepEqual(p.RequesterCIDRs, []string{"10.0.0.0/16", "100.64.0.0/16", "2600:1f18:abcd:1200::/56"}) {
		t.Errorf("requester CIDRs = %v, want the CidrBlockSet and the IPv6 set", p.RequesterCIDRs)
	}

	wantKeys(t, "vpc endpoints", net.VPCEndpoints, "vpce-0crossregion003", "vpce-0s3gateway00001", "vpce-0ssm00000000002")
	if e := net.VPCEndpoints["vpce-0crossregion003"]; e.ServiceRegion != "us-west-2" || len(e.Subnets) != 2 {
		t.Errorf("cross-region endpoint = %+v", e)
	}
	if e := net.VPCEndpoints["vpce-0ssm00000000002"]; !e.PrivateDNS || !reflect.DeepEqual(e.SecurityGroups, []string{"sg-0app000000000001"}) {
		t.Errorf("interface endpoint = %+v", e)
	}
	if s := net.EndpointServices["vpce-svc-0billing000000001"]; s == nil || !reflect.DeepEqual(s.SupportedRegions, []string{"us-east-1", "us-west-2"}) {
		t.Errorf("endpoint service = %+v", s)
	}

	wantKeys(t, "client vpn endpoints", net.ClientVPNEndpoints, "cvpn-endpoint-0remote000000001")
	wantJSON(t, "client vpn", net.ClientVPNEndpoints["cvpn-endpoint-0remote000000001"], `{
		"id":"cvpn-endpoint-0remote000000001","type":"aws_ec2_client_vpn_endpoint","address":"cvpn-endpoint-0remote000000001",
		"aws_id":"cvpn-endpoint-0remote000000001","name":"remote-access","tags":{"Name":"remote-access"},
		"region":"us-east-1","account":"111122223333","client_cidr":"172.16.0.0/22","vpc":"vpc-0a00000000000prod",
		"authentication":[{"type":"directory-service-authentication","active_directory_id":"d-1234567890"},
		                  {"type":"federated-authentication","saml_provider_arn":"arn:aws:iam::111122223333:saml-provider/corp"}],
		"associations":[{"address":"cvpn-assoc-0000000000000001","subnet":"subnet-0prod00000001a"}],
		"authorizations":[{"target_network_cidr":"10.0.0.0/16","access_group":"S-1-5-21-1111111111-2222222222-3333333333-1104"}],
		"routes":[{"destination":"10.0.0.0/16","subnet":"subnet-0prod00000001a"},
		          {"destination":"192.168.0.0/16","subnet":"subnet-0prod00000001a"}],
		"split_tunnel":true}`)

	// Appliances: source/destination check off on the instance and its ENIs.
	wantKeys(t, "instances", net.Instances, "i-0appliance0000001", "i-0web00000000000002")
	wantJSON(t, "appliance", net.Instances["i-0appliance0000001"], `{"id":"i-0appliance0000001","type":"aws_instance",
		"address":"i-0appliance0000001","aws_id":"i-0appliance0000001","name":"vpn-appliance","tags":{"Name":"vpn-appliance"},
		"region":"us-east-1","account":"111122223333","subnet":"subnet-0prod00000001a","az":"us-east-1a",
		"source_dest_check":false,"primary_eni":"eni-0appliance00001",
		"network_interfaces":["eni-0appliance00002","eni-0appliance00001"],"instance_type":"c5.large",
		"public_ips":["203.0.113.10","203.0.113.11"]}`)
	if i := net.Instances["i-0web00000000000002"]; !i.SourceDestCheck {
		t.Error("an instance AWS reports no flag for must keep the default check on")
	}
	if e := net.NetworkInterfaces["eni-0appliance00001"]; e.SourceDestCheck || e.Instance != "i-0appliance0000001" || e.AZ != "us-east-1a" {
		t.Errorf("appliance eni = %+v", e)
	}
	if e := net.NetworkInterfaces["eni-0lonely00000001"]; e.Instance != "" || !e.SourceDestCheck || e.Name != "spare" {
		t.Errorf("detached eni = %+v", e)
	}

	wantJSON(t, "security group", net.SecurityGroups["sg-0app000000000001"], `{"id":"sg-0app000000000001",
		"type":"aws_security_group","address":"sg-0app000000000001","aws_id":"sg-0app000000000001",
		"arn":"arn:aws:ec2:us-east-1:111122223333:security-group/sg-0app000000000001","name":"app",
		"region":"us-east-1","account":"111122223333","vpc":"vpc-0a00000000000prod",
		"ingress":[
			{"protocol":"tcp","from_port":443,"to_port":443,"cidrs":["10.0.0.0/16","192.168.10.0/24"],
			 "ipv6_cidrs":["2600:1f18:abcd:1200::/56"],"prefix_lists":[],"security_groups":[]},
			{"protocol":"-1","from_port":0,"to_port":0,"cidrs":[],"ipv6_cidrs":[],"prefix_lists":[],"security_groups":["sg-0web000000000002"]},
			{"protocol":"udp","from_port":500,"to_port":500,"cidrs":[],"ipv6_cidrs":[],"prefix_lists":["pl-0onprem000000001"],"security_groups":[]}],
		"egress":[{"protocol":"-1","from_port":0,"to_port":0,"cidrs":["0.0.0.0/0"],"ipv6_cidrs":[],"prefix_lists":[],"security_groups":[]}]}`)
	if g := net.SecurityGroups["sg-0web000000000002"]; g.Name != "web-tier" {
		t.Errorf("a Name tag should name the group, got %q", g.Name)
	}

	// Direct Connect.
	wantKeys(t, "dx connections", net.DXConnections, "dxcon-0000001", "dxcon-0000002", "dxcon-0000003")
	wantJSON(t, "dx connection", net.DXConnections["dxcon-0000001"], `{"id":"dxcon-0000001","type":"aws_dx_connection",
		"address":"dxcon-0000001","aws_id":"dxcon-0000001","name":"eqdc2-1","tags":{"site":"ashburn"},
		"region":"us-east-1","account":"111122223333","bandwidth":"10Gbps","bandwidth_mbps":10000,"location":"EqDC2",
		"device":"EqDC2-1abc","lag":"dxlag-0000001","macsec":true,"encryption_mode":"must_encrypt"}`)
	if c := net.DXConnections["dxcon-0000002"]; c.MACsec {
		t.Error("a connection with no MACsec key does not encrypt")
	}
	if c := net.DXConnections["dxcon-0000003"]; !c.Hosted || c.BandwidthMbps != 500 {
		t.Errorf("hosted connection = %+v", c)
	}
	if l := net.DXLAGs["dxlag-0000001"]; l == nil || !reflect.DeepEqual(l.Connections, []string{"dxcon-0000001", "dxcon-0000002"}) || l.Name != "ashburn-lag" {
		t.Errorf("lag = %+v", l)
	}
	wantKeys(t, "dx vifs", net.DXVIFs, "dxvif-0000001", "dxvif-0000002")
	if v := net.DXVIFs["dxvif-0000001"]; v.Kind != "transit" || v.Type != "aws_dx_transit_virtual_interface" ||
		v.DXGateway != "5f294f92-bafb-4011-916d-000000000001" || v.Connection != "dxlag-0000001" || v.MTU != 8500 {
		t.Errorf("transit vif = %+v", v)
	}
	if v := net.DXVIFs["dxvif-0000002"]; v.BGPASN != 4200000010 || v.VPNGateway != "vgw-0prod000000000001" {
		t.Errorf("private vif = %+v, want the 4-byte asnLong", v)
	}
	wantKeys(t, "dx gateways", net.DXGateways, "5f294f92-bafb-4011-916d-000000000001")
	wantKeys(t, "dx gateway associations", net.DXGatewayAssociations, "2cd8f8bc-0000-0000-0000-000000000001", "2cd8f8bc-0000-0000-0000-000000000002")
	wantJSON(t, "dx gateway association", net.DXGatewayAssociations["2cd8f8bc-0000-0000-0000-000000000002"], `{
		"id":"2cd8f8bc-0000-0000-0000-000000000002","type":"aws_dx_gateway_association",
		"address":"2cd8f8bc-0000-0000-0000-000000000002","aws_id":"2cd8f8bc-0000-0000-0000-000000000002",
		"region":"us-west-2","account":"111122223333","dx_gateway":"5f294f92-bafb-4011-916d-000000000001",
		"gateway":"vgw-0west00000000001","gateway_type":"vpn_gateway","allowed_prefixes":["10.40.0.0/16"]}`)
	if a := net.DXGatewayAssociations["2cd8f8bc-0000-0000-0000-000000000001"]; a.GatewayType != "transit_gateway" || a.Gateway != "tgw-0hub0000000000001" {
		t.Errorf("tgw association = %+v", a)
	}

	// Alarms: only tunnel-state and status-check alarms, each linked to what it
	// watches; a metric-math alarm counts through its metric, a TunnelIpAddress
	// alarm through the tunnel's VPN.
	wantKeys(t, "alarms", net.Alarms,
		"arn:aws:cloudwatch:us-east-1:111122223333:alarm:appliance-recover",
		"arn:aws:cloudwatch:us-east-1:111122223333:alarm:dc-vpn-both-tunnels",
		"arn:aws:cloudwatch:us-east-1:111122223333:alarm:hq-tunnel-2",
		"arn:aws:cloudwatch:us-east-1:111122223333:alarm:hq-vpn-tunnel-down")
	wantJSON(t, "alarm", net.Alarms["arn:aws:cloudwatch:us-east-1:111122223333:alarm:appliance-recover"], `{
		"id":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:appliance-recover","type":"aws_cloudwatch_metric_alarm",
		"address":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:appliance-recover",
		"aws_id":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:appliance-recover",
		"arn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:appliance-recover","name":"appliance-recover",
		"region":"us-east-1","account":"111122223333","namespace":"AWS/EC2","metric_name":"StatusCheckFailed_System",
		"dimensions":{"InstanceId":"i-0appliance0000001"},"watches":["i-0appliance0000001"],
		"actions":["arn:aws:automate:us-east-1:ec2:recover"]}`)
	for name, want := range map[string]string{
		"dc-vpn-both-tunnels": "vpn-0dc0000000000002",
		"hq-tunnel-2":         "vpn-0hq0000000000001",
		"hq-vpn-tunnel-down":  "vpn-0hq0000000000001",
	} {
		a := net.Alarms["arn:aws:cloudwatch:us-east-1:111122223333:alarm:"+name]
		if a.Namespace != "AWS/VPN" || a.MetricName != "TunnelState" || !reflect.DeepEqual(a.Watches, []string{want}) {
			t.Errorf("alarm %s: %s/%s watches %v, want %s", name, a.Namespace, a.MetricName, a.Watches, want)
		}
	}
}
