package aws

import (
	"fmt"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netlint/netlint/model"
)

func (r *reader) readTransitGateways() {
	p := ec2.NewDescribeTransitGatewaysPaginator(r.ec2, &ec2.DescribeTransitGatewaysInput{})
	r.call(svcEC2, "DescribeTransitGateways", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, g := range out.TransitGateways {
				r.addTransitGateway(g)
			}
		}
		return nil
	})
	r.readTGWAttachments()
	r.readTGWVPCAttachments()
	r.readTGWPeeringAttachments()
	r.readTGWRouteTables()
}

func (r *reader) addTransitGateway(g types.TransitGateway) {
	id := str(g.TransitGatewayId)
	if id == "" || gone(string(g.State)) {
		return
	}
	tgw := &model.TransitGateway{Meta: r.meta(id, "aws_ec2_transit_gateway", str(g.OwnerId), ec2Tags(g.Tags))}
	tgw.ARN = str(g.TransitGatewayArn)
	var def tgwDefault
	if o := g.Options; o != nil {
		if o.AmazonSideAsn != nil {
			tgw.AmazonSideASN = *o.AmazonSideAsn
		}
		tgw.DefaultRouteTableAssociation = o.DefaultRouteTableAssociation == types.DefaultRouteTableAssociationValueEnable
		tgw.DefaultRouteTablePropagation = o.DefaultRouteTablePropagation == types.DefaultRouteTablePropagationValueEnable
		tgw.VPNECMPSupport = o.VpnEcmpSupport == types.VpnEcmpSupportValueEnable
		if tgw.DefaultRouteTableAssociation {
			def.association = str(o.AssociationDefaultRouteTableId)
		}
		if tgw.DefaultRouteTablePropagation {
			def.propagation = str(o.PropagationDefaultRouteTableId)
		}
	}
	r.facts.tgwDefaults[id] = def
	r.net.TransitGateways[id] = tgw
}

// attachmentKinds maps the API's resource types to the model's kinds and to the
// Terraform type that stands for each: VPN and DX gateway attachments exist in
// Terraform only as data sources, created implicitly by their connection.
var attachmentKinds = map[types.TransitGatewayAttachmentResourceType]struct{ kind, tfType string }{
	types.TransitGatewayAttachmentResourceTypeVpc:                  {model.AttachVPC, "aws_ec2_transit_gateway_vpc_attachment"},
	types.TransitGatewayAttachmentResourceTypeVpn:                  {model.AttachVPN, "aws_ec2_transit_gateway_vpn_attachment"},
	types.TransitGatewayAttachmentResourceTypePeering:              {model.AttachPeering, "aws_ec2_transit_gateway_peering_attachment"},
	types.TransitGatewayAttachmentResourceTypeTgwPeering:           {model.AttachPeering, "aws_ec2_transit_gateway_peering_attachment"},
	types.TransitGatewayAttachmentResourceTypeDirectConnectGateway: {model.AttachDXGateway, "aws_ec2_transit_gateway_dx_gateway_attachment"},
	types.TransitGatewayAttachmentResourceTypeConnect:              {model.AttachConnect, "aws_ec2_transit_gateway_connect"},
}

func (r *reader) readTGWAttachments() {
	p := ec2.NewDescribeTransitGatewayAttachmentsPaginator(r.ec2, &ec2.DescribeTransitGatewayAttachmentsInput{})
	r.call(svcEC2, "DescribeTransitGatewayAttachments", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, a := range out.TransitGatewayAttachments {
				r.addTGWAttachment(a)
			}
		}
		return nil
	})
}

