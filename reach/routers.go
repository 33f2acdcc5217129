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

// router is one place where AWS chooses a route.
type router struct {
	id, kind, element, label string
	via                      []string
	routes                   []route
	// unknown holds, for what the router may route but netlint cannot know,
	// the reason.
	unknown []string
	// used is true when some traffic looks routes up here: a VPC route
	// table with subnets (or the main one), a TGW route table with
	// associations. A router nobody uses conflicts with nothing.
	used bool
	// internal routers exist for following traffic only (a VPC without
	// route tables in the input, one side of a peering): they are not
	// reported.
	internal bool
	// localWins: a VPC route table, where a propagated route more specific
	// than the local route is kept but ignored.
	localWins bool
	// auth are a Client VPN endpoint's authorized destinations.
	auth        []netip.Prefix
	authUnknown bool
	t           *table
}

func (r *router) add(rt route) { r.routes = append(r.routes, rt) }

func (r *router) addUnknown(reason string) {
	for _, u := range r.unknown {
		if u == reason {
			return
		}
	}
	r.unknown = append(r.unknown, reason)
}

// Route ranks: the lower wins for one prefix. VPC route tables: local, then
// static, then propagated (Direct Connect, static VPN, BGP VPN). TGW route
// tables: static, then propagated from a VPC, a DX gateway, a VPN. VGWs:
// Direct Connect, then static VPN, then BGP VPN routes (Site-to-Site VPN
// guide, "Route tables and VPN route priority"; TGW guide, "Route
// evaluation order").
const (
	rankLocal        = 0
	rankStatic       = 1
	rankPropagatedDX = 3
	rankPropagatedSt = 4
	rankPropagatedBG = 5

	rankTGWStatic  = 0
	rankTGWVPC     = 2
	rankTGWDX      = 3
	rankTGWConnect = 4
	rankTGWVPN     = 6

	rankVGWVPC    = 0
	rankVGWDX     = 0
	rankVGWStatic = 1
	rankVGWBGP    = 2
)

func (a *Analysis) buildRouters() {
	n := a.n
	// VGWs first: VPC route tables copy the routes they propagate.
	for _, id := range slices.Sorted(maps.Keys(n.VPNGateways)) {
		a.buildVGW(n.VPNGateways[id])
	}
	for _, id := range slices.Sorted(maps.Keys(n.VPCs)) {
		a.vpcFallback(id)
	}
	a.buildTGWTables()
	for _, id := range slices.Sorted(maps.Keys(n.RouteTables)) {
		a.buildVPCTable(n.RouteTables[id])
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXGateways)) {
		a.buildDXGateway(n.DXGateways[id])
	}
	for _, id := range slices.Sorted(maps.Keys(n.Peerings)) {
		a.buildPeering(n.Peerings[id])
	}
	for _, id := range slices.Sorted(maps.Keys(n.ClientVPNEndpoints)) {
		a.buildClientVPN(n.ClientVPNEndpoints[id])
	}
	for _, r := range a.routers {
		r.t = newTable(r.routes)
	}
}

func (a *Analysis) newRouter(id, kind, element, label string, via ...string) *router {
	r := &router{id: id, kind: kind, element: element, label: label, via: via}
	a.routers[id] = r
	return r
}

// vpcLocal adds a VPC's local routes.
func (a *Analysis) vpcLocal(r *router, vpcID string) {
	v := a.n.VPCs[vpcID]
	if v == nil {
		return
	}
	if v.IsUnknown("cidrs") || v.IsUnknown("ipv6_cidrs") {
		r.addUnknown(fmt.Sprintf("the CIDRs of %s are not known until apply", label(&v.Meta)))
	}
	for _, c := range concat(v.CIDRs, v.IPv6CIDRs) {
		if p, ok := parsePrefix(c); ok {
			r.add(route{prefix: p, rank: rankLocal, act: deliver, network: vpcID, exact: true, nextHop: "local",
				how: "local route of " + label(&v.Meta), routeLabel: p.String() + " local"})
		}
	}
}

// vpcFallback is where traffic lands in a VPC whose route tables are not in
// the input: its own ranges, and nothing else netlint can follow.
func (a *Analysis) vpcFallback(vpcID string) {
	v := a.n.VPCs[vpcID]
	r := a.newRouter("vpc:"+vpcID, model.RouterVPCTable, vpcID, "VPC "+label(&v.Meta), vpcID)
	r.internal = true
	a.vpcLocal(r, vpcID)
	r.addUnknown(fmt.Sprintf("the route tables of %s are not in the input", label(&v.Meta)))
}

// tableOfSubnet is the router of a subnet's route table: its explicit
// association, else its VPC's main table, else the VPC's fallback.
func (a *Analysis) tableOfSubnet(subnet string) string {
	if t, ok := a.subnetTable[subnet]; ok {
		return t
	}
	s := a.n.Subnets[subnet]
	if s == nil || s.VPC == "" {
		return ""
	}
	if t, ok := a.mainTable[s.VPC]; ok {
		return t
	}
	if _, ok := a.n.VPCs[s.VPC]; ok {
		return "vpc:" + s.VPC
	}
	return ""
}

