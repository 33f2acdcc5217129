package tfsource

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/model"
)

// fixture is a root module with a local module (net) nesting another (net.sub),
// a counted module (branch), a registry module that was never downloaded and a
// module whose directory is gone.
const fixture = "../testdata/tfsource/root"

func index(t *testing.T, dir string) *Sources {
	t.Helper()
	s, err := Index(dir, 0)
	if err != nil {
		t.Fatalf("Index(%s): %v", dir, err)
	}
	return s
}

func TestLocateFindsBlocks(t *testing.T) {
	s := index(t, fixture)
	const (
		main    = fixture + "/main.tf"
		network = fixture + "/network.tf"
		net     = fixture + "/modules/net/main.tf"
		sub     = fixture + "/modules/net/sub/main.tf"
		branch  = fixture + "/modules/branch/main.tf"
	)
	tests := []struct {
		name    string
		meta    model.Meta
		file    string
		line    int
		related []model.Location
	}{
		{"root resource", model.Meta{Address: "aws_ec2_transit_gateway.hub", Type: "aws_ec2_transit_gateway"}, main, 8, nil},
		{"second file", model.Meta{Address: "aws_vpc.a"}, network, 1, nil},
		{"count instance", model.Meta{Address: "aws_vpc.b[1]"}, network, 5, nil},
		{"data source", model.Meta{Address: "data.aws_vpc.shared"}, main, 37, nil},
		{"tf.json file", model.Meta{Address: "aws_vpc.json"}, fixture + "/extra.tf.json", 4, nil},
		{"ID when no address", model.Meta{ID: "aws_vpc.a"}, network, 1, nil},
		{
			"resource in a for_each module",
			model.Meta{Address: `module.net["prod"].aws_vpc.this`, Module: `module.net["prod"]`},
			main, 19,
			[]model.Location{{File: net, Line: 5, Message: "aws_vpc.this in module.net"}},
		},
		{
			"nested module instance with indexes",
			model.Meta{Address: `module.net["prod"].module.sub[0].aws_subnet.this[1]`, Module: `module.net["prod"].module.sub[0]`},
			main, 19,
			[]model.Location{
				{File: net, Line: 16, Message: "module.sub in module.net"},
				{File: sub, Line: 5, Message: "aws_subnet.this in module.net.module.sub"},
			},
		},
		{
			"counted module",
			model.Meta{Address: "module.branch[1].aws_vpn_connection.main"},
			main, 14,
			[]model.Location{{File: branch, Line: 1, Message: "aws_vpn_connection.main in module.branch"}},
		},
		{"module not downloaded", model.Meta{Address: "module.registry.aws_vpc.this[0]"}, main, 27, nil},
		{"module dir missing", model.Meta{Address: "module.gone.aws_vpc.this"}, main, 33, nil},
		{
			"implied element points at the block creating it",
			model.Meta{ID: "aws_ec2_transit_gateway.hub#default_route_table", Address: "aws_ec2_transit_gateway.hub#default_route_table"},
			main, 8, nil,
		},
		{
			"resource missing from module sources keeps the call",
			model.Meta{Address: `module.net["dev"].aws_subnet.nope`},
			main, 19, nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.meta
			s.Locate(&m)
			if m.File != tt.file || m.Line != tt.line {
				t.Errorf("Locate(%s) = %s:%d, want %s:%d", tt.meta.Address, m.File, m.Line, tt.file, tt.line)
			}
			if !reflect.DeepEqual(m.Related, tt.related) {
				t.Errorf("Related = %+v\nwant %+v", m.Related, tt.related)
			}
		})
	}
}

