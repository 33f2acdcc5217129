package tfsource

import (
	"strings"
)

// address is a Terraform resource or module-call address split into the module
// calls that lead to it and the block it names.
type address struct {
	// calls are the module call names from the root, instance keys dropped:
	// module.net["prod"].module.sub[0] gives ["net", "sub"].
	calls []string
	// local is the block's address inside its module without instance key:
	// "aws_vpc.this", "data.aws_vpc.x", or "" for a module instance address.
	local string
}

// moduleKey is the key modules.json uses for the module holding the block:
// "" for the root, "net", "net.sub".
func (a address) moduleKey() string { return strings.Join(a.calls, ".") }

// segment is one dot-separated step of an address with its optional index.
type segment struct {
	name  string
	keyed bool
}

// parseAddress parses a resource address (`module.a["x"].data.aws_vpc.b[0]`) or a
// module instance address (`module.a["x"].module.b`). Model IDs of elements AWS
// creates implicitly carry a `#suffix` after the address of the block that creates
// them (aws_ec2_transit_gateway.hub#default_route_table); the suffix is dropped so
// such elements point at that block. ok is false for anything else: AWS ids,
// ARNs, config sites.
func parseAddress(s string) (address, bool) {
	segs, ok := splitAddress(s)
	if !ok {
		return address{}, false
	}
	var a address
	for len(segs) >= 2 && segs[0].name == "module" && !segs[0].keyed {
		a.calls = append(a.calls, segs[1].name)
		segs = segs[2:]
	}
	switch {
	case len(segs) == 0:
		return a, len(a.calls) > 0
	case len(segs) == 3 && segs[0].name == "data" && !segs[0].keyed && !segs[1].keyed:
		a.local = "data." + segs[1].name + "." + segs[2].name
	case len(segs) == 2 && !segs[0].keyed && segs[0].name != "data" && segs[0].name != "module":
		a.local = segs[0].name + "." + segs[1].name
	default:
		return address{}, false
	}
	// A resource type is provider_thing: "vpc-0a1b" and "site" are not.
	typ := strings.TrimPrefix(a.local, "data.")
	typ = typ[:strings.IndexByte(typ, '.')]
	if !strings.Contains(typ, "_") || !isIdent(typ) {
		return address{}, false
	}
	return a, true
}

// splitAddress splits an address into its segments; a `#suffix` at the top level
// ends the address.
func splitAddress(s string) ([]segment, bool) {
	if i := topLevelHash(s); i >= 0 {
		s = s[:i]
	}
	var segs []segment
	i := 0
	for i < len(s) {
		start := i
		for i < len(s) && s[i] != '.' && s[i] != '[' {
			i++
		}
		seg := segment{name: s[start:i]}
		if !isIdent(seg.name) {
			return nil, false
		}
		if i < len(s) && s[i] == '[' {
			n, ok := indexLen(s[i:])
			if !ok {
				return nil, false
			}
			seg.keyed = true
			i += n
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

// topLevelHash returns the index of the first '#' outside a quoted key, or -1.
func topLevelHash(s string) int {
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && c == '#':
			return i
		}
	}
	return -1
}

// indexLen returns the length of the `[0]` or `["key"]` at the start of s.
func indexLen(s string) (int, bool) {
	if len(s) < 3 || s[0] != '[' {
		return 0, false
	}
	if s[1] == '"' {
		for j := 2; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				if j+1 < len(s) && s[j+1] == ']' {
					return j + 2, true
				}
				return 0, false
			}
		}
		return 0, false
	}
	j := 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 1 || j >= len(s) || s[j] != ']' {
		return 0, false
	}
	return j + 1, true
}

// isIdent reports whether s is a Terraform identifier.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && (r == '-' || r >= '0' && r <= '9'):
		default:
			return false
		}
	}
	return true
}
