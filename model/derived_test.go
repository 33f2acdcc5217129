package model

import "testing"

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
