package engine

import (
	"context"
	"fmt"
	"math/rand"
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
)

func entries(t *testing.T, pairs ...string) []Entry {
	t.Helper()
	var out []Entry
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Entry{Owner: pairs[i], Prefix: netip.MustParsePrefix(pairs[i+1])})
	}
	return out
}

func TestOverlapPairs(t *testing.T) {
	tests := []struct {
		name string
		in   []Entry
		want [][2]int
	}{
		{"disjoint", entries(t, "a", "10.0.0.0/16", "b", "10.1.0.0/16"), nil},
		{"nested", entries(t, "a", "10.0.0.0/8", "b", "10.1.0.0/16"), [][2]int{{0, 1}}},
		{"nested reversed input", entries(t, "b", "10.1.0.0/16", "a", "10.0.0.0/8"), [][2]int{{0, 1}}},
		{"identical", entries(t, "a", "10.0.0.0/16", "b", "10.0.0.0/16"), [][2]int{{0, 1}}},
		{"same owner ignored", entries(t, "a", "10.0.0.0/8", "a", "10.1.0.0/16"), nil},
		{"triple duplicate", entries(t, "a", "10.0.0.0/16", "b", "10.0.0.0/16", "c", "10.0.0.0/16"), [][2]int{{0, 1}, {0, 2}, {1, 2}}},
		{"slash zero covers every v4", entries(t, "a", "0.0.0.0/0", "b", "192.168.1.1/32", "c", "2001:db8::/32"), [][2]int{{0, 1}}},
		{"v4 and v6 never overlap", entries(t, "a", "::/0", "b", "10.0.0.0/8"), nil},
		{"adjacent blocks", entries(t, "a", "10.0.0.0/17", "b", "10.0.128.0/17"), nil},
		{"unmasked input", entries(t, "a", "10.0.5.0/16", "b", "10.0.200.0/24"), [][2]int{{0, 1}}},
		{"popped then new nest", entries(t, "a", "10.0.0.0/24", "b", "10.0.1.0/24", "c", "10.0.1.128/25"), [][2]int{{1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OverlapPairs(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("OverlapPairs = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOverlapPairsMatchesBruteForce compares the sweep with the pairwise check on
// random prefixes, nested and duplicated ones included.
func TestOverlapPairsMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		n := 1 + rng.Intn(40)
		var in []Entry
		for i := 0; i < n; i++ {
			bits := 8 + rng.Intn(25)
			a := netip.AddrFrom4([4]byte{10, byte(rng.Intn(4)), byte(rng.Intn(256)), byte(rng.Intn(256))})
			p := netip.PrefixFrom(a, bits).Masked()
			// Half the rounds group the entries (the subnets of VPCs):
			// entries of two groups never pair.
			group := ""
			if round%2 == 1 {
				group = string(rune('p' + rng.Intn(3)))
			}
			in = append(in, Entry{Group: group, Owner: string(rune('a' + rng.Intn(6))), Prefix: p})
		}
		var want [][2]int
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if in[i].Group == in[j].Group && in[i].Owner != in[j].Owner && in[i].Prefix.Overlaps(in[j].Prefix) {
					want = append(want, [2]int{i, j})
				}
			}
		}
		if got := OverlapPairs(in); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: sweep %v, brute force %v (input %v)", round, got, want, in)
		}
	}
}

func TestOutside(t *testing.T) {
	pp := netip.MustParsePrefix
	blocks := map[string][]netip.Prefix{"vpc-a": {pp("10.0.0.0/16"), pp("100.64.0.0/16")}, "vpc-b": {pp("10.1.0.0/16")}}
	groups := []string{"vpc-a", "vpc-a", "vpc-a", "vpc-b", "vpc-b", "vpc-c"}
	prefixes := []netip.Prefix{pp("10.0.1.0/24"), pp("100.64.8.0/21"), pp("10.1.0.0/24"), pp("10.1.0.0/16"), pp("10.0.0.0/8"), pp("1.2.3.0/24")}
	// 10.1.0.0/24 is another VPC's; 10.0.0.0/8 is wider than vpc-b's block;
	// vpc-c has no known blocks: not judged.
	if got := Outside(blocks, groups, prefixes); !reflect.DeepEqual(got, []int{2, 4}) {
		t.Fatalf("Outside = %v, want [2 4]", got)
	}
}

// TestGroupedBuiltinsFromRego calls the two grouped built-ins as rules do.
func TestGroupedBuiltinsFromRego(t *testing.T) {
	ctx := context.Background()
	rs, err := rego.New(rego.Query(`o := netlint.cidr_overlaps_by([["a", "s1", "10.0.0.0/24"], ["b", "s2", "10.0.0.0/24"], ["a", "s3", "10.0.0.128/25"]]); ` +
		`x := netlint.cidrs_outside({"a": ["10.0.0.0/16"]}, [["a", "s1", "10.0.0.0/24"], ["a", "s2", "10.9.0.0/24"], ["b", "s3", "1.0.0.0/24"]])`)).Eval(ctx)
	if err != nil || len(rs) != 1 {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rs[0].Bindings["o"]); got != "[[0 2]]" {
		t.Errorf("cidr_overlaps_by = %s, want [[0 2]] (entries of groups a and b never pair)", got)
	}
	if got := fmt.Sprint(rs[0].Bindings["x"]); got != "[1]" {
		t.Errorf("cidrs_outside = %s, want [1]", got)
	}
	// A malformed entry is an error: strict evaluation reports it.
	if _, err := rego.New(rego.StrictBuiltinErrors(true), rego.Query(`netlint.cidrs_outside({"a": ["10.0.0.0/16"]}, [["a", "s1"]])`)).Eval(ctx); err == nil || !strings.Contains(err.Error(), "not [group, owner, cidr]") {
		t.Errorf("a malformed entry: err %v", err)
	}
}

func BenchmarkOverlapPairs(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	in := make([]Entry, 10000)
	for i := range in {
		a := netip.AddrFrom4([4]byte{10, byte(rng.Intn(256)), byte(rng.Intn(256)), 0})
		in[i] = Entry{Owner: string(rune(i)), Prefix: netip.PrefixFrom(a, 20+rng.Intn(5)).Masked()}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		OverlapPairs(in)
	}
}
