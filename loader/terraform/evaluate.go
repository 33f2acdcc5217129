package terraform

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/tfeval"
)

// Options are the loader's optional inputs.
type Options struct {
	// Sources is the configuration the plan was made from. With it, a link
	// the plan alone cannot resolve (`each.value` of a for_each map of
	// route table ids, an element of a module output) is evaluated from the
	// HCL as Terraform would; without it, links come from the plan's
	// configuration references only.
	Sources *tfeval.Config
}

// DecodeWith is Decode with options.
func DecodeWith(data []byte, o Options) (*model.Network, error) {
	doc, err := decodeDocument(data)
	if err != nil {
		return nil, err
	}
	return translateWith(data, doc, o)
}

// useSources decides whether the sources can be trusted for this document:
// they must declare exactly the resource blocks the plan's configuration
// does, module by module. Sources edited after the plan was made would
// otherwise link resources the plan never linked.
func (t *translator) useSources(c *tfeval.Config) {
	if c == nil || t.doc.Config == nil || !t.doc.isPlan() {
		return
	}
	var planned []string
	for key := range t.cfg.resources {
		path, local, _ := strings.Cut(key, "|")
		path = strings.ReplaceAll(strings.TrimPrefix(path, "module."), ".module.", ".")
		planned = append(planned, path+"|"+local)
	}
	sort.Strings(planned)
	have := c.Resources()
	if strings.Join(planned, "\n") != strings.Join(have, "\n") {
		return
	}
	t.eval = c.NewEvaluator(planFacts{t: t, memo: map[string]cty.Value{}})
}

// evalLink resolves a link attribute by evaluating its HCL expression. ok is
// false when the sources cannot tell (no sources, an error, a value unknown
// even there, a marker naming what is not a wanted element): the caller then
// falls back to the plan's references.
func (t *translator) evalLink(r *resource, attr string, want typeSet, list bool) ([]string, bool) {
	if t.eval == nil {
		return nil, false
	}
	v, err := t.eval.Attr(r.addr, attr)
	if err != nil || !v.IsWhollyKnown() {
		return nil, false
	}
	var strs []string
	if !collectStrings(v, &strs) {
		return nil, false
	}
	var ids []string
	for _, s := range strs {
		if s == "" {
			continue
		}
		inst, a, isMarker := tfeval.ParseMarker(s)
		if !isMarker {
			ids = append(ids, t.constIDs(s, want)...)
			continue
		}
		target := t.byAddr[inst]
		if target == nil {
			return nil, false
		}
		found, opaque := t.followAttr(target, []segment{{name: a}}, want, list, 1)
		found = t.filter(found, want)
		if opaque || len(found) == 0 {
			return nil, false
		}
		ids = append(ids, found...)
	}
	ids = dedupe(ids)
	if !list && len(ids) > 1 {
		return nil, false
	}
	return ids, true
}

// collectStrings flattens a string or a collection of strings; false for
// anything else.
func collectStrings(v cty.Value, out *[]string) bool {
	if v.IsNull() {
		return true
	}
	switch {
	case v.Type() == cty.String:
		*out = append(*out, v.AsString())
		return true
	case v.CanIterateElements() && !v.Type().IsObjectType() && !v.Type().IsMapType():
		for it := v.ElementIterator(); it.Next(); {
			_, el := it.Element()
			if !collectStrings(el, out) {
				return false
			}
		}
		return true
	}
	return false
}

// planFacts gives the evaluator what the plan knows: resources' values, with
// markers for what is known only after apply, and the root variables.
type planFacts struct {
	t    *translator
	memo map[string]cty.Value
}

func (f planFacts) Resource(module, addr string) (cty.Value, bool) {
	base := joinAddr(module, addr)
	if v, ok := f.memo[base]; ok {
		return v, v != cty.NilVal
	}
	insts := f.t.byBase[base]
	v := cty.NilVal
	if len(insts) > 0 {
		v = f.resourceValue(insts)
	}
	f.memo[base] = v
	return v, v != cty.NilVal
}