func (a *Analysis) buildVPCTable(rt *model.RouteTable) {
	n := a.n
	vpcLabel := rt.VPC
	if v := n.VPCs[rt.VPC]; v != nil {
		vpcLabel = label(&v.Meta)
	}
	r := a.newRouter(rt.ID, model.RouterVPCTable, rt.ID, fmt.Sprintf("route table %s of VPC %s", label(&rt.Meta), vpcLabel), rt.ID)
	if rt.VPC != "" {
		r.via = append(r.via, rt.VPC)
	}
	r.localWins = true
	r.used = rt.Main || len(rt.Subnets) > 0 || rt.IsUnknown("subnets")
	if rt.IsUnknown("vpc") {
		r.addUnknown(fmt.Sprintf("the VPC of %s is not known until apply", label(&rt.Meta)))
	}
	if rt.IsUnknown("routes") {
		r.addUnknown(fmt.Sprintf("the routes of %s are not known until apply", label(&rt.Meta)))
	}
	a.vpcLocal(r, rt.VPC)
	for i := range rt.Routes {
		a.vpcRoute(r, rt, &rt.Routes[i])
	}
	if rt.IsUnknown("propagating_vgws") {
		r.addUnknown(fmt.Sprintf("the VGW route propagation of %s is not known until apply", label(&rt.Meta)))
	}
	for _, g := range rt.PropagatingVGWs {
		vgw := a.routers[g]
		if vgw == nil {
			r.addUnknown(fmt.Sprintf("%s propagates routes from VGW %s, which is not in the input", label(&rt.Meta), g))
			continue
		}
		for _, u := range vgw.unknown {
			r.addUnknown(u)
		}
		for _, vr := range vgw.routes {
			if vr.act != deliver || vr.nextHop == rt.VPC {
				continue // the VGW's own VPC is local here
			}
			cp := vr
			cp.rank = rankPropagatedBG
			switch vr.rank {
			case rankVGWDX:
				cp.rank = rankPropagatedDX
			case rankVGWStatic:
				cp.rank = rankPropagatedSt
			}
			cp.nextHop = g
			cp.exclusive = ""
			cp.how = "propagated from VGW " + vgw.element + " (" + vr.how + ")"
			cp.resources = append([]string{g}, vr.resources...)
			cp.routeLabel = vr.prefix.String() + " propagated from VGW " + vgw.element
			r.add(cp)
		}
	}
}

// vpcRoute adds one route of a VPC route table.
func (a *Analysis) vpcRoute(r *router, rt *model.RouteTable, x *model.Route) {
	n := a.n
	name := x.Address
	if name == "" {
		name = fmt.Sprintf("route %s in %s", x.Destination, label(&rt.Meta))
	}
	if has(x.Unknown, "destination") {
		r.addUnknown(fmt.Sprintf("the destination of %s is not known until apply", name))
		return
	}
	p, ok := parsePrefix(x.Destination)
	if !ok {
		if strings.HasPrefix(x.Destination, "pl-") {
			r.addUnknown(fmt.Sprintf("%s goes to prefix list %s, whose ranges are not in the input", name, x.Destination))
		}
		return
	}
	if x.TargetKind == model.TargetLocal {
		return // the VPC's local routes are added from its CIDRs
	}
	rr := route{prefix: p, rank: rankStatic, nextHop: x.Target, resources: nonEmpty(x.Address),
		routeLabel: routeName(x.Address, p, x.TargetKind, x.Target)}
	if x.Propagated {
		rr.rank = rankPropagatedBG
	}
	followed := x.TargetKind == model.TargetVPNGateway || x.TargetKind == model.TargetTransitGateway ||
		x.TargetKind == model.TargetPeering || x.TargetKind == model.TargetVPCEndpoint
	if has(x.Unknown, "target_kind") || ((has(x.Unknown, "target") || x.Target == "") && followed) {
		// An unknown internet or NAT gateway still takes traffic out of
		// what netlint follows; an unknown TGW, VGW or peering could lead
		// anywhere.
		rr.act, rr.why = forward, fmt.Sprintf("the target of %s is not known until apply", name)
		rr.how = name + " to a target not known until apply"
		r.add(rr)
		return
	}
	switch x.TargetKind {
	case model.TargetVPNGateway:
		rr.act, rr.how = forward, fmt.Sprintf("%s to VGW %s", name, x.Target)
		if _, ok := a.routers[x.Target]; ok {
			rr.to = x.Target
		} else {
			rr.why = fmt.Sprintf("VGW %s of %s is not in the input", x.Target, name)
		}
	case model.TargetTransitGateway:
		var unknown bool
		rr.to, rr.nextHop, rr.why, unknown = a.tgwFromVPC(rt.VPC, x.Target)
		rr.act, rr.how = forward, fmt.Sprintf("%s to TGW %s", name, x.Target)
		if rr.to == "" && !unknown {
			rr.act = stop
		}
	case model.TargetPeering:
		rr.act, rr.how = forward, fmt.Sprintf("%s to peering %s", name, x.Target)
		rr.to, rr.why = a.peerFromVPC(rt.VPC, x.Target)
	case model.TargetVPCEndpoint:
		e := n.VPCEndpoints[x.Target]
		if e != nil && strings.EqualFold(e.EndpointType, "GatewayLoadBalancer") && len(e.Subnets) > 0 {
			rr.act, rr.how = forward, fmt.Sprintf("%s to Gateway Load Balancer endpoint %s (inspection), then the route table of its subnet", name, label(&e.Meta))
			rr.to = a.tableOfSubnet(e.Subnets[0])
			if rr.to == "" {
				rr.why = fmt.Sprintf("the route table of the subnet of %s is not in the input", label(&e.Meta))
			}
		} else {
			rr.act, rr.why = stop, fmt.Sprintf("%s hands traffic to VPC endpoint %s", name, x.Target)
		}
	case model.TargetInstance, model.TargetNetworkInterface:
		rr.act = stop
		rr.why = fmt.Sprintf("%s hands traffic to appliance %s (an EC2 instance or network interface): where it goes next is up to the appliance's software", name, x.Target)
		rr.how = fmt.Sprintf("%s to appliance %s", name, x.Target)
	case model.TargetNATGateway:
		rr.act, rr.why = stop, fmt.Sprintf("%s sends traffic through NAT gateway %s, which translates its source; netlint does not follow it further", name, x.Target)
	case model.TargetInternetGateway, model.TargetEgressOnly:
		rr.act, rr.why = stop, fmt.Sprintf("%s sends traffic out of AWS through %s", name, x.Target)
	default:
		rr.act, rr.why = stop, fmt.Sprintf("%s sends traffic to %s %s, which netlint does not follow", name, strings.ReplaceAll(x.TargetKind, "_", " "), x.Target)
	}
	r.add(rr)
}

