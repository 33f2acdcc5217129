// Package tfsource indexes Terraform sources so that findings can name the file
// and line of the block that declares a resource, and reads the inline waivers
// (`# netlint:ignore NL102 reason`) written above blocks.
//
// It reads the root module's *.tf and *.tf.json files and, through
// .terraform/modules/modules.json (written by `terraform init`), the sources of
// every module the configuration calls. It never guesses: a block it cannot find
// gets no location.
package tfsource

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/netlint/netlint/internal/safeio"
	"github.com/netlint/netlint/internal/tfmodules"
	"github.com/netlint/netlint/model"
)

// ErrNoSources is returned (wrapped) by Index for a directory without any
// Terraform file, so a caller that only guessed the directory can carry on.
var ErrNoSources = errors.New("no Terraform files (*.tf, *.tf.json)")

// Sources is the index of one Terraform configuration: its root module and the
// modules installed for it.
type Sources struct {
	// modules by modules.json key ("" = root, "net", "net.sub"); only modules
	// whose sources are on disk.
	modules  map[string]*moduleSource
	waivers  []InlineWaiver
	problems []string
}

// moduleSource is one module's directory.
type moduleSource struct {
	// blocks maps "aws_vpc.this", "data.aws_vpc.x" and "module.net" to the line
	// of the block's first line.
	blocks map[string]model.Location
}

// Index parses every Terraform file of the root module in dir and of every
// module listed in dir/.terraform/modules/modules.json whose directory exists.
// File names in locations, waivers and problems are dir joined with the file's
// path below it, with forward slashes: relative to the working directory when
// dir is. A syntax error in any file is an error naming file and line.
//
// Files are read with safeio (regular files only, at most limit bytes each; 0
// is safeio's default), and module directories outside the repository are
// not followed (tfmodules): both are said in Problems.
func Index(dir string, limit int64) (*Sources, error) {
	s := &Sources{modules: map[string]*moduleSource{}}
	parsed := map[string]*parsedDir{} // by cleaned directory: modules may share one

	root, err := parseDir(dir, true, limit)
	if err != nil {
		return nil, err
	}
	if len(root.files) == 0 {
		return nil, fmt.Errorf("%s: %w", displayPath(dir, ""), ErrNoSources)
	}
	parsed[filepath.Clean(dir)] = root
	s.add("", root)

	manifest, err := tfmodules.Read(dir, limit)
	if err != nil {
		return nil, err
	}
	s.problems = append(s.problems, manifest.Refused...)
	for _, m := range manifest.Modules {
		clean := filepath.Clean(m.Dir)
		p, ok := parsed[clean]
		if !ok {
			p, err = parseDir(m.Dir, false, limit)
			if err != nil {
				return nil, err
			}
			parsed[clean] = p
		}
		if p == nil {
			continue // not on disk: the module call is all we can show
		}
		s.add(m.Key, p)
	}
	s.problems = dedupe(s.problems)
	sort.SliceStable(s.waivers, func(i, j int) bool {
		a, b := s.waivers[i], s.waivers[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return s, nil
}

// add records a parsed directory as the module with key.
func (s *Sources) add(key string, p *parsedDir) {
	s.modules[key] = &moduleSource{blocks: p.blocks}
	for _, w := range p.waivers {
		w.Module = key
		s.waivers = append(s.waivers, w)
	}
	s.problems = append(s.problems, p.problems...)
}

// parsedDir is what one directory's files declare.
type parsedDir struct {
	files    []string
	blocks   map[string]model.Location
	waivers  []InlineWaiver
	problems []string
}

// parseDir parses the Terraform files of one directory. A missing directory is
// an error for the root and nil (not on disk) for a module.
func parseDir(dir string, isRoot bool, limit int64) (*parsedDir, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !isRoot && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("read Terraform sources: %w", err)
	}
	p := &parsedDir{blocks: map[string]model.Location{}}
	var names, overrides []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !(strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")) {
			continue
		}
		// Override files change blocks declared elsewhere: the declaration wins.
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			overrides = append(overrides, name)
		} else {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	sort.Strings(overrides)
	for _, name := range append(names, overrides...) {
		display := displayPath(dir, name)
		src, err := safeio.ReadFile(filepath.Join(dir, name), limit)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", display, unwrapPath(err))
		}
		if err := p.parseFile(display, src); err != nil {
			return nil, err
		}
		p.files = append(p.files, display)
	}
	return p, nil
}

// parseFile indexes the top-level resource, data and module blocks of one file.
func (p *parsedDir) parseFile(display string, src []byte) error {
	if strings.HasSuffix(display, ".json") {
		f, diags := hcljson.Parse(src, display)
		if diags.HasErrors() {
			return diagError(diags)
		}
		// Blocks with the wrong number of labels are Terraform's to report.
		content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
			{Type: "resource", LabelNames: []string{"type", "name"}},
			{Type: "data", LabelNames: []string{"type", "name"}},
			{Type: "module", LabelNames: []string{"name"}},
		}})
		for _, b := range content.Blocks {
			p.addBlock(b.Type, b.Labels, display, b.DefRange.Start.Line)
		}
		return nil
	}

	f, diags := hclsyntax.ParseConfig(src, display, hcl.InitialPos)
	if diags.HasErrors() {
		return diagError(diags)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	heads := map[int]string{} // first line of a block -> its address
	for _, b := range body.Blocks {
		line := b.TypeRange.Start.Line
		if addr := p.addBlock(b.Type, b.Labels, display, line); addr != "" {
			heads[line] = addr
		}
	}
	p.scanWaivers(display, src, heads)
	return nil
}

