package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
)

// mixedWithNetwork is mixedResult drawn on the topology fixture: aws_vpc.b and
// aws_vpc.c of its NL001 finding are in the network.
func mixedWithNetwork() *finding.Result {
	r := mixedResult()
	r.Network = topologyNetwork()
	return r
}

func renderMarkdown(t *testing.T, r *finding.Result, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Markdown(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdownGolden(t *testing.T) {
	for _, tt := range []struct {
		name   string
		result func() *finding.Result
	}{
		{"empty", emptyResult},
		{"mixed", mixedWithNetwork},
		{"live", liveResult},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := renderMarkdown(t, tt.result(), testOptions)
			if again := renderMarkdown(t, tt.result(), testOptions); again != got {
				t.Fatalf("two renderings differ")
			}
			checkGolden(t, filepath.Join(goldenDir, tt.name+".md"), []byte(got))
		})
	}
}

func TestMarkdownSummaryAndGroups(t *testing.T) {
	out := renderMarkdown(t, mixedWithNetwork(), testOptions)
	for _, want := range []string{
		"## netlint: 1 error, 1 warning, 1 notice\n",
		"| 1 | 1 | 1 | 2 | 4 |\n",
		"### [**NL001**](https://github.com/netlint/netlint/blob/main/docs/rules.md#nl001) overlapping-connected-ranges (error, 1 finding)\n",
		"  - `aws_vpc.b` at `network/main.tf:12`\n",
		"  - `module.net[\"prod\"].aws_vpn_connection.this` at `network/main.tf:30`\n",
		"    - related: `modules/net/vpn.tf:4` resource block inside the module\n",
		"  - `aws_vpn_connection.hq` at `network/vpn.tf`\n",
		"<details>\n<summary>2 suppressed findings</summary>\n\n",
		"  - suppressed: single branch router, accepted by network team (config waiver, expires 2027-03-31)\n",
		"```mermaid\nflowchart LR\n",
		"class vpc_aws_vpc_b,vpc_aws_vpc_c error\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Groups: error rule, then warning, then notice, whatever the input order.
	i, j, k := strings.Index(out, "**NL001**]"), strings.Index(out, "**NL102**]"), strings.Index(out, "**NL305**]")
	if !(i >= 0 && i < j && j < k) {
		t.Errorf("rule groups out of order (NL001 %d, NL102 %d, NL305 %d):\n%s", i, j, k, out)
	}
	// Suppressed findings only inside <details>, and not highlighted.
	details := out[strings.Index(out, "<details>"):]
	if strings.Contains(out[:strings.Index(out, "<details>")], "module.branch\\_a") {
		t.Errorf("suppressed finding listed with the active ones")
	}
	if !strings.Contains(details, "module.branch_a.aws_vpn_connection.main") {
		t.Errorf("suppressed finding missing from <details>")
	}
	if strings.Contains(out, "vpc_aws_vpc_lab") {
		t.Errorf("suppressed finding's VPC highlighted")
	}
}

func TestMarkdownWithoutDocsLinks(t *testing.T) {
	out := renderMarkdown(t, mixedResult(), Options{})
	if strings.Contains(out, "](") {
		t.Errorf("links without DocsBaseURI:\n%s", out)
	}
	if !strings.Contains(out, "### **NL001** overlapping-connected-ranges") {
		t.Errorf("rule heading without link missing:\n%s", out)
	}
	if strings.Contains(out, "```mermaid") {
		t.Errorf("diagram without a network:\n%s", out)
	}
}

func TestMarkdownEscapesText(t *testing.T) {
	r := &finding.Result{Findings: []finding.Finding{{
		RuleID: "ACME001", RuleName: "x_y", Severity: finding.Error,
		Message:   "route *all* to <script>alert(1)</script> | [link](http://x) `code`\nsecond line",
		Resources: []finding.Resource{{Address: "module.a[\"`b`\"].aws_vpc.c", File: "a b.tf", Line: 3}},
	}, {
		RuleID: "ACME001", RuleName: "x_y", Severity: finding.Error, Message: "_leading and trailing_ under_score",
	}}}
	out := renderMarkdown(t, r, Options{DocsBaseURI: "https://example.com/rules"})
	for _, want := range []string{
		"- route \\*all\\* to \\<script\\>alert(1)\\</script\\> \\| \\[link\\](http://x) \\`code\\`<br>second line\n",
		"  - `` module.a[\"`b`\"].aws_vpc.c `` at `a b.tf:3`\n",
		"### **ACME001** x_y (error, 2 findings)\n", // a user rule: no docs link
		"- \\_leading and trailing\\_ under_score\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestMarkdownCapsFindingsPerRule(t *testing.T) {
	r := &finding.Result{}
	for i := 0; i < markdownMaxPerRule+7; i++ {
		r.Findings = append(r.Findings, finding.Finding{RuleID: "NL001", RuleName: "r", Severity: finding.Error, Message: fmt.Sprintf("finding %d", i)})
	}
	out := renderMarkdown(t, r, Options{})
	if strings.Count(out, "\n- finding ") != markdownMaxPerRule {
		t.Errorf("want %d findings listed:\n%s", markdownMaxPerRule, out)
	}
	if !strings.Contains(out, "- … and 7 more (see the JSON or SARIF report)\n") {
		t.Errorf("no note on the findings left out:\n%s", out)
	}
	if !strings.Contains(out, "(error, 57 findings)") {
		t.Errorf("heading does not count every finding:\n%s", out)
	}
}
