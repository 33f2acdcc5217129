package terraform

import (
	"fmt"
	"testing"
)

// A child resource (route, propagation, association, static route) whose
// parent link names one of several elements: resolved by the referrer's own
// index when that is certain, else every candidate parent's field is unknown
// (rules stay silent), never silently dropped.

// moduleRouteTablePlan is the terraform-aws-modules/vpc idiom: routes,
// propagations and associations with count = length(module.vpc.<out>) and
// route_table_id = module.vpc.private_route_table_ids[count.index].
func moduleRouteTablePlan(t *testing.T, children int, withIndex bool) (changes []change, root obj) {
	t.Helper()
	changes = []change{
		{addr: "module.vpc.aws_vpc.this", after: obj{"cidr_block": "10.0.0.0/16"}, unknown: obj{"id": true}},
		{addr: "aws_vpn_gateway.v", after: obj{"amazon_side_asn": "64512"}, unknown: obj{"id": true, "vpc_id": true}},
	}
	for i := 0; i < 2; i++ {
		changes = append(changes,
			change{addr: fmt.Sprintf("module.vpc.aws_route_table.private[%d]", i), unknown: obj{"id": true, "vpc_id": true}},
			change{addr: fmt.Sprintf("module.vpc.aws_subnet.private[%d]", i),
				after: obj{"cidr_block": fmt.Sprintf("10.0.%d.0/24", i)}, unknown: obj{"id": true, "vpc_id": true}})
	}
	for i := 0; i < children; i++ {
		changes = append(changes,
			change{addr: fmt.Sprintf("aws_route.r[%d]", i), after: obj{"destination_cidr_block": "172.16.0.0/16"},
				unknown: obj{"id": true, "route_table_id": true, "gateway_id": true}},
			change{addr: fmt.Sprintf("aws_vpn_gateway_route_propagation.p[%d]", i),
				unknown: obj{"id": true, "route_table_id": true, "vpn_gateway_id": true}},
			change{addr: fmt.Sprintf("aws_route_table_association.a[%d]", i),
				unknown: obj{"id": true, "route_table_id": true, "subnet_id": true}})
	}
	out := func(name string) obj {
		rs := []string{"module.vpc." + name, "module.vpc"}
		if withIndex {
			rs = append(rs, "count.index")
		}
		return refs(rs...)
	}
	count := obj{"count_expression": constant(children)}
	vgw := refs("aws_vpn_gateway.v.id", "aws_vpn_gateway.v")
	root = obj{
		"resources": []any{
			cfgRes("aws_vpn_gateway.v", obj{}, nil),
			cfgRes("aws_route.r", obj{"route_table_id": out("private_route_table_ids"),
				"destination_cidr_block": constant("172.16.0.0/16"), "gateway_id": vgw}, count),
			cfgRes("aws_vpn_gateway_route_propagation.p", obj{"route_table_id": out("private_route_table_ids"),
				"vpn_gateway_id": vgw}, count),
			cfgRes("aws_route_table_association.a", obj{"route_table_id": out("private_route_table_ids"),
				"subnet_id": out("private_subnets")}, count),
		},
		"module_calls": obj{"vpc": obj{"source": "./vpc", "module": obj{
			"resources": []any{
				cfgRes("aws_vpc.this", obj{"cidr_block": constant("10.0.0.0/16")}, nil),
				cfgRes("aws_route_table.private", obj{"vpc_id": refs("aws_vpc.this.id", "aws_vpc.this")},
					obj{"count_expression": constant(2)}),
				cfgRes("aws_subnet.private", obj{"vpc_id": refs("aws_vpc.this.id", "aws_vpc.this")},
					obj{"count_expression": constant(2)}),
			},
			"outputs": obj{
				"private_route_table_ids": obj{"expression": refs("aws_route_table.private")},
				"private_subnets":         obj{"expression": refs("aws_subnet.private")},
			},
		}}},
	}
	return changes, root
}

