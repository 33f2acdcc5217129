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
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
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
	// Progress, when set, is called as each service of each account×region
	// finishes (three steps per unit). Calls are serialized.
	Progress func(Step)

	// Timeout bounds the whole load; 0 means none. When it passes, what was
	// read is returned with a *PartialError whose unfinished reads say "audit
	// timed out".
	Timeout time.Duration
	// CallTimeout bounds each API call, its retries included; 0 is
	// DefaultCallTimeout. A call that times out stops its service in that
	// account and region: an endpoint that does not answer one call will not
	// answer the next.
	CallTimeout time.Duration
	// MaxAnswerSize bounds the body of one answer; 0 is DefaultMaxAnswerSize. A
	// larger answer is a failed read.
	MaxAnswerSize int64

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

// DefaultCallTimeout is the default bound of one API call with its retries.
const DefaultCallTimeout = 30 * time.Second

// maxAttempts is higher than the SDK's 3: a sweep over many regions makes
// hundreds of Describe calls, and EC2 throttles per account and region.
const maxAttempts = 8

// Load reads the accounts and regions o names. When some of them, or some calls,
// could not be read it returns the network it did read together with a
// *PartialError; that includes a load cut short by ctx (an interrupt) or by
// o.Timeout, whose unfinished reads give the cause as their reason. Any other
// error (no configuration, no credentials, no region) means nothing was read.
func Load(ctx context.Context, o Options) (*model.Network, error) {
	if o.CallTimeout <= 0 {
		o.CallTimeout = DefaultCallTimeout
	}
	if o.MaxAnswerSize <= 0 {
		o.MaxAnswerSize = DefaultMaxAnswerSize
	}
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, o.Timeout, ErrAuditTimeout)
		defer cancel()
	}
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
	if err := checkCredentials(ctx, base, o); err != nil {
		return nil, err
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
	done, total := 0, len(units)*3
	var report func(Step)
	if o.Progress != nil {
		report = func(s Step) {
			progressMu.Lock()
			defer progressMu.Unlock()
			done++
			s.Done, s.Total = done, total
			o.Progress(s)
		}
	}
	forEach(conc, len(units), func(i int) {
		r := newReader(ctx, units[i])
		r.read(report)
		results[i] = r
	})

	net := model.New()
	all := newFacts()
	for _, r := range results {
		model.MergeMissing(net, r.net)
		all.merge(r.facts)
		errs.add(r.errs...)
	}
	link(net, all)

	if len(errs.list) > 0 {
		sortReadErrors(errs.list)
		return net, &PartialError{Errors: errs.list}
	}
	// Canceled after the last read: nothing is missing.
	return net, nil
}

// baseConfig loads the caller's configuration and sets the retryer, the SDK's
// logging and the guards every client of this load shares.
func baseConfig(ctx context.Context, o Options) (awssdk.Config, error) {
	var cfg awssdk.Config
	if o.Config != nil {
		cfg = o.Config.Copy()
	} else {
		opts := []func(*config.LoadOptions) error{
			// The SDK's own log lines (retry warnings, unknown fields) never reach
			// the user's terminal: what failed is reported as a ReadError.
			config.WithLogger(logging.Nop{}),
			config.WithClientLogMode(0),
			// A bound per attempt as well, for the calls the per-call deadline does
			// not wrap (SSO and instance-role credentials).
			config.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(o.CallTimeout)),
		}
		if o.Profile != "" {
			opts = append(opts, config.WithSharedConfigProfile(o.Profile))
		}
		var err error
		// LoadDefaultConfig also reads AWS_ENDPOINT_URL (cfg.BaseEndpoint) and keeps
		// the sources each client consults for AWS_ENDPOINT_URL_<SERVICE>.
		cfg, err = config.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return cfg, fmt.Errorf("load AWS configuration: %s", oneLine(err.Error()))
		}
	}
	// Keep a retry mode the user configured (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS):
	// only a default retryer is replaced, or one whose backoff a test shortens.
	if cfg.Retryer == nil || o.RetryMaxBackoff > 0 {
		cfg.Retryer = func() awssdk.Retryer {
			return retry.NewStandard(func(so *retry.StandardOptions) {
				so.MaxAttempts = maxAttempts
				// No client-side retry quota: a throttled sweep backs off and
				// retries rather than failing fast once the quota is spent; the
				// per-call and audit deadlines bound the waiting.
				so.RateLimiter = ratelimit.None
				if o.RetryMaxBackoff > 0 {
					so.MaxBackoff = o.RetryMaxBackoff
				}
			})
		}
	}
	cfg.APIOptions = append(cfg.APIOptions, callTimeout(o.CallTimeout), checkResponse(o.MaxAnswerSize))
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
		errs.add(ReadError{Account: acct, Region: cfg.Region, Service: "sts", Op: op, Err: stopped(ctx, err)})
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
			errs.add(ReadError{Account: a.id, Region: cfg.Region, Service: "ec2", Op: "DescribeRegions", Err: stopped(ctx, err)})
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
