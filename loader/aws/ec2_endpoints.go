package aws

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netlint/netlint/model"
)

func (r *reader) readVPCEndpoints() {
	p := ec2.NewDescribeVpcEndpointsPaginator(r.ec2, &ec2.DescribeVpcEndpointsInput{})
	r.call(svcEC2, "DescribeVpcEndpoints", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, e := range out.VpcEndpoints {
				id := str(e.VpcEndpointId)
				if id == "" || gone(string(e.State)) {
					continue
				}
				ep := &model.VPCEndpoint{
					Meta:           r.meta(id, "aws_vpc_endpoint", str(e.OwnerId), ec2Tags(e.Tags)),
					VPC:            str(e.VpcId),
					EndpointType:   string(e.VpcEndpointType),
					ServiceName:    str(e.ServiceName),
					ServiceRegion:  str(e.ServiceRegion),
					Subnets:        list(e.SubnetIds),
					SecurityGroups: []string{},
					PrivateDNS:     e.PrivateDnsEnabled != nil && *e.PrivateDnsEnabled,
				}
				for _, g := range e.Groups {
					ep.SecurityGroups = append(ep.SecurityGroups, str(g.GroupId))
				}
				r.net.VPCEndpoints[id] = ep
			}
		}
		return nil
	})
}

func (r *reader) readEndpointServices() {
	p := ec2.NewDescribeVpcEndpointServiceConfigurationsPaginator(r.ec2, &ec2.DescribeVpcEndpointServiceConfigurationsInput{})
	r.call(svcEC2, "DescribeVpcEndpointServiceConfigurations", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, s := range out.ServiceConfigurations {
				id := str(s.ServiceId)
				if id == "" || gone(string(s.ServiceState)) {
					continue
				}
				svc := &model.EndpointService{
					Meta:               r.meta(id, "aws_vpc_endpoint_service", "", ec2Tags(s.Tags)),
					ServiceName:        str(s.ServiceName),
					SupportedRegions:   []string{},
					AcceptanceRequired: s.AcceptanceRequired != nil && *s.AcceptanceRequired,
					LoadBalancers:      append(append([]string{}, s.NetworkLoadBalancerArns...), s.GatewayLoadBalancerArns...),
				}
				for _, reg := range s.SupportedRegions {
					svc.SupportedRegions = append(svc.SupportedRegions, str(reg.Region))
				}
				r.net.EndpointServices[id] = svc
			}
		}
		return nil
	})
}

func (r *reader) readClientVPNEndpoints() {
	var endpoints []*model.ClientVPNEndpoint
	p := ec2.NewDescribeClientVpnEndpointsPaginator(r.ec2, &ec2.DescribeClientVpnEndpointsInput{})
	r.call(svcEC2, "DescribeClientVpnEndpoints", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, e := range out.ClientVpnEndpoints {
				id := str(e.ClientVpnEndpointId)
				if id == "" || (e.Status != nil && gone(string(e.Status.Code))) {
					continue
				}
				c := &model.ClientVPNEndpoint{
					Meta:           r.meta(id, "aws_ec2_client_vpn_endpoint", "", ec2Tags(e.Tags)),
					ClientCIDR:     str(e.ClientCidrBlock),
					VPC:            str(e.VpcId),
					Authentication: clientVPNAuth(e.AuthenticationOptions),
					Associations:   []model.ClientVPNAssociation{},
					Authorizations: []model.ClientVPNAuthRule{},
					Routes:         []model.ClientVPNRoute{},
					SplitTunnel:    e.SplitTunnel != nil && *e.SplitTunnel,
				}
				r.net.ClientVPNEndpoints[id] = c
				endpoints = append(endpoints, c)
			}
		}
		return nil
	})
	for _, c := range endpoints {
		r.readClientVPNTargets(c)
		r.readClientVPNRules(c)
		r.readClientVPNRoutes(c)
	}
}

