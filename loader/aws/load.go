// Package aws reads a live AWS network into the model: VPCs and their routing,
// VPN, Transit Gateway, peering, PrivateLink, Client VPN, Direct Connect, the
// EC2 instances that forward traffic, security groups and the CloudWatch alarms
// that watch tunnels and appliances.
//
// It is read-only by construction: it calls only Describe*, Get*, List* and
// Search* actions and sts:GetCallerIdentity/AssumeRole; the IAM policy in
// iam/netlint-readonly-policy.json lists exactly those actions.
//
// Model IDs are the AWS resource ids (vpc-..., tgw-attach-..., dxcon-...), and
// every element's Type is the equivalent Terraform resource type, so rules read a
// live network and a plan alike.
package aws

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/sync/errgroup"

	"github.com/netlint/netlint/model"
)

// Options say what to read and how.
type Options struct {
	// Regions to read; "all" means every region enabled in the account (EC2
	// DescribeRegions); empty means the configuration's default region.
	Regions []string
	// Profile is the shared-config profile; empty uses the default chain
	// (environment, SSO, shared files, instance role).
	Profile string
	// RoleARNs are roles to assume, one account each; empty reads the caller's
	// own account.
	RoleARNs []string
	// Concurrency bounds the account×region units read at once; default 4.
	Concurrency int
	// Progress, when set, is called once as each account×region finishes. Calls
	// are serialized.
	Progress func(done, total int, label string)

	// Config, when set, is used instead of config.LoadDefaultConfig (Profile is
	// then ignored): programs embedding the loader and tests pass their own
	// endpoint, credentials and HTTP client this way.
	Config *awssdk.Config
	// RetryMaxBackoff caps the wait between retries of throttled or failed calls;
	// 0 keeps the SDK's 20s. Tests set it small.
	RetryMaxBackoff time.Duration
	// APIOptions are added to every client's middleware stack.
	APIOptions []func(*middleware.Stack) error
}

// maxAttempts is higher than the SDK's 3: a sweep over many regions makes
// hundreds of Describe calls, and EC2 throttles per account and region.
const maxAttempts = 8

// Load reads the accounts and regions o names. When some of them, or some calls,
// could not be read it returns the network it did read together with a
// *PartialError. When ctx ends first it returns ctx's error, wrapped. Any other
// error (no configuration, no region) means nothing was read.
func Load(ctx context.Context, o Options) (*model.Network, error) {
	base, err := baseConfig(ctx, o)
	if err != nil {
		return nil, err
	}
	if base.Region == "" {
		// STS and DescribeRegions need a region too: take the first one named, or
		// for "all" alone the commercial partition's first region.
		for _, r := range o.Regions {
			if r != "all" {
				base.Region = r
				break
			}
		}
		if base.Region == "" && len(o.Regions) > 0 {
			base.Region = "us-east-1"
		}
	}
	if base.Region == "" {
		return nil, fmt.Errorf("no AWS region: pass --region or set AWS_REGION")
	}
	conc := o.Concurrency
	if conc <= 0 {
		conc = 4
	}

	var errs errorList
	accounts := resolveAccounts(ctx, base, o, conc, &errs)

	var units []unit
	for _, a := range accounts {
		for i, r := range a.regions {
			units = append(units, unit{account: a, region: r, global: i == 0})
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].label() < units[j].label() })

	results := make([]*reader, len(units))
	var progressMu sync.Mutex
	done := 0
	forEach(conc, len(units), func(i int) {
		r := newReader(ctx, units[i])
		r.read()
		results[i] = r
		if o.Progress != nil {
			progressMu.Lock()
			done++
			o.Progress(done, len(units), units[i].label())
			progressMu.Unlock()
		}
	})

	net := model.New()
	all := newFacts()
	for _, r := range results {
		model.MergeMissing(net, r.net)
		all.merge(r.facts)
		errs.add(r.errs...)
	}
	link(net, all)

	// Canceled or out of time: say so once rather than list every call it cut.
	if err := ctx.Err(); err != nil {
		return net, fmt.Errorf("read AWS: %w", err)
	}
	if len(errs.list) > 0 {
		sortReadErrors(errs.list)
		return net, &PartialError{Errors: errs.list}
	}
	return net, nil
}

// baseConfig loads the caller's configuration and sets the retryer every client
// of this load shares.
func baseConfig(ctx context.Context, o Options) (awssdk.Config, error) {
	var cfg awssdk.Config
	if o.Config != nil {
		cfg = o.Config.Copy()
	} else {
		var opts []func(*config.LoadOptions) error
		if o.Profile != "" {
			opts = append(opts, config.WithSharedConfigProfile(o.Profile))
		}
		var err error
		// LoadDefaultConfig also reads AWS_ENDPOINT_URL (cfg.BaseEndpoint) and keeps
		// the sources each client consults for AWS_ENDPOINT_URL_<SERVICE>.
		cfg, err = config.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return cfg, fmt.Errorf("load AWS configuration: %w", err)
		}
	}
	// Keep a retry mode the user configured (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS):
	// only a default retryer is replaced, or one whose backoff a test shortens.
	if cfg.Retryer == nil || o.RetryMaxBackoff > 0 {
		cfg.Retryer = func() awssdk.Retryer {
			return retry.NewStandard(func(so *retry.StandardOptions) {
				so.MaxAttempts = maxAttempts
				if o.RetryMaxBackoff > 0 {
					so.MaxBackoff = o.RetryMaxBackoff
				}
			})
		}
	}
	cfg.APIOptions = append(cfg.APIOptions, o.APIOptions...)
	return cfg, nil
}

