// Package finding holds what the engine produces and the reports render: rules,
// findings and the run's summary. It is plain data.
package finding

import (
	"strings"

	"github.com/netlint/netlint/model"
)

// Severities, from most to least severe.
const (
	Error   = "error"
	Warning = "warning"
	Notice  = "notice"
)

// Rank orders severities: error 3, warning 2, notice 1, anything else 0.
func Rank(severity string) int {
	switch severity {
	case Error:
		return 3
	case Warning:
		return 2
	case Notice:
		return 1
	}
	return 0
}

// Rule is one rule's catalogue entry, read from its Rego METADATA.
type Rule struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Severity    string `json:"severity"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Remediation string `json:"remediation"`
	// Family is the policy directory (addressing, vpn, ...).
	Family string `json:"family"`
	// Package is the Rego package path, e.g. data.netlint.rules.addressing.overlapping_connected_ranges.
	Package string `json:"package"`
	// File is the Rego file the rule is defined in.
	File string `json:"file"`
	// Builtin is false for rules loaded with -p.
	Builtin bool `json:"builtin"`
	// Fixtures name the rule's test cases under testdata/rules/<ID>/
	// (METADATA custom.fixtures), for people and tests, not for reports.
	Fixtures []string `json:"-"`
	// Params are the parameters .netlint.yaml may set for the rule (METADATA
	// custom.params), ordered by name; a rule without any accepts none.
	Params []Param `json:"params,omitempty"`
}

// Resource is an element a finding points at.
type Resource struct {
	Address string           `json:"address"`
	Type    string           `json:"type,omitempty"`
	File    string           `json:"file,omitempty"`
	Line    int              `json:"line,omitempty"`
	Region  string           `json:"region,omitempty"`
	Account string           `json:"account,omitempty"`
	ARN     string           `json:"arn,omitempty"`
	AWSID   string           `json:"aws_id,omitempty"`
	Module  string           `json:"module,omitempty"`
	Related []model.Location `json:"related,omitempty"`
}

// Suppression says why a finding does not count.
type Suppression struct {
	// Kind is "config" (a waiver in .netlint.yaml) or "inline" (a comment in .tf).
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"`
}

// Finding is one rule violation.
type Finding struct {
	RuleID      string       `json:"rule_id"`
	RuleName    string       `json:"rule_name"`
	Severity    string       `json:"severity"`
	Message     string       `json:"message"`
	Resources   []Resource   `json:"resources"`
	Suppressed  bool         `json:"suppressed"`
	Suppression *Suppression `json:"suppression,omitempty"`
}

// NotEvaluated is an element a rule could not judge, and why.
type NotEvaluated struct {
	RuleID string
	// Resource is the element's model ID; Address how reports name it.
	Resource string
	Address  string
	Reason   string
}

// Summary counts findings by severity; suppressed ones count only as suppressed.
type Summary struct {
	Error        int `json:"error"`
	Warning      int `json:"warning"`
	Notice       int `json:"notice"`
	Suppressed   int `json:"suppressed"`
	NotEvaluated int `json:"not_evaluated"`
}

// Result is everything a report needs.
type Result struct {
	ToolVersion string
	Rules       []Rule
	Findings    []Finding
	// NotEvaluated lists the (rule, element) pairs a rule could not judge for
	// lack of data (unknown values, undeclared sites), with the reason.
	NotEvaluated []NotEvaluated
	// Network is the model the findings were computed on (for diagrams); may be nil.
	Network *model.Network
	// Incomplete lists what a live audit could not read. A report with any is
	// partial, and says so in every format.
	Incomplete []ReadFailure
}

// ReadFailure is one read of a live audit that failed: an API action in one
// account and region, or an account that could not be entered (Action empty).
type ReadFailure struct {
	Account string `json:"account,omitempty"`
	Region  string `json:"region,omitempty"`
	Action  string `json:"action,omitempty"`
	Error   string `json:"error"`
}

// String is the failure on one line: "111122223333/eu-west-1 ec2:DescribeVpcs: AccessDenied".
func (f ReadFailure) String() string {
	where := strings.Trim(f.Account+"/"+f.Region, "/")
	if f.Action != "" {
		where = strings.TrimSpace(where + " " + f.Action)
	}
	if where == "" {
		return f.Error
	}
	return where + ": " + f.Error
}

// Summarize counts the findings.
func (r *Result) Summarize() Summary {
	s := Summary{NotEvaluated: len(r.NotEvaluated)}
	for _, f := range r.Findings {
		if f.Suppressed {
			s.Suppressed++
			continue
		}
		switch f.Severity {
		case Error:
			s.Error++
		case Warning:
			s.Warning++
		case Notice:
			s.Notice++
		}
	}
	return s
}

// Rule returns the catalogue entry for id.
func (r *Result) Rule(id string) (Rule, bool) {
	for _, ru := range r.Rules {
		if ru.ID == id {
			return ru, true
		}
	}
	return Rule{}, false
}
