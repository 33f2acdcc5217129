package main

import (
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/netlint/netlint/config"
	"github.com/netlint/netlint/internal/safeio"
	"github.com/netlint/netlint/internal/termsafe"
	"github.com/netlint/netlint/report"
	"github.com/netlint/netlint/tfsource"
)

// sarifOptions sets what the SARIF report needs to give every result a
// repository-relative physical location: the repository of the sources, the
// input files to point at when the sources are not there, and where to say so.
func sarifOptions(o *report.Options, e env, f checkFlags, wd string, paths []string) {
	o.RepoRoot = sourcesRoot(wd, f.tfDir, paths)
	limit, err := safeio.ParseSize(f.maxInputSize)
	if err != nil {
		limit = 0
	}
	in := tfsource.NewInputs(paths, limit)
	o.InputLocation = func(addr string) (string, int, int, bool) {
		l, ok := in.Lookup(addr)
		return l.File, l.Line, l.Column, ok
	}
	if files := in.Files(); len(files) > 0 {
		o.FallbackFile = files[0]
	} else if f.configPath != "" {
		o.FallbackFile = f.configPath
	} else {
		o.FallbackFile = config.Find(wd)
	}
	// Said once, however many SARIF reports -o writes.
	o.Warnings = &onceWriter{w: termsafe.Lines{W: e.stderr}}
}

// sourcesRoot is the repository SARIF URIs are relative to: the nearest
// directory holding .git above the Terraform sources (--tf-dir), else above
// an input file, else above the working directory (else the working
// directory itself). It does not depend on where netlint runs from.
func sourcesRoot(wd, tfDir string, paths []string) string {
	var dirs []string
	if tfDir != "" {
		dirs = append(dirs, tfDir)
	}
	for _, p := range paths {
		if p != "" && p != "-" {
			dirs = append(dirs, filepath.Dir(p))
		}
	}
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		for dir := abs; ; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
				return dir
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return repoRoot(wd)
}

// onceWriter passes on the first write only.
type onceWriter struct {
	once sync.Once
	w    io.Writer
}

func (o *onceWriter) Write(p []byte) (int, error) {
	o.once.Do(func() { _, _ = o.w.Write(p) })
	return len(p), nil
}
