package terraform

import (
	"strconv"

	"github.com/netlint/netlint/model"
)

// asn reads an ASN attribute (a string in several provider schemas) into
// dst, marking field unknown when the value comes on apply.
func asn(r *resource, attr string, m *model.Meta, field string) int64 {
	if n, ok := r.integer(attr); ok {
		return n
	}
	if r.isUnknown(attr) {
		m.MarkUnknown(field)
	}
	return 0
}

// defaultVGWASN is the Amazon-side ASN AWS gives a virtual private gateway
// created without one.
const defaultVGWASN = 64512

func (t *translator) buildVPNGateway(r *resource) {
	g := &model.VPNGateway{Meta: t.meta(r)}
	vpcAttr := "vpc_id"
	if r.a.mode == "data" {
		vpcAttr = "attached_vpc_id"
	}
	g.VPC = t.setLink(&g.Meta, "vpc", r, vpcAttr, vpcTypes)
	if r.a.mode == "managed" && r.isUnknown("amazon_side_asn") && r.cfg != nil && r.expr("amazon_side_asn") == nil {
		// The provider computes amazon_side_asn when it is not set, but the
		// plan creates the gateway without one, and AWS documents the default
		// for a new virtual private gateway: 64512. Only a configured
		// expression that is unknown leaves it unknown.
		g.AmazonSideASN = defaultVGWASN
	} else {
		g.AmazonSideASN = asn(r, "amazon_side_asn", &g.Meta, "amazon_side_asn")
	}
	t.net.VPNGateways[g.ID] = g
}

func (t *translator) applyVPNGatewayAttachment(r *resource) {
	r.checkLinks("vpc_id")
	id, cands := t.parentOrAny(r, "vpn_gateway_id", vgwTypes)
	g := t.net.VPNGateways[id]
	if g == nil {
		// Any of these VGWs may be the one attached: none is known to be
		// detached.
		for _, id := range cands {
			if g := t.net.VPNGateways[id]; g != nil && g.VPC == "" {
				g.MarkUnknown("vpc")
			}
		}
		return
	}
	vpc, unknown := t.link(r, "vpc_id", vpcTypes)
	switch {
	case vpc != "":
		g.VPC = vpc
		g.Unknown = removeField(g.Unknown, "vpc")
	case unknown && g.VPC == "":
		g.MarkUnknown("vpc")
	}
}

func (t *translator) applyVPNGatewayRoutePropagation(r *resource) {
	r.checkLinks("vpn_gateway_id")
	rtID, cands := t.parentOrAny(r, "route_table_id", rtTypes)
	rt := t.net.RouteTables[rtID]
	if rt == nil {
		t.markRouteTables(cands, "propagating_vgws")
		return
	}
	if vgw, _ := t.link(r, "vpn_gateway_id", vgwTypes); vgw != "" {
		rt.PropagatingVGWs = appendUnique(rt.PropagatingVGWs, vgw)
		return
	}
	rt.MarkUnknown("propagating_vgws")
}

func (t *translator) buildCustomerGateway(r *resource) {
	g := &model.CustomerGateway{Meta: t.meta(r)}
	g.IP = r.attrs().ip("ip_address")
	if g.IP == "" && r.isUnknown("ip_address") {
		g.MarkUnknown("ip")
	}
	// ASNs above 2,147,483,647 go in bgp_asn_extended; the model keeps the two
	// apart because AWS rejects such values in bgp_asn.
	g.BGPASN = asn(r, "bgp_asn", &g.Meta, "bgp_asn")
	g.BGPASNExtended = asn(r, "bgp_asn_extended", &g.Meta, "bgp_asn_extended")
	g.DeviceName = r.str("device_name")
	g.CertificateARN = r.str("certificate_arn")
	t.net.CustomerGateways[g.ID] = g
}

