package engine

import (
	"context"
	"os"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/profiler"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/netlint/netlint/policies"
)

func TestProfileRule(t *testing.T) {
	q := os.Getenv("PROFQ")
	if q == "" {
		t.Skip()
	}
	data, _ := os.ReadFile("/tmp/input5000.json")
	var input any
	util.UnmarshalJSON(data, &input)
	srcs, _ := BuiltinSources(policies.FS, false)
	mods, _ := parseModules(srcs)
	c := ast.NewCompiler()
	c.Compile(mods)
	p := profiler.New()
	r := rego.New(rego.Compiler(c), rego.Query(q), rego.Input(input), rego.QueryTracer(p))
	if _, err := r.Eval(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, s := range p.ReportTopNResults(20, []string{"total_time_ns"}) {
		t.Logf("%v ms  n=%d  %s:%d", s.ExprTimeNs/1e6, s.NumEval, s.Location.File, s.Location.Row)
	}
}
