// Copied from the team's benchmark kit (shared/bench/genplan) so benchmarks run on a
// clean clone; keep the output byte-identical to it (see the digest test).
// Package genplan writes a synthetic, deterministic Terraform plan in the JSON
// representation printed by `terraform show -json <planfile>` (format_version
// "1.2", as written by Terraform 1.9.x) for an AWS network of N VPCs.
//
// The plan is a create-only plan against an empty state, so:
//   - every resource_changes entry has change.actions ["create"], before null,
//     before_sensitive false, and the computed attributes (id, arn, ...) are
//     absent from change.after and listed as true in change.after_unknown;
//   - planned_values.root_module.resources[*].values equals change.after;
//   - attributes that point at other resources (vpc_id, transit_gateway_id,
//     peer_vpc_id, ...) are unknown at plan time, so the topology can only be
//     recovered from configuration.root_module.resources[*].expressions, where
//     Terraform records {"references": ["aws_vpc.x.id", "aws_vpc.x"]}.
//
// Resources per VPC: aws_vpc, 3 x aws_subnet, aws_route_table (inline routes),
// 3 x aws_route_table_association, aws_ec2_transit_gateway_vpc_attachment.
// Shared: one aws_ec2_transit_gateway per -tgw-size VPCs, round(N*-peer-ratio)
// aws_vpc_peering_connection, and one VPN site per -vpn-every VPCs
// (aws_customer_gateway, aws_vpn_gateway attached to the site's hub VPC,
// aws_vpn_connection with static_routes_only and tunnel inside CIDRs, and one or
// two aws_vpn_connection_route carrying the on-premises ranges).
//
// CIDRs are packed without overlap from 10.0.0.0/8, 172.16.0.0/12,
// 100.64.0.0/10 and 192.168.0.0/16; then round(N*-overlap) VPCs are
// deliberately given a CIDR that duplicates, sits inside, or contains the CIDR
// of another VPC. Only VPC CIDRs are made to overlap; on-premises ranges never do.
//
// Standard library only. Same flags => byte-identical output.
package genplan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/netip"
	"os"
	"sort"
	"strings"
)

const (
	providerName = "registry.terraform.io/hashicorp/aws"
	region       = "us-east-1"
	minVPCBits   = 16 // AWS: VPC netmask between /16 and /28
	maxVPCBits   = 26 // we cut 3 subnets of bits+2, and subnets must be >= /28
)

var azs = []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}

// Address pools, in allocation order.
var pools = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// Prefix-length mix for "real-looking" VPCs before scaling: mostly /20-/24,
// a few big /16-/18 ones.
var baseBits = []struct {
	bits   int
	weight int
}{{16, 1}, {18, 4}, {20, 20}, {22, 40}, {24, 35}}

type config struct {
	n          int
	overlap    float64
	seed       uint64
	out        string
	tgwSize    int
	peerRatio  float64
	vpnEvery   int
	pretty     bool
	cidrReport string
}

type peering struct{ a, b int }

type site struct {
	hub    int            // VPC index that hosts the VGW
	onprem []netip.Prefix // on-premises ranges behind the VPN
}

type topology struct {
	cfg       config
	width     int // digits in VPC names
	vpcCIDR   []netip.Prefix
	overlaps  []int // indices of VPCs deliberately overlapping another
	nTGW      int
	peerings  []peering
	peersOf   [][]int // VPC -> peering indices
	sites     []site
	siteOfHub map[int]int
}

// Config is the generator's knobs (the genplan flags).
type Config struct {
	N         int
	Overlap   float64
	Seed      uint64
	TGWSize   int
	PeerRatio float64
	VPNEvery  int
	Pretty    bool
}

// Defaults are genplan's default flags for n VPCs.
func Defaults(n int) Config {
	return Config{N: n, Overlap: 0.01, Seed: 1, TGWSize: 50, PeerRatio: 0.1, VPNEvery: 50}
}

