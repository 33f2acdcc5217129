package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/netlint/netlint/engine"
	"github.com/netlint/netlint/policies"
)

func newVerifyCmd(e env) *cobra.Command {
	var dirs []string
	var limits policyLimitFlags
	cmd := &cobra.Command{
		Use:   "verify -p DIR [-p DIR ...]",
		Short: "Run your policies' *_test.rego tests against netlint's input and library",
		Long: "Run the test_ rules of every *_test.rego under the given directories, with\n" +
			"netlint's built-in library (data.netlint.lib) and built-in functions available,\n" +
			"like `conftest verify`. Exit 0 when all pass, 1 when one fails, 2 on a policy error.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(dirs) == 0 {
				return fmt.Errorf("verify: give at least one policy directory with -p")
			}
			lim, err := limits.limits()
			if err != nil {
				return err
			}
			srcs, err := engine.BuiltinSources(policies.FS, false)
			if err != nil {
				return err
			}
			own := map[string]bool{}
			for _, d := range dirs {
				u, err := engine.DirSources(d, true)
				if _, ok := err.(*engine.PolicyError); ok {
					return err // names the file
				}
				if err != nil {
					return fmt.Errorf("%s: %w", d, err)
				}
				for _, s := range u {
					own[s.Name] = true
				}
				srcs = append(srcs, u...)
			}
			results, err := engine.RunTestsWith(cmd.Context(), srcs, lim)
			if err != nil {
				return err
			}
			pass, fail := 0, 0
			for _, r := range results {
				if !own[r.File] {
					continue
				}
				status := "PASS"
				switch {
				case r.Skip:
					status = "SKIP"
				case !r.Pass:
					status = "FAIL"
					fail++
				default:
					pass++
				}
				fmt.Fprintf(e.stdout, "%s %s:%d %s.%s\n", status, r.File, r.Line, r.Package, r.Name)
				if status == "FAIL" && r.Err != nil {
					fmt.Fprintf(e.stdout, "     %v\n", r.Err)
				}
				if status == "FAIL" && r.Output != "" {
					fmt.Fprintf(e.stdout, "     %s\n", r.Output)
				}
			}
			fmt.Fprintf(e.stdout, "%d passed, %d failed\n", pass, fail)
			if pass+fail == 0 {
				return fmt.Errorf("verify: no test_ rules found in %v", dirs)
			}
			if fail > 0 {
				return exitCode(exitFindings)
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVarP(&dirs, "policy", "p", nil, "directory of Rego policies and their tests (repeatable)")
	addPolicyLimitFlags(cmd.Flags(), &limits, "a test")
	return cmd
}