func TestChildOfModuleOutputElement(t *testing.T) {
	tests := []struct {
		name      string
		children  int
		withIndex bool
		resolved  bool   // each child lands in the table with its index
		unknown   string // unknown fields of both tables otherwise
	}{
		{name: "out[count.index], counts match", children: 2, withIndex: true, resolved: true},
		{name: "no count.index in the references", children: 2, unknown: "propagating_vgws,routes,subnets"},
		{name: "counts differ", children: 1, withIndex: true, unknown: "propagating_vgws,routes,subnets"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changes, root := moduleRouteTablePlan(t, tc.children, tc.withIndex)
			n := decodePlan(t, changes, root, nil)
			for i := 0; i < 2; i++ {
				rt := n.RouteTables[fmt.Sprintf("module.vpc.aws_route_table.private[%d]", i)]
				if rt == nil {
					t.Fatalf("route table %d missing", i)
				}
				if !tc.resolved {
					eq(t, "unknown", unknownSet(&rt.Meta), tc.unknown)
					eq(t, "routes", len(rt.Routes), 0)
					eq(t, "propagating vgws", len(rt.PropagatingVGWs), 0)
					eq(t, "subnets", len(rt.Subnets), 0)
					continue
				}
				eq(t, "unknown", unknownSet(&rt.Meta), "")
				if len(rt.Routes) != 1 {
					t.Fatalf("table %d routes: %+v", i, rt.Routes)
				}
				eq(t, "route address", rt.Routes[0].Address, fmt.Sprintf("aws_route.r[%d]", i))
				eq(t, "route target", rt.Routes[0].Target, "aws_vpn_gateway.v")
				eqList(t, "propagating vgws", rt.PropagatingVGWs, []string{"aws_vpn_gateway.v"})
				eqList(t, "subnets", rt.Subnets, []string{fmt.Sprintf("module.vpc.aws_subnet.private[%d]", i)})
			}
		})
	}
}

// vpnRoutePlan: static routes with for_each over (firewall, range) pairs and
// vpn_connection_id = aws_vpn_connection.dr[each.value.fw].id.
func vpnRoutePlan(forEach obj) (changes []change, root obj) {
	for _, fw := range []string{"fw-a", "fw-b"} {
		changes = append(changes,
			change{addr: `aws_vpn_connection.dr["` + fw + `"]`, after: obj{"static_routes_only": true, "type": "ipsec.1"},
				unknown: obj{"id": true}},
			change{addr: `aws_vpn_connection_route.dr["` + fw + `/172.17.0.0/16"]`,
				after: obj{"destination_cidr_block": "172.17.0.0/16"}, unknown: obj{"id": true, "vpn_connection_id": true}})
	}
	root = obj{"resources": []any{
		cfgRes("aws_vpn_connection.dr", obj{"type": constant("ipsec.1")},
			obj{"for_each_expression": constant(obj{"fw-a": "x", "fw-b": "y"})}),
		cfgRes("aws_vpn_connection_route.dr", obj{
			"destination_cidr_block": refs("each.value.cidr", "each.value"),
			"vpn_connection_id":      refs("aws_vpn_connection.dr", "each.value.fw", "each.value"),
		}, obj{"for_each_expression": forEach}),
	}}
	return changes, root
}

func TestVPNConnectionRouteByEachValue(t *testing.T) {
	pairs := obj{
		"fw-a/172.17.0.0/16": obj{"fw": "fw-a", "cidr": "172.17.0.0/16"},
		"fw-b/172.17.0.0/16": obj{"fw": "fw-b", "cidr": "172.17.0.0/16"},
	}
	tests := []struct {
		name    string
		forEach obj
		vars    obj
		routes  []string // static routes of each connection
		unknown string
	}{
		{name: "constant for_each", forEach: constant(pairs), routes: []string{"172.17.0.0/16"}},
		{name: "root variable", forEach: refs("var.routes"), vars: obj{"routes": pairs}, routes: []string{"172.17.0.0/16"}},
		{name: "local (not in the plan)", forEach: refs("local.routes"), routes: []string{}, unknown: "static_routes"},
		{name: "variable without value", forEach: refs("var.routes"), routes: []string{}, unknown: "static_routes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changes, root := vpnRoutePlan(tc.forEach)
			n := decodePlan(t, changes, root, tc.vars)
			for _, fw := range []string{"fw-a", "fw-b"} {
				c := n.VPNConnections[`aws_vpn_connection.dr["`+fw+`"]`]
				if c == nil {
					t.Fatalf("connection %s missing", fw)
				}
				eqList(t, fw+" static routes", c.StaticRoutes, tc.routes)
				eq(t, fw+" unknown", unknownSet(&c.Meta), tc.unknown)
			}
		})
	}
}

