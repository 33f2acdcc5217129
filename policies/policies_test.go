package policies_test

import (
	"context"
	"testing"

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
