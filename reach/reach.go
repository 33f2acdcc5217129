// Package reach computes who can reach whom from the route tables, as AWS
// evaluates them: VPC route tables, Transit Gateway route tables (with
// associations, propagations, static and blackhole routes, and peering
// attachments), VGWs (VPN CloudHub included), Direct Connect gateways (allowed
// prefixes), Client VPN endpoints (routes and authorizations) and VPC peering,
// each choosing by longest-prefix match and AWS's tie-breaks.
//
// Analyze builds the routers once. Derive fills the model's derived facts with
// them (the routers where overlapping ranges meet, which NL001 judges), and
// Trace follows traffic hop by hop (netlint path). docs/reachability.md says
// what each router holds and where netlint stops following traffic.
package reach

import (
	"maps"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/netlint/netlint/model"
)

// Analysis is a network's routers, built once.
type Analysis struct {
	n        *model.Network
	networks map[string]*model.AddressNetwork
	sites    map[string]*site // network ID -> site
	// connSites lists, per VPN connection, the site networks behind it.
	connSites map[string][]string
	routers   map[string]*router

	// Indexes built before the routers.
	vpcAttachment map[[2]string]string // [VPC, TGW] -> VPC attachment
	attachmentsOf map[string][]string  // TGW -> attachments, sorted
	assoc         map[string]string    // attachment -> router of its TGW route table
	subnetTable   map[string]string    // subnet -> router of its route table
	mainTable     map[string]string    // VPC -> router of its main route table
	connsOnVGW    map[string][]string  // VGW -> VPN connections, sorted
	tgwRoutesTo   map[string][]string  // attachment -> destinations of TGW static routes to it
}

// site is an on-premises network and what is known of its ranges.
type site struct {
	net *model.AddressNetwork
	// cidrs are exact ranges (declared); summaries are announced prefixes
	// that may cover more than the site uses.
	cidrs, summaries []netip.Prefix
	declared         bool
	// via are the patterns of a declared site naming what reaches it.
	via []string
}

// Analyze builds every router of the network. It reads the model and changes
// nothing in it.
func Analyze(n *model.Network) *Analysis {
	a := &Analysis{
		n:             n,
		networks:      map[string]*model.AddressNetwork{},
		sites:         map[string]*site{},
		connSites:     map[string][]string{},
		routers:       map[string]*router{},
		vpcAttachment: map[[2]string]string{},
		attachmentsOf: map[string][]string{},
		assoc:         map[string]string{},
		subnetTable:   map[string]string{},
		mainTable:     map[string]string{},
		connsOnVGW:    map[string][]string{},
		tgwRoutesTo:   map[string][]string{},
	}
	a.index()
	a.buildNetworks()
	a.buildRouters()
	return a
}

// Derive computes the network's derived facts: its address networks and the
// routers where overlapping ranges meet.
func Derive(n *model.Network) *Analysis {
	a := Analyze(n)
	n.Derived = model.Derived{AddressNetworks: a.networks, Routers: a.derivedRouters()}
	return a
}

