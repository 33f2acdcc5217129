package report

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/termsafe"
	"github.com/netlint/netlint/model"
)

// Diagram limits: past them a diagram stops being readable (and GitHub's Mermaid
// refuses more than 500 edges), so the most relevant part is drawn and the rest
// counted in a note.
const (
	maxDiagramNodes = 150
	maxDiagramEdges = 300
	// maxLabelLine is the longest label line, in characters.
	maxLabelLine = 48
	// maxLabelCIDRs is how many ranges a node lists before "+N more".
	maxLabelCIDRs = 3
)

// Node kinds, in the order they are kept when a diagram is capped.
const (
	kindTGW   = "tgw"
	kindVGW   = "vgw"
	kindDXGW  = "dxgw"
	kindDXCon = "dx"
	kindDXLAG = "lag"
	kindCGW   = "cgw"
	kindSite  = "site"
	kindCVPN  = "cvpn"
	kindVPC   = "vpc"
	kindPeer  = "peer"
	// kindMore stands for the elements a capped diagram leaves out behind a
	// gateway: "+2850 more VPCs".
	kindMore = "more"
)

var kindOrder = map[string]int{kindTGW: 0, kindVGW: 1, kindDXGW: 2, kindDXCon: 3, kindDXLAG: 4,
	kindSite: 5, kindCGW: 6, kindCVPN: 7, kindVPC: 8, kindPeer: 9, kindMore: 10}

// Cluster keys: on-premises first, then Direct Connect, then one per region.
const (
	groupOnPrem = "0:on-premises"
	groupDX     = "1:Direct Connect"
	groupRegion = "2:"
	groupOther  = "3:"
)

// topoNode is one drawn element.
type topoNode struct {
	id    string // graph id: [A-Za-z0-9_] only
	model string // model id
	kind  string
	label []string
	group string
	sev   string // highlight severity, "" if none
}

// topoEdge is one drawn connection. from is the end nearer on-premises, so that
// left-to-right layouts read from the data centre to the VPCs.
type topoEdge struct {
	from, to string // model ids of nodes
	models   []string
	label    string
	count    int
	dashed   bool
	sev      string
	// summary marks the edge to a kindMore node; the edge cap keeps it.
	summary bool
}

// topology is the drawable part of a network.
type topology struct {
	nodes       []*topoNode
	byModel     map[string]*topoNode
	edges       []*topoEdge
	edgeIndex   map[string]*topoEdge // by both ends and label
	hiddenNodes int
	hiddenEdges int
}

