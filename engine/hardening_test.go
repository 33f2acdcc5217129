package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/policies"
)

const hostile = "../testdata/hostile/policy/"

func builtinRules(t *testing.T) map[string]finding.Rule {
	t.Helper()
	e, err := New(Options{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Rule{}
	for _, r := range e.Rules() {
		out[r.ID] = r
	}
	return out
}

// TestCatalogueReadsParams: the parameters of the built-in rules come from
// their METADATA custom.params.
func TestCatalogueReadsParams(t *testing.T) {
	rules := builtinRules(t)
	want := map[string]finding.Param{
		"NL502": {Name: "max_peerings", Type: "integer", Default: 10},
		"NL601": {Name: "attachment_quota", Type: "integer", Default: 5000},
		"NL303": {Name: "require_encryption", Type: "boolean", Default: false},
	}
	for id, p := range want {
		got := rules[id].Params
		if len(got) != 1 || got[0].Name != p.Name || got[0].Type != p.Type || got[0].Default != p.Default || got[0].Description == "" {
			t.Errorf("%s params %+v, want [%+v] with a description", id, got, p)
		}
	}
}

// TestLibParamCallsAreDeclared: every lib.param(ID, key, default) of the
// built-in rules names a parameter its rule declares, with the same default,
// so that .netlint.yaml validation and the rules agree.
func TestLibParamCallsAreDeclared(t *testing.T) {
	rules := builtinRules(t)
	srcs, err := BuiltinSources(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := parseModules(srcs)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for name, m := range mods {
		consts := map[string]ast.Value{}
		for _, r := range m.Rules {
			if r.Head.Value != nil && len(r.Head.Args) == 0 && ast.IsConstant(r.Head.Value.Value) {
				consts[r.Head.Name.String()] = r.Head.Value.Value
			}
		}
		ast.WalkTerms(m, func(term *ast.Term) bool {
			call, ok := term.Value.(ast.Call)
			if !ok || call[0].String() != "lib.param" || len(call) != 4 {
				return false
			}
			calls++
			id, ok1 := call[1].Value.(ast.String)
			key, ok2 := call[2].Value.(ast.String)
			if !ok1 || !ok2 {
				t.Errorf("%s:%d: lib.param with a rule id or key that is not a constant", name, term.Location.Row)
				return false
			}
			def := call[3].Value
			if v, ok := def.(ast.Var); ok {
				def = consts[string(v)]
			}
			var decl *finding.Param
			for _, p := range rules[string(id)].Params {
				if p.Name == string(key) {
					decl = &p
				}
			}
			if decl == nil {
				t.Errorf("%s:%d: lib.param(%s, %s): %s declares no such parameter in METADATA custom.params", name, term.Location.Row, id, key, id)
				return false
			}
			if want, err := ast.InterfaceToValue(decl.Default); err != nil || def == nil || want.Compare(def) != 0 {
				t.Errorf("%s:%d: lib.param(%s, %s) defaults to %v, METADATA custom.params says %v", name, term.Location.Row, id, key, def, decl.Default)
			}
			return false
		})
	}
	if calls < 3 {
		t.Fatalf("found %d lib.param calls, want at least 3", calls)
	}
}

func TestParamDeclarationErrors(t *testing.T) {
	_, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{hostile + "bad-params"}})
	want := `bad-params/params.rego:1: rule HOSTILE006: METADATA custom.params.limit.type "int" is not one of any, array, boolean, integer, number, object, string`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
	for _, tt := range []struct{ decl, want string }{
		{"params: [limit]", "custom.params must map each parameter name"},
		{"params: {limit: 3}", "custom.params.limit must be {type, default, description}"},
		{"params: {limit: {type: integer, default: three}}", "custom.params.limit.default three is not an integer"},
		{"params: {limit: {type: integer, min: 1}}", `custom.params.limit: unknown key "min"`},
		{"params: {severity: {type: string}}", `"severity" cannot be a parameter name`},
	} {
		src := "# METADATA\n# title: t\n# custom:\n#   id: T1\n#   name: t\n#   severity: notice\n#   " + tt.decl + "\npackage t\n\ndeny contains \"x\" if false\n"
		_, err := New(Options{PolicyDirs: []string{writePolicy(t, src)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.decl, err, tt.want)
		}
	}
	e, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{hostile + "user-params"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Rules() {
		if r.ID == "ACME010" && (len(r.Params) != 1 || r.Params[0].Name != "max_vpcs" || r.Params[0].Default != 100) {
			t.Fatalf("ACME010 params %+v", r.Params)
		}
	}
}

func writePolicy(t *testing.T, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "p.rego")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSandbox: a policy that reaches for the network, the host, the clock or
// randomness fails at load, naming the file, the line and the built-in.
func TestSandbox(t *testing.T) {
	for _, tt := range []struct{ body, builtin string }{
		{`x := http.send({"method": "GET", "url": "http://169.254.169.254/"})`, "http.send"},
		{`x := net.lookup_ip_addr("example.com")`, "net.lookup_ip_addr"},
		{`x := opa.runtime().env`, "opa.runtime"},
		{`x := time.now_ns()`, "time.now_ns"},
		{`x := rand.intn("k", 10)`, "rand.intn"},
		{`x := uuid.rfc4122("k")`, "uuid.rfc4122"},
		{"x if {\n\ty := 1\n\tio.jwt.decode_verify(\"t\", {\"secret\": \"s\"}, [true, {}, {}])\n}", "io.jwt.decode_verify"},
		{"f(x) := x\n\ny := f(time.now_ns())", "time.now_ns"},
	} {
		t.Run(tt.builtin, func(t *testing.T) {
			src := "package acme.lib\n\n" + tt.body + "\n"
			p := writePolicy(t, src)
			_, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{p}})
			want := tt.builtin + " is not allowed in netlint policies"
			if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), p+":") {
				t.Fatalf("error %v, want %s:LINE: %s", err, p, want)
			}
			// netlint verify refuses it too.
			if _, err := RunTests(context.Background(), []Source{{Name: p, Data: []byte(src)}}); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("RunTests: error %v, want %q", err, want)
			}
		})
	}
	for dir, want := range map[string]string{
		"http-send":   "http-send/http.rego:14: http.send is not allowed in netlint policies",
		"time-now":    "time-now/clock.rego:13: time.now_ns is not allowed in netlint policies",
		"opa-runtime": "opa-runtime/env.rego:14: opa.runtime is not allowed in netlint policies",
	} {
		_, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{hostile + dir}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", dir, err, want)
		}
	}
	// An import alias is not the built-in.
	lib := writePolicy(t, "package acme.lib\n\nimport data.acme.other as http\n\nx := http.send\n")
	if _, err := New(Options{PolicyDirs: []string{lib}}); err != nil && strings.Contains(err.Error(), "not allowed") {
		t.Fatalf("an import alias named http: %v", err)
	}
}

