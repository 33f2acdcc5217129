package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const hostileConfigs = "../../testdata/hostile/config/"
const hostilePolicies = "../../testdata/hostile/policy/"

// policyExit2 checks the contract for a bad configuration or policy: exit 2,
// one line on stderr starting "netlint: " and holding want, no report, no
// goroutine dump.
func policyExit2(t *testing.T, res result, want string) {
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
		t.Errorf("a report was written: %q", res.stdout)
	case strings.Contains(res.stderr, "goroutine "):
		t.Errorf("goroutine dump: %q", res.stderr)
	}
}

// TestHostileConfigs runs `netlint check -c FILE` for every file of
// testdata/hostile/config/expect.txt: exit 2 and a one-line error holding the
// expected text.
func TestHostileConfigs(t *testing.T) {
	f, err := os.Open(hostileConfigs + "expect.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		file, want, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("expect.txt: %q has no expected error", line)
		}
		listed[file] = true
		t.Run(file, func(t *testing.T) {
			res := runCLI(t, "", "check", "-c", hostileConfigs+file, quietPlan)
			policyExit2(t, res, strings.TrimSpace(want))
		})
	}
	entries, err := os.ReadDir(hostileConfigs)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yaml") && !listed[e.Name()] {
			t.Errorf("%s is not in expect.txt", e.Name())
		}
	}
	if len(listed) < 10 {
		t.Errorf("%d hostile configurations, want at least 10", len(listed))
	}
}

// TestConfigOfUserRules: waivers and parameters of a rule loaded with -p are
// checked once the rule is known.
func TestConfigOfUserRules(t *testing.T) {
	res := runCLI(t, "", "check", "-c", hostileConfigs+"waiver-user-rule.netlint.yaml", "-p", "../../testdata/policies/good",
		"-f", "json", "--only", "ACME001", quietPlan)
	if res.code != 0 {
		t.Fatalf("a waiver of a -p rule: exit %d %s", res.code, res.stderr)
	}
	if rep := decodeReport(t, res.stdout); len(rep.Findings) == 0 || !rep.Findings[0].Suppressed {
		t.Fatalf("the waiver of ACME001 suppresses its findings: %s", res.stdout)
	}

	dir := t.TempDir()
	write := func(name, doc string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	set := write("set.yaml", "rules:\n  ACME010: {max_vpcs: 1}\n")
	res = runCLI(t, "", "check", "-c", set, "-p", hostilePolicies+"user-params", "-f", "json", "--fail-on", "warning", "--only", "ACME010", quietPlan)
	if res.code != 1 || !strings.Contains(res.stdout, "more than 1") {
		t.Fatalf("a declared parameter of a user rule reaches it: exit %d %s %s", res.code, res.stdout, res.stderr)
	}
	typo := write("typo.yaml", "rules:\n  ACME010:\n    max_vpc: 1\n")
	policyExit2(t, runCLI(t, "", "check", "-c", typo, "-p", hostilePolicies+"user-params", quietPlan),
		typo+`:3: rules.ACME010: unknown parameter "max_vpc" (ACME010 takes: max_vpcs)`)
	undeclared := write("undeclared.yaml", "rules:\n  ACME001: {owner_tag: team}\n")
	policyExit2(t, runCLI(t, "", "check", "-c", undeclared, "-p", "../../testdata/policies/good", quietPlan),
		`rules.ACME001: unknown parameter "owner_tag" (ACME001 takes no parameters)`)
}

// TestInlineWaiverWithoutReason: `# netlint:ignore RULE` with no reason is an
// error naming the file and line, as a waiver without a reason in
// .netlint.yaml is.
func TestInlineWaiverWithoutReason(t *testing.T) {
	dir := copyExample(t)
	mainTF := filepath.Join(dir, "main.tf")
	src, err := os.ReadFile(mainTF)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ comment, want string }{
		{"# netlint:ignore NL001", ":23: netlint:ignore NL001 has no reason: say why the finding is accepted"},
		{"# netlint:ignore because it is fine", ":23: netlint:ignore needs a rule id and a reason"},
	} {
		waived := strings.Replace(string(src), `module "spoke" {`, tt.comment+"\nmodule \"spoke\" {", 1)
		if err := os.WriteFile(mainTF, []byte(waived), 0o644); err != nil {
			t.Fatal(err)
		}
		res := runCLI(t, "", "check", "-c", emptyConfig, filepath.Join(dir, "plan.json"))
		policyExit2(t, res, mainTF+tt.want)
	}
}

