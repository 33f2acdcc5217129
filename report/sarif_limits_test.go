package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/sarifcheck"
)

// overlapping returns the NL001 pairs of n networks that all overlap, joined
// by one TGW route table, as the rule reports them.
func overlapping(n int) []finding.Finding {
	var fs []finding.Finding
	vpc := func(i int) finding.Resource {
		return finding.Resource{Address: fmt.Sprintf("aws_vpc.v%03d", i), Type: "aws_vpc", File: "vpcs.tf", Line: 1 + 4*i}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			fs = append(fs, finding.Finding{
				RuleID: "NL001", RuleName: "overlapping-connected-ranges", Severity: finding.Error,
				Message: fmt.Sprintf("aws_vpc.v%03d (10.0.0.0/16) overlaps aws_vpc.v%03d (10.0.0.0/16) in route table aws_ec2_transit_gateway.hub", i, j),
				Resources: []finding.Resource{vpc(i), vpc(j),
					{Address: "aws_ec2_transit_gateway.hub", Type: "aws_ec2_transit_gateway", File: "tgw.tf", Line: 1}},
			})
		}
	}
	return fs
}

type sarifRun struct {
	Results     []sarifResult `json:"results"`
	Invocations []struct {
		ExecutionSuccessful bool `json:"executionSuccessful"`
		Notifications       []struct {
			Level   string `json:"level"`
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
		} `json:"toolExecutionNotifications"`
	} `json:"invocations"`
}