// Generate writes the plan for c to w.
func Generate(w io.Writer, c Config) error {
	if c.N < 1 || c.TGWSize < 1 || c.VPNEvery < 1 || c.Overlap < 0 || c.Overlap > 1 || c.PeerRatio < 0 {
		return fmt.Errorf("genplan: bad config %+v", c)
	}
	t, err := build(config{n: c.N, overlap: c.Overlap, seed: c.Seed, tgwSize: c.TGWSize,
		peerRatio: c.PeerRatio, vpnEvery: c.VPNEvery, pretty: c.Pretty})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := t.write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteCIDRs writes "address<TAB>cidr" of every VPC of the plan c describes.
func WriteCIDRs(path string, c Config) error {
	t, err := build(config{n: c.N, overlap: c.Overlap, seed: c.Seed, tgwSize: c.TGWSize,
		peerRatio: c.PeerRatio, vpnEvery: c.VPNEvery, pretty: c.Pretty})
	if err != nil {
		return err
	}
	return t.writeCIDRs(path)
}

// ---------------------------------------------------------------- topology

func build(c config) (*topology, error) {
	rng := rand.New(rand.NewPCG(c.seed, c.seed^0x9e3779b97f4a7c15))
	t := &topology{cfg: c, width: len(fmt.Sprint(c.n - 1)), siteOfHub: map[int]int{}}
	if t.width < 4 {
		t.width = 4
	}
	t.nTGW = (c.n + c.tgwSize - 1) / c.tgwSize
	nSites := (c.n + c.vpnEvery - 1) / c.vpnEvery

	// Networks to place: N VPCs, then each site's 1 or 2 on-prem ranges.
	type block struct {
		base int
		key  uint64
		bits int
		pfx  netip.Prefix
	}
	sitesRanges := make([]int, nSites)
	total := c.n
	for s := range sitesRanges {
		sitesRanges[s] = 1 + rng.IntN(2)
		total += sitesRanges[s]
	}
	blocks := make([]block, total)
	wsum := 0
	for _, b := range baseBits {
		wsum += b.weight
	}
	for i := range blocks {
		r := rng.IntN(wsum)
		for _, b := range baseBits {
			if r < b.weight {
				blocks[i].base = b.bits
				break
			}
			r -= b.weight
		}
		blocks[i].key = rng.Uint64()
	}
	// Shrink every block by the same number of bits until all fit comfortably.
	var capacity float64
	for _, p := range pools {
		capacity += math.Ldexp(1, 32-p.Bits())
	}
	shift := 0
	for ; ; shift++ {
		var need float64
		for i := range blocks {
			need += math.Ldexp(1, 32-min(blocks[i].base+shift, maxVPCBits))
		}
		if need <= 0.95*capacity {
			break
		}
		if blocks[0].base+shift > maxVPCBits+8 {
			return nil, fmt.Errorf("n=%d does not fit in the address pools", c.n)
		}
	}
	for i := range blocks {
		blocks[i].bits = min(blocks[i].base+shift, maxVPCBits)
	}
	// Pack largest first (no alignment waste), random order within a size.
	order := make([]int, len(blocks))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool {
		a, b := &blocks[order[x]], &blocks[order[y]]
		if a.bits != b.bits {
			return a.bits < b.bits
		}
		return a.key < b.key
	})
	pool, cursor := 0, addr32(pools[0].Addr())
	for _, i := range order {
		size := uint64(1) << (32 - blocks[i].bits)
		for {
			end := uint64(addr32(pools[pool].Addr())) + (uint64(1) << (32 - pools[pool].Bits()))
			if uint64(cursor)+size <= end {
				break
			}
			pool++
			if pool == len(pools) {
				return nil, fmt.Errorf("address pools exhausted")
			}
			cursor = addr32(pools[pool].Addr())
		}
		blocks[i].pfx = netip.PrefixFrom(fromAddr32(cursor), blocks[i].bits)
		cursor += uint32(size)
	}
	t.vpcCIDR = make([]netip.Prefix, c.n)
	for i := 0; i < c.n; i++ {
		t.vpcCIDR[i] = blocks[i].pfx
	}
	k := c.n
	t.sites = make([]site, nSites)
	for s := range t.sites {
		hub := s * c.vpnEvery
		t.sites[s].hub = hub
		t.siteOfHub[hub] = s
		for r := 0; r < sitesRanges[s]; r++ {
			t.sites[s].onprem = append(t.sites[s].onprem, blocks[k].pfx)
			k++
		}
	}

	// Deliberate overlaps.
	nOver := int(math.Round(c.overlap * float64(c.n)))
	if c.n < 2 {
		nOver = 0
	}
	nOver = min(nOver, c.n/2)
	perm := rng.Perm(c.n)
	victims := perm[:nOver]
	targets := perm[nOver:]
	for _, v := range victims {
		tgt := t.vpcCIDR[targets[rng.IntN(len(targets))]]
		var p netip.Prefix
		switch r := rng.IntN(10); {
		case r < 4: // exact duplicate
			p = tgt
		case r < 8: // a smaller block inside the target
			bits := min(tgt.Bits()+1+rng.IntN(4), maxVPCBits)
			sub := uint32(rng.Uint64()) & hostMask(tgt.Bits()) &^ hostMask(bits)
			p = netip.PrefixFrom(fromAddr32(addr32(tgt.Addr())|sub), bits)
		default: // a bigger block that contains the target (and maybe neighbours)
			bits := max(tgt.Bits()-1-rng.IntN(2), minVPCBits)
			p, _ = tgt.Addr().Prefix(bits)
		}
		t.vpcCIDR[v] = p
	}
	t.overlaps = append([]int(nil), victims...)
	sort.Ints(t.overlaps)

	// Peerings between distinct random pairs.
	nPeer := int(math.Round(c.peerRatio * float64(c.n)))
	if c.n < 2 {
		nPeer = 0
	}
	seen := map[peering]bool{}
	t.peersOf = make([][]int, c.n)
	for tries := 0; len(t.peerings) < nPeer && tries < 10*nPeer+100; tries++ {
		a, b := rng.IntN(c.n), rng.IntN(c.n)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		if seen[peering{a, b}] {
			continue
		}
		seen[peering{a, b}] = true
		t.peersOf[a] = append(t.peersOf[a], len(t.peerings))
		t.peersOf[b] = append(t.peersOf[b], len(t.peerings))
		t.peerings = append(t.peerings, peering{a, b})
	}
	return t, nil
}

