package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestElementsIndexRoutesDeclaredAsResources(t *testing.T) {
	n := New()
	n.RouteTables["module.a[\"x\"].aws_route_table.rt"] = &RouteTable{
		Meta:   Meta{ID: "module.a[\"x\"].aws_route_table.rt", Region: "eu-west-1", Module: "module.a[\"x\"]"},
		Routes: []Route{{Address: "module.a[\"x\"].aws_route.to_peer[0]", File: "m/main.tf", Line: 7}, {Destination: "inline"}},
	}
	got := n.Elements()["module.a[\"x\"].aws_route.to_peer[0]"]
	if got == nil || got.Type != "aws_route" || got.Line != 7 || got.Region != "eu-west-1" {
		t.Fatalf("route element: %+v", got)
	}
	if len(n.Elements()) != 2 {
		t.Fatalf("inline routes must not become elements: %d", len(n.Elements()))
	}
}

// TestKindsListEveryElementMap: the one list of kinds names every element map
// of a Network, by its JSON name, in field order; a map added to the struct
// and not to Kinds fails here.
func TestKindsListEveryElementMap(t *testing.T) {
	var want []string
	typ := reflect.TypeFor[Network]()
	for i := 0; i < typ.NumField(); i++ {
		if f := typ.Field(i); f.Type.Kind() == reflect.Map {
			want = append(want, strings.Split(f.Tag.Get("json"), ",")[0])
		}
	}
	var got []string
	n := New()
	for _, k := range n.Kinds() {
		got = append(got, k.Name)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Kinds() = %v\nmaps of Network = %v", got, want)
	}
	v := reflect.ValueOf(n).Elem()
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Map && f.IsNil() {
			t.Errorf("New left %s nil", typ.Field(i).Name)
		}
	}
}

func TestMergeMissingKeepsTheFirst(t *testing.T) {
	dst, src := New(), New()
	dst.VPCs["a"] = &VPC{Meta: Meta{ID: "a"}, CIDRs: []string{"10.0.0.0/16"}}
	src.VPCs["a"] = &VPC{Meta: Meta{ID: "a"}, CIDRs: []string{"10.9.0.0/16"}}
	src.Sites["s"] = &Site{Meta: Meta{ID: "s"}}
	MergeMissing(dst, src)
	if dst.VPCs["a"].CIDRs[0] != "10.0.0.0/16" || dst.Sites["s"] == nil {
		t.Fatalf("merged: %+v %+v", dst.VPCs["a"], dst.Sites)
	}
}
