package terraform

import "github.com/netlint/netlint/model"

// enabledField reads an "enable"/"disable" argument whose AWS default is def,
// marking field unknown when the value comes on apply.
func enabledField(r *resource, attr string, def bool, m *model.Meta, field string) bool {
	if r.isUnknown(attr) {
		m.MarkUnknown(field)
	}
	return r.enabled(attr, def)
}

func (t *translator) buildTransitGateway(r *resource) {
	g := &model.TransitGateway{Meta: t.meta(r)}
	g.AmazonSideASN = asn(r, "amazon_side_asn", &g.Meta, "amazon_side_asn")
	g.DefaultRouteTableAssociation = enabledField(r, "default_route_table_association", true, &g.Meta, "default_route_table_association")
	g.DefaultRouteTablePropagation = enabledField(r, "default_route_table_propagation", true, &g.Meta, "default_route_table_propagation")
	g.VPNECMPSupport = enabledField(r, "vpn_ecmp_support", true, &g.Meta, "vpn_ecmp_support")
	t.net.TransitGateways[g.ID] = g
	rtID := g.ID + "#default_route_table"
	if t.types[rtID] == "" {
		return
	}
	rt := &model.TGWRouteTable{
		Meta: model.Meta{ID: rtID, Type: "aws_ec2_transit_gateway_route_table", Address: rtID,
			AWSID: r.str("association_default_route_table_id"), Region: g.Region, Account: g.Account, Module: g.Module},
		TransitGateway: g.ID,
		Default:        true,
		Associations:   []string{},
		Propagations:   []string{},
		Routes:         []model.TGWRoute{},
	}
	t.net.TGWRouteTables[rtID] = rt
}

func (t *translator) buildTGWVPCAttachment(r *resource) {
	a := &model.TGWAttachment{Meta: t.meta(r), Kind: model.AttachVPC}
	a.TransitGateway = t.setLink(&a.Meta, "transit_gateway", r, "transit_gateway_id", tgwTypes)
	a.VPC = t.setLink(&a.Meta, "vpc", r, "vpc_id", vpcTypes)
	a.Subnets = t.setLinks(&a.Meta, "subnets", r, "subnet_ids", subnetTypes)
	a.ApplianceMode = r.enabled("appliance_mode_support", false)
	a.DefaultAssociation = r.boolean("transit_gateway_default_route_table_association", true)
	a.DefaultPropagation = r.boolean("transit_gateway_default_route_table_propagation", true)
	t.net.TGWAttachments[a.ID] = a
}

// buildTGWVPCAttachmentAccepter handles the TGW owner's side of a VPC
// attachment requested from another account (a TGW shared through RAM). When
// the accepted attachment is in the model too (a data source, or the
// requester in the same plan), the accepter stands for it and completes it
// (applyTGWVPCAttachmentAccepter); otherwise the accepter is the attachment,
// known by the attachment id it accepts.
func (t *translator) buildTGWVPCAttachmentAccepter(r *resource) {
	if att := t.acceptedVPCAttachment(r); att != "" {
		// Build-time alias: modifiers (route table associations,
		// propagations, routes) that name the accepter reach the attachment.
		t.alias[r.addr] = att
		return
	}
	a := &model.TGWAttachment{Meta: t.meta(r), Kind: model.AttachVPC}
	if id := r.str("transit_gateway_attachment_id"); id != "" {
		a.AWSID = id
	}
	t.fillTGWVPCAttachmentAccepter(r, a, true)
	t.net.TGWAttachments[a.ID] = a
}

// acceptedVPCAttachment returns the model ID of the VPC attachment an accepter
// accepts, when it is in the model.
func (t *translator) acceptedVPCAttachment(r *resource) string {
	id, _ := t.link(r, "transit_gateway_attachment_id", vpcAttTypes)
	if id == "" || id == r.addr || t.types[id] != "aws_ec2_transit_gateway_vpc_attachment" {
		return ""
	}
	return id
}

// fillTGWVPCAttachmentAccepter reads what the accepter knows of the
// attachment: the TGW, the VPC and subnets of the other account, and the
// TGW-side route table defaults, which the accepter decides. mark tells
// whether unknown values mark fields unknown (the accepter is the element)
// or leave the accepted attachment's own values alone.
func (t *translator) fillTGWVPCAttachmentAccepter(r *resource, a *model.TGWAttachment, mark bool) {
	if id, unknown := t.link(r, "transit_gateway_id", tgwTypes); id != "" {
		a.TransitGateway = id
		a.Unknown = removeField(a.Unknown, "transit_gateway")
	} else if unknown && mark {
		a.MarkUnknown("transit_gateway")
	}
	if id, unknown := t.link(r, "vpc_id", vpcTypes); id != "" {
		a.VPC = id
		a.Unknown = removeField(a.Unknown, "vpc")
	} else if unknown && mark {
		a.MarkUnknown("vpc")
	}
	if ids, unknown := t.links(r, "subnet_ids", subnetTypes); !unknown {
		if ids == nil {
			ids = []string{}
		}
		a.Subnets = ids
		a.Unknown = removeField(a.Unknown, "subnets")
	} else if mark {
		a.Subnets = ids
		a.MarkUnknown("subnets")
	}
	if v := r.str("appliance_mode_support"); v != "" {
		a.ApplianceMode = r.enabled("appliance_mode_support", false)
	}
	if r.values["transit_gateway_default_route_table_association"] != nil || mark {
		a.DefaultAssociation = r.boolean("transit_gateway_default_route_table_association", true)
	}
	if r.values["transit_gateway_default_route_table_propagation"] != nil || mark {
		a.DefaultPropagation = r.boolean("transit_gateway_default_route_table_propagation", true)
	}
}

