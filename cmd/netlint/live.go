package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

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

func loadLive(ctx context.Context, e env, l liveFlags) (*model.Network, error) {
	return nil, fmt.Errorf("--aws: the live loader is not built into this binary yet")
}
