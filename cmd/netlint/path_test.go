package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/internal/awsfake"
)

const segmentation = "../../testdata/reach/tgw-segmentation-clone/plan.json"

type pathJSON struct {
	From, To struct {
		Name, Label, Network, Prefix string
	}
	Forward, Return []struct {
		From string
		Hops []struct {
			Router, Element, Route string
			NextHop                string `json:"next_hop"`
		}
		Result, Network, Reason string
	}
}

func decodePath(t *testing.T, s string) pathJSON {
	t.Helper()
	var p pathJSON
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		t.Fatalf("path JSON: %v\n%s", err, s)
	}
	return p
}

func TestPathCommand(t *testing.T) {
	devPayments := `module.dev["payments"].aws_vpc.this`
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"delivered both ways", []string{"path", devPayments, "aws_vpc.shared", segmentation}, 0, []string{
			"1. route table module.dev[\"payments\"].aws_route_table.workload of VPC " + devPayments,
			"2. route table aws_ec2_transit_gateway_route_table.dev of TGW aws_ec2_transit_gateway.hub: 10.0.0.0/16 propagated from aws_ec2_transit_gateway_vpc_attachment.shared",
			"delivered to aws_vpc.shared", "return path:", "delivered to " + devPayments,
		}},
		{"isolated segment: not propagated", []string{"path", devPayments, `module.prod["payments"].aws_vpc.this`, segmentation}, 1, []string{
			"stops: not propagated: route table aws_ec2_transit_gateway_route_table.dev of TGW aws_ec2_transit_gateway.hub has no route for 10.1.0.0/16",
		}},
		{"an IP address as destination", []string{"path", "aws_vpc.shared", "10.2.3.4", segmentation}, 1, []string{
			// Both the prod and the dev "orders" VPC use 10.2.0.0/16: the
			// shared table holds both, and keeps one.
			"10.2.3.4/32 in module.", "cannot be followed: route table aws_ec2_transit_gateway_route_table.shared of TGW aws_ec2_transit_gateway.hub holds routes for 10.2.0.0/16 toward",
			"AWS keeps only one of them (NL001)",
		}},
		{"unknown name", []string{"path", "aws_vpc.nowhere", "aws_vpc.shared", segmentation}, 2, nil},
		{"missing destination", []string{"path", "aws_vpc.shared"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", tt.args...)
			if res.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", res.code, tt.code, res.stdout, res.stderr)
			}
			for _, want := range tt.contains {
				if !strings.Contains(res.stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, res.stdout)
				}
			}
			if tt.code == 2 && (res.stdout != "" || strings.Count(res.stderr, "\n") != 1) {
				t.Errorf("a usage error is one line on stderr and nothing on stdout: %q %q", res.stdout, res.stderr)
			}
		})
	}
}

func TestPathJSONAndSnapshot(t *testing.T) {
	res := runCLI(t, "", "path", "-f", "json", `module.dev["payments"].aws_vpc.this`, `module.prod["payments"].aws_vpc.this`, segmentation)
	if res.code != 1 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	p := decodePath(t, res.stdout)
	if p.To.Prefix != "10.1.0.0/16" || len(p.Forward) != 1 || p.Forward[0].Result != "stopped" ||
		!strings.HasPrefix(p.Forward[0].Reason, "not propagated:") || len(p.Forward[0].Hops) != 1 {
		t.Fatalf("forward %+v", p.Forward)
	}

	// The same question on a snapshot of the plan gives the same answer.
	snap := filepath.Join(t.TempDir(), "network.json")
	if res := runCLI(t, "", "snapshot", "-o", snap, segmentation); res.code != 0 {
		t.Fatalf("snapshot: exit %d: %s", res.code, res.stderr)
	}
	res2 := runCLI(t, "", "path", "-f", "json", `module.dev["payments"].aws_vpc.this`, `module.prod["payments"].aws_vpc.this`, snap)
	p2 := decodePath(t, res2.stdout)
	if res2.code != 1 || p2.Forward[0].Reason != p.Forward[0].Reason {
		t.Fatalf("snapshot: exit %d, forward %+v, want %q", res2.code, p2.Forward, p.Forward[0].Reason)
	}
}

// TestPathLive follows a peering in a live account (the fake AWS endpoint).
func TestPathLive(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")
	res := runCLI(t, "", "path", "--aws", "--region", "us-east-1", "-f", "json", "subnet-0prod00000001a", "vpc-0a0000000000shared")
	if res.code != 0 && res.code != 1 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	p := decodePath(t, res.stdout)
	if len(p.Forward) != 1 || p.Forward[0].Result != "delivered" || p.Forward[0].Network != "vpc-0a0000000000shared" {
		t.Fatalf("forward %+v", p.Forward)
	}
	hops := p.Forward[0].Hops
	if len(hops) != 2 || hops[0].Element != "rtb-0prod000000priv" || hops[0].NextHop != "pcx-0000000000000same" {
		t.Fatalf("hops %+v", hops)
	}
}
