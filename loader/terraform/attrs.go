package terraform

import (
	"math"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Every attribute value the translator reads goes through the helpers of this
// file, one per JSON type: str (a string), boolean, integer (a number, or a
// string holding one where the provider's schema has a string), strings and
// cidrs (a list of strings), linkValue (an id, or a list of ids), stringMap
// (an object of strings: tags, dimensions) and blockList (a list of objects:
// nested blocks). A value of a JSON type the provider's schema could never
// give the attribute fails the load with a one-line attrError naming the
// resource and the attribute, instead of reading as unset: a finding would
// silently disappear with it.
//
// What a real provider writes stays accepted: null is "not set", and so is ""
// (SDKv2 providers write it for unset optional strings) except where a CIDR is
// required; [] and null are empty lists; a value unknown until apply is null
// in the plan, with after_unknown saying so. Resources of other providers
// than AWS, of which the loader reads only the id and ARN, keep the old
// leniency (a number formatted as a string).

// attrError is the error for an attribute whose value the provider's schema
// could never produce: the wrong JSON type, a CIDR that does not parse or of
// the wrong family, an empty CIDR where one is required.
type attrError struct {
	addr string // the resource address
	attr string // the attribute, with its block and element: route[0].cidr_block, subnet_ids[1]
	msg  string
}

func (e *attrError) Error() string { return printable(e.addr) + ": " + e.attr + ": " + e.msg }

// printable quotes an address that would not print on one line as it is.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(s)
	}
	return s
}

// valueKind names the JSON type of a decoded value, for errors.
func valueKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "an unexpected value"
}

// object is a JSON object of a resource's values, the resource's own or one
// element of a nested block list, with the after_unknown that goes with it.
type object struct {
	r     *resource
	m     map[string]any
	u     map[string]any
	block string // the block list this object is an element of; "" for the resource itself
	index int    // its index in that list
}

// attrs is the resource's own attribute values.
func (r *resource) attrs() object { return object{r: r, m: r.values, u: r.unknown} }

// elem is the i-th element of the block list attr, which blocks returned.
// Its index in errors counts the blocks: blocks leaves null elements out,
// which Terraform does not write in a block list.
func (r *resource) elem(attr string, blocks, unknowns []map[string]any, i int) object {
	return object{r: r, m: blocks[i], u: unknowns[i], block: attr, index: i}
}

// sub is the j-th element of a block list nested in this object's field.
func (o object) sub(field string, m, u map[string]any, j int) object {
	return object{r: o.r, m: m, u: u, block: o.path(field, ""), index: j}
}

// path names field (and an element of it) for an error.
func (o object) path(field, elem string) string {
	p := field + elem
	if o.block != "" {
		p = o.block + "[" + strconv.Itoa(o.index) + "]." + p
	}
	return p
}

// fail records that field (or the element elem of it: "[2]", `["Name"]`)
// holds what the provider's schema could never produce. Resources of other
// providers are not checked.
func (o object) fail(field, elem, msg string) {
	if !o.r.strict {
		return
	}
	o.r.t.fail(&attrError{addr: o.r.addr, attr: o.path(field, elem), msg: msg})
}

func (o object) wrongType(field, elem, want string, v any) {
	o.fail(field, elem, "want "+want+", got "+valueKind(v))
}

// at and atKey name an element of a list or an object for an error.
func at(i int) string { return "[" + strconv.Itoa(i) + "]" }

func atKey(k string) string { return "[" + strconv.Quote(k) + "]" }

// str reads a string: "" when null or not set.
func (o object) str(field string) string {
	v := o.m[field]
	if s, ok := v.(string); ok {
		return s
	}
	return o.notString(field, v)
}

func (o object) notString(field string, v any) string {
	if v == nil {
		return ""
	}
	if !o.r.strict {
		return asString(v)
	}
	o.wrongType(field, "", "a string", v)
	return ""
}

