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
}

// Options are what a loader may use besides the input itself.
type Options struct {
	// Sources is the Terraform configuration a plan was made from, for
	// links only its expressions tell (see terraform.Options).
	Sources *tfeval.Config
}

// File reads one input; "-" reads stdin.
func File(path string, stdin io.Reader) (*model.Network, error) {
	return FileWith(path, stdin, Options{})
}

// FileWith is File with options.
func FileWith(path string, stdin io.Reader, o Options) (*model.Network, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
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
		var s Snapshot
		if err := json.Unmarshal(trimmed, &s); err != nil {
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
		return fillMaps(s.Network), nil
	}
	return terraform.DecodeWith(data, terraform.Options{Sources: o.Sources})
}

// fillMaps makes a decoded snapshot safe to merge and derive: JSON null maps
// become empty maps.
func fillMaps(n *model.Network) *model.Network {
	return model.Merge(model.New(), n)
}
