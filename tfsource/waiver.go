package tfsource

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/tfaddr"
)

// InlineWaiver is a `# netlint:ignore RULE reason` (or `// netlint:ignore ...`)
// comment on the line directly above a resource, data or module block. Several
// such comments may stand one above the other; other comments may stand above
// them.
type InlineWaiver struct {
	// Rule is the rule id, upper case.
	Rule   string
	Reason string
	// With are the blocks (addresses like Address, in the same module's
	// sources) that must declare other resources of a finding it covers:
	// `# netlint:ignore NL001 with=aws_vpc.b reason` waives the overlap of the
	// block below with aws_vpc.b only.
	With []string
	// File and Line locate the comment.
	File string
	Line int
	// Address is the block's address inside the module whose sources hold the
	// comment: "aws_vpn_connection.x", "data.aws_vpc.x" or "module.branch". For
	// the root module that is the address users see.
	Address string
	// Module is the modules.json key of that module: "" for the root module,
	// "net" or "net.inner" for a module's sources. A waiver in a module's sources
	// applies to every instance of the module.
	Module string
	// malformed says what is wrong with a comment that lacks its rule id or
	// its reason; such a comment waives nothing and is an error (WaiverError).
	malformed string
}

// InlineWaivers returns the well-formed inline waivers of the root module and of
// every module on disk, ordered by module key, file and line. A nil *Sources
// (no sources at hand) has none.
func (s *Sources) InlineWaivers() []InlineWaiver {
	if s == nil {
		return nil
	}
	var out []InlineWaiver
	for _, w := range s.waivers {
		if w.malformed == "" {
			out = append(out, w)
		}
	}
	return out
}

// WaiverError is the first `netlint:ignore` comment without a rule id or a
// reason, as "file:line: what is wrong": a waiver must say why, in the sources
// as in .netlint.yaml. Nil when there is none (or no sources).
func (s *Sources) WaiverError() error {
	if s == nil {
		return nil
	}
	for _, w := range s.waivers {
		if w.malformed != "" {
			return fmt.Errorf("%s:%d: %s", w.File, w.Line, w.malformed)
		}
	}
	return nil
}

