package terraform

import (
	"strconv"
	"strings"

	"github.com/netlint/netlint/model"
)

// bandwidthMbps parses Direct Connect bandwidths such as "10Gbps" or "500Mbps".
func bandwidthMbps(s string) int64 {
	s = strings.ToLower(strings.TrimSpace(s))
	mult := 0.0
	switch {
	case strings.HasSuffix(s, "gbps"):
		mult, s = 1000, strings.TrimSuffix(s, "gbps")
	case strings.HasSuffix(s, "mbps"):
		mult, s = 1, strings.TrimSuffix(s, "mbps")
	default:
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f <= 0 || f > 1e9 {
		return 0
	}
	return int64(f * mult)
}

// checkBandwidth fails the load on a bandwidth that is not one: the
// provider's schema holds it to AWS's list ("1Gbps", "500Mbps"...).
func checkBandwidth(r *resource, attr, s string) {
	if s != "" && bandwidthMbps(s) == 0 {
		r.attrs().fail(attr, "", strconv.Quote(s)+" is not a bandwidth (want e.g. 10Gbps or 500Mbps)")
	}
}

func (t *translator) buildDXConnection(r *resource) {
	c := &model.DXConnection{Meta: t.meta(r)}
	c.Bandwidth = r.str("bandwidth")
	c.BandwidthMbps = bandwidthMbps(c.Bandwidth)
	checkBandwidth(r, "bandwidth", c.Bandwidth)
	c.Location = r.str("location")
	c.Device = r.str("aws_device")
	c.Hosted = r.a.typ == "aws_dx_hosted_connection" || r.a.mode == "data" && dataHostedConnection(r)
	c.MACsec = r.boolean("request_macsec", false)
	c.EncryptionMode = r.str("encryption_mode")
	t.net.DXConnections[c.ID] = c
}

// dataHostedConnection tells whether data.aws_dx_connection reads a hosted
// connection: a partner provisioned it (partner_name) on a VLAN of its own
// port (vlan_id); a dedicated connection has neither.
func dataHostedConnection(r *resource) bool {
	if r.str("partner_name") != "" {
		return true
	}
	vlan, ok := r.integer("vlan_id")
	return ok && vlan != 0
}

func (t *translator) buildDXLAG(r *resource) {
	l := &model.DXLAG{Meta: t.meta(r), Connections: []string{}}
	l.ConnectionsBandwidth = r.str("connections_bandwidth")
	checkBandwidth(r, "connections_bandwidth", l.ConnectionsBandwidth)
	l.Location = r.str("location")
	l.MACsec = r.boolean("request_macsec", false)
	// connection_id moves an existing connection into the new LAG.
	if c, _ := t.link(r, "connection_id", dxConnTypes); c != "" {
		t.joinLAG(c, l)
	}
	t.net.DXLAGs[l.ID] = l
}

func (t *translator) joinLAG(conn string, l *model.DXLAG) {
	l.Connections = appendUnique(l.Connections, conn)
	if c := t.net.DXConnections[conn]; c != nil {
		c.LAG = l.ID
	}
}

func (t *translator) applyDXConnectionAssociation(r *resource) {
	lagID, cands := t.parentOrAny(r, "lag_id", dxLAGTypes)
	l := t.net.DXLAGs[lagID]
	conn, _ := t.link(r, "connection_id", dxConnTypes)
	if l == nil {
		if c := t.net.DXConnections[conn]; c != nil && lagID != "" {
			c.LAG = lagID
		}
		for _, id := range cands {
			if l := t.net.DXLAGs[id]; l != nil {
				l.MarkUnknown("connections")
			}
		}
		return
	}
	if conn == "" {
		l.MarkUnknown("connections")
		return
	}
	t.joinLAG(conn, l)
}

func vifKind(typ string) string {
	switch {
	case strings.Contains(typ, "_private_"):
		return "private"
	case strings.Contains(typ, "_transit_"):
		return "transit"
	}
	return "public"
}

func (t *translator) buildDXVIF(r *resource) {
	v := &model.DXVIF{Meta: t.meta(r), Kind: vifKind(r.a.typ)}
	if strings.HasSuffix(r.a.typ, "_accepter") {
		// The accepting account sees the VIF but not the connection carrying
		// it, which belongs to the owner.
		v.MarkUnknown("connection")
	} else {
		v.Connection = t.setLink(&v.Meta, "connection", r, "connection_id", dxConnTypes)
	}
	t.vifGateways(r, v)
	v.BGPASN = asn(r, "bgp_asn", &v.Meta, "bgp_asn")
	if mtu, ok := r.integer("mtu"); ok {
		v.MTU = mtu
	} else if r.isUnknown("mtu") {
		v.MarkUnknown("mtu")
	}
	t.net.DXVIFs[v.ID] = v
}

func (t *translator) vifGateways(r *resource, v *model.DXVIF) {
	if id := t.setLink(&v.Meta, "dx_gateway", r, "dx_gateway_id", dxGWTypes); id != "" {
		v.DXGateway = id
	}
	if id := t.setLink(&v.Meta, "vpn_gateway", r, "vpn_gateway_id", vgwTypes); id != "" {
		v.VPNGateway = id
	}
}

// applyDXVIFAccepter completes a hosted VIF of this root with the gateway its
// accepter attaches it to.
func (t *translator) applyDXVIFAccepter(r *resource) {
	if v := t.net.DXVIFs[t.alias[r.addr]]; v != nil {
		t.vifGateways(r, v)
	}
}

func (t *translator) buildDXGateway(r *resource) {
	g := &model.DXGateway{Meta: t.meta(r)}
	g.AmazonSideASN = asn(r, "amazon_side_asn", &g.Meta, "amazon_side_asn")
	t.net.DXGateways[g.ID] = g
}

func (t *translator) buildDXGatewayAssociation(r *resource) {
	a := &model.DXGatewayAssociation{Meta: t.meta(r)}
	a.DXGateway = t.setLink(&a.Meta, "dx_gateway", r, "dx_gateway_id", dxGWTypes)
	a.Gateway = t.setLink(&a.Meta, "gateway", r, dxAssociatedGatewayAttr(r), dxAssocGWTypes)
	a.GatewayType = dxGatewayType(t.types[a.Gateway], a.Gateway, r.str("associated_gateway_type"))
	if a.GatewayType == "" && a.Gateway != "" {
		a.MarkUnknown("gateway_type")
	}
	if p := r.attrs().cidrs("allowed_prefixes", anyFamily); len(p) > 0 {
		a.AllowedPrefixes = p
	}
	if r.unknownIn("allowed_prefixes") {
		// For a VGW, AWS defaults to the VPC's CIDRs, known only on apply.
		a.MarkUnknown("allowed_prefixes")
	}
	t.net.DXGatewayAssociations[a.ID] = a
	if att := a.ID + "#attachment"; t.types[att] != "" {
		t.net.TGWAttachments[att] = &model.TGWAttachment{
			Meta: model.Meta{ID: att, Type: t.types[att], Address: att, AWSID: r.str("transit_gateway_attachment_id"),
				Region: a.Region, Account: a.Account, Module: a.Module},
			Kind:           model.AttachDXGateway,
			TransitGateway: a.Gateway,
			DXGateway:      a.DXGateway,
			// Like any attachment, it follows the TGW's default association
			// and propagation settings.
			DefaultAssociation: true,
			DefaultPropagation: true,
		}
	}
}

func dxAssociatedGatewayAttr(r *resource) string {
	if r.str("associated_gateway_id") == "" && !r.isUnknown("associated_gateway_id") && r.expr("associated_gateway_id") == nil {
		return "vpn_gateway_id" // the deprecated argument
	}
	return "associated_gateway_id"
}

// dxGatewayType tells a VGW from a TGW association by the element the gateway
// resolves to, its id, or the type AWS reports.
func dxGatewayType(typ, gw, reported string) string {
	switch {
	case typ == "aws_vpn_gateway" || strings.HasPrefix(gw, "vgw-"):
		return "vpn_gateway"
	case typ == "aws_ec2_transit_gateway" || strings.HasPrefix(gw, "tgw-"):
		return "transit_gateway"
	}
	switch reported {
	case "virtualPrivateGateway":
		return "vpn_gateway"
	case "transitGateway":
		return "transit_gateway"
	}
	return ""
}
