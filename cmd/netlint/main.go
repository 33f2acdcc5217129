// Command netlint lints AWS network designs (Terraform plans and state, or a live
// account) against the design rules of AWS's connectivity guide.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/netlint/netlint/internal/termsafe"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0"

// Exit codes, the contract in docs/architecture.md.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// exitCode carries a non-error exit status out of a command.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// env is what a command reads and writes, so tests can run the CLI in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// isTerminal reports whether stdout is a terminal (colour).
	isTerminal bool
	// stderrTerminal reports whether stderr is a terminal (progress bars).
	stderrTerminal bool
	getenv         func(string) string
	getwd          func() (string, error)
}

func main() {
	e := env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		isTerminal: isTerminal(os.Stdout), stderrTerminal: isTerminal(os.Stderr), getenv: os.Getenv, getwd: os.Getwd,
	}
	os.Exit(run(e, os.Args[1:]))
}

// run executes the CLI and returns the exit code; errors are printed as one line.
func run(e env, args []string) int {
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	interrupts := &liveInterrupts{}
	root.PersistentPreRunE = interrupts.preRun
	err := root.Execute()
	interrupts.stop()
	status := exitError
	if ierr := interrupts.interrupted(err); ierr != nil {
		err, status = ierr, exitInterrupted
	}
	if err == nil {
		return exitOK
	}
	var code exitCode
	if errors.As(err, &code) {
		return int(code)
	}
	fmt.Fprintf(e.stderr, "netlint: %s\n", termsafe.Escape(oneLine(err.Error())))
	return status
}

func newRoot(e env) *cobra.Command {
	root := &cobra.Command{
		Use:   "netlint",
		Short: "Policy-as-code linter for AWS network designs",
		Long: "netlint checks Terraform plans, Terraform state and live AWS accounts against the\n" +
			"design rules for VPC connectivity: overlapping ranges, VPN and Direct Connect\n" +
			"redundancy, Transit Gateway and peering routing, PrivateLink and Client VPN.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%s (see '%s --help')", err, c.CommandPath())
	})
	root.AddCommand(newCheckCmd(e), newRulesCmd(e), newExplainCmd(e), newSchemaCmd(e), newVersionCmd(e), newVerifyCmd(e), newSnapshotCmd(e), newGraphCmd(e), newPathCmd(e))
	return root
}

func newVersionCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print netlint's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(e.stdout, "netlint %s\n", version)
			return err
		},
	}
}

func oneLine(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '\n' || r == '\r' {
			r = ' '
		}
		out = append(out, r)
	}
	return string(out)
}
