package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/netlint/netlint/config"
	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/loader"
	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/policies"
	"github.com/netlint/netlint/report"
	"github.com/netlint/netlint/tfsource"
)

type checkFlags struct {
	configPath     string
	policyDirs     []string
	only, skip     string
	format         string
	output         string
	failOn         string
	tfDir          string
	showSuppressed bool
	live           liveFlags
}

func newCheckCmd(e env) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags] [PATH ...]",
		Short: "Lint plan JSON, state JSON, snapshots ('-' for stdin) or a live account",
		Long: "Lint one or more inputs: `terraform show -json` of a plan or of state, a\n" +
			"snapshot written by `netlint snapshot`, or '-' for stdin. Several inputs are\n" +
			"merged into one network. Exit codes: 0 no finding at or above --fail-on,\n" +
			"1 such findings, 2 bad usage, unreadable input, a policy error, or a live\n" +
			"audit that could not read everything (its report is still written).",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), e, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.configPath, "config", "c", "", "config file (default: .netlint.yaml, searched from the working dir upward)")
	fl.StringArrayVarP(&f.policyDirs, "policy", "p", nil, "directory of extra Rego policies (repeatable)")
	fl.StringVar(&f.only, "only", "", "run only these rule ids (comma-separated)")
	fl.StringVar(&f.skip, "skip", "", "skip these rule ids (comma-separated)")
	fl.StringVarP(&f.format, "format", "f", "", "output format: "+strings.Join(report.Formats(), " | ")+" (default text)")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to FILE (default stdout)")
	fl.StringVar(&f.failOn, "fail-on", finding.Error, "exit 1 on findings at or above: error | warning | notice | never")
	fl.StringVar(&f.tfDir, "tf-dir", "", "Terraform sources for file:line locations (default: the plan's directory)")
	fl.BoolVar(&f.showSuppressed, "show-suppressed", false, "show suppressed findings in text output")
	addLiveFlags(fl, &f.live)
	return cmd
}

// runCheck wires flags to the packages: load, derive, evaluate, waive, render.
func runCheck(ctx context.Context, e env, f checkFlags, paths []string) error {
	format := f.format
	if format == "" {
		format = "text"
	}
	if !contains(report.Formats(), format) {
		return fmt.Errorf("--format %q: want one of %s", format, strings.Join(report.Formats(), ", "))
	}
	if f.failOn != "never" && finding.Rank(f.failOn) == 0 {
		return fmt.Errorf("--fail-on %q: want error, warning, notice or never", f.failOn)
	}
	res, partial, err := evaluate(ctx, e, f, paths)
	if err != nil {
		return err
	}
	if err := render(e, f, format, res); err != nil {
		return err
	}
	if partial != nil {
		// What could be read was reported; the audit is still incomplete.
		return partial
	}
	if failed(res.Findings, f.failOn) {
		return exitCode(exitFindings)
	}
	return nil
}

// evaluate loads the inputs and runs the rules and waivers. A live audit that
// could not read everything returns its result and a *partialAudit.
func evaluate(ctx context.Context, e env, f checkFlags, paths []string) (*finding.Result, *partialAudit, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if len(paths) == 0 && !f.live.enabled {
		return nil, nil, fmt.Errorf("no input: give a plan or state JSON file, '-' for stdin, or --aws")
	}
	if err := f.live.validate(); err != nil {
		return nil, nil, err
	}
	cfg, err := loadConfig(e, f.configPath)
	if err != nil {
		return nil, nil, err
	}
	eng, err := engine.New(engine.Options{Builtin: policies.FS, PolicyDirs: f.policyDirs})
	if err != nil {
		return nil, nil, err
	}
	settings, err := ruleSettings(eng.Rules(), cfg, f.only, f.skip)
	if err != nil {
		return nil, nil, err
	}
	net, err := loadInputs(ctx, e, f, paths)
	var partial *partialAudit
	if err != nil && !errors.As(err, &partial) {
		return nil, nil, err
	}
	src, err := locate(net, f.tfDir, paths)
	if err != nil {
		return nil, nil, err
	}
	warnInlineWaivers(e, src, eng.Rules())
	for _, s := range cfg.ModelSites() {
		net.Sites[s.ID] = s
	}
	net.Derive()

	prep, err := eng.Prepare(ctx, settings)
	if err != nil {
		return nil, nil, err
	}
	out, err := prep.Eval(ctx, net)
	if err != nil {
		return nil, nil, err
	}
	res := &finding.Result{ToolVersion: version, Rules: eng.Rules(), Findings: out.Findings,
		NotEvaluated: out.NotEvaluated, Network: net}
	if notices := cfg.ApplyWaivers(res.Findings, time.Now()); len(notices) > 0 {
		res.Findings = append(res.Findings, notices...)
		res.Rules = append(res.Rules, config.ExpiredWaiverRule)
		engine.Sort(res.Findings)
	}
	src.ApplyWaivers(res.Findings)
	return res, partial, nil
}

