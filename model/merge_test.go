package model

import "testing"

func TestMergeTakesPlanOverLiveAndRelinks(t *testing.T) {
	live := New()
	live.VPCs["vpc-1"] = &VPC{Meta: Meta{ID: "vpc-1", AWSID: "vpc-1", Address: "vpc-1"}, CIDRs: []string{"10.0.0.0/16"}}
	live.VPCs["vpc-2"] = &VPC{Meta: Meta{ID: "vpc-2", AWSID: "vpc-2", Address: "vpc-2"}, CIDRs: []string{"10.1.0.0/16"}}
	live.Peerings["pcx-1"] = &Peering{Meta: Meta{ID: "pcx-1"}, RequesterVPC: "vpc-1", AccepterVPC: "vpc-2"}
	live.RouteTables["rtb-1"] = &RouteTable{Meta: Meta{ID: "rtb-1"}, VPC: "vpc-1",
		Routes: []Route{{Destination: "10.1.0.0/16", TargetKind: TargetPeering, Target: "pcx-1"}}}

	plan := New()
	plan.VPCs["aws_vpc.a"] = &VPC{Meta: Meta{ID: "aws_vpc.a", AWSID: "vpc-1", Address: "aws_vpc.a"}, CIDRs: []string{"10.0.0.0/16", "10.5.0.0/16"}}
	plan.Peerings["aws_vpc_peering_connection.new"] = &Peering{Meta: Meta{ID: "aws_vpc_peering_connection.new"}, RequesterVPC: "aws_vpc.a", AccepterVPC: "vpc-2"}

	m := Merge(live, plan)
	if _, ok := m.VPCs["vpc-1"]; ok {
		t.Fatal("live vpc-1 kept although the plan manages it")
	}
	if got := m.VPCs["aws_vpc.a"].CIDRs; len(got) != 2 {
		t.Fatalf("plan VPC not taken: %v", got)
	}
	if got := m.Peerings["pcx-1"].RequesterVPC; got != "aws_vpc.a" {
		t.Fatalf("live peering not relinked: requester %q", got)
	}
	if got := m.RouteTables["rtb-1"].VPC; got != "aws_vpc.a" {
		t.Fatalf("live route table not relinked: vpc %q", got)
	}
	if got := m.Peerings["aws_vpc_peering_connection.new"].AccepterVPC; got != "vpc-2" {
		t.Fatalf("plan link to a live VPC changed: %q", got)
	}
	if len(m.VPCs) != 2 || len(m.Peerings) != 2 {
		t.Fatalf("unexpected counts: %d vpcs, %d peerings", len(m.VPCs), len(m.Peerings))
	}
}
