package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/awsfake"
)

// liveIncomplete is the JSON report's incomplete list and not_evaluated.
type liveIncomplete struct {
	Findings     []liveFinding         `json:"findings"`
	Incomplete   []finding.ReadFailure `json:"incomplete"`
	NotEvaluated []liveNotEvaluated    `json:"not_evaluated"`
}

type liveNotEvaluated struct {
	RuleID   string `json:"rule_id"`
	Resource string `json:"resource"`
	Reason   string `json:"reason"`
}

func decodeIncomplete(t *testing.T, s string) liveIncomplete {
	t.Helper()
	var r liveIncomplete
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("output is not the JSON report: %v\n%s", err, s)
	}
	return r
}

// oneStderrLine fails unless stderr is exactly want: one line, no goroutine
// dump, no SDK log.
func oneStderrLine(t *testing.T, res result, want string) {
	t.Helper()
	if res.stderr != want+"\n" {
		t.Errorf("stderr = %q, want %q", res.stderr, want+"\n")
	}
	if strings.Contains(res.stderr, "goroutine ") || strings.Count(res.stderr, "\n") > 1 {
		t.Errorf("stderr is not one line: %q", res.stderr)
	}
}

// TestLiveHangingEndpointTimesOut: an endpoint that accepts a call and never
// answers ends in one call timeout, well within the audit's deadline: exit 2,
// one line naming the account, region and action, the report written with the
// call listed as not read. snapshot and path end alike.
func TestLiveHangingEndpointTimesOut(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.ServeDir(liveAccount, "eu-west-1", "euw1")
	srv.Hang(liveAccount+"/eu-west-1/ec2/DescribeVpcs", -1)
	liveAWS(t, srv, "us-east-1")
	const wantErr = "netlint: aws: could not read: 111122223333/eu-west-1 ec2:DescribeVpcs timed out"
	regions := []string{"--region", "us-east-1", "--region", "eu-west-1", "--call-timeout", "500ms"}

	start := time.Now()
	res := runCLI(t, "", append([]string{"check", "--aws", "-f", "json", "-c", liveEmptyConfig}, regions...)...)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the check took %s with a 500ms call timeout", d)
	}
	if res.code != 2 {
		t.Fatalf("exit %d, want 2; stderr %q", res.code, res.stderr)
	}
	oneStderrLine(t, res, wantErr)
	rep := decodeIncomplete(t, res.stdout)
	want := []finding.ReadFailure{{Account: liveAccount, Region: "eu-west-1", Action: "ec2:DescribeVpcs", Error: "timed out"}}
	if !reflect.DeepEqual(rep.Incomplete, want) {
		t.Errorf("incomplete = %+v, want %+v", rep.Incomplete, want)
	}
	if len(decodeLive(t, res.stdout).find("NL402", "eni-0lonely00000001")) != 1 {
		t.Error("the us-east-1 findings are missing")
	}

	snap := filepath.Join(t.TempDir(), "network.json")
	res = runCLI(t, "", append([]string{"snapshot", "--aws", "-o", snap}, regions...)...)
	if res.code != 2 {
		t.Errorf("snapshot: exit %d, want 2", res.code)
	}
	oneStderrLine(t, res, wantErr)
	res = runCLI(t, "", append([]string{"path", "--aws", "-c", liveEmptyConfig, "vpc-0a00000000000prod", "10.99.0.1"}, regions...)...)
	if res.code != 2 {
		t.Errorf("path: exit %d, want 2 (stderr %q)", res.code, res.stderr)
	}
	oneStderrLine(t, res, wantErr)
}

