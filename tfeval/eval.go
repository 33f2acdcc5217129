package tfeval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/netlint/netlint/tfaddr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Facts is what the evaluator needs from outside the configuration.
type Facts interface {
	// Resource returns what `type.name` (or `data.type.name`) evaluates to
	// in a module instance: an object, a tuple of objects (count), or an
	// object of objects keyed like its for_each. Attributes known only after
	// apply are Marker strings. false when there is no such resource.
	Resource(moduleInstance, addr string) (cty.Value, bool)
	// Variable returns the value a root module variable was given.
	Variable(name string) (cty.Value, bool)
}

// markerPrefix starts the strings that stand for an attribute known only
// after apply: "\x00ref:" + instance address + "." + attribute.
const markerPrefix = "\x00ref:"

// Marker is the string an unknown attribute of a resource instance evaluates
// to.
func Marker(instance, attr string) cty.Value {
	return cty.StringVal(markerPrefix + instance + "." + attr)
}

// ParseMarker returns the instance and attribute a marker stands for.
func ParseMarker(s string) (instance, attr string, ok bool) {
	rest, ok := strings.CutPrefix(s, markerPrefix)
	if !ok {
		return "", "", false
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 {
		return "", "", false
	}
	return rest[:i], rest[i+1:], true
}

// Evaluation limits: a configuration is finite, but a hostile one must not
// make the evaluator spin.
const (
	maxDepth = 64
	maxSteps = 20000
)

// Evaluator evaluates expressions of one configuration against facts. Values
// are computed once per module instance.
type Evaluator struct {
	cfg   *Config
	facts Facts
	funcs map[string]function.Function
	memo  map[string]cty.Value
	busy  map[string]bool
	depth int
	steps int
}

// NewEvaluator returns an evaluator of c over facts.
func (c *Config) NewEvaluator(f Facts) *Evaluator {
	return &Evaluator{cfg: c, facts: f, funcs: functions(), memo: map[string]cty.Value{}, busy: map[string]bool{}}
}

// ErrNotFound says the configuration has no such block or argument.
var ErrNotFound = errors.New("not in the configuration")

// Attr evaluates the argument attr of a resource instance (its full address,
// module path and instance key included).
func (e *Evaluator) Attr(instance, attr string) (cty.Value, error) {
	mi, res, key, err := parseInstance(instance)
	if err != nil {
		return cty.NilVal, err
	}
	m := e.cfg.modules[mi.path]
	if m == nil {
		return cty.NilVal, fmt.Errorf("%s: module %q: %w", instance, mi.path, ErrNotFound)
	}
	b := m.resources[res]
	if b == nil {
		return cty.NilVal, fmt.Errorf("%s: %w", instance, ErrNotFound)
	}
	x, ok := b.attrs[attr]
	if !ok {
		return cty.NilVal, fmt.Errorf("%s.%s: %w", instance, attr, ErrNotFound)
	}
	e.steps = 0
	return e.eval(x, mi, self{key: key, forEach: b.forEach, count: b.count})
}

// self is the instance an expression belongs to: its key and how it was
// repeated, for each.key, each.value and count.index.
type self struct {
	key            cty.Value
	forEach, count hcl.Expression
}

// eval evaluates x in module instance mi.
func (e *Evaluator) eval(x hcl.Expression, mi modInst, s self) (cty.Value, error) {
	e.steps++
	if e.steps > maxSteps || e.depth > maxDepth {
		return cty.NilVal, errors.New("expression too deep to evaluate")
	}
	e.depth++
	defer func() { e.depth-- }()
	ctx, err := e.context(x, mi, s)
	if err != nil {
		return cty.NilVal, err
	}
	v, diags := x.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	return v, nil
}

// context builds the evaluation context of x: only the names it refers to.
func (e *Evaluator) context(x hcl.Expression, mi modInst, s self) (*hcl.EvalContext, error) {
	vars := map[string]map[string]cty.Value{}
	put := func(root, name string, v cty.Value) {
		if vars[root] == nil {
			vars[root] = map[string]cty.Value{}
		}
		vars[root][name] = v
	}
	resources := map[string]map[string]cty.Value{}
	dataSources := map[string]map[string]cty.Value{}
	for _, tr := range hclTraversals(x) {
		root := tr.RootName()
		name := attrName(tr, 1)
		switch root {
		case "var":
			if name == "" {
				continue
			}
			put(root, name, orUnknown(e.variable(mi, name)))
		case "local":
			if name == "" {
				continue
			}
			put(root, name, orUnknown(e.local(mi, name)))
		case "module":
			if name == "" {
				continue
			}
			v := orUnknown(e.moduleCall(mi, name, attrName(tr, 2)))
			if old, ok := vars["module"][name]; ok && old.Type().IsObjectType() && v.Type().IsObjectType() {
				v = mergeObjects(old, v)
			}
			put(root, name, v)
		case "each":
			if s.forEach == nil || s.key == cty.NilVal {
				return nil, fmt.Errorf("each used outside for_each")
			}
			fe, err := e.eval(s.forEach, mi, self{})
			if err != nil {
				return nil, err
			}
			val, err := index(fe, s.key)
			if err != nil {
				return nil, err
			}
			put(root, "key", s.key)
			put(root, "value", val)
		case "count":
			if s.count == nil || s.key == cty.NilVal {
				return nil, fmt.Errorf("count.index used outside count")
			}
			put(root, "index", s.key)
		case "path":
			dir := e.cfg.root
			if m := e.cfg.modules[mi.path]; m != nil {
				dir = m.dir
			}
			put(root, "module", cty.StringVal(dir))
			put(root, "root", cty.StringVal(e.cfg.root))
			put(root, "cwd", cty.StringVal(e.cfg.root))
		case "terraform":
			put(root, "workspace", cty.StringVal("default"))
		case "data":
			typ := name
			nm := attrName(tr, 2)
			if typ == "" || nm == "" {
				continue
			}
			v := e.resource(mi, "data."+typ+"."+nm)
			if dataSources[typ] == nil {
				dataSources[typ] = map[string]cty.Value{}
			}
			dataSources[typ][nm] = v
		case "self":
			return nil, fmt.Errorf("self is not evaluated")
		default:
			if name == "" {
				continue
			}
			v := e.resource(mi, root+"."+name)
			if resources[root] == nil {
				resources[root] = map[string]cty.Value{}
			}
			resources[root][name] = v
		}
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: e.funcs}
	for root, m := range vars {
		ctx.Variables[root] = cty.ObjectVal(m)
	}
	for typ, m := range resources {
		ctx.Variables[typ] = cty.ObjectVal(m)
	}
	if len(dataSources) > 0 {
		d := map[string]cty.Value{}
		for typ, m := range dataSources {
			d[typ] = cty.ObjectVal(m)
		}
		ctx.Variables["data"] = cty.ObjectVal(d)
	}
	return ctx, nil
}

// orUnknown turns a value that cannot be evaluated into an unknown one: an
// expression that does not use it (the other branch of a conditional) still
// evaluates, and one that does comes out unknown, which callers never take
// for an answer.
func orUnknown(v cty.Value, err error) cty.Value {
	if err != nil {
		return cty.DynamicVal
	}
	return v
}

// resource is a resource as an expression in mi sees it. One the plan does not
// hold (count = 0, an empty for_each) is an empty tuple or object, as in
// Terraform; anything else the plan lacks is unknown.
func (e *Evaluator) resource(mi modInst, addr string) cty.Value {
	if v, ok := e.facts.Resource(mi.addr, addr); ok {
		return v
	}
	if m := e.cfg.modules[mi.path]; m != nil {
		if b := m.resources[addr]; b != nil {
			switch {
			case b.count != nil:
				return cty.EmptyTupleVal
			case b.forEach != nil:
				return cty.EmptyObjectVal
			}
		}
	}
	return cty.DynamicVal
}

// hclTraversals lists the variables an expression refers to, the ones of
// nested for-expressions' collections included.
func hclTraversals(x hcl.Expression) []hcl.Traversal { return x.Variables() }

func attrName(tr hcl.Traversal, i int) string {
	if len(tr) <= i {
		return ""
	}
	if a, ok := tr[i].(hcl.TraverseAttr); ok {
		return a.Name
	}
	return ""
}

// memoized computes a value once per key; a key computed while it is being
// computed is a cycle.
func (e *Evaluator) memoized(key string, f func() (cty.Value, error)) (cty.Value, error) {
	if v, ok := e.memo[key]; ok {
		return v, nil
	}
	if e.busy[key] {
		return cty.NilVal, fmt.Errorf("cycle through %s", key)
	}
	e.busy[key] = true
	defer delete(e.busy, key)
	v, err := f()
	if err != nil {
		return cty.NilVal, err
	}
	e.memo[key] = v
	return v, nil
}

// variable is var.name in a module instance: the argument of the module call
// (evaluated in the caller, with the call instance's key), the root
// variable's value from the facts, or the declared default.
func (e *Evaluator) variable(mi modInst, name string) (cty.Value, error) {
	return e.memoized(mi.addr+"|var."+name, func() (cty.Value, error) {
		m := e.cfg.modules[mi.path]
		if m == nil {
			return cty.NilVal, fmt.Errorf("module %q: %w", mi.path, ErrNotFound)
		}
		def, declared := m.variables[name]
		if !declared {
			return cty.NilVal, fmt.Errorf("var.%s: %w", name, ErrNotFound)
		}
		if mi.path == "" {
			if v, ok := e.facts.Variable(name); ok {
				return v, nil
			}
		} else {
			parent, call := mi.parent()
			pm := e.cfg.modules[parent.path]
			if pm == nil || pm.calls[call] == nil {
				return cty.NilVal, fmt.Errorf("module call %s: %w", call, ErrNotFound)
			}
			b := pm.calls[call]
			if x, ok := b.attrs[name]; ok {
				return e.eval(x, parent, self{key: mi.key, forEach: b.forEach, count: b.count})
			}
		}
		if def == nil {
			return cty.NullVal(cty.DynamicPseudoType), nil
		}
		return e.eval(def, mi, self{})
	})
}

func (e *Evaluator) local(mi modInst, name string) (cty.Value, error) {
	return e.memoized(mi.addr+"|local."+name, func() (cty.Value, error) {
		m := e.cfg.modules[mi.path]
		if m == nil || m.locals[name] == nil {
			return cty.NilVal, fmt.Errorf("local.%s: %w", name, ErrNotFound)
		}
		return e.eval(m.locals[name], mi, self{})
	})
}

// moduleCall is module.name seen from mi: an object of the child's outputs
// (only output when given), a tuple of them (count), or an object of them
// keyed like its for_each.
func (e *Evaluator) moduleCall(mi modInst, name, output string) (cty.Value, error) {
	m := e.cfg.modules[mi.path]
	if m == nil || m.calls[name] == nil {
		return cty.NilVal, fmt.Errorf("module.%s: %w", name, ErrNotFound)
	}
	b := m.calls[name]
	path := name
	if mi.path != "" {
		path = mi.path + "." + name
	}
	child := e.cfg.modules[path]
	if child == nil {
		return cty.NilVal, fmt.Errorf("module.%s: its sources are not installed", name)
	}
	outputs := func(ci modInst) (cty.Value, error) {
		names := []string{output}
		if output == "" {
			names = names[:0]
			for o := range child.outputs {
				names = append(names, o)
			}
		}
		obj := map[string]cty.Value{}
		for _, o := range names {
			x, ok := child.outputs[o]
			if !ok {
				return cty.NilVal, fmt.Errorf("module.%s.%s: %w", name, o, ErrNotFound)
			}
			v, err := e.memoized(ci.addr+"|output."+o, func() (cty.Value, error) { return e.eval(x, ci, self{}) })
			if err != nil {
				return cty.NilVal, err
			}
			obj[o] = v
		}
		return cty.ObjectVal(obj), nil
	}
	switch {
	case b.count != nil:
		n, err := e.eval(b.count, mi, self{})
		if err != nil {
			return cty.NilVal, err
		}
		count, ok := intValue(n)
		if !ok {
			return cty.NilVal, fmt.Errorf("module.%s: count is not a known number", name)
		}
		elems := make([]cty.Value, 0, count)
		for i := 0; i < count; i++ {
			v, err := outputs(mi.child(name, cty.NumberIntVal(int64(i))))
			if err != nil {
				return cty.NilVal, err
			}
			elems = append(elems, v)
		}
		return cty.TupleVal(elems), nil
	case b.forEach != nil:
		fe, err := e.eval(b.forEach, mi, self{})
		if err != nil {
			return cty.NilVal, err
		}
		keys, err := forEachKeys(fe)
		if err != nil {
			return cty.NilVal, fmt.Errorf("module.%s: %w", name, err)
		}
		obj := map[string]cty.Value{}
		for _, k := range keys {
			v, err := outputs(mi.child(name, cty.StringVal(k)))
			if err != nil {
				return cty.NilVal, err
			}
			obj[k] = v
		}
		return cty.ObjectVal(obj), nil
	}
	return outputs(mi.child(name, cty.NilVal))
}

// forEachKeys are the instance keys a for_each value makes: a map's or
// object's keys, a set of strings' elements.
func forEachKeys(v cty.Value) ([]string, error) {
	if !v.IsKnown() || v.IsNull() {
		return nil, errors.New("for_each is not known")
	}
	var keys []string
	switch {
	case v.Type().IsMapType() || v.Type().IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			keys = append(keys, k.AsString())
		}
	case v.Type().IsSetType() || v.Type().IsListType() || v.Type().IsTupleType():
		for it := v.ElementIterator(); it.Next(); {
			_, el := it.Element()
			if el.Type() != cty.String || !el.IsKnown() || el.IsNull() {
				return nil, errors.New("for_each over a collection of values not all known strings")
			}
			keys = append(keys, el.AsString())
		}
	default:
		return nil, fmt.Errorf("for_each over %s", v.Type().FriendlyName())
	}
	return keys, nil
}

