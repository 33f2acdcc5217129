package terraform

import "github.com/netlint/netlint/model"

func (t *translator) buildVPCEndpoint(r *resource) {
	e := &model.VPCEndpoint{Meta: t.meta(r)}
	e.VPC = t.setLink(&e.Meta, "vpc", r, "vpc_id", vpcTypes)
	e.EndpointType = r.str("vpc_endpoint_type")
	if e.EndpointType == "" {
		if r.isUnknown("vpc_endpoint_type") {
			e.MarkUnknown("endpoint_type")
		} else {
			e.EndpointType = "Gateway" // the provider's default
		}
	}
	e.ServiceName = r.str("service_name")
	if e.ServiceName == "" && r.isUnknown("service_name") {
		e.MarkUnknown("service_name")
	}
	// service_name = aws_vpc_endpoint_service.x.service_name, or the known name
	// of a service in the model; a service of AWS or of another account is
	// known by its name only.
	if svc, _ := t.link(r, "service_name", serviceTypes); t.types[svc] == "aws_vpc_endpoint_service" {
		e.EndpointService = svc
	}
	e.ServiceRegion = r.str("service_region")
	if e.ServiceRegion == "" && t.unknownSetting(r, "service_region") {
		e.MarkUnknown("service_region")
	}
	// The provider computes subnet_ids and security_group_ids for every
	// endpoint type; only an endpoint configured with them has any.
	e.Subnets, e.SecurityGroups = []string{}, []string{}
	if r.cfg == nil || r.expr("subnet_ids") != nil {
		e.Subnets = t.setLinks(&e.Meta, "subnets", r, "subnet_ids", subnetTypes)
	}
	if r.cfg == nil || r.expr("security_group_ids") != nil {
		e.SecurityGroups = t.setLinks(&e.Meta, "security_groups", r, "security_group_ids", sgTypes)
	}
	e.PrivateDNS = r.boolean("private_dns_enabled", false)
	t.net.VPCEndpoints[e.ID] = e
}

func (t *translator) applyEndpointAssociation(r *resource) {
	r.checkLinks("subnet_id", "security_group_id")
	id, cands := t.parentOrAny(r, "vpc_endpoint_id", endpointTypes)
	e := t.net.VPCEndpoints[id]
	if e == nil {
		field := "subnets"
		if r.a.typ != "aws_vpc_endpoint_subnet_association" {
			field = "security_groups"
		}
		for _, id := range cands {
			if e := t.net.VPCEndpoints[id]; e != nil {
				e.MarkUnknown(field)
			}
		}
		return
	}
	if r.a.typ == "aws_vpc_endpoint_subnet_association" {
		if s, _ := t.link(r, "subnet_id", subnetTypes); s != "" {
			e.Subnets = appendUnique(e.Subnets, s)
		} else {
			e.MarkUnknown("subnets")
		}
		return
	}
	if sg, _ := t.link(r, "security_group_id", sgTypes); sg != "" {
		e.SecurityGroups = appendUnique(e.SecurityGroups, sg)
	} else {
		e.MarkUnknown("security_groups")
	}
}

func (t *translator) buildEndpointService(r *resource) {
	s := &model.EndpointService{Meta: t.meta(r), SupportedRegions: r.strings("supported_regions"), LoadBalancers: []string{}}
	s.ServiceName = r.str("service_name")
	if s.ServiceName == "" && r.isUnknown("service_name") {
		s.MarkUnknown("service_name")
	}
	if r.unknownIn("supported_regions") {
		s.MarkUnknown("supported_regions")
	}
	s.AcceptanceRequired = r.boolean("acceptance_required", false)
	for _, attr := range []string{"network_load_balancer_arns", "gateway_load_balancer_arns"} {
		s.LoadBalancers = append(s.LoadBalancers, t.setLinks(&s.Meta, "load_balancers", r, attr, lbTypes)...)
	}
	t.net.EndpointServices[s.ID] = s
}

