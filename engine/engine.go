// Package engine compiles netlint's Rego once, evaluates it over a model in one
// prepared query, and turns what the rules deny into findings.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/model"
)

// Options says which policies to load.
type Options struct {
	// Builtin is the embedded policy tree (policies.FS); nil loads none.
	Builtin fs.FS
	// PolicyDirs are users' Rego directories (-p).
	PolicyDirs []string
	// Limits bound compiling the policies (Prepare's Settings bound their
	// evaluation).
	Limits Limits
}

// Engine holds the compiled policies and the rule catalogue.
type Engine struct {
	compiler *ast.Compiler
	rules    []finding.Rule
	// hasNotEvaluated records which rule packages define not_evaluated, so the
	// query never refers to an undefined document.
	hasNotEvaluated map[string]bool
}

// New parses and compiles every policy once.
func New(o Options) (*Engine, error) {
	var srcs []Source
	if o.Builtin != nil {
		b, err := BuiltinSources(o.Builtin, false)
		if err != nil {
			return nil, fmt.Errorf("built-in policies: %w", err)
		}
		srcs = append(srcs, b...)
	}
	for _, d := range o.PolicyDirs {
		u, err := DirSources(d, false)
		var pe *PolicyError
		if errors.As(err, &pe) {
			return nil, err
		}
		if err != nil {
			return nil, &PolicyError{File: d, Message: unwrapPathError(err)}
		}
		srcs = append(srcs, u...)
	}
	mods, err := parseModules(srcs)
	if err != nil {
		return nil, err
	}
	builtin := map[string]bool{}
	for _, s := range srcs {
		builtin[s.Name] = s.Builtin
	}
	if err := checkSandbox(mods); err != nil {
		return nil, err
	}
	if err := checkReserved(mods, builtin); err != nil {
		return nil, err
	}
	rules, err := catalogue(mods, builtin)
	if err != nil {
		return nil, err
	}
	if err := checkUnannotated(mods, rules); err != nil {
		return nil, err
	}
	if err := checkRuleKinds(mods, builtin); err != nil {
		return nil, err
	}
	c, err := compile(mods, o.Limits)
	if err != nil {
		return nil, err
	}
	if err := checkDataRefs(c, builtin); err != nil {
		return nil, err
	}
	e := &Engine{compiler: c, rules: rules, hasNotEvaluated: map[string]bool{}}
	for _, r := range rules {
		if err := e.checkRuleShape(r); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// checkUnannotated refuses a package that has a deny rule but is no rule of
// the catalogue: without METADATA custom.id its findings would be silently
// dropped. Library packages (no deny) are fine.
func checkUnannotated(mods map[string]*ast.Module, rules []finding.Rule) error {
	isRule := map[string]bool{}
	for _, r := range rules {
		isRule[r.Package] = true
	}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		m := mods[name]
		if strings.HasSuffix(name, "_test.rego") || isRule[m.Package.Path.String()] {
			continue
		}
		for _, r := range m.Rules {
			if ref := r.Head.Ref(); len(ref) == 0 || !ref[0].Equal(ast.VarTerm("deny")) {
				continue
			}
			pe := &PolicyError{File: name, Message: fmt.Sprintf(
				"package %s has a deny rule but no METADATA with custom.id, custom.name and custom.severity (see README \"Writing your own rules\")",
				strings.TrimPrefix(m.Package.Path.String(), "data."))}
			if loc := m.Package.Location; loc != nil {
				pe.Line = loc.Row
			}
			for _, a := range m.Annotations {
				if id, _ := a.Custom["id"].(string); id != "" && a.Scope == "rule" {
					pe.Message = fmt.Sprintf("package %s: the METADATA of rule %s belongs above the package line, not above a rule (or say scope: package)",
						strings.TrimPrefix(m.Package.Path.String(), "data."), id)
					if a.Location != nil {
						pe.Line = a.Location.Row
					}
				}
			}
			return pe
		}
	}
	return nil
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkRuleShape requires a deny rule in every rule package.
func (e *Engine) checkRuleShape(r finding.Rule) error {
	pkg := ast.MustParseRef(r.Package)
	if len(e.compiler.GetRulesExact(append(pkg.Copy(), ast.StringTerm("deny")))) == 0 {
		return &PolicyError{File: r.File, Message: fmt.Sprintf("rule %s: package %s has no deny rule", r.ID, r.Package)}
	}
	if len(e.compiler.GetRulesExact(append(pkg.Copy(), ast.StringTerm("not_evaluated")))) > 0 {
		e.hasNotEvaluated[r.ID] = true
	}
	return nil
}

// Rules returns the catalogue, ordered by ID.
func (e *Engine) Rules() []finding.Rule { return e.rules }

// Settings are the per-run rule choices from .netlint.yaml and the CLI.
type Settings struct {
	// Enabled decides whether a rule runs; nil runs every rule.
	Enabled func(id string) bool
	// Severity overrides a rule's severity (from .netlint.yaml).
	Severity map[string]string
	// Params are rule parameters, seen by Rego as input.config.rules[ID].
	Params map[string]map[string]any
	// Limits bound the evaluation (--policy-timeout, --policy-memory).
	Limits Limits
}

// Prepared is a query prepared for one run.
type Prepared struct {
	e *Engine
	// queries each evaluate a share of the enabled rules: up to Workers run
	// at once over the same input.
	queries  []query
	settings Settings
	rules    map[string]finding.Rule
}

// query is one prepared query and the rules it evaluates.
type query struct {
	pq    rego.PreparedEvalQuery
	rules []finding.Rule
}

// Workers bounds how many queries evaluate the rules at once.
var Workers = min(runtime.GOMAXPROCS(0), 4)

// Prepare builds the queries that evaluate every enabled rule: the built-in
// rules are dealt round-robin to one query per worker, and every package of
// users' rules gets a query of its own, so that a rule stopped by Limits can
// be named. Each query is compiled once.
func (e *Engine) Prepare(ctx context.Context, s Settings) (*Prepared, error) {
	n := max(1, Workers)
	parts := make([][]finding.Rule, n)
	var userParts [][]finding.Rule
	userPart := map[string]int{}
	rules := map[string]finding.Rule{}
	k := 0
	for _, r := range e.rules {
		if s.Enabled != nil && !s.Enabled(r.ID) {
			continue
		}
		rules[r.ID] = r
		if r.Builtin {
			parts[k%n] = append(parts[k%n], r)
			k++
			continue
		}
		i, ok := userPart[r.Package]
		if !ok {
			i = len(userParts)
			userPart[r.Package] = i
			userParts = append(userParts, nil)
		}
		userParts[i] = append(userParts[i], r)
	}
	p := &Prepared{e: e, settings: s, rules: rules}
	for _, part := range append(parts, userParts...) {
		if len(part) == 0 && len(p.queries) > 0 {
			continue
		}
		terms := make([]string, 0, len(part))
		for _, r := range part {
			ne := "set()"
			if e.hasNotEvaluated[r.ID] {
				ne = r.Package + ".not_evaluated"
			}
			terms = append(terms, fmt.Sprintf("%q: [%s.deny, %s]", r.ID, r.Package, ne))
		}
		q := "result := {" + strings.Join(terms, ", ") + "}"
		pq, err := rego.New(rego.Compiler(e.compiler), rego.Query(q)).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare policies: %w", err)
		}
		p.queries = append(p.queries, query{pq: pq, rules: part})
	}
	return p, nil
}

// Outcome is what one evaluation found.
type Outcome struct {
	Findings     []finding.Finding
	NotEvaluated []finding.NotEvaluated
}

// Eval runs every enabled rule over the network. The network must be derived.
func (p *Prepared) Eval(ctx context.Context, n *model.Network) (*Outcome, error) {
	input, err := Input(n, p.settings.Params)
	if err != nil {
		return nil, err
	}
	results, err := p.evalQueries(ctx, input)
	if err != nil {
		return nil, err
	}
	res := map[string]any{}
	for _, r := range results {
		maps.Copy(res, r)
	}
	elems := n.Elements()
	out := &Outcome{}
	for id, v := range res {
		r := p.rules[id]
		pair, _ := v.([]any)
		if len(pair) != 2 {
			return nil, fmt.Errorf("rule %s: unexpected result", id)
		}
		denies, _ := pair[0].([]any)
		for _, d := range denies {
			f, err := p.toFinding(r, d, elems, n)
			if err != nil {
				return nil, err
			}
			out.Findings = append(out.Findings, f)
		}
		skipped, _ := pair[1].([]any)
		out.NotEvaluated = append(out.NotEvaluated, notEvaluated(r.ID, skipped, elems)...)
	}
	Sort(out.Findings)
	sort.Slice(out.NotEvaluated, func(i, j int) bool {
		a, b := out.NotEvaluated[i], out.NotEvaluated[j]
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Resource < b.Resource
	})
	return out, nil
}

// notEvaluated reads a rule's not_evaluated set: model IDs, or objects
// {"resource": id, "reason": why}. An element skipped for several reasons
// counts once, with the reasons joined.
func notEvaluated(rule string, items []any, elems map[string]*model.Meta) []finding.NotEvaluated {
	var out []finding.NotEvaluated
	at := map[string]int{}
	for _, it := range items {
		var id, reason string
		switch v := it.(type) {
		case string:
			id = v
		case map[string]any:
			id, _ = v["resource"].(string)
			reason, _ = v["reason"].(string)
		default:
			id = fmt.Sprint(v)
		}
		if i, ok := at[id]; ok {
			if reason != "" && !strings.Contains(out[i].Reason, reason) {
				if out[i].Reason != "" {
					out[i].Reason += "; "
				}
				out[i].Reason += reason
			}
			continue
		}
		addr := id
		if m := elems[id]; m != nil && m.Address != "" {
			addr = m.Address
		}
		at[id] = len(out)
		out = append(out, finding.NotEvaluated{RuleID: rule, Resource: id, Address: addr, Reason: reason})
	}
	return out
}

func (p *Prepared) toFinding(r finding.Rule, d any, elems map[string]*model.Meta, n *model.Network) (finding.Finding, error) {
	f := finding.Finding{RuleID: r.ID, RuleName: r.Name, Severity: r.Severity, Resources: []finding.Resource{}}
	switch v := d.(type) {
	case string:
		// conftest-style users' rules deny plain messages.
		f.Message = v
	case map[string]any:
		msg, ok := v["msg"].(string)
		if !ok {
			return f, &PolicyError{File: r.File, Message: fmt.Sprintf("rule %s: deny entry has no string msg", r.ID)}
		}
		f.Message = msg
		if sev, ok := v["severity"].(string); ok && finding.Rank(sev) > 0 {
			f.Severity = sev
		}
		ids, _ := v["resources"].([]any)
		seen := map[string]bool{}
		for _, x := range ids {
			id, ok := x.(string)
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			f.Resources = append(f.Resources, resourceOf(id, elems, n))
		}
	default:
		return f, &PolicyError{File: r.File, Message: fmt.Sprintf("rule %s: deny entry must be an object {msg, resources} or a string", r.ID)}
	}
	if sev, ok := p.settings.Severity[r.ID]; ok {
		f.Severity = sev
	}
	return f, nil
}

func resourceOf(id string, elems map[string]*model.Meta, n *model.Network) finding.Resource {
	m, ok := elems[id]
	if !ok {
		if an, ok := n.Derived.AddressNetworks[id]; ok {
			if m2, ok := elems[an.Element]; ok {
				m = m2
			}
		}
	}
	if m == nil {
		return finding.Resource{Address: id}
	}
	return finding.Resource{
		Address: m.Address, Type: m.Type, File: m.File, Line: m.Line,
		Region: m.Region, Account: m.Account, ARN: m.ARN, AWSID: m.AWSID,
		Module: m.Module, Related: m.Related,
	}
}

// Sort orders findings the way every report shows them: most severe first, then
// by rule, first resource and message.
func Sort(fs []finding.Finding) {
	first := func(f finding.Finding) string {
		if len(f.Resources) > 0 {
			return f.Resources[0].Address
		}
		return ""
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := finding.Rank(a.Severity), finding.Rank(b.Severity); ra != rb {
			return ra > rb
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if fa, fb := first(a), first(b); fa != fb {
			return fa < fb
		}
		return a.Message < b.Message
	})
}
