package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netlint/netlint/loader"
	awsloader "github.com/netlint/netlint/loader/aws"
	"github.com/netlint/netlint/model"
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

// partialAudit is returned with a network that is missing what could not be
// read: the report is still written, then the run exits 2.
type partialAudit struct{ err error }

func (p *partialAudit) Error() string { return p.err.Error() }
func (p *partialAudit) Unwrap() error { return p.err }

func (l liveFlags) validate() error {
	if !l.enabled && (len(l.regions) > 0 || l.profile != "" || len(l.roleARNs) > 0) {
		return fmt.Errorf("--region, --profile and --role-arn need --aws")
	}
	return nil
}

// loadLive reads the account(s). A partial read returns the network and a
// *partialAudit so the caller can report what was read and still exit 2.
func loadLive(ctx context.Context, e env, l liveFlags) (*model.Network, error) {
	opts := awsloader.Options{Regions: l.regions, Profile: l.profile, RoleARNs: l.roleARNs}
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
	net, err := awsloader.Load(ctx, opts)
	var pe *awsloader.PartialError
	if errors.As(err, &pe) && net != nil {
		return net, &partialAudit{err: fmt.Errorf("aws: %w", err)}
	}
	if err != nil {
		return nil, fmt.Errorf("aws: %w", err)
	}
	return net, nil
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
			net, err := loadInputs(cmd.Context(), e, checkFlags{live: live}, paths)
			var partial *partialAudit
			if err != nil && !errors.As(err, &partial) {
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
