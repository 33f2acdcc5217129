// Package terraform translates `terraform show -json` output, of a saved plan or of
// a state, into netlint's model.
//
// A plan rarely knows the ids that tie resources together: they are assigned on
// apply. The loader therefore links resources through the `configuration`
// section's expression references, evaluated inside the module instance that holds
// the referring resource, and by AWS id where an id is known (existing resources,
// data sources, state). What it cannot resolve it leaves empty and lists in the
// element's Unknown, so that rules stay silent instead of guessing.
package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/netlint/netlint/model"
)

// Load reads a plan or state JSON file and translates it. Errors do not repeat
// the file name: the caller prefixes it.
func Load(path string) (*model.Network, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("read: %w", pe.Err)
		}
		return nil, fmt.Errorf("read: %w", err)
	}
	return Decode(data)
}

// Decode translates the JSON of `terraform show -json` for a plan or a state; it
// tells them apart by their top-level keys. It does not call Derive.
func Decode(data []byte) (*model.Network, error) {
	doc, err := decodeDocument(data)
	if err != nil {
		return nil, err
	}
	return translate(data, doc)
}

// document is the top level of both plan and state JSON. It mirrors the fields
// of tfjson.Plan and tfjson.State that the model needs, decoded in one pass:
// tfjson.Plan would also materialise before, before_sensitive and
// after_sensitive of every change, which doubles the memory of a large plan, and
// a plan cannot be told from a state before decoding.
type document struct {
	FormatVersion *string                         `json:"format_version"`
	Variables     map[string]*tfjson.PlanVariable `json:"variables"`
	// PlannedValues repeats the after values of resource_changes: it is only
	// noted here, and read in a second pass by the rare plan without changes.
	PlannedValues   presence          `json:"planned_values"`
	ResourceChanges []*resourceChange `json:"resource_changes"`
	// DeferredChanges (Terraform 1.9+, -allow-deferral) are changes planned
	// for a later run: still part of the network the configuration describes.
	DeferredChanges []struct {
		ResourceChange *resourceChange `json:"resource_change"`
	} `json:"deferred_changes"`
	PriorState *priorState    `json:"prior_state"`
	Config     *tfjson.Config `json:"configuration"`
	// Values is set for a state only.
	Values *valuesSection[stateResource] `json:"values"`
}

func (d *document) isPlan() bool {
	return d.PlannedValues.present || d.ResourceChanges != nil || d.Config != nil ||
		d.PriorState != nil || d.Variables != nil
}

type priorState struct {
	Values *valuesSection[priorResource] `json:"values"`
}

// presence records that a key was there without keeping its value.
type presence struct{ present bool }

func (p *presence) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case 'n':
		return nil
	case '{':
		p.present = true
		return nil
	}
	return shapeError("planned_values is a JSON " + jsonValueKind(b[0]) + ", want an object")
}

// shapeError is a document whose structure is not Terraform's, found by a
// custom decoder.
type shapeError string

func (e shapeError) Error() string { return "not a Terraform plan or state: " + string(e) }

// jsonValueKind names the kind of the JSON value that starts with c.
func jsonValueKind(c byte) string {
	switch c {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '{':
		return "object"
	}
	return "number"
}

// plannedValues is the second-pass view of a plan without resource changes.
type plannedValues struct {
	PlannedValues *valuesSection[stateResource] `json:"planned_values"`
}

type valuesSection[R any] struct {
	RootModule *valuesModule[R] `json:"root_module"`
}

type valuesModule[R any] struct {
	Address      string             `json:"address"`
	Resources    []*R               `json:"resources"`
	ChildModules []*valuesModule[R] `json:"child_modules"`
}

type resourceHeader struct {
	Address    string              `json:"address"`
	Mode       tfjson.ResourceMode `json:"mode"`
	Type       string              `json:"type"`
	Name       string              `json:"name"`
	Index      any                 `json:"index"`
	DeposedKey string              `json:"deposed_key"`
}

// fullAddress repairs the addresses Terraform 0.12 wrote in state JSON: child
// module resources without their module prefix, instances without their key.
func (h *resourceHeader) fullAddress(module string) string {
	addr := h.Address
	if module != "" && !strings.HasPrefix(addr, "module.") {
		addr = module + "." + addr
	}
	if h.Index != nil && !strings.HasSuffix(addr, "]") {
		addr += formatIndex(h.Index)
	}
	return addr
}

// stateResource is a resource of a state: its values are always needed.
type stateResource struct {
	resourceHeader
	Values map[string]any `json:"values"`
}