// TestPolicyWithoutMetadata: a -p package with a deny rule but no METADATA
// would be silently ignored; it is refused. Library packages load.
func TestPolicyWithoutMetadata(t *testing.T) {
	policyExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "-p", hostilePolicies+"no-metadata", quietPlan),
		hostilePolicies+`no-metadata/acme.rego:3: package acme.vpc_owner_tag has a deny rule but no METADATA with custom.id, custom.name and custom.severity (see README "Writing your own rules")`)
	policyExit2(t, runCLI(t, "", "verify", "-p", hostilePolicies+"no-metadata"), hostilePolicies+"no-metadata/acme.rego:3: package acme.vpc_owner_tag has a deny rule but no METADATA")
	if res := runCLI(t, "", "check", "-c", emptyConfig, "-p", hostilePolicies+"library-only", "--only", "NL001", quietPlan); res.code != 0 {
		t.Fatalf("a library package: exit %d %s", res.code, res.stderr)
	}
}

// TestPolicySandbox: policies reach neither the network nor the host.
func TestPolicySandbox(t *testing.T) {
	for dir, want := range map[string]string{
		"http-send":   "http-send/http.rego:14: http.send is not allowed in netlint policies",
		"time-now":    "time-now/clock.rego:13: time.now_ns is not allowed in netlint policies",
		"opa-runtime": "opa-runtime/env.rego:14: opa.runtime is not allowed in netlint policies",
	} {
		t.Run(dir, func(t *testing.T) {
			policyExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "-p", hostilePolicies+dir, quietPlan), hostilePolicies+want)
			policyExit2(t, runCLI(t, "", "verify", "-p", hostilePolicies+dir), hostilePolicies+want)
		})
	}
}

// TestPolicyTimeout: a rule still running at --policy-timeout ends the run
// with exit 2 naming it. The bound covers compiling the policies too, so it
// is set well above what compiling takes on a loaded machine (under a second)
// and far below what the rule needs (10^10 iterations).
func TestPolicyTimeout(t *testing.T) {
	start := time.Now()
	res := runCLI(t, "", "check", "-c", emptyConfig, "-p", hostilePolicies+"slow", "--policy-timeout", "5s", quietPlan)
	policyExit2(t, res, "netlint: "+hostilePolicies+"slow/slow.rego: rule HOSTILE001 did not finish within --policy-timeout 5s")
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("stopping took %s", d)
	}
	res = runCLI(t, "", "verify", "-p", hostilePolicies+"slow", "--policy-timeout", "5s")
	if res.code != 2 || !strings.Contains(res.stderr, "slow/slow_test.rego:5: test hostile.slow_test.test_never_denies did not finish within --policy-timeout 5s") {
		t.Errorf("verify: exit %d stderr %q", res.code, res.stderr)
	}
}

// TestPolicyMemory: a rule building a set of 10^8 numbers is stopped at
// --policy-memory and named, instead of exhausting the machine.
func TestPolicyMemory(t *testing.T) {
	res := runCLI(t, "", "check", "-c", emptyConfig, "-p", hostilePolicies+"bigset", "--policy-memory", "200MiB", quietPlan)
	policyExit2(t, res, "netlint: "+hostilePolicies+"bigset/bigset.rego: rule HOSTILE002 was stopped: the heap passed --policy-memory 200MiB")
	res = runCLI(t, "", "verify", "-p", hostilePolicies+"bigset", "--policy-memory", "200MiB")
	if res.code != 2 || !strings.Contains(res.stderr, "bigset/bigset_test.rego:5: test hostile.bigset_test.test_never_denies was stopped: the heap passed --policy-memory 200MiB") {
		t.Errorf("verify: exit %d stderr %q", res.code, res.stderr)
	}
}

