// Package actiontest tests the GitHub Action (action.yml at the repository root)
// outside GitHub: its step script runs in a simulated runner environment, and
// actionlint checks the action's steps and the example workflow.
package actiontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"

	"github.com/netlint/netlint/internal/sarifcheck"
	"github.com/netlint/netlint/internal/toolreq"
)

// root is the repository root, from this package's directory.
const root = "../.."

var (
	script      = filepath.Join(root, ".github", "actions", "netlint-run.sh")
	firingPlan  = filepath.Join(root, "testdata", "rules", "NL001", "fire-tgw.plan.json")
	quietPlan   = filepath.Join(root, "testdata", "rules", "NL001", "quiet.plan.json")
	exampleFlow = filepath.Join(root, "examples", "github-workflow.yml")
)

// runner is a simulated GitHub runner: a workspace, the files GitHub reads step
// outputs and the job summary from, and a temp dir.
type runner struct {
	workspace, output, summary, temp string
}

func newRunner(t *testing.T) *runner {
	t.Helper()
	dir := t.TempDir()
	r := &runner{
		workspace: filepath.Join(dir, "workspace"),
		output:    filepath.Join(dir, "github_output"),
		summary:   filepath.Join(dir, "step_summary"),
		temp:      filepath.Join(dir, "runner_temp"),
	}
	for _, d := range []string{r.workspace, r.temp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{r.output, r.summary} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// run runs the step script with netlint and the inputs (name -> value, as in
// action.yml) and returns its exit status and combined output.
func (r *runner) run(t *testing.T, netlint string, inputs map[string]string, extraEnv ...string) (int, string) {
	t.Helper()
	abs, err := filepath.Abs(script)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", abs)
	cmd.Dir = r.workspace
	// The test may itself run on GitHub: none of the runner's variables leak in.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITHUB_") && !strings.HasPrefix(kv, "INPUT_") && !strings.HasPrefix(kv, "RUNNER_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env,
		"NETLINT="+netlint,
		"GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE="+r.workspace,
		"GITHUB_OUTPUT="+r.output,
		"GITHUB_STEP_SUMMARY="+r.summary,
		"RUNNER_TEMP="+r.temp,
	)
	for name, v := range inputs {
		cmd.Env = append(cmd.Env, "INPUT_"+strings.ToUpper(strings.ReplaceAll(name, "-", "_"))+"="+v)
	}
	cmd.Env = append(cmd.Env, extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %s: %v", script, err)
	}
	return code, out.String()
}

// outputs parses $GITHUB_OUTPUT (name=value lines).
func (r *runner) outputs(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(r.output)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			if _, dup := out[k]; dup {
				t.Errorf("output %s written twice", k)
			}
			out[k] = v
		}
	}
	return out
}

