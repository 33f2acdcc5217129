package terraform

import (
	"reflect"
	"testing"
)

// A customer gateway whose ip_address reads an Elastic IP is the VPN appliance
// the EIP is attached to: through configuration references on a plan, and by
// known IPs on existing infrastructure.
func TestCustomerGatewayAppliance(t *testing.T) {
	count2 := obj{"count_expression": constant(2)}
	instance := func(addr string) change {
		return change{addr: addr, after: obj{"instance_type": "c5.large"},
			unknown: obj{"id": true, "public_ip": true, "primary_network_interface_id": true}}
	}
	cases := []struct {
		name    string
		changes []change
		root    obj
		check   func(t *testing.T, n *netT)
	}{
		{
			name: "references through count",
			changes: []change{
				instance("aws_instance.vpn[0]"), instance("aws_instance.vpn[1]"),
				{addr: "aws_eip.vpn[0]", after: obj{"domain": "vpc"}, unknown: obj{"instance": true, "network_interface": true, "public_ip": true}},
				{addr: "aws_eip.vpn[1]", after: obj{"domain": "vpc"}, unknown: obj{"instance": true, "network_interface": true, "public_ip": true}},
				{addr: "aws_customer_gateway.cgw[0]", after: obj{"bgp_asn": "65000", "type": "ipsec.1"}, unknown: obj{"ip_address": true}},
				{addr: "aws_customer_gateway.cgw[1]", after: obj{"bgp_asn": "65000", "type": "ipsec.1"}, unknown: obj{"ip_address": true}},
			},
			root: obj{"resources": []any{
				cfgRes("aws_instance.vpn", obj{}, count2),
				cfgRes("aws_eip.vpn", obj{"domain": constant("vpc"), "instance": refs("aws_instance.vpn", "count.index")}, count2),
				cfgRes("aws_customer_gateway.cgw", obj{"ip_address": refs("aws_eip.vpn", "count.index")}, count2),
			}},
			check: func(t *testing.T, n *netT) {
				for i, want := range []string{"aws_instance.vpn[0]", "aws_instance.vpn[1]"} {
					g := n.CustomerGateways["aws_customer_gateway.cgw["+string(rune('0'+i))+"]"]
					if g.Appliance != want || g.IsUnknown("appliance") {
						t.Errorf("cgw[%d]: appliance %q unknown %v, want %s", i, g.Appliance, g.Unknown, want)
					}
				}
			},
		},
		{
			name: "association to an ENI",
			changes: []change{
				{addr: "aws_network_interface.vpn", after: obj{"source_dest_check": false}, unknown: obj{"id": true}},
				{addr: "aws_eip.vpn", after: obj{"domain": "vpc"}, unknown: obj{"id": true, "instance": true, "network_interface": true, "public_ip": true}},
				{addr: "aws_eip_association.vpn", after: obj{}, unknown: obj{"allocation_id": true, "network_interface_id": true, "instance_id": true}},
				{addr: "aws_customer_gateway.cgw", after: obj{"bgp_asn": "65000"}, unknown: obj{"ip_address": true}},
			},
			root: obj{"resources": []any{
				cfgRes("aws_network_interface.vpn", obj{}, nil),
				cfgRes("aws_eip.vpn", obj{"domain": constant("vpc")}, nil),
				cfgRes("aws_eip_association.vpn", obj{"allocation_id": refs("aws_eip.vpn.id", "aws_eip.vpn"),
					"network_interface_id": refs("aws_network_interface.vpn.id", "aws_network_interface.vpn")}, nil),
				cfgRes("aws_customer_gateway.cgw", obj{"ip_address": refs("aws_eip.vpn.public_ip", "aws_eip.vpn")}, nil),
			}},
			check: func(t *testing.T, n *netT) {
				if g := n.CustomerGateways["aws_customer_gateway.cgw"]; g.Appliance != "aws_network_interface.vpn" || g.IsUnknown("appliance") {
					t.Errorf("appliance %q unknown %v", g.Appliance, g.Unknown)
				}
			},
		},
		{
			name: "attachment from a variable",
			changes: []change{
				{addr: "aws_eip.vpn", after: obj{"domain": "vpc"}, unknown: obj{"instance": true, "network_interface": true, "public_ip": true}},
				{addr: "aws_customer_gateway.cgw", after: obj{"bgp_asn": "65000"}, unknown: obj{"ip_address": true}},
			},
			root: obj{"resources": []any{
				cfgRes("aws_eip.vpn", obj{"instance": refs("data.external.x.result")}, nil),
				cfgRes("aws_customer_gateway.cgw", obj{"ip_address": refs("aws_eip.vpn.public_ip", "aws_eip.vpn")}, nil),
			}},
			check: func(t *testing.T, n *netT) {
				if g := n.CustomerGateways["aws_customer_gateway.cgw"]; g.Appliance != "" || !g.IsUnknown("appliance") {
					t.Errorf("appliance %q unknown %v, want unknown", g.Appliance, g.Unknown)
				}
			},
		},
		{
			name: "known IPs of existing resources",
			changes: []change{
				{addr: "aws_instance.vpn", after: obj{"id": "i-0vpn", "public_ip": "203.0.113.7"}},
				{addr: "aws_network_interface.spare", after: obj{"id": "eni-0spare"}},
				{addr: "aws_eip.spare", after: obj{"id": "eipalloc-2", "public_ip": "203.0.113.8", "network_interface": "eni-0spare", "instance": ""}},
				{addr: "aws_customer_gateway.a", after: obj{"ip_address": "203.0.113.7"}},
				{addr: "aws_customer_gateway.b", after: obj{"ip_address": "203.0.113.8"}},
				{addr: "aws_customer_gateway.onprem", after: obj{"ip_address": "198.51.100.1"}},
			},
			check: func(t *testing.T, n *netT) {
				if got := n.Instances["aws_instance.vpn"].PublicIPs; !reflect.DeepEqual(got, []string{"203.0.113.7"}) {
					t.Errorf("instance public IPs %v", got)
				}
				if got := n.NetworkInterfaces["aws_network_interface.spare"].PublicIPs; !reflect.DeepEqual(got, []string{"203.0.113.8"}) {
					t.Errorf("ENI public IPs %v", got)
				}
				for id, want := range map[string]string{"aws_customer_gateway.a": "aws_instance.vpn",
					"aws_customer_gateway.b": "aws_network_interface.spare", "aws_customer_gateway.onprem": ""} {
					if g := n.CustomerGateways[id]; g.Appliance != want || len(g.Unknown) > 0 {
						t.Errorf("%s: appliance %q unknown %v, want %q", id, g.Appliance, g.Unknown, want)
					}
				}
			},
		},
		{
			name: "an on-premises address",
			changes: []change{
				{addr: "aws_customer_gateway.hq", after: obj{"ip_address": "198.51.100.1"}},
			},
			root: obj{"resources": []any{
				cfgRes("aws_customer_gateway.hq", obj{"ip_address": refs("var.hq_ip")}, nil),
			}},
			check: func(t *testing.T, n *netT) {
				if g := n.CustomerGateways["aws_customer_gateway.hq"]; g.Appliance != "" || len(g.Unknown) > 0 {
					t.Errorf("appliance %q unknown %v", g.Appliance, g.Unknown)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, decodePlan(t, tc.changes, tc.root, nil))
		})
	}
}
