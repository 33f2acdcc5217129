package terraform

import (
	"path/filepath"
	"testing"
)

// The expected counts were taken from each file with jq, e.g.
//
//	jq '[.resource_changes[] | select(.change.actions != ["delete"]) | .type] | group_by(.) | map({(.[0]): length}) | add'
//
// and mapped to model elements by hand: aws_vpc and aws_default_vpc are VPCs,
// aws_security_group_rule joins its group, IGWs, NAT gateways, EIPs and
// non-network resources make no element, a TGW implies its default route table
// and a VPN on a TGW implies its attachment.
func TestCorpusLoadsWithExactElementCounts(t *testing.T) {
	tests := []struct {
		file string
		want map[string]int
	}{
		{"plans/checkov-terragoat-mixed.plan.json", map[string]int{
			"vpcs": 2, "subnets": 4, "route_tables": 1, "instances": 2, "network_interfaces": 1, "security_groups": 2}},
		{"plans/infracost-large-v0.12.plan.json", map[string]int{"vpcs": 2, "instances": 12}},
		{"plans/infracost-large-v0.14.plan.json", map[string]int{"vpcs": 2, "instances": 12}},
		{"plans/infracost-nat-gateways.plan.json", map[string]int{}},
		{"plans/regula-3-vpcs-tags.plan.json", map[string]int{"vpcs": 3}},
		{"plans/regula-vpc-flowlog.plan.json", map[string]int{"vpcs": 2}},
		{"plans/regula-vpcs-sgs-tf1.0.plan.json", map[string]int{"vpcs": 4, "security_groups": 3}},
		{"plans/tfcompliance-15-instances.plan.json", map[string]int{"instances": 15}},
		{"plans/tfcompliance-vpc-2subnets-tf1.0.plan.json", map[string]int{"vpcs": 1, "subnets": 2}},
		{"plans/tfcompliance-vpc-4subnets-igw-rt.plan.json", map[string]int{
			"vpcs": 1, "subnets": 4, "route_tables": 1, "security_groups": 1}},
		{"plans/tfcompliance-vpc-igw.plan.json", map[string]int{"vpcs": 1, "security_groups": 1}},
		{"plans/tfcompliance-vpc-module-nat-vgw-routes.plan.json", map[string]int{
			"vpcs": 1, "subnets": 6, "route_tables": 4, "vpn_gateways": 1}},
		{"plans/tfcompliance-vpc-peering-two-vpcs.plan.json", map[string]int{"vpcs": 2, "peerings": 2}},
		{"plans/tfcompliance-vpc-subnet-minimal.plan.json", map[string]int{"vpcs": 1, "subnets": 1}},
		{"plans/tfcompliance-vpn-cgw-vgw-nat.plan.json", map[string]int{
			"vpcs": 1, "subnets": 1, "vpn_gateways": 1, "customer_gateways": 1, "security_groups": 2}},
		{"plans/non-genuine/infracost-hclgen-tgw-vpn-cgw.plan.json", map[string]int{
			"transit_gateways": 1, "tgw_route_tables": 1, "tgw_attachments": 1, "customer_gateways": 1, "vpn_connections": 1}},
		{"states/infracost-v0.12.state.json", map[string]int{"vpcs": 2, "instances": 6}},
		{"states/infracost-v0.14.state.json", map[string]int{"vpcs": 2, "instances": 6}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			n := loadFile(t, corpusFile(t, tt.file))
			checkCounts(t, n, tt.want)
			checkIDs(t, n)
		})
	}
}