// Covers reports whether the waiver suppresses f: same rule, f's primary
// resource (its first, the thing to fix) declared by the waived block, and
// every With block declaring another resource of f. A finding that merely
// names the block among its other resources is not covered: a waiver on a
// Transit Gateway does not hide every overlap between networks attached to
// it. A waiver on a resource block covers every instance of it (count,
// for_each, every instance of the enclosing modules); a waiver on a module
// call covers every resource inside that module, however deeply nested.
func (w InlineWaiver) Covers(f *finding.Finding) bool {
	if !strings.EqualFold(w.Rule, f.RuleID) || len(f.Resources) == 0 {
		return false
	}
	primary, ok := w.declares(w.Address, f.Resources[0].Address)
	if !ok {
		return false
	}
	for _, with := range w.With {
		found := false
		for _, r := range f.Resources[1:] {
			a, ok := w.declares(with, r.Address)
			if ok && sameInstance(primary, a, w.depth()) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// depth is the number of module calls between the root and the sources that
// hold the waiver.
func (w InlineWaiver) depth() int {
	if w.Module == "" {
		return 0
	}
	return strings.Count(w.Module, ".") + 1
}

// declares reports whether the block at block ("aws_vpc.a", "module.x"), in
// the sources of the waiver's module, declares the resource at addr (for a
// module call: holds it, however deeply nested), and returns addr parsed.
func (w InlineWaiver) declares(block, addr string) (address, bool) {
	var scope []string
	if w.Module != "" {
		scope = strings.Split(w.Module, ".")
	}
	call, isCall := strings.CutPrefix(block, "module.")
	if isCall {
		scope = append(scope, call)
	}
	a, ok := parseAddress(addr)
	if !ok || len(a.calls) < len(scope) {
		return address{}, false
	}
	for i, c := range scope {
		if a.calls[i] != c {
			return address{}, false
		}
	}
	if isCall || (len(a.calls) == len(scope) && a.local == block) {
		return a, true
	}
	return address{}, false
}

// sameInstance reports whether a and b lie in the same instance of the module
// depth calls below the root: a waiver in a module's sources pairs resources
// of one instance, not of two.
func sameInstance(a, b address, depth int) bool {
	if len(a.module) < depth || len(b.module) < depth {
		return false
	}
	return tfaddr.ModuleInstance(a.module[:depth]) == tfaddr.ModuleInstance(b.module[:depth])
}

// ApplyWaivers marks the findings an inline waiver covers as suppressed (kind
// "inline"); findings already suppressed keep their suppression.
func (s *Sources) ApplyWaivers(fs []finding.Finding) {
	if s == nil {
		return
	}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed {
			continue
		}
		for _, w := range s.waivers {
			if w.malformed == "" && w.Covers(f) {
				f.Suppressed = true
				f.Suppression = &finding.Suppression{Kind: "inline", Reason: w.Reason}
				break
			}
		}
	}
}

// ignoreMarker starts an inline waiver comment.
const ignoreMarker = "netlint:ignore"

// ruleIDPattern accepts built-in (NL102) and user rule ids (ACME001, ORG-7).
var ruleIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*[0-9]$`)

// ignoreComment is one netlint:ignore comment found in a file.
type ignoreComment struct {
	line         int
	rule, reason string
	with         []string
	valid        bool
}

// scanWaivers finds the netlint:ignore comments of a file: those that stand
// alone on their line in a run of such lines ending directly above a block in
// heads (first line -> address) become waivers; others become problems.
func (p *parsedDir) scanWaivers(file string, src []byte, heads map[int]string) {
	// Only the lexer knows what is a comment and what is, say, a heredoc line.
	tokens, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	var found []ignoreComment
	byLine := map[int]bool{}
	for _, t := range tokens {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		text := string(t.Bytes)
		var body string
		switch {
		case strings.HasPrefix(text, "#"):
			body = text[1:]
		case strings.HasPrefix(text, "//"):
			body = text[2:]
		default:
			continue // /* block comments */ are not waivers
		}
		body = strings.TrimSpace(body)
		rest, ok := strings.CutPrefix(body, ignoreMarker)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ':') {
			continue
		}
		c := ignoreComment{line: t.Range.Start.Line}
		if !aloneOnLine(src, t.Range.Start.Byte) {
			p.problems = append(p.problems, fmt.Sprintf("%s:%d: %s must stand on its own line directly above a resource, data or module block", file, c.line, ignoreMarker))
			continue
		}
		var bad string
		c.rule, c.with, c.reason, bad = parseIgnore(rest)
		c.valid = c.rule != "" && c.reason != "" && bad == ""
		if !c.valid {
			problem := ignoreMarker + " needs a rule id and a reason"
			msg := fmt.Sprintf("%s needs a rule id and a reason (# %s NL102 why it is accepted)", ignoreMarker, ignoreMarker)
			switch {
			case c.rule != "" && bad != "":
				msg = fmt.Sprintf("%s %s: %s", ignoreMarker, c.rule, bad)
				problem = msg
			case c.rule != "":
				msg = fmt.Sprintf("%s %s has no reason: say why the finding is accepted (# %s %s <reason>)", ignoreMarker, c.rule, ignoreMarker, c.rule)
			}
			p.problems = append(p.problems, fmt.Sprintf("%s:%d: %s", file, c.line, problem))
			p.waivers = append(p.waivers, InlineWaiver{Rule: c.rule, File: file, Line: c.line, malformed: msg})
		}
		found = append(found, c)
		byLine[c.line] = true
	}
	for _, c := range found {
		next := c.line + 1
		for byLine[next] {
			next++
		}
		addr, ok := heads[next]
		if !ok {
			p.problems = append(p.problems, fmt.Sprintf("%s:%d: %s must be on the line directly above a resource, data or module block", file, c.line, ignoreMarker))
			continue
		}
		if c.valid {
			p.waivers = append(p.waivers, InlineWaiver{Rule: c.rule, Reason: c.reason, With: c.with, File: file, Line: c.line, Address: addr})
		}
	}
}

// parseIgnore splits " NL102 reason text" (or ": NL102: reason") into rule id
// and reason; either is empty when missing. Between the two, `with=ADDR` (or
// `with=A,B`, or several with= words) names the other blocks a pair waiver
// needs; bad says what is wrong with them.
func parseIgnore(rest string) (rule string, with []string, reason, bad string) {
	rest = strings.TrimLeft(rest, ": \t")
	id, tail, _ := strings.Cut(rest, " ")
	if i := strings.IndexByte(id, '\t'); i >= 0 {
		id, tail = id[:i], id[i+1:]+" "+tail
	}
	id = strings.TrimRight(id, ":,")
	if !ruleIDPattern.MatchString(id) {
		return "", nil, strings.TrimSpace(rest), ""
	}
	reason = strings.TrimSpace(tail)
	for {
		word, after, _ := strings.Cut(reason, " ")
		if i := strings.IndexByte(word, '\t'); i >= 0 {
			word, after = word[:i], word[i+1:]+" "+after
		}
		list, ok := strings.CutPrefix(word, "with=")
		if !ok {
			break
		}
		for _, a := range strings.Split(strings.TrimRight(list, ":"), ",") {
			switch _, valid := parseAddress(a); {
			case a == "":
				bad = "with= names no block (with=aws_vpc.b or with=aws_vpc.b,aws_vpc.c)"
			case !valid && bad == "":
				bad = fmt.Sprintf("with=%s is not the address of a resource or module block (with=aws_vpc.b)", a)
			case valid && strings.ContainsAny(a, "[#"):
				bad = fmt.Sprintf("with=%s names an instance: name the block (with=%s)", a, blockOf(a))
			}
			with = append(with, a)
		}
		reason = strings.TrimSpace(after)
	}
	reason = strings.TrimSpace(strings.TrimLeft(reason, ":-–—"))
	return strings.ToUpper(id), with, reason, bad
}

// blockOf strips instance keys and a #suffix from an address.
func blockOf(a string) string {
	if r, err := tfaddr.ParseResource(a); err == nil {
		r.Key, r.Suffix = tfaddr.Key{}, ""
		for i := range r.Module {
			r.Module[i].Key = tfaddr.Key{}
		}
		return r.String()
	}
	if calls, err := tfaddr.ParseModule(a); err == nil {
		for i := range calls {
			calls[i].Key = tfaddr.Key{}
		}
		return tfaddr.ModuleInstance(calls)
	}
	return a
}

// aloneOnLine reports whether only blanks precede byte offset off on its line.
func aloneOnLine(src []byte, off int) bool {
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}
