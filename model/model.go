// Package model is netlint's normalized network: plain data that every loader fills
// and every policy reads. It holds no AWS SDK or Terraform types. It marshals to the
// JSON that Rego sees as `input` (see Schema).
//
// Elements are kept in maps keyed by their model ID so that policies can look up a
// link in O(1) (`input.vpcs[route_table.vpc]`). A model ID is the Terraform address
// for Terraform input and the AWS resource id (or ARN) for live input. Links between
// elements always hold model IDs; a link that could not be resolved is empty and its
// field name is listed in the element's Unknown.
package model

// Meta is what every element carries: identity, origin and unknown fields.
type Meta struct {
	// ID is the model key: Terraform address, or AWS id/ARN for live input.
	ID string `json:"id"`
	// Type is the Terraform resource type the element corresponds to (aws_vpc, ...),
	// also for live input, so rules and reports speak one vocabulary.
	Type string `json:"type"`
	// Address is what a user sees: the Terraform address or the AWS id/ARN.
	Address string `json:"address"`
	// AWSID is the real AWS id when known (existing resources, data sources, live).
	AWSID   string `json:"aws_id,omitempty"`
	ARN     string `json:"arn,omitempty"`
	Name    string `json:"name,omitempty"`
	Region  string `json:"region,omitempty"`
	Account string `json:"account,omitempty"`
	// Module is the address of the module instance holding the resource ("" = root).
	Module string `json:"module,omitempty"`
	// File and Line locate the resource block when the sources are at hand.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Related are further locations, e.g. the resource block inside a module whose
	// call is File:Line.
	Related []Location `json:"related,omitempty"`
	// Unknown lists JSON field names whose values are not known (yet): unknown after
	// apply, or a link that could not be resolved. Rules stay silent on them.
	Unknown []string          `json:"unknown,omitempty"`
	Tags    map[string]string `json:"tags,omitempty"`
}

// Location is a place in the Terraform sources.
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message,omitempty"`
}

// IsUnknown reports whether field is listed as unknown.
func (m *Meta) IsUnknown(field string) bool {
	for _, f := range m.Unknown {
		if f == field {
			return true
		}
	}
	return false
}

// MarkUnknown adds field to Unknown once.
func (m *Meta) MarkUnknown(field string) {
	if !m.IsUnknown(field) {
		m.Unknown = append(m.Unknown, field)
	}
}

// Meta returns the element's Meta; it lets generic code walk all elements.
func (m *Meta) Base() *Meta { return m }

// Element is implemented by every model element.
type Element interface{ Base() *Meta }

// Network is everything the model holds. Field names are the policy input's keys.
type Network struct {
	VPCs                  map[string]*VPC                  `json:"vpcs"`
	Subnets               map[string]*Subnet               `json:"subnets"`
	RouteTables           map[string]*RouteTable           `json:"route_tables"`
	VPNGateways           map[string]*VPNGateway           `json:"vpn_gateways"`
	TransitGateways       map[string]*TransitGateway       `json:"transit_gateways"`
	TGWAttachments        map[string]*TGWAttachment        `json:"tgw_attachments"`
	TGWRouteTables        map[string]*TGWRouteTable        `json:"tgw_route_tables"`
	CustomerGateways      map[string]*CustomerGateway      `json:"customer_gateways"`
	VPNConnections        map[string]*VPNConnection        `json:"vpn_connections"`
	Peerings              map[string]*Peering              `json:"peerings"`
	DXConnections         map[string]*DXConnection         `json:"dx_connections"`
	DXLAGs                map[string]*DXLAG                `json:"dx_lags"`
	DXVIFs                map[string]*DXVIF                `json:"dx_vifs"`
	DXGateways            map[string]*DXGateway            `json:"dx_gateways"`
	DXGatewayAssociations map[string]*DXGatewayAssociation `json:"dx_gateway_associations"`
	VPCEndpoints          map[string]*VPCEndpoint          `json:"vpc_endpoints"`
	EndpointServices      map[string]*EndpointService      `json:"endpoint_services"`
	ClientVPNEndpoints    map[string]*ClientVPNEndpoint    `json:"client_vpn_endpoints"`
	Instances             map[string]*Instance             `json:"instances"`
	NetworkInterfaces     map[string]*NetworkInterface     `json:"network_interfaces"`
	SecurityGroups        map[string]*SecurityGroup        `json:"security_groups"`
	Alarms                map[string]*Alarm                `json:"alarms"`
	// Sites are on-premises networks: declared in .netlint.yaml, or implied by the
	// static routes of a VPN connection.
	Sites map[string]*Site `json:"sites"`

	// Derived facts, filled by Derive: never by a loader.
	Derived Derived `json:"derived"`
}

