package config

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/netlint/netlint/finding"
)

// Check holds the configuration to the rule catalogue (the built-in rules and
// those loaded with -p): every rule it sets exists, every parameter it sets
// is one the rule declares (METADATA custom.params) and of the declared type,
// and every waiver names a rule that exists. A typo would otherwise be
// silently ignored. Errors are *Error naming the file and line.
func (c *Config) Check(rules []finding.Rule) error {
	byID := make(map[string]finding.Rule, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
	}
	at := func(line int, format string, a ...any) error {
		return &Error{File: c.Path, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := c.Rules[ids[i]], c.Rules[ids[j]]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return ids[i] < ids[j]
	})
	for _, id := range ids {
		rs := c.Rules[id]
		r, ok := byID[id]
		if !ok {
			return at(rs.Line, "rules: unknown rule id %s%s (see 'netlint rules')", id, didYouMean(id, byID))
		}
		names := make([]string, 0, len(rs.Params))
		for k := range rs.Params {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool {
			a, b := rs.ParamLines[names[i]], rs.ParamLines[names[j]]
			if a != b {
				return a < b
			}
			return names[i] < names[j]
		})
		for _, k := range names {
			line := rs.ParamLines[k]
			if line == 0 {
				line = rs.Line
			}
			p, ok := param(r, k)
			if !ok {
				return at(line, "rules.%s: unknown parameter %q (%s)", id, k, takes(r))
			}
			v := rs.Params[k]
			if !p.Accepts(v) {
				return at(line, "rules.%s: %s wants %s, got %s", id, k, finding.ParamTypes[p.Type], describeValue(v))
			}
			if f, ok := v.(float64); ok && p.Type == "integer" && math.Abs(f) > 1<<53 {
				return at(line, "rules.%s: %s wants an integer, got %s (out of range)", id, k, describeValue(v))
			}
		}
	}
	for _, w := range c.Waivers {
		if w.Rule == "*" {
			continue
		}
		if w.Rule == ExpiredWaiverRule.ID {
			return at(w.Line, "waiver for %s: an expired waiver cannot be waived; renew or remove it", w.Rule)
		}
		if _, ok := byID[w.Rule]; !ok {
			return at(w.Line, "waiver for %s: unknown rule id %s%s (see 'netlint rules')", w.Rule, w.Rule, didYouMean(w.Rule, byID))
		}
	}
	return nil
}

func param(r finding.Rule, name string) (finding.Param, bool) {
	for _, p := range r.Params {
		if p.Name == name {
			return p, true
		}
	}
	return finding.Param{}, false
}

// takes says which parameters a rule takes: "NL502 takes: max_peerings".
func takes(r finding.Rule) string {
	if len(r.Params) == 0 {
		return r.ID + " takes no parameters"
	}
	names := make([]string, len(r.Params))
	for i, p := range r.Params {
		names[i] = p.Name
	}
	return r.ID + " takes: " + strings.Join(names, ", ")
}

// didYouMean suggests the rule id that differs only in case.
func didYouMean(id string, byID map[string]finding.Rule) string {
	for known := range byID {
		if strings.EqualFold(known, id) {
			return " (did you mean " + known + "?)"
		}
	}
	return ""
}
