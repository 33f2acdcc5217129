package terraform

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// referenceDecode is the decode the fast one must match: encoding/json into
// the document, with terraform-json's UnmarshalJSON methods.
func referenceDecode(data []byte) (*document, error) {
	var d document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// checkFastDecode fails when the fast decode accepts what encoding/json rejects
// or decodes it differently. It reports whether the fast decode accepted.
func checkFastDecode(t *testing.T, name string, data []byte) bool {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	fast := fastDecode(data)
	ref, err := referenceDecode(data)
	if fast == nil {
		return false
	}
	if err != nil {
		t.Errorf("%s: fast decode accepted what encoding/json rejects: %v", name, err)
		return true
	}
	if !reflect.DeepEqual(fast, ref) {
		fj, _ := json.Marshal(fast)
		rj, _ := json.Marshal(ref)
		t.Errorf("%s: fast decode differs from encoding/json:\n fast %.2000s\n ref  %.2000s", name, fj, rj)
	}
	return true
}

func decodeSamples(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	var files []string
	for _, g := range []string{
		filepath.Join(fixtureDir, "*.json"),
		"../../testdata/rules/*/*.plan.json",
		"../../testdata/rules/*/*.state.json",
		filepath.Join(corpusDir, "plans", "*.json"),
		filepath.Join(corpusDir, "plans", "non-genuine", "*.json"),
		filepath.Join(corpusDir, "states", "*.json"),
	} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = data
	}
	out["bench plan"] = benchPlan(50)
	return out
}

func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	samples := decodeSamples(t)
	if len(samples) < 20 {
		t.Fatalf("only %d samples", len(samples))
	}
	for name, data := range samples {
		if !checkFastDecode(t, name, data) {
			if _, err := referenceDecode(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))); err == nil {
				t.Errorf("%s: fast decode gave up on a document encoding/json accepts", name)
			}
		}
	}
}