// buildTopology collects gateways, networks and connections of n, resolves the
// highlights to the nodes and edges that stand for them, and caps the result.
func buildTopology(n *model.Network, highlight map[string]string) *topology {
	t := &topology{byModel: map[string]*topoNode{}, edgeIndex: map[string]*topoEdge{}}
	if n == nil {
		return t
	}
	region := func(m *model.Meta) string {
		if m.Region == "" {
			return groupOther
		}
		return groupRegion + m.Region
	}
	title := func(prefix string, m *model.Meta) string {
		name := m.Address
		if m.Name != "" {
			name = m.Name
		}
		if name == "" {
			name = m.ID
		}
		return strings.TrimSpace(prefix + " " + name)
	}

	for _, id := range slices.Sorted(maps.Keys(n.Sites)) {
		s := n.Sites[id]
		name := s.Name
		if name == "" {
			name = s.Address
		}
		t.node(id, kindSite, groupOnPrem, "site "+name, cidrLine(s.CIDRs))
	}
	for _, id := range slices.Sorted(maps.Keys(n.Derived.AddressNetworks)) {
		an := n.Derived.AddressNetworks[id]
		switch {
		case an.Kind == model.NetSite && n.Sites[id] == nil:
			t.node(id, kindSite, groupOnPrem, an.Address, cidrLine(an.CIDRs))
		case an.Kind == model.NetPeerVPC:
			t.node(id, kindPeer, groupOther, "peer VPC "+an.Address, cidrLine(an.CIDRs))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.CustomerGateways)) {
		c := n.CustomerGateways[id]
		var detail []string
		if c.IP != "" {
			detail = append(detail, c.IP)
		}
		if c.BGPASN != 0 {
			detail = append(detail, "AS "+strconv.FormatInt(c.BGPASN, 10))
		}
		t.node(id, kindCGW, groupOnPrem, title("customer gateway", &c.Meta), strings.Join(detail, " · "))
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXConnections)) {
		c := n.DXConnections[id]
		t.node(id, kindDXCon, groupDX, title("DX", &c.Meta), joinNonEmpty(" · ", c.Bandwidth, c.Location))
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXLAGs)) {
		l := n.DXLAGs[id]
		t.node(id, kindDXLAG, groupDX, title("DX LAG", &l.Meta), joinNonEmpty(" · ", l.ConnectionsBandwidth, l.Location))
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXGateways)) {
		g := n.DXGateways[id]
		t.node(id, kindDXGW, groupDX, title("DX gateway", &g.Meta), asnLine(g.AmazonSideASN))
	}
	for _, id := range slices.Sorted(maps.Keys(n.TransitGateways)) {
		g := n.TransitGateways[id]
		t.node(id, kindTGW, region(&g.Meta), title("TGW", &g.Meta), asnLine(g.AmazonSideASN))
	}
	for _, id := range slices.Sorted(maps.Keys(n.VPNGateways)) {
		g := n.VPNGateways[id]
		t.node(id, kindVGW, region(&g.Meta), title("VGW", &g.Meta), asnLine(g.AmazonSideASN))
	}
	for _, id := range slices.Sorted(maps.Keys(n.ClientVPNEndpoints)) {
		c := n.ClientVPNEndpoints[id]
		detail := ""
		if c.ClientCIDR != "" {
			detail = "clients " + c.ClientCIDR
		}
		t.node(id, kindCVPN, region(&c.Meta), title("Client VPN", &c.Meta), detail)
	}
	for _, id := range slices.Sorted(maps.Keys(n.VPCs)) {
		v := n.VPCs[id]
		t.node(id, kindVPC, region(&v.Meta), title("VPC", &v.Meta), cidrLine(append(append([]string(nil), v.CIDRs...), v.IPv6CIDRs...)))
	}

	// Sites to the customer gateways their devices use.
	for _, sid := range slices.Sorted(maps.Keys(n.Sites)) {
		s := n.Sites[sid]
		for _, cid := range slices.Sorted(maps.Keys(n.CustomerGateways)) {
			cg := n.CustomerGateways[cid]
			for _, d := range s.Devices {
				if cg.IP != "" && d.IP == cg.IP {
					t.edge(sid, cid, "", false)
					break
				}
			}
		}
		if v, ok := n.VPNConnections[s.VPNConnection]; ok {
			t.edge(sid, v.CustomerGateway, "", false)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.Derived.AddressNetworks)) {
		an := n.Derived.AddressNetworks[id]
		if an.Kind == model.NetSite && n.Sites[id] == nil {
			if v, ok := n.VPNConnections[an.Element]; ok {
				t.edge(id, v.CustomerGateway, "", false)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.VPNConnections)) {
		v := n.VPNConnections[id]
		label := "VPN"
		if v.StaticRoutesOnly {
			label = "VPN static"
		}
		for _, gw := range []string{v.VPNGateway, v.TransitGateway} {
			if gw != "" {
				t.edge(v.CustomerGateway, gw, label, false, id)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXConnections)) {
		if c := n.DXConnections[id]; c.LAG != "" {
			t.edge(id, c.LAG, "member", false)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXVIFs)) {
		v := n.DXVIFs[id]
		label := strings.TrimSpace(v.Kind + " VIF")
		for _, gw := range []string{v.DXGateway, v.VPNGateway} {
			if gw != "" {
				t.edge(v.Connection, gw, label, false, id)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.DXGatewayAssociations)) {
		a := n.DXGatewayAssociations[id]
		t.edge(a.DXGateway, a.Gateway, "", false, id)
	}
	for _, id := range slices.Sorted(maps.Keys(n.TGWAttachments)) {
		a := n.TGWAttachments[id]
		switch a.Kind {
		case model.AttachVPC:
			t.edge(a.TransitGateway, a.VPC, "", false, id)
		case model.AttachDXGateway:
			t.edge(a.DXGateway, a.TransitGateway, "", false, id)
		case model.AttachPeering:
			t.edge(a.TransitGateway, a.PeerTransitGateway, "TGW peering", true, id)
		case model.AttachVPN:
			// Drawn as the VPN connection's edge.
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.VPNGateways)) {
		if g := n.VPNGateways[id]; g.VPC != "" {
			t.edge(id, g.VPC, "", false)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(n.Peerings)) {
		p := n.Peerings[id]
		req, acc := p.RequesterVPC, p.AccepterVPC
		if t.byModel[req] == nil {
			req = "peer:" + id + ":requester"
		}
		if t.byModel[acc] == nil {
			acc = "peer:" + id + ":accepter"
		}
		t.edge(req, acc, "peering", true, id)
	}
	for _, id := range slices.Sorted(maps.Keys(n.ClientVPNEndpoints)) {
		c := n.ClientVPNEndpoints[id]
		vpcs := map[string]bool{}
		if c.VPC != "" {
			vpcs[c.VPC] = true
		}
		for _, a := range c.Associations {
			if s, ok := n.Subnets[a.Subnet]; ok && s.VPC != "" {
				vpcs[s.VPC] = true
			}
		}
		for _, v := range slices.Sorted(maps.Keys(vpcs)) {
			t.edge(id, v, "", false)
		}
	}

	t.highlight(n, highlight)
	t.capSize()
	t.assignIDs()
	return t
}

func (t *topology) node(modelID, kind, group string, label ...string) {
	if _, dup := t.byModel[modelID]; dup || modelID == "" {
		return
	}
	var lines []string
	for _, l := range label {
		if l != "" {
			lines = append(lines, truncate(l, maxLabelLine))
		}
	}
	nd := &topoNode{model: modelID, kind: kind, label: lines, group: group}
	t.nodes = append(t.nodes, nd)
	t.byModel[modelID] = nd
}

// edge joins two nodes. A second link with the same label between the same
// nodes adds its model ids to the first: a DX gateway association and the TGW
// attachment it creates are one line, and two VPN connections between the same
// gateways one line "VPN ×2". Ends that are not nodes drop the edge.
func (t *topology) edge(from, to, label string, dashed bool, models ...string) {
	if t.byModel[from] == nil || t.byModel[to] == nil || from == to {
		return
	}
	a, b := from, to
	if a > b {
		a, b = b, a
	}
	key := a + "\x00" + b + "\x00" + label
	if e := t.edgeIndex[key]; e != nil {
		e.models = append(e.models, models...)
		if countedLink(label) {
			e.count++
		}
		return
	}
	e := &topoEdge{from: from, to: to, models: models, label: label, dashed: dashed, count: 1}
	t.edges = append(t.edges, e)
	t.edgeIndex[key] = e
}

// countedLink reports whether links with this label are separate connections
// worth counting (redundancy shows), not two records of one link.
func countedLink(label string) bool {
	return strings.HasPrefix(label, "VPN") || strings.HasSuffix(label, "VIF")
}

// text is the edge's label with its count.
func (e *topoEdge) text() string {
	if e.count > 1 {
		return fmt.Sprintf("%s ×%d", e.label, e.count)
	}
	return e.label
}

// highlight marks the nodes and edges that stand for the highlighted elements;
// elements that are not drawn (a subnet, a route table) mark what holds them.
func (t *topology) highlight(n *model.Network, highlight map[string]string) {
	edgeOf := map[string]*topoEdge{}
	for _, e := range t.edges {
		for _, m := range e.models {
			edgeOf[m] = e
		}
	}
	mark := func(sev *string, s string) {
		if finding.Rank(s) > finding.Rank(*sev) {
			*sev = s
		}
	}
	for _, id := range slices.Sorted(maps.Keys(highlight)) {
		sev := highlight[id]
		for _, target := range anchors(n, id) {
			if nd := t.byModel[target]; nd != nil {
				mark(&nd.sev, sev)
			}
			if e := edgeOf[target]; e != nil {
				mark(&e.sev, sev)
			}
		}
	}
}

// anchors returns the model ids that may be drawn for an element: itself and the
// element holding it.
func anchors(n *model.Network, id string) []string {
	out := []string{id}
	vpcOfSubnet := func(s string) string {
		if sn, ok := n.Subnets[s]; ok {
			return sn.VPC
		}
		return ""
	}
	switch {
	case n.Subnets[id] != nil:
		out = append(out, n.Subnets[id].VPC)
	case n.RouteTables[id] != nil:
		out = append(out, n.RouteTables[id].VPC)
	case n.SecurityGroups[id] != nil:
		out = append(out, n.SecurityGroups[id].VPC)
	case n.VPCEndpoints[id] != nil:
		out = append(out, n.VPCEndpoints[id].VPC)
	case n.Instances[id] != nil:
		out = append(out, vpcOfSubnet(n.Instances[id].Subnet))
	case n.NetworkInterfaces[id] != nil:
		out = append(out, vpcOfSubnet(n.NetworkInterfaces[id].Subnet))
	case n.TGWRouteTables[id] != nil:
		out = append(out, n.TGWRouteTables[id].TransitGateway)
	case n.TGWAttachments[id] != nil && n.TGWAttachments[id].Kind == model.AttachVPN:
		out = append(out, n.TGWAttachments[id].VPNConnection)
	case n.Alarms[id] != nil:
		out = append(out, n.Alarms[id].Watches...)
	}
	return out
}

// capSize keeps the most relevant nodes and edges: highlighted ones first, then
// gateways before networks. What a kept gateway loses is summed up in one node
// beside it ("+2850 more VPCs"), the rest in the diagram's note.
func (t *topology) capSize() {
	byDrawingOrder := func(nodes []*topoNode) {
		sort.SliceStable(nodes, func(i, j int) bool {
			a, b := nodes[i], nodes[j]
			if a.group != b.group {
				return a.group < b.group
			}
			if kindOrder[a.kind] != kindOrder[b.kind] {
				return kindOrder[a.kind] < kindOrder[b.kind]
			}
			return a.model < b.model
		})
	}
	byDrawingOrder(t.nodes)
	if len(t.nodes) > maxDiagramNodes {
		keep := append([]*topoNode(nil), t.nodes...)
		sort.SliceStable(keep, func(i, j int) bool {
			a, b := keep[i], keep[j]
			if ra, rb := finding.Rank(a.sev), finding.Rank(b.sev); ra != rb {
				return ra > rb
			}
			if kindOrder[a.kind] != kindOrder[b.kind] {
				return kindOrder[a.kind] < kindOrder[b.kind]
			}
			return a.model < b.model
		})
		kept := map[string]bool{}
		for _, nd := range keep[:maxDiagramNodes] {
			kept[nd.model] = true
		}
		isGateway := func(id string) bool {
			nd := t.byModel[id]
			return kept[id] && (nd.kind == kindTGW || nd.kind == kindVGW || nd.kind == kindDXGW)
		}
		// behind[gateway][kind] counts dropped nodes by the gateway they hang on.
		behind := map[string]map[string]int{}
		placed := map[string]bool{}
		for _, e := range t.edges {
			for _, pair := range [][2]string{{e.from, e.to}, {e.to, e.from}} {
				gw, other := pair[0], pair[1]
				if isGateway(gw) && !kept[other] && !placed[other] {
					placed[other] = true
					if behind[gw] == nil {
						behind[gw] = map[string]int{}
					}
					behind[gw][t.byModel[other].kind]++
				}
			}
		}
		var nodes []*topoNode
		for _, nd := range t.nodes {
			if kept[nd.model] {
				nodes = append(nodes, nd)
			} else {
				delete(t.byModel, nd.model)
			}
		}
		t.hiddenNodes = len(t.nodes) - len(nodes)
		t.nodes = nodes
		var edges []*topoEdge
		for _, e := range t.edges {
			if kept[e.from] && kept[e.to] {
				edges = append(edges, e)
			}
		}
		t.edges = edges
		for _, gw := range slices.Sorted(maps.Keys(behind)) {
			total, label := 0, ""
			for kind, c := range behind[gw] {
				total += c
				label = kind
			}
			noun := "more element"
			if len(behind[gw]) == 1 && label == kindVPC {
				noun = "more VPC"
			}
			id := "more:" + gw
			t.node(id, kindMore, t.byModel[gw].group, "+"+plural(total, noun))
			t.edges = append(t.edges, &topoEdge{from: gw, to: id, models: nil, dashed: true, count: 1, summary: true})
		}
		byDrawingOrder(t.nodes)
	}
	if len(t.edges) > maxDiagramEdges {
		var first, rest []*topoEdge
		for _, e := range t.edges {
			if e.sev != "" || e.summary {
				first = append(first, e)
			} else {
				rest = append(rest, e)
			}
		}
		keep := map[*topoEdge]bool{}
		for _, e := range append(first, rest...)[:maxDiagramEdges] {
			keep[e] = true
		}
		var edges []*topoEdge
		for _, e := range t.edges {
			if keep[e] {
				edges = append(edges, e)
			}
		}
		t.hiddenEdges = len(t.edges) - len(edges)
		t.edges = edges
	}
}

// assignIDs gives every node a graph id made of its kind and its model id with
// everything but letters, digits and '_' replaced, unique by a numeric suffix.
func (t *topology) assignIDs() {
	used := map[string]bool{}
	for _, nd := range t.nodes {
		base := sanitizeID(nd.model)
		if !strings.HasPrefix(base, nd.kind+"_") {
			base = nd.kind + "_" + base
		}
		id := base
		for i := 2; used[id]; i++ {
			id = base + "_" + strconv.Itoa(i)
		}
		used[id] = true
		nd.id = id
	}
}

// sanitizeID keeps ASCII letters and digits, turns every other run into one '_'
// and caps the length (addresses of deeply nested modules get long).
func sanitizeID(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	out := strings.TrimSuffix(b.String(), "_")
	if len(out) > 60 {
		out = out[len(out)-60:]
	}
	if out == "" {
		out = "x"
	}
	return out
}

// note is the sentence about what was left out, "" when everything is drawn.
func (t *topology) note() string {
	var parts []string
	if t.hiddenNodes > 0 {
		parts = append(parts, plural(t.hiddenNodes, "more element")+" not drawn")
	}
	if t.hiddenEdges > 0 {
		parts = append(parts, plural(t.hiddenEdges, "more connection")+" not drawn")
	}
	return strings.Join(parts, ", ")
}

// groups returns the cluster keys in drawing order.
func (t *topology) groups() []string {
	seen := map[string]bool{}
	var out []string
	for _, nd := range t.nodes {
		if !seen[nd.group] {
			seen[nd.group] = true
			out = append(out, nd.group)
		}
	}
	return out
}

// groupLabel is a cluster's title; "" for elements outside any cluster.
func groupLabel(g string) string {
	switch {
	case g == groupOther:
		return ""
	case strings.HasPrefix(g, groupRegion):
		return strings.TrimPrefix(g, groupRegion)
	}
	return g[2:]
}

// Severity colours (GitHub's Primer palette): fill, border.
var severityColors = map[string][2]string{
	finding.Error:   {"#ffebe9", "#cf222e"},
	finding.Warning: {"#fff8c5", "#9a6700"},
	finding.Notice:  {"#ddf4ff", "#0969da"},
}

// Mermaid writes n as a Mermaid flowchart: on-premises, Direct Connect and one
// subgraph per region, left to right. highlight maps model ids to a severity;
// the elements (or, for a subnet or route table, the VPC holding it) are drawn
// in that severity's colour. Past 150 nodes or 300 edges the most relevant part
// is drawn and a note counts the rest.
func Mermaid(w io.Writer, n *model.Network, highlight map[string]string) error {
	t := buildTopology(n, highlight)
	bw := bufio.NewWriter(w)
	writeMermaid(bw, t)
	return bw.Flush()
}

func writeMermaid(w *bufio.Writer, t *topology) {
	w.WriteString("flowchart LR\n")
	if len(t.nodes) == 0 {
		w.WriteString("  empty[\"no network elements to draw\"]\n")
		return
	}
	for i, g := range t.groups() {
		indent := "  "
		if label := groupLabel(g); label != "" {
			fmt.Fprintf(w, "  subgraph group_%d[\"%s\"]\n", i+1, mermaidText(label))
			// A subgraph without links to the outside is laid out on its own,
			// top to bottom unless told: a row of 150 VPCs.
			w.WriteString("    direction LR\n")
			indent = "    "
		}
		for _, nd := range t.nodes {
			if nd.group != g {
				continue
			}
			open, close := mermaidShape(nd.kind)
			fmt.Fprintf(w, "%s%s%s\"%s\"%s\n", indent, nd.id, open, mermaidLabel(nd.label), close)
		}
		if groupLabel(g) != "" {
			w.WriteString("  end\n")
		}
	}
	if note := t.note(); note != "" {
		fmt.Fprintf(w, "  not_drawn>\"%s\"]\n", mermaidText(note))
	}
	for _, e := range t.edges {
		link := "---"
		if e.dashed {
			link = "-.-"
		}
		if e.label != "" {
			link += "|\"" + mermaidText(e.text()) + "\"|"
		}
		fmt.Fprintf(w, "  %s %s %s\n", t.byModel[e.from].id, link, t.byModel[e.to].id)
	}
	for _, sev := range []string{finding.Error, finding.Warning, finding.Notice} {
		var ids []string
		for _, nd := range t.nodes {
			if nd.sev == sev {
				ids = append(ids, nd.id)
			}
		}
		var links []string
		for i, e := range t.edges {
			if e.sev == sev {
				links = append(links, strconv.Itoa(i))
			}
		}
		c := severityColors[sev]
		if len(ids) > 0 {
			fmt.Fprintf(w, "  classDef %s fill:%s,stroke:%s,stroke-width:3px,color:#1f2328\n", sev, c[0], c[1])
			fmt.Fprintf(w, "  class %s %s\n", strings.Join(ids, ","), sev)
		}
		if len(links) > 0 {
			fmt.Fprintf(w, "  linkStyle %s stroke:%s,stroke-width:3px\n", strings.Join(links, ","), c[1])
		}
	}
}

// mermaidShape returns the brackets of a kind's node shape.
func mermaidShape(kind string) (string, string) {
	switch kind {
	case kindTGW:
		return "{{", "}}"
	case kindVGW, kindDXGW:
		return "([", "])"
	case kindCGW:
		return "[/", "/]"
	case kindSite:
		return "[(", ")]"
	case kindDXCon, kindDXLAG:
		return "[[", "]]"
	case kindCVPN:
		return "(", ")"
	case kindMore:
		return ">", "]"
	}
	return "[", "]"
}

// mermaidLabel joins label lines with <br>.
func mermaidLabel(lines []string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = mermaidText(l)
	}
	return strings.Join(out, "<br>")
}

// mermaidText escapes a label for a double-quoted Mermaid string: quotes and the
// characters Mermaid or its HTML labels would interpret become entity codes.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#':
			b.WriteString("#35;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '`':
			// A label wrapped in backticks is a Markdown string to Mermaid.
			b.WriteString("#96;")
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteString(termsafe.Escape(string(r)))
		}
	}
	return b.String()
}

