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
	rego.RegisterBuiltin1(&rego.Function{
		Name: "netlint.cidr_overlaps_by",
		Decl: types.NewFunction(
			types.Args(types.Named("entries", types.NewArray(nil, types.NewArray(nil, types.S))).
				Description("array of [group, owner, cidr]")),
			types.Named("pairs", types.NewArray(nil, types.NewArray(nil, types.N))).
				Description("index pairs [i, j], i < j, of overlapping entries of one group with different owners"),
		),
		Memoize: true,
	}, builtinCIDROverlapsBy)
	rego.RegisterBuiltin2(&rego.Function{
		Name: "netlint.cidrs_outside",
		Decl: types.NewFunction(
			types.Args(
				types.Named("blocks", types.NewObject(nil, types.NewDynamicProperty(types.S, types.NewArray(nil, types.S)))).
					Description("object: group -> array of CIDRs"),
				types.Named("entries", types.NewArray(nil, types.NewArray(nil, types.S))).
					Description("array of [group, owner, cidr], as netlint.cidr_overlaps_by takes"),
			),
			types.Named("indexes", types.NewArray(nil, types.N)).
				Description("indexes of the entries whose CIDR lies inside none of its group's blocks (groups absent from blocks are skipped)"),
		),
		Memoize: true,
	}, builtinCIDRsOutside)
}

// Entry is one CIDR owned by a network, as seen by OverlapPairs. Entries of
// different groups never overlap each other (the subnets of two VPCs).
type Entry struct {
	Group  string
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
		group       string
		first, last netip.Addr
		bits        int
	}
	spans := make([]span, 0, len(entries))
	for i, e := range entries {
		p := e.Prefix.Masked()
		spans = append(spans, span{idx: i, group: e.Group, first: p.Addr(), last: netipx.PrefixLastIP(p), bits: p.Bits()})
	}
	sort.Slice(spans, func(a, b int) bool {
		if spans[a].group != spans[b].group {
			return spans[a].group < spans[b].group
		}
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
		if len(stack) > 0 && stack[0].group != s.group {
			stack = stack[:0]
		}
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

// stringTuple reads an array of exactly n strings.
func stringTuple(t *ast.Term, n int) ([]string, bool) {
	arr, ok := t.Value.(*ast.Array)
	if !ok || arr.Len() != n {
		return nil, false
	}
	out := make([]string, n)
	for i := 0; i < n; i++ {
		s, ok := arr.Elem(i).Value.(ast.String)
		if !ok {
			return nil, false
		}
		out[i] = string(s)
	}
	return out, true
}

func builtinCIDROverlapsBy(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	arr, ok := a.Value.(*ast.Array)
	if !ok {
		return nil, fmt.Errorf("netlint.cidr_overlaps_by: want an array of [group, owner, cidr], got %v", ast.ValueName(a.Value))
	}
	entries := make([]Entry, 0, arr.Len())
	var err error
	arr.Foreach(func(t *ast.Term) {
		if err != nil {
			return
		}
		f, ok := stringTuple(t, 3)
		if !ok {
			err = fmt.Errorf("netlint.cidr_overlaps_by: entry %v is not [group, owner, cidr] of strings", t)
			return
		}
		p, perr := netip.ParsePrefix(f[2])
		if perr != nil {
			err = fmt.Errorf("netlint.cidr_overlaps_by: %q is not a CIDR", f[2])
			return
		}
		entries = append(entries, Entry{Group: f[0], Owner: f[1], Prefix: p})
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

// Outside returns the indexes of the entries whose prefix lies
// inside none of the blocks of its group; groups without blocks are skipped.
func Outside(blocks map[string][]netip.Prefix, groups []string, prefixes []netip.Prefix) []int {
	var out []int
	for i, p := range prefixes {
		bs, ok := blocks[groups[i]]
		if !ok {
			continue
		}
		inside := false
		for _, b := range bs {
			if b.Bits() <= p.Bits() && b.Contains(p.Addr()) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, i)
		}
	}
	return out
}

func builtinCIDRsOutside(_ rego.BuiltinContext, a, b *ast.Term) (*ast.Term, error) {
	obj, ok := a.Value.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("netlint.cidrs_outside: want an object of group -> CIDRs, got %v", ast.ValueName(a.Value))
	}
	blocks := map[string][]netip.Prefix{}
	var err error
	obj.Foreach(func(k, v *ast.Term) {
		g, ok := k.Value.(ast.String)
		list, ok2 := v.Value.(*ast.Array)
		if err != nil || !ok || !ok2 {
			if err == nil {
				err = fmt.Errorf("netlint.cidrs_outside: blocks of %v are not an array of CIDRs", k)
			}
			return
		}
		ps := []netip.Prefix{}
		list.Foreach(func(t *ast.Term) {
			if s, ok := t.Value.(ast.String); ok {
				if p, perr := netip.ParsePrefix(string(s)); perr == nil {
					ps = append(ps, p.Masked())
				}
			}
		})
		blocks[string(g)] = ps
	})
	if err != nil {
		return nil, err
	}
	arr, ok := b.Value.(*ast.Array)
	if !ok {
		return nil, fmt.Errorf("netlint.cidrs_outside: want an array of [group, owner, cidr], got %v", ast.ValueName(b.Value))
	}
	groups := make([]string, 0, arr.Len())
	prefixes := make([]netip.Prefix, 0, arr.Len())
	arr.Foreach(func(t *ast.Term) {
		if err != nil {
			return
		}
		f, ok := stringTuple(t, 3)
		if !ok {
			err = fmt.Errorf("netlint.cidrs_outside: entry %v is not [group, owner, cidr] of strings", t)
			return
		}
		p, perr := netip.ParsePrefix(f[2])
		if perr != nil {
			err = fmt.Errorf("netlint.cidrs_outside: %q is not a CIDR", f[2])
			return
		}
		groups = append(groups, f[0])
		prefixes = append(prefixes, p.Masked())
	})
	if err != nil {
		return nil, err
	}
	idx := Outside(blocks, groups, prefixes)
	out := make([]*ast.Term, len(idx))
	for k, i := range idx {
		out[k] = ast.IntNumberTerm(i)
	}
	return ast.ArrayTerm(out...), nil
}
