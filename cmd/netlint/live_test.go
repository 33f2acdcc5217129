package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/awsfake"
	"github.com/netlint/netlint/internal/sarifcheck"
)

// Live tests run the CLI's --aws path end to end: the real AWS SDK default
// credential chain, pointed by AWS_ENDPOINT_URL at a local fake that answers
// from testdata/aws fixtures (internal/awsfake). The SDK reads the process
// environment, not env.getenv, so the AWS_* variables are set with t.Setenv
// (these tests cannot run in parallel).

const (
	liveAccount     = awsfake.CallerAccount
	liveEmptyConfig = "../../testdata/empty.netlint.yaml"
	liveProdVPC     = "vpc-0a00000000000prod"
)

// liveAWS points the SDK's default configuration chain at srv with the fake
// caller's static credentials in region, and clears every setting that could
// send the calls elsewhere or find other credentials.
func liveAWS(t *testing.T, srv *awsfake.Server, region string) {
	t.Helper()
	dir := t.TempDir()
	cfgFile, credFile := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	for _, p := range []string{cfgFile, credFile} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            srv.URL(),
		"AWS_ACCESS_KEY_ID":           "AKID" + liveAccount,
		"AWS_SECRET_ACCESS_KEY":       "secret",
		"AWS_REGION":                  region,
		"AWS_CONFIG_FILE":             cfgFile,
		"AWS_SHARED_CREDENTIALS_FILE": credFile,
		"AWS_MAX_ATTEMPTS":            "2",
		"AWS_EC2_METADATA_DISABLED":   "true",
		// Unset: anything that would pick other credentials, another region or
		// another endpoint.
		"AWS_SESSION_TOKEN":                      "",
		"AWS_DEFAULT_REGION":                     "",
		"AWS_PROFILE":                            "",
		"AWS_DEFAULT_PROFILE":                    "",
		"AWS_RETRY_MODE":                         "",
		"AWS_ROLE_ARN":                           "",
		"AWS_WEB_IDENTITY_TOKEN_FILE":            "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI":     "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS":    "",
		"AWS_USE_FIPS_ENDPOINT":                  "",
		"AWS_USE_DUALSTACK_ENDPOINT":             "",
		"AWS_ENDPOINT_URL_EC2":                   "",
		"AWS_ENDPOINT_URL_STS":                   "",
		"AWS_ENDPOINT_URL_DIRECT_CONNECT":        "",
		"AWS_ENDPOINT_URL_CLOUDWATCH":            "",
		"AWS_CA_BUNDLE":                          "",
	} {
		t.Setenv(k, v)
		if v == "" {
			os.Unsetenv(k)
		}
	}
}

// liveReport is the JSON report with the live fields of resources.
type liveReport struct {
	Findings   []liveFinding         `json:"findings"`
	Summary    map[string]int        `json:"summary"`
	Incomplete []finding.ReadFailure `json:"incomplete"`
}

type liveFinding struct {
	RuleID     string         `json:"rule_id"`
	Severity   string         `json:"severity"`
	Message    string         `json:"message"`
	Resources  []liveResource `json:"resources"`
	Suppressed bool           `json:"suppressed"`
}

type liveResource struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Region  string `json:"region"`
	Account string `json:"account"`
	ARN     string `json:"arn"`
}

func decodeLive(t *testing.T, s string) liveReport {
	t.Helper()
	var r liveReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("output is not the JSON report: %v\n%s", err, s)
	}
	return r
}

// find returns the findings of rule id that name every address given.
func (r liveReport) find(id string, addresses ...string) []liveFinding {
	var out []liveFinding
	for _, f := range r.Findings {
		if f.RuleID != id {
			continue
		}
		ok := true
		for _, a := range addresses {
			if f.resource(a) == nil {
				ok = false
			}
		}
		if ok {
			out = append(out, f)
		}
	}
	return out
}

func (f liveFinding) resource(address string) *liveResource {
	for i := range f.Resources {
		if f.Resources[i].Address == address {
			return &f.Resources[i]
		}
	}
	return nil
}

