package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/toolreq"
	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/reach"
)

// topologyNetwork: two regions joined by TGW peering, spokes on a TGW (one of
// them inside a module instance, so its address carries quotes and brackets), a
// legacy VGW VPC with a static VPN to a branch, head office over two VPNs and
// Direct Connect, a peering inside the model and one to another account, and a
// Client VPN endpoint.
func topologyNetwork() *model.Network {
	n := model.New()
	meta := func(id, typ, region, name string) model.Meta {
		return model.Meta{ID: id, Address: id, Type: typ, Region: region, Name: name}
	}
	const eu, us = "eu-west-1", "us-east-1"
	n.TransitGateways["aws_ec2_transit_gateway.hub"] = &model.TransitGateway{Meta: meta("aws_ec2_transit_gateway.hub", "aws_ec2_transit_gateway", eu, "hub"),
		AmazonSideASN: 64512, DefaultRouteTableAssociation: true, DefaultRouteTablePropagation: true}
	n.TransitGateways["aws_ec2_transit_gateway.dr"] = &model.TransitGateway{Meta: meta("aws_ec2_transit_gateway.dr", "aws_ec2_transit_gateway", us, "dr"),
		AmazonSideASN: 64513, DefaultRouteTableAssociation: true, DefaultRouteTablePropagation: true}
	vpc := func(id, region, name string, cidrs ...string) {
		n.VPCs[id] = &model.VPC{Meta: meta(id, "aws_vpc", region, name), CIDRs: cidrs}
	}
	vpc("aws_vpc.a", eu, "", "10.0.0.0/16")
	vpc("aws_vpc.b", eu, "", "10.1.0.0/16")
	vpc("aws_vpc.c", eu, "", "10.1.128.0/17")
	vpc(`module.net["prod"].aws_vpc.this`, eu, "prod <main>", "10.20.0.0/16", "10.21.0.0/16", "10.22.0.0/16", "100.64.0.0/16")
	vpc("aws_vpc.shared", eu, "shared-services", "10.30.0.0/16")
	vpc("aws_vpc.legacy", eu, "legacy", "172.16.0.0/16")
	vpc("aws_vpc.dr", us, "dr", "10.100.0.0/16")
	attach := func(id, tgw, vpc string) {
		n.TGWAttachments[id] = &model.TGWAttachment{Meta: meta(id, "aws_ec2_transit_gateway_vpc_attachment", "", ""),
			Kind: model.AttachVPC, TransitGateway: tgw, VPC: vpc, DefaultAssociation: true, DefaultPropagation: true}
	}
	attach("aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway.hub", "aws_vpc.a")
	attach("aws_ec2_transit_gateway_vpc_attachment.b", "aws_ec2_transit_gateway.hub", "aws_vpc.b")
	attach("aws_ec2_transit_gateway_vpc_attachment.c", "aws_ec2_transit_gateway.hub", "aws_vpc.c")
	attach(`module.net["prod"].aws_ec2_transit_gateway_vpc_attachment.this`, "aws_ec2_transit_gateway.hub", `module.net["prod"].aws_vpc.this`)
	attach("aws_ec2_transit_gateway_vpc_attachment.dr", "aws_ec2_transit_gateway.dr", "aws_vpc.dr")
	n.TGWAttachments["aws_ec2_transit_gateway_peering_attachment.eu_us"] = &model.TGWAttachment{
		Meta: meta("aws_ec2_transit_gateway_peering_attachment.eu_us", "aws_ec2_transit_gateway_peering_attachment", eu, ""),
		Kind: model.AttachPeering, TransitGateway: "aws_ec2_transit_gateway.hub", PeerTransitGateway: "aws_ec2_transit_gateway.dr", PeerRegion: us}

	n.Subnets["aws_subnet.shared"] = &model.Subnet{Meta: meta("aws_subnet.shared", "aws_subnet", eu, ""), VPC: "aws_vpc.shared", CIDR: "10.30.0.0/24"}
	n.Subnets["aws_subnet.a"] = &model.Subnet{Meta: meta("aws_subnet.a", "aws_subnet", eu, ""), VPC: "aws_vpc.a", CIDR: "10.0.0.0/24"}
	n.Peerings["aws_vpc_peering_connection.a_shared"] = &model.Peering{Meta: meta("aws_vpc_peering_connection.a_shared", "aws_vpc_peering_connection", eu, ""),
		RequesterVPC: "aws_vpc.a", AccepterVPC: "aws_vpc.shared", Status: "active"}
	n.Peerings["aws_vpc_peering_connection.partner"] = &model.Peering{Meta: meta("aws_vpc_peering_connection.partner", "aws_vpc_peering_connection", eu, ""),
		RequesterVPC: "aws_vpc.shared", AccepterVPC: "vpc-0partner", PeerAccount: "444455556666", AccepterCIDRs: []string{"10.200.0.0/16"}}

	n.VPNGateways["aws_vpn_gateway.legacy"] = &model.VPNGateway{Meta: meta("aws_vpn_gateway.legacy", "aws_vpn_gateway", eu, "legacy"), VPC: "aws_vpc.legacy", AmazonSideASN: 64600}
	cgw := func(id, name, ip string, asn int64) {
		n.CustomerGateways[id] = &model.CustomerGateway{Meta: meta(id, "aws_customer_gateway", eu, name), IP: ip, BGPASN: asn}
	}
	cgw("aws_customer_gateway.hq", "hq-edge-1", "198.51.100.10", 65010)
	cgw("aws_customer_gateway.branch", "branch-router", "203.0.113.7", 65020)
	vpn := func(id, cg, vgw, tgw string, static []string) {
		n.VPNConnections[id] = &model.VPNConnection{Meta: meta(id, "aws_vpn_connection", eu, ""),
			CustomerGateway: cg, VPNGateway: vgw, TransitGateway: tgw, StaticRoutesOnly: static != nil, StaticRoutes: static}
	}
	vpn("aws_vpn_connection.hq_1", "aws_customer_gateway.hq", "", "aws_ec2_transit_gateway.hub", nil)
	vpn("aws_vpn_connection.hq_2", "aws_customer_gateway.hq", "", "aws_ec2_transit_gateway.hub", nil)
	vpn("aws_vpn_connection.branch", "aws_customer_gateway.branch", "aws_vpn_gateway.legacy", "", []string{"192.168.50.0/24"})
	n.Sites["site.hq"] = &model.Site{Meta: model.Meta{ID: "site.hq", Address: "site.hq", Type: "netlint_site", Name: "hq"},
		CIDRs: []string{"192.168.0.0/20"}, Devices: []model.Device{{Name: "hq-edge-1", IP: "198.51.100.10", ASN: 65010}}}

	n.DXConnections["aws_dx_connection.fra"] = &model.DXConnection{Meta: meta("aws_dx_connection.fra", "aws_dx_connection", eu, "dx-fra-1"),
		Bandwidth: "10Gbps", Location: "EqFA5"}
	n.DXGateways["aws_dx_gateway.main"] = &model.DXGateway{Meta: meta("aws_dx_gateway.main", "aws_dx_gateway", "", "main"), AmazonSideASN: 64700}
	n.DXVIFs["aws_dx_transit_virtual_interface.fra"] = &model.DXVIF{Meta: meta("aws_dx_transit_virtual_interface.fra", "aws_dx_transit_virtual_interface", eu, ""),
		Kind: "transit", Connection: "aws_dx_connection.fra", DXGateway: "aws_dx_gateway.main"}
	n.DXGatewayAssociations["aws_dx_gateway_association.hub"] = &model.DXGatewayAssociation{Meta: meta("aws_dx_gateway_association.hub", "aws_dx_gateway_association", "", ""),
		DXGateway: "aws_dx_gateway.main", Gateway: "aws_ec2_transit_gateway.hub", GatewayType: "transit_gateway"}

	n.ClientVPNEndpoints["aws_ec2_client_vpn_endpoint.staff"] = &model.ClientVPNEndpoint{Meta: meta("aws_ec2_client_vpn_endpoint.staff", "aws_ec2_client_vpn_endpoint", eu, "staff"),
		ClientCIDR: "10.250.0.0/22", Associations: []model.ClientVPNAssociation{{Subnet: "aws_subnet.a"}}}
	reach.Derive(n)
	return n
}