// TestCapabilities: the sandbox removes every non-deterministic built-in and
// keeps netlint's own.
func TestCapabilities(t *testing.T) {
	have := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		have[b.Name] = true
		if b.Nondeterministic {
			t.Errorf("%s is non-deterministic but allowed", b.Name)
		}
	}
	for _, name := range []string{"http.send", "net.lookup_ip_addr", "opa.runtime", "time.now_ns", "rand.intn", "uuid.rfc4122"} {
		if have[name] {
			t.Errorf("%s is allowed", name)
		}
	}
	for _, name := range []string{"netlint.cidr_overlaps", "netlint.cidr_overlaps_by", "netlint.cidrs_outside", "count", "sprintf", "net.cidr_contains", "time.parse_rfc3339_ns"} {
		if !have[name] {
			t.Errorf("%s is not allowed", name)
		}
	}
	if !testCapabilitiesHave(testInputName) {
		t.Errorf("netlint verify lost %s", testInputName)
	}
}

func testCapabilitiesHave(name string) bool {
	for _, b := range testCapabilities().Builtins {
		if b.Name == name {
			return true
		}
	}
	return false
}

// TestDenyWithoutMetadata: a package with a deny rule but no METADATA would
// be silently ignored; it is refused. A library package is fine.
func TestDenyWithoutMetadata(t *testing.T) {
	_, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{hostile + "no-metadata"}})
	want := hostile + `no-metadata/acme.rego:3: package acme.vpc_owner_tag has a deny rule but no METADATA with custom.id, custom.name and custom.severity (see README "Writing your own rules")`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v\nwant %s", err, want)
	}
	if _, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{hostile + "library-only"}}); err != nil {
		t.Fatalf("a library package: %v", err)
	}
	// METADATA in another file of the package is enough.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.rego"), []byte("# METADATA\n# title: t\n# custom:\n#   id: T1\n#   name: t\n#   severity: notice\npackage t\n\nhelper := 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.rego"), []byte("package t\n\ndeny contains \"x\" if false\n"), 0o644)
	if _, err := New(Options{PolicyDirs: []string{dir}}); err != nil {
		t.Fatalf("METADATA in a sibling file: %v", err)
	}
}