// DOT writes n as a Graphviz graph for `dot`: left to right, with clusters for
// on-premises, Direct Connect and each region, highlights and caps as in
// Mermaid.
func DOT(w io.Writer, n *model.Network, highlight map[string]string) error {
	t := buildTopology(n, highlight)
	bw := bufio.NewWriter(w)
	writeDOT(bw, t)
	return bw.Flush()
}

// dotStyle is a kind's shape, style and fill. Shapes stay compact (no
// parallelograms or octagons, whose slanted sides double a label's width).
var dotStyle = map[string][3]string{
	kindTGW:   {"hexagon", "filled", "#dafbe1"},
	kindVGW:   {"invhouse", "filled", "#dafbe1"},
	kindDXGW:  {"box", "rounded,filled", "#fbefff"},
	kindDXCon: {"cds", "filled", "#fbefff"},
	kindDXLAG: {"cds", "filled", "#fbefff"},
	kindCGW:   {"component", "filled", "#f6f8fa"},
	kindSite:  {"folder", "filled", "#f6f8fa"},
	kindCVPN:  {"ellipse", "filled", "#f6f8fa"},
	kindVPC:   {"box", "rounded,filled", "#ffffff"},
	kindPeer:  {"box", "rounded,filled,dashed", "#f6f8fa"},
	kindMore:  {"note", "filled,dashed", "#f6f8fa"},
}

