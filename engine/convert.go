package engine

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/model"
)

// Input builds the Rego input document for a network: the model as JSON plus the
// rule parameters under "config". The model is converted to AST values
// directly, by encoding/json's rules for its types (json names, omitempty,
// embedded structs, nil slices and maps as null), which gives the same value as
// encoding it and parsing the JSON back at a fraction of the cost. A model that
// holds something this conversion does not reproduce exactly (a string that is
// not valid UTF-8, a type with its own JSON encoding) takes the JSON round trip.
func Input(n *model.Network, params map[string]map[string]any) (ast.Value, error) {
	obj, ok := modelObject(n)
	if !ok {
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(n); err != nil {
			return nil, fmt.Errorf("encode model: %w", err)
		}
		v, err := ast.ValueFromReader(&buf)
		if err != nil {
			return nil, fmt.Errorf("convert model: %w", err)
		}
		if obj, ok = v.(ast.Object); !ok {
			return nil, fmt.Errorf("model is not an object")
		}
	}
	cfg, err := ast.InterfaceToValue(map[string]any{"rules": paramsOrEmpty(params)})
	if err != nil {
		return nil, fmt.Errorf("rule parameters: %w", err)
	}
	obj.Insert(ast.StringTerm("config"), ast.NewTerm(cfg))
	return obj, nil
}

// astConverter converts a Go value of one type to the AST value of its JSON;
// false means the value needs the JSON round trip.
type astConverter func(v reflect.Value) (ast.Value, bool)

var networkConverter = sync.OnceValue(func() astConverter {
	return converterFor(reflect.TypeFor[model.Network](), map[reflect.Type]*astConverter{})
})

func modelObject(n *model.Network) (ast.Object, bool) {
	if n == nil {
		return nil, false
	}
	v, ok := networkConverter()(reflect.ValueOf(n).Elem())
	if !ok {
		return nil, false
	}
	obj, ok := v.(ast.Object)
	return obj, ok
}

func unsupportedConverter(reflect.Value) (ast.Value, bool) { return nil, false }

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// converterFor builds the converter of t; building holds the types being
// built, for recursive types.
func converterFor(t reflect.Type, building map[reflect.Type]*astConverter) astConverter {
	if p, ok := building[t]; ok {
		return func(v reflect.Value) (ast.Value, bool) { return (*p)(v) }
	}
	p := new(astConverter)
	building[t] = p
	*p = makeConverter(t, building)
	return *p
}

