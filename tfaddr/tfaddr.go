// Package tfaddr parses the addresses Terraform prints for resources and module
// instances (`module.net["prod"].aws_route.private[0]`): the one parser the
// loaders, the model, the source locator and the evaluator share.
//
// It is hand-written rather than hcl's traversal parser: that parser takes about
// 17 µs and 68 allocations per address, and the model names every route by its
// address; the fuzz test checks both agree on every address hcl accepts.
package tfaddr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key is a count or for_each instance key; the zero Key is no key.
type Key struct {
	// Str holds a for_each key; Int a count index when IsInt.
	Str   string
	Int   int
	IsInt bool
	set   bool
}

// IntKey and StringKey make keys.
func IntKey(i int) Key { return Key{Int: i, IsInt: true, set: true} }

// StringKey makes a for_each key.
func StringKey(s string) Key { return Key{Str: s, set: true} }

// Has reports whether the address carries a key.
func (k Key) Has() bool { return k.set }

// String is the key as Terraform prints it: "", "[0]" or `["a"]`.
func (k Key) String() string {
	switch {
	case !k.set:
		return ""
	case k.IsInt:
		return "[" + strconv.Itoa(k.Int) + "]"
	default:
		return `["` + quote(k.Str) + `"]`
	}
}

// Step is one name of an address with its optional key.
type Step struct {
	Name string
	Key  Key
}

// Call is one module call on the way from the root to a block.
type Call = Step

// Resource is a resource instance address.
type Resource struct {
	// Module is the module instance holding the block, from the root.
	Module []Call
	// Data is true for a data source (`data.aws_vpc.x`).
	Data       bool
	Type, Name string
	Key        Key
	// Suffix is what follows a top-level '#': netlint names the elements AWS
	// creates implicitly after the block that creates them
	// (aws_ec2_transit_gateway.hub#default_route_table).
	Suffix string
}

// Local is the block's address inside its module, without key:
// "aws_vpc.this" or "data.aws_vpc.x".
func (r Resource) Local() string {
	if r.Data {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

// ModulePath is the module's configuration path as modules.json keys it, keys
// dropped: "" for the root, "net.sub".
func (r Resource) ModulePath() string { return ModulePath(r.Module) }

// ModulePath joins the call names of a module instance: "net.sub".
func ModulePath(calls []Call) string {
	names := make([]string, len(calls))
	for i, c := range calls {
		names[i] = c.Name
	}
	return strings.Join(names, ".")
}

// ModuleInstance prints a module instance address: `module.net["a"].module.sub`.
func ModuleInstance(calls []Call) string {
	var b strings.Builder
	for i, c := range calls {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(c.Name)
		b.WriteString(c.Key.String())
	}
	return b.String()
}

// String prints the address back as Terraform does.
func (r Resource) String() string {
	s := r.Local() + r.Key.String()
	if mi := ModuleInstance(r.Module); mi != "" {
		s = mi + "." + s
	}
	if r.Suffix != "" {
		s += "#" + r.Suffix
	}
	return s
}

// ParseResource parses a resource instance address, with an optional '#suffix'.
func ParseResource(s string) (Resource, error) {
	steps, suffix, err := Split(s)
	if err != nil {
		return Resource{}, err
	}
	calls, rest := splitModules(steps)
	r := Resource{Module: calls, Suffix: suffix}
	if len(rest) == 3 && rest[0].Name == "data" && !rest[0].Key.Has() {
		r.Data = true
		rest = rest[1:]
	}
	if len(rest) != 2 || rest[0].Key.Has() || rest[0].Name == "module" || (!r.Data && rest[0].Name == "data") {
		return Resource{}, fmt.Errorf("%q is not a resource address", s)
	}
	r.Type, r.Name, r.Key = rest[0].Name, rest[1].Name, rest[1].Key
	return r, nil
}

// ParseModule parses a module instance address (`module.a["x"].module.b`); the
// empty string is the root.
func ParseModule(s string) ([]Call, error) {
	if s == "" {
		return nil, nil
	}
	steps, suffix, err := Split(s)
	if err != nil {
		return nil, err
	}
	calls, rest := splitModules(steps)
	if len(rest) > 0 || suffix != "" {
		return nil, fmt.Errorf("%q is not a module address", s)
	}
	return calls, nil
}

// Type is the resource type an address names, data sources included, or ""
// when it names no resource: module.a["x"].aws_route.r[0] is an aws_route.
func Type(s string) string {
	r, err := ParseResource(s)
	if err != nil {
		return ""
	}
	return r.Type
}

func splitModules(steps []Step) ([]Call, []Step) {
	var calls []Call
	for len(steps) >= 2 && steps[0].Name == "module" && !steps[0].Key.Has() {
		calls = append(calls, steps[1])
		steps = steps[2:]
	}
	return calls, steps
}

// Split splits an address or a reference into its dot-separated steps, each
// with its key, and what follows a top-level '#'. A key after a key is a step
// of its own with no name.
func Split(s string) ([]Step, string, error) {
	return AppendSplit(make([]Step, 0, strings.Count(s, ".")+1), s)
}

// AppendSplit is Split appending to dst, for callers that split many
// references and reuse one buffer.
func AppendSplit(dst []Step, s string) ([]Step, string, error) {
	bad := func(why string) ([]Step, string, error) {
		return dst, "", fmt.Errorf("%q is not a Terraform address: %s", s, why)
	}
	steps := dst
	i := 0
	for {
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isNameRune(r, i > start) {
				break
			}
			i += n
		}
		if i == start {
			return bad("a name is missing")
		}
		step := Step{Name: s[start:i]}
		for i < len(s) && s[i] == '[' {
			k, n, ok := parseKey(s[i:])
			if !ok {
				return bad("a key is not [number] or [\"string\"]")
			}
			if step.Key.Has() {
				// A second key (`tags[0]["a"]`) only occurs in attribute paths
				// of references: it is a step with no name.
				steps = append(steps, step)
				step = Step{}
			}
			step.Key = k
			i += n
		}
		steps = append(steps, step)
		if i == len(s) {
			return steps, "", nil
		}
		switch s[i] {
		case '.':
			i++
		case '#':
			return steps, s[i+1:], nil
		default:
			return bad(fmt.Sprintf("unexpected %q", s[i]))
		}
	}
}

// isNameRune reports whether r may appear in a Terraform identifier (HCL's
// Unicode identifiers plus '-'); digits and dashes only after the first rune.
func isNameRune(r rune, inside bool) bool {
	switch {
	case r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r):
		return true
	case inside && (r == '-' || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc)):
		return true
	}
	return false
}

