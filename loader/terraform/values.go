package terraform

import (
	"fmt"
	"math"
	"net/netip"
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

// str returns a known, non-empty string attribute.
func (r *resource) str(attr string) string {
	return asString(r.values[attr])
}

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
func (r *resource) boolean(attr string, def bool) bool {
	switch v := r.values[attr].(type) {
	case bool:
		return v
	case string:
		if b, err := strconv.ParseBool(v); err == nil {
			return b
		}
	}
	return def
}

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
func (r *resource) integer(attr string) (int64, bool) {
	return asInt(r.values[attr])
}

func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		if n != math.Trunc(n) || n > math.MaxInt64 || n < math.MinInt64 {
			return 0, false
		}
		return int64(n), true
	case string:
		i, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		return i, err == nil
	}
	return 0, false
}

// strings returns the known, non-empty strings of a list or set attribute.
func (r *resource) strings(attr string) []string {
	return asStrings(r.values[attr])
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s := asString(e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// blocks returns a nested block list with the after_unknown entries that go
// with it; wholeUnknown is true when the entire list is unknown.
func (r *resource) blocks(attr string) (blocks []map[string]any, unknowns []map[string]any, wholeUnknown bool) {
	list, _ := r.values[attr].([]any)
	u := r.unknown[attr]
	if unknownFlag(u) {
		return nil, nil, true
	}
	ulist, _ := u.([]any)
	for i, e := range list {
		b, ok := e.(map[string]any)
		if !ok {
			continue
		}
		blocks = append(blocks, b)
		var bu map[string]any
		if i < len(ulist) {
			bu, _ = ulist[i].(map[string]any)
		}
		unknowns = append(unknowns, bu)
	}
	return blocks, unknowns, false
}

// tags returns the resource's tags: tags_all when known, as it includes the
// provider's default_tags that AWS will carry, else tags.
func (r *resource) tags() map[string]string {
	src, _ := r.values["tags_all"].(map[string]any)
	if len(src) == 0 || r.unknownIn("tags_all") {
		if t, ok := r.values["tags"].(map[string]any); ok {
			src = t
		}
	}
	if len(src) == 0 {
		return nil
	}
	out := make(map[string]string, len(src))
	for k, v := range src {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
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

// cidrError is the one-line error for a CIDR that does not parse: the model
// must not silently lose an address range.
func cidrError(addr, field, value string) error {
	return fmt.Errorf("%s: %s %q is not a valid CIDR", addr, field, value)
}

func validCIDR(s string) bool {
	_, err := netip.ParsePrefix(s)
	return err == nil
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
