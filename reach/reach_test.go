package reach

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/netlint/netlint/model"
)

// builder writes small networks for the tests.
type builder struct{ n *model.Network }

func newBuilder() *builder { return &builder{n: model.New()} }

func meta(id string) model.Meta { return model.Meta{ID: id, Address: id} }

func (b *builder) vpc(id string, cidrs ...string) *builder {
	b.n.VPCs[id] = &model.VPC{Meta: meta(id), CIDRs: cidrs}
	return b
}

// subnet adds a subnet with its own route table holding routes
// "dest>kind:target".
func (b *builder) subnet(id, vpc, cidr string, routes ...string) *builder {
	b.n.Subnets[id] = &model.Subnet{Meta: meta(id), VPC: vpc, CIDR: cidr, AZ: "a"}
	rt := &model.RouteTable{Meta: meta("rt-" + id), VPC: vpc, Subnets: []string{id}}
	for _, r := range routes {
		dest, target, _ := strings.Cut(r, ">")
		kind, id, _ := strings.Cut(target, ":")
		rt.Routes = append(rt.Routes, model.Route{Destination: dest, TargetKind: kind, Target: id})
	}
	b.n.RouteTables[rt.ID] = rt
	return b
}

func (b *builder) tgw(id string, defaults bool) *builder {
	b.n.TransitGateways[id] = &model.TransitGateway{Meta: meta(id), DefaultRouteTableAssociation: defaults, DefaultRouteTablePropagation: defaults}
	return b
}

func (b *builder) vpcAttachment(id, tgw, vpc string, subnets ...string) *builder {
	b.n.TGWAttachments[id] = &model.TGWAttachment{Meta: meta(id), Kind: model.AttachVPC, TransitGateway: tgw, VPC: vpc,
		Subnets: subnets, DefaultAssociation: true, DefaultPropagation: true}
	return b
}

// table adds a TGW route table; routes are "dest>attachment" or "dest>blackhole".
func (b *builder) table(id, tgw string, assoc, prop []string, routes ...string) *builder {
	rt := &model.TGWRouteTable{Meta: meta(id), TransitGateway: tgw, Associations: assoc, Propagations: prop}
	for _, r := range routes {
		dest, att, _ := strings.Cut(r, ">")
		if att == "blackhole" {
			rt.Routes = append(rt.Routes, model.TGWRoute{Destination: dest, Blackhole: true})
		} else {
			rt.Routes = append(rt.Routes, model.TGWRoute{Destination: dest, Attachment: att})
		}
	}
	b.n.TGWRouteTables[id] = rt
	return b
}

func (b *builder) vpn(id, ip, vgw, tgw string, static bool, routes ...string) *builder {
	cgw := "cgw-" + id
	b.n.CustomerGateways[cgw] = &model.CustomerGateway{Meta: meta(cgw), IP: ip, BGPASN: 65000}
	c := &model.VPNConnection{Meta: meta(id), CustomerGateway: cgw, VPNGateway: vgw, TransitGateway: tgw,
		StaticRoutesOnly: static, StaticRoutes: routes}
	if tgw != "" {
		c.TGWAttachment = id + "#attachment"
		b.n.TGWAttachments[c.TGWAttachment] = &model.TGWAttachment{Meta: meta(c.TGWAttachment), Kind: model.AttachVPN,
			TransitGateway: tgw, VPNConnection: id, DefaultAssociation: true, DefaultPropagation: true}
	}
	b.n.VPNConnections[id] = c
	return b
}

func (b *builder) site(name string, cidrs []string, summaries []string, ips ...string) *builder {
	s := &model.Site{Meta: meta("site." + name), CIDRs: cidrs, Summaries: summaries}
	for _, ip := range ips {
		s.Devices = append(s.Devices, model.Device{Name: ip, IP: ip})
	}
	b.n.Sites[s.ID] = s
	return b
}

// router returns the derived router of an element, or fails.
func derivedRouter(t *testing.T, n *model.Network, element string) model.Router {
	t.Helper()
	for _, r := range n.Derived.Routers {
		if r.Element == element {
			return r
		}
	}
	var have []string
	for _, r := range n.Derived.Routers {
		have = append(have, r.Element)
	}
	t.Fatalf("no derived router for %s (have %v)", element, have)
	return model.Router{}
}

