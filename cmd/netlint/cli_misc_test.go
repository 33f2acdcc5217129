package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/internal/sarifcheck"
)

const firePlan = "../../testdata/rules/NL001/fire-tgw.plan.json"
const quietPlan = "../../testdata/rules/NL001/quiet.plan.json"
const emptyConfig = "../../testdata/empty.netlint.yaml"

// TestBadInputIsOneLineExit2 feeds every kind of bad input and expects exit 2,
// one line on stderr naming the file, and nothing on stdout.
func TestBadInputIsOneLineExit2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plan, err := os.ReadFile(firePlan)
	if err != nil {
		t.Fatal(err)
	}
	badCIDR := strings.Replace(string(plan), `"10.1.128.0/17"`, `"10.1.128.0/33"`, -1)
	tests := []struct {
		name, path, want string
	}{
		{"missing file", filepath.Join(dir, "nope.json"), "no such file"},
		{"empty file", write("empty.json", ""), ""},
		{"truncated JSON", write("trunc.json", string(plan[:len(plan)/2])), ""},
		{"not a plan", write("other.json", `{"hello": "world"}`), ""},
		{"array", write("array.json", `[1, 2, 3]`), ""},
		{"unsupported format_version", write("future.json", `{"format_version": "2.0", "terraform_version": "2.0.0"}`), "format_version"},
		{"invalid CIDR", write("cidr.json", badCIDR), "10.1.128.0/33"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", tt.path)
			if res.code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", res.code, res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("stdout must be empty on bad input, got %q", res.stdout)
			}
			lines := strings.Split(strings.TrimRight(res.stderr, "\n"), "\n")
			if len(lines) != 1 {
				t.Fatalf("want one line on stderr, got %q", res.stderr)
			}
			if !strings.HasPrefix(lines[0], "netlint: "+tt.path+": ") {
				t.Errorf("stderr %q does not start with 'netlint: %s: '", lines[0], tt.path)
			}
			if !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q does not say %q", lines[0], tt.want)
			}
		})
	}
}

func TestStdinAndExitCodes(t *testing.T) {
	plan, err := os.ReadFile(firePlan)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"findings exit 1", []string{"check", "-c", emptyConfig, firePlan}, "", 1},
		{"clean exit 0", []string{"check", "-c", emptyConfig, "--only", "NL001", quietPlan}, "", 0},
		{"stdin", []string{"check", "-c", emptyConfig, "-"}, string(plan), 1},
		{"fail-on never", []string{"check", "-c", emptyConfig, "--fail-on", "never", firePlan}, "", 0},
		{"skip the rule", []string{"check", "-c", emptyConfig, "--skip", "NL001", "--fail-on", "error", firePlan}, "", 0},
		{"unknown rule in --only", []string{"check", "-c", emptyConfig, "--only", "NL999", firePlan}, "", 2},
		{"bad --fail-on", []string{"check", "-c", emptyConfig, "--fail-on", "fatal", firePlan}, "", 2},
		{"bad --format", []string{"check", "-c", emptyConfig, "-f", "xml", firePlan}, "", 2},
		{"no input", []string{"check", "-c", emptyConfig}, "", 2},
		{"unknown flag", []string{"check", "--frobnicate", firePlan}, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, tt.stdin, tt.args...)
			if res.code != tt.code {
				t.Fatalf("exit %d, want %d (stderr %q)", res.code, tt.code, res.stderr)
			}
			if tt.code == 2 && (!strings.HasPrefix(res.stderr, "netlint: ") || strings.Count(res.stderr, "\n") != 1) {
				t.Errorf("usage errors are one line starting 'netlint: ', got %q", res.stderr)
			}
		})
	}
}

