package terraform

import (
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// resource is one resource instance of the future network (plan) or of the
// state, with what is known of its attribute values.
type resource struct {
	addr    string // the address as Terraform prints it: the model ID
	module  string // the module instance address as printed ("" = root)
	a       resourceAddr
	values  map[string]any
	unknown map[string]any // after_unknown; nil for state and planned values
	cfg     *tfjson.ConfigResource
	awsID   string
	t       *translator // where errors in the values go
	// strict: the values are checked against the AWS provider's schema
	// (attrs.go); resources of other providers are read leniently.
	strict bool
	// rawUnknown is a change's after_unknown as the plan gives it, for
	// checkUnknownShape.
	rawUnknown any
}

func (r *resource) scope() scope {
	sc := scope{module: r.a.module, key: r.a.key, self: r}
	if r.cfg != nil {
		sc.forEach = r.cfg.ForEachExpression
	}
	return sc
}

// expr returns the configuration expression of attr, or nil.
func (r *resource) expr(attr string) *tfjson.Expression {
	if r.cfg == nil {
		return nil
	}
	e := r.cfg.Expressions[attr]
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	return e
}

// isUnknown reports whether attr as a whole is unknown until apply.
func (r *resource) isUnknown(attr string) bool {
	return unknownFlag(r.unknown[attr])
}

func unknownFlag(v any) bool {
	b, ok := v.(bool)
	return ok && b
}

// unknownIn reports whether any part of attr (a list element, a map value) is
// unknown.
func (r *resource) unknownIn(attr string) bool {
	return anyUnknown(r.unknown[attr])
}

func anyUnknown(v any) bool {
	switch u := v.(type) {
	case bool:
		return u
	case []any:
		for _, e := range u {
			if anyUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range u {
			if anyUnknown(e) {
				return true
			}
		}
	}
	return false
}

// The readers of the resource's own attributes; attrs.go checks their JSON
// types.

// str returns a string attribute, "" when it is not set.
func (r *resource) str(attr string) string { return r.attrs().str(attr) }

// asString formats a scalar as a string: for configuration constants, which
// are not converted to the schema's types (`protocol = -1`), and for
// resources of other providers.
func asString(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case float64:
		return strconv.FormatFloat(s, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(s)
	}
	return ""
}

// boolean returns a known boolean attribute, or def when it is unset or unknown.
func (r *resource) boolean(attr string, def bool) bool { return r.attrs().boolean(attr, def) }

// enabled reads an "enable"/"disable" attribute.
func (r *resource) enabled(attr string, def bool) bool {
	switch strings.ToLower(r.str(attr)) {
	case "enable", "enabled", "true":
		return true
	case "disable", "disabled", "false":
		return false
	}
	return def
}

// integer reads a number that the provider may hold as a string (several ASN
// attributes are strings in the schema).
func (r *resource) integer(attr string) (int64, bool) { return r.attrs().integer(attr) }

// strings returns the known, non-empty strings of a list or set attribute.
func (r *resource) strings(attr string) []string { return r.attrs().strings(attr) }

// cidr returns a known CIDR attribute, failing the load on one that does not
// parse or is not of the family spec says; unknown reports an attribute known
// only after apply.
func (r *resource) cidr(attr string, spec cidrSpec) (value string, unknown bool) {
	return r.attrs().cidr(attr, spec)
}

// blocks returns a nested block list with the after_unknown entries that go
// with it; wholeUnknown is true when the entire list is unknown.
func (r *resource) blocks(attr string) (blocks []map[string]any, unknowns []map[string]any, wholeUnknown bool) {
	return r.attrs().blocks(attr)
}

// tags returns the resource's tags: tags_all when known, as it includes the
// provider's default_tags that AWS will carry, else tags.
func (r *resource) tags() map[string]string {
	field, other := "tags_all", "tags"
	if all, _ := r.values[field].(map[string]any); len(all) == 0 || r.unknownIn(field) {
		if r.values[other] != nil {
			field, other = other, field
		}
	}
	o := r.attrs()
	if v := r.values[other]; v != nil {
		// Not read, but of the wrong type all the same.
		if _, ok := v.(map[string]any); !ok {
			o.wrongType(other, "", "an object of strings", v)
		}
	}
	return o.stringMap(field, false)
}

// valueAt walks a known value along an attribute path of names and `[n]` /
// `["k"]` keys.
func valueAt(v any, path []segment) (any, bool) {
	for _, p := range path {
		if p.name != "" {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[p.name]; !ok {
				return nil, false
			}
		}
		if p.key != "" {
			var ok bool
			if v, ok = index(v, p.key); !ok {
				return nil, false
			}
		}
	}
	return v, v != nil
}

func index(v any, key string) (any, bool) {
	inner := key[1 : len(key)-1]
	switch c := v.(type) {
	case []any:
		n, err := strconv.Atoi(inner)
		if err != nil || n < 0 || n >= len(c) {
			return nil, false
		}
		return c[n], true
	case map[string]any:
		s, err := strconv.Unquote(inner)
		if err != nil {
			return nil, false
		}
		e, ok := c[s]
		return e, ok
	}
	return nil, false
}

// sortedMapKeys returns the keys of m in order, for deterministic output.
func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func appendUnique(list []string, v ...string) []string {
	for _, s := range v {
		dup := false
		for _, e := range list {
			if e == s {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, s)
		}
	}
	return list
}

func dedupe(in []string) []string {
	if len(in) < 2 {
		return in
	}
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
