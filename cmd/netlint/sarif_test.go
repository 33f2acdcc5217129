package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netlint/netlint/internal/sarifcheck"
)

// copyTree copies the regular files below src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// runCLIFrom runs the CLI as if started in wd.
func runCLIFrom(t *testing.T, wd string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" },
		getwd:  func() (string, error) { return wd, nil },
	}
	code := run(e, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// sarifURIs returns every artifact URI of the log, and the URI of each
// result's first location.
func sarifURIs(t *testing.T, data string) (all, first []string) {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				Locations, RelatedLocations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				}
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(data), &log); err != nil {
		t.Fatal(err)
	}
	for _, res := range log.Runs[0].Results {
		if len(res.Locations) > 0 && res.Locations[0].PhysicalLocation != nil {
			first = append(first, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
		for _, l := range append(res.Locations, res.RelatedLocations...) {
			if l.PhysicalLocation != nil {
				all = append(all, l.PhysicalLocation.ArtifactLocation.URI)
			}
		}
	}
	return all, first
}

// Run from outside the repository, SARIF URIs are relative to the repository
// of the sources; without the sources, results point at the plan, and a
// warning says so once.
func TestSARIFLocationsFromElsewhere(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	net := filepath.Join(repo, "net")
	copyTree(t, "../../examples/hub-and-spoke", net)
	elsewhere := t.TempDir()
	args := []string{"check", "-f", "sarif", "--fail-on", "never", "-c", filepath.Join(repo, "none.yaml"), filepath.Join(net, "plan.json")}
	if err := os.WriteFile(filepath.Join(repo, "none.yaml"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	res := runCLIFrom(t, elsewhere, args...)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if err := sarifcheck.GitHub([]byte(res.stdout)); err != nil {
		t.Fatalf("GitHub would reject the SARIF: %v", err)
	}
	all, first := sarifURIs(t, res.stdout)
	if len(first) == 0 {
		t.Fatal("no results: the example should give some")
	}
	for _, u := range all {
		if !strings.HasPrefix(u, "net/") {
			t.Errorf("URI %q, want one relative to the repository (net/...)", u)
		}
	}
	if !strings.Contains(strings.Join(first, " "), "net/main.tf") {
		t.Errorf("first locations %v, want the sources", first)
	}
	if strings.Contains(res.stderr, "SARIF locations point at") {
		t.Errorf("warning with the sources present: %s", res.stderr)
	}

	// Without the sources: the plan, line of each address.
	for _, p := range []string{"main.tf", "modules"} {
		if err := os.RemoveAll(filepath.Join(net, p)); err != nil {
			t.Fatal(err)
		}
	}
	res = runCLIFrom(t, elsewhere, args...)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if err := sarifcheck.GitHub([]byte(res.stdout)); err != nil {
		t.Fatalf("GitHub would reject the SARIF: %v", err)
	}
	if _, first := sarifURIs(t, res.stdout); len(first) == 0 || strings.Count(strings.Join(first, " "), "net/plan.json") != len(first) {
		t.Errorf("first locations %v, want all net/plan.json", first)
	}
	if n := strings.Count(res.stderr, "SARIF locations point at"); n != 1 {
		t.Errorf("stderr %q: want the warning once", res.stderr)
	}
}