func (r *reader) addTGWAttachment(a types.TransitGatewayAttachment) {
	id := str(a.TransitGatewayAttachmentId)
	if id == "" || gone(string(a.State)) {
		return
	}
	k, ok := attachmentKinds[a.ResourceType]
	if !ok {
		// A kind the model has no rules for (network-function, ...): keep it so the
		// attachment count (NL601) stays right.
		k.kind, k.tfType = string(a.ResourceType), "aws_ec2_transit_gateway_attachment"
	}
	// A VPC attachment belongs to the VPC's account; the others to the TGW's.
	owner := str(a.TransitGatewayOwnerId)
	if k.kind == model.AttachVPC {
		owner = str(a.ResourceOwnerId)
	}
	att := &model.TGWAttachment{
		Meta:           r.meta(id, k.tfType, owner, ec2Tags(a.Tags)),
		Kind:           k.kind,
		TransitGateway: str(a.TransitGatewayId),
	}
	switch k.kind {
	case model.AttachVPC:
		att.VPC = str(a.ResourceId)
		// Subnets and appliance mode come from DescribeTransitGatewayVpcAttachments.
		att.MarkUnknown("subnets")
		att.MarkUnknown("appliance_mode")
	case model.AttachVPN:
		att.VPNConnection = str(a.ResourceId)
	case model.AttachPeering:
		att.PeerTransitGateway = str(a.ResourceId)
		att.PeerAccount = str(a.ResourceOwnerId)
		// The peer's region comes from DescribeTransitGatewayPeeringAttachments.
		att.MarkUnknown("peer_region")
	case model.AttachDXGateway:
		att.DXGateway = str(a.ResourceId)
	}
	if as := a.Association; as != nil && !gone(string(as.State)) {
		r.facts.attachmentRouteTable[id] = str(as.TransitGatewayRouteTableId)
	}
	r.net.TGWAttachments[id] = att
}

func (r *reader) readTGWVPCAttachments() {
	p := ec2.NewDescribeTransitGatewayVpcAttachmentsPaginator(r.ec2, &ec2.DescribeTransitGatewayVpcAttachmentsInput{})
	r.call(svcEC2, "DescribeTransitGatewayVpcAttachments", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, v := range out.TransitGatewayVpcAttachments {
				att, ok := r.net.TGWAttachments[str(v.TransitGatewayAttachmentId)]
				if !ok {
					continue
				}
				att.VPC = firstOf(str(v.VpcId), att.VPC)
				att.Subnets = list(v.SubnetIds)
				att.ApplianceMode = v.Options != nil && v.Options.ApplianceModeSupport == types.ApplianceModeSupportValueEnable
				att.Unknown = without(att.Unknown, "subnets", "appliance_mode")
			}
		}
		return nil
	})
}

// readTGWPeeringAttachments fills both ends of each peering. The model holds a
// peering attachment as its requester sees it (as Terraform does): the same
// tgw-attach- id is listed in both regions, and both reads then agree.
func (r *reader) readTGWPeeringAttachments() {
	p := ec2.NewDescribeTransitGatewayPeeringAttachmentsPaginator(r.ec2, &ec2.DescribeTransitGatewayPeeringAttachmentsInput{})
	r.call(svcEC2, "DescribeTransitGatewayPeeringAttachments", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, pa := range out.TransitGatewayPeeringAttachments {
				att, ok := r.net.TGWAttachments[str(pa.TransitGatewayAttachmentId)]
				if !ok || pa.RequesterTgwInfo == nil || pa.AccepterTgwInfo == nil {
					continue
				}
				req, acc := pa.RequesterTgwInfo, pa.AccepterTgwInfo
				att.TransitGateway = str(req.TransitGatewayId)
				att.Account = firstOf(str(req.OwnerId), att.Account)
				att.Region = firstOf(str(req.Region), att.Region)
				att.PeerTransitGateway = str(acc.TransitGatewayId)
				att.PeerAccount = str(acc.OwnerId)
				att.PeerRegion = str(acc.Region)
				att.Unknown = without(att.Unknown, "peer_region")
			}
		}
		return nil
	})
}

