package policies_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/policies"
)

// TestRego runs every built-in rule's Rego unit tests with netlint's built-ins.
func TestRego(t *testing.T) {
	srcs, err := engine.BuiltinSources(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	results, err := engine.RunTests(context.Background(), srcs)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests found")
	}
	for _, r := range results {
		t.Run(r.Package+"/"+r.Name, func(t *testing.T) {
			if r.Skip {
				t.Fatalf("%s:%d: Rego test is skipped (todo_)", r.File, r.Line)
			}
			if !r.Pass {
				t.Fatalf("%s:%d: %v\n%s", r.File, r.Line, r.Err, r.Output)
			}
		})
	}
}

// TestRegoFormatted keeps every built-in .rego file `opa fmt`-clean.
func TestRegoFormatted(t *testing.T) {
	srcs, err := engine.BuiltinSources(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		got, err := format.SourceWithOpts(s.Name, s.Data, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if !bytes.Equal(got, s.Data) {
			t.Errorf("%s is not opa fmt-clean; formatted:\n%s", s.Name, got)
		}
	}
}
