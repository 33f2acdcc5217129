package engine

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"
	"go4.org/netipx"
)

// Built-ins are registered globally once so that the engine, the Rego unit test
// runner and `netlint verify` all see the same functions with the same types.
func init() {
	rego.RegisterBuiltin1(&rego.Function{
		Name: "netlint.cidr_overlaps",
		Decl: types.NewFunction(
			types.Args(types.Named("entries", types.NewArray(nil, types.NewArray(nil, types.S))).
				Description("array of [owner, cidr] pairs")),
			types.Named("pairs", types.NewArray(nil, types.NewArray(nil, types.N))).
				Description("index pairs [i, j], i < j, of overlapping entries with different owners"),
		),
		Memoize: true,
	}, builtinCIDROverlaps)
}

// Entry is one CIDR owned by a network, as seen by OverlapPairs.
type Entry struct {
	Owner  string
	Prefix netip.Prefix
}

// OverlapPairs returns the index pairs (i < j) of entries whose prefixes overlap
// and whose owners differ, ordered by i then j.
//
// CIDR blocks are either disjoint or nested. Sorted by first address (wider first
// on ties), a block overlaps exactly the blocks still open on a stack once every
// block that ended before it is popped, so the cost is O(n log n + pairs) instead
// of the n² of comparing every pair (the Rego anchor in shared/bench).
func OverlapPairs(entries []Entry) [][2]int {
	type span struct {
		idx         int
		first, last netip.Addr
		bits        int
	}
	spans := make([]span, 0, len(entries))
	for i, e := range entries {
		p := e.Prefix.Masked()
		spans = append(spans, span{idx: i, first: p.Addr(), last: netipx.PrefixLastIP(p), bits: p.Bits()})
	}
	sort.Slice(spans, func(a, b int) bool {
		if c := spans[a].first.Compare(spans[b].first); c != 0 {
			return c < 0
		}
		if spans[a].bits != spans[b].bits {
			return spans[a].bits < spans[b].bits
		}
		return spans[a].idx < spans[b].idx
	})
	var pairs [][2]int
	var stack []span
	for _, s := range spans {
		for len(stack) > 0 && stack[len(stack)-1].last.Less(s.first) {
			stack = stack[:len(stack)-1]
		}
		for _, open := range stack {
			if entries[open.idx].Owner == entries[s.idx].Owner {
				continue
			}
			i, j := open.idx, s.idx
			if i > j {
				i, j = j, i
			}
			pairs = append(pairs, [2]int{i, j})
		}
		stack = append(stack, s)
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a][0] != pairs[b][0] {
			return pairs[a][0] < pairs[b][0]
		}
		return pairs[a][1] < pairs[b][1]
	})
	return pairs
}

func builtinCIDROverlaps(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	arr, ok := a.Value.(*ast.Array)
	if !ok {
		return nil, fmt.Errorf("netlint.cidr_overlaps: want an array of [owner, cidr], got %v", ast.ValueName(a.Value))
	}
	entries := make([]Entry, 0, arr.Len())
	var err error
	arr.Foreach(func(t *ast.Term) {
		if err != nil {
			return
		}
		pair, ok := t.Value.(*ast.Array)
		if !ok || pair.Len() != 2 {
			err = fmt.Errorf("netlint.cidr_overlaps: entry %v is not [owner, cidr]", t)
			return
		}
		owner, ok1 := pair.Elem(0).Value.(ast.String)
		cidr, ok2 := pair.Elem(1).Value.(ast.String)
		if !ok1 || !ok2 {
			err = fmt.Errorf("netlint.cidr_overlaps: entry %v is not [owner, cidr] of strings", t)
			return
		}
		p, perr := netip.ParsePrefix(string(cidr))
		if perr != nil {
			err = fmt.Errorf("netlint.cidr_overlaps: %q is not a CIDR", string(cidr))
			return
		}
		entries = append(entries, Entry{Owner: string(owner), Prefix: p})
	})
	if err != nil {
		return nil, err
	}
	pairs := OverlapPairs(entries)
	out := make([]*ast.Term, len(pairs))
	for k, p := range pairs {
		out[k] = ast.ArrayTerm(ast.IntNumberTerm(p[0]), ast.IntNumberTerm(p[1]))
	}
	return ast.ArrayTerm(out...), nil
}