func TestChildOfAmbiguousParentMarksCandidates(t *testing.T) {
	tgwRT := func(k string) string { return `aws_ec2_transit_gateway_route_table.rt["` + k + `"]` }
	tests := []struct {
		name    string
		changes []change
		root    obj
		check   func(t *testing.T, n *netT)
	}{
		{
			name: "TGW association, propagation and route into rt[local.x]",
			changes: []change{
				{addr: "aws_ec2_transit_gateway.hub", unknown: obj{"id": true}},
				{addr: tgwRT("a"), unknown: obj{"id": true, "transit_gateway_id": true}},
				{addr: tgwRT("b"), unknown: obj{"id": true, "transit_gateway_id": true}},
				{addr: "aws_ec2_transit_gateway_vpc_attachment.att", unknown: obj{"id": true}},
				{addr: "aws_ec2_transit_gateway_route_table_association.x", unknown: obj{"id": true,
					"transit_gateway_route_table_id": true, "transit_gateway_attachment_id": true}},
				{addr: "aws_ec2_transit_gateway_route_table_propagation.x", unknown: obj{"id": true,
					"transit_gateway_route_table_id": true, "transit_gateway_attachment_id": true}},
				{addr: "aws_ec2_transit_gateway_route.x", after: obj{"destination_cidr_block": "10.0.0.0/8", "blackhole": false},
					unknown: obj{"id": true, "transit_gateway_route_table_id": true, "transit_gateway_attachment_id": true}},
			},
			root: func() obj {
				rt := refs("aws_ec2_transit_gateway_route_table.rt", "local.x")
				att := refs("aws_ec2_transit_gateway_vpc_attachment.att.id", "aws_ec2_transit_gateway_vpc_attachment.att")
				link := obj{"transit_gateway_route_table_id": rt, "transit_gateway_attachment_id": att}
				return obj{"resources": []any{
					cfgRes("aws_ec2_transit_gateway.hub", obj{}, nil),
					cfgRes("aws_ec2_transit_gateway_route_table.rt", obj{"transit_gateway_id": refs("aws_ec2_transit_gateway.hub.id", "aws_ec2_transit_gateway.hub")},
						obj{"for_each_expression": refs("var.tables")}),
					cfgRes("aws_ec2_transit_gateway_vpc_attachment.att", obj{}, nil),
					cfgRes("aws_ec2_transit_gateway_route_table_association.x", link, nil),
					cfgRes("aws_ec2_transit_gateway_route_table_propagation.x", link, nil),
					cfgRes("aws_ec2_transit_gateway_route.x", obj{"transit_gateway_route_table_id": rt,
						"transit_gateway_attachment_id": att, "destination_cidr_block": constant("10.0.0.0/8")}, nil),
				}}
			}(),
			check: func(t *testing.T, n *netT) {
				for _, k := range []string{"a", "b"} {
					rt := n.TGWRouteTables[tgwRT(k)]
					if rt == nil {
						t.Fatalf("%s missing", tgwRT(k))
					}
					eq(t, k+" unknown", unknownSet(&rt.Meta), "associations,propagations,routes")
					eq(t, k+" associations", len(rt.Associations), 0)
					eq(t, k+" propagations", len(rt.Propagations), 0)
					eq(t, k+" routes", len(rt.Routes), 0)
				}
				// The stand-in table still tells that the attachment is routed.
				if s := n.TGWRouteTables["aws_ec2_transit_gateway_route.x#route_table"]; s == nil || len(s.Routes) != 1 ||
					s.Routes[0].Attachment != "aws_ec2_transit_gateway_vpc_attachment.att" {
					t.Errorf("stand-in route table: %+v", s)
				}
			},
		},
		{
			name: "TGW association and propagation into a table reached through a local or by raw id",
			changes: []change{
				{addr: "aws_ec2_transit_gateway.hub", unknown: obj{"id": true}},
				{addr: "aws_ec2_transit_gateway_vpc_attachment.att", unknown: obj{"id": true}},
				{addr: "aws_ec2_transit_gateway_route_table_association.x", unknown: obj{"id": true,
					"transit_gateway_route_table_id": true, "transit_gateway_attachment_id": true}},
				{addr: "aws_ec2_transit_gateway_route_table_propagation.x", after: obj{"transit_gateway_route_table_id": "tgw-rtb-0outside"},
					unknown: obj{"id": true, "transit_gateway_attachment_id": true}},
			},
			root: func() obj {
				att := refs("aws_ec2_transit_gateway_vpc_attachment.att.id", "aws_ec2_transit_gateway_vpc_attachment.att")
				return obj{"resources": []any{
					cfgRes("aws_ec2_transit_gateway.hub", obj{}, nil),
					cfgRes("aws_ec2_transit_gateway_vpc_attachment.att", obj{}, nil),
					cfgRes("aws_ec2_transit_gateway_route_table_association.x",
						obj{"transit_gateway_route_table_id": refs("local.rt_id"), "transit_gateway_attachment_id": att}, nil),
					cfgRes("aws_ec2_transit_gateway_route_table_propagation.x",
						obj{"transit_gateway_route_table_id": constant("tgw-rtb-0outside"), "transit_gateway_attachment_id": att}, nil),
				}}
			}(),
			check: func(t *testing.T, n *netT) {
				// Stand-ins keep the links: the attachment is associated with
				// a table whose content is not known, not with none.
				a := n.TGWRouteTables["aws_ec2_transit_gateway_route_table_association.x#route_table"]
				if a == nil || len(a.Associations) != 1 || a.Associations[0] != "aws_ec2_transit_gateway_vpc_attachment.att" {
					t.Fatalf("association stand-in: %+v", a)
				}
				eq(t, "association stand-in unknown", unknownSet(&a.Meta), "associations,propagations,transit_gateway")
				p := n.TGWRouteTables["tgw-rtb-0outside"]
				if p == nil || len(p.Propagations) != 1 || p.Propagations[0] != "aws_ec2_transit_gateway_vpc_attachment.att" {
					t.Fatalf("propagation stand-in: %+v", p)
				}
				eq(t, "propagation stand-in aws id", p.AWSID, "tgw-rtb-0outside")
			},
		},
		{
			name: "secondary CIDR of vpc[local.x]: the ranges of each candidate are unknown",
			changes: []change{
				{addr: `aws_vpc.v["a"]`, after: obj{"cidr_block": "10.0.0.0/16"}, unknown: obj{"id": true}},
				{addr: `aws_vpc.v["b"]`, after: obj{"cidr_block": "10.1.0.0/16"}, unknown: obj{"id": true}},
				{addr: "aws_vpc.w", after: obj{"cidr_block": "10.2.0.0/16"}, unknown: obj{"id": true}},
				{addr: "aws_vpc_ipv4_cidr_block_association.s", after: obj{"cidr_block": "100.64.0.0/16"},
					unknown: obj{"id": true, "vpc_id": true}},
			},
			root: obj{"resources": []any{
				cfgRes("aws_vpc.v", obj{"cidr_block": refs("each.value")}, obj{"for_each_expression": refs("var.vpcs")}),
				cfgRes("aws_vpc.w", obj{"cidr_block": constant("10.2.0.0/16")}, nil),
				cfgRes("aws_vpc_ipv4_cidr_block_association.s",
					obj{"vpc_id": refs("aws_vpc.v", "local.x"), "cidr_block": constant("100.64.0.0/16")}, nil),
			}},
			check: func(t *testing.T, n *netT) {
				for _, id := range []string{`aws_vpc.v["a"]`, `aws_vpc.v["b"]`} {
					eq(t, id+" unknown", unknownSet(&n.VPCs[id].Meta), "cidrs")
					eq(t, id+" cidrs", len(n.VPCs[id].CIDRs), 1)
				}
				eq(t, "aws_vpc.w unknown", unknownSet(&n.VPCs["aws_vpc.w"].Meta), "")
			},
		},
		{
			// Issue 9: the route may be the one a rule finds missing (a route to
			// a VGW or a peering): every table it may belong to has routes that
			// are not known, rather than none lost silently.
			name: "route through a local: no candidate, every table may hold it",
			changes: []change{
				{addr: "aws_vpc.v", after: obj{"cidr_block": "10.0.0.0/16"}, unknown: obj{"id": true}},
				{addr: "aws_route_table.a", unknown: obj{"id": true, "vpc_id": true}},
				{addr: "aws_route_table.b", unknown: obj{"id": true, "vpc_id": true}},
				{addr: "aws_route.r", after: obj{"destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-1"},
					unknown: obj{"id": true, "route_table_id": true}},
			},
			root: obj{"resources": []any{
				cfgRes("aws_vpc.v", obj{}, nil),
				cfgRes("aws_route_table.a", obj{"vpc_id": refs("aws_vpc.v.id", "aws_vpc.v")}, nil),
				cfgRes("aws_route_table.b", obj{"vpc_id": refs("aws_vpc.v.id", "aws_vpc.v")}, nil),
				cfgRes("aws_route.r", obj{"route_table_id": refs("local.rt_id"), "gateway_id": constant("igw-1")}, nil),
			}},
			check: func(t *testing.T, n *netT) {
				for _, id := range []string{"aws_route_table.a", "aws_route_table.b"} {
					eq(t, id+" unknown", unknownSet(&n.RouteTables[id].Meta), "routes")
					eq(t, id+" routes", len(n.RouteTables[id].Routes), 0)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, decodePlan(t, tc.changes, tc.root, nil))
		})
	}
}