func (t *translator) buildVPNConnection(r *resource) {
	c := &model.VPNConnection{Meta: t.meta(r), StaticRoutes: []string{}, Tunnels: make([]model.Tunnel, 2)}
	c.CustomerGateway = t.setLink(&c.Meta, "customer_gateway", r, "customer_gateway_id", cgwTypes)
	c.VPNGateway = t.setLink(&c.Meta, "vpn_gateway", r, "vpn_gateway_id", vgwTypes)
	c.TransitGateway = t.setLink(&c.Meta, "transit_gateway", r, "transit_gateway_id", tgwTypes)
	c.StaticRoutesOnly = r.boolean("static_routes_only", false)
	// The provider computes static_routes_only when it is not set, but AWS's
	// default is documented: a connection without it is dynamic (BGP). Only a
	// configured expression that is unknown leaves it unknown.
	if t.unknownSetting(r, "static_routes_only") {
		c.MarkUnknown("static_routes_only")
	}
	c.OutsideIPAddressType = r.str("outside_ip_address_type")
	c.TunnelInsideIPVersion = r.str("tunnel_inside_ip_version")
	c.EnableAcceleration = r.boolean("enable_acceleration", false)
	// tunnel_bandwidth ("standard" or "large") is in newer provider versions
	// only; without it the value stays empty, AWS's default "standard".
	c.TunnelBandwidth = r.str("tunnel_bandwidth")
	// The provider computes these when they are not set, and AWS documents
	// the defaults (IPv4 inside the tunnels, no acceleration, standard
	// bandwidth). Only a configured expression that is unknown leaves them
	// unknown.
	for _, attr := range []string{"tunnel_inside_ip_version", "enable_acceleration", "tunnel_bandwidth"} {
		if r.values[attr] == nil && t.unknownSetting(r, attr) {
			c.MarkUnknown(attr)
		}
	}
	c.TransportAttachment = t.setLink(&c.Meta, "transport_attachment", r, "transport_transit_gateway_attachment_id", tgwAttTypes)
	for i := range c.Tunnels {
		c.Tunnels[i] = t.tunnel(r, "tunnel"+strconv.Itoa(i+1)+"_")
	}
	// The data source (and state) of a VPN lists the routes it holds.
	routes, unknowns, _ := r.blocks("routes")
	for i := range routes {
		if d, _ := r.elem("routes", routes, unknowns, i).cidr("destination_cidr_block", anyFamily); d != "" {
			c.StaticRoutes = appendUnique(c.StaticRoutes, d)
		}
	}
	if att := t.vpnAttachmentID(r); att != "" {
		a := &model.TGWAttachment{
			Meta: model.Meta{
				ID: att, Type: "aws_ec2_transit_gateway_vpn_attachment", Address: att,
				AWSID: r.str("transit_gateway_attachment_id"), Region: c.Region, Account: c.Account, Module: c.Module,
			},
			Kind:           model.AttachVPN,
			TransitGateway: c.TransitGateway,
			VPNConnection:  c.ID,
			// AWS associates and propagates a VPN attachment to the default
			// route table when the TGW's own defaults say so.
			DefaultAssociation: true,
			DefaultPropagation: true,
		}
		if c.IsUnknown("transit_gateway") {
			a.MarkUnknown("transit_gateway")
		}
		t.net.TGWAttachments[att] = a
		c.TGWAttachment = att
	}
	t.net.VPNConnections[c.ID] = c
}

// tunnel reads one tunnel's options. An inside CIDR left to AWS stays empty
// and known: AWS picks a valid one. A
// tunnel has inside addresses of one family only (tunnel_inside_ip_version,
// default ipv4): the provider marks both attributes unknown, but AWS assigns
// only the one of that family.
func (t *translator) tunnel(r *resource, prefix string) model.Tunnel {
	var tu model.Tunnel
	version := r.str("tunnel_inside_ip_version")
	versionUnknown := version == "" && r.isUnknown("tunnel_inside_ip_version")
	// Left to AWS (not configured, or configured to null), an inside CIDR is
	// one AWS picks from the allowed range: valid by construction. A CIDR of
	// the wrong family is NL104's to report, with the other ranges AWS
	// rejects.
	if c, unknown := r.cidr(prefix+"inside_cidr", anyFamily); c != "" {
		tu.InsideCIDR = c
	} else if unknown && t.unknownSetting(r, prefix+"inside_cidr") && (version != "ipv6" || versionUnknown) {
		tu.Unknown = append(tu.Unknown, "inside_cidr")
	}
	if c, unknown := r.cidr(prefix+"inside_ipv6_cidr", anyFamily); c != "" {
		tu.InsideIPv6CIDR = c
	} else if unknown && t.unknownSetting(r, prefix+"inside_ipv6_cidr") && (version == "ipv6" || versionUnknown) {
		tu.Unknown = append(tu.Unknown, "inside_ipv6_cidr")
	}
	tu.OutsideIP = r.attrs().ip(prefix + "address")
	if tu.OutsideIP == "" && r.isUnknown(prefix+"address") {
		tu.Unknown = append(tu.Unknown, "outside_ip")
	}
	return tu
}

func (t *translator) applyVPNConnectionRoute(r *resource) {
	d, unknown := r.cidr("destination_cidr_block", anyFamily|required)
	id, cands := t.parentOrAny(r, "vpn_connection_id", vpnTypes)
	c := t.net.VPNConnections[id]
	if c == nil {
		// One of several connections holds the route: the static routes of
		// each are not known.
		for _, id := range cands {
			if c := t.net.VPNConnections[id]; c != nil {
				c.MarkUnknown("static_routes")
			}
		}
		return
	}
	if d != "" {
		c.StaticRoutes = appendUnique(c.StaticRoutes, d)
	} else if unknown {
		c.MarkUnknown("static_routes")
	}
}
