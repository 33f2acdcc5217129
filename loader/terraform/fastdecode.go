package terraform

import (
	tfjson "github.com/hashicorp/terraform-json"
)

// fastDecode decodes the document in a single pass with the scanner, into the
// same values encoding/json would produce: the same types, nil and empty
// slices and maps where encoding/json leaves them, terraform-json's
// Expression rules (UnknownConstantValue, nested blocks). encoding/json reads a
// document three times and more (a validating scan, the decode, and
// terraform-json's UnmarshalJSON methods that decode their input again for
// every configuration object and expression); this reads it once.
//
// It returns nil when the input holds anything it does not handle exactly like
// encoding/json (a syntax or type error, a member name that only matches a
// field case-insensitively, a repeated member, extreme nesting): decodeDocument
// then runs encoding/json, which reports errors with their offsets.
func fastDecode(data []byte) (doc *document) {
	s := newScanner(data)
	defer func() {
		// A bailout is the planned exit; anything else would be a bug in this
		// fast path, and input must never crash netlint: either way the
		// encoding/json path decides.
		if r := recover(); r != nil {
			doc = nil
		}
	}()
	doc = s.document()
	s.end()
	return doc
}

var documentFields = []string{"format_version", "variables", "planned_values", "resource_changes",
	"deferred_changes", "prior_state", "configuration", "values"}

func (s *scanner) document() *document {
	d := &document{}
	if !s.objStart() {
		return d
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "format_version":
			s.once(&seen, 0)
			if !s.null() {
				if s.ws() != '"' {
					s.bail()
				}
				v := string(s.strBytes())
				d.FormatVersion = &v
			}
		case "variables":
			s.once(&seen, 1)
			d.Variables = s.planVariables()
		case "planned_values":
			s.once(&seen, 2)
			if !s.null() {
				if s.ws() != '{' {
					// encoding/json explains.
					s.bail()
				}
				s.skip()
				d.PlannedValues.present = true
			}
		case "resource_changes":
			s.once(&seen, 3)
			d.ResourceChanges = s.resourceChanges()
		case "deferred_changes":
			s.once(&seen, 4)
			d.DeferredChanges = s.deferredChanges()
		case "prior_state":
			s.once(&seen, 5)
			if !s.null() {
				d.PriorState = s.priorState()
			}
		case "configuration":
			s.once(&seen, 6)
			if !s.null() {
				d.Config = s.config()
			}
		case "values":
			s.once(&seen, 7)
			if !s.null() {
				d.Values = valuesSectionOf(s, (*scanner).stateResource)
			}
		default:
			s.unknownKey(key, documentFields)
		}
		if !s.objMore() {
			return d
		}
	}
}

var planVariableFields = []string{"value"}

func (s *scanner) planVariables() map[string]*tfjson.PlanVariable {
	if s.null() {
		return nil
	}
	m := map[string]*tfjson.PlanVariable{}
	if !s.objStart() {
		return m
	}
	for {
		k := string(s.key())
		if s.null() {
			m[k] = nil
		} else {
			v := &tfjson.PlanVariable{}
			if s.objStart() {
				var seen uint32
				for {
					switch key := s.key(); string(key) {
					case "value":
						s.once(&seen, 0)
						v.Value = s.value()
					default:
						s.unknownKey(key, planVariableFields)
					}
					if !s.objMore() {
						break
					}
				}
			}
			m[k] = v
		}
		if !s.objMore() {
			return m
		}
	}
}

func (s *scanner) resourceChanges() []*resourceChange {
	if s.null() {
		return nil
	}
	out := []*resourceChange{}
	if !s.arrStart() {
		return out
	}
	for {
		out = append(out, s.resourceChange())
		if !s.arrMore() {
			return out
		}
	}
}

var deferredChangeFields = []string{"resource_change"}

func (s *scanner) deferredChanges() []struct {
	ResourceChange *resourceChange `json:"resource_change"`
} {
	type deferred = struct {
		ResourceChange *resourceChange `json:"resource_change"`
	}
	if s.null() {
		return nil
	}
	out := []deferred{}
	if !s.arrStart() {
		return out
	}
	for {
		var d deferred
		if !s.null() && s.objStart() {
			var seen uint32
			for {
				switch key := s.key(); string(key) {
				case "resource_change":
					s.once(&seen, 0)
					d.ResourceChange = s.resourceChange()
				default:
					s.unknownKey(key, deferredChangeFields)
				}
				if !s.objMore() {
					break
				}
			}
		}
		out = append(out, d)
		if !s.arrMore() {
			return out
		}
	}
}

