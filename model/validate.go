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
		k.each(func(id string, e Element, isNil bool) {
			switch {
			case isNil:
				errs = append(errs, fmt.Sprintf("%s[%q] is null", k.Name, id))
			case e.Base().ID != id:
				// Links name elements by their key: an element filed under
				// another key is not the one its links reach.
				errs = append(errs, fmt.Sprintf("%s[%q]: id is %q, want the key it is filed under", k.Name, id, e.Base().ID))
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
	// checkFamily also holds a range to the family its field is for: rules
	// compare IPv4 ranges with IPv4 ranges only.
	checkFamily := func(id, field, cidr string, v6 bool) {
		if cidr == "" {
			return
		}
		p, err := netip.ParsePrefix(cidr)
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("%s: %s %q is not a valid CIDR", id, field, cidr))
		case p.Addr().Is6() != v6:
			want := "IPv4"
			if v6 {
				want = "IPv6"
			}
			errs = append(errs, fmt.Sprintf("%s: %s %q is not an %s range", id, field, cidr, want))
		}
	}
	for id, v := range n.VPCs {
		for _, c := range v.CIDRs {
			checkFamily(id, "cidrs", c, false)
		}
		for _, c := range v.IPv6CIDRs {
			checkFamily(id, "ipv6_cidrs", c, true)
		}
	}
	for id, s := range n.Subnets {
		checkFamily(id, "cidr", s.CIDR, false)
		checkFamily(id, "ipv6_cidr", s.IPv6CIDR, true)
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