// tgwFromVPC returns where traffic from a VPC goes when a route sends it to
// a TGW: the route table its attachment is associated with. With none, why
// says why, and unknown tells whether that is for lack of knowledge.
func (a *Analysis) tgwFromVPC(vpc, tgw string) (to, nextHop, why string, unknown bool) {
	att, ok := a.vpcAttachment[[2]string{vpc, tgw}]
	if !ok {
		if _, inModel := a.n.TransitGateways[tgw]; !inModel {
			return "", tgw, fmt.Sprintf("TGW %s is not in the input", tgw), true
		}
		for _, id := range a.attachmentsByVPC(vpc) {
			if a.n.TGWAttachments[id].IsUnknown("transit_gateway") {
				return "", tgw, fmt.Sprintf("the transit gateway of %s is not known until apply", id), true
			}
		}
		return "", tgw, fmt.Sprintf("VPC %s has no attachment to TGW %s", vpc, tgw), false
	}
	to, why = a.associated(att)
	_, unknown = a.assocUnknown(att)
	return to, att, why, to == "" && unknown
}

// attachmentsByVPC lists the VPC attachments of a VPC, whatever their TGW.
func (a *Analysis) attachmentsByVPC(vpc string) []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(a.n.TGWAttachments)) {
		if t := a.n.TGWAttachments[id]; t.Kind == model.AttachVPC && t.VPC == vpc {
			out = append(out, id)
		}
	}
	return out
}

// associated returns the router of the TGW route table an attachment is
// associated with, or why there is none.
func (a *Analysis) associated(att string) (string, string) {
	if to, ok := a.assoc[att]; ok {
		return to, ""
	}
	if reason, ok := a.assocUnknown(att); ok {
		return "", reason
	}
	return "", fmt.Sprintf("attachment %s is not associated with any TGW route table", att)
}

// assocUnknown tells whether an attachment's association cannot be known: a
// route table of its TGW whose associations are unknown.
func (a *Analysis) assocUnknown(att string) (string, bool) {
	t := a.n.TGWAttachments[att]
	if t == nil {
		return fmt.Sprintf("attachment %s is not in the input", att), true
	}
	if t.IsUnknown("transit_gateway") {
		return fmt.Sprintf("the transit gateway of %s is not known until apply", att), true
	}
	for _, id := range slices.Sorted(maps.Keys(a.n.TGWRouteTables)) {
		rt := a.n.TGWRouteTables[id]
		if (rt.TransitGateway == t.TransitGateway || rt.IsUnknown("transit_gateway")) && rt.IsUnknown("associations") {
			return fmt.Sprintf("the associations of %s are not known until apply", label(&rt.Meta)), true
		}
	}
	if g := a.n.TransitGateways[t.TransitGateway]; g != nil && g.IsUnknown("default_route_table_association") {
		return fmt.Sprintf("the default route table association of %s is not known until apply", label(&g.Meta)), true
	}
	return "", false
}

// peerFromVPC returns the router standing for the other side of a peering.
func (a *Analysis) peerFromVPC(vpc, target string) (string, string) {
	pid := target
	if _, ok := a.n.Peerings[pid]; !ok {
		pid = ""
		for _, id := range slices.Sorted(maps.Keys(a.n.Peerings)) {
			if a.n.Peerings[id].AWSID == target {
				pid = id
				break
			}
		}
	}
	if pid == "" {
		return "", fmt.Sprintf("peering %s is not in the input", target)
	}
	p := a.n.Peerings[pid]
	side, other := "accepter", p.AccepterVPC
	if p.AccepterVPC == vpc && p.RequesterVPC != vpc {
		side, other = "requester", p.RequesterVPC
	}
	id := "peer:" + pid + ":" + side
	if r, ok := a.routers[id]; ok {
		return r.id, ""
	}
	r := a.newRouter(id, model.RouterPeering, pid, fmt.Sprintf("peering %s", label(&p.Meta)), pid)
	r.internal = true
	netID := a.peerSideNetwork(pid, side, other)
	cidrs := p.AccepterCIDRs
	if side == "requester" {
		cidrs = p.RequesterCIDRs
	}
	if v := a.n.VPCs[other]; v != nil {
		cidrs = concat(v.CIDRs, v.IPv6CIDRs)
		if v.IsUnknown("cidrs") {
			r.addUnknown(fmt.Sprintf("the CIDRs of %s are not known until apply", label(&v.Meta)))
		}
	}
	if netID == "" {
		r.addUnknown(fmt.Sprintf("the %s VPC of peering %s is not in the input", side, label(&p.Meta)))
	}
	for _, c := range cidrs {
		if pr, ok := parsePrefix(c); ok && netID != "" {
			r.add(route{prefix: pr, act: deliver, network: netID, exact: true, nextHop: pid,
				how: "the peer VPC's range", routeLabel: pr.String() + " peer VPC " + a.networks[netID].Address})
		}
	}
	return id, ""
}