// TestFastDecodeGivesUp lists inputs that encoding/json decodes in ways the fast
// decode does not reproduce, or rejects: the fast decode must give up on them
// (or agree), never decode them its own way.
func TestFastDecodeGivesUp(t *testing.T) {
	docs := []string{
		`{"format_version":"1.2","Format_Version":"2"}`,
		`{"FORMAT_VERSION":"1.2"}`,
		`{"format_version":"1.2","format_version":"1.3"}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"after":{"a":1}, "after":{"b":2}}}]}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"after":{"a":1,"a":2}}}]}`,
		`{"format_version":"1.2","resource_changes":{"a":1}}`,
		`{"format_version":1.0}`,
		`{"format_version":"1.2"} x`,
		`{"format_version":"1.2",}`,
		`{"format_version":"1.2","x":01}`,
		`{"format_version":"1.2","x":1.}`,
		`{"format_version":"1.2","x":-}`,
		`{"format_version":"1.2","x":1e400}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"after":{"n":1e400}}}]}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"after":{"n":-0}}}]}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"after":{"n":-0.0e1, "m": 123456789012345678901234567890}}}]}`,
		`{"format_version":"1.2","x":"\x"}`,
		`{"format_version":"1.2","x":"\u12"}`,
		"{\"format_version\":\"1.2\",\"x\":\"a\tb\"}",
		`{"format_version":"1.2","resource_changes":[{"address":"a\ud800b\udc00\ud83d\ude00\u00e9\/"}]}`,
		"{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"a\xffb\xc3\xa9\"}]}",
		"{\"format_version\":\"1.2\",\"resource_changes\":[{\"addre\xc5\xbfs\":\"x\"}]}",
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"schema_version":-1}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"schema_version":1.5}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"schema_version":"1"}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":"x"}}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":[1]}}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":[null,{},{"b":null,"c":{"references":[]}}]}}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":[]}}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":{"references":["x",null],"constant_value":3}}}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":{"References":["x"]}}}]}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"outputs":{"o":{"description":5}}}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"outputs":{"o":{"sensitive":"yes"}}}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"variables":{"v":{"default":{"a":[1,"x",null,true]}}}}}}`,
		`{"format_version":"1.2","configuration":null,"prior_state":null,"planned_values":null}`,
		`{"format_version":"1.2","configuration":{},"prior_state":{},"planned_values":{}}`,
		`{"format_version":"1.2","configuration":[]}`,
		`{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[{"mode":"managed","values":5},{"mode":"data","values":{"id":"x"}},{"values":{"id":"y"},"mode":"data"}]}}}}`,
		`{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[{"mode":"data","values":5}]}}}}`,
		`{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[5]}}}}`,
		`{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[null],"child_modules":[null,{}]}}}}`,
		`{"format_version":"1.0","values":{"root_module":{"resources":[{"index":0,"values":null},{"index":"k"}]}}}`,
		`{"format_version":"1.2","deferred_changes":[null,{},{"resource_change":null},{"resource_change":{"address":"a"},"reason":"x"}]}`,
		`{"format_version":"1.2","variables":{"a":null,"b":{},"c":{"value":[]}}}`,
		`{"format_version":"1.2","variables":{"a":5}}`,
		`{"format_version":"1.2","resource_changes":[null,{},{"change":null},{"change":{"actions":null,"after":null}},{"change":{"actions":[],"after":{}}}]}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"actions":[null,"create"],"after_unknown":true}}]}`,
		`{"format_version":"1.2","resource_changes":[{"change":{"after":[]}}]}`,
		`{"format_version":"1.2","resource_c\u0068anges":[]}`,
		`{"format_version":"1.2","x":[[[[[[]]]]]]}`,
		"\t{\"format_version\" : \"1.2\" ,\n \"resource_changes\" : [ ] }\r\n",
		`{"format_version":"1.2","x":tru}`,
		`{"format_version":"1.2"`,
		`{"format_version":"1.2","resource_changes":[{"address":"x"}`,
		`{"format_version":"1.2","x":"\u0000"}`,
		`{"format_version":"1.2","resource_changes":[{"address":"\u0000"}]}`,
	}
	for _, d := range docs {
		checkFastDecode(t, d, []byte(d))
	}
	deep := `{"format_version":"1.2","x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`
	if fastDecode([]byte(deep)) != nil {
		t.Error("fast decode accepted nesting deeper than encoding/json allows")
	}
}

// FuzzFastDecode: whatever the fast decode accepts, encoding/json accepts and
// decodes to the same document.
func FuzzFastDecode(f *testing.F) {
	for _, data := range decodeSamples(f) {
		if len(data) <= 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"expressions":{"a":[null,{},{"b":null,"c":{"references":[]}}]}}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[{"mode":"managed","values":5},{"mode":"data","values":{"id":"x"}}]}}}}`))
	hostile, _ := filepath.Glob(filepath.Join(hostileDir, "*.json"))
	for _, h := range hostile {
		if data, err := os.ReadFile(h); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !checkFastDecode(t, "input", data) {
			return
		}
		// Both decode paths give the translation the same document, hence
		// the same model or the same error, wrong types included.
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		fast, ref := fastDecode(data), new(document)
		if json.Unmarshal(data, ref) != nil {
			return
		}
		_, ferr := translate(data, fast)
		_, rerr := translate(data, ref)
		if errString(ferr) != errString(rerr) {
			t.Errorf("the decode paths translate differently:\n fast     %v\n fallback %v", ferr, rerr)
		}
		if ferr != nil {
			checkOneLine(t, ferr)
		}
	})
}

// TestFastDecodeKnowsEveryField keeps the fast decode's field lists in step
// with the structs encoding/json decodes: a field added to document or
// resourceChange, or by a new terraform-json, must be decoded there too.
func TestFastDecodeKnowsEveryField(t *testing.T) {
	var rc resourceChange
	tests := []struct {
		typ    reflect.Type
		fields []string
	}{
		{reflect.TypeFor[document](), documentFields},
		{reflect.TypeFor[resourceChange](), resourceChangeFields},
		{reflect.TypeOf(rc.Change).Elem(), changeFields},
		{reflect.TypeFor[document]().Field(fieldIndex(t, reflect.TypeFor[document](), "DeferredChanges")).Type.Elem(), deferredChangeFields},
		{reflect.TypeFor[tfjson.PlanVariable](), planVariableFields},
		{reflect.TypeFor[priorState](), priorStateFields},
		{reflect.TypeFor[valuesSection[stateResource]](), valuesSectionFields},
		{reflect.TypeFor[valuesModule[stateResource]](), valuesModuleFields},
		{reflect.TypeFor[stateResource](), stateResourceFields},
		{reflect.TypeFor[tfjson.Config](), configFields},
		{reflect.TypeFor[tfjson.ProviderConfig](), providerConfigFields},
		{reflect.TypeFor[tfjson.ConfigModule](), configModuleFields},
		{reflect.TypeFor[tfjson.ConfigOutput](), configOutputFields},
		{reflect.TypeFor[tfjson.ConfigResource](), configResourceFields},
		{reflect.TypeFor[tfjson.ConfigVariable](), configVariableFields},
		{reflect.TypeFor[tfjson.ConfigProvisioner](), configProvisionerFields},
		{reflect.TypeFor[tfjson.ModuleCall](), moduleCallFields},
		{reflect.TypeFor[tfjson.ExpressionData](), expressionFields},
	}
	for _, tt := range tests {
		got := jsonNames(tt.typ)
		want := append([]string(nil), tt.fields...)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%v: JSON fields %v, fast decode knows %v", tt.typ, got, want)
		}
	}
}

func fieldIndex(t *testing.T, typ reflect.Type, name string) int {
	f, ok := typ.FieldByName(name)
	if !ok {
		t.Fatalf("%v has no field %s", typ, name)
	}
	return f.Index[0]
}

// jsonNames lists the member names encoding/json decodes into struct type t.
func jsonNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonNames(f.Type)...)
			continue
		}
		if !f.IsExported() || tag == "-" {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		out = append(out, tag)
	}
	return out
}
