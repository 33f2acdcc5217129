package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/sarifcheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/report")

const goldenDir = "../testdata/report"

// testOptions are what the CLI would pass; RepoRoot "." makes the fixtures'
// relative paths relative to the package directory, i.e. unchanged.
var testOptions = Options{
	ToolVersion: "0.1.0-test",
	RepoRoot:    ".",
	DocsBaseURI: "https://github.com/netlint/netlint/blob/main/docs/rules.md",
}

func TestGolden(t *testing.T) {
	withSuppressed := testOptions
	withSuppressed.ShowSuppressed = true
	withColor := testOptions
	withColor.Color = true

	results := []struct {
		name   string
		result func() *finding.Result
	}{
		{"empty", emptyResult},
		{"mixed", mixedResult},
		{"live", liveResult},
	}
	variants := []struct {
		name   string // golden file suffix
		format string
		opts   Options
	}{
		{"txt", "text", testOptions},
		{"suppressed.txt", "text", withSuppressed},
		{"color.txt", "text", withColor},
		{"json", "json", testOptions},
		{"sarif", "sarif", testOptions},
	}
	for _, rc := range results {
		for _, v := range variants {
			name := rc.name + "." + v.name
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Render(v.format, &buf, rc.result(), v.opts); err != nil {
					t.Fatalf("Render(%s): %v", v.format, err)
				}
				got := buf.Bytes()
				switch v.format {
				case "sarif":
					if err := sarifcheck.Validate(got); err != nil {
						t.Errorf("invalid SARIF: %v", err)
					}
				case "json":
					decodeContract(t, got)
				}
				checkGolden(t, filepath.Join(goldenDir, name), got)
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (regenerate with go test ./report -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (regenerate with go test ./report -update)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func TestFormats(t *testing.T) {
	want := []string{"text", "json", "sarif", "markdown"}
	if got := Formats(); !slices.Equal(got, want) {
		t.Errorf("Formats() = %q, want %q", got, want)
	}
}

func TestRenderDispatchesToTheNamedFormat(t *testing.T) {
	direct := map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return Text(b, mixedResult(), testOptions) },
		"json":     func(b *bytes.Buffer) error { return JSON(b, mixedResult(), testOptions) },
		"sarif":    func(b *bytes.Buffer) error { return SARIF(b, mixedResult(), testOptions) },
		"markdown": func(b *bytes.Buffer) error { return Markdown(b, mixedResult(), testOptions) },
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var viaRender, viaFunc bytes.Buffer
			if err := Render(format, &viaRender, mixedResult(), testOptions); err != nil {
				t.Fatal(err)
			}
			if err := direct[format](&viaFunc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(viaRender.Bytes(), viaFunc.Bytes()) {
				t.Errorf("Render(%q) differs from calling the format's function", format)
			}
		})
	}
}

func TestRenderRejectsUnknownFormat(t *testing.T) {
	for _, format := range []string{"xml", "", "JSON", "Markdown"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			err := Render(format, &buf, mixedResult(), testOptions)
			if !errors.Is(err, ErrUnknownFormat) {
				t.Fatalf("Render(%q) error = %v, want ErrUnknownFormat", format, err)
			}
			if !strings.Contains(err.Error(), "text, json, sarif, markdown") {
				t.Errorf("error %q does not list the known formats", err)
			}
			if buf.Len() != 0 {
				t.Errorf("Render(%q) wrote %q before failing", format, buf.String())
			}
		})
	}
}

func TestRenderersTreatNilResultAsEmpty(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var fromNil, fromEmpty bytes.Buffer
			if err := Render(format, &fromNil, nil, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Render(format, &fromEmpty, &finding.Result{}, Options{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fromNil.Bytes(), fromEmpty.Bytes()) {
				t.Errorf("nil result renders\n%s\nwant the empty result's\n%s", fromNil.String(), fromEmpty.String())
			}
		})
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderersReportWriteErrors(t *testing.T) {
	for _, format := range Formats() {
		if err := Render(format, errWriter{}, mixedResult(), testOptions); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("Render(%q) to a failing writer: error = %v, want the write error", format, err)
		}
	}
}
