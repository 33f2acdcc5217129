package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/loader"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/safeio"
)

// Source is one Rego file.
type Source struct {
	// Name is how errors and the catalogue refer to the file: "policies/vpn/x.rego"
	// for built-ins, the path as given for user policies.
	Name    string
	Data    []byte
	Builtin bool
}

// PolicyError locates a Rego problem: a parse or compile error, or a rule whose
// metadata breaks the convention.
type PolicyError struct {
	File    string
	Line    int
	Message string
}

func (e *PolicyError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// BuiltinSources returns the embedded policies, tests included when withTests.
func BuiltinSources(fsys fs.FS, withTests bool) ([]Source, error) {
	var out []Source
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, Source{Name: path.Join("policies", p), Data: data, Builtin: true})
		return nil
	})
	return out, err
}

// readError says why a policy file could not be read.
func readError(err error) string {
	if errors.Is(err, safeio.ErrTooLarge) {
		return fmt.Sprintf("larger than %s: not a policy file", safeio.FormatSize(MaxPolicySize))
	}
	return unwrapPathError(err)
}

// MaxPolicySize bounds one .rego file: real ones are a few kilobytes.
const MaxPolicySize = 8 << 20

// DirSources reads every .rego file under dir (recursively), tests included when
// withTests.
func DirSources(dir string, withTests bool) ([]Source, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	if !info.IsDir() {
		if strings.HasSuffix(dir, ".rego") {
			data, err := safeio.ReadFile(dir, MaxPolicySize)
			if err != nil {
				return nil, &PolicyError{File: dir, Message: readError(err)}
			}
			return []Source{{Name: dir, Data: data}}, nil
		}
		return nil, fmt.Errorf("policy directory %s: not a directory or .rego file", dir)
	}
	// OPA's loader finds the files, as for `opa test` and conftest; netlint
	// reads and parses them itself so that errors name the file as the user
	// gave it.
	var dataFile string
	rego := 0
	paths, err := loader.FilteredPaths([]string{dir}, func(p string, info fs.FileInfo, _ int) bool {
		name := info.Name()
		if info.IsDir() {
			return false
		}
		switch name {
		case "data.json", "data.yaml", "data.yml":
			if dataFile == "" {
				dataFile = p
			}
		}
		if strings.HasSuffix(name, ".rego") {
			rego++
		}
		return !strings.HasSuffix(name, ".rego") || !withTests && strings.HasSuffix(name, "_test.rego")
	})
	if err != nil {
		if strings.Contains(err.Error(), "too many levels of symbolic links") {
			return nil, errors.New("policy directory: a loop of symbolic links under it")
		}
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	if dataFile != "" {
		return nil, &PolicyError{File: dataFile, Message: "data documents are not loaded: policies read input, and constants belong in Rego"}
	}
	if rego == 0 {
		return nil, errors.New("policy directory: no .rego files under it")
	}
	sort.Strings(paths)
	out := make([]Source, 0, len(paths))
	for _, p := range paths {
		data, err := safeio.ReadFile(p, MaxPolicySize)
		if err != nil {
			return nil, &PolicyError{File: p, Message: readError(err)}
		}
		out = append(out, Source{Name: p, Data: data})
	}
	return out, nil
}

// parseModules parses every source as Rego v1 with annotations.
func parseModules(srcs []Source) (map[string]*ast.Module, error) {
	mods := make(map[string]*ast.Module, len(srcs))
	for _, s := range srcs {
		m, err := ast.ParseModuleWithOpts(s.Name, string(s.Data), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			pe := astError(s.Name, err)
			// Rego v0 (deny[msg] { ... }) parses as v0: say so.
			if _, v0err := ast.ParseModuleWithOpts(s.Name, string(s.Data), ast.ParserOptions{RegoVersion: ast.RegoV0, ProcessAnnotation: true}); v0err == nil {
				if p, ok := pe.(*PolicyError); ok {
					p.Message += "; this is Rego v0, and netlint reads Rego v1 (`opa fmt --write --v0-v1 FILE` converts it)"
				}
			}
			return nil, pe
		}
		if _, dup := mods[s.Name]; dup {
			return nil, &PolicyError{File: s.Name, Message: "loaded twice"}
		}
		mods[s.Name] = m
	}
	return mods, nil
}

// astError turns OPA's errors into one PolicyError naming the first file and line.
func astError(file string, err error) error {
	if errs, ok := err.(ast.Errors); ok && len(errs) > 0 {
		e := errs[0]
		pe := &PolicyError{File: file, Message: e.Code + ": " + e.Message}
		if e.Location != nil {
			if e.Location.File != "" {
				pe.File = e.Location.File
			}
			pe.Line = e.Location.Row
		}
		if len(errs) > 1 {
			pe.Message += fmt.Sprintf(" (and %d more)", len(errs)-1)
		}
		return pe
	}
	return &PolicyError{File: file, Message: err.Error()}
}

// validID is what a rule id may be: it names the rule in .netlint.yaml,
// --only, waivers and reports.
var validID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,39}$`)

// catalogue reads the rules from the package METADATA of every non-test module.
// A module is a rule when its package annotation has custom.id.
func catalogue(mods map[string]*ast.Module, builtin map[string]bool) ([]finding.Rule, error) {
	var rules []finding.Rule
	seen := map[string]string{}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	// The built-in rules first, so that a user's rule reusing an id is the
	// one named.
	sort.Slice(names, func(i, j int) bool {
		if builtin[names[i]] != builtin[names[j]] {
			return builtin[names[i]]
		}
		return names[i] < names[j]
	})
	for _, name := range names {
		m := mods[name]
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		for _, a := range m.Annotations {
			if a.Scope != "package" && a.Scope != "document" && a.Scope != "subpackages" {
				continue
			}
			line := 0
			if a.Location != nil {
				line = a.Location.Row
			}
			bad := func(msg string) error { return &PolicyError{File: name, Line: line, Message: msg} }
			rawID, has := a.Custom["id"]
			id, _ := rawID.(string)
			if has && !validID.MatchString(id) {
				return nil, bad(fmt.Sprintf("METADATA custom.id %v is not a rule id (letters, digits, - and _, such as ACME001)", rawID))
			}
			if id == "" {
				continue
			}
			r := finding.Rule{
				ID:          id,
				Title:       a.Title,
				Description: strings.TrimSpace(a.Description),
				Package:     m.Package.Path.String(),
				File:        name,
				Builtin:     builtin[name],
			}
			r.Name, _ = a.Custom["name"].(string)
			r.Severity, _ = a.Custom["severity"].(string)
			r.Remediation, _ = a.Custom["remediation"].(string)
			r.Remediation = strings.TrimSpace(r.Remediation)
			r.Family = familyOf(name)
			if fx, ok := a.Custom["fixtures"].([]any); ok {
				for _, x := range fx {
					if s, ok := x.(string); ok {
						r.Fixtures = append(r.Fixtures, s)
					}
				}
			}
			params, msg := readParams(a.Custom["params"])
			if msg != "" {
				return nil, bad("rule " + id + ": " + msg)
			}
			r.Params = params
			switch {
			case r.Name == "":
				return nil, bad("rule " + id + ": METADATA custom.name is missing")
			case finding.Rank(r.Severity) == 0:
				return nil, bad(fmt.Sprintf("rule %s: METADATA custom.severity %q is not error, warning or notice", id, r.Severity))
			case r.Title == "":
				return nil, bad("rule " + id + ": METADATA title is missing")
			}
			if prev, dup := seen[id]; dup {
				if builtin[prev] {
					return nil, bad(fmt.Sprintf("rule id %s is a built-in rule's (%s): choose another id", id, prev))
				}
				return nil, bad(fmt.Sprintf("rule id %s is already defined in %s", id, prev))
			}
			seen[id] = name
			rules = append(rules, r)
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules, nil
}

func familyOf(file string) string {
	dir := path.Base(path.Dir(filepath.ToSlash(file)))
	if dir == "." || dir == "/" {
		return ""
	}
	return dir
}
