package reach

import (
	"net/netip"
	"slices"
)

// action is what a router does with traffic a route matches.
type action int

const (
	// deliver: the range belongs to a network reached here (a VPC's local
	// route, a propagated VPC CIDR, an on-premises site behind a VPN).
	deliver action = iota
	// forward: traffic goes on to another router (a TGW attachment, a VGW, a
	// peering, a GWLB endpoint) and is routed again there.
	forward
	// drop: a blackhole route.
	drop
	// stop: traffic leaves what netlint can follow (an internet or NAT
	// gateway, an appliance on EC2).
	stop
)

// route is one route of a router, as the router uses it.
type route struct {
	prefix netip.Prefix
	// rank orders routes for the same prefix: the lowest wins (AWS's
	// tie-breaks: local before static before propagated, and so on). Equal
	// ranks are equal-cost: all of them are kept.
	rank int
	act  action
	// network is the AddressNetwork ID a deliver route leads to.
	network string
	exact   bool
	// exclusive is the RouteEntry.Exclusive group of a deliver route.
	exclusive string
	// nextHop is the element the router hands traffic to ("local" for a
	// VPC's own ranges): two routes with one next hop are told apart later.
	nextHop string
	// to is the router a forward route leads to ("" when it is unknown:
	// then why says so).
	to string
	// how says how the route got there, for messages; why says why traffic
	// stops (stop routes) or why the next router is unknown.
	how, why string
	// resources are the model IDs behind the route (route resources,
	// attachments), for findings.
	resources []string
	// routeLabel names the route in hop-by-hop output: its resource address,
	// or "destination -> target".
	routeLabel string
	// implicit marks a route AWS adds by itself (a Client VPN endpoint's
	// route to its associated VPC), not one the user declared.
	implicit bool
}

// table is a router's routes indexed for longest-prefix match: by prefix
// length, then by masked address, so that a lookup costs one map access per
// prefix length instead of a scan of the table.
type table struct {
	routes []route
	byLen  map[int]map[netip.Prefix][]int
	lens   []int          // prefix lengths present, longest first
	sorted []netip.Prefix // distinct prefixes, by address then length
}

func newTable(routes []route) *table {
	t := &table{routes: routes, byLen: map[int]map[netip.Prefix][]int{}}
	for i, r := range routes {
		m := t.byLen[r.prefix.Bits()]
		if m == nil {
			m = map[netip.Prefix][]int{}
			t.byLen[r.prefix.Bits()] = m
			t.lens = append(t.lens, r.prefix.Bits())
		}
		if len(m[r.prefix]) == 0 {
			t.sorted = append(t.sorted, r.prefix)
		}
		m[r.prefix] = append(m[r.prefix], i)
	}
	slices.SortFunc(t.lens, func(a, b int) int { return b - a })
	slices.SortFunc(t.sorted, comparePrefix)
	return t
}

// best returns the routes of one prefix that win AWS's tie-break: the lowest
// rank, all of them when several share it (equal-cost paths).
func (t *table) best(p netip.Prefix) []route {
	idx := t.byLen[p.Bits()][p]
	if len(idx) == 0 {
		return nil
	}
	min := t.routes[idx[0]].rank
	for _, i := range idx[1:] {
		if r := t.routes[i].rank; r < min {
			min = r
		}
	}
	var out []route
	for _, i := range idx {
		if t.routes[i].rank == min {
			out = append(out, t.routes[i])
		}
	}
	return out
}

// lookup returns the routes that carry traffic for q: the longest prefix that
// contains all of q, then AWS's tie-break. A q of a single address is a plain
// longest-prefix match.
func (t *table) lookup(q netip.Prefix) []route {
	for _, bits := range t.lens {
		if bits > q.Bits() {
			continue
		}
		p, err := q.Addr().Prefix(bits)
		if err != nil {
			continue
		}
		if rs := t.best(p); len(rs) > 0 {
			return rs
		}
	}
	return nil
}

// overlapping returns the winning routes of every prefix that overlaps q:
// the prefixes that contain q and those inside it. A prefix is judged by
// itself: routes of a more specific prefix that take part of its range are
// returned beside it, not subtracted from it.
func (t *table) overlapping(q netip.Prefix) []route {
	var out []route
	for _, bits := range t.lens {
		if bits > q.Bits() {
			continue
		}
		if p, err := q.Addr().Prefix(bits); err == nil {
			out = append(out, t.best(p)...)
		}
	}
	// Prefixes inside q (longer than q) start at or after q's first address
	// and before the first address past q, in sorted order.
	i, _ := slices.BinarySearchFunc(t.sorted, q, comparePrefix)
	for ; i < len(t.sorted); i++ {
		p := t.sorted[i]
		if !q.Contains(p.Addr()) {
			break
		}
		if p.Bits() > q.Bits() {
			out = append(out, t.best(p)...)
		}
	}
	return out
}

// comparePrefix orders prefixes by family, address, then length.
func comparePrefix(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return a.Bits() - b.Bits()
}

// parsePrefix reads a CIDR, masked; false for anything else (a prefix list
// id, an empty or malformed value).
func parsePrefix(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return p.Masked(), true
}

// narrower returns the more specific of two overlapping prefixes: their
// intersection.
func narrower(a, b netip.Prefix) netip.Prefix {
	if a.Bits() >= b.Bits() {
		return a
	}
	return b
}
