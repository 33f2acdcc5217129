package model

import (
	"sort"
	"strings"
)

// Network kinds.
const (
	NetVPC        = "vpc"
	NetSite       = "site"
	NetClientPool = "client_pool"
	NetPeerVPC    = "peer_vpc"
	// NetStaticRoute is the destination of a TGW static route to a VPC
	// attachment: traffic for it goes to that VPC, whatever the VPC's CIDRs.
	NetStaticRoute = "tgw_static_route"
)

// Domain kinds: what joins the networks of a connectivity domain.
const (
	DomainTransitGateway = "transit_gateway"
	DomainTGWRouteTable  = "tgw_route_table"
	DomainVPNGateway     = "vpn_gateway"
	DomainDXGateway      = "dx_gateway"
	DomainPeering        = "vpc_peering_connection"
	DomainClientVPN      = "client_vpn_endpoint"
)

// Derived holds facts computed once from the elements, before any policy runs.
type Derived struct {
	// AddressNetworks are the address spaces that can exchange traffic: VPCs,
	// on-prem sites and client VPN pools.
	AddressNetworks map[string]*AddressNetwork `json:"networks"`
	// Domains are sets of networks that can exchange traffic with each other.
	Domains []Domain `json:"domains"`
}

// AddressNetwork is one address space.
type AddressNetwork struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Element is the model ID of the VPC, site, VPN connection or client VPN
	// endpoint the network stands for.
	Element string   `json:"element"`
	Address string   `json:"address"`
	CIDRs   []string `json:"cidrs"`
}

// Domain is a set of networks joined by one gateway or connection.
type Domain struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Via are the model IDs of the elements that join the networks.
	Via      []string `json:"via"`
	Networks []string `json:"networks"`
	// Sources are networks that send through the domain without being reachable
	// in it (a TGW route table's associated, non-propagating attachments): two
	// sources never exchange traffic with each other through this domain.
	Sources []string `json:"sources,omitempty"`
}

// Derive computes the derived facts. It is deterministic: the same model gives
// the same output, whatever the map order.
func (n *Network) Derive() {
	d := Derived{AddressNetworks: map[string]*AddressNetwork{}}
	add := func(an *AddressNetwork) { d.AddressNetworks[an.ID] = an }

	for _, id := range sortedKeys(n.VPCs) {
		v := n.VPCs[id]
		add(&AddressNetwork{ID: id, Kind: NetVPC, Element: id, Address: v.Address,
			CIDRs: concat(v.CIDRs, v.IPv6CIDRs)})
	}
	for _, id := range sortedKeys(n.Sites) {
		s := n.Sites[id]
		add(&AddressNetwork{ID: id, Kind: NetSite, Element: id, Address: s.Address, CIDRs: s.CIDRs})
	}
	for _, id := range sortedKeys(n.ClientVPNEndpoints) {
		c := n.ClientVPNEndpoints[id]
		if c.ClientCIDR != "" {
			add(&AddressNetwork{ID: id, Kind: NetClientPool, Element: id,
				Address: c.Address + " client pool", CIDRs: []string{c.ClientCIDR}})
		}
	}

	vpnRemote := n.vpnRemoteNetworks(add)

	// VGW: its VPC and every site reached over its VPN connections (CloudHub).
	for _, id := range sortedKeys(n.VPNGateways) {
		g := n.VPNGateways[id]
		var members []string
		if g.VPC != "" {
			members = append(members, g.VPC)
		}
		for _, cid := range sortedKeys(n.VPNConnections) {
			if n.VPNConnections[cid].VPNGateway == id {
				members = append(members, vpnRemote[cid]...)
			}
		}
		d.addDomain(DomainVPNGateway, id, []string{id}, members)
	}

	n.deriveTGWDomains(&d, vpnRemote, add)

	// DX gateway: the VPCs behind every associated VGW or TGW.
	for _, id := range sortedKeys(n.DXGateways) {
		var members, via []string
		via = append(via, id)
		for _, aid := range sortedKeys(n.DXGatewayAssociations) {
			a := n.DXGatewayAssociations[aid]
			if a.DXGateway != id {
				continue
			}
			if g, ok := n.VPNGateways[a.Gateway]; ok && g.VPC != "" {
				members = append(members, g.VPC)
			}
			if _, ok := n.TransitGateways[a.Gateway]; ok {
				for _, tid := range sortedKeys(n.TGWAttachments) {
					t := n.TGWAttachments[tid]
					if t.TransitGateway == a.Gateway && t.Kind == AttachVPC && t.VPC != "" {
						members = append(members, t.VPC)
					}
				}
			}
		}
		d.addDomain(DomainDXGateway, id, via, members)
	}

	// Peering joins exactly its two VPCs: it is not transitive.
	for _, id := range sortedKeys(n.Peerings) {
		p := n.Peerings[id]
		req := n.peerSide(add, id, "requester", p.RequesterVPC, p.RequesterCIDRs)
		acc := n.peerSide(add, id, "accepter", p.AccepterVPC, p.AccepterCIDRs)
		if req != "" && acc != "" {
			d.addDomain(DomainPeering, id, []string{id}, []string{req, acc})
		}
	}

	// Client VPN: the pool and the VPC it serves.
	for _, id := range sortedKeys(n.ClientVPNEndpoints) {
		c := n.ClientVPNEndpoints[id]
		if c.ClientCIDR == "" {
			continue
		}
		vpcs := map[string]bool{}
		if c.VPC != "" {
			vpcs[c.VPC] = true
		}
		for _, a := range c.Associations {
			if s, ok := n.Subnets[a.Subnet]; ok && s.VPC != "" {
				vpcs[s.VPC] = true
			}
		}
		members := []string{id}
		for _, v := range sortedKeys(vpcs) {
			members = append(members, v)
		}
		d.addDomain(DomainClientVPN, id, []string{id}, members)
	}
	n.Derived = d
}

