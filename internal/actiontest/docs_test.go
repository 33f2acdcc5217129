package actiontest

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// readmeBlock returns the README's ```yaml block that starts with first.
func readmeBlock(t *testing.T, first string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	open := "```yaml\n" + first
	i := bytes.Index(data, []byte(open))
	if i < 0 {
		t.Fatalf("README.md has no ```yaml block starting %q", first)
	}
	block := data[i+len("```yaml\n"):]
	end := bytes.Index(block, []byte("\n```"))
	if end < 0 {
		t.Fatalf("README.md: the block starting %q is not closed", first)
	}
	return block[:end+1]
}

// terraformWrapperOff: every setup-terraform step turns the wrapper off, which
// otherwise adds its own lines to `terraform show -json` output.
func terraformWrapperOff(t *testing.T, name string, src []byte) {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string         `yaml:"uses"`
				With map[string]any `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	n := 0
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "hashicorp/setup-terraform@") {
				n++
				if s.With["terraform_wrapper"] != false {
					t.Errorf("%s: setup-terraform with %v: want terraform_wrapper: false", name, s.With)
				}
			}
		}
	}
	if n == 0 {
		t.Errorf("%s sets up no Terraform", name)
	}
}

func TestReadmeWorkflowPassesActionlint(t *testing.T) {
	src := readmeBlock(t, "name: network lint\n")
	terraformWrapperOff(t, "README workflow", src)
	pinned := regexp.MustCompile(`uses: netlint/netlint@\S+`)
	if !pinned.Match(src) {
		t.Fatalf("the README workflow does not use netlint/netlint@<ref>")
	}
	var out bytes.Buffer
	l, proj := linter(t, &out)
	// As `uses: ./`, actionlint checks its inputs against this action.yml.
	local := pinned.ReplaceAll(src, []byte("uses: ./"))
	errs, err := l.Lint(filepath.Join(proj.RootDir(), ".github", "workflows", "readme.yml"), local, proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint, README workflow:\n%s\n%s", lintErrors(errs), local)
	}
}

func TestExampleWorkflowTurnsTheTerraformWrapperOff(t *testing.T) {
	src, err := os.ReadFile(exampleFlow)
	if err != nil {
		t.Fatal(err)
	}
	terraformWrapperOff(t, exampleFlow, src)
}

// The README's pre-commit configuration, run with the hooks' entry and args
// (args given in the configuration replace the hook's), passes each flag once.
func TestReadmePreCommitHooksCommands(t *testing.T) {
	var hooks []struct {
		ID    string   `yaml:"id"`
		Entry string   `yaml:"entry"`
		Args  []string `yaml:"args"`
	}
	data, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Hooks []struct {
				ID   string    `yaml:"id"`
				Args *[]string `yaml:"args"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal(readmeBlock(t, "repos:\n"), &cfg); err != nil {
		t.Fatal(err)
	}
	commands := map[string]string{}
	for _, repo := range cfg.Repos {
		for _, use := range repo.Hooks {
			found := false
			for _, h := range hooks {
				if h.ID != use.ID {
					continue
				}
				found = true
				args := h.Args
				if use.Args != nil {
					args = *use.Args
				}
				commands[h.ID] = strings.Join(append(strings.Fields(h.Entry), args...), " ")
			}
			if !found {
				t.Errorf("README uses hook %q, which .pre-commit-hooks.yaml lacks", use.ID)
			}
		}
	}
	if got := commands["netlint-verify"]; got != "netlint verify -p policy" {
		t.Errorf("README's netlint-verify runs %q, want netlint verify -p policy", got)
	}
	if got := commands["netlint"]; got != "netlint check" {
		t.Errorf("README's netlint runs %q, want netlint check", got)
	}
}
