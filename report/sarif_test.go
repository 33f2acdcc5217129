package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/sarifcheck"
)

// sarifLog holds the parts of a SARIF log the tests look at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription *struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help *struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration *struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties struct {
						SecuritySeverity string   `json:"security-severity"`
						Tags             []string `json:"tags"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []sarifResult `json:"results"`
	} `json:"runs"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []struct {
		Kind          string            `json:"kind"`
		Justification string            `json:"justification"`
		Properties    map[string]string `json:"properties"`
	} `json:"suppressions"`
}

type sarifLocation struct {
	PhysicalLocation *struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
	LogicalLocations []struct {
		FullyQualifiedName string            `json:"fullyQualifiedName"`
		Kind               string            `json:"kind"`
		Properties         map[string]string `json:"properties"`
	} `json:"logicalLocations"`
	Message *struct {
		Text string `json:"text"`
	} `json:"message"`
}

// renderSARIF renders, validates against the schema and parses.
func renderSARIF(t *testing.T, r *finding.Result, o Options) ([]byte, sarifLog) {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	if err := sarifcheck.Validate(buf.Bytes()); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, buf.Bytes())
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("want SARIF 2.1.0 with one run, got version %q, %d runs", log.Version, len(log.Runs))
	}
	return buf.Bytes(), log
}

func TestSARIFDriverAndRules(t *testing.T) {
	_, log := renderSARIF(t, mixedResult(), testOptions)
	d := log.Runs[0].Tool.Driver
	if d.Name != "netlint" || d.Version != "0.1.0-test" || d.InformationURI == "" {
		t.Errorf("driver = %q %q %q, want netlint, 0.1.0-test and an informationUri", d.Name, d.Version, d.InformationURI)
	}
	if len(d.Rules) != len(catalogue) {
		t.Fatalf("%d rules, want the %d of the catalogue", len(d.Rules), len(catalogue))
	}
	for i, want := range catalogue {
		got := d.Rules[i]
		if got.ID != want.ID || got.Name != want.Name || got.ShortDescription.Text != want.Title {
			t.Errorf("rule %d = %s %s %q, want %s %s %q", i, got.ID, got.Name, got.ShortDescription.Text, want.ID, want.Name, want.Title)
		}
		wantHelpURI := testOptions.DocsBaseURI + "#" + strings.ToLower(want.ID)
		if got.HelpURI != wantHelpURI {
			t.Errorf("%s helpUri = %q, want %q", want.ID, got.HelpURI, wantHelpURI)
		}
		if !slices.Contains(got.Properties.Tags, "security") || (want.Family != "" && !slices.Contains(got.Properties.Tags, want.Family)) {
			t.Errorf("%s tags = %q, want security and %q", want.ID, got.Properties.Tags, want.Family)
		}
		if want.Description != "" && (got.FullDescription == nil || got.FullDescription.Text != want.Description) {
			t.Errorf("%s fullDescription = %+v, want %q", want.ID, got.FullDescription, want.Description)
		}
		if want.Remediation != "" && (got.Help == nil || got.Help.Text != want.Remediation || !strings.Contains(got.Help.Markdown, want.Remediation)) {
			t.Errorf("%s help = %+v, want remediation %q in text and markdown", want.ID, got.Help, want.Remediation)
		}
	}
	if got := d.Rules[0].HelpURI; got != "https://github.com/netlint/netlint/blob/main/docs/rules.md#nl001" {
		t.Errorf("NL001 helpUri = %q", got)
	}
}

func TestSARIFSeverityMapping(t *testing.T) {
	tests := []struct {
		severity, level, securitySeverity string
	}{
		{finding.Error, "error", "8.0"},
		{finding.Warning, "warning", "5.0"},
		{finding.Notice, "note", "2.0"},
	}
	for _, tt := range tests {
		t.Run(tt.severity, func(t *testing.T) {
			r := &finding.Result{
				Rules:    []finding.Rule{{ID: "NL900", Name: "r", Severity: tt.severity, Title: "t"}},
				Findings: []finding.Finding{{RuleID: "NL900", RuleName: "r", Severity: tt.severity, Message: "m"}},
			}
			_, log := renderSARIF(t, r, Options{})
			rule := log.Runs[0].Tool.Driver.Rules[0]
			if rule.DefaultConfiguration == nil || rule.DefaultConfiguration.Level != tt.level {
				t.Errorf("defaultConfiguration = %+v, want level %q", rule.DefaultConfiguration, tt.level)
			}
			if rule.Properties.SecuritySeverity != tt.securitySeverity {
				t.Errorf("security-severity = %q, want %q", rule.Properties.SecuritySeverity, tt.securitySeverity)
			}
			if rule.HelpURI != "" {
				t.Errorf("helpUri = %q without DocsBaseURI, want none", rule.HelpURI)
			}
			if got := log.Runs[0].Results[0].Level; got != tt.level {
				t.Errorf("result level = %q, want %q", got, tt.level)
			}
		})
	}
}

