package reach

import (
	"math/rand"
	"net/netip"
	"slices"
	"sort"
	"testing"
)

// bruteLookup is the reference for table.lookup: scan every route, keep
// those containing q, the longest prefix, then the lowest rank.
func bruteLookup(routes []route, q netip.Prefix) []route {
	bestBits, bestRank := -1, 0
	var out []route
	for _, r := range routes {
		if r.prefix.Bits() > q.Bits() || !r.prefix.Contains(q.Addr()) {
			continue
		}
		switch {
		case r.prefix.Bits() > bestBits || (r.prefix.Bits() == bestBits && r.rank < bestRank):
			bestBits, bestRank, out = r.prefix.Bits(), r.rank, []route{r}
		case r.prefix.Bits() == bestBits && r.rank == bestRank:
			out = append(out, r)
		}
	}
	return out
}

// bruteOverlapping is the reference for table.overlapping: for every prefix
// that overlaps q, its best-ranked routes.
func bruteOverlapping(routes []route, q netip.Prefix) []route {
	best := map[netip.Prefix]int{}
	for _, r := range routes {
		if !r.prefix.Overlaps(q) {
			continue
		}
		if b, ok := best[r.prefix]; !ok || r.rank < b {
			best[r.prefix] = r.rank
		}
	}
	var out []route
	for _, r := range routes {
		if b, ok := best[r.prefix]; ok && r.rank == b {
			out = append(out, r)
		}
	}
	return out
}

func ids(rs []route) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.nextHop)
	}
	sort.Strings(out)
	return out
}

func randomPrefix(rnd *rand.Rand, v6 bool) netip.Prefix {
	if v6 {
		var b [16]byte
		b[0], b[1], b[2] = 0x20, 0x01, byte(rnd.Intn(4))
		b[3] = byte(rnd.Intn(256))
		return netip.PrefixFrom(netip.AddrFrom16(b), 16+rnd.Intn(49)).Masked()
	}
	// A small space (10.0.0.0/14) so that prefixes nest and collide often.
	a := netip.AddrFrom4([4]byte{10, byte(rnd.Intn(4)), byte(rnd.Intn(256)), byte(rnd.Intn(256))})
	return netip.PrefixFrom(a, 8+rnd.Intn(25)).Masked()
}

// TestLookupAgreesWithBruteForce: longest-prefix match with AWS's tie-breaks
// (rank, then equal-cost) gives what a scan of the whole table gives, on
// random tables mixing IPv4 and IPv6, for addresses and for ranges.
func TestLookupAgreesWithBruteForce(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for round := 0; round < 300; round++ {
		var routes []route
		n := 1 + rnd.Intn(60)
		for i := 0; i < n; i++ {
			routes = append(routes, route{prefix: randomPrefix(rnd, rnd.Intn(5) == 0), rank: rnd.Intn(4),
				nextHop: string(rune('a'+i%26)) + string(rune('0'+i/26))})
		}
		// Duplicate prefixes with other ranks: the tie-break must decide.
		for i := 0; i < n/4; i++ {
			r := routes[rnd.Intn(len(routes))]
			r.rank = rnd.Intn(4)
			r.nextHop += "-dup"
			routes = append(routes, r)
		}
		tab := newTable(routes)
		for k := 0; k < 100; k++ {
			q := randomPrefix(rnd, rnd.Intn(5) == 0)
			if k%2 == 0 {
				q = netip.PrefixFrom(q.Addr(), q.Addr().BitLen()) // a single address
			}
			if got, want := ids(tab.lookup(q)), ids(bruteLookup(routes, q)); !slices.Equal(got, want) {
				t.Fatalf("round %d: lookup(%s) = %v, want %v\ntable: %v", round, q, got, want, routes)
			}
			if got, want := ids(tab.overlapping(q)), ids(bruteOverlapping(routes, q)); !slices.Equal(got, want) {
				t.Fatalf("round %d: overlapping(%s) = %v, want %v", round, q, got, want)
			}
		}
	}
}

func TestEachOverlapFindsEveryPair(t *testing.T) {
	rnd := rand.New(rand.NewSource(2))
	for round := 0; round < 200; round++ {
		var items []route
		for i := 0; i < 1+rnd.Intn(40); i++ {
			items = append(items, route{prefix: randomPrefix(rnd, rnd.Intn(4) == 0)})
		}
		got := map[[2]int]bool{}
		eachOverlap(items, func(i, j int) {
			if i > j {
				i, j = j, i
			}
			if got[[2]int{i, j}] {
				t.Fatalf("pair %d,%d reported twice", i, j)
			}
			got[[2]int{i, j}] = true
		})
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				if items[i].prefix.Overlaps(items[j].prefix) != got[[2]int{i, j}] {
					t.Fatalf("%s and %s: overlap %v, reported %v", items[i].prefix, items[j].prefix,
						items[i].prefix.Overlaps(items[j].prefix), got[[2]int{i, j}])
				}
			}
		}
	}
}

func TestTieBreaks(t *testing.T) {
	p := netip.MustParsePrefix("10.0.0.0/8")
	tests := []struct {
		name   string
		routes []route
		want   []string
	}{
		{"static beats propagated", []route{{prefix: p, rank: rankPropagatedBG, nextHop: "vgw"}, {prefix: p, rank: rankStatic, nextHop: "tgw"}}, []string{"tgw"}},
		{"DX beats static VPN beats BGP VPN", []route{{prefix: p, rank: rankPropagatedBG, nextHop: "bgp"}, {prefix: p, rank: rankPropagatedSt, nextHop: "static"}, {prefix: p, rank: rankPropagatedDX, nextHop: "dx"}}, []string{"dx"}},
		{"TGW: static beats VPC beats DX beats VPN", []route{{prefix: p, rank: rankTGWVPN, nextHop: "vpn"}, {prefix: p, rank: rankTGWDX, nextHop: "dx"}, {prefix: p, rank: rankTGWVPC, nextHop: "vpc"}}, []string{"vpc"}},
		{"equal cost keeps both", []route{{prefix: p, rank: rankTGWVPN, nextHop: "vpn-a"}, {prefix: p, rank: rankTGWVPN, nextHop: "vpn-b"}}, []string{"vpn-a", "vpn-b"}},
		{"longer prefix beats better rank", []route{{prefix: p, rank: 0, nextHop: "wide"}, {prefix: netip.MustParsePrefix("10.1.0.0/16"), rank: 9, nextHop: "narrow"}}, []string{"narrow"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(newTable(tt.routes).lookup(netip.MustParsePrefix("10.1.2.3/32")))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("lookup = %v, want %v", got, tt.want)
			}
		})
	}
}
