package tfeval

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// write lays out a configuration: files by path relative to the root.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// facts stands for a plan: every resource instance has only markers.
type facts struct {
	// instances by "module instance|type.name": "" for a single instance,
	// ints for count, strings for for_each.
	instances map[string][]any
	vars      map[string]cty.Value
}

func (f facts) Resource(module, addr string) (cty.Value, bool) {
	keys, ok := f.instances[module+"|"+addr]
	if !ok {
		return cty.NilVal, false
	}
	base := addr
	if module != "" {
		base = module + "." + addr
	}
	obj := func(inst string) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"id": Marker(inst, "id"), "vpc_id": Marker(inst, "vpc_id")})
	}
	if len(keys) == 1 && keys[0] == "" {
		return obj(base), true
	}
	if _, isInt := keys[0].(int); isInt {
		var elems []cty.Value
		for _, k := range keys {
			elems = append(elems, obj(base+formatKey(cty.NumberIntVal(int64(k.(int))))))
		}
		return cty.TupleVal(elems), true
	}
	m := map[string]cty.Value{}
	for _, k := range keys {
		m[k.(string)] = obj(base + formatKey(cty.StringVal(k.(string))))
	}
	return cty.ObjectVal(m), true
}

func (f facts) Variable(name string) (cty.Value, bool) {
	v, ok := f.vars[name]
	return v, ok
}

// refs turns an evaluated value into the instances its markers name.
func refs(t *testing.T, v cty.Value) []string {
	t.Helper()
	var out []string
	var walk func(cty.Value)
	walk = func(v cty.Value) {
		switch {
		case v.IsNull():
		case v.Type() == cty.String:
			inst, attr, ok := ParseMarker(v.AsString())
			if !ok {
				out = append(out, v.AsString())
				return
			}
			out = append(out, inst+"."+attr)
		case v.CanIterateElements():
			for it := v.ElementIterator(); it.Next(); {
				_, el := it.Element()
				walk(el)
			}
		default:
			t.Fatalf("unexpected value %#v", v)
		}
	}
	walk(v)
	return out
}

const modulesJSON = `{"Modules":[{"Key":"","Source":"","Dir":"."},
{"Key":"vpc","Source":"./modules/vpc","Dir":"modules/vpc"},
{"Key":"vpn","Source":"./modules/vpn","Dir":"modules/vpn"},
{"Key":"wrap","Source":"./modules/wrap","Dir":"modules/wrap"},
{"Key":"wrap.inner","Source":"../vpc","Dir":"modules/vpc"}]}`

func testConfig(t *testing.T) *Evaluator {
	t.Helper()
	dir := write(t, map[string]string{
		".terraform/modules/modules.json": modulesJSON,
		"main.tf": `
locals {
  tables = { prod = aws_ec2_transit_gateway_route_table.prod.id, dev = aws_ec2_transit_gateway_route_table.dev.id }
}
variable "existing_vgw" { default = "vgw-0123456789abcdef0" }
resource "aws_ec2_transit_gateway_route_table" "prod" {}
resource "aws_ec2_transit_gateway_route_table" "dev" {}
resource "aws_ec2_transit_gateway_route_table_propagation" "p" {
  for_each                       = local.tables
  transit_gateway_route_table_id = each.value
}
resource "aws_ec2_transit_gateway_route_table_propagation" "literal" {
  for_each = {
    prod = aws_ec2_transit_gateway_route_table.prod.id
    dev  = aws_ec2_transit_gateway_route_table.dev.id
  }
  transit_gateway_route_table_id = each.value
}
module "vpc" {
  source = "./modules/vpc"
}
module "vpn" {
  source                     = "./modules/vpn"
  vpc_subnet_route_table_ids = module.vpc.private_route_table_ids
  vpn_gateway_id             = try(module.vpc.vgw_id, "")
}
module "wrap" {
  source = "./modules/wrap"
}
resource "aws_route" "via_wrap" {
  count          = 2
  route_table_id = element(module.wrap.tables, count.index)
  gateway_id     = coalesce(var.existing_vgw, "none")
}
resource "aws_route" "for_expr" {
  route_table_id = [for id in module.vpc.private_route_table_ids : id][1]
}
`,
		"modules/vpc/main.tf": `
resource "aws_route_table" "private" { count = 2 }
resource "aws_vpn_gateway" "this" {}
output "private_route_table_ids" { value = aws_route_table.private[*].id }
output "vgw_id" { value = concat(aws_vpn_gateway.this[*].id, [""])[0] }
`,
		"modules/vpn/main.tf": `
variable "vpc_subnet_route_table_ids" { type = list(string) }
variable "vpn_gateway_id" {}
resource "aws_vpn_gateway_route_propagation" "this" {
  count          = length(var.vpc_subnet_route_table_ids)
  route_table_id = element(var.vpc_subnet_route_table_ids, count.index)
  vpn_gateway_id = var.vpn_gateway_id
}
`,
		"modules/wrap/main.tf": `
module "inner" { source = "../vpc" }
output "tables" { value = coalescelist(module.inner.private_route_table_ids, ["none"]) }
`,
	})
	c, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := facts{instances: map[string][]any{
		"|aws_ec2_transit_gateway_route_table.prod":        {""},
		"|aws_ec2_transit_gateway_route_table.dev":         {""},
		"module.vpc|aws_route_table.private":               {0, 1},
		"module.vpc|aws_vpn_gateway.this":                  {""},
		"module.wrap.module.inner|aws_route_table.private": {0, 1},
		"module.wrap.module.inner|aws_vpn_gateway.this":    {""},
	}}
	return c.NewEvaluator(f)
}

