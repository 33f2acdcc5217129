package terraform

// resourceType is what the loader does with one Terraform resource type.
type resourceType struct {
	// kind is the element kind a link to this type reaches (the type sets
	// below are built from it); "" for types no link targets.
	kind string
	// build creates the element the resource stands for.
	build func(*translator, *resource)
	// modify changes other elements (a route into its table), after every
	// element exists.
	modify func(*translator, *resource)
	// data: a data source of this type is an element too.
	data bool
}

// Element kinds that links reach.
const (
	kindVPC         = "vpc"
	kindSubnet      = "subnet"
	kindRouteTable  = "route_table"
	kindVGW         = "vpn_gateway"
	kindCGW         = "customer_gateway"
	kindTGW         = "transit_gateway"
	kindTGWTable    = "tgw_route_table"
	kindTGWAtt      = "tgw_attachment"
	kindVPN         = "vpn_connection"
	kindPeering     = "peering"
	kindInstance    = "instance"
	kindENI         = "network_interface"
	kindSG          = "security_group"
	kindEndpoint    = "vpc_endpoint"
	kindService     = "endpoint_service"
	kindClientVPN   = "client_vpn_endpoint"
	kindDXConn      = "dx_connection"
	kindDXLAG       = "dx_lag"
	kindDXVIF       = "dx_vif"
	kindDXGateway   = "dx_gateway"
	kindLB          = "load_balancer"
	kindEIP         = "eip"
	kindPrefixList  = "prefix_list"
	kindTGWVPCAtt   = "tgw_vpc_attachment"
	kindDXAssocGate = "dx_association_gateway"
)

// resourceTypes is the one table of the Terraform resource types the loader
// knows: adding a type touches this table and its tests. It is filled in
// init, with the type sets made from it: its builders use those sets.
var resourceTypes map[string]resourceType

