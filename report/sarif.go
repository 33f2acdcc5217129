package report

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
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

// GitHub code scanning's limits on an uploaded SARIF file ("SARIF results exceed
// one or more limits", docs.github.com/en/code-security/code-scanning/
// troubleshooting-sarif-uploads/results-exceed-limit, and "SARIF file is too
// large", .../file-too-large): at most 25,000 results per run (only the top
// 5,000 by severity are shown), 1,000 locations per result (100 shown), and
// 10 MB for the gzipped file. A file over any of them is rejected whole.
const (
	githubMaxResults   = 25000
	githubMaxLocations = 1000
	githubMaxGzipBytes = 10 << 20
)

// overlapRule is the rule whose findings are pairs of networks; SARIF gives
// one result per network instead (sarifGroups). Its first two resources are
// the two networks, the others the routers and routes that join them.
const overlapRule = "NL001"

// SARIF writes r as a SARIF 2.1.0 log with one run, in the shape GitHub code
// scanning accepts. Every rule of r.Rules becomes a reporting descriptor; every
// finding, suppressed or not, a result, except NL001's: one result per network
// that overlaps others, naming them, rather than one per pair (300 VPCs on one
// Transit Gateway are 45,150 pairs). A rule id a finding names but r.Rules lacks
// gets a minimal descriptor so ruleIndex stays valid.
//
// Every result has a physical location: its resource's Terraform block, else
// the place the input file names the resource (o.InputLocation, said once on
// o.Warnings), else o.FallbackFile. Results beyond o.MaxResults, related
// locations beyond o.MaxRelatedLocations and results that would take the
// gzipped log over 10 MB are left out, the least severe first, and a
// toolExecutionNotification says so.
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
		if _, ok := r.Rule(f.RuleID); !ok && !slices.ContainsFunc(run.Tool.Driver.Rules, func(d *sarif.ReportingDescriptor) bool { return d.ID == f.RuleID }) {
			addSARIFRule(run, finding.Rule{ID: f.RuleID, Name: f.RuleName, Severity: f.Severity}, o.DocsBaseURI)
		}
	}
	maxRelated := o.MaxRelatedLocations
	if maxRelated <= 0 {
		maxRelated = githubMaxLocations
	}
	loc := &locator{o: o, fellBack: map[string]bool{}}
	var items []sarifItem
	for _, g := range sarifGroups(r.Findings) {
		items = append(items, g.result(run, loc, maxRelated))
	}
	loc.warn()

	maxResults := o.MaxResults
	if maxResults <= 0 || maxResults > githubMaxResults {
		maxResults = githubMaxResults
	}
	for {
		left := setResults(run, items, maxResults)
		setNotifications(run, r, items, left, maxResults)
		out, err := encodeSARIF(log)
		if err != nil {
			return err
		}
		size := len(out)
		if size > githubMaxGzipBytes {
			size = gzipSize(out)
		}
		if size <= githubMaxGzipBytes || len(run.Results) == 0 {
			if _, err := w.Write(out); err != nil {
				return fmt.Errorf("write sarif report: %w", err)
			}
			return nil
		}
		// Too large even gzipped: keep fewer, in proportion, with a margin.
		maxResults = min(len(run.Results)-1, int(float64(len(run.Results))*float64(githubMaxGzipBytes)/float64(size)*0.9))
	}
}

