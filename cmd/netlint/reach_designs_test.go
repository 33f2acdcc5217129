package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Real plans, made by Terraform itself:
//
//   - testdata/reach/<name>/: reachability designs written for netlint (HCL,
//     local modules, the plan, modules.json, an optional netlint.yaml
//     declaring sites);
//   - testdata/modules/<name>/: the examples of public network modules
//     (terraform-aws-modules vpc, vpn-gateway, customer-gateway,
//     transit-gateway; cloudposse transit-gateway), plan and modules.json only
//     (testdata/modules/SOURCES.md says where each comes from). No sources:
//     the loader resolves links from the plan alone.
//
// expect.txt lists, one per line, every finding that must be reported at
// error or warning level: `RULE address...`, the finding naming all those
// addresses among its resources. No other error or warning may appear. The
// whole JSON report is kept as golden.json, reviewed by hand.

const (
	reachDir   = "../../testdata/reach"
	modulesDir = "../../testdata/modules"
)

// expectation is one line of an expect.txt.
type expectation struct {
	line  int
	rule  string
	addrs []string
}

func readExpectations(t *testing.T, path string) []expectation {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (every design says what must be reported, or why nothing)", err)
	}
	var out []expectation
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		fields := strings.Fields(line)
		if !ruleIDPattern.MatchString(fields[0]) || len(fields) < 2 {
			t.Fatalf("%s:%d: want `RULE address...`, got %q", path, n, line)
		}
		out = append(out, expectation{line: n, rule: fields[0], addrs: fields[1:]})
	}
	return out
}

func TestReachabilityDesigns(t *testing.T) { testRealPlans(t, reachDir, 12) }

func TestPublicModuleExamples(t *testing.T) { testRealPlans(t, modulesDir, 12) }

func testRealPlans(t *testing.T, root string, min int) {
	dirs, err := filepath.Glob(filepath.Join(root, "*", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < min {
		t.Fatalf("%s: %d plans, want at least %d", root, len(dirs), min)
	}
	for _, plan := range dirs {
		dir := filepath.Dir(plan)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cfg := "../../testdata/empty.netlint.yaml"
			if _, err := os.Stat(filepath.Join(dir, "netlint.yaml")); err == nil {
				cfg = filepath.Join(dir, "netlint.yaml")
			}
			res := runCLI(t, "", "check", "-f", "json", "--fail-on", "never", "-c", cfg, plan)
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			rep := decodeReport(t, res.stdout)
			want := readExpectations(t, filepath.Join(dir, "expect.txt"))
			matched := make([]bool, len(want))
			var unexpected []string
			for _, f := range rep.Findings {
				if !blocking(f.Severity, f.Suppressed) {
					continue
				}
				var addrs []string
				for _, r := range f.Resources {
					addrs = append(addrs, r.Address)
				}
				found := false
				for i, w := range want {
					if matched[i] || w.rule != f.RuleID {
						continue
					}
					if all(w.addrs, func(a string) bool { return slices.Contains(addrs, a) }) {
						matched[i], found = true, true
						break
					}
				}
				if !found {
					unexpected = append(unexpected, fmt.Sprintf("%s %s: %s", f.Severity, f.RuleID, f.Message))
				}
			}
			for i, w := range want {
				if !matched[i] {
					t.Errorf("expect.txt:%d: no %s finding names %s", w.line, w.rule, strings.Join(w.addrs, " and "))
				}
			}
			for _, u := range unexpected {
				t.Errorf("unexpected: %s", u)
			}
			golden(t, filepath.Join(dir, "golden.json"), []byte(res.stdout))
		})
	}
}

func all[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}