// index is each.value: the element of a for_each value at key.
func index(coll, key cty.Value) (cty.Value, error) {
	if !coll.IsKnown() || coll.IsNull() {
		return cty.NilVal, errors.New("for_each is not known")
	}
	switch {
	case coll.Type().IsMapType() || coll.Type().IsObjectType():
		if key.Type() != cty.String {
			return cty.NilVal, errors.New("for_each key is not a string")
		}
		if coll.Type().IsObjectType() {
			if !coll.Type().HasAttribute(key.AsString()) {
				return cty.NilVal, fmt.Errorf("for_each has no key %q", key.AsString())
			}
			return coll.GetAttr(key.AsString()), nil
		}
		if coll.HasIndex(key).True() {
			return coll.Index(key), nil
		}
		return cty.NilVal, fmt.Errorf("for_each has no key %q", key.AsString())
	case coll.Type().IsSetType() || coll.Type().IsListType() || coll.Type().IsTupleType():
		// A set of strings: each.value is the key itself.
		return key, nil
	}
	return cty.NilVal, fmt.Errorf("for_each over %s", coll.Type().FriendlyName())
}

func intValue(v cty.Value) (int, bool) {
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return 0, false
	}
	bf := v.AsBigFloat()
	i, acc := bf.Int64()
	if acc != 0 || i < 0 || i > 100000 {
		return 0, false
	}
	return int(i), true
}