// boolean reads a boolean, def when null or not set. A string that parses as
// one is accepted, as it always was.
func (o object) boolean(field string, def bool) bool {
	switch v := o.m[field].(type) {
	case bool:
		return v
	case nil:
		return def
	case string:
		if v == "" {
			return def
		}
		if b, err := strconv.ParseBool(v); err == nil {
			return b
		}
		o.fail(field, "", "want a boolean, got "+strconv.Quote(v))
		return def
	default:
		o.wrongType(field, "", "a boolean", v)
		return def
	}
}

// integer reads a whole number, which the provider may hold as a string
// (several ASN attributes are strings in the schema); ok is false when it is
// null or not set.
func (o object) integer(field string) (int64, bool) {
	switch n := o.m[field].(type) {
	case float64:
		if n != math.Trunc(n) || n >= math.MaxInt64 || n < math.MinInt64 {
			o.fail(field, "", "want an integer, got "+strconv.FormatFloat(n, 'g', -1, 64))
			return 0, false
		}
		return int64(n), true
	case string:
		s := strings.TrimSpace(n)
		if s == "" {
			return 0, false
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			o.fail(field, "", "want an integer, got "+strconv.Quote(n))
			return 0, false
		}
		return i, true
	case nil:
		return 0, false
	default:
		o.wrongType(field, "", "an integer", n)
		return 0, false
	}
}

// list reads a list (or set): nil when null or not set.
func (o object) list(field, want string) ([]any, bool) {
	switch l := o.m[field].(type) {
	case []any:
		return l, true
	case nil:
		return nil, true
	default:
		o.wrongType(field, "", want, l)
		return nil, false
	}
}

// strings reads a list of strings. Null elements (unknown until apply) and
// "" are left out.
func (o object) strings(field string) []string {
	l, _ := o.list(field, "a list of strings")
	out := make([]string, 0, len(l))
	for i, e := range l {
		switch s := e.(type) {
		case string:
			if s != "" {
				out = append(out, s)
			}
		case nil:
		default:
			o.wrongType(field, at(i), "a string", e)
		}
	}
	return out
}

// cidrSpec says what a CIDR attribute holds: the address family its schema
// validates, and whether "" is out (the schema requires a CIDR, or validates
// every element of a list as one).
type cidrSpec uint8

const (
	anyFamily cidrSpec = 0
	ipv4Only  cidrSpec = 1
	ipv6Only  cidrSpec = 2
	required  cidrSpec = 4
)

func (s cidrSpec) want() string {
	switch {
	case s&ipv4Only != 0:
		return "an IPv4 CIDR"
	case s&ipv6Only != 0:
		return "an IPv6 CIDR"
	}
	return "a CIDR"
}

func (s cidrSpec) plural() string {
	w := s.want()
	return w[strings.IndexByte(w, ' ')+1:] + "s"
}

// cidr reads a CIDR attribute. unknown reports one known only after apply.
func (o object) cidr(field string, spec cidrSpec) (value string, unknown bool) {
	switch v := o.m[field].(type) {
	case string:
		if v != "" {
			return o.checkCIDR(field, "", v, spec), false
		}
		if spec&required != 0 {
			o.fail(field, "", "want "+spec.want()+", got an empty string")
			return "", false
		}
	case nil:
	default:
		o.wrongType(field, "", "a string ("+spec.want()+")", v)
		return "", false
	}
	return "", unknownFlag(o.u[field])
}

// cidrs reads a list of CIDRs; it never returns nil. Null elements (unknown
// until apply) are left out, and so is "" unless spec requires a CIDR.
func (o object) cidrs(field string, spec cidrSpec) []string {
	l, _ := o.list(field, "a list of strings ("+spec.plural()+")")
	out := make([]string, 0, len(l))
	for i, e := range l {
		switch s := e.(type) {
		case string:
			if s == "" {
				if spec&required != 0 {
					o.fail(field, at(i), "want "+spec.want()+", got an empty string")
				}
				continue
			}
			if c := o.checkCIDR(field, at(i), s, spec); c != "" {
				out = append(out, c)
			}
		case nil:
		default:
			o.wrongType(field, at(i), "a string ("+spec.want()+")", e)
		}
	}
	return out
}