// vpnRemoteNetworks returns, per VPN connection, the on-prem networks behind it:
// sites whose devices use the customer gateway's IP, and otherwise a site implied
// by the connection's static routes (VGW) or the TGW routes to its attachment.
//
// Connections on one gateway with the same routes reach one site over redundant
// customer gateways (what the guide recommends), so they share one implied site
// rather than "overlapping" each other. A default route is a catch-all towards
// the site, not a range of it, and is left out.
func (n *Network) vpnRemoteNetworks(add func(*AddressNetwork)) map[string][]string {
	out := map[string][]string{}
	routesTo := map[string][]string{}
	for _, rid := range sortedKeys(n.TGWRouteTables) {
		for _, r := range n.TGWRouteTables[rid].Routes {
			if r.Attachment != "" && !r.Blackhole && r.Destination != "" {
				routesTo[r.Attachment] = append(routesTo[r.Attachment], r.Destination)
			}
		}
	}
	implied := map[string]*AddressNetwork{}
	for _, cid := range sortedKeys(n.VPNConnections) {
		c := n.VPNConnections[cid]
		var ip string
		if cg, ok := n.CustomerGateways[c.CustomerGateway]; ok {
			ip = cg.IP
		}
		matched := false
		for _, sid := range sortedKeys(n.Sites) {
			s := n.Sites[sid]
			if s.VPNConnection != "" {
				if s.VPNConnection == cid {
					out[cid] = append(out[cid], sid)
					matched = true
				}
				continue
			}
			for _, dev := range s.Devices {
				if ip != "" && dev.IP == ip {
					out[cid] = append(out[cid], sid)
					matched = true
					break
				}
			}
		}
		if matched {
			continue
		}
		routes := c.StaticRoutes
		if c.TGWAttachment != "" {
			routes = concat(routes, routesTo[c.TGWAttachment])
		}
		var ranges []string
		for _, r := range dedupe(routes) {
			if r != "0.0.0.0/0" && r != "::/0" {
				ranges = append(ranges, r)
			}
		}
		if len(ranges) == 0 {
			continue
		}
		sort.Strings(ranges)
		gw := c.VPNGateway
		if gw == "" {
			gw = c.TransitGateway
		}
		key := gw + "|" + strings.Join(ranges, ",")
		if gw == "" {
			key = cid
		}
		if site, ok := implied[key]; ok {
			site.Address += ", " + c.Address
			out[cid] = append(out[cid], site.ID)
			continue
		}
		site := &AddressNetwork{ID: "site:" + cid, Kind: NetSite, Element: cid,
			Address: "on-prem behind " + c.Address, CIDRs: ranges}
		implied[key] = site
		add(site)
		out[cid] = append(out[cid], site.ID)
	}
	return out
}

// peerSide returns the network ID of one side of a peering, adding a network
// for a VPC outside the model when AWS reported its ranges.
func (n *Network) peerSide(add func(*AddressNetwork), peering, side, vpc string, cidrs []string) string {
	if _, ok := n.VPCs[vpc]; ok {
		return vpc
	}
	if len(cidrs) == 0 {
		return ""
	}
	id := "peer:" + peering + ":" + side
	addr := vpc
	if addr == "" {
		addr = side + " VPC of " + peering
	}
	add(&AddressNetwork{ID: id, Kind: NetPeerVPC, Element: peering, Address: addr, CIDRs: cidrs})
	return id
}

