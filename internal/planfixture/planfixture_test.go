package planfixture

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

var update = flag.Bool("update", false, "rewrite the generated .plan.json fixtures")

// TestFixturesUpToDate regenerates every *.fixture.yaml under testdata/ and
// examples/ and fails when a checked-in .plan.json differs (run with -update).
func TestFixturesUpToDate(t *testing.T) {
	n := 0
	for _, root := range []string{"../../testdata", "../../examples"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".fixture.yaml") {
				return err
			}
			n++
			spec, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got, err := Build(spec)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return nil
			}
			var plan tfjson.Plan
			if err := json.Unmarshal(got, &plan); err != nil {
				t.Errorf("%s: generated plan does not decode: %v", p, err)
			} else if err := plan.Validate(); err != nil {
				t.Errorf("%s: generated plan is invalid: %v", p, err)
			}
			out := PlanPath(p)
			if *update {
				return os.WriteFile(out, got, 0o644)
			}
			want, err := os.ReadFile(out)
			if err != nil {
				t.Errorf("%s: %v (run go test ./internal/planfixture -update)", out, err)
				return nil
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go test ./internal/planfixture -update", out)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("no fixtures found")
	}
}

func TestBuildLinksThroughReferences(t *testing.T) {
	spec := `
resources:
  - address: aws_vpc.existing
    action: no-op
    values: {id: vpc-0abc, cidr_block: 10.9.0.0/16}
  - address: module.spoke["a"].aws_vpc.this
    values: {cidr_block: 10.1.0.0/16}
  - address: module.spoke["a"].aws_subnet.s
    refs: {vpc_id: aws_vpc.this}
  - address: aws_subnet.old
    refs: {vpc_id: aws_vpc.existing}
`
	out, err := Build([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(out, &plan); err != nil {
		t.Fatal(err)
	}
	byAddr := map[string]*tfjson.ResourceChange{}
	for _, rc := range plan.ResourceChanges {
		byAddr[rc.Address] = rc
	}
	sub := byAddr[`module.spoke["a"].aws_subnet.s`]
	if sub == nil || sub.ModuleAddress != `module.spoke["a"]` {
		t.Fatalf("module subnet change missing or without module address: %+v", sub)
	}
	if u := sub.Change.AfterUnknown.(map[string]any)["vpc_id"]; u != true {
		t.Fatalf("vpc_id of a VPC created in the plan must be unknown, got %v", u)
	}
	old := byAddr["aws_subnet.old"].Change.After.(map[string]any)["vpc_id"]
	if old != "vpc-0abc" {
		t.Fatalf("vpc_id of an existing VPC must be its known id, got %v", old)
	}
	mod := plan.Config.RootModule.ModuleCalls["spoke"].Module
	if len(mod.Resources) != 2 || mod.Resources[0].Address != "aws_subnet.s" {
		t.Fatalf("module config resources: %+v", mod.Resources)
	}
	refs := mod.Resources[0].Expressions["vpc_id"].References
	if len(refs) != 2 || refs[0] != "aws_vpc.this.id" {
		t.Fatalf("references: %v", refs)
	}
}
