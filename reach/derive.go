package reach

import (
	"maps"
	"net/netip"
	"slices"
	"sort"

	"github.com/netlint/netlint/model"
)

// maxDepth bounds how many routers netlint follows traffic through when it
// looks beyond a route: more than any real design chains (VPC, TGW, peering,
// TGW, inspection VPC, TGW, VPC), and a stop for routing loops.
const maxDepth = 12

// delivery is a range some network receives beyond a route.
type delivery struct {
	prefix    netip.Prefix
	network   string
	exact     bool
	how       string
	resources []string
}

// derivedRouters lists the routers where ranges of two networks meet, with
// what each holds toward them: its own routes to networks, and, where one
// of its routes forwards traffic on (to a TGW, a peering, a VPC attachment),
// the networks beyond that route whose ranges overlap another route of the
// router. Routers that hold nothing overlapping, and hold nothing unknown,
// are left out: policies have nothing to judge there.
func (a *Analysis) derivedRouters() []model.Router {
	var out []model.Router
	for _, id := range slices.Sorted(maps.Keys(a.routers)) {
		r := a.routers[id]
		if r.internal || !r.used {
			continue
		}
		entries, unknown := a.entries(r)
		if !overlapAcrossNetworks(entries) && (len(unknown) == 0 || len(entries) == 0) {
			continue
		}
		out = append(out, model.Router{ID: r.kind + ":" + r.id, Kind: r.kind, Element: r.element, Label: r.label,
			Via: r.via, Entries: entries, Unknown: unknown})
	}
	return out
}

// entries returns what a router holds toward networks, and what it cannot
// know.
func (a *Analysis) entries(r *router) ([]model.RouteEntry, []string) {
	unknown := append([]string(nil), r.unknown...)
	var items []route
	for _, rt := range r.routes {
		if rt.act == deliver || rt.act == forward {
			items = append(items, rt)
		}
	}
	var out []model.RouteEntry
	seen := map[[3]string]bool{}
	emit := func(e model.RouteEntry) {
		k := [3]string{e.Prefix, e.Network, e.NextHop}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, e)
	}
	for _, rt := range items {
		if rt.act == deliver {
			emit(a.entry(rt))
		}
	}
	// Where a forward route overlaps another route with another next hop,
	// what lies beyond it in the overlap is what the router has to tell
	// apart from the other route.
	type look struct {
		route int
		q     netip.Prefix
	}
	done := map[look]bool{}
	reached := map[int]bool{}
	eachOverlap(items, func(i, j int) {
		x, y := items[i], items[j]
		if x.nextHop == y.nextHop {
			return
		}
		q := narrower(x.prefix, y.prefix)
		for _, k := range []int{i, j} {
			f := items[k]
			if f.act != forward || done[look{k, q}] {
				continue
			}
			done[look{k, q}] = true
			if f.to == "" {
				if f.why != "" {
					unknown = appendOnce(unknown, f.why)
				}
				continue
			}
			ds, unk := a.beyond(f.to, q, f.prefix, []string{r.id})
			for _, u := range unk {
				unknown = appendOnce(unknown, u)
			}
			if len(ds) > 0 {
				reached[k] = true
			}
			for _, d := range ds {
				emit(model.RouteEntry{Prefix: d.prefix.String(), Network: d.network, Label: a.networks[d.network].Address,
					Exact: d.exact, NextHop: f.nextHop, How: f.how + ", then " + d.how,
					Resources: dedupe(concat(f.resources, d.resources))})
			}
		}
	})
	if r.kind == model.RouterClientVPN {
		// The client CIDR must not overlap a route of the endpoint either:
		// the destinations of routes that lead to no known network stand
		// for themselves (a default route excepted, which every full-tunnel
		// endpoint has).
		for k, rt := range items {
			if rt.act == forward && rt.prefix.Bits() > 0 && !rt.implicit && !reached[k] {
				emit(model.RouteEntry{Prefix: rt.prefix.String(), Network: "route:" + r.id + ":" + rt.prefix.String(),
					Label: "route " + rt.routeLabel, NextHop: rt.nextHop, How: rt.how, Resources: rt.resources})
			}
		}
	}
	return out, unknown
}

func (a *Analysis) entry(rt route) model.RouteEntry {
	lbl := rt.network
	if an := a.networks[rt.network]; an != nil {
		lbl = an.Address
	}
	return model.RouteEntry{Prefix: rt.prefix.String(), Network: rt.network, Label: lbl, Exact: rt.exact,
		Exclusive: rt.exclusive, NextHop: rt.nextHop, How: rt.how, Resources: rt.resources}
}

// beyond returns the networks that receive traffic for q once it reaches
// router `to`, following forward routes. Each delivery keeps the range the
// routes on the way carry (clip), not q: a static route carries its
// destination only, and q only chooses what to look at. stack holds the
// routers on the way (a loop ends there). unknown says what could not be
// followed.
func (a *Analysis) beyond(to string, q, clip netip.Prefix, stack []string) (out []delivery, unknown []string) {
	r := a.routers[to]
	if r == nil || slices.Contains(stack, to) || len(stack) > maxDepth {
		return nil, nil
	}
	stack = append(stack, to)
	for _, rt := range r.t.overlapping(q) {
		q2, clip2 := narrower(rt.prefix, q), narrower(rt.prefix, clip)
		switch rt.act {
		case deliver:
			out = append(out, delivery{prefix: clip2, network: rt.network, exact: rt.exact,
				how: rt.how + " in " + r.label, resources: rt.resources})
		case forward:
			if rt.to == "" {
				if rt.why != "" {
					unknown = append(unknown, rt.why)
				}
				continue
			}
			ds, unk := a.beyond(rt.to, q2, clip2, stack)
			for i := range ds {
				ds[i].how = rt.how + " in " + r.label + ", then " + ds[i].how
				ds[i].resources = dedupe(concat(rt.resources, ds[i].resources))
			}
			out = append(out, ds...)
			unknown = append(unknown, unk...)
		}
	}
	return out, unknown
}

// eachOverlap calls fn(i, j) for every pair of items whose prefixes overlap,
// in O(n log n + pairs): sorted by address, the prefixes containing an item
// form a chain of enclosing prefixes before it.
func eachOverlap(items []route, fn func(i, j int)) {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return comparePrefix(items[idx[x]].prefix, items[idx[y]].prefix) < 0 })
	var stack []int
	for _, i := range idx {
		p := items[i].prefix
		for len(stack) > 0 && !items[stack[len(stack)-1]].prefix.Contains(p.Addr()) {
			stack = stack[:len(stack)-1]
		}
		for _, j := range stack {
			fn(j, i)
		}
		stack = append(stack, i)
	}
}

// overlapAcrossNetworks reports whether two entries of different networks
// have overlapping prefixes.
func overlapAcrossNetworks(entries []model.RouteEntry) bool {
	items := make([]route, 0, len(entries))
	for _, e := range entries {
		if p, ok := parsePrefix(e.Prefix); ok {
			items = append(items, route{prefix: p, network: e.Network})
		}
	}
	found := false
	eachOverlap(items, func(i, j int) {
		if items[i].network != items[j].network {
			found = true
		}
	})
	return found
}

func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
