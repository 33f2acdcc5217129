package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// oneLineExit2 checks the contract for bad input: exit 2, one line on stderr
// starting "netlint: " and holding want, nothing on stdout, no goroutine dump.
func oneLineExit2(t *testing.T, res result, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
	switch {
	case res.code != 2:
		t.Errorf("exit %d, want 2; stderr %q", res.code, res.stderr)
	case len(lines) != 1 || !strings.HasPrefix(lines[0], "netlint: ") || !strings.HasSuffix(res.stderr, "\n"):
		t.Errorf("stderr is not one line: %q", res.stderr)
	case !strings.Contains(res.stderr, want):
		t.Errorf("stderr %q lacks %q", res.stderr, want)
	case res.stdout != "":
		t.Errorf("a report was written for bad input: %q", res.stdout)
	case strings.Contains(res.stderr, "goroutine "):
		t.Errorf("goroutine dump: %q", res.stderr)
	}
}

// withTimeout fails the test instead of hanging when the CLI does.
func withTimeout(t *testing.T, d time.Duration, f func() result) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- f() }()
	select {
	case r := <-done:
		return r
	case <-time.After(d):
		t.Fatalf("netlint did not finish within %v", d)
		return result{}
	}
}

func TestNonRegularInputsAreRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("devices and FIFOs are Unix files")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "plan.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	tfDir := filepath.Join(dir, "tf")
	os.Mkdir(tfDir, 0o755)
	os.WriteFile(filepath.Join(tfDir, "main.tf"), []byte(`resource "aws_vpc" "a" {}`+"\n"), 0o644)
	os.Symlink("/dev/urandom", filepath.Join(tfDir, "random.tf"))
	fifoDir := filepath.Join(dir, "fifo-tf")
	os.Mkdir(fifoDir, 0o755)
	syscall.Mkfifo(filepath.Join(fifoDir, "main.tf"), 0o600)

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"/dev/zero", []string{"/dev/zero"}, "netlint: /dev/zero: a device, not a regular file"},
		{"/dev/urandom", []string{"/dev/urandom"}, "netlint: /dev/urandom: a device, not a regular file"},
		{"FIFO with no writer", []string{fifo}, "plan.json: a named pipe (FIFO), not a regular file"},
		{"directory", []string{dir}, ": a directory, not a file"},
		{"symlink to a device under --tf-dir", []string{"--tf-dir", tfDir, firePlan}, "random.tf: a device, not a regular file"},
		{"FIFO under --tf-dir", []string{"--tf-dir", fifoDir, firePlan}, "main.tf: a named pipe (FIFO), not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "-c", emptyConfig}, tt.args...)
			oneLineExit2(t, withTimeout(t, 20*time.Second, func() result { return runCLI(t, "", args...) }), tt.want)
		})
	}
}

func TestMaxInputSize(t *testing.T) {
	info, err := os.Stat(firePlan)
	if err != nil {
		t.Fatal(err)
	}
	res := runCLI(t, "", "check", "-c", emptyConfig, "--max-input-size", "1KiB", firePlan)
	oneLineExit2(t, res, "fire-tgw.plan.json: larger than the input size limit of 1KiB (--max-input-size)")
	// stdin is bounded alike.
	data, _ := os.ReadFile(firePlan)
	res = runCLI(t, string(data), "check", "-c", emptyConfig, "--max-input-size", "1KiB", "-")
	oneLineExit2(t, res, "<stdin>: larger than the input size limit of 1KiB")
	// At the limit it is read.
	res = runCLI(t, "", "check", "-c", emptyConfig, "--fail-on", "never", "--max-input-size", strconv.FormatInt(info.Size(), 10), firePlan)
	if res.code != 0 {
		t.Errorf("a plan of exactly the limit: exit %d %s", res.code, res.stderr)
	}
	oneLineExit2(t, runCLI(t, "", "check", "--max-input-size", "lots", firePlan), `--max-input-size: "lots" is not a size`)
}

func TestOutputNamingAnInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	data, _ := os.ReadFile(firePlan)
	os.WriteFile(plan, data, 0o644)
	cfg := filepath.Join(dir, ".netlint.yaml")
	os.WriteFile(cfg, []byte("rules: {}\n"), 0o644)
	link := filepath.Join(dir, "link.json")
	os.Symlink(plan, link)
	for _, args := range [][]string{
		{"check", "-c", cfg, "-o", plan, plan},
		{"check", "-c", cfg, "-o", link, plan},
		{"check", "-c", cfg, "-o", filepath.Join(dir, ".", "plan.json"), "-f", "sarif", plan},
		{"check", "-c", cfg, "-o", cfg, plan},
		{"graph", "-c", cfg, "-o", plan, plan},
	} {
		res := runCLI(t, "", args...)
		oneLineExit2(t, res, "that is an input of this run")
		if got, _ := os.ReadFile(plan); string(got) != string(data) {
			t.Fatalf("%v destroyed the plan", args)
		}
	}
}

// A report is written whole or not at all: a failed write keeps the old file,
// and no temporary file is left behind.
func TestOutputIsWrittenAtomically(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	if res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", "-o", out, firePlan); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	first, _ := os.ReadFile(out)
	// A run that fails (bad input) leaves the previous report as it was.
	res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "-o", out, "/dev/null")
	if res.code != 2 {
		t.Fatalf("exit %d", res.code)
	}
	if got, _ := os.ReadFile(out); string(got) != string(first) {
		t.Error("a failed run changed the previous report")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the output directory: %v", entries)
	}
	oneLineExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "-o", filepath.Join(dir, "missing", "r.txt"), "--fail-on", "never", firePlan),
		"-o "+filepath.Join(dir, "missing", "r.txt")+": ")
}

// Control characters in what the input names never reach stderr raw.
func TestStderrEscapesControlCharacters(t *testing.T) {
	dir := t.TempDir()
	evil := filepath.Join(dir, "plan\x1b[2J\n.json")
	if err := os.WriteFile(evil, []byte("{"), 0o644); err != nil {
		t.Skip(err)
	}
	res := runCLI(t, "", "check", "-c", emptyConfig, evil)
	oneLineExit2(t, res, `plan\x1b[2J .json`) // newlines in messages become spaces
	if strings.Contains(res.stderr, "\x1b") {
		t.Errorf("stderr holds an escape sequence: %q", res.stderr)
	}
}

