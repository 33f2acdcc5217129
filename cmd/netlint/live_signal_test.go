//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/awsfake"
)

// TestLiveInterruptWritesWhatWasRead sends SIGINT (then SIGTERM) to the test
// process while a live check waits on a call that never answers: the audit
// stops at once, the report of what was read is written (stdout, or -o)
// marked incomplete, stderr is one line, and the run exits 130. The signal is
// sent from the fake endpoint's handler, while the CLI is watching for it, so
// it never reaches the test binary's default handler.
func TestLiveInterruptWritesWhatWasRead(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			srv := awsfake.New(t)
			srv.ServeDir(liveAccount, "us-east-1", "network")
			srv.HangIf("*/us-east-1/cloudwatch/DescribeAlarms", func(awsfake.Call) bool {
				_ = syscall.Kill(os.Getpid(), sig)
				return true
			}, 1)
			liveAWS(t, srv, "us-east-1")
			out := filepath.Join(t.TempDir(), "report.json")

			start := time.Now()
			res := runCLI(t, "", "check", "--aws", "-f", "json", "-c", liveEmptyConfig, "-o", out)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the interrupted check took %s", d)
			}
			if res.code != exitInterrupted {
				t.Fatalf("exit %d, want 130; stderr %q", res.code, res.stderr)
			}
			oneStderrLine(t, res, "netlint: interrupted: aws: could not read: 111122223333/us-east-1 cloudwatch:DescribeAlarms interrupted")
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("the report of what was read was not written: %v", err)
			}
			rep := decodeIncomplete(t, string(data))
			want := finding.ReadFailure{Account: liveAccount, Region: "us-east-1", Action: "cloudwatch:DescribeAlarms", Error: "interrupted"}
			if len(rep.Incomplete) != 1 || rep.Incomplete[0] != want {
				t.Errorf("incomplete = %+v, want %+v", rep.Incomplete, want)
			}
			if len(decodeLive(t, string(data)).find("NL402", "eni-0lonely00000001")) != 1 {
				t.Error("the findings of what was read before the signal are missing")
			}
			// The unread alarms are not taken for missing ones.
			for _, f := range rep.Findings {
				if f.RuleID == "NL107" || f.RuleID == "NL404" {
					t.Errorf("%s reported with the alarms unread: %s", f.RuleID, f.Message)
				}
			}
		})
	}

	// An interrupted snapshot writes what was read, with the reads it did not
	// finish listed as incomplete, and exits 130.
	srv := awsfake.New(t)
	srv.ServeDir(liveAccount, "us-east-1", "network")
	srv.HangIf("*/*/ec2/DescribeVpcs", func(awsfake.Call) bool {
		_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
		return true
	}, 1)
	liveAWS(t, srv, "us-east-1")
	snap := filepath.Join(t.TempDir(), "network.json")
	res := runCLI(t, "", "snapshot", "--aws", "-o", snap)
	if res.code != exitInterrupted || !strings.HasPrefix(res.stderr, "netlint: interrupted: aws: could not read: 111122223333/us-east-1 ") ||
		strings.Count(res.stderr, "\n") != 1 {
		t.Errorf("snapshot: exit %d, stderr %q", res.code, res.stderr)
	}
	data, err := os.ReadFile(snap)
	if err != nil || !bytes.Contains(data, []byte(`"incomplete"`)) || !bytes.Contains(data, []byte(`"action": "ec2:DescribeVpcs"`)) {
		t.Errorf("the interrupted snapshot does not list the unfinished read (%v):\n%.2000s", err, data)
	}
}
