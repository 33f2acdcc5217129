package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/internal/sarifcheck"
)

const (
	outFiringPlan = "../../testdata/rules/NL001/fire-tgw.plan.json"
	outEmptyCfg   = "../../testdata/empty.netlint.yaml"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func assertNoFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("%s was written (stat: %v)", path, err)
	}
}

// One run writes every FORMAT=FILE report, each the same as that format's
// report of a run of its own, and still prints the -f report on stdout.
func TestOutputFormatFileWritesEachReport(t *testing.T) {
	dir := t.TempDir()
	js, sarif, md, txt := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.md"), filepath.Join(dir, "r.txt")
	res := runCLI(t, "", "check", "-c", outEmptyCfg, "-f", "text",
		"-o", "json="+js, "-o", "sarif="+sarif, "-o", "markdown="+md, "-o", "text="+txt, outFiringPlan)
	if res.code != 1 {
		t.Fatalf("exit %d, want 1 (NL001 errors; reports written first)\nstderr: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, "NL001") || strings.HasPrefix(strings.TrimSpace(res.stdout), "{") {
		t.Errorf("stdout is not the text report:\n%s", res.stdout)
	}
	for format, path := range map[string]string{"json": js, "sarif": sarif, "markdown": md, "text": txt} {
		alone := runCLI(t, "", "check", "-c", outEmptyCfg, "-f", format, "--fail-on", "never", outFiringPlan)
		if alone.code != 0 {
			t.Fatalf("-f %s: exit %d: %s", format, alone.code, alone.stderr)
		}
		if got := readFile(t, path); got != alone.stdout {
			t.Errorf("-o %s=%s differs from -f %s:\n--- file\n%s\n--- -f\n%s", format, path, format, got, alone.stdout)
		}
	}
	r := decodeReport(t, readFile(t, js))
	if r.Summary["error"] < 1 {
		t.Errorf("JSON summary %v: want NL001 errors", r.Summary)
	}
	if err := sarifcheck.Validate([]byte(readFile(t, sarif))); err != nil {
		t.Errorf("SARIF file invalid: %v", err)
	}
	if !strings.Contains(readFile(t, md), "## netlint: ") {
		t.Errorf("markdown file lacks the headline")
	}
}

// A plain -o takes the -f report off stdout, next to FORMAT=FILE reports.
func TestOutputPlainAndFormatFile(t *testing.T) {
	dir := t.TempDir()
	plain, md := filepath.Join(dir, "report.json"), filepath.Join(dir, "summary.md")
	res := runCLI(t, "", "check", "-c", outEmptyCfg, "-f", "json", "-o", plain, "-o", "markdown="+md, "--fail-on", "never", outFiringPlan)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if res.stdout != "" {
		t.Errorf("stdout %q, want nothing: the -f report went to -o %s", res.stdout, plain)
	}
	if r := decodeReport(t, readFile(t, plain)); r.Version != 1 {
		t.Errorf("plain -o file: JSON version %d", r.Version)
	}
	if !strings.HasPrefix(readFile(t, md), "## netlint: ") {
		t.Errorf("markdown= file is not the Markdown report")
	}
}

// The one-report form, -f FORMAT -o FILE, is unchanged.
func TestOutputLegacySingleFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "netlint.sarif")
	res := runCLI(t, "", "check", "-c", outEmptyCfg, "-f", "sarif", "-o", out, "--fail-on", "never", outFiringPlan)
	if res.code != 0 || res.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(readFile(t, out)), &doc); err != nil || doc["version"] != "2.1.0" {
		t.Errorf("-o file is not SARIF 2.1.0: %v", err)
	}
}

// A file whose name looks like FORMAT=FILE is written with a path prefix.
func TestOutputFileNamedLikeFormat(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	plan := filepath.Join(wd, outFiringPlan)
	cfg := filepath.Join(wd, outEmptyCfg)
	res := runCLI(t, "", "check", "-c", cfg, "-f", "json", "-o", "./json=x", "--fail-on", "never", plan)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	decodeReport(t, readFile(t, filepath.Join(dir, "json=x")))
	assertNoFile(t, filepath.Join(dir, "x"))
}

func TestOutputFlagErrors(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	planCopy := filepath.Join(dir, "plan.json")
	original := readFile(t, outFiringPlan)
	if err := os.WriteFile(planCopy, []byte(original), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"same file twice", []string{"-o", "json=" + a, "-o", "sarif=" + a}, "is already the output of -o json=" + a},
		{"same file, plain and named", []string{"-o", a, "-o", "markdown=" + a}, "is already the output of -o " + a},
		{"same file spelt two ways", []string{"-o", "json=" + a, "-o", "sarif=" + filepath.Join(dir, "x", "..", "a")}, "already the output"},
		{"plain -o twice", []string{"-o", a, "-o", b}, "-o FILE given twice"},
		{"unknown format", []string{"-o", "sarf=" + a}, `unknown format "sarf"`},
		{"empty file", []string{"-o", "json="}, "want FILE or FORMAT=FILE"},
		{"named stdout", []string{"-o", "json=-"}, "stdout carries the -f report"},
		{"named output is the plan", []string{"-o", "json=" + b, "-o", "sarif=" + planCopy}, "that is an input of this run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "-c", outEmptyCfg, "--fail-on", "never"}, tt.args...)
			res := runCLI(t, "", append(args, planCopy)...)
			if res.code != 2 {
				t.Errorf("exit %d, want 2\nstderr: %s", res.code, res.stderr)
			}
			if !strings.Contains(res.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("a report was printed: %s", res.stdout)
			}
			assertNoFile(t, a)
			assertNoFile(t, b)
			if readFile(t, planCopy) != original {
				t.Fatalf("the plan was overwritten")
			}
		})
	}
}
