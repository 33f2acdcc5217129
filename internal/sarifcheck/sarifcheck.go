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
	_ "embed"
	"fmt"
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
