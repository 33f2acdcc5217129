package tfsource

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInputsLookup(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	doc := "{\"name\": \"address\", \"x\": \"\\\"address\\\": \\\"aws_vpc.fake\\\"\",\n" +
		"  \"resources\": [{\"address\": \"aws_vpc.a\"},\n" +
		"  {\"address\" : \"module.net[\\\"prod\\\"].aws_vpc.b\", \"id\": \"vpc-1\"}, {\"address\": \"aws_vpc.a\"}]}\n"
	if err := os.WriteFile(plan, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	in := NewInputs([]string{"-", plan}, 0)
	tests := []struct {
		addr      string
		line, col int
		ok        bool
	}{
		{"aws_vpc.a", 2, 18, true},
		{`module.net["prod"].aws_vpc.b`, 3, 4, true},
		{"aws_vpc.a#default_route_table", 2, 18, true},
		{"vpc-1", 3, 50, true},
		{"aws_vpc.fake", 0, 0, false},
		{"address", 0, 0, false},
	}
	for _, tt := range tests {
		loc, ok := in.Lookup(tt.addr)
		if ok != tt.ok || (ok && (loc.File != plan || loc.Line != tt.line || loc.Column != tt.col)) {
			t.Errorf("Lookup(%q) = %+v, %v; want line %d column %d, %v", tt.addr, loc, ok, tt.line, tt.col, tt.ok)
		}
	}
	if files := in.Files(); len(files) != 1 || files[0] != plan {
		t.Errorf("Files() = %v, want the plan only", files)
	}
	var none *Inputs
	if _, ok := none.Lookup("aws_vpc.a"); ok {
		t.Error("nil Inputs found something")
	}
}
