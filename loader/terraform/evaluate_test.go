package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/netlint/netlint/tfeval"
)

// copyDir copies a Terraform root (files only, recursively) into a new
// temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestSourcesResolveForEachMapOfReferences: the segmentation design's
// propagations pick their route table with `each.value` of a for_each map of
// references, which the plan alone cannot resolve. With the sources the plan
// was made from, the loader evaluates them; with sources that no longer match
// the plan (a resource block added since), it does not use them.
func TestSourcesResolveForEachMapOfReferences(t *testing.T) {
	root := "../../testdata/reach/tgw-segmentation-clone"
	data, err := os.ReadFile(filepath.Join(root, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	shared := "aws_ec2_transit_gateway_route_table.shared"
	devAtt := `module.dev["orders"].aws_ec2_transit_gateway_vpc_attachment.this`

	plain, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(plain.TGWRouteTables[shared].Propagations, devAtt) {
		t.Fatalf("without sources the plan alone resolved the propagation: the test no longer shows what the sources add")
	}

	cfg, err := tfeval.Load(root, 0)
	if err != nil {
		t.Fatal(err)
	}
	net, err := DecodeWith(data, Options{Sources: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if got := net.TGWRouteTables[shared].Propagations; !slices.Contains(got, devAtt) {
		t.Fatalf("shared table propagations %v lack %s", got, devAtt)
	}
	if rt := net.TGWRouteTables[shared]; rt.IsUnknown("propagations") {
		t.Fatalf("shared table propagations unknown: %v", rt.Unknown)
	}

	stale := copyDir(t, root)
	f, err := os.OpenFile(filepath.Join(stale, "main.tf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nresource \"aws_vpc\" \"added_after_the_plan\" { cidr_block = \"10.9.0.0/16\" }\n")
	f.Close()
	cfg, err = tfeval.Load(stale, 0)
	if err != nil {
		t.Fatal(err)
	}
	net, err = DecodeWith(data, Options{Sources: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(net.TGWRouteTables[shared].Propagations, devAtt) {
		t.Fatal("sources that differ from the plan's configuration were used")
	}
}
