package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/netlint/netlint/finding"
)

// ExpiredWaiverRule is the catalogue entry for the notice an expired waiver gives.
var ExpiredWaiverRule = finding.Rule{
	ID:       "NL000",
	Name:     "expired-waiver",
	Severity: finding.Notice,
	Title:    "A waiver in .netlint.yaml has expired",
	Description: "A waiver's expires date has passed, so it no longer suppresses the findings " +
		"it covered; they are reported again.",
	Remediation: "Fix the findings, or renew the waiver with a new expires date and a reason that still holds.",
	Family:      "config",
	Builtin:     true,
}

// Matches reports whether the waiver covers a finding: same rule (or "*"), the
// finding's primary resource (its first, the thing to fix) matched by the
// resource glob on its address, AWS id or ARN, and every with glob matching
// another of its resources. A finding that merely names the resource after
// its primary is not covered: a waiver on a Transit Gateway does not hide the
// overlaps of the networks attached to it.
func (w *Waiver) Matches(f *finding.Finding) bool {
	if w.Rule != "*" && w.Rule != f.RuleID || len(f.Resources) == 0 {
		return false
	}
	if !matchResource(w.match, f.Resources[0]) {
		return false
	}
	for _, g := range w.with {
		if !slices.ContainsFunc(f.Resources[1:], func(r finding.Resource) bool { return matchResource(g, r) }) {
			return false
		}
	}
	return true
}

// matchResource reports whether the glob matches the resource's address, AWS
// id or ARN.
func matchResource(g *regexp.Regexp, r finding.Resource) bool {
	for _, s := range []string{r.Address, r.AWSID, r.ARN} {
		if s != "" && g.MatchString(s) {
			return true
		}
	}
	return false
}

// describe names the waiver in messages: "NL001 on aws_vpc.a with aws_vpc.b".
func (w *Waiver) describe() string {
	s := w.Rule + " on " + w.Resource
	if len(w.With) > 0 {
		s += " with " + strings.Join(w.With, ", ")
	}
	return s
}

// Expired reports whether the waiver's last day is before today.
func (w *Waiver) Expired(now time.Time) bool {
	if w.Expires.IsZero() {
		return false
	}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return w.Expires.Before(today)
}

// ApplyWaivers marks the findings the config's waivers cover as suppressed and
// returns a notice for every expired waiver. An expired waiver suppresses nothing.
func (c *Config) ApplyWaivers(fs []finding.Finding, now time.Time) []finding.Finding {
	var notices []finding.Finding
	for i := range c.Waivers {
		w := &c.Waivers[i]
		if w.Expired(now) {
			notices = append(notices, finding.Finding{
				RuleID:   ExpiredWaiverRule.ID,
				RuleName: ExpiredWaiverRule.Name,
				Severity: ExpiredWaiverRule.Severity,
				Message: fmt.Sprintf("waiver for %s expired on %s (%s); the findings it covered are reported again",
					w.describe(), w.Expires.Format("2006-01-02"), w.Reason),
				Resources: []finding.Resource{{Address: c.Path, Type: "netlint_waiver", File: c.Path, Line: w.Line}},
			})
			continue
		}
		for j := range fs {
			f := &fs[j]
			if f.Suppressed || !w.Matches(f) {
				continue
			}
			f.Suppressed = true
			f.Suppression = &finding.Suppression{Kind: "config", Reason: w.Reason}
			if !w.Expires.IsZero() {
				f.Suppression.Expires = w.Expires.Format("2006-01-02")
			}
		}
	}
	return notices
}