func (r *runner) read(t *testing.T, path string) string {
	t.Helper()
	if !filepath.IsAbs(path) {
		path = filepath.Join(r.workspace, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// netlintBinary builds ./cmd/netlint once for the package's tests.
func netlintBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "netlint-actiontest-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "netlint")
		cmd := exec.Command("go", "build", "-o", builtBin, "./cmd/netlint")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/netlint: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// requireJQ: the action reads the JSON summary with jq, which GitHub's
// runners have.
func requireJQ(t *testing.T) {
	t.Helper()
	toolreq.Need(t, "jq", "apt-get install jq")
}

type summary struct {
	Error, Warning, Notice, Suppressed int
}

func jsonSummary(t *testing.T, data string) summary {
	t.Helper()
	var doc struct {
		Version int `json:"version"`
		Summary struct {
			Error      int `json:"error"`
			Warning    int `json:"warning"`
			Notice     int `json:"notice"`
			Suppressed int `json:"suppressed"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, data)
	}
	if doc.Version != 1 {
		t.Errorf("JSON report version %d, want 1", doc.Version)
	}
	s := doc.Summary
	return summary{s.Error, s.Warning, s.Notice, s.Suppressed}
}

// TestActionEndToEnd runs the step script with the real netlint on a plan whose
// spokes overlap (NL001) and on a clean one.
func TestActionEndToEnd(t *testing.T) {
	requireJQ(t)
	bin := netlintBinary(t)
	planAbs := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}

	t.Run("findings fail the step after every report is written", func(t *testing.T) {
		r := newRunner(t)
		code, log := r.run(t, bin, map[string]string{"plan": planAbs(firingPlan), "sarif-file": "reports/netlint.sarif"})
		if code != 1 {
			t.Fatalf("exit %d, want 1 (error findings)\n%s", code, log)
		}
		out := r.outputs(t)
		s := jsonSummary(t, r.read(t, out["json-file"]))
		if s.Error < 1 {
			t.Errorf("JSON summary %+v: want NL001 errors", s)
		}
		want := map[string]string{
			"errors": fmt.Sprint(s.Error), "warnings": fmt.Sprint(s.Warning),
			"notices": fmt.Sprint(s.Notice), "suppressed": fmt.Sprint(s.Suppressed),
			"sarif-file": "reports/netlint.sarif",
		}
		for k, v := range want {
			if out[k] != v {
				t.Errorf("output %s = %q, want %q (all: %v)", k, out[k], v, out)
			}
		}

		sarif := r.read(t, "reports/netlint.sarif")
		if err := sarifcheck.Validate([]byte(sarif)); err != nil {
			t.Errorf("SARIF invalid: %v", err)
		}
		if !strings.Contains(sarif, `"ruleId": "NL001"`) {
			t.Errorf("SARIF has no NL001 result")
		}
		// The one run's report files are the reports of runs of their own.
		for format, file := range map[string]string{"sarif": "reports/netlint.sarif", "json": out["json-file"], "markdown": out["markdown-file"]} {
			cmd := exec.Command(bin, "check", "-f", format, "--fail-on", "never", planAbs(firingPlan))
			cmd.Dir = r.workspace
			alone, err := cmd.Output()
			if err != nil {
				t.Fatalf("netlint check -f %s: %v", format, err)
			}
			if got := r.read(t, file); got != string(alone) {
				t.Errorf("the action's %s report differs from netlint check -f %s:\n%s", format, format, got)
			}
		}

		md := r.read(t, r.summary)
		for _, want := range []string{"## netlint: ", "NL001", "```mermaid", "aws_vpc.b", "aws_vpc.c"} {
			if !strings.Contains(md, want) {
				t.Errorf("step summary lacks %q:\n%s", want, md)
			}
		}
		if md != r.read(t, out["markdown-file"]) {
			t.Errorf("step summary differs from the markdown-file output")
		}
		// The text report goes to the log, and the failure is annotated.
		for _, want := range []string{"NL001", "::error title=netlint::findings at or above 'error'"} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
	})

	t.Run("fail-on never passes with the same reports", func(t *testing.T) {
		r := newRunner(t)
		code, log := r.run(t, bin, map[string]string{"plan": planAbs(firingPlan), "fail-on": "never", "format": "json"})
		if code != 0 {
			t.Fatalf("exit %d, want 0\n%s", code, log)
		}
		if out := r.outputs(t); out["errors"] == "0" || out["errors"] == "" {
			t.Errorf("errors output %q, want the findings counted", out["errors"])
		}
		// format json: the log carries the JSON report.
		if !strings.Contains(log, `"rule_id": "NL001"`) {
			t.Errorf("log is not the JSON report:\n%s", log)
		}
	})

	// quiet.plan.json has no error (it may have warnings from other rules).
	t.Run("plan without errors", func(t *testing.T) {
		r := newRunner(t)
		code, log := r.run(t, bin, map[string]string{"plan": planAbs(quietPlan), "summary": "false"})
		if code != 0 {
			t.Fatalf("exit %d, want 0\n%s", code, log)
		}
		out := r.outputs(t)
		if out["errors"] != "0" {
			t.Errorf("output errors = %q, want 0", out["errors"])
		}
		if s := r.read(t, r.summary); s != "" {
			t.Errorf("summary false, but the step summary got:\n%s", s)
		}
		if md := r.read(t, out["markdown-file"]); !strings.Contains(md, "## netlint: 0 errors") && !strings.Contains(md, "## netlint: no findings") {
			t.Errorf("markdown-file lacks the headline")
		}
	})

	t.Run("unreadable plan", func(t *testing.T) {
		r := newRunner(t)
		code, log := r.run(t, bin, map[string]string{"plan": "missing.plan.json"})
		if code != 2 {
			t.Fatalf("exit %d, want 2\n%s", code, log)
		}
		if !strings.Contains(log, "netlint: missing.plan.json") || !strings.Contains(log, "::error title=netlint::") {
			t.Errorf("log lacks the CLI's error and an annotation:\n%s", log)
		}
	})
}

// stubNetlint is a stand-in for the CLI that records its arguments, writes
// canned reports and exits as the contract says; it tests the script's own
// logic independently of the engine.
const stubNetlint = `#!/usr/bin/env bash
printf '%s\n' "$*" >> "$STUB_LOG"
if [ -n "${STUB_FAIL:-}" ]; then echo "netlint: plan.json: not a plan" >&2; exit 2; fi
body() {
  case "$1" in
    json) echo '{"version": 1, "findings": [], "summary": {"error": 2, "warning": 1, "notice": 0, "suppressed": 3, "not_evaluated": 4}}' ;;
    sarif) echo '{"version": "2.1.0", "runs": []}' ;;
    markdown) echo '## netlint: 2 errors, 1 warning, 0 notices' ;;
    *) echo 'error   NL001 overlapping-connected-ranges: stub' ;;
  esac
}
format=text out="" failon=error named=()
while [ $# -gt 0 ]; do
  case "$1" in
    -f) format=$2; shift ;;
    -o) case "$2" in
          json=* | sarif=* | markdown=* | text=*) named+=("$2") ;;
          *) out=$2 ;;
        esac
        shift ;;
    --fail-on) failon=$2; shift ;;
  esac
  shift
done
for n in ${named[@]+"${named[@]}"}; do body "${n%%=*}" > "${n#*=}"; done
if [ -n "$out" ]; then body "$format" > "$out"; else body "$format"; fi
case "$failon" in
  never) exit 0 ;;
  *) exit 1 ;;
esac
`

func writeStub(t *testing.T) (bin, log string) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "netlint")
	if err := os.WriteFile(bin, []byte(stubNetlint), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, filepath.Join(dir, "calls.log")
}

func TestActionScriptPassesInputsAsFlags(t *testing.T) {
	requireJQ(t)
	bin, calls := writeStub(t)
	r := newRunner(t)
	code, log := r.run(t, bin, map[string]string{
		"plan":       "infra/plan.json\n  other/state.json ",
		"tf-dir":     "infra",
		"config":     "ci/.netlint.yaml",
		"policy":     "policy/org\npolicy/team  policy/*",
		"format":     "text",
		"fail-on":    "warning",
		"sarif-file": "out/netlint.sarif",
		"summary":    "TRUE",
	}, "STUB_LOG="+calls)
	if code != 1 {
		t.Fatalf("exit %d, want the CLI's 1\n%s", code, log)
	}
	data, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	common := "--tf-dir infra -c ci/.netlint.yaml -p policy/org -p policy/team -p policy/*"
	plans := "-- infra/plan.json other/state.json"
	jsonFile := r.outputs(t)["json-file"]
	mdFile := r.outputs(t)["markdown-file"]
	// One run: the reports to files with -o FORMAT=FILE, the log's report to stdout.
	want := []string{
		"check " + common + " -f text --fail-on warning -o json=" + jsonFile +
			" -o sarif=out/netlint.sarif -o markdown=" + mdFile + " " + plans,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("netlint calls:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(jsonFile, r.temp+"/") || !strings.HasPrefix(mdFile, r.temp+"/") {
		t.Errorf("reports %s, %s not under RUNNER_TEMP", jsonFile, mdFile)
	}
	wantOut := map[string]string{"errors": "2", "warnings": "1", "notices": "0", "suppressed": "3",
		"sarif-file": "out/netlint.sarif", "json-file": jsonFile, "markdown-file": mdFile}
	if got := r.outputs(t); fmt.Sprint(got) != fmt.Sprint(wantOut) {
		t.Errorf("outputs %v, want %v", got, wantOut)
	}
	if got := r.read(t, r.summary); got != "## netlint: 2 errors, 1 warning, 0 notices\n" {
		t.Errorf("step summary %q", got)
	}
	if !strings.Contains(log, "error   NL001") {
		t.Errorf("text report not in the log:\n%s", log)
	}
}

func TestActionScriptDefaults(t *testing.T) {
	requireJQ(t)
	bin, calls := writeStub(t)
	r := newRunner(t)
	// Composite actions pass unset inputs as empty strings.
	code, log := r.run(t, bin, map[string]string{"plan": "plan.json", "tf-dir": "", "config": "", "policy": "",
		"format": "", "fail-on": "", "sarif-file": "", "summary": ""}, "STUB_LOG="+calls)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, log)
	}
	data, _ := os.ReadFile(calls)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	jsonFile, mdFile := r.outputs(t)["json-file"], r.outputs(t)["markdown-file"]
	// No -p: the policy input's default reads no directory, so none can be missing.
	want := "check -f text --fail-on error -o json=" + jsonFile + " -o sarif=netlint.sarif -o markdown=" + mdFile + " -- plan.json"
	if len(lines) != 1 || lines[0] != want {
		t.Errorf("netlint calls %q, want one: %q", lines, want)
	}
	if _, err := os.Stat(filepath.Join(r.workspace, "netlint.sarif")); err != nil {
		t.Errorf("default sarif-file: %v", err)
	}
	if r.read(t, r.summary) == "" {
		t.Errorf("summary defaults to true, but the step summary is empty")
	}
}

