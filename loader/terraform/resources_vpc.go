package terraform

import (
	"strings"

	"github.com/netlint/netlint/model"
)

func (t *translator) buildVPC(r *resource) {
	v := &model.VPC{Meta: t.meta(r), CIDRs: []string{}}
	v.Default = r.a.typ == "aws_default_vpc" || r.boolean("default", false)
	if c, unknown := r.cidr("cidr_block", ipv4Only|required); c != "" {
		v.CIDRs = append(v.CIDRs, c)
	} else if unknown {
		// An IPAM pool picks the block on apply.
		v.MarkUnknown("cidrs")
	}
	// The data source lists every associated block, the primary one included.
	blocks, unknowns, _ := r.blocks("cidr_block_associations")
	for i := range blocks {
		if c, _ := r.elem("cidr_block_associations", blocks, unknowns, i).cidr("cidr_block", ipv4Only); c != "" {
			v.CIDRs = appendUnique(v.CIDRs, c)
		}
	}
	if c, unknown := r.cidr("ipv6_cidr_block", ipv6Only); c != "" {
		v.IPv6CIDRs = append(v.IPv6CIDRs, c)
	} else if unknown && t.vpcGetsIPv6(r) {
		v.MarkUnknown("ipv6_cidrs")
	}
	t.net.VPCs[v.ID] = v
}

// vpcGetsIPv6 tells whether a VPC whose ipv6_cidr_block is unknown will have
// one: the provider marks the attribute unknown on every new VPC, but AWS
// assigns a block only when asked to (generated, from IPAM, or given).
func (t *translator) vpcGetsIPv6(r *resource) bool {
	if r.boolean("assign_generated_ipv6_cidr_block", false) || r.isUnknown("assign_generated_ipv6_cidr_block") {
		return true
	}
	if r.str("ipv6_ipam_pool_id") != "" || r.isUnknown("ipv6_ipam_pool_id") {
		return true
	}
	return t.unknownSetting(r, "ipv6_cidr_block")
}

func (t *translator) buildSubnet(r *resource) {
	s := &model.Subnet{Meta: t.meta(r)}
	s.VPC = t.setLink(&s.Meta, "vpc", r, "vpc_id", vpcTypes)
	if c, unknown := r.cidr("cidr_block", ipv4Only); c != "" {
		s.CIDR = c
	} else if unknown {
		s.MarkUnknown("cidr")
	}
	if c, unknown := r.cidr("ipv6_cidr_block", ipv6Only); c != "" {
		s.IPv6CIDR = c
	} else if unknown && t.unknownSetting(r, "ipv6_cidr_block") {
		s.MarkUnknown("ipv6_cidr")
	}
	s.AZ = r.str("availability_zone")
	if s.AZ == "" && r.isUnknown("availability_zone") {
		s.MarkUnknown("az")
	}
	s.AZID = r.str("availability_zone_id")
	if s.AZID == "" && r.isUnknown("availability_zone_id") {
		s.MarkUnknown("az_id")
	}
	t.net.Subnets[s.ID] = s
}

func (t *translator) buildRouteTable(r *resource) {
	rt := &model.RouteTable{Meta: t.meta(r), Routes: []model.Route{}, Subnets: []string{}, PropagatingVGWs: []string{}}
	if r.a.typ == "aws_default_route_table" {
		// The default route table is the VPC's main route table.
		rt.Main = true
		rt.VPC = t.defaultRouteTableVPC(r)
		if rt.VPC == "" {
			rt.MarkUnknown("vpc")
		}
	} else {
		rt.VPC = t.setLink(&rt.Meta, "vpc", r, "vpc_id", vpcTypes)
	}
	attr := "route"
	if r.a.mode == "data" {
		attr = "routes"
	}
	blocks, unknowns, whole := r.blocks(attr)
	if whole && (r.cfg == nil || r.expr(attr) != nil) {
		// Without a route expression the computed attribute only echoes
		// aws_route resources, which are read on their own.
		rt.MarkUnknown("routes")
	}
	for i := range blocks {
		route := t.inlineRoute(r, attr, blocks, unknowns, i)
		rt.Routes = append(rt.Routes, route)
	}
	if !r.unknownIn("propagating_vgws") || (r.cfg != nil && r.expr("propagating_vgws") == nil) {
		if v, ok := r.attrs().linkValue("propagating_vgws", true); ok {
			rt.PropagatingVGWs = append(rt.PropagatingVGWs, t.constIDs(v, vgwTypes)...)
		}
	} else {
		rt.PropagatingVGWs = t.setLinks(&rt.Meta, "propagating_vgws", r, "propagating_vgws", vgwTypes)
	}
	// The data source reports its associations.
	assocs, aus, _ := r.blocks("associations")
	for i := range assocs {
		a := r.elem("associations", assocs, aus, i)
		if a.boolean("main", false) {
			rt.Main = true
		}
		if s := a.str("subnet_id"); s != "" {
			rt.Subnets = append(rt.Subnets, t.byKnownID(s, subnetTypes))
		}
	}
	t.net.RouteTables[rt.ID] = rt
}

