package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netlint/netlint/loader"
	awsloader "github.com/netlint/netlint/loader/aws"
	"github.com/netlint/netlint/runner"
)

// liveFlags select a live audit (--aws).
type liveFlags struct {
	enabled     bool
	regions     []string
	profile     string
	roleARNs    []string
	progress    bool
	timeout     time.Duration
	callTimeout time.Duration
}

// Defaults of --timeout and --call-timeout.
const (
	defaultLiveTimeout = 10 * time.Minute
	defaultCallTimeout = awsloader.DefaultCallTimeout
)

func addLiveFlags(fl *pflag.FlagSet, l *liveFlags) {
	fl.BoolVar(&l.enabled, "aws", false, "read the live AWS account (default credential chain; AWS_ENDPOINT_URL works)")
	fl.StringArrayVar(&l.regions, "region", nil, "region to read (repeatable; 'all' = every enabled region)")
	fl.StringVar(&l.profile, "profile", "", "AWS shared config profile")
	fl.StringArrayVar(&l.roleARNs, "role-arn", nil, "role to assume, one account each (repeatable)")
	fl.BoolVar(&l.progress, "progress", false, "show progress on stderr even when it is not a terminal (one line per account, region and service)")
	fl.DurationVar(&l.timeout, "timeout", defaultLiveTimeout, "stop reading AWS after this long; what was read is reported as incomplete (exit 2)")
	fl.DurationVar(&l.callTimeout, "call-timeout", defaultCallTimeout, "give up on one AWS API call, its retries included, after this long")
}

func (l liveFlags) validate() error {
	if !l.enabled && (len(l.regions) > 0 || l.profile != "" || len(l.roleARNs) > 0 ||
		l.timeout != defaultLiveTimeout || l.callTimeout != defaultCallTimeout) {
		return fmt.Errorf("--region, --profile, --role-arn, --timeout and --call-timeout need --aws")
	}
	if l.timeout <= 0 || l.callTimeout <= 0 {
		return fmt.Errorf("--timeout and --call-timeout must be positive durations (e.g. 10m, 30s)")
	}
	return nil
}

// options are the live loader's options, with progress on stderr: a bar on a
// terminal (unless CI is set, which --progress overrides), one plain line per
// account, region and service elsewhere with --progress; nil without --aws.
func (l liveFlags) options(e env) *awsloader.Options {
	if !l.enabled {
		return nil
	}
	opts := &awsloader.Options{Regions: l.regions, Profile: l.profile, RoleARNs: l.roleARNs,
		Timeout: l.timeout, CallTimeout: l.callTimeout}
	switch {
	case e.stderrTerminal && (l.progress || e.getenv("CI") == ""):
		opts.Progress = progressBar(e.stderr)
	case l.progress:
		opts.Progress = progressLines(e.stderr)
	}
	return opts
}

// progressBar advances a bar as each service of each account and region is
// read.
func progressBar(w io.Writer) func(awsloader.Step) {
	var bar *progressbar.ProgressBar
	return func(s awsloader.Step) {
		if bar == nil {
			bar = progressbar.NewOptions(s.Total, progressbar.OptionSetWriter(w),
				progressbar.OptionSetDescription("reading AWS"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		bar.Describe("read " + s.Label())
		_ = bar.Set(s.Done)
		if s.Done == s.Total {
			_ = bar.Finish()
		}
	}
}

// progressLines writes one plain line per finished step, for logs: no
// carriage returns, no escape sequences.
func progressLines(w io.Writer) func(awsloader.Step) {
	return func(s awsloader.Step) {
		fmt.Fprintf(w, "%s\n", s)
	}
}

func newSnapshotCmd(e env) *cobra.Command {
	var live liveFlags
	var output string
	cmd := &cobra.Command{
		Use:   "snapshot [--aws] [PATH ...] -o network.json",
		Short: "Write the network model (live account and/or plans) to a file for offline checks",
		Long: "Read the live account (--aws) and/or plan and state files into the model and\n" +
			"write it as a snapshot; `netlint check network.json` lints it offline.",
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := live.validate(); err != nil {
				return err
			}
			if !live.enabled && len(paths) == 0 {
				return fmt.Errorf("snapshot: no input: give --aws or plan/state files")
			}
			if err := (checkFlags{output: output}).checkOutput(paths); err != nil {
				return err
			}
			net, partial, err := runner.Load(cmd.Context(), runner.Options{Paths: paths, Stdin: e.stdin, Live: live.options(e)})
			if err != nil {
				return err
			}
			snap := loader.Snapshot{Snapshot: loader.SnapshotVersion, Network: net}
			if partial != nil {
				// What was read is kept, with what was not: a check of the
				// snapshot reports it incomplete as the audit was.
				snap.Incomplete = partial.Failures
			}
			data, jerr := json.MarshalIndent(snap, "", "  ")
			if jerr != nil {
				return fmt.Errorf("snapshot: %w", jerr)
			}
			data = append(data, '\n')
			if output == "" || output == "-" {
				_, err = e.stdout.Write(data)
			} else {
				// Whole or not at all: a snapshot cut short would lose the
				// failures at its end.
				err = writeOutput(output, data)
			}
			if err != nil {
				return err
			}
			if partial != nil {
				return partial
			}
			return nil
		},
	}
	addLiveFlags(cmd.Flags(), &live)
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the snapshot to FILE (default stdout)")
	return cmd
}