var (
	resourceChangeFields = []string{"address", "mode", "type", "name", "deposed", "change"}
	changeFields         = []string{"actions", "after", "after_unknown"}
)

func (s *scanner) resourceChange() *resourceChange {
	if s.null() {
		return nil
	}
	rc := &resourceChange{}
	if !s.objStart() {
		return rc
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "address":
			s.once(&seen, 0)
			rc.Address = s.str()
		case "mode":
			s.once(&seen, 1)
			rc.Mode = tfjson.ResourceMode(s.name())
		case "type":
			s.once(&seen, 2)
			rc.Type = s.name()
		case "name":
			s.once(&seen, 3)
			rc.Name = s.str()
		case "deposed":
			s.once(&seen, 4)
			rc.DeposedKey = s.str()
		case "change":
			s.once(&seen, 5)
			if !s.null() {
				rc.Change = s.change()
			}
		default:
			s.unknownKey(key, resourceChangeFields)
		}
		if !s.objMore() {
			return rc
		}
	}
}

func (s *scanner) change() *struct {
	Actions      tfjson.Actions `json:"actions"`
	After        map[string]any `json:"after"`
	AfterUnknown any            `json:"after_unknown"`
} {
	c := &struct {
		Actions      tfjson.Actions `json:"actions"`
		After        map[string]any `json:"after"`
		AfterUnknown any            `json:"after_unknown"`
	}{}
	if !s.objStart() {
		return c
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "actions":
			s.once(&seen, 0)
			c.Actions = s.actions()
		case "after":
			s.once(&seen, 1)
			c.After = s.object()
		case "after_unknown":
			s.once(&seen, 2)
			c.AfterUnknown = s.value()
		default:
			s.unknownKey(key, changeFields)
		}
		if !s.objMore() {
			return c
		}
	}
}

func (s *scanner) actions() tfjson.Actions {
	if s.null() {
		return nil
	}
	out := tfjson.Actions{}
	if !s.arrStart() {
		return out
	}
	for {
		out = append(out, tfjson.Action(s.name()))
		if !s.arrMore() {
			return out
		}
	}
}

var (
	priorStateFields    = []string{"values"}
	valuesSectionFields = []string{"root_module"}
	valuesModuleFields  = []string{"address", "resources", "child_modules"}
	stateResourceFields = []string{"address", "mode", "type", "name", "index", "deposed_key", "values"}
)

func (s *scanner) priorState() *priorState {
	ps := &priorState{}
	if !s.objStart() {
		return ps
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "values":
			s.once(&seen, 0)
			if !s.null() {
				ps.Values = valuesSectionOf(s, (*scanner).priorResource)
			}
		default:
			s.unknownKey(key, priorStateFields)
		}
		if !s.objMore() {
			return ps
		}
	}
}

func valuesSectionOf[R any](s *scanner, res func(*scanner) *R) *valuesSection[R] {
	vs := &valuesSection[R]{}
	if !s.objStart() {
		return vs
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "root_module":
			s.once(&seen, 0)
			if !s.null() {
				vs.RootModule = valuesModuleOf(s, res)
			}
		default:
			s.unknownKey(key, valuesSectionFields)
		}
		if !s.objMore() {
			return vs
		}
	}
}

func valuesModuleOf[R any](s *scanner, res func(*scanner) *R) *valuesModule[R] {
	m := &valuesModule[R]{}
	if !s.objStart() {
		return m
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "address":
			s.once(&seen, 0)
			m.Address = s.str()
		case "resources":
			s.once(&seen, 1)
			if !s.null() {
				m.Resources = []*R{}
				if s.arrStart() {
					for {
						if s.null() {
							m.Resources = append(m.Resources, nil)
						} else {
							m.Resources = append(m.Resources, res(s))
						}
						if !s.arrMore() {
							break
						}
					}
				}
			}
		case "child_modules":
			s.once(&seen, 2)
			if !s.null() {
				m.ChildModules = []*valuesModule[R]{}
				if s.arrStart() {
					for {
						if s.null() {
							m.ChildModules = append(m.ChildModules, nil)
						} else {
							m.ChildModules = append(m.ChildModules, valuesModuleOf(s, res))
						}
						if !s.arrMore() {
							break
						}
					}
				}
			}
		default:
			s.unknownKey(key, valuesModuleFields)
		}
		if !s.objMore() {
			return m
		}
	}
}