// TestUserRulesEvaluateAlone: every package of users' rules is a query of its
// own, so a limit can name it; the built-ins keep theirs.
func TestUserRulesEvaluateAlone(t *testing.T) {
	e, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{"../testdata/policies/good", hostile + "user-params"}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Prepare(context.Background(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.queries) != max(1, Workers)+2 {
		t.Fatalf("%d queries, want %d for the built-ins and one per user package", len(p.queries), max(1, Workers)+2)
	}
	for _, q := range p.queries[len(p.queries)-2:] {
		if len(q.rules) != 1 || q.rules[0].Builtin {
			t.Fatalf("user query rules %+v", q.rules)
		}
	}
}

// TestTimeoutNamesTheRule: a rule still running at the deadline is named.
func TestTimeoutNamesTheRule(t *testing.T) {
	e, err := New(Options{Builtin: policies.FS, PolicyDirs: []string{hostile + "slow"}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Prepare(context.Background(), Settings{Limits: Limits{Timeout: 300 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = p.Eval(context.Background(), model.New())
	var le *LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v, want a LimitError", err)
	}
	want := hostile + "slow/slow.rego: rule HOSTILE001 did not finish within --policy-timeout 300ms"
	if !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %q, want %q", err, want)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("stopping took %s", d)
	}
	// Without the slow rule the same limits change nothing.
	p, err = e.Prepare(context.Background(), Settings{Enabled: func(id string) bool { return id != "HOSTILE001" },
		Limits: Limits{Timeout: time.Minute, Memory: 4 << 30}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Eval(context.Background(), model.New()); err != nil {
		t.Fatal(err)
	}
}

func TestLimitErrorNamesBuiltins(t *testing.T) {
	err := &LimitError{Memory: 200 << 20, Rules: []finding.Rule{{ID: "NL001", Builtin: true}, {ID: "NL205", Builtin: true}}}
	if got, want := err.Error(), "built-in rules NL001, NL205 were stopped: the heap passed --policy-memory 200MiB (raise it, or fix the rule)"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}

func TestDefaultMemory(t *testing.T) {
	if m := DefaultMemory(); m <= 0 || m > 4<<30 {
		t.Fatalf("DefaultMemory() = %d", m)
	}
}

func TestRuleScopedMetadata(t *testing.T) {
	src := "package acme.t\n\n# METADATA\n# title: t\n# custom:\n#   id: T1\n#   name: t\n#   severity: notice\ndeny contains \"x\" if false\n"
	p := writePolicy(t, src)
	_, err := New(Options{PolicyDirs: []string{p}})
	want := p + ":3: package acme.t: the METADATA of rule T1 belongs above the package line"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
}