func TestPolicyLimitFlags(t *testing.T) {
	policyExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "--policy-memory", "lots", quietPlan), `--policy-memory: "lots" is not a size`)
	policyExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "--policy-timeout", "-1s", quietPlan), "--policy-timeout -1s: want a positive duration")
	policyExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "--policy-timeout", "soon", quietPlan), `invalid argument "soon" for "--policy-timeout"`)
	if res := runCLI(t, "", "check", "-c", emptyConfig, "--policy-timeout", "0", "--policy-memory", "0", "--only", "NL001", quietPlan); res.code != 0 {
		t.Fatalf("no limits: exit %d %s", res.code, res.stderr)
	}
}

func TestExplainShowsParameters(t *testing.T) {
	res := runCLI(t, "", "explain", "NL502")
	if res.code != 0 || !strings.Contains(res.stdout, "\nParameters (.netlint.yaml: rules: {NL502: {NAME: VALUE}})\n  max_peerings (integer, default 10): ") {
		t.Fatalf("explain NL502: exit %d %q", res.code, res.stdout)
	}
	if res := runCLI(t, "", "explain", "NL001"); strings.Contains(res.stdout, "Parameters") {
		t.Fatalf("NL001 has no parameters: %q", res.stdout)
	}
}

// evalFailure says whether an expected error comes from evaluating the rules
// (netlint check only) rather than from loading them (check, rules, explain).
func evalFailure(want string) bool {
	for _, s := range []string{"evaluate policies", "eval_conflict_error", "the result would pass", "deny entry", "was stopped", "did not finish"} {
		if strings.Contains(want, s) && !strings.Contains(want, "compiling") {
			return true
		}
	}
	return false
}

// TestHostilePolicies runs `netlint check -p DIR` for every directory of
// testdata/hostile/policy/expect.txt: the exit code, and for exit 2 a
// one-line error holding the expected text. A policy refused at load is
// refused by `netlint rules -p` alike.
func TestHostilePolicies(t *testing.T) {
	data, err := os.ReadFile(hostilePolicies + "expect.txt")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{"slow": true, "bigset": true}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, " ", 2)
		if len(f) != 2 {
			t.Fatalf("expect.txt: %q", line)
		}
		dir := f[0]
		code, want, _ := strings.Cut(strings.TrimSpace(f[1]), " ")
		want = strings.TrimSpace(want)
		listed[dir] = true
		t.Run(dir, func(t *testing.T) {
			var extra []string
			if a, err := os.ReadFile(hostilePolicies + dir + "/args"); err == nil {
				extra = strings.Fields(string(a))
			}
			args := append([]string{"check", "-c", emptyConfig, "-p", hostilePolicies + dir,
				"--policy-timeout", "10s", "--policy-memory", "256MiB"}, extra...)
			res := runCLI(t, "", append(args, quietPlan)...)
			if code == "0" {
				if res.code != 0 || res.stderr != "" {
					t.Fatalf("exit %d, stderr %q; want a clean run", res.code, res.stderr)
				}
				return
			}
			policyExit2(t, res, want)
			if !evalFailure(want) {
				policyExit2(t, runCLI(t, "", append([]string{"rules", "-p", hostilePolicies + dir}, extra...)...), want)
			}
		})
	}
	entries, err := os.ReadDir(hostilePolicies)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !listed[e.Name()] {
			t.Errorf("%s is not in expect.txt", e.Name())
		}
	}
	if len(listed) < 30 {
		t.Errorf("%d hostile policies, want at least 30", len(listed))
	}
}

