package terraform

import (
	"fmt"
	"sync"

	"github.com/netlint/netlint/tfaddr"
)

// segment is one step of a Terraform address or reference: a name with an
// optional instance key. Keys are kept in a canonical form (`[0]`, `["a"]`) so
// that keys printed by different parts of Terraform compare equal.
type segment struct {
	name string
	key  string
}

// splitSegments splits `module.a["x.y"].aws_vpc.b[0].id` into segments. It
// reports false on anything that is not an address.
func splitSegments(s string) ([]segment, bool) {
	buf := stepBuffers.Get().(*[]tfaddr.Step)
	defer stepBuffers.Put(buf)
	steps, suffix, err := tfaddr.AppendSplit((*buf)[:0], s)
	*buf = steps
	if err != nil || suffix != "" {
		return nil, false
	}
	segs := make([]segment, len(steps))
	for i, st := range steps {
		segs[i] = segment{name: st.Name, key: st.Key.String()}
	}
	return segs, true
}

// stepBuffers hold the scratch steps of splitSegments: the loader splits every
// reference of a plan, and only the segments it keeps need their own memory.
var stepBuffers = sync.Pool{New: func() any { return new([]tfaddr.Step) }}

// formatIndex renders a resource's `index` field as a canonical key.
func formatIndex(index any) string {
	switch v := index.(type) {
	case float64:
		return tfaddr.IntKey(int(v)).String()
	case string:
		return tfaddr.StringKey(v).String()
	}
	return ""
}

// resourceAddr is a parsed resource instance address.
type resourceAddr struct {
	module string // canonical module instance address, "" for root
	mode   string // "managed" or "data"
	typ    string
	name   string
	key    string
}

// base is the address without the instance key, in canonical form.
func (a resourceAddr) base() string {
	return joinAddr(a.module, a.local())
}

func (a resourceAddr) local() string {
	if a.mode == "data" {
		return "data." + a.typ + "." + a.name
	}
	return a.typ + "." + a.name
}

func joinAddr(module, local string) string {
	if module == "" {
		return local
	}
	return module + "." + local
}

// parseResourceAddr parses `module.a["x"].data.aws_vpc.b[0]`.
func parseResourceAddr(s string) (resourceAddr, error) {
	r, err := tfaddr.ParseResource(s)
	if err != nil {
		return resourceAddr{}, err
	}
	if r.Suffix != "" {
		return resourceAddr{}, fmt.Errorf("%q is not a resource address", s)
	}
	a := resourceAddr{module: tfaddr.ModuleInstance(r.Module), mode: "managed", typ: r.Type, name: r.Name, key: r.Key.String()}
	if r.Data {
		a.mode = "data"
	}
	return a, nil
}

// moduleInstance describes one module instance address.
type moduleInstance struct {
	parent  string // the calling module instance ("" = root)
	call    string // the module call's name
	key     string // the instance key ("" without count/for_each)
	cfgPath string // the configuration path: keys dropped
}

// parseModuleInstance parses a canonical module instance address. The root
// ("") has no parent; ok is false for it.
func parseModuleInstance(s string) (moduleInstance, bool) {
	calls, err := tfaddr.ParseModule(s)
	if err != nil || len(calls) == 0 {
		return moduleInstance{}, false
	}
	last := calls[len(calls)-1]
	cfg := make([]tfaddr.Call, len(calls))
	for i, c := range calls {
		cfg[i] = tfaddr.Call{Name: c.Name} // keys dropped
	}
	return moduleInstance{
		parent:  tfaddr.ModuleInstance(calls[:len(calls)-1]),
		call:    last.Name,
		key:     last.Key.String(),
		cfgPath: tfaddr.ModuleInstance(cfg),
	}, true
}