func init() {
	resourceTypes = map[string]resourceType{
		"aws_vpc":                                {kind: kindVPC, build: (*translator).buildVPC, data: true},
		"aws_default_vpc":                        {kind: kindVPC, build: (*translator).buildVPC},
		"aws_subnet":                             {kind: kindSubnet, build: (*translator).buildSubnet, data: true},
		"aws_default_subnet":                     {kind: kindSubnet, build: (*translator).buildSubnet},
		"aws_route_table":                        {kind: kindRouteTable, build: (*translator).buildRouteTable, data: true},
		"aws_default_route_table":                {kind: kindRouteTable, build: (*translator).buildRouteTable},
		"aws_vpn_gateway":                        {kind: kindVGW, build: (*translator).buildVPNGateway, data: true},
		"aws_customer_gateway":                   {kind: kindCGW, build: (*translator).buildCustomerGateway, data: true},
		"aws_vpn_connection":                     {kind: kindVPN, build: (*translator).buildVPNConnection},
		"aws_ec2_transit_gateway":                {kind: kindTGW, build: (*translator).buildTransitGateway, data: true},
		"aws_ec2_transit_gateway_vpc_attachment": {kind: kindTGWAtt, build: (*translator).buildTGWVPCAttachment, data: true},
		"aws_ec2_transit_gateway_vpc_attachment_accepter": {kind: kindTGWAtt, build: (*translator).buildTGWVPCAttachmentAccepter,
			modify: (*translator).applyTGWVPCAttachmentAccepter},
		"aws_ec2_transit_gateway_peering_attachment":          {kind: kindTGWAtt, build: (*translator).buildTGWPeeringAttachment, data: true},
		"aws_ec2_transit_gateway_peering_attachment_accepter": {kind: kindTGWAtt, build: (*translator).buildTGWPeeringAttachment},
		"aws_ec2_transit_gateway_vpn_attachment":              {kind: kindTGWAtt, build: (*translator).buildTGWDataAttachmentOnce, data: true},
		"aws_ec2_transit_gateway_dx_gateway_attachment":       {kind: kindTGWAtt, build: (*translator).buildTGWDataAttachmentOnce, data: true},
		"aws_ec2_transit_gateway_connect":                     {kind: kindTGWAtt},
		"aws_ec2_transit_gateway_route_table":                 {kind: kindTGWTable, build: (*translator).buildTGWRouteTable, data: true},
		"aws_vpc_peering_connection":                          {kind: kindPeering, build: (*translator).buildPeering, data: true},
		"aws_vpc_peering_connection_accepter": {kind: kindPeering, build: (*translator).buildPeeringAccepter,
			modify: (*translator).applyPeeringAccepter},
		"aws_dx_connection":                                {kind: kindDXConn, build: (*translator).buildDXConnection, data: true},
		"aws_dx_hosted_connection":                         {kind: kindDXConn, build: (*translator).buildDXConnection},
		"aws_dx_lag":                                       {kind: kindDXLAG, build: (*translator).buildDXLAG},
		"aws_dx_private_virtual_interface":                 {kind: kindDXVIF, build: (*translator).buildDXVIF},
		"aws_dx_transit_virtual_interface":                 {kind: kindDXVIF, build: (*translator).buildDXVIF},
		"aws_dx_public_virtual_interface":                  {kind: kindDXVIF, build: (*translator).buildDXVIF},
		"aws_dx_hosted_private_virtual_interface":          {kind: kindDXVIF, build: (*translator).buildDXVIF},
		"aws_dx_hosted_transit_virtual_interface":          {kind: kindDXVIF, build: (*translator).buildDXVIF},
		"aws_dx_hosted_public_virtual_interface":           {kind: kindDXVIF, build: (*translator).buildDXVIF},
		"aws_dx_hosted_private_virtual_interface_accepter": {build: (*translator).buildDXVIFAccepter, modify: (*translator).applyDXVIFAccepter},
		"aws_dx_hosted_transit_virtual_interface_accepter": {build: (*translator).buildDXVIFAccepter, modify: (*translator).applyDXVIFAccepter},
		"aws_dx_hosted_public_virtual_interface_accepter":  {build: (*translator).buildDXVIFAccepter, modify: (*translator).applyDXVIFAccepter},
		"aws_dx_gateway":                                   {kind: kindDXGateway, build: (*translator).buildDXGateway, data: true},
		"aws_dx_gateway_association":                       {build: (*translator).buildDXGatewayAssociation},
		"aws_vpc_endpoint":                                 {kind: kindEndpoint, build: (*translator).buildVPCEndpoint, data: true},
		"aws_vpc_endpoint_service":                         {kind: kindService, build: (*translator).buildEndpointService},
		"aws_ec2_client_vpn_endpoint":                      {kind: kindClientVPN, build: (*translator).buildClientVPNEndpoint},
		"aws_instance":                                     {kind: kindInstance, build: (*translator).buildInstance, data: true},
		"aws_network_interface":                            {kind: kindENI, build: (*translator).buildNetworkInterface, data: true},
		"aws_security_group":                               {kind: kindSG, build: (*translator).buildSecurityGroup, data: true},
		"aws_default_security_group":                       {kind: kindSG, build: (*translator).buildSecurityGroup},
		"aws_cloudwatch_metric_alarm":                      {build: (*translator).buildAlarm},
		"aws_lb":                                           {kind: kindLB},
		"aws_alb":                                          {kind: kindLB},
		"aws_eip":                                          {kind: kindEIP},
		"aws_ec2_managed_prefix_list":                      {kind: kindPrefixList},

		// Resources that change another element.
		"aws_vpc_ipv4_cidr_block_association":             {modify: (*translator).applyCIDRAssociation},
		"aws_vpc_ipv6_cidr_block_association":             {modify: (*translator).applyCIDRAssociation},
		"aws_route":                                       {modify: (*translator).applyRoute},
		"aws_route_table_association":                     {modify: (*translator).applyRouteTableAssociation},
		"aws_main_route_table_association":                {modify: (*translator).applyMainRouteTableAssociation},
		"aws_vpn_gateway_attachment":                      {modify: (*translator).applyVPNGatewayAttachment},
		"aws_vpn_gateway_route_propagation":               {modify: (*translator).applyVPNGatewayRoutePropagation},
		"aws_vpn_connection_route":                        {modify: (*translator).applyVPNConnectionRoute},
		"aws_ec2_transit_gateway_route_table_association": {modify: (*translator).applyTGWRouteTableLink},
		"aws_ec2_transit_gateway_route_table_propagation": {modify: (*translator).applyTGWRouteTableLink},
		"aws_ec2_transit_gateway_route":                   {modify: (*translator).applyTGWRoute},
		"aws_dx_connection_association":                   {modify: (*translator).applyDXConnectionAssociation},
		"aws_vpc_endpoint_subnet_association":             {modify: (*translator).applyEndpointAssociation},
		"aws_vpc_endpoint_security_group_association":     {modify: (*translator).applyEndpointAssociation},
		"aws_ec2_client_vpn_network_association":          {modify: (*translator).applyClientVPNNetworkAssociation},
		"aws_ec2_client_vpn_authorization_rule":           {modify: (*translator).applyClientVPNAuthorization},
		"aws_ec2_client_vpn_route":                        {modify: (*translator).applyClientVPNRoute},
		"aws_network_interface_attachment":                {modify: (*translator).applyNetworkInterfaceAttachment},
		"aws_security_group_rule":                         {modify: (*translator).applySecurityGroupRule},
		"aws_vpc_security_group_ingress_rule":             {modify: (*translator).applySecurityGroupRule},
		"aws_vpc_security_group_egress_rule":              {modify: (*translator).applySecurityGroupRule},
	}
	vpcTypes = typesOf(kinds(kindVPC))
	subnetTypes = typesOf(kinds(kindSubnet))
	rtTypes = typesOf(kinds(kindRouteTable))
	vgwTypes = typesOf(kinds(kindVGW))
	cgwTypes = typesOf(kinds(kindCGW))
	tgwTypes = typesOf(kinds(kindTGW))
	tgwRTTypes = typesOf(kinds(kindTGWTable))
	tgwAttTypes = typesOf(kinds(kindTGWAtt))
	vpnTypes = typesOf(kinds(kindVPN))
	peeringTypes = typesOf(kinds(kindPeering))
	instanceTypes = typesOf(kinds(kindInstance))
	eniTypes = typesOf(kinds(kindENI, kindInstance))
	onlyENI = typesOf(kinds(kindENI))
	sgTypes = typesOf(kinds(kindSG))
	endpointTypes = typesOf(kinds(kindEndpoint))
	serviceTypes = typesOf(kinds(kindService))
	clientVPN = typesOf(kinds(kindClientVPN))
	dxConnTypes = typesOf(kinds(kindDXConn, kindDXLAG))
	dxLAGTypes = typesOf(kinds(kindDXLAG))
	dxGWTypes = typesOf(kinds(kindDXGateway))
	vifTypes = typesOf(kinds(kindDXVIF))
	dxAssocGWTypes = typesOf(kinds(kindVGW, kindTGW))
	lbTypes = typesOf(kinds(kindLB))
	eipTypes = typesOf(kinds(kindEIP))
	publicIPTypes = typesOf(kinds(kindEIP, kindInstance))
	watchedTypes = typesOf(kinds(kindVPN, kindInstance))
	prefixListTypes = typesOf(kinds(kindPrefixList))
}

