package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netlint/netlint/loader"
	awsloader "github.com/netlint/netlint/loader/aws"
	"github.com/netlint/netlint/runner"
)

// liveFlags select a live audit (--aws).
type liveFlags struct {
	enabled  bool
	regions  []string
	profile  string
	roleARNs []string
	progress bool
}

func addLiveFlags(fl *pflag.FlagSet, l *liveFlags) {
	fl.BoolVar(&l.enabled, "aws", false, "read the live AWS account (default credential chain; AWS_ENDPOINT_URL works)")
	fl.StringArrayVar(&l.regions, "region", nil, "region to read (repeatable; 'all' = every enabled region)")
	fl.StringVar(&l.profile, "profile", "", "AWS shared config profile")
	fl.StringArrayVar(&l.roleARNs, "role-arn", nil, "role to assume, one account each (repeatable)")
	fl.BoolVar(&l.progress, "progress", false, "show progress on stderr even when it is not a terminal")
}

func (l liveFlags) validate() error {
	if !l.enabled && (len(l.regions) > 0 || l.profile != "" || len(l.roleARNs) > 0) {
		return fmt.Errorf("--region, --profile and --role-arn need --aws")
	}
	return nil
}

// options are the live loader's options, with a progress bar on a terminal
// (or with --progress); nil without --aws.
func (l liveFlags) options(e env) *awsloader.Options {
	if !l.enabled {
		return nil
	}
	opts := &awsloader.Options{Regions: l.regions, Profile: l.profile, RoleARNs: l.roleARNs}
	if l.progress || (e.stderrTerminal && e.getenv("CI") == "") {
		var bar *progressbar.ProgressBar
		opts.Progress = func(done, total int, label string) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription("reading AWS"), progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish())
			}
			bar.Describe("reading " + label)
			_ = bar.Set(done)
			if done == total {
				_ = bar.Finish()
			}
		}
	}
	return opts
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
			net, partial, err := runner.Load(cmd.Context(), runner.Options{Paths: paths, Stdin: e.stdin, Live: live.options(e)})
			if err != nil {
				return err
			}
			data, jerr := json.MarshalIndent(loader.Snapshot{Snapshot: loader.SnapshotVersion, Network: net}, "", "  ")
			if jerr != nil {
				return fmt.Errorf("snapshot: %w", jerr)
			}
			data = append(data, '\n')
			if partial != nil {
				// A partial snapshot would later lint as clean: never write it.
				return partial
			}
			if output == "" || output == "-" {
				_, err = e.stdout.Write(data)
				return err
			}
			if err := os.WriteFile(output, data, 0o644); err != nil {
				return fmt.Errorf("%s: %w", output, err)
			}
			return nil
		},
	}
	addLiveFlags(cmd.Flags(), &live)
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the snapshot to FILE (default stdout)")
	return cmd
}
