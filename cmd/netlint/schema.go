package main

import (
	"encoding/json"

	"github.com/netlint/netlint/engine"
	"github.com/spf13/cobra"
)

func newSchemaCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the policy input",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(engine.InputSchema(false))
		},
	}
}
