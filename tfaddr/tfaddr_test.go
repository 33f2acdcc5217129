package tfaddr

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func TestParseResource(t *testing.T) {
	tests := []struct {
		in      string
		want    Resource
		wantErr bool
	}{
		{in: "aws_vpc.main", want: Resource{Type: "aws_vpc", Name: "main"}},
		{in: "data.aws_vpc.shared", want: Resource{Data: true, Type: "aws_vpc", Name: "shared"}},
		{in: `module.net["prod"].module.sub[0].aws_route.private["a.b"]`, want: Resource{
			Module: []Call{{Name: "net", Key: StringKey("prod")}, {Name: "sub", Key: IntKey(0)}},
			Type:   "aws_route", Name: "private", Key: StringKey("a.b"),
		}},
		{in: "aws_ec2_transit_gateway.hub#default_route_table", want: Resource{
			Type: "aws_ec2_transit_gateway", Name: "hub", Suffix: "default_route_table",
		}},
		{in: `aws_subnet.x["quote\"d]"]`, want: Resource{Type: "aws_subnet", Name: "x", Key: StringKey(`quote"d]`)}},
		{in: "aws_vpc.réseau_1", want: Resource{Type: "aws_vpc", Name: "réseau_1"}},
		{in: "module.a", wantErr: true},
		{in: "vpc-0a1b2c", wantErr: true},
		{in: "aws_vpc", wantErr: true},
		{in: "aws_vpc.a.b", wantErr: true},
		{in: "aws_vpc[0].a", wantErr: true},
		{in: "data.aws_vpc", wantErr: true},
		{in: "module.a.data", wantErr: true},
		{in: "aws_vpc.a[x]", wantErr: true},
		{in: `aws_vpc.a["x"`, wantErr: true},
		{in: "aws_vpc..a", wantErr: true},
		{in: "aws_vpc.a.", wantErr: true},
		{in: "1aws.a", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseResource(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseResource(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseResource(%q) =\n %+v\nwant\n %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("ParseResource(%q).String() = %q", tt.in, s)
		}
	}
}

func TestParseModule(t *testing.T) {
	tests := []struct {
		in       string
		path     string
		instance string
		wantErr  bool
	}{
		{in: "", path: "", instance: ""},
		{in: "module.net", path: "net", instance: "module.net"},
		{in: `module.net["a"].module.sub[2]`, path: "net.sub", instance: `module.net["a"].module.sub[2]`},
		{in: "module.net.aws_vpc.x", wantErr: true},
		{in: "module", wantErr: true},
		{in: "module.a#x", wantErr: true},
	}
	for _, tt := range tests {
		calls, err := ParseModule(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseModule(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if p := ModulePath(calls); p != tt.path {
			t.Errorf("ModulePath(ParseModule(%q)) = %q, want %q", tt.in, p, tt.path)
		}
		if mi := ModuleInstance(calls); mi != tt.instance {
			t.Errorf("ModuleInstance(ParseModule(%q)) = %q, want %q", tt.in, mi, tt.instance)
		}
	}
}

func TestType(t *testing.T) {
	for in, want := range map[string]string{
		`module.a["x"].aws_route.r[0]`: "aws_route",
		"data.aws_vpc.x":               "aws_vpc",
		"module.a":                     "",
		"site-a":                       "",
	} {
		if got := Type(in); got != want {
			t.Errorf("Type(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzAgreesWithHCL checks the hand-written parser against hcl's traversal
// parser: whenever hcl reads an input as names and number or string keys, Split
// reads the same steps, and the other way round.
func FuzzAgreesWithHCL(f *testing.F) {
	for _, s := range []string{
		"aws_vpc.main", `module.net["prod"].aws_route.r[0]`, "data.aws_vpc.x",
		`a["b\"c"]`, "a[01]", "a-b.c_d", "a[\"\\u00e9\"]", "a.b[1].c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		steps, suffix, err := Split(s)
		if !utf8.ValidString(s) || strings.Contains(s, "${") || strings.Contains(s, "%{") {
			return // templates: HCL evaluates them, an address never holds one
		}
		want, ok := hclSteps(s)
		switch {
		case err == nil && suffix == "":
			if !ok || !reflect.DeepEqual(steps, want) {
				t.Fatalf("Split(%q) = %+v, hcl reads %+v (ok %v)", s, steps, want, ok)
			}
		case err != nil && ok && !strings.ContainsAny(s, " \t\r\n/#*") && ascii(s):
			// hcl also skips blanks and comments between steps, which Terraform
			// never prints, and its Unicode tables are not Go's.
			t.Fatalf("Split(%q) error = %v, hcl reads %+v", s, err, want)
		}
	})
}

// hclSteps reads s with hcl; ok is false unless it is a traversal of names and
// keys that are whole non-negative numbers or strings.
func hclSteps(s string) ([]Step, bool) {
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, false
	}
	var steps []Step
	for _, t := range tr {
		switch t := t.(type) {
		case hcl.TraverseRoot:
			steps = append(steps, Step{Name: t.Name})
		case hcl.TraverseAttr:
			steps = append(steps, Step{Name: t.Name})
		case hcl.TraverseIndex:
			k, ok := hclKey(t.Key)
			if !ok || len(steps) == 0 {
				return nil, false
			}
			if steps[len(steps)-1].Key.Has() {
				steps = append(steps, Step{Key: k})
			} else {
				steps[len(steps)-1].Key = k
			}
		default:
			return nil, false
		}
	}
	return steps, true
}

func hclKey(v cty.Value) (Key, bool) {
	switch {
	case v.Type() == cty.String:
		return StringKey(v.AsString()), true
	case v.Type() == cty.Number:
		bf := v.AsBigFloat()
		if !bf.IsInt() || bf.Sign() < 0 {
			return Key{}, false
		}
		i, acc := bf.Int64()
		if acc != 0 || i > 1<<31 {
			return Key{}, false
		}
		return IntKey(int(i)), true
	}
	return Key{}, false
}

func BenchmarkParseResource(b *testing.B) {
	for b.Loop() {
		if _, err := ParseResource(`module.net["prod"].module.sub[0].aws_route.private["a"]`); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRoundTrip checks that a parsed address prints back to one that parses to
// the same thing.
func FuzzRoundTrip(f *testing.F) {
	f.Add(`module.a["x\ty"].aws_vpc.b["$${z}"]`)
	f.Add("aws_vpc.a[3]#rt")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseResource(s)
		if err != nil {
			return
		}
		again, err := ParseResource(r.String())
		if err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("ParseResource(%q) = %+v prints %q, which parses to %+v, %v", s, r, r.String(), again, err)
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
