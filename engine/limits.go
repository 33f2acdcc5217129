package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/safeio"
)

// Limits bound one evaluation of the rules: OPA has no memory bound of its
// own, and a rule can loop for hours or build a set of a hundred million
// numbers.
type Limits struct {
	// Timeout bounds the evaluation of every rule together; 0 is none.
	Timeout time.Duration
	// Memory bounds the Go heap (the whole process's live objects) while
	// rules evaluate, in bytes; 0 is none.
	Memory int64
}

// DefaultTimeout is --policy-timeout's default.
const DefaultTimeout = 2 * time.Minute

// maxDefaultMemory is --policy-memory's default on a machine with room for it.
const maxDefaultMemory int64 = 4 << 30

// DefaultMemory is --policy-memory's default: 4GiB, or three quarters of the
// memory of a smaller machine or container, so the bound trips before the
// kernel's out-of-memory killer does.
func DefaultMemory() int64 {
	if avail := availableMemory(); avail > 0 && avail/4*3 < maxDefaultMemory {
		return avail / 4 * 3
	}
	return maxDefaultMemory
}

// availableMemory is the cgroup's memory limit, else the machine's memory;
// 0 when neither is known (not Linux).
func availableMemory() int64 {
	if runtime.GOOS != "linux" {
		return 0
	}
	var best int64
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
		if err == nil && n > 0 && n < 1<<50 && (best == 0 || n < best) {
			best = n
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb > 0 && (best == 0 || kb<<10 < best) {
					best = kb << 10
				}
			}
		}
	}
	return best
}

// Why an evaluation was stopped, as context causes.
var (
	errTimeout = errors.New("policy timeout")
	errMemory  = errors.New("policy memory")
)

// LimitError is an evaluation stopped by Limits; it names the rules that were
// running.
type LimitError struct {
	// Timeout is set when the deadline passed, Memory when the heap passed its
	// bound.
	Timeout time.Duration
	Memory  int64
	// Rules were evaluating when the evaluation stopped.
	Rules []finding.Rule
	// Test, for netlint verify, is the test that was stopped: "file:line: test
	// package.name".
	Test string
	// Compile is set when compiling the policies was stopped.
	Compile bool
}

func (e *LimitError) Error() string {
	what := func(plural bool) string {
		if e.Memory > 0 {
			verb := "was"
			if plural {
				verb = "were"
			}
			return fmt.Sprintf("%s stopped: the heap passed --policy-memory %s (raise it, or fix the rule)", verb, safeio.FormatSize(e.Memory))
		}
		return fmt.Sprintf("did not finish within --policy-timeout %s (raise it, or fix the rule)", e.Timeout)
	}
	if e.Test != "" {
		return e.Test + " " + what(false)
	}
	if e.Compile {
		return "compiling the policies " + what(false)
	}
	var user, files []string
	for _, r := range e.Rules {
		if !r.Builtin {
			user = append(user, r.ID)
			if len(files) == 0 || files[len(files)-1] != r.File {
				files = append(files, r.File)
			}
		}
	}
	switch {
	case len(user) == 1:
		return fmt.Sprintf("%s: rule %s %s", files[0], user[0], what(false))
	case len(user) > 1:
		return fmt.Sprintf("%s: rules %s %s", strings.Join(files, ", "), strings.Join(user, ", "), what(true))
	}
	ids := make([]string, 0, len(e.Rules))
	for _, r := range e.Rules {
		ids = append(ids, r.ID)
	}
	if len(ids) == 0 {
		return "the rules " + what(true)
	}
	return fmt.Sprintf("built-in rules %s %s", strings.Join(ids, ", "), what(true))
}

// heapSampleEvery is how often the heap is read while rules evaluate.
const heapSampleEvery = 100 * time.Millisecond

// heapMetric counts the bytes of heap objects, live or not yet swept.
const heapMetric = "/memory/classes/heap/objects:bytes"

// heapBytes reads heapMetric.
func heapBytes() int64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(s[0].Value.Uint64(), 1<<62))
}

// watchHeap cancels ctx with errMemory once the heap passes limit: the bytes
// of heap objects, garbage not yet swept included, which is what the process
// holds. stop ends the watch.
func watchHeap(ctx context.Context, limit int64, cancel context.CancelCauseFunc) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(heapSampleEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				// Over the limit, collect the garbage first: the bound is on
				// what the rules hold, not on what they dropped.
				if heapBytes() > limit {
					runtime.GC()
					if heapBytes() > limit {
						cancel(errMemory)
						return
					}
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
