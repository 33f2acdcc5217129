package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A minimal valid plan with one VPC whose CIDR comes from the test.
func planWithVPC(cidr string) string {
	return `{"format_version":"1.2","terraform_version":"1.9.5",
	  "resource_changes":[{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a",
	    "change":{"actions":["create"],"before":null,"after":{"cidr_block":"` + cidr + `"},"after_unknown":{"id":true}}}]}`
}

func TestDecodeRejectsBadInputWithOneLineErrors(t *testing.T) {
	valid := planWithVPC("10.0.0.0/16")
	tests := []struct {
		name, in, want string
	}{
		{"empty file", "", "empty input: want the JSON of `terraform show -json`"},
		{"whitespace only", " \n\t ", "empty input: want the JSON of `terraform show -json`"},
		{"truncated JSON", valid[:120], "truncated JSON at offset 120"},
		{"syntax error", `{"format_version": "1.2",, }`, "invalid JSON at offset 26: invalid character ',' looking for beginning of object key string"},
		{"JSON array", `[{"format_version":"1.2"}]`, "not a Terraform plan or state (a JSON array, want an object)"},
		{"JSON scalar", `"plan"`, "not a Terraform plan or state (a JSON scalar, want an object)"},
		{"object that is not a plan", `{"resources":[{"type":"aws_vpc"}]}`, "not a Terraform plan or state (no format_version)"},
		{"unsupported format_version", `{"format_version":"2.0","planned_values":{}}`, `unsupported format_version "2.0" (supported 0.x and 1.x)`},
		{"format_version not a string", `{"format_version":1.0}`, "not a Terraform plan or state: format_version is a JSON number, want string (offset 21)"},
		{"wrong shape", `{"format_version":"1.2","resource_changes":{"a":1}}`, "not a Terraform plan or state: resource_changes is a JSON object, want array (offset 44)"},
		{"wrong shape in configuration", `{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"vpc_id":{"references":"aws_vpc.a"}}}]}}}`,
			"not a Terraform plan or state: configuration.root_module.resources.expressions.references is a JSON string, want array"},
		{"invalid VPC CIDR", planWithVPC("10.0.0.0/33"), `aws_vpc.a: cidr_block: "10.0.0.0/33" is not a valid CIDR`},
		{"CIDR without prefix", planWithVPC("10.0.0.0"), `aws_vpc.a: cidr_block: "10.0.0.0" is not a valid CIDR`},
		{"invalid route destination", `{"format_version":"1.2","resource_changes":[
		  {"address":"aws_route_table.r","mode":"managed","type":"aws_route_table","name":"r","change":{"actions":["create"],
		   "after":{"route":[{"cidr_block":"192.168.1.0/240","gateway_id":"igw-1"}]},"after_unknown":{}}}]}`,
			`aws_route_table.r: route[0].cidr_block: "192.168.1.0/240" is not a valid CIDR`},
		{"invalid rule CIDR", `{"format_version":"1.2","resource_changes":[
		  {"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s","change":{"actions":["create"],
		   "after":{"ingress":[{"cidr_blocks":["0.0.0.0/0","10.1.2.3/8x"],"protocol":"tcp","from_port":1,"to_port":2}]},"after_unknown":{}}}]}`,
			`aws_security_group.s: ingress[0].cidr_blocks[1]: "10.1.2.3/8x" is not a valid CIDR`},
		{"invalid CIDR on a route to a table of another root", `{"format_version":"1.2","resource_changes":[
		  {"address":"aws_route.r","mode":"managed","type":"aws_route","name":"r","change":{"actions":["create"],
		   "after":{"route_table_id":"rtb-0elsewhere","destination_cidr_block":"10.0.0.0/8/8","gateway_id":"igw-1"},"after_unknown":{}}}]}`,
			`aws_route.r: destination_cidr_block: "10.0.0.0/8/8" is not a valid CIDR`},
		{"invalid tunnel CIDR in state", `{"format_version":"1.0","values":{"root_module":{"resources":[
		  {"address":"aws_vpn_connection.v","mode":"managed","type":"aws_vpn_connection","name":"v",
		   "values":{"id":"vpn-1","tunnel1_inside_cidr":"169.254.300.0/30"}}]}}}`,
			`aws_vpn_connection.v: tunnel1_inside_cidr: "169.254.300.0/30" is not a valid CIDR`},
		{"UTF-16 (PowerShell redirect)", "\xff\xfe{\x00}\x00", "input is UTF-16 text, want UTF-8 JSON (write it with `terraform show -json plan > file` in a POSIX shell or Out-File -Encoding utf8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Decode([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error; network %v", counts(n))
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got  %s\n want %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestDecodeAcceptsMinimalDocuments(t *testing.T) {
	tests := []struct{ name, in string }{
		// `terraform show -json` of an empty state prints only the version.
		{"empty state", `{"format_version":"1.0"}`},
		{"plan without changes", `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}},"configuration":{"root_module":{}}}`},
		{"old format", `{"format_version":"0.1","values":{"root_module":{}}}`},
		{"UTF-8 byte order mark", "\xef\xbb\xbf" + `{"format_version":"1.0"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkCounts(t, n, map[string]int{})
		})
	}
}

func TestLoadErrorsDoNotRepeatTheFileName(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	_, err := Load(missing)
	if err == nil || err.Error() != "read: no such file or directory" {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format_version":`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Load(bad)
	if err == nil || strings.Contains(err.Error(), bad) || err.Error() != "truncated JSON at offset 18" {
		t.Errorf("truncated file: %v", err)
	}
}

// TestStaticRoutesOnlyDefaultsToDynamic: a VPN whose configuration does not set
// static_routes_only is dynamic (AWS's default) even though the provider marks
// the attribute unknown; a configured but unknown value stays unknown.
func TestStaticRoutesOnlyDefaultsToDynamic(t *testing.T) {
	plan := func(expr string) []byte {
		return []byte(`{"format_version":"1.2","terraform_version":"1.9.5",
 "resource_changes":[{"address":"aws_vpn_connection.v","mode":"managed","type":"aws_vpn_connection","name":"v",
   "change":{"actions":["create"],"before":null,"after":{"type":"ipsec.1"},"after_unknown":{"id":true,"static_routes_only":true}}}],
 "configuration":{"root_module":{"resources":[{"address":"aws_vpn_connection.v","mode":"managed","type":"aws_vpn_connection","name":"v",
   "provider_config_key":"aws","expressions":{` + expr + `}}]}}}`)
	}
	n, err := Decode(plan(`"type":{"constant_value":"ipsec.1"}`))
	if err != nil {
		t.Fatal(err)
	}
	if c := n.VPNConnections["aws_vpn_connection.v"]; c.StaticRoutesOnly || c.IsUnknown("static_routes_only") {
		t.Fatalf("unset static_routes_only: %+v", c)
	}
	n, err = Decode(plan(`"static_routes_only":{"references":["var.static"]}`))
	if err != nil {
		t.Fatal(err)
	}
	if c := n.VPNConnections["aws_vpn_connection.v"]; !c.IsUnknown("static_routes_only") {
		t.Fatalf("configured unknown static_routes_only must stay unknown: %+v", c.Unknown)
	}
}
