package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Checks of users' policies that OPA does not make, because in OPA they are
// not mistakes: netlint evaluates nothing but deny and not_evaluated of rule
// packages, loads no data documents, and owns the netlint.* namespace.

// userModules are the names of the modules not built in, sorted.
func userModules(mods map[string]*ast.Module, builtin map[string]bool) []string {
	var out []string
	for name := range mods {
		if !builtin[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func pkgName(m *ast.Module) string { return strings.TrimPrefix(m.Package.Path.String(), "data.") }

func at(m *ast.Module, name string, loc *ast.Location, format string, a ...any) *PolicyError {
	pe := &PolicyError{File: name, Message: fmt.Sprintf(format, a...)}
	if loc == nil {
		loc = m.Package.Location
	}
	if loc != nil {
		pe.Line = loc.Row
	}
	return pe
}

// checkReserved refuses a user package in netlint's namespace: it would add
// rules to the built-in packages, or replace their helpers.
func checkReserved(mods map[string]*ast.Module, builtin map[string]bool) error {
	for _, name := range userModules(mods, builtin) {
		m := mods[name]
		p := m.Package.Path
		if len(p) >= 2 && p[1].Equal(ast.StringTerm("netlint")) {
			return at(m, name, nil, "package %s: netlint.* is netlint's own namespace; name your package otherwise (acme.%s)",
				pkgName(m), strings.TrimPrefix(pkgName(m), "netlint."))
		}
	}
	return nil
}

// checkRuleKinds holds deny and not_evaluated of users' packages to the one
// form netlint reads: a set (deny contains FINDING if { ... }). Any other
// form (deny := ..., deny(x) := ..., deny[k] := ...) would give no findings,
// silently, or fail at evaluation.
func checkRuleKinds(mods map[string]*ast.Module, builtin map[string]bool) error {
	for _, name := range userModules(mods, builtin) {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		m := mods[name]
		for _, r := range m.Rules {
			ref := r.Head.Ref()
			if len(ref) == 0 {
				continue
			}
			head := ref[0].String()
			if head != "deny" && head != "not_evaluated" {
				continue
			}
			var form string
			switch {
			case len(r.Head.Args) > 0:
				form = head + "(...) := ..., a function"
			case len(ref) > 1 && r.Head.RuleKind() == ast.MultiValue:
				form = head + "[...] contains ..."
			case len(ref) > 1:
				form = head + "[...] := ..., an object"
			case r.Head.RuleKind() != ast.MultiValue:
				form = head + " := ..., a single value"
			default:
				continue
			}
			return at(m, name, r.Location, "package %s: %s must be a set: write `%s contains VALUE if { ... }`, not %s",
				pkgName(m), head, head, form)
		}
	}
	return nil
}

// checkDataRefs refuses a reference into data that no package or rule
// defines (import data.acme.shared of a package that was not loaded, a
// misspelled package): netlint loads no data documents, so it would be
// undefined and the rule would silently never fire. c is compiled, so its
// references are absolute.
func checkDataRefs(c *ast.Compiler, builtin map[string]bool) error {
	known := map[string]bool{}
	rulePaths := map[string]bool{}
	add := func(ref ast.Ref, rule bool) {
		for i := 1; i <= len(ref); i++ {
			known[ref[:i].String()] = true
		}
		if rule {
			rulePaths[ref.String()] = true
		}
	}
	for _, m := range c.Modules {
		add(m.Package.Path, false)
		for _, r := range m.Rules {
			add(m.Package.Path.Extend(r.Head.Ref().GroundPrefix()), true)
		}
	}
	names := make([]string, 0, len(c.Modules))
	for name := range c.Modules {
		if !builtin[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		m := c.Modules[name]
		var bad *PolicyError
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			if bad != nil || len(ref) < 2 || !ref[0].Equal(ast.DefaultRootDocument) {
				return false
			}
			p := ref.GroundPrefix()
			if known[p.String()] {
				return false
			}
			for i := 2; i < len(p); i++ {
				if rulePaths[p[:i].String()] {
					return false // a path into a rule's value
				}
			}
			var loc *ast.Location
			if ref[0].Location != nil {
				loc = ref[0].Location
			}
			bad = at(m, name, loc, "%s refers to no package or rule (netlint loads no data documents: only Rego packages define data.*)", p)
			return false
		})
		if bad != nil {
			return bad
		}
	}
	return nil
}

// compile compiles the modules within the limits: OPA's compiler takes no
// context, and some programs (a chain of thousands of rules) take it minutes.
func compile(mods map[string]*ast.Module, lim Limits) (*ast.Compiler, error) {
	c := ast.NewCompiler().WithCapabilities(Capabilities())
	if err := bounded(lim, func() { c.Compile(mods) }); err != nil {
		return nil, err
	}
	if c.Failed() {
		return nil, astError("policy", c.Errors)
	}
	return c, nil
}

// bounded runs f, a compilation, within the limits: past them it returns a
// *LimitError and leaves f to the process's exit. A panic in f is an error.
func bounded(lim Limits, f func()) error {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	if lim.Timeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, lim.Timeout, errTimeout)
		defer stop()
	}
	if lim.Memory > 0 {
		defer watchHeap(ctx, lim.Memory, cancel)()
	}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case p := <-done:
		if p != nil {
			return fmt.Errorf("compile policies: internal error: %v", p)
		}
		return nil
	case <-ctx.Done():
		le := &LimitError{Compile: true}
		if context.Cause(ctx) == errMemory {
			le.Memory = lim.Memory
		} else {
			le.Timeout = lim.Timeout
		}
		return le
	}
}
