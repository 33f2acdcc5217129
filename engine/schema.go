package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/model"
)

// InputSchema is the JSON Schema of `input` as Rego sees it: the model, its
// derived facts, and the rule parameters under config. Fields a loader may leave
// out are not required; a value the model does not hold is an error when strict
// (what rules and their tests are checked against), allowed otherwise (what
// `netlint schema` publishes, so that older rules keep validating newer input).
func InputSchema(strict bool) *jsonschema.Schema {
	r := &jsonschema.Reflector{AllowAdditionalProperties: !strict, RequiredFromJSONSchemaTags: strict}
	s := r.Reflect(&model.Network{})
	s.Title = "netlint policy input"
	s.Description = "The normalized network model (element maps keyed by model ID), derived connectivity, and rule parameters."
	if def, ok := s.Definitions["Network"]; ok {
		cfg := &jsonschema.Schema{Type: "object", Description: "Rule parameters from .netlint.yaml: config.rules[ID][key]."}
		def.Properties.Set("config", cfg)
	}
	return s
}

// strictSchema is the strict input schema, its JSON, and a validator compiled
// from it.
var strictSchema = sync.OnceValues(func() (*inputSchema, error) {
	s := InputSchema(true)
	doc, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	parsed, err := validator.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	c := validator.NewCompiler()
	if err := c.AddResource(schemaURL, parsed); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	return &inputSchema{schema: s, compiler: c, compiled: map[string]*validator.Schema{}}, nil
})

const schemaURL = "urn:netlint:input"

type inputSchema struct {
	schema   *jsonschema.Schema
	compiler *validator.Compiler

	mu       sync.Mutex
	compiled map[string]*validator.Schema // by JSON pointer
}

// resolve follows a $ref to its definition.
func (s *inputSchema) resolve(x *jsonschema.Schema) *jsonschema.Schema {
	for x != nil && x.Ref != "" {
		x = s.schema.Definitions[strings.TrimPrefix(x.Ref, "#/$defs/")]
	}
	return x
}

// step is the schema of x's member named key: a struct's field, a map's values
// (any key), an array's items (key ""). It is nil when x has no such member;
// open is true when x says nothing about its members (config, any).
func (s *inputSchema) step(x *jsonschema.Schema, key string, byName bool) (next *jsonschema.Schema, open bool) {
	x = s.resolve(x)
	switch {
	case x == nil:
		return nil, true
	case x.Type == "array":
		if byName {
			return nil, false
		}
		return s.resolve(x.Items), x.Items == nil
	case x.Properties != nil && x.Properties.Len() > 0:
		if !byName {
			return nil, true // a field chosen at run time
		}
		f, _ := x.Properties.Get(key)
		return s.resolve(f), false
	case x.AdditionalProperties != nil && x.AdditionalProperties != jsonschema.FalseSchema && x.AdditionalProperties != jsonschema.TrueSchema:
		return s.resolve(x.AdditionalProperties), false
	case x.Type == "object" || x.Type == "":
		return nil, true
	}
	return nil, false // a string, number or boolean has no members
}

// fields lists a struct schema's field names, for messages.
func fields(x *jsonschema.Schema) string {
	var out []string
	if x != nil && x.Properties != nil {
		for p := x.Properties.Oldest(); p != nil; p = p.Next() {
			out = append(out, p.Key)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// pointer is the JSON pointer of the schema at a path of field names below the
// input's root, for validating a part of the input.
func (s *inputSchema) pointer(path []string) (string, error) {
	ptr := "#/$defs/Network"
	x := s.resolve(s.schema)
	for _, name := range path {
		x = s.resolve(x)
		switch {
		case x.Properties != nil && x.Properties.Len() > 0:
			f, ok := x.Properties.Get(name)
			if !ok {
				return "", fmt.Errorf("input.%s: the input has no field %q", strings.Join(path, "."), name)
			}
			if f.Ref != "" {
				ptr, x = f.Ref, f
				continue
			}
			ptr += "/properties/" + name
			x = f
		case x.AdditionalProperties != nil:
			ptr += "/additionalProperties"
			x = x.AdditionalProperties
		default:
			return "", nil // nothing to check below here
		}
	}
	return ptr, nil
}

// validate checks a value Rego puts at input.<path> against the strict schema.
func (s *inputSchema) validate(path []string, v ast.Value) error {
	ptr, err := s.pointer(path)
	if err != nil || ptr == "" {
		return err
	}
	s.mu.Lock()
	sch := s.compiled[ptr]
	if sch == nil {
		sch, err = s.compiler.Compile(schemaURL + ptr)
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("input schema at %s: %w", ptr, err)
		}
		s.compiled[ptr] = sch
	}
	s.mu.Unlock()
	doc, err := ast.JSON(v)
	if err != nil {
		return fmt.Errorf("input is not JSON: %w", err)
	}
	// The model writes an empty list or map as null, which the schema (from
	// Go types) cannot say: a null member is taken as absent.
	doc = dropNulls(doc)
	// The validator wants JSON numbers as json.Number: round trip the value.
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	inst, err := validator.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("the input does not match netlint's model (netlint schema): %s", flatten(err))
	}
	return nil
}

var english = message.NewPrinter(language.English)

// flatten turns the validator's tree of causes into one line per violation.
func flatten(err error) string {
	ve, ok := err.(*validator.ValidationError)
	if !ok {
		return err.Error()
	}
	var lines []string
	var walk func(e *validator.ValidationError)
	walk = func(e *validator.ValidationError) {
		if len(e.Causes) == 0 {
			loc := "input"
			for _, p := range e.InstanceLocation {
				loc += fmt.Sprintf("[%q]", p)
			}
			lines = append(lines, loc+": "+e.ErrorKind.LocalizedString(english))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}

func dropNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil {
				delete(v, k)
			} else {
				v[k] = dropNulls(x)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = dropNulls(x)
		}
	}
	return v
}