// TestLiveAuditDeadline: --timeout ends the whole audit; what was read is
// reported, the rest is listed as not read, exit 2.
func TestLiveAuditDeadline(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.Hang("*/eu-west-1/*/*", -1)
	liveAWS(t, srv, "us-east-1")

	start := time.Now()
	res := runCLI(t, "", "check", "--aws", "--region", "us-east-1", "--region", "eu-west-1", "-f", "json", "-c", liveEmptyConfig,
		"--timeout", "1s", "--call-timeout", "1m")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the check took %s with a 1s timeout", d)
	}
	if res.code != 2 {
		t.Fatalf("exit %d, want 2; stderr %q", res.code, res.stderr)
	}
	if !strings.HasPrefix(res.stderr, "netlint: aws: could not read: 111122223333/eu-west-1 ") ||
		!strings.Contains(res.stderr, "audit timed out") || strings.Count(res.stderr, "\n") != 1 {
		t.Errorf("stderr = %q", res.stderr)
	}
	rep := decodeIncomplete(t, res.stdout)
	if len(rep.Incomplete) == 0 {
		t.Fatal("the report does not say it is incomplete")
	}
	for _, f := range rep.Incomplete {
		if f.Region != "eu-west-1" || f.Error != "audit timed out" || f.Action == "" {
			t.Errorf("incomplete entry %+v, want eu-west-1 reads cut by the audit timeout", f)
		}
	}

	for _, bad := range [][]string{{"--timeout", "0s"}, {"--call-timeout", "-1s"}, {"--timeout", "soon"}} {
		res := runCLI(t, "", append([]string{"check", "--aws", "-c", liveEmptyConfig}, bad...)...)
		if res.code != 2 || res.stdout != "" || strings.Count(res.stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", bad, res.code, res.stderr)
		}
	}
	if res := runCLI(t, "", "check", "--timeout", "1m", "-c", liveEmptyConfig, "../../examples/hub-and-spoke/plan.json"); res.code != 2 ||
		!strings.Contains(res.stderr, "need --aws") {
		t.Errorf("--timeout without --aws: exit %d, stderr %q", res.code, res.stderr)
	}
}

// TestLiveThrottling: throttled calls are retried until they pass, silently;
// a call throttled on every attempt is a failed read naming the code.
func TestLiveThrottling(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")
	args := []string{"check", "--aws", "-f", "json", "-c", liveEmptyConfig}
	full := runCLI(t, "", args...)

	for _, m := range []string{"*/*/sts/GetCallerIdentity", "*/*/ec2/DescribeRouteTables", "*/*/directconnect/DescribeConnections", "*/*/cloudwatch/DescribeAlarms"} {
		srv.Throttle(m, 1)
	}
	res := runCLI(t, "", args...)
	if res.code != full.code || res.stderr != "" || res.stdout != full.stdout {
		t.Errorf("throttled once: exit %d, stderr %q; want the unthrottled report and nothing on stderr", res.code, res.stderr)
	}

	srv.Throttle("*/*/ec2/DescribeRouteTables", -1)
	res = runCLI(t, "", args...)
	if res.code != 2 {
		t.Fatalf("throttled forever: exit %d, want 2", res.code)
	}
	oneStderrLine(t, res, "netlint: aws: could not read: 111122223333/us-east-1 ec2:DescribeRouteTables RequestLimitExceeded (gave up after 2 attempts)")
	if rep := decodeIncomplete(t, res.stdout); len(rep.Incomplete) != 1 || rep.Incomplete[0].Action != "ec2:DescribeRouteTables" {
		t.Errorf("incomplete = %+v", rep.Incomplete)
	}
}

// TestLiveGarbledAnswer: a 200 whose body is not the action's document is a
// failed read of that action (exit 2), not an empty region or a panic.
func TestLiveGarbledAnswer(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.Garble("*/*/ec2/DescribeVpcs", "<html>\n<body>\x1b[31mProxy error</body>", -1)
	srv.Garble("*/*/directconnect/DescribeLags", `{"lags": [{"lagId": 7}]}`, -1)
	liveAWS(t, srv, "us-east-1")

	res := runCLI(t, "", "check", "--aws", "-f", "json", "-c", liveEmptyConfig)
	if res.code != 2 {
		t.Fatalf("exit %d, want 2; stderr %q", res.code, res.stderr)
	}
	if !strings.HasPrefix(res.stderr, "netlint: aws: could not read: 111122223333/us-east-1 directconnect:DescribeLags unreadable answer: ") ||
		!strings.Contains(res.stderr, "; 111122223333/us-east-1 ec2:DescribeVpcs unreadable answer: XML of another kind") ||
		strings.Count(res.stderr, "\n") != 1 || strings.Contains(res.stderr, "\x1b") {
		t.Errorf("stderr = %q", res.stderr)
	}
	rep := decodeIncomplete(t, res.stdout)
	if len(rep.Incomplete) != 2 {
		t.Errorf("incomplete = %+v, want DescribeLags and DescribeVpcs", rep.Incomplete)
	}
	for _, f := range rep.Incomplete {
		if strings.ContainsAny(f.Error, "\n\r\x1b") {
			t.Errorf("incomplete error %q is not one plain line", f.Error)
		}
	}
}