func (r *reader) readTGWRouteTables() {
	var tables []*model.TGWRouteTable
	p := ec2.NewDescribeTransitGatewayRouteTablesPaginator(r.ec2, &ec2.DescribeTransitGatewayRouteTablesInput{})
	r.call(svcEC2, "DescribeTransitGatewayRouteTables", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, t := range out.TransitGatewayRouteTables {
				id := str(t.TransitGatewayRouteTableId)
				if id == "" || gone(string(t.State)) {
					continue
				}
				rt := &model.TGWRouteTable{
					Meta:           r.meta(id, "aws_ec2_transit_gateway_route_table", "", ec2Tags(t.Tags)),
					TransitGateway: str(t.TransitGatewayId),
					Default:        awssdk.ToBool(t.DefaultAssociationRouteTable) || awssdk.ToBool(t.DefaultPropagationRouteTable),
					Associations:   []string{},
					Propagations:   []string{},
					Routes:         []model.TGWRoute{},
				}
				r.net.TGWRouteTables[id] = rt
				tables = append(tables, rt)
			}
		}
		return nil
	})
	for _, rt := range tables {
		r.readTGWAssociations(rt)
		r.readTGWPropagations(rt)
		r.readTGWStaticRoutes(rt)
	}
}

func (r *reader) readTGWAssociations(rt *model.TGWRouteTable) {
	p := ec2.NewGetTransitGatewayRouteTableAssociationsPaginator(r.ec2,
		&ec2.GetTransitGatewayRouteTableAssociationsInput{TransitGatewayRouteTableId: &rt.ID})
	ok := r.call(svcEC2, "GetTransitGatewayRouteTableAssociations", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, a := range out.Associations {
				if !gone(string(a.State)) {
					rt.Associations = append(rt.Associations, str(a.TransitGatewayAttachmentId))
				}
			}
		}
		return nil
	})
	if !ok {
		rt.MarkUnknown("associations")
	}
}

func (r *reader) readTGWPropagations(rt *model.TGWRouteTable) {
	p := ec2.NewGetTransitGatewayRouteTablePropagationsPaginator(r.ec2,
		&ec2.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableId: &rt.ID})
	ok := r.call(svcEC2, "GetTransitGatewayRouteTablePropagations", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, a := range out.TransitGatewayRouteTablePropagations {
				if a.State != types.TransitGatewayPropagationStateDisabled && a.State != types.TransitGatewayPropagationStateDisabling {
					rt.Propagations = append(rt.Propagations, str(a.TransitGatewayAttachmentId))
				}
			}
		}
		return nil
	})
	if !ok {
		rt.MarkUnknown("propagations")
	}
}

// readTGWStaticRoutes reads only static routes: propagated ones mirror the
// attachments' own ranges, and rules such as NL103 and NL602 ask what an operator
// configured.
func (r *reader) readTGWStaticRoutes(rt *model.TGWRouteTable) {
	in := &ec2.SearchTransitGatewayRoutesInput{
		TransitGatewayRouteTableId: &rt.ID,
		Filters:                    []types.Filter{{Name: awssdk.String("type"), Values: []string{"static"}}},
	}
	p := ec2.NewSearchTransitGatewayRoutesPaginator(r.ec2, in)
	ok := r.call(svcEC2, "SearchTransitGatewayRoutes", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, route := range out.Routes {
				if gone(string(route.State)) {
					continue
				}
				tr := model.TGWRoute{
					Destination: firstOf(str(route.DestinationCidrBlock), str(route.PrefixListId)),
					Blackhole:   route.State == types.TransitGatewayRouteStateBlackhole,
				}
				if len(route.TransitGatewayAttachments) > 0 {
					tr.Attachment = str(route.TransitGatewayAttachments[0].TransitGatewayAttachmentId)
				}
				rt.Routes = append(rt.Routes, tr)
			}
			// Older API versions cap the result without a NextToken to continue.
			if awssdk.ToBool(out.AdditionalRoutesAvailable) && out.NextToken == nil {
				return fmt.Errorf("%s has more static routes than one search returns (%d read)", rt.ID, len(rt.Routes))
			}
		}
		return nil
	})
	if !ok {
		rt.MarkUnknown("routes")
	}
}

func without(s []string, drop ...string) []string {
	var out []string
	for _, v := range s {
		keep := true
		for _, d := range drop {
			if v == d {
				keep = false
			}
		}
		if keep {
			out = append(out, v)
		}
	}
	return out
}
