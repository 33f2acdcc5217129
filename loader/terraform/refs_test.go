package terraform

import (
	"slices"
	"testing"
)

func TestParseResourceAddr(t *testing.T) {
	tests := []struct {
		in                           string
		ok                           bool
		module, mode, typ, name, key string
	}{
		{"aws_vpc.a", true, "", "managed", "aws_vpc", "a", ""},
		{"aws_vpc.a[0]", true, "", "managed", "aws_vpc", "a", "[0]"},
		{`module.net["prod"].aws_vpc.this[0]`, true, `module.net["prod"]`, "managed", "aws_vpc", "this", "[0]"},
		{`module.a["x.y"].module.b[2].data.aws_vpc.s["k]"]`, true, `module.a["x.y"].module.b[2]`, "data", "aws_vpc", "s", `["k]"]`},
		{`aws_instance.n["test.1"]`, true, "", "managed", "aws_instance", "n", `["test.1"]`},
		{"aws_vpc", false, "", "", "", "", ""},
		{"aws_vpc.a.b", false, "", "", "", "", ""},
		{"aws_vpc.a[", false, "", "", "", "", ""},
		{"module.x", false, "", "", "", "", ""},
		{"", false, "", "", "", "", ""},
		{"aws_vpc.a[count.index]", false, "", "", "", "", ""},
	}
	for _, tt := range tests {
		a, err := parseResourceAddr(tt.in)
		ok := err == nil
		if ok != tt.ok {
			t.Errorf("%q: ok = %v", tt.in, ok)
			continue
		}
		if !ok {
			continue
		}
		if a.module != tt.module || a.mode != tt.mode || a.typ != tt.typ || a.name != tt.name || a.key != tt.key {
			t.Errorf("%q = %+v", tt.in, a)
		}
	}
}

func TestParseModuleInstance(t *testing.T) {
	mi, ok := parseModuleInstance(`module.a["x"].module.b[0]`)
	if !ok || mi.parent != `module.a["x"]` || mi.call != "b" || mi.key != "[0]" || mi.cfgPath != "module.a.module.b" {
		t.Errorf("got %+v, %v", mi, ok)
	}
	mi, ok = parseModuleInstance("module.vpc")
	if !ok || mi.parent != "" || mi.call != "vpc" || mi.key != "" || mi.cfgPath != "module.vpc" {
		t.Errorf("got %+v, %v", mi, ok)
	}
	if _, ok := parseModuleInstance("aws_vpc.a"); ok {
		t.Error("resource address parsed as module instance")
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in               string
		kind, typ, name  string
		key, firstOfPath string
	}{
		{"aws_vpc.main.id", "resource", "aws_vpc", "main", "", "id"},
		{"aws_vpc.main", "resource", "aws_vpc", "main", "", ""},
		{"aws_vpc.this[0].id", "resource", "aws_vpc", "this", "[0]", "id"},
		{"data.aws_vpc.shared.id", "data", "aws_vpc", "shared", "", "id"},
		{"module.vpc.vpc_id", "module", "vpc", "vpc_id", "", ""},
		{`module.net["prod"].vpc_id`, "module", "net", "vpc_id", `["prod"]`, ""},
		{"var.region", "var", "region", "", "", ""},
		{"local.vpc_id", "local", "vpc_id", "", "", ""},
		{"each.value.vpc_id", "each", "value", "", "", "vpc_id"},
		{"count.index", "count", "index", "", "", ""},
		{"x", "other", "", "", "", ""},
		{"[", "other", "", "", "", ""},
	}
	for _, tt := range tests {
		r := parseRef(tt.in)
		first := ""
		if len(r.path) > 0 {
			first = r.path[0].name
		}
		if r.kind != tt.kind || r.typ != tt.typ || r.name != tt.name || r.key != tt.key || first != tt.firstOfPath {
			t.Errorf("%q = %+v", tt.in, r)
		}
	}
}

func TestSignificantRefsDropsTheShorterForms(t *testing.T) {
	got := significantRefs([]string{"aws_vpn_connection.v.transit_gateway_attachment_id", "aws_vpn_connection.v",
		"aws_vpc.this[0].id", "aws_vpc.this[0]", "aws_vpc.this", "aws_vpc.thisother", "count.index"})
	want := []string{"aws_vpc.this[0].id", "aws_vpc.thisother", "aws_vpn_connection.v.transit_gateway_attachment_id", "count.index"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestBandwidth(t *testing.T) {
	for in, want := range map[string]int64{"10Gbps": 10000, "1Gbps": 1000, "500Mbps": 500, "400Gbps": 400000,
		"50Mbps": 50, "": 0, "fast": 0, "-1Gbps": 0} {
		if got := bandwidthMbps(in); got != want {
			t.Errorf("bandwidthMbps(%q) = %d, want %d", in, got, want)
		}
	}
}
