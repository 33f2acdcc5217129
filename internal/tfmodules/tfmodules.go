// Package tfmodules reads .terraform/modules/modules.json, the record
// `terraform init` keeps of where each module call's sources are, for the two
// readers of Terraform sources (file:line locations and expression
// evaluation). A manifest is input like any other: a module directory outside
// the root's repository (an absolute path, or one climbing out with "..") is
// not followed.
package tfmodules

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/netlint/netlint/internal/safeio"
)

// Path is where the manifest lies below a Terraform root.
const Path = ".terraform/modules/modules.json"

// Module is one module call of the manifest.
type Module struct {
	// Key is the call path with dots: "vpc", "net.sub".
	Key string
	// Dir is the directory of its sources, joined to the root when relative.
	Dir string
}

// Manifest is what the root's manifest lists.
type Manifest struct {
	Modules []Module
	// Refused names the module directories not followed, one line each.
	Refused []string
}

// Read reads the manifest of the Terraform root dir. A root without one (not
// initialised, or without module calls) has none and no error. limit bounds
// the file's size (safeio).
func Read(dir string, limit int64) (Manifest, error) {
	var out Manifest
	p := filepath.Join(dir, filepath.FromSlash(Path))
	data, err := safeio.ReadFile(p, limit)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("%s: %w", filepath.ToSlash(p), unwrapPath(err))
	}
	var m struct {
		Modules []struct{ Key, Dir string }
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return out, fmt.Errorf("%s: %w", filepath.ToSlash(p), err)
	}
	boundary := repositoryRoot(dir)
	for _, e := range m.Modules {
		if e.Key == "" {
			continue // the root itself
		}
		if filepath.IsAbs(e.Dir) || filepath.VolumeName(e.Dir) != "" {
			out.Refused = append(out.Refused, fmt.Sprintf("%s: module %s: directory %q is an absolute path; not followed", filepath.ToSlash(p), e.Key, e.Dir))
			continue
		}
		md := filepath.Join(dir, filepath.FromSlash(e.Dir))
		if !within(boundary, md) {
			out.Refused = append(out.Refused, fmt.Sprintf("%s: module %s: directory %q is outside the repository; not followed", filepath.ToSlash(p), e.Key, e.Dir))
			continue
		}
		out.Modules = append(out.Modules, Module{Key: e.Key, Dir: md})
	}
	return out, nil
}

// repositoryRoot is the nearest directory at or above dir holding .git, else
// dir itself: what module directories must stay within.
func repositoryRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// within reports whether path, made absolute and with symbolic links of its
// existing part resolved, lies in root.
func within(root, path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	rel, err := filepath.Rel(root, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
