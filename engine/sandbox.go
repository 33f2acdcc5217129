package engine

import (
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Policies are sandboxed: they see the network netlint gives them and nothing
// else. Every built-in OPA marks as non-deterministic (http.send,
// net.lookup_ip_addr, opa.runtime, time.now_ns, rand.intn, uuid.rfc4122, ...)
// reads the network, the host or the clock, so it is removed from the
// capabilities every policy is compiled with, the built-in rules included.

// forbidden reports whether a built-in is kept from policies.
func forbidden(b *ast.Builtin) bool { return b.Nondeterministic }

// Capabilities are OPA's capabilities for this version (netlint's own
// built-ins included) without the forbidden built-ins.
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	c.Builtins = slices.DeleteFunc(slices.Clone(c.Builtins), forbidden)
	// No remote bundles or schemas either.
	c.AllowNet = []string{}
	return c
}

// forbiddenNames maps the name of every forbidden built-in to itself.
func forbiddenNames() map[string]bool {
	out := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if forbidden(b) {
			out[b.Name] = true
		}
	}
	return out
}

// checkSandbox finds the first use of a forbidden built-in in the modules (a
// call, or a `with` that replaces one), so that the error names it instead of
// OPA's "undefined function". Modules are visited in name order.
func checkSandbox(mods map[string]*ast.Module) error {
	banned := forbiddenNames()
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		m := mods[name]
		// An import alias shadows a built-in's namespace: `import data.x as http`.
		shadowed := map[string]bool{}
		for _, imp := range m.Imports {
			if v := imp.Name(); v != "" {
				shadowed[string(v)] = true
			}
		}
		var found *ast.Term
		var what string
		check := func(ref ast.Ref, at *ast.Term) {
			if len(ref) == 0 {
				return
			}
			head, ok := ref[0].Value.(ast.Var)
			if !ok || shadowed[string(head)] || !banned[ref.String()] {
				return
			}
			// The first use in the file.
			if found == nil || at.Location != nil && (found.Location == nil || at.Location.Row < found.Location.Row) {
				found, what = at, ref.String()
			}
		}
		ast.WalkTerms(m, func(t *ast.Term) bool {
			if call, ok := t.Value.(ast.Call); ok && len(call) > 0 {
				if ref, ok := call[0].Value.(ast.Ref); ok {
					check(ref, t)
				}
			}
			return false
		})
		ast.WalkExprs(m, func(e *ast.Expr) bool {
			if e.IsCall() {
				check(e.Operator(), &ast.Term{Location: e.Location})
			}
			for _, w := range e.With {
				if ref, ok := w.Target.Value.(ast.Ref); ok {
					check(ref, w.Target)
				}
			}
			return false
		})
		if found != nil {
			pe := &PolicyError{File: name, Message: fmt.Sprintf("%s is not allowed in netlint policies (no network, host, clock or random built-ins)", what)}
			if loc := found.Location; loc != nil {
				if loc.File != "" {
					pe.File = loc.File
				}
				pe.Line = loc.Row
			}
			return pe
		}
	}
	return nil
}
