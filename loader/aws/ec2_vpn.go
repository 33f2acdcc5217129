package aws

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netlint/netlint/model"
)

// DescribeVpnGateways, DescribeCustomerGateways and DescribeVpnConnections are
// not paginated: EC2 returns every item in one response.

func (r *reader) readVPNGateways() {
	r.call(svcEC2, "DescribeVpnGateways", func() error {
		out, err := r.ec2.DescribeVpnGateways(r.ctx, &ec2.DescribeVpnGatewaysInput{})
		if err != nil {
			return err
		}
		for _, g := range out.VpnGateways {
			id := str(g.VpnGatewayId)
			if id == "" || gone(string(g.State)) {
				continue
			}
			vgw := &model.VPNGateway{Meta: r.meta(id, "aws_vpn_gateway", "", ec2Tags(g.Tags))}
			if g.AmazonSideAsn != nil {
				vgw.AmazonSideASN = *g.AmazonSideAsn
			}
			// A VGW lists its past attachments too; only a live one links a VPC.
			for _, a := range g.VpcAttachments {
				if !gone(string(a.State)) {
					vgw.VPC = str(a.VpcId)
				}
			}
			r.net.VPNGateways[id] = vgw
		}
		return nil
	})
}

func (r *reader) readCustomerGateways() {
	r.call(svcEC2, "DescribeCustomerGateways", func() error {
		out, err := r.ec2.DescribeCustomerGateways(r.ctx, &ec2.DescribeCustomerGatewaysInput{})
		if err != nil {
			return err
		}
		for _, g := range out.CustomerGateways {
			id := str(g.CustomerGatewayId)
			if id == "" || gone(str(g.State)) {
				continue
			}
			cgw := &model.CustomerGateway{
				Meta:           r.meta(id, "aws_customer_gateway", "", ec2Tags(g.Tags)),
				IP:             str(g.IpAddress),
				DeviceName:     str(g.DeviceName),
				CertificateARN: str(g.CertificateArn),
			}
			// ASNs above 2^31-1 come in BgpAsnExtended instead of BgpAsn.
			if asn, err := strconv.ParseInt(firstOf(str(g.BgpAsnExtended), str(g.BgpAsn)), 10, 64); err == nil {
				cgw.BGPASN = asn
			}
			r.net.CustomerGateways[id] = cgw
		}
		return nil
	})
}

func (r *reader) readVPNConnections() {
	r.call(svcEC2, "DescribeVpnConnections", func() error {
		out, err := r.ec2.DescribeVpnConnections(r.ctx, &ec2.DescribeVpnConnectionsInput{})
		if err != nil {
			return err
		}
		for _, c := range out.VpnConnections {
			r.addVPNConnection(c)
		}
		return nil
	})
}

func (r *reader) addVPNConnection(c types.VpnConnection) {
	id := str(c.VpnConnectionId)
	if id == "" || gone(string(c.State)) {
		return
	}
	vpn := &model.VPNConnection{
		Meta:            r.meta(id, "aws_vpn_connection", "", ec2Tags(c.Tags)),
		CustomerGateway: str(c.CustomerGatewayId),
		VPNGateway:      str(c.VpnGatewayId),
		TransitGateway:  str(c.TransitGatewayId),
		StaticRoutes:    []string{},
	}
	if o := c.Options; o != nil {
		vpn.StaticRoutesOnly = o.StaticRoutesOnly != nil && *o.StaticRoutesOnly
		vpn.OutsideIPAddressType = str(o.OutsideIpAddressType)
		vpn.TunnelInsideIPVersion = string(o.TunnelInsideIpVersion)
		vpn.EnableAcceleration = o.EnableAcceleration != nil && *o.EnableAcceleration
		vpn.TunnelBandwidth = string(o.TunnelBandwidth)
		vpn.TransportAttachment = str(o.TransportTransitGatewayAttachmentId)
	}
	// Static routes of a VGW VPN are the on-prem ranges; a TGW VPN keeps its
	// static routes in TGW route tables instead, and this list stays empty.
	for _, rt := range c.Routes {
		if d := str(rt.DestinationCidrBlock); d != "" && !gone(string(rt.State)) {
			vpn.StaticRoutes = append(vpn.StaticRoutes, d)
		}
	}
	vpn.Tunnels = tunnels(c)
	r.net.VPNConnections[id] = vpn
}

// tunnels pairs each tunnel's options (inside CIDRs) with its telemetry (UP or
// DOWN, for NL109) by outside IP: AWS lists the two in no guaranteed order.
func tunnels(c types.VpnConnection) []model.Tunnel {
	telemetry := map[string]types.VgwTelemetry{}
	for _, t := range c.VgwTelemetry {
		telemetry[str(t.OutsideIpAddress)] = t
	}
	var out []model.Tunnel
	if c.Options != nil && len(c.Options.TunnelOptions) > 0 {
		for _, o := range c.Options.TunnelOptions {
			t := model.Tunnel{
				InsideCIDR:     str(o.TunnelInsideCidr),
				InsideIPv6CIDR: str(o.TunnelInsideIpv6Cidr),
				OutsideIP:      str(o.OutsideIpAddress),
			}
			if tel, ok := telemetry[t.OutsideIP]; ok {
				t.Status = string(tel.Status)
				t.StatusMessage = str(tel.StatusMessage)
			} else {
				t.Unknown = []string{"status"}
			}
			out = append(out, t)
		}
		return out
	}
	// Without tunnel options (older API versions, some partitions) only the
	// telemetry says which tunnels exist; their inside CIDRs are not known.
	for _, tel := range c.VgwTelemetry {
		out = append(out, model.Tunnel{
			OutsideIP:     str(tel.OutsideIpAddress),
			Status:        string(tel.Status),
			StatusMessage: str(tel.StatusMessage),
			Unknown:       []string{"inside_cidr", "inside_ipv6_cidr"},
		})
	}
	return list(out)
}
