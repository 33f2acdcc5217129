package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netlint/netlint/config"
	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/policies"
)

// catalogueRules is every rule netlint reports: NL000 (an expired waiver,
// reported by the configuration, not by Rego), the built-in rules and those of
// the policy directories.
// -p policies are loaded as `netlint check` loads them: sandboxed, checked,
// and compiled within --policy-timeout and --policy-memory.
func catalogueRules(policyDirs []string, limits policyLimitFlags) ([]finding.Rule, error) {
	lim, err := limits.limits()
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(engine.Options{Builtin: policies.FS, PolicyDirs: policyDirs, Limits: lim})
	if err != nil {
		return nil, err
	}
	return append([]finding.Rule{config.ExpiredWaiverRule}, eng.Rules()...), nil
}

func newRulesCmd(e env) *cobra.Command {
	var format string
	var dirs []string
	var limits policyLimitFlags
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue with its documentation",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rules, err := catalogueRules(dirs, limits)
			if err != nil {
				return err
			}
			switch format {
			case "text":
				return rulesText(e.stdout, rules)
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rules)
			case "markdown":
				_, err := io.WriteString(e.stdout, RulesMarkdown(rules))
				return err
			}
			return fmt.Errorf("--format %q: want text, json or markdown", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text | json | markdown")
	cmd.Flags().StringArrayVarP(&dirs, "policy", "p", nil, "directory of extra Rego policies (repeatable)")
	addPolicyLimitFlags(cmd.Flags(), &limits, "loading the policies")
	return cmd
}

func rulesText(w io.Writer, rules []finding.Rule) error {
	for _, r := range rules {
		if _, err := fmt.Fprintf(w, "%-6s %-8s %-34s %s\n", r.ID, r.Severity, r.Name, r.Title); err != nil {
			return err
		}
	}
	return nil
}

func newExplainCmd(e env) *cobra.Command {
	var dirs []string
	var limits policyLimitFlags
	cmd := &cobra.Command{
		Use:   "explain ID",
		Short: "Explain one rule: why it matters, how to fix it, an example",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rules, err := catalogueRules(dirs, limits)
			if err != nil {
				return err
			}
			want := strings.ToUpper(strings.TrimSpace(args[0]))
			for _, r := range rules {
				if r.ID == want || r.Name == strings.ToLower(args[0]) {
					_, err := fmt.Fprintf(e.stdout, "%s %s (%s)\n%s\n\nWhy\n%s\n\nHow to fix\n%s\n%s",
						r.ID, r.Name, r.Severity, r.Title, indent(r.Description), indent(r.Remediation), paramsText(r))
					return err
				}
			}
			return fmt.Errorf("explain: unknown rule %s (see 'netlint rules')", args[0])
		},
	}
	cmd.Flags().StringArrayVarP(&dirs, "policy", "p", nil, "directory of extra Rego policies (repeatable)")
	addPolicyLimitFlags(cmd.Flags(), &limits, "loading the policies")
	return cmd
}

// paramsText lists the parameters .netlint.yaml may set for the rule.
func paramsText(r finding.Rule) string {
	if len(r.Params) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nParameters (.netlint.yaml: rules: {%s: {NAME: VALUE}})\n", r.ID)
	for _, p := range r.Params {
		fmt.Fprintf(&b, "  %s (%s", p.Name, p.Type)
		if p.Default != nil {
			fmt.Fprintf(&b, ", default %v", p.Default)
		}
		b.WriteString(")")
		if p.Description != "" {
			b.WriteString(": " + p.Description)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// RulesMarkdown renders the catalogue as docs/rules.md; each rule's heading
// anchor is its lower-case id (#nl001), which SARIF helpUri links point at.
func RulesMarkdown(rules []finding.Rule) string {
	var b strings.Builder
	b.WriteString("# netlint rules\n\n")
	b.WriteString("Generated from the rules' METADATA by `netlint rules --format markdown`; do not edit by hand.\n\n")
	b.WriteString("| ID | name | severity | title |\n|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, r.Severity, r.Title)
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s\n\n**%s** · severity **%s** · `%s`\n\n%s\n\n", r.ID, r.Name, r.Severity, r.File, r.Title)
		fmt.Fprintf(&b, "### Why\n\n%s\n\n### How to fix\n\n%s\n", r.Description, r.Remediation)
	}
	return b.String()
}
