package model

import (
	"github.com/netlint/netlint/tfaddr"
)

// Network kinds.
const (
	NetVPC        = "vpc"
	NetSite       = "site"
	NetClientPool = "client_pool"
	NetPeerVPC    = "peer_vpc"
)

// Router kinds: the places where AWS chooses a route (package reach builds them).
const (
	RouterVPCTable   = "vpc_route_table"
	RouterTGWTable   = "tgw_route_table"
	RouterVGW        = "vpn_gateway"
	RouterDXGateway  = "dx_gateway"
	RouterPeering    = "vpc_peering_connection"
	RouterClientVPN  = "client_vpn_endpoint"
	ExclusiveAny     = "*"
	ExclusivePeering = "peering"
	ExclusiveDXVGW   = "dx_vgw_association"
)

// Derived holds facts computed once from the elements, before any policy runs
// (package reach fills it; no loader does). See docs/reachability.md.
type Derived struct {
	// AddressNetworks are the address spaces that can exchange traffic: VPCs,
	// on-prem sites, client VPN pools and VPCs outside the input seen through
	// a peering.
	AddressNetworks map[string]*AddressNetwork `json:"networks"`
	// Routers are the route tables and gateways that hold routes toward two or
	// more networks whose ranges overlap, or whose content is not fully known:
	// the places where routing has to tell networks apart.
	Routers []Router `json:"routers"`
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
	// Implied is true for a site netlint inferred from static routes: its
	// ranges are routes toward it, which may be summaries, not ranges it uses.
	Implied bool `json:"implied,omitempty"`
	// Connections are the VPN connections that reach a site.
	Connections []string `json:"connections,omitempty"`
	// Assumed says what netlint had to assume to build the network (two VPN
	// connections reaching one site), so findings can tell the user.
	Assumed string `json:"assumed,omitempty"`
}

// Router is a route table or gateway with the routes it holds toward networks.
type Router struct {
	ID string `json:"id"`
	// Kind is one of the Router* constants.
	Kind string `json:"kind"`
	// Element is the model ID of the route table, gateway, peering or endpoint.
	Element string `json:"element"`
	// Label names the router in messages ("route table X of TGW Y").
	Label string `json:"label"`
	// Via are the model IDs findings about the router name after the networks.
	Via     []string     `json:"via"`
	Entries []RouteEntry `json:"entries"`
	// Unknown gives, for each thing the router may hold but netlint cannot
	// know (prefixes learned over BGP from an undeclared site, an unknown
	// route target), the reason.
	Unknown []string `json:"unknown,omitempty"`
}

// RouteEntry is a range a router sends toward one network.
type RouteEntry struct {
	Prefix string `json:"prefix"`
	// Network is the AddressNetwork ID the range belongs to or leads to; ""
	// for a route that is not a network's (a Client VPN route's destination).
	Network string `json:"network"`
	// Label names what the range is, for messages (the network's address, or
	// the route's).
	Label string `json:"label"`
	// Exact is true when Prefix is a range the network really uses (a VPC
	// CIDR, a declared site range, a client pool); false for summaries and
	// routes, which longest-prefix match lets more specific ranges through.
	Exact bool `json:"exact"`
	// Exclusive names a group of entries AWS refuses to overlap at all
	// (ExclusivePeering: the two sides of a peering; ExclusiveDXVGW: VPCs
	// behind VGWs of one DX gateway); ExclusiveAny refuses any overlapping
	// entry (a Client VPN client pool).
	Exclusive string `json:"exclusive,omitempty"`
	// NextHop is the model ID (or "local") the router sends the range to:
	// two entries with one next hop are told apart further on, not here.
	NextHop string `json:"next_hop"`
	// How says how the route got there ("propagated from X", "static route Y
	// to Z, then ..."), for messages.
	How string `json:"how"`
	// Resources are the model IDs of the routes, attachments and elements
	// behind the entry, for findings' related locations.
	Resources []string `json:"resources,omitempty"`
}

// Elements returns every element's Meta by model ID, for reports and engines that
// must name what a finding points at.
func (n *Network) Elements() map[string]*Meta {
	out := map[string]*Meta{}
	for _, k := range n.Kinds() {
		k.each(func(_ string, e Element, isNil bool) {
			if !isNil {
				m := e.Base()
				out[m.ID] = m
			}
		})
	}
	// Routes, rules and associations declared as their own resources (aws_route,
	// aws_security_group_rule, ...) can be named by findings too.
	nested := func(parent *Meta, addr, file string, line int) {
		if addr == "" || out[addr] != nil {
			return
		}
		out[addr] = &Meta{ID: addr, Type: tfaddr.Type(addr), Address: addr, File: file, Line: line,
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
		for _, r := range c.Routes {
			nested(&c.Meta, r.Address, r.File, r.Line)
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
