// Package sarifcheck validates SARIF logs against the SARIF 2.1.0 JSON Schema, so that
// any package's tests can check the SARIF they produce without network access or files
// outside the module.
//
// The schema (sarif-schema-2.1.0.json) is embedded verbatim, copied unmodified from
// the team corpus (schemas/sarif-schema-2.1.0.json). Unlike the draft-04 schema OASIS
// publishes, it is a draft-07 variant whose root object is empty apart from metadata:
// the real root lives in definitions/Root. Compiling the document itself would accept
// any JSON at all, so Validate compiles #/definitions/Root.
package sarifcheck

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed sarif-schema-2.1.0.json
var schemaJSON []byte

// schemaURL is the schema's own $id; registering the document under it lets its
// internal "#/definitions/..." references resolve without any loader.
const schemaURL = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

var (
	compileOnce sync.Once
	compiled    *jsonschema.Schema
	compileErr  error
)

func schema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			compileErr = fmt.Errorf("parse embedded SARIF schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		// Formats (uri, uri-reference, date-time) are asserted for draft-07 already;
		// say so explicitly so a library default change cannot loosen the check.
		c.AssertFormat()
		if err := c.AddResource(schemaURL, doc); err != nil {
			compileErr = fmt.Errorf("add embedded SARIF schema: %w", err)
			return
		}
		compiled, compileErr = c.Compile(schemaURL + "#/definitions/Root")
		if compileErr != nil {
			compileErr = fmt.Errorf("compile embedded SARIF schema: %w", compileErr)
		}
	})
	return compiled, compileErr
}

// Validate reports whether data is a SARIF 2.1.0 log that satisfies the schema. The
// error lists every violation with its JSON pointer.
func Validate(data []byte) error {
	sch, err := schema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("parse SARIF: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("SARIF schema: %v", err)
	}
	return nil
}

// GitHub code scanning's limits on an upload ("SARIF results exceed one or more
// limits" and "SARIF file is too large" in GitHub's code scanning docs): beyond
// any of them the whole file is rejected.
const (
	GitHubMaxRuns      = 20
	GitHubMaxResults   = 25000
	GitHubMaxRules     = 25000
	GitHubMaxLocations = 1000 // per result
	GitHubMaxGzipBytes = 10 << 20
)

// GitHub reports whether data is a log code scanning accepts and can show:
// valid SARIF within GitHub's limits, where every result has a physical
// location with a relative URI (an absolute file:// URI names a file of the
// machine that ran the tool, not of the repository).
func GitHub(data []byte) error {
	if err := Validate(data); err != nil {
		return err
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []json.RawMessage `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID           string                `json:"ruleId"`
				Locations        []ghLocation          `json:"locations"`
				RelatedLocations []ghLocation          `json:"relatedLocations"`
				Message          struct{ Text string } `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return fmt.Errorf("parse SARIF: %w", err)
	}
	var errs []error
	if len(log.Runs) > GitHubMaxRuns {
		errs = append(errs, fmt.Errorf("%d runs, GitHub accepts %d", len(log.Runs), GitHubMaxRuns))
	}
	for r, run := range log.Runs {
		if n := len(run.Results); n > GitHubMaxResults {
			errs = append(errs, fmt.Errorf("run %d: %d results, GitHub accepts %d", r, n, GitHubMaxResults))
		}
		if n := len(run.Tool.Driver.Rules); n > GitHubMaxRules {
			errs = append(errs, fmt.Errorf("run %d: %d rules, GitHub accepts %d", r, n, GitHubMaxRules))
		}
		for i, res := range run.Results {
			where := fmt.Sprintf("run %d result %d (%s %q)", r, i, res.RuleID, res.Message.Text)
			if n := len(res.Locations) + len(res.RelatedLocations); n > GitHubMaxLocations {
				errs = append(errs, fmt.Errorf("%s: %d locations, GitHub accepts %d", where, n, GitHubMaxLocations))
			}
			if len(res.Locations) == 0 || res.Locations[0].PhysicalLocation == nil || res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
				errs = append(errs, fmt.Errorf("%s: no physical location", where))
			}
			for _, l := range append(res.Locations, res.RelatedLocations...) {
				if pl := l.PhysicalLocation; pl != nil && strings.HasPrefix(pl.ArtifactLocation.URI, "file:") {
					errs = append(errs, fmt.Errorf("%s: absolute URI %s", where, pl.ArtifactLocation.URI))
				}
			}
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(data)
	_ = zw.Close()
	if gz.Len() > GitHubMaxGzipBytes {
		errs = append(errs, fmt.Errorf("%d bytes gzipped, GitHub accepts %d", gz.Len(), GitHubMaxGzipBytes))
	}
	if len(errs) > 10 {
		errs = append(errs[:10], fmt.Errorf("and %d more", len(errs)-10))
	}
	return errors.Join(errs...)
}

type ghLocation struct {
	PhysicalLocation *struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
	} `json:"physicalLocation"`
}
