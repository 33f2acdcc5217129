package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netlint/netlint/reach"
	"github.com/netlint/netlint/runner"
)

func newPathCmd(e env) *cobra.Command {
	var f checkFlags
	var format string
	cmd := &cobra.Command{
		Use:   "path [flags] SRC DST [PATH ...]",
		Short: "Show the hop-by-hop path between two networks, or where traffic stops",
		Long: "Follow traffic from SRC to DST through the route tables of the inputs (plans,\n" +
			"state, snapshots, --aws), as AWS would route it: each router, the route it\n" +
			"matches and the next hop, or the first hop where traffic stops and why (no\n" +
			"route, blackhole, not associated, not propagated, peering not transitive, not\n" +
			"authorized). Then the return path. SRC and DST are a resource address, an AWS\n" +
			"id, a Name tag, a site name from .netlint.yaml, or an IP address or CIDR.\n" +
			"Exit codes: 0 both ways delivered, 1 traffic stops or cannot be followed,\n" +
			"2 bad usage or input.",
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("--format %q: want text or json", format)
			}
			o, err := f.options(e, args[2:])
			if err != nil {
				return err
			}
			nw, err := runner.Prepare(cmd.Context(), o)
			if err != nil {
				return err
			}
			src, err := nw.Reach.Endpoint(args[0])
			if err != nil {
				return err
			}
			dst, err := nw.Reach.Endpoint(args[1])
			if err != nil {
				return err
			}
			res := pathResult{From: endpointOf(src), To: endpointOf(dst),
				Forward: nw.Reach.Trace(src, dst), Return: nw.Reach.Trace(dst, src)}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				err = enc.Encode(res)
			} else {
				err = res.text(e.stdout)
			}
			if err != nil {
				return err
			}
			if nw.Partial != nil {
				return nw.Partial
			}
			if !res.delivered() {
				return exitCode(exitFindings)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "text", "text | json")
	fl.StringVarP(&f.configPath, "config", "c", "", "config file (default: .netlint.yaml, searched upward): declared sites")
	addInputFlags(fl, &f)
	addLiveFlags(fl, &f.live)
	return cmd
}

type pathEndpoint struct {
	Name    string `json:"name"`
	Label   string `json:"label"`
	Network string `json:"network,omitempty"`
	Prefix  string `json:"prefix,omitempty"`
}

func endpointOf(ep reach.Endpoint) pathEndpoint {
	p := pathEndpoint{Name: ep.Name, Label: ep.Label, Network: ep.Network}
	if ep.Prefix.IsValid() {
		p.Prefix = ep.Prefix.String()
	}
	return p
}

type pathResult struct {
	From    pathEndpoint  `json:"from"`
	To      pathEndpoint  `json:"to"`
	Forward []reach.Trace `json:"forward"`
	Return  []reach.Trace `json:"return"`
}

func (r pathResult) delivered() bool {
	for _, t := range append(append([]reach.Trace(nil), r.Forward...), r.Return...) {
		if t.Result != reach.Delivered {
			return false
		}
	}
	return true
}

func (r pathResult) text(w io.Writer) error {
	var b strings.Builder
	section := func(from, to pathEndpoint, traces []reach.Trace) {
		fmt.Fprintf(&b, "%s -> %s", from.Label, to.Label)
		if to.Prefix != "" && !strings.HasPrefix(to.Label, to.Prefix) {
			fmt.Fprintf(&b, " (%s)", to.Prefix)
		}
		b.WriteString("\n")
		for _, t := range traces {
			fmt.Fprintf(&b, "  from %s:\n", t.From)
			for i, h := range t.Hops {
				fmt.Fprintf(&b, "    %d. %s: %s", i+1, h.Router, h.Route)
				if h.NextHop != "" && !strings.Contains(h.Route, h.NextHop) {
					fmt.Fprintf(&b, " -> %s", h.NextHop)
				}
				if len(h.ECMP) > 0 {
					fmt.Fprintf(&b, " (equal-cost with %s)", strings.Join(h.ECMP, ", "))
				}
				b.WriteString("\n")
			}
			switch t.Result {
			case reach.Delivered:
				fmt.Fprintf(&b, "    delivered to %s\n", t.Network)
			case reach.Stopped:
				fmt.Fprintf(&b, "    stops: %s\n", t.Reason)
			default:
				fmt.Fprintf(&b, "    cannot be followed: %s\n", t.Reason)
			}
		}
	}
	section(r.From, r.To, r.Forward)
	b.WriteString("\nreturn path:\n")
	section(r.To, r.From, r.Return)
	_, err := io.WriteString(w, b.String())
	return err
}
