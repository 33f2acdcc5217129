package terraform

import (
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/netlint/netlint/model"
)

// setLink resolves a single link of r into an element field, marking the field
// unknown when the link has a value that could not be resolved.
func (t *translator) setLink(m *model.Meta, field string, r *resource, attr string, want typeSet) string {
	id, unknown := t.link(r, attr, want)
	if unknown {
		m.MarkUnknown(field)
	}
	return id
}

// setLinks is setLink for a list; it never returns nil, because the model's
// lists are read by Rego, where null is not an empty set.
func (t *translator) setLinks(m *model.Meta, field string, r *resource, attr string, want typeSet) []string {
	ids, unknown := t.links(r, attr, want)
	if unknown {
		m.MarkUnknown(field)
	}
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// blockLink resolves a link field inside the i-th nested block of attr (an
// inline route, an inline security group rule).
//
// Terraform writes the configuration of such blocks in two ways. Real nested
// blocks come as one expression map per block, in configuration order, which
// is not the order of a set in `after`: the block is matched by its constant
// fields (matchKeys). Blocks of "attributes as blocks" (aws_route_table.route,
// aws_security_group.ingress) come as one expression whose references mix all
// blocks; a reference can then be attributed only when it is the sole
// candidate of the wanted type.
func (t *translator) blockLink(r *resource, attr string, blocks []map[string]any, unknowns []map[string]any,
	i int, field string, want typeSet, list bool, matchKeys []string) ([]string, bool) {
	b, u := blocks[i], unknowns[i]
	v, ok := r.elem(attr, blocks, unknowns, i).linkValue(field, list)
	if !ok {
		return nil, false
	}
	if !anyUnknown(u[field]) {
		return t.constIDs(v, want), false
	}
	t.budget = maxSteps
	e := r.expr(attr)
	if e == nil {
		return nil, true
	}
	sc := r.scope()
	if len(e.NestedBlocks) > 0 {
		match := matchBlock(e.NestedBlocks, b, matchKeys)
		if match == nil && len(e.NestedBlocks) == 1 && len(blocks) == 1 {
			match = e.NestedBlocks[0]
		}
		if match == nil {
			return nil, true
		}
		ids, unknown := t.resolveExpr(match[field], sc, want, list, 0)
		if !list && len(ids) != 1 {
			return nil, true
		}
		return ids, unknown
	}
	refs := significantRefs(e.References)
	byKey := usesInstanceKey(refs)
	var cands []string
	for _, s := range refs {
		c, opaque := t.resolveRef(parseRef(s), sc, byKey, want, true, 1)
		if opaque {
			return nil, true
		}
		cands = append(cands, c...)
	}
	cands = t.withoutKnownIDs(t.filter(dedupe(cands), want))
	if list {
		n := 0
		for _, bu := range unknowns {
			if anyUnknown(bu[field]) {
				n++
			}
		}
		if n != 1 {
			return nil, true
		}
		return cands, len(cands) == 0
	}
	if len(cands) == 1 {
		return cands, false
	}
	return nil, true
}

// matchBlock returns the only configuration block whose constant values of
// keys agree with the planned block.
func matchBlock(nested []map[string]*tfjson.Expression, planned map[string]any, keys []string) map[string]*tfjson.Expression {
	var found map[string]*tfjson.Expression
	for _, nb := range nested {
		ok, compared := true, false
		for _, k := range keys {
			e := nb[k]
			if e == nil || e.ExpressionData == nil || e.ConstantValue == nil || e.ConstantValue == tfjson.UnknownConstantValue {
				continue
			}
			want, have := asString(e.ConstantValue), asString(planned[k])
			if want == "" && have == "" {
				continue
			}
			compared = true
			if want != have {
				ok = false
				break
			}
		}
		if ok && compared {
			if found != nil {
				return nil
			}
			found = nb
		}
	}
	return found
}

// withoutKnownIDs drops candidates whose AWS id is known: a reference to them
// yields a known value, so it cannot be the source of an unknown one.
func (t *translator) withoutKnownIDs(ids []string) []string {
	out := ids[:0:0]
	for _, id := range ids {
		if r := t.byAddr[id]; r != nil && r.awsID != "" {
			continue
		}
		out = append(out, id)
	}
	return out
}
