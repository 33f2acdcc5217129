// Package runner is netlint's pipeline as a library: load the inputs (plans,
// state, snapshots, a live account) into one network, add the declared sites,
// locate resources in the Terraform sources, derive reachability, evaluate
// the rules and apply waivers. Commands bind flags to Options and render what
// comes back; they hold no pipeline logic of their own.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/netlint/netlint/config"
	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/loader"
	awsloader "github.com/netlint/netlint/loader/aws"
	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/policies"
	"github.com/netlint/netlint/reach"
	"github.com/netlint/netlint/tfeval"
	"github.com/netlint/netlint/tfsource"
)

// Options say what to read and how to judge it.
type Options struct {
	// Paths are plan, state or snapshot files; "-" reads Stdin.
	Paths []string
	Stdin io.Reader
	// Live, when set, reads the live account(s) too.
	Live *awsloader.Options
	// ConfigPath is .netlint.yaml; "" searches from WorkDir upward.
	ConfigPath string
	WorkDir    string
	// PolicyDirs are users' Rego directories.
	PolicyDirs []string
	// PolicyTimeout and PolicyMemory bound the evaluation of the rules
	// (engine.Limits); 0 is no bound.
	PolicyTimeout time.Duration
	PolicyMemory  int64
	// Only and Skip are comma-separated rule ids.
	Only, Skip string
	// TFDir holds the Terraform sources; "" is the first plan's directory.
	TFDir string
	// MaxInputSize bounds every file read (plans, snapshots, stdin, sources);
	// 0 is safeio.DefaultLimit.
	MaxInputSize int64
	// Warnings receives one line per problem that does not stop the run
	// (a malformed inline waiver); nil discards them.
	Warnings io.Writer
	// Now decides which waivers have expired; zero is time.Now().
	Now         time.Time
	ToolVersion string
}

// PartialError reports a live audit that could not read everything: what was
// read is still returned and reported, and the run must fail.
type PartialError struct {
	Err error
	// Failures are the reads that failed, for the reports.
	Failures []finding.ReadFailure
}

func (p *PartialError) Error() string { return p.Err.Error() }
func (p *PartialError) Unwrap() error { return p.Err }

// Network is a loaded, located and derived network.
type Network struct {
	Net     *model.Network
	Config  *config.Config
	Sources *tfsource.Sources
	Reach   *reach.Analysis
	// Partial is set when a live audit could not read everything.
	Partial *PartialError
}

// Result is a checked network.
type Result struct {
	*finding.Result
	Reach   *reach.Analysis
	Partial *PartialError
}

// Load reads every input into one network (without the configuration's sites
// or derived facts): what `netlint snapshot` writes.
func Load(ctx context.Context, o Options) (*model.Network, *PartialError, error) {
	if len(o.Paths) == 0 && o.Live == nil {
		return nil, nil, fmt.Errorf("no input: give a plan or state JSON file, '-' for stdin, or --aws")
	}
	net := model.New()
	var partial *PartialError
	if o.Live != nil {
		live, err := awsloader.Load(ctx, *o.Live)
		var pe *awsloader.PartialError
		switch {
		case errors.As(err, &pe) && live != nil:
			net, partial = live, &PartialError{Err: fmt.Errorf("aws: %w", err), Failures: readFailures(pe)}
		case err != nil:
			return nil, nil, fmt.Errorf("aws: %w", err)
		default:
			net = live
		}
	}
	lo := loader.Options{Sources: sources(o.TFDir, o.Paths, o.MaxInputSize), MaxSize: o.MaxInputSize}
	for _, p := range o.Paths {
		if p == "" {
			// A shell variable that expanded to nothing, most often.
			return nil, nil, errors.New(`an input file name is empty ("")`)
		}
		n, err := loader.FileWith(p, o.Stdin, lo)
		name := p
		if p == "-" {
			name = "<stdin>"
		}
		var ie *loader.IncompleteError
		switch {
		case errors.As(err, &ie) && n != nil:
			// The snapshot's failed reads are this run's: its report says so.
			if partial == nil {
				partial = &PartialError{Err: fmt.Errorf("%s: %w", name, err)}
			}
			partial.Failures = append(partial.Failures, ie.Failures...)
		case err != nil:
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		net = model.Merge(net, n)
	}
	return net, partial, nil
}

// Prepare loads the inputs and the configuration, locates resources in the
// Terraform sources, adds the declared sites and derives reachability.
func Prepare(ctx context.Context, o Options) (*Network, error) {
	cfg, err := LoadConfig(o.ConfigPath, o.WorkDir)
	if err != nil {
		return nil, err
	}
	net, partial, err := Load(ctx, o)
	if err != nil {
		return nil, err
	}
	src, err := Locate(net, o.TFDir, o.Paths, o.MaxInputSize)
	if err != nil {
		return nil, err
	}
	for _, s := range cfg.ModelSites() {
		net.Sites[s.ID] = s
	}
	return &Network{Net: net, Config: cfg, Sources: src, Reach: reach.Derive(net), Partial: partial}, nil
}

// Check runs the whole pipeline: Prepare, then every enabled rule, then the
// waivers of the configuration and of the sources.
func Check(ctx context.Context, o Options) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if len(o.Paths) == 0 && o.Live == nil {
		return nil, fmt.Errorf("no input: give a plan or state JSON file, '-' for stdin, or --aws")
	}
	// Policies and rule settings first: a broken policy or a typo in --only
	// fails before a long live audit, not after.
	cfg, err := LoadConfig(o.ConfigPath, o.WorkDir)
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(engine.Options{Builtin: policies.FS, PolicyDirs: o.PolicyDirs,
		Limits: engine.Limits{Timeout: o.PolicyTimeout, Memory: o.PolicyMemory}})
	if err != nil {
		return nil, err
	}
	settings, err := RuleSettings(eng.Rules(), cfg, o.Only, o.Skip)
	if err != nil {
		return nil, err
	}
	settings.Limits = engine.Limits{Timeout: o.PolicyTimeout, Memory: o.PolicyMemory}
	net, partial, err := Load(ctx, o)
	if err != nil {
		return nil, err
	}
	if o.Live != nil {
		// The live read is over, finished or cut short by a signal: what was
		// read is judged and reported (marked incomplete when it is), even when
		// the signal comes during the evaluation. The run still exits 130.
		ctx = context.WithoutCancel(ctx)
	}
	src, err := Locate(net, o.TFDir, o.Paths, o.MaxInputSize)
	if err != nil {
		return nil, err
	}
	// An inline waiver without a reason is an error, as in .netlint.yaml.
	if err := src.WaiverError(); err != nil {
		return nil, err
	}
	warnInlineWaivers(o.Warnings, src, eng.Rules())
	for _, s := range cfg.ModelSites() {
		net.Sites[s.ID] = s
	}
	an := reach.Derive(net)
	prep, err := eng.Prepare(ctx, settings)
	if err != nil {
		return nil, err
	}
	out, err := prep.Eval(ctx, net)
	if err != nil {
		return nil, err
	}
	res := &finding.Result{ToolVersion: o.ToolVersion, Rules: eng.Rules(), Findings: out.Findings,
		NotEvaluated: out.NotEvaluated, Network: net}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	if notices := cfg.ApplyWaivers(res.Findings, now); len(notices) > 0 {
		res.Findings = append(res.Findings, notices...)
		res.Rules = append(res.Rules, config.ExpiredWaiverRule)
		engine.Sort(res.Findings)
	}
	src.ApplyWaivers(res.Findings)
	if partial != nil {
		res.Incomplete = partial.Failures
	}
	return &Result{Result: res, Reach: an, Partial: partial}, nil
}

