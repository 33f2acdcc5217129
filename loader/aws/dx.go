package aws

import (
	"math"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"

	"github.com/netlint/netlint/model"
)

// Direct Connect connections, LAGs and VIFs are regional; DX gateways and their
// associations are global and read once per account (unit.global). The client
// has no paginators, so each read follows nextToken itself.

func (r *reader) readDXConnections() {
	r.call(svcDX, "DescribeConnections", func() error {
		var token *string
		for {
			out, err := r.dx.DescribeConnections(r.ctx, &directconnect.DescribeConnectionsInput{NextToken: token})
			if err != nil {
				return err
			}
			for _, c := range out.Connections {
				r.addDXConnection(c)
			}
			if token = out.NextToken; str(token) == "" {
				return nil
			}
		}
	})
}

func (r *reader) addDXConnection(c types.Connection) {
	id := str(c.ConnectionId)
	if id == "" || gone(string(c.ConnectionState)) {
		return
	}
	conn := &model.DXConnection{
		Meta:      r.dxMeta(id, "aws_dx_connection", str(c.OwnerAccount), str(c.Region), c.Tags),
		Bandwidth: str(c.Bandwidth),
		Location:  str(c.Location),
		Device:    firstOf(str(c.AwsDeviceV2), str(c.AwsDevice)),
		LAG:       str(c.LagId),
		// A hosted connection is a VLAN on a partner's interconnect; a dedicated
		// port has none.
		Hosted:         c.Vlan != 0,
		MACsec:         macsecOn(c.EncryptionMode, c.MacSecKeys),
		EncryptionMode: str(c.EncryptionMode),
	}
	conn.Name = firstOf(conn.Name, str(c.ConnectionName))
	conn.BandwidthMbps = bandwidthMbps(conn.Bandwidth)
	r.net.DXConnections[id] = conn
}

func (r *reader) readDXLAGs() {
	r.call(svcDX, "DescribeLags", func() error {
		var token *string
		for {
			out, err := r.dx.DescribeLags(r.ctx, &directconnect.DescribeLagsInput{NextToken: token})
			if err != nil {
				return err
			}
			for _, l := range out.Lags {
				id := str(l.LagId)
				if id == "" || gone(string(l.LagState)) {
					continue
				}
				lag := &model.DXLAG{
					Meta:                 r.dxMeta(id, "aws_dx_lag", str(l.OwnerAccount), str(l.Region), l.Tags),
					ConnectionsBandwidth: str(l.ConnectionsBandwidth),
					Location:             str(l.Location),
					Connections:          []string{},
					MACsec:               macsecOn(l.EncryptionMode, l.MacSecKeys),
				}
				lag.Name = firstOf(lag.Name, str(l.LagName))
				for _, c := range l.Connections {
					if !gone(string(c.ConnectionState)) {
						lag.Connections = append(lag.Connections, str(c.ConnectionId))
					}
				}
				r.net.DXLAGs[id] = lag
			}
			if token = out.NextToken; str(token) == "" {
				return nil
			}
		}
	})
}

func (r *reader) readDXVIFs() {
	r.call(svcDX, "DescribeVirtualInterfaces", func() error {
		var token *string
		for {
			out, err := r.dx.DescribeVirtualInterfaces(r.ctx, &directconnect.DescribeVirtualInterfacesInput{NextToken: token})
			if err != nil {
				return err
			}
			for _, v := range out.VirtualInterfaces {
				r.addDXVIF(v)
			}
			if token = out.NextToken; str(token) == "" {
				return nil
			}
		}
	})
}

func (r *reader) addDXVIF(v types.VirtualInterface) {
	id := str(v.VirtualInterfaceId)
	if id == "" || gone(string(v.VirtualInterfaceState)) {
		return
	}
	kind := str(v.VirtualInterfaceType)
	vif := &model.DXVIF{
		Meta:       r.dxMeta(id, "aws_dx_"+kind+"_virtual_interface", str(v.OwnerAccount), str(v.Region), v.Tags),
		Kind:       kind,
		Connection: str(v.ConnectionId),
		DXGateway:  str(v.DirectConnectGatewayId),
		VPNGateway: str(v.VirtualGatewayId),
		BGPASN:     int64(v.Asn),
	}
	vif.Name = firstOf(vif.Name, str(v.VirtualInterfaceName))
	// asn is 0 for a 4-byte ASN; asnLong holds every ASN.
	if v.AsnLong != nil && *v.AsnLong != 0 {
		vif.BGPASN = *v.AsnLong
	}
	if v.Mtu != nil {
		vif.MTU = int64(*v.Mtu)
	}
	r.net.DXVIFs[id] = vif
}

