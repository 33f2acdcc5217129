package terraform

// dataSources are the data sources that describe network elements outside the
// root module; they become elements too, so that links by id to existing
// infrastructure land on something with CIDRs and attachments.
var dataSources = types("aws_vpc", "aws_subnet", "aws_route_table", "aws_ec2_transit_gateway",
	"aws_ec2_transit_gateway_route_table", "aws_ec2_transit_gateway_vpc_attachment",
	"aws_ec2_transit_gateway_vpn_attachment", "aws_ec2_transit_gateway_peering_attachment",
	"aws_ec2_transit_gateway_dx_gateway_attachment", "aws_vpn_gateway", "aws_customer_gateway",
	"aws_vpc_peering_connection", "aws_dx_gateway", "aws_dx_connection", "aws_vpc_endpoint",
	"aws_security_group", "aws_instance", "aws_network_interface")

// buildElement creates the element a resource stands for, if any.
func (t *translator) buildElement(r *resource) {
	if r.a.mode == "data" && !dataSources[r.a.typ] {
		return
	}
	switch r.a.typ {
	case "aws_vpc", "aws_default_vpc":
		t.buildVPC(r)
	case "aws_subnet", "aws_default_subnet":
		t.buildSubnet(r)
	case "aws_route_table", "aws_default_route_table":
		t.buildRouteTable(r)
	case "aws_vpn_gateway":
		t.buildVPNGateway(r)
	case "aws_customer_gateway":
		t.buildCustomerGateway(r)
	case "aws_vpn_connection":
		t.buildVPNConnection(r)
	case "aws_ec2_transit_gateway":
		t.buildTransitGateway(r)
	case "aws_ec2_transit_gateway_vpc_attachment":
		t.buildTGWVPCAttachment(r)
	case "aws_ec2_transit_gateway_vpc_attachment_accepter":
		t.buildTGWVPCAttachmentAccepter(r)
	case "aws_ec2_transit_gateway_peering_attachment", "aws_ec2_transit_gateway_peering_attachment_accepter":
		t.buildTGWPeeringAttachment(r)
	case "aws_ec2_transit_gateway_vpn_attachment", "aws_ec2_transit_gateway_dx_gateway_attachment":
		if _, aliased := t.alias[r.addr]; !aliased {
			t.buildTGWDataAttachment(r)
		}
	case "aws_ec2_transit_gateway_route_table":
		t.buildTGWRouteTable(r)
	case "aws_vpc_peering_connection":
		t.buildPeering(r)
	case "aws_vpc_peering_connection_accepter":
		if _, aliased := t.alias[r.addr]; !aliased {
			t.buildPeering(r)
		}
	case "aws_dx_connection", "aws_dx_hosted_connection":
		t.buildDXConnection(r)
	case "aws_dx_lag":
		t.buildDXLAG(r)
	case "aws_dx_private_virtual_interface", "aws_dx_transit_virtual_interface", "aws_dx_public_virtual_interface",
		"aws_dx_hosted_private_virtual_interface", "aws_dx_hosted_transit_virtual_interface",
		"aws_dx_hosted_public_virtual_interface":
		t.buildDXVIF(r)
	case "aws_dx_hosted_private_virtual_interface_accepter", "aws_dx_hosted_transit_virtual_interface_accepter",
		"aws_dx_hosted_public_virtual_interface_accepter":
		if _, aliased := t.alias[r.addr]; !aliased {
			t.buildDXVIF(r)
		}
	case "aws_dx_gateway":
		t.buildDXGateway(r)
	case "aws_dx_gateway_association":
		t.buildDXGatewayAssociation(r)
	case "aws_vpc_endpoint":
		t.buildVPCEndpoint(r)
	case "aws_vpc_endpoint_service":
		t.buildEndpointService(r)
	case "aws_ec2_client_vpn_endpoint":
		t.buildClientVPNEndpoint(r)
	case "aws_instance":
		t.buildInstance(r)
	case "aws_network_interface":
		t.buildNetworkInterface(r)
	case "aws_security_group", "aws_default_security_group":
		t.buildSecurityGroup(r)
	case "aws_cloudwatch_metric_alarm":
		t.buildAlarm(r)
	}
}