// applyTGWVPCAttachmentAccepter completes the accepted attachment in the model
// with what the accepter knows.
func (t *translator) applyTGWVPCAttachmentAccepter(r *resource) {
	att, aliased := t.alias[r.addr]
	if !aliased {
		return
	}
	if a := t.net.TGWAttachments[att]; a != nil {
		t.fillTGWVPCAttachmentAccepter(r, a, false)
	}
}

// buildTGWPeeringAttachment handles both sides of a TGW peering. The accepter
// side is an attachment of its own TGW: it takes the requester's peer as its
// TGW when the accepter's computed attributes are not known yet.
func (t *translator) buildTGWPeeringAttachment(r *resource) {
	a := &model.TGWAttachment{Meta: t.meta(r), Kind: model.AttachPeering}
	if r.a.typ == "aws_ec2_transit_gateway_peering_attachment_accepter" {
		t.buildTGWPeeringAccepter(r, a)
		return
	}
	a.TransitGateway = t.setLink(&a.Meta, "transit_gateway", r, "transit_gateway_id", tgwTypes)
	a.PeerTransitGateway = t.setLink(&a.Meta, "peer_transit_gateway", r, "peer_transit_gateway_id", tgwTypes)
	a.PeerRegion = r.str("peer_region")
	if a.PeerRegion == "" && r.isUnknown("peer_region") {
		a.MarkUnknown("peer_region")
	}
	a.PeerAccount = r.str("peer_account_id")
	if a.PeerAccount == "" && r.isUnknown("peer_account_id") {
		a.MarkUnknown("peer_account")
	}
	// Peering attachments never propagate routes: they carry static routes only.
	a.DefaultAssociation = true
	t.net.TGWAttachments[a.ID] = a
}

func (t *translator) buildTGWPeeringAccepter(r *resource, a *model.TGWAttachment) {
	a.DefaultAssociation = r.boolean("transit_gateway_default_route_table_association", true)
	requester, _ := t.link(r, "transit_gateway_attachment_id", tgwAttTypes)
	var req *resource
	if t.types[requester] == "aws_ec2_transit_gateway_peering_attachment" {
		req = t.byAddr[requester]
	}
	fill := func(dst *string, field, attr, reqAttr string, want typeSet) {
		if id, _ := t.link(r, attr, want); id != "" {
			*dst = id
			return
		}
		if req != nil {
			if id, _ := t.link(req, reqAttr, want); id != "" {
				*dst = id
				return
			}
		}
		a.MarkUnknown(field)
	}
	fill(&a.TransitGateway, "transit_gateway", "transit_gateway_id", "peer_transit_gateway_id", tgwTypes)
	fill(&a.PeerTransitGateway, "peer_transit_gateway", "peer_transit_gateway_id", "transit_gateway_id", tgwTypes)
	a.PeerRegion = r.str("peer_region")
	if a.PeerRegion == "" && req != nil {
		a.PeerRegion = t.region(req)
	}
	a.PeerAccount = r.str("peer_account_id")
	t.net.TGWAttachments[a.ID] = a
}

// buildTGWDataAttachment reads the data sources that describe a VPN or Direct
// Connect gateway attachment made outside this root.
func (t *translator) buildTGWDataAttachment(r *resource) {
	a := &model.TGWAttachment{Meta: t.meta(r), DefaultAssociation: true, DefaultPropagation: true}
	a.TransitGateway = t.setLink(&a.Meta, "transit_gateway", r, "transit_gateway_id", tgwTypes)
	if r.a.typ == "aws_ec2_transit_gateway_vpn_attachment" {
		a.Kind = model.AttachVPN
		a.VPNConnection = t.setLink(&a.Meta, "vpn_connection", r, "vpn_connection_id", vpnTypes)
	} else {
		a.Kind = model.AttachDXGateway
		a.DXGateway = t.setLink(&a.Meta, "dx_gateway", r, "dx_gateway_id", dxGWTypes)
	}
	t.net.TGWAttachments[a.ID] = a
}