func (r *reader) readDXGateways() {
	var gateways []string
	r.call(svcDX, "DescribeDirectConnectGateways", func() error {
		var token *string
		for {
			out, err := r.dx.DescribeDirectConnectGateways(r.ctx, &directconnect.DescribeDirectConnectGatewaysInput{NextToken: token})
			if err != nil {
				return err
			}
			for _, g := range out.DirectConnectGateways {
				id := str(g.DirectConnectGatewayId)
				if id == "" || gone(string(g.DirectConnectGatewayState)) {
					continue
				}
				gw := &model.DXGateway{Meta: r.dxMeta(id, "aws_dx_gateway", str(g.OwnerAccount), "", g.Tags)}
				gw.Name = firstOf(gw.Name, str(g.DirectConnectGatewayName))
				// A DX gateway is a global object.
				gw.Region = "global"
				if g.AmazonSideAsn != nil {
					gw.AmazonSideASN = *g.AmazonSideAsn
				}
				r.net.DXGateways[id] = gw
				gateways = append(gateways, id)
			}
			if token = out.NextToken; str(token) == "" {
				return nil
			}
		}
	})
	for _, id := range gateways {
		r.readDXGatewayAssociations(id)
	}
}

// readDXGatewayAssociations lists one gateway's associations: the API answers
// only for a given gateway (or a given VGW/TGW).
func (r *reader) readDXGatewayAssociations(gateway string) {
	r.call(svcDX, "DescribeDirectConnectGatewayAssociations", func() error {
		var token *string
		for {
			out, err := r.dx.DescribeDirectConnectGatewayAssociations(r.ctx,
				&directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: &gateway, NextToken: token})
			if err != nil {
				return err
			}
			for _, a := range out.DirectConnectGatewayAssociations {
				r.addDXGatewayAssociation(a)
			}
			if token = out.NextToken; str(token) == "" {
				return nil
			}
		}
	})
}

func (r *reader) addDXGatewayAssociation(a types.DirectConnectGatewayAssociation) {
	if gone(string(a.AssociationState)) {
		return
	}
	gw := str(a.DirectConnectGatewayId)
	// Older responses name only a VGW, in the virtualGateway* fields.
	assoc, assocType, region, owner := str(a.VirtualGatewayId), types.GatewayTypeVirtualPrivateGateway, str(a.VirtualGatewayRegion), str(a.VirtualGatewayOwnerAccount)
	if g := a.AssociatedGateway; g != nil && str(g.Id) != "" {
		assoc, assocType, region, owner = str(g.Id), g.Type, str(g.Region), str(g.OwnerAccount)
	}
	if assoc == "" {
		return
	}
	id := firstOf(str(a.AssociationId), gw+"/"+assoc)
	m := &model.DXGatewayAssociation{
		Meta:      r.dxMeta(id, "aws_dx_gateway_association", firstOf(str(a.DirectConnectGatewayOwnerAccount), owner), region, nil),
		DXGateway: gw,
		Gateway:   assoc,
	}
	switch assocType {
	case types.GatewayTypeVirtualPrivateGateway:
		m.GatewayType = "vpn_gateway"
	case types.GatewayTypeTransitGateway:
		m.GatewayType = "transit_gateway"
	}
	for _, p := range a.AllowedPrefixesToDirectConnectGateway {
		m.AllowedPrefixes = append(m.AllowedPrefixes, str(p.Cidr))
	}
	r.net.DXGatewayAssociations[id] = m
}

// dxMeta is meta for Direct Connect objects, which report their own region.
func (r *reader) dxMeta(id, typ, owner, region string, tags []types.Tag) model.Meta {
	var t map[string]string
	if len(tags) > 0 {
		t = make(map[string]string, len(tags))
		for _, tag := range tags {
			t[str(tag.Key)] = str(tag.Value)
		}
	}
	m := r.meta(id, typ, owner, t)
	if region != "" {
		m.Region = region
	}
	return m
}

// macsecOn: MACsec protects traffic only with a key associated and a mode that
// encrypts.
func macsecOn(mode *string, keys []types.MacSecKey) bool {
	if len(keys) == 0 {
		return false
	}
	switch str(mode) {
	case "must_encrypt", "should_encrypt":
		return true
	}
	return false
}

// bandwidthMbps parses AWS's bandwidth strings ("50Mbps", "1Gbps", "1.2Gbps").
func bandwidthMbps(s string) int64 {
	var scale float64
	var num string
	switch {
	case strings.HasSuffix(s, "Mbps"):
		scale, num = 1, strings.TrimSuffix(s, "Mbps")
	case strings.HasSuffix(s, "Gbps"):
		scale, num = 1000, strings.TrimSuffix(s, "Gbps")
	case strings.HasSuffix(s, "Tbps"):
		scale, num = 1000000, strings.TrimSuffix(s, "Tbps")
	default:
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil {
		return 0
	}
	return int64(math.Round(f * scale))
}
