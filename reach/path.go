package reach

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/netlint/netlint/model"
)

// Path results.
const (
	Delivered = "delivered"
	Stopped   = "stopped"
	Unknown   = "unknown"
)

// Endpoint is one end of a path: a network, or an address or range.
type Endpoint struct {
	// Name is what the user gave; Label how outputs name the end.
	Name, Label string
	// Network is the AddressNetwork the end belongs to ("" for an address in
	// no known network).
	Network string
	// Prefix is the range traffic is sent to when this end is the destination.
	Prefix netip.Prefix
	starts []start
}

// start is a router traffic from an end is first looked up in.
type start struct {
	router string
	label  string
}

// Hop is one router on a path and the route it used.
type Hop struct {
	Router  string `json:"router"`
	Element string `json:"element"`
	Route   string `json:"route"`
	NextHop string `json:"next_hop,omitempty"`
	// ECMP lists the other next hops of equal-cost routes.
	ECMP []string `json:"ecmp,omitempty"`
}

// Trace is where traffic from one start goes.
type Trace struct {
	From    string `json:"from"`
	Hops    []Hop  `json:"hops"`
	Result  string `json:"result"`
	Network string `json:"network,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// Endpoint finds what a name stands for: an IP address or CIDR, or a VPC,
// subnet, site, Client VPN endpoint or VPN connection by model ID, address,
// AWS id or Name tag (a site also by its name in .netlint.yaml).
func (a *Analysis) Endpoint(name string) (Endpoint, error) {
	if addr, err := netip.ParseAddr(name); err == nil {
		return a.addressEndpoint(name, netip.PrefixFrom(addr, addr.BitLen()))
	}
	if p, ok := parsePrefix(name); ok && strings.Contains(name, "/") {
		return a.addressEndpoint(name, p)
	}
	n := a.n
	if id := findElement(n.Subnets, name); id != "" {
		s := n.Subnets[id]
		ep := Endpoint{Name: name, Label: label(&s.Meta), Network: s.VPC}
		if p, ok := parsePrefix(s.CIDR); ok {
			ep.Prefix = p
		} else {
			ep.Prefix = a.networkPrefix(s.VPC)
		}
		if t := a.tableOfSubnet(id); t != "" {
			ep.starts = []start{{router: t, label: a.routers[t].label + " (subnet " + label(&s.Meta) + ")"}}
		}
		return ep, nil
	}
	for _, id := range []string{findElement(n.VPCs, name), findElement(n.ClientVPNEndpoints, name), findElement(n.Sites, name), siteByName(n, name)} {
		if id != "" {
			return a.networkEndpoint(name, id)
		}
	}
	if id := findElement(n.VPNConnections, name); id != "" {
		if sites := a.connSites[id]; len(sites) > 0 {
			return a.networkEndpoint(name, sites[0])
		}
		return Endpoint{}, fmt.Errorf("%s: no on-premises range is known behind it (declare its site in .netlint.yaml)", name)
	}
	if an, ok := a.networks[name]; ok {
		return a.networkEndpoint(name, an.ID)
	}
	return Endpoint{}, fmt.Errorf("%s: no VPC, subnet, site, Client VPN endpoint or VPN connection of the input has that name, and it is not an IP address or CIDR", name)
}

func siteByName(n *model.Network, name string) string {
	if _, ok := n.Sites["site."+name]; ok {
		return "site." + name
	}
	return ""
}

// findElement returns the model ID of the element a name stands for.
func findElement[E model.Element](m map[string]E, name string) string {
	if _, ok := m[name]; ok {
		return name
	}
	for _, id := range slices.Sorted(maps.Keys(m)) {
		b := m[id].Base()
		if b.Address == name || (b.AWSID != "" && b.AWSID == name) || (b.ARN != "" && b.ARN == name) || (b.Name != "" && b.Name == name) {
			return id
		}
	}
	return ""
}

// networkPrefix is the range a network is reached at: its first IPv4 range,
// else its first range.
func (a *Analysis) networkPrefix(id string) netip.Prefix {
	an := a.networks[id]
	if an == nil {
		return netip.Prefix{}
	}
	var first netip.Prefix
	for _, c := range an.CIDRs {
		if p, ok := parsePrefix(c); ok {
			if p.Addr().Is4() {
				return p
			}
			if !first.IsValid() {
				first = p
			}
		}
	}
	return first
}

func (a *Analysis) networkEndpoint(name, id string) (Endpoint, error) {
	an := a.networks[id]
	if an == nil {
		return Endpoint{}, fmt.Errorf("%s: its ranges are not known", name)
	}
	ep := Endpoint{Name: name, Label: an.Address, Network: id, Prefix: a.networkPrefix(id)}
	ep.starts = a.startsOf(id)
	return ep, nil
}

func (a *Analysis) addressEndpoint(name string, p netip.Prefix) (Endpoint, error) {
	ep := Endpoint{Name: name, Label: p.String(), Prefix: p.Masked()}
	// The network holding the address, the most specific first.
	best := -1
	for _, id := range slices.Sorted(maps.Keys(a.networks)) {
		for _, c := range a.networks[id].CIDRs {
			if q, ok := parsePrefix(c); ok && q.Bits() <= p.Bits() && q.Contains(p.Addr()) && q.Bits() > best {
				best, ep.Network = q.Bits(), id
			}
		}
	}
	if ep.Network == "" {
		return ep, nil
	}
	ep.Label = p.String() + " in " + a.networks[ep.Network].Address
	if a.networks[ep.Network].Kind == model.NetVPC {
		// From an address in a VPC: the route table of its subnet.
		for _, id := range slices.Sorted(maps.Keys(a.n.Subnets)) {
			s := a.n.Subnets[id]
			if q, ok := parsePrefix(s.CIDR); ok && s.VPC == ep.Network && q.Contains(p.Addr()) {
				if t := a.tableOfSubnet(id); t != "" {
					ep.starts = []start{{router: t, label: a.routers[t].label + " (subnet " + label(&s.Meta) + ")"}}
					return ep, nil
				}
			}
		}
	}
	ep.starts = a.startsOf(ep.Network)
	return ep, nil
}

// startsOf lists where traffic from a network is first routed: the route
// tables of a VPC's subnets; the gateways of a site's VPN connections and
// Direct Connect; a Client VPN endpoint.
func (a *Analysis) startsOf(network string) []start {
	n := a.n
	an := a.networks[network]
	var out []start
	// add a start, named by its router and what follows.
	add := func(router, suffix string) {
		for _, s := range out {
			if s.router == router {
				return
			}
		}
		if r := a.routers[router]; r != nil {
			out = append(out, start{router: router, label: r.label + suffix})
		}
	}
	switch an.Kind {
	case model.NetVPC:
		bySubnetTable := map[string][]string{}
		for _, id := range slices.Sorted(maps.Keys(n.Subnets)) {
			if s := n.Subnets[id]; s.VPC == network {
				if t := a.tableOfSubnet(id); t != "" {
					bySubnetTable[t] = append(bySubnetTable[t], label(&s.Meta))
				}
			}
		}
		for _, t := range slices.Sorted(maps.Keys(bySubnetTable)) {
			add(t, fmt.Sprintf(" (subnets %s)", strings.Join(bySubnetTable[t], ", ")))
		}
		if len(out) == 0 {
			if t, ok := a.mainTable[network]; ok {
				add(t, "")
			} else {
				add("vpc:"+network, "")
			}
		}
	case model.NetClientPool:
		add(network, "")
	case model.NetSite:
		for _, cid := range an.Connections {
			c := n.VPNConnections[cid]
			if c == nil {
				continue
			}
			if c.VPNGateway != "" {
				add(c.VPNGateway, " (over "+label(&c.Meta)+")")
			}
			if to, ok := a.assoc[c.TGWAttachment]; ok {
				add(to, " (over "+label(&c.Meta)+")")
			}
		}
		if s := a.sites[network]; s != nil && s.declared {
			for _, id := range slices.Sorted(maps.Keys(n.DXGateways)) {
				d := n.DXGateways[id]
				metas := []*model.Meta{&d.Meta}
				for _, vid := range slices.Sorted(maps.Keys(n.DXVIFs)) {
					if v := n.DXVIFs[vid]; v.DXGateway == id {
						metas = append(metas, &v.Meta)
					}
				}
				if slices.Contains(a.sitesVia(metas...), network) {
					add(id, "")
				}
			}
			for _, vid := range slices.Sorted(maps.Keys(n.DXVIFs)) {
				if v := n.DXVIFs[vid]; v.VPNGateway != "" && slices.Contains(a.sitesVia(&v.Meta), network) {
					add(v.VPNGateway, "")
				}
			}
		}
	}
	return out
}

// Trace follows traffic from src to dst's range, from each router src
// starts at.
func (a *Analysis) Trace(src, dst Endpoint) []Trace {
	if len(src.starts) == 0 {
		return []Trace{{From: src.Label, Hops: []Hop{}, Result: Unknown,
			Reason: fmt.Sprintf("netlint knows no route table or gateway %s sends traffic from", src.Label)}}
	}
	var out []Trace
	for _, s := range src.starts {
		tr := a.walk(s, dst)
		out = append(out, tr)
	}
	return out
}

// maxHops bounds a walk: more than any real path, and the end of a loop.
const maxHops = 32

func (a *Analysis) walk(s start, dst Endpoint) Trace {
	tr := Trace{From: s.label, Hops: []Hop{}}
	q := dst.Prefix
	if !q.IsValid() {
		tr.Result, tr.Reason = Unknown, "the destination's range is not known"
		return tr
	}
	seen := map[string]bool{}
	cur := s.router
	for step := 0; step < maxHops; step++ {
		r := a.routers[cur]
		if r == nil {
			tr.Result, tr.Reason = Unknown, fmt.Sprintf("%s is not in the input", cur)
			return tr
		}
		if seen[cur] {
			tr.Result, tr.Reason = Stopped, fmt.Sprintf("routing loop: traffic for %s comes back to %s", q, r.label)
			return tr
		}
		seen[cur] = true
		if r.kind == model.RouterClientVPN && step == 0 {
			if why, ok := authorized(r, q); !ok {
				tr.Result, tr.Reason = Stopped, why
				if r.authUnknown {
					tr.Result = Unknown
				}
				return tr
			}
		}
		rs := r.lookup(q)
		if len(rs) == 0 {
			tr.Result, tr.Reason = Stopped, a.noRoute(r, q, dst)
			if len(r.unknown) > 0 {
				tr.Result = Unknown
				tr.Reason += "; but " + strings.Join(r.unknown, "; ")
			}
			return tr
		}
		best := rs[0]
		hop := Hop{Router: r.label, Element: r.element, Route: best.routeLabel, NextHop: best.nextHop}
		if hop.Route == "" {
			hop.Route = best.prefix.String() + " (" + best.how + ")"
		}
		for _, o := range rs[1:] {
			if o.nextHop != best.nextHop {
				hop.ECMP = append(hop.ECMP, o.nextHop)
			}
		}
		tr.Hops = append(tr.Hops, hop)
		if other := otherNetwork(rs); other != "" {
			// Equal routes toward two networks: not equal-cost paths to
			// one place, but a conflict AWS settles by keeping one route.
			tr.Result = Unknown
			tr.Reason = fmt.Sprintf("%s holds routes for %s toward %s and %s: AWS keeps only one of them (NL001)",
				r.label, best.prefix, a.networks[best.network].Address, a.networks[other].Address)
			return tr
		}
		switch best.act {
		case deliver:
			if dst.Network == "" || best.network == dst.Network {
				tr.Result, tr.Network = Delivered, best.network
				return tr
			}
			tr.Result = Stopped
			tr.Reason = fmt.Sprintf("%s sends %s to %s instead (%s): its range covers the destination", r.label, q, a.networks[best.network].Address, best.how)
			return tr
		case forward:
			if best.to == "" {
				tr.Result, tr.Reason = Unknown, best.why
				return tr
			}
			cur = best.to
		default:
			tr.Result, tr.Reason = Stopped, best.why
			return tr
		}
	}
	tr.Result, tr.Reason = Stopped, fmt.Sprintf("more than %d hops: a routing loop", maxHops)
	return tr
}

// otherNetwork returns a network other than the first route's that one of
// equal best routes delivers to, or "".
func otherNetwork(rs []route) string {
	for _, o := range rs[1:] {
		if rs[0].act == deliver && o.act == deliver && o.network != rs[0].network {
			return o.network
		}
	}
	return ""
}

// lookup is the router's choice for a destination range: longest prefix
// containing it, then AWS's tie-break. In a VPC route table a propagated
// route more specific than the local route is kept but ignored.
func (r *router) lookup(q netip.Prefix) []route {
	rs := r.t.lookup(q)
	if r.localWins && len(rs) > 0 && rs[0].rank >= rankPropagatedDX {
		for _, rt := range r.routes {
			if rt.nextHop == "local" && rt.prefix.Bits() <= q.Bits() && rt.prefix.Contains(q.Addr()) {
				return []route{rt}
			}
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].nextHop < rs[j].nextHop })
	return rs
}

// authorized checks a Client VPN endpoint's authorization rules.
func authorized(r *router, q netip.Prefix) (string, bool) {
	for _, p := range r.auth {
		if p.Bits() <= q.Bits() && p.Contains(q.Addr()) {
			return "", true
		}
	}
	if r.authUnknown {
		return fmt.Sprintf("the authorization rules of %s are not known until apply", r.label), false
	}
	return fmt.Sprintf("not authorized: no authorization rule of %s covers %s", r.label, q), false
}

// noRoute says why a router has no route for q, as precisely as the model
// allows: a VPC on the same TGW that does not propagate into the table, a
// range outside a peer VPC.
func (a *Analysis) noRoute(r *router, q netip.Prefix, dst Endpoint) string {
	n := a.n
	switch r.kind {
	case model.RouterTGWTable:
		if v := n.VPCs[dst.Network]; v != nil {
			for _, id := range a.attachmentsByVPC(dst.Network) {
				t := n.TGWAttachments[id]
				rt := n.TGWRouteTables[r.element]
				if rt == nil || t.TransitGateway == rt.TransitGateway || t.TransitGateway == r.element {
					return fmt.Sprintf("not propagated: %s has no route for %s; %s (of %s) does not propagate into it and no static route covers it",
						r.label, q, label(&t.Meta), label(&v.Meta))
				}
			}
		}
	case model.RouterPeering:
		return fmt.Sprintf("peering is not transitive: %s is outside the CIDRs of the peer VPC of %s", q, r.element)
	}
	return fmt.Sprintf("no route: %s has no route for %s", r.label, q)
}
