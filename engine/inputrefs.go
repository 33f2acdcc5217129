package engine

import (
	"fmt"
	"sort"

	"github.com/invopop/jsonschema"
	"github.com/open-policy-agent/opa/v1/ast"
)

// InputRefError is a rule reading a part of the input the model does not have:
// after a model field is renamed, such a rule would silently find nothing.
type InputRefError struct {
	File    string
	Row     int
	Ref     string
	Message string
}

func (e *InputRefError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Row, e.Ref, e.Message)
}

// CheckInputRefs checks every reference to the input in mods against the
// strict input schema. It follows what a rule can see without running it:
// `input.a.b`, variables bound from the input (`some id, vpc in input.vpcs`,
// `vpc := input.vpcs[id]`, `every`), and object.get with a constant key. A
// variable bound to two different parts of the input in one rule, function
// arguments and rule values are not followed: they could be anything.
//
// OPA's own schema checking (compiler.WithSchemas) is not enough here: it
// types every map of the model (input.vpcs) as any, so no field below one
// would be checked.
func CheckInputRefs(mods map[string]*ast.Module) ([]*InputRefError, error) {
	s, err := strictSchema()
	if err != nil {
		return nil, err
	}
	root := s.resolve(s.schema)
	var errs []*InputRefError
	names := make([]string, 0, len(mods))
	for name := range mods {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, r := range mods[name].Rules {
			errs = append(errs, checkRule(s, root, r)...)
		}
	}
	return errs, nil
}

// binding is what a variable holds: a part of the input, or conflicting parts.
type binding struct {
	schema   *jsonschema.Schema
	conflict bool
}

func checkRule(s *inputSchema, root *jsonschema.Schema, r *ast.Rule) []*InputRefError {
	env := map[ast.Var]*binding{}
	// schemaOf is the schema of a term, nil when it is not known to be a part
	// of the input (or is an open part of it).
	var schemaOf func(t *ast.Term) *jsonschema.Schema
	schemaOf = func(t *ast.Term) *jsonschema.Schema {
		switch v := t.Value.(type) {
		case ast.Var:
			if v.Equal(ast.InputRootDocument.Value) {
				return root
			}
			if b := env[v]; b != nil && !b.conflict {
				return b.schema
			}
		case ast.Ref:
			x := schemaOf(v[0])
			for _, k := range v[1:] {
				if x == nil {
					return nil
				}
				name, byName := k.Value.(ast.String)
				x, _ = s.step(x, string(name), byName)
			}
			return x
		}
		return nil
	}
	bind := func(t *ast.Term, x *jsonschema.Schema) bool {
		v, ok := t.Value.(ast.Var)
		if !ok || x == nil || v.IsWildcard() {
			return false
		}
		b := env[v]
		switch {
		case b == nil:
			env[v] = &binding{schema: x}
			return true
		case !b.conflict && b.schema != x:
			b.conflict = true
			return true
		}
		return false
	}
	// Bind to a fixed point: a binding may feed one made earlier in the text.
	for changed := true; changed; {
		changed = false
		ast.WalkExprs(r, func(e *ast.Expr) bool {
			switch t := e.Terms.(type) {
			case *ast.SomeDecl:
				for _, sym := range t.Symbols {
					if call, ok := sym.Value.(ast.Call); ok && len(call) >= 3 {
						domain := schemaOf(call[len(call)-1])
						item, _ := s.step(domain, "", false)
						changed = bind(call[len(call)-2], item) || changed
					}
				}
			case *ast.Every:
				item, _ := s.step(schemaOf(t.Domain), "", false)
				changed = bind(t.Value, item) || changed
			case []*ast.Term:
				if e.IsAssignment() || e.IsEquality() {
					a, b := t[1], t[2]
					changed = bind(a, schemaOf(b)) || changed
					changed = bind(b, schemaOf(a)) || changed
				}
			}
			return false
		})
	}
	var errs []*InputRefError
	report := func(loc *ast.Location, ref, msg string) {
		e := &InputRefError{Ref: ref, Message: msg}
		if loc != nil {
			e.File, e.Row = loc.File, loc.Row
		}
		errs = append(errs, e)
	}
	check := func(t *ast.Term, path ast.Ref) {
		x := schemaOf(t)
		for i, k := range path {
			if x == nil {
				return
			}
			name, byName := k.Value.(ast.String)
			next, open := s.step(x, string(name), byName)
			if next == nil && !open {
				report(k.Location, ast.Ref(append(ast.Ref{t}, path[:i+1]...)).String(), noMember(s, x, string(name), byName))
				return
			}
			x = next
		}
	}
	// object.get(x, "field", default) reads a field as surely as x.field.
	objectGet := func(call []*ast.Term) {
		if len(call) == 4 && call[0].Value.Compare(objectGetRef) == 0 {
			if _, ok := call[2].Value.(ast.String); ok {
				check(call[1], ast.Ref{call[2]})
			}
		}
	}
	ast.WalkTerms(r, func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Ref:
			check(v[0], v[1:])
		case ast.Call:
			objectGet(v)
		}
		return false
	})
	ast.WalkExprs(r, func(e *ast.Expr) bool {
		if terms, ok := e.Terms.([]*ast.Term); ok && e.IsCall() {
			objectGet(terms)
		}
		return false
	})
	return errs
}

var objectGetRef = ast.MustParseRef("object.get")

func noMember(s *inputSchema, x *jsonschema.Schema, name string, byName bool) string {
	x = s.resolve(x)
	switch {
	case x.Type == "array" && byName:
		return fmt.Sprintf("a list has no field %q", name)
	case x.Properties != nil && x.Properties.Len() > 0:
		return fmt.Sprintf("the model has no field %q here (it has %s)", name, fields(x))
	default:
		return fmt.Sprintf("a %s has no members", x.Type)
	}
}
