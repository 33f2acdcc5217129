package finding

import (
	"encoding/json"
	"math"
)

// Param is one rule parameter, declared in the rule's METADATA:
//
//	custom:
//	  params:
//	    max_peerings: {type: integer, default: 10, description: "..."}
//
// Rego reads it with lib.param(ID, name, default); .netlint.yaml sets it under
// rules.<ID>.
type Param struct {
	Name string `json:"name"`
	// Type is one of ParamTypes.
	Type        string `json:"type"`
	Default     any    `json:"default,omitempty"`
	Description string `json:"description,omitempty"`
}

// ParamTypes are the types a parameter may declare, and what each wants.
var ParamTypes = map[string]string{
	"integer": "an integer",
	"number":  "a number",
	"boolean": "true or false",
	"string":  "a string",
	"array":   "a list",
	"object":  "a mapping",
	"any":     "any value",
}

// Accepts reports whether v (as YAML or JSON decodes it) is of the
// parameter's type. Null is never accepted: it would reach the rule as null
// instead of the default.
func (p Param) Accepts(v any) bool {
	if v == nil {
		return false
	}
	switch p.Type {
	case "any":
		return true
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "integer", "number":
		f, isInt, ok := number(v)
		if !ok {
			return false
		}
		return p.Type == "number" || isInt || f == math.Trunc(f)
	}
	return false
}

// number reads the numeric types decoders produce.
func number(v any) (f float64, isInt, ok bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true, true
	case int64:
		return float64(n), true, true
	case int32:
		return float64(n), true, true
	case uint64:
		return float64(n), true, true
	case uint:
		return float64(n), true, true
	case float64:
		return n, false, finite(n)
	case float32:
		return float64(n), false, finite(float64(n))
	case json.Number:
		if _, err := n.Int64(); err == nil {
			return 0, true, true
		}
		x, err := n.Float64()
		return x, false, err == nil && finite(x)
	}
	return 0, false, false
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
