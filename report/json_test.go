package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/model"
)

// contract is the JSON output shape of docs/architecture.md, written independently of
// json.go so that a drift in either shows up here.
type contract struct {
	Version int `json:"version"`
	Tool    struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
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
			Region  string `json:"region"`
			Account string `json:"account"`
			ARN     string `json:"arn"`
			Related []struct {
				File    string `json:"file"`
				Line    int    `json:"line"`
				Message string `json:"message"`
			} `json:"related"`
		} `json:"resources"`
		Suppressed  bool `json:"suppressed"`
		Suppression *struct {
			Kind    string `json:"kind"`
			Reason  string `json:"reason"`
			Expires string `json:"expires"`
		} `json:"suppression"`
	} `json:"findings"`
	NotEvaluated []struct {
		RuleID   string `json:"rule_id"`
		Resource string `json:"resource"`
		Reason   string `json:"reason"`
	} `json:"not_evaluated"`
	Summary *struct {
		Error        int `json:"error"`
		Warning      int `json:"warning"`
		Notice       int `json:"notice"`
		Suppressed   int `json:"suppressed"`
		NotEvaluated int `json:"not_evaluated"`
	} `json:"summary"`
}

// decodeContract parses data strictly: any key outside the contract fails.
func decodeContract(t *testing.T, data []byte) contract {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c contract
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("JSON output does not fit the contract: %v\n%s", err, data)
	}
	if c.Version != 1 || c.Tool.Name != "netlint" || c.Summary == nil || c.NotEvaluated == nil {
		t.Fatalf("JSON output lacks version 1, tool netlint, not_evaluated or summary:\n%s", data)
	}
	return c
}

