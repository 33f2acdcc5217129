package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/internal/sarifcheck"
)

// copyExample copies examples/hub-and-spoke into a temp dir so a test can edit
// its sources.
func copyExample(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := "../../examples/hub-and-spoke"
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestInlineWaiverOnModuleCall: `# netlint:ignore` above a module block waives
// the findings inside it; they stay in JSON and SARIF (with the reason), leave
// the text report, and no longer fail the run.
func TestInlineWaiverOnModuleCall(t *testing.T) {
	dir := copyExample(t)
	mainTF := filepath.Join(dir, "main.tf")
	src, err := os.ReadFile(mainTF)
	if err != nil {
		t.Fatal(err)
	}
	waived := strings.Replace(string(src), `module "spoke" {`,
		"# netlint:ignore NL001 analytics moves to 10.30.0.0/16 in NET-4711\nmodule \"spoke\" {", 1)
	if waived == string(src) {
		t.Fatal("example has no module \"spoke\" block")
	}
	if err := os.WriteFile(mainTF, []byte(waived), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.json")

	res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--only", "NL001", plan)
	if res.code != 0 {
		t.Fatalf("a waived error must not fail the run: exit %d %s", res.code, res.stderr)
	}
	rep := decodeReport(t, res.stdout)
	if len(rep.Findings) != 1 || !rep.Findings[0].Suppressed || rep.Summary["suppressed"] != 1 || rep.Summary["error"] != 0 {
		t.Fatalf("want one suppressed NL001: %s", res.stdout)
	}
	if got := rep.Findings[0].Resources[0]; got.File == "" || got.Line != 24 {
		t.Fatalf("the finding must point at the module call (main.tf:24 after the inserted comment), got %+v", got)
	}

	text := runCLI(t, "", "check", "-c", emptyConfig, "--only", "NL001", plan)
	if strings.Contains(text.stdout, "overlaps") || !strings.Contains(text.stdout, "1 suppressed") {
		t.Fatalf("text hides suppressed findings by default: %q", text.stdout)
	}
	shown := runCLI(t, "", "check", "-c", emptyConfig, "--only", "NL001", "--show-suppressed", plan)
	if !strings.Contains(shown.stdout, "NET-4711") {
		t.Fatalf("--show-suppressed shows the finding and its reason: %q", shown.stdout)
	}

	sarif := runCLI(t, "", "check", "-c", emptyConfig, "-f", "sarif", "--only", "NL001", plan)
	if err := sarifcheck.Validate([]byte(sarif.stdout)); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Suppressions []struct{ Kind, Justification string } `json:"suppressions"`
				Locations    []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sarif.stdout), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0].Results[0]
	if len(r.Suppressions) != 1 || r.Suppressions[0].Kind != "inSource" || !strings.Contains(r.Suppressions[0].Justification, "NET-4711") {
		t.Fatalf("SARIF suppression: %+v", r.Suppressions)
	}
	if loc := r.Locations[0].PhysicalLocation; !strings.HasSuffix(loc.ArtifactLocation.URI, "main.tf") || loc.Region.StartLine != 24 || strings.Contains(loc.ArtifactLocation.URI, "\\") {
		t.Fatalf("SARIF location: %+v", loc)
	}
}
