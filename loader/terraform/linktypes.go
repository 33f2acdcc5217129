package terraform

// typeSet is the set of resource types a link may point at; nil accepts any.
type typeSet map[string]bool

func types(names ...string) typeSet {
	s := typeSet{}
	for _, n := range names {
		s[n] = true
	}
	return s
}

var (
	vpcTypes      = types("aws_vpc", "aws_default_vpc")
	subnetTypes   = types("aws_subnet", "aws_default_subnet")
	rtTypes       = types("aws_route_table", "aws_default_route_table")
	vgwTypes      = types("aws_vpn_gateway")
	cgwTypes      = types("aws_customer_gateway")
	tgwTypes      = types("aws_ec2_transit_gateway")
	tgwRTTypes    = types("aws_ec2_transit_gateway_route_table")
	vpnTypes      = types("aws_vpn_connection")
	peeringTypes  = types("aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter")
	instanceTypes = types("aws_instance")
	// A route's network_interface_id may name an instance's primary ENI.
	eniTypes      = types("aws_network_interface", "aws_instance")
	sgTypes       = types("aws_security_group", "aws_default_security_group")
	endpointTypes = types("aws_vpc_endpoint")
	clientVPN     = types("aws_ec2_client_vpn_endpoint")
	dxConnTypes   = types("aws_dx_connection", "aws_dx_hosted_connection", "aws_dx_lag")
	dxLAGTypes    = types("aws_dx_lag")
	dxGWTypes     = types("aws_dx_gateway")
	vifTypes      = types("aws_dx_private_virtual_interface", "aws_dx_transit_virtual_interface",
		"aws_dx_public_virtual_interface", "aws_dx_hosted_private_virtual_interface",
		"aws_dx_hosted_transit_virtual_interface", "aws_dx_hosted_public_virtual_interface")
	tgwAttTypes = types("aws_ec2_transit_gateway_vpc_attachment", "aws_ec2_transit_gateway_peering_attachment",
		"aws_ec2_transit_gateway_peering_attachment_accepter", "aws_ec2_transit_gateway_vpn_attachment",
		"aws_ec2_transit_gateway_dx_gateway_attachment", "aws_ec2_transit_gateway_connect",
		"aws_ec2_transit_gateway_vpc_attachment_accepter")
	dxAssocGWTypes = types("aws_vpn_gateway", "aws_ec2_transit_gateway")
	lbTypes        = types("aws_lb", "aws_alb")
	serviceTypes   = types("aws_vpc_endpoint_service")
)