// account is one AWS account to read: its credentials and regions.
type account struct {
	id      string
	cfg     awssdk.Config
	regions []string
}

// unit is one account×region; global marks the unit that also reads the
// account's global resources (Direct Connect gateways).
type unit struct {
	account *account
	region  string
	global  bool
}

func (u unit) label() string { return u.account.id + "/" + u.region }

// resolveAccounts enters each account (assuming its role) and lists its regions.
// An account that cannot be entered is recorded and skipped.
func resolveAccounts(ctx context.Context, base awssdk.Config, o Options, conc int, errs *errorList) []*account {
	cfgs := []awssdk.Config{base}
	if len(o.RoleARNs) > 0 {
		cfgs = cfgs[:0]
		stsClient := sts.NewFromConfig(base)
		for _, arn := range o.RoleARNs {
			c := base.Copy()
			c.Credentials = awssdk.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsClient, arn,
				func(p *stscreds.AssumeRoleOptions) { p.RoleSessionName = "netlint" }))
			cfgs = append(cfgs, c)
		}
	}
	out := make([]*account, len(cfgs))
	forEach(conc, len(cfgs), func(i int) {
		roleARN := ""
		if len(o.RoleARNs) > 0 {
			roleARN = o.RoleARNs[i]
		}
		out[i] = resolveAccount(ctx, cfgs[i], roleARN, o.Regions, errs)
	})
	var accounts []*account
	seen := map[string]bool{}
	for _, a := range out {
		// Two role ARNs into one account would read it twice.
		if a != nil && !seen[a.id] {
			seen[a.id] = true
			accounts = append(accounts, a)
		}
	}
	return accounts
}

func resolveAccount(ctx context.Context, cfg awssdk.Config, roleARN string, regions []string, errs *errorList) *account {
	fail := func(op string, acct string, err error) *account {
		errs.add(ReadError{Account: acct, Region: cfg.Region, Service: "sts", Op: op, Err: err})
		return nil
	}
	if roleARN != "" {
		// Retrieve first so that a refused AssumeRole is reported as such, not as
		// a failing GetCallerIdentity.
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return fail("AssumeRole", accountOfARN(roleARN), fmt.Errorf("assume %s: %w", roleARN, err))
		}
	}
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return fail("GetCallerIdentity", accountOfARN(roleARN), err)
	}
	a := &account{id: awssdk.ToString(id.Account), cfg: cfg}

	want := dedupe(regions)
	if len(want) == 0 {
		want = []string{cfg.Region}
	}
	for _, r := range want {
		if r != "all" {
			a.regions = append(a.regions, r)
			continue
		}
		enabled, err := enabledRegions(ctx, cfg)
		if err != nil {
			errs.add(ReadError{Account: a.id, Region: cfg.Region, Service: "ec2", Op: "DescribeRegions", Err: err})
			continue
		}
		a.regions = append(a.regions, enabled...)
	}
	a.regions = dedupe(a.regions)
	// The account's global resources are read once, in its home region when that
	// region is read at all.
	for i, r := range a.regions {
		if r == cfg.Region {
			a.regions[0], a.regions[i] = a.regions[i], a.regions[0]
			break
		}
	}
	return a
}

// enabledRegions lists the regions the account may use: DescribeRegions without
// AllRegions leaves out opt-in regions that are not enabled.
func enabledRegions(ctx context.Context, cfg awssdk.Config) ([]string, error) {
	out, err := ec2.NewFromConfig(cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	if err != nil {
		return nil, err
	}
	var regions []string
	for _, r := range out.Regions {
		regions = append(regions, awssdk.ToString(r.RegionName))
	}
	sort.Strings(regions)
	return regions, nil
}

// accountOfARN returns the account id field of an ARN, for reporting an account
// that could not be entered; "" for what is not an ARN.
func accountOfARN(s string) string {
	a, err := arn.Parse(s)
	if err != nil {
		return ""
	}
	return a.AccountID
}

// forEach runs fn(0..n-1) on at most conc goroutines.
func forEach(conc, n int, fn func(i int)) {
	var g errgroup.Group
	g.SetLimit(conc)
	for i := 0; i < n; i++ {
		g.Go(func() error { fn(i); return nil })
	}
	_ = g.Wait()
}

type errorList struct {
	mu   sync.Mutex
	list []ReadError
}

func (l *errorList) add(errs ...ReadError) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, errs...)
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
