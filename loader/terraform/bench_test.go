package terraform

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"testing"
)

// benchPlan builds a create-only plan of n VPCs laid out like Terraform 1.9's
// `terraform show -json`, in the shape of /work/shared/bench/genplan (VPC, three
// subnets, a route table with inline routes, associations, a TGW attachment per
// VPC; a TGW per 50 VPCs; a peering per 10; a VPN site per 50), with every
// other VPC inside an instance of a for_each module so that module scoping is
// part of the cost.
func benchPlan(n int) []byte {
	type obj = map[string]any
	var changes []any
	var rootCfg, modCfg []any
	add := func(module, typ, name string, key any, after, unknown obj) string {
		local := typ + "." + name
		addr := local
		if key != nil {
			b, _ := json.Marshal(key)
			addr += "[" + string(b) + "]"
		}
		if module != "" {
			addr = module + "." + addr
		}
		rc := obj{"address": addr, "mode": "managed", "type": typ, "name": name,
			"provider_name": "registry.terraform.io/hashicorp/aws",
			"change": obj{"actions": []string{"create"}, "before": nil, "after": after, "after_unknown": unknown,
				"before_sensitive": false, "after_sensitive": obj{}}}
		if module != "" {
			rc["module_address"] = module
		}
		changes = append(changes, rc)
		return addr
	}
	ref := func(addr string) obj { return obj{"references": []string{addr + ".id", addr}} }
	cfg := func(list *[]any, typ, name string, exprs obj) {
		*list = append(*list, obj{"address": typ + "." + name, "mode": "managed", "type": typ, "name": name,
			"provider_config_key": "aws", "expressions": exprs, "schema_version": 0})
	}
	// The module holds one VPC stack; its attachment reaches the root TGW
	// through var.tgw_id.
	cfg(&modCfg, "aws_vpc", "this", obj{"cidr_block": obj{"references": []string{"var.cidr"}}})
	for k := 0; k < 3; k++ {
		cfg(&modCfg, "aws_subnet", fmt.Sprintf("s%d", k), obj{"vpc_id": ref("aws_vpc.this")})
	}
	cfg(&modCfg, "aws_ec2_transit_gateway_vpc_attachment", "this", obj{"vpc_id": ref("aws_vpc.this"),
		"subnet_ids": obj{"references": []string{"aws_subnet.s0.id", "aws_subnet.s0", "aws_subnet.s1.id",
			"aws_subnet.s1", "aws_subnet.s2.id", "aws_subnet.s2"}},
		"transit_gateway_id": obj{"references": []string{"var.tgw_id"}}})
	nTGW := (n + 49) / 50
	for g := 0; g < nTGW; g++ {
		name := fmt.Sprintf("tgw%d", g)
		add("", "aws_ec2_transit_gateway", name, nil, obj{"amazon_side_asn": 64512 + g,
			"default_route_table_association": "enable", "default_route_table_propagation": "enable"},
			obj{"id": true, "arn": true, "association_default_route_table_id": true})
		cfg(&rootCfg, "aws_ec2_transit_gateway", name, obj{})
	}
	calls := obj{}
	forEach := obj{}
	base := netip.MustParseAddr("10.0.0.0").As4()
	cidr := func(i, third int) string {
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{base[0], byte(i >> 8), byte(i), byte(third)}), 24).String()
	}
	for i := 0; i < n; i++ {
		tgw := fmt.Sprintf("aws_ec2_transit_gateway.tgw%d", i/50)
		vpcCIDR := netip.PrefixFrom(netip.AddrFrom4([4]byte{base[0], byte(i >> 8), byte(i), 0}), 24).String()
		subnetAfter := func(k int) obj {
			return obj{"cidr_block": cidr(i, 0), "availability_zone": fmt.Sprintf("us-east-1%c", 'a'+k)}
		}
		unk := obj{"id": true, "arn": true, "vpc_id": true, "availability_zone_id": true}
		if i%2 == 1 {
			key := fmt.Sprintf("v%d", i)
			mod := fmt.Sprintf("module.stack[%q]", key)
			forEach[key] = vpcCIDR
			add(mod, "aws_vpc", "this", nil, obj{"cidr_block": vpcCIDR}, obj{"id": true, "arn": true})
			for k := 0; k < 3; k++ {
				add(mod, "aws_subnet", fmt.Sprintf("s%d", k), nil, subnetAfter(k), unk)
			}
			add(mod, "aws_ec2_transit_gateway_vpc_attachment", "this", nil,
				obj{"transit_gateway_default_route_table_association": true},
				obj{"id": true, "vpc_id": true, "subnet_ids": true, "transit_gateway_id": true})
			continue
		}
		v := fmt.Sprintf("vpc%d", i)
		add("", "aws_vpc", v, nil, obj{"cidr_block": vpcCIDR}, obj{"id": true, "arn": true})
		cfg(&rootCfg, "aws_vpc", v, obj{"cidr_block": obj{"constant_value": vpcCIDR}})
		for k := 0; k < 3; k++ {
			s := fmt.Sprintf("%s_s%d", v, k)
			add("", "aws_subnet", s, nil, subnetAfter(k), unk)
			cfg(&rootCfg, "aws_subnet", s, obj{"vpc_id": ref("aws_vpc." + v)})
			add("", "aws_route_table_association", s, nil, obj{}, obj{"id": true, "subnet_id": true, "route_table_id": true})
			cfg(&rootCfg, "aws_route_table_association", s, obj{"subnet_id": ref("aws_subnet." + s),
				"route_table_id": ref("aws_route_table." + v)})
		}
		routes := []any{obj{"cidr_block": "10.0.0.0/8", "gateway_id": ""}, obj{"cidr_block": "172.16.0.0/12", "gateway_id": ""}}
		add("", "aws_route_table", v, nil, obj{"route": routes},
			obj{"id": true, "vpc_id": true, "route": []any{obj{"transit_gateway_id": true}, obj{"transit_gateway_id": true}}})
		cfg(&rootCfg, "aws_route_table", v, obj{"vpc_id": ref("aws_vpc." + v), "route": ref(tgw)})
		add("", "aws_ec2_transit_gateway_vpc_attachment", v, nil, obj{}, obj{"id": true, "vpc_id": true,
			"subnet_ids": true, "transit_gateway_id": true})
		cfg(&rootCfg, "aws_ec2_transit_gateway_vpc_attachment", v, obj{"vpc_id": ref("aws_vpc." + v),
			"subnet_ids": obj{"references": []string{v + "_s0.id"}}, "transit_gateway_id": ref(tgw)})
		if i%20 == 0 && i+2 < n {
			p := fmt.Sprintf("pcx%d", i)
			add("", "aws_vpc_peering_connection", p, nil, obj{"auto_accept": true}, obj{"id": true, "vpc_id": true, "peer_vpc_id": true})
			cfg(&rootCfg, "aws_vpc_peering_connection", p, obj{"vpc_id": ref("aws_vpc." + v),
				"peer_vpc_id": ref(fmt.Sprintf("aws_vpc.vpc%d", i+2))})
		}
		if i%50 == 0 {
			site := fmt.Sprintf("site%d", i)
			add("", "aws_customer_gateway", site, nil, obj{"bgp_asn": "65000", "ip_address": "198.51.100.1"}, obj{"id": true})
			cfg(&rootCfg, "aws_customer_gateway", site, obj{})
			add("", "aws_vpn_gateway", site, nil, obj{"amazon_side_asn": "64512"}, obj{"id": true, "vpc_id": true})
			cfg(&rootCfg, "aws_vpn_gateway", site, obj{"vpc_id": ref("aws_vpc." + v)})
			add("", "aws_vpn_connection", site, nil, obj{"static_routes_only": true, "tunnel1_inside_cidr": "169.254.10.0/30"},
				obj{"id": true, "customer_gateway_id": true, "vpn_gateway_id": true, "tunnel2_inside_cidr": true})
			cfg(&rootCfg, "aws_vpn_connection", site, obj{"customer_gateway_id": ref("aws_customer_gateway." + site),
				"vpn_gateway_id": ref("aws_vpn_gateway." + site)})
			add("", "aws_vpn_connection_route", site, nil, obj{"destination_cidr_block": "192.168.0.0/24"},
				obj{"id": true, "vpn_connection_id": true})
			cfg(&rootCfg, "aws_vpn_connection_route", site, obj{"vpn_connection_id": ref("aws_vpn_connection." + site)})
		}
	}
	if len(forEach) > 0 {
		calls["stack"] = obj{"source": "./stack", "for_each_expression": obj{"references": []string{"var.stacks"}},
			"expressions": obj{"cidr": obj{"references": []string{"each.value"}},
				"tgw_id": obj{"references": []string{"aws_ec2_transit_gateway.tgw0.id", "aws_ec2_transit_gateway.tgw0"}}},
			"module": obj{"resources": modCfg, "variables": obj{"cidr": obj{}, "tgw_id": obj{}}}}
	}
	plan := obj{"format_version": "1.2", "terraform_version": "1.9.5",
		"variables":        obj{"stacks": obj{"value": forEach}},
		"resource_changes": changes,
		"configuration": obj{"provider_config": obj{"aws": obj{"name": "aws", "expressions": obj{"region": obj{"constant_value": "us-east-1"}}}},
			"root_module": obj{"resources": rootCfg, "module_calls": calls}},
	}
	b, err := json.Marshal(plan)
	if err != nil {
		panic(err)
	}
	return b
}

func TestBenchPlanIsTranslatedCompletely(t *testing.T) {
	n, err := Decode(benchPlan(100))
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, n, map[string]int{"vpcs": 100, "subnets": 300, "route_tables": 50, "transit_gateways": 2,
		"tgw_route_tables": 2, "tgw_attachments": 100, "peerings": 5, "customer_gateways": 2, "vpn_gateways": 2,
		"vpn_connections": 2})
	for id, a := range n.TGWAttachments {
		if a.TransitGateway == "" || (a.Kind == "vpc" && a.VPC == "") {
			t.Errorf("%s unresolved: %+v", id, a)
		}
	}
	att := n.TGWAttachments[`module.stack["v1"].aws_ec2_transit_gateway_vpc_attachment.this`]
	eq(t, "module attachment vpc", att.VPC, `module.stack["v1"].aws_vpc.this`)
	eq(t, "module attachment subnets", len(att.Subnets), 3)
	eq(t, "module attachment tgw", att.TransitGateway, "aws_ec2_transit_gateway.tgw0")
}

func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := benchPlan(n)
		b.Run(fmt.Sprintf("vpcs=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
