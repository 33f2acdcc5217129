package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/spf13/cobra"
)

// exitInterrupted is the exit code of a run stopped by SIGINT or SIGTERM
// (128 + SIGINT, as shells report it).
const exitInterrupted = 130

// errInterrupted is the cause of a live audit's cancellation by a signal; the
// reads it cut short give its text as their reason.
var errInterrupted = errors.New("interrupted")

// liveInterrupts makes SIGINT and SIGTERM stop a live audit (--aws) cleanly:
// the first signal cancels the command's context, the AWS reads in flight
// end, the report of what was read is written marked incomplete, and the run
// exits 130. A second signal kills the process as usual. Commands without
// --aws keep the default behaviour.
type liveInterrupts struct {
	mu   sync.Mutex
	ch   chan os.Signal
	done chan struct{}
	got  os.Signal
}

// preRun is the root's PersistentPreRunE: it watches for signals when the
// command reads AWS.
func (li *liveInterrupts) preRun(cmd *cobra.Command, _ []string) error {
	if f := cmd.Flags().Lookup("aws"); f == nil || f.Value.String() != "true" {
		return nil
	}
	parent := cmd.Context()
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancelCause(parent)
	ch, done := make(chan os.Signal, 1), make(chan struct{})
	li.ch, li.done = ch, done
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			// Only the first signal is ours: a second one kills.
			signal.Stop(ch)
			li.mu.Lock()
			li.got = s
			li.mu.Unlock()
			cancel(errInterrupted)
		case <-done:
			cancel(nil)
		}
	}()
	cmd.SetContext(ctx)
	return nil
}

// stop stops watching; run calls it once the command returned.
func (li *liveInterrupts) stop() {
	if li.ch != nil {
		signal.Stop(li.ch)
		close(li.done)
		li.ch = nil
	}
}

func (li *liveInterrupts) signal() os.Signal {
	li.mu.Lock()
	defer li.mu.Unlock()
	return li.got
}

// interrupted is the error of a run a signal stopped, or nil when no signal
// came: "interrupted", with the command's own error (which names what was not
// read) when it has one. The run exits 130.
func (li *liveInterrupts) interrupted(err error) error {
	if li.signal() == nil {
		return nil
	}
	var ec exitCode
	if err == nil || errors.As(err, &ec) {
		return errInterrupted
	}
	return fmt.Errorf("%w: %w", errInterrupted, err)
}
