package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/netlint/netlint/finding"
)

// The types below are the JSON output contract, version 1 (docs/architecture.md, "JSON
// report"). They are spelled out rather than reusing finding's types so that a change
// to the engine's data cannot change the contract by accident.

const jsonVersion = 1

type jsonReport struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	// NotEvaluated lists what each rule could not judge, and why: their
	// count is summary.not_evaluated.
	NotEvaluated []jsonNotEvaluated `json:"not_evaluated"`
	// Incomplete lists what a live audit could not read; absent when it read
	// everything.
	Incomplete []finding.ReadFailure `json:"incomplete,omitempty"`
	Summary    jsonSummary           `json:"summary"`
}

type jsonNotEvaluated struct {
	RuleID   string `json:"rule_id"`
	Resource string `json:"resource"`
	Reason   string `json:"reason,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	RuleID      string           `json:"rule_id"`
	RuleName    string           `json:"rule_name"`
	Severity    string           `json:"severity"`
	Message     string           `json:"message"`
	Resources   []jsonResource   `json:"resources"`
	Suppressed  bool             `json:"suppressed"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
}

// jsonResource: file and line only when known (never invented), region, account and
// arn only when present (live input).
type jsonResource struct {
	Address string `json:"address"`
	Type    string `json:"type,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Region  string `json:"region,omitempty"`
	Account string `json:"account,omitempty"`
	ARN     string `json:"arn,omitempty"`
	// Related are further places in the sources: the resource block inside
	// a module whose call is file:line.
	Related []jsonLocation `json:"related,omitempty"`
}

type jsonLocation struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message,omitempty"`
}

type jsonSuppression struct {
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"`
}

type jsonSummary struct {
	Error        int `json:"error"`
	Warning      int `json:"warning"`
	Notice       int `json:"notice"`
	Suppressed   int `json:"suppressed"`
	NotEvaluated int `json:"not_evaluated"`
}

// JSON writes r as the version 1 JSON contract, indented by two spaces, findings in
// the order given.
func JSON(w io.Writer, r *finding.Result, o Options) error {
	r = orEmpty(r)
	s := r.Summarize()
	out := jsonReport{
		Version:      jsonVersion,
		Tool:         jsonTool{Name: "netlint", Version: toolVersion(r, o)},
		Findings:     make([]jsonFinding, 0, len(r.Findings)),
		NotEvaluated: make([]jsonNotEvaluated, 0, len(r.NotEvaluated)),
		Incomplete:   r.Incomplete,
		Summary: jsonSummary{
			Error:        s.Error,
			Warning:      s.Warning,
			Notice:       s.Notice,
			Suppressed:   s.Suppressed,
			NotEvaluated: s.NotEvaluated,
		},
	}
	for _, f := range r.Findings {
		jf := jsonFinding{
			RuleID:     f.RuleID,
			RuleName:   f.RuleName,
			Severity:   f.Severity,
			Message:    f.Message,
			Resources:  make([]jsonResource, 0, len(f.Resources)),
			Suppressed: f.Suppressed,
		}
		for _, res := range f.Resources {
			jr := jsonResource{
				Address: res.Address,
				Type:    res.Type,
				File:    res.File,
				Line:    res.Line,
				Region:  res.Region,
				Account: res.Account,
				ARN:     res.ARN,
			}
			for _, rel := range res.Related {
				if rel.File != "" {
					jr.Related = append(jr.Related, jsonLocation{File: rel.File, Line: rel.Line, Message: rel.Message})
				}
			}
			jf.Resources = append(jf.Resources, jr)
		}
		if f.Suppressed && f.Suppression != nil {
			jf.Suppression = &jsonSuppression{
				Kind:    f.Suppression.Kind,
				Reason:  f.Suppression.Reason,
				Expires: f.Suppression.Expires,
			}
		}
		out.Findings = append(out.Findings, jf)
	}

	for _, ne := range r.NotEvaluated {
		out.NotEvaluated = append(out.NotEvaluated, jsonNotEvaluated{RuleID: ne.RuleID, Resource: ne.Address, Reason: ne.Reason})
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages quote routes and ranges ("a -> b"); keep them readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