// buildVGW adds a VGW's router: its VPC, and on the other side every site
// behind its VPN connections and Direct Connect virtual interfaces (VPN
// CloudHub: the sites reach each other through it).
func (a *Analysis) buildVGW(g *model.VPNGateway) {
	n := a.n
	r := a.newRouter(g.ID, model.RouterVGW, g.ID, "VGW "+label(&g.Meta), g.ID)
	r.used = true
	if g.IsUnknown("vpc") {
		r.addUnknown(fmt.Sprintf("the VPC %s is attached to is not known until apply", label(&g.Meta)))
	} else if v := n.VPCs[g.VPC]; v != nil {
		for _, c := range concat(v.CIDRs, v.IPv6CIDRs) {
			if p, ok := parsePrefix(c); ok {
				r.add(route{prefix: p, rank: rankVGWVPC, act: deliver, network: g.VPC, exact: true, nextHop: g.VPC,
					how: "attached VPC " + label(&v.Meta), routeLabel: p.String() + " to attached VPC " + label(&v.Meta)})
			}
		}
	}
	for _, cid := range a.connsOnVGW[g.ID] {
		c := n.VPNConnections[cid]
		if c.IsUnknown("static_routes_only") {
			r.addUnknown(fmt.Sprintf("whether %s uses static routes or BGP is not known until apply", label(&c.Meta)))
			continue
		}
		if c.StaticRoutesOnly {
			if c.IsUnknown("static_routes") {
				r.addUnknown(fmt.Sprintf("the static routes of %s are not known until apply", label(&c.Meta)))
			}
			for _, d := range c.StaticRoutes {
				a.staticToConn(r, c, d, rankVGWStatic, "static route "+d+" of "+label(&c.Meta), nil)
			}
			continue
		}
		a.bgpFromConn(r, c, rankVGWBGP)
	}
	// Direct Connect: private VIFs on the VGW, and DX gateways it is
	// associated with.
	var dx []*model.Meta
	for _, id := range slices.Sorted(maps.Keys(n.DXVIFs)) {
		if v := n.DXVIFs[id]; v.VPNGateway == g.ID {
			dx = append(dx, &v.Meta)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXGatewayAssociations)) {
		as := n.DXGatewayAssociations[id]
		if as.Gateway != g.ID {
			continue
		}
		if d := n.DXGateways[as.DXGateway]; d != nil {
			dx = append(dx, &d.Meta)
			for _, vid := range slices.Sorted(maps.Keys(n.DXVIFs)) {
				if v := n.DXVIFs[vid]; v.DXGateway == d.ID {
					dx = append(dx, &v.Meta)
				}
			}
		}
	}
	a.dxSites(r, dx, rankVGWDX)
}

// dxSites adds the declared sites reached over Direct Connect (a DX gateway
// or virtual interfaces): their ranges, or an unknown when no site is
// declared for them.
func (a *Analysis) dxSites(r *router, dx []*model.Meta, rank int) {
	if len(dx) == 0 {
		return
	}
	sids := a.sitesVia(dx...)
	if len(sids) == 0 {
		var names []string
		for _, m := range dx {
			names = append(names, label(m))
		}
		r.addUnknown(fmt.Sprintf("the on-premises prefixes announced over Direct Connect (%s) are not declared: add the site to .netlint.yaml with via", joinNames(dedupe(names))))
		return
	}
	hop := dx[0].ID
	for _, sid := range sids {
		s := a.sites[sid]
		for _, p := range s.cidrs {
			r.add(route{prefix: p, rank: rank, act: deliver, network: sid, exact: true, nextHop: hop,
				how:        "announced by " + s.net.Address + " over Direct Connect " + label(dx[0]),
				routeLabel: p.String() + " over Direct Connect to " + s.net.Address, resources: []string{hop}})
		}
		for _, p := range s.summaries {
			r.add(route{prefix: p, rank: rank, act: deliver, network: sid, nextHop: hop,
				how:        "summary announced by " + s.net.Address + " over Direct Connect " + label(dx[0]),
				routeLabel: p.String() + " over Direct Connect to " + s.net.Address, resources: []string{hop}})
		}
	}
}

// staticToConn adds a static route toward a VPN connection: the route itself
// (a summary, perhaps) and, for a declared site, the site's exact ranges
// inside it.
func (a *Analysis) staticToConn(r *router, c *model.VPNConnection, dest string, rank int, how string, res []string) {
	p, ok := parsePrefix(dest)
	if !ok {
		return
	}
	res = append(res, c.ID)
	sids := a.connSites[c.ID]
	if len(sids) == 0 {
		r.add(route{prefix: p, rank: rank, act: stop, nextHop: c.ID, why: "no site is known behind " + label(&c.Meta), how: how, resources: res})
		return
	}
	for _, sid := range sids {
		s := a.sites[sid]
		// The route is exact when it lies inside a range the site declares;
		// the site's ranges inside a wider route are exact entries of their
		// own.
		r.add(route{prefix: p, rank: rank, act: deliver, network: sid, exact: coveredBy(p, s.cidrs), nextHop: c.ID,
			how: how, resources: res, routeLabel: p.String() + " to VPN " + label(&c.Meta)})
		for _, sp := range s.cidrs {
			if sp.Bits() > p.Bits() && p.Contains(sp.Addr()) {
				r.add(route{prefix: sp, rank: rank, act: deliver, network: sid, exact: true, nextHop: c.ID,
					how: how + ", a range of " + s.net.Address, resources: res, routeLabel: p.String() + " to VPN " + label(&c.Meta)})
			}
		}
	}
}

