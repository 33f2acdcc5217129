package terraform

import (
	"sort"
	"strings"
)

// ref is a parsed reference string from `expressions[...].references`.
type ref struct {
	kind string    // resource, data, var, local, module, count, each, path, terraform, self, other
	typ  string    // resource type, or the module call / variable / local name
	name string    // resource name, or the module output name
	key  string    // explicit instance key
	path []segment // attribute path after the subject
}

func parseRef(s string) ref {
	segs, ok := splitSegments(s)
	if !ok {
		return ref{kind: "other"}
	}
	head := segs[0]
	if head.key != "" {
		return ref{kind: "other"}
	}
	switch head.name {
	case "var", "local":
		if len(segs) < 2 || segs[1].name == "" {
			return ref{kind: "other"}
		}
		return ref{kind: head.name, typ: segs[1].name, key: segs[1].key, path: segs[2:]}
	case "module":
		if len(segs) < 2 || segs[1].name == "" {
			return ref{kind: "other"}
		}
		r := ref{kind: "module", typ: segs[1].name, key: segs[1].key}
		if len(segs) > 2 {
			r.name = segs[2].name
			if segs[2].key != "" {
				r.path = append(r.path, segment{key: segs[2].key})
			}
			r.path = append(r.path, segs[3:]...)
		}
		return r
	case "count", "each", "path", "terraform", "self":
		r := ref{kind: head.name}
		if len(segs) > 1 {
			r.typ = segs[1].name
			r.path = segs[2:]
		}
		return r
	case "data":
		if len(segs) < 3 || segs[1].key != "" || segs[1].name == "" || segs[2].name == "" {
			return ref{kind: "other"}
		}
		return ref{kind: "data", typ: segs[1].name, name: segs[2].name, key: segs[2].key, path: segs[3:]}
	}
	if len(segs) < 2 || segs[1].name == "" {
		return ref{kind: "other"}
	}
	return ref{kind: "resource", typ: head.name, name: segs[1].name, key: segs[1].key, path: segs[2:]}
}

// significantRefs drops the shorter forms Terraform lists after each full
// reference ("aws_vpc.a.id", "aws_vpc.a"; "aws_vpc.a[0]", "aws_vpc.a"): keeping
// them would make "aws_vpn_connection.v.transit_gateway_attachment_id" also
// mean the connection itself.
func significantRefs(refs []string) []string {
	if len(refs) < 2 {
		return refs
	}
	sorted := append([]string(nil), refs...)
	sort.Strings(sorted)
	sorted = dedupe(sorted)
	hasExtension := func(p string) bool {
		i := sort.SearchStrings(sorted, p)
		return i < len(sorted) && strings.HasPrefix(sorted[i], p)
	}
	out := sorted[:0:0]
	for _, s := range sorted {
		if !hasExtension(s+".") && !hasExtension(s+"[") {
			out = append(out, s)
		}
	}
	return out
}

// usesInstanceKey reports whether an expression selects by count.index or
// each.key/value, so that a reference to a whole resource means the instance
// with the same key.
func usesInstanceKey(refs []string) bool {
	for _, r := range refs {
		if strings.HasPrefix(r, "count.index") || strings.HasPrefix(r, "each.") {
			return true
		}
	}
	return false
}