func addr32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func fromAddr32(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func hostMask(bits int) uint32 {
	if bits >= 32 {
		return 0
	}
	return ^uint32(0) >> bits
}

// subnet returns the k-th of the 4 blocks of p.Bits()+2 inside p.
func subnet(p netip.Prefix, k int) netip.Prefix {
	bits := p.Bits() + 2
	base := addr32(p.Masked().Addr())
	return netip.PrefixFrom(fromAddr32(base+uint32(k)<<(32-bits)), bits)
}

// ---------------------------------------------------------------- names

func (t *topology) vpcName(i int) string  { return fmt.Sprintf("vpc_%0*d", t.width, i) }
func (t *topology) tgwName(g int) string  { return fmt.Sprintf("tgw_%03d", g) }
func (t *topology) pcxName(p int) string  { return fmt.Sprintf("pcx_%0*d", t.width, p) }
func (t *topology) siteName(s int) string { return fmt.Sprintf("site_%03d", s) }
func subnetSuffix(k int) string           { return string(rune('a' + k)) }
func ref(typ, name, attr string) []string {
	return []string{typ + "." + name + "." + attr, typ + "." + name}
}
func refs(typ, name, attr string) obj     { return obj{"references": ref(typ, name, attr)} }
func constant(v any) obj                  { return obj{"constant_value": v} }
func (t *topology) vpcAZ(i, k int) string { return azs[(i+2*k)%len(azs)] }
func (t *topology) tgwOf(i int) int       { return i / t.cfg.tgwSize }
func (t *topology) env(i int) string      { return []string{"prod", "staging", "dev", "shared"}[i%4] }
func (t *topology) team(i int) string     { return fmt.Sprintf("team-%02d", i%37) }
func (t *topology) resourceCount() int {
	n := t.cfg.n
	count := n * (1 + 3 + 1 + 3 + 1)
	count += t.nTGW + len(t.peerings)
	for _, s := range t.sites {
		count += 3 + len(s.onprem)
	}
	return count
}

type obj = map[string]any

func tags(name string, extra ...string) (obj, obj) {
	tg := obj{"Name": name}
	for i := 0; i+1 < len(extra); i += 2 {
		tg[extra[i]] = extra[i+1]
	}
	all := obj{"ManagedBy": "terraform", "Project": "netlint-bench"}
	for k, v := range tg {
		all[k] = v
	}
	return tg, all
}

// ---------------------------------------------------------------- resources

// res is one resource instance (none of them use count/for_each, so the
// instance address equals the configuration address).
type res struct {
	typ, name string
	after     obj // known planned values (unknown ones omitted)
	unknown   obj // after_unknown
	sensitive obj // after_sensitive / sensitive_values
	exprs     obj // configuration expressions
	schema    int
}

func (r *res) address() string { return r.typ + "." + r.name }

// each calls fn for every resource instance, sorted by address as Terraform
// sorts them. It draws no random numbers, so every pass yields the same data.
func (t *topology) each(fn func(*res) error) error {
	n := t.cfg.n
	// aws_customer_gateway
	for s := range t.sites {
		name := t.siteName(s)
		tg, all := tags("cgw-"+name, "Site", name)
		ip := siteIP(s)
		asn := fmt.Sprint(65000 + s%500)
		if err := fn(&res{typ: "aws_customer_gateway", name: name,
			after: obj{"bgp_asn": asn, "bgp_asn_extended": nil, "certificate_arn": nil, "device_name": nil,
				"ip_address": ip, "tags": tg, "tags_all": all, "type": "ipsec.1"},
			unknown:   obj{"arn": true, "id": true, "tags": obj{}, "tags_all": obj{}},
			sensitive: obj{"tags": obj{}, "tags_all": obj{}},
			exprs: obj{"bgp_asn": constant(asn), "ip_address": constant(ip), "tags": constant(tg),
				"type": constant("ipsec.1")},
		}); err != nil {
			return err
		}
	}
	// aws_ec2_transit_gateway
	for g := 0; g < t.nTGW; g++ {
		name := t.tgwName(g)
		tg, all := tags(name)
		desc := fmt.Sprintf("hub for VPCs %d-%d", g*t.cfg.tgwSize, min((g+1)*t.cfg.tgwSize, n)-1)
		if err := fn(&res{typ: "aws_ec2_transit_gateway", name: name,
			after: obj{"amazon_side_asn": 64512 + g, "auto_accept_shared_attachments": "disable",
				"default_route_table_association": "enable", "default_route_table_propagation": "enable",
				"description": desc, "dns_support": "enable", "multicast_support": "disable",
				"security_group_referencing_support": "disable", "tags": tg, "tags_all": all,
				"timeouts": nil, "transit_gateway_cidr_blocks": nil, "vpn_ecmp_support": "enable"},
			unknown: obj{"arn": true, "association_default_route_table_id": true, "id": true, "owner_id": true,
				"propagation_default_route_table_id": true, "tags": obj{}, "tags_all": obj{}},
			sensitive: obj{"tags": obj{}, "tags_all": obj{}},
			exprs: obj{"amazon_side_asn": constant(64512 + g), "description": constant(desc),
				"tags": constant(tg)},
		}); err != nil {
			return err
		}
	}
	// aws_ec2_transit_gateway_vpc_attachment
	for i := 0; i < n; i++ {
		v := t.vpcName(i)
		tg, all := tags("tgw-attach-" + v)
		subRefs := []string{}
		for k := 0; k < 3; k++ {
			subRefs = append(subRefs, ref("aws_subnet", v+"_"+subnetSuffix(k), "id")...)
		}
		if err := fn(&res{typ: "aws_ec2_transit_gateway_vpc_attachment", name: v,
			after: obj{"appliance_mode_support": "disable", "dns_support": "enable", "ipv6_support": "disable",
				"tags": tg, "tags_all": all, "timeouts": nil,
				"transit_gateway_default_route_table_association": true,
				"transit_gateway_default_route_table_propagation": true},
			unknown: obj{"id": true, "security_group_referencing_support": true, "subnet_ids": true,
				"tags": obj{}, "tags_all": obj{}, "transit_gateway_id": true, "vpc_id": true, "vpc_owner_id": true},
			sensitive: obj{"tags": obj{}, "tags_all": obj{}},
			exprs: obj{"subnet_ids": obj{"references": subRefs},
				"tags":               constant(tg),
				"transit_gateway_id": refs("aws_ec2_transit_gateway", t.tgwName(t.tgwOf(i)), "id"),
				"vpc_id":             refs("aws_vpc", v, "id")},
		}); err != nil {
			return err
		}
	}
	// aws_route_table (inline routes)
	for i := 0; i < n; i++ {
		v := t.vpcName(i)
		tg, all := tags("rt-"+v, "Environment", t.env(i))
		var routes, routesUnknown, routesSens, routeExprs []any
		add := func(cidr string, targetAttr, targetType, targetName string) {
			r := obj{"carrier_gateway_id": "", "cidr_block": cidr, "core_network_arn": "",
				"destination_prefix_list_id": "", "egress_only_gateway_id": "", "gateway_id": "",
				"ipv6_cidr_block": "", "local_gateway_id": "", "nat_gateway_id": "",
				"network_interface_id": "", "transit_gateway_id": "", "vpc_endpoint_id": "",
				"vpc_peering_connection_id": ""}
			delete(r, targetAttr) // unknown until apply: omitted from "after"
			routes = append(routes, r)
			routesUnknown = append(routesUnknown, obj{targetAttr: true})
			routesSens = append(routesSens, obj{})
			routeExprs = append(routeExprs, obj{"cidr_block": constant(cidr),
				targetAttr: refs(targetType, targetName, "id")})
		}
		tgw := t.tgwName(t.tgwOf(i))
		add("10.0.0.0/8", "transit_gateway_id", "aws_ec2_transit_gateway", tgw)
		add("172.16.0.0/12", "transit_gateway_id", "aws_ec2_transit_gateway", tgw)
		for _, p := range t.peersOf[i] {
			other := t.peerings[p].a
			if other == i {
				other = t.peerings[p].b
			}
			add(t.vpcCIDR[other].String(), "vpc_peering_connection_id", "aws_vpc_peering_connection", t.pcxName(p))
		}
		if s, ok := t.siteOfHub[i]; ok {
			for _, op := range t.sites[s].onprem {
				add(op.String(), "gateway_id", "aws_vpn_gateway", t.siteName(s))
			}
		}
		if err := fn(&res{typ: "aws_route_table", name: v,
			after: obj{"route": routes, "tags": tg, "tags_all": all, "timeouts": nil},
			unknown: obj{"arn": true, "id": true, "owner_id": true, "propagating_vgws": true,
				"route": routesUnknown, "tags": obj{}, "tags_all": obj{}, "vpc_id": true},
			sensitive: obj{"route": routesSens, "tags": obj{}, "tags_all": obj{}},
			exprs: obj{"route": routeExprs, "tags": constant(tg),
				"vpc_id": refs("aws_vpc", v, "id")},
		}); err != nil {
			return err
		}
	}
	// aws_route_table_association
	for i := 0; i < n; i++ {
		v := t.vpcName(i)
		for k := 0; k < 3; k++ {
			sn := v + "_" + subnetSuffix(k)
			if err := fn(&res{typ: "aws_route_table_association", name: sn,
				after:     obj{"gateway_id": nil, "timeouts": nil},
				unknown:   obj{"id": true, "route_table_id": true, "subnet_id": true},
				sensitive: obj{},
				exprs: obj{"route_table_id": refs("aws_route_table", v, "id"),
					"subnet_id": refs("aws_subnet", sn, "id")},
			}); err != nil {
				return err
			}
		}
	}
	// aws_subnet
	for i := 0; i < n; i++ {
		v := t.vpcName(i)
		for k := 0; k < 3; k++ {
			sn := v + "_" + subnetSuffix(k)
			tier := []string{"private", "private", "intra"}[k]
			tg, all := tags(sn, "Tier", tier, "Environment", t.env(i))
			cidr := subnet(t.vpcCIDR[i], k).String()
			az := t.vpcAZ(i, k)
			if err := fn(&res{typ: "aws_subnet", name: sn,
				after: obj{"assign_ipv6_address_on_creation": false, "availability_zone": az,
					"cidr_block": cidr, "customer_owned_ipv4_pool": nil, "enable_dns64": false,
					"enable_lni_at_device_index": nil, "enable_resource_name_dns_a_record_on_launch": false,
					"enable_resource_name_dns_aaaa_record_on_launch": false, "ipv6_cidr_block": nil,
					"ipv6_native": false, "map_customer_owned_ip_on_launch": nil,
					"map_public_ip_on_launch": false, "outpost_arn": nil, "tags": tg, "tags_all": all,
					"timeouts": nil},
				unknown: obj{"arn": true, "availability_zone_id": true, "id": true,
					"ipv6_cidr_block_association_id": true, "owner_id": true,
					"private_dns_hostname_type_on_launch": true, "tags": obj{}, "tags_all": obj{}, "vpc_id": true},
				sensitive: obj{"tags": obj{}, "tags_all": obj{}},
				schema:    1,
				exprs: obj{"availability_zone": constant(az),
					// cidrsubnet(aws_vpc.X.cidr_block, 2, k): known at plan time,
					// but the configuration only shows the reference.
					"cidr_block": refs("aws_vpc", v, "cidr_block"),
					"tags":       constant(tg),
					"vpc_id":     refs("aws_vpc", v, "id")},
			}); err != nil {
				return err
			}
		}
	}
	// aws_vpc
	for i := 0; i < n; i++ {
		v := t.vpcName(i)
		cidr := t.vpcCIDR[i].String()
		tg, all := tags(v, "Environment", t.env(i), "Team", t.team(i))
		if err := fn(&res{typ: "aws_vpc", name: v,
			after: obj{"assign_generated_ipv6_cidr_block": nil, "cidr_block": cidr,
				"enable_dns_hostnames": true, "enable_dns_support": true, "instance_tenancy": "default",
				"ipv4_ipam_pool_id": nil, "ipv4_netmask_length": nil, "ipv6_ipam_pool_id": nil,
				"ipv6_netmask_length": nil, "tags": tg, "tags_all": all},
			unknown: obj{"arn": true, "default_network_acl_id": true, "default_route_table_id": true,
				"default_security_group_id": true, "dhcp_options_id": true,
				"enable_network_address_usage_metrics": true, "id": true, "ipv6_association_id": true,
				"ipv6_cidr_block": true, "ipv6_cidr_block_network_border_group": true,
				"main_route_table_id": true, "owner_id": true, "tags": obj{}, "tags_all": obj{}},
			sensitive: obj{"tags": obj{}, "tags_all": obj{}},
			schema:    1,
			exprs: obj{"cidr_block": constant(cidr), "enable_dns_hostnames": constant(true),
				"enable_dns_support": constant(true), "tags": constant(tg)},
		}); err != nil {
			return err
		}
	}
	// aws_vpc_peering_connection
	for p, pr := range t.peerings {
		name := t.pcxName(p)
		tg, all := tags(fmt.Sprintf("%s-to-%s", t.vpcName(pr.a), t.vpcName(pr.b)))
		if err := fn(&res{typ: "aws_vpc_peering_connection", name: name,
			after: obj{"auto_accept": true, "tags": tg, "tags_all": all, "timeouts": nil},
			unknown: obj{"accept_status": true, "accepter": true, "id": true, "peer_owner_id": true,
				"peer_region": true, "peer_vpc_id": true, "requester": true, "tags": obj{}, "tags_all": obj{},
				"vpc_id": true},
			sensitive: obj{"tags": obj{}, "tags_all": obj{}},
			exprs: obj{"auto_accept": constant(true),
				"peer_vpc_id": refs("aws_vpc", t.vpcName(pr.b), "id"),
				"tags":        constant(tg),
				"vpc_id":      refs("aws_vpc", t.vpcName(pr.a), "id")},
		}); err != nil {
			return err
		}
	}
	// aws_vpn_connection
	for s, st := range t.sites {
		name := t.siteName(s)
		tg, all := tags("vpn-"+name, "Site", name)
		in1, in2 := tunnelCIDR(s, 0), tunnelCIDR(s, 1)
		local := st.onprem[0].String()
		remote := t.vpcCIDR[st.hub].String()
		if err := fn(&res{typ: "aws_vpn_connection", name: name,
			after: obj{"enable_acceleration": nil, "local_ipv4_network_cidr": local,
				"local_ipv6_network_cidr": nil, "outside_ip_address_type": "PublicIpv4",
				"remote_ipv4_network_cidr": remote, "remote_ipv6_network_cidr": nil,
				"static_routes_only": true, "tags": tg, "tags_all": all,
				"transit_gateway_id": nil, "transport_transit_gateway_attachment_id": nil,
				"tunnel1_dpd_timeout_action": nil, "tunnel1_dpd_timeout_seconds": nil,
				"tunnel1_enable_tunnel_lifecycle_control": nil, "tunnel1_ike_versions": nil,
				"tunnel1_inside_cidr": in1, "tunnel1_inside_ipv6_cidr": nil,
				"tunnel1_log_options": []any{}, "tunnel1_phase1_dh_group_numbers": nil,
				"tunnel1_phase1_encryption_algorithms": nil, "tunnel1_phase1_integrity_algorithms": nil,
				"tunnel1_phase1_lifetime_seconds": nil, "tunnel1_phase2_dh_group_numbers": nil,
				"tunnel1_phase2_encryption_algorithms": nil, "tunnel1_phase2_integrity_algorithms": nil,
				"tunnel1_phase2_lifetime_seconds": nil, "tunnel1_rekey_fuzz_percentage": nil,
				"tunnel1_rekey_margin_time_seconds": nil, "tunnel1_replay_window_size": nil,
				"tunnel1_startup_action":     nil,
				"tunnel2_dpd_timeout_action": nil, "tunnel2_dpd_timeout_seconds": nil,
				"tunnel2_enable_tunnel_lifecycle_control": nil, "tunnel2_ike_versions": nil,
				"tunnel2_inside_cidr": in2, "tunnel2_inside_ipv6_cidr": nil,
				"tunnel2_log_options": []any{}, "tunnel2_phase1_dh_group_numbers": nil,
				"tunnel2_phase1_encryption_algorithms": nil, "tunnel2_phase1_integrity_algorithms": nil,
				"tunnel2_phase1_lifetime_seconds": nil, "tunnel2_phase2_dh_group_numbers": nil,
				"tunnel2_phase2_encryption_algorithms": nil, "tunnel2_phase2_integrity_algorithms": nil,
				"tunnel2_phase2_lifetime_seconds": nil, "tunnel2_rekey_fuzz_percentage": nil,
				"tunnel2_rekey_margin_time_seconds": nil, "tunnel2_replay_window_size": nil,
				"tunnel2_startup_action": nil, "tunnel_inside_ip_version": "ipv4", "type": "ipsec.1"},
			unknown: obj{"arn": true, "core_network_arn": true, "core_network_attachment_arn": true,
				"customer_gateway_configuration": true, "customer_gateway_id": true, "id": true,
				"routes": true, "tags": obj{}, "tags_all": obj{}, "transit_gateway_attachment_id": true,
				"tunnel1_address": true, "tunnel1_bgp_asn": true, "tunnel1_bgp_holdtime": true,
				"tunnel1_cgw_inside_address": true, "tunnel1_log_options": []any{},
				"tunnel1_preshared_key": true, "tunnel1_vgw_inside_address": true,
				"tunnel2_address": true, "tunnel2_bgp_asn": true, "tunnel2_bgp_holdtime": true,
				"tunnel2_cgw_inside_address": true, "tunnel2_log_options": []any{},
				"tunnel2_preshared_key": true, "tunnel2_vgw_inside_address": true,
				"vgw_telemetry": true, "vpn_gateway_id": true},
			sensitive: obj{"customer_gateway_configuration": true, "tags": obj{}, "tags_all": obj{},
				"tunnel1_log_options": []any{}, "tunnel1_preshared_key": true,
				"tunnel2_log_options": []any{}, "tunnel2_preshared_key": true},
			exprs: obj{"customer_gateway_id": refs("aws_customer_gateway", name, "id"),
				"local_ipv4_network_cidr":  constant(local),
				"remote_ipv4_network_cidr": refs("aws_vpc", t.vpcName(st.hub), "cidr_block"),
				"static_routes_only":       constant(true),
				"tags":                     constant(tg),
				"tunnel1_inside_cidr":      constant(in1),
				"tunnel2_inside_cidr":      constant(in2),
				"type":                     constant("ipsec.1"),
				"vpn_gateway_id":           refs("aws_vpn_gateway", name, "id")},
		}); err != nil {
			return err
		}
	}
	// aws_vpn_connection_route
	for s, st := range t.sites {
		name := t.siteName(s)
		for r, op := range st.onprem {
			if err := fn(&res{typ: "aws_vpn_connection_route", name: fmt.Sprintf("%s_%d", name, r),
				after:     obj{"destination_cidr_block": op.String(), "timeouts": nil},
				unknown:   obj{"id": true, "vpn_connection_id": true},
				sensitive: obj{},
				exprs: obj{"destination_cidr_block": constant(op.String()),
					"vpn_connection_id": refs("aws_vpn_connection", name, "id")},
			}); err != nil {
				return err
			}
		}
	}
	// aws_vpn_gateway
	for s, st := range t.sites {
		name := t.siteName(s)
		tg, all := tags("vgw-"+name, "Site", name)
		if err := fn(&res{typ: "aws_vpn_gateway", name: name,
			after:     obj{"availability_zone": nil, "tags": tg, "tags_all": all},
			unknown:   obj{"amazon_side_asn": true, "arn": true, "id": true, "tags": obj{}, "tags_all": obj{}, "vpc_id": true},
			sensitive: obj{"tags": obj{}, "tags_all": obj{}},
			exprs:     obj{"tags": constant(tg), "vpc_id": refs("aws_vpc", t.vpcName(st.hub), "id")},
		}); err != nil {
			return err
		}
	}
	return nil
}

func siteIP(s int) string {
	// Documentation ranges (TEST-NET-1/2/3), then the benchmarking range.
	nets := []string{"192.0.2", "198.51.100", "203.0.113"}
	if s < 3*254 {
		return fmt.Sprintf("%s.%d", nets[s%3], 1+s/3)
	}
	v := addr32(netip.MustParseAddr("198.18.0.1")) + uint32(s)
	return fromAddr32(v).String()
}

// tunnelCIDR: /30s from 169.254.10.0 upwards (the AWS-reserved /30s in
// 169.254.0.0-169.254.5.255 and 169.254.169.252/30 are never reached below
// ~19000 sites).
func tunnelCIDR(s, tunnel int) string {
	base := addr32(netip.MustParseAddr("169.254.10.0")) + uint32(8*s+4*tunnel)
	return netip.PrefixFrom(fromAddr32(base), 30).String()
}

// ---------------------------------------------------------------- output

type jw struct {
	w     *bufio.Writer
	err   error
	first bool
	ind   bool
}

func (j *jw) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *jw) val(v any) {
	if j.err != nil {
		return
	}
	var b []byte
	if j.ind {
		b, j.err = json.MarshalIndent(v, "", "  ")
	} else {
		b, j.err = json.Marshal(v)
	}
	if j.err == nil {
		_, j.err = j.w.Write(b)
	}
}