// bgpFromConn adds the prefixes a BGP VPN learns: the declared site's ranges
// and summaries, or an unknown when no site is declared.
func (a *Analysis) bgpFromConn(r *router, c *model.VPNConnection, rank int) {
	declared := false
	for _, sid := range a.connSites[c.ID] {
		s := a.sites[sid]
		if !s.declared {
			continue
		}
		declared = true
		for _, p := range s.cidrs {
			r.add(route{prefix: p, rank: rank, act: deliver, network: sid, exact: true, nextHop: c.ID,
				how: "learned over BGP from " + label(&c.Meta), resources: []string{c.ID},
				routeLabel: p.String() + " learned over BGP from " + label(&c.Meta)})
		}
		for _, p := range s.summaries {
			r.add(route{prefix: p, rank: rank, act: deliver, network: sid, nextHop: c.ID,
				how: "summary learned over BGP from " + label(&c.Meta), resources: []string{c.ID},
				routeLabel: p.String() + " learned over BGP from " + label(&c.Meta)})
		}
	}
	if !declared {
		r.addUnknown(fmt.Sprintf("%s learns its on-premises prefixes over BGP; declare the site (its ranges and device IP) in .netlint.yaml", label(&c.Meta)))
	}
}

// buildTGWTables adds one router per TGW route table, with the associations
// and propagations AWS makes by default: an attachment of a TGW with default
// association (propagation) on is associated with (propagates to) its default
// route table unless it opted out, or is associated elsewhere.
func (a *Analysis) buildTGWTables() {
	n := a.n
	tables := map[string][]string{}
	for _, id := range slices.Sorted(maps.Keys(n.TGWRouteTables)) {
		rt := n.TGWRouteTables[id]
		tables[rt.TransitGateway] = append(tables[rt.TransitGateway], id)
	}
	type plan struct {
		rt          *model.TGWRouteTable
		id          string
		assoc, prop []string
	}
	var plans []plan
	for _, gid := range slices.Sorted(maps.Keys(n.TransitGateways)) {
		g := n.TransitGateways[gid]
		var def *model.TGWRouteTable
		explicit := map[string]bool{}
		for _, id := range tables[gid] {
			rt := n.TGWRouteTables[id]
			if rt.Default && def == nil {
				def = rt
				continue
			}
			for _, at := range rt.Associations {
				explicit[at] = true
			}
		}
		for _, id := range tables[gid] {
			if rt := n.TGWRouteTables[id]; rt != def {
				plans = append(plans, plan{rt: rt, id: id, assoc: rt.Associations, prop: rt.Propagations})
			}
		}
		var assoc, prop []string
		for _, at := range a.attachmentsOf[gid] {
			t := n.TGWAttachments[at]
			if t.DefaultAssociation && g.DefaultRouteTableAssociation && !explicit[at] {
				assoc = append(assoc, at)
			}
			if t.DefaultPropagation && g.DefaultRouteTablePropagation && t.Kind != model.AttachPeering {
				prop = append(prop, at)
			}
		}
		if def != nil {
			plans = append(plans, plan{rt: def, id: def.ID, assoc: concat(def.Associations, assoc), prop: concat(def.Propagations, prop)})
		} else if len(assoc) > 0 || len(prop) > 0 {
			rt := &model.TGWRouteTable{Meta: model.Meta{ID: gid + "#default_route_table", Address: "the default route table of " + label(&g.Meta)},
				TransitGateway: gid, Default: true}
			plans = append(plans, plan{rt: rt, id: "tgw-default:" + gid, assoc: assoc, prop: prop})
		}
	}
	// Tables of a TGW outside the input, or whose TGW is unknown.
	for _, tgw := range slices.Sorted(maps.Keys(tables)) {
		if _, ok := n.TransitGateways[tgw]; ok {
			continue
		}
		for _, id := range tables[tgw] {
			rt := n.TGWRouteTables[id]
			plans = append(plans, plan{rt: rt, id: id, assoc: rt.Associations, prop: rt.Propagations})
		}
	}
	// Associations first: routes toward a peering need the other side's.
	for _, p := range plans {
		for _, at := range dedupe(p.assoc) {
			if _, ok := a.assoc[at]; !ok {
				a.assoc[at] = p.id
			}
		}
	}
	for _, p := range plans {
		a.buildTGWTable(p.rt, p.id, dedupe(p.assoc), dedupe(p.prop))
	}
}

func (a *Analysis) buildTGWTable(rt *model.TGWRouteTable, id string, assoc, prop []string) {
	n := a.n
	tgwLabel := rt.TransitGateway
	if g := n.TransitGateways[rt.TransitGateway]; g != nil {
		tgwLabel = label(&g.Meta)
	}
	name := fmt.Sprintf("route table %s of TGW %s", label(&rt.Meta), tgwLabel)
	element := rt.ID
	if rt.Default && (strings.HasPrefix(id, "tgw-default:") || strings.HasSuffix(rt.ID, "#default_route_table")) {
		// The default route table AWS creates: users know it by its TGW.
		name, element = "the default route table of TGW "+tgwLabel, rt.TransitGateway
	}
	r := a.newRouter(id, model.RouterTGWTable, element, name, element)
	if rt.TransitGateway != "" && element != rt.TransitGateway {
		r.via = append(r.via, rt.TransitGateway)
	}
	r.used = len(assoc) > 0 || rt.IsUnknown("associations")
	for _, f := range []string{"transit_gateway", "associations", "propagations", "routes"} {
		if rt.IsUnknown(f) {
			r.addUnknown(fmt.Sprintf("the %s of %s are not known until apply", strings.ReplaceAll(f, "_", " "), label(&rt.Meta)))
		}
	}
	if g := n.TransitGateways[rt.TransitGateway]; g != nil && rt.Default {
		if g.IsUnknown("default_route_table_association") || g.IsUnknown("default_route_table_propagation") {
			r.addUnknown(fmt.Sprintf("the default route table settings of %s are not known until apply", label(&g.Meta)))
		}
	}
	for _, at := range prop {
		a.propagate(r, at)
	}
	for i := range rt.Routes {
		a.tgwRoute(r, rt, &rt.Routes[i])
	}
}

