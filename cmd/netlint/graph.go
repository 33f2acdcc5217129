package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/report"
)

func newGraphCmd(e env) *cobra.Command {
	var f checkFlags
	var format string
	cmd := &cobra.Command{
		Use:   "graph [flags] [PATH ...]",
		Short: "Print the topology as a Mermaid or Graphviz DOT diagram",
		Long: "Draw the network of the inputs (plans, state, snapshots, --aws): VPCs, Transit\n" +
			"Gateways, VGWs, customer gateways and sites, Direct Connect, peering. Elements\n" +
			"named by unsuppressed findings are highlighted. Render DOT with `dot -Tpng`.",
		RunE: func(cmd *cobra.Command, paths []string) error {
			if format != "mermaid" && format != "dot" {
				return fmt.Errorf("--format %q: want mermaid or dot", format)
			}
			res, partial, err := evaluate(cmd.Context(), e, f, paths)
			if err != nil {
				return err
			}
			var active []finding.Finding
			for _, fd := range res.Findings {
				if !fd.Suppressed {
					active = append(active, fd)
				}
			}
			hl := report.Highlights(res.Network, active)
			var buf bytes.Buffer
			if format == "dot" {
				err = report.DOT(&buf, res.Network, hl)
			} else {
				err = report.Mermaid(&buf, res.Network, hl)
			}
			if err != nil {
				return fmt.Errorf("render %s: %w", format, err)
			}
			if f.output == "" {
				if _, err := e.stdout.Write(buf.Bytes()); err != nil {
					return err
				}
			} else if err := writeOutput(f.output, buf.Bytes()); err != nil {
				return err
			}
			if partial != nil {
				return partial
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "mermaid", "mermaid | dot")
	fl.StringVarP(&f.output, "output", "o", "", "write the diagram to FILE (default stdout)")
	fl.StringVarP(&f.configPath, "config", "c", "", "config file (default: .netlint.yaml, searched upward)")
	fl.StringArrayVarP(&f.policyDirs, "policy", "p", nil, "directory of extra Rego policies (repeatable)")
	fl.StringVar(&f.tfDir, "tf-dir", "", "Terraform sources (default: the plan's directory)")
	addInputFlags(fl, &f)
	addLiveFlags(fl, &f.live)
	return cmd
}
