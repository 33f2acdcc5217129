package main

import (
	"encoding/json"

	"github.com/invopop/jsonschema"
	"github.com/spf13/cobra"

	"github.com/netlint/netlint/model"
)

func newSchemaCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the policy input",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(InputSchema())
		},
	}
}

// InputSchema is the JSON Schema of `input` as Rego sees it: the model, its
// derived facts, and the rule parameters under config.
func InputSchema() *jsonschema.Schema {
	r := &jsonschema.Reflector{DoNotReference: false, AllowAdditionalProperties: true}
	s := r.Reflect(&model.Network{})
	s.Title = "netlint policy input"
	s.Description = "The normalized network model (element maps keyed by model ID), derived connectivity, and rule parameters."
	if def, ok := s.Definitions["Network"]; ok {
		cfg := &jsonschema.Schema{Type: "object", Description: "Rule parameters from .netlint.yaml: config.rules[ID][key]."}
		def.Properties.Set("config", cfg)
	}
	return s
}
