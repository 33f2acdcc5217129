package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/internal/genplan"
	"github.com/netlint/netlint/loader"
	"github.com/netlint/netlint/loader/terraform"
	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/reach"
)

// inputViaJSON is the reference conversion: the model through encoding/json and
// OPA's JSON reader, the way Input worked before it converted values directly.
func inputViaJSON(n *model.Network, params map[string]map[string]any) (ast.Value, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(n); err != nil {
		return nil, err
	}
	v, err := ast.ValueFromReader(&buf)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("model is not an object")
	}
	cfg, err := ast.InterfaceToValue(map[string]any{"rules": paramsOrEmpty(params)})
	if err != nil {
		return nil, err
	}
	obj.Insert(ast.StringTerm("config"), ast.NewTerm(cfg))
	return obj, nil
}

// sameValue compares AST values strictly: the same kinds, numbers with the
// same text, objects with the same keys.
func sameValue(path string, a, b ast.Value) error {
	switch x := a.(type) {
	case ast.Null, ast.Boolean, ast.String:
		if a != b {
			return fmt.Errorf("%s: %v != %v", path, a, b)
		}
	case ast.Number:
		y, ok := b.(ast.Number)
		if !ok || string(x) != string(y) {
			return fmt.Errorf("%s: number %v != %v (%T)", path, a, b, b)
		}
	case *ast.Array:
		y, ok := b.(*ast.Array)
		if !ok || x.Len() != y.Len() {
			return fmt.Errorf("%s: array %v != %v", path, a, b)
		}
		for i := range x.Len() {
			if err := sameValue(fmt.Sprintf("%s[%d]", path, i), x.Elem(i).Value, y.Elem(i).Value); err != nil {
				return err
			}
		}
	case ast.Object:
		y, ok := b.(ast.Object)
		if !ok || x.Len() != y.Len() {
			return fmt.Errorf("%s: object with keys %v != %v", path, keysOf(a), keysOf(b))
		}
		var err error
		x.Until(func(k, v *ast.Term) bool {
			w := y.Get(k)
			if w == nil {
				err = fmt.Errorf("%s: key %v missing", path, k)
				return true
			}
			err = sameValue(path+"."+k.String(), v.Value, w.Value)
			return err != nil
		})
		return err
	default:
		return fmt.Errorf("%s: unexpected %T", path, a)
	}
	return nil
}

func keysOf(v ast.Value) []string {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil
	}
	var out []string
	for _, k := range obj.Keys() {
		out = append(out, k.String())
	}
	return out
}

func checkInput(t *testing.T, name string, n *model.Network, params map[string]map[string]any) {
	t.Helper()
	got, err := Input(n, params)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want, err := inputViaJSON(n, params)
	if err != nil {
		t.Fatalf("%s: reference: %v", name, err)
	}
	if err := sameValue("input", got, want); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	if ast.Compare(got, want) != 0 {
		t.Errorf("%s: ast.Compare differs", name)
	}
}

func TestInputMatchesJSONRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rules/*/*.plan.json")
	more, _ := filepath.Glob("../testdata/terraform/*.json")
	files = append(files, more...)
	if len(files) < 20 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		n, err := loader.File(f, nil)
		if err != nil {
			continue // fixtures of loader errors
		}
		reach.Derive(n)
		checkInput(t, f, n, map[string]map[string]any{"NL001": {"max": 3, "names": []any{"a", "b"}}})
	}
	checkInput(t, "generated", genNetwork(t, 60), nil)
	checkInput(t, "empty", model.New(), nil)
	checkInput(t, "zero", &model.Network{}, nil)
}

// TestInputMatchesJSONRoundTripOnEveryField fills every field of every element
// type, zero and non-zero in turn, so that a field added to the model is
// covered without a fixture for it.
func TestInputMatchesJSONRoundTripOnEveryField(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for round := range 20 {
		n := &model.Network{}
		fill(reflect.ValueOf(n).Elem(), rnd, round == 0, 0)
		checkInput(t, fmt.Sprintf("round %d", round), n, nil)
	}
}

// fill sets v to random contents; with full, every field is non-zero.
func fill(v reflect.Value, rnd *rand.Rand, full bool, depth int) {
	if !full && rnd.Intn(3) == 0 {
		return // leave zero: nil slices and maps, omitted fields
	}
	switch v.Kind() {
	case reflect.String:
		words := []string{"vpc-1", "10.0.0.0/16", "", "<&>", "é", "\u2028", `"q"`}
		v.SetString(words[rnd.Intn(len(words))] + fmt.Sprint(rnd.Intn(3)))
	case reflect.Bool:
		v.SetBool(full || rnd.Intn(2) == 0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		vals := []int64{1, -1, 0, 511, 512, 65000, 4294967296, -9223372036854775808}
		x := vals[rnd.Intn(len(vals))]
		if full && x == 0 {
			x = 7
		}
		v.SetInt(x)
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), rnd, full, depth+1)
		v.Set(p)
	case reflect.Slice:
		if depth > 4 {
			return
		}
		k := rnd.Intn(3)
		if full {
			k = 2
		}
		s := reflect.MakeSlice(v.Type(), k, k)
		for i := range k {
			fill(s.Index(i), rnd, full, depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if depth > 4 {
			return
		}
		m := reflect.MakeMap(v.Type())
		k := rnd.Intn(3)
		if full {
			k = 2
		}
		for i := range k {
			key := reflect.New(v.Type().Key()).Elem()
			key.SetString(fmt.Sprintf("k%d-%d", i, rnd.Intn(100)))
			val := reflect.New(v.Type().Elem()).Elem()
			fill(val, rnd, full, depth+1)
			m.SetMapIndex(key, val)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), rnd, full, depth+1)
			}
		}
	}
}

func TestInputFallsBackForInvalidUTF8(t *testing.T) {
	n := model.New()
	n.VPCs["aws_vpc.a"] = &model.VPC{Meta: model.Meta{ID: "aws_vpc.a", Name: "bad\xffname",
		Tags: map[string]string{"k\xfe": "v", "k\xff": "w"}}, CIDRs: []string{"10.0.0.0/16"}}
	checkInput(t, "invalid UTF-8", n, nil)
	if _, ok := modelObject(n); ok {
		t.Error("direct conversion accepted invalid UTF-8")
	}
	checkInput(t, "valid", genNetwork(t, 4), nil)
}

func TestJSONFieldsFollowEncodingJSON(t *testing.T) {
	type inner struct {
		A string `json:"a"`
		B string
		C string `json:"c,omitempty"`
	}
	type other struct {
		A string
		B string `json:"B"`
		D int    `json:"d,omitzero"`
	}
	type outer struct {
		inner
		other
		C     string `json:"-"`
		E     string `json:"-,"`
		F     string `json:"f!#"`
		G     *bool  `json:"g,omitempty"`
		H     []int  `json:"h"`
		Named inner  `json:"named"`
		x     int
	}
	yes := true
	for _, v := range []outer{{}, {inner: inner{A: "1", B: "2", C: "3"}, other: other{A: "4", B: "5", D: 6},
		C: "7", E: "8", F: "9", G: &yes, H: []int{1, 2}, Named: inner{A: "n"}, x: 1}} {
		got, ok := converterFor(reflect.TypeOf(v), map[reflect.Type]*astConverter{})(reflect.ValueOf(v))
		if !ok {
			t.Fatal("not converted")
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ast.ValueFromReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := sameValue(string(b), got, want); err != nil {
			t.Error(err)
		}
	}
}

func genNetwork(tb testing.TB, n int) *model.Network {
	tb.Helper()
	var buf bytes.Buffer
	if err := genplan.Generate(&buf, genplan.Defaults(n)); err != nil {
		tb.Fatal(err)
	}
	net, err := terraform.Decode(buf.Bytes())
	if err != nil {
		tb.Fatal(err)
	}
	reach.Derive(net)
	return net
}

func BenchmarkInput(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		net := genNetwork(b, n)
		for _, conv := range []struct {
			name string
			fn   func(*model.Network, map[string]map[string]any) (ast.Value, error)
		}{{"direct", Input}, {"json", inputViaJSON}} {
			b.Run(fmt.Sprintf("vpcs=%d/%s", n, conv.name), func(b *testing.B) {
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					if _, err := conv.fn(net, nil); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	}
}
