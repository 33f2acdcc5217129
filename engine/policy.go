package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/loader"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/finding"
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

// DirSources reads every .rego file under dir (recursively), tests included when
// withTests.
func DirSources(dir string, withTests bool) ([]Source, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	if !info.IsDir() {
		if strings.HasSuffix(dir, ".rego") {
			data, err := os.ReadFile(dir)
			return []Source{{Name: dir, Data: data}}, err
		}
		return nil, fmt.Errorf("policy directory %s: not a directory or .rego file", dir)
	}
	// OPA's loader finds the files, as for `opa test` and conftest; netlint
	// reads and parses them itself so that errors name the file as the user
	// gave it.
	paths, err := loader.FilteredPaths([]string{dir}, func(_ string, info fs.FileInfo, _ int) bool {
		name := info.Name()
		return !info.IsDir() && (!strings.HasSuffix(name, ".rego") || !withTests && strings.HasSuffix(name, "_test.rego"))
	})
	if err != nil {
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	sort.Strings(paths)
	out := make([]Source, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
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
			return nil, astError(s.Name, err)
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

// catalogue reads the rules from the package METADATA of every non-test module.
// A module is a rule when its package annotation has custom.id.
func catalogue(mods map[string]*ast.Module, builtin map[string]bool) ([]finding.Rule, error) {
	var rules []finding.Rule
	seen := map[string]string{}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		m := mods[name]
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		for _, a := range m.Annotations {
			if a.Scope != "package" && a.Scope != "document" && a.Scope != "subpackages" {
				continue
			}
			id, _ := a.Custom["id"].(string)
			if id == "" {
				continue
			}
			line := 0
			if a.Location != nil {
				line = a.Location.Row
			}
			bad := func(msg string) error { return &PolicyError{File: name, Line: line, Message: msg} }
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
			switch {
			case r.Name == "":
				return nil, bad("rule " + id + ": METADATA custom.name is missing")
			case finding.Rank(r.Severity) == 0:
				return nil, bad(fmt.Sprintf("rule %s: METADATA custom.severity %q is not error, warning or notice", id, r.Severity))
			case r.Title == "":
				return nil, bad("rule " + id + ": METADATA title is missing")
			}
			if prev, dup := seen[id]; dup {
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