// checkCIDR returns s when it is a CIDR of the family spec allows, else
// records why not and returns "".
func (o object) checkCIDR(field, elem, s string, spec cidrSpec) string {
	p, err := netip.ParsePrefix(s)
	switch {
	case err != nil:
		o.fail(field, elem, strconv.Quote(s)+" is not a valid CIDR")
	case spec&ipv4Only != 0 && !p.Addr().Is4():
		o.fail(field, elem, strconv.Quote(s)+" is an IPv6 range in an IPv4 attribute")
	case spec&ipv6Only != 0 && p.Addr().Is4():
		o.fail(field, elem, strconv.Quote(s)+" is an IPv4 range in an IPv6 attribute")
	default:
		return s
	}
	return ""
}

// linkValue returns the value of a link attribute when it has the shape of
// one: an id (a string), or for a list-valued link a list of ids (null
// elements are unknown ids). ok is false when it has not: the error is
// recorded.
func (o object) linkValue(field string, list bool) (v any, ok bool) {
	v = o.m[field]
	switch c := v.(type) {
	case nil:
		return nil, true
	case string:
		if !list {
			return c, true
		}
	case []any:
		if list {
			for i, e := range c {
				switch e.(type) {
				case string, nil:
				default:
					o.wrongType(field, at(i), "a string (an id)", e)
					return nil, !o.r.strict
				}
			}
			return c, true
		}
	}
	if list {
		o.wrongType(field, "", "a list of strings (ids)", v)
	} else {
		o.wrongType(field, "", "a string (an id)", v)
	}
	return nil, !o.r.strict
}

// stringMap reads an object of strings (tags, dimensions); nil when it is
// null, not set or empty. Null values (unknown until apply) are left out, or
// kept as "" with keepNull.
func (o object) stringMap(field string, keepNull bool) map[string]string {
	var src map[string]any
	switch m := o.m[field].(type) {
	case map[string]any:
		src = m
	case nil:
	default:
		o.wrongType(field, "", "an object of strings", m)
	}
	if len(src) == 0 {
		return nil
	}
	out := make(map[string]string, len(src))
	bad, found := "", false
	for k, v := range src {
		switch s := v.(type) {
		case string:
			out[k] = s
		case nil:
			if keepNull {
				out[k] = ""
			}
		default:
			// The error names the first wrong key in order, whatever the
			// order of the map.
			if !found || k < bad {
				bad, found = k, true
			}
		}
	}
	if found {
		o.wrongType(field, atKey(bad), "a string", src[bad])
	}
	return out
}

// blockList reads a list of nested blocks: each element an object, or null.
func (o object) blockList(field string) []any {
	l, ok := o.list(field, "a list of blocks")
	if !ok {
		return nil
	}
	for i, e := range l {
		switch e.(type) {
		case map[string]any, nil:
		default:
			o.wrongType(field, at(i), "an object (a block)", e)
			return nil
		}
	}
	return l
}