// deriveTGWDomains adds one domain per TGW route table. A route table holds the
// ranges its associated attachments can reach: the networks of attachments that
// propagate into it, and the destinations of its static routes. Associated
// attachments that do not propagate only send through it: they are Sources, and
// two sources never exchange traffic through this table, so their ranges may
// overlap (AWS's private NAT pattern relies on this).
//
// The TGW's default route table holds the attachments that use the defaults, and
// explicit associations, propagations and routes on it; when a plan declares no
// route tables, every attachment with default association and propagation meets
// there.
func (n *Network) deriveTGWDomains(d *Derived, vpnRemote map[string][]string, add func(*AddressNetwork)) {
	attNetworks := func(t *TGWAttachment) []string {
		switch t.Kind {
		case AttachVPC:
			if t.VPC != "" {
				return []string{t.VPC}
			}
		case AttachVPN:
			return vpnRemote[t.VPNConnection]
		}
		return nil
	}
	byTGW := map[string][]string{}
	for _, tid := range sortedKeys(n.TGWAttachments) {
		t := n.TGWAttachments[tid]
		byTGW[t.TransitGateway] = append(byTGW[t.TransitGateway], tid)
	}
	tables := map[string][]string{}
	for _, rid := range sortedKeys(n.TGWRouteTables) {
		rt := n.TGWRouteTables[rid]
		tables[rt.TransitGateway] = append(tables[rt.TransitGateway], rid)
	}
	for _, gid := range sortedKeys(n.TransitGateways) {
		g := n.TransitGateways[gid]
		var defaultRT *TGWRouteTable
		explicitAssoc := map[string]bool{}
		for _, rid := range tables[gid] {
			rt := n.TGWRouteTables[rid]
			if rt.Default {
				defaultRT = rt
				continue
			}
			for _, a := range rt.Associations {
				explicitAssoc[a] = true
			}
		}
		for _, rid := range tables[gid] {
			rt := n.TGWRouteTables[rid]
			if rt.Default {
				continue
			}
			dests, sources := n.tableMembers(rt, nil, nil, attNetworks, add)
			d.addTGWDomain(DomainTGWRouteTable, rid, []string{gid, rid}, dests, sources)
		}
		// The default route table.
		var assoc, prop []string
		for _, a := range byTGW[gid] {
			t := n.TGWAttachments[a]
			if t.DefaultAssociation && g.DefaultRouteTableAssociation && !explicitAssoc[a] {
				assoc = append(assoc, a)
			}
			if t.DefaultPropagation && g.DefaultRouteTablePropagation {
				prop = append(prop, a)
			}
		}
		rt := defaultRT
		if rt == nil {
			rt = &TGWRouteTable{}
		}
		dests, sources := n.tableMembers(rt, assoc, prop, attNetworks, add)
		d.addTGWDomain(DomainTransitGateway, gid, []string{gid}, dests, sources)
	}
}

// tableMembers returns the destination and source networks of a TGW route
// table, with extra associations and propagations (the defaults).
func (n *Network) tableMembers(rt *TGWRouteTable, assoc, prop []string, attNetworks func(*TGWAttachment) []string,
	add func(*AddressNetwork)) (dests, sources []string) {
	propagates := map[string]bool{}
	for _, a := range concat(rt.Propagations, prop) {
		if propagates[a] {
			continue
		}
		propagates[a] = true
		if t, ok := n.TGWAttachments[a]; ok {
			dests = append(dests, attNetworks(t)...)
		}
	}
	for _, r := range rt.Routes {
		t, ok := n.TGWAttachments[r.Attachment]
		if !ok || r.Blackhole || r.Destination == "" || propagates[r.Attachment] {
			continue
		}
		switch {
		case r.Destination == "0.0.0.0/0" || r.Destination == "::/0":
			// A default route (to an inspection or egress VPC) is a catch-all,
			// never the range of one network.
		case t.Kind == AttachVPC && t.VPC != "":
			// A static route carries its destination only, not the whole VPC.
			v := n.VPCs[t.VPC]
			addr := t.VPC
			if v != nil {
				addr = v.Address
			}
			id := "route:" + rt.ID + ":" + r.Destination + ":" + t.VPC
			add(&AddressNetwork{ID: id, Kind: NetStaticRoute, Element: t.VPC, Address: addr, CIDRs: []string{r.Destination}})
			dests = append(dests, id)
		default:
			dests = append(dests, attNetworks(t)...)
		}
	}
	isDest := map[string]bool{}
	for _, x := range dests {
		isDest[x] = true
	}
	for _, a := range concat(rt.Associations, assoc) {
		t, ok := n.TGWAttachments[a]
		if !ok {
			continue
		}
		for _, net := range attNetworks(t) {
			if !isDest[net] {
				sources = append(sources, net)
			}
		}
	}
	return dedupe(dests), dedupe(sources)
}