func TestSARIFResults(t *testing.T) {
	_, log := renderSARIF(t, mixedResult(), testOptions)
	results := log.Runs[0].Results
	fs := mixedResult().Findings
	// Every finding, suppressed ones included, but NL001 once per network:
	// the b/c pair gives a result at b and one at c, lab/site.lab likewise.
	want := []struct {
		f       finding.Finding
		network string // "" for a finding's own result
	}{{fs[0], ""}, {fs[1], "aws_vpc.b"}, {fs[1], "aws_vpc.c"}, {fs[2], ""}, {fs[3], ""}, {fs[4], "aws_vpc.lab"}, {fs[4], "site.lab"}}
	if len(results) != len(want) {
		t.Fatalf("%d results, want %d", len(results), len(want))
	}
	ruleIndex := map[string]int{"NL001": 0, "NL102": 1, "NL305": 2}
	for i, w := range want {
		f, res := w.f, results[i]
		if res.RuleID != f.RuleID || res.RuleIndex == nil || *res.RuleIndex != ruleIndex[f.RuleID] || res.Message.Text != f.Message {
			t.Errorf("result %d = %s index %v %q, want %s index %d %q", i, res.RuleID, res.RuleIndex, res.Message.Text, f.RuleID, ruleIndex[f.RuleID], f.Message)
		}
		// Code scanning shows a result's first location only: the first
		// resource (or the network) is the location, the others are related
		// locations.
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want one", i, len(res.Locations))
		}
		first := f.Resources[0].Address
		if w.network != "" {
			first = w.network
		}
		if ll := res.Locations[0].LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != first {
			t.Errorf("result %d: location %+v, want %s", i, ll, first)
		}
		var related []string
		for _, rel := range res.RelatedLocations {
			if len(rel.LogicalLocations) == 1 {
				related = append(related, rel.LogicalLocations[0].FullyQualifiedName)
			}
		}
		for _, rs := range f.Resources {
			if rs.Address != first && !slices.Contains(related, rs.Address) {
				t.Errorf("result %d: %s is not a related location (%v)", i, rs.Address, related)
			}
		}
		wantFP := fingerprint(f)
		if w.network != "" {
			fp := finding.Finding{RuleID: f.RuleID, Resources: []finding.Resource{{Address: w.network}}}
			if f.Suppressed {
				fp.Resources = append(fp.Resources, finding.Resource{Address: "(waived)"})
			}
			wantFP = fingerprint(fp)
		}
		if got := res.PartialFingerprints[fingerprintKey]; got != wantFP || len(got) != 64 {
			t.Errorf("result %d: fingerprint %q, want %q", i, got, wantFP)
		}
	}

	// NL001 b/c: both resources with logical and physical locations, the
	// second as a related location.
	overlap := results[1]
	for j, want := range []struct {
		addr string
		line int
	}{{"aws_vpc.b", 12}, {"aws_vpc.c", 20}} {
		loc := overlap.Locations[0]
		if j == 1 {
			loc = overlap.RelatedLocations[0]
		}
		if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].FullyQualifiedName != want.addr || loc.LogicalLocations[0].Kind != "resource" {
			t.Errorf("location %d logical = %+v, want %s kind resource", j, loc.LogicalLocations, want.addr)
		}
		if loc.PhysicalLocation == nil || loc.PhysicalLocation.ArtifactLocation.URI != "network/main.tf" ||
			loc.PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.PhysicalLocation.Region == nil || loc.PhysicalLocation.Region.StartLine != want.line {
			t.Errorf("location %d physical = %+v, want network/main.tf:%d under %%SRCROOT%%", j, loc.PhysicalLocation, want.line)
		}
	}

	// The module resource's inner block is a related location.
	notice := results[0]
	if len(notice.RelatedLocations) != 1 {
		t.Fatalf("related locations = %+v, want one", notice.RelatedLocations)
	}
	rel := notice.RelatedLocations[0]
	if rel.PhysicalLocation == nil || rel.PhysicalLocation.ArtifactLocation.URI != "modules/net/vpn.tf" || rel.PhysicalLocation.Region.StartLine != 4 ||
		rel.Message == nil || rel.Message.Text != "resource block inside the module" {
		t.Errorf("related location = %+v, want modules/net/vpn.tf:4 with its message", rel)
	}

	// File known, line unknown: no region. Nothing known: no physical location.
	if loc := results[4].Locations[0]; loc.PhysicalLocation == nil || loc.PhysicalLocation.Region != nil {
		t.Errorf("file without line: physical location %+v, want one without region", loc.PhysicalLocation)
	}
	if loc := results[5].RelatedLocations[0]; loc.PhysicalLocation != nil {
		t.Errorf("site.lab has no file but got physical location %+v", loc.PhysicalLocation)
	}

	// Suppressions: config waiver external, inline waiver inSource, none otherwise.
	lab := struct{ kind, justification, expires string }{"inSource", "lab is never connected at the same time", ""}
	wantSupp := []struct{ kind, justification, expires string }{{}, {}, {}, {"external", "single branch router, accepted by network team", "2027-03-31"}, {}, lab, lab}
	for i, want := range wantSupp {
		got := results[i].Suppressions
		if want.kind == "" {
			if len(got) != 0 {
				t.Errorf("result %d: unsuppressed finding has suppressions %+v", i, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Kind != want.kind || got[0].Justification != want.justification || got[0].Properties["expires"] != want.expires {
			t.Errorf("result %d suppressions = %+v, want kind %s, justification %q, expires %q", i, got, want.kind, want.justification, want.expires)
		}
	}
}

func TestSARIFLiveResources(t *testing.T) {
	_, log := renderSARIF(t, liveResult(), Options{})
	run := log.Runs[0]
	// ACME001 is not in the catalogue: it gets a descriptor after the catalogue's.
	rules := run.Tool.Driver.Rules
	if len(rules) != len(catalogue)+1 || rules[len(catalogue)].ID != "ACME001" || rules[len(catalogue)].Name != "acme-vpc-naming" {
		t.Fatalf("rules = %+v, want the catalogue then ACME001", rules)
	}
	if idx := run.Results[0].RuleIndex; idx == nil || *idx != len(catalogue) {
		t.Errorf("ACME001 ruleIndex = %v, want %d", idx, len(catalogue))
	}
	if idx := run.Results[1].RuleIndex; idx == nil || *idx != 0 {
		t.Errorf("NL001 ruleIndex = %v, want 0", idx)
	}
	loc := run.Results[1].RelatedLocations[0]
	if loc.PhysicalLocation != nil {
		t.Errorf("live resource got a physical location: %+v", loc.PhysicalLocation)
	}
	want := map[string]string{"type": "aws_vpc", "region": "us-east-1", "account": "444455556666", "arn": "arn:aws:ec2:us-east-1:444455556666:vpc/vpc-9f8e7d6c"}
	if ll := loc.LogicalLocations[0]; ll.FullyQualifiedName != want["arn"] || !equalMaps(ll.Properties, want) {
		t.Errorf("logical location = %+v, want the ARN with properties %v", ll, want)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSARIFIsDeterministic(t *testing.T) {
	first, _ := renderSARIF(t, mixedResult(), testOptions)
	for i := 0; i < 20; i++ {
		again, _ := renderSARIF(t, mixedResult(), testOptions)
		if !bytes.Equal(first, again) {
			t.Fatalf("run %d differs from the first", i)
		}
	}
}

func TestSARIFHasNoNulls(t *testing.T) {
	out, _ := renderSARIF(t, mixedResult(), testOptions)
	if bytes.Contains(out, []byte("null")) {
		t.Errorf("SARIF contains null:\n%s", out)
	}
}

func TestFingerprint(t *testing.T) {
	base := finding.Finding{
		RuleID:   "NL001",
		Severity: finding.Error,
		Message:  "aws_vpc.b overlaps aws_vpc.c",
		Resources: []finding.Resource{
			{Address: "aws_vpc.b", File: "main.tf", Line: 12},
			{Address: "aws_vpc.c", File: "main.tf", Line: 20},
		},
	}
	same := []struct {
		name   string
		change func(f *finding.Finding)
	}{
		{"message reworded", func(f *finding.Finding) { f.Message = "aws_vpc.c and aws_vpc.b overlap (10.1.0.0/16)" }},
		{"lines moved", func(f *finding.Finding) { f.Resources[0].Line, f.Resources[1].Line = 40, 52 }},
		{"file moved", func(f *finding.Finding) { f.Resources[0].File = "vpcs.tf" }},
		{"resources reordered", func(f *finding.Finding) { f.Resources[0], f.Resources[1] = f.Resources[1], f.Resources[0] }},
		{"severity reconfigured", func(f *finding.Finding) { f.Severity = finding.Warning }},
		{"suppressed", func(f *finding.Finding) { f.Suppressed = true }},
	}
	different := []struct {
		name   string
		change func(f *finding.Finding)
	}{
		{"other rule", func(f *finding.Finding) { f.RuleID = "NL002" }},
		{"other resource", func(f *finding.Finding) { f.Resources[1].Address = "aws_vpc.d" }},
		{"resource dropped", func(f *finding.Finding) { f.Resources = f.Resources[:1] }},
		{"resource added", func(f *finding.Finding) { f.Resources = append(f.Resources, finding.Resource{Address: "aws_vpc.e"}) }},
		// Plain concatenation would give "NL001aws_vpc.baws_vpc.c" for both.
		{"boundary shifted", func(f *finding.Finding) {
			f.RuleID = "NL001aws_vpc.b"
			f.Resources = []finding.Resource{{Address: "aws_vpc.c"}}
		}},
	}
	clone := func() finding.Finding {
		f := base
		f.Resources = slices.Clone(base.Resources)
		return f
	}
	want := fingerprint(base)
	for _, tt := range same {
		f := clone()
		tt.change(&f)
		if got := fingerprint(f); got != want {
			t.Errorf("%s: fingerprint changed from %s to %s", tt.name, want, got)
		}
	}
	for _, tt := range different {
		f := clone()
		tt.change(&f)
		if got := fingerprint(f); got == want {
			t.Errorf("%s: fingerprint unchanged (%s)", tt.name, got)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	root := t.TempDir()
	abs := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, root  string
		wantURI, wantBase string
	}{
		{"relative, no root", filepath.Join("network", "main.tf"), "", "network/main.tf", "%SRCROOT%"},
		{"relative cleaned", filepath.Join(".", "network", "..", "main.tf"), "", "main.tf", "%SRCROOT%"},
		{"absolute inside root", abs("network", "main.tf"), root, "network/main.tf", "%SRCROOT%"},
		{"relative to working dir inside root", filepath.Join("testdata", "x.tf"), filepath.Dir(wd), filepath.Base(wd) + "/testdata/x.tf", "%SRCROOT%"},
		{"space escaped", abs("my net", "main.tf"), root, "my%20net/main.tf", "%SRCROOT%"},
		{"colon in first segment", abs("a:b.tf"), root, "./a:b.tf", "%SRCROOT%"},
		{"outside root", abs("other", "main.tf"), abs("repo"), "file://" + filepath.ToSlash(abs("other", "main.tf")), ""},
		{"sibling with root as prefix", abs("repo2", "main.tf"), abs("repo"), "file://" + filepath.ToSlash(abs("repo2", "main.tf")), ""},
		{"absolute, no root", abs("main.tf"), "", "file://" + filepath.ToSlash(abs("main.tf")), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uri, base := artifactURI(tt.file, tt.root)
			if uri != tt.wantURI || base != tt.wantBase {
				t.Errorf("artifactURI(%q, %q) = %q, %q; want %q, %q", tt.file, tt.root, uri, base, tt.wantURI, tt.wantBase)
			}
		})
	}
}

// Every URI artifactURI produces must pass the schema's uri-reference format.
func TestArtifactURIsValidate(t *testing.T) {
	r := &finding.Result{Findings: []finding.Finding{{RuleID: "NL001", Severity: finding.Error, Message: "m", Resources: []finding.Resource{
		{Address: "a", File: "my net/main.tf", Line: 1},
		{Address: "b", File: "a:b.tf", Line: 1},
		{Address: "c", File: filepath.Join(t.TempDir(), "x y#z.tf"), Line: 1},
		{Address: "d", File: "100%.tf", Line: 1},
	}}}}
	renderSARIF(t, r, Options{})
}
