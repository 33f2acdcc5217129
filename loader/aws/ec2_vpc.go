package aws

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netlint/netlint/model"
)

func (r *reader) readVPCs() {
	p := ec2.NewDescribeVpcsPaginator(r.ec2, &ec2.DescribeVpcsInput{})
	r.call(svcEC2, "DescribeVpcs", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, v := range out.Vpcs {
				r.addVPC(v)
			}
		}
		return nil
	})
}

func (r *reader) addVPC(v types.Vpc) {
	id := str(v.VpcId)
	if id == "" || gone(string(v.State)) {
		return
	}
	vpc := &model.VPC{
		Meta:    r.meta(id, "aws_vpc", str(v.OwnerId), ec2Tags(v.Tags)),
		Default: v.IsDefault != nil && *v.IsDefault,
	}
	// The primary CIDR first, then every secondary one still associated: NL001
	// must see all the ranges a VPC answers for.
	primary := str(v.CidrBlock)
	if primary != "" {
		vpc.CIDRs = append(vpc.CIDRs, primary)
	}
	for _, a := range v.CidrBlockAssociationSet {
		c := str(a.CidrBlock)
		if c == "" || c == primary || (a.CidrBlockState != nil && !cidrAssociated(string(a.CidrBlockState.State))) {
			continue
		}
		vpc.CIDRs = append(vpc.CIDRs, c)
	}
	for _, a := range v.Ipv6CidrBlockAssociationSet {
		c := str(a.Ipv6CidrBlock)
		if c == "" || (a.Ipv6CidrBlockState != nil && !cidrAssociated(string(a.Ipv6CidrBlockState.State))) {
			continue
		}
		vpc.IPv6CIDRs = append(vpc.IPv6CIDRs, c)
	}
	vpc.CIDRs = list(vpc.CIDRs)
	r.net.VPCs[id] = vpc
}

func cidrAssociated(state string) bool {
	return state == "associated" || state == "associating"
}

func (r *reader) readSubnets() {
	p := ec2.NewDescribeSubnetsPaginator(r.ec2, &ec2.DescribeSubnetsInput{})
	r.call(svcEC2, "DescribeSubnets", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, s := range out.Subnets {
				id := str(s.SubnetId)
				if id == "" {
					continue
				}
				sub := &model.Subnet{
					Meta: r.meta(id, "aws_subnet", str(s.OwnerId), ec2Tags(s.Tags)),
					VPC:  str(s.VpcId),
					CIDR: str(s.CidrBlock),
					AZ:   str(s.AvailabilityZone),
					AZID: str(s.AvailabilityZoneId),
				}
				sub.ARN = str(s.SubnetArn)
				for _, a := range s.Ipv6CidrBlockAssociationSet {
					if a.Ipv6CidrBlockState == nil || cidrAssociated(string(a.Ipv6CidrBlockState.State)) {
						sub.IPv6CIDR = str(a.Ipv6CidrBlock)
						break
					}
				}
				r.net.Subnets[id] = sub
			}
		}
		return nil
	})
}

func (r *reader) readRouteTables() {
	p := ec2.NewDescribeRouteTablesPaginator(r.ec2, &ec2.DescribeRouteTablesInput{})
	r.call(svcEC2, "DescribeRouteTables", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, t := range out.RouteTables {
				r.addRouteTable(t)
			}
		}
		return nil
	})
}

func (r *reader) addRouteTable(t types.RouteTable) {
	id := str(t.RouteTableId)
	if id == "" {
		return
	}
	vpc := str(t.VpcId)
	rt := &model.RouteTable{
		Meta:            r.meta(id, "aws_route_table", str(t.OwnerId), ec2Tags(t.Tags)),
		VPC:             vpc,
		Routes:          []model.Route{},
		Subnets:         []string{},
		PropagatingVGWs: []string{},
	}
	for _, a := range t.Associations {
		if a.AssociationState != nil && gone(string(a.AssociationState.State)) {
			continue
		}
		if a.Main != nil && *a.Main {
			rt.Main = true
		}
		// Gateway (edge) associations route traffic entering the VPC; they do not
		// make the table a subnet's table.
		if s := str(a.SubnetId); s != "" {
			rt.Subnets = append(rt.Subnets, s)
		}
	}
	for _, g := range t.PropagatingVgws {
		if id := str(g.GatewayId); id != "" {
			rt.PropagatingVGWs = append(rt.PropagatingVGWs, id)
		}
	}
	for _, route := range t.Routes {
		rt.Routes = append(rt.Routes, routeOf(route, vpc))
	}
	r.net.RouteTables[id] = rt
}

