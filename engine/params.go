package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netlint/netlint/finding"
)

// reservedParams are keys .netlint.yaml reads itself under rules.<ID>.
var reservedParams = map[string]bool{"severity": true, "off": true, "enabled": true}

// readParams reads a rule's METADATA custom.params:
//
//	params:
//	  max_peerings: {type: integer, default: 10, description: "..."}
//
// A mistake is a message for a PolicyError.
func readParams(v any) ([]finding.Param, string) {
	if v == nil {
		return nil, ""
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, "METADATA custom.params must map each parameter name to {type, default, description}"
	}
	out := make([]finding.Param, 0, len(m))
	for name, d := range m {
		if name == "" || reservedParams[name] {
			return nil, fmt.Sprintf("METADATA custom.params: %q cannot be a parameter name (.netlint.yaml reads it itself)", name)
		}
		decl, ok := d.(map[string]any)
		if !ok {
			return nil, fmt.Sprintf("METADATA custom.params.%s must be {type, default, description}", name)
		}
		p := finding.Param{Name: name}
		for k, x := range decl {
			switch k {
			case "type":
				p.Type, _ = x.(string)
			case "default":
				p.Default = x
			case "description":
				s, ok := x.(string)
				if !ok {
					return nil, fmt.Sprintf("METADATA custom.params.%s.description must be a string", name)
				}
				p.Description = strings.TrimSpace(s)
			default:
				return nil, fmt.Sprintf("METADATA custom.params.%s: unknown key %q (want type, default, description)", name, k)
			}
		}
		want, ok := finding.ParamTypes[p.Type]
		if !ok {
			return nil, fmt.Sprintf("METADATA custom.params.%s.type %q is not one of %s", name, p.Type, strings.Join(paramTypeNames(), ", "))
		}
		if _, has := decl["default"]; has && !p.Accepts(p.Default) {
			return nil, fmt.Sprintf("METADATA custom.params.%s.default %v is not %s", name, p.Default, want)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, ""
}

func paramTypeNames() []string {
	names := make([]string, 0, len(finding.ParamTypes))
	for t := range finding.ParamTypes {
		names = append(names, t)
	}
	sort.Strings(names)
	return names
}