// addBlock indexes a block and returns its address inside the module, or "" for
// a block netlint does not locate.
func (p *parsedDir) addBlock(typ string, labels []string, file string, line int) string {
	var addr string
	switch {
	case typ == "resource" && len(labels) == 2:
		addr = labels[0] + "." + labels[1]
	case typ == "data" && len(labels) == 2:
		addr = "data." + labels[0] + "." + labels[1]
	case typ == "module" && len(labels) == 1:
		addr = "module." + labels[0]
	default:
		return ""
	}
	if _, dup := p.blocks[addr]; !dup {
		p.blocks[addr] = model.Location{File: file, Line: line}
	}
	return addr
}

// diagError turns the first error diagnostic into "file:line: summary: detail".
func diagError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			return fmt.Errorf("%s:%d: %s", d.Subject.Filename, d.Subject.Start.Line, msg)
		}
		return errors.New(msg)
	}
	return diags
}

// displayPath joins dir and name with forward slashes, as the user would type it.
func displayPath(dir, name string) string {
	return path.Clean(filepath.ToSlash(filepath.Join(dir, name)))
}

// Lookup returns where the block behind a resource address is declared.
//
// For a resource of the root module that is its own block. For a resource inside
// a module instance (module.net["prod"].module.sub[0].aws_vpc.this[1]) it is the
// module call in the root module, the user's own code, and related holds the
// module calls nested below it and the resource block inside the module's
// sources, each as far as those sources are on disk. ok is false when the
// address is not a Terraform address or its block (or root module call) is not
// in the sources.
func (s *Sources) Lookup(addr string) (loc model.Location, related []model.Location, ok bool) {
	a, ok := parseAddress(addr)
	if !ok || s == nil {
		return model.Location{}, nil, false
	}
	root := s.modules[""]
	if root == nil {
		return model.Location{}, nil, false
	}
	if len(a.calls) == 0 {
		loc, ok = root.blocks[a.local]
		return loc, nil, ok
	}
	loc, ok = root.blocks["module."+a.calls[0]]
	if !ok {
		return model.Location{}, nil, false
	}
	// Walk down the module tree as far as the sources go.
	for i := 1; i <= len(a.calls); i++ {
		parent := s.modules[strings.Join(a.calls[:i], ".")]
		if parent == nil {
			break
		}
		in := "module." + strings.Join(a.calls[:i], ".module.")
		want := a.local
		if i < len(a.calls) {
			want = "module." + a.calls[i]
		}
		if want == "" {
			break // a module instance address: its call is the location
		}
		b, found := parent.blocks[want]
		if !found {
			break
		}
		b.Message = want + " in " + in
		related = append(related, b)
	}
	return loc, related, true
}

// Locate fills m.File, m.Line and m.Related from the sources when the block
// behind m.Address (or m.ID) is found; otherwise it leaves m unchanged. Every
// method of Sources accepts a nil receiver: no sources, nothing found.
func (s *Sources) Locate(m *model.Meta) {
	addr := m.Address
	if addr == "" {
		addr = m.ID
	}
	loc, related, ok := s.Lookup(addr)
	if !ok {
		return
	}
	m.File, m.Line, m.Related = loc.File, loc.Line, related
}

// LocateNetwork locates every element of n, and the routes, TGW routes and
// Client VPN associations, authorization rules and routes declared as their
// own resources (aws_route, ...).
func (s *Sources) LocateNetwork(n *model.Network) {
	if s == nil || n == nil {
		return
	}
	for _, m := range n.Elements() {
		s.Locate(m)
	}
	at := func(addr string, file *string, line *int) {
		if addr == "" {
			return
		}
		if loc, _, ok := s.Lookup(addr); ok {
			*file, *line = loc.File, loc.Line
		}
	}
	for _, rt := range n.RouteTables {
		for i := range rt.Routes {
			r := &rt.Routes[i]
			at(r.Address, &r.File, &r.Line)
		}
	}
	for _, rt := range n.TGWRouteTables {
		for i := range rt.Routes {
			r := &rt.Routes[i]
			at(r.Address, &r.File, &r.Line)
		}
	}
	for _, c := range n.ClientVPNEndpoints {
		for i := range c.Associations {
			a := &c.Associations[i]
			at(a.Address, &a.File, &a.Line)
		}
		for i := range c.Authorizations {
			a := &c.Authorizations[i]
			at(a.Address, &a.File, &a.Line)
		}
		for i := range c.Routes {
			r := &c.Routes[i]
			at(r.Address, &r.File, &r.Line)
		}
	}
}

// Problems lists malformed `netlint:ignore` comments as "file:line: what is
// wrong", in file order. A malformed comment waives nothing.
func (s *Sources) Problems() []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s.problems...)
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range in {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