func (t *translator) defaultRouteTableVPC(r *resource) string {
	if vpc, _ := t.link(r, "vpc_id", vpcTypes); vpc != "" {
		return vpc
	}
	vpc, _ := t.link(r, "default_route_table_id", vpcTypes)
	return vpc
}

// routeTarget is one of the route arguments that name where traffic goes.
type routeTarget struct {
	field string
	kind  string // "" when the kind depends on the target (gateway_id)
	want  typeSet
}

// routeTargets are in the order a state lists both: a route to an instance
// carries its ENI too, and the ENI resolves to the instance.
var routeTargets = []routeTarget{
	{"gateway_id", "", types("aws_internet_gateway", "aws_vpn_gateway")},
	{"transit_gateway_id", model.TargetTransitGateway, tgwTypes},
	{"vpc_peering_connection_id", model.TargetPeering, peeringTypes},
	{"network_interface_id", model.TargetNetworkInterface, eniTypes},
	{"instance_id", model.TargetInstance, instanceTypes},
	{"nat_gateway_id", model.TargetNATGateway, types("aws_nat_gateway")},
	{"vpc_endpoint_id", model.TargetVPCEndpoint, endpointTypes},
	{"egress_only_gateway_id", model.TargetEgressOnly, types("aws_egress_only_internet_gateway")},
	{"carrier_gateway_id", model.TargetCarrierGateway, types("aws_ec2_carrier_gateway")},
	{"local_gateway_id", model.TargetLocalGateway, types("aws_ec2_local_gateway")},
	{"core_network_arn", model.TargetCoreNetwork, types("aws_networkmanager_core_network")},
}

// routeFields abstracts over an inline route block and an aws_route resource.
type routeFields struct {
	values object // the block, or the resource's attributes
	link   func(field string, want typeSet) (string, bool)
	// configured tells whether the configuration sets a field: old provider
	// versions mark every target argument unknown, and only the configured
	// one is the route's target.
	configured func(field string) bool
	dest       [3]string // IPv4, IPv6 and prefix list destination fields
}

// value returns a known value of a route field and whether it is unknown.
func (f routeFields) value(field string) (string, bool) {
	return f.values.str(field), unknownFlag(f.values.u[field])
}

func (t *translator) makeRoute(f routeFields) model.Route {
	route := model.Route{}
	destUnknown := false
	for i, field := range f.dest {
		var v string
		var unknown bool
		switch i {
		case 0:
			v, unknown = f.values.cidr(field, ipv4Only)
		case 1:
			v, unknown = f.values.cidr(field, ipv6Only)
		default:
			v, unknown = f.value(field)
		}
		if v != "" {
			route.Destination = v
			break
		}
		destUnknown = destUnknown || (unknown && f.configured(field))
	}
	if route.Destination == "" && destUnknown {
		route.Unknown = append(route.Unknown, "destination")
	}
	var pending, computed *routeTarget
	for i := range routeTargets {
		rt := &routeTargets[i]
		v, unknown := f.value(rt.field)
		if v != "" {
			if rt.field == "gateway_id" && v == "local" {
				route.TargetKind = model.TargetLocal
				return route
			}
			target, _ := f.link(rt.field, rt.want)
			route.Target = target
			route.TargetKind = t.targetKind(*rt, target)
			if route.TargetKind == "" {
				route.Unknown = append(route.Unknown, "target_kind")
			}
			return route
		}
		switch {
		case unknown && f.configured(rt.field) && pending == nil:
			pending = rt
		case unknown && computed == nil:
			computed = rt
		}
	}
	if pending == nil {
		pending = computed
	}
	if pending == nil {
		return route
	}
	target, _ := f.link(pending.field, pending.want)
	route.Target = target
	if target == "" {
		route.Unknown = append(route.Unknown, "target")
	}
	route.TargetKind = t.targetKind(*pending, target)
	if route.TargetKind == "" {
		route.Unknown = append(route.Unknown, "target_kind")
	}
	return route
}

