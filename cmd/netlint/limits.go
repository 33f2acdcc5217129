package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/internal/safeio"
)

// policyLimitFlags bound the evaluation of rules (check) and tests (verify).
type policyLimitFlags struct {
	timeout time.Duration
	memory  string
}

func addPolicyLimitFlags(fl *pflag.FlagSet, f *policyLimitFlags, what string) {
	fl.DurationVar(&f.timeout, "policy-timeout", engine.DefaultTimeout,
		"stop "+what+" still running after this long, naming it (0 = no limit)")
	fl.StringVar(&f.memory, "policy-memory", "",
		"stop "+what+" once the heap passes SIZE, naming it (default 4GiB, or 3/4 of the memory of a smaller machine or container; 0 = no limit)")
}

// limits reads the flags.
func (f policyLimitFlags) limits() (engine.Limits, error) {
	if f.timeout < 0 {
		return engine.Limits{}, fmt.Errorf("--policy-timeout %s: want a positive duration, or 0 for no limit", f.timeout)
	}
	l := engine.Limits{Timeout: f.timeout, Memory: engine.DefaultMemory()}
	switch f.memory {
	case "":
	case "0":
		l.Memory = 0
	default:
		n, err := safeio.ParseSize(f.memory)
		if err != nil {
			return engine.Limits{}, fmt.Errorf("--policy-memory: %w", err)
		}
		l.Memory = n
	}
	return l, nil
}
