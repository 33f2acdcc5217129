package config

import (
	"strings"
	"testing"
	"time"

	"github.com/netlint/netlint/finding"
)

const sample = `sites:
  - name: hq
    cidrs: [192.168.0.0/16, 10.200.0.5/16]
    summaries: [10.0.0.0/8]
    via: [aws_dx_transit_virtual_interface.hq, dxvif-*]
    devices:
      - {name: hq-edge-1, ip: 198.51.100.10, asn: 65010, bgp: true}
rules:
  NL502: {severity: warning, max_peerings: 8}
  NL107: off
  NL303: {require_encryption: true}
waivers:
  - rule: NL102
    resource: module.branch_*.aws_vpn_connection.*
    reason: single branch router, accepted by network team
    expires: 2027-03-31
  - rule: NL001
    resource: 'module.net["lab"].*'
    reason: lab overlaps on purpose
`

func TestParse(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sites) != 1 || c.Sites[0].Line != 2 || c.Sites[0].CIDRs[1] != "10.200.0.0/16" {
		t.Fatalf("sites: %+v", c.Sites)
	}
	if s := c.Sites[0]; len(s.Summaries) != 1 || s.Summaries[0] != "10.0.0.0/8" || len(s.Via) != 2 || s.Via[1] != "dxvif-*" {
		t.Fatalf("summaries and via: %+v", s)
	}
	if ms := c.ModelSites()[0]; ms.Summaries[0] != "10.0.0.0/8" || ms.Via[0] != "aws_dx_transit_virtual_interface.hq" {
		t.Fatalf("model site: %+v", ms)
	}
	if d := c.Sites[0].Devices[0]; d.IP != "198.51.100.10" || d.ASN != 65010 || d.BGP == nil || !*d.BGP {
		t.Fatalf("device: %+v", d)
	}
	if r := c.Rules["NL502"]; r.Severity != "warning" || r.Params["max_peerings"] != 8 {
		t.Fatalf("NL502: %+v", r)
	}
	if !c.Rules["NL107"].Off {
		t.Fatal("NL107 off not read")
	}
	if c.Rules["NL303"].Params["require_encryption"] != true {
		t.Fatal("NL303 param not read")
	}
	if len(c.Waivers) != 2 || c.Waivers[0].Line != 13 || c.Waivers[0].Expires.Format("2006-01-02") != "2027-03-31" {
		t.Fatalf("waivers: %+v", c.Waivers)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"bad cidr", "sites:\n  - name: hq\n    cidrs: [10.0.0.0/33]\n", `line 2: site "hq": "10.0.0.0/33" is not a CIDR`},
		{"bad summary", "sites:\n  - name: hq\n    summaries: [ten]\n", `line 2: site "hq": summary "ten" is not a CIDR`},
		{"empty via", "sites:\n  - name: hq\n    via: [\"\"]\n", `line 2: site "hq": via has an empty entry`},
		{"bad device ip", "sites:\n  - name: hq\n    devices: [{name: a, ip: 300.1.1.1}]\n", `"300.1.1.1" is not an IP address`},
		{"waiver without reason", "waivers:\n  - rule: NL102\n    resource: x\n", "line 2: waiver for NL102 on x has no reason"},
		{"empty with", "waivers:\n  - {rule: NL001, resource: x, with: '', reason: r}\n", "line 2: waiver for NL001 on x: with names an empty resource"},
		{"empty with entry", "waivers:\n  - {rule: NL001, resource: x, with: [aws_vpc.b, ''], reason: r}\n", "line 2: waiver for NL001 on x: with names an empty resource"},
		{"empty with list", "waivers:\n  - {rule: NL001, resource: x, with: [], reason: r}\n", "line 2: waiver for NL001 on x: with is an empty list"},
		{"bad expiry", "waivers:\n  - {rule: NL102, resource: x, reason: r, expires: soon}\n", `expires "soon" is not a date`},
		{"bad severity", "rules:\n  NL001: {severity: fatal}\n", "line 2: rules.NL001: severity fatal"},
		{"bad scalar", "rules:\n  NL001: maybe\n", `rules.NL001: "maybe" is not off`},
		{"unknown key", "sitez: []\n", `line 1: top level: unknown key "sitez" (want rules, sites, waivers)`},
		{"not yaml", "sites: [\n", "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestGlobTreatsAddressCharactersLiterally(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"module.branch_*.aws_vpn_connection.*", "module.branch_paris.aws_vpn_connection.main", true},
		{"module.branch_*.aws_vpn_connection.*", "module.hub.aws_vpn_connection.main", false},
		{`module.net["lab"].*`, `module.net["lab"].aws_vpc.this`, true},
		{`module.net["lab"].*`, `module.net["lbb"].aws_vpc.this`, false},
		{"vpn-0abc?", "vpn-0abcd", true},
		{"aws_vpc.a", "aws_vpc.ab", false},
	}
	for _, tt := range tests {
		if got := Glob(tt.pattern).MatchString(tt.s); got != tt.want {
			t.Errorf("Glob(%q).Match(%q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestApplyWaivers(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	c.Path = ".netlint.yaml"
	fs := []finding.Finding{
		{RuleID: "NL102", Severity: "warning", Resources: []finding.Resource{{Address: "module.branch_a.aws_vpn_connection.x"}}},
		{RuleID: "NL001", Severity: "error", Resources: []finding.Resource{{Address: `module.net["lab"].aws_vpc.this`}, {Address: "aws_vpc.a"}}},
		{RuleID: "NL001", Severity: "error", Resources: []finding.Resource{{Address: "aws_vpc.a"}}},
		// The lab's VPC is named, but is not the finding's primary resource.
		{RuleID: "NL001", Severity: "error", Resources: []finding.Resource{{Address: "aws_vpc.a"}, {Address: `module.net["lab"].aws_vpc.this`}}},
	}
	before := time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC)
	notices := c.ApplyWaivers(fs, before)
	if len(notices) != 0 || !fs[0].Suppressed || !fs[1].Suppressed || fs[2].Suppressed || fs[3].Suppressed {
		t.Fatalf("on the last day: notices %v, suppressed %v %v %v %v", notices, fs[0].Suppressed, fs[1].Suppressed, fs[2].Suppressed, fs[3].Suppressed)
	}
	if fs[0].Suppression.Reason != "single branch router, accepted by network team" || fs[0].Suppression.Kind != "config" {
		t.Fatalf("suppression: %+v", fs[0].Suppression)
	}

	fs2 := []finding.Finding{{RuleID: "NL102", Severity: "warning", Resources: []finding.Resource{{Address: "module.branch_a.aws_vpn_connection.x"}}}}
	notices = c.ApplyWaivers(fs2, before.AddDate(0, 0, 1))
	if fs2[0].Suppressed {
		t.Fatal("an expired waiver still suppresses")
	}
	if len(notices) != 1 || notices[0].RuleID != "NL000" || notices[0].Severity != "notice" || notices[0].Resources[0].Line != 13 {
		t.Fatalf("expired waiver notice: %+v", notices)
	}
}

func TestWaiverMatches(t *testing.T) {
	c, err := Parse([]byte(`waivers:
  - {rule: NL001, resource: aws_ec2_transit_gateway.hub, reason: r}
  - {rule: NL001, resource: aws_vpc.a, with: aws_vpc.b, reason: r}
  - {rule: NL001, resource: aws_vpc.a, with: [aws_vpc.c, aws_ec2_transit_gateway.*], reason: r}
  - {rule: NL102, resource: vpn-*, reason: r}
  - {rule: '*', resource: 'module.lab.*', with: 'module.lab.*', reason: r}
`))
	if err != nil {
		t.Fatal(err)
	}
	onTGW, pair, pairVia, byID, lab := &c.Waivers[0], &c.Waivers[1], &c.Waivers[2], &c.Waivers[3], &c.Waivers[4]
	if len(pair.With) != 1 || pair.With[0] != "aws_vpc.b" || len(pairVia.With) != 2 {
		t.Fatalf("with: %q %q", pair.With, pairVia.With)
	}
	res := func(rule string, addrs ...string) *finding.Finding {
		f := &finding.Finding{RuleID: rule}
		for _, a := range addrs {
			f.Resources = append(f.Resources, finding.Resource{Address: a})
		}
		return f
	}
	live := &finding.Finding{RuleID: "NL102", Resources: []finding.Resource{
		{Address: "aws_vpn_connection.x", AWSID: "vpn-0123"}, {Address: "aws_ec2_transit_gateway.hub", AWSID: "tgw-0123"}}}
	tgwFirst := &finding.Finding{RuleID: "NL102", Resources: []finding.Resource{
		{Address: "aws_ec2_transit_gateway.hub", AWSID: "tgw-0123"}, {Address: "aws_vpn_connection.x", AWSID: "vpn-0123"}}}
	tests := []struct {
		name string
		w    *Waiver
		f    *finding.Finding
		want bool
	}{
		{"primary", onTGW, res("NL001", "aws_ec2_transit_gateway.hub", "aws_vpc.a"), true},
		{"only a secondary resource", onTGW, res("NL001", "aws_vpc.a", "aws_vpc.b", "aws_ec2_transit_gateway.hub"), false},
		{"other rule", onTGW, res("NL002", "aws_ec2_transit_gateway.hub"), false},
		{"no resources", onTGW, res("NL001"), false},
		{"pair", pair, res("NL001", "aws_vpc.a", "aws_vpc.b", "aws_ec2_transit_gateway.hub"), true},
		{"pair: another partner", pair, res("NL001", "aws_vpc.a", "aws_vpc.c", "aws_ec2_transit_gateway.hub"), false},
		{"pair: reversed", pair, res("NL001", "aws_vpc.b", "aws_vpc.a"), false},
		{"pair: primary alone", pair, res("NL001", "aws_vpc.a"), false},
		{"pair: with is exact", pair, res("NL001", "aws_vpc.a", "aws_vpc.bb"), false},
		{"every with, globs", pairVia, res("NL001", "aws_vpc.a", "aws_vpc.c", "aws_ec2_transit_gateway.core"), true},
		{"one with missing", pairVia, res("NL001", "aws_vpc.a", "aws_vpc.c"), false},
		{"with does not match the primary", lab, res("NL001", "module.lab.aws_vpc.x"), false},
		{"glob on both", lab, res("NL501", "module.lab.aws_route_table.x", "module.lab.aws_vpc.x"), true},
		{"AWS id of the primary", byID, live, true},
		{"AWS id of a secondary", byID, tgwFirst, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.w.Matches(tt.f); got != tt.want {
				t.Errorf("%s on %s with %q: Matches(%s %v) = %v, want %v", tt.w.Rule, tt.w.Resource, tt.w.With, tt.f.RuleID, tt.f.Resources, got, tt.want)
			}
		})
	}
}

func TestExpiredPairWaiverNotice(t *testing.T) {
	c, err := Parse([]byte("waivers:\n  - {rule: NL001, resource: aws_vpc.a, with: aws_vpc.b, reason: lab, expires: 2020-01-01}\n"))
	if err != nil {
		t.Fatal(err)
	}
	notices := c.ApplyWaivers(nil, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC))
	want := "waiver for NL001 on aws_vpc.a with aws_vpc.b expired on 2020-01-01 (lab); the findings it covered are reported again"
	if len(notices) != 1 || notices[0].Message != want {
		t.Fatalf("notices %+v, want %q", notices, want)
	}
}

// FuzzParse: any bytes give a config or an error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("rules:\n  NL001: off\n"))
	f.Add([]byte("waivers:\n  - {rule: '*', resource: '*', reason: r, expires: 2020-01-01}\n"))
	f.Add([]byte("waivers:\n  - {rule: NL001, resource: aws_vpc.a, with: [aws_vpc.b], reason: r}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		c.ModelSites()
		c.ApplyWaivers([]finding.Finding{{RuleID: "NL001", Resources: []finding.Resource{{Address: "aws_vpc.a"}}}}, time.Now())
	})
}
