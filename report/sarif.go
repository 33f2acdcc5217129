package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/netlint/netlint/finding"
)

const (
	// toolInformationURI is the tool's home page, from the module path.
	toolInformationURI = "https://github.com/netlint/netlint"
	// srcRootBaseID is the uriBaseId GitHub code scanning resolves to the checkout.
	srcRootBaseID = "%SRCROOT%"
	// fingerprintKey names netlint's partial fingerprint; bump the version if what it
	// hashes ever changes, so that consumers treat old and new as unrelated.
	fingerprintKey = "netlint/v1"
)

// SARIF writes r as a SARIF 2.1.0 log with one run. Every rule of r.Rules becomes a
// reporting descriptor; every finding, suppressed or not, a result. A rule id a
// finding names but r.Rules lacks gets a minimal descriptor so ruleIndex stays valid.
func SARIF(w io.Writer, r *finding.Result, o Options) error {
	r = orEmpty(r)
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("sarif report: %w", err)
	}
	run := sarif.NewRunWithInformationURI("netlint", toolInformationURI)
	if v := toolVersion(r, o); v != "" {
		run.Tool.Driver.WithVersion(v)
	}
	log.AddRun(run)

	for _, ru := range r.Rules {
		addSARIFRule(run, ru, o.DocsBaseURI)
	}
	for _, f := range r.Findings {
		if _, ok := r.Rule(f.RuleID); !ok {
			addSARIFRule(run, finding.Rule{ID: f.RuleID, Name: f.RuleName, Severity: f.Severity}, o.DocsBaseURI)
		}
		// CreateResultForRule sets ruleIndex from the rule added above.
		res := run.CreateResultForRule(f.RuleID).WithMessage(sarif.NewTextMessage(f.Message))
		if level := sarifLevel(f.Severity); level != "" {
			res.WithLevel(level)
		}
		// The first resource is where the finding is; the others (the
		// routers, routes and attachments on a path, the other end of an
		// overlap) are related locations: code scanning shows only a
		// result's first location. Instances of one module share the block
		// inside it: SARIF wants each related location once.
		seenRelated := map[string]bool{}
		for i, rs := range f.Resources {
			if i == 0 {
				res.AddLocation(resourceLocation(rs, o.RepoRoot))
			} else if key := "resource:" + rs.Address; !seenRelated[key] {
				seenRelated[key] = true
				res.AddRelatedLocation(resourceLocation(rs, o.RepoRoot).WithMessage(sarif.NewTextMessage(rs.Address)))
			}
			for _, rel := range rs.Related {
				if rel.File == "" {
					continue
				}
				text := rel.Message
				if text == "" {
					text = rs.Address
				}
				key := fmt.Sprintf("%s:%d:%s", rel.File, rel.Line, text)
				if seenRelated[key] {
					continue
				}
				seenRelated[key] = true
				loc := sarif.NewLocationWithPhysicalLocation(physicalLocation(rel.File, rel.Line, o.RepoRoot)).
					WithMessage(sarif.NewTextMessage(text))
				res.AddRelatedLocation(loc)
			}
		}
		res.WithPartialFingerPrints(map[string]interface{}{fingerprintKey: fingerprint(f)})
		if f.Suppressed {
			res.AddSuppression(sarifSuppression(f.Suppression))
		}
	}

	// A partial live audit is an unsuccessful run: code scanning shows the
	// notifications, and nobody takes its silence for a clean network.
	if len(r.Incomplete) > 0 {
		inv := run.AddInvocation(false)
		for _, f := range r.Incomplete {
			inv.AddTToolExecutionNotification(sarif.NewNotification().WithLevel("error").
				WithMessage(sarif.NewTextMessage("could not read " + f.String())))
		}
	}

	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("sarif report: %w", err)
	}
	// go-sarif marshals unset suppression fields (status, guid, location,
	// justification) as null, which the schema rejects; in SARIF an absent property
	// and a null one mean the same, so drop the nulls.
	var compact bytes.Buffer
	if err := dropNulls(bytes.TrimSpace(raw.Bytes()), &compact); err != nil {
		return fmt.Errorf("sarif report: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("sarif report: %w", err)
	}
	out.WriteByte('\n')
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

// securitySeverity is GitHub code scanning's 0-10 score: 7.0 and above shows as high,
// 4.0 to 6.9 as medium, below as low.
var securitySeverity = map[string]string{
	finding.Error:   "8.0",
	finding.Warning: "5.0",
	finding.Notice:  "2.0",
}

func sarifLevel(severity string) string {
	switch severity {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	case finding.Notice:
		return "note"
	}
	return ""
}

func addSARIFRule(run *sarif.Run, ru finding.Rule, docsBase string) {
	d := run.AddRule(ru.ID)
	if ru.Name != "" {
		d.WithName(ru.Name)
	}
	// shortDescription is required by the schema; fall back to what we have.
	short := firstNonEmpty(ru.Title, ru.Name, ru.ID)
	d.WithShortDescription(sarif.NewMultiformatMessageString(short))
	if ru.Description != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString(ru.Description))
	}
	helpURI := ""
	// docs/rules.md documents the built-in rules (NL000 included); a user's
	// rule has no page there.
	if docsBase != "" && ru.Builtin {
		helpURI = docsBase + "#" + strings.ToLower(ru.ID)
		d.WithHelpURI(helpURI)
	}
	if ru.Remediation != "" {
		d.WithHelp(sarif.NewMultiformatMessageString(ru.Remediation).WithMarkdown(helpMarkdown(ru, helpURI)))
	}
	if level := sarifLevel(ru.Severity); level != "" {
		d.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level))
	}

	props := sarif.Properties{}
	if s, ok := securitySeverity[ru.Severity]; ok {
		props["security-severity"] = s
	}
	// GitHub shows security-severity only for rules tagged "security".
	tags := []string{"security", "network"}
	if ru.Family != "" {
		tags = append(tags, ru.Family)
	}
	props["tags"] = tags
	d.WithProperties(props)
}

