package toolreq

import (
	"testing"
)

// fakeTB records how a test ended.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skipf(string, ...any)  { f.skipped = true; panic(f) }
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true; panic(f) }
func run(f *fakeTB, fn func(testing.TB)) {
	defer func() {
		if r := recover(); r != nil && r != f {
			panic(r)
		}
	}()
	fn(f)
}

func TestMissingProgramSkipsOrFails(t *testing.T) {
	const missing = "netlint-no-such-program"
	t.Setenv(Env, "")
	f := &fakeTB{}
	run(f, func(tb testing.TB) { Need(tb, missing, "none") })
	if !f.skipped || f.failed {
		t.Errorf("without %s: skipped=%v failed=%v, want a skip", Env, f.skipped, f.failed)
	}
	t.Setenv(Env, "1")
	f = &fakeTB{}
	run(f, func(tb testing.TB) { Need(tb, missing, "none") })
	if !f.failed || f.skipped {
		t.Errorf("with %s=1: skipped=%v failed=%v, want a failure", Env, f.skipped, f.failed)
	}
	f = &fakeTB{}
	run(f, func(tb testing.TB) {
		if _, ok := Have(tb, missing, "none"); ok {
			t.Error("Have found a missing program")
		}
	})
	if !f.failed {
		t.Errorf("Have with %s=1 did not fail on a missing program", Env)
	}
}

func TestPresentProgramIsFound(t *testing.T) {
	t.Setenv(Env, "1")
	if p := Need(t, "go", "the Go toolchain"); p == "" {
		t.Fatal("go not found, though tests run with it")
	}
}