// propagate adds what an attachment propagates into a TGW route table.
func (a *Analysis) propagate(r *router, at string) {
	n := a.n
	t := n.TGWAttachments[at]
	if t == nil {
		r.addUnknown(fmt.Sprintf("attachment %s propagates into %s but is not in the input", at, r.label))
		return
	}
	switch t.Kind {
	case model.AttachVPC:
		v := n.VPCs[t.VPC]
		if v == nil {
			if t.IsUnknown("vpc") {
				r.addUnknown(fmt.Sprintf("the VPC of %s is not known until apply", label(&t.Meta)))
			} else {
				r.addUnknown(fmt.Sprintf("the VPC of %s (%s) is not in the input, so the CIDRs it propagates are unknown", label(&t.Meta), t.VPC))
			}
			return
		}
		if v.IsUnknown("cidrs") {
			r.addUnknown(fmt.Sprintf("the CIDRs of %s are not known until apply", label(&v.Meta)))
		}
		for _, c := range concat(v.CIDRs, v.IPv6CIDRs) {
			if p, ok := parsePrefix(c); ok {
				r.add(route{prefix: p, rank: rankTGWVPC, act: deliver, network: t.VPC, exact: true, nextHop: at,
					how: "propagated from " + label(&t.Meta), resources: []string{at},
					routeLabel: p.String() + " propagated from " + label(&t.Meta)})
			}
		}
	case model.AttachVPN:
		c := n.VPNConnections[t.VPNConnection]
		switch {
		case c == nil:
			r.addUnknown(fmt.Sprintf("the VPN connection of %s is not in the input", label(&t.Meta)))
		case c.IsUnknown("static_routes_only"):
			r.addUnknown(fmt.Sprintf("whether %s uses static routes or BGP is not known until apply", label(&c.Meta)))
		case c.StaticRoutesOnly:
			// A static VPN propagates nothing: its routes are TGW static routes.
		default:
			a.bgpFromConn(r, c, rankTGWVPN)
			for i := range r.routes {
				if r.routes[i].nextHop == c.ID {
					r.routes[i].nextHop = at
				}
			}
		}
	case model.AttachDXGateway:
		var dx []*model.Meta
		if d := n.DXGateways[t.DXGateway]; d != nil {
			dx = append(dx, &d.Meta)
			for _, vid := range slices.Sorted(maps.Keys(n.DXVIFs)) {
				if v := n.DXVIFs[vid]; v.DXGateway == d.ID {
					dx = append(dx, &v.Meta)
				}
			}
		}
		if len(dx) == 0 {
			r.addUnknown(fmt.Sprintf("the Direct Connect gateway of %s is not in the input", label(&t.Meta)))
			return
		}
		before := len(r.routes)
		a.dxSites(r, dx, rankTGWDX)
		for i := before; i < len(r.routes); i++ {
			r.routes[i].nextHop = at
		}
	case model.AttachConnect:
		r.addUnknown(fmt.Sprintf("the prefixes learned over Connect attachment %s are not in the input", label(&t.Meta)))
	}
}

// tgwRoute adds one static or blackhole route of a TGW route table.
func (a *Analysis) tgwRoute(r *router, rt *model.TGWRouteTable, x *model.TGWRoute) {
	n := a.n
	name := x.Address
	if name == "" {
		name = fmt.Sprintf("static route %s in %s", x.Destination, label(&rt.Meta))
	}
	if has(x.Unknown, "destination") {
		r.addUnknown(fmt.Sprintf("the destination of %s is not known until apply", name))
		return
	}
	p, ok := parsePrefix(x.Destination)
	if !ok {
		return
	}
	rr := route{prefix: p, rank: rankTGWStatic, nextHop: x.Attachment, resources: nonEmpty(x.Address, x.Attachment)}
	rr.routeLabel = name
	if x.Blackhole {
		rr.act, rr.how, rr.why = drop, name+" (blackhole)", name+" is a blackhole route: the TGW drops the traffic"
		r.add(rr)
		return
	}
	if has(x.Unknown, "attachment") || x.Attachment == "" {
		rr.act, rr.why, rr.how = forward, fmt.Sprintf("the attachment of %s is not known until apply", name), name+" to an attachment not known until apply"
		r.add(rr)
		return
	}
	t := n.TGWAttachments[x.Attachment]
	if t == nil {
		rr.act, rr.why, rr.how = forward, fmt.Sprintf("attachment %s of %s is not in the input", x.Attachment, name), name+" to "+x.Attachment
		r.add(rr)
		return
	}
	rr.how = fmt.Sprintf("%s to %s", name, label(&t.Meta))
	switch t.Kind {
	case model.AttachVPC:
		rr.act = forward
		rr.to = a.attachmentTable(t)
		if rr.to == "" {
			rr.why = fmt.Sprintf("the VPC of %s is not in the input", label(&t.Meta))
		}
	case model.AttachVPN:
		c := n.VPNConnections[t.VPNConnection]
		if c == nil {
			rr.act, rr.why = forward, fmt.Sprintf("the VPN connection of %s is not in the input", label(&t.Meta))
			r.add(rr)
			return
		}
		before := len(r.routes)
		a.staticToConn(r, c, x.Destination, rankTGWStatic, rr.how, nonEmpty(x.Address))
		for i := before; i < len(r.routes); i++ {
			r.routes[i].nextHop = x.Attachment
		}
		return
	case model.AttachPeering:
		rr.act = forward
		rr.to, rr.why = a.peerTable(t)
	case model.AttachDXGateway:
		rr.act = forward
		if _, ok := n.DXGateways[t.DXGateway]; ok {
			rr.to = "dx-onprem:" + t.DXGateway
			a.dxOnPrem(t.DXGateway)
		} else {
			rr.why = fmt.Sprintf("the Direct Connect gateway of %s is not in the input", label(&t.Meta))
		}
	default:
		rr.act, rr.why = stop, fmt.Sprintf("%s leads to %s attachment %s, which netlint does not follow", name, t.Kind, label(&t.Meta))
	}
	r.add(rr)
}