// VPC is an Amazon VPC with all its address ranges.
type VPC struct {
	Meta
	// CIDRs holds the primary IPv4 CIDR first, then secondary ones.
	CIDRs     []string `json:"cidrs"`
	IPv6CIDRs []string `json:"ipv6_cidrs,omitempty"`
	Default   bool     `json:"default,omitempty"`
}

// Subnet is a VPC subnet.
type Subnet struct {
	Meta
	VPC      string `json:"vpc"`
	CIDR     string `json:"cidr,omitempty"`
	IPv6CIDR string `json:"ipv6_cidr,omitempty"`
	AZ       string `json:"az,omitempty"`
	AZID     string `json:"az_id,omitempty"`
}

// RouteTable is a VPC route table with its routes, associations and propagations.
type RouteTable struct {
	Meta
	VPC    string  `json:"vpc"`
	Main   bool    `json:"main,omitempty"`
	Routes []Route `json:"routes"`
	// Subnets are the associated subnets' model IDs.
	Subnets []string `json:"subnets"`
	// PropagatingVGWs are VGWs whose BGP routes this table receives.
	PropagatingVGWs []string `json:"propagating_vgws"`
}

// Route target kinds.
const (
	TargetLocal            = "local"
	TargetInternetGateway  = "internet_gateway"
	TargetVPNGateway       = "vpn_gateway"
	TargetTransitGateway   = "transit_gateway"
	TargetPeering          = "vpc_peering_connection"
	TargetInstance         = "instance"
	TargetNetworkInterface = "network_interface"
	TargetNATGateway       = "nat_gateway"
	TargetVPCEndpoint      = "vpc_endpoint"
	TargetEgressOnly       = "egress_only_internet_gateway"
	TargetCarrierGateway   = "carrier_gateway"
	TargetLocalGateway     = "local_gateway"
	TargetCoreNetwork      = "core_network"
)

