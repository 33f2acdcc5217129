// Package planfixture writes realistic `terraform show -json` plans from a short
// YAML description, so test fixtures stay readable while the plan files have the
// shape Terraform 1.9 prints: planned_values, resource_changes with after and
// after_unknown, and a configuration section whose expression references are the
// only link between resources created in the same plan.
//
// The YAML is the source of truth; the generated .plan.json files are checked in
// next to it and a test keeps the two in step.
package planfixture

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/netlint/netlint/tfaddr"
	"gopkg.in/yaml.v3"
)

// Spec describes a plan.
type Spec struct {
	Variables map[string]string          `yaml:"variables"`
	Providers map[string]ProviderSpec    `yaml:"providers"`
	Modules   map[string]ModuleSpec      `yaml:"modules"`
	Resources []ResourceSpec             `yaml:"resources"`
	Outputs   map[string]json.RawMessage `yaml:"-"`
}

// ProviderSpec is one provider configuration: key "aws" or "aws.alias" (or
// "module.x:aws" for a provider configured inside a module).
type ProviderSpec struct {
	Region    string `yaml:"region"`
	RegionVar string `yaml:"region_var"`
}

// ModuleSpec describes a module call by its configuration path ("module.a" or
// "module.a.module.b").
type ModuleSpec struct {
	// Inputs are module arguments given as references, relative to the caller.
	Inputs map[string]string `yaml:"inputs"`
	// Constants are module arguments given as constant values.
	Constants map[string]any `yaml:"constants"`
	// Outputs map an output name to a reference inside the module.
	Outputs  map[string]string `yaml:"outputs"`
	ForEach  bool              `yaml:"for_each"`
	Count    bool              `yaml:"count"`
	Source   string            `yaml:"source"`
	Provider map[string]string `yaml:"providers"`
}

// ResourceSpec is one resource instance.
type ResourceSpec struct {
	// Address is the full instance address: module.a["x"].aws_vpc.this[0].
	Address  string `yaml:"address"`
	Mode     string `yaml:"mode"`     // managed (default) or data
	Action   string `yaml:"action"`   // create (default), no-op, update, delete, replace
	Provider string `yaml:"provider"` // provider config key, default "aws"
	// Values are the known attribute values after apply.
	Values map[string]any `yaml:"values"`
	// Unknown lists more attributes that are unknown after apply.
	Unknown []string `yaml:"unknown"`
	// Refs maps an attribute to a reference written as in the module's source:
	// aws_vpc.a (means .id), aws_instance.x.primary_network_interface_id,
	// module.vpc.vpc_id, var.vpc_id. A list value gives a list attribute.
	Refs map[string]any `yaml:"refs"`
	// Blocks are nested blocks (route, ingress, authentication_options, ...).
	Blocks map[string][]BlockSpec `yaml:"blocks"`
}

// BlockSpec is one nested block.
type BlockSpec struct {
	Values map[string]any `yaml:"values"`
	Refs   map[string]any `yaml:"refs"`
}

// PlanPath is where the plan generated from a spec lives: x.fixture.yaml gives
// x.plan.json, and plan.fixture.yaml gives plan.json.
func PlanPath(spec string) string {
	base := strings.TrimSuffix(spec, ".fixture.yaml")
	if filepath.Base(base) == "plan" {
		return base + ".json"
	}
	return base + ".plan.json"
}

// Build renders the plan JSON for a YAML spec.
func Build(spec []byte) ([]byte, error) {
	var s Spec
	dec := yaml.NewDecoder(strings.NewReader(string(spec)))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("fixture spec: %w", err)
	}
	b := &builder{spec: &s, byAddr: map[string]*ResourceSpec{}}
	for i := range s.Resources {
		r := &s.Resources[i]
		if _, dup := b.byAddr[r.Address]; dup {
			return nil, fmt.Errorf("fixture spec: %s twice", r.Address)
		}
		b.byAddr[r.Address] = r
	}
	return b.build()
}

type builder struct {
	spec   *Spec
	byAddr map[string]*ResourceSpec
}