// Terraform 0.12 lists bare resource references ("aws_vpc.foo", no ".id").
func TestCorpusPeeringResolvesBothVPCsFromOldStyleReferences(t *testing.T) {
	n := loadFile(t, corpusFile(t, "plans/tfcompliance-vpc-peering-two-vpcs.plan.json"))
	for _, tt := range []struct{ id, req, acc string }{
		{"aws_vpc_peering_connection.foo", "aws_vpc.foo", "aws_vpc.bar"},
		{"aws_vpc_peering_connection.foo2", "aws_vpc.bar", "aws_vpc.foo"},
	} {
		p := n.Peerings[tt.id]
		if p == nil {
			t.Fatalf("%s missing", tt.id)
		}
		eq(t, tt.id+" requester", p.RequesterVPC, tt.req)
		eq(t, tt.id+" accepter", p.AccepterVPC, tt.acc)
		eq(t, tt.id+" status", p.Status, "active") // auto_accept = true
		eq(t, tt.id+" requester unknown", p.IsUnknown("requester_vpc"), false)
	}
	eqList(t, "aws_vpc.foo cidrs", n.VPCs["aws_vpc.foo"].CIDRs, []string{"10.1.0.0/16"})
	eqList(t, "aws_vpc.bar cidrs", n.VPCs["aws_vpc.bar"].CIDRs, []string{"10.2.0.0/16"})
}

// terraform-aws-modules/vpc: links go through count.index, "local.vpc_id"
// (absent from the JSON) and conditional references to resources of which
// only some exist.
func TestCorpusModuleRoutesResolveInsideTheModule(t *testing.T) {
	n := loadFile(t, corpusFile(t, "plans/tfcompliance-vpc-module-nat-vgw-routes.plan.json"))
	const vpc = "module.vpc.aws_vpc.this[0]"
	g := n.VPNGateways["module.vpc.aws_vpn_gateway.this[0]"]
	if g == nil {
		t.Fatal("VGW missing")
	}
	eq(t, "vgw vpc", g.VPC, vpc)
	eq(t, "vgw region", g.Region, "eu-west-1")
	eq(t, "vgw module", g.Module, "module.vpc")
	eq(t, "vgw amazon_side_asn", g.AmazonSideASN, int64(64512)) // var.amazon_side_asn default, known in after
	for i := 0; i < 3; i++ {
		idx := "[" + string(rune('0'+i)) + "]"
		rt := n.RouteTables["module.vpc.aws_route_table.private"+idx]
		if rt == nil {
			t.Fatalf("private route table %s missing", idx)
		}
		eq(t, "private rt vpc", rt.VPC, vpc)
		eqList(t, "private rt"+idx+" subnets", rt.Subnets, []string{"module.vpc.aws_subnet.private" + idx})
		if len(rt.Routes) != 1 {
			t.Fatalf("private rt%s routes = %+v", idx, rt.Routes)
		}
		r := rt.Routes[0]
		eq(t, "route address", r.Address, "module.vpc.aws_route.private_nat_gateway"+idx)
		eq(t, "route destination", r.Destination, "0.0.0.0/0")
		eq(t, "route kind", r.TargetKind, "nat_gateway")
		eq(t, "route target", r.Target, "module.vpc.aws_nat_gateway.this"+idx)
	}
	pub := n.RouteTables["module.vpc.aws_route_table.public[0]"]
	eqList(t, "public subnets", pub.Subnets, []string{"module.vpc.aws_subnet.public[0]",
		"module.vpc.aws_subnet.public[1]", "module.vpc.aws_subnet.public[2]"})
	eq(t, "public route kind", pub.Routes[0].TargetKind, "internet_gateway")
	eq(t, "public route target", pub.Routes[0].Target, "module.vpc.aws_internet_gateway.this[0]")
	for id, s := range n.Subnets {
		eq(t, id+" vpc", s.VPC, vpc)
	}
}