// targetKind names the kind of a route target. gateway_id holds internet and
// virtual private gateways alike; the resolved element or the id prefix tells.
func (t *translator) targetKind(rt routeTarget, target string) string {
	typ := t.types[target]
	if rt.field == "network_interface_id" && typ == "aws_instance" {
		return model.TargetInstance
	}
	if rt.kind != "" {
		return rt.kind
	}
	switch {
	case typ == "aws_internet_gateway" || strings.HasPrefix(target, "igw-"):
		return model.TargetInternetGateway
	case typ == "aws_vpn_gateway" || strings.HasPrefix(target, "vgw-"):
		return model.TargetVPNGateway
	}
	return ""
}

var inlineRouteDest = [3]string{"cidr_block", "ipv6_cidr_block", "destination_prefix_list_id"}

func (t *translator) inlineRoute(r *resource, attr string, blocks []map[string]any, unknowns []map[string]any, i int) model.Route {
	return t.makeRoute(routeFields{
		values:     r.elem(attr, blocks, unknowns, i),
		dest:       inlineRouteDest,
		configured: func(string) bool { return true },
		link: func(field string, want typeSet) (string, bool) {
			ids, unknown := t.blockLink(r, attr, blocks, unknowns, i, field, want, false, inlineRouteDest[:])
			if len(ids) == 1 {
				return ids[0], false
			}
			return "", unknown || len(ids) > 1
		},
	})
}

// applyRoute adds an aws_route to its route table. A route whose table is not
// in the model has nowhere to go: the table belongs to another root. A route
// whose table is one of several in the model, which one not known (or any of
// them, when the link cannot be followed at all), makes the routes of each of
// them unknown: the route may be the one a rule finds missing.
func (t *translator) applyRoute(r *resource) {
	rtID, cands := t.parentOrAny(r, "route_table_id", rtTypes)
	rt := t.net.RouteTables[rtID]
	route := t.makeRoute(routeFields{
		values:     r.attrs(),
		dest:       [3]string{"destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"},
		configured: func(field string) bool { return r.cfg == nil || r.expr(field) != nil },
		link: func(field string, want typeSet) (string, bool) {
			return t.link(r, field, want)
		},
	})
	if rt == nil {
		t.markRouteTables(cands, "routes")
		return
	}
	route.Address = r.addr
	// A refreshed table (state, or an existing table in a plan) also lists the
	// routes of aws_route resources inline: the resource's entry replaces it.
	for i, existing := range rt.Routes {
		if existing.Address == "" && existing.Destination != "" && existing.Destination == route.Destination {
			rt.Routes[i] = route
			return
		}
	}
	rt.Routes = append(rt.Routes, route)
}

func (t *translator) applyRouteTableAssociation(r *resource) {
	if r.str("subnet_id") == "" && !r.unknownIn("subnet_id") {
		return // an edge association (gateway_id) routes ingress, not a subnet
	}
	rtID, cands := t.parentOrAny(r, "route_table_id", rtTypes)
	rt := t.net.RouteTables[rtID]
	if rt == nil {
		t.markRouteTables(cands, "subnets")
		return
	}
	subnet, _ := t.link(r, "subnet_id", subnetTypes)
	if subnet == "" {
		rt.MarkUnknown("subnets")
		return
	}
	rt.Subnets = append(rt.Subnets, subnet)
}

// markRouteTables marks field unknown on the route tables a child resource may
// belong to.
func (t *translator) markRouteTables(ids []string, field string) {
	for _, id := range ids {
		if rt := t.net.RouteTables[id]; rt != nil {
			rt.MarkUnknown(field)
		}
	}
}

func (t *translator) applyMainRouteTableAssociation(r *resource) {
	rtID, _ := t.link(r, "route_table_id", rtTypes)
	if rt := t.net.RouteTables[rtID]; rt != nil {
		rt.Main = true
	}
}

func (t *translator) applyCIDRAssociation(r *resource) {
	attr, field, spec := "cidr_block", "cidrs", ipv4Only|required
	if r.a.typ == "aws_vpc_ipv6_cidr_block_association" {
		attr, field, spec = "ipv6_cidr_block", "ipv6_cidrs", ipv6Only|required
	}
	c, unknown := r.cidr(attr, spec)
	vpcID, cands := t.parentOrAny(r, "vpc_id", vpcTypes)
	v := t.net.VPCs[vpcID]
	switch {
	case v == nil:
		// The block joins one of several VPCs, which one is not known: the
		// ranges of each are not known.
		for _, id := range cands {
			if v := t.net.VPCs[id]; v != nil {
				v.MarkUnknown(field)
			}
		}
	case c != "" && field == "cidrs":
		v.CIDRs = appendUnique(v.CIDRs, c)
	case c != "":
		v.IPv6CIDRs = appendUnique(v.IPv6CIDRs, c)
	case unknown:
		v.MarkUnknown(field)
	}
}