func (t *translator) buildTGWRouteTable(r *resource) {
	rt := &model.TGWRouteTable{Meta: t.meta(r), Associations: []string{}, Propagations: []string{}, Routes: []model.TGWRoute{}}
	rt.TransitGateway = t.setLink(&rt.Meta, "transit_gateway", r, "transit_gateway_id", tgwTypes)
	rt.Default = r.boolean("default_association_route_table", false) || r.boolean("default_propagation_route_table", false)
	t.net.TGWRouteTables[rt.ID] = rt
}

func (t *translator) applyTGWRouteTableLink(r *resource) {
	r.checkLinks("transit_gateway_attachment_id")
	rtID, cands := t.parent(r, "transit_gateway_route_table_id", tgwRTTypes)
	rt := t.net.TGWRouteTables[rtID]
	if rt == nil {
		field := "propagations"
		if r.a.typ == "aws_ec2_transit_gateway_route_table_association" {
			field = "associations"
		}
		if len(cands) > 0 {
			t.markTGWRouteTables(cands, field)
			return
		}
		// A table outside the model (a raw id) or one the loader cannot
		// follow: the stand-in keeps the link, so that rules know the
		// attachment is associated with (or propagates to) a table whose
		// content is not known, rather than with none.
		rt = t.outsideTGWRouteTable(r, rtID)
	}
	att, _ := t.link(r, "transit_gateway_attachment_id", tgwAttTypes)
	att = t.peeringSide(att, rt.TransitGateway)
	if r.a.typ == "aws_ec2_transit_gateway_route_table_association" {
		if att == "" {
			rt.MarkUnknown("associations")
			return
		}
		rt.Associations = append(rt.Associations, att)
		return
	}
	if att == "" {
		rt.MarkUnknown("propagations")
		return
	}
	rt.Propagations = append(rt.Propagations, att)
}

func (t *translator) applyTGWRoute(r *resource) {
	rtID, cands := t.parent(r, "transit_gateway_route_table_id", tgwRTTypes)
	rt := t.net.TGWRouteTables[rtID]
	route := model.TGWRoute{Address: r.addr, Blackhole: r.boolean("blackhole", false)}
	if d, unknown := r.cidr("destination_cidr_block", anyFamily|required); d != "" {
		route.Destination = d
	} else if unknown {
		route.Unknown = append(route.Unknown, "destination")
	}
	if !route.Blackhole {
		att, unknown := t.link(r, "transit_gateway_attachment_id", tgwAttTypes)
		if rt != nil {
			att = t.peeringSide(att, rt.TransitGateway)
		}
		route.Attachment = att
		if att == "" && unknown {
			route.Unknown = append(route.Unknown, "attachment")
		}
	}
	if rt == nil {
		// The route lands in one of the candidates, which one is not known;
		// the stand-in table still tells that its attachment is routed.
		t.markTGWRouteTables(cands, "routes")
		rt = t.outsideTGWRouteTable(r, rtID)
	}
	rt.Routes = append(rt.Routes, route)
}

// peeringSide returns the side of a TGW peering attachment that belongs to
// tgw. Both sides of a peering share one attachment id, so the accepter's
// transit_gateway_attachment_id names the requester's element; in a route
// table of the accepter's TGW it means the accepter's side.
func (t *translator) peeringSide(att, tgw string) string {
	a := t.net.TGWAttachments[att]
	if a == nil || a.Kind != model.AttachPeering || tgw == "" || a.TransitGateway == tgw || a.PeerTransitGateway != tgw {
		return att
	}
	for _, id := range sortedMapKeys(t.net.TGWAttachments) {
		o := t.net.TGWAttachments[id]
		if o.Kind == model.AttachPeering && o.TransitGateway == tgw && o.PeerTransitGateway == a.TransitGateway {
			return id
		}
	}
	return att
}

// markTGWRouteTables marks field unknown on the TGW route tables a child
// resource may belong to.
func (t *translator) markTGWRouteTables(ids []string, field string) {
	for _, id := range ids {
		if rt := t.net.TGWRouteTables[id]; rt != nil {
			rt.MarkUnknown(field)
		}
	}
}

// outsideTGWRouteTable stands for a TGW route table this plan does not manage
// (a raw tgw-rtb id, or a link that cannot be resolved), so a route into it still
// tells rules that its attachment is routed. What the table belongs to and
// holds besides is unknown.
func (t *translator) outsideTGWRouteTable(r *resource, rtID string) *model.TGWRouteTable {
	id := rtID
	if id == "" {
		id = r.addr + "#route_table"
	}
	if rt := t.net.TGWRouteTables[id]; rt != nil {
		return rt
	}
	m := t.meta(r)
	m.ID, m.Address, m.Type, m.Name, m.ARN, m.Tags = id, id, "aws_ec2_transit_gateway_route_table", "", "", nil
	m.AWSID = rtID
	m.Unknown = nil
	rt := &model.TGWRouteTable{Meta: m, Associations: []string{}, Propagations: []string{}}
	for _, f := range []string{"transit_gateway", "associations", "propagations"} {
		rt.MarkUnknown(f)
	}
	t.net.TGWRouteTables[id] = rt
	return rt
}