// TestHostilePolicyPaths: -p paths that cannot be files of a repository.
func TestHostilePolicyPaths(t *testing.T) {
	dir := t.TempDir()
	rule := "package acme.t\n\ndeny contains \"x\" if false\n"

	fifo := filepath.Join(dir, "fifo")
	os.Mkdir(fifo, 0o755)
	if err := syscall.Mkfifo(filepath.Join(fifo, "x.rego"), 0o644); err != nil {
		t.Skip(err)
	}
	loop := filepath.Join(dir, "loop")
	os.MkdirAll(filepath.Join(loop, "sub"), 0o755)
	os.WriteFile(filepath.Join(loop, "lib.rego"), []byte("package acme.lib\n\nx := 1\n"), 0o644)
	os.Symlink("..", filepath.Join(loop, "sub", "up"))
	big := filepath.Join(dir, "big")
	os.Mkdir(big, 0o755)
	f, err := os.Create(filepath.Join(big, "big.rego"))
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(9 << 20) // sparse
	f.Close()
	notRego := filepath.Join(dir, "policy.txt")
	os.WriteFile(notRego, []byte(rule), 0o644)
	single := filepath.Join(dir, "lib.rego")
	os.WriteFile(single, []byte("package acme.lib\n\nx := 1\n"), 0o644)

	for _, tt := range []struct{ dir, want string }{
		{fifo, fifo + "/x.rego: a named pipe (FIFO), not a regular file"},
		{loop, loop + ": policy directory: a loop of symbolic links under it"},
		{big, big + "/big.rego: larger than 8MiB: not a policy file"},
		{notRego, "not a directory or .rego file"},
		{filepath.Join(dir, "missing"), "no such file or directory"},
	} {
		start := time.Now()
		policyExit2(t, runCLI(t, "", "check", "-c", emptyConfig, "-p", tt.dir, quietPlan), tt.want)
		policyExit2(t, runCLI(t, "", "rules", "-p", tt.dir), tt.want)
		policyExit2(t, runCLI(t, "", "verify", "-p", tt.dir), tt.want)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s took %s", tt.dir, d)
		}
	}
	if res := runCLI(t, "", "check", "-c", emptyConfig, "-p", single, "--only", "NL001", quietPlan); res.code != 0 {
		t.Fatalf("-p naming one .rego file: exit %d %s", res.code, res.stderr)
	}
}

// TestHostileConfigPaths: -c paths that cannot be files of a repository,
// and odd files that are valid.
func TestHostileConfigPaths(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	loop := filepath.Join(dir, "loop.yaml")
	os.Symlink(loop, loop)
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(9 << 20)
	f.Close()
	var keys strings.Builder
	keys.WriteString("rules:\n")
	for i := range 20001 {
		fmt.Fprintf(&keys, "  R%d: off\n", i)
	}
	many := filepath.Join(dir, "many.yaml")
	os.WriteFile(many, []byte(keys.String()), 0o644)

	for _, tt := range []struct{ path, want string }{
		{dir, dir + ": a directory, not a file"},
		{fifo, fifo + ": a named pipe (FIFO), not a regular file"},
		{loop, "too many levels of symbolic links"},
		{big, big + ": larger than 8MiB: not a configuration file"},
		{many, many + ":2: a mapping of 20001 keys (at most 10000): not a configuration"},
		{"/dev/zero", "/dev/zero: a device, not a regular file"},
		{filepath.Join(dir, "missing.yaml"), "no such file or directory"},
	} {
		start := time.Now()
		policyExit2(t, runCLI(t, "", "check", "-c", tt.path, quietPlan), tt.want)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s took %s", tt.path, d)
		}
	}
	// Valid, if odd: empty, comments only, a byte order mark, CRLF, UTF-16.
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "rules:\n  NL001: off\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	for name, doc := range map[string][]byte{
		"empty": nil, "comments": []byte("# nothing\n"), "bom": []byte("\xef\xbb\xbfrules:\n  NL001: off\n"),
		"crlf": []byte("rules:\r\n  NL001: off\r\n"), "utf16": utf16, "null": []byte("~\n"),
	} {
		p := filepath.Join(dir, name+".yaml")
		os.WriteFile(p, doc, 0o644)
		if res := runCLI(t, "", "check", "-c", p, "--only", "NL001", quietPlan); res.code != 0 {
			t.Errorf("%s: exit %d %s", name, res.code, res.stderr)
		}
	}
}