func TestSARIFOutputValidates(t *testing.T) {
	res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "sarif", firePlan)
	if res.code != 1 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if err := sarifcheck.Validate([]byte(res.stdout)); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Level  string `json:"level"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 || log.Runs[0].Results[0].RuleID != "NL001" || log.Runs[0].Results[0].Level != "error" {
		t.Fatalf("unexpected SARIF results: %+v", log.Runs)
	}
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.json")
	res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "-o", out, firePlan)
	if res.code != 1 || res.stdout != "" {
		t.Fatalf("exit %d stdout %q", res.code, res.stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if rep := decodeReport(t, string(data)); rep.Summary["error"] == 0 {
		t.Fatalf("report file has no errors: %s", data)
	}
}

func TestUserPolicies(t *testing.T) {
	t.Run("adds findings", func(t *testing.T) {
		res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never",
			"-p", "../../testdata/policies/good", "--only", "ACME001", quietPlan)
		if res.code != 0 {
			t.Fatalf("exit %d: %s", res.code, res.stderr)
		}
		rep := decodeReport(t, res.stdout)
		if len(rep.Findings) != 3 || rep.Findings[0].RuleID != "ACME001" || rep.Findings[0].Severity != "warning" {
			t.Fatalf("want 3 ACME001 warnings (three untagged VPCs), got %+v", rep.Findings)
		}
	})
	t.Run("compile error names file and line", func(t *testing.T) {
		res := runCLI(t, "", "check", "-c", emptyConfig, "-p", "../../testdata/policies/broken", quietPlan)
		if res.code != 2 {
			t.Fatalf("exit %d, want 2", res.code)
		}
		if !strings.HasPrefix(res.stderr, "netlint: ../../testdata/policies/broken/broken.rego:") || strings.Count(res.stderr, "\n") != 1 {
			t.Fatalf("stderr %q", res.stderr)
		}
	})
	t.Run("missing directory", func(t *testing.T) {
		res := runCLI(t, "", "check", "-c", emptyConfig, "-p", "../../testdata/policies/none", quietPlan)
		if res.code != 2 || !strings.Contains(res.stderr, "testdata/policies/none") {
			t.Fatalf("exit %d stderr %q", res.code, res.stderr)
		}
	})
}

func TestVerify(t *testing.T) {
	res := runCLI(t, "", "verify", "-p", "../../testdata/policies/good")
	if res.code != 0 || !strings.Contains(res.stdout, "3 passed, 0 failed") {
		t.Fatalf("exit %d stdout %q stderr %q", res.code, res.stdout, res.stderr)
	}
	res = runCLI(t, "", "verify", "-p", "../../testdata/policies/failing")
	if res.code != 1 || !strings.Contains(res.stdout, "FAIL ") || !strings.Contains(res.stdout, "0 passed, 1 failed") {
		t.Fatalf("exit %d stdout %q", res.code, res.stdout)
	}
	res = runCLI(t, "", "verify", "-p", "../../testdata/policies/broken")
	if res.code != 2 {
		t.Fatalf("broken policy: exit %d", res.code)
	}
	// A test input with a field the model does not have fails that test.
	res = runCLI(t, "", "verify", "-p", "../../testdata/policies/stale-input")
	if res.code != 1 || !strings.Contains(res.stdout, "0 passed, 1 failed") ||
		!strings.Contains(res.stdout, `input["vpcs"]["aws_vpc.a"]: additional properties 'labels' not allowed`) {
		t.Fatalf("stale test input: exit %d stdout %q", res.code, res.stdout)
	}
	// A rule reading a field the model does not have is a policy error, even
	// though its tests would pass (every VPC lacks "tag").
	res = runCLI(t, "", "verify", "-p", "../../testdata/policies/misspelled-field")
	if res.code != 2 || !strings.Contains(res.stderr, `vpc_owner_tag.rego:15: vpc.tag: the model has no field "tag" here`) {
		t.Fatalf("misspelled field: exit %d stdout %q stderr %q", res.code, res.stdout, res.stderr)
	}
}

func TestRulesExplainSchemaVersion(t *testing.T) {
	res := runCLI(t, "", "rules", "-f", "json")
	var rules []struct{ ID, Name, Severity, Title, Description, Remediation string }
	if err := json.Unmarshal([]byte(res.stdout), &rules); err != nil || res.code != 0 {
		t.Fatalf("rules json: exit %d %v", res.code, err)
	}
	// NL000 (an expired waiver) is documented with the others, so that every
	// SARIF help link of a built-in rule resolves.
	if len(rules) < 2 || rules[0].ID != "NL000" || rules[1].ID != "NL001" || rules[1].Name != "overlapping-connected-ranges" {
		t.Fatalf("catalogue starts with %+v", rules[:min(2, len(rules))])
	}
	for _, r := range rules {
		if r.Description == "" || r.Remediation == "" || r.Title == "" {
			t.Errorf("%s lacks title, description or remediation", r.ID)
		}
	}
	res = runCLI(t, "", "explain", "nl001")
	if res.code != 0 || !strings.Contains(res.stdout, "Why") || !strings.Contains(res.stdout, "How to fix") || !strings.Contains(res.stdout, "```hcl") {
		t.Fatalf("explain: exit %d %q", res.code, res.stdout)
	}
	if res := runCLI(t, "", "explain", "NL999"); res.code != 2 {
		t.Fatalf("explain of an unknown rule: exit %d", res.code)
	}
	res = runCLI(t, "", "schema")
	var schema map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &schema); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if !strings.Contains(res.stdout, `"vpn_connections"`) || !strings.Contains(res.stdout, `"static_routes_only"`) {
		t.Fatal("schema lacks model fields")
	}
	if res := runCLI(t, "", "version"); !strings.HasPrefix(res.stdout, "netlint ") {
		t.Fatalf("version: %q", res.stdout)
	}
}

// TestDocsUpToDate fails when docs/rules.md no longer matches the metadata.
func TestDocsUpToDate(t *testing.T) {
	res := runCLI(t, "", "rules", "-f", "markdown")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	golden(t, "../../docs/rules.md", []byte(res.stdout))
}

// TestEverySARIFHelpLinkResolves: a built-in rule's SARIF helpUri is
// docs/rules.md#<id>; the page must have that heading for every rule SARIF
// can name, NL000 included. A user's rule gets no helpUri.
func TestEverySARIFHelpLinkResolves(t *testing.T) {
	doc, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	res := runCLI(t, "", "check", "-f", "sarif", "--fail-on", "never", "-c", "../../testdata/empty.netlint.yaml",
		"-p", "../../testdata/policies/good", "../../testdata/rules/NL001/fire-tgw.plan.json")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: %v\n%s", err, res.stderr)
	}
	n := 0
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if !strings.HasPrefix(r.ID, "NL") {
			if r.HelpURI != "" {
				t.Errorf("user rule %s has helpUri %s", r.ID, r.HelpURI)
			}
			continue
		}
		n++
		if want := docsBaseURI + "#" + strings.ToLower(r.ID); r.HelpURI != want {
			t.Errorf("%s helpUri %q, want %q", r.ID, r.HelpURI, want)
		}
		if !strings.Contains(string(doc), "\n## "+r.ID+"\n") {
			t.Errorf("docs/rules.md has no heading for %s: its help link does not resolve", r.ID)
		}
	}
	if n < 35 {
		t.Errorf("SARIF lists %d built-in rules, want every rule", n)
	}
	if !strings.Contains(string(doc), "\n## NL000\n") {
		t.Error("docs/rules.md does not document NL000")
	}
}