// headerField decodes a member of resourceHeader; it reports false for other
// names.
func (s *scanner) headerField(h *resourceHeader, key []byte, seen *uint32) bool {
	switch string(key) {
	case "address":
		s.once(seen, 0)
		h.Address = s.str()
	case "mode":
		s.once(seen, 1)
		h.Mode = tfjson.ResourceMode(s.name())
	case "type":
		s.once(seen, 2)
		h.Type = s.name()
	case "name":
		s.once(seen, 3)
		h.Name = s.str()
	case "index":
		s.once(seen, 4)
		h.Index = s.value()
	case "deposed_key":
		s.once(seen, 5)
		h.DeposedKey = s.str()
	default:
		return false
	}
	return true
}

func (s *scanner) stateResource() *stateResource {
	r := &stateResource{}
	if !s.objStart() {
		return r
	}
	var seen uint32
	for {
		key := s.key()
		if !s.headerField(&r.resourceHeader, key, &seen) {
			if string(key) == "values" {
				s.once(&seen, 6)
				r.Values = s.object()
			} else {
				s.unknownKey(key, stateResourceFields)
			}
		}
		if !s.objMore() {
			return r
		}
	}
}

// priorResource mirrors priorResource.UnmarshalJSON: the values of a data
// source only, any JSON at all in the values of other resources.
func (s *scanner) priorResource() *priorResource {
	r := &priorResource{}
	if !s.objStart() {
		return r
	}
	var seen uint32
	valuesAt := -1
	for {
		key := s.key()
		if !s.headerField(&r.resourceHeader, key, &seen) {
			if string(key) == "values" {
				s.once(&seen, 6)
				valuesAt = s.pos
				s.skip()
			} else {
				s.unknownKey(key, stateResourceFields)
			}
		}
		if !s.objMore() {
			break
		}
	}
	if r.Mode == tfjson.DataResourceMode && valuesAt >= 0 {
		end, depth := s.pos, s.depth
		s.pos = valuesAt
		r.Values = s.object()
		s.pos, s.depth = end, depth
	}
	return r
}

// The configuration, decoded into terraform-json's types as Config.UnmarshalJSON
// and Expression.UnmarshalJSON would: every member is checked against its
// field's type, including the members the loader does not use, so that the
// fast decode accepts exactly what encoding/json accepts.
var (
	configFields         = []string{"provider_config", "root_module"}
	providerConfigFields = []string{"name", "full_name", "alias", "module_address", "expressions", "version_constraint"}
	configModuleFields   = []string{"outputs", "resources", "module_calls", "variables"}
	configOutputFields   = []string{"sensitive", "expression", "description", "depends_on"}
	configResourceFields = []string{"address", "mode", "type", "name", "provider_config_key", "provisioners",
		"expressions", "schema_version", "count_expression", "for_each_expression", "depends_on"}
	configVariableFields    = []string{"default", "description", "sensitive"}
	configProvisionerFields = []string{"type", "expressions"}
	moduleCallFields        = []string{"source", "expressions", "count_expression", "for_each_expression", "module",
		"version_constraint", "depends_on"}
	expressionFields = []string{"constant_value", "references"}
)

func (s *scanner) config() *tfjson.Config {
	c := &tfjson.Config{}
	if !s.objStart() {
		return c
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "provider_config":
			s.once(&seen, 0)
			if !s.null() {
				c.ProviderConfigs = map[string]*tfjson.ProviderConfig{}
				if s.objStart() {
					for {
						k := string(s.key())
						if s.null() {
							c.ProviderConfigs[k] = nil
						} else {
							c.ProviderConfigs[k] = s.providerConfig()
						}
						if !s.objMore() {
							break
						}
					}
				}
			}
		case "root_module":
			s.once(&seen, 1)
			if !s.null() {
				c.RootModule = s.configModule()
			}
		default:
			s.unknownKey(key, configFields)
		}
		if !s.objMore() {
			return c
		}
	}
}