// renderGitHub renders SARIF that GitHub code scanning must accept.
func renderGitHub(t *testing.T, r *finding.Result, o Options) sarifRun {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	if err := sarifcheck.GitHub(buf.Bytes()); err != nil {
		t.Fatalf("GitHub would reject the SARIF: %v", err)
	}
	var log struct {
		Runs []sarifRun `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log.Runs[0]
}

// 300 VPCs on one TGW, all on one range: 44,850 pairs, one result per VPC.
func TestSARIFOneOverlapResultPerNetwork(t *testing.T) {
	const n = 300
	r := &finding.Result{Rules: catalogue, Findings: overlapping(n)}
	run := renderGitHub(t, r, Options{RepoRoot: "."})
	if len(run.Results) != n {
		t.Fatalf("%d results for %d overlapping VPCs, want one per VPC", len(run.Results), n)
	}
	fps := map[string]bool{}
	for i, res := range run.Results {
		self := fmt.Sprintf("aws_vpc.v%03d", i)
		if ll := res.Locations[0].LogicalLocations; ll[0].FullyQualifiedName != self {
			t.Fatalf("result %d is about %s, want %s", i, ll[0].FullyQualifiedName, self)
		}
		if !strings.HasPrefix(res.Message.Text, self+" overlaps 299 networks it is connected to: ") || !strings.Contains(res.Message.Text, " and 289 more") {
			t.Errorf("result %d message = %q", i, res.Message.Text)
		}
		// The 299 others and the TGW.
		if len(res.RelatedLocations) != n {
			t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), n)
		}
		other := res.RelatedLocations[0]
		if other.Message == nil || !strings.Contains(other.Message.Text, "overlaps") || other.PhysicalLocation == nil {
			t.Errorf("result %d: first related location %+v, want the other VPC with the pair's message", i, other)
		}
		fps[res.PartialFingerprints[fingerprintKey]] = true
	}
	if len(fps) != n {
		t.Errorf("%d distinct fingerprints, want %d", len(fps), n)
	}

	// A network's fingerprint does not depend on which networks it overlaps.
	few := renderGitHub(t, &finding.Result{Rules: catalogue, Findings: overlapping(3)}, Options{RepoRoot: "."})
	if got, want := few.Results[0].PartialFingerprints[fingerprintKey], run.Results[0].PartialFingerprints[fingerprintKey]; got != want {
		t.Errorf("aws_vpc.v000 fingerprint %s with 2 others, %s with 299", got, want)
	}
}

func TestSARIFCapsResults(t *testing.T) {
	var fs []finding.Finding
	for i, sev := range []string{finding.Notice, finding.Warning, finding.Error, finding.Notice, finding.Error, finding.Warning} {
		fs = append(fs, finding.Finding{RuleID: "NL102", Severity: sev, Message: fmt.Sprintf("finding %d", i),
			Resources: []finding.Resource{{Address: fmt.Sprintf("aws_vpn_connection.c%d", i), File: "vpn.tf", Line: i + 1}}})
	}
	fs[4].Suppressed, fs[4].Suppression = true, &finding.Suppression{Kind: "config", Reason: "r"}
	run := renderGitHub(t, &finding.Result{Rules: catalogue, Findings: fs}, Options{MaxResults: 3})
	var got []string
	for _, res := range run.Results {
		got = append(got, res.Message.Text)
	}
	// The unsuppressed error, then the warnings; in their order.
	if want := []string{"finding 1", "finding 2", "finding 5"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("kept %v, want %v", got, want)
	}
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful || len(run.Invocations[0].Notifications) != 1 {
		t.Fatalf("invocations = %+v, want one successful with a notification", run.Invocations)
	}
	if n := run.Invocations[0].Notifications[0]; n.Level != "warning" || !strings.HasPrefix(n.Message.Text, "3 of 6 results left out: GitHub code scanning accepts 25,000 per run") {
		t.Errorf("notification = %+v", n)
	}

	// Under the cap nothing is said.
	if run := renderGitHub(t, &finding.Result{Rules: catalogue, Findings: fs}, Options{}); len(run.Results) != 6 || len(run.Invocations) != 0 {
		t.Errorf("uncapped: %d results, invocations %+v", len(run.Results), run.Invocations)
	}
}

func TestSARIFCapsRelatedLocations(t *testing.T) {
	run := renderGitHub(t, &finding.Result{Rules: catalogue, Findings: overlapping(30)}, Options{MaxRelatedLocations: 10})
	for i, res := range run.Results {
		if len(res.RelatedLocations) != 10 {
			t.Errorf("result %d: %d related locations, want 10", i, len(res.RelatedLocations))
		}
	}
	notes := run.Invocations[0].Notifications
	// Each of 30 results has 29 others and the TGW: 20 left out of each.
	if len(notes) != 1 || !strings.HasPrefix(notes[0].Message.Text, "600 related locations left out of 30 results") {
		t.Errorf("notifications = %+v", notes)
	}
}

// Without Terraform sources every result still has a physical location: the
// place its address appears in the input, else the fallback file; the
// warning comes once.
func TestSARIFInputLocations(t *testing.T) {
	r := &finding.Result{Rules: catalogue, Findings: []finding.Finding{
		{RuleID: "NL102", Severity: finding.Warning, Message: "one", Resources: []finding.Resource{{Address: "aws_vpn_connection.a"}}},
		{RuleID: "NL102", Severity: finding.Warning, Message: "two", Resources: []finding.Resource{{Address: "aws_vpn_connection.b#x"}}},
		{RuleID: "NL305", Severity: finding.Notice, Message: "unknown", Resources: []finding.Resource{{Address: "vpn-123"}}},
		{RuleID: "ACME1", Severity: finding.Notice, Message: "no resource"},
	}}
	lines := map[string]int{"aws_vpn_connection.a": 7, "aws_vpn_connection.b#x": 9}
	var warnings bytes.Buffer
	o := Options{RepoRoot: ".", FallbackFile: "plans/plan.json", Warnings: &warnings,
		InputLocation: func(addr string) (string, int, int, bool) {
			l, ok := lines[addr]
			return "plans/plan.json", l, 12, ok
		}}
	run := renderGitHub(t, r, o)
	want := []struct{ line, col int }{{7, 12}, {9, 12}, {1, 0}, {1, 0}}
	for i, w := range want {
		pl := run.Results[i].Locations[0].PhysicalLocation
		if pl == nil || pl.ArtifactLocation.URI != "plans/plan.json" || pl.Region == nil || pl.Region.StartLine != w.line {
			t.Errorf("result %d: physical location %+v, want plans/plan.json:%d", i, pl, w.line)
		}
	}
	if got := warnings.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "SARIF locations point at plans/plan.json") {
		t.Errorf("warnings = %q, want one line", got)
	}
}
