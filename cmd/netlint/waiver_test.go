package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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

// TestWaiverMatchesPrimaryResource: a waiver, in .netlint.yaml or inline,
// covers the findings whose primary (first) resource it names, not every
// finding that names the resource somewhere; a pair is waived by naming both
// (`with`). testdata/waivers/pair has two NL001 overlaps on one TGW, aws_vpc.a
// with aws_vpc.b and aws_vpc.a with aws_vpc.c.
func TestWaiverMatchesPrimaryResource(t *testing.T) {
	const fixture = "../../testdata/waivers/pair"
	tf, err := os.ReadFile(filepath.Join(fixture, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := os.ReadFile(filepath.Join(fixture, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		// config is .netlint.yaml; comments maps a block's first line to the
		// netlint:ignore comment put above it in main.tf.
		config   string
		comments map[string]string
		// want lists the overlaps (by the VPC after aws_vpc.a) that stay
		// reported.
		want []string
	}{
		{name: "no waiver", want: []string{"aws_vpc.b", "aws_vpc.c"}},
		{
			name:   "config waiver on the TGW",
			config: "waivers:\n  - {rule: NL001, resource: aws_ec2_transit_gateway.hub, reason: hub is shared}\n",
			want:   []string{"aws_vpc.b", "aws_vpc.c"},
		},
		{
			name:     "inline waiver on the TGW",
			comments: map[string]string{`resource "aws_ec2_transit_gateway" "hub" {`: "# netlint:ignore NL001 hub is shared"},
			want:     []string{"aws_vpc.b", "aws_vpc.c"},
		},
		{
			name:   "config waiver on the second VPC",
			config: "waivers:\n  - {rule: NL001, resource: aws_vpc.b, reason: b moves in NET-1}\n",
			want:   []string{"aws_vpc.b", "aws_vpc.c"},
		},
		{
			name:   "config waiver of the pair a-b",
			config: "waivers:\n  - rule: NL001\n    resource: aws_vpc.a\n    with: aws_vpc.b\n    reason: a and b never talk\n",
			want:   []string{"aws_vpc.c"},
		},
		{
			name:   "config waiver of the pair a-b, with as a list",
			config: "waivers:\n  - rule: NL001\n    resource: aws_vpc.a\n    with: [aws_vpc.b, aws_ec2_transit_gateway.*]\n    reason: a and b never talk\n",
			want:   []string{"aws_vpc.c"},
		},
		{
			name:     "inline waiver of the pair a-b",
			comments: map[string]string{`resource "aws_vpc" "a" {`: "# netlint:ignore NL001 with=aws_vpc.b a and b never talk"},
			want:     []string{"aws_vpc.c"},
		},
		{
			name:   "config waiver on the primary",
			config: "waivers:\n  - {rule: NL001, resource: aws_vpc.a, reason: a is a lab}\n",
			want:   nil,
		},
		{
			name:     "inline waiver on the primary",
			comments: map[string]string{`resource "aws_vpc" "a" {`: "# netlint:ignore NL001 a is a lab"},
			want:     nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := string(tf)
			for block, comment := range tt.comments {
				if !strings.Contains(src, block) {
					t.Fatalf("main.tf has no %s", block)
				}
				src = strings.Replace(src, block, comment+"\n"+block, 1)
			}
			cfg := filepath.Join(dir, ".netlint.yaml")
			for name, data := range map[string]string{"main.tf": src, "plan.json": string(plan), ".netlint.yaml": tt.config} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res := runCLI(t, "", "check", "-c", cfg, "-f", "json", "--only", "NL001", filepath.Join(dir, "plan.json"))
			rep := decodeReport(t, res.stdout)
			if len(rep.Findings) != 2 {
				t.Fatalf("want the two overlaps, reported or waived: exit %d, stderr %q\n%s", res.code, res.stderr, res.stdout)
			}
			var got []string
			for _, f := range rep.Findings {
				if len(f.Resources) < 3 || f.Resources[0].Address != "aws_vpc.a" || f.Resources[2].Address != "aws_ec2_transit_gateway.hub" {
					t.Fatalf("want overlaps of aws_vpc.a on the TGW: %+v", f.Resources)
				}
				if !f.Suppressed {
					got = append(got, f.Resources[1].Address)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("reported overlaps of aws_vpc.a with %q, want %q", got, tt.want)
			}
			if wantCode := min(len(tt.want), 1); res.code != wantCode || rep.Summary["suppressed"] != 2-len(tt.want) {
				t.Errorf("exit %d, summary %v; want exit %d, %d suppressed", res.code, rep.Summary, wantCode, 2-len(tt.want))
			}
		})
	}
}
