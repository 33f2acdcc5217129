package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/termsafe"
	"github.com/netlint/netlint/model"
)

// markdownMaxPerRule is how many findings of one rule Markdown lists; a pull
// request comment is limited to 65,536 characters, and the JSON and SARIF
// reports carry everything.
const markdownMaxPerRule = 50

// Markdown writes r for a pull request comment or $GITHUB_STEP_SUMMARY (GitHub
// Flavored Markdown): a heading with the counts, a summary table, the findings
// grouped by rule (most severe rule first, the given order within a rule) with
// links to the rules' documentation and their resources' file:line, suppressed
// findings in a collapsed section, and, when r.Network is set, a Mermaid diagram
// of the topology with the elements of unsuppressed findings highlighted.
func Markdown(w io.Writer, r *finding.Result, o Options) error {
	r = orEmpty(r)
	bw := bufio.NewWriter(w)
	p := &mdPrinter{w: bw, o: o, r: r}
	p.render()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

type mdPrinter struct {
	w *bufio.Writer
	o Options
	r *finding.Result
}

func (p *mdPrinter) printf(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

func (p *mdPrinter) render() {
	s := p.r.Summarize()
	p.printf("## netlint: %s\n\n", headline(s))
	if n := len(p.r.Incomplete); n > 0 {
		p.printf("> [!WARNING]\n> **Incomplete audit:** %s failed; the findings cover only what was read.\n>\n", plural(n, "read"))
		for _, f := range p.r.Incomplete {
			p.printf("> - could not read %s\n", mdText(f.String()))
		}
		p.printf("\n")
	}
	p.printf("| Errors | Warnings | Notices | Suppressed | Not evaluated |\n")
	p.printf("| ---: | ---: | ---: | ---: | ---: |\n")
	p.printf("| %d | %d | %d | %d | %d |\n\n", s.Error, s.Warning, s.Notice, s.Suppressed, s.NotEvaluated)
	if s.NotEvaluated > 0 {
		p.printf("%s could not be evaluated for lack of data (values known only after apply, or sites not declared in .netlint.yaml).\n\n",
			capitalize(plural(s.NotEvaluated, "check")))
	}

	var active, suppressed []finding.Finding
	for _, f := range p.r.Findings {
		if f.Suppressed {
			suppressed = append(suppressed, f)
		} else {
			active = append(active, f)
		}
	}
	for _, g := range groupByRule(active) {
		p.ruleGroup(g)
	}
	if len(suppressed) > 0 {
		p.printf("<details>\n<summary>%s</summary>\n\n", plural(len(suppressed), "suppressed finding"))
		for _, f := range suppressed {
			p.printf("- %s %s: %s\n", p.ruleRef(f.RuleID), mdText(f.RuleName), mdText(f.Message))
			p.resources(f.Resources, "  ")
			p.printf("  - %s\n", mdText(suppressionText(f.Suppression)))
		}
		p.printf("\n</details>\n\n")
	}
	p.topology(active)
	if v := toolVersion(p.r, p.o); v != "" {
		p.printf("<sub>netlint %s</sub>\n", mdText(v))
	}
}

// headline is "2 errors, 1 warning, 0 notices" or "no findings".
func headline(s finding.Summary) string {
	if s.Error+s.Warning+s.Notice == 0 {
		return "no findings"
	}
	return fmt.Sprintf("%s, %s, %s", plural(s.Error, "error"), plural(s.Warning, "warning"), plural(s.Notice, "notice"))
}

type ruleGroup struct {
	id       string
	severity string
	findings []finding.Finding
}

// groupByRule groups findings by rule: groups ordered by their most severe
// finding, then by first appearance; findings keep their order.
func groupByRule(fs []finding.Finding) []*ruleGroup {
	var groups []*ruleGroup
	byID := map[string]*ruleGroup{}
	for _, f := range fs {
		g := byID[f.RuleID]
		if g == nil {
			g = &ruleGroup{id: f.RuleID}
			byID[f.RuleID] = g
			groups = append(groups, g)
		}
		if finding.Rank(f.Severity) > finding.Rank(g.severity) {
			g.severity = f.Severity
		}
		g.findings = append(g.findings, f)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		return finding.Rank(groups[i].severity) > finding.Rank(groups[j].severity)
	})
	return groups
}

func (p *mdPrinter) ruleGroup(g *ruleGroup) {
	name := g.findings[0].RuleName
	p.printf("### %s %s (%s, %s)\n\n", p.ruleRef(g.id), mdText(name), mdText(g.severity), plural(len(g.findings), "finding"))
	if ru, ok := p.r.Rule(g.id); ok && ru.Title != "" {
		p.printf("%s\n\n", mdText(ru.Title))
	}
	for i, f := range g.findings {
		if i == markdownMaxPerRule {
			p.printf("- … and %d more (see the JSON or SARIF report)\n", len(g.findings)-i)
			break
		}
		p.printf("- %s\n", mdText(f.Message))
		p.resources(f.Resources, "  ")
	}
	p.printf("\n")
}

// ruleRef is the rule id, linked to its documentation for a built-in rule
// (rules loaded with -p are not in netlint's documentation).
func (p *mdPrinter) ruleRef(id string) string {
	ru, ok := p.r.Rule(id)
	if p.o.DocsBaseURI == "" || !ok || !ru.Builtin {
		return "**" + mdText(id) + "**"
	}
	return "[**" + mdText(id) + "**](" + p.o.DocsBaseURI + "#" + strings.ToLower(id) + ")"
}

// resources lists each resource with what locates it, and its related locations.
func (p *mdPrinter) resources(rs []finding.Resource, indent string) {
	for _, res := range rs {
		line := indent + "- " + mdCode(res.Address)
		if loc := fileLine(res.File, res.Line); loc != "" {
			line += " at " + mdCode(loc)
		}
		var where []string
		if res.Region != "" {
			where = append(where, "region "+mdText(res.Region))
		}
		if res.Account != "" {
			where = append(where, "account "+mdText(res.Account))
		}
		if len(where) > 0 {
			line += " (" + strings.Join(where, ", ") + ")"
		}
		p.printf("%s\n", line)
		for _, rel := range res.Related {
			loc := fileLine(rel.File, rel.Line)
			if loc == "" {
				continue
			}
			text := indent + "  - related: " + mdCode(loc)
			if rel.Message != "" {
				text += " " + mdText(rel.Message)
			}
			p.printf("%s\n", text)
		}
	}
}

// topology draws r.Network with the elements of active findings highlighted.
func (p *mdPrinter) topology(active []finding.Finding) {
	n := p.r.Network
	if n == nil {
		return
	}
	hl := Highlights(n, active)
	t := buildTopology(n, hl)
	if len(t.nodes) == 0 {
		return
	}
	p.printf("### Topology\n\n")
	if len(hl) > 0 {
		p.printf("Elements named in findings are outlined: red for errors, amber for warnings, blue for notices.\n\n")
	}
	p.printf("```mermaid\n")
	writeMermaid(p.w, t)
	p.printf("```\n\n")
}

// Highlights maps the model IDs named by unsuppressed findings to their most
// severe severity, for diagrams. Resources name elements by address, AWS id
// or ARN; callers pass only the findings to show (unsuppressed ones).
func Highlights(n *model.Network, fs []finding.Finding) map[string]string {
	ids := map[string]string{}
	for id, m := range n.Elements() {
		ids[id] = id
		for _, alias := range []string{m.Address, m.AWSID, m.ARN} {
			if alias != "" {
				if _, taken := ids[alias]; !taken {
					ids[alias] = id
				}
			}
		}
	}
	for id := range n.Derived.AddressNetworks {
		ids[id] = id
	}
	out := map[string]string{}
	for _, f := range fs {
		for _, res := range f.Resources {
			for _, key := range []string{res.Address, res.AWSID, res.ARN} {
				id, ok := ids[key]
				if key == "" || !ok {
					continue
				}
				if finding.Rank(f.Severity) > finding.Rank(out[id]) {
					out[id] = f.Severity
				}
				break
			}
		}
	}
	return out
}

// mdText escapes s for Markdown inline text: punctuation Markdown or HTML would
// interpret is backslash-escaped, newlines become <br>. An underscore inside a
// word (aws_vpc) cannot start emphasis in GitHub Flavored Markdown and is left
// alone, so addresses stay readable in the raw text too.
func mdText(s string) string {
	rs := []rune(s)
	wordAt := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		r := rs[i]
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case '_':
			if !wordAt(i-1) || !wordAt(i+1) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '\r':
		case '\n':
			b.WriteString("<br>")
		default:
			if e := termsafe.Escape(string(r)); e != string(r) {
				b.WriteString(`\` + e) // a control character, shown as its escape
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode is s as a code span, fenced with more backticks than s contains.
func mdCode(s string) string {
	s = termsafe.Escape(strings.NewReplacer("\r", "", "\n", " ").Replace(s))
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
