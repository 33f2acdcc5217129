package safeio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(small, link); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(link, 5); err != nil || string(data) != "12345" {
		t.Errorf("symlink to a regular file at the limit: %q, %v", data, err)
	}
	var le *LimitError
	if _, err := ReadFile(small, 4); !errors.As(err, &le) || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "4B (--max-input-size)") {
		t.Errorf("over the limit: %v", err)
	}
	var nr *NotRegularError
	if _, err := ReadFile(dir, 0); !errors.As(err, &nr) || err.Error() != "a directory, not a file" {
		t.Errorf("directory: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if _, err := ReadFile("/dev/zero", 0); !errors.As(err, &nr) || err.Error() != "a device, not a regular file" {
		t.Errorf("/dev/zero: %v", err)
	}
	devLink := filepath.Join(dir, "dev.tf")
	if err := os.Symlink("/dev/urandom", devLink); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(devLink, 0); !errors.As(err, &nr) {
		t.Errorf("symlink to a device: %v", err)
	}
	fifo := filepath.Join(dir, "plan.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(fifo, 0); done <- err }()
	select {
	case err := <-done:
		if !errors.As(err, &nr) || err.Error() != "a named pipe (FIFO), not a regular file" {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO with no writer hangs")
	}
}

func TestReadAll(t *testing.T) {
	if data, err := ReadAll(strings.NewReader("abc"), 3); err != nil || string(data) != "abc" {
		t.Errorf("at the limit: %q %v", data, err)
	}
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if _, err := ReadAll(f, 1<<20); !errors.Is(err, ErrTooLarge) || err.Error() != "larger than the input size limit of 1MiB (--max-input-size)" {
		t.Errorf("endless stream: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "512MiB": 512 << 20, "2GiB": 2 << 30, "1G": 1 << 30, "64KB": 64 << 10, "7B": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5GiB", "GiB", "12 MiB", "1TiB", "99999999999999999999", "08"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.sarif")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new report"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	if string(data) != "new report" || info.Mode().Perm() != 0o600 {
		t.Errorf("got %q mode %v, want the new content with the old mode", data, info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	// A directory that cannot be written leaves the old file whole.
	if err := WriteFile(filepath.Join(dir, "missing", "r.json"), []byte("x"), 0o644); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	if err := WriteFile(dir, []byte("x"), 0o644); err == nil {
		t.Error("writing over a directory succeeded")
	}
}

// A pipe cannot be renamed over: it is written as a stream, and the reader
// gets every byte.
func TestWriteFileToAPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes are Unix files")
	}
	fifo := filepath.Join(t.TempDir(), "out")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		got <- data
	}()
	if err := WriteFile(fifo, []byte("report"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data := <-got; string(data) != "report" {
		t.Errorf("the reader got %q", data)
	}
	if info, err := os.Stat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the pipe was replaced")
	}
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	os.WriteFile(p, []byte("{}"), 0o644)
	link := filepath.Join(dir, "link.json")
	os.Symlink(p, link)
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{p, p, true},
		{p, link, true},
		{p, filepath.Join(dir, ".", "plan.json"), true},
		{p, filepath.Join(dir, "other.json"), false},
		{filepath.Join(dir, "new.json"), filepath.Join(dir, "x", "..", "new.json"), true},
	} {
		if got := SameFile(tt.a, tt.b); got != tt.want {
			t.Errorf("SameFile(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
