package aws

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"

	"github.com/netlint/netlint/internal/awsfake"
)

type failure struct{ Account, Region, Action, Reason string }

// failures lists a load's failed reads as account, region, action and reason.
func failures(t *testing.T, err error) []failure {
	t.Helper()
	var partial *PartialError
	if !errors.As(err, &partial) {
		t.Fatalf("Load error = %v, want a *PartialError", err)
	}
	var out []failure
	for _, e := range partial.Errors {
		out = append(out, failure{e.Account, e.Region, e.Service + ":" + e.Op, e.Reason()})
	}
	if msg := err.Error(); strings.ContainsAny(msg, "\n\r\x1b") {
		t.Errorf("error is not one plain line: %q", msg)
	}
	return out
}

// TestLoadTimesOutAHangingCall: an endpoint that accepts a call and never
// answers costs one call timeout. The call is reported as timed out, the rest
// of that service in that region is skipped, and everything else is read.
func TestLoadTimesOutAHangingCall(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.ServeDir(callerAccount, "eu-west-1", "euw1")
	f.Hang(callerAccount+"/eu-west-1/ec2/DescribeVpcs", -1)

	start := time.Now()
	net, err := loadErr(t, f, Options{Regions: []string{"us-east-1", "eu-west-1"}, CallTimeout: 300 * time.Millisecond, Timeout: time.Minute})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the load took %s with a 300ms call timeout", d)
	}
	want := []failure{{callerAccount, "eu-west-1", "ec2:DescribeVpcs", "timed out"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
	if want := "could not read: 111122223333/eu-west-1 ec2:DescribeVpcs timed out"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if n := f.Count("*", "eu-west-1", "ec2", "DescribeSubnets"); n != 0 {
		t.Errorf("ec2 in eu-west-1 was called again after a call timed out (%d DescribeSubnets)", n)
	}
	if f.Count("*", "eu-west-1", "monitoring", "DescribeAlarms") != 1 || len(net.VPCs) != 2 {
		t.Errorf("the other services and regions were not read: %d VPCs", len(net.VPCs))
	}
}

// TestLoadStopsAtItsDeadline: Options.Timeout ends the whole load; what was
// read is returned and every read it cut short says so.
func TestLoadStopsAtItsDeadline(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.Hang("*/eu-west-1/*/*", -1)

	start := time.Now()
	net, err := loadErr(t, f, Options{Regions: []string{"us-east-1", "eu-west-1"}, Timeout: 500 * time.Millisecond})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the load took %s with a 500ms timeout", d)
	}
	got := failures(t, err)
	if len(got) == 0 || net == nil {
		t.Fatalf("failures = %v, net %v", got, net)
	}
	for _, g := range got {
		if g.Region == "eu-west-1" && g.Reason != "audit timed out" {
			t.Errorf("%+v: want the reason audit timed out", g)
		}
	}
	if !errors.Is(err, ErrAuditTimeout) {
		t.Error("the error does not unwrap to ErrAuditTimeout")
	}
}