// TestHostileFiles runs the CLI on every file of testdata/hostile/files, whose
// expect.tsv gives the exit code and what stderr must say (reviewed by hand):
// a one-line error and exit 2, or a complete report.
func TestHostileFiles(t *testing.T) {
	const dir = "../../testdata/hostile/files"
	data, err := os.ReadFile(filepath.Join(dir, "expect.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		parts := strings.SplitN(line, "\t", 3)
		name, code := parts[0], parts[1]
		listed[name] = true
		t.Run(name, func(t *testing.T) {
			res := withTimeout(t, 60*time.Second, func() result {
				return runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", filepath.Join(dir, name))
			})
			if code == "2" {
				oneLineExit2(t, res, parts[2])
				return
			}
			if strconv.Itoa(res.code) != code || res.stderr != "" {
				t.Fatalf("exit %d stderr %q, want exit %s", res.code, res.stderr, code)
			}
			decodeReport(t, res.stdout)
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "expect.tsv" && !listed[e.Name()] {
			t.Errorf("%s is not in expect.tsv", e.Name())
		}
	}
}

// Hostile values made at run time: too big to commit, or built from a fixture.
func TestHostileGeneratedPlans(t *testing.T) {
	raw, err := os.ReadFile(firePlan)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A 64 MiB string in an attribute nobody reads: read, within the limit.
	long := write("long-string.json", bytes.Replace(raw, []byte(`"format_version"`),
		append(append([]byte(`"x":"`), bytes.Repeat([]byte("a"), 64<<20)...), []byte(`","format_version"`)...), 1))
	res := withTimeout(t, 60*time.Second, func() result {
		return runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", long)
	})
	if res.code != 0 {
		t.Errorf("long string: exit %d %s", res.code, res.stderr)
	}
	res = runCLI(t, "", "check", "-c", emptyConfig, "--max-input-size", "32MiB", long)
	oneLineExit2(t, res, "larger than the input size limit of 32MiB")

	// Control characters in a for_each key (raw in the address, which
	// Terraform itself would escape) reach the text report escaped, and the
	// JSON report exactly.
	key := "evil\x1b[2J\x1b]0;pwned\x07\nerror   NL999 forged"
	quoted, _ := json.Marshal(key)
	var plan map[string]any
	if err := json.Unmarshal(raw, &plan); err != nil {
		t.Fatal(err)
	}
	renamed := ""
	for _, rc := range plan["resource_changes"].([]any) {
		rc := rc.(map[string]any)
		if rc["type"] == "aws_vpc" {
			old := rc["address"].(string)
			renamed = old + `["` + key + `"]` // raw, as a hand-made plan may hold it
			rc["address"], rc["index"] = renamed, key
			break
		}
	}
	if renamed == "" {
		t.Fatal("no VPC in the fixture")
	}
	data, _ := json.Marshal(plan)
	evil := write("evil.json", data)
	text := runCLI(t, "", "check", "-c", emptyConfig, "--fail-on", "never", evil)
	if text.code != 0 {
		t.Fatalf("exit %d: %s", text.code, text.stderr)
	}
	for _, bad := range []string{"\x1b", "\x07", "\nerror   NL999"} {
		if strings.Contains(text.stdout+text.stderr, bad) {
			t.Errorf("text output holds %q:\n%s", bad, text.stdout)
		}
	}
	if !strings.Contains(text.stdout, `evil\x1b[2J\x1b]0;pwned\x07\x0aerror   NL999 forged`) {
		t.Errorf("text output does not show the escaped key:\n%s", text.stdout)
	}
	js := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", evil)
	if !strings.Contains(js.stdout, string(quoted[1:len(quoted)-1])) {
		t.Errorf("JSON report does not keep the exact key %s", quoted)
	}
}

// TestHostilePaths gives every path-taking flag a path that is not what it
// should be: each ends in one line naming the path, and exit 2.
func TestHostilePaths(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs and symlink loops are Unix files")
	}
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	syscall.Mkfifo(p("fifo"), 0o600)
	os.Symlink("loop2", p("loop1"))
	os.Symlink("loop1", p("loop2"))
	os.Symlink("nowhere", p("dangling"))
	os.Mkdir(p("d"), 0o755)
	data, _ := os.ReadFile(firePlan)
	os.WriteFile(p("plan.json"), data, 0o644)
	long := p(strings.Repeat("a", 5000))

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing input", []string{p("missing.json")}, "missing.json: no such file or directory"},
		{"empty input name", []string{""}, `an input file name is empty ("")`},
		{"symlink loop", []string{p("loop1")}, "loop1: too many levels of symbolic links"},
		{"dangling symlink", []string{p("dangling")}, "dangling: no such file or directory"},
		{"file used as a directory", []string{p("plan.json") + "/x"}, "plan.json/x: not a directory"},
		{"name too long", []string{long}, "file name too long"},
		{"missing config", []string{"-c", p("missing.yaml"), p("plan.json")}, "missing.yaml: no such file or directory"},
		{"config is a directory", []string{"-c", p("d"), p("plan.json")}, "d: a directory, not a file"},
		{"config is a FIFO", []string{"-c", p("fifo"), p("plan.json")}, "fifo: a named pipe (FIFO), not a regular file"},
		{"config is a symlink loop", []string{"-c", p("loop1"), p("plan.json")}, "loop1: too many levels of symbolic links"},
		{"missing policy directory", []string{"-p", p("missing"), p("plan.json")}, "missing: no such file or directory"},
		{"policy path is a FIFO", []string{"-p", p("fifo"), p("plan.json")}, "not a directory or .rego file"},
		{"policy path is a symlink loop", []string{"-p", p("loop1"), p("plan.json")}, "loop1: too many levels of symbolic links"},
		{"--tf-dir is a file", []string{"--tf-dir", p("plan.json"), p("plan.json")}, "--tf-dir " + p("plan.json") + ": read Terraform sources"},
		{"--tf-dir is missing", []string{"--tf-dir", p("missing"), p("plan.json")}, "no such file or directory"},
		{"-o is a directory", []string{"-o", p("d"), p("plan.json")}, "-o " + p("d") + ": a directory, not a file"},
		{"-o in a missing directory", []string{"-o", p("missing/r.txt"), p("plan.json")}, "-o " + p("missing/r.txt") + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"check"}
			if !strings.HasPrefix(tt.args[0], "-c") {
				args = append(args, "-c", emptyConfig)
			}
			args = append(args, tt.args...)
			oneLineExit2(t, withTimeout(t, 20*time.Second, func() result { return runCLI(t, "", args...) }), tt.want)
		})
	}
}