func makeConverter(t reflect.Type, building map[reflect.Type]*astConverter) astConverter {
	if t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) ||
		reflect.PointerTo(t).Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType) {
		return unsupportedConverter
	}
	switch t.Kind() {
	case reflect.String:
		return func(v reflect.Value) (ast.Value, bool) {
			s := v.String()
			if !utf8.ValidString(s) {
				return nil, false
			}
			return ast.InternedValue(s), true
		}
	case reflect.Bool:
		return func(v reflect.Value) (ast.Value, bool) { return ast.InternedValue(v.Bool()), true }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(v reflect.Value) (ast.Value, bool) { return ast.InternedValue(v.Int()), true }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(v reflect.Value) (ast.Value, bool) {
			if u := v.Uint(); u <= math.MaxInt64 {
				return ast.InternedValue(int64(u)), true
			}
			return ast.Number(strconv.FormatUint(v.Uint(), 10)), true
		}
	case reflect.Pointer:
		elem := converterFor(t.Elem(), building)
		return func(v reflect.Value) (ast.Value, bool) {
			if v.IsNil() {
				return ast.NullValue, true
			}
			return elem(v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return unsupportedConverter // encoding/json writes base64
		}
		elem := converterFor(t.Elem(), building)
		return func(v reflect.Value) (ast.Value, bool) {
			if v.IsNil() {
				return ast.NullValue, true
			}
			n := v.Len()
			terms := make([]ast.Term, n)
			ptrs := make([]*ast.Term, n)
			for i := range n {
				e, ok := elem(v.Index(i))
				if !ok {
					return nil, false
				}
				terms[i].Value = e
				ptrs[i] = &terms[i]
			}
			return ast.NewArray(ptrs...), true
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Key().Implements(textMarshalerType) {
			return unsupportedConverter
		}
		elem := converterFor(t.Elem(), building)
		return func(v reflect.Value) (ast.Value, bool) {
			if v.IsNil() {
				return ast.NullValue, true
			}
			n := v.Len()
			terms := make([]ast.Term, 2*n)
			items := make([][2]*ast.Term, 0, n)
			for it := v.MapRange(); it.Next(); {
				k := it.Key().String()
				if !utf8.ValidString(k) {
					return nil, false // encoding/json would replace bytes, perhaps merging keys
				}
				e, ok := elem(it.Value())
				if !ok {
					return nil, false
				}
				kt, et := &terms[2*len(items)], &terms[2*len(items)+1]
				kt.Value, et.Value = ast.InternedValue(k), e
				items = append(items, [2]*ast.Term{kt, et})
			}
			return ast.NewObject(items...), true
		}
	case reflect.Struct:
		fields, ok := jsonFields(t)
		if !ok {
			return unsupportedConverter
		}
		for i := range fields {
			fields[i].conv = converterFor(fields[i].typ, building)
		}
		return func(v reflect.Value) (ast.Value, bool) {
			terms := make([]ast.Term, 2*len(fields))
			items := make([][2]*ast.Term, 0, len(fields))
			for i := range fields {
				f := &fields[i]
				fv := v.FieldByIndex(f.index)
				if (f.omitEmpty && isEmptyJSONValue(fv)) || (f.omitZero && fv.IsZero()) {
					continue
				}
				e, ok := f.conv(fv)
				if !ok {
					return nil, false
				}
				kt, et := &terms[2*len(items)], &terms[2*len(items)+1]
				kt.Value, et.Value = f.key, e
				items = append(items, [2]*ast.Term{kt, et})
			}
			return ast.NewObject(items...), true
		}
	}
	return unsupportedConverter
}

// jsonField is a struct field as encoding/json encodes it.
type jsonField struct {
	name      string
	key       ast.Value
	index     []int
	typ       reflect.Type
	tagged    bool
	omitEmpty bool
	omitZero  bool
	conv      astConverter
}

// jsonFields lists the fields encoding/json encodes for struct type t, by its
// rules: exported fields and the fields of embedded structs, named by their
// json tag or their Go name, the shallowest (then the tagged) of equally named
// fields winning and ties dropping them all. ok is false for what this
// conversion does not reproduce (the string option, embedded pointers,
// omitzero on a type with an IsZero method).
func jsonFields(t reflect.Type) (fields []jsonField, ok bool) {
	type queued struct {
		typ   reflect.Type
		index []int
	}
	var current []queued
	next := []queued{{typ: t}}
	count, nextCount := map[reflect.Type]int{}, map[reflect.Type]int{t: 1}
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current, next = next, nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, q := range current {
			if visited[q.typ] {
				continue
			}
			visited[q.typ] = true
			for i := range q.typ.NumField() {
				sf := q.typ.Field(i)
				if sf.Anonymous {
					ft := sf.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validJSONTag(name) {
					name = ""
				}
				index := append(q.index[:len(q.index):len(q.index)], i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				var omitEmpty, omitZero bool
				for opt := range strings.SplitSeq(opts, ",") {
					switch opt {
					case "omitempty":
						omitEmpty = true
					case "omitzero":
						omitZero = true
					case "string":
						return nil, false
					}
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					if sf.Anonymous && sf.Type.Kind() == reflect.Pointer {
						return nil, false
					}
					if omitZero {
						if _, has := sf.Type.MethodByName("IsZero"); has {
							return nil, false
						}
						if _, has := reflect.PointerTo(sf.Type).MethodByName("IsZero"); has {
							return nil, false
						}
					}
					f := jsonField{name: name, index: index, typ: sf.Type, tagged: name != "",
						omitEmpty: omitEmpty, omitZero: omitZero}
					if f.name == "" {
						f.name = sf.Name
					}
					fields = append(fields, f)
					if count[q.typ] > 1 {
						// Several embeddings at this depth: a duplicate makes
						// the name ambiguous below.
						fields = append(fields, f)
					}
					continue
				}
				if sf.Type.Kind() == reflect.Pointer {
					return nil, false
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, queued{typ: ft, index: index})
				}
			}
		}
	}
	slices.SortStableFunc(fields, func(a, b jsonField) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := len(a.index) - len(b.index); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	out := fields[:0]
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		group := fields[i:j]
		i = j
		// The first is the shallowest and, among those, tagged first.
		if len(group) > 1 && len(group[0].index) == len(group[1].index) && group[0].tagged == group[1].tagged {
			continue
		}
		out = append(out, group[0])
	}
	slices.SortFunc(out, func(a, b jsonField) int { return slices.Compare(a.index, b.index) })
	for i := range out {
		out[i].key = ast.String(out[i].name)
	}
	return out, true
}

func validJSONTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// isEmptyJSONValue is encoding/json's test for omitempty.
func isEmptyJSONValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func paramsOrEmpty(p map[string]map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		out[k] = v
	}
	return out
}
