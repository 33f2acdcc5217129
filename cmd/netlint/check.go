package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/safeio"
	"github.com/netlint/netlint/internal/termsafe"
	"github.com/netlint/netlint/report"
	"github.com/netlint/netlint/runner"
)

type checkFlags struct {
	configPath     string
	policyDirs     []string
	policyLimits   policyLimitFlags
	only, skip     string
	format         string
	output         string
	outputFlags    []string      // check's -o values, as given
	reports        []namedOutput // check's -o FORMAT=FILE outputs
	failOn         string
	tfDir          string
	maxInputSize   string
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
			"audit that could not read everything (its report is still written);\n" +
			"130 a live audit stopped by Ctrl-C or SIGTERM (its report is still written).",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), e, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.configPath, "config", "c", "", "config file (default: .netlint.yaml, searched from the working dir upward)")
	fl.StringArrayVarP(&f.policyDirs, "policy", "p", nil, "directory of extra Rego policies (repeatable)")
	addPolicyLimitFlags(fl, &f.policyLimits, "the rules")
	fl.StringVar(&f.only, "only", "", "run only these rule ids (comma-separated)")
	fl.StringVar(&f.skip, "skip", "", "skip these rule ids (comma-separated)")
	fl.StringVarP(&f.format, "format", "f", "", "output format: "+strings.Join(report.Formats(), " | ")+" (default text)")
	fl.StringArrayVarP(&f.outputFlags, "output", "o", nil,
		"write the -f report to `FILE` (default stdout); FORMAT=FILE, repeatable, also writes a "+
			strings.Join(report.Formats(), " | ")+" report to FILE")
	fl.StringVar(&f.failOn, "fail-on", finding.Error, "exit 1 on findings at or above: error | warning | notice | never")
	fl.StringVar(&f.tfDir, "tf-dir", "", "Terraform sources for file:line locations (default: the plan's directory)")
	fl.BoolVar(&f.showSuppressed, "show-suppressed", false, "show suppressed findings in text output")
	addInputFlags(fl, &f)
	addLiveFlags(fl, &f.live)
	return cmd
}

// addInputFlags adds the flags every command that reads inputs takes.
func addInputFlags(fl *pflag.FlagSet, f *checkFlags) {
	fl.StringVar(&f.maxInputSize, "max-input-size", safeio.FormatSize(safeio.DefaultLimit),
		"refuse any input file (plan, state, snapshot, stdin, Terraform source) larger than this")
}