func hasRouter(n *model.Network, element string) bool {
	return slices.ContainsFunc(n.Derived.Routers, func(r model.Router) bool { return r.Element == element })
}

// entries lists a router's entries as "prefix network exact|summary via next hop".
func entries(r model.Router) []string {
	var out []string
	for _, e := range r.Entries {
		kind := "summary"
		if e.Exact {
			kind = "exact"
		}
		out = append(out, fmt.Sprintf("%s %s %s via %s", e.Prefix, e.Network, kind, e.NextHop))
	}
	sort.Strings(out)
	return out
}

func wantEntries(t *testing.T, r model.Router, want ...string) {
	t.Helper()
	sort.Strings(want)
	if got := entries(r); !slices.Equal(got, want) {
		t.Fatalf("%s entries:\n  %s\nwant:\n  %s", r.Label, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// trace runs a path query and returns the result of the first trace.
func trace(t *testing.T, a *Analysis, from, to string) Trace {
	t.Helper()
	src, err := a.Endpoint(from)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := a.Endpoint(to)
	if err != nil {
		t.Fatal(err)
	}
	trs := a.Trace(src, dst)
	if len(trs) == 0 {
		t.Fatalf("no trace from %s", from)
	}
	return trs[0]
}

func hops(tr Trace) string {
	var out []string
	for _, h := range tr.Hops {
		out = append(out, h.Element)
	}
	return strings.Join(out, " > ")
}

// segmentation: a shared-services VPC reaching prod and dev through its own
// TGW route table; prod and dev each reach only shared. dev clones prod's
// range.
func segmentation(sharedLearnsDev bool) *model.Network {
	b := newBuilder().tgw("tgw", false).
		vpc("shared", "10.0.0.0/16").vpc("prod", "10.1.0.0/16").vpc("dev", "10.1.0.0/16").
		subnet("s-shared", "shared", "10.0.0.0/24", "10.0.0.0/8>transit_gateway:tgw").
		subnet("s-prod", "prod", "10.1.0.0/24", "0.0.0.0/0>transit_gateway:tgw").
		subnet("s-dev", "dev", "10.1.0.0/24", "0.0.0.0/0>transit_gateway:tgw").
		vpcAttachment("att-shared", "tgw", "shared", "s-shared").
		vpcAttachment("att-prod", "tgw", "prod", "s-prod").
		vpcAttachment("att-dev", "tgw", "dev", "s-dev")
	prop := []string{"att-prod"}
	if sharedLearnsDev {
		prop = append(prop, "att-dev")
	}
	b.table("rt-shared", "tgw", []string{"att-shared"}, prop).
		table("rt-prod", "tgw", []string{"att-prod"}, []string{"att-shared"}).
		table("rt-dev", "tgw", []string{"att-dev"}, []string{"att-shared"})
	return b.n
}

func TestTGWSegmentation(t *testing.T) {
	n := segmentation(true)
	a := Derive(n)
	// The shared table holds both clones: the place they meet.
	wantEntries(t, derivedRouter(t, n, "rt-shared"),
		"10.1.0.0/16 prod exact via att-prod", "10.1.0.0/16 dev exact via att-dev")
	// prod and dev never meet elsewhere: their own tables hold shared only.
	for _, rt := range []string{"rt-prod", "rt-dev"} {
		if hasRouter(n, rt) {
			t.Errorf("%s is reported, though nothing in it overlaps: %v", rt, entries(derivedRouter(t, n, rt)))
		}
	}
	if tr := trace(t, a, "prod", "shared"); tr.Result != Delivered || hops(tr) != "rt-s-prod > rt-prod" {
		t.Errorf("prod -> shared: %s via %s (%s)", tr.Result, hops(tr), tr.Reason)
	}
	// prod's range is local in dev: traffic never leaves dev.
	if tr := trace(t, a, "dev", "prod"); tr.Result != Stopped || !strings.Contains(tr.Reason, "instead") {
		t.Errorf("dev -> prod: %s %s", tr.Result, tr.Reason)
	}

	// Isolated: the shared table learns prod only; nothing overlaps anywhere.
	n = segmentation(false)
	Derive(n)
	if hasRouter(n, "rt-shared") {
		t.Errorf("isolated clone: rt-shared reported: %v", entries(derivedRouter(t, n, "rt-shared")))
	}
}

func TestNotPropagatedAndNotAssociated(t *testing.T) {
	b := newBuilder().tgw("tgw", false).vpc("a", "10.1.0.0/16").vpc("b", "10.2.0.0/16").vpc("c", "10.3.0.0/16").
		subnet("s-a", "a", "10.1.0.0/24", "10.0.0.0/8>transit_gateway:tgw").
		subnet("s-c", "c", "10.3.0.0/24", "10.0.0.0/8>transit_gateway:tgw").
		vpcAttachment("att-a", "tgw", "a").vpcAttachment("att-b", "tgw", "b").vpcAttachment("att-c", "tgw", "c").
		table("rt", "tgw", []string{"att-a"}, nil)
	a := Derive(b.n)
	tr := trace(t, a, "a", "b")
	if tr.Result != Stopped || !strings.HasPrefix(tr.Reason, "not propagated:") || !strings.Contains(tr.Reason, "att-b") {
		t.Errorf("a -> b: %s %q, want not propagated", tr.Result, tr.Reason)
	}
	tr = trace(t, a, "c", "a")
	if tr.Result != Stopped || !strings.Contains(tr.Reason, "att-c is not associated with any TGW route table") {
		t.Errorf("c -> a: %s %q, want not associated", tr.Result, tr.Reason)
	}
}

func TestBlackholeStops(t *testing.T) {
	b := newBuilder().tgw("tgw", false).vpc("a", "10.1.0.0/16").vpc("b", "10.2.0.0/16").
		subnet("s-a", "a", "10.1.0.0/24", "10.0.0.0/8>transit_gateway:tgw").
		vpcAttachment("att-a", "tgw", "a").vpcAttachment("att-b", "tgw", "b").
		table("rt", "tgw", []string{"att-a"}, []string{"att-b"}, "10.2.0.0/16>blackhole")
	tr := trace(t, Derive(b.n), "a", "b")
	if tr.Result != Stopped || !strings.Contains(tr.Reason, "blackhole") {
		t.Errorf("a -> b: %s %q, want the blackhole (static beats propagated)", tr.Result, tr.Reason)
	}
}

// TestOnPremSummary: a static VPN route 10.0.0.0/8 toward the data centre
// while the VPCs are carved out of 10/8. The summary is not a range of the
// site; longest-prefix match keeps each VPC's range its own.
func TestOnPremSummary(t *testing.T) {
	b := newBuilder().tgw("tgw", true).vpc("a", "10.1.0.0/16").
		subnet("s-a", "a", "10.1.0.0/24", "0.0.0.0/0>transit_gateway:tgw").
		vpcAttachment("att-a", "tgw", "a", "s-a").
		vpn("vpn-dc", "198.51.100.1", "", "tgw", true).
		table("rt", "tgw", nil, nil, "10.0.0.0/8>vpn-dc#attachment")
	b.n.TGWRouteTables["rt"].Default = true
	a := Derive(b.n)
	wantEntries(t, derivedRouter(t, b.n, "rt"),
		"10.1.0.0/16 a exact via att-a", "10.0.0.0/8 site:vpn-dc summary via vpn-dc#attachment")
	if tr := trace(t, a, "a", "10.200.0.1"); tr.Result != Delivered || tr.Network != "site:vpn-dc" {
		t.Errorf("a -> 10.200.0.1: %s %s (%s)", tr.Result, tr.Network, tr.Reason)
	}
	if tr := trace(t, a, "site:vpn-dc", "a"); tr.Result != Delivered {
		t.Errorf("on-prem -> a: %s (%s)", tr.Result, tr.Reason)
	}

	// Declared with its real ranges, the site's exact range shows inside
	// the summary route.
	b.site("dc", []string{"10.0.0.0/12"}, nil, "198.51.100.1")
	Derive(b.n)
	wantEntries(t, derivedRouter(t, b.n, "rt"),
		"10.1.0.0/16 a exact via att-a", "10.0.0.0/8 site.dc summary via vpn-dc#attachment", "10.0.0.0/12 site.dc exact via vpn-dc#attachment")
}

func TestBGPVPNWithoutDeclaredSiteIsUnknown(t *testing.T) {
	b := newBuilder().tgw("tgw", true).vpc("a", "10.1.0.0/16").vpcAttachment("att-a", "tgw", "a").
		vpn("vpn-dc", "198.51.100.1", "", "tgw", false)
	Derive(b.n)
	r := derivedRouter(t, b.n, "tgw")
	if len(r.Unknown) != 1 || !strings.Contains(r.Unknown[0], "vpn-dc learns its on-premises prefixes over BGP") {
		t.Fatalf("unknown = %v", r.Unknown)
	}
	// Declared: the site's ranges and summaries are what the TGW learns.
	b.site("dc", []string{"10.0.0.0/12"}, []string{"10.0.0.0/8"}, "198.51.100.1")
	Derive(b.n)
	r = derivedRouter(t, b.n, "tgw")
	if len(r.Unknown) != 0 {
		t.Fatalf("declared site still unknown: %v", r.Unknown)
	}
	wantEntries(t, r, "10.1.0.0/16 a exact via att-a", "10.0.0.0/12 site.dc exact via vpn-dc#attachment",
		"10.0.0.0/8 site.dc summary via vpn-dc#attachment")
}

// twoRegions: two TGWs peered, each with a static route for the other
// region's summary. clash reuses region A's 10.1.0.0/16 in region B.
func twoRegions(clash bool) *model.Network {
	b := newBuilder().tgw("tgw-a", false).tgw("tgw-b", false).
		vpc("x", "10.1.0.0/16").subnet("s-x", "x", "10.1.0.0/24", "10.0.0.0/8>transit_gateway:tgw-a").
		vpc("z", "10.17.0.0/16").subnet("s-z", "z", "10.17.0.0/24", "10.0.0.0/8>transit_gateway:tgw-b").
		vpcAttachment("att-x", "tgw-a", "x", "s-x").vpcAttachment("att-z", "tgw-b", "z", "s-z")
	b.n.TGWAttachments["peer-a"] = &model.TGWAttachment{Meta: meta("peer-a"), Kind: model.AttachPeering, TransitGateway: "tgw-a", PeerTransitGateway: "tgw-b"}
	b.n.TGWAttachments["peer-b"] = &model.TGWAttachment{Meta: meta("peer-b"), Kind: model.AttachPeering, TransitGateway: "tgw-b", PeerTransitGateway: "tgw-a"}
	propB := []string{"att-z"}
	if clash {
		b.vpc("y", "10.1.0.0/16").subnet("s-y", "y", "10.1.0.0/24", "10.0.0.0/8>transit_gateway:tgw-b").vpcAttachment("att-y", "tgw-b", "y", "s-y")
		propB = append(propB, "att-y")
	}
	b.table("rt-a", "tgw-a", []string{"att-x", "peer-a"}, []string{"att-x"}, "10.16.0.0/12>peer-a").
		table("rt-b", "tgw-b", append([]string{"peer-b"}, propB...), propB, "10.0.0.0/12>peer-b")
	return b.n
}

func TestTGWPeeringCarriesStaticRoutesOnly(t *testing.T) {
	n := twoRegions(false)
	a := Derive(n)
	if tr := trace(t, a, "z", "x"); tr.Result != Delivered || hops(tr) != "rt-s-z > rt-b > rt-a" {
		t.Errorf("z -> x: %s via %s (%s)", tr.Result, hops(tr), tr.Reason)
	}
	if len(n.Derived.Routers) != 0 {
		t.Errorf("clean regions: routers reported: %+v", n.Derived.Routers)
	}

	n = twoRegions(true)
	a = Derive(n)
	// Region B's table holds its own y and, through the peering's 10/12,
	// region A's x: the same /16 toward two next hops.
	wantEntries(t, derivedRouter(t, n, "rt-b"),
		"10.1.0.0/16 y exact via att-y", "10.17.0.0/16 z exact via att-z", "10.1.0.0/16 x exact via peer-b")
	if tr := trace(t, a, "z", "x"); tr.Result != Stopped || !strings.Contains(tr.Reason, "sends 10.1.0.0/16 to y instead") {
		t.Errorf("z -> x with the clash: %s (%s)", tr.Result, tr.Reason)
	}
}

func TestPeeringIsNotTransitive(t *testing.T) {
	b := newBuilder().vpc("a", "10.1.0.0/16").vpc("b", "10.2.0.0/16").vpc("c", "10.3.0.0/16").
		subnet("s-a", "a", "10.1.0.0/24", "10.0.0.0/8>vpc_peering_connection:ab").
		subnet("s-b", "b", "10.2.0.0/24", "10.3.0.0/16>vpc_peering_connection:bc")
	b.n.Peerings["ab"] = &model.Peering{Meta: meta("ab"), RequesterVPC: "a", AccepterVPC: "b", Status: "active"}
	b.n.Peerings["bc"] = &model.Peering{Meta: meta("bc"), RequesterVPC: "b", AccepterVPC: "c", Status: "active"}
	a := Derive(b.n)
	if tr := trace(t, a, "a", "b"); tr.Result != Delivered {
		t.Errorf("a -> b: %s (%s)", tr.Result, tr.Reason)
	}
	if tr := trace(t, a, "a", "c"); tr.Result != Stopped || !strings.Contains(tr.Reason, "peering is not transitive") {
		t.Errorf("a -> c: %s (%s), want not transitive", tr.Result, tr.Reason)
	}
	// Overlapping peered VPCs: AWS refuses the peering whatever the routes.
	b.vpc("d", "10.2.128.0/17")
	b.n.Peerings["bd"] = &model.Peering{Meta: meta("bd"), RequesterVPC: "b", AccepterVPC: "d"}
	Derive(b.n)
	r := derivedRouter(t, b.n, "bd")
	for _, e := range r.Entries {
		if e.Exclusive != model.ExclusivePeering {
			t.Errorf("peering entry %+v is not exclusive", e)
		}
	}
}

func TestVGWCloudHubAndSites(t *testing.T) {
	b := newBuilder().vpc("a", "10.1.0.0/16").
		vpn("branch-1", "198.51.100.1", "vgw", "", true, "192.168.1.0/24").
		vpn("branch-2", "198.51.100.2", "vgw", "", true, "192.168.2.0/24").
		// Two devices of head office announce the same routes: one site.
		vpn("hq-1", "198.51.100.10", "vgw", "", true, "172.16.0.0/12").
		vpn("hq-2", "198.51.100.11", "vgw", "", true, "172.16.0.0/12")
	b.n.VPNGateways["vgw"] = &model.VPNGateway{Meta: meta("vgw"), VPC: "a"}
	a := Derive(b.n)
	if tr := trace(t, a, "site:branch-1", "site:branch-2"); tr.Result != Delivered || hops(tr) != "vgw" {
		t.Errorf("branch-1 -> branch-2 (CloudHub): %s via %s (%s)", tr.Result, hops(tr), tr.Reason)
	}
	hq := b.n.Derived.AddressNetworks["site:hq-1"]
	if hq == nil || !slices.Equal(hq.Connections, []string{"hq-1", "hq-2"}) || !strings.Contains(hq.Assumed, "netlint assumed that hq-1 and hq-2 reach one on-premises site") {
		t.Fatalf("head office: %+v", hq)
	}
	if _, ok := b.n.Derived.AddressNetworks["site:hq-2"]; ok {
		t.Error("hq-2 has a site of its own")
	}
	// Declared sites win: hq-2's device declared apart makes two sites.
	b.site("dr", []string{"172.16.0.0/12"}, nil, "198.51.100.11")
	Derive(b.n)
	if hq := b.n.Derived.AddressNetworks["site:hq-1"]; hq == nil || hq.Assumed != "" || !slices.Equal(hq.Connections, []string{"hq-1"}) {
		t.Fatalf("after declaring dr: %+v", hq)
	}
	wantEntries(t, derivedRouter(t, b.n, "vgw"),
		"10.1.0.0/16 a exact via a", "192.168.1.0/24 site:branch-1 summary via branch-1", "192.168.2.0/24 site:branch-2 summary via branch-2",
		"172.16.0.0/12 site:hq-1 summary via hq-1", "172.16.0.0/12 site.dr exact via hq-2")
}

func TestClientVPNRoutesBeyondTheVPC(t *testing.T) {
	b := newBuilder().tgw("tgw", true).
		vpc("hub", "10.0.0.0/16").subnet("s-hub", "hub", "10.0.0.0/24", "10.0.0.0/8>transit_gateway:tgw").
		vpc("spoke", "10.20.0.0/16").
		vpcAttachment("att-hub", "tgw", "hub", "s-hub").vpcAttachment("att-spoke", "tgw", "spoke")
	b.n.ClientVPNEndpoints["cvpn"] = &model.ClientVPNEndpoint{Meta: meta("cvpn"), ClientCIDR: "10.20.252.0/22",
		Associations:   []model.ClientVPNAssociation{{Subnet: "s-hub"}},
		Authorizations: []model.ClientVPNAuthRule{{TargetNetworkCIDR: "10.0.0.0/16"}},
		Routes:         []model.ClientVPNRoute{{Address: "aws_ec2_client_vpn_route.spoke", Destination: "10.20.0.0/16", Subnet: "s-hub"}}}
	a := Derive(b.n)
	// The pool overlaps the spoke reached through the hub and the TGW, and
	// the route's own destination.
	r := derivedRouter(t, b.n, "cvpn")
	got := entries(r)
	for _, want := range []string{"10.20.0.0/16 spoke exact via s-hub", "10.20.252.0/22 cvpn exact via clients"} {
		if !slices.Contains(got, want) {
			t.Errorf("client VPN entries %v lack %q", got, want)
		}
	}
	// The spoke is routed but not authorized.
	if tr := trace(t, a, "cvpn", "10.20.1.1"); tr.Result != Stopped || !strings.HasPrefix(tr.Reason, "not authorized") {
		t.Errorf("clients -> spoke: %s (%s), want not authorized", tr.Result, tr.Reason)
	}
	if tr := trace(t, a, "cvpn", "10.0.0.5"); tr.Result != Delivered || tr.Network != "hub" {
		t.Errorf("clients -> hub: %s %s (%s)", tr.Result, tr.Network, tr.Reason)
	}
}

func TestDXGatewayWithVGWAssociationsIsExclusive(t *testing.T) {
	b := newBuilder().vpc("a", "10.1.0.0/16").vpc("b", "10.1.128.0/17")
	b.n.VPNGateways["vgw-a"] = &model.VPNGateway{Meta: meta("vgw-a"), VPC: "a"}
	b.n.VPNGateways["vgw-b"] = &model.VPNGateway{Meta: meta("vgw-b"), VPC: "b"}
	b.n.DXGateways["dxgw"] = &model.DXGateway{Meta: meta("dxgw")}
	b.n.DXGatewayAssociations["as-a"] = &model.DXGatewayAssociation{Meta: meta("as-a"), DXGateway: "dxgw", Gateway: "vgw-a"}
	b.n.DXGatewayAssociations["as-b"] = &model.DXGatewayAssociation{Meta: meta("as-b"), DXGateway: "dxgw", Gateway: "vgw-b"}
	Derive(b.n)
	r := derivedRouter(t, b.n, "dxgw")
	if len(r.Entries) != 2 || r.Entries[0].Exclusive != model.ExclusiveDXVGW || r.Entries[1].Exclusive != model.ExclusiveDXVGW {
		t.Fatalf("DX gateway entries %+v", r.Entries)
	}
	// Allowed prefixes narrower than a VPC's CIDR advertise nothing of it.
	b.n.DXGatewayAssociations["as-b"].AllowedPrefixes = []string{"10.1.200.0/24"}
	Derive(b.n)
	r = derivedRouter(t, b.n, "dxgw")
	wantEntries(t, r, "10.1.0.0/16 a exact via vgw-a")
	// What on premises announces over the gateway is not declared.
	if len(r.Unknown) != 1 || !strings.Contains(r.Unknown[0], "are not declared") {
		t.Errorf("unknown = %v", r.Unknown)
	}
}

func TestPropagatedRouteInsideLocalIsIgnored(t *testing.T) {
	b := newBuilder().vpc("a", "10.1.0.0/16").
		vpn("vpn", "198.51.100.1", "vgw", "", true, "10.1.5.0/24")
	b.n.VPNGateways["vgw"] = &model.VPNGateway{Meta: meta("vgw"), VPC: "a"}
	b.subnet("s-a", "a", "10.1.0.0/24")
	b.n.RouteTables["rt-s-a"].PropagatingVGWs = []string{"vgw"}
	a := Derive(b.n)
	// 10.1.5.1 is the site's: the local route keeps it in the VPC.
	tr := trace(t, a, "s-a", "10.1.5.1")
	if tr.Result != Stopped || !strings.Contains(tr.Reason, "sends 10.1.5.1/32 to a instead (local route") {
		t.Errorf("a -> 10.1.5.1: %s %q via %s, want the local route (a propagated route more specific than local is ignored)", tr.Result, tr.Reason, hops(tr))
	}
	// The route table holds both: the site's range inside the VPC's.
	wantEntries(t, derivedRouter(t, b.n, "rt-s-a"), "10.1.0.0/16 a exact via local", "10.1.5.0/24 site:vpn summary via vgw")
}

func TestUnknownRouteTarget(t *testing.T) {
	b := newBuilder().vpc("a", "10.1.0.0/16").subnet("s-a", "a", "10.1.0.0/24")
	b.n.RouteTables["rt-s-a"].Routes = []model.Route{{Destination: "10.0.0.0/8", TargetKind: model.TargetTransitGateway, Unknown: []string{"target"}}}
	a := Derive(b.n)
	if tr := trace(t, a, "a", "10.2.0.1"); tr.Result != Unknown || !strings.Contains(tr.Reason, "not known until apply") {
		t.Errorf("a -> 10.2.0.1: %s (%s)", tr.Result, tr.Reason)
	}
	if r := derivedRouter(t, b.n, "rt-s-a"); len(r.Unknown) != 1 {
		t.Errorf("unknown = %v", r.Unknown)
	}
}

func TestEndpointNames(t *testing.T) {
	b := newBuilder().vpc("aws_vpc.a", "10.1.0.0/16", "2600:1f18::/56").subnet("aws_subnet.a", "aws_vpc.a", "10.1.0.0/24")
	b.n.VPCs["aws_vpc.a"].AWSID = "vpc-0abc"
	b.n.VPCs["aws_vpc.a"].Name = "app"
	b.site("hq", []string{"192.168.0.0/16"}, nil)
	a := Derive(b.n)
	for name, want := range map[string]string{
		"aws_vpc.a": "aws_vpc.a", "vpc-0abc": "aws_vpc.a", "app": "aws_vpc.a", "aws_subnet.a": "aws_vpc.a",
		"hq": "site.hq", "site.hq": "site.hq", "10.1.3.4": "aws_vpc.a", "192.168.1.0/24": "site.hq", "8.8.8.8": "",
	} {
		ep, err := a.Endpoint(name)
		if err != nil || ep.Network != want {
			t.Errorf("Endpoint(%q) = %q, %v; want network %q", name, ep.Network, err, want)
		}
	}
	if ep, _ := a.Endpoint("aws_vpc.a"); ep.Prefix.String() != "10.1.0.0/16" {
		t.Errorf("a VPC is reached at its first IPv4 range, got %s", ep.Prefix)
	}
	if _, err := a.Endpoint("nowhere"); err == nil || !strings.Contains(err.Error(), "nowhere: no VPC") {
		t.Errorf("unknown name: %v", err)
	}
}