func (a *Analysis) index() {
	n := a.n
	for _, id := range slices.Sorted(maps.Keys(n.TGWAttachments)) {
		t := n.TGWAttachments[id]
		if t.TransitGateway != "" {
			a.attachmentsOf[t.TransitGateway] = append(a.attachmentsOf[t.TransitGateway], id)
		}
		if t.Kind == model.AttachVPC && t.VPC != "" && t.TransitGateway != "" {
			k := [2]string{t.VPC, t.TransitGateway}
			if _, ok := a.vpcAttachment[k]; !ok {
				a.vpcAttachment[k] = id
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.RouteTables)) {
		rt := n.RouteTables[id]
		for _, s := range rt.Subnets {
			if _, ok := a.subnetTable[s]; !ok {
				a.subnetTable[s] = id
			}
		}
		if rt.Main && rt.VPC != "" {
			if _, ok := a.mainTable[rt.VPC]; !ok {
				a.mainTable[rt.VPC] = id
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.VPNConnections)) {
		if g := n.VPNConnections[id].VPNGateway; g != "" {
			a.connsOnVGW[g] = append(a.connsOnVGW[g], id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.TGWRouteTables)) {
		for _, r := range n.TGWRouteTables[id].Routes {
			if r.Attachment != "" && !r.Blackhole && r.Destination != "" {
				a.tgwRoutesTo[r.Attachment] = append(a.tgwRoutesTo[r.Attachment], r.Destination)
			}
		}
	}
}

// buildNetworks adds the address networks: VPCs, sites (declared, or implied
// by VPN static routes), client pools, and VPCs outside the input seen through
// a peering.
func (a *Analysis) buildNetworks() {
	n := a.n
	for _, id := range slices.Sorted(maps.Keys(n.VPCs)) {
		v := n.VPCs[id]
		a.networks[id] = &model.AddressNetwork{ID: id, Kind: model.NetVPC, Element: id, Address: v.Address,
			CIDRs: concat(v.CIDRs, v.IPv6CIDRs)}
	}
	for _, id := range slices.Sorted(maps.Keys(n.ClientVPNEndpoints)) {
		c := n.ClientVPNEndpoints[id]
		if c.ClientCIDR != "" {
			a.networks[id] = &model.AddressNetwork{ID: id, Kind: model.NetClientPool, Element: id,
				Address: c.Address + " client pool", CIDRs: []string{c.ClientCIDR}}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.Sites)) {
		s := n.Sites[id]
		an := &model.AddressNetwork{ID: id, Kind: model.NetSite, Element: id, Address: s.Address, CIDRs: s.CIDRs}
		a.networks[id] = an
		a.sites[id] = &site{net: an, cidrs: prefixes(s.CIDRs), summaries: prefixes(s.Summaries), declared: true, via: s.Via}
	}
	a.matchDeclaredSites()
	a.implySites()
	for _, id := range slices.Sorted(maps.Keys(n.Peerings)) {
		p := n.Peerings[id]
		a.peerNetwork(id, "requester", p.RequesterVPC, p.RequesterCIDRs)
		a.peerNetwork(id, "accepter", p.AccepterVPC, p.AccepterCIDRs)
	}
}

// matchDeclaredSites ties declared sites to the VPN connections that reach
// them: by the customer gateway's IP, by the site's via patterns, or by the
// connection a site names.
func (a *Analysis) matchDeclaredSites() {
	n := a.n
	for _, cid := range slices.Sorted(maps.Keys(n.VPNConnections)) {
		c := n.VPNConnections[cid]
		cgw := n.CustomerGateways[c.CustomerGateway]
		for _, sid := range slices.Sorted(maps.Keys(n.Sites)) {
			s := n.Sites[sid]
			if !siteReachedBy(s, c, cgw) {
				continue
			}
			a.connSites[cid] = append(a.connSites[cid], sid)
			an := a.networks[sid]
			an.Connections = append(an.Connections, cid)
		}
	}
}

func siteReachedBy(s *model.Site, c *model.VPNConnection, cgw *model.CustomerGateway) bool {
	if s.VPNConnection != "" {
		return s.VPNConnection == c.ID
	}
	if cgw != nil && cgw.IP != "" && !cgw.IsUnknown("ip") {
		for _, d := range s.Devices {
			if d.IP == cgw.IP {
				return true
			}
		}
	}
	if matchesAny(s.Via, &c.Meta) {
		return true
	}
	return cgw != nil && matchesAny(s.Via, &cgw.Meta)
}

// implySites gives every VPN connection with static routes and no declared
// site an implied site. AWS's documented redundancy design is a second
// customer device at the same location announcing the same ranges, so
// connections whose devices share an IP or whose static routes are identical
// reach one site; the site's network says that netlint assumed it.
func (a *Analysis) implySites() {
	n := a.n
	type conn struct {
		id, ip, key string
		ranges      []string
	}
	var conns []conn
	for _, cid := range slices.Sorted(maps.Keys(n.VPNConnections)) {
		if len(a.connSites[cid]) > 0 {
			continue
		}
		c := n.VPNConnections[cid]
		routes := dedupe(concat(c.StaticRoutes, a.tgwRoutesTo[c.TGWAttachment]))
		if len(routes) == 0 {
			continue
		}
		var ranges []string
		for _, r := range routes {
			if p, ok := parsePrefix(r); ok && p.Bits() > 0 {
				ranges = append(ranges, p.String())
			}
		}
		sort.Strings(ranges)
		ip := ""
		if cgw := n.CustomerGateways[c.CustomerGateway]; cgw != nil && !cgw.IsUnknown("ip") {
			ip = cgw.IP
		}
		conns = append(conns, conn{id: cid, ip: ip, key: strings.Join(ranges, ","), ranges: ranges})
	}
	// Union-find over connections: same device IP, or the same routes.
	parent := make([]int, len(conns))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byIP, byKey := map[string]int{}, map[string]int{}
	for i, c := range conns {
		if c.ip != "" {
			if j, ok := byIP[c.ip]; ok {
				parent[find(i)] = find(j)
			} else {
				byIP[c.ip] = i
			}
		}
		if c.key != "" {
			if j, ok := byKey[c.key]; ok {
				parent[find(i)] = find(j)
			} else {
				byKey[c.key] = i
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range conns {
		r := find(i)
		if len(groups[r]) == 0 {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	sort.Ints(roots)
	for _, r := range roots {
		members := groups[r]
		first := conns[members[0]]
		var ids, addrs, ranges []string
		sameIP, sameRoutes := true, true
		for _, i := range members {
			c := conns[i]
			ids = append(ids, c.id)
			addrs = append(addrs, label(&n.VPNConnections[c.id].Meta))
			ranges = append(ranges, c.ranges...)
			sameIP = sameIP && c.ip != "" && c.ip == first.ip
			sameRoutes = sameRoutes && c.key == first.key
		}
		ranges = dedupe(ranges)
		sort.Strings(ranges)
		an := &model.AddressNetwork{ID: "site:" + first.id, Kind: model.NetSite, Element: first.id,
			Address: "on-prem behind " + joinNames(addrs), CIDRs: ranges, Implied: true, Connections: ids}
		if len(ids) > 1 {
			why := "their static routes are identical"
			switch {
			case sameIP && sameRoutes:
				why = "their customer gateways share an IP address and their static routes are identical"
			case sameIP:
				why = "their customer gateways share an IP address"
			case !sameRoutes:
				why = "their customer gateways share IP addresses or their static routes are identical"
			}
			an.Assumed = "netlint assumed that " + joinNames(addrs) + " reach one on-premises site because " + why +
				"; declare sites in .netlint.yaml if they do not"
		}
		a.networks[an.ID] = an
		a.sites[an.ID] = &site{net: an, summaries: prefixes(ranges)}
		for _, id := range ids {
			a.connSites[id] = []string{an.ID}
		}
	}
}

// peerNetwork adds the network of a peering side whose VPC is outside the
// input, when AWS reported its ranges.
func (a *Analysis) peerNetwork(peering, side, vpc string, cidrs []string) {
	if _, ok := a.n.VPCs[vpc]; ok || len(cidrs) == 0 {
		return
	}
	addr := vpc
	if addr == "" {
		addr = side + " VPC of " + peering
	}
	id := "peer:" + peering + ":" + side
	a.networks[id] = &model.AddressNetwork{ID: id, Kind: model.NetPeerVPC, Element: peering, Address: addr, CIDRs: cidrs}
}

// peerSideNetwork returns the network of one side of a peering: the VPC when
// it is in the input, else the network of the ranges AWS reported.
func (a *Analysis) peerSideNetwork(peering, side, vpc string) string {
	if _, ok := a.n.VPCs[vpc]; ok {
		return vpc
	}
	id := "peer:" + peering + ":" + side
	if _, ok := a.networks[id]; ok {
		return id
	}
	return ""
}

// sitesViaDX returns the declared sites reached over a DX gateway or one of
// the virtual interfaces given.
func (a *Analysis) sitesVia(metas ...*model.Meta) []string {
	var out []string
	for _, sid := range slices.Sorted(maps.Keys(a.sites)) {
		s := a.sites[sid]
		if !s.declared {
			continue
		}
		for _, m := range metas {
			if m != nil && matchesAny(s.via, m) {
				out = append(out, sid)
				break
			}
		}
	}
	return out
}

// matchesAny reports whether a glob pattern names the element by model ID,
// address or AWS id.
func matchesAny(patterns []string, m *model.Meta) bool {
	for _, p := range patterns {
		for _, s := range []string{m.ID, m.Address, m.AWSID, m.ARN} {
			if s != "" && glob(p, s) {
				return true
			}
		}
	}
	return false
}

// glob matches '*' (any run of characters) and '?' (one character); every
// other character, brackets and quotes of addresses included, is itself.
func glob(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if glob(pattern[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && glob(pattern[1:], s[1:])
	}
	return s != "" && s[0] == pattern[0] && glob(pattern[1:], s[1:])
}

func prefixes(cidrs []string) []netip.Prefix {
	var out []netip.Prefix
	for _, c := range cidrs {
		if p, ok := parsePrefix(c); ok {
			out = append(out, p)
		}
	}
	return out
}

// label names an element in messages: its address, else its ID.
func label(m *model.Meta) string {
	if m.Address != "" {
		return m.Address
	}
	return m.ID
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func concat(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

func dedupe(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
