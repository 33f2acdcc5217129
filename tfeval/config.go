// Package tfeval evaluates the expressions of a Terraform configuration (HCL)
// the way Terraform would, for what netlint needs from them: which resource
// an argument refers to when the plan cannot tell (a for_each map of route
// table ids, element(var.ids, count.index) fed through two modules).
//
// It reads the root module's *.tf files and the modules `terraform init`
// installed (.terraform/modules/modules.json). Values Terraform knows only
// after apply come from the caller (Facts), usually the plan: a resource's
// unknown attribute evaluates to a reference marker naming the resource
// instance and attribute, which the caller maps back to a model element.
// Anything the evaluator cannot do (a function Terraform has and go-cty
// lacks, .tf.json files) ends in an error, and the caller falls back to what
// the plan alone tells.
package tfeval

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/netlint/netlint/internal/safeio"
	"github.com/netlint/netlint/internal/tfmodules"
)

// Config is a parsed configuration: the root module and every installed
// module, by module path ("" root, "vpc", "vpc.subnets").
type Config struct {
	root    string
	modules map[string]*module
}

type module struct {
	dir       string
	variables map[string]hcl.Expression // default, nil without one
	locals    map[string]hcl.Expression
	outputs   map[string]hcl.Expression
	calls     map[string]*block
	resources map[string]*block // "aws_vpc.this", "data.aws_vpc.x"
}

// block is a resource, data or module block: its count or for_each and its
// top-level arguments.
type block struct {
	count, forEach hcl.Expression
	attrs          map[string]hcl.Expression
}

// ErrNoConfig says a directory holds no Terraform file.
var ErrNoConfig = errors.New("no Terraform files")

// Load parses the configuration rooted at dir.
//
// Files are read with safeio (regular files only, at most limit bytes each; 0
// is safeio's default); module directories outside the repository are not
// followed (tfmodules).
func Load(dir string, limit int64) (*Config, error) {
	c := &Config{root: dir, modules: map[string]*module{}}
	root, err := parseModule(dir, limit)
	if err != nil {
		return nil, err
	}
	c.modules[""] = root
	manifest, err := tfmodules.Read(dir, limit)
	if err != nil {
		return nil, err
	}
	for _, m := range manifest.Modules {
		mod, err := parseModule(m.Dir, limit)
		if err != nil {
			// A module whose sources are missing is evaluated by nobody.
			continue
		}
		c.modules[m.Key] = mod
	}
	return c, nil
}

func parseModule(dir string, limit int64) (*module, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	m := &module{dir: dir, variables: map[string]hcl.Expression{}, locals: map[string]hcl.Expression{},
		outputs: map[string]hcl.Expression{}, calls: map[string]*block{}, resources: map[string]*block{}}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoConfig)
	}
	sort.Strings(names)
	// Override files (override.tf, *_override.tf) are merged into the blocks
	// of the others, argument by argument, after them (Terraform's rule).
	sort.SliceStable(names, func(i, j int) bool { return !isOverride(names[i]) && isOverride(names[j]) })
	for _, name := range names {
		src, err := safeio.ReadFile(filepath.Join(dir, name), limit)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
		}
		f, diags := hclsyntax.ParseConfig(src, filepath.Join(dir, name), hcl.InitialPos)
		if diags.HasErrors() {
			return nil, diags
		}
		m.addFile(f.Body.(*hclsyntax.Body), isOverride(name))
	}
	return m, nil
}

func isOverride(name string) bool {
	return name == "override.tf" || strings.HasSuffix(name, "_override.tf")
}

func (m *module) addFile(body *hclsyntax.Body, override bool) {
	add := func(blocks map[string]*block, key string, b *hclsyntax.Block) {
		nb := newBlock(b.Body)
		old, ok := blocks[key]
		if !override || !ok {
			blocks[key] = nb
			return
		}
		for name, x := range nb.attrs {
			old.attrs[name] = x
		}
		if nb.count != nil {
			old.count = nb.count
		}
		if nb.forEach != nil {
			old.forEach = nb.forEach
		}
	}
	for _, b := range body.Blocks {
		switch b.Type {
		case "variable":
			if len(b.Labels) == 1 {
				var def hcl.Expression
				if a, ok := b.Body.Attributes["default"]; ok {
					def = a.Expr
				}
				m.variables[b.Labels[0]] = def
			}
		case "locals":
			for name, a := range b.Body.Attributes {
				m.locals[name] = a.Expr
			}
		case "output":
			if a, ok := b.Body.Attributes["value"]; ok && len(b.Labels) == 1 {
				m.outputs[b.Labels[0]] = a.Expr
			}
		case "module":
			if len(b.Labels) == 1 {
				add(m.calls, b.Labels[0], b)
			}
		case "resource":
			if len(b.Labels) == 2 {
				add(m.resources, b.Labels[0]+"."+b.Labels[1], b)
			}
		case "data":
			if len(b.Labels) == 2 {
				add(m.resources, "data."+b.Labels[0]+"."+b.Labels[1], b)
			}
		}
	}
}

func newBlock(body *hclsyntax.Body) *block {
	b := &block{attrs: map[string]hcl.Expression{}}
	for name, a := range body.Attributes {
		switch name {
		case "count":
			b.count = a.Expr
		case "for_each":
			b.forEach = a.Expr
		default:
			b.attrs[name] = a.Expr
		}
	}
	return b
}

// Resources lists the resource and data blocks of every module, as
// "module path|type.name": to check that the sources are the ones a plan
// was made from.
func (c *Config) Resources() []string {
	var out []string
	for path, m := range c.modules {
		for addr := range m.resources {
			out = append(out, path+"|"+addr)
		}
	}
	sort.Strings(out)
	return out
}

// Modules lists the module paths whose sources were read.
func (c *Config) Modules() []string {
	var out []string
	for path := range c.modules {
		out = append(out, path)
	}
	sort.Strings(out)
	return out
}