// blocks returns a nested block list with the after_unknown entries that go
// with it; wholeUnknown is true when the entire list is unknown. Null
// elements are left out.
func (o object) blocks(field string) (blocks []map[string]any, unknowns []map[string]any, wholeUnknown bool) {
	u := o.u[field]
	if unknownFlag(u) {
		return nil, nil, true
	}
	list := o.blockList(field)
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

// ip reads an IP address: "" when null or not set.
func (o object) ip(field string) string {
	s := o.str(field)
	if s == "" || !o.r.strict {
		return s
	}
	if _, err := netip.ParseAddr(s); err != nil {
		o.fail(field, "", strconv.Quote(s)+" is not an IP address")
		return ""
	}
	return s
}

// oneOf reads a string the provider's schema validates against a set of
// values: "" when null or not set.
func (o object) oneOf(field string, values ...string) string {
	s := o.str(field)
	if s == "" || !o.r.strict {
		return s
	}
	for _, v := range values {
		if s == v {
			return s
		}
	}
	o.fail(field, "", "want "+quoteList(values)+", got "+strconv.Quote(s))
	return ""
}

func quoteList(values []string) string {
	var b strings.Builder
	for i, v := range values {
		switch {
		case i == 0:
		case i == len(values)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(v))
	}
	return b.String()
}

// checkUnknownShape holds a change's after_unknown to the shape Terraform
// writes: an object that mirrors after, true where a value is known only
// after apply, false (or nothing) where it is known, and a list or an object
// where a part of a list or an object is unknown. Any other shape would
// silently turn an unknown value into an unset one.
func (r *resource) checkUnknownShape(after map[string]any, u any) {
	switch m := u.(type) {
	case map[string]any:
		if unknownShapeOK(after, m) {
			return
		}
		// Again, in key order, for the first wrong value whatever the order
		// of the maps.
		path, msg := unknownShapeError("after_unknown", after, m)
		r.t.fail(&attrError{addr: r.addr, attr: path, msg: msg})
	case nil, bool:
		if u == true {
			r.t.fail(&attrError{addr: r.addr, attr: "after_unknown", msg: "want an object, got true (after is known)"})
		}
	default:
		r.t.fail(&attrError{addr: r.addr, attr: "after_unknown", msg: "want an object, got " + valueKind(u)})
	}
}

// unknownShapeOK reports whether u is an after_unknown value that fits the
// after value v.
func unknownShapeOK(v, u any) bool {
	switch uv := u.(type) {
	case nil, bool:
		return true
	case []any:
		l, ok := v.([]any)
		if !ok && v != nil {
			return false
		}
		for i, e := range uv {
			var ve any
			if i < len(l) {
				ve = l[i]
			}
			if !unknownShapeOK(ve, e) {
				return false
			}
		}
		return true
	case map[string]any:
		m, ok := v.(map[string]any)
		if !ok && v != nil {
			return false
		}
		for k, e := range uv {
			if !unknownShapeOK(m[k], e) {
				return false
			}
		}
		return true
	}
	return false
}

// unknownShapeError names the first value of u, in key order, that does not
// fit v, with why.
func unknownShapeError(path string, v, u any) (string, string) {
	if unknownShapeOK(v, u) {
		return "", ""
	}
	want := "a boolean"
	switch v.(type) {
	case []any:
		want = "a boolean or a list"
	case map[string]any:
		want = "a boolean or an object"
	case nil:
		want = "a boolean, a list or an object"
	}
	switch uv := u.(type) {
	case []any:
		if l, ok := v.([]any); ok || v == nil {
			for i, e := range uv {
				var ve any
				if i < len(l) {
					ve = l[i]
				}
				if p, msg := unknownShapeError(path+at(i), ve, e); p != "" {
					return p, msg
				}
			}
		}
	case map[string]any:
		if m, ok := v.(map[string]any); ok || v == nil {
			keys := make([]string, 0, len(uv))
			for k := range uv {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				p := path + "." + k
				if path == "" {
					p = k
				}
				if p, msg := unknownShapeError(p, m[k], uv[k]); p != "" {
					return p, msg
				}
			}
		}
	}
	if v != nil {
		want += " (after holds " + valueKind(v) + ")"
	}
	return path, "want " + want + ", got " + valueKind(u)
}

// checkLinks checks the shape of single-valued link attributes that a
// modifier may not come to resolve (its parent is not in the model): the
// error must not depend on what else the plan holds.
func (r *resource) checkLinks(attrs ...string) {
	o := r.attrs()
	for _, a := range attrs {
		o.linkValue(a, false)
	}
}
