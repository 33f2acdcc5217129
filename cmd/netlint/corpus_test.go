package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusFindings runs every real third-party plan and state (testdata/corpus,
// copied from the team's corpus) through all rules. Each finding was reviewed
// by hand; the goldens pin them so a rule change that adds a false positive on
// real input shows up in review.
func TestCorpusFindings(t *testing.T) {
	var files []string
	for _, pat := range []string{"plans/*.json", "plans/non-genuine/*.json", "states/*.json"} {
		m, err := filepath.Glob(filepath.Join("../../testdata/corpus", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 18 {
		t.Fatalf("corpus has %d files, want 18", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			res := runCLI(t, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", f)
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			rep := decodeReport(t, res.stdout)
			if rep.Summary["error"] != 0 {
				t.Errorf("%s: errors on a real plan need review: %s", f, res.stdout)
			}
			golden(t, filepath.Join("../../testdata/corpus-findings", name+".golden.json"), []byte(res.stdout))
		})
	}
}