// attachmentTable is where traffic the TGW sends into a VPC attachment is
// routed: the route table of the attachment's subnets (an inspection VPC
// sends it on to its appliances), else the VPC itself.
func (a *Analysis) attachmentTable(t *model.TGWAttachment) string {
	subnets := append([]string(nil), t.Subnets...)
	sort.Strings(subnets)
	for _, s := range subnets {
		if to := a.tableOfSubnet(s); to != "" {
			return to
		}
	}
	if _, ok := a.n.VPCs[t.VPC]; ok {
		if to, ok := a.mainTable[t.VPC]; ok {
			return to
		}
		return "vpc:" + t.VPC
	}
	return ""
}

// peerTable is where traffic sent into a TGW peering attachment is routed: the
// route table the other side's attachment is associated with.
func (a *Analysis) peerTable(t *model.TGWAttachment) (string, string) {
	n := a.n
	for _, id := range slices.Sorted(maps.Keys(n.TGWAttachments)) {
		o := n.TGWAttachments[id]
		if o.ID == t.ID || o.Kind != model.AttachPeering {
			continue
		}
		if o.TransitGateway == t.PeerTransitGateway && o.PeerTransitGateway == t.TransitGateway {
			return a.associated(id)
		}
	}
	if peer := a.routers["tgw-default:"+t.PeerTransitGateway]; peer != nil {
		return peer.id, ""
	}
	if g := n.TransitGateways[t.PeerTransitGateway]; g != nil && g.DefaultRouteTableAssociation {
		for _, id := range slices.Sorted(maps.Keys(n.TGWRouteTables)) {
			if rt := n.TGWRouteTables[id]; rt.TransitGateway == g.ID && rt.Default {
				return id, ""
			}
		}
	}
	return "", fmt.Sprintf("the other side of TGW peering %s is not in the input", label(&t.Meta))
}

// dxOnPrem adds the router that stands for a DX gateway seen from a TGW:
// the declared sites behind its virtual interfaces.
func (a *Analysis) dxOnPrem(dxgw string) {
	id := "dx-onprem:" + dxgw
	if _, ok := a.routers[id]; ok {
		return
	}
	d := a.n.DXGateways[dxgw]
	r := a.newRouter(id, model.RouterDXGateway, dxgw, "DX gateway "+label(&d.Meta), dxgw)
	r.internal = true
	dx := []*model.Meta{&d.Meta}
	for _, vid := range slices.Sorted(maps.Keys(a.n.DXVIFs)) {
		if v := a.n.DXVIFs[vid]; v.DXGateway == dxgw {
			dx = append(dx, &v.Meta)
		}
	}
	a.dxSites(r, dx, 0)
	r.t = newTable(r.routes)
}

// buildDXGateway adds a DX gateway's router as seen from on premises: the
// VPCs behind its VGW associations (filtered by their allowed prefixes; AWS
// refuses overlapping ones), the allowed prefixes of its TGW associations,
// and the declared sites on its virtual interfaces.
func (a *Analysis) buildDXGateway(d *model.DXGateway) {
	n := a.n
	r := a.newRouter(d.ID, model.RouterDXGateway, d.ID, "DX gateway "+label(&d.Meta), d.ID)
	r.used = true
	for _, id := range slices.Sorted(maps.Keys(n.DXGatewayAssociations)) {
		as := n.DXGatewayAssociations[id]
		if as.DXGateway != d.ID {
			continue
		}
		if as.IsUnknown("allowed_prefixes") {
			r.addUnknown(fmt.Sprintf("the allowed prefixes of %s are not known until apply", label(&as.Meta)))
		}
		if g := n.VPNGateways[as.Gateway]; g != nil {
			v := n.VPCs[g.VPC]
			if v == nil {
				continue
			}
			allowed := prefixes(as.AllowedPrefixes)
			for _, c := range v.CIDRs {
				p, ok := parsePrefix(c)
				if !ok || (len(allowed) > 0 && !coveredBy(p, allowed)) {
					continue
				}
				r.add(route{prefix: p, act: deliver, network: g.VPC, exact: true, exclusive: model.ExclusiveDXVGW,
					nextHop: g.ID, how: fmt.Sprintf("VPC of VGW %s, associated by %s", label(&g.Meta), label(&as.Meta)),
					resources: []string{id, g.ID}, routeLabel: p.String() + " to VGW " + label(&g.Meta)})
			}
			continue
		}
		if g := n.TransitGateways[as.Gateway]; g != nil {
			to, why := a.dxAttachmentTable(as)
			for _, ap := range as.AllowedPrefixes {
				p, ok := parsePrefix(ap)
				if !ok {
					continue
				}
				r.add(route{prefix: p, act: forward, to: to, why: why, nextHop: g.ID,
					how:       fmt.Sprintf("allowed prefix %s of %s toward TGW %s", p, label(&as.Meta), label(&g.Meta)),
					resources: []string{id}, routeLabel: p.String() + " allowed prefix toward TGW " + label(&g.Meta)})
			}
		}
	}
	dx := []*model.Meta{&d.Meta}
	for _, vid := range slices.Sorted(maps.Keys(n.DXVIFs)) {
		if v := n.DXVIFs[vid]; v.DXGateway == d.ID {
			dx = append(dx, &v.Meta)
		}
	}
	a.dxSites(r, dx, 0)
}