func TestActionScriptRejectsBadInputs(t *testing.T) {
	requireJQ(t)
	bin, calls := writeStub(t)
	tests := []struct {
		name   string
		inputs map[string]string
		env    []string
		want   string
	}{
		{"no plan", map[string]string{"plan": " \n"}, nil, "the plan input is required"},
		{"bad fail-on", map[string]string{"plan": "p.json", "fail-on": "errors"}, nil, "fail-on 'errors': want error, warning, notice or never"},
		{"bad summary", map[string]string{"plan": "p.json", "summary": "yes"}, nil, "summary 'yes': want true or false"},
		{"netlint fails", map[string]string{"plan": "p.json"}, []string{"STUB_FAIL=1"}, "netlint: plan.json: not a plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRunner(t)
			code, log := r.run(t, bin, tt.inputs, append(tt.env, "STUB_LOG="+calls)...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, log)
			}
			if !strings.Contains(log, tt.want) || !strings.Contains(log, "::error title=netlint::") {
				t.Errorf("log lacks %q and an annotation:\n%s", tt.want, log)
			}
			if out := r.outputs(t); len(out) != 0 {
				t.Errorf("outputs written on failure: %v", out)
			}
		})
	}
}

// actionMetadata is the part of action.yml the tests read.
type actionMetadata struct {
	Inputs map[string]struct {
		Required bool    `yaml:"required"`
		Default  *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string      `yaml:"using"`
		Steps []yaml.Node `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) actionMetadata {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionMetadata
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// Every input reaches the script as INPUT_*, and the script reads each.
func TestActionPassesEveryInputToTheScript(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	var run struct {
		ID  string            `yaml:"id"`
		Env map[string]string `yaml:"env"`
		Run string            `yaml:"run"`
	}
	for _, s := range a.Runs.Steps {
		var step struct {
			ID string `yaml:"id"`
		}
		if err := s.Decode(&step); err != nil {
			t.Fatal(err)
		}
		if step.ID == "run" {
			if err := s.Decode(&run); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !strings.Contains(run.Run, ".github/actions/netlint-run.sh") {
		t.Fatalf("step 'run' does not run the script: %q", run.Run)
	}
	src, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	for name := range a.Inputs {
		env := "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if got := run.Env[env]; got != "${{ inputs."+name+" }}" {
			t.Errorf("env %s = %q, want ${{ inputs.%s }}", env, got, name)
		}
		if !strings.Contains(string(src), env) {
			t.Errorf("the script never reads %s", env)
		}
	}
	if !a.Inputs["plan"].Required {
		t.Errorf("input plan is not required")
	}
	for _, name := range []string{"errors", "warnings", "notices", "suppressed", "sarif-file"} {
		if a.Outputs[name].Value != "${{ steps.run.outputs."+name+" }}" {
			t.Errorf("output %s = %q", name, a.Outputs[name].Value)
		}
		if !strings.Contains(string(src), `"`+name+`=`) {
			t.Errorf("the script never writes output %s", name)
		}
	}
}