func TestAttrFollowsModulesAndFunctions(t *testing.T) {
	e := testConfig(t)
	tests := []struct {
		instance, attr string
		want           []string
	}{
		// each.value of a for_each map of references, literal or through a local.
		{`aws_ec2_transit_gateway_route_table_propagation.p["dev"]`, "transit_gateway_route_table_id", []string{"aws_ec2_transit_gateway_route_table.dev.id"}},
		{`aws_ec2_transit_gateway_route_table_propagation.literal["prod"]`, "transit_gateway_route_table_id", []string{"aws_ec2_transit_gateway_route_table.prod.id"}},
		// element(var.list, count.index), the list a module output splat
		// passed to another module.
		{`module.vpn.aws_vpn_gateway_route_propagation.this[1]`, "route_table_id", []string{"module.vpc.aws_route_table.private[1].id"}},
		// try() around an output built with concat(splat, [""])[0].
		{`module.vpn.aws_vpn_gateway_route_propagation.this[0]`, "vpn_gateway_id", []string{"module.vpc.aws_vpn_gateway.this.id"}},
		// Outputs of outputs across two module levels, coalescelist.
		{`aws_route.via_wrap[0]`, "route_table_id", []string{"module.wrap.module.inner.aws_route_table.private[0].id"}},
		// A root variable's default; coalesce.
		{`aws_route.via_wrap[1]`, "gateway_id", []string{"vgw-0123456789abcdef0"}},
		// A for expression over a module output.
		{`aws_route.for_expr`, "route_table_id", []string{"module.vpc.aws_route_table.private[1].id"}},
	}
	for _, tt := range tests {
		t.Run(tt.instance+"."+tt.attr, func(t *testing.T) {
			v, err := e.Attr(tt.instance, tt.attr)
			if err != nil {
				t.Fatal(err)
			}
			if got := refs(t, v); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAttrErrorsInsteadOfGuessing(t *testing.T) {
	e := testConfig(t)
	for _, tt := range []struct{ instance, attr, want string }{
		{`aws_route.nowhere`, "route_table_id", "not in the configuration"},
		{`aws_route.for_expr`, "no_such_attr", "not in the configuration"},
		{`module.missing.aws_route.x`, "route_table_id", "not in the configuration"},
		{`not an address`, "x", "not a resource address"},
	} {
		if _, err := e.Attr(tt.instance, tt.attr); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s.%s: err %v, want %q", tt.instance, tt.attr, err, tt.want)
		}
	}
}

func TestRootVariableFromThePlanWins(t *testing.T) {
	dir := write(t, map[string]string{"main.tf": `
variable "rt" { default = "rtb-default" }
resource "aws_route" "r" { route_table_id = var.rt }
`})
	c, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	e := c.NewEvaluator(facts{vars: map[string]cty.Value{"rt": cty.StringVal("rtb-given")}})
	v, err := e.Attr("aws_route.r", "route_table_id")
	if err != nil || v.AsString() != "rtb-given" {
		t.Fatalf("got %#v, %v", v, err)
	}
}

func TestCyclesEndUnknown(t *testing.T) {
	dir := write(t, map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
}
resource "aws_route" "r" { route_table_id = local.a }
`})
	c, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A cycle never gives a value: an error, or an unknown the caller does
	// not take for an answer.
	v, err := c.NewEvaluator(facts{}).Attr("aws_route.r", "route_table_id")
	if err == nil && v.IsWhollyKnown() {
		t.Fatalf("a cycle evaluated to %#v", v)
	}
}

func TestMarkerRoundTrip(t *testing.T) {
	inst, attr, ok := ParseMarker(Marker(`module.a["x.y"].aws_vpc.this[0]`, "id").AsString())
	if !ok || inst != `module.a["x.y"].aws_vpc.this[0]` || attr != "id" {
		t.Fatalf("%q %q %v", inst, attr, ok)
	}
	if _, _, ok := ParseMarker("vpc-0123"); ok {
		t.Fatal("a plain id parsed as a marker")
	}
}

func TestLoadReadsInstalledModulesOnly(t *testing.T) {
	dir := write(t, map[string]string{
		".terraform/modules/modules.json": `{"Modules":[{"Key":"gone","Dir":"modules/gone"}]}`,
		"main.tf":                         `module "gone" { source = "./modules/gone" }`,
	})
	c, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Modules(); !slices.Equal(got, []string{""}) {
		t.Fatalf("modules %v", got)
	}
	if _, err := Load(t.TempDir(), 0); err == nil {
		t.Fatal("a directory without .tf files loaded")
	}
}

// TestConditionalSkipsTheBranchNotTaken: a resource with count = 0 is an
// empty tuple, so `var.create ? aws_x.this[0].id : var.id` evaluates when
// create is false, as in Terraform.
func TestConditionalSkipsTheBranchNotTaken(t *testing.T) {
	dir := write(t, map[string]string{"main.tf": `
variable "create" { default = false }
variable "tgw_id" { default = "tgw-0123456789abcdef0" }
resource "aws_ec2_transit_gateway" "this" { count = var.create ? 1 : 0 }
resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id = var.create ? aws_ec2_transit_gateway.this[0].id : var.tgw_id
}
`})
	c, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.NewEvaluator(facts{}).Attr("aws_ec2_transit_gateway_vpc_attachment.a", "transit_gateway_id")
	if err != nil || !v.IsKnown() || v.AsString() != "tgw-0123456789abcdef0" {
		t.Fatalf("got %#v, %v", v, err)
	}
}
