package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Whole network designs, written the way real plans are (module instances,
// for_each and count, existing resources linked by id, provider aliases in
// other regions, ENI and instance route targets, VPNs on VGWs and TGWs): the
// breadth test of the rule set. Each design is a testdata/designs/<kind>/
// <name>.fixture.yaml (internal/planfixture turns it into <name>.plan.json),
// with an optional <name>.netlint.yaml declaring its on-premises sites.
//
//   - clean/: well-built designs that follow the design guide; no rule may
//     report an error or a warning on them.
//   - broken/: designs with several real mistakes; <name>.expect.txt lists the
//     rule IDs that must fire (one per line, # comments allowed), and no other
//     rule may fire at error or warning level.
//
// The JSON report of every design is kept as <name>.golden.json
// (go test ./cmd/netlint -update rewrites them).

const designsDir = "../../testdata/designs"

// Fewer designs than this means a directory went missing, not that all is well.
const (
	minCleanDesigns  = 6
	minBrokenDesigns = 4
)

// design is one plan of testdata/designs with its configuration.
type design struct {
	name   string // file name without .plan.json
	base   string // path without .plan.json
	plan   string
	config string
}

func designs(t *testing.T, kind string, min int) []design {
	t.Helper()
	plans, err := filepath.Glob(filepath.Join(designsDir, kind, "*.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) < min {
		t.Fatalf("%s: %d designs, want at least %d (run go test ./internal/planfixture -update after adding a fixture)",
			filepath.Join(designsDir, kind), len(plans), min)
	}
	var out []design
	for _, plan := range plans {
		base := strings.TrimSuffix(plan, ".plan.json")
		d := design{name: filepath.Base(base), base: base, plan: plan, config: "../../testdata/empty.netlint.yaml"}
		if _, err := os.Stat(base + ".netlint.yaml"); err == nil {
			d.config = base + ".netlint.yaml"
		}
		if _, err := os.Stat(base + ".fixture.yaml"); err != nil {
			t.Errorf("%s has no %s.fixture.yaml: designs are written as fixtures", plan, d.name)
		}
		out = append(out, d)
	}
	return out
}

// check runs every rule on the design and returns the report and its JSON.
func (d design) check(t *testing.T) (jsonReport, []byte) {
	t.Helper()
	res := runCLI(t, "", "check", "-f", "json", "--fail-on", "never", "-c", d.config, d.plan)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	return decodeReport(t, res.stdout), []byte(res.stdout)
}

// blocking reports whether a finding counts against a design: an unsuppressed
// error or warning.
func blocking(severity string, suppressed bool) bool {
	return !suppressed && (severity == "error" || severity == "warning")
}

// describeFindings lists findings one per line for failure messages.
func describeFindings(rep jsonReport, keep func(ruleID, severity string, suppressed bool) bool) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		if !keep(f.RuleID, f.Severity, f.Suppressed) {
			continue
		}
		var addrs []string
		for _, r := range f.Resources {
			addrs = append(addrs, r.Address)
		}
		fmt.Fprintf(&b, "  %s %s: %s\n    resources: %s\n", f.Severity, f.RuleID, f.Message, strings.Join(addrs, ", "))
	}
	return b.String()
}

// TestCleanDesignsHaveNoErrorOrWarning: a well-built design gets no error and
// no warning from any rule (notices remain possible where the guide's advice
// is not followed).
func TestCleanDesignsHaveNoErrorOrWarning(t *testing.T) {
	for _, d := range designs(t, "clean", minCleanDesigns) {
		t.Run(d.name, func(t *testing.T) {
			rep, out := d.check(t)
			n := 0
			for _, f := range rep.Findings {
				if blocking(f.Severity, f.Suppressed) {
					n++
				}
			}
			if rep.Summary["error"] != 0 || rep.Summary["warning"] != 0 || n != 0 {
				t.Errorf("%s: want no error or warning, got %d error(s) and %d warning(s):\n%s",
					d.plan, rep.Summary["error"], rep.Summary["warning"],
					describeFindings(rep, func(_, sev string, sup bool) bool { return blocking(sev, sup) }))
			}
			golden(t, d.base+".golden.json", out)
		})
	}
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z]+[0-9]+$`)

// readExpect reads a .expect.txt: one rule ID per line, blank lines and #
// comments ignored.
func readExpect(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (every broken design lists the rules that must fire)", err)
	}
	want := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		id := strings.TrimSpace(sc.Text())
		if i := strings.IndexByte(id, '#'); i >= 0 {
			id = strings.TrimSpace(id[:i])
		}
		if id == "" {
			continue
		}
		if !ruleIDPattern.MatchString(id) {
			t.Fatalf("%s:%d: %q is not a rule ID", path, line, id)
		}
		want[id] = true
	}
	if len(want) == 0 {
		t.Fatalf("%s lists no rule", path)
	}
	return want
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestBrokenDesignsFireExpectedRules: the rules that report an error or a
// warning on a broken design are exactly those of its .expect.txt.
func TestBrokenDesignsFireExpectedRules(t *testing.T) {
	known := map[string]bool{}
	res := runCLI(t, "", "rules", "--format", "json")
	if res.code != 0 {
		t.Fatalf("netlint rules: exit %d: %s", res.code, res.stderr)
	}
	var rules []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &rules); err != nil || len(rules) == 0 {
		t.Fatalf("netlint rules --format json: %v\n%s", err, res.stdout)
	}
	for _, r := range rules {
		known[r.ID] = true
	}
	for _, d := range designs(t, "broken", minBrokenDesigns) {
		t.Run(d.name, func(t *testing.T) {
			want := readExpect(t, d.base+".expect.txt")
			for id := range want {
				if !known[id] {
					t.Errorf("%s.expect.txt names %s, which is not a rule", d.base, id)
				}
			}
			rep, out := d.check(t)
			got := map[string]bool{}
			for _, f := range rep.Findings {
				if blocking(f.Severity, f.Suppressed) {
					got[f.RuleID] = true
				}
			}
			var missing, unexpected []string
			for _, id := range sortedSet(want) {
				if !got[id] {
					missing = append(missing, id)
				}
			}
			for _, id := range sortedSet(got) {
				if !want[id] {
					unexpected = append(unexpected, id)
				}
			}
			if len(missing) > 0 || len(unexpected) > 0 {
				t.Errorf("%s: rules at error/warning level %v, want %v\n  missing: %v\n  unexpected: %v\nfindings at error/warning level:\n%s",
					d.plan, sortedSet(got), sortedSet(want), missing, unexpected,
					describeFindings(rep, func(_, sev string, sup bool) bool { return blocking(sev, sup) }))
			}
			golden(t, d.base+".golden.json", out)
		})
	}
}