func (d *Derived) addTGWDomain(kind, id string, via, dests, sources []string) {
	members := dedupe(concat(dests, sources))
	if len(members) < 2 || len(dests) == 0 {
		return
	}
	dom := Domain{ID: kind + ":" + id, Kind: kind, Via: via, Networks: members}
	if len(sources) > 0 {
		dom.Sources = sources
	}
	d.Domains = append(d.Domains, dom)
}

func (d *Derived) addDomain(kind, id string, via, members []string) {
	members = dedupe(members)
	if len(members) < 2 {
		return
	}
	d.Domains = append(d.Domains, Domain{ID: kind + ":" + id, Kind: kind, Via: via, Networks: members})
}

// Elements returns every element's Meta by model ID, for reports and engines that
// must name what a finding points at.
func (n *Network) Elements() map[string]*Meta {
	out := map[string]*Meta{}
	put := func(e Element) { m := e.Base(); out[m.ID] = m }
	for _, e := range n.VPCs {
		put(e)
	}
	for _, e := range n.Subnets {
		put(e)
	}
	for _, e := range n.RouteTables {
		put(e)
	}
	for _, e := range n.VPNGateways {
		put(e)
	}
	for _, e := range n.TransitGateways {
		put(e)
	}
	for _, e := range n.TGWAttachments {
		put(e)
	}
	for _, e := range n.TGWRouteTables {
		put(e)
	}
	for _, e := range n.CustomerGateways {
		put(e)
	}
	for _, e := range n.VPNConnections {
		put(e)
	}
	for _, e := range n.Peerings {
		put(e)
	}
	for _, e := range n.DXConnections {
		put(e)
	}
	for _, e := range n.DXLAGs {
		put(e)
	}
	for _, e := range n.DXVIFs {
		put(e)
	}
	for _, e := range n.DXGateways {
		put(e)
	}
	for _, e := range n.DXGatewayAssociations {
		put(e)
	}
	for _, e := range n.VPCEndpoints {
		put(e)
	}
	for _, e := range n.EndpointServices {
		put(e)
	}
	for _, e := range n.ClientVPNEndpoints {
		put(e)
	}
	for _, e := range n.Instances {
		put(e)
	}
	for _, e := range n.NetworkInterfaces {
		put(e)
	}
	for _, e := range n.SecurityGroups {
		put(e)
	}
	for _, e := range n.Alarms {
		put(e)
	}
	for _, e := range n.Sites {
		put(e)
	}
	// Routes, rules and associations declared as their own resources (aws_route,
	// aws_security_group_rule, ...) can be named by findings too.
	nested := func(parent *Meta, addr, file string, line int) {
		if addr == "" || out[addr] != nil {
			return
		}
		out[addr] = &Meta{ID: addr, Type: resourceType(addr), Address: addr, File: file, Line: line,
			Region: parent.Region, Account: parent.Account, Module: parent.Module}
	}
	for _, rt := range n.RouteTables {
		for _, r := range rt.Routes {
			nested(&rt.Meta, r.Address, r.File, r.Line)
		}
	}
	for _, rt := range n.TGWRouteTables {
		for _, r := range rt.Routes {
			nested(&rt.Meta, r.Address, r.File, r.Line)
		}
	}
	for _, c := range n.ClientVPNEndpoints {
		for _, a := range c.Associations {
			nested(&c.Meta, a.Address, a.File, a.Line)
		}
		for _, a := range c.Authorizations {
			nested(&c.Meta, a.Address, a.File, a.Line)
		}
	}
	for _, sg := range n.SecurityGroups {
		for _, r := range sg.Ingress {
			nested(&sg.Meta, r.Address, "", 0)
		}
		for _, r := range sg.Egress {
			nested(&sg.Meta, r.Address, "", 0)
		}
	}
	return out
}

// resourceType reads the resource type out of a Terraform address:
// module.a["x"].aws_route.r[0] is an aws_route.
func resourceType(addr string) string {
	var parts []string
	depth, start := 0, 0
	for i, r := range addr {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case '.':
			if depth == 0 {
				parts = append(parts, addr[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, addr[start:])
	for i := 0; i+1 < len(parts); i++ {
		switch parts[i] {
		case "module":
			i++
		case "data":
		default:
			return parts[i]
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func concat(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