// encodeSARIF writes the log as indented JSON without nulls.
func encodeSARIF(log *sarif.Report) ([]byte, error) {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return nil, fmt.Errorf("sarif report: %w", err)
	}
	// go-sarif marshals unset suppression fields (status, guid, location,
	// justification) as null, which the schema rejects; in SARIF an absent property
	// and a null one mean the same, so drop the nulls.
	var compact bytes.Buffer
	if err := dropNulls(bytes.TrimSpace(raw.Bytes()), &compact); err != nil {
		return nil, fmt.Errorf("sarif report: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("sarif report: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// gzipSize is the size of data gzipped as an upload would be.
func gzipSize(data []byte) int {
	var n countWriter
	zw := gzip.NewWriter(&n)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return int(n)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// sarifItem is one result with what capping needs to know about it.
type sarifItem struct {
	res        *sarif.Result
	rank       int
	suppressed bool
	// dropped counts the related locations left out of res.
	dropped int
}

// setResults makes the run's results the items, or, beyond max, the max that
// matter most (unsuppressed before suppressed, then the most severe, then the
// first), in their order. It returns how many were left out.
func setResults(run *sarif.Run, items []sarifItem, max int) int {
	keep := make([]int, len(items))
	for i := range keep {
		keep[i] = i
	}
	if len(items) > max {
		sort.SliceStable(keep, func(a, b int) bool {
			x, y := items[keep[a]], items[keep[b]]
			if x.suppressed != y.suppressed {
				return !x.suppressed
			}
			return x.rank > y.rank
		})
		keep = keep[:max]
		sort.Ints(keep)
	}
	run.Results = make([]*sarif.Result, 0, len(keep))
	for _, i := range keep {
		run.Results = append(run.Results, items[i].res)
	}
	return len(items) - len(keep)
}

// setNotifications says what the run could not read (a partial live audit is
// an unsuccessful run: code scanning shows the notifications, and nobody takes
// its silence for a clean network) and what the SARIF leaves out.
func setNotifications(run *sarif.Run, r *finding.Result, items []sarifItem, left, max int) {
	run.Invocations = nil
	var notes []*sarif.Notification
	for _, f := range r.Incomplete {
		notes = append(notes, sarif.NewNotification().WithLevel("error").
			WithMessage(sarif.NewTextMessage("could not read "+f.String())))
	}
	if left > 0 {
		notes = append(notes, sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(fmt.Sprintf(
			"%d of %d results left out: GitHub code scanning accepts %s per run and 10 MB gzipped; the %d kept are the most severe. The text and JSON reports list every finding.",
			left, len(items), thousands(githubMaxResults), max))))
	}
	dropped, in := 0, 0
	for _, res := range run.Results {
		for _, it := range items {
			if it.res == res && it.dropped > 0 {
				dropped += it.dropped
				in++
			}
		}
	}
	if dropped > 0 {
		notes = append(notes, sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(fmt.Sprintf(
			"%d related locations left out of %d results: GitHub code scanning accepts %s locations per result; each result's message counts them all.",
			dropped, in, thousands(githubMaxLocations)))))
	}
	if len(notes) == 0 {
		return
	}
	inv := run.AddInvocation(len(r.Incomplete) == 0)
	for _, n := range notes {
		inv.AddTToolExecutionNotification(n)
	}
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sarifGroup is what one result reports: a finding, or for NL001 every pair
// one network is part of (with the same suppression state).
type sarifGroup struct {
	f finding.Finding // the finding, or for a network the first of its pairs
	// network is the address of the network of an NL001 group; "" otherwise.
	network string
	pairs   []finding.Finding
}

// sarifGroups turns the findings into results' contents, in order. A pair of
// overlapping networks a, b joins a's group and b's group (unsuppressed and
// suppressed pairs apart), each placed where its first pair was.
func sarifGroups(fs []finding.Finding) []*sarifGroup {
	var out []*sarifGroup
	byNetwork := map[string]*sarifGroup{}
	for _, f := range fs {
		if f.RuleID != overlapRule || len(f.Resources) < 2 {
			out = append(out, &sarifGroup{f: f})
			continue
		}
		for _, net := range f.Resources[:2] {
			key := fmt.Sprintf("%t\x00%s", f.Suppressed, net.Address)
			g := byNetwork[key]
			if g == nil {
				g = &sarifGroup{f: f, network: net.Address}
				byNetwork[key] = g
				out = append(out, g)
			}
			g.pairs = append(g.pairs, f)
		}
	}
	return out
}

// result builds the group's SARIF result.
func (g *sarifGroup) result(run *sarif.Run, loc *locator, maxRelated int) sarifItem {
	f := g.f
	rel := &relatedSet{max: maxRelated, seen: map[string]bool{}}
	var res *sarif.Result
	if g.network == "" {
		res = run.CreateResultForRule(f.RuleID).WithMessage(sarif.NewTextMessage(f.Message))
		// The first resource is where the finding is; the others (the
		// routers, routes and attachments on a path, the other end of an
		// overlap) are related locations: code scanning shows only a
		// result's first location. Instances of one module share the block
		// inside it: SARIF wants each related location once.
		for i, rs := range f.Resources {
			if i == 0 {
				res.AddLocation(loc.resource(rs))
			} else {
				rel.addResource(loc, rs, rs.Address)
			}
			rel.addInner(loc, rs)
		}
		if len(f.Resources) == 0 {
			// A user's rule may deny a plain message about no resource.
			l := sarif.NewLocation()
			if loc.fallback(l); l.PhysicalLocation != nil {
				res.AddLocation(l)
			}
		}
		res.WithPartialFingerPrints(map[string]interface{}{fingerprintKey: fingerprint(f)})
	} else {
		self, others := g.split()
		res = run.CreateResultForRule(f.RuleID).WithMessage(sarif.NewTextMessage(g.message(self, others)))
		res.AddLocation(loc.resource(self))
		rel.addInner(loc, self)
		// Each other network, with the pair's message (the ranges and the
		// router where they meet); then the routers and routes of every pair.
		for i, p := range g.pairs {
			rel.addResource(loc, others[i], p.Message)
			rel.addInner(loc, others[i])
		}
		for _, p := range g.pairs {
			for _, rs := range p.Resources[2:] {
				rel.addResource(loc, rs, rs.Address)
				rel.addInner(loc, rs)
			}
		}
		// One network's result is the same alert whichever networks it
		// overlaps: the fingerprint is the rule and the network.
		fp := finding.Finding{RuleID: f.RuleID, Resources: []finding.Resource{{Address: g.network}}}
		if f.Suppressed {
			fp.Resources = append(fp.Resources, finding.Resource{Address: "(waived)"})
		}
		res.WithPartialFingerPrints(map[string]interface{}{fingerprintKey: fingerprint(fp)})
	}
	for _, l := range res.Locations {
		if l.PhysicalLocation == nil {
			loc.fallback(l)
		}
	}
	res.RelatedLocations = rel.locs
	sev, suppressions := f.Severity, []*finding.Suppression{f.Suppression}
	for _, p := range g.pairs[min(1, len(g.pairs)):] {
		if finding.Rank(p.Severity) > finding.Rank(sev) {
			sev = p.Severity
		}
		suppressions = append(suppressions, p.Suppression)
	}
	if level := sarifLevel(sev); level != "" {
		res.WithLevel(level)
	}
	if f.Suppressed {
		seen := map[string]bool{}
		for _, s := range suppressions {
			key := "external"
			if s != nil {
				key = s.Kind + "\x00" + s.Reason + "\x00" + s.Expires
			}
			if !seen[key] {
				seen[key] = true
				res.AddSuppression(sarifSuppression(s))
			}
		}
	}
	return sarifItem{res: res, rank: finding.Rank(sev), suppressed: f.Suppressed, dropped: rel.dropped}
}

// split returns the group's network and, for each pair, the other network.
func (g *sarifGroup) split() (self finding.Resource, others []finding.Resource) {
	for _, p := range g.pairs {
		a, b := p.Resources[0], p.Resources[1]
		if a.Address != g.network {
			a, b = b, a
		}
		self = a
		others = append(others, b)
	}
	return self, others
}

// maxNamed is how many other networks a grouped NL001 message names.
const maxNamed = 10

func (g *sarifGroup) message(self finding.Resource, others []finding.Resource) string {
	if len(g.pairs) == 1 {
		return g.pairs[0].Message
	}
	names := make([]string, 0, maxNamed)
	for _, o := range others[:min(len(others), maxNamed)] {
		names = append(names, o.Address)
	}
	list := strings.Join(names, ", ")
	if len(others) > maxNamed {
		list += fmt.Sprintf(" and %d more", len(others)-maxNamed)
	}
	return fmt.Sprintf("%s overlaps %d networks it is connected to: %s. Each related location gives the ranges and the router where they meet; %s",
		self.Address, len(others), list, "the other networks, and the routers and routes that join them, are related locations.")
}

// relatedSet collects a result's related locations, each once, at most max.
type relatedSet struct {
	locs    []*sarif.Location
	seen    map[string]bool
	max     int
	dropped int
}

func (s *relatedSet) add(key string, l *sarif.Location) {
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	if len(s.locs) >= s.max {
		s.dropped++
		return
	}
	s.locs = append(s.locs, l)
}

func (s *relatedSet) addResource(loc *locator, rs finding.Resource, text string) {
	if s.seen["resource:"+rs.Address] {
		return
	}
	s.add("resource:"+rs.Address, loc.resource(rs).WithMessage(sarif.NewTextMessage(text)))
}

// addInner adds the blocks inside modules behind a resource.
func (s *relatedSet) addInner(loc *locator, rs finding.Resource) {
	for _, rel := range rs.Related {
		if rel.File == "" {
			continue
		}
		text := rel.Message
		if text == "" {
			text = rs.Address
		}
		key := fmt.Sprintf("%s:%d:%s", rel.File, rel.Line, text)
		if s.seen[key] {
			continue
		}
		s.add(key, sarif.NewLocationWithPhysicalLocation(physicalLocation(rel.File, rel.Line, loc.o.RepoRoot)).
			WithMessage(sarif.NewTextMessage(text)))
	}
}

// locator places resources, remembering which input files it fell back on.
type locator struct {
	o        Options
	fellBack map[string]bool
}

// resource names the resource logically (its address) and physically: its
// Terraform block, else where an input file names it.
func (l *locator) resource(rs finding.Resource) *sarif.Location {
	loc := resourceLocation(rs, l.o.RepoRoot)
	if loc.PhysicalLocation == nil && l.o.InputLocation != nil {
		if file, line, col, ok := l.o.InputLocation(rs.Address); ok {
			pl := physicalLocation(file, line, l.o.RepoRoot)
			if pl.Region != nil && col > 0 {
				pl.Region.WithStartColumn(col)
			}
			loc.WithPhysicalLocation(pl)
			l.fellBack[file] = true
		}
	}
	return loc
}

// fallback points a result's location that nothing placed at o.FallbackFile.
func (l *locator) fallback(loc *sarif.Location) {
	if l.o.FallbackFile == "" {
		return
	}
	loc.WithPhysicalLocation(physicalLocation(l.o.FallbackFile, 1, l.o.RepoRoot))
	l.fellBack[l.o.FallbackFile] = true
}

// warn says once that locations point at input files.
func (l *locator) warn() {
	if l.o.Warnings == nil || len(l.fellBack) == 0 {
		return
	}
	files := slices.Sorted(maps.Keys(l.fellBack))
	fmt.Fprintf(l.o.Warnings, "netlint: warning: no Terraform sources found for some resources (give --tf-dir); SARIF locations point at %s\n",
		strings.Join(files, ", "))
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

// dropNulls copies the compact JSON value in (as encoding/json writes it: no
// white space outside strings) to out without object members whose value is
// null, keeping member order. One pass: a log with 100,000 locations is large.
func dropNulls(in []byte, out *bytes.Buffer) error {
	if len(in) == 0 {
		return fmt.Errorf("empty JSON value")
	}
	// Per open container: is it an object, and has a member been written?
	type level struct{ object, written bool }
	var stack []level
	out.Grow(len(in))
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case c == '{' || c == '[':
			stack = append(stack, level{object: c == '{'})
			out.WriteByte(c)
			i++
		case c == '}' || c == ']':
			if len(stack) == 0 {
				return fmt.Errorf("unbalanced JSON at offset %d", i)
			}
			stack = stack[:len(stack)-1]
			out.WriteByte(c)
			i++
		case c == ',':
			// Commas between members are written with the next member kept.
			if len(stack) == 0 || !stack[len(stack)-1].object {
				out.WriteByte(c)
			}
			i++
		case c == '"' && len(stack) > 0 && stack[len(stack)-1].object && (in[i-1] == '{' || in[i-1] == ','):
			// A member name: keep the member unless its value is null.
			end, err := stringEnd(in, i)
			if err != nil {
				return err
			}
			if end >= len(in) || in[end] != ':' {
				return fmt.Errorf("want ':' at offset %d", end)
			}
			if v := in[end+1:]; bytes.HasPrefix(v, []byte("null")) && len(v) > 4 && (v[4] == ',' || v[4] == '}') {
				i = end + 5
				continue
			}
			top := &stack[len(stack)-1]
			if top.written {
				out.WriteByte(',')
			}
			top.written = true
			out.Write(in[i : end+1])
			i = end + 1
		case c == '"':
			end, err := stringEnd(in, i)
			if err != nil {
				return err
			}
			out.Write(in[i:end])
			i = end
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(stack) != 0 {
		return fmt.Errorf("unbalanced JSON")
	}
	return nil
}

// stringEnd returns the offset just past the JSON string starting at in[i].
func stringEnd(in []byte, i int) (int, error) {
	for j := i + 1; j < len(in); j++ {
		switch in[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated JSON string at offset %d", i)
}