// TestLiveWithoutCredentials: no credentials anywhere is one actionable line,
// at once, with no report.
func TestLiveWithoutCredentials(t *testing.T) {
	srv := awsfake.New(t)
	noAWSEnv(t)
	t.Setenv("AWS_ENDPOINT_URL", srv.URL())
	t.Setenv("AWS_REGION", "eu-west-1")

	for _, args := range [][]string{
		{"check", "--aws", "-c", liveEmptyConfig},
		{"snapshot", "--aws"},
		{"path", "--aws", "-c", liveEmptyConfig, "10.0.0.1", "10.1.0.1"},
	} {
		start := time.Now()
		res := runCLI(t, "", args...)
		if res.code != 2 || res.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want 2 and no report", args, res.code, res.stdout)
		}
		oneStderrLine(t, res, "netlint: aws: no AWS credentials found: set AWS_PROFILE, run `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%v took %s", args, d)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls without credentials", n)
	}
}

// noAWSEnv leaves the SDK nothing to find: no AWS_* variable, an empty home,
// config files that do not exist, no instance metadata.
func noAWSEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(home, "nonexistent", "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, "nonexistent", "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// TestLiveNothingReadIsNotClean: when every read fails (credentials refused,
// the only role refused) the report is still written, says it is incomplete,
// and the run exits 2.
func TestLiveNothingReadIsNotClean(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   string
		code    string
		args    []string
		want    finding.ReadFailure
		wantErr string
	}{
		{"credentials refused", "*/*/sts/GetCallerIdentity", "InvalidClientTokenId", nil,
			finding.ReadFailure{Region: "us-east-1", Action: "sts:GetCallerIdentity", Error: "InvalidClientTokenId"},
			"netlint: aws: could not read: us-east-1 sts:GetCallerIdentity InvalidClientTokenId"},
		{"role refused", "*/*/sts/AssumeRole", "AccessDenied", []string{"--role-arn", "arn:aws:iam::444455556666:role/netlint-audit"},
			finding.ReadFailure{Account: "444455556666", Region: "us-east-1", Action: "sts:AssumeRole", Error: "AccessDenied"},
			"netlint: aws: could not read: 444455556666/us-east-1 sts:AssumeRole AccessDenied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := awsfake.New(t)
			srv.ServeDir(liveAccount, "us-east-1", "network")
			srv.FailWith(tc.fault, 403, tc.code, -1)
			liveAWS(t, srv, "us-east-1")

			res := runCLI(t, "", append([]string{"check", "--aws", "-f", "json", "-c", liveEmptyConfig}, tc.args...)...)
			if res.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", res.code, res.stderr)
			}
			oneStderrLine(t, res, tc.wantErr)
			rep := decodeIncomplete(t, res.stdout)
			if !reflect.DeepEqual(rep.Incomplete, []finding.ReadFailure{tc.want}) || len(rep.Findings) != 0 {
				t.Errorf("incomplete = %+v, findings %d; want %+v and none", rep.Incomplete, len(rep.Findings), tc.want)
			}
			text := runCLI(t, "", append([]string{"check", "--aws", "-c", liveEmptyConfig}, tc.args...)...)
			if text.code != 2 || !strings.Contains(text.stdout, "1 read failed") {
				t.Errorf("text report of nothing read: exit %d\n%s", text.code, text.stdout)
			}
		})
	}
}