// ordered is a JSON object with a fixed key order (Terraform emits its
// top-level and per-resource keys in struct order, not sorted).
type ordered []kv
type kv struct {
	k string
	v any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	sb.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			sb.WriteByte(',')
		}
		kb, _ := json.Marshal(e.k)
		sb.Write(kb)
		sb.WriteByte(':')
		vb, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		sb.Write(vb)
	}
	sb.WriteByte('}')
	return []byte(sb.String()), nil
}

func (t *topology) write(w *bufio.Writer) error {
	j := &jw{w: w, ind: t.cfg.pretty}
	sep := func(first *bool) {
		if !*first {
			j.raw(",")
		}
		*first = false
		if j.ind {
			j.raw("\n")
		}
	}
	j.raw(`{"format_version":"1.2","terraform_version":"1.9.5",`)
	j.raw(`"variables":`)
	j.val(obj{"region": obj{"value": region}, "vpc_count": obj{"value": t.cfg.n}})

	// planned_values
	j.raw(`,"planned_values":{"root_module":{"resources":[`)
	first := true
	if err := t.each(func(r *res) error {
		sep(&first)
		j.val(ordered{{"address", r.address()}, {"mode", "managed"}, {"type", r.typ}, {"name", r.name},
			{"provider_name", providerName}, {"schema_version", r.schema}, {"values", r.after},
			{"sensitive_values", r.sensitive}})
		return j.err
	}); err != nil {
		return err
	}
	j.raw(`]}}`)

	// resource_changes
	j.raw(`,"resource_changes":[`)
	first = true
	if err := t.each(func(r *res) error {
		sep(&first)
		j.val(ordered{{"address", r.address()}, {"mode", "managed"}, {"type", r.typ}, {"name", r.name},
			{"provider_name", providerName},
			{"change", ordered{{"actions", []string{"create"}}, {"before", nil}, {"after", r.after},
				{"after_unknown", r.unknown}, {"before_sensitive", false}, {"after_sensitive", r.sensitive}}}})
		return j.err
	}); err != nil {
		return err
	}
	j.raw(`]`)

	// configuration
	j.raw(`,"configuration":{"provider_config":`)
	j.val(obj{"aws": ordered{{"name", "aws"}, {"full_name", providerName}, {"version_constraint", "~> 5.60"},
		{"expressions", obj{"region": obj{"references": []string{"var.region"}}}}}})
	j.raw(`,"root_module":{"resources":[`)
	first = true
	if err := t.each(func(r *res) error {
		sep(&first)
		j.val(ordered{{"address", r.address()}, {"mode", "managed"}, {"type", r.typ}, {"name", r.name},
			{"provider_config_key", "aws"}, {"expressions", r.exprs}, {"schema_version", r.schema}})
		return j.err
	}); err != nil {
		return err
	}
	j.raw(`],"variables":`)
	j.val(obj{"region": obj{"default": region, "description": "AWS region"},
		"vpc_count": obj{"default": t.cfg.n}})
	j.raw(`}}`)
	j.raw(`,"timestamp":"2024-09-02T10:00:00Z","applyable":true,"complete":true,"errored":false}`)
	j.raw("\n")
	return j.err
}

func (t *topology) writeCIDRs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	for i, p := range t.vpcCIDR {
		fmt.Fprintf(bw, "aws_vpc.%s\t%s\n", t.vpcName(i), p)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}
