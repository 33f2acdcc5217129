// Package config reads .netlint.yaml: on-premises sites, per-rule settings and
// waivers.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/safeio"
	"github.com/netlint/netlint/model"
)

// FileName is the configuration file searched for from the working directory up.
const FileName = ".netlint.yaml"

// Config is a parsed .netlint.yaml.
type Config struct {
	// Path is the file it was read from ("" for the empty default).
	Path    string
	Sites   []Site
	Rules   map[string]RuleSetting
	Waivers []Waiver
}

// Site is an on-premises network AWS cannot know.
type Site struct {
	Name string
	// CIDRs are the ranges the site uses; Summaries are wider prefixes it
	// announces (longest-prefix match lets more specific ranges through).
	CIDRs     []string
	Summaries []string
	Devices   []model.Device
	// Via are globs on the address or AWS id of the VPN connections,
	// customer gateways, DX virtual interfaces or DX gateways reaching it.
	Via  []string
	Line int
}

// RuleSetting is one entry under rules:.
type RuleSetting struct {
	Off      bool
	Severity string
	// Params are the remaining keys (max_peerings, require_encryption, ...).
	Params map[string]any
	// Line is the entry's line; ParamLines the line of each parameter.
	Line       int
	ParamLines map[string]int
}

// Error is a mistake in the configuration: "FILE:LINE: what is wrong".
type Error struct {
	File string
	// Line is 0 when not known.
	Line int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// errorf is an *Error at a line.
func errorf(line int, format string, a ...any) error {
	return &Error{Line: line, Msg: fmt.Sprintf(format, a...)}
}

// Waiver accepts a finding on purpose.
type Waiver struct {
	Rule string
	// Resource is a glob on the address, AWS id or ARN of a finding's primary
	// (first) resource.
	Resource string
	// With are globs that must each match another resource of the finding:
	// a waiver of a pair (an overlap of two networks) names both.
	With   []string
	Reason string
	// Expires is the last day the waiver holds; zero means never.
	Expires time.Time
	Line    int
	match   *regexp.Regexp
	with    []*regexp.Regexp
}

type rawConfig struct {
	Sites []struct {
		Name      string   `yaml:"name"`
		CIDRs     []string `yaml:"cidrs"`
		Summaries []string `yaml:"summaries"`
		Via       []string `yaml:"via"`
		Devices   []struct {
			Name string `yaml:"name"`
			IP   string `yaml:"ip"`
			ASN  int64  `yaml:"asn"`
			BGP  *bool  `yaml:"bgp"`
		} `yaml:"devices"`
	} `yaml:"sites"`
	Rules   map[string]yaml.Node `yaml:"rules"`
	Waivers []struct {
		Rule     string     `yaml:"rule"`
		Resource string     `yaml:"resource"`
		With     stringList `yaml:"with"`
		Reason   string     `yaml:"reason"`
		Expires  string     `yaml:"expires"`
	} `yaml:"waivers"`
}

// stringList is a YAML string or list of strings (the shape check has held
// the node to one of those).
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = stringList{n.Value}
		return nil
	}
	var s []string
	if err := n.Decode(&s); err != nil {
		return err
	}
	if s == nil {
		s = []string{}
	}
	*l = s
	return nil
}

// maxASN is the largest 4-byte AS number.
const maxASN = 1<<32 - 1

// MaxSize bounds the configuration file: a real one is a few kilobytes.
const MaxSize = 8 << 20

// Find looks for .netlint.yaml in dir and its parents; "" when there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and validates a config file (a regular file of sane size). Errors
// are *Error naming the file, and the line when known.
func Load(path string) (*Config, error) {
	data, err := safeio.ReadFile(path, MaxSize)
	if errors.Is(err, safeio.ErrTooLarge) {
		return nil, &Error{File: path, Msg: fmt.Sprintf("larger than %s: not a configuration file", safeio.FormatSize(MaxSize))}
	}
	if err != nil {
		return nil, &Error{File: path, Msg: unwrap(err).Error()}
	}
	c, err := Parse(data)
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			ce.File = path
			return nil, ce
		}
		return nil, &Error{File: path, Msg: err.Error()}
	}
	c.Path = path
	return c, nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse validates a config document.
