package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/rego"
	"github.com/open-policy-agent/opa/types"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
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
// with netlint's built-ins, as `opa test` or `conftest verify` would. Two checks
// hold the rules and their tests to the model: every reference to the input
// must name a field the model has (CheckInputRefs), and every input a test
// supplies with `with input as` must match the strict input schema.
func RunTests(ctx context.Context, srcs []Source) ([]TestResult, error) {
	return RunTestsWith(ctx, srcs, Limits{})
}

// RunTestsWith is RunTests within limits: Timeout bounds each test (0 keeps
// OPA's 5s, and a test over it fails), Memory the heap while tests run. A
// test stopped by a limit is a *LimitError naming it, not a failing test.
func RunTestsWith(ctx context.Context, srcs []Source, lim Limits) ([]TestResult, error) {
	mods, err := parseModules(srcs)
	if err != nil {
		return nil, err
	}
	if err := checkSandbox(mods); err != nil {
		return nil, err
	}
	// The rules must be what `netlint check` would load.
	builtin := map[string]bool{}
	for _, s := range srcs {
		builtin[s.Name] = s.Builtin
	}
	rules, err := catalogue(mods, builtin)
	if err != nil {
		return nil, err
	}
	if err := checkUnannotated(mods, rules); err != nil {
		return nil, err
	}
	// A rule reading a field the model does not have is a policy error: its
	// tests could pass on inputs netlint never produces.
	refErrs, err := CheckInputRefs(mods)
	if err != nil {
		return nil, err
	}
	if len(refErrs) > 0 {
		e := refErrs[0]
		msg := e.Ref + ": " + e.Message
		if len(refErrs) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(refErrs)-1)
		}
		return nil, &PolicyError{File: e.File, Line: e.Row, Message: msg}
	}
	for _, m := range mods {
		checkTestInputs(m)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if lim.Memory > 0 {
		defer watchHeap(ctx, lim.Memory, cancel)()
	}
	runner := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithEnablePrintStatements(true).WithCapabilities(testCapabilities())).
		AddCustomBuiltins([]*tester.Builtin{testInputBuiltin}).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true)
	if lim.Timeout > 0 {
		runner.SetTimeout(lim.Timeout)
	}
	// Run compiles before it returns, without a deadline of its own.
	var ch <-chan *tester.Result
	if lerr := bounded(lim, func() { ch, err = runner.Run(ctx, mods) }); lerr != nil {
		return nil, lerr
	}
	if err != nil {
		return nil, astError("policy", err)
	}
	var out []TestResult
	var stopped *LimitError
	for r := range ch {
		if stopped == nil && r.Error != nil && topdown.IsCancel(r.Error) {
			switch {
			case context.Cause(ctx) == errMemory:
				stopped = &LimitError{Memory: lim.Memory}
			case lim.Timeout > 0:
				stopped = &LimitError{Timeout: lim.Timeout}
			}
			if stopped != nil && r.Location != nil {
				stopped.Test = fmt.Sprintf("%s:%d: test %s.%s", r.Location.File, r.Location.Row, strings.TrimPrefix(r.Package, "data."), r.Name)
			}
		}
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
	if stopped != nil {
		return nil, stopped
	}
	return out, nil
}

// testInputName is the built-in a test's `with input as X` goes through: it
// checks X against the strict input schema and returns it unchanged, so that a
// test built on a field the model does not have fails instead of testing a
// rule against an input netlint never produces.
const testInputName = "netlint.test_input"

var testInputDecl = types.NewFunction(types.Args(types.NewArray(nil, types.S), types.A), types.A)

var testInputBuiltin = &tester.Builtin{
	Decl: &ast.Builtin{Name: testInputName, Decl: testInputDecl},
	Func: rego.Function2(&rego.Function{Name: testInputName, Decl: testInputDecl},
		func(_ rego.BuiltinContext, path, value *ast.Term) (*ast.Term, error) {
			var p []string
			if err := ast.As(path.Value, &p); err != nil {
				return nil, err
			}
			s, err := strictSchema()
			if err != nil {
				return nil, err
			}
			if err := s.validate(p, value.Value); err != nil {
				return nil, err
			}
			return value, nil
		}),
}

// testCapabilities are the policies' (Capabilities) and testInputName.
func testCapabilities() *ast.Capabilities {
	c := Capabilities()
	c.Builtins = append(c.Builtins, testInputBuiltin.Decl)
	return c
}

// checkTestInputs routes every `with input... as X` of a test module through
// testInputName.
func checkTestInputs(m *ast.Module) {
	for _, r := range m.Rules {
		ast.WalkExprs(r, func(e *ast.Expr) bool {
			for _, w := range e.With {
				ref, ok := w.Target.Value.(ast.Ref)
				if !ok || !ref[0].Equal(ast.InputRootDocument) {
					continue
				}
				path := ast.NewArray()
				for _, k := range ref[1:] {
					if _, ok := k.Value.(ast.String); !ok {
						path = nil
						break
					}
					path = path.Append(k)
				}
				if path == nil {
					continue
				}
				call := ast.CallTerm(ast.RefTerm(ast.VarTerm("netlint"), ast.StringTerm("test_input")), ast.NewTerm(path), w.Value)
				call.Location = w.Value.Location
				w.Value = call
			}
			return false
		})
	}
}