// topologyHighlight: the overlap of b and c (error), a warning on one VPN
// connection (an edge), a notice on a subnet (drawn as its VPC).
func topologyHighlight() map[string]string {
	return map[string]string{
		"aws_vpc.b":               finding.Error,
		"aws_vpc.c":               finding.Error,
		"aws_vpn_connection.hq_1": finding.Warning,
		"aws_subnet.shared":       finding.Notice,
		"not-in-the-model":        finding.Error,
	}
}

func TestDiagramGolden(t *testing.T) {
	for _, tt := range []struct {
		file   string
		render func(*bytes.Buffer, *model.Network, map[string]string) error
	}{
		{"topology.mmd", func(b *bytes.Buffer, n *model.Network, h map[string]string) error { return Mermaid(b, n, h) }},
		{"topology.dot", func(b *bytes.Buffer, n *model.Network, h map[string]string) error { return DOT(b, n, h) }},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var first, second bytes.Buffer
			if err := tt.render(&first, topologyNetwork(), topologyHighlight()); err != nil {
				t.Fatal(err)
			}
			// Map order must not leak into the output.
			if err := tt.render(&second, topologyNetwork(), topologyHighlight()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Fatalf("two renderings differ")
			}
			checkGolden(t, filepath.Join(goldenDir, tt.file), first.Bytes())
		})
	}
}