// TestLoadInterruptedReportsWhatItRead cancels the load (as Ctrl-C does)
// while a call hangs: the regions already read are returned, the reads cut
// short give the cancellation's cause.
func TestLoadInterruptedReportsWhatItRead(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	interrupted := errors.New("interrupted")
	// The last call of us-east-1 hangs and interrupts the load.
	f.HangIf("*/us-east-1/cloudwatch/DescribeAlarms", func(awsfake.Call) bool {
		cancel(interrupted)
		return true
	}, -1)

	net, err := Load(ctx, Options{Config: f.Config("us-east-1"), RetryMaxBackoff: time.Millisecond})
	want := []failure{{callerAccount, "us-east-1", "cloudwatch:DescribeAlarms", "interrupted"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
	if len(net.VPCs) != 2 || len(net.DXConnections) != 3 {
		t.Errorf("what was read before the interrupt is missing: %d VPCs, %d DX connections", len(net.VPCs), len(net.DXConnections))
	}
	if !errors.Is(err, context.Canceled) || !errors.Is(err, interrupted) {
		t.Errorf("err = %v does not unwrap to the cancellation and its cause", err)
	}
}

// TestLoadRetriesThrottlingUntilItPasses throttles every service several times
// in a row: the retries succeed and nothing is missing.
func TestLoadRetriesThrottlingUntilItPasses(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	for _, m := range []string{"*/*/sts/GetCallerIdentity", "*/*/ec2/DescribeVpcs", "*/*/directconnect/DescribeConnections", "*/*/cloudwatch/DescribeAlarms"} {
		f.Throttle(m, 3)
	}
	net := load(t, f, Options{})
	for _, c := range [][2]string{{"sts", "GetCallerIdentity"}, {"ec2", "DescribeVpcs"}, {"directconnect", "DescribeConnections"}, {"monitoring", "DescribeAlarms"}} {
		if n := f.Count("*", "*", c[0], c[1]); n != 4 {
			t.Errorf("%s:%s called %d times, want 3 throttled and 1 answered", c[0], c[1], n)
		}
	}
	if len(net.VPCs) != 2 || len(net.DXConnections) != 3 || len(net.Alarms) != 4 {
		t.Errorf("after throttling: %d VPCs, %d DX connections, %d alarms", len(net.VPCs), len(net.DXConnections), len(net.Alarms))
	}
}

// TestLoadReportsThrottlingThatNeverEnds: a call throttled on every attempt is
// a failed read with the throttling code, and the service goes on.
func TestLoadReportsThrottlingThatNeverEnds(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.Throttle("*/*/ec2/DescribeVpcs", -1)
	net, err := loadErr(t, f, Options{})
	want := []failure{{callerAccount, "us-east-1", "ec2:DescribeVpcs", "RequestLimitExceeded (gave up after 8 attempts)"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
	if n := f.Count("*", "*", "ec2", "DescribeVpcs"); n != maxAttempts {
		t.Errorf("DescribeVpcs tried %d times, want %d", n, maxAttempts)
	}
	if len(net.Subnets) == 0 {
		t.Error("throttled DescribeVpcs stopped the other EC2 reads")
	}
}

// TestLoadGarbledAnswersAreReadFailures: a 200 whose body is not the
// operation's document is a failed read of that action, never an empty
// answer and never a panic.
func TestLoadGarbledAnswersAreReadFailures(t *testing.T) {
	for _, tc := range []struct {
		name, match, body, action, reason string
	}{
		{"ec2 not XML", "ec2/DescribeVpcs", "<<<garbage>>> \x1b[31m", "ec2:DescribeVpcs", "unreadable answer: not XML"},
		{"ec2 plain text", "ec2/DescribeVpcs", "Service Unavailable", "ec2:DescribeVpcs", "unreadable answer: not XML"},
		{"ec2 empty", "ec2/DescribeVpcs", "", "ec2:DescribeVpcs", "unreadable answer: not XML"},
		{"ec2 truncated", "ec2/DescribeVpcs", `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcSet><item><vpcId>vpc-1`,
			"ec2:DescribeVpcs", "unreadable answer: truncated or malformed XML"},
		{"ec2 other document", "ec2/DescribeVpcs", `<html><body>captive portal</body></html>`,
			"ec2:DescribeVpcs", "unreadable answer: XML of another kind (root element is not DescribeVpcsResponse)"},
		{"directconnect not JSON", "directconnect/DescribeConnections", "oops", "directconnect:DescribeConnections", "unreadable answer: not a JSON object"},
		{"directconnect truncated", "directconnect/DescribeConnections", `{"connections": [{"connectionId": "dx`, "directconnect:DescribeConnections", "unreadable answer: not a JSON object"},
		{"directconnect wrong type", "directconnect/DescribeConnections", `{"connections": "oops"}`, "directconnect:DescribeConnections", ""},
		{"cloudwatch not CBOR", "cloudwatch/DescribeAlarms", "\xff\xff", "cloudwatch:DescribeAlarms", "unreadable answer: not CBOR"},
		{"cloudwatch not a map", "cloudwatch/DescribeAlarms", "\x83\x01\x02\x03", "cloudwatch:DescribeAlarms", "unreadable answer: not a CBOR map"},
		{"sts not XML", "sts/GetCallerIdentity", "nope", "sts:GetCallerIdentity", "unreadable answer: not XML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := awsfake.New(t)
			f.ServeDir(callerAccount, "us-east-1", "network")
			f.Garble("*/*/"+tc.match, tc.body, -1)
			net, err := loadErr(t, f, Options{})
			got := failures(t, err)
			t.Logf("%s", err)
			if len(got) != 1 || got[0].Action != tc.action || !strings.HasPrefix(got[0].Reason, "unreadable answer: ") ||
				(tc.reason != "" && got[0].Reason != tc.reason) {
				t.Fatalf("failures = %+v, want one of %s with reason %q", got, tc.action, tc.reason)
			}
			if got[0].Action == "sts:GetCallerIdentity" {
				return
			}
			if got[0].Account != callerAccount || got[0].Region != "us-east-1" {
				t.Errorf("failure %+v does not name the account and region", got[0])
			}
			if len(net.Subnets) == 0 || len(net.DXLAGs)+len(net.DXVIFs) == 0 {
				t.Error("one garbled answer stopped the other reads")
			}
		})
	}
}

// TestLoadMarksAlarmsUnknownWhereUnread: the VPN connections and instances of
// a region whose alarms could not be read carry "alarms" in unknown; those of
// a region whose alarms were read do not.
func TestLoadMarksAlarmsUnknownWhereUnread(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.ServeDir(callerAccount, "eu-west-1", "euw1")
	f.FailWith("*/eu-west-1/cloudwatch/DescribeAlarms", 403, "AccessDenied", -1)
	net, err := loadErr(t, f, Options{Regions: []string{"us-east-1", "eu-west-1"}})
	want := []failure{{callerAccount, "eu-west-1", "cloudwatch:DescribeAlarms", "AccessDenied"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Fatalf("failures = %+v, want %+v", got, want)
	}
	if c := net.VPNConnections["vpn-0euw1000000000001"]; c == nil || !c.IsUnknown(AlarmsUnknown) {
		t.Errorf("eu-west-1 VPN connection = %+v, want alarms unknown", c)
	}
	for id, c := range net.VPNConnections {
		if c.Region == "us-east-1" && c.IsUnknown(AlarmsUnknown) {
			t.Errorf("%s in us-east-1, whose alarms were read, has alarms unknown", id)
		}
	}
	for id, i := range net.Instances {
		if i.IsUnknown(AlarmsUnknown) != (i.Region == "eu-west-1") {
			t.Errorf("instance %s in %s: alarms unknown = %v", id, i.Region, i.IsUnknown(AlarmsUnknown))
		}
	}
	for id := range net.Alarms {
		if strings.Contains(id, "eu-west-1") {
			t.Errorf("alarm %s stands for the unread ones", id)
		}
	}
}

// TestLoadWithoutCredentials runs the default chain in an empty environment:
// one actionable error, before any call.
func TestLoadWithoutCredentials(t *testing.T) {
	f := awsfake.New(t)
	emptyAWSEnv(t)
	t.Setenv("AWS_ENDPOINT_URL", f.URL())
	t.Setenv("AWS_REGION", "us-east-1")
	start := time.Now()
	_, err := Load(context.Background(), Options{})
	if !errors.Is(err, ErrNoCredentials) {
		t.Fatalf("err = %v, want ErrNoCredentials", err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "aws sso login") || !strings.Contains(msg, "AWS_ACCESS_KEY_ID") {
		t.Errorf("error = %q", msg)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
	if n := len(f.Calls()); n != 0 {
		t.Errorf("%d calls without credentials", n)
	}
}

// emptyAWSEnv leaves the SDK no credentials to find: no AWS_* variables, an
// empty home, no config files, no instance metadata.
func emptyAWSEnv(t *testing.T) {
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

func TestOneLineStripsControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"a\nb\r\nc":                      "a b c",
		"red\x1b[31m text\x07":           "red [31m text",
		"bidi\u202eevil\u2028next":       "bidi evil next",
		"bad\xffutf8":                    "bad?utf8",
		strings.Repeat("x", 400):         strings.Repeat("x", 300) + "...",
		"  spaced \t out  ":              "spaced out",
		"AccessDenied":                   "AccessDenied",
		"code\x00with\x7fcontrols\u009b": "code with controls",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
	// An error code from the answer is made one line too.
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.FailWith("*/*/ec2/DescribeVpcs", 403, "Denied\x1b[2J", -1)
	_, err := loadErr(t, f, Options{})
	if got := failures(t, err); len(got) != 1 || strings.ContainsAny(got[0].Reason, "\x1b") {
		t.Errorf("failures = %q", got)
	}
}

// TestLoadSilencesSDKLogging: with the default configuration chain, every
// client logs to a no-op logger, so no SDK line (retry warnings, checksum or
// unknown-field notices) reaches stderr.
func TestLoadSilencesSDKLogging(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	emptyAWSEnv(t)
	t.Setenv("AWS_ENDPOINT_URL", f.URL())
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKID"+callerAccount)
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")

	var mu sync.Mutex
	loggers := map[string]bool{}
	record := func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("RecordLogger",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				mu.Lock()
				loggers[fmt.Sprintf("%T", middleware.GetLogger(ctx))] = true
				mu.Unlock()
				return next.HandleFinalize(ctx, in)
			}), middleware.After)
	}
	f.Throttle("*/*/ec2/DescribeVpcs", 1)
	if _, err := Load(context.Background(), Options{APIOptions: []func(*middleware.Stack) error{record}, RetryMaxBackoff: time.Millisecond}); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if want := map[string]bool{"logging.Nop": true}; !reflect.DeepEqual(loggers, want) {
		t.Errorf("clients log with %v, want only logging.Nop", loggers)
	}
}

// TestLoadThrottledUntilTheCallTimesOut: a call still throttled when its time
// runs out says both.
func TestLoadThrottledUntilTheCallTimesOut(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.Throttle("*/*/directconnect/DescribeConnections", -1)
	o := Options{Config: f.Config("us-east-1"), CallTimeout: 300 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The SDK's backoff (up to 20s between attempts) outlasts the call.
	_, err := Load(ctx, o)
	want := []failure{{callerAccount, "us-east-1", "directconnect:DescribeConnections", "timed out (last answer: ThrottlingException)"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
}

// TestLoadErrorAnswersWithoutAnAWSError: an error answer that carries no AWS
// error (a proxy's HTML page, a 500 with an empty body) is a failed read
// naming the HTTP status and what came instead; a 5xx is retried first.
func TestLoadErrorAnswersWithoutAnAWSError(t *testing.T) {
	const page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n"
	for _, tc := range []struct {
		name, match string
		status      int
		ctype, body string
		action      string
		reason      string
		calls       int
	}{
		{"ec2 proxy page", "ec2/DescribeVpcs", 502, "text/html; charset=utf-8", page, "ec2:DescribeVpcs",
			"HTTP 502 without an AWS error code (text/html) (gave up after 8 attempts)", maxAttempts},
		{"directconnect proxy page", "directconnect/DescribeConnections", 502, "text/html", page, "directconnect:DescribeConnections",
			"HTTP 502 without an AWS error code (text/html) (gave up after 8 attempts)", maxAttempts},
		{"cloudwatch proxy page", "cloudwatch/DescribeAlarms", 502, "text/html", page, "cloudwatch:DescribeAlarms",
			"HTTP 502 without an AWS error code (text/html) (gave up after 8 attempts)", maxAttempts},
		{"ec2 empty 500", "ec2/DescribeVpcs", 500, "", "", "ec2:DescribeVpcs",
			"HTTP 500 without an AWS error code (empty body) (gave up after 8 attempts)", maxAttempts},
		{"cloudwatch empty 500", "cloudwatch/DescribeAlarms", 500, "application/cbor", "", "cloudwatch:DescribeAlarms",
			"HTTP 500 without an AWS error code (empty body) (gave up after 8 attempts)", maxAttempts},
		{"sts empty 500", "sts/GetCallerIdentity", 500, "", "", "sts:GetCallerIdentity",
			"HTTP 500 without an AWS error code (empty body) (gave up after 8 attempts)", maxAttempts},
		{"ec2 forbidden page", "ec2/DescribeVpcs", 403, "text/html", "<html><body>Forbidden by proxy policy</body></html>", "ec2:DescribeVpcs",
			"HTTP 403 without an AWS error code (text/html)", 1},
		{"ec2 JSON instead of XML", "ec2/DescribeVpcs", 200, "application/json", `{"Vpcs": []}`, "ec2:DescribeVpcs",
			"unreadable answer: not XML", 1},
		{"cloudwatch JSON instead of CBOR", "cloudwatch/DescribeAlarms", 200, "application/json", `{"MetricAlarms": []}`, "cloudwatch:DescribeAlarms",
			"unreadable answer: not CBOR", 1},
		{"directconnect XML instead of JSON", "directconnect/DescribeConnections", 200, "text/xml", `<connections/>`, "directconnect:DescribeConnections",
			"unreadable answer: not a JSON object", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := awsfake.New(t)
			f.ServeDir(callerAccount, "us-east-1", "network")
			f.Answer("*/*/"+tc.match, tc.status, tc.ctype, tc.body, -1)
			_, err := loadErr(t, f, Options{})
			got := failures(t, err)
			if len(got) != 1 || got[0].Action != tc.action || got[0].Reason != tc.reason {
				t.Fatalf("failures = %+v, want one of %s with reason %q", got, tc.action, tc.reason)
			}
			svc, op, _ := strings.Cut(tc.match, "/")
			if svc == "cloudwatch" {
				svc = "monitoring"
			}
			if n := f.Count("*", "*", svc, op); n != tc.calls {
				t.Errorf("%s called %d times, want %d", tc.action, n, tc.calls)
			}
		})
	}
}

// TestLoadConnectionReset: a connection reset is retried; one that goes on is
// a failed read, and the rest of that service in that region is skipped.
func TestLoadConnectionReset(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.Reset("*/*/ec2/DescribeVpcs", 2)
	net := load(t, f, Options{})
	if n := f.Count("*", "*", "ec2", "DescribeVpcs"); n != 3 || len(net.VPCs) != 2 {
		t.Errorf("reset twice: DescribeVpcs called %d times (want 3), %d VPCs (want 2)", n, len(net.VPCs))
	}

	f = awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.Reset("*/*/ec2/DescribeVpcs", -1)
	net, err := loadErr(t, f, Options{})
	got := failures(t, err)
	if len(got) != 1 || got[0].Action != "ec2:DescribeVpcs" || !strings.HasPrefix(got[0].Reason, "request failed: ") ||
		!strings.Contains(got[0].Reason, "connection reset") {
		t.Fatalf("failures = %+v, want ec2:DescribeVpcs request failed: ...connection reset...", got)
	}
	if n := f.Count("*", "*", "ec2", "DescribeSubnets"); n != 0 {
		t.Errorf("ec2 was called again after its connection kept being reset (%d DescribeSubnets)", n)
	}
	if len(net.DXConnections) != 3 || len(net.Alarms) != 4 {
		t.Errorf("the other services were not read: %d DX connections, %d alarms", len(net.DXConnections), len(net.Alarms))
	}
}

// TestLoadSlowDripBodyTimesOut: an answer whose body trickles in a byte at a
// time costs one call timeout, like one that never comes; one that is slow
// but complete within the call timeout is read.
func TestLoadSlowDripBodyTimesOut(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.Drip("*/*/ec2/DescribeVpcs", `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcSet><item><vpcId>vpc-0slow</vpcId></item></vpcSet></DescribeVpcsResponse>`,
		time.Millisecond, -1)
	if net := load(t, f, Options{CallTimeout: 10 * time.Second}); net.VPCs["vpc-0slow"] == nil {
		t.Errorf("the slow answer was not read: VPCs %v", net.VPCs)
	}

	f = awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	doc := `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcSet>` +
		strings.Repeat(`<item><vpcId>vpc-0drip</vpcId></item>`, 50) + `</vpcSet></DescribeVpcsResponse>`
	f.Drip("*/*/ec2/DescribeVpcs", doc, 20*time.Millisecond, -1)
	start := time.Now()
	net, err := loadErr(t, f, Options{CallTimeout: 400 * time.Millisecond})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the load took %s with a 400ms call timeout", d)
	}
	want := []failure{{callerAccount, "us-east-1", "ec2:DescribeVpcs", "timed out"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
	if len(net.VPCs) != 0 || len(net.DXConnections) != 3 {
		t.Errorf("%d VPCs (want none from a cut answer), %d DX connections (want 3)", len(net.VPCs), len(net.DXConnections))
	}
}

// TestLoadBoundsAnswerSize: an answer larger than Options.MaxAnswerSize,
// successful or not, endless or not, is a failed read as soon as the limit is
// passed; a document nested absurdly deep is refused before the SDK parses
// it.
func TestLoadBoundsAnswerSize(t *testing.T) {
	const limit = 1 << 20
	for _, tc := range []struct {
		name   string
		fault  func(f *awsfake.Server)
		action string
		reason string
	}{
		{"ec2 endless", func(f *awsfake.Server) { f.Huge("*/*/ec2/DescribeVpcs", -1, -1) },
			"ec2:DescribeVpcs", "unreadable answer: larger than 1 MiB"},
		{"directconnect endless", func(f *awsfake.Server) { f.Huge("*/*/directconnect/DescribeConnections", -1, -1) },
			"directconnect:DescribeConnections", "unreadable answer: larger than 1 MiB"},
		{"cloudwatch endless", func(f *awsfake.Server) { f.Huge("*/*/cloudwatch/DescribeAlarms", -1, -1) },
			"cloudwatch:DescribeAlarms", "unreadable answer: larger than 1 MiB"},
		{"ec2 error page of 4 MiB", func(f *awsfake.Server) {
			f.Answer("*/*/ec2/DescribeVpcs", 503, "text/html", "<html>"+strings.Repeat("x", 4<<20), -1)
		}, "ec2:DescribeVpcs", "unreadable answer: larger than 1 MiB"},
		{"ec2 nested deep", func(f *awsfake.Server) { f.Huge("*/*/ec2/DescribeVpcs", 512<<10, -1) },
			"ec2:DescribeVpcs", "unreadable answer: XML nested more than 64 deep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := awsfake.New(t)
			f.ServeDir(callerAccount, "us-east-1", "network")
			tc.fault(f)
			start := time.Now()
			_, err := loadErr(t, f, Options{MaxAnswerSize: limit, CallTimeout: 20 * time.Second})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the load took %s", d)
			}
			got := failures(t, err)
			// TODO(netlint): the SDK's client now and then ends the read of a
			// large streamed body with "use of closed network connection"
			// before the limit is reached; still one failed read of the action.
			closed := got != nil && got[0].Reason == "request failed: use of closed network connection"
			if len(got) != 1 || got[0].Action != tc.action || !(strings.HasPrefix(got[0].Reason, tc.reason) || closed) {
				t.Fatalf("failures = %+v, want one of %s with reason %q", got, tc.action, tc.reason)
			}
		})
	}
}

// TestLoadRecoversFromAPanic: a panic during one call (here injected into its
// middleware) is that call's failed read, not a crash with a goroutine dump.
func TestLoadRecoversFromAPanic(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	boom := func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("Boom",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				if _, ok := in.Parameters.(*ec2.DescribeSubnetsInput); ok {
					panic("boom\ngoroutine 1 [running]")
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
	net, err := loadErr(t, f, Options{APIOptions: []func(*middleware.Stack) error{boom}})
	want := []failure{{callerAccount, "us-east-1", "ec2:DescribeSubnets", "internal error, please report it: panic: boom goroutine 1 [running]"}}
	if got := failures(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
	if len(net.VPCs) != 2 || len(net.RouteTables) == 0 {
		t.Errorf("the other reads stopped: %d VPCs, %d route tables", len(net.VPCs), len(net.RouteTables))
	}
}

// TestLoadHangingSTS: STS that never answers, for the caller or for a role to
// assume, costs one call timeout and is named as the failed read.
func TestLoadHangingSTS(t *testing.T) {
	const role = "arn:aws:iam::444455556666:role/netlint-audit"
	for _, tc := range []struct {
		match string
		roles []string
		want  failure
	}{
		{"*/*/sts/GetCallerIdentity", nil, failure{"", "us-east-1", "sts:GetCallerIdentity", "timed out"}},
		{"*/*/sts/AssumeRole", []string{role}, failure{"444455556666", "us-east-1", "sts:AssumeRole", "timed out"}},
	} {
		t.Run(tc.want.Action, func(t *testing.T) {
			f := awsfake.New(t)
			f.ServeDir(callerAccount, "us-east-1", "network")
			f.Hang(tc.match, -1)
			start := time.Now()
			_, err := loadErr(t, f, Options{RoleARNs: tc.roles, CallTimeout: 300 * time.Millisecond})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s with a 300ms call timeout", d)
			}
			if got := failures(t, err); !reflect.DeepEqual(got, []failure{tc.want}) {
				t.Errorf("failures = %+v, want %+v", got, tc.want)
			}
		})
	}
}
