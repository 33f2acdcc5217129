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

// Reachability designs: real Terraform roots under testdata/reach/<name>/
// (HCL, local modules, the plan made by Terraform itself with
// shared/tools/realplan.sh, modules.json, an optional netlint.yaml declaring
// sites). expect.txt lists, one per line, every finding that must be reported
// at error or warning level: `RULE address...`, the finding naming all those
// addresses among its resources. No other error or warning may appear. The
// whole JSON report is kept as golden.json.

const reachDir = "../../testdata/reach"

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

func TestReachabilityDesigns(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(reachDir, "*", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 12 {
		t.Fatalf("%s: %d designs, want at least 12", reachDir, len(dirs))
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
