// Package report renders an engine result for people (text) and machines (JSON,
// SARIF). It decides nothing: which findings exist, their order, severities and
// suppressions all come from the result. Each format lives in its own file behind one
// function with the same signature.
package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/netlint/netlint/finding"
)

// Options tune rendering; the zero value is valid.
type Options struct {
	// Color turns on ANSI colour in text output. The CLI sets it when stdout is a
	// terminal; renderers never look at the terminal themselves.
	Color bool
	// ShowSuppressed lists suppressed findings in text output, marked with their
	// reason. JSON and SARIF always carry them, flagged as suppressed.
	ShowSuppressed bool
	// ToolVersion is the netlint version to report; when empty the result's
	// ToolVersion is used.
	ToolVersion string
	// RepoRoot is the directory SARIF artifact URIs are made relative to
	// (uriBaseId %SRCROOT%). Relative paths are taken from the working directory.
	RepoRoot string
	// DocsBaseURI is the rule documentation page; a rule's help link is
	// DocsBaseURI + "#" + lowercase rule id. Empty means no help links.
	DocsBaseURI string

	// The fields below concern SARIF only (sarif.go says why).

	// InputLocation finds a resource without a Terraform source location in
	// the input files (the line of its address in the plan, state or
	// snapshot); nil finds nothing.
	InputLocation func(address string) (file string, line, column int, ok bool)
	// FallbackFile is where a result none of whose resources is located
	// points (line 1): the first input file, else the configuration.
	FallbackFile string
	// Warnings receives one line when SARIF locations point at the input
	// files instead of the Terraform sources; nil discards it.
	Warnings io.Writer
	// MaxResults and MaxRelatedLocations cap a SARIF run and each of its
	// results; 0 is GitHub code scanning's limit (25,000 and 1,000).
	MaxResults, MaxRelatedLocations int
}

// ErrUnknownFormat is returned (wrapped) by Render for a format it does not know.
var ErrUnknownFormat = errors.New("unknown format")

// renderer is the signature every format implements.
type renderer func(w io.Writer, r *finding.Result, o Options) error

// formats lists the renderers in the order Formats reports them. A new format
// (markdown is next) is one file with one function plus one line here.
var formats = []struct {
	name   string
	render renderer
}{
	{"text", Text},
	{"json", JSON},
	{"sarif", SARIF},
	{"markdown", Markdown},
}

// Formats returns the names Render accepts.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// Render writes r to w in the named format.
func Render(format string, w io.Writer, r *finding.Result, o Options) error {
	for _, f := range formats {
		if f.name == format {
			return f.render(w, r, o)
		}
	}
	return fmt.Errorf("%w %q (want %s)", ErrUnknownFormat, format, strings.Join(Formats(), ", "))
}

// orEmpty lets every renderer accept a nil result as "nothing found".
func orEmpty(r *finding.Result) *finding.Result {
	if r == nil {
		return &finding.Result{}
	}
	return r
}

// toolVersion prefers the caller's version over the one recorded in the result.
func toolVersion(r *finding.Result, o Options) string {
	if o.ToolVersion != "" {
		return o.ToolVersion
	}
	return r.ToolVersion
}
