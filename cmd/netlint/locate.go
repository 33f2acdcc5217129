package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/tfsource"
)

// locate fills file:line of Terraform resources from their sources: --tf-dir,
// else the directory of the first plan. A plan directory without .tf files is
// normal (plans are often copied around) and gives no locations; an explicit
// --tf-dir without them, or sources that do not parse, are errors.
func locate(net *model.Network, tfDir string, paths []string) (*tfsource.Sources, error) {
	dir, explicit := tfDir, tfDir != ""
	if !explicit {
		for _, p := range paths {
			if p != "-" {
				dir = filepath.Dir(p)
				break
			}
		}
	}
	if dir == "" {
		return nil, nil
	}
	src, err := tfsource.Index(dir)
	if errors.Is(err, tfsource.ErrNoSources) && !explicit {
		return nil, nil
	}
	if err != nil {
		if explicit {
			return nil, fmt.Errorf("--tf-dir %s: %w", dir, err)
		}
		return nil, err
	}
	src.LocateNetwork(net)
	return src, nil
}