// TestLiveProgressLines: --progress on a non-terminal (a CI log) writes one
// plain line per account, region and service as each finishes, with counts
// and the time taken; the report does not change.
func TestLiveProgressLines(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.ServeDir(liveAccount, "eu-west-1", "euw1")
	liveAWS(t, srv, "us-east-1")
	args := []string{"check", "--aws", "--region", "us-east-1", "--region", "eu-west-1", "-f", "json", "-c", liveEmptyConfig}

	quiet := runCLI(t, "", args...)
	loud := runCLI(t, "", append(args, "--progress")...)
	if loud.stdout != quiet.stdout || loud.code != quiet.code {
		t.Fatalf("--progress changed the report or the exit code (%d, %d)", quiet.code, loud.code)
	}
	if strings.ContainsAny(loud.stderr, "\r\x1b") {
		t.Errorf("progress on a non-terminal has carriage returns or escapes: %q", loud.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(loud.stderr, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d progress lines, want one per service per region (6):\n%s", len(lines), loud.stderr)
	}
	line := regexp.MustCompile(`^111122223333/(us-east-1|eu-west-1) (ec2|directconnect|cloudwatch): [^\n]+ \(\d+(\.\d)?m?s\)$`)
	seen := map[string]bool{}
	for _, l := range lines {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("progress line %q", l)
			continue
		}
		seen[m[1]+" "+m[2]] = true
	}
	if len(seen) != 6 {
		t.Errorf("progress lines do not cover each service of each region once:\n%s", loud.stderr)
	}
	if !strings.Contains(loud.stderr, "111122223333/us-east-1 ec2: 2 VPCs, ") {
		t.Errorf("the us-east-1 ec2 line has no counts:\n%s", loud.stderr)
	}
	if !strings.Contains(loud.stderr, "111122223333/eu-west-1 directconnect: nothing found (") {
		t.Errorf("the eu-west-1 directconnect line:\n%s", loud.stderr)
	}
}

// TestLiveProgressBarPerService: on a terminal the bar advances once per
// service of each region (the finished bar is cleared).
func TestLiveProgressBarPerService(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")
	var out, errb strings.Builder
	wd, _ := os.Getwd()
	e := env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errb, stderrTerminal: true,
		getenv: func(string) string { return "" },
		getwd:  func() (string, error) { return wd, nil },
	}
	if code := run(e, []string{"check", "--aws", "-f", "json", "-c", liveEmptyConfig}); code != 1 {
		t.Fatalf("exit %d; stderr %q", code, errb.String())
	}
	for _, want := range []string{"(1/3", "(2/3", "us-east-1 ec2", "us-east-1 directconnect", "us-east-1 cloudwatch"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("the bar never showed %q: %q", want, errb.String())
		}
	}
}

// TestLiveHostileEndpoint: an endpoint that answers with a proxy's error
// page, an empty 500, a reset connection, an endless body or one that
// trickles in ends each time in exit 2, one line on stderr naming the
// account, region and action, and a report of the rest marked incomplete.
func TestLiveHostileEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   func(*awsfake.Server)
		prefix  string
		timeout string
	}{
		{"proxy error page", func(s *awsfake.Server) {
			s.Answer("*/*/ec2/DescribeRouteTables", 502, "text/html", "<html><body>\x1b[2J502 Bad Gateway\n</body></html>", -1)
		}, "ec2:DescribeRouteTables HTTP 502 without an AWS error code (text/html) (gave up after 2 attempts)", ""},
		{"empty 500", func(s *awsfake.Server) { s.Answer("*/*/cloudwatch/DescribeAlarms", 500, "", "", -1) },
			"cloudwatch:DescribeAlarms HTTP 500 without an AWS error code (empty body) (gave up after 2 attempts)", ""},
		{"connection reset", func(s *awsfake.Server) { s.Reset("*/*/directconnect/DescribeConnections", -1) },
			"directconnect:DescribeConnections request failed: ", ""},
		{"endless body", func(s *awsfake.Server) { s.Huge("*/*/ec2/DescribeVpcs", -1, -1) },
			"ec2:DescribeVpcs unreadable answer: larger than 64 MiB", "20s"},
		{"slow drip", func(s *awsfake.Server) {
			s.Drip("*/*/ec2/DescribeSubnets", "<DescribeSubnetsResponse/>", time.Second, -1)
		},
			"ec2:DescribeSubnets timed out", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := awsfake.New(t)
			srv.ServeDir(liveAccount, "us-east-1", "network")
			tc.fault(srv)
			liveAWS(t, srv, "us-east-1")
			start := time.Now()
			if tc.timeout == "" {
				tc.timeout = "500ms"
			}
			res := runCLI(t, "", "check", "--aws", "-f", "json", "-c", liveEmptyConfig, "--call-timeout", tc.timeout)
			if d := time.Since(start); d > 8*time.Second {
				t.Errorf("took %s", d)
			}
			if res.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", res.code, res.stderr)
			}
			want := "netlint: aws: could not read: 111122223333/us-east-1 " + tc.prefix
			// A streamed body sometimes ends, on the client's side, with its
			// connection closed under the read (see TestLoadBoundsAnswerSize).
			closed := tc.name == "endless body" && strings.HasPrefix(res.stderr,
				"netlint: aws: could not read: 111122223333/us-east-1 ec2:DescribeVpcs request failed: use of closed network connection")
			if !(strings.HasPrefix(res.stderr, want) || closed) || strings.Count(res.stderr, "\n") != 1 ||
				strings.ContainsAny(strings.TrimSuffix(res.stderr, "\n"), "\r\x1b\n") || strings.Contains(res.stderr, "goroutine") {
				t.Errorf("stderr = %q, want one line starting %q", res.stderr, want)
			}
			rep := decodeIncomplete(t, res.stdout)
			if len(rep.Incomplete) != 1 || rep.Incomplete[0].Account != liveAccount || rep.Incomplete[0].Region != "us-east-1" {
				t.Errorf("incomplete = %+v", rep.Incomplete)
			}
		})
	}
}