// priorResource is a resource of a plan's prior state. Only data sources are
// used (managed resources reappear in resource_changes), so the values of the
// others are skipped rather than kept.
type priorResource struct {
	resourceHeader
	Values map[string]any
}

func (r *priorResource) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &r.resourceHeader); err != nil {
		return err
	}
	if r.Mode != tfjson.DataResourceMode {
		return nil
	}
	v := struct {
		Values *map[string]any `json:"values"`
	}{&r.Values}
	return json.Unmarshal(b, &v)
}

type resourceChange struct {
	Address    string              `json:"address"`
	Mode       tfjson.ResourceMode `json:"mode"`
	Type       string              `json:"type"`
	Name       string              `json:"name"`
	DeposedKey string              `json:"deposed"`
	Change     *struct {
		Actions      tfjson.Actions `json:"actions"`
		After        map[string]any `json:"after"`
		AfterUnknown any            `json:"after_unknown"`
	} `json:"change"`
}

func decodeDocument(data []byte) (*document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		// PowerShell's `>` writes UTF-16; Terraform itself never does.
		return nil, errors.New("input is UTF-16 text, want UTF-8 JSON (write it with `terraform show -json plan > file` in a POSIX shell or Out-File -Encoding utf8)")
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return nil, errors.New("gzip-compressed input: decompress it first (gunzip), want the JSON of `terraform show -json`")
	}
	if !utf8.Valid(data) {
		// encoding/json would turn the bytes into U+FFFD: an address or a
		// tag that is not what the file says.
		return nil, fmt.Errorf("invalid UTF-8 at offset %d: want UTF-8 JSON", invalidUTF8At(data))
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errors.New("empty input: want the JSON of `terraform show -json`")
	}
	switch trimmed[0] {
	case '{':
	case '[':
		return nil, errors.New("not a Terraform plan or state (a JSON array, want an object)")
	default:
		if !json.Valid(data) {
			return nil, jsonError(data, json.Unmarshal(data, new(any)))
		}
		return nil, errors.New("not a Terraform plan or state (a JSON scalar, want an object)")
	}
	doc := fastDecode(data)
	if doc == nil {
		// The fast decode gave up: encoding/json decides, and explains.
		doc = new(document)
		if err := json.Unmarshal(data, doc); err != nil {
			return nil, jsonError(data, err)
		}
	}
	if doc.FormatVersion == nil {
		return nil, errors.New("not a Terraform plan or state (no format_version)")
	}
	if err := checkFormatVersion(*doc.FormatVersion); err != nil {
		return nil, err
	}
	return doc, nil
}

// checkFormatVersion accepts the 0.x and 1.x JSON formats: Terraform promises
// that minor versions only add fields, and a new major version may change the
// meaning of existing ones.
// invalidUTF8At returns the offset of the first byte that is not UTF-8.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func checkFormatVersion(v string) error {
	major, _, _ := strings.Cut(v, ".")
	if major != "0" && major != "1" {
		return fmt.Errorf("unsupported format_version %q (supported 0.x and 1.x)", v)
	}
	return nil
}

func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var shape shapeError
	switch {
	case errors.As(err, &shape):
		return shape
	case errors.As(err, &syn):
		if syn.Offset >= int64(len(data)) || strings.Contains(syn.Error(), "unexpected end of JSON input") {
			return fmt.Errorf("truncated JSON at offset %d", len(data))
		}
		return fmt.Errorf("invalid JSON at offset %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "document"
		}
		msg := fmt.Sprintf("not a Terraform plan or state: %s is a JSON %s, want %s",
			field, typ.Value, jsonKind(typ.Type.Kind().String()))
		if num, ok := strings.CutPrefix(typ.Value, "number "); ok {
			msg = fmt.Sprintf("not a Terraform plan or state: %s: the number %s is out of range", field, num)
		}
		// Sections decoded by their own UnmarshalJSON (terraform-json's
		// configuration, the prior state's resources) report offsets relative
		// to themselves: an offset there would point at the wrong byte.
		if strings.HasPrefix(field, "configuration") || strings.HasPrefix(field, "prior_state") {
			return errors.New(msg)
		}
		return fmt.Errorf("%s (offset %d)", msg, typ.Offset)
	}
	return fmt.Errorf("invalid plan or state: %w", err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "slice", "array":
		return "array"
	case "map", "struct", "ptr":
		return "object"
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "interface":
		return "value"
	}
	return "number"
}