// dxAttachmentTable is the route table of the TGW attachment AWS creates for
// a DX gateway association.
func (a *Analysis) dxAttachmentTable(as *model.DXGatewayAssociation) (string, string) {
	for _, id := range a.attachmentsOf[as.Gateway] {
		if t := a.n.TGWAttachments[id]; t.Kind == model.AttachDXGateway && t.DXGateway == as.DXGateway {
			return a.associated(id)
		}
	}
	return "", fmt.Sprintf("the TGW attachment of %s is not in the input", label(&as.Meta))
}

// buildPeering adds the router of a VPC peering: AWS refuses a peering
// between VPCs with any overlapping CIDR (IPv4 or IPv6).
func (a *Analysis) buildPeering(p *model.Peering) {
	switch p.Status {
	case "failed", "rejected", "deleted", "deleting", "expired":
		return
	}
	r := a.newRouter(p.ID, model.RouterPeering, p.ID, "peering "+label(&p.Meta), p.ID)
	r.used = true
	for _, side := range []struct{ name, vpc string }{{"requester", p.RequesterVPC}, {"accepter", p.AccepterVPC}} {
		netID := a.peerSideNetwork(p.ID, side.name, side.vpc)
		if netID == "" {
			continue
		}
		if v := a.n.VPCs[side.vpc]; v != nil && v.IsUnknown("cidrs") {
			r.addUnknown(fmt.Sprintf("the CIDRs of %s are not known until apply", label(&v.Meta)))
		}
		for _, c := range a.networks[netID].CIDRs {
			if pr, ok := parsePrefix(c); ok {
				r.add(route{prefix: pr, act: deliver, network: netID, exact: true, exclusive: model.ExclusivePeering,
					nextHop: side.vpc, how: side.name + " VPC " + a.networks[netID].Address, routeLabel: pr.String()})
			}
		}
	}
}

// buildClientVPN adds a Client VPN endpoint's router: the client pool, the
// routes AWS adds for the associated VPC, the endpoint's own routes (each
// leaving through an associated subnet, routed on by that subnet's route
// table) and its authorization rules.
func (a *Analysis) buildClientVPN(e *model.ClientVPNEndpoint) {
	n := a.n
	r := a.newRouter(e.ID, model.RouterClientVPN, e.ID, "Client VPN endpoint "+label(&e.Meta), e.ID)
	r.used = true
	if p, ok := parsePrefix(e.ClientCIDR); ok {
		r.add(route{prefix: p, act: deliver, network: e.ID, exact: true, exclusive: model.ExclusiveAny, nextHop: "clients",
			how: "the client CIDR of " + label(&e.Meta), routeLabel: p.String() + " client CIDR"})
	} else if e.IsUnknown("client_cidr") {
		r.addUnknown(fmt.Sprintf("the client CIDR of %s is not known until apply", label(&e.Meta)))
	}
	if e.IsUnknown("associations") {
		r.addUnknown(fmt.Sprintf("the associations of %s are not known until apply", label(&e.Meta)))
	}
	var subnets []string
	vpc := e.VPC
	for _, as := range e.Associations {
		if has(as.Unknown, "subnet") {
			r.addUnknown(fmt.Sprintf("the subnet of %s is not known until apply", as.Address))
		}
		if as.Subnet != "" {
			subnets = append(subnets, as.Subnet)
			if s := n.Subnets[as.Subnet]; s != nil && vpc == "" {
				vpc = s.VPC
			}
		}
	}
	sort.Strings(subnets)
	if v := n.VPCs[vpc]; v != nil && len(subnets) > 0 {
		to := a.tableOfSubnet(subnets[0])
		for _, c := range concat(v.CIDRs, v.IPv6CIDRs) {
			if p, ok := parsePrefix(c); ok {
				r.add(route{prefix: p, rank: rankStatic, act: forward, to: to, nextHop: subnets[0], implicit: true,
					how: "the route AWS adds for associated VPC " + label(&v.Meta), routeLabel: p.String() + " to associated VPC " + label(&v.Meta)})
			}
		}
	}
	for _, x := range e.Routes {
		name := x.Address
		if name == "" {
			name = "route " + x.Destination + " of " + label(&e.Meta)
		}
		if has(x.Unknown, "destination") {
			r.addUnknown(fmt.Sprintf("the destination of %s is not known until apply", name))
			continue
		}
		p, ok := parsePrefix(x.Destination)
		if !ok {
			continue
		}
		rr := route{prefix: p, rank: rankStatic, act: forward, nextHop: x.Subnet, how: fmt.Sprintf("%s through subnet %s", name, x.Subnet),
			resources: nonEmpty(x.Address), routeLabel: name}
		if has(x.Unknown, "subnet") || x.Subnet == "" {
			rr.why = fmt.Sprintf("the subnet of %s is not known until apply", name)
		} else if rr.to = a.tableOfSubnet(x.Subnet); rr.to == "" {
			rr.why = fmt.Sprintf("the route table of subnet %s is not in the input", x.Subnet)
		}
		r.add(rr)
	}
	for _, au := range e.Authorizations {
		if p, ok := parsePrefix(au.TargetNetworkCIDR); ok {
			r.auth = append(r.auth, p)
		} else {
			r.authUnknown = true
		}
	}
	if e.IsUnknown("authorizations") {
		r.authUnknown = true
	}
}

func coveredBy(p netip.Prefix, by []netip.Prefix) bool {
	for _, b := range by {
		if b.Bits() <= p.Bits() && b.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// routeName names a route for hop-by-hop output: its resource address, else
// "destination -> target".
func routeName(addr string, p netip.Prefix, kind, target string) string {
	if addr != "" {
		return addr + " (" + p.String() + ")"
	}
	return fmt.Sprintf("%s -> %s %s", p, strings.ReplaceAll(kind, "_", " "), target)
}