// runCheck wires flags to the packages: load, derive, evaluate, waive, render.
func runCheck(ctx context.Context, e env, f checkFlags, paths []string) error {
	format := f.format
	if format == "" {
		format = "text"
	}
	if !slices.Contains(report.Formats(), format) {
		return fmt.Errorf("--format %q: want one of %s", format, strings.Join(report.Formats(), ", "))
	}
	if f.failOn != "never" && finding.Rank(f.failOn) == 0 {
		return fmt.Errorf("--fail-on %q: want error, warning, notice or never", f.failOn)
	}
	if err := f.parseOutputs(); err != nil {
		return err
	}
	res, partial, err := evaluate(ctx, e, f, paths)
	if err != nil {
		return err
	}
	if err := render(e, f, format, res, paths); err != nil {
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

// options turns the flags into the runner's options.
func (f checkFlags) options(e env, paths []string) (runner.Options, error) {
	if err := f.live.validate(); err != nil {
		return runner.Options{}, err
	}
	wd, err := e.getwd()
	if err != nil {
		return runner.Options{}, err
	}
	limit, err := safeio.ParseSize(f.maxInputSize)
	if err != nil {
		return runner.Options{}, fmt.Errorf("--max-input-size: %w", err)
	}
	if err := f.checkOutput(paths); err != nil {
		return runner.Options{}, err
	}
	lim, err := f.policyLimits.limits()
	if err != nil {
		return runner.Options{}, err
	}
	return runner.Options{
		MaxInputSize: limit,
		Paths:        paths, Stdin: e.stdin, Live: f.live.options(e), ConfigPath: f.configPath, WorkDir: wd,
		PolicyDirs: f.policyDirs, Only: f.only, Skip: f.skip, TFDir: f.tfDir, Warnings: termsafe.Lines{W: e.stderr},
		ToolVersion: version, PolicyTimeout: lim.Timeout, PolicyMemory: lim.Memory,
	}, nil
}

// evaluate runs the pipeline. A live audit that could not read everything
// returns its result and the *runner.PartialError.
func evaluate(ctx context.Context, e env, f checkFlags, paths []string) (*finding.Result, *runner.PartialError, error) {
	o, err := f.options(e, paths)
	if err != nil {
		return nil, nil, err
	}
	res, err := runner.Check(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	return res.Result, res.Partial, nil
}

// namedOutput is one -o FORMAT=FILE: a report of its own format to its own file.
type namedOutput struct {
	format, path string
}

// parseOutputs splits check's -o values into the plain -o FILE (the -f report,
// in f.output) and the FORMAT=FILE reports (f.reports). A value is FORMAT=FILE
// when what precedes the first '=' is a format name; a file whose name starts
// that way is written as ./json=x. A lowercase word that is no format is taken
// for a misspelt one rather than a file name.
func (f *checkFlags) parseOutputs() error {
	f.output, f.reports = "", nil
	seen := map[string]string{} // cleaned path -> the -o value that named it
	for _, v := range f.outputFlags {
		name, path, isNamed := strings.Cut(v, "=")
		if isNamed && !slices.Contains(report.Formats(), name) {
			if isFormatWord(name) {
				return fmt.Errorf("-o %s: unknown format %q, want one of %s (for a file of that name write ./%s)",
					v, name, strings.Join(report.Formats(), ", "), v)
			}
			isNamed = false
		}
		if !isNamed {
			if f.output != "" {
				return fmt.Errorf("-o %s: -o FILE given twice (%s and %s); other reports take -o FORMAT=FILE", v, f.output, v)
			}
			path = v
		}
		if path == "" {
			return fmt.Errorf("-o %q: want FILE or FORMAT=FILE", v)
		}
		if isNamed && path == "-" {
			return fmt.Errorf("-o %s: FORMAT=FILE writes a file; stdout carries the -f report", v)
		}
		if path != "-" {
			key := filepath.Clean(path)
			if prev, dup := seen[key]; dup {
				return fmt.Errorf("-o %s: %s is already the output of -o %s", v, path, prev)
			}
			seen[key] = v
		}
		if isNamed {
			f.reports = append(f.reports, namedOutput{format: name, path: path})
		} else {
			f.output = v
		}
	}
	// Different spellings of one file (a/../b, a symlink to an existing file).
	for i, a := range f.allOutputs() {
		for _, b := range f.allOutputs()[:i] {
			if a != "-" && b != "-" && safeio.SameFile(a, b) {
				return fmt.Errorf("-o: %s and %s are the same file", b, a)
			}
		}
	}
	return nil
}

// isFormatWord: a short run of lowercase letters, the shape of a format name.
func isFormatWord(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// allOutputs is every file the run writes: the plain -o and each FORMAT=FILE.
func (f checkFlags) allOutputs() []string {
	var out []string
	if f.output != "" {
		out = append(out, f.output)
	}
	for _, r := range f.reports {
		out = append(out, r.path)
	}
	return out
}

// render writes the reports. Every report is rendered before any is written,
// and each file is written whole (a temporary file renamed into place), so a
// half-written report never passes for a complete one. The -f report goes to
// the plain -o FILE, else to stdout, also when FORMAT=FILE outputs are given.
func render(e env, f checkFlags, format string, res *finding.Result, paths []string) error {
	wd, _ := e.getwd()
	opts := report.Options{
		ShowSuppressed: f.showSuppressed, ToolVersion: version,
		RepoRoot: repoRoot(wd), DocsBaseURI: docsBaseURI,
	}
	sarifOptions(&opts, e, f, wd, paths)
	renderOne := func(format string, color bool) ([]byte, error) {
		var buf bytes.Buffer
		o := opts
		o.Color = color
		if err := report.Render(format, &buf, res, o); err != nil {
			return nil, fmt.Errorf("render %s report: %w", format, err)
		}
		return buf.Bytes(), nil
	}
	stdoutReport, err := renderOne(format, e.isTerminal && f.output == "" && e.getenv("NO_COLOR") == "")
	if err != nil {
		return err
	}
	files := make([][]byte, len(f.reports))
	for i, r := range f.reports {
		if files[i], err = renderOne(r.format, false); err != nil {
			return err
		}
	}
	for i, r := range f.reports {
		if err := writeOutput(r.path, files[i]); err != nil {
			return err
		}
	}
	if f.output == "" {
		_, err := e.stdout.Write(stdoutReport)
		return err
	}
	return writeOutput(f.output, stdoutReport)
}

// writeOutput writes a report or diagram to the file -o names, through a
// temporary file renamed into place.
func writeOutput(path string, data []byte) error {
	if err := safeio.WriteFile(path, data, 0o644); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return nil
}

// checkOutput refuses an -o (plain or FORMAT=FILE) that names one of the
// inputs: the report would destroy the plan it was made from.
func (f checkFlags) checkOutput(paths []string) error {
	inputs := append([]string{f.configPath}, paths...)
	inputs = append(inputs, f.policyDirs...)
	for _, out := range f.allOutputs() {
		if out == "-" {
			continue
		}
		for _, in := range inputs {
			if in != "" && in != "-" && safeio.SameFile(out, in) {
				return fmt.Errorf("-o %s: that is an input of this run; write the report elsewhere", out)
			}
		}
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