func clientVPNAuth(opts []types.ClientVpnAuthentication) []model.ClientVPNAuth {
	out := []model.ClientVPNAuth{}
	for _, o := range opts {
		a := model.ClientVPNAuth{Type: string(o.Type)}
		if o.MutualAuthentication != nil {
			a.RootCertificateChainARN = str(o.MutualAuthentication.ClientRootCertificateChain)
		}
		if o.ActiveDirectory != nil {
			a.ActiveDirectoryID = str(o.ActiveDirectory.DirectoryId)
		}
		if o.FederatedAuthentication != nil {
			a.SAMLProviderARN = str(o.FederatedAuthentication.SamlProviderArn)
		}
		out = append(out, a)
	}
	return out
}

func (r *reader) readClientVPNTargets(c *model.ClientVPNEndpoint) {
	p := ec2.NewDescribeClientVpnTargetNetworksPaginator(r.ec2, &ec2.DescribeClientVpnTargetNetworksInput{ClientVpnEndpointId: &c.ID})
	ok := r.call(svcEC2, "DescribeClientVpnTargetNetworks", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, t := range out.ClientVpnTargetNetworks {
				if t.Status != nil && gone(string(t.Status.Code)) {
					continue
				}
				c.Associations = append(c.Associations, model.ClientVPNAssociation{
					Address: str(t.AssociationId),
					Subnet:  str(t.TargetNetworkId),
				})
				if c.VPC == "" {
					c.VPC = str(t.VpcId)
				}
			}
		}
		return nil
	})
	if !ok {
		c.MarkUnknown("associations")
	}
}

func (r *reader) readClientVPNRules(c *model.ClientVPNEndpoint) {
	p := ec2.NewDescribeClientVpnAuthorizationRulesPaginator(r.ec2, &ec2.DescribeClientVpnAuthorizationRulesInput{ClientVpnEndpointId: &c.ID})
	ok := r.call(svcEC2, "DescribeClientVpnAuthorizationRules", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, a := range out.AuthorizationRules {
				// A rule being revoked, or that failed, grants nothing.
				if a.Status != nil && (a.Status.Code == types.ClientVpnAuthorizationRuleStatusCodeRevoking ||
					a.Status.Code == types.ClientVpnAuthorizationRuleStatusCodeFailed) {
					continue
				}
				c.Authorizations = append(c.Authorizations, model.ClientVPNAuthRule{
					TargetNetworkCIDR:  str(a.DestinationCidr),
					AccessGroup:        str(a.GroupId),
					AuthorizeAllGroups: a.AccessAll != nil && *a.AccessAll,
				})
			}
		}
		return nil
	})
	if !ok {
		c.MarkUnknown("authorizations")
	}
}

func (r *reader) readClientVPNRoutes(c *model.ClientVPNEndpoint) {
	p := ec2.NewDescribeClientVpnRoutesPaginator(r.ec2, &ec2.DescribeClientVpnRoutesInput{ClientVpnEndpointId: &c.ID})
	ok := r.call(svcEC2, "DescribeClientVpnRoutes", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			// The routes AWS adds for each association (origin "associate", to
			// the VPC's CIDR) are kept: a route to the VPC's own range is harmless.
			for _, rt := range out.Routes {
				// A route being deleted, or that failed, carries nothing.
				if rt.Status != nil && (rt.Status.Code == types.ClientVpnRouteStatusCodeDeleting ||
					rt.Status.Code == types.ClientVpnRouteStatusCodeFailed) {
					continue
				}
				route := model.ClientVPNRoute{Destination: str(rt.DestinationCidr), Subnet: str(rt.TargetSubnet)}
				if route.Subnet == "" {
					// A route to a Transit Gateway attachment leaves through no
					// subnet the model can name.
					route.Unknown = append(route.Unknown, "subnet")
				}
				c.Routes = append(c.Routes, route)
			}
		}
		return nil
	})
	if !ok {
		c.MarkUnknown("routes")
	}
}