func mergeObjects(a, b cty.Value) cty.Value {
	m := a.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	for k, v := range b.AsValueMap() {
		m[k] = v
	}
	return cty.ObjectVal(m)
}

// functions are the Terraform functions network code uses, from go-cty's
// standard library, HCL's try/can and the cidr functions.
func functions() map[string]function.Function {
	return map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"floor": stdlib.FloorFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"index": stdlib.IndexFunc, "join": stdlib.JoinFunc, "jsondecode": stdlib.JSONDecodeFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc, "length": stdlib.LengthFunc,
		"lookup": stdlib.LookupFunc, "lower": stdlib.LowerFunc, "max": stdlib.MaxFunc, "merge": stdlib.MergeFunc,
		"min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "range": stdlib.RangeFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "replace": stdlib.ReplaceFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "split": stdlib.SplitFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "trimsuffix": stdlib.TrimSuffixFunc, "upper": stdlib.UpperFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc, "cidrsubnet": cidr.SubnetFunc, "cidrsubnets": cidr.SubnetsFunc,
		"one": oneFunc,
	}
}

// oneFunc is Terraform's one(): the single element of a list or set, null
// for an empty one.
var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() {
			return cty.DynamicVal, nil
		}
		if !v.CanIterateElements() {
			return cty.NilVal, errors.New("one: not a list or set")
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, el := it.Element()
			return el, nil
		}
		return cty.NilVal, errors.New("one: more than one element")
	},
})