// parseKey reads `[0]` or `["key"]` at the start of s and its length.
func parseKey(s string) (Key, int, bool) {
	if len(s) < 3 || s[0] != '[' {
		return Key{}, 0, false
	}
	if s[1] == '"' {
		for j := 2; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				if j+1 >= len(s) || s[j+1] != ']' {
					return Key{}, 0, false
				}
				str, ok := unquote(s[2:j])
				if !ok {
					return Key{}, 0, false
				}
				return StringKey(str), j + 2, true
			}
		}
		return Key{}, 0, false
	}
	j := 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 1 || j >= len(s) || s[j] != ']' {
		return Key{}, 0, false
	}
	n, err := strconv.Atoi(s[1:j])
	if err != nil {
		return Key{}, 0, false
	}
	return IntKey(n), j + 1, true
}

// unquote undoes the escapes HCL allows in a quoted string, the ones Terraform
// prints keys with: \n \r \t \" \\ \uNNNN \UNNNNNNNN.
func unquote(s string) (string, bool) {
	if !strings.ContainsAny(s, `\$%`) {
		return s, utf8.ValidString(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if (s[i] == '$' || s[i] == '%') && strings.HasPrefix(s[i+1:], s[i:i+1]+"{") {
			b.WriteByte(s[i]) // $${ is a literal ${, %%{ a literal %{
			i++
			continue
		}
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) {
			return "", false
		}
		switch c := s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '"', '\\':
			b.WriteByte(c)
		case 'u', 'U':
			n := 4
			if c == 'U' {
				n = 8
			}
			if i+1+n > len(s) {
				return "", false
			}
			r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return "", false
			}
			b.WriteRune(rune(r))
			i += n
		default:
			return "", false
		}
	}
	return b.String(), utf8.ValidString(b.String())
}

// quote escapes a key as Terraform prints it (HCL's quoted string), the inverse
// of unquote.
func quote(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case !unicode.IsPrint(r) && r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
