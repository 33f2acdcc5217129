// Package policies holds netlint's built-in Rego, embedded in the binary. Each rule
// is one file, policies/<family>/<name>.rego, with its METADATA block and its
// <name>_test.rego beside it; helpers shared by rules live in lib/.
package policies

import "embed"

// FS holds every built-in .rego file, tests included (the engine skips *_test.rego).
//
//go:embed */*.rego
var FS embed.FS
