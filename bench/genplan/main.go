// Command genplan writes a synthetic `terraform show -json` plan of N VPCs (see
// internal/genplan); the same flags give byte-identical output.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/netlint/netlint/internal/genplan"
)

func main() {
	c := genplan.Defaults(100)
	out := flag.String("o", "-", "output file ('-' = stdout)")
	cidrs := flag.String("cidrs", "", "also write 'address<TAB>cidr' of every VPC to this file")
	flag.IntVar(&c.N, "n", c.N, "number of VPCs")
	flag.Float64Var(&c.Overlap, "overlap", c.Overlap, "fraction of VPCs given a CIDR that overlaps another VPC")
	flag.Uint64Var(&c.Seed, "seed", c.Seed, "random seed")
	flag.IntVar(&c.TGWSize, "tgw-size", c.TGWSize, "VPCs per transit gateway")
	flag.Float64Var(&c.PeerRatio, "peer-ratio", c.PeerRatio, "VPC peering connections per VPC")
	flag.IntVar(&c.VPNEvery, "vpn-every", c.VPNEvery, "one VPN site per this many VPCs")
	flag.BoolVar(&c.Pretty, "pretty", false, "indent the JSON")
	flag.Parse()
	var w io.Writer = os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "genplan:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := genplan.Generate(w, c); err != nil {
		fmt.Fprintln(os.Stderr, "genplan:", err)
		os.Exit(1)
	}
	if *cidrs != "" {
		if err := genplan.WriteCIDRs(*cidrs, c); err != nil {
			fmt.Fprintln(os.Stderr, "genplan:", err)
			os.Exit(1)
		}
	}
}