func (s *scanner) providerConfig() *tfjson.ProviderConfig {
	p := &tfjson.ProviderConfig{}
	if !s.objStart() {
		return p
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "name":
			s.once(&seen, 0)
			p.Name = s.str()
		case "full_name":
			s.once(&seen, 1)
			p.FullName = s.str()
		case "alias":
			s.once(&seen, 2)
			p.Alias = s.str()
		case "module_address":
			s.once(&seen, 3)
			p.ModuleAddress = s.str()
		case "expressions":
			s.once(&seen, 4)
			p.Expressions = s.expressions()
		case "version_constraint":
			s.once(&seen, 5)
			p.VersionConstraint = s.str()
		default:
			s.unknownKey(key, providerConfigFields)
		}
		if !s.objMore() {
			return p
		}
	}
}

func (s *scanner) configModule() *tfjson.ConfigModule {
	m := &tfjson.ConfigModule{}
	if !s.objStart() {
		return m
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "outputs":
			s.once(&seen, 0)
			if !s.null() {
				m.Outputs = map[string]*tfjson.ConfigOutput{}
				if s.objStart() {
					for {
						k := string(s.key())
						if s.null() {
							m.Outputs[k] = nil
						} else {
							m.Outputs[k] = s.configOutput()
						}
						if !s.objMore() {
							break
						}
					}
				}
			}
		case "resources":
			s.once(&seen, 1)
			if !s.null() {
				m.Resources = []*tfjson.ConfigResource{}
				if s.arrStart() {
					for {
						if s.null() {
							m.Resources = append(m.Resources, nil)
						} else {
							m.Resources = append(m.Resources, s.configResource())
						}
						if !s.arrMore() {
							break
						}
					}
				}
			}
		case "module_calls":
			s.once(&seen, 2)
			if !s.null() {
				m.ModuleCalls = map[string]*tfjson.ModuleCall{}
				if s.objStart() {
					for {
						k := string(s.key())
						if s.null() {
							m.ModuleCalls[k] = nil
						} else {
							m.ModuleCalls[k] = s.moduleCall()
						}
						if !s.objMore() {
							break
						}
					}
				}
			}
		case "variables":
			s.once(&seen, 3)
			if !s.null() {
				m.Variables = map[string]*tfjson.ConfigVariable{}
				if s.objStart() {
					for {
						k := string(s.key())
						if s.null() {
							m.Variables[k] = nil
						} else {
							m.Variables[k] = s.configVariable()
						}
						if !s.objMore() {
							break
						}
					}
				}
			}
		default:
			s.unknownKey(key, configModuleFields)
		}
		if !s.objMore() {
			return m
		}
	}
}

func (s *scanner) configOutput() *tfjson.ConfigOutput {
	o := &tfjson.ConfigOutput{}
	if !s.objStart() {
		return o
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "sensitive":
			s.once(&seen, 0)
			o.Sensitive = s.boolean()
		case "expression":
			s.once(&seen, 1)
			o.Expression = s.expression()
		case "description":
			s.once(&seen, 2)
			o.Description = s.str()
		case "depends_on":
			s.once(&seen, 3)
			o.DependsOn = s.strings()
		default:
			s.unknownKey(key, configOutputFields)
		}
		if !s.objMore() {
			return o
		}
	}
}

func (s *scanner) configResource() *tfjson.ConfigResource {
	r := &tfjson.ConfigResource{}
	if !s.objStart() {
		return r
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "address":
			s.once(&seen, 0)
			r.Address = s.str()
		case "mode":
			s.once(&seen, 1)
			r.Mode = tfjson.ResourceMode(s.name())
		case "type":
			s.once(&seen, 2)
			r.Type = s.name()
		case "name":
			s.once(&seen, 3)
			r.Name = s.str()
		case "provider_config_key":
			s.once(&seen, 4)
			r.ProviderConfigKey = s.name()
		case "provisioners":
			s.once(&seen, 5)
			if !s.null() {
				r.Provisioners = []*tfjson.ConfigProvisioner{}
				if s.arrStart() {
					for {
						if s.null() {
							r.Provisioners = append(r.Provisioners, nil)
						} else {
							r.Provisioners = append(r.Provisioners, s.configProvisioner())
						}
						if !s.arrMore() {
							break
						}
					}
				}
			}
		case "expressions":
			s.once(&seen, 6)
			r.Expressions = s.expressions()
		case "schema_version":
			s.once(&seen, 7)
			r.SchemaVersion = s.uint64Value()
		case "count_expression":
			s.once(&seen, 8)
			r.CountExpression = s.expression()
		case "for_each_expression":
			s.once(&seen, 9)
			r.ForEachExpression = s.expression()
		case "depends_on":
			s.once(&seen, 10)
			r.DependsOn = s.strings()
		default:
			s.unknownKey(key, configResourceFields)
		}
		if !s.objMore() {
			return r
		}
	}
}

