package terraform

import (
	"strconv"
	"strings"
)

// segment is one step of a Terraform address or reference: a name with an
// optional instance key. Keys are kept in a canonical form (`[0]`, `["a"]`) so
// that keys printed by different parts of Terraform compare equal.
type segment struct {
	name string
	key  string
}

// splitSegments splits `module.a["x.y"].aws_vpc.b[0].id` into segments. It
// reports false on anything that is not an address.
func splitSegments(s string) ([]segment, bool) {
	segs := make([]segment, 0, strings.Count(s, ".")+1)
	i := 0
	for i < len(s) {
		start := i
		for i < len(s) && s[i] != '.' && s[i] != '[' && s[i] != ']' && s[i] != '"' {
			i++
		}
		seg := segment{name: s[start:i]}
		if i < len(s) && s[i] == '[' {
			key, n, ok := readKey(s[i:])
			if !ok {
				return nil, false
			}
			seg.key = key
			i += n
			// A second index (`x[0][1]`) only occurs inside attribute paths: keep
			// it as its own nameless segment.
			for i < len(s) && s[i] == '[' {
				segs = append(segs, seg)
				key, n, ok := readKey(s[i:])
				if !ok {
					return nil, false
				}
				seg = segment{key: key}
				i += n
			}
		}
		if seg.name == "" && seg.key == "" {
			return nil, false
		}
		segs = append(segs, seg)
		if i < len(s) {
			if s[i] != '.' || i == len(s)-1 {
				return nil, false
			}
			i++
		}
	}
	return segs, len(segs) > 0
}

// readKey reads `[...]` at the start of s and returns its canonical form and
// length.
func readKey(s string) (string, int, bool) {
	if len(s) < 3 || s[0] != '[' {
		return "", 0, false
	}
	if s[1] == '"' {
		j := 2
		for j < len(s) {
			switch s[j] {
			case '\\':
				j += 2
				continue
			case '"':
				if j+1 < len(s) && s[j+1] == ']' {
					return canonicalStringKey(s[1 : j+1]), j + 2, true
				}
				return "", 0, false
			}
			j++
		}
		return "", 0, false
	}
	end := strings.IndexByte(s, ']')
	if end < 2 {
		return "", 0, false
	}
	raw := s[1:end]
	if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
		return "[" + strconv.FormatInt(n, 10) + "]", end + 1, true
	}
	// A dynamic index such as [count.index] never appears in addresses; in a
	// reference it means "some instance", which the caller cannot use.
	return "", 0, false
}

// canonicalStringKey re-quotes a quoted key so that HCL-style and Go-style
// escapes of the same string compare equal.
func canonicalStringKey(quoted string) string {
	if v, err := strconv.Unquote(quoted); err == nil {
		return "[" + strconv.Quote(v) + "]"
	}
	return "[" + quoted + "]"
}

// formatIndex renders a resource's `index` field as a canonical key.
func formatIndex(index any) string {
	switch v := index.(type) {
	case float64:
		return "[" + strconv.FormatInt(int64(v), 10) + "]"
	case string:
		return "[" + strconv.Quote(v) + "]"
	}
	return ""
}

// resourceAddr is a parsed resource instance address.
type resourceAddr struct {
	module string // canonical module instance address, "" for root
	mode   string // "managed" or "data"
	typ    string
	name   string
	key    string
}

// base is the address without the instance key, in canonical form.
func (a resourceAddr) base() string {
	return joinAddr(a.module, a.local())
}

func (a resourceAddr) local() string {
	if a.mode == "data" {
		return "data." + a.typ + "." + a.name
	}
	return a.typ + "." + a.name
}

func joinAddr(module, local string) string {
	if module == "" {
		return local
	}
	return module + "." + local
}

// parseResourceAddr parses `module.a["x"].data.aws_vpc.b[0]`.
func parseResourceAddr(s string) (resourceAddr, bool) {
	segs, ok := splitSegments(s)
	if !ok {
		return resourceAddr{}, false
	}
	var a resourceAddr
	mods, rest, ok := splitModules(segs)
	if !ok {
		return a, false
	}
	a.module = mods
	a.mode = "managed"
	if len(rest) == 3 && rest[0].name == "data" && rest[0].key == "" {
		a.mode = "data"
		rest = rest[1:]
	}
	if len(rest) != 2 || rest[0].key != "" || rest[0].name == "" || rest[1].name == "" {
		return a, false
	}
	a.typ, a.name, a.key = rest[0].name, rest[1].name, rest[1].key
	return a, true
}

// splitModules consumes leading `module.NAME[KEY]` pairs and returns the
// canonical module instance address and the remaining segments.
func splitModules(segs []segment) (string, []segment, bool) {
	var b strings.Builder
	for len(segs) >= 2 && segs[0].name == "module" && segs[0].key == "" {
		if segs[1].name == "" {
			return "", nil, false
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(segs[1].name)
		b.WriteString(segs[1].key)
		segs = segs[2:]
	}
	return b.String(), segs, true
}

// moduleInstance describes one module instance address.
type moduleInstance struct {
	parent  string // the calling module instance ("" = root)
	call    string // the module call's name
	key     string // the instance key ("" without count/for_each)
	cfgPath string // the configuration path: keys dropped
}

// parseModuleInstance parses a canonical module instance address. The root
// ("") has no parent; ok is false for it.
func parseModuleInstance(s string) (moduleInstance, bool) {
	if s == "" {
		return moduleInstance{}, false
	}
	segs, ok := splitSegments(s)
	if !ok || len(segs)%2 != 0 {
		return moduleInstance{}, false
	}
	var parent, cfg strings.Builder
	for i := 0; i < len(segs); i += 2 {
		if segs[i].name != "module" || segs[i].key != "" || segs[i+1].name == "" {
			return moduleInstance{}, false
		}
		if i+2 < len(segs) {
			if parent.Len() > 0 {
				parent.WriteByte('.')
			}
			parent.WriteString("module." + segs[i+1].name + segs[i+1].key)
		}
		if cfg.Len() > 0 {
			cfg.WriteByte('.')
		}
		cfg.WriteString("module." + segs[i+1].name)
	}
	last := segs[len(segs)-1]
	return moduleInstance{parent: parent.String(), call: last.name, key: last.key, cfgPath: cfg.String()}, true
}
