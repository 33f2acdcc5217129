package terraform

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// configIndex gives O(1) access to the configuration blocks of a plan, by
// configuration path ("module.a.module.b", keys dropped).
type configIndex struct {
	modules   map[string]*tfjson.ConfigModule
	calls     map[string]*tfjson.ModuleCall // keyed by the called module's path
	resources map[string]*tfjson.ConfigResource
	providers map[string]*tfjson.ProviderConfig
}

func newConfigIndex(c *tfjson.Config) *configIndex {
	ci := &configIndex{
		modules: map[string]*tfjson.ConfigModule{},
		calls:   map[string]*tfjson.ModuleCall{},
	}
	if c == nil {
		ci.resources = map[string]*tfjson.ConfigResource{}
		return ci
	}
	n := 0
	if c.RootModule != nil {
		n = len(c.RootModule.Resources)
	}
	ci.resources = make(map[string]*tfjson.ConfigResource, n)
	ci.providers = c.ProviderConfigs
	ci.addModule("", c.RootModule)
	return ci
}

func (ci *configIndex) addModule(path string, m *tfjson.ConfigModule) {
	if m == nil {
		return
	}
	if _, seen := ci.modules[path]; seen {
		return
	}
	ci.modules[path] = m
	for _, r := range m.Resources {
		if r == nil {
			continue
		}
		ci.resources[configResourceKey(path, r)] = r
	}
	for name, call := range m.ModuleCalls {
		if call == nil {
			continue
		}
		child := joinAddr(path, "module."+name)
		ci.calls[child] = call
		ci.addModule(child, call.Module)
	}
}

func configResourceKey(path string, r *tfjson.ConfigResource) string {
	typ, name, mode := r.Type, r.Name, string(r.Mode)
	if typ == "" || name == "" {
		// Some producers fill only the address.
		if a, err := parseResourceAddr(r.Address); err == nil {
			typ, name, mode = a.typ, a.name, a.mode
		}
	}
	local := typ + "." + name
	if mode == string(tfjson.DataResourceMode) {
		local = "data." + local
	}
	return path + "|" + local
}

func (ci *configIndex) resource(cfgPath string, a resourceAddr) *tfjson.ConfigResource {
	return ci.resources[cfgPath+"|"+a.local()]
}

func (ci *configIndex) output(cfgPath, name string) *tfjson.Expression {
	m := ci.modules[cfgPath]
	if m == nil {
		return nil
	}
	o := m.Outputs[name]
	if o == nil {
		return nil
	}
	return o.Expression
}

// providerFor finds the provider configuration a resource uses. Since Terraform
// 1.1 the key already names the configuration a child module inherits; older
// versions write "module.x:aws" (or "x:aws") for an inherited provider that has
// no entry of its own, which means the root's configuration of that name.
func (ci *configIndex) providerFor(key string) *tfjson.ProviderConfig {
	if key == "" || ci.providers == nil {
		return nil
	}
	if p := ci.providers[key]; p != nil {
		return p
	}
	if i := strings.LastIndexByte(key, ':'); i >= 0 {
		return ci.providers[key[i+1:]]
	}
	return nil
}