// addresses lists every resource address in the report, sorted and unique.
func (r liveReport) addresses() []string {
	set := map[string]bool{}
	for _, f := range r.Findings {
		for _, res := range f.Resources {
			set[res.Address] = true
		}
	}
	var out []string
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// TestLiveCheckReportsLiveElements audits the fixture account testdata/aws/network
// in us-east-1: findings name live elements by AWS id, with region and account;
// the exit code follows the findings; every call made was read-only and granted
// by the shipped IAM policy.
func TestLiveCheckReportsLiveElements(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")

	res := runCLI(t, "", "check", "--aws", "--region", "us-east-1", "-f", "json", "-c", liveEmptyConfig)
	if res.code != 1 {
		t.Fatalf("exit %d, want 1 (an error finding); stderr %q", res.code, res.stderr)
	}
	if res.stderr != "" {
		t.Errorf("stderr = %q, want nothing", res.stderr)
	}
	rep := decodeLive(t, res.stdout)

	// The source/destination check error (NL402) on a live ENI the private route
	// table sends 10.51.0.0/16 to.
	nl402 := rep.find("NL402", "eni-0lonely00000001", "rtb-0prod000000priv")
	if len(nl402) != 1 || nl402[0].Severity != "error" {
		t.Fatalf("want one NL402 error on eni-0lonely00000001 via rtb-0prod000000priv, got %+v", rep.find("NL402"))
	}
	if got, want := *nl402[0].resource("eni-0lonely00000001"),
		(liveResource{Address: "eni-0lonely00000001", Type: "aws_network_interface", Region: "us-east-1", Account: liveAccount}); got != want {
		t.Errorf("NL402 resource = %+v, want %+v", got, want)
	}
	// A warning per rule family, each naming the live ids.
	for _, want := range []struct {
		id    string
		names []string
	}{
		{"NL109", []string{"vpn-0hq0000000000001"}},
		{"NL401", []string{"i-0appliance0000001", "rtb-0prod000000priv", liveProdVPC}},
		{"NL801", []string{"cvpn-endpoint-0remote000000001", "subnet-0prod00000001a"}},
	} {
		if len(rep.find(want.id, want.names...)) != 1 {
			t.Errorf("no %s finding naming %v", want.id, want.names)
		}
	}
	// Both gateways with one customer device are reached over Direct Connect
	// (a private VIF on the VGW, a transit VIF on the TGW's DX gateway): the VPN
	// is the backup path, so NL102 stays quiet.
	if got := rep.find("NL102"); len(got) != 0 {
		t.Errorf("NL102 on DX-backed gateways: %+v", got)
	}
	// An ARN is reported when AWS gave one.
	var tgw *liveResource
	for _, f := range rep.Findings {
		if r := f.resource("tgw-0hub0000000000001"); r != nil {
			tgw = r
		}
	}
	if tgw == nil || tgw.ARN != "arn:aws:ec2:us-east-1:111122223333:transit-gateway/tgw-0hub0000000000001" {
		t.Errorf("TGW resource = %+v, want its ARN", tgw)
	}

	// Every element read is reported by AWS id with its region and account, and
	// never with a file or line. (A resource without a type is a link to an
	// element that was not read, such as another account's VPC.)
	for _, f := range rep.Findings {
		for _, r := range f.Resources {
			if r.File != "" || r.Line != 0 {
				t.Errorf("%s: live resource %s has a location %s:%d", f.RuleID, r.Address, r.File, r.Line)
			}
			if strings.HasPrefix(r.Address, "aws_") || strings.Contains(r.Address, ".") {
				t.Errorf("%s: live resource address %q is not an AWS id", f.RuleID, r.Address)
			}
			if r.Type != "" && (r.Account != liveAccount || (r.Region != "us-east-1" && r.Region != "global")) {
				t.Errorf("%s: %s (%s) has region %q account %q, want us-east-1 (or global) and %s", f.RuleID, r.Address, r.Type, r.Region, r.Account, liveAccount)
			}
		}
	}
	// The JSON carries the live fields themselves (report/json.go, omitempty).
	for _, field := range []string{`"region": "us-east-1"`, `"account": "111122223333"`} {
		if !strings.Contains(res.stdout, field) {
			t.Errorf("the JSON report has no %s", field)
		}
	}
	if rep.Summary["error"] != 1 || rep.Summary["warning"] == 0 {
		t.Errorf("summary = %v, want 1 error and some warnings", rep.Summary)
	}

	// The calls: read-only, and each granted by iam/netlint-readonly-policy.json.
	called := srv.Actions()
	policy := liveIAMPolicyActions(t)
	for _, a := range called {
		if !awsfake.ReadOnlyAction(a) {
			t.Errorf("the live check called %s, which is not read-only", a)
		}
		if !policy[a] {
			t.Errorf("the live check called %s, which the shipped IAM policy does not grant", a)
		}
	}
	for _, a := range []string{"sts:GetCallerIdentity", "ec2:DescribeVpcs", "ec2:DescribeRouteTables",
		"directconnect:DescribeConnections", "cloudwatch:DescribeAlarms"} {
		if !slices.Contains(called, a) {
			t.Errorf("%s was never called; called: %v", a, called)
		}
	}
	for _, c := range srv.Calls() {
		if c.Region != "us-east-1" || c.Account != liveAccount {
			t.Errorf("%s:%s went to %s/%s, want only %s/us-east-1", c.Service, c.Action, c.Account, c.Region, liveAccount)
		}
	}

	// Exit codes follow the findings and --fail-on.
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"--skip", "NL402"}, 0},                         // warnings and notices only
		{[]string{"--skip", "NL402", "--fail-on", "warning"}, 1}, // ...which now fail
		{[]string{"--fail-on", "never"}, 0},                      // never fails
		{[]string{"--only", "NL303", "--fail-on", "notice"}, 1},  // a notice at notice
		{[]string{"--only", "NL303"}, 0},                         // a notice at error
	} {
		args := append([]string{"check", "--aws", "-f", "json", "-c", liveEmptyConfig}, tc.args...)
		if r := runCLI(t, "", args...); r.code != tc.want {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, r.code, tc.want, r.stderr)
		}
	}
}

