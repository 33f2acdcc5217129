package aws

import (
	"slices"
	"sort"

	"github.com/netlint/netlint/model"
)

// facts are what linking needs but the model has no field for. Each unit
// gathers its own; Load merges them once every unit is done.
type facts struct {
	// tgwDefaults holds each TGW's default association and propagation route
	// tables ("" when that default is disabled).
	tgwDefaults map[string]tgwDefault
	// attachmentRouteTable is the route table each attachment is associated with,
	// as the attachment itself reports it.
	attachmentRouteTable map[string]string
}

type tgwDefault struct{ association, propagation string }

func newFacts() *facts {
	return &facts{tgwDefaults: map[string]tgwDefault{}, attachmentRouteTable: map[string]string{}}
}

func (f *facts) merge(o *facts) {
	for k, v := range o.tgwDefaults {
		if _, ok := f.tgwDefaults[k]; !ok {
			f.tgwDefaults[k] = v
		}
	}
	for k, v := range o.attachmentRouteTable {
		if _, ok := f.attachmentRouteTable[k]; !ok {
			f.attachmentRouteTable[k] = v
		}
	}
}

// link resolves what only the whole network can tell: links between elements
// read by different calls, accounts or regions.
func link(n *model.Network, f *facts) {
	linkVPNAttachments(n)
	linkTGWDefaults(n, f)
	linkTunnelAlarms(n)
	linkCustomerGatewayAppliances(n)
}

// linkCustomerGatewayAppliances sets the appliance of each customer gateway
// whose IP is the public or Elastic IP of an instance (or of an ENI on no
// known instance) read anywhere: the VPN's far end is then a software
// appliance in one of our VPCs (a transit VPC, NL901). An IP held by two
// elements names neither.
func linkCustomerGatewayAppliances(n *model.Network) {
	byIP := map[string]string{}
	add := func(ip, id string) {
		if prev, ok := byIP[ip]; ok && prev != id {
			byIP[ip] = ""
			return
		}
		byIP[ip] = id
	}
	for id, in := range n.Instances {
		for _, ip := range in.PublicIPs {
			add(ip, id)
		}
	}
	for id, e := range n.NetworkInterfaces {
		owner := id
		if n.Instances[e.Instance] != nil {
			owner = e.Instance
		}
		for _, ip := range e.PublicIPs {
			add(ip, owner)
		}
	}
	for _, g := range n.CustomerGateways {
		if g.IP != "" {
			g.Appliance = byIP[g.IP]
		}
	}
}

// linkVPNAttachments sets the TGW attachment of each VPN on a TGW: AWS creates
// it with the connection and reports the link only on the attachment.
func linkVPNAttachments(n *model.Network) {
	byVPN := map[string]string{}
	for id, a := range n.TGWAttachments {
		if a.Kind == model.AttachVPN && a.VPNConnection != "" {
			byVPN[a.VPNConnection] = id
		}
	}
	for id, c := range n.VPNConnections {
		if c.TransitGateway == "" {
			continue
		}
		if att, ok := byVPN[id]; ok {
			c.TGWAttachment = att
		} else {
			c.MarkUnknown("tgw_attachment")
		}
	}
}

// linkTGWDefaults says whether each attachment is associated with, and
// propagates to, its TGW's default route table. Derive uses these to build the
// default route domain. They stay unknown when the TGW or its tables were not
// read (a TGW of another, unaudited account).
func linkTGWDefaults(n *model.Network, f *facts) {
	for id, a := range n.TGWAttachments {
		def, ok := f.tgwDefaults[a.TransitGateway]
		if !ok {
			a.MarkUnknown("default_association")
			a.MarkUnknown("default_propagation")
			continue
		}
		if known, in := member(n, def.association, id, true); known {
			a.DefaultAssociation = in
		} else if rt, ok := f.attachmentRouteTable[id]; ok {
			a.DefaultAssociation = rt == def.association
		} else {
			a.MarkUnknown("default_association")
		}
		if known, in := member(n, def.propagation, id, false); known {
			a.DefaultPropagation = in
		} else {
			a.MarkUnknown("default_propagation")
		}
	}
}

// member reports whether attachment is among the associations (or
// propagations) of route table rt, and whether that is known at all. No default
// table (the default is disabled) means a known "no".
func member(n *model.Network, rt, attachment string, associations bool) (known, in bool) {
	if rt == "" {
		return true, false
	}
	t, ok := n.TGWRouteTables[rt]
	if !ok {
		return false, false
	}
	set, field := t.Propagations, "propagations"
	if associations {
		set, field = t.Associations, "associations"
	}
	if t.IsUnknown(field) {
		return false, false
	}
	for _, a := range set {
		if a == attachment {
			return true, true
		}
	}
	return true, false
}

// linkTunnelAlarms resolves alarms on the TunnelIpAddress dimension to the VPN
// connection whose tunnel has that outside IP.
func linkTunnelAlarms(n *model.Network) {
	byIP := map[string]string{}
	for id, c := range n.VPNConnections {
		for _, t := range c.Tunnels {
			if t.OutsideIP != "" {
				byIP[t.OutsideIP] = id
			}
		}
	}
	for _, a := range n.Alarms {
		ip := a.Dimensions["TunnelIpAddress"]
		if ip == "" || a.Namespace != "AWS/VPN" {
			continue
		}
		if vpn, ok := byIP[ip]; ok && !slices.Contains(a.Watches, vpn) {
			a.Watches = append(a.Watches, vpn)
			sort.Strings(a.Watches)
		}
	}
}