// typeSet is the set of resource types a link may point at; nil accepts any.
type typeSet map[string]bool

// types lists resource types by name.
func types(names ...string) typeSet {
	s := typeSet{}
	for _, n := range names {
		s[n] = true
	}
	return s
}

// typesOf is every type of the table that builds one of the kinds, and the
// extra types given.
func typesOf(kinds []string, extra ...string) typeSet {
	s := types(extra...)
	for typ, rt := range resourceTypes {
		for _, k := range kinds {
			if rt.kind == k {
				s[typ] = true
			}
		}
	}
	return s
}

func kinds(k ...string) []string { return k }

// The types each kind of link may point at (set in init).
var (
	vpcTypes, subnetTypes, rtTypes, vgwTypes, cgwTypes, tgwTypes, tgwRTTypes typeSet
	tgwAttTypes, vpnTypes, peeringTypes, instanceTypes                       typeSet
	// A route's network_interface_id may name an instance's primary ENI.
	eniTypes, onlyENI, sgTypes, endpointTypes, serviceTypes, clientVPN typeSet
	dxConnTypes, dxLAGTypes, dxGWTypes, vifTypes, dxAssocGWTypes       typeSet
	lbTypes, prefixListTypes                                           typeSet
	// A customer gateway's ip_address may name an Elastic IP or an
	// instance's own public IP; an alarm watches a VPN or an instance.
	eipTypes, publicIPTypes, watchedTypes typeSet
	// An accepter of a shared VPC attachment accepts a VPC attachment.
	vpcAttTypes = types("aws_ec2_transit_gateway_vpc_attachment")
)

// The builders below skip a resource that stands for an element of the model
// already (resolveAliases): an accepter whose peering or VIF is in the
// model, a data source that reads back an attachment the plan creates.

func (t *translator) buildTGWDataAttachmentOnce(r *resource) {
	if _, aliased := t.alias[r.addr]; !aliased {
		t.buildTGWDataAttachment(r)
	}
}

func (t *translator) buildPeeringAccepter(r *resource) {
	if _, aliased := t.alias[r.addr]; !aliased {
		t.buildPeering(r)
	}
}

func (t *translator) buildDXVIFAccepter(r *resource) {
	if _, aliased := t.alias[r.addr]; !aliased {
		t.buildDXVIF(r)
	}
}