func TestCorpusVPNCustomerGatewayAndVGW(t *testing.T) {
	n := loadFile(t, corpusFile(t, "plans/tfcompliance-vpn-cgw-vgw-nat.plan.json"))
	cg := n.CustomerGateways["aws_customer_gateway.main"]
	if cg == nil {
		t.Fatal("customer gateway missing")
	}
	eq(t, "cgw ip", cg.IP, "172.83.124.10")
	eq(t, "cgw asn", cg.BGPASN, int64(65000)) // a number in this provider version
	g := n.VPNGateways["aws_vpn_gateway.main"]
	eq(t, "vgw vpc", g.VPC, "aws_vpc.pass")
	// amazon_side_asn is computed and not configured. The plan creates the
	// VGW, so AWS's documented default for a new VGW applies: 64512, known.
	eq(t, "vgw asn", g.AmazonSideASN, int64(64512))
	eq(t, "vgw asn unknown", g.IsUnknown("amazon_side_asn"), false)
	// The standalone rule names security group "sg-123456", outside the plan.
	for _, sg := range n.SecurityGroups {
		for _, r := range append(sg.Ingress, sg.Egress...) {
			if r.Address != "" {
				t.Errorf("rule %s attached to %s", r.Address, sg.ID)
			}
		}
	}
}

// Regula's nested modules: var.child_vpc_id -> module.child1.grandchild_vpc ->
// module.grandchild1.grandchild_vpc -> aws_vpc.grandchild.
func TestCorpusModuleOutputAndVariableChains(t *testing.T) {
	n := loadFile(t, corpusFile(t, "plans/regula-vpcs-sgs-tf1.0.plan.json"))
	const grandchild = "module.child1.module.grandchild1.aws_vpc.grandchild"
	for _, id := range []string{"aws_security_group.parent", "module.child2.aws_security_group.child",
		"module.child1.module.grandchild1.aws_security_group.grandchild"} {
		eq(t, id+" vpc", n.SecurityGroups[id].VPC, grandchild)
	}
	// "child1:aws" (Terraform 1.0's key for an inherited provider) has no entry:
	// the root "aws" applies.
	eq(t, "grandchild region", n.VPCs[grandchild].Region, "us-east-2")
	eq(t, "grandchild module", n.VPCs[grandchild].Module, "module.child1.module.grandchild1")
}

// Terraform 0.12 state JSON omits module prefixes and instance keys from child
// module addresses; the loader restores them.
func TestCorpusOldStateAddressesAreRepaired(t *testing.T) {
	n := loadFile(t, corpusFile(t, "states/infracost-v0.12.state.json"))
	for _, id := range []string{"module.db.aws_default_vpc.default", "module.instances.aws_default_vpc.default"} {
		v := n.VPCs[id]
		if v == nil {
			t.Fatalf("%s missing; have %v", id, counts(n))
		}
		eq(t, id+" default", v.Default, true)
		eq(t, id+" aws id", v.AWSID, "vpc-1b20b966")
		eqList(t, id+" cidrs", v.CIDRs, []string{"172.31.0.0/16"})
	}
	for _, id := range []string{"aws_instance.instance_counted[0]", `aws_instance.instance_named["test.1"]`,
		"module.instances.aws_instance.module_instance_counted[0]"} {
		if n.Instances[id] == nil {
			t.Errorf("%s missing", id)
		}
	}
	in := n.Instances["aws_instance.instance_1"]
	eq(t, "instance region (from ARN)", in.Region, "us-east-1")
	eq(t, "instance subnet (outside the state)", in.Subnet, "subnet-286f234e")
}

// The infracost HCL renderer writes known placeholder ids, so the links go by id.
func TestCorpusKnownIDsLinkAcrossModules(t *testing.T) {
	n := loadFile(t, corpusFile(t, "plans/non-genuine/infracost-hclgen-tgw-vpn-cgw.plan.json"))
	c := n.VPNConnections["aws_vpn_connection.example"]
	if c == nil {
		t.Fatal("VPN missing")
	}
	eq(t, "vpn cgw", c.CustomerGateway, "module.gateway.aws_customer_gateway.example")
	eq(t, "vpn tgw", c.TransitGateway, "module.gateway.aws_ec2_transit_gateway.example")
	eq(t, "vpn attachment", c.TGWAttachment, "aws_vpn_connection.example#attachment")
	a := n.TGWAttachments[c.TGWAttachment]
	eq(t, "attachment kind", a.Kind, "vpn")
	eq(t, "attachment tgw", a.TransitGateway, "module.gateway.aws_ec2_transit_gateway.example")
}