func Parse(data []byte) (*Config, error) {
	var raw rawConfig
	utf16 := bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
	if i := bytes.IndexByte(data, 0); i >= 0 && !utf16 {
		return nil, errorf(1+bytes.Count(data[:i], []byte("\n")), "a NUL byte: not a YAML text file")
	}
	var doc yaml.Node
	docs := yaml.NewDecoder(bytes.NewReader(data))
	if err := docs.Decode(&doc); err != nil && err != io.EOF {
		return nil, yamlError("invalid YAML: ", err)
	}
	// A second document (after ---) would be silently ignored.
	var next yaml.Node
	if err := docs.Decode(&next); err != io.EOF {
		if err != nil {
			return nil, yamlError("invalid YAML: ", err)
		}
		return nil, errorf(next.Line, "a second YAML document (after ---): %s holds one", FileName)
	}
	if err := prescan(&doc); err != nil {
		return nil, err
	}
	// The shape first, for errors that name the line and the key rather
	// than Go types.
	if err := checkShape(&doc); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil && err != io.EOF {
		return nil, yamlError("", err)
	}
	lines := lineIndex(&doc)
	c := &Config{Rules: map[string]RuleSetting{}}
	siteLines := map[string]int{}
	for i, s := range raw.Sites {
		line := lines[fmt.Sprintf("sites.%d", i)]
		at := func(msg string, a ...any) error {
			return errorf(line, "site %q: %s", s.Name, fmt.Sprintf(msg, a...))
		}
		if s.Name == "" {
			return nil, errorf(line, "site without a name")
		}
		if first, dup := siteLines[s.Name]; dup {
			return nil, at("already defined at line %d (site names are unique)", first)
		}
		siteLines[s.Name] = line
		site := Site{Name: s.Name, Line: line}
		for _, cidr := range s.CIDRs {
			p, err := netip.ParsePrefix(cidr)
			if err != nil {
				return nil, at("%q is not a CIDR", cidr)
			}
			site.CIDRs = append(site.CIDRs, p.Masked().String())
		}
		for _, cidr := range s.Summaries {
			p, err := netip.ParsePrefix(cidr)
			if err != nil {
				return nil, at("summary %q is not a CIDR", cidr)
			}
			site.Summaries = append(site.Summaries, p.Masked().String())
		}
		for _, v := range s.Via {
			if strings.TrimSpace(v) == "" {
				return nil, at("via has an empty entry")
			}
			site.Via = append(site.Via, v)
		}
		for _, d := range s.Devices {
			if d.ASN < 0 || d.ASN > maxASN {
				return nil, at("device %q: asn %d is not an ASN (1 to %d)", d.Name, d.ASN, int64(maxASN))
			}
			if d.IP != "" {
				if _, err := netip.ParseAddr(d.IP); err != nil {
					return nil, at("device %q: %q is not an IP address", d.Name, d.IP)
				}
			}
			site.Devices = append(site.Devices, model.Device{Name: d.Name, IP: d.IP, ASN: d.ASN, BGP: d.BGP})
		}
		c.Sites = append(c.Sites, site)
	}
	for id, node := range raw.Rules {
		rs, err := ruleSetting(id, &node)
		if err != nil {
			return nil, err
		}
		c.Rules[id] = rs
	}
	for i, w := range raw.Waivers {
		line := lines[fmt.Sprintf("waivers.%d", i)]
		wv := Waiver{Rule: w.Rule, Resource: w.Resource, Reason: strings.TrimSpace(w.Reason), Line: line}
		switch {
		case w.Rule == "":
			return nil, errorf(line, "waiver without a rule")
		case w.Resource == "":
			return nil, errorf(line, "waiver for %s without a resource", w.Rule)
		case wv.Reason == "":
			return nil, errorf(line, "waiver for %s on %s has no reason (a reason is required)", w.Rule, w.Resource)
		}
		if w.Expires != "" {
			t, err := time.Parse("2006-01-02", w.Expires)
			if err != nil {
				return nil, errorf(line, "waiver expires %q is not a date (YYYY-MM-DD)", w.Expires)
			}
			wv.Expires = t
		}
		for _, g := range w.With {
			if g == "" {
				return nil, errorf(line, "waiver for %s on %s: with names an empty resource", w.Rule, w.Resource)
			}
			wv.With = append(wv.With, g)
			wv.with = append(wv.with, Glob(g))
		}
		if w.With != nil && len(w.With) == 0 {
			return nil, errorf(line, "waiver for %s on %s: with is an empty list (name the other resources, or drop with)", w.Rule, w.Resource)
		}
		wv.match = Glob(w.Resource)
		c.Waivers = append(c.Waivers, wv)
	}
	return c, nil
}