func (t *translator) buildClientVPNEndpoint(r *resource) {
	c := &model.ClientVPNEndpoint{Meta: t.meta(r), Authentication: []model.ClientVPNAuth{},
		Associations: []model.ClientVPNAssociation{}, Authorizations: []model.ClientVPNAuthRule{},
		Routes: []model.ClientVPNRoute{}}
	if cidr, unknown := r.cidr("client_cidr_block", anyFamily); cidr != "" {
		c.ClientCIDR = cidr
	} else if unknown {
		c.MarkUnknown("client_cidr")
	}
	// Without vpc_id AWS uses the VPC of the associated subnets, which the
	// associations already tell.
	if r.str("vpc_id") != "" || r.expr("vpc_id") != nil {
		c.VPC = t.setLink(&c.Meta, "vpc", r, "vpc_id", vpcTypes)
	}
	blocks, unknowns, whole := r.blocks("authentication_options")
	if whole {
		c.MarkUnknown("authentication")
	}
	for i := range blocks {
		// ClientVPNAuth has no Unknown of its own: an option with an unknown
		// field (a root chain ARN of a certificate made in the same plan)
		// makes the authentication unknown as a whole.
		if anyUnknown(unknowns[i]) {
			c.MarkUnknown("authentication")
		}
		b := r.elem("authentication_options", blocks, unknowns, i)
		c.Authentication = append(c.Authentication, model.ClientVPNAuth{
			Type:                    b.str("type"),
			RootCertificateChainARN: b.str("root_certificate_chain_arn"),
			ActiveDirectoryID:       b.str("active_directory_id"),
			SAMLProviderARN:         b.str("saml_provider_arn"),
		})
	}
	c.SplitTunnel = r.boolean("split_tunnel", false)
	t.net.ClientVPNEndpoints[c.ID] = c
}

func (t *translator) applyClientVPNNetworkAssociation(r *resource) {
	r.checkLinks("subnet_id")
	c := t.clientVPNParent(r, "associations")
	if c == nil {
		return
	}
	a := model.ClientVPNAssociation{Address: r.addr}
	subnet, _ := t.link(r, "subnet_id", subnetTypes)
	a.Subnet = subnet
	if subnet == "" {
		a.Unknown = append(a.Unknown, "subnet")
	}
	c.Associations = append(c.Associations, a)
}

func (t *translator) applyClientVPNAuthorization(r *resource) {
	rule := model.ClientVPNAuthRule{
		Address:            r.addr,
		AccessGroup:        r.str("access_group_id"),
		AuthorizeAllGroups: r.boolean("authorize_all_groups", false),
	}
	rule.TargetNetworkCIDR, _ = r.cidr("target_network_cidr", anyFamily|required)
	if c := t.clientVPNParent(r, "authorizations"); c != nil {
		c.Authorizations = append(c.Authorizations, rule)
	}
}

// clientVPNParent returns the endpoint a child resource of a Client VPN
// endpoint belongs to. When the link cannot be followed, field becomes
// unknown on every endpoint it may name: the child may be what a rule would
// otherwise find missing (an authorization rule, NL802).
func (t *translator) clientVPNParent(r *resource, field string) *model.ClientVPNEndpoint {
	id, cands := t.parentOrAny(r, "client_vpn_endpoint_id", clientVPN)
	if c := t.net.ClientVPNEndpoints[id]; c != nil {
		return c
	}
	for _, id := range cands {
		if c := t.net.ClientVPNEndpoints[id]; c != nil {
			c.MarkUnknown(field)
		}
	}
	return nil
}

func (t *translator) applyClientVPNRoute(r *resource) {
	d, unknown := r.cidr("destination_cidr_block", anyFamily|required)
	r.checkLinks("target_vpc_subnet_id")
	c := t.clientVPNParent(r, "routes")
	if c == nil {
		return
	}
	route := model.ClientVPNRoute{Address: r.addr}
	route.Destination = d
	if d == "" && unknown {
		route.Unknown = append(route.Unknown, "destination")
	}
	subnet, _ := t.link(r, "target_vpc_subnet_id", subnetTypes)
	route.Subnet = subnet
	if subnet == "" {
		route.Unknown = append(route.Unknown, "subnet")
	}
	c.Routes = append(c.Routes, route)
}
