package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/model"
)

func renderText(t *testing.T, r *finding.Result, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Text(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestTextColorOnlyWhenAsked(t *testing.T) {
	for _, show := range []bool{false, true} {
		for name, r := range map[string]*finding.Result{"empty": emptyResult(), "mixed": mixedResult(), "live": liveResult()} {
			plain := renderText(t, r, Options{ShowSuppressed: show})
			if strings.Contains(plain, "\x1b") {
				t.Errorf("%s (ShowSuppressed=%v): escape code without Color:\n%q", name, show, plain)
			}
		}
	}
	colored := renderText(t, mixedResult(), Options{Color: true})
	for _, want := range []string{ansiRed + "error" + ansiReset, ansiYellow + "warning" + ansiReset, ansiCyan + "notice" + ansiReset, ansiBold + "NL001" + ansiReset} {
		if !strings.Contains(colored, want) {
			t.Errorf("Color output lacks %q:\n%q", want, colored)
		}
	}
}

// Colour must not change the text, only wrap it.
func TestTextColorOnlyAddsEscapeCodes(t *testing.T) {
	o := Options{ShowSuppressed: true}
	plain := renderText(t, mixedResult(), o)
	o.Color = true
	colored := renderText(t, mixedResult(), o)
	stripped := colored
	for _, code := range []string{ansiReset, ansiBold, ansiDim, ansiRed, ansiYellow, ansiCyan} {
		stripped = strings.ReplaceAll(stripped, code, "")
	}
	if stripped != plain {
		t.Errorf("coloured output without escapes differs from plain output:\n%s\nvs\n%s", stripped, plain)
	}
}

func TestTextGroupsBySeverity(t *testing.T) {
	// mixedResult lists notice, error, warning, warning, error.
	out := renderText(t, mixedResult(), Options{ShowSuppressed: true})
	var order []string
	for _, line := range strings.Split(out, "\n") {
		for _, sev := range []string{"error", "warning", "notice"} {
			if strings.HasPrefix(line, sev+" ") {
				order = append(order, sev+" "+strings.Fields(line)[1])
			}
		}
	}
	want := []string{"error NL001", "error NL001", "warning NL102", "warning NL102", "notice NL305"}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("finding lines in order %q, want %q", order, want)
	}
	// Within a group the engine's order holds: the b/c overlap came before the lab one.
	if i, j := strings.Index(out, "aws_vpc.b (10.1"), strings.Index(out, "aws_vpc.lab (10.9"); i < 0 || j < 0 || i > j {
		t.Errorf("errors not in the given order:\n%s", out)
	}
}

func TestTextSuppressedHiddenUnlessAsked(t *testing.T) {
	const reason = "single branch router, accepted by network team"
	hidden := renderText(t, mixedResult(), Options{})
	if strings.Contains(hidden, "module.branch_a") || strings.Contains(hidden, reason) {
		t.Errorf("suppressed finding shown without ShowSuppressed:\n%s", hidden)
	}
	shown := renderText(t, mixedResult(), Options{ShowSuppressed: true})
	for _, want := range []string{
		"module.branch_a.aws_vpn_connection.main (branches/a.tf:3)",
		"suppressed: " + reason + " (config waiver, expires 2027-03-31)",
		"suppressed: lab is never connected at the same time (inline waiver)",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("ShowSuppressed output lacks %q:\n%s", want, shown)
		}
	}
	if strings.Count(shown, "suppressed: ") != 2 {
		t.Errorf("want exactly the 2 suppressed findings marked:\n%s", shown)
	}
}

