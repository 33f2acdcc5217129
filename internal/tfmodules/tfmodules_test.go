package tfmodules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	root := filepath.Join(repo, "envs", "prod")
	os.MkdirAll(filepath.Join(root, ".terraform", "modules"), 0o755)
	os.MkdirAll(filepath.Join(repo, "modules", "vpc"), 0o755)
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(repo, "escape"))
	manifest := `{"Modules": [
		{"Key": "", "Dir": "."},
		{"Key": "vpc", "Dir": "../../modules/vpc"},
		{"Key": "installed", "Dir": ".terraform/modules/installed"},
		{"Key": "abs", "Dir": "` + filepath.ToSlash(outside) + `"},
		{"Key": "up", "Dir": "../../../elsewhere"},
		{"Key": "link", "Dir": "../../escape"}
	]}`
	os.WriteFile(filepath.Join(root, filepath.FromSlash(Path)), []byte(manifest), 0o644)
	m, err := Read(root, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, mod := range m.Modules {
		keys = append(keys, mod.Key)
	}
	if strings.Join(keys, ",") != "vpc,installed" {
		t.Errorf("followed %v, want vpc and installed", keys)
	}
	if len(m.Refused) != 3 || !strings.Contains(m.Refused[0], `module abs: directory`) || !strings.Contains(m.Refused[0], "absolute path") ||
		!strings.Contains(m.Refused[1], "module up:") || !strings.Contains(m.Refused[2], "module link:") || !strings.Contains(m.Refused[2], "outside the repository") {
		t.Errorf("refused = %q", m.Refused)
	}

	// Without a repository the root is the boundary.
	bare := t.TempDir()
	os.MkdirAll(filepath.Join(bare, "root", ".terraform", "modules"), 0o755)
	os.WriteFile(filepath.Join(bare, "root", filepath.FromSlash(Path)), []byte(`{"Modules":[{"Key":"m","Dir":"../m"},{"Key":"i","Dir":".terraform/modules/i"}]}`), 0o644)
	m, err = Read(filepath.Join(bare, "root"), 0)
	if err != nil || len(m.Modules) != 1 || m.Modules[0].Key != "i" || len(m.Refused) != 1 {
		t.Errorf("no repository: %+v %v", m, err)
	}

	// No manifest: nothing, no error. A bad one: an error naming it.
	if m, err := Read(t.TempDir(), 0); err != nil || len(m.Modules) != 0 {
		t.Errorf("no manifest: %+v %v", m, err)
	}
	os.WriteFile(filepath.Join(root, filepath.FromSlash(Path)), []byte(`{"Modules": 3}`), 0o644)
	if _, err := Read(root, 0); err == nil || !strings.Contains(err.Error(), "modules.json") {
		t.Errorf("bad manifest: %v", err)
	}
}