// -o may name a pipe or a terminal (/dev/stdout, process substitution): the
// report streams into it instead of replacing it.
func TestOutputToAPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes are Unix files")
	}
	fifo := filepath.Join(t.TempDir(), "report")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		got <- data
	}()
	res := withTimeout(t, 30*time.Second, func() result {
		return runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", "-o", fifo, firePlan)
	})
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	decodeReport(t, string(<-got))
}

// TestHostilePlansThroughTheCLI runs testdata/hostile/plan (each file holds one
// value of a type or shape Terraform and the AWS provider never write; the
// loader's tests hold the messages) through the whole CLI: one line naming
// the file, exit 2, no report.
func TestHostilePlansThroughTheCLI(t *testing.T) {
	const dir = "../../testdata/hostile/plan"
	data, err := os.ReadFile(filepath.Join(dir, "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) != 3 {
			t.Fatalf("expect.txt: %q", line)
		}
		name, code, want := fields[0], fields[1], strings.TrimSpace(fields[2])
		n++
		t.Run(name, func(t *testing.T) {
			res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", filepath.Join(dir, name))
			if code != "2" {
				t.Fatalf("expect.txt gives exit %s; the CLI test knows only exit 2", code)
			}
			oneLineExit2(t, res, name+": "+want)
		})
	}
	if n < 100 {
		t.Errorf("only %d hostile plans listed", n)
	}
}

// A modules.json that sends module directories outside the root's repository
// is not followed, and stderr says so once per module.
func TestModulesJSONOutsideTheRepository(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	root := filepath.Join(repo, "root")
	os.MkdirAll(filepath.Join(root, ".terraform", "modules"), 0o755)
	os.WriteFile(filepath.Join(root, "main.tf"), []byte(`module "evil" { source = "x" }`+"\n"), 0o644)
	os.WriteFile(filepath.Join(root, ".terraform", "modules", "modules.json"), []byte(`{"Modules":[
		{"Key":"","Source":"","Dir":"."},
		{"Key":"evil","Source":"x","Dir":"/etc"},
		{"Key":"up","Source":"y","Dir":"../../.."}]}`), 0o644)
	res := runCLI(t, "", "check", "-c", emptyConfig, "--fail-on", "never", "--tf-dir", root, firePlan)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{
		`module evil: directory "/etc" is an absolute path; not followed`,
		`module up: directory "../../.." is outside the repository; not followed`,
	} {
		if n := strings.Count(res.stderr, want); n != 1 {
			t.Errorf("stderr says %q %d times, want once:\n%s", want, n, res.stderr)
		}
	}
	if n := strings.Count(res.stderr, "\n"); n != 2 {
		t.Errorf("stderr has %d lines, want 2:\n%s", n, res.stderr)
	}
}
