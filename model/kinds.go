package model

// Kind is one kind of element: a map of a Network, by its JSON name (the key
// of the policy input).
type Kind struct {
	Name  string
	alloc func()
	each  func(fn func(id string, e Element, isNil bool))
	has   func(id string) bool
	set   func(id string, e Element)
	del   func(id string)
}

// Kinds is the one list of element kinds. New, Elements, Merge, MergeMissing
// and Validate walk it: a new kind of element is added here, and to the
// Network struct, and nowhere else.
func (n *Network) Kinds() []Kind {
	return []Kind{
		kindOf("vpcs", &n.VPCs),
		kindOf("subnets", &n.Subnets),
		kindOf("route_tables", &n.RouteTables),
		kindOf("vpn_gateways", &n.VPNGateways),
		kindOf("transit_gateways", &n.TransitGateways),
		kindOf("tgw_attachments", &n.TGWAttachments),
		kindOf("tgw_route_tables", &n.TGWRouteTables),
		kindOf("customer_gateways", &n.CustomerGateways),
		kindOf("vpn_connections", &n.VPNConnections),
		kindOf("peerings", &n.Peerings),
		kindOf("dx_connections", &n.DXConnections),
		kindOf("dx_lags", &n.DXLAGs),
		kindOf("dx_vifs", &n.DXVIFs),
		kindOf("dx_gateways", &n.DXGateways),
		kindOf("dx_gateway_associations", &n.DXGatewayAssociations),
		kindOf("vpc_endpoints", &n.VPCEndpoints),
		kindOf("endpoint_services", &n.EndpointServices),
		kindOf("client_vpn_endpoints", &n.ClientVPNEndpoints),
		kindOf("instances", &n.Instances),
		kindOf("network_interfaces", &n.NetworkInterfaces),
		kindOf("security_groups", &n.SecurityGroups),
		kindOf("alarms", &n.Alarms),
		kindOf("sites", &n.Sites),
	}
}

func kindOf[E interface {
	Element
	comparable
}](name string, m *map[string]E) Kind {
	var zero E
	return Kind{
		Name: name,
		alloc: func() {
			if *m == nil {
				*m = map[string]E{}
			}
		},
		each: func(fn func(string, Element, bool)) {
			for id, e := range *m {
				fn(id, e, e == zero)
			}
		},
		has: func(id string) bool { _, ok := (*m)[id]; return ok },
		set: func(id string, e Element) { (*m)[id] = e.(E) },
		del: func(id string) { delete(*m, id) },
	}
}

// New returns an empty network with every map allocated.
func New() *Network {
	n := &Network{}
	for _, k := range n.Kinds() {
		k.alloc()
	}
	return n
}

// MergeMissing copies the elements of src that dst lacks into dst: the first
// holder of an ID wins.
func MergeMissing(dst, src *Network) {
	dk, sk := dst.Kinds(), src.Kinds()
	for i := range dk {
		dk[i].alloc()
		sk[i].each(func(id string, e Element, _ bool) {
			if !dk[i].has(id) {
				dk[i].set(id, e)
			}
		})
	}
}
