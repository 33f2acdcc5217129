package engine

import (
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/policies"
)

func TestCheckInputRefs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // "" for no error, else a substring of the one error
	}{
		{"direct field", `x if input.vpcs["a"].cidrs[0]`, ""},
		{"direct typo", `x if input.vpcs["a"].cidr`, `input.vpcs.a.cidr: the model has no field "cidr" here`},
		{"top-level typo", `x if input.vpc`, `the model has no field "vpc"`},
		{"some in", "x if {\n\tsome id, vpc in input.vpcs\n\tvpc.cidrs\n}", ""},
		{"some in typo", "x if {\n\tsome id, vpc in input.vpcs\n\tvpc.cider\n}", `vpc.cider`},
		{"some value in", "x if {\n\tsome rt in input.route_tables\n\tsome r in rt.routes\n\tr.destinaton\n}", `r.destinaton`},
		{"assignment", "x if {\n\tvpc := input.vpcs[id]\n\tvpc.cidrs\n\tvpc.ipv6\n}", `vpc.ipv6`},
		{"assignment later in text", "x if {\n\tt.routes\n\tt := input.route_tables[_]\n}", ""},
		{"every", "x if {\n\tevery a in input.tgw_attachments {\n\t\ta.transit_gatway\n\t}\n}", `a.transit_gatway`},
		{"comprehension", "x := [c | some v in input.vpcs; c := v.cidr_block]", `v.cidr_block`},
		{"object.get", `x if object.get(input.vpcs["a"], "cidr", [])`, `the model has no field "cidr"`},
		{"object.get good", `x if object.get(input.vpcs["a"], "cidrs", [])`, ""},
		{"list has no field", `x if input.vpcs["a"].cidrs.first`, `a list has no field "first"`},
		{"string has no members", `x if input.vpcs["a"].region.x`, `a string has no members`},
		{"derived", "x if {\n\tsome r in input.derived.routers\n\tr.entries\n}", ""},
		{"config is open", `x if input.config.rules.NL001.anything`, ""},
		{"function argument not followed", "f(v) := v.anything\n\nx if f(input.vpcs[_])", ""},
		{"conflicting binding not followed", "x if {\n\tv := input.vpcs[_]\n\tv := input.subnets[_]\n\tv.cidr\n}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod, err := ast.ParseModuleWithOpts("t.rego", "package t\n\n"+tt.body+"\n", ast.ParserOptions{RegoVersion: ast.RegoV1})
			if err != nil {
				t.Fatal(err)
			}
			errs, err := CheckInputRefs(map[string]*ast.Module{"t.rego": mod})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("unexpected errors: %v", errs)
			case tt.want != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.want)):
				t.Errorf("got %v, want one error containing %q", errs, tt.want)
			}
		})
	}
}

// TestBuiltinRulesReadTheModel is the contract between the model and the
// built-in rules: a model field renamed without its rules breaks here.
func TestBuiltinRulesReadTheModel(t *testing.T) {
	srcs, err := BuiltinSources(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := parseModules(srcs)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := CheckInputRefs(mods)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Error(e)
	}
}

// A model field renamed without the rules that read it: the check finds every
// place, built-in rules included.
func TestCheckInputRefsCatchesRename(t *testing.T) {
	srcs, err := BuiltinSources(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	renamed := 0
	for i, s := range srcs {
		if strings.Contains(string(s.Data), ".cidrs") {
			srcs[i].Data = []byte(strings.ReplaceAll(string(s.Data), ".cidrs", ".cidr_blocks"))
			renamed++
		}
	}
	mods, err := parseModules(srcs)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := CheckInputRefs(mods)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, e := range errs {
		if !strings.Contains(e.Message, `no field "cidr_blocks"`) {
			t.Errorf("unexpected error %v", e)
		}
		files[e.File] = true
	}
	if renamed == 0 || len(files) < renamed/2 {
		t.Errorf("renamed .cidrs in %d files, the check found %d errors in %d files", renamed, len(errs), len(files))
	}
	t.Logf("renamed .cidrs in %d files: %d errors in %d files", renamed, len(errs), len(files))
}

// Inputs a test supplies are checked against the strict schema, whole or in
// part (`with input.vpcs as`), and pass through unchanged when they match.
func TestRunTestsChecksInputs(t *testing.T) {
	src := `package t_test

test_whole if {
	input.vpcs.a.cidrs == ["10.0.0.0/16"] with input as {"vpcs": {"a": {"cidrs": ["10.0.0.0/16"], "routes": null}}}
}

test_part if {
	input.vpcs.a.cidrs == ["10.0.0.0/16"] with input.vpcs as {"a": {"cidrs": ["10.0.0.0/16"]}}
}

test_wrong_type if {
	input.vpcs.a with input as {"vpcs": {"a": {"cidrs": "10.0.0.0/16"}}}
}

test_unknown_field_in_part if {
	input.vpcs.a with input.vpcs as {"a": {"cidr": "10.0.0.0/16"}}
}
`
	results, err := RunTests(t.Context(), []Source{{Name: "t_test.rego", Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"test_whole":                 "",
		"test_part":                  "",
		"test_wrong_type":            `input["vpcs"]["a"]["cidrs"]: got string, want array`,
		"test_unknown_field_in_part": `input["a"]: additional properties 'cidr' not allowed`,
	}
	for _, r := range results {
		w, ok := want[r.Name]
		if !ok {
			t.Errorf("unexpected test %s", r.Name)
			continue
		}
		delete(want, r.Name)
		switch {
		case w == "" && !r.Pass:
			t.Errorf("%s failed: %v", r.Name, r.Err)
		case w != "" && (r.Pass || r.Err == nil || !strings.Contains(r.Err.Error(), w)):
			t.Errorf("%s: pass %v err %v, want an error containing %q", r.Name, r.Pass, r.Err, w)
		}
	}
	for name := range want {
		t.Errorf("%s did not run", name)
	}
}

// A failing assertion of data.netlint.assert prints what the test got and
// what it expected.
func TestAssertPrintsGotAndWant(t *testing.T) {
	srcs, err := BuiltinSources(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, Source{Name: "t_test.rego", Data: []byte(`package t_test

import data.netlint.assert

test_sets if {
	assert.equals({"a", "b"}, {"b", "c"})
}

test_empty if {
	assert.empty([{"msg": "boom"}])
}
`)})
	results, err := RunTests(t.Context(), srcs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"test_sets":  {`got:   {"a", "b"}`, `want:  {"b", "c"}`, `missing:    {"c"}`, `unexpected: {"a"}`},
		"test_empty": {`got:   [{"msg": "boom"}]`, "want: nothing"},
	}
	for _, r := range results {
		lines, ok := want[r.Name]
		if !ok {
			continue
		}
		delete(want, r.Name)
		if r.Pass {
			t.Errorf("%s passed", r.Name)
		}
		for _, l := range lines {
			if !strings.Contains(r.Output, l) {
				t.Errorf("%s output %q lacks %q", r.Name, r.Output, l)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("tests did not run: %v", want)
	}
}