// TestLiveSnapshotOutput: snapshot refuses to overwrite one of its inputs,
// replaces its output whole through a temporary file (none is left behind),
// and leaves an existing output untouched when the read was partial.
func TestLiveSnapshotOutput(t *testing.T) {
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	liveAWS(t, srv, "us-east-1")
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	orig, err := os.ReadFile("../../examples/hub-and-spoke/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plan, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	res := runCLI(t, "", "snapshot", "--aws", plan, "-o", plan)
	if res.code != 2 || !strings.Contains(res.stderr, "that is an input of this run") || strings.Count(res.stderr, "\n") != 1 {
		t.Errorf("-o the input: exit %d, stderr %q", res.code, res.stderr)
	}
	if got, _ := os.ReadFile(plan); !bytes.Equal(got, orig) {
		t.Error("snapshot -o its own input changed the input")
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d AWS calls before refusing the output", n)
	}

	snap := filepath.Join(dir, "network.json")
	if err := os.WriteFile(snap, []byte("old snapshot"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := runCLI(t, "", "snapshot", "--aws", "-o", snap); res.code != 0 || res.stderr != "" {
		t.Fatalf("snapshot: exit %d, stderr %q", res.code, res.stderr)
	}
	data, _ := os.ReadFile(snap)
	if !json.Valid(data) || !bytes.Contains(data, []byte(`"netlint_snapshot": 1`)) {
		t.Errorf("the snapshot was not replaced whole: %.80s", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left next to the snapshot: %v", names)
	}

	res = runCLI(t, "", "snapshot", "--aws", "-o", filepath.Join(dir, "missing", "network.json"))
	if res.code != 2 || !strings.HasPrefix(res.stderr, "netlint: -o "+filepath.Join(dir, "missing", "network.json")+": ") ||
		strings.Count(res.stderr, "\n") != 1 {
		t.Errorf("unwritable -o: exit %d, stderr %q", res.code, res.stderr)
	}

	srv.FailWith("*/*/ec2/DescribeSubnets", 403, "UnauthorizedOperation", -1)
	res = runCLI(t, "", "snapshot", "--aws", "-o", snap)
	if res.code != 2 {
		t.Errorf("partial snapshot: exit %d, stderr %q", res.code, res.stderr)
	}
	// The new snapshot replaces the old one whole, and says what it lacks.
	if got, _ := os.ReadFile(snap); !json.Valid(got) || !bytes.Contains(got, []byte(`"action": "ec2:DescribeSubnets"`)) {
		t.Errorf("the partial snapshot does not list the denied read:\n%.2000s", got)
	}
}