func helpMarkdown(ru finding.Rule, helpURI string) string {
	var b strings.Builder
	if ru.Title != "" {
		fmt.Fprintf(&b, "**%s**\n\n", ru.Title)
	}
	if ru.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", ru.Description)
	}
	fmt.Fprintf(&b, "**Remediation:** %s", ru.Remediation)
	if helpURI != "" {
		fmt.Fprintf(&b, "\n\n[%s documentation](%s)", ru.ID, helpURI)
	}
	return b.String()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// resourceLocation names the resource logically (its address) and, when its block is
// known, physically.
func resourceLocation(rs finding.Resource, root string) *sarif.Location {
	logical := sarif.NewLogicalLocation().WithFullyQualifiedName(rs.Address).WithKind("resource")
	props := sarif.Properties{}
	for k, v := range map[string]string{"type": rs.Type, "region": rs.Region, "account": rs.Account, "arn": rs.ARN} {
		if v != "" {
			props[k] = v
		}
	}
	if len(props) > 0 {
		logical.Properties = props
	}
	loc := sarif.NewLocation().WithLogicalLocations([]*sarif.LogicalLocation{logical})
	if rs.File != "" {
		loc.WithPhysicalLocation(physicalLocation(rs.File, rs.Line, root))
	}
	return loc
}

func physicalLocation(file string, line int, root string) *sarif.PhysicalLocation {
	uri, base := artifactURI(file, root)
	al := sarif.NewArtifactLocation().WithUri(uri)
	if base != "" {
		al.WithUriBaseId(base)
	}
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(al)
	if line > 0 {
		pl.WithRegion(sarif.NewRegion().WithStartLine(line))
	}
	return pl
}

// artifactURI turns a source path into a SARIF URI. Inside root it is relative, with
// forward slashes, against %SRCROOT%; outside root (or absolute without a root) it is
// an absolute file URI, since a relative one would point into the wrong tree. Without
// a root, a relative path is taken to be relative to the source root already.
func artifactURI(file, root string) (uri, baseID string) {
	if root == "" {
		if filepath.IsAbs(file) {
			return fileURI(file), ""
		}
		return relativeURI(filepath.Clean(file)), srcRootBaseID
	}
	absFile, err1 := filepath.Abs(file)
	absRoot, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return relativeURI(filepath.Clean(file)), srcRootBaseID
	}
	rel, err := filepath.Rel(absRoot, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fileURI(absFile), ""
	}
	return relativeURI(rel), srcRootBaseID
}

func relativeURI(path string) string {
	// url.URL escapes spaces and the like, and guards a first segment holding ':'.
	return (&url.URL{Path: filepath.ToSlash(path)}).String()
}

func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // C:/x on Windows
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// fingerprint identifies a finding across runs: the rule and the set of resources it
// is about, not its wording or line numbers, which change without the problem
// changing.
func fingerprint(f finding.Finding) string {
	addrs := make([]string, 0, len(f.Resources))
	for _, rs := range f.Resources {
		addrs = append(addrs, rs.Address)
	}
	sort.Strings(addrs)
	h := sha256.New()
	h.Write([]byte(f.RuleID))
	for _, a := range addrs {
		h.Write([]byte{0})
		h.Write([]byte(a))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sarifSuppression maps a waiver: one in .netlint.yaml is external to the sources, an
// inline comment is in source.
func sarifSuppression(s *finding.Suppression) *sarif.Suppression {
	if s == nil {
		return sarif.NewSuppression("external")
	}
	kind := "external"
	if s.Kind == "inline" {
		kind = "inSource"
	}
	out := sarif.NewSuppression(kind)
	if s.Reason != "" {
		out.WithJustifcation(s.Reason)
	}
	if s.Expires != "" {
		out.Properties = sarif.Properties{"expires": s.Expires}
	}
	return out
}

// dropNulls copies the JSON value in to out without object members whose value is
// null, keeping member order.
func dropNulls(in []byte, out *bytes.Buffer) error {
	if len(in) == 0 {
		return fmt.Errorf("empty JSON value")
	}
	switch in[0] {
	case '{':
		dec := json.NewDecoder(bytes.NewReader(in))
		if _, err := dec.Token(); err != nil {
			return err
		}
		out.WriteByte('{')
		first := true
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			var val json.RawMessage
			if err := dec.Decode(&val); err != nil {
				return err
			}
			if string(val) == "null" {
				continue
			}
			if !first {
				out.WriteByte(',')
			}
			first = false
			key, err := json.Marshal(tok)
			if err != nil {
				return err
			}
			out.Write(key)
			out.WriteByte(':')
			if err := dropNulls(val, out); err != nil {
				return err
			}
		}
		out.WriteByte('}')
	case '[':
		dec := json.NewDecoder(bytes.NewReader(in))
		if _, err := dec.Token(); err != nil {
			return err
		}
		out.WriteByte('[')
		for i := 0; dec.More(); i++ {
			var val json.RawMessage
			if err := dec.Decode(&val); err != nil {
				return err
			}
			if i > 0 {
				out.WriteByte(',')
			}
			if err := dropNulls(val, out); err != nil {
				return err
			}
		}
		out.WriteByte(']')
	default:
		out.Write(in)
	}
	return nil
}
