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

	"golang.org/x/sync/errgroup"

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
	rules, err := catalogue(mods, builtin)
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler()
	c.Compile(mods)
	if c.Failed() {
		return nil, astError("policy", c.Errors)
	}
	e := &Engine{compiler: c, rules: rules, hasNotEvaluated: map[string]bool{}}
	for _, r := range rules {
		if err := e.checkRuleShape(r); err != nil {
			return nil, err
		}
	}
	return e, nil
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
}

// Prepared is a query prepared for one run.
type Prepared struct {
	e *Engine
	// queries each evaluate a share of the enabled rules: they run at once,
	// one per core (up to Workers), over the same input.
	queries  []rego.PreparedEvalQuery
	settings Settings
	rules    map[string]finding.Rule
}

// Workers bounds how many queries evaluate the rules at once.
var Workers = min(runtime.GOMAXPROCS(0), 4)

// Prepare builds the queries that evaluate every enabled rule: the rules are
// dealt round-robin to one query per worker, each compiled once.
func (e *Engine) Prepare(ctx context.Context, s Settings) (*Prepared, error) {
	n := max(1, Workers)
	parts := make([][]string, n)
	rules := map[string]finding.Rule{}
	k := 0
	for _, r := range e.rules {
		if s.Enabled != nil && !s.Enabled(r.ID) {
			continue
		}
		rules[r.ID] = r
		ne := "set()"
		if e.hasNotEvaluated[r.ID] {
			ne = r.Package + ".not_evaluated"
		}
		parts[k%n] = append(parts[k%n], fmt.Sprintf("%q: [%s.deny, %s]", r.ID, r.Package, ne))
		k++
	}
	p := &Prepared{e: e, settings: s, rules: rules}
	for _, part := range parts {
		if len(part) == 0 && len(p.queries) > 0 {
			continue
		}
		q := "result := {" + strings.Join(part, ", ") + "}"
		pq, err := rego.New(rego.Compiler(e.compiler), rego.Query(q)).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare policies: %w", err)
		}
		p.queries = append(p.queries, pq)
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
	results := make([]map[string]any, len(p.queries))
	g, gctx := errgroup.WithContext(ctx)
	for i, q := range p.queries {
		g.Go(func() error {
			rs, err := q.Eval(gctx, rego.EvalParsedInput(input))
			if err != nil {
				return fmt.Errorf("evaluate policies: %w", err)
			}
			if len(rs) != 1 {
				return fmt.Errorf("evaluate policies: no result")
			}
			res, ok := rs[0].Bindings["result"].(map[string]any)
			if !ok {
				return fmt.Errorf("evaluate policies: unexpected result %T", rs[0].Bindings["result"])
			}
			results[i] = res
			return nil
		})
	}
	if err := g.Wait(); err != nil {
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