// addr is a parsed resource instance address.
type addr struct {
	modules []modStep // module instance path
	mode    string
	typ     string
	name    string
	index   string // "", "[0]" or "[\"k\"]"
}

type modStep struct{ name, index string }

func (a addr) moduleInstance() string {
	var parts []string
	for _, m := range a.modules {
		parts = append(parts, "module."+m.name+m.index)
	}
	return strings.Join(parts, ".")
}

func (a addr) moduleConfigPath() string {
	var parts []string
	for _, m := range a.modules {
		parts = append(parts, "module."+m.name)
	}
	return strings.Join(parts, ".")
}

func (a addr) local() string {
	p := a.typ + "." + a.name
	if a.mode == "data" {
		p = "data." + p
	}
	return p
}

func (a addr) full() string {
	s := a.local() + a.index
	if mi := a.moduleInstance(); mi != "" {
		s = mi + "." + s
	}
	return s
}

// splitAddress splits on dots outside brackets.
func splitAddress(s string) []string {
	var parts []string
	depth, start := 0, 0
	inQuote := false
	for i, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
		case inQuote:
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == '.' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func cutIndex(s string) (string, string) {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

func parseAddr(s string) (addr, error) {
	r, err := tfaddr.ParseResource(s)
	if err != nil || r.Suffix != "" {
		return addr{}, fmt.Errorf("bad resource address %q", s)
	}
	a := addr{mode: "managed", typ: r.Type, name: r.Name, index: r.Key.String()}
	if r.Data {
		a.mode = "data"
	}
	for _, c := range r.Module {
		a.modules = append(a.modules, modStep{c.Name, c.Key.String()})
	}
	return a, nil
}

// refTarget resolves a reference written inside module instance mi to the
// resource spec it names and the attribute, if it names a resource.
func (b *builder) refTarget(mi, ref string) (*ResourceSpec, string) {
	parts := splitAddress(ref)
	if len(parts) > 0 && (parts[0] == "var" || parts[0] == "module" || parts[0] == "local") {
		return nil, ""
	}
	n := 2
	if parts[0] == "data" {
		n = 3
	}
	if len(parts) < n {
		return nil, ""
	}
	res := strings.Join(parts[:n], ".")
	attr := "id"
	if len(parts) > n {
		attr = strings.Join(parts[n:], ".")
	}
	full := res
	if mi != "" {
		full = mi + "." + res
	}
	if r, ok := b.byAddr[full]; ok {
		return r, attr
	}
	return nil, attr
}

// references lists what Terraform prints for a reference: the attribute, the
// resource instance, and the resource.
func references(ref string) []string {
	parts := splitAddress(ref)
	switch parts[0] {
	case "var", "local":
		return []string{ref}
	case "module":
		if len(parts) >= 3 {
			return []string{ref, strings.Join(parts[:2], ".")}
		}
		return []string{ref}
	}
	n := 2
	if parts[0] == "data" {
		n = 3
	}
	if len(parts) < n {
		return []string{ref}
	}
	res := strings.Join(parts[:n], ".")
	attr := "id"
	if len(parts) > n {
		attr = strings.Join(parts[n:], ".")
	}
	out := []string{res + "." + attr, res}
	if base, idx := cutIndex(res); idx != "" {
		out = append(out, base)
	}
	return out
}

func (b *builder) build() ([]byte, error) {
	type modNode struct {
		resources map[string]map[string]any // config address -> config resource
		calls     map[string]*modNode
		outputs   map[string]any
		instances map[string][]map[string]any // module instance -> planned resources
	}
	newNode := func() *modNode {
		return &modNode{resources: map[string]map[string]any{}, calls: map[string]*modNode{}, outputs: map[string]any{}}
	}
	root := newNode()
	nodeFor := func(a addr) *modNode {
		n := root
		for _, m := range a.modules {
			c, ok := n.calls[m.name]
			if !ok {
				c = newNode()
				n.calls[m.name] = c
			}
			n = c
		}
		return n
	}

	var changes []any
	planned := map[string][]map[string]any{} // module instance -> resources
	var priorData []map[string]any
	for i := range b.spec.Resources {
		r := &b.spec.Resources[i]
		a, err := parseAddr(r.Address)
		if err != nil {
			return nil, err
		}
		if r.Mode != "" && r.Mode != a.mode {
			return nil, fmt.Errorf("%s: mode %q does not match the address", r.Address, r.Mode)
		}
		mi := a.moduleInstance()
		after := map[string]any{}
		unknown := map[string]any{}
		for k, v := range r.Values {
			after[k] = v
		}
		if a.mode == "managed" && r.Action != "no-op" && r.Action != "update" {
			if _, ok := after["id"]; !ok {
				unknown["id"] = true
			}
			if _, ok := after["arn"]; !ok {
				unknown["arn"] = true
			}
		}
		for _, u := range r.Unknown {
			unknown[u] = true
			delete(after, u)
		}
		exprs := map[string]any{}
		for k, v := range r.Values {
			if k == "id" || k == "arn" || k == "owner_id" {
				continue
			}
			exprs[k] = map[string]any{"constant_value": v}
		}
		for k, v := range r.Refs {
			val, unk, ex := b.resolveRefs(mi, v)
			exprs[k] = ex
			if _, given := r.Values[k]; given {
				continue
			}
			if unk {
				unknown[k] = true
			} else {
				after[k] = val
			}
		}
		for name, blocks := range r.Blocks {
			var blockVals, blockUnk, blockExprs []any
			for _, bl := range blocks {
				bv, bu, be := map[string]any{}, map[string]any{}, map[string]any{}
				for k, v := range bl.Values {
					bv[k] = v
					be[k] = map[string]any{"constant_value": v}
				}
				for k, v := range bl.Refs {
					val, unk, ex := b.resolveRefs(mi, v)
					be[k] = ex
					if unk {
						bu[k] = true
					} else {
						bv[k] = val
					}
				}
				blockVals = append(blockVals, bv)
				blockUnk = append(blockUnk, bu)
				blockExprs = append(blockExprs, be)
			}
			after[name] = blockVals
			unknown[name] = blockUnk
			exprs[name] = blockExprs
		}

		if a.index != "" {
			perInstance(exprs, a.index)
		}
		provider := r.Provider
		if provider == "" {
			provider = "aws"
		}
		pres := map[string]any{
			"address": a.full(), "mode": a.mode, "type": a.typ, "name": a.name,
			"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
			"values": after, "sensitive_values": map[string]any{},
		}
		if a.index != "" {
			pres["index"] = indexValue(a.index)
		}
		action := r.Action
		if action == "" {
			action = "create"
		}
		if a.mode == "data" {
			priorData = append(priorData, pres)
		} else if action != "delete" {
			planned[mi] = append(planned[mi], pres)
		}
		if a.mode == "managed" {
			ch := map[string]any{
				"address": a.full(), "mode": a.mode, "type": a.typ, "name": a.name,
				"provider_name": "registry.terraform.io/hashicorp/aws",
				"change":        changeFor(action, after, unknown),
			}
			if mi != "" {
				ch["module_address"] = mi
			}
			if a.index != "" {
				ch["index"] = indexValue(a.index)
			}
			changes = append(changes, ch)
		}

		node := nodeFor(a)
		if _, ok := node.resources[a.local()]; !ok {
			cr := map[string]any{
				"address": a.local(), "mode": a.mode, "type": a.typ, "name": a.name,
				"provider_config_key": provider, "expressions": exprs, "schema_version": 0,
			}
			if a.index != "" {
				if strings.HasPrefix(a.index, "[\"") {
					cr["for_each_expression"] = map[string]any{"references": []string{"var.items"}}
				} else {
					cr["count_expression"] = map[string]any{"constant_value": 2}
				}
			}
			node.resources[a.local()] = cr
		}
	}

	// configuration: modules
	var renderNode func(path string, n *modNode) map[string]any
	renderNode = func(path string, n *modNode) map[string]any {
		var res []any
		keys := slices.Sorted(maps.Keys(n.resources))
		for _, k := range keys {
			res = append(res, n.resources[k])
		}
		out := map[string]any{}
		if len(res) > 0 {
			out["resources"] = res
		}
		calls := map[string]any{}
		for _, name := range slices.Sorted(maps.Keys(n.calls)) {
			p := "module." + name
			if path != "" {
				p = path + "." + p
			}
			ms := b.spec.Modules[p]
			mod := renderNode(p, n.calls[name])
			if len(ms.Outputs) > 0 {
				outs := map[string]any{}
				for o, ref := range ms.Outputs {
					outs[o] = map[string]any{"expression": map[string]any{"references": references(ref)}}
				}
				mod["outputs"] = outs
			}
			exprs := map[string]any{}
			for k, ref := range ms.Inputs {
				exprs[k] = map[string]any{"references": references(ref)}
			}
			for k, v := range ms.Constants {
				exprs[k] = map[string]any{"constant_value": v}
			}
			vars := map[string]any{}
			for k := range exprs {
				vars[k] = map[string]any{}
			}
			if len(vars) > 0 {
				mod["variables"] = vars
			}
			src := ms.Source
			if src == "" {
				src = "./modules/" + name
			}
			call := map[string]any{"source": src, "module": mod, "expressions": exprs}
			if ms.ForEach {
				call["for_each_expression"] = map[string]any{"references": []string{"var.items"}}
			}
			if ms.Count {
				call["count_expression"] = map[string]any{"constant_value": 2}
			}
			calls[name] = call
		}
		if len(calls) > 0 {
			out["module_calls"] = calls
		}
		return out
	}
	cfgRoot := renderNode("", root)
	if len(b.spec.Variables) > 0 {
		vars := map[string]any{}
		for k := range b.spec.Variables {
			vars[k] = map[string]any{}
		}
		cfgRoot["variables"] = vars
	}

	providers := map[string]any{}
	provSpecs := b.spec.Providers
	if len(provSpecs) == 0 {
		provSpecs = map[string]ProviderSpec{"aws": {Region: "us-east-1"}}
	}
	for key, p := range provSpecs {
		pc := map[string]any{"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}
		local := key
		if i := strings.Index(key, ":"); i >= 0 {
			pc["module_address"] = key[:i]
			local = key[i+1:]
		}
		if _, alias, ok := strings.Cut(local, "."); ok {
			pc["alias"] = alias
		}
		switch {
		case p.Region != "":
			pc["expressions"] = map[string]any{"region": map[string]any{"constant_value": p.Region}}
		case p.RegionVar != "":
			pc["expressions"] = map[string]any{"region": map[string]any{"references": []string{"var." + p.RegionVar}}}
		}
		providers[key] = pc
	}

	variables := map[string]any{}
	for k, v := range b.spec.Variables {
		variables[k] = map[string]any{"value": v}
	}

	plan := map[string]any{
		"format_version":    "1.2",
		"terraform_version": "1.9.5",
		"planned_values":    map[string]any{"root_module": plannedModule("", planned)},
		"resource_changes":  changes,
		"configuration": map[string]any{
			"provider_config": providers,
			"root_module":     cfgRoot,
		},
		"timestamp": "2026-11-01T00:00:00Z",
		"applyable": true, "complete": true, "errored": false,
	}
	if len(variables) > 0 {
		plan["variables"] = variables
	}
	if len(priorData) > 0 {
		plan["prior_state"] = map[string]any{
			"format_version": "1.0", "terraform_version": "1.9.5",
			"values": map[string]any{"root_module": plannedModule("", map[string][]map[string]any{"": priorData})},
		}
	}
	out, err := json.MarshalIndent(plan, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// resolveRefs turns a reference (or list of references) into the after value,
// whether it is unknown, and the configuration expression.
func (b *builder) resolveRefs(mi string, v any) (any, bool, any) {
	switch ref := v.(type) {
	case string:
		var val any
		unknown := true
		if t, attr := b.refTarget(mi, ref); t != nil {
			if x, ok := t.Values[attr]; ok && (t.Action == "no-op" || t.Action == "update" || strings.Contains(t.Address, "data.")) {
				val, unknown = x, false
			}
		}
		return val, unknown, map[string]any{"references": references(ref)}
	case []any:
		var refs []string
		var vals []any
		unknown := false
		for _, x := range ref {
			s, _ := x.(string)
			val, unk, _ := b.resolveRefs(mi, s)
			if unk {
				unknown = true
			}
			vals = append(vals, val)
			refs = append(refs, references(s)...)
		}
		return vals, unknown, map[string]any{"references": refs}
	}
	return nil, true, map[string]any{}
}

// perInstance rewrites references that name the referring instance's own key
// (aws_subnet.private[0] from aws_instance.x[0]) the way Terraform records an
// expression written once for every instance: aws_subnet.private[count.index].id
// lists "aws_subnet.private" and "count.index" (each.key for for_each).
func perInstance(exprs map[string]any, index string) {
	iterator := "count.index"
	if strings.HasPrefix(index, "[\"") {
		iterator = "each.key"
	}
	var walk func(v any)
	walk = func(v any) {
		switch e := v.(type) {
		case map[string]any:
			if refs, ok := e["references"].([]string); ok {
				var out []string
				seen := map[string]bool{}
				rewritten := false
				for _, r := range refs {
					if i := strings.Index(r, index); i > 0 {
						r = r[:i]
						rewritten = true
					}
					if !seen[r] {
						seen[r] = true
						out = append(out, r)
					}
				}
				if rewritten && !seen[iterator] {
					out = append(out, iterator)
				}
				e["references"] = out
				return
			}
			for _, x := range e {
				walk(x)
			}
		case []any:
			for _, x := range e {
				walk(x)
			}
		}
	}
	for _, v := range exprs {
		walk(v)
	}
}

func changeFor(action string, after, unknown map[string]any) map[string]any {
	var actions []string
	var before any
	switch action {
	case "create":
		actions = []string{"create"}
	case "no-op":
		actions, before = []string{"no-op"}, after
	case "update":
		actions, before = []string{"update"}, after
	case "delete":
		actions, before, after = []string{"delete"}, after, nil
		unknown = map[string]any{}
	case "replace":
		actions, before = []string{"delete", "create"}, after
	}
	c := map[string]any{
		"actions": actions, "before": before, "after": after,
		"after_unknown": unknown, "before_sensitive": false, "after_sensitive": map[string]any{},
	}
	if before != nil {
		c["before_sensitive"] = map[string]any{}
	}
	if after == nil {
		c["after_sensitive"] = false
	}
	return c
}

func plannedModule(mi string, planned map[string][]map[string]any) map[string]any {
	out := map[string]any{}
	if res := planned[mi]; len(res) > 0 {
		sort.Slice(res, func(i, j int) bool { return res[i]["address"].(string) < res[j]["address"].(string) })
		list := make([]any, len(res))
		for i, r := range res {
			list[i] = r
		}
		out["resources"] = list
	}
	if mi != "" {
		out["address"] = mi
	}
	var children []any
	for _, k := range slices.Sorted(maps.Keys(planned)) {
		if k == mi || k == "" {
			continue
		}
		if parentInstance(k) == mi {
			children = append(children, plannedModule(k, planned))
		}
	}
	// Parents with no resources of their own still need a node.
	for _, k := range slices.Sorted(maps.Keys(planned)) {
		for p := parentInstance(k); p != "" && p != mi; p = parentInstance(p) {
			if parentInstance(p) == mi {
				if _, ok := planned[p]; !ok {
					planned[p] = nil
					children = append(children, plannedModule(p, planned))
				}
			}
		}
	}
	if len(children) > 0 {
		out["child_modules"] = children
	}
	return out
}

func parentInstance(mi string) string {
	parts := splitAddress(mi)
	if len(parts) <= 2 {
		return ""
	}
	return strings.Join(parts[:len(parts)-2], ".")
}

func indexValue(idx string) any {
	inner := strings.TrimSuffix(strings.TrimPrefix(idx, "["), "]")
	if strings.HasPrefix(inner, "\"") {
		return strings.Trim(inner, "\"")
	}
	var n int
	fmt.Sscanf(inner, "%d", &n)
	return n
}