// warnInlineWaivers reports malformed `# netlint:ignore` comments and unknown
// rule ids on stderr: they waive nothing, which the author should know.
func warnInlineWaivers(e env, src *tfsource.Sources, rules []finding.Rule) {
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	for _, p := range src.Problems() {
		fmt.Fprintf(e.stderr, "netlint: warning: %s\n", p)
	}
	for _, w := range src.InlineWaivers() {
		if !known[w.Rule] {
			fmt.Fprintf(e.stderr, "netlint: warning: %s:%d: netlint:ignore names unknown rule %s\n", w.File, w.Line, w.Rule)
		}
	}
}

func loadConfig(e env, path string) (*config.Config, error) {
	if path == "" {
		wd, err := e.getwd()
		if err != nil {
			return nil, err
		}
		path = config.Find(wd)
		if path == "" {
			return &config.Config{Rules: map[string]config.RuleSetting{}}, nil
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ruleSettings combines .netlint.yaml with --only/--skip; unknown rule ids are
// usage errors, since a typo would silently disable nothing.
func ruleSettings(rules []finding.Rule, cfg *config.Config, only, skip string) (engine.Settings, error) {
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	parse := func(flag, list string) (map[string]bool, error) {
		set := map[string]bool{}
		for _, id := range strings.Split(list, ",") {
			id = strings.ToUpper(strings.TrimSpace(id))
			if id == "" {
				continue
			}
			if !known[id] {
				return nil, fmt.Errorf("--%s: unknown rule id %s (see 'netlint rules')", flag, id)
			}
			set[id] = true
		}
		return set, nil
	}
	onlySet, err := parse("only", only)
	if err != nil {
		return engine.Settings{}, err
	}
	skipSet, err := parse("skip", skip)
	if err != nil {
		return engine.Settings{}, err
	}
	s := engine.Settings{Severity: map[string]string{}, Params: map[string]map[string]any{}}
	off := map[string]bool{}
	for id, rs := range cfg.Rules {
		if !known[id] {
			return s, fmt.Errorf("%s: rules: unknown rule id %s (see 'netlint rules')", cfg.Path, id)
		}
		if rs.Off {
			off[id] = true
		}
		if rs.Severity != "" {
			s.Severity[id] = rs.Severity
		}
		if len(rs.Params) > 0 {
			s.Params[id] = rs.Params
		}
	}
	s.Enabled = func(id string) bool {
		if len(onlySet) > 0 && !onlySet[id] {
			return false
		}
		return !skipSet[id] && !off[id]
	}
	return s, nil
}

// loadInputs reads every path (and the live account with --aws) into one network.
// A path's error names the path. A partial live read returns the network with
// a *partialAudit error, so what was read is reported and the run still exits 2.
func loadInputs(ctx context.Context, e env, f checkFlags, paths []string) (*model.Network, error) {
	net := model.New()
	var liveErr error
	if f.live.enabled {
		live, err := loadLive(ctx, e, f.live)
		if live == nil {
			return nil, err
		}
		net, liveErr = live, err
	}
	for _, p := range paths {
		n, err := loader.File(p, e.stdin)
		if err != nil {
			name := p
			if p == "-" {
				name = "<stdin>"
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		net = model.Merge(net, n)
	}
	return net, liveErr
}

// render writes the report; with -o the file is written only when rendering
// succeeded, so a half-written report never passes for a complete one.
func render(e env, f checkFlags, format string, res *finding.Result) error {
	var buf bytes.Buffer
	color := e.isTerminal && f.output == "" && e.getenv("NO_COLOR") == ""
	wd, _ := e.getwd()
	opts := report.Options{
		Color: color, ShowSuppressed: f.showSuppressed, ToolVersion: version,
		RepoRoot: repoRoot(wd), DocsBaseURI: docsBaseURI,
	}
	if err := report.Render(format, &buf, res, opts); err != nil {
		return fmt.Errorf("render %s report: %w", format, err)
	}
	if f.output == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", f.output, err)
	}
	return nil
}

// docsBaseURI is where each rule's documentation lives (helpUri in SARIF).
const docsBaseURI = "https://github.com/netlint/netlint/blob/main/docs/rules.md"

// repoRoot is the nearest parent directory holding .git, else the working dir:
// SARIF URIs are relative to it so GitHub code scanning can place them.
func repoRoot(wd string) string {
	dir := wd
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}

func failed(fs []finding.Finding, failOn string) bool {
	if failOn == "never" {
		return false
	}
	min := finding.Rank(failOn)
	for _, f := range fs {
		if !f.Suppressed && finding.Rank(f.Severity) >= min {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
