package config

import (
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
)

var catalogue = []finding.Rule{
	{ID: "NL107"},
	{ID: "NL303", Params: []finding.Param{{Name: "require_encryption", Type: "boolean", Default: false}}},
	{ID: "NL502", Params: []finding.Param{{Name: "max_peerings", Type: "integer", Default: 10}}},
	{ID: "NL601", Params: []finding.Param{{Name: "attachment_quota", Type: "integer", Default: 5000}}},
	{ID: "ACME001", Params: []finding.Param{{Name: "owners", Type: "array"}, {Name: "ratio", Type: "number"}, {Name: "tag", Type: "string"}}},
}

func TestCheckAgainstCatalogue(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"typo'd parameter", "rules:\n  NL502:\n    severity: warning\n    max_peering: 8\n",
			`.netlint.yaml:4: rules.NL502: unknown parameter "max_peering" (NL502 takes: max_peerings)`},
		{"wrong type", "rules:\n  NL502: {max_peerings: eight}\n",
			`.netlint.yaml:2: rules.NL502: max_peerings wants an integer, got "eight"`},
		{"quoted number", "rules:\n  NL502: {max_peerings: \"8\"}\n", `max_peerings wants an integer, got "8"`},
		{"fraction", "rules:\n  NL601: {attachment_quota: 4.5}\n", "attachment_quota wants an integer, got 4.5"},
		{"null", "rules:\n  NL601: {attachment_quota: ~}\n", "attachment_quota wants an integer, got nothing (null)"},
		{"yes is not a boolean", "rules:\n  NL303: {require_encryption: yes}\n", `require_encryption wants true or false, got "yes"`},
		{"rule without parameters", "rules:\n  NL107: {threshold: 3}\n", `rules.NL107: unknown parameter "threshold" (NL107 takes no parameters)`},
		{"user rule list", "rules:\n  ACME001: {owners: net}\n", `owners wants a list, got "net"`},
		{"unknown rule", "rules:\n  NL999: off\n", ".netlint.yaml:2: rules: unknown rule id NL999 (see 'netlint rules')"},
		{"rule id case", "rules:\n  nl502: off\n", "unknown rule id nl502 (did you mean NL502?)"},
		{"waiver for unknown rule", "waivers:\n  - {rule: NL998, resource: x, reason: r}\n",
			".netlint.yaml:2: waiver for NL998: unknown rule id NL998 (see 'netlint rules')"},
		{"waiver for NL000", "waivers:\n  - {rule: NL000, resource: x, reason: r}\n", "an expired waiver cannot be waived"},
		{"first mistake by line", "rules:\n  NL601: {attachment_quota: x}\n  NL502: {max_peering: 8}\n", ".netlint.yaml:2: rules.NL601"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			c.Path = ".netlint.yaml"
			err = c.Check(catalogue)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCheckAcceptsDeclaredParameters(t *testing.T) {
	doc := `rules:
  NL502: {severity: warning, max_peerings: 8}
  NL601: {attachment_quota: 4.0}
  NL303: {require_encryption: true}
  NL107: off
  ACME001: {owners: [net, sec], ratio: 0.5, tag: owner}
waivers:
  - {rule: NL107, resource: x, reason: r}
  - {rule: '*', resource: x, reason: r}
  - {rule: ACME001, resource: x, reason: r}
`
	c, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(catalogue); err != nil {
		t.Fatal(err)
	}
	if err := (&Config{}).Check(catalogue); err != nil {
		t.Fatalf("the empty configuration: %v", err)
	}
}

func TestShapeErrorsNameLineAndKey(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"rules as a list", "rules:\n  - NL001\n", "line 2: rules: want a mapping of rule ids to settings, got a list"},
		{"sites as a mapping", "sites:\n  name: hq\n", "line 2: sites: want a list, got a mapping"},
		{"cidrs as a string", "sites:\n  - name: hq\n    cidrs: 10.0.0.0/8\n", `line 3: sites[0].cidrs: want a list, got "10.0.0.0/8"`},
		{"misspelled site key", "sites:\n  - name: hq\n    cidr: [10.0.0.0/8]\n", `line 3: sites[0]: unknown key "cidr" (want cidrs, devices, name, summaries, via)`},
		{"asn as a string", "sites:\n  - name: hq\n    devices: [{name: a, asn: big}]\n", `sites[0].devices[0].asn: want an integer, got "big"`},
		{"bgp as a string", "sites:\n  - name: hq\n    devices: [{name: a, bgp: yes}]\n", `sites[0].devices[0].bgp: want true or false, got "yes"`},
		{"waiver as a string", "waivers:\n  - NL001 on everything\n", `line 2: waivers[0]: want a mapping (key: value), got "NL001 on everything"`},
		{"misspelled waiver key", "waivers:\n  - {rule: NL001, resource: x, reasons: r}\n", `waivers[0]: unknown key "reasons" (want expires, reason, resource, rule, with)`},
		{"with as a number", "waivers:\n  - {rule: NL001, resource: x, with: 5, reason: r}\n", `line 2: waivers[0].with: want a string or a list of strings, got the number 5`},
		{"with as a mapping", "waivers:\n  - {rule: NL001, resource: x, with: {a: b}, reason: r}\n", `line 2: waivers[0].with: want a string or a list of strings, got a mapping`},
		{"with holding a number", "waivers:\n  - {rule: NL001, resource: x, with: [aws_vpc.b, 5], reason: r}\n", `line 2: waivers[0].with[1]: want a string, got the number 5`},
		{"with holding a list", "waivers:\n  - {rule: NL001, resource: x, with: [[aws_vpc.b]], reason: r}\n", `line 2: waivers[0].with[0]: want a string, got a list`},
		{"with holding nothing", "waivers:\n  - rule: NL001\n    resource: x\n    reason: r\n    with:\n      -\n", `line 6: waivers[0].with[0]: want a string, got nothing (null)`},
		{"rule setting as a list", "rules:\n  NL001: [off]\n", "line 2: rules.NL001: want off, on, a severity, or a mapping of settings; got a list"},
		{"a scalar document", "hello\n", `line 1: the file: want a mapping (key: value), got "hello"`},
		{"a list document", "- a\n- b\n", "the file: want a mapping (key: value), got a list"},
		{"duplicate key", "rules:\n  NL001: off\n  NL001: on\n", `line 3: mapping key "NL001" already defined at line 2`},
		{"tab indentation", "rules:\n\tNL001: off\n", "line 2: invalid YAML: found character that cannot start any token"},
		{"severity as a list", "rules:\n  NL001: {severity: [error]}\n", "rules.NL001: severity [error] is not error, warning or notice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
		})
	}
}

func TestLoadNamesFileAndLine(t *testing.T) {
	_, err := Load("../testdata/hostile/config/typo-param.netlint.yaml")
	if err != nil {
		t.Fatalf("a typo'd parameter parses; the catalogue check finds it: %v", err)
	}
	_, err = Load("../testdata/hostile/config/rules-list.netlint.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "../testdata/hostile/config/rules-list.netlint.yaml:") {
		t.Fatalf("error %v does not start with FILE:LINE", err)
	}
	_, err = Load("/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "/dev/zero: a device, not a regular file") {
		t.Fatalf("/dev/zero: %v", err)
	}
}
