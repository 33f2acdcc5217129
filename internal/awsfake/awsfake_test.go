package awsfake

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// noRetry keeps a fault from being retried away.
func noRetry(cfg *aws.Config) aws.Config {
	c := cfg.Copy()
	c.RetryMaxAttempts = 1
	return c
}

// TestServesEveryProtocol reads one fixture through each real SDK client.
func TestServesEveryProtocol(t *testing.T) {
	s := New(t)
	s.ServeDir(CallerAccount, "us-east-1", "network")
	cfg := noRetry(s.Config("us-east-1"))
	ctx := context.Background()

	vpcs, err := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(vpcs.Vpcs) != 2 {
		t.Fatalf("ec2 DescribeVpcs: %v, %d VPCs, want 2", err, len(vpcs.Vpcs))
	}
	conns, err := directconnect.NewFromConfig(cfg).DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	if err != nil || len(conns.Connections) != 4 || aws.ToString(conns.Connections[0].ConnectionId) != "dxcon-0000001" {
		t.Fatalf("directconnect DescribeConnections: %v, %+v", err, conns)
	}
	alarms, err := cloudwatch.NewFromConfig(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	if err != nil || len(alarms.MetricAlarms) != 5 {
		t.Fatalf("cloudwatch DescribeAlarms: %v, %d alarms, want 5", err, len(alarms.MetricAlarms))
	}
	if a := alarms.MetricAlarms[0]; aws.ToString(a.AlarmName) != "hq-vpn-tunnel-down" || aws.ToFloat64(a.Threshold) != 1 {
		t.Errorf("first alarm = %s threshold %v, want hq-vpn-tunnel-down 1", aws.ToString(a.AlarmName), aws.ToFloat64(a.Threshold))
	}
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Account) != CallerAccount {
		t.Fatalf("sts GetCallerIdentity: %v, %+v", err, id)
	}
	// Another region answers from nothing: an empty, well-formed response.
	other := noRetry(s.Config("eu-west-1"))
	if vpcs, err := ec2.NewFromConfig(other).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil || len(vpcs.Vpcs) != 0 {
		t.Errorf("unmapped region: %v, %d VPCs", err, len(vpcs.Vpcs))
	}

	want := []string{"cloudwatch:DescribeAlarms", "directconnect:DescribeConnections", "ec2:DescribeVpcs", "sts:GetCallerIdentity"}
	if got := s.Actions(); !reflect.DeepEqual(got, want) {
		t.Errorf("Actions() = %v, want %v", got, want)
	}
	if n := s.Count(CallerAccount, "us-east-1", "ec2", "DescribeVpcs"); n != 1 {
		t.Errorf("Count(us-east-1 DescribeVpcs) = %d, want 1", n)
	}
	if n := s.Count("*", "*", "ec2", "DescribeVpcs"); n != 2 {
		t.Errorf("Count(* DescribeVpcs) = %d, want 2", n)
	}
	if c := s.Calls()[0]; c.Key != "AKID"+CallerAccount || c.Account != CallerAccount || c.Region != "us-east-1" || c.Service != "ec2" {
		t.Errorf("first call = %+v", c)
	}
}

func TestPagesInlineBodiesAndAbsoluteDirs(t *testing.T) {
	s := New(t)
	abs, err := filepath.Abs("../../testdata/aws/paging")
	if err != nil {
		t.Fatal(err)
	}
	s.ServeDir(CallerAccount, "us-east-1", abs)
	s.ServeBody("*/*/directconnect/DescribeLags", `{"lags":[{"lagId":"dxlag-inline"}]}`)
	cfg := noRetry(s.Config("us-east-1"))
	ctx := context.Background()

	var ids []string
	p := ec2.NewDescribeVpcsPaginator(ec2.NewFromConfig(cfg), &ec2.DescribeVpcsInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range out.Vpcs {
			ids = append(ids, aws.ToString(v.VpcId))
		}
	}
	if want := []string{"vpc-0page1000000000001", "vpc-0page1000000000002", "vpc-0page2000000000003"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("paged VPCs = %v, want %v", ids, want)
	}
	var tokens []string
	for _, c := range s.Calls() {
		tokens = append(tokens, c.Token)
	}
	if !reflect.DeepEqual(tokens, []string{"", "page-2"}) {
		t.Errorf("tokens = %q", tokens)
	}
	lags, err := directconnect.NewFromConfig(cfg).DescribeLags(ctx, &directconnect.DescribeLagsInput{})
	if err != nil || len(lags.Lags) != 1 || aws.ToString(lags.Lags[0].LagId) != "dxlag-inline" {
		t.Errorf("inline DescribeLags: %v, %+v", err, lags)
	}
}

