package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/internal/genplan"
	"github.com/netlint/netlint/loader"
	"github.com/netlint/netlint/policies"
	"github.com/netlint/netlint/reach"
)

// benchPlan writes the benchmark kit's plan of n VPCs (all on one TGW when
// oneTGW, so NL001 has connected overlaps to find) and returns its path.
func benchPlan(b testing.TB, n int, oneTGW bool) string {
	b.Helper()
	c := genplan.Defaults(n)
	if oneTGW {
		c.TGWSize = n
	}
	var buf bytes.Buffer
	if err := genplan.Generate(&buf, c); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), fmt.Sprintf("plan-%d.json", n))
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkCheck runs the whole CLI (load, derive, every rule, JSON report) on
// generated plans; compare sizes to see how the run time grows.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("vpcs=%d", n), func(b *testing.B) {
			plan := benchPlan(b, n, false)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res := runCLI(b, "", "check", "-c", emptyConfig, "-f", "json", "--fail-on", "never", plan)
				if res.code != 0 {
					b.Fatalf("exit %d: %s", res.code, res.stderr)
				}
			}
		})
	}
}

// BenchmarkPhases times each phase once per iteration at 5000 VPCs on one TGW.
func BenchmarkPhases(b *testing.B) {
	plan := benchPlan(b, 5000, true)
	ctx := context.Background()
	eng, err := engine.New(engine.Options{Builtin: policies.FS})
	if err != nil {
		b.Fatal(err)
	}
	prep, err := eng.Prepare(ctx, engine.Settings{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := loader.File(plan, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	net, err := loader.File(plan, nil)
	if err != nil {
		b.Fatal(err)
	}
	// Reachability: every router's routes, and what lies beyond each route
	// where ranges overlap.
	b.Run("derive", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			reach.Derive(net)
		}
	})
	b.Run("input", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := engine.Input(net, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("eval", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := prep.Eval(ctx, net); err != nil {
				b.Fatal(err)
			}
		}
	})
}