// Route is one route of a VPC route table.
type Route struct {
	// Address, File and Line locate an aws_route resource; empty for inline routes.
	Address string `json:"address,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	// Destination is an IPv4 or IPv6 CIDR, or a prefix list id.
	Destination string `json:"destination"`
	// TargetKind is one of the Target* constants.
	TargetKind string `json:"target_kind"`
	// Target is the model ID of the target element (or its AWS id when the element
	// is not in the model); empty when unknown.
	Target     string   `json:"target,omitempty"`
	Propagated bool     `json:"propagated,omitempty"`
	Unknown    []string `json:"unknown,omitempty"`
}

// VPNGateway is a virtual private gateway (VGW).
type VPNGateway struct {
	Meta
	// VPC is the attached VPC, empty when detached.
	VPC           string `json:"vpc,omitempty"`
	AmazonSideASN int64  `json:"amazon_side_asn,omitempty"`
}

// TransitGateway is an AWS Transit Gateway.
type TransitGateway struct {
	Meta
	AmazonSideASN                int64 `json:"amazon_side_asn,omitempty"`
	DefaultRouteTableAssociation bool  `json:"default_route_table_association"`
	DefaultRouteTablePropagation bool  `json:"default_route_table_propagation"`
	VPNECMPSupport               bool  `json:"vpn_ecmp_support"`
}

// TGW attachment kinds.
const (
	AttachVPC       = "vpc"
	AttachVPN       = "vpn"
	AttachPeering   = "peering"
	AttachDXGateway = "direct_connect_gateway"
	AttachConnect   = "connect"
)

// TGWAttachment is one attachment of a transit gateway.
type TGWAttachment struct {
	Meta
	Kind           string `json:"kind"`
	TransitGateway string `json:"transit_gateway"`
	// VPC and Subnets for VPC attachments.
	VPC           string   `json:"vpc,omitempty"`
	Subnets       []string `json:"subnets,omitempty"`
	ApplianceMode bool     `json:"appliance_mode,omitempty"`
	// VPNConnection for VPN attachments (implied by aws_vpn_connection.transit_gateway_id).
	VPNConnection string `json:"vpn_connection,omitempty"`
	// Peer* for peering attachments.
	PeerTransitGateway string `json:"peer_transit_gateway,omitempty"`
	PeerRegion         string `json:"peer_region,omitempty"`
	PeerAccount        string `json:"peer_account,omitempty"`
	// DXGateway for Direct Connect gateway attachments.
	DXGateway string `json:"dx_gateway,omitempty"`
	// DefaultAssociation/DefaultPropagation: the attachment joins the TGW's default
	// route table (association) and propagates to it.
	DefaultAssociation bool `json:"default_association"`
	DefaultPropagation bool `json:"default_propagation"`
}

// TGWRouteTable is a transit gateway route table.
type TGWRouteTable struct {
	Meta
	TransitGateway string `json:"transit_gateway"`
	Default        bool   `json:"default,omitempty"`
	// Associations and Propagations hold attachment model IDs.
	Associations []string   `json:"associations"`
	Propagations []string   `json:"propagations"`
	Routes       []TGWRoute `json:"routes"`
}

// TGWRoute is a static route of a TGW route table.
type TGWRoute struct {
	Address     string   `json:"address,omitempty"`
	File        string   `json:"file,omitempty"`
	Line        int      `json:"line,omitempty"`
	Destination string   `json:"destination"`
	Attachment  string   `json:"attachment,omitempty"`
	Blackhole   bool     `json:"blackhole,omitempty"`
	Unknown     []string `json:"unknown,omitempty"`
}

// CustomerGateway is the AWS record of a customer's VPN device.
type CustomerGateway struct {
	Meta
	IP     string `json:"ip,omitempty"`
	BGPASN int64  `json:"bgp_asn,omitempty"`
	// BGPASNExtended is the ASN given in the 4-byte-only field (above 2,147,483,647);
	// kept apart from BGPASN because AWS rejects such values in bgp_asn.
	BGPASNExtended int64  `json:"bgp_asn_extended,omitempty"`
	DeviceName     string `json:"device_name,omitempty"`
	CertificateARN string `json:"certificate_arn,omitempty"`
	// Appliance is the model ID of the EC2 instance (or of the ENI, when that
	// is attached to no known instance) whose public or Elastic IP is the
	// gateway's IP: the "customer" end is then a software VPN appliance in
	// one of our own VPCs, not an on-premises device (a transit VPC, NL901).
	// Empty when the IP belongs to nothing in the model.
	Appliance string `json:"appliance,omitempty"`
}

// VPNConnection is a Site-to-Site VPN connection on a VGW or a TGW.
type VPNConnection struct {
	Meta
	CustomerGateway string `json:"customer_gateway"`
	VPNGateway      string `json:"vpn_gateway,omitempty"`
	TransitGateway  string `json:"transit_gateway,omitempty"`
	// TGWAttachment is the attachment AWS creates for a VPN on a TGW.
	TGWAttachment    string `json:"tgw_attachment,omitempty"`
	StaticRoutesOnly bool   `json:"static_routes_only"`
	// StaticRoutes are the on-prem CIDRs of aws_vpn_connection_route (VGW VPNs).
	StaticRoutes          []string `json:"static_routes"`
	Tunnels               []Tunnel `json:"tunnels"`
	OutsideIPAddressType  string   `json:"outside_ip_address_type,omitempty"`
	TunnelInsideIPVersion string   `json:"tunnel_inside_ip_version,omitempty"`
	EnableAcceleration    bool     `json:"enable_acceleration,omitempty"`
	// TunnelBandwidth is "standard" (AWS's default) or "large" (TGW only).
	TunnelBandwidth string `json:"tunnel_bandwidth,omitempty"`
	// TransportAttachment is the DX gateway attachment of a private IP VPN.
	TransportAttachment string `json:"transport_attachment,omitempty"`
}

// Tunnel is one of the two tunnels of a VPN connection.
type Tunnel struct {
	InsideCIDR     string `json:"inside_cidr,omitempty"`
	InsideIPv6CIDR string `json:"inside_ipv6_cidr,omitempty"`
	OutsideIP      string `json:"outside_ip,omitempty"`
	// Status is UP or DOWN, known from live telemetry only.
	Status        string   `json:"status,omitempty"`
	StatusMessage string   `json:"status_message,omitempty"`
	Unknown       []string `json:"unknown,omitempty"`
}

// Peering is a VPC peering connection.
type Peering struct {
	Meta
	RequesterVPC string `json:"requester_vpc"`
	AccepterVPC  string `json:"accepter_vpc"`
	PeerRegion   string `json:"peer_region,omitempty"`
	PeerAccount  string `json:"peer_account,omitempty"`
	// Status is the live status code (active, pending-acceptance, ...); for a plan
	// it is "active" when accepted in the same plan or auto_accept, else
	// "pending-acceptance".
	Status string `json:"status,omitempty"`
	// RequesterCIDRs and AccepterCIDRs are the ranges AWS reports for each side;
	// used when a side's VPC is not in the model (another account or root).
	RequesterCIDRs []string `json:"requester_cidrs,omitempty"`
	AccepterCIDRs  []string `json:"accepter_cidrs,omitempty"`
}

// DXConnection is a dedicated or hosted Direct Connect connection.
type DXConnection struct {
	Meta
	Bandwidth      string `json:"bandwidth,omitempty"`
	BandwidthMbps  int64  `json:"bandwidth_mbps,omitempty"`
	Location       string `json:"location,omitempty"`
	Device         string `json:"device,omitempty"`
	LAG            string `json:"lag,omitempty"`
	Hosted         bool   `json:"hosted,omitempty"`
	MACsec         bool   `json:"macsec,omitempty"`
	EncryptionMode string `json:"encryption_mode,omitempty"`
}

// DXLAG is a Direct Connect link aggregation group.
type DXLAG struct {
	Meta
	ConnectionsBandwidth string   `json:"connections_bandwidth,omitempty"`
	Location             string   `json:"location,omitempty"`
	Connections          []string `json:"connections"`
	MACsec               bool     `json:"macsec,omitempty"`
}

// DXVIF is a Direct Connect virtual interface.
type DXVIF struct {
	Meta
	// Kind is private, transit or public.
	Kind string `json:"kind"`
	// Connection is the DX connection or LAG carrying the VIF.
	Connection string `json:"connection,omitempty"`
	DXGateway  string `json:"dx_gateway,omitempty"`
	VPNGateway string `json:"vpn_gateway,omitempty"`
	BGPASN     int64  `json:"bgp_asn,omitempty"`
	MTU        int64  `json:"mtu,omitempty"`
}

// DXGateway is a Direct Connect gateway (a global object).
type DXGateway struct {
	Meta
	AmazonSideASN int64 `json:"amazon_side_asn,omitempty"`
}

// DXGatewayAssociation joins a DX gateway to a VGW or TGW.
type DXGatewayAssociation struct {
	Meta
	DXGateway string `json:"dx_gateway"`
	// Gateway is the VGW or TGW; GatewayType is vpn_gateway or transit_gateway.
	Gateway         string   `json:"gateway"`
	GatewayType     string   `json:"gateway_type,omitempty"`
	AllowedPrefixes []string `json:"allowed_prefixes,omitempty"`
}

// VPCEndpoint is a VPC endpoint (interface, gateway or GWLB).
type VPCEndpoint struct {
	Meta
	VPC            string   `json:"vpc"`
	EndpointType   string   `json:"endpoint_type"`
	ServiceName    string   `json:"service_name,omitempty"`
	ServiceRegion  string   `json:"service_region,omitempty"`
	Subnets        []string `json:"subnets"`
	SecurityGroups []string `json:"security_groups"`
	PrivateDNS     bool     `json:"private_dns,omitempty"`
	// EndpointService is the model ID of the endpoint service the endpoint
	// connects to, when that service is in the model: a plan that creates both
	// links them by reference, the service name being unknown until apply.
	EndpointService string `json:"endpoint_service,omitempty"`
}

// EndpointService is a PrivateLink endpoint service this network provides.
type EndpointService struct {
	Meta
	ServiceName        string   `json:"service_name,omitempty"`
	SupportedRegions   []string `json:"supported_regions"`
	AcceptanceRequired bool     `json:"acceptance_required,omitempty"`
	LoadBalancers      []string `json:"load_balancers"`
}

// ClientVPNEndpoint is an AWS Client VPN endpoint with its associations and rules.
type ClientVPNEndpoint struct {
	Meta
	ClientCIDR     string                 `json:"client_cidr,omitempty"`
	VPC            string                 `json:"vpc,omitempty"`
	Authentication []ClientVPNAuth        `json:"authentication"`
	Associations   []ClientVPNAssociation `json:"associations"`
	Authorizations []ClientVPNAuthRule    `json:"authorizations"`
	// Routes are the endpoint's route table beyond what AWS adds itself (the
	// associated VPC's CIDRs, which every association routes).
	Routes      []ClientVPNRoute `json:"routes"`
	SplitTunnel bool             `json:"split_tunnel,omitempty"`
}

// ClientVPNRoute is one route of a Client VPN endpoint's route table: client
// traffic for Destination leaves through the endpoint's network interface in
// Subnet and is then routed by that subnet's route table.
type ClientVPNRoute struct {
	Address     string   `json:"address,omitempty"`
	File        string   `json:"file,omitempty"`
	Line        int      `json:"line,omitempty"`
	Destination string   `json:"destination"`
	Subnet      string   `json:"subnet"`
	Unknown     []string `json:"unknown,omitempty"`
}

// ClientVPNAuth is one authentication option of a Client VPN endpoint.
type ClientVPNAuth struct {
	// Type is certificate-authentication, directory-service-authentication or
	// federated-authentication.
	Type                    string `json:"type"`
	RootCertificateChainARN string `json:"root_certificate_chain_arn,omitempty"`
	ActiveDirectoryID       string `json:"active_directory_id,omitempty"`
	SAMLProviderARN         string `json:"saml_provider_arn,omitempty"`
}

// ClientVPNAssociation is a target network (subnet) association.
type ClientVPNAssociation struct {
	Address string   `json:"address,omitempty"`
	File    string   `json:"file,omitempty"`
	Line    int      `json:"line,omitempty"`
	Subnet  string   `json:"subnet"`
	Unknown []string `json:"unknown,omitempty"`
}

// ClientVPNAuthRule is an authorization rule.
type ClientVPNAuthRule struct {
	Address            string `json:"address,omitempty"`
	File               string `json:"file,omitempty"`
	Line               int    `json:"line,omitempty"`
	TargetNetworkCIDR  string `json:"target_network_cidr"`
	AccessGroup        string `json:"access_group,omitempty"`
	AuthorizeAllGroups bool   `json:"authorize_all_groups,omitempty"`
}

// Instance is an EC2 instance.
type Instance struct {
	Meta
	Subnet string `json:"subnet,omitempty"`
	AZ     string `json:"az,omitempty"`
	// SourceDestCheck is AWS's default (true) unless the input says otherwise.
	SourceDestCheck   bool     `json:"source_dest_check"`
	PrimaryENI        string   `json:"primary_eni,omitempty"`
	NetworkInterfaces []string `json:"network_interfaces"`
	InstanceType      string   `json:"instance_type,omitempty"`
	// PublicIPs are the known public and Elastic IPs of the instance and its
	// ENIs: a customer gateway with one of them is this instance
	// (CustomerGateway.Appliance).
	PublicIPs []string `json:"public_ips,omitempty"`
}

// NetworkInterface is an elastic network interface.
type NetworkInterface struct {
	Meta
	Subnet          string `json:"subnet,omitempty"`
	AZ              string `json:"az,omitempty"`
	SourceDestCheck bool   `json:"source_dest_check"`
	// Instance is the instance the ENI is attached to, if any.
	Instance string `json:"instance,omitempty"`
	// PublicIPs are the ENI's known public and Elastic IPs, kept so that a
	// customer gateway with one of them can be tied to the ENI (or its
	// instance): CustomerGateway.Appliance.
	PublicIPs []string `json:"public_ips,omitempty"`
}

// SecurityGroup is a VPC security group with its rules.
type SecurityGroup struct {
	Meta
	VPC     string   `json:"vpc,omitempty"`
	Ingress []SGRule `json:"ingress"`
	Egress  []SGRule `json:"egress"`
}

// SGRule is one security group rule. Protocol "-1" means all.
type SGRule struct {
	Address        string   `json:"address,omitempty"`
	Protocol       string   `json:"protocol"`
	FromPort       int64    `json:"from_port"`
	ToPort         int64    `json:"to_port"`
	CIDRs          []string `json:"cidrs"`
	IPv6CIDRs      []string `json:"ipv6_cidrs"`
	PrefixLists    []string `json:"prefix_lists"`
	SecurityGroups []string `json:"security_groups"`
	Unknown        []string `json:"unknown,omitempty"`
}

// Alarm is a CloudWatch metric alarm.
type Alarm struct {
	Meta
	Namespace  string            `json:"namespace,omitempty"`
	MetricName string            `json:"metric_name,omitempty"`
	Dimensions map[string]string `json:"dimensions"`
	// Watches holds the model IDs the dimensions point at (a VPN connection for
	// VpnId, an instance for InstanceId), resolved through references or ids.
	Watches []string `json:"watches"`
	Actions []string `json:"actions"`
}

// Site is an on-premises network.
type Site struct {
	Meta
	// CIDRs are the ranges the site uses: exact, unlike the summaries and
	// static routes that may lead to it.
	CIDRs []string `json:"cidrs"`
	// Summaries are prefixes the site announces that cover more than its own
	// ranges (10.0.0.0/8 for a data centre using 10.0.0.0/12): longest-prefix
	// match carries them, so they never conflict with a more specific range.
	Summaries []string `json:"summaries,omitempty"`
	Devices   []Device `json:"devices"`
	// Via are patterns (globs on model ID, address or AWS id) naming the VPN
	// connections, customer gateways, Direct Connect virtual interfaces or
	// gateways that reach the site, for links AWS cannot tell: a DX VIF's
	// on-premises end, a VPN whose customer gateway IP is not known.
	Via []string `json:"via,omitempty"`
	// VPNConnection is set for a site implied by a VPN's static routes.
	VPNConnection string `json:"vpn_connection,omitempty"`
}

// Device is a customer's edge device at a site.
type Device struct {
	Name string `json:"name"`
	IP   string `json:"ip,omitempty"`
	ASN  int64  `json:"asn,omitempty"`
	// BGP is nil when the config does not say whether the device speaks BGP.
	BGP *bool `json:"bgp,omitempty"`
}