// modInst is a module instance: its address ("" root), module path, the key
// of its call instance, and the instance that calls it.
type modInst struct {
	addr, path string
	key        cty.Value // NilVal without count/for_each
	up         *modInst
	call       string
}

func (mi modInst) child(call string, key cty.Value) modInst {
	addr := "module." + call
	if mi.addr != "" {
		addr = mi.addr + "." + addr
	}
	if key != cty.NilVal {
		addr += formatKey(key)
	}
	path := call
	if mi.path != "" {
		path = mi.path + "." + call
	}
	up := mi
	return modInst{addr: addr, path: path, key: key, up: &up, call: call}
}

// parent returns the instance that calls mi, and the call's name.
func (mi modInst) parent() (modInst, string) {
	if mi.up == nil {
		return modInst{}, ""
	}
	return *mi.up, mi.call
}

// formatKey prints an instance key as Terraform does in addresses.
func formatKey(k cty.Value) string {
	if k.Type() == cty.Number {
		i, _ := k.AsBigFloat().Int64()
		return tfaddr.IntKey(int(i)).String()
	}
	return tfaddr.StringKey(k.AsString()).String()
}

// ctyKey is an address's instance key as the evaluator's count.index or
// each.key: NilVal without one.
func ctyKey(k tfaddr.Key) cty.Value {
	switch {
	case !k.Has():
		return cty.NilVal
	case k.IsInt:
		return cty.NumberIntVal(int64(k.Int))
	default:
		return cty.StringVal(k.Str)
	}
}

// parseInstance splits a resource instance address into its module instance,
// the resource ("type.name", "data.type.name") and its key.
func parseInstance(addr string) (modInst, string, cty.Value, error) {
	r, err := tfaddr.ParseResource(addr)
	if err != nil || r.Suffix != "" {
		return modInst{}, "", cty.NilVal, fmt.Errorf("%s: not a resource address", addr)
	}
	mi := modInst{}
	for _, c := range r.Module {
		mi = mi.child(c.Name, ctyKey(c.Key))
	}
	return mi, r.Local(), ctyKey(r.Key), nil
}
