package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/internal/sarifcheck"
	"github.com/netlint/netlint/policies"
)

var update = flag.Bool("update", false, "rewrite golden files")

// result is one in-process CLI run.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	wd, _ := os.Getwd()
	e := env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" },
		getwd:  func() (string, error) { return wd, nil },
	}
	code := run(e, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// golden compares got with the file, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/netlint -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output (run go test ./cmd/netlint -update to accept):\n--- got\n%s", path, got)
	}
}

type jsonReport struct {
	Version  int `json:"version"`
	Findings []struct {
		RuleID    string `json:"rule_id"`
		RuleName  string `json:"rule_name"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		Resources []struct {
			Address string `json:"address"`
			Type    string `json:"type"`
			File    string `json:"file"`
			Line    int    `json:"line"`
		} `json:"resources"`
		Suppressed bool `json:"suppressed"`
	} `json:"findings"`
	Summary map[string]int `json:"summary"`
}

func decodeReport(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("output is not the JSON report: %v\n%s", err, s)
	}
	return r
}

// TestRuleMetadataNamesFixtures holds each built-in rule's METADATA
// custom.fixtures to its directory of fixtures: every case listed exists, every
// case there is listed, and there is at least one that fires and one that stays
// quiet.
func TestRuleMetadataNamesFixtures(t *testing.T) {
	eng, err := engine.New(engine.Options{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eng.Rules() {
		if r.ID == "NL000" {
			continue // expired waivers: tested with the waivers
		}
		plans, _ := filepath.Glob("../../testdata/rules/" + r.ID + "/*.plan.json")
		snaps, _ := filepath.Glob("../../testdata/rules/" + r.ID + "/*.snapshot.json")
		var cases []string
		for _, p := range append(plans, snaps...) {
			cases = append(cases, strings.TrimSuffix(strings.TrimSuffix(filepath.Base(p), ".plan.json"), ".snapshot.json"))
		}
		sort.Strings(cases)
		listed := slices.Sorted(slices.Values(r.Fixtures))
		if !slices.Equal(listed, cases) {
			t.Errorf("%s (%s): METADATA custom.fixtures = %v, testdata/rules/%s has %v", r.ID, r.File, listed, r.ID, cases)
		}
		fire := slices.ContainsFunc(cases, func(c string) bool { return strings.HasPrefix(c, "fire") })
		quiet := slices.ContainsFunc(cases, func(c string) bool { return strings.HasPrefix(c, "quiet") })
		if !fire || !quiet {
			t.Errorf("%s: fixtures %v need a fire* and a quiet* case", r.ID, cases)
		}
	}
}

// TestRuleFixtures runs the CLI on every rule fixture: testdata/rules/<ID>/
// fire*.plan.json must give at least one finding of that rule, quiet*.plan.json
// none, and the JSON report must match <case>.golden.json.
func TestRuleFixtures(t *testing.T) {
	plans, err := filepath.Glob("../../testdata/rules/*/*.plan.json")
	if err != nil || len(plans) == 0 {
		t.Fatalf("no rule fixtures: %v", err)
	}
	// Live-only rules are fixtures of model snapshots.
	snaps, _ := filepath.Glob("../../testdata/rules/*/*.snapshot.json")
	plans = append(plans, snaps...)
	for _, plan := range plans {
		id := filepath.Base(filepath.Dir(plan))
		base := strings.TrimSuffix(strings.TrimSuffix(plan, ".plan.json"), ".snapshot.json")
		name := filepath.Base(base)
		t.Run(id+"/"+name, func(t *testing.T) {
			args := []string{"check", "-f", "json", "--only", id, "--fail-on", "never"}
			cfg := base + ".netlint.yaml"
			if _, err := os.Stat(cfg); err == nil {
				args = append(args, "-c", cfg)
			} else {
				args = append(args, "-c", "../../testdata/empty.netlint.yaml")
			}
			res := runCLI(t, "", append(args, plan)...)
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			rep := decodeReport(t, res.stdout)
			n := 0
			for _, f := range rep.Findings {
				if f.RuleID == id {
					n++
				}
			}
			switch {
			case strings.HasPrefix(name, "fire") && n == 0:
				t.Errorf("%s: want a %s finding, got none", plan, id)
			case strings.HasPrefix(name, "quiet") && n != 0:
				t.Errorf("%s: want no %s finding, got %d: %s", plan, id, n, res.stdout)
			}
			golden(t, base+".golden.json", []byte(res.stdout))
			// Every fixture's SARIF must validate (locations, suppressions, rules).
			sarifArgs := append([]string{"check", "-f", "sarif"}, args[3:]...)
			if sres := runCLI(t, "", append(sarifArgs, plan)...); sres.code != 0 {
				t.Fatalf("sarif: exit %d: %s", sres.code, sres.stderr)
			} else if err := sarifcheck.Validate([]byte(sres.stdout)); err != nil {
				t.Fatalf("sarif does not validate: %v", err)
			}
		})
	}
}