func TestTextResourceLocations(t *testing.T) {
	out := renderText(t, mixedResult(), Options{ShowSuppressed: true}) + renderText(t, liveResult(), Options{})
	for _, want := range []string{
		textIndent + "aws_vpc.b (network/main.tf:12)\n",
		textIndent + "aws_vpn_connection.hq (network/vpn.tf)\n", // file, line unknown
		textIndent + "site.lab\n",                               // nothing known: no empty parenthesis
		textIndent + "  related: modules/net/vpn.tf:4 (resource block inside the module)\n",
		textIndent + "vpc-0a1b2c3d (region eu-west-1, account 111122223333)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestTextSummary(t *testing.T) {
	sev := func(s string, suppressed bool) finding.Finding {
		return finding.Finding{RuleID: "NL001", RuleName: "r", Severity: s, Message: "m", Suppressed: suppressed}
	}
	tests := []struct {
		name         string
		findings     []finding.Finding
		notEvaluated int
		show         bool
		want         string // the whole output after the finding lines
	}{
		{"nothing at all", nil, 0, false, "No findings.\n"},
		{"only not evaluated", nil, 4, false, "No findings.\n0 errors, 0 warnings, 0 notices (4 not evaluated)\n"},
		{"all suppressed, hidden", []finding.Finding{sev(finding.Error, true)}, 0, false, "No findings.\n0 errors, 0 warnings, 0 notices (1 suppressed)\n"},
		{"all suppressed, shown", []finding.Finding{sev(finding.Error, true)}, 0, true, "\n0 errors, 0 warnings, 0 notices (1 suppressed)\n"},
		{"singular", []finding.Finding{sev(finding.Error, false), sev(finding.Warning, false), sev(finding.Notice, false)}, 0, false, "\n1 error, 1 warning, 1 notice\n"},
		{
			"plural with both extras",
			[]finding.Finding{sev(finding.Error, false), sev(finding.Error, false), sev(finding.Error, false), sev(finding.Warning, false), sev(finding.Notice, true), sev(finding.Error, true)},
			4, false,
			"\n3 errors, 1 warning, 0 notices (2 suppressed, 4 not evaluated)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderText(t, &finding.Result{Findings: tt.findings, NotEvaluated: skipped(tt.notEvaluated)}, Options{ShowSuppressed: tt.show})
			// Drop the finding lines (and their suppression lines); keep the tail.
			var tail []string
			for _, line := range strings.SplitAfter(out, "\n") {
				if strings.HasPrefix(line, "error ") || strings.HasPrefix(line, "warning ") || strings.HasPrefix(line, "notice ") || strings.HasPrefix(line, textIndent) {
					continue
				}
				tail = append(tail, line)
			}
			if got := strings.Join(tail, ""); got != tt.want {
				t.Errorf("summary = %q, want %q\nfull output:\n%s", got, tt.want, out)
			}
		})
	}
}

// Text from the input is escaped: a newline or an escape sequence in a
// message, an address, a file name or a rule id can neither forge a line nor
// drive the terminal.
func TestTextEscapesControlCharacters(t *testing.T) {
	r := &finding.Result{Findings: []finding.Finding{{
		RuleID: "ACME\x1b[31m001", RuleName: "r\rx", Severity: finding.Error,
		Message: "first\nerror   NL001 forged: second\x1b]0;pwned\x07",
		Resources: []finding.Resource{{Address: "aws_vpc.a[\"\u202e\"]", File: "main\x1b[2J.tf", Line: 3,
			Related: []model.Location{{File: "m.tf", Line: 1, Message: "call\x00"}}}},
		Suppressed: true, Suppression: &finding.Suppression{Kind: "inline", Reason: "ok\nerror   NL002 forged"},
	}}}
	out := renderText(t, r, Options{ShowSuppressed: true})
	for _, bad := range []string{"\x1b", "\x07", "\x00", "\r", "\u202e", "\nerror   NL00"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{`first\x0aerror   NL001 forged: second\x1b]0;pwned\x07`, `ACME\x1b[31m001 r\x0dx`,
		`aws_vpc.a["\u202e"] (main\x1b[2J.tf:3)`, `(call\x00)`, `ok\x0aerror   NL002 forged`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// skipped returns n not-evaluated entries.
func skipped(n int) []finding.NotEvaluated {
	out := make([]finding.NotEvaluated, n)
	for i := range out {
		out[i] = finding.NotEvaluated{RuleID: "NL001", Resource: fmt.Sprintf("aws_vpc.v%d", i), Address: fmt.Sprintf("aws_vpc.v%d", i)}
	}
	return out
}

func TestDiagramAndMarkdownEscapeControlCharacters(t *testing.T) {
	in := "a\x1b[31m\x07\u009b\u2028b"
	for name, got := range map[string]string{
		"markdown": mdText(in), "code span": mdCode(in), "mermaid": mermaidText(in), "dot": dotString(in),
	} {
		if strings.ContainsAny(got, "\x1b\x07\u009b\u2028") {
			t.Errorf("%s: %q keeps a control character", name, got)
		}
		if !strings.Contains(got, `x1b`) || !strings.Contains(got, `u2028`) {
			t.Errorf("%s: %q does not show the escape", name, got)
		}
	}
}
