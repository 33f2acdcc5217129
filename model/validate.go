package model

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// Validate checks the address ranges of a network that did not come from a
// loader that already checked them (a snapshot file): every rule and built-in
// relies on them parsing. Prefix-list destinations (pl-...) are not CIDRs.
func (n *Network) Validate() error {
	var errs []string
	for _, k := range n.Kinds() {
		k.each(func(id string, _ Element, isNil bool) {
			if isNil {
				errs = append(errs, fmt.Sprintf("%s[%q] is null", k.Name, id))
			}
		})
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%s", errs[0])
	}
	check := func(id, field, cidr string) {
		if cidr == "" || strings.HasPrefix(cidr, "pl-") {
			return
		}
		if _, err := netip.ParsePrefix(cidr); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %s %q is not a valid CIDR", id, field, cidr))
		}
	}
	for id, v := range n.VPCs {
		for _, c := range v.CIDRs {
			check(id, "cidrs", c)
		}
		for _, c := range v.IPv6CIDRs {
			check(id, "ipv6_cidrs", c)
		}
	}
	for id, s := range n.Subnets {
		check(id, "cidr", s.CIDR)
		check(id, "ipv6_cidr", s.IPv6CIDR)
	}
	for id, rt := range n.RouteTables {
		for _, r := range rt.Routes {
			check(id, "routes.destination", r.Destination)
		}
	}
	for id, rt := range n.TGWRouteTables {
		for _, r := range rt.Routes {
			check(id, "routes.destination", r.Destination)
		}
	}
	for id, c := range n.VPNConnections {
		for _, r := range c.StaticRoutes {
			check(id, "static_routes", r)
		}
	}
	for id, p := range n.Peerings {
		for _, c := range append(append([]string{}, p.RequesterCIDRs...), p.AccepterCIDRs...) {
			check(id, "peer cidrs", c)
		}
	}
	for id, c := range n.ClientVPNEndpoints {
		check(id, "client_cidr", c.ClientCIDR)
	}
	for id, s := range n.Sites {
		for _, c := range s.CIDRs {
			check(id, "cidrs", c)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	sort.Strings(errs)
	if len(errs) > 1 {
		return fmt.Errorf("%s (and %d more)", errs[0], len(errs)-1)
	}
	return fmt.Errorf("%s", errs[0])
}