func ruleSetting(id string, node *yaml.Node) (RuleSetting, error) {
	at := func(line int, msg string, a ...any) error {
		return errorf(line, "rules.%s: %s", id, fmt.Sprintf(msg, a...))
	}
	if node.Kind == yaml.AliasNode && node.Alias != nil {
		node = node.Alias
	}
	if node.Kind == yaml.ScalarNode {
		rs := RuleSetting{Line: node.Line}
		switch strings.ToLower(node.Value) {
		case "off", "false", "disable", "disabled":
			rs.Off = true
			return rs, nil
		case "on", "true", "enable", "enabled":
			return rs, nil
		}
		if finding.Rank(node.Value) > 0 {
			rs.Severity = node.Value
			return rs, nil
		}
		if node.Tag != "!!str" {
			return RuleSetting{}, at(node.Line, "want off, on, a severity, or a mapping of settings; got %s", describe(node))
		}
		return RuleSetting{}, at(node.Line, "%q is not off, on or a severity", node.Value)
	}
	if node.Kind != yaml.MappingNode {
		return RuleSetting{}, at(node.Line, "want off, on, a severity, or a mapping of settings; got %s", describe(node))
	}
	rs := RuleSetting{Params: map[string]any{}, ParamLines: map[string]int{}, Line: node.Line}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, val := node.Content[i], node.Content[i+1]
		k := key.Value
		var v any
		if err := val.Decode(&v); err != nil {
			return rs, at(key.Line, "%s: %s", k, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		switch k {
		case "severity":
			s, _ := v.(string)
			if finding.Rank(s) == 0 {
				return rs, at(key.Line, "severity %v is not error, warning or notice", v)
			}
			rs.Severity = s
		case "off", "enabled":
			b, ok := v.(bool)
			if !ok {
				return rs, at(key.Line, "%s must be true or false", k)
			}
			rs.Off = (k == "off") == b
		default:
			rs.Params[k] = v
			rs.ParamLines[k] = key.Line
		}
	}
	return rs, nil
}

// lineIndex maps "sites.N" and "waivers.N" to the line of each list item.
func lineIndex(doc *yaml.Node) map[string]int {
	out := map[string]int{}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return out
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i].Value, top.Content[i+1]
		if val.Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range val.Content {
			out[fmt.Sprintf("%s.%d", key, j)] = item.Line
		}
	}
	return out
}

// ModelSites turns the declared sites into model elements.
func (c *Config) ModelSites() []*model.Site {
	var out []*model.Site
	for _, s := range c.Sites {
		out = append(out, &model.Site{
			Meta: model.Meta{ID: "site." + s.Name, Type: "netlint_site", Address: "site." + s.Name,
				Name: s.Name, File: c.Path, Line: s.Line},
			CIDRs: s.CIDRs, Summaries: s.Summaries, Devices: s.Devices, Via: s.Via,
		})
	}
	return out
}

// Glob compiles a waiver pattern: '*' matches any run of characters, '?' one
// character, everything else itself (brackets and quotes of addresses included).
func Glob(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
