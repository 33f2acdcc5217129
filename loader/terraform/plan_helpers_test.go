package terraform

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/netlint/netlint/model"
)

// obj is a JSON object of a hand-written plan.
type obj = map[string]any

// change is one resource instance of a hand-written plan: its full address,
// its known values after apply and its after_unknown. Data sources go to the
// prior state, the way Terraform records the ones it reads while planning.
type change struct {
	addr    string
	after   obj
	unknown obj
}

// refs is a configuration expression with references, as Terraform lists
// them.
func refs(rs ...string) obj { return obj{"references": rs} }

// constant is a configuration expression with a constant value.
func constant(v any) obj { return obj{"constant_value": v} }

// cfgRes is the configuration of a resource block; extra adds
// count_expression or for_each_expression.
func cfgRes(local string, exprs obj, extra obj) obj {
	mode, rest := "managed", local
	if strings.HasPrefix(local, "data.") {
		mode, rest = "data", strings.TrimPrefix(local, "data.")
	}
	typ, name, _ := strings.Cut(rest, ".")
	r := obj{"address": local, "mode": mode, "type": typ, "name": name,
		"provider_config_key": "aws", "expressions": exprs, "schema_version": 0}
	for k, v := range extra {
		r[k] = v
	}
	return r
}

// decodePlan builds a Terraform 1.9 plan from changes, the root module's
// configuration (nil for a plan without one) and the root variables' values,
// and decodes it.
func decodePlan(t *testing.T, changes []change, root obj, vars obj) *model.Network {
	t.Helper()
	var rcs, prior []any
	for _, c := range changes {
		a, err := parseResourceAddr(c.addr)
		if err != nil {
			t.Fatalf("bad address %s", c.addr)
		}
		after := c.after
		if after == nil {
			after = obj{}
		}
		if a.mode == "data" {
			if a.module != "" {
				t.Fatalf("%s: data sources of modules are not supported here", c.addr)
			}
			r := obj{"address": c.addr, "mode": "data", "type": a.typ, "name": a.name, "values": after,
				"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0}
			if a.key != "" {
				r["index"] = keyValue(t, a.key)
			}
			prior = append(prior, r)
			continue
		}
		unknown := c.unknown
		if unknown == nil {
			unknown = obj{}
		}
		rc := obj{"address": c.addr, "mode": "managed", "type": a.typ, "name": a.name,
			"provider_name": "registry.terraform.io/hashicorp/aws",
			"change": obj{"actions": []string{"create"}, "before": nil, "after": after, "after_unknown": unknown,
				"before_sensitive": false, "after_sensitive": obj{}}}
		if a.module != "" {
			rc["module_address"] = a.module
		}
		if a.key != "" {
			rc["index"] = keyValue(t, a.key)
		}
		rcs = append(rcs, rc)
	}
	plan := obj{"format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": rcs}
	if len(prior) > 0 {
		plan["prior_state"] = obj{"format_version": "1.0", "terraform_version": "1.9.5",
			"values": obj{"root_module": obj{"resources": prior}}}
	}
	if root != nil {
		plan["configuration"] = obj{"provider_config": obj{"aws": obj{"name": "aws",
			"expressions": obj{"region": constant("eu-west-1")}}}, "root_module": root}
	}
	if vars != nil {
		v := obj{}
		for k, val := range vars {
			v[k] = obj{"value": val}
		}
		plan["variables"] = v
	}
	b, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return n
}

// keyValue turns a canonical instance key ([0], ["a"]) into the plan's index.
func keyValue(t *testing.T, key string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(key[1:len(key)-1]), &v); err != nil {
		t.Fatalf("bad key %s: %v", key, err)
	}
	return v
}

// unknownSet returns an element's unknown fields as a sorted, comparable string.
func unknownSet(m *model.Meta) string {
	if m == nil {
		return "<missing>"
	}
	u := append([]string(nil), m.Unknown...)
	for i := 1; i < len(u); i++ {
		for j := i; j > 0 && u[j] < u[j-1]; j-- {
			u[j], u[j-1] = u[j-1], u[j]
		}
	}
	return strings.Join(u, ",")
}

// netT is the model's network, short for test tables.
type netT = model.Network