func TestMermaidHighlights(t *testing.T) {
	var buf bytes.Buffer
	if err := Mermaid(&buf, topologyNetwork(), topologyHighlight()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"class vpc_aws_vpc_b,vpc_aws_vpc_c error\n",
		"class vpc_aws_vpc_shared notice\n", // the subnet's VPC
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The warning is on one of the two VPNs between hq and the hub, drawn as one
	// edge: that edge is the one styled.
	edges := mermaidEdges(out)
	m := regexp.MustCompile(`linkStyle (\d+) stroke:#9a6700`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no warning linkStyle:\n%s", out)
	}
	var idx int
	fmt.Sscan(m[1], &idx)
	if idx >= len(edges) || !strings.Contains(edges[idx], `|"VPN ×2"|`) || !strings.Contains(edges[idx], "cgw_aws_customer_gateway_hq") {
		t.Errorf("linkStyle %d styles %q, want the hq VPN edge", idx, edges[idx])
	}
}

// mermaidEdges returns the edge lines in order (linkStyle counts them).
func mermaidEdges(out string) []string {
	var edges []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, " --- ") || strings.Contains(line, " -.- ") || strings.Contains(line, " ---|") || strings.Contains(line, " -.-|") {
			edges = append(edges, line)
		}
	}
	return edges
}

// Ids are safe whatever the address holds; labels are escaped, not dropped.
func TestDiagramIDsAndLabelsAreEscaped(t *testing.T) {
	n := model.New()
	for _, id := range []string{
		`module.a["x.y"].aws_vpc.this[0]`,
		`module.a["x-y"].aws_vpc.this[0]`, // sanitizes to the same id: must get a suffix
		`module.a["<script>&'#"].aws_vpc.end`,
		"end",
	} {
		n.VPCs[id] = &model.VPC{Meta: model.Meta{ID: id, Address: id, Region: `eu-"west"-1`}, CIDRs: []string{"10.0.0.0/16"}}
	}
	var mm, dot bytes.Buffer
	if err := Mermaid(&mm, n, nil); err != nil {
		t.Fatal(err)
	}
	if err := DOT(&dot, n, nil); err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`(?m)^\s+(vpc_\w+)\[`).FindAllStringSubmatch(mm.String(), -1)
	seen := map[string]bool{}
	for _, m := range ids {
		if seen[m[1]] {
			t.Errorf("duplicate node id %s", m[1])
		}
		seen[m[1]] = true
	}
	if len(seen) != 4 {
		t.Errorf("got node ids %v, want 4 distinct:\n%s", seen, mm.String())
	}
	for _, want := range []string{`module.a[#quot;x.y#quot;].aws_vpc.this[0]`, `#lt;script#gt;#amp;'#35;`, `subgraph group_1["eu-#quot;west#quot;-1"]`} {
		if !strings.Contains(mm.String(), want) {
			t.Errorf("Mermaid lacks %q:\n%s", want, mm.String())
		}
	}
	if strings.Contains(mm.String(), "<script>") {
		t.Errorf("raw HTML in Mermaid output:\n%s", mm.String())
	}
	for _, want := range []string{`label="VPC module.a[\"x.y\"].aws_vpc.this[0]\n10.0.0.0/16"`, `label="eu-\"west\"-1"`} {
		if !strings.Contains(dot.String(), want) {
			t.Errorf("DOT lacks %q:\n%s", want, dot.String())
		}
	}
}

// largeNetwork: nVPC VPCs on one TGW, fully meshed by peering in groups of ten.
func largeNetwork(nVPC int) *model.Network {
	n := model.New()
	n.TransitGateways["aws_ec2_transit_gateway.hub"] = &model.TransitGateway{Meta: model.Meta{ID: "aws_ec2_transit_gateway.hub", Address: "aws_ec2_transit_gateway.hub", Region: "eu-west-1"}}
	for i := 0; i < nVPC; i++ {
		id := fmt.Sprintf("aws_vpc.v%04d", i)
		n.VPCs[id] = &model.VPC{Meta: model.Meta{ID: id, Address: id, Region: "eu-west-1"}, CIDRs: []string{fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)}}
		att := fmt.Sprintf("aws_ec2_transit_gateway_vpc_attachment.v%04d", i)
		n.TGWAttachments[att] = &model.TGWAttachment{Meta: model.Meta{ID: att, Address: att}, Kind: model.AttachVPC,
			TransitGateway: "aws_ec2_transit_gateway.hub", VPC: id}
	}
	for i := 0; i < nVPC; i++ {
		for j := i + 1; j < nVPC && j/10 == i/10; j++ {
			p := fmt.Sprintf("aws_vpc_peering_connection.p%04d_%04d", i, j)
			n.Peerings[p] = &model.Peering{Meta: model.Meta{ID: p, Address: p},
				RequesterVPC: fmt.Sprintf("aws_vpc.v%04d", i), AccepterVPC: fmt.Sprintf("aws_vpc.v%04d", j)}
		}
	}
	return n
}

