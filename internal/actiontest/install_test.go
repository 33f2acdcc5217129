package actiontest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/netlint/netlint/internal/toolreq"
)

var (
	installScript = filepath.Join(root, ".github", "actions", "netlint-install.sh")
	goreleaserCfg = filepath.Join(root, ".goreleaser.yaml")
	releaseFlow   = filepath.Join(root, ".github", "workflows", "release.yml")
)

// goreleaser is the part of .goreleaser.yaml the action depends on.
type goreleaser struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		Formats         []string `yaml:"formats"`
		NameTemplate    string   `yaml:"name_template"`
		WrapInDirectory any      `yaml:"wrap_in_directory"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

func readGoreleaser(t *testing.T) goreleaser {
	t.Helper()
	data, err := os.ReadFile(goreleaserCfg)
	if err != nil {
		t.Fatal(err)
	}
	var g goreleaser
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(g.Builds) != 1 || len(g.Archives) != 1 {
		t.Fatalf(".goreleaser.yaml: %d builds and %d archives, want one of each", len(g.Builds), len(g.Archives))
	}
	return g
}

// archiveName is the file GoReleaser makes for a platform: the archive's
// name_template (a Go template, as GoReleaser's are) and its format.
func (g goreleaser) archiveName(t *testing.T, version, goos, goarch string) string {
	t.Helper()
	a := g.Archives[0]
	tmpl, err := template.New("name").Option("missingkey=zero").Parse(a.NameTemplate)
	if err != nil {
		t.Fatalf("archives name_template %q: %v", a.NameTemplate, err)
	}
	var b strings.Builder
	vars := map[string]any{"ProjectName": g.ProjectName, "Version": version, "Os": goos, "Arch": goarch,
		"Arm": "", "Amd64": "v1", "Arm64": "v8.0", "Mips": "", "Tag": "v" + version}
	if err := tmpl.Execute(&b, vars); err != nil {
		t.Fatal(err)
	}
	format := a.Formats
	for _, o := range a.FormatOverrides {
		if o.Goos == goos {
			format = o.Formats
		}
	}
	if len(format) != 1 {
		t.Fatalf("archive formats for %s: %v, want one", goos, format)
	}
	return b.String() + "." + format[0]
}

// The release GoReleaser makes is the one netlint-install.sh looks for:
// every runner platform, the binary name, the version stamp, checksums.txt.
func TestGoreleaserMatchesTheInstaller(t *testing.T) {
	g := readGoreleaser(t)
	b := g.Builds[0]
	if g.Version != 2 || g.ProjectName != "netlint" {
		t.Errorf("version %d, project_name %q: want 2, netlint", g.Version, g.ProjectName)
	}
	if b.Main != "./cmd/netlint" || b.Binary != "netlint" {
		t.Errorf("build main %q binary %q, want ./cmd/netlint, netlint", b.Main, b.Binary)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") || !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("build env %v flags %v: want CGO_ENABLED=0 and -trimpath", b.Env, b.Flags)
	}
	if !strings.Contains(strings.Join(b.Ldflags, " "), "-X main.version={{.Version}}") {
		t.Errorf("ldflags %v do not set main.version", b.Ldflags)
	}
	src, err := os.ReadFile(filepath.Join(root, "cmd", "netlint", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\nvar version = ") {
		t.Errorf("cmd/netlint has no var version for -X main.version")
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("goos %v lacks %s", b.Goos, goos)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("goarch %v lacks %s", b.Goarch, arch)
		}
	}
	if g.Checksum.NameTemplate != "checksums.txt" || (g.Checksum.Algorithm != "" && g.Checksum.Algorithm != "sha256") {
		t.Errorf("checksum %+v, want checksums.txt of sha256", g.Checksum)
	}
	if w := g.Archives[0].WrapInDirectory; w != nil && w != false {
		t.Errorf("archives wrap_in_directory %v: the installer wants the binary at the archive's root", w)
	}
	// The names are checked by installing from a release made with them.
	want := map[string]string{
		"linux/amd64": "netlint_1.2.3_linux_amd64.tar.gz", "darwin/arm64": "netlint_1.2.3_darwin_arm64.tar.gz",
		"windows/amd64": "netlint_1.2.3_windows_amd64.zip",
	}
	for p, name := range want {
		goos, arch, _ := strings.Cut(p, "/")
		if got := g.archiveName(t, "1.2.3", goos, arch); got != name {
			t.Errorf("%s archive %q, want %q (change netlint-install.sh with it)", p, got, name)
		}
	}
}

// fakeBinary stands in for netlint in the fake release: it says which it is.
func fakeBinary(version string) []byte {
	return []byte("#!/bin/sh\necho \"fake netlint " + version + "\"\n")
}

func tarGz(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(files[name])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(files[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		h.SetMode(0o755)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// release is a fake GitHub release server: files under /<tag>/, 404 for the rest.
type release struct {
	srv      *httptest.Server
	mu       sync.Mutex
	files    map[string][]byte
	status   int // when not 0, every request gets it
	requests []string
}

func newRelease(t *testing.T) *release {
	t.Helper()
	r := &release{files: map[string][]byte{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.requests = append(r.requests, req.URL.Path)
		if r.status != 0 {
			w.WriteHeader(r.status)
			return
		}
		data, ok := r.files[req.URL.Path]
		if !ok {
			http.NotFound(w, req)
			return
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *release) requested() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

// publish adds a release of tag with the archives GoReleaser's config names
// for the platforms and a checksums.txt; corrupt makes the listed checksum of
// each archive wrong.
func (r *release) publish(t *testing.T, tag string, corrupt bool, platforms ...string) {
	t.Helper()
	g := readGoreleaser(t)
	version := strings.TrimPrefix(tag, "v")
	var sums strings.Builder
	for _, p := range platforms {
		goos, arch, _ := strings.Cut(p, "/")
		name := g.archiveName(t, version, goos, arch)
		var data []byte
		if goos == "windows" {
			data = zipOf(t, map[string][]byte{"netlint.exe": fakeBinary(version), "README.md": []byte("# netlint\n")})
		} else {
			data = tarGz(t, map[string][]byte{"netlint": fakeBinary(version), "README.md": []byte("# netlint\n")})
		}
		sum := sha256Hex(data)
		if corrupt {
			sum = sha256Hex(append(data, '!'))
		}
		fmt.Fprintf(&sums, "%s  %s\n", sum, name)
		r.files["/"+tag+"/"+name] = data
	}
	r.files["/"+tag+"/"+g.Checksum.NameTemplate] = []byte(sums.String())
}

// installRun is one run of netlint-install.sh in a simulated runner.
type installRun struct {
	code      int
	log       string
	outputs   map[string]string
	toolCache string
	temp      string
}

func runInstall(t *testing.T, base, ref, runnerOS, runnerArch, toolCache string) installRun {
	t.Helper()
	r := newRunner(t)
	abs, err := filepath.Abs(installScript)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", abs)
	cmd.Dir = r.workspace
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITHUB_") && !strings.HasPrefix(kv, "RUNNER_") && !strings.HasPrefix(kv, "NETLINT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env,
		"GITHUB_ACTIONS=true", "GITHUB_OUTPUT="+r.output, "RUNNER_TEMP="+r.temp,
		"RUNNER_TOOL_CACHE="+toolCache, "RUNNER_OS="+runnerOS, "RUNNER_ARCH="+runnerArch,
		"NETLINT_REF="+ref, "NETLINT_RELEASE_BASE_URL="+base)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %s: %v", installScript, err)
	}
	return installRun{code: code, log: out.String(), outputs: r.outputs(t), toolCache: toolCache, temp: r.temp}
}

func needInstallTools(t *testing.T) {
	t.Helper()
	toolreq.Need(t, "curl", "apt-get install curl")
	if _, err := exec.LookPath("sha256sum"); err != nil {
		toolreq.Need(t, "shasum", "sha256sum (coreutils) or shasum (perl)")
	}
}

// runBinary runs an installed fake netlint and returns what it printed.
func runBinary(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(path).CombinedOutput()
	if err != nil {
		t.Fatalf("run installed %s: %v\n%s", path, err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestInstallDownloadsVerifiesAndCaches(t *testing.T) {
	needInstallTools(t)
	rel := newRelease(t)
	rel.publish(t, "v1.2.3", false, "linux/amd64", "linux/arm64", "darwin/arm64", "windows/amd64")

	for _, tc := range []struct{ os, arch, goarch, exe, archive string }{
		{"Linux", "X64", "amd64", "netlint", "netlint_1.2.3_linux_amd64.tar.gz"},
		{"Linux", "ARM64", "arm64", "netlint", "netlint_1.2.3_linux_arm64.tar.gz"},
		{"macOS", "ARM64", "arm64", "netlint", "netlint_1.2.3_darwin_arm64.tar.gz"},
		{"Windows", "X64", "amd64", "netlint.exe", "netlint_1.2.3_windows_amd64.zip"},
	} {
		t.Run(tc.os+"/"+tc.arch, func(t *testing.T) {
			if tc.os == "Windows" {
				// The fake .exe is a shell script: it runs here all the same.
				toolreq.Need(t, "unzip", "apt-get install unzip")
			}
			cache := t.TempDir()
			before := len(rel.requested())
			got := runInstall(t, rel.srv.URL, "v1.2.3", tc.os, tc.arch, cache)
			if got.code != 0 {
				t.Fatalf("exit %d\n%s", got.code, got.log)
			}
			bin := filepath.Join(cache, "netlint", "1.2.3", tc.goarch, tc.exe)
			want := map[string]string{"path": bin, "build": "false", "version": "1.2.3"}
			if fmt.Sprint(got.outputs) != fmt.Sprint(want) {
				t.Errorf("outputs %v, want %v\n%s", got.outputs, want, got.log)
			}
			if out := runBinary(t, bin); out != "fake netlint 1.2.3" {
				t.Errorf("installed binary says %q", out)
			}
			if _, err := os.Stat(filepath.Join(cache, "netlint", "1.2.3", tc.goarch+".complete")); err != nil {
				t.Errorf("tool cache marker: %v", err)
			}
			reqs := rel.requested()[before:]
			wantReqs := []string{"/v1.2.3/checksums.txt", "/v1.2.3/" + tc.archive}
			if !slices.Equal(reqs, wantReqs) {
				t.Errorf("requests %v, want %v", reqs, wantReqs)
			}
			if !strings.Contains(got.log, "verified "+tc.archive) {
				t.Errorf("log does not say the archive was verified:\n%s", got.log)
			}

			// A second run on this runner takes the cached binary without a request.
			before = len(rel.requested())
			again := runInstall(t, rel.srv.URL, "v1.2.3", tc.os, tc.arch, cache)
			if again.code != 0 || again.outputs["path"] != bin || again.outputs["build"] != "false" {
				t.Errorf("cached run: exit %d outputs %v\n%s", again.code, again.outputs, again.log)
			}
			if reqs := rel.requested()[before:]; len(reqs) != 0 {
				t.Errorf("cached run made requests %v", reqs)
			}
			if !strings.Contains(again.log, "from the tool cache") {
				t.Errorf("cached run does not say so:\n%s", again.log)
			}
		})
	}
}

// A checksum that does not match fails the step: never a build instead, never
// an installed binary.
func TestInstallRefusesABadChecksum(t *testing.T) {
	needInstallTools(t)
	rel := newRelease(t)
	rel.publish(t, "v1.2.3", true, "linux/amd64")
	cache := t.TempDir()
	got := runInstall(t, rel.srv.URL, "v1.2.3", "Linux", "X64", cache)
	if got.code != 2 {
		t.Errorf("exit %d, want 2\n%s", got.code, got.log)
	}
	for _, want := range []string{"checksum mismatch for netlint_1.2.3_linux_amd64.tar.gz", "::error title=netlint::"} {
		if !strings.Contains(got.log, want) {
			t.Errorf("log lacks %q:\n%s", want, got.log)
		}
	}
	if len(got.outputs) != 0 {
		t.Errorf("outputs %v: want none (no build, no binary)", got.outputs)
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "netlint")); len(entries) != 0 {
		t.Errorf("the tool cache got %v", entries)
	}
}

// checksums.txt that does not list the archive cannot vouch for it.
func TestInstallRefusesAnUnlistedArchive(t *testing.T) {
	needInstallTools(t)
	rel := newRelease(t)
	rel.publish(t, "v1.2.3", false, "linux/amd64")
	rel.files["/v1.2.3/checksums.txt"] = []byte(sha256Hex([]byte("x")) + "  netlint_1.2.3_darwin_amd64.tar.gz\n")
	got := runInstall(t, rel.srv.URL, "v1.2.3", "Linux", "X64", t.TempDir())
	if got.code != 2 || !strings.Contains(got.log, "does not list netlint_1.2.3_linux_amd64.tar.gz") {
		t.Errorf("exit %d, want 2 and the reason\n%s", got.code, got.log)
	}
	if len(got.outputs) != 0 {
		t.Errorf("outputs %v, want none", got.outputs)
	}
}

// Without a release binary for the ref the step asks for a build, and says why.
func TestInstallFallsBackToABuild(t *testing.T) {
	needInstallTools(t)
	rel := newRelease(t)
	rel.publish(t, "v1.2.3", false, "linux/amd64") // no arm64, no v2.0.0
	tests := []struct {
		name, ref, os, arch string
		why                 string
		wantRequests        int
	}{
		{"no release for the tag", "v2.0.0", "Linux", "X64", "no release v2.0.0", 1},
		{"no archive for the platform", "v1.2.3", "Linux", "ARM64", "has no netlint_1.2.3_linux_arm64.tar.gz", 2},
		{"a branch", "main", "Linux", "X64", "ref 'main' is not a release tag", 0},
		{"a major tag", "v1", "Linux", "X64", "ref 'v1' is not a release tag", 0},
		{"uses: ./", "", "Linux", "X64", "ref '(none)' is not a release tag", 0},
		{"a ref that is no path", "v1.2.3/../../x", "Linux", "X64", "is not a release tag", 0},
		{"an unknown runner", "v1.2.3", "Linux", "ARM", "no release binary for runner Linux/ARM", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(rel.requested())
			got := runInstall(t, rel.srv.URL, tt.ref, tt.os, tt.arch, t.TempDir())
			if got.code != 0 {
				t.Fatalf("exit %d, want 0 (a build follows)\n%s", got.code, got.log)
			}
			if got.outputs["build"] != "true" || got.outputs["path"] != filepath.Join(got.temp, "netlint-build", "netlint") {
				t.Errorf("outputs %v: want build=true, path under RUNNER_TEMP", got.outputs)
			}
			if got.outputs["version"] != strings.TrimPrefix(tt.ref, "v") {
				t.Errorf("version output %q for ref %q", got.outputs["version"], tt.ref)
			}
			for _, want := range []string{tt.why, "building netlint from source", "::notice title=netlint::"} {
				if !strings.Contains(got.log, want) {
					t.Errorf("log lacks %q:\n%s", want, got.log)
				}
			}
			if n := len(rel.requested()) - before; n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
		})
	}
}

// A server error is no evidence that the release is missing: fail, say so.
func TestInstallFailsOnAServerError(t *testing.T) {
	needInstallTools(t)
	rel := newRelease(t)
	rel.publish(t, "v1.2.3", false, "linux/amd64")
	rel.status = http.StatusBadGateway
	got := runInstall(t, rel.srv.URL, "v1.2.3", "Linux", "X64", t.TempDir())
	if got.code != 2 || !strings.Contains(got.log, "HTTP 502") {
		t.Errorf("exit %d, want 2 and HTTP 502\n%s", got.code, got.log)
	}
	if len(got.outputs) != 0 {
		t.Errorf("outputs %v, want none", got.outputs)
	}
}

// action.yml: Go is set up and netlint built only when the install step asks,
// the build writes where the install step says, and the run step runs that.
func TestActionInstallsBeforeBuilding(t *testing.T) {
	a := readAction(t)
	type step struct {
		ID   string            `yaml:"id"`
		If   string            `yaml:"if"`
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		Env  map[string]string `yaml:"env"`
	}
	var steps []step
	for _, n := range a.Runs.Steps {
		var s step
		if err := n.Decode(&s); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, s)
	}
	if len(steps) != 4 {
		t.Fatalf("%d steps, want install, setup-go, build, run", len(steps))
	}
	install, setup, build, run := steps[0], steps[1], steps[2], steps[3]
	if install.ID != "install" || !strings.Contains(install.Run, ".github/actions/netlint-install.sh") ||
		install.Env["NETLINT_REF"] != "${{ github.action_ref }}" {
		t.Errorf("first step %+v: want the install script with NETLINT_REF", install)
	}
	const cond = "steps.install.outputs.build == 'true'"
	if !strings.HasPrefix(setup.Uses, "actions/setup-go@") || setup.If != cond {
		t.Errorf("second step %+v: want setup-go if %s", setup, cond)
	}
	if build.If != cond || !strings.Contains(build.Run, `-o "$NETLINT_BIN" ./cmd/netlint`) ||
		build.Env["NETLINT_BIN"] != "${{ steps.install.outputs.path }}" {
		t.Errorf("third step %+v: want go build to the install step's path if %s", build, cond)
	}
	if run.ID != "run" || run.Env["NETLINT"] != "${{ steps.install.outputs.path }}" {
		t.Errorf("run step NETLINT = %q, want the install step's path", run.Env["NETLINT"])
	}
	src, err := os.ReadFile(installScript)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"path=", "build=", "version="} {
		if !strings.Contains(string(src), `"`+out) {
			t.Errorf("the install script never writes output %s", strings.TrimSuffix(out, "="))
		}
	}
}

func TestReleaseWorkflowPassesActionlint(t *testing.T) {
	var out bytes.Buffer
	l, proj := linter(t, &out)
	errs, err := l.LintFile(releaseFlow, proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint %s:\n%s", releaseFlow, lintErrors(errs))
	}
	var wf struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	data, err := os.ReadFile(releaseFlow)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(wf.On.Push.Tags, []string{"v*"}) || wf.Permissions["contents"] != "write" {
		t.Errorf("release workflow: tags %v, permissions %v: want v* and contents: write", wf.On.Push.Tags, wf.Permissions)
	}
	var found bool
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "goreleaser/goreleaser-action@") {
				found = true
				if !strings.Contains(s.With["args"], "release") || !strings.Contains(s.With["version"], "v2") {
					t.Errorf("goreleaser step with %v: want release with GoReleaser v2", s.With)
				}
			}
		}
	}
	if !found {
		t.Errorf("the release workflow does not run goreleaser/goreleaser-action")
	}
}