// A block that is not in the sources gets no location: never a guess.
func TestLocateLeavesUnknownBlocksUnlocated(t *testing.T) {
	s := index(t, fixture)
	for _, addr := range []string{
		"aws_vpc.nope",
		"data.aws_vpc.a",                     // a managed resource of that name exists, not a data source
		"module.nope.aws_vpc.this",           // no such module call
		"vpc-0a1b2c3d",                       // live id
		"arn:aws:ec2:us-east-1:1:vpc/vpc-1",  // ARN
		"site.hq",                            // config site
		"site:aws_vpn_connection.lab",        // derived network id
		`aws_vpc.a["unterminated]`,           // not an address
		"peer:aws_vpc_peering_connection.x:", // derived network id
	} {
		m := model.Meta{ID: addr, Address: addr, File: "", Line: 0}
		s.Locate(&m)
		if m.File != "" || m.Line != 0 || m.Related != nil {
			t.Errorf("Locate(%q) = %s:%d %v, want nothing", addr, m.File, m.Line, m.Related)
		}
	}
}

func TestLocatePathsFollowTheGivenDir(t *testing.T) {
	t.Chdir(fixture)
	s := index(t, ".")
	m := model.Meta{Address: `module.net["dev"].aws_vpc.this`}
	s.Locate(&m)
	want := []model.Location{{File: "modules/net/main.tf", Line: 5, Message: "aws_vpc.this in module.net"}}
	if m.File != "main.tf" || m.Line != 19 || !reflect.DeepEqual(m.Related, want) {
		t.Errorf("got %s:%d %+v, want main.tf:19 %+v", m.File, m.Line, m.Related, want)
	}

	abs, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	m = model.Meta{Address: "aws_vpc.a"}
	index(t, abs).Locate(&m)
	if want := filepath.ToSlash(abs) + "/network.tf"; m.File != want {
		t.Errorf("absolute dir: File = %s, want %s", m.File, want)
	}
}

func TestLocateNetworkFillsElementsAndRouteResources(t *testing.T) {
	s := index(t, fixture)
	n := model.New()
	n.VPCs["aws_vpc.a"] = &model.VPC{Meta: model.Meta{ID: "aws_vpc.a", Address: "aws_vpc.a", Type: "aws_vpc"}}
	n.VPCs["vpc-live"] = &model.VPC{Meta: model.Meta{ID: "vpc-live", Address: "vpc-live", Type: "aws_vpc"}}
	n.TGWRouteTables["aws_ec2_transit_gateway.hub#default_route_table"] = &model.TGWRouteTable{
		Meta:   model.Meta{ID: "aws_ec2_transit_gateway.hub#default_route_table", Address: "aws_ec2_transit_gateway.hub#default_route_table"},
		Routes: []model.TGWRoute{{Address: "aws_vpc.b[0]"}, {Destination: "0.0.0.0/0"}},
	}
	n.ClientVPNEndpoints["cvpn-0remote"] = &model.ClientVPNEndpoint{Meta: model.Meta{ID: "cvpn-0remote", Address: "cvpn-0remote"},
		Routes: []model.ClientVPNRoute{{Address: "aws_vpc.b[0]"}, {Destination: "10.0.0.0/16"}}}
	s.LocateNetwork(n)
	if v := n.VPCs["aws_vpc.a"]; v.Line != 1 || !strings.HasSuffix(v.File, "/network.tf") {
		t.Errorf("aws_vpc.a at %s:%d", v.File, v.Line)
	}
	if v := n.VPCs["vpc-live"]; v.File != "" || v.Line != 0 {
		t.Errorf("live VPC located at %s:%d", v.File, v.Line)
	}
	rt := n.TGWRouteTables["aws_ec2_transit_gateway.hub#default_route_table"]
	if rt.Line != 8 {
		t.Errorf("default route table at line %d, want the TGW block's 8", rt.Line)
	}
	if r := rt.Routes[0]; r.Line != 5 || !strings.HasSuffix(r.File, "/network.tf") {
		t.Errorf("route resource at %s:%d, want network.tf:5", r.File, r.Line)
	}
	if r := rt.Routes[1]; r.File != "" || r.Line != 0 {
		t.Errorf("inline route located at %s:%d", r.File, r.Line)
	}
	cvpn := n.ClientVPNEndpoints["cvpn-0remote"]
	if r := cvpn.Routes[0]; r.Line != 5 || !strings.HasSuffix(r.File, "/network.tf") {
		t.Errorf("client vpn route resource at %s:%d, want network.tf:5", r.File, r.Line)
	}
	if r := cvpn.Routes[1]; r.File != "" || r.Line != 0 {
		t.Errorf("client vpn route without an address located at %s:%d", r.File, r.Line)
	}
}