// liveIAMPolicyActions reads the actions the shipped read-only policy grants.
func liveIAMPolicyActions(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("../../iam/netlint-readonly-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Statement []struct {
			Action json.RawMessage
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, st := range doc.Statement {
		var list []string
		if err := json.Unmarshal(st.Action, &list); err != nil {
			var one string
			if err := json.Unmarshal(st.Action, &one); err != nil {
				t.Fatalf("policy Action %s", st.Action)
			}
			list = []string{one}
		}
		for _, a := range list {
			out[a] = true
		}
	}
	return out
}

// TestLivePartialAuditReportsWhatWasRead denies CloudWatch in the second of two
// regions: the report of everything read is still written (stdout or -o), the
// run exits 2, and stderr is one line naming the account, region and action.
// snapshot refuses to write a partial model.
func TestLivePartialAuditReportsWhatWasRead(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.ServeDir(liveAccount, "eu-west-1", "euw1")
	srv.FailWith(liveAccount+"/eu-west-1/cloudwatch/DescribeAlarms", 403, "AccessDenied", -1)
	liveAWS(t, srv, "us-east-1")

	const wantErr = "netlint: aws: could not read: 111122223333/eu-west-1 cloudwatch:DescribeAlarms AccessDenied\n"
	args := []string{"check", "--aws", "--region", "us-east-1", "--region", "eu-west-1", "-f", "json", "-c", liveEmptyConfig}

	res := runCLI(t, "", args...)
	if res.code != 2 {
		t.Fatalf("exit %d, want 2 for a partial audit; stderr %q", res.code, res.stderr)
	}
	if res.stderr != wantErr {
		t.Errorf("stderr = %q, want %q", res.stderr, wantErr)
	}
	rep := decodeLive(t, res.stdout)
	if len(rep.find("NL402", "eni-0lonely00000001")) != 1 {
		t.Error("the us-east-1 findings are missing from the partial report")
	}
	// eu-west-1 was read apart from its alarms: its VPN is in the model.
	if n := srv.Count(liveAccount, "eu-west-1", "ec2", "DescribeVpnConnections"); n != 1 {
		t.Errorf("eu-west-1 DescribeVpnConnections called %d times, want 1", n)
	}
	for _, c := range srv.Calls() {
		if c.Region != "us-east-1" && c.Region != "eu-west-1" {
			t.Errorf("%s:%s went to %s", c.Service, c.Action, c.Region)
		}
	}

	// Every format says the audit is partial, and what was not read.
	var withIncomplete struct {
		Incomplete []finding.ReadFailure `json:"incomplete"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &withIncomplete); err != nil {
		t.Fatal(err)
	}
	want := []finding.ReadFailure{{Account: liveAccount, Region: "eu-west-1", Action: "cloudwatch:DescribeAlarms", Error: "AccessDenied"}}
	if !reflect.DeepEqual(withIncomplete.Incomplete, want) {
		t.Errorf("json incomplete = %+v, want %+v", withIncomplete.Incomplete, want)
	}
	sres := runCLI(t, "", append(args[:len(args)-4:len(args)-4], "-f", "sarif", "-c", liveEmptyConfig)...)
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ToolExecutionNotifications []struct {
					Level   string `json:"level"`
					Message struct{ Text string }
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sres.stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("sarif: %v %s", err, sres.stdout)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Message.Text != "could not read 111122223333/eu-west-1 cloudwatch:DescribeAlarms: AccessDenied" {
		t.Errorf("sarif invocation = %+v", inv)
	}
	if err := sarifcheck.Validate([]byte(sres.stdout)); err != nil {
		t.Errorf("sarif of a partial audit does not validate: %v", err)
	}
	for _, f := range []string{"text", "markdown"} {
		r := runCLI(t, "", append(args[:len(args)-4:len(args)-4], "-f", f, "-c", liveEmptyConfig)...)
		if !strings.Contains(r.stdout, "1 read failed") || !strings.Contains(r.stdout, "could not read 111122223333/eu-west-1 cloudwatch:DescribeAlarms: AccessDenied") {
			t.Errorf("%s report lacks the incomplete banner:\n%s", f, r.stdout)
		}
	}

	// With -o the report goes to the file, the error still to stderr.
	out := filepath.Join(t.TempDir(), "report.json")
	res = runCLI(t, "", append(args, "-o", out)...)
	if res.code != 2 || res.stderr != wantErr || res.stdout != "" {
		t.Errorf("-o: exit %d, stdout %q, stderr %q; want 2, nothing, %q", res.code, res.stdout, res.stderr, wantErr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("-o: the partial report was not written: %v", err)
	}
	if len(decodeLive(t, string(data)).find("NL402", "eni-0lonely00000001")) != 1 {
		t.Error("-o: the report file lacks the us-east-1 findings")
	}

	// A partial snapshot keeps what was read and lists what was not; a check
	// of it is as incomplete as the audit was, never clean.
	snap := filepath.Join(t.TempDir(), "network.json")
	res = runCLI(t, "", "snapshot", "--aws", "--region", "us-east-1", "--region", "eu-west-1", "-o", snap)
	if res.code != 2 || res.stderr != wantErr {
		t.Errorf("snapshot: exit %d, stderr %q; want 2, %q", res.code, res.stderr, wantErr)
	}
	var written struct {
		Incomplete []finding.ReadFailure `json:"incomplete"`
	}
	if data, err := os.ReadFile(snap); err != nil || json.Unmarshal(data, &written) != nil || len(written.Incomplete) == 0 {
		t.Fatalf("the partial snapshot does not list its failed reads (%v): %+v", err, written)
	}
	res = runCLI(t, "", "check", "-c", liveEmptyConfig, "-f", "json", snap)
	if res.code != 2 || !strings.Contains(res.stderr, "a snapshot of an incomplete audit") {
		t.Errorf("check of a partial snapshot: exit %d, stderr %q", res.code, res.stderr)
	}
	if rep := decodeLive(t, res.stdout); !reflect.DeepEqual(rep.Incomplete, written.Incomplete) {
		t.Errorf("check of a partial snapshot: incomplete = %+v, want %+v", rep.Incomplete, written.Incomplete)
	} else if len(rep.find("NL402", "eni-0lonely00000001")) != 1 {
		t.Error("check of a partial snapshot lacks what was read")
	}
}

// TestLivePartialAlarmsAreNotMissingAlarms: when DescribeAlarms is denied, the
// alarms are unknown, not absent; the rules that look for a missing alarm (NL107
// VPN tunnel state, NL404 appliance status check) must not report one, and
// list the elements of that account and region as not evaluated, saying why.
// Elements of a region whose alarms were read are still judged.
func TestLivePartialAlarmsAreNotMissingAlarms(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.ServeDir(liveAccount, "eu-west-1", "euw1")
	liveAWS(t, srv, "us-east-1")
	args := []string{"check", "--aws", "-f", "json", "-c", liveEmptyConfig, "--only", "NL107,NL404", "--fail-on", "never"}

	full := decodeIncomplete(t, runCLI(t, "", args...).stdout)
	srv.FailWith("*/us-east-1/cloudwatch/DescribeAlarms", 403, "AccessDenied", -1)
	res := runCLI(t, "", args...)
	if res.code != 2 {
		t.Fatalf("exit %d, want 2; stderr %q", res.code, res.stderr)
	}
	partial := decodeIncomplete(t, res.stdout)
	if len(partial.Findings) != 0 {
		var msgs []string
		for _, f := range partial.Findings {
			msgs = append(msgs, f.RuleID+" "+f.Message)
		}
		t.Errorf("unread alarms were taken for missing ones:\n%s", strings.Join(msgs, "\n"))
	}
	// The VPN connections and the forwarding instance are not evaluated, for
	// that reason.
	const reason = "the CloudWatch alarms of 111122223333/us-east-1 could not be read"
	var got []string
	for _, n := range partial.NotEvaluated {
		if n.Reason == reason {
			got = append(got, n.RuleID+" "+n.Resource)
		}
	}
	sort.Strings(got)
	if want := []string{"NL107 vpn-0dc0000000000002", "NL107 vpn-0hq0000000000001", "NL404 i-0appliance0000001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("not evaluated for unread alarms: %v, want %v; not_evaluated = %+v", got, want, partial.NotEvaluated)
	}

	// Two regions, eu-west-1's alarms denied: us-east-1 is judged as before,
	// eu-west-1's VPN connection is not evaluated.
	srv2 := awsfake.New(t)
	srv2.ServeDir(liveAccount, "us-east-1", "network")
	srv2.ServeDir(liveAccount, "eu-west-1", "euw1")
	srv2.FailWith("*/eu-west-1/cloudwatch/DescribeAlarms", 403, "AccessDenied", -1)
	liveAWS(t, srv2, "us-east-1")
	both := decodeIncomplete(t, runCLI(t, "", append(args, "--region", "us-east-1", "--region", "eu-west-1")...).stdout)
	if len(both.Findings) != len(full.Findings) {
		t.Errorf("us-east-1, whose alarms were read: %d findings, want %d", len(both.Findings), len(full.Findings))
	}
	want := liveNotEvaluated{RuleID: "NL107", Resource: "vpn-0euw1000000000001", Reason: "the CloudWatch alarms of 111122223333/eu-west-1 could not be read"}
	if !slices.Contains(both.NotEvaluated, want) {
		t.Errorf("not_evaluated = %+v, want %+v among them", both.NotEvaluated, want)
	}
	for _, n := range both.NotEvaluated {
		if strings.Contains(n.Reason, "us-east-1 could not be read") {
			t.Errorf("%s %s in us-east-1, whose alarms were read, is not evaluated: %s", n.RuleID, n.Resource, n.Reason)
		}
	}
}

// TestLiveSnapshotChecksOfflineAlike writes a snapshot of the live account and
// checks it offline: the report is the live check's, byte for byte, and the
// offline check calls no AWS endpoint.
func TestLiveSnapshotChecksOfflineAlike(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")

	live := runCLI(t, "", "check", "--aws", "-f", "json", "-c", liveEmptyConfig)
	if live.code != 1 {
		t.Fatalf("live check: exit %d, stderr %q", live.code, live.stderr)
	}
	snap := filepath.Join(t.TempDir(), "network.json")
	res := runCLI(t, "", "snapshot", "--aws", "--region", "us-east-1", "-o", snap)
	if res.code != 0 || res.stdout != "" || res.stderr != "" {
		t.Fatalf("snapshot: exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data[:min(len(data), 64)]), `"netlint_snapshot": 1`) {
		t.Errorf("snapshot does not start with its marker: %.80s", data)
	}

	before := len(srv.Calls())
	offline := runCLI(t, "", "check", "-f", "json", "-c", liveEmptyConfig, snap)
	if offline.code != live.code || offline.stderr != "" {
		t.Errorf("offline check: exit %d, stderr %q; want %d and nothing", offline.code, offline.stderr, live.code)
	}
	if offline.stdout != live.stdout {
		t.Errorf("the offline check of the snapshot differs from the live check:\n--- live\n%s\n--- offline\n%s", live.stdout, offline.stdout)
	}
	if n := len(srv.Calls()) - before; n != 0 {
		t.Errorf("the offline check made %d AWS calls", n)
	}
	if len(decodeLive(t, offline.stdout).Findings) == 0 {
		t.Error("the snapshot gives no findings")
	}

	// snapshot to stdout is the same document.
	res = runCLI(t, "", "snapshot", "--aws")
	if res.code != 0 || res.stdout != string(data) {
		t.Errorf("snapshot to stdout: exit %d, differs from -o: %v (stderr %q)", res.code, res.stdout != string(data), res.stderr)
	}
}

// TestLivePlanOverLive checks plans (testdata/live/*.fixture.yaml) laid over the
// live account: a plan resource may point at a live element by its id, and a
// plan resource whose known id is a live element's replaces that element.
func TestLivePlanOverLive(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")

	t.Run("peering to a live VPC id", func(t *testing.T) {
		res := runCLI(t, "", "check", "../../testdata/live/peer-live-vpc.plan.json", "--aws", "-f", "json", "-c", liveEmptyConfig)
		if res.code != 1 {
			t.Fatalf("exit %d, want 1; stderr %q", res.code, res.stderr)
		}
		rep := decodeLive(t, res.stdout)
		nl001 := rep.find("NL001", "aws_vpc.analytics", liveProdVPC)
		if len(nl001) != 1 {
			t.Fatalf("want one NL001 naming aws_vpc.analytics and %s, got %+v", liveProdVPC, rep.find("NL001"))
		}
		f := nl001[0]
		for _, s := range []string{"aws_vpc.analytics", "10.0.64.0/20", liveProdVPC, "10.0.0.0/16", "aws_vpc_peering_connection.analytics_prod"} {
			if !strings.Contains(f.Message, s) {
				t.Errorf("NL001 message does not mention %s: %s", s, f.Message)
			}
		}
		// The plan's VPC is a Terraform address; the live one keeps its origin.
		if r := f.resource(liveProdVPC); r.Type != "aws_vpc" || r.Region != "us-east-1" || r.Account != liveAccount {
			t.Errorf("live VPC resource = %+v, want aws_vpc in us-east-1/%s", r, liveAccount)
		}
		if r := f.resource("aws_vpc.analytics"); r.Type != "aws_vpc" || r.Region != "us-east-1" {
			t.Errorf("plan VPC resource = %+v, want aws_vpc in the provider's us-east-1", r)
		}
		// The live findings are still there.
		if len(rep.find("NL402", "eni-0lonely00000001")) != 1 {
			t.Error("the live account's own findings are missing")
		}
	})

	t.Run("plan resource replaces the live element with its id", func(t *testing.T) {
		res := runCLI(t, "", "check", "../../testdata/live/adopt-live-vpc.plan.json", "--aws", "-f", "json", "-c", liveEmptyConfig)
		if res.code != 1 {
			t.Fatalf("exit %d, want 1; stderr %q", res.code, res.stderr)
		}
		rep := decodeLive(t, res.stdout)
		nl001 := rep.find("NL001", "aws_vpc.analytics", "aws_vpc.prod")
		if len(nl001) != 1 {
			t.Fatalf("want one NL001 naming aws_vpc.analytics and aws_vpc.prod, got %+v", rep.find("NL001"))
		}
		if r := nl001[0].resource("aws_vpc.prod"); r.Region != "us-east-1" || r.Account != liveAccount {
			t.Errorf("aws_vpc.prod = %+v, want us-east-1/%s", r, liveAccount)
		}
		// The live VPC is gone under its id: the plan's element stands in its
		// place, and live elements that linked to it now link to the plan's.
		if slices.Contains(rep.addresses(), liveProdVPC) {
			t.Errorf("the live %s is still reported beside the plan's aws_vpc.prod: %v", liveProdVPC, rep.addresses())
		}
		for _, f := range rep.Findings {
			if strings.Contains(f.Message, liveProdVPC) {
				t.Errorf("%s still names the replaced %s: %s", f.RuleID, liveProdVPC, f.Message)
			}
		}
		if len(rep.find("NL401", "i-0appliance0000001", "rtb-0prod000000priv", "aws_vpc.prod")) != 1 {
			t.Errorf("the live route table's finding does not link to aws_vpc.prod: %+v", rep.find("NL401"))
		}
	})
}

// TestLiveWaiverOnLiveID waives findings by a glob on live ids.
func TestLiveWaiverOnLiveID(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")

	cfg := filepath.Join(t.TempDir(), ".netlint.yaml")
	if err := os.WriteFile(cfg, []byte(`waivers:
  - rule: NL109
    resource: vpn-*
    reason: tunnel 2 is down for the ISP's maintenance window
    expires: 2999-12-31
  - rule: NL401
    resource: i-0appliance000000?
    reason: single VPN instance, replaced by the TGW VPN next quarter
`), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"check", "--aws", "-f", "json", "--only", "NL109,NL401,NL801", "--fail-on", "warning"}

	// Without the waivers: four warnings (NL109, NL401 on an instance and on an
	// ENI, NL801), exit 1.
	res := runCLI(t, "", append(args, "-c", liveEmptyConfig)...)
	if rep := decodeLive(t, res.stdout); res.code != 1 || rep.Summary["warning"] != 4 {
		t.Fatalf("without waivers: exit %d, summary %v, want 1 and 4 warnings; stderr %q\n%s", res.code, rep.Summary, res.stderr, res.stdout)
	}

	res = runCLI(t, "", append(args, "-c", cfg)...)
	rep := decodeLive(t, res.stdout)
	for _, f := range rep.Findings {
		wantSuppressed := f.RuleID == "NL109" || (f.RuleID == "NL401" && f.resource("i-0appliance0000001") != nil)
		if f.Suppressed != wantSuppressed {
			t.Errorf("%s on %v: suppressed %v, want %v", f.RuleID, f.Resources, f.Suppressed, wantSuppressed)
		}
	}
	if len(rep.find("NL109", "vpn-0hq0000000000001")) != 1 || len(rep.find("NL401", "i-0appliance0000001")) != 1 {
		t.Fatalf("waived findings must stay in the report: %s", res.stdout)
	}
	// The ENI's NL401 and the Client VPN warning match neither glob.
	if res.code != 1 || rep.Summary["suppressed"] != 2 || rep.Summary["warning"] != 2 {
		t.Errorf("exit %d, summary %v; want 1 with 2 suppressed and 2 warnings", res.code, rep.Summary)
	}

	// Waive everything: exit 0.
	if err := os.WriteFile(cfg, []byte(`waivers:
  - rule: "*"
    resource: "*"
    reason: audit of a lab account
`), 0o644); err != nil {
		t.Fatal(err)
	}
	res = runCLI(t, "", append(args, "-c", cfg)...)
	rep = decodeLive(t, res.stdout)
	if res.code != 0 || rep.Summary["suppressed"] != 4 || rep.Summary["warning"] != 0 {
		t.Errorf("all waived: exit %d, summary %v; want 0 with 4 suppressed", res.code, rep.Summary)
	}
	var got []bool
	for _, f := range rep.Findings {
		got = append(got, f.Suppressed)
	}
	if !reflect.DeepEqual(got, []bool{true, true, true, true}) {
		t.Errorf("suppressed flags = %v, want four true", got)
	}
}

// TestLiveProgress: progress goes to stderr only when asked (--progress) or on a
// terminal; a pipe (as in these tests) gets none by default, and with
// --progress plain lines (TestLiveProgressLines).
func TestLiveProgress(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")

	quiet := runCLI(t, "", "check", "--aws", "--region", "us-east-1", "-f", "json", "-c", liveEmptyConfig)
	if quiet.stderr != "" {
		t.Fatalf("no progress on a pipe by default, got %q", quiet.stderr)
	}
	loud := runCLI(t, "", "check", "--aws", "--region", "us-east-1", "-f", "json", "--progress", "-c", liveEmptyConfig)
	if !strings.Contains(loud.stderr, "111122223333/us-east-1 ec2: ") || loud.stdout != quiet.stdout {
		t.Fatalf("--progress: stderr %q; the report must not change", loud.stderr)
	}
}