// routeOf translates one route. A route whose target kind the model does not
// know (a Route Server next hop, an ODB network) keeps its destination and is
// marked unknown, so rules stay silent on it.
func routeOf(route types.Route, vpc string) model.Route {
	out := model.Route{Destination: firstOf(str(route.DestinationCidrBlock), str(route.DestinationIpv6CidrBlock), str(route.DestinationPrefixListId))}
	out.TargetKind, out.Target = routeTarget(route, vpc)
	out.Propagated = route.Origin == types.RouteOriginEnableVgwRoutePropagation
	if out.TargetKind == "" {
		out.Unknown = []string{"target_kind", "target"}
	}
	return out
}

func routeTarget(route types.Route, vpc string) (kind, target string) {
	if g := str(route.GatewayId); g != "" {
		switch {
		case g == "local":
			// A local route's target is the VPC itself.
			return model.TargetLocal, vpc
		case strings.HasPrefix(g, "igw-"):
			return model.TargetInternetGateway, g
		case strings.HasPrefix(g, "vgw-"):
			return model.TargetVPNGateway, g
		case strings.HasPrefix(g, "vpce-"):
			// Gateway endpoints (S3, DynamoDB) and GWLB endpoints appear as gateways.
			return model.TargetVPCEndpoint, g
		}
	}
	switch {
	case route.NatGatewayId != nil:
		return model.TargetNATGateway, str(route.NatGatewayId)
	case route.TransitGatewayId != nil:
		return model.TargetTransitGateway, str(route.TransitGatewayId)
	case route.VpcPeeringConnectionId != nil:
		return model.TargetPeering, str(route.VpcPeeringConnectionId)
	case route.NetworkInterfaceId != nil:
		// AWS reports an instance route with both the instance and its ENI; the
		// ENI is what the route forwards to, and it carries its own
		// source/destination check (NL402) and AZ (NL403).
		return model.TargetNetworkInterface, str(route.NetworkInterfaceId)
	case route.InstanceId != nil:
		return model.TargetInstance, str(route.InstanceId)
	case route.EgressOnlyInternetGatewayId != nil:
		return model.TargetEgressOnly, str(route.EgressOnlyInternetGatewayId)
	case route.CarrierGatewayId != nil:
		return model.TargetCarrierGateway, str(route.CarrierGatewayId)
	case route.LocalGatewayId != nil:
		return model.TargetLocalGateway, str(route.LocalGatewayId)
	case route.CoreNetworkArn != nil:
		return model.TargetCoreNetwork, str(route.CoreNetworkArn)
	}
	return "", ""
}

func (r *reader) readPeerings() {
	p := ec2.NewDescribeVpcPeeringConnectionsPaginator(r.ec2, &ec2.DescribeVpcPeeringConnectionsInput{})
	r.call(svcEC2, "DescribeVpcPeeringConnections", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, pc := range out.VpcPeeringConnections {
				r.addPeering(pc)
			}
		}
		return nil
	})
}

// addPeering records a peering as its requester sees it, whichever account or
// region reads it: both sides list the same pcx-, and this way both produce the
// same element. The other side's VPC id is kept as the link even when that VPC
// is not read, and its CIDRs come from what AWS reports for it.
func (r *reader) addPeering(pc types.VpcPeeringConnection) {
	id := str(pc.VpcPeeringConnectionId)
	status := ""
	if pc.Status != nil {
		status = string(pc.Status.Code)
	}
	if id == "" || gone(status) {
		return
	}
	req, acc := pc.RequesterVpcInfo, pc.AccepterVpcInfo
	if req == nil {
		req = &types.VpcPeeringConnectionVpcInfo{}
	}
	if acc == nil {
		acc = &types.VpcPeeringConnectionVpcInfo{}
	}
	p := &model.Peering{
		Meta:           r.meta(id, "aws_vpc_peering_connection", str(req.OwnerId), ec2Tags(pc.Tags)),
		RequesterVPC:   str(req.VpcId),
		AccepterVPC:    str(acc.VpcId),
		PeerRegion:     str(acc.Region),
		PeerAccount:    str(acc.OwnerId),
		Status:         status,
		RequesterCIDRs: peerCIDRs(req),
		AccepterCIDRs:  peerCIDRs(acc),
	}
	if reg := str(req.Region); reg != "" {
		p.Region = reg
	}
	r.net.Peerings[id] = p
}

// peerCIDRs lists a side's ranges: CidrBlockSet holds every IPv4 CIDR (older
// responses only the single cidrBlock), plus the IPv6 ones. AWS reports them only
// for an active peering.
func peerCIDRs(v *types.VpcPeeringConnectionVpcInfo) []string {
	var out []string
	for _, c := range v.CidrBlockSet {
		if s := str(c.CidrBlock); s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 && str(v.CidrBlock) != "" {
		out = append(out, str(v.CidrBlock))
	}
	for _, c := range v.Ipv6CidrBlockSet {
		if s := str(c.Ipv6CidrBlock); s != "" {
			out = append(out, s)
		}
	}
	return dedupe(out)
}

func ec2Tags(tags []types.Tag) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[str(t.Key)] = str(t.Value)
	}
	return out
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
