package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/netlint/netlint/finding"
)

// stopGrace is how long a stopped evaluation may take to wind down: OPA checks
// for cancellation between steps, but a built-in in the middle of a long call
// may not, and the run must end all the same.
const stopGrace = 2 * time.Second

// Query states, for naming the rules a stopped evaluation was running.
const (
	queued int32 = iota
	running
	finished
)

// evalQueries runs the prepared queries, up to Workers at once, within the
// settings' Limits, and returns each query's result object.
func (p *Prepared) evalQueries(parent context.Context, input ast.Value) ([]map[string]any, error) {
	lim := p.settings.Limits
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	if lim.Timeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, lim.Timeout, errTimeout)
		defer stop()
	}
	if lim.Memory > 0 {
		defer watchHeap(ctx, lim.Memory, cancel)()
	}

	results := make([]map[string]any, len(p.queries))
	state := make([]atomic.Int32, len(p.queries))
	var (
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel(err)
	}
	slots := make(chan struct{}, max(1, Workers))
	var wg sync.WaitGroup
	// Users' queries start first: their cost is unknown, and a limit that
	// passes while they run names them rather than the built-in rules.
	order := make([]int, 0, len(p.queries))
	for i, q := range p.queries {
		if len(q.rules) > 0 && !q.rules[0].Builtin {
			order = append(order, i)
		}
	}
	for i, q := range p.queries {
		if len(q.rules) == 0 || q.rules[0].Builtin {
			order = append(order, i)
		}
	}
	runOne := func(i int) {
		defer wg.Done()
		defer func() { <-slots }()
		if ctx.Err() != nil {
			return
		}
		state[i].Store(running)
		defer state[i].Store(finished)
		res, err := evalQuery(ctx, p.queries[i].pq, input)
		if err != nil {
			if rs := p.queries[i].rules; len(rs) == 1 && !rs[0].Builtin && ctx.Err() == nil {
				err = fmt.Errorf("rule %s: %w", rs[0].ID, err)
			}
			fail(err)
			return
		}
		results[i] = res
	}
	wg.Add(len(order))
	go func() {
		for n, i := range order {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				wg.Add(-(len(order) - n)) // never started
				return
			}
			go runOne(i)
		}
	}()
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()

	select {
	case <-done:
	case <-ctx.Done():
		// The rules still running now are those the limit stopped.
		var stopped []finding.Rule
		for i := range p.queries {
			if state[i].Load() == running {
				stopped = append(stopped, p.queries[i].rules...)
			}
		}
		cause := context.Cause(ctx)
		if cause == errTimeout || cause == errMemory {
			select {
			case <-done:
			case <-time.After(stopGrace):
			}
			mu.Lock()
			clean := firstErr == nil
			mu.Unlock()
			if clean && allFinished(state) {
				break // every query was done when the limit passed
			}
			le := &LimitError{Rules: stopped}
			if cause == errTimeout {
				le.Timeout = lim.Timeout
			} else {
				le.Memory = lim.Memory
			}
			return nil, le
		}
		<-done
	}
	mu.Lock()
	defer mu.Unlock()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := parent.Err(); err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	return results, nil
}

func allFinished(state []atomic.Int32) bool {
	for i := range state {
		if state[i].Load() != finished {
			return false
		}
	}
	return true
}

// evalQuery evaluates one query to its result object.
func evalQuery(ctx context.Context, pq rego.PreparedEvalQuery, input ast.Value) (res map[string]any, err error) {
	// A panic in OPA or a built-in ends this query with an error rather than
	// the process with a goroutine dump.
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("evaluate policies: internal error: %v", r)
		}
	}()
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(rs) != 1 {
		return nil, errors.New("evaluate policies: no result")
	}
	res, ok := rs[0].Bindings["result"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("evaluate policies: unexpected result %T", rs[0].Bindings["result"])
	}
	return res, nil
}