func writeDOT(w *bufio.Writer, t *topology) {
	w.WriteString("graph netlint {\n")
	w.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.25, ranksep=0.6, newrank=true, pad=0.3")
	note := t.note()
	if len(t.nodes) == 0 {
		note = "no network elements to draw"
	}
	if note != "" {
		fmt.Fprintf(w, ", label=%s, labelloc=b, labeljust=l", dotString(note))
	}
	w.WriteString("]\n")
	w.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=\"filled\", color=\"#57606a\", margin=\"0.15,0.06\"]\n")
	w.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#57606a\", fontcolor=\"#57606a\"]\n")
	for i, g := range t.groups() {
		indent := "  "
		if label := groupLabel(g); label != "" {
			fmt.Fprintf(w, "  subgraph cluster_%d {\n", i+1)
			fmt.Fprintf(w, "    label=%s; style=\"rounded,dashed\"; color=\"#8c959f\"; fontcolor=\"#57606a\"\n", dotString(label))
			indent = "    "
		}
		for _, nd := range t.nodes {
			if nd.group != g {
				continue
			}
			st := dotStyle[nd.kind]
			fill, extra := st[2], ""
			if c, ok := severityColors[nd.sev]; ok {
				fill, extra = c[0], fmt.Sprintf(", color=%q, penwidth=2.5", c[1])
			}
			attrs := fmt.Sprintf("label=%s, shape=%s, style=%q, fillcolor=%q%s",
				dotString(strings.Join(nd.label, "\n")), st[0], st[1], fill, extra)
			fmt.Fprintf(w, "%s%s [%s]\n", indent, nd.id, attrs)
		}
		if groupLabel(g) != "" {
			w.WriteString("  }\n")
		}
	}
	for _, e := range t.edges {
		var attrs []string
		if e.label != "" {
			attrs = append(attrs, "label="+dotString(e.text()))
		}
		if e.dashed {
			attrs = append(attrs, "style=dashed")
		}
		if c, ok := severityColors[e.sev]; ok {
			attrs = append(attrs, fmt.Sprintf("color=%q, fontcolor=%q, penwidth=2.5", c[1], c[1]))
		}
		line := fmt.Sprintf("  %s -- %s", t.byModel[e.from].id, t.byModel[e.to].id)
		if len(attrs) > 0 {
			line += " [" + strings.Join(attrs, ", ") + "]"
		}
		w.WriteString(line + "\n")
	}
	w.WriteString("}\n")
}

// dotString quotes s for DOT: backslashes and quotes escaped, newlines as \n
// (centred lines).
func dotString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if e := termsafe.Escape(string(r)); e != string(r) {
				b.WriteString(`\` + e) // DOT reads a backslash as an escape: double it
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cidrLine lists up to maxLabelCIDRs ranges and counts the rest.
func cidrLine(cidrs []string) string {
	if len(cidrs) <= maxLabelCIDRs {
		return strings.Join(cidrs, ", ")
	}
	return strings.Join(cidrs[:maxLabelCIDRs], ", ") + fmt.Sprintf(" +%d more", len(cidrs)-maxLabelCIDRs)
}

func asnLine(asn int64) string {
	if asn == 0 {
		return ""
	}
	return "ASN " + strconv.FormatInt(asn, 10)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// truncate shortens s to at most n characters, marking the cut with "…" in the
// middle so both the start (module path) and the end (resource name) survive.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head := (n - 1) / 2
	tail := n - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
