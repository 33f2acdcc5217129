// Package loader picks the loader for an input file: Terraform plan or state JSON,
// or a netlint snapshot of a live network.
package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/internal/safeio"
	"github.com/netlint/netlint/loader/terraform"
	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/tfeval"
)

// SnapshotVersion is the version of the snapshot format `netlint snapshot` writes.
const SnapshotVersion = 1

// Snapshot is a saved model of a network, for offline checks.
type Snapshot struct {
	Snapshot int            `json:"netlint_snapshot"`
	Network  *model.Network `json:"network"`
	// Incomplete lists the reads that failed when the snapshot was taken:
	// a check of the snapshot is as incomplete as the audit was.
	Incomplete []finding.ReadFailure `json:"incomplete,omitempty"`
}

// Options are what a loader may use besides the input itself.
type Options struct {
	// Sources is the Terraform configuration a plan was made from, for
	// links only its expressions tell (see terraform.Options).
	Sources *tfeval.Config
	// MaxSize bounds the input's size; 0 is safeio.DefaultLimit.
	MaxSize int64
}

// File reads one input; "-" reads stdin. Only a regular file (or stdin) is
// read, and at most the size limit.
func File(path string, stdin io.Reader) (*model.Network, error) {
	return FileWith(path, stdin, Options{})
}

// FileWith is File with options.
func FileWith(path string, stdin io.Reader, o Options) (*model.Network, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = safeio.ReadAll(stdin, o.MaxSize)
	} else {
		data, err = safeio.ReadFile(path, o.MaxSize)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	return DecodeWith(data, o)
}

// Decode recognises a snapshot by its marker and hands everything else to the
// Terraform loader, which reports what is wrong with non-plan input.
func Decode(data []byte) (*model.Network, error) { return DecodeWith(data, Options{}) }

// DecodeWith is Decode with options.
func DecodeWith(data []byte, o Options) (*model.Network, error) {
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("{")) && bytes.Contains(trimmed[:min(len(trimmed), 64)], []byte(`"netlint_snapshot"`)) {
		s, err := decodeSnapshot(trimmed)
		if err != nil {
			return nil, fmt.Errorf("invalid netlint snapshot: %w", err)
		}
		if s.Snapshot != SnapshotVersion {
			return nil, fmt.Errorf("unsupported netlint_snapshot version %d (supported %d)", s.Snapshot, SnapshotVersion)
		}
		if s.Network == nil {
			return nil, fmt.Errorf("netlint snapshot has no network")
		}
		// Null elements would break merging; check before anything walks them.
		if err := s.Network.Validate(); err != nil {
			return nil, fmt.Errorf("invalid netlint snapshot: %w", err)
		}
		if len(s.Incomplete) > 0 {
			return fillMaps(s.Network), &IncompleteError{Failures: s.Incomplete}
		}
		return fillMaps(s.Network), nil
	}
	return terraform.DecodeWith(data, terraform.Options{Sources: o.Sources})
}

// IncompleteError is returned, with the network, for a snapshot of an audit
// that could not read everything.
type IncompleteError struct {
	Failures []finding.ReadFailure
}

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("a snapshot of an incomplete audit (%d reads failed, the first: %s)", len(e.Failures), e.Failures[0])
}

// decodeSnapshot decodes a snapshot strictly: netlint wrote it, so a field it
// does not know is a mistake (or another version), not something to skip.
func decodeSnapshot(data []byte) (*Snapshot, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Snapshot
	err := dec.Decode(&s)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON document")
	}
	var typ *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case err == nil:
		return &s, nil
	case errors.As(err, &typ):
		// The path in JSON names, not the Go struct's.
		return nil, fmt.Errorf("%s is a JSON %s, want %s", typ.Field, typ.Value, jsonKind(typ.Type))
	case errors.As(err, &syn):
		return nil, fmt.Errorf("invalid JSON at offset %d: %s", syn.Offset, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errors.New("truncated JSON")
	}
	return nil, errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return "an integer"
	}
	return "a number"
}

// fillMaps makes a decoded snapshot safe to merge and derive: JSON null maps
// become empty maps.
func fillMaps(n *model.Network) *model.Network {
	return model.Merge(model.New(), n)
}