// readFailures turns the live loader's failed reads into the reports' terms.
func readFailures(pe *awsloader.PartialError) []finding.ReadFailure {
	out := make([]finding.ReadFailure, 0, len(pe.Errors))
	for _, e := range pe.Errors {
		f := finding.ReadFailure{Account: e.Account, Region: e.Region, Error: e.Reason()}
		if e.Op != "" {
			f.Action = e.Service + ":" + e.Op
		}
		out = append(out, f)
	}
	return out
}

// warnInlineWaivers reports malformed `# netlint:ignore` comments and unknown
// rule ids: they waive nothing, which the author should know.
func warnInlineWaivers(w io.Writer, src *tfsource.Sources, rules []finding.Rule) {
	if w == nil {
		return
	}
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	for _, p := range src.Problems() {
		fmt.Fprintf(w, "netlint: warning: %s\n", p)
	}
	for _, iw := range src.InlineWaivers() {
		if !known[iw.Rule] {
			fmt.Fprintf(w, "netlint: warning: %s:%d: netlint:ignore names unknown rule %s\n", iw.File, iw.Line, iw.Rule)
		}
	}
}

// LoadConfig reads the configuration: path, else .netlint.yaml found from
// workDir upward, else the empty default.
func LoadConfig(path, workDir string) (*config.Config, error) {
	if path == "" {
		path = config.Find(workDir)
		if path == "" {
			return &config.Config{Rules: map[string]config.RuleSetting{}}, nil
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err // a *config.Error, naming the file
	}
	return cfg, nil
}

// RuleSettings combines .netlint.yaml with --only/--skip; unknown rule ids,
// parameters a rule does not declare and waivers of rules that do not exist
// are usage errors, since a typo would silently change nothing.
func RuleSettings(rules []finding.Rule, cfg *config.Config, only, skip string) (engine.Settings, error) {
	if err := cfg.Check(rules); err != nil {
		return engine.Settings{}, err
	}
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

// sources parses the Terraform configuration the plans were made from (the
// same directory Locate uses), so that the loader can evaluate links the
// plan alone does not tell. Sources that cannot be read are not used; Locate
// reports what is wrong with them.
func sources(tfDir string, paths []string, limit int64) *tfeval.Config {
	dir := sourceDir(tfDir, paths)
	if dir == "" {
		return nil
	}
	c, err := tfeval.Load(dir, limit)
	if err != nil {
		return nil
	}
	return c
}

func sourceDir(tfDir string, paths []string) string {
	if tfDir != "" {
		return tfDir
	}
	for _, p := range paths {
		if p != "-" {
			return filepath.Dir(p)
		}
	}
	return ""
}

// Locate fills file:line of Terraform resources from their sources: tfDir,
// else the directory of the first plan. A plan directory without .tf files is
// normal (plans are often copied around) and gives no locations; an explicit
// tfDir without them, or sources that do not parse, are errors.
func Locate(net *model.Network, tfDir string, paths []string, limit int64) (*tfsource.Sources, error) {
	dir, explicit := sourceDir(tfDir, paths), tfDir != ""
	if dir == "" {
		return nil, nil
	}
	src, err := tfsource.Index(dir, limit)
	if errors.Is(err, tfsource.ErrNoSources) && !explicit {
		return nil, nil
	}
	if err != nil {
		if explicit {
			return nil, fmt.Errorf("--tf-dir %s: %w", dir, err)
		}
		return nil, err
	}
	src.LocateNetwork(net)
	return src, nil
}