func renderJSON(t *testing.T, r *finding.Result, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := JSON(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJSONFollowsContract(t *testing.T) {
	r := mixedResult()
	out := renderJSON(t, r, Options{ToolVersion: "1.2.3"})
	c := decodeContract(t, out)

	if c.Tool.Version != "1.2.3" {
		t.Errorf("tool.version = %q, want 1.2.3", c.Tool.Version)
	}
	if len(c.Findings) != len(r.Findings) {
		t.Fatalf("%d findings, want %d", len(c.Findings), len(r.Findings))
	}
	for i, f := range r.Findings {
		got := c.Findings[i]
		if got.RuleID != f.RuleID || got.RuleName != f.RuleName || got.Severity != f.Severity || got.Message != f.Message || got.Suppressed != f.Suppressed {
			t.Errorf("finding %d = %+v, want %s %s %s %q suppressed=%v (order must be the engine's)", i, got, f.RuleID, f.RuleName, f.Severity, f.Message, f.Suppressed)
		}
		if (got.Suppression != nil) != f.Suppressed {
			t.Errorf("finding %d: suppression present = %v, want it exactly when suppressed (%v)", i, got.Suppression != nil, f.Suppressed)
		}
		if got.Suppression != nil && (got.Suppression.Kind != f.Suppression.Kind || got.Suppression.Reason != f.Suppression.Reason || got.Suppression.Expires != f.Suppression.Expires) {
			t.Errorf("finding %d: suppression = %+v, want %+v", i, *got.Suppression, *f.Suppression)
		}
		if len(got.Resources) != len(f.Resources) {
			t.Errorf("finding %d: %d resources, want %d", i, len(got.Resources), len(f.Resources))
			continue
		}
		for j, res := range f.Resources {
			g := got.Resources[j]
			if g.Address != res.Address || g.Type != res.Type || g.File != res.File || g.Line != res.Line {
				t.Errorf("finding %d resource %d = %+v, want %+v", i, j, g, res)
			}
			// The in-module locations text and SARIF show are in JSON too.
			if len(g.Related) != len(res.Related) {
				t.Errorf("finding %d resource %d: related %+v, want %+v", i, j, g.Related, res.Related)
			}
			for k := range g.Related {
				if k < len(res.Related) && (g.Related[k].File != res.Related[k].File || g.Related[k].Line != res.Related[k].Line || g.Related[k].Message != res.Related[k].Message) {
					t.Errorf("finding %d resource %d related %d = %+v, want %+v", i, j, k, g.Related[k], res.Related[k])
				}
			}
		}
	}
	// mixedResult: 1 error, 1 warning and 1 notice count; 2 are suppressed.
	s := *c.Summary
	if s.Error != 1 || s.Warning != 1 || s.Notice != 1 || s.Suppressed != 2 || s.NotEvaluated != 4 {
		t.Errorf("summary = %+v, want 1 error, 1 warning, 1 notice, 2 suppressed, 4 not evaluated", s)
	}
	// Each not-evaluated element is listed with its rule and reason, named by
	// its address.
	if len(c.NotEvaluated) != len(r.NotEvaluated) {
		t.Fatalf("%d not-evaluated entries, want %d", len(c.NotEvaluated), len(r.NotEvaluated))
	}
	for i, ne := range r.NotEvaluated {
		if got := c.NotEvaluated[i]; got.RuleID != ne.RuleID || got.Resource != ne.Address || got.Reason != ne.Reason {
			t.Errorf("not_evaluated[%d] = %+v, want %+v", i, got, ne)
		}
	}
}

func TestJSONToolVersionFallsBackToResult(t *testing.T) {
	c := decodeContract(t, renderJSON(t, &finding.Result{ToolVersion: "0.9.0"}, Options{}))
	if c.Tool.Version != "0.9.0" {
		t.Errorf("tool.version = %q, want the result's 0.9.0", c.Tool.Version)
	}
}

func TestJSONEmptyFindingsIsEmptyArray(t *testing.T) {
	for name, r := range map[string]*finding.Result{"nil findings": {}, "empty slice": {Findings: []finding.Finding{}}} {
		t.Run(name, func(t *testing.T) {
			out := string(renderJSON(t, r, Options{}))
			if !strings.Contains(out, `"findings": []`) {
				t.Errorf("want \"findings\": [], got\n%s", out)
			}
		})
	}
}

func TestJSONResourcesEmptyIsEmptyArray(t *testing.T) {
	r := &finding.Result{Findings: []finding.Finding{{RuleID: "NL001", Severity: finding.Error, Message: "m"}}}
	if out := string(renderJSON(t, r, Options{})); !strings.Contains(out, `"resources": []`) {
		t.Errorf("want \"resources\": [], got\n%s", out)
	}
}

// Keys are left out when their value is unknown; the contract forbids inventing a
// file or line, and extra model fields (aws_id, module, related) are not part of it.
func TestJSONOmitsUnknownResourceFields(t *testing.T) {
	tests := []struct {
		name     string
		resource finding.Resource
		want     []string // the keys, sorted
	}{
		{"address only", finding.Resource{Address: "site.lab"}, []string{"address"}},
		{"terraform", finding.Resource{Address: "aws_vpc.b", Type: "aws_vpc", File: "main.tf", Line: 12}, []string{"address", "file", "line", "type"}},
		{"file without line", finding.Resource{Address: "aws_vpc.b", Type: "aws_vpc", File: "main.tf"}, []string{"address", "file", "type"}},
		{"live", finding.Resource{Address: "vpc-1", Type: "aws_vpc", Region: "eu-west-1", Account: "111122223333", ARN: "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1", AWSID: "vpc-1"}, []string{"account", "address", "arn", "region", "type"}},
		// The module's own address is internal; the block inside the module
		// is a related location (issue 9: JSON shows what text and SARIF do).
		{"module resource", finding.Resource{Address: "module.m.aws_vpc.x", Module: "module.m", Related: []model.Location{{File: "modules/m/main.tf", Line: 1}}}, []string{"address", "related"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &finding.Result{Findings: []finding.Finding{{RuleID: "NL001", Severity: finding.Error, Resources: []finding.Resource{tt.resource}}}}
			var doc struct {
				Findings []struct {
					Resources []map[string]any `json:"resources"`
				} `json:"findings"`
			}
			if err := json.Unmarshal(renderJSON(t, r, Options{}), &doc); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range doc.Findings[0].Resources[0] {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.want) {
				t.Errorf("resource keys = %q, want %q", keys, tt.want)
			}
		})
	}
}

func TestJSONIsIndentedWithTrailingNewline(t *testing.T) {
	out := string(renderJSON(t, mixedResult(), Options{}))
	if !strings.HasPrefix(out, "{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"netlint\",") {
		t.Errorf("output does not start with two-space indented version and tool:\n%s", out)
	}
	if !strings.HasSuffix(out, "}\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("output must end with exactly one newline after the closing brace: %q", out[len(out)-10:])
	}
	// Route arrows stay readable instead of \u003e.
	if !strings.Contains(out, "-> routed over") {
		t.Errorf("message was HTML-escaped:\n%s", out)
	}
}
