package engine

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/netlint/netlint/internal/safeio"
)

// MaxValueSize bounds the value one call of an amplifying built-in may make.
//
// --policy-memory is watched between evaluation steps; a single call that
// allocates its whole result at once (concat of a million references to one
// long string, bits.lsh(1, 2^40), json.marshal of an array that repeats one
// large value) could ask the Go runtime for terabytes in one step, and a
// failed allocation of that size is a fatal error, not a panic that can be
// recovered. These built-ins therefore estimate their result from their
// operands first and fail, naming themselves, when it would pass this bound.
// A network description is a few megabytes; a finding's message a few
// hundred bytes.
const MaxValueSize = 64 << 20

// maxShift bounds bits.lsh: MaxValueSize bytes of bits.
const maxShift = MaxValueSize * 8

func init() {
	guard(ast.Concat.Name, func(ops []*ast.Term) int64 {
		delim, _ := ops[0].Value.(ast.String)
		var n int
		switch c := ops[1].Value.(type) {
		case *ast.Array:
			n = c.Len()
		case ast.Set:
			n = c.Len()
		}
		return size(ops[1].Value, MaxValueSize) + int64(len(delim))*int64(n)
	})
	guard(ast.Replace.Name, func(ops []*ast.Term) int64 { return replaced(ops[0], ops[1], ops[2]) })
	guard(ast.ReplaceN.Name, func(ops []*ast.Term) int64 {
		obj, ok := ops[0].Value.(ast.Object)
		if !ok {
			return 0
		}
		var total int64
		obj.Foreach(func(k, v *ast.Term) {
			total = max(total, replaced(ops[1], k, v))
		})
		return total
	})
	guard(ast.RegexReplace.Name, func(ops []*ast.Term) int64 {
		s, sOK := ops[0].Value.(ast.String)
		r, rOK := ops[2].Value.(ast.String)
		if !sOK || !rOK {
			return 0
		}
		// Each match, empty ones included, at most one per byte.
		return int64(len(s)) + int64(len(s)+1)*int64(len(r))
	})
	for _, name := range []string{ast.JSONMarshal.Name, ast.JSONMarshalWithOptions.Name, ast.YAMLMarshal.Name,
		ast.Sprintf.Name, ast.RenderTemplate.Name, ast.Base64Encode.Name, ast.Base64UrlEncode.Name,
		ast.Base64UrlEncodeNoPad.Name, ast.HexEncode.Name, ast.URLQueryEncode.Name, ast.URLQueryEncodeObject.Name} {
		guard(name, func(ops []*ast.Term) int64 {
			var total int64
			for _, op := range ops {
				total += size(op.Value, MaxValueSize)
			}
			// Indentation, quoting and encodings multiply the size by a
			// small factor at most.
			return total * 2
		})
	}
	guard(ast.BitsShiftLeft.Name, func(ops []*ast.Term) int64 {
		n, ok := ops[1].Value.(ast.Number)
		if !ok {
			return 0
		}
		if f, ok := n.Float64(); !ok || f > maxShift {
			return MaxValueSize + 1
		}
		shift, _ := n.Int64()
		a, _ := ops[0].Value.(ast.Number)
		return shift/8 + int64(len(a))
	})
}

// guard replaces the built-in name with one that first estimates the size of
// its result and fails beyond MaxValueSize.
func guard(name string, estimate func([]*ast.Term) int64) {
	inner := topdown.GetBuiltin(name)
	if inner == nil {
		panic("engine: no built-in " + name)
	}
	topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
		if n := estimate(ops); n > MaxValueSize {
			// Halt: an error would only make the expression undefined, and
			// the rule silently quiet.
			err := fmt.Errorf("%s: the result would pass %s, netlint's bound on one value", name, safeio.FormatSize(MaxValueSize))
			if loc := bctx.Location; loc != nil {
				err = fmt.Errorf("%s:%d: %w", loc.File, loc.Row, err)
			}
			return topdown.Halt{Err: err}
		}
		return inner(bctx, ops, iter)
	})
}

// replaced bounds the length of replacing old with new in s.
func replaced(s, old, new *ast.Term) int64 {
	str, ok1 := s.Value.(ast.String)
	o, ok2 := old.Value.(ast.String)
	nw, ok3 := new.Value.(ast.String)
	if !ok1 || !ok2 || !ok3 || len(nw) <= len(o) {
		return 0
	}
	var n int
	if o == "" {
		n = utf8.RuneCountInString(string(str)) + 1
	} else {
		n = strings.Count(string(str), string(o))
	}
	return int64(len(str)) + int64(n)*int64(len(nw)-len(o))
}

// size estimates the bytes of a value written out, stopping once it passes
// limit: a value may share one large term many times over, and its size
// written out is then far larger than the memory it takes.
func size(v ast.Value, limit int64) int64 {
	var total int64
	var walk func(v ast.Value) bool
	walk = func(v ast.Value) bool {
		switch x := v.(type) {
		case ast.String:
			total += int64(len(x)) + 2
		case ast.Number:
			total += int64(len(x))
		case *ast.Array:
			total += 2
			for i := 0; i < x.Len() && total <= limit; i++ {
				walk(x.Elem(i).Value)
			}
		case ast.Set:
			total += 2
			x.Until(func(t *ast.Term) bool {
				walk(t.Value)
				return total > limit
			})
		case ast.Object:
			total += 2
			x.Until(func(k, t *ast.Term) bool {
				walk(k.Value)
				walk(t.Value)
				return total > limit
			})
		default:
			total += 8
		}
		return total > limit
	}
	walk(v)
	return total
}