func TestDiagramCapsLargeNetworks(t *testing.T) {
	n := largeNetwork(3000)
	hl := map[string]string{"aws_vpc.v2999": finding.Error}
	var mm, dot bytes.Buffer
	if err := Mermaid(&mm, n, hl); err != nil {
		t.Fatal(err)
	}
	if err := DOT(&dot, n, hl); err != nil {
		t.Fatal(err)
	}
	nodes := regexp.MustCompile(`(?m)^\s+(tgw|vpc)_\w+[\[{]`).FindAllString(mm.String(), -1)
	if len(nodes) != maxDiagramNodes {
		t.Errorf("Mermaid draws %d nodes, want %d", len(nodes), maxDiagramNodes)
	}
	if edges := mermaidEdges(mm.String()); len(edges) > maxDiagramEdges {
		t.Errorf("Mermaid draws %d edges, want at most %d", len(edges), maxDiagramEdges)
	}
	// 3001 nodes, 150 drawn; 2999 more connections than drawn is not asserted
	// exactly, the node count is.
	for name, out := range map[string]string{"Mermaid": mm.String(), "DOT": dot.String()} {
		if !strings.Contains(out, "2851 more elements not drawn") {
			t.Errorf("%s lacks the note on elements not drawn", name)
		}
		// The highlighted VPC sorts last but is kept.
		if !strings.Contains(out, "vpc_aws_vpc_v2999") {
			t.Errorf("%s dropped the highlighted VPC", name)
		}
		if !strings.Contains(out, "tgw_aws_ec2_transit_gateway_hub") {
			t.Errorf("%s dropped the gateway", name)
		}
	}
	// GitHub renders Mermaid up to 50,000 characters.
	if mm.Len() > 50000 {
		t.Errorf("Mermaid output is %d bytes, over GitHub's 50,000", mm.Len())
	}
}

func TestDiagramEmptyNetwork(t *testing.T) {
	for _, n := range []*model.Network{nil, model.New()} {
		var mm, dot bytes.Buffer
		if err := Mermaid(&mm, n, nil); err != nil {
			t.Fatal(err)
		}
		if err := DOT(&dot, n, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(mm.String(), "no network elements to draw") || !strings.Contains(dot.String(), "no network elements to draw") {
			t.Errorf("empty network:\n%s\n%s", mm.String(), dot.String())
		}
	}
}

// TestDOTRendersWithGraphviz runs Graphviz on the golden topology, as a person
// would look at it. Without `dot` it skips, or fails under
// NETLINT_REQUIRE_TOOLS=1 (CI installs graphviz and sets it). Set
// NETLINT_TOPOLOGY_PNG=/path.png to keep the picture.
func TestDOTRendersWithGraphviz(t *testing.T) {
	dotBin := toolreq.Need(t, "dot", "Graphviz: apt-get install graphviz")
	for name, n := range map[string]*model.Network{"topology": topologyNetwork(), "large": largeNetwork(3000)} {
		t.Run(name, func(t *testing.T) {
			var src bytes.Buffer
			if err := DOT(&src, n, topologyHighlight()); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), name+".png")
			if name == "topology" && os.Getenv("NETLINT_TOPOLOGY_PNG") != "" {
				out = os.Getenv("NETLINT_TOPOLOGY_PNG")
			}
			args := []string{"-Tpng", "-o", out}
			if name == "large" {
				// The layout is what is tested; a full-size raster of 150
				// nodes only costs time.
				args = append(args, "-Gdpi=24")
			}
			cmd := exec.Command(dotBin, args...)
			cmd.Stdin = &src
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("dot -Tpng: %v\n%s", err, stderr.String())
			}
			// dot warns on stderr for input it half understands (bad attributes).
			if s := strings.TrimSpace(stderr.String()); s != "" {
				t.Errorf("dot warned:\n%s", s)
			}
			png, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 1000 {
				t.Errorf("dot wrote %d bytes that are not a PNG", len(png))
			}
		})
	}
}