func TestInlineWaivers(t *testing.T) {
	s := index(t, fixture)
	want := []InlineWaiver{
		{Rule: "NL102", Reason: "single branch router, accepted by network team", File: fixture + "/main.tf", Line: 13, Address: "module.branch"},
		{Rule: "NL001", Reason: "lab ranges overlap on purpose", File: fixture + "/network.tf", Line: 10, Address: "aws_vpn_connection.lab"},
		{Rule: "NL107", Reason: "lab is torn down nightly", File: fixture + "/network.tf", Line: 11, Address: "aws_vpn_connection.lab"},
		{Rule: "NL305", Reason: "tunnels are monitored by the NOC", File: fixture + "/modules/net/main.tf", Line: 9, Address: "aws_vpn_connection.this", Module: "net"},
	}
	if got := s.InlineWaivers(); !reflect.DeepEqual(got, want) {
		t.Errorf("InlineWaivers() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestProblemsReportMalformedWaivers(t *testing.T) {
	s := index(t, fixture)
	const network = fixture + "/network.tf"
	want := []string{
		network + ":29: netlint:ignore needs a rule id and a reason",
		network + ":31: netlint:ignore must stand on its own line directly above a resource, data or module block",
		network + ":34: netlint:ignore must be on the line directly above a resource, data or module block",
	}
	if got := s.Problems(); !reflect.DeepEqual(got, want) {
		t.Errorf("Problems() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseIgnore(t *testing.T) {
	tests := []struct {
		in, rule    string
		with        []string
		reason, bad string
	}{
		{in: " NL102 single router", rule: "NL102", reason: "single router"},
		{in: " nl102: single router", rule: "NL102", reason: "single router"},
		{in: ": NL102 - single router", rule: "NL102", reason: "single router"},
		{in: "\tACME001\taccepted", rule: "ACME001", reason: "accepted"},
		{in: " NL102", rule: "NL102"},
		{in: " NL102   ", rule: "NL102"},
		{in: " because I said so", reason: "because I said so"},
		{in: ""},
		{in: " NL001 with=aws_vpc.b lab and prod never talk", rule: "NL001", with: []string{"aws_vpc.b"}, reason: "lab and prod never talk"},
		{in: " NL001 with=aws_vpc.b,module.lab with=data.aws_vpc.c: reason", rule: "NL001", with: []string{"aws_vpc.b", "module.lab", "data.aws_vpc.c"}, reason: "reason"},
		{in: " NL001\twith=aws_vpc.b\treason", rule: "NL001", with: []string{"aws_vpc.b"}, reason: "reason"},
		{in: " NL001 with=aws_vpc.b", rule: "NL001", with: []string{"aws_vpc.b"}},
		{in: " NL001 reason mentions with=aws_vpc.b later", rule: "NL001", reason: "reason mentions with=aws_vpc.b later"},
		{in: " NL001 with= reason", rule: "NL001", with: []string{""}, reason: "reason", bad: "with= names no block (with=aws_vpc.b or with=aws_vpc.b,aws_vpc.c)"},
		{in: " NL001 with=vpc-0123 reason", rule: "NL001", with: []string{"vpc-0123"}, reason: "reason", bad: "with=vpc-0123 is not the address of a resource or module block (with=aws_vpc.b)"},
		{in: ` NL001 with=aws_vpc.b["x"] reason`, rule: "NL001", with: []string{`aws_vpc.b["x"]`}, reason: "reason", bad: "with=aws_vpc.b[\"x\"] names an instance: name the block (with=aws_vpc.b)"},
		{in: ` NL001 with=module.lab[0] reason`, rule: "NL001", with: []string{`module.lab[0]`}, reason: "reason", bad: "with=module.lab[0] names an instance: name the block (with=module.lab)"},
	}
	for _, tt := range tests {
		rule, with, reason, bad := parseIgnore(tt.in)
		if rule != tt.rule || !reflect.DeepEqual(with, tt.with) || reason != tt.reason || bad != tt.bad {
			t.Errorf("parseIgnore(%q) = %q, %q, %q, %q; want %q, %q, %q, %q", tt.in, rule, with, reason, bad, tt.rule, tt.with, tt.reason, tt.bad)
		}
	}
}

func TestWaiverCovers(t *testing.T) {
	res := func(rule string, addrs ...string) *finding.Finding {
		f := &finding.Finding{RuleID: rule}
		for _, a := range addrs {
			f.Resources = append(f.Resources, finding.Resource{Address: a})
		}
		return f
	}
	onModule := InlineWaiver{Rule: "NL102", Reason: "r", Address: "module.branch"}
	onResource := InlineWaiver{Rule: "NL001", Reason: "r", Address: "aws_vpn_connection.lab"}
	inModule := InlineWaiver{Rule: "NL305", Reason: "r", Address: "aws_vpn_connection.this", Module: "net"}
	onNestedCall := InlineWaiver{Rule: "NL305", Reason: "r", Address: "module.sub", Module: "net"}
	pair := InlineWaiver{Rule: "NL001", Reason: "r", Address: "aws_vpc.a", With: []string{"aws_vpc.b"}}
	pairWithCall := InlineWaiver{Rule: "NL001", Reason: "r", Address: "aws_vpc.a", With: []string{"module.lab", "aws_ec2_transit_gateway.hub"}}
	pairInModule := InlineWaiver{Rule: "NL001", Reason: "r", Address: "aws_vpc.a", With: []string{"aws_vpc.b"}, Module: "net"}
	onTGW := InlineWaiver{Rule: "NL001", Reason: "r", Address: "aws_ec2_transit_gateway.hub"}
	tests := []struct {
		name string
		w    InlineWaiver
		f    *finding.Finding
		want bool
	}{
		{"module call covers its resources", onModule, res("NL102", "module.branch[0].aws_vpn_connection.main"), true},
		{"module call without index", onModule, res("NL102", "module.branch.aws_vpn_connection.main"), true},
		{"module call covers nested modules", onModule, res("NL102", `module.branch["a"].module.x.aws_vpc.y`), true},
		{"module call: other rule", onModule, res("NL001", "module.branch[0].aws_vpn_connection.main"), false},
		{"module call: prefix of another name", onModule, res("NL102", "module.branch_b.aws_vpn_connection.main"), false},
		{"module call: root resource", onModule, res("NL102", "aws_vpn_connection.main"), false},
		{"resource", onResource, res("NL001", "aws_vpn_connection.lab"), true},
		{"resource instance", onResource, res("NL001", `aws_vpn_connection.lab["x"]`), true},
		{"rule id case", onResource, res("nl001", "aws_vpn_connection.lab"), true},
		{"primary of several resources", onResource, res("NL001", "aws_vpn_connection.lab", "aws_vpc.a"), true},
		{"resource named only after the primary", onResource, res("NL001", "aws_vpc.a", "aws_vpn_connection.lab"), false},
		{"module call: its resource only after the primary", onModule, res("NL102", "aws_customer_gateway.hq", "module.branch[0].aws_vpn_connection.main"), false},
		{"no resources", onResource, res("NL001"), false},
		{"implied element of the resource", onResource, res("NL001", "aws_vpn_connection.lab#attachment"), true},
		{"resource: other name", onResource, res("NL001", "aws_vpn_connection.labs"), false},
		{"resource: same name in a module", onResource, res("NL001", "module.x.aws_vpn_connection.lab"), false},
		{"resource: data source of that name", onResource, res("NL001", "data.aws_vpn_connection.lab"), false},
		{"resource: live id", onResource, res("NL001", "vpn-0123"), false},
		{"in module: every instance", inModule, res("NL305", `module.net["prod"].aws_vpn_connection.this`), true},
		{"in module: other instance", inModule, res("NL305", `module.net["dev"].aws_vpn_connection.this[0]`), true},
		{"in module: root resource of that name", inModule, res("NL305", "aws_vpn_connection.this"), false},
		{"in module: nested module's resource of that name", inModule, res("NL305", `module.net["dev"].module.sub.aws_vpn_connection.this`), false},
		{"nested call", onNestedCall, res("NL305", `module.net["dev"].module.sub[0].aws_subnet.this[1]`), true},
		{"nested call: sibling", onNestedCall, res("NL305", `module.net["dev"].aws_vpc.this`), false},
		{"TGW named after the overlapping networks", onTGW, res("NL001", "aws_vpc.a", "aws_vpc.b", "aws_ec2_transit_gateway.hub"), false},
		{"pair", pair, res("NL001", "aws_vpc.a", "aws_vpc.b", "aws_ec2_transit_gateway.hub"), true},
		{"pair: instances", pair, res("NL001", "aws_vpc.a[0]", `aws_vpc.b["x"]`), true},
		{"pair: another partner", pair, res("NL001", "aws_vpc.a", "aws_vpc.c", "aws_ec2_transit_gateway.hub"), false},
		{"pair: partner is primary", pair, res("NL001", "aws_vpc.b", "aws_vpc.a"), false},
		{"pair: partner alone", pair, res("NL001", "aws_vpc.a"), false},
		{"pair: partner of that name in a module", pair, res("NL001", "aws_vpc.a", "module.x.aws_vpc.b"), false},
		{"pair: every with", pairWithCall, res("NL001", "aws_vpc.a", "module.lab.module.x.aws_vpc.y", "aws_ec2_transit_gateway.hub"), true},
		{"pair: one with missing", pairWithCall, res("NL001", "aws_vpc.a", "module.lab.aws_vpc.y", "aws_ec2_transit_gateway.core"), false},
		{"pair in module: one instance", pairInModule, res("NL001", `module.net["prod"].aws_vpc.a`, `module.net["prod"].aws_vpc.b`), true},
		{"pair in module: two instances", pairInModule, res("NL001", `module.net["prod"].aws_vpc.a`, `module.net["dev"].aws_vpc.b`), false},
		{"pair in module: root partner", pairInModule, res("NL001", `module.net["prod"].aws_vpc.a`, "aws_vpc.b"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.w.Covers(tt.f); got != tt.want {
				t.Errorf("%+v.Covers(%s %v) = %v, want %v", tt.w, tt.f.RuleID, tt.f.Resources, got, tt.want)
			}
		})
	}
}

func TestApplyWaiversSuppressesCoveredFindings(t *testing.T) {
	s := index(t, fixture)
	fs := []finding.Finding{
		{RuleID: "NL102", Resources: []finding.Resource{{Address: "module.branch[1].aws_vpn_connection.main"}}},
		{RuleID: "NL305", Resources: []finding.Resource{{Address: `module.net["dev"].aws_vpn_connection.this`}}},
		{RuleID: "NL001", Resources: []finding.Resource{{Address: "aws_vpc.a"}}},
		{RuleID: "NL001", Resources: []finding.Resource{{Address: "aws_vpn_connection.lab"}},
			Suppressed: true, Suppression: &finding.Suppression{Kind: "config", Reason: "config first"}},
	}
	s.ApplyWaivers(fs)
	want := []*finding.Suppression{
		{Kind: "inline", Reason: "single branch router, accepted by network team"},
		{Kind: "inline", Reason: "tunnels are monitored by the NOC"},
		nil,
		{Kind: "config", Reason: "config first"},
	}
	for i, f := range fs {
		if f.Suppressed != (want[i] != nil) || !reflect.DeepEqual(f.Suppression, want[i]) {
			t.Errorf("finding %d: suppressed=%v %+v, want %+v", i, f.Suppressed, f.Suppression, want[i])
		}
	}
}

func TestIndexErrors(t *testing.T) {
	_, err := Index("../testdata/tfsource/bad", 0)
	if err == nil || !strings.HasPrefix(err.Error(), "../testdata/tfsource/bad/main.tf:5: ") {
		t.Errorf("bad HCL: error = %v, want one naming ../testdata/tfsource/bad/main.tf:5", err)
	}

	empty := t.TempDir()
	if _, err := Index(empty, 0); !errors.Is(err, ErrNoSources) {
		t.Errorf("empty dir: error = %v, want ErrNoSources", err)
	}
	if _, err := Index(filepath.Join(empty, "missing"), 0); err == nil || errors.Is(err, ErrNoSources) {
		t.Errorf("missing dir: error = %v, want a read error", err)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_vpc\" \"a\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".terraform", "modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".terraform", "modules", "modules.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Index(dir, 0); err == nil || !strings.Contains(err.Error(), ".terraform/modules/modules.json") {
		t.Errorf("broken modules.json: error = %v, want one naming the file", err)
	}
}

// Without modules.json the root module's blocks are still found; module
// resources get their call only.
func TestIndexWithoutManifest(t *testing.T) {
	dir := t.TempDir()
	src := "module \"net\" {\n  source = \"./net\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s := index(t, dir)
	m := model.Meta{Address: "module.net.aws_vpc.this"}
	s.Locate(&m)
	if m.Line != 1 || m.Related != nil {
		t.Errorf("got line %d related %v, want the call at line 1 only", m.Line, m.Related)
	}
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in    string
		calls []string
		local string
		ok    bool
	}{
		{"aws_vpc.a", nil, "aws_vpc.a", true},
		{"aws_vpc.a[0]", nil, "aws_vpc.a", true},
		{`aws_vpc.a["x.y[z]"]`, nil, "aws_vpc.a", true},
		{`module.a["k\"q"].module.b[2].data.aws_vpc.c`, []string{"a", "b"}, "data.aws_vpc.c", true},
		{"module.a.module.b", []string{"a", "b"}, "", true},
		{"aws_vpn_connection.x#attachment", nil, "aws_vpn_connection.x", true},
		{`module.a["#"].aws_vpc.b`, []string{"a"}, "aws_vpc.b", true},
		{"vpc-0a1b2c3d", nil, "", false},
		{"site.hq", nil, "", false},
		{"aws_vpc", nil, "", false},
		{"aws_vpc.a.b", nil, "", false},
		{"aws_vpc.a.", nil, "", false},
		{"aws_vpc[0].a", nil, "", false},
		{"module.a", []string{"a"}, "", true},
		{"module", nil, "", false},
		{"", nil, "", false},
	}
	for _, tt := range tests {
		a, ok := parseAddress(tt.in)
		if ok != tt.ok || (ok && (!reflect.DeepEqual(a.calls, tt.calls) || a.local != tt.local)) {
			t.Errorf("parseAddress(%q) = %+v, %v; want calls %v local %q, %v", tt.in, a, ok, tt.calls, tt.local, tt.ok)
		}
	}
}

// A caller without sources can hold a nil *Sources and call it all the same.
func TestNilSourcesFindNothing(t *testing.T) {
	var s *Sources
	m := model.Meta{Address: "aws_vpc.a"}
	s.Locate(&m)
	s.LocateNetwork(model.New())
	fs := []finding.Finding{{RuleID: "NL001", Resources: []finding.Resource{{Address: "aws_vpc.a"}}}}
	s.ApplyWaivers(fs)
	if m.File != "" || s.InlineWaivers() != nil || s.Problems() != nil || fs[0].Suppressed {
		t.Errorf("nil Sources found something")
	}
}
