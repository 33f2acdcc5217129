package config

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// shape is what a node of .netlint.yaml must look like.
type shape struct {
	kind   string            // mapping, list, string, integer, boolean, rules
	fields map[string]*shape // of a mapping
	item   *shape            // of a list
}

var (
	str     = &shape{kind: "string"}
	date    = &shape{kind: "date"}
	integer = &shape{kind: "integer"}
	boolean = &shape{kind: "boolean"}
	strs    = &shape{kind: "list", item: str}
	// strOrList is one string or a list of them.
	strOrList = &shape{kind: "strings"}

	fileShape = &shape{kind: "mapping", fields: map[string]*shape{
		"sites": {kind: "list", item: &shape{kind: "mapping", fields: map[string]*shape{
			"name": str, "cidrs": strs, "summaries": strs, "via": strs,
			"devices": {kind: "list", item: &shape{kind: "mapping", fields: map[string]*shape{
				"name": str, "ip": str, "asn": integer, "bgp": boolean,
			}}},
		}}},
		"rules": {kind: "rules"},
		"waivers": {kind: "list", item: &shape{kind: "mapping", fields: map[string]*shape{
			"rule": str, "resource": str, "with": strOrList, "reason": str, "expires": date,
		}}},
	}}
)

// checkShape holds the document to fileShape, so that a list where a mapping
// belongs, or a misspelled key, is an error naming the line and the key.
func checkShape(doc *yaml.Node) error {
	if len(doc.Content) == 0 {
		return nil
	}
	return fileShape.check(doc.Content[0], "")
}

func (s *shape) check(n *yaml.Node, path string) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if isNull(n) {
		return nil // absent
	}
	at := func(msg string, a ...any) error {
		p := path
		if p == "" {
			p = "the file"
		}
		return errorf(n.Line, "%s: %s", p, fmt.Sprintf(msg, a...))
	}
	switch s.kind {
	case "mapping":
		if n.Kind != yaml.MappingNode {
			return at("want a mapping (key: value), got %s", describe(n))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := s.fields[k.Value]
			if !ok {
				where := path
				if where == "" {
					where = "top level"
				}
				return errorf(k.Line, "%s: unknown key %q (want %s)", where, k.Value, strings.Join(keys(s.fields), ", "))
			}
			if err := f.check(v, join(path, k.Value)); err != nil {
				return err
			}
		}
	case "list":
		if n.Kind != yaml.SequenceNode {
			return at("want a list, got %s", describe(n))
		}
		for i, item := range n.Content {
			p := path + "[" + strconv.Itoa(i) + "]"
			if target := deref(item); isNull(target) {
				// An empty entry ("- " alone) would be silently skipped.
				return errorf(item.Line, "%s: want %s, got nothing (null)", p, s.item.want())
			}
			if err := s.item.check(item, p); err != nil {
				return err
			}
		}
	case "rules":
		if n.Kind != yaml.MappingNode {
			return at("want a mapping of rule ids to settings, got %s", describe(n))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			if v.Kind != yaml.ScalarNode && v.Kind != yaml.MappingNode || isNull(v) {
				return errorf(v.Line, "rules.%s: want off, on, a severity, or a mapping of settings; got %s", k.Value, describe(v))
			}
		}
	case "string":
		// Quoted or plain text: a number, a boolean or a date where text
		// belongs is a mistake (name: 5, reason: yes).
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
			return at("want a string, got %s", describe(n))
		}
	case "strings":
		if n.Kind == yaml.SequenceNode {
			return strs.check(n, path)
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
			return at("want a string or a list of strings, got %s", describe(n))
		}
	case "date":
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" && n.Tag != "!!timestamp" {
			return at("want a date (YYYY-MM-DD), got %s", describe(n))
		}
	case "integer":
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return at("want an integer, got %s", describe(n))
		}
	case "boolean":
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return at("want true or false, got %s", describe(n))
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// deref is the node an alias stands for.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// want says what a shape wants, for "want X, got Y".
func (s *shape) want() string {
	switch s.kind {
	case "mapping":
		return "a mapping (key: value)"
	case "list":
		return "a list"
	case "integer":
		return "an integer"
	case "boolean":
		return "true or false"
	case "date":
		return "a date (YYYY-MM-DD)"
	case "strings":
		return "a string or a list of strings"
	}
	return "a string"
}

// Bounds on a document, so that a hostile file fails fast instead of
// exhausting the machine: yaml.v3 checks each mapping for duplicate keys in
// quadratic time, and an alias repeats its anchor's whole tree wherever the
// document is walked.
const (
	maxMappingKeys = 10000
	maxExpanded    = 1_000_000
)

// prescan checks what the shape cannot: keys that are not plain scalars,
// merge keys, duplicate keys, mappings too large to decode quickly and
// aliases that expand to more than maxExpanded nodes. It does not follow
// aliases, so it is linear in the document's size.
func prescan(doc *yaml.Node) error {
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if n.Kind == yaml.MappingNode {
			if len(n.Content)/2 > maxMappingKeys {
				return errorf(n.Line, "a mapping of %d keys (at most %d): not a configuration", len(n.Content)/2, maxMappingKeys)
			}
			seen := make(map[string]int, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				switch {
				case k.Tag == "!!merge":
					return errorf(k.Line, "merge keys (<<) are not supported in %s: write the keys out", FileName)
				case k.Kind != yaml.ScalarNode:
					return errorf(k.Line, "a key must be text, got %s", describe(deref(k)))
				}
				if first, dup := seen[k.Value]; dup {
					return errorf(k.Line, "mapping key %q already defined at line %d", k.Value, first)
				}
				seen[k.Value] = k.Line
			}
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(doc); err != nil {
		return err
	}
	// The size of the document with every alias expanded, each anchor's
	// size computed once.
	sizes := map[*yaml.Node]int{}
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return 1
			}
			n = n.Alias
		}
		if s, ok := sizes[n]; ok {
			return s
		}
		sizes[n] = maxExpanded + 1 // a node inside itself: infinite
		s := 1
		for _, c := range n.Content {
			s += size(c)
			if s > maxExpanded {
				break
			}
		}
		sizes[n] = min(s, maxExpanded+1)
		return sizes[n]
	}
	if size(doc) > maxExpanded {
		return errorf(0, "document contains excessive aliasing (more than %d nodes once aliases are expanded)", maxExpanded)
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func keys(m map[string]*shape) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// describe names what a node is, for "want X, got Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		switch n.Tag {
		case "!!null":
			return "nothing (null)"
		case "!!int", "!!float":
			return "the number " + v
		case "!!bool":
			return v
		}
		return strconv.Quote(v)
	}
	return "something else"
}

// describeValue names a decoded value, for "wants X, got Y".
func describeValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing (null)"
	case string:
		if len(x) > 40 {
			x = x[:40] + "..."
		}
		return strconv.Quote(x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprint(v)
}

var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlError turns a yaml.v3 error into one *Error with its line.
func yamlError(prefix string, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return errorf(line, "%s%s", prefix, m[2])
	}
	return errorf(0, "%s%s", prefix, msg)
}