// resourceValue is a resource as expressions see it: one object, a tuple
// (count) or an object keyed like its for_each.
func (f planFacts) resourceValue(insts []*resource) cty.Value {
	if len(insts) == 1 && insts[0].a.key == "" {
		return f.instanceValue(insts[0])
	}
	byIndex := map[int]cty.Value{}
	byKey := map[string]cty.Value{}
	for _, r := range insts {
		k := r.a.key
		switch {
		case strings.HasPrefix(k, `["`):
			s, err := strconv.Unquote(k[1 : len(k)-1])
			if err != nil {
				return cty.DynamicVal
			}
			byKey[s] = f.instanceValue(r)
		case strings.HasPrefix(k, "["):
			i, err := strconv.Atoi(k[1 : len(k)-1])
			if err != nil {
				return cty.DynamicVal
			}
			byIndex[i] = f.instanceValue(r)
		default:
			return cty.DynamicVal
		}
	}
	if len(byKey) > 0 {
		if len(byIndex) > 0 {
			return cty.DynamicVal
		}
		return cty.ObjectVal(byKey)
	}
	elems := make([]cty.Value, len(byIndex))
	for i := range elems {
		v, ok := byIndex[i]
		if !ok {
			// An instance the plan does not have (deleted): the tuple
			// cannot be rebuilt faithfully.
			return cty.DynamicVal
		}
		elems[i] = v
	}
	return cty.TupleVal(elems)
}

// instanceValue is one instance's object: known values as they are, unknown
// scalars as markers, partly unknown structures as unknown.
func (f planFacts) instanceValue(r *resource) cty.Value {
	attrs := map[string]cty.Value{}
	for k, v := range r.values {
		switch u := r.unknown[k].(type) {
		case bool:
			if u {
				attrs[k] = tfeval.Marker(r.addr, k)
				continue
			}
		case map[string]any, []any:
			if anyUnknown(u) {
				attrs[k] = cty.DynamicVal
				continue
			}
		}
		attrs[k] = toCty(v)
	}
	for k, u := range r.unknown {
		if _, ok := attrs[k]; !ok {
			if b, _ := u.(bool); b {
				attrs[k] = tfeval.Marker(r.addr, k)
			} else {
				attrs[k] = cty.DynamicVal
			}
		}
	}
	for _, k := range []string{"id", "arn"} {
		if v, ok := attrs[k]; !ok || v.IsNull() {
			attrs[k] = tfeval.Marker(r.addr, k)
		}
	}
	return cty.ObjectVal(attrs)
}

func (f planFacts) Variable(name string) (cty.Value, bool) {
	v := f.t.doc.Variables[name]
	if v == nil {
		return cty.NilVal, false
	}
	return toCty(v.Value), true
}

// toCty converts a JSON value of the plan to cty, by its implied type.
func toCty(v any) cty.Value {
	if v == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return cty.DynamicVal
	}
	ty, err := ctyjson.ImpliedType(data)
	if err != nil {
		return cty.DynamicVal
	}
	out, err := ctyjson.Unmarshal(data, ty)
	if err != nil {
		return cty.DynamicVal
	}
	return out
}

// configuredNull tells whether an argument is set to an expression that is
// null at plan time: a module variable left at its default null, try(x,
// null). The provider then computes the attribute, and AWS gives it its
// documented default; it is not "known only after apply".
func (t *translator) configuredNull(r *resource, attr string) bool {
	if t.eval != nil {
		if v, err := t.eval.Attr(r.addr, attr); err == nil && v.IsKnown() && v.IsNull() {
			return true
		}
	}
	e := r.expr(attr)
	if e == nil || e.ExpressionData == nil {
		return false
	}
	refs := significantRefs(e.References)
	if len(refs) != 1 {
		return false
	}
	rf := parseRef(refs[0])
	if rf.kind != "var" || len(rf.path) > 0 {
		return false
	}
	return t.variableIsNull(r.a.module, rf.typ)
}

// variableIsNull tells whether var.name of a module instance is null at plan
// time: a root variable whose value is null, or a module variable the call
// does not set whose default is null.
func (t *translator) variableIsNull(module, name string) bool {
	if module == "" {
		v, ok := t.doc.Variables[name]
		return ok && v != nil && v.Value == nil
	}
	mi, ok := parseModuleInstance(module)
	if !ok {
		return false
	}
	call := t.cfg.calls[mi.cfgPath]
	m := t.cfg.modules[mi.cfgPath]
	if call == nil || m == nil || m.Variables[name] == nil {
		return false
	}
	if _, set := call.Expressions[name]; set {
		return false
	}
	return m.Variables[name].Default == nil
}

// unknownSetting tells whether an argument the provider computes when it is
// not set is unknown for real: configured with an expression whose value is
// known only after apply. Not configured, or configured to null, AWS applies
// its documented default.
func (t *translator) unknownSetting(r *resource, attr string) bool {
	if !r.isUnknown(attr) {
		return false
	}
	if r.cfg == nil {
		return true
	}
	return r.expr(attr) != nil && !t.configuredNull(r, attr)
}
