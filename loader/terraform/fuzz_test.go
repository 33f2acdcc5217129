package terraform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic or hang,
// must fail with a one-line error, and whatever it accepts must keep the
// model's key contract.
func FuzzDecode(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		filepath.Join(corpusDir, "plans", "*.json"),
		filepath.Join(corpusDir, "plans", "non-genuine", "*.json"),
		filepath.Join(corpusDir, "states", "*.json"),
		filepath.Join(fixtureDir, "*.json"),
	} {
		files, _ := filepath.Glob(pattern)
		seeds = append(seeds, files...)
	}
	for _, s := range seeds {
		// Mutating a large file mostly breaks its JSON early: small seeds
		// reach the translation far more often.
		if data, err := os.ReadFile(s); err == nil && len(data) <= 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(planWithVPC("10.0.0.0/16")))
	f.Add([]byte(`{"format_version":"1.0","values":{"root_module":{"child_modules":[{"address":"module.a","resources":[{"address":"aws_vpc.x","index":0,"type":"aws_vpc","values":{"cidr_block":"10.0.0.0/8"}}]}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"module.m[\"k\"].aws_subnet.s[1]","type":"aws_subnet","mode":"managed","change":{"actions":["create"],"after":{},"after_unknown":{"vpc_id":true}}}],"configuration":{"root_module":{"module_calls":{"m":{"expressions":{"v":{"references":["module.m.o"]}},"module":{"outputs":{"o":{"expression":{"references":["var.v"]}}},"resources":[{"address":"aws_subnet.s","mode":"managed","type":"aws_subnet","name":"s","expressions":{"vpc_id":{"references":["var.v","local.x","each.value.id"]}}}]}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Decode(data)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("multi-line error: %q", err)
			}
			return
		}
		checkIDs(t, n)
	})
}

// FuzzReferences keeps the JSON valid and varies what the loader parses
// itself: addresses, module paths, references and values.
func FuzzReferences(f *testing.F) {
	f.Add(`module.net["prod"]`, "aws_subnet.a[0]", `module.net["prod"].aws_vpc.this`, "aws_vpc.this.id", "10.0.0.0/16")
	f.Add("", "aws_route_table.r", "aws_vpc.v", "aws_vpc.v", "10.0.0.0/8")
	f.Add("module.a.module.b[1]", `aws_subnet.s["x.y"]`, "module.a.module.b[1].aws_vpc.v", "var.vpc_id", "fd00::/8")
	f.Add(`module.m["k"]`, "aws_subnet.s", "module.m.o", "module.m.o", "")
	f.Add("", "aws_subnet.s", "data.aws_vpc.d", "data.aws_vpc.d.id", "1.2.3.4/32")
	f.Fuzz(func(t *testing.T, module, subnet, vpc, reference, cidr string) {
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		addr := subnet
		if module != "" {
			addr = module + "." + subnet
		}
		doc := `{"format_version":"1.2","resource_changes":[
		  {"address":` + q(vpc) + `,"mode":"managed","type":"aws_vpc","change":{"actions":["create"],"after":{"cidr_block":` + q(cidr) + `},"after_unknown":{"id":true}}},
		  {"address":` + q(addr) + `,"module_address":` + q(module) + `,"mode":"managed","type":"aws_subnet","change":{"actions":["create"],"after":{},"after_unknown":{"vpc_id":true}}}],
		 "variables":{"vpc_id":{"value":` + q(cidr) + `}},
		 "configuration":{"provider_config":{"aws":{"expressions":{"region":{"references":[` + q(reference) + `]}}}},
		  "root_module":{"outputs":{"o":{"expression":{"references":[` + q(reference) + `]}}},
		   "resources":[{"address":"aws_subnet.s","mode":"managed","type":"aws_subnet","name":"s","provider_config_key":"aws",
		     "expressions":{"vpc_id":{"references":[` + q(reference) + `,` + q(vpc) + `]}},"for_each_expression":{"references":[` + q(reference) + `]}}],
		   "module_calls":{"m":{"expressions":{"vpc_id":{"references":[` + q(reference) + `]}},"module":{"outputs":{"o":{"expression":{"references":[` + q(reference) + `]}}}}}}}}}`
		n, err := Decode([]byte(doc))
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("multi-line error: %q", err)
			}
			return
		}
		checkIDs(t, n)
	})
}