// linter returns an actionlint linter for the repository, with shellcheck when
// it is installed.
func linter(t *testing.T, out io.Writer) (*actionlint.Linter, *actionlint.Project) {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	proj, err := actionlint.NewProject(abs)
	if err != nil {
		t.Fatal(err)
	}
	opts := &actionlint.LinterOptions{}
	if sc, ok := toolreq.Have(t, "shellcheck", "apt-get install shellcheck"); ok {
		opts.Shellcheck = sc
	} else {
		t.Log("shellcheck not on PATH: run: scripts are not checked")
	}
	l, err := actionlint.NewLinter(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	return l, proj
}

func lintErrors(errs []*actionlint.Error) string {
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestExampleWorkflowPassesActionlint(t *testing.T) {
	var out bytes.Buffer
	l, proj := linter(t, &out)
	errs, err := l.LintFile(exampleFlow, proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint %s:\n%s", exampleFlow, lintErrors(errs))
	}

	// As `uses: ./`, actionlint checks the inputs and outputs the example uses
	// against this repository's action.yml.
	src, err := os.ReadFile(exampleFlow)
	if err != nil {
		t.Fatal(err)
	}
	pinned := regexp.MustCompile(`uses: netlint/netlint@\S+`)
	if !pinned.Match(src) {
		t.Fatalf("%s does not use netlint/netlint@<ref>", exampleFlow)
	}
	local := pinned.ReplaceAll(src, []byte("uses: ./"))
	errs, err = l.Lint(filepath.Join(proj.RootDir(), ".github", "workflows", "netlint-example.yml"), local, proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint, example with uses: ./:\n%s", lintErrors(errs))
	}
}

// actionlint checks workflows, not composite actions: the action's steps are
// checked as the steps of a workflow whose workflow_dispatch inputs are the
// action's inputs (so ${{ inputs.x }} is typed) and whose job outputs are the
// action's outputs.
func TestActionStepsPassActionlint(t *testing.T) {
	a := readAction(t)
	var out bytes.Buffer
	l, proj := linter(t, &out)

	// The metadata itself, as actionlint reads a local action.
	md, _, err := actionlint.NewLocalActionsCache(proj, nil).FindMetadata("./")
	if err != nil {
		t.Fatalf("action.yml metadata: %v", err)
	}
	if md == nil || md.Inputs["plan"] == nil || !md.Inputs["plan"].Required {
		t.Fatalf("actionlint reads no required input plan from action.yml: %+v", md)
	}

	if len(a.Runs.Steps) < 4 {
		t.Fatalf("action.yml has %d steps, want install, setup-go, build and run", len(a.Runs.Steps))
	}
	inputs := map[string]any{}
	for name, in := range a.Inputs {
		spec := map[string]any{"description": name, "type": "string", "required": in.Required}
		if in.Default != nil {
			spec["default"] = *in.Default
		}
		inputs[name] = spec
	}
	outputs := map[string]string{}
	for name, o := range a.Outputs {
		outputs[name] = o.Value
	}
	wf := map[string]any{
		"name": "action.yml steps",
		"on":   map[string]any{"workflow_dispatch": map[string]any{"inputs": inputs}},
		"jobs": map[string]any{"action": map[string]any{
			"runs-on": "ubuntu-latest",
			"outputs": outputs,
			"steps":   a.Runs.Steps,
		}},
	}
	data, err := yaml.Marshal(wf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("netlint-run.sh")) || !bytes.Contains(data, []byte("netlint-install.sh")) ||
		!bytes.Contains(data, []byte("actions/setup-go")) {
		t.Fatalf("the synthesized workflow lacks the action's steps:\n%s", data)
	}
	errs, err := l.Lint(filepath.Join(proj.RootDir(), ".github", "workflows", "action-steps.yml"), data, proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint on action.yml's steps:\n%s\nworkflow:\n%s", lintErrors(errs), data)
	}
}