func (s *scanner) configVariable() *tfjson.ConfigVariable {
	v := &tfjson.ConfigVariable{}
	if !s.objStart() {
		return v
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "default":
			s.once(&seen, 0)
			v.Default = s.value()
		case "description":
			s.once(&seen, 1)
			v.Description = s.str()
		case "sensitive":
			s.once(&seen, 2)
			v.Sensitive = s.boolean()
		default:
			s.unknownKey(key, configVariableFields)
		}
		if !s.objMore() {
			return v
		}
	}
}

func (s *scanner) configProvisioner() *tfjson.ConfigProvisioner {
	p := &tfjson.ConfigProvisioner{}
	if !s.objStart() {
		return p
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "type":
			s.once(&seen, 0)
			p.Type = s.str()
		case "expressions":
			s.once(&seen, 1)
			p.Expressions = s.expressions()
		default:
			s.unknownKey(key, configProvisionerFields)
		}
		if !s.objMore() {
			return p
		}
	}
}

func (s *scanner) moduleCall() *tfjson.ModuleCall {
	c := &tfjson.ModuleCall{}
	if !s.objStart() {
		return c
	}
	var seen uint32
	for {
		switch key := s.key(); string(key) {
		case "source":
			s.once(&seen, 0)
			c.Source = s.str()
		case "expressions":
			s.once(&seen, 1)
			c.Expressions = s.expressions()
		case "count_expression":
			s.once(&seen, 2)
			c.CountExpression = s.expression()
		case "for_each_expression":
			s.once(&seen, 3)
			c.ForEachExpression = s.expression()
		case "module":
			s.once(&seen, 4)
			if !s.null() {
				c.Module = s.configModule()
			}
		case "version_constraint":
			s.once(&seen, 5)
			c.VersionConstraint = s.str()
		case "depends_on":
			s.once(&seen, 6)
			c.DependsOn = s.strings()
		default:
			s.unknownKey(key, moduleCallFields)
		}
		if !s.objMore() {
			return c
		}
	}
}

// expressions reads a map[string]*Expression: null is nil, a null member is a
// nil expression.
func (s *scanner) expressions() map[string]*tfjson.Expression {
	if s.null() {
		return nil
	}
	m := map[string]*tfjson.Expression{}
	if !s.objStart() {
		return m
	}
	for {
		k := s.intern(s.key())
		m[k] = s.expression()
		if !s.objMore() {
			return m
		}
	}
}

// expression mirrors Expression.UnmarshalJSON: an array is a list of nested
// blocks (objects or null), an object holds constant_value and references,
// and references make the constant value UnknownConstantValue. null leaves the
// pointer nil, as encoding/json does not call UnmarshalJSON for it.
func (s *scanner) expression() *tfjson.Expression {
	switch s.ws() {
	case 'n':
		s.literal("null")
		return nil
	case '[':
		d := &tfjson.ExpressionData{}
		if s.arrStart() {
			for {
				block := map[string]*tfjson.Expression{}
				if !s.null() && s.objStart() {
					for {
						k := s.intern(s.key())
						block[k] = s.expression()
						if !s.objMore() {
							break
						}
					}
				}
				d.NestedBlocks = append(d.NestedBlocks, block)
				if !s.arrMore() {
					break
				}
			}
		}
		return &tfjson.Expression{ExpressionData: d}
	case '{':
		d := &tfjson.ExpressionData{}
		if s.objStart() {
			var seen uint32
			for {
				switch key := s.key(); string(key) {
				case "constant_value":
					s.once(&seen, 0)
					d.ConstantValue = s.value()
				case "references":
					s.once(&seen, 1)
					d.References = s.strings()
				default:
					s.unknownKey(key, expressionFields)
				}
				if !s.objMore() {
					break
				}
			}
		}
		if len(d.References) > 0 {
			d.ConstantValue = tfjson.UnknownConstantValue
		}
		return &tfjson.Expression{ExpressionData: d}
	}
	s.bail()
	return nil
}