// TestFaultsUseEachProtocolsErrorShape: the SDK decodes every injected error
// code, a fault stops after its count, FailIf filters, HangUp cuts the line.
func TestFaultsUseEachProtocolsErrorShape(t *testing.T) {
	s := New(t)
	s.ServeDir(CallerAccount, "us-east-1", "network")
	s.FailWith("*/us-east-1/ec2/DescribeVpcs", 403, "UnauthorizedOperation", 1)
	s.FailWith("*/*/directconnect/*", 400, "DirectConnectClientException", -1)
	s.FailWith(CallerAccount+"/*/cloudwatch/DescribeAlarms", 403, "AccessDenied", -1)
	s.FailIf("*/*/sts/AssumeRole", func(c Call) bool { return strings.Contains(c.Form.Get("RoleArn"), "444455556666") }, 403, "AccessDenied", -1)
	s.HangUp("*/ap-south-1/*/*")
	cfg := noRetry(s.Config("us-east-1"))
	ctx := context.Background()

	code := func(err error) string {
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) {
			return apiErr.ErrorCode()
		}
		return fmt.Sprint(err)
	}
	e := ec2.NewFromConfig(cfg)
	if _, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); code(err) != "UnauthorizedOperation" {
		t.Errorf("first DescribeVpcs: %v, want UnauthorizedOperation", err)
	}
	if _, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil {
		t.Errorf("second DescribeVpcs: %v, want the fault spent", err)
	}
	if _, err := directconnect.NewFromConfig(cfg).DescribeLags(ctx, &directconnect.DescribeLagsInput{}); code(err) != "DirectConnectClientException" {
		t.Errorf("DescribeLags: %v", err)
	}
	if _, err := cloudwatch.NewFromConfig(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{}); code(err) != "AccessDenied" {
		t.Errorf("DescribeAlarms: %v", err)
	}
	stsc := sts.NewFromConfig(cfg)
	for role, want := range map[string]string{
		"arn:aws:iam::444455556666:role/audit": "AccessDenied",
		"arn:aws:iam::777788889999:role/audit": "",
	} {
		out, err := stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(role), RoleSessionName: aws.String("netlint")})
		switch {
		case want != "" && code(err) != want:
			t.Errorf("AssumeRole %s: %v, want %s", role, err, want)
		case want == "" && (err != nil || aws.ToString(out.Credentials.AccessKeyId) != "ASIA777788889999"):
			t.Errorf("AssumeRole %s: %v, %+v", role, err, out)
		}
	}
	south := noRetry(s.Config("ap-south-1"))
	if _, err := ec2.NewFromConfig(south).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err == nil {
		t.Error("a hung-up region answered")
	}
}

// recordingTB catches what the server reports to its test, and holds its
// cleanups until run.
type recordingTB struct {
	testing.TB
	mu       sync.Mutex
	errors   []string
	cleanups []func()
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

func (r *recordingTB) runCleanups() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

// TestReportsWriteActions: a call that is not read-only fails the test.
func TestReportsWriteActions(t *testing.T) {
	rec := &recordingTB{TB: t}
	s := New(rec)
	cfg := noRetry(s.Config("us-east-1"))
	ctx := context.Background()
	_, _ = ec2.NewFromConfig(cfg).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	_, _ = ec2.NewFromConfig(cfg).CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	_, _ = cloudwatch.NewFromConfig(cfg).PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("x")})
	rec.runCleanups()
	want := []string{
		"awsfake: cloudwatch:PutMetricAlarm was called, which is not a read-only action",
		"awsfake: ec2:CreateVpc was called, which is not a read-only action",
	}
	if !reflect.DeepEqual(rec.errors, want) {
		t.Errorf("reported %q, want %q", rec.errors, want)
	}
}

func TestReadOnlyAction(t *testing.T) {
	for action, want := range map[string]bool{
		"ec2:DescribeVpcs": true,
		"ec2:GetTransitGatewayRouteTableAssociations": true,
		"ec2:SearchTransitGatewayRoutes":              true,
		"directconnect:DescribeLags":                  true,
		"sts:AssumeRole":                              true,
		"sts:GetCallerIdentity":                       true,
		"ec2:CreateRoute":                             false,
		"ec2:ModifyVpcAttribute":                      false,
		"ec2:AcceptVpcPeeringConnection":              false,
		"sts:GetSessionToken":                         false,
		"cloudwatch:PutMetricAlarm":                   false,
		"DescribeVpcs":                                false,
	} {
		if got := ReadOnlyAction(action); got != want {
			t.Errorf("ReadOnlyAction(%s) = %v, want %v", action, got, want)
		}
	}
}
