package model

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

func vpc(id, cidr string) *VPC { return &VPC{Meta: Meta{ID: id, Address: id}, CIDRs: []string{cidr}} }

func domainsOf(n *Network) map[string][]string {
	out := map[string][]string{}
	for _, d := range n.Derived.Domains {
		m := append([]string(nil), d.Networks...)
		sort.Strings(m)
		out[d.ID] = m
	}
	return out
}

func TestDeriveConnectivity(t *testing.T) {
	tests := []struct {
		name  string
		build func(n *Network)
		want  map[string][]string
	}{
		{
			name: "tgw default route table joins every attachment",
			build: func(n *Network) {
				n.TransitGateways["tgw"] = &TransitGateway{Meta: Meta{ID: "tgw"}, DefaultRouteTableAssociation: true, DefaultRouteTablePropagation: true}
				for _, v := range []string{"a", "b", "c"} {
					n.VPCs[v] = vpc(v, "10.0.0.0/16")
					n.TGWAttachments["att-"+v] = &TGWAttachment{Meta: Meta{ID: "att-" + v}, Kind: AttachVPC, TransitGateway: "tgw", VPC: v, DefaultAssociation: true, DefaultPropagation: true}
				}
			},
			want: map[string][]string{"transit_gateway:tgw": {"a", "b", "c"}},
		},
		{
			name: "tgw route tables separate domains",
			build: func(n *Network) {
				n.TransitGateways["tgw"] = &TransitGateway{Meta: Meta{ID: "tgw"}}
				for _, v := range []string{"prod1", "prod2", "dev1", "shared"} {
					n.VPCs[v] = vpc(v, "10.0.0.0/16")
					n.TGWAttachments["att-"+v] = &TGWAttachment{Meta: Meta{ID: "att-" + v}, Kind: AttachVPC, TransitGateway: "tgw", VPC: v}
				}
				n.TGWRouteTables["rt-prod"] = &TGWRouteTable{Meta: Meta{ID: "rt-prod"}, TransitGateway: "tgw",
					Associations: []string{"att-prod1", "att-prod2"}, Propagations: []string{"att-prod1", "att-prod2", "att-shared"}}
				n.TGWRouteTables["rt-dev"] = &TGWRouteTable{Meta: Meta{ID: "rt-dev"}, TransitGateway: "tgw",
					Associations: []string{"att-dev1"}, Routes: []TGWRoute{{Destination: "10.9.0.0/16", Attachment: "att-shared"}}}
			},
			want: map[string][]string{
				"tgw_route_table:rt-prod": {"prod1", "prod2", "shared"},
				// A static route carries its destination only, not all of shared's ranges.
				"tgw_route_table:rt-dev": {"dev1", "route:rt-dev:10.9.0.0/16:shared"},
			},
		},
		{
			name: "redundant static vpns to one site share it; a default route is no site range",
			build: func(n *Network) {
				n.VPCs["a"] = vpc("a", "10.0.0.0/16")
				n.VPNGateways["vgw"] = &VPNGateway{Meta: Meta{ID: "vgw"}, VPC: "a"}
				n.VPNConnections["fw-a"] = &VPNConnection{Meta: Meta{ID: "fw-a", Address: "fw-a"}, VPNGateway: "vgw", StaticRoutesOnly: true, StaticRoutes: []string{"172.16.0.0/16", "0.0.0.0/0"}}
				n.VPNConnections["fw-b"] = &VPNConnection{Meta: Meta{ID: "fw-b", Address: "fw-b"}, VPNGateway: "vgw", StaticRoutesOnly: true, StaticRoutes: []string{"0.0.0.0/0", "172.16.0.0/16"}}
			},
			want: map[string][]string{"vpn_gateway:vgw": {"a", "site:fw-a"}},
		},
		{
			name: "peering is not transitive",
			build: func(n *Network) {
				n.VPCs["a"], n.VPCs["b"], n.VPCs["c"] = vpc("a", "10.0.0.0/16"), vpc("b", "10.1.0.0/16"), vpc("c", "10.2.0.0/16")
				n.Peerings["ab"] = &Peering{Meta: Meta{ID: "ab"}, RequesterVPC: "a", AccepterVPC: "b"}
				n.Peerings["bc"] = &Peering{Meta: Meta{ID: "bc"}, RequesterVPC: "b", AccepterVPC: "c"}
			},
			want: map[string][]string{"vpc_peering_connection:ab": {"a", "b"}, "vpc_peering_connection:bc": {"b", "c"}},
		},
		{
			name: "peer outside the model with known ranges",
			build: func(n *Network) {
				n.VPCs["a"] = vpc("a", "10.0.0.0/16")
				n.Peerings["pcx"] = &Peering{Meta: Meta{ID: "pcx"}, RequesterVPC: "a", AccepterVPC: "vpc-999", AccepterCIDRs: []string{"10.0.0.0/20"}}
			},
			want: map[string][]string{"vpc_peering_connection:pcx": {"a", "peer:pcx:accepter"}},
		},
		{
			name: "vgw hub with static and declared sites (CloudHub)",
			build: func(n *Network) {
				n.VPCs["a"] = vpc("a", "10.0.0.0/16")
				n.VPNGateways["vgw"] = &VPNGateway{Meta: Meta{ID: "vgw"}, VPC: "a"}
				n.CustomerGateways["cgw1"] = &CustomerGateway{Meta: Meta{ID: "cgw1"}, IP: "198.51.100.1"}
				n.CustomerGateways["cgw2"] = &CustomerGateway{Meta: Meta{ID: "cgw2"}, IP: "198.51.100.2"}
				n.VPNConnections["vpn1"] = &VPNConnection{Meta: Meta{ID: "vpn1", Address: "vpn1"}, CustomerGateway: "cgw1", VPNGateway: "vgw", StaticRoutesOnly: true, StaticRoutes: []string{"192.168.0.0/16"}}
				n.VPNConnections["vpn2"] = &VPNConnection{Meta: Meta{ID: "vpn2"}, CustomerGateway: "cgw2", VPNGateway: "vgw"}
				n.Sites["site.branch"] = &Site{Meta: Meta{ID: "site.branch"}, CIDRs: []string{"172.16.0.0/16"}, Devices: []Device{{Name: "r1", IP: "198.51.100.2"}}}
			},
			want: map[string][]string{"vpn_gateway:vgw": {"a", "site.branch", "site:vpn1"}},
		},
		{
			name: "vpn on a tgw: static routes are tgw routes to its attachment",
			build: func(n *Network) {
				n.VPCs["a"] = vpc("a", "10.0.0.0/16")
				n.TransitGateways["tgw"] = &TransitGateway{Meta: Meta{ID: "tgw"}, DefaultRouteTableAssociation: true, DefaultRouteTablePropagation: true}
				n.TGWAttachments["att-a"] = &TGWAttachment{Meta: Meta{ID: "att-a"}, Kind: AttachVPC, TransitGateway: "tgw", VPC: "a", DefaultAssociation: true, DefaultPropagation: true}
				n.VPNConnections["vpn"] = &VPNConnection{Meta: Meta{ID: "vpn"}, TransitGateway: "tgw", TGWAttachment: "vpn#attachment", StaticRoutesOnly: true}
				n.TGWAttachments["vpn#attachment"] = &TGWAttachment{Meta: Meta{ID: "vpn#attachment"}, Kind: AttachVPN, TransitGateway: "tgw", VPNConnection: "vpn", DefaultAssociation: true, DefaultPropagation: true}
				n.TGWRouteTables["rt"] = &TGWRouteTable{Meta: Meta{ID: "rt"}, TransitGateway: "tgw", Default: true, Routes: []TGWRoute{{Destination: "192.168.0.0/16", Attachment: "vpn#attachment"}}}
			},
			want: map[string][]string{"transit_gateway:tgw": {"a", "site:vpn"}},
		},
		{
			name: "client vpn pool and the vpc of its subnets",
			build: func(n *Network) {
				n.VPCs["a"] = vpc("a", "10.0.0.0/16")
				n.Subnets["s"] = &Subnet{Meta: Meta{ID: "s"}, VPC: "a"}
				n.ClientVPNEndpoints["cvpn"] = &ClientVPNEndpoint{Meta: Meta{ID: "cvpn"}, ClientCIDR: "10.0.0.0/22", Associations: []ClientVPNAssociation{{Subnet: "s"}}}
			},
			want: map[string][]string{"client_vpn_endpoint:cvpn": {"a", "cvpn"}},
		},
		{
			name: "dx gateway with two vgws",
			build: func(n *Network) {
				n.VPCs["a"], n.VPCs["b"] = vpc("a", "10.0.0.0/16"), vpc("b", "10.1.0.0/16")
				n.VPNGateways["vgw-a"] = &VPNGateway{Meta: Meta{ID: "vgw-a"}, VPC: "a"}
				n.VPNGateways["vgw-b"] = &VPNGateway{Meta: Meta{ID: "vgw-b"}, VPC: "b"}
				n.DXGateways["dxgw"] = &DXGateway{Meta: Meta{ID: "dxgw"}}
				n.DXGatewayAssociations["as-a"] = &DXGatewayAssociation{Meta: Meta{ID: "as-a"}, DXGateway: "dxgw", Gateway: "vgw-a"}
				n.DXGatewayAssociations["as-b"] = &DXGatewayAssociation{Meta: Meta{ID: "as-b"}, DXGateway: "dxgw", Gateway: "vgw-b"}
			},
			want: map[string][]string{"dx_gateway:dxgw": {"a", "b"}},
		},
		{
			name: "unconnected vpcs share no domain",
			build: func(n *Network) {
				n.VPCs["a"], n.VPCs["b"] = vpc("a", "10.0.0.0/16"), vpc("b", "10.0.0.0/16")
			},
			want: map[string][]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := New()
			tt.build(n)
			n.Derive()
			if got := domainsOf(n); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("domains %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTGWSourcesDoNotMeet: attachments associated with a route table without
// propagating into it only send through it (AWS's private NAT pattern lets their
// ranges overlap); static routes carry their destinations only.
func TestTGWSourcesDoNotMeet(t *testing.T) {
	n := New()
	n.TransitGateways["tgw"] = &TransitGateway{Meta: Meta{ID: "tgw"}}
	for _, v := range []string{"a", "b"} {
		n.VPCs[v] = &VPC{Meta: Meta{ID: v, Address: v}, CIDRs: []string{"100.64.0.0/16"}}
		n.TGWAttachments["att-"+v] = &TGWAttachment{Meta: Meta{ID: "att-" + v}, Kind: AttachVPC, TransitGateway: "tgw", VPC: v}
	}
	n.TGWRouteTables["rt"] = &TGWRouteTable{Meta: Meta{ID: "rt"}, TransitGateway: "tgw",
		Associations: []string{"att-a", "att-b"},
		Routes:       []TGWRoute{{Destination: "10.1.0.0/24", Attachment: "att-a"}, {Destination: "10.2.0.0/24", Attachment: "att-b"}}}
	n.Derive()
	if len(n.Derived.Domains) != 1 {
		t.Fatalf("domains: %+v", n.Derived.Domains)
	}
	d := n.Derived.Domains[0]
	sort.Strings(d.Sources)
	if !reflect.DeepEqual(d.Sources, []string{"a", "b"}) {
		t.Fatalf("sources %v", d.Sources)
	}
	for _, id := range d.Networks {
		if an := n.Derived.AddressNetworks[id]; an.Kind == NetVPC && strings.HasPrefix(id, "route:") && an.CIDRs[0] == "100.64.0.0/16" {
			t.Fatalf("static route network carries the whole VPC: %+v", an)
		}
	}
}

func TestElementsIndexRoutesDeclaredAsResources(t *testing.T) {
	n := New()
	n.RouteTables["module.a[\"x\"].aws_route_table.rt"] = &RouteTable{
		Meta:   Meta{ID: "module.a[\"x\"].aws_route_table.rt", Region: "eu-west-1", Module: "module.a[\"x\"]"},
		Routes: []Route{{Address: "module.a[\"x\"].aws_route.to_peer[0]", File: "m/main.tf", Line: 7}, {Destination: "inline"}},
	}
	got := n.Elements()["module.a[\"x\"].aws_route.to_peer[0]"]
	if got == nil || got.Type != "aws_route" || got.Line != 7 || got.Region != "eu-west-1" {
		t.Fatalf("route element: %+v", got)
	}
	if len(n.Elements()) != 2 {
		t.Fatalf("inline routes must not become elements: %d", len(n.Elements()))
	}
}
