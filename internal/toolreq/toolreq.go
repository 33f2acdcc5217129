// Package toolreq lets a test use a program from outside Go (graphviz's dot,
// jq, shellcheck). On a machine with only Go such a test skips, saying what
// is missing; with NETLINT_REQUIRE_TOOLS=1 (CI sets it) a missing program
// fails the test instead, so CI can never pass by skipping.
package toolreq

import (
	"os"
	"os/exec"
	"testing"
)

// Env is the variable that turns a missing program into a failure.
const Env = "NETLINT_REQUIRE_TOOLS"

// Required reports whether missing programs fail tests.
func Required() bool { return os.Getenv(Env) == "1" }

// Need returns the path of program name, or ends the test: skipped, or
// failed when programs are required. install says how to get it.
func Need(t testing.TB, name, install string) string {
	t.Helper()
	path, ok := Have(t, name, install)
	if !ok {
		t.Skipf("%s is not on PATH (%s); skipped (set %s=1 to fail instead)", name, install, Env)
	}
	return path
}

// Have returns the path of program name and whether it is there, for tests
// that can do part of their work without it. When programs are required, a
// missing one fails the test.
func Have(t testing.TB, name, install string) (string, bool) {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path, true
	}
	if Required() {
		t.Fatalf("%s is not on PATH (%s) and %s=1", name, install, Env)
	}
	return "", false
}