// applyModifier applies a resource that changes another element: it runs after
// every element exists.
func (t *translator) applyModifier(r *resource) {
	if r.a.mode != "managed" {
		return
	}
	switch r.a.typ {
	case "aws_vpc_ipv4_cidr_block_association", "aws_vpc_ipv6_cidr_block_association":
		t.applyCIDRAssociation(r)
	case "aws_route":
		t.applyRoute(r)
	case "aws_route_table_association":
		t.applyRouteTableAssociation(r)
	case "aws_main_route_table_association":
		t.applyMainRouteTableAssociation(r)
	case "aws_vpn_gateway_attachment":
		t.applyVPNGatewayAttachment(r)
	case "aws_vpn_gateway_route_propagation":
		t.applyVPNGatewayRoutePropagation(r)
	case "aws_vpn_connection_route":
		t.applyVPNConnectionRoute(r)
	case "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation":
		t.applyTGWRouteTableLink(r)
	case "aws_ec2_transit_gateway_route":
		t.applyTGWRoute(r)
	case "aws_vpc_peering_connection_accepter":
		t.applyPeeringAccepter(r)
	case "aws_ec2_transit_gateway_vpc_attachment_accepter":
		t.applyTGWVPCAttachmentAccepter(r)
	case "aws_dx_connection_association":
		t.applyDXConnectionAssociation(r)
	case "aws_dx_hosted_private_virtual_interface_accepter", "aws_dx_hosted_transit_virtual_interface_accepter",
		"aws_dx_hosted_public_virtual_interface_accepter":
		t.applyDXVIFAccepter(r)
	case "aws_vpc_endpoint_subnet_association", "aws_vpc_endpoint_security_group_association":
		t.applyEndpointAssociation(r)
	case "aws_ec2_client_vpn_network_association":
		t.applyClientVPNNetworkAssociation(r)
	case "aws_ec2_client_vpn_authorization_rule":
		t.applyClientVPNAuthorization(r)
	case "aws_ec2_client_vpn_route":
		t.applyClientVPNRoute(r)
	case "aws_network_interface_attachment":
		t.applyNetworkInterfaceAttachment(r)
	case "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
		t.applySecurityGroupRule(r)
	}
}

// finish fills facts that follow from links once all elements exist.
func (t *translator) finish() {
	// An ENI and an instance live in their subnet's AZ.
	for _, id := range sortedMapKeys(t.net.NetworkInterfaces) {
		e := t.net.NetworkInterfaces[id]
		if e.AZ == "" {
			if s := t.net.Subnets[e.Subnet]; s != nil && s.AZ != "" {
				e.AZ = s.AZ
			}
		}
		if in := t.net.Instances[e.Instance]; in != nil {
			in.NetworkInterfaces = appendUnique(in.NetworkInterfaces, id)
		}
	}
	for _, id := range sortedMapKeys(t.net.Instances) {
		in := t.net.Instances[id]
		if in.Subnet == "" || in.PrimaryENI == "" {
			// An instance launched on existing ENIs (network_interface
			// blocks) lives in the subnet of the one at device index 0,
			// which is its primary ENI.
			if e := t.net.NetworkInterfaces[t.launchENI(id)]; e != nil {
				if in.Subnet == "" && e.Subnet != "" {
					in.Subnet = e.Subnet
					in.Unknown = removeField(in.Unknown, "subnet")
				}
				if in.PrimaryENI == "" && e.AWSID != "" {
					in.PrimaryENI = e.AWSID
					in.Unknown = removeField(in.Unknown, "primary_eni")
				}
			}
		}
		if in.AZ == "" {
			if s := t.net.Subnets[in.Subnet]; s != nil && s.AZ != "" {
				in.AZ = s.AZ
				in.Unknown = removeField(in.Unknown, "az")
			}
		}
		if in.AZ == "" {
			// Every ENI attached to an instance is in the instance's AZ.
			for _, eni := range in.NetworkInterfaces {
				if e := t.net.NetworkInterfaces[eni]; e != nil && e.AZ != "" {
					in.AZ = e.AZ
					in.Unknown = removeField(in.Unknown, "az")
					break
				}
			}
		}
	}
	t.linkAppliances()
}

// launchENI returns the model ID of the ENI an instance is launched on: its
// network_interface block with device index 0 (the only block, when the index
// is not known).
func (t *translator) launchENI(instance string) string {
	r := t.byAddr[instance]
	if r == nil || r.a.typ != "aws_instance" {
		return ""
	}
	blocks, unknowns, _ := r.blocks("network_interface")
	for i, b := range blocks {
		if n, ok := asInt(b["device_index"]); !(ok && n == 0) && !(len(blocks) == 1 && !ok) {
			continue
		}
		ids, _ := t.blockLink(r, "network_interface", blocks, unknowns, i, "network_interface_id", onlyENI, false, []string{"device_index"})
		if len(ids) == 1 {
			return ids[0]
		}
		return ""
	}
	return ""
}

func removeField(list []string, field string) []string {
	out := list[:0]
	for _, f := range list {
		if f != field {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
