package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package string
	Name    string
	File    string
	Line    int
	Pass    bool
	Skip    bool
	Err     error
	Output  string
}

// RunTests runs every test_ rule in srcs (policies and their _test.rego files)
// with netlint's built-ins, as `opa test` or `conftest verify` would.
func RunTests(ctx context.Context, srcs []Source) ([]TestResult, error) {
	mods, err := parseModules(srcs)
	if err != nil {
		return nil, err
	}
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithEnablePrintStatements(true)).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		Run(ctx, mods)
	if err != nil {
		return nil, astError("policy", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{
			Package: strings.TrimPrefix(r.Package, "data."),
			Name:    r.Name,
			Pass:    r.Pass(),
			Skip:    r.Skip,
			Err:     r.Error,
			Output:  string(r.Output),
		}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Fail && tr.Err == nil {
			tr.Err = fmt.Errorf("test failed")
		}
		out = append(out, tr)
	}
	return out, nil
}
