// Package safeio reads the files netlint is given (plans, snapshots, sources,
// policies, configuration) as hostile input: only regular files, and never
// more than a size limit, so that /dev/zero, a FIFO with no writer or a huge
// file ends in a clear error instead of a hang or an out-of-memory crash.
package safeio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultLimit bounds one input: far above any real plan (a plan of 20,000
// VPCs is about 360 MB), far below what would exhaust a CI runner.
const DefaultLimit int64 = 1 << 30

// ErrTooLarge says an input is over the limit.
var ErrTooLarge = errors.New("too large")

// LimitError is an input over the limit; the message names the flag that
// raises it.
type LimitError struct{ Limit int64 }

func (e *LimitError) Error() string {
	return fmt.Sprintf("larger than the input size limit of %s (--max-input-size)", FormatSize(e.Limit))
}

func (e *LimitError) Unwrap() error { return ErrTooLarge }

// NotRegularError is a path that is a device, a FIFO, a socket or a directory.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	kind := "not a regular file"
	switch {
	case e.Mode.IsDir():
		kind = "a directory, not a file"
	case e.Mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a regular file"
	case e.Mode&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	case e.Mode&fs.ModeDevice != 0:
		kind = "a device, not a regular file"
	}
	return kind
}

// ReadFile reads a regular file (symbolic links followed) of at most limit
// bytes; limit <= 0 means DefaultLimit. It checks the file before opening it,
// so that opening a FIFO with no writer cannot block, and again after, in case
// it was swapped in between.
func ReadFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: info.Mode()}
	}
	if info.Size() > limit {
		return nil, &LimitError{Limit: limit}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: info.Mode()}
	}
	return ReadAll(f, limit)
}

// ReadAll reads r to the end, failing once it has given more than limit bytes
// (stdin, which may be anything); limit <= 0 means DefaultLimit.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &LimitError{Limit: limit}
	}
	return data, nil
}

// FormatSize prints a byte count the way --max-input-size takes it.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// ParseSize reads a size: a number of bytes, or one with a unit (KiB, MiB,
// GiB; KB, MB, GB are taken as the same powers of two).
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		shift  uint
	}{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"GB", 30}, {"MB", 20}, {"KB", 10}, {"G", 30}, {"M", 20}, {"K", 10}, {"B", 0}}
	num, shift := s, uint(0)
	for _, u := range units {
		if len(s) > len(u.suffix) && s[len(s)-len(u.suffix):] == u.suffix {
			num, shift = s[:len(s)-len(u.suffix)], u.shift
			break
		}
	}
	var n int64
	if _, err := fmt.Sscanf(num, "%d", &n); err != nil || fmt.Sprint(n) != num || n <= 0 || n > (1<<62)>>shift {
		return 0, fmt.Errorf("%q is not a size (e.g. 512MiB, 2GiB)", s)
	}
	return n << shift, nil
}

// WriteFile writes data to path through a temporary file in the same directory
// renamed into place, so that a failed or interrupted run never leaves a
// truncated file where a complete one was expected. An existing file keeps its
// permissions. A terminal, a pipe or another character device (/dev/stdout,
// a shell's process substitution) is written directly: it cannot be replaced,
// and whoever reads it sees the stream as it comes.
func WriteFile(path string, data []byte, perm fs.FileMode) (err error) {
	if info, err := os.Stat(path); err == nil {
		switch m := info.Mode(); {
		case m.IsRegular():
			perm = m.Perm()
		case m&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
			return writeStream(path, data)
		default:
			return &NotRegularError{Mode: m}
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// SameFile reports whether two paths name one file: the same file on disk
// (links included) or, for a file that does not exist yet, the same cleaned
// absolute path.
func SameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

func writeStream(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
