package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/termsafe"
)

// ANSI SGR sequences; written only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
)

// textIndent lines resource and suppression lines up under the rule id, past the
// widest severity ("warning").
const textIndent = "        "

// Text writes r for people: findings grouped by severity (error, warning, notice;
// the given order within a group), each with its resources, then a summary line.
// Suppressed findings are listed only with Options.ShowSuppressed.
func Text(w io.Writer, r *finding.Result, o Options) error {
	r = orEmpty(r)
	p := textPrinter{color: o.Color}
	p.incomplete(r.Incomplete)

	shown := 0
	for _, rank := range []int{finding.Rank(finding.Error), finding.Rank(finding.Warning), finding.Rank(finding.Notice), 0} {
		for _, f := range r.Findings {
			if finding.Rank(f.Severity) != rank || (f.Suppressed && !o.ShowSuppressed) {
				continue
			}
			p.finding(f)
			shown++
		}
	}

	s := r.Summarize()
	if shown == 0 {
		p.buf.WriteString("No findings.\n")
		if s == (finding.Summary{}) {
			_, err := w.Write(p.buf.Bytes())
			return err
		}
	} else {
		p.buf.WriteString("\n")
	}
	p.summary(s)
	_, err := w.Write(p.buf.Bytes())
	return err
}

type textPrinter struct {
	buf   bytes.Buffer
	color bool
}

// paint wraps s in an SGR sequence when colour is on.
func (p *textPrinter) paint(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func severityColor(severity string) string {
	switch severity {
	case finding.Error:
		return ansiRed
	case finding.Warning:
		return ansiYellow
	case finding.Notice:
		return ansiCyan
	}
	return ansiBold
}

func (p *textPrinter) finding(f finding.Finding) {
	// Pad outside the colour so escape codes do not upset the column.
	pad := strings.Repeat(" ", max(1, len(textIndent)-len(f.Severity)))
	sev := p.paint(severityColor(f.Severity), f.Severity) + pad
	// Everything from the input is escaped (termsafe): one finding is one
	// entry, and nothing in a plan can recolour the terminal or forge a line.
	rule := strings.TrimSpace(p.paint(ansiBold, termsafe.Escape(f.RuleID)) + " " + termsafe.Escape(f.RuleName))
	msg := termsafe.Escape(f.Message)
	fmt.Fprintf(&p.buf, "%s%s: %s\n", sev, rule, msg)

	for _, res := range f.Resources {
		var where []string
		if loc := fileLine(res.File, res.Line); loc != "" {
			where = append(where, loc)
		}
		if res.Region != "" {
			where = append(where, "region "+termsafe.Escape(res.Region))
		}
		if res.Account != "" {
			where = append(where, "account "+termsafe.Escape(res.Account))
		}
		line := textIndent + termsafe.Escape(res.Address)
		if len(where) > 0 {
			line += " " + p.paint(ansiDim, "("+strings.Join(where, ", ")+")")
		}
		p.buf.WriteString(line + "\n")
		for _, rel := range res.Related {
			loc := fileLine(rel.File, rel.Line)
			if loc == "" {
				continue
			}
			text := "related: " + loc
			if rel.Message != "" {
				text += " (" + termsafe.Escape(rel.Message) + ")"
			}
			p.buf.WriteString(textIndent + "  " + p.paint(ansiDim, text) + "\n")
		}
	}

	if f.Suppressed {
		p.buf.WriteString(textIndent + p.paint(ansiDim, suppressionText(f.Suppression)) + "\n")
	}
}

// fileLine is "file:line", "file" when the line is unknown, "" when the file is.
func fileLine(file string, line int) string {
	if file == "" {
		return ""
	}
	file = termsafe.Escape(file)
	if line > 0 {
		return file + ":" + strconv.Itoa(line)
	}
	return file
}

func suppressionText(s *finding.Suppression) string {
	if s == nil {
		return "suppressed"
	}
	text := "suppressed"
	if s.Reason != "" {
		text += ": " + termsafe.Escape(s.Reason)
	}
	var details []string
	switch s.Kind {
	case "config":
		details = append(details, "config waiver")
	case "inline":
		details = append(details, "inline waiver")
	case "":
	default:
		details = append(details, s.Kind)
	}
	if s.Expires != "" {
		details = append(details, "expires "+s.Expires)
	}
	if len(details) > 0 {
		text += " (" + strings.Join(details, ", ") + ")"
	}
	return text
}

// summary writes "3 errors, 1 warning, 0 notices (2 suppressed, 4 not evaluated)";
// the parenthesis shows only the counts that are not zero.
func (p *textPrinter) summary(s finding.Summary) {
	counts := []string{
		p.count(s.Error, "error", ansiRed),
		p.count(s.Warning, "warning", ansiYellow),
		p.count(s.Notice, "notice", ansiCyan),
	}
	line := strings.Join(counts, ", ")
	var extra []string
	if s.Suppressed > 0 {
		extra = append(extra, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.NotEvaluated > 0 {
		extra = append(extra, fmt.Sprintf("%d not evaluated", s.NotEvaluated))
	}
	if len(extra) > 0 {
		line += " " + p.paint(ansiDim, "("+strings.Join(extra, ", ")+")")
	}
	p.buf.WriteString(line + "\n")
}

func (p *textPrinter) count(n int, noun, color string) string {
	text := fmt.Sprintf("%d %s", n, noun)
	if n != 1 {
		text += "s"
	}
	if n == 0 {
		return text
	}
	return p.paint(color, text)
}

// incomplete starts the report of a partial live audit with what could not be
// read, so that nobody takes the findings for the whole network.
func (p *textPrinter) incomplete(fs []finding.ReadFailure) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(&p.buf, "INCOMPLETE: %s failed; the findings below cover only what was read.\n", plural(len(fs), "read"))
	for _, f := range fs {
		p.buf.WriteString(textIndent + "could not read " + termsafe.Escape(f.String()) + "\n")
	}
	p.buf.WriteString("\n")
}
