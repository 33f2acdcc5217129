package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/reach"
)

func TestDecodeSnapshotRoundTrip(t *testing.T) {
	n := model.New()
	n.VPCs["vpc-1"] = &model.VPC{Meta: model.Meta{ID: "vpc-1", Type: "aws_vpc", Address: "vpc-1", Region: "eu-west-1"}, CIDRs: []string{"10.0.0.0/16"}}
	data, err := json.Marshal(Snapshot{Snapshot: SnapshotVersion, Network: n})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if v := got.VPCs["vpc-1"]; v == nil || v.Region != "eu-west-1" || got.Peerings == nil {
		t.Fatalf("snapshot not restored with every map allocated: %+v", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"netlint_snapshot": 2, "network": {}}`, "unsupported netlint_snapshot version 2"},
		{`{"netlint_snapshot": 1}`, "no network"},
		{`{"netlint_snapshot": 1, "network": {"vpcs": []}}`, "invalid netlint snapshot"},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {"a": {"id": "a", "cidrs": ["10.0.0.0/33"]}}}}`, `"10.0.0.0/33" is not a valid CIDR`},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {"a": {"id": "a", "cidrs": ["2001:db8::/56"]}}}}`, `a: cidrs "2001:db8::/56" is not an IPv4 range`},
		{`{"netlint_snapshot": 1, "network": {"subnets": {"a": {"id": "a", "ipv6_cidr": "10.0.0.0/24"}}}}`, `a: ipv6_cidr "10.0.0.0/24" is not an IPv6 range`},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {"a": {"id": "b"}}}}`, `vpcs["a"]: id is "b", want the key it is filed under`},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {"a": {"id": "a", "cidr": "10.0.0.0/16"}}}}`, `invalid netlint snapshot: unknown field "cidr"`},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {"a": {"id": "a", "cidrs": 5}}}}`, `invalid netlint snapshot: network.vpcs.cidrs is a JSON number, want an array`},
		{`{"netlint_snapshot": "1", "network": {}}`, `netlint_snapshot is a JSON string, want an integer`},
		{`{"netlint_snapshot": 1, "network": {}} {}`, `invalid netlint snapshot: more than one JSON document`},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {`, `invalid netlint snapshot: truncated JSON`},
		{`{"format_version": "9.0"}`, "unsupported format_version"},
		{`{"netlint_snapshot": 1, "network": {"vpcs": {"a": null}}}`, `vpcs["a"] is null`},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%s) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to the input dispatcher (snapshots and
// Terraform JSON): it must return a network or an error, never panic.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"netlint_snapshot": 1, "network": {"vpcs": {"a": {"id": "a", "cidrs": ["10.0.0.0/16"]}}}}`))
	plans, _ := filepath.Glob("../testdata/rules/NL001/*.plan.json")
	for _, p := range plans {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Decode(data)
		if err == nil && n == nil {
			t.Fatal("nil network without an error")
		}
		if err == nil {
			reach.Derive(n)
		}
	})
}
