package terraform

import (
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Resolution limits. A reference chain (resource -> module output -> variable
// -> module call -> ...) longer than maxDepth, or a resolution that visits more
// than maxSteps references, is given up as unknown: configurations are finite,
// but a hostile input must not make the loader spin.
const (
	maxDepth = 12
	maxSteps = 4096
)

// scope is where an expression is evaluated: a module instance and, for
// expressions of a resource or module call with count/for_each, its instance key.
type scope struct {
	module  string
	key     string
	forEach *tfjson.Expression
	// self is the resource whose own expression is evaluated; nil in any
	// other scope.
	self *resource
	// ownKey is set while evaluating an expression that indexes by the
	// referring instance's own key (count.index, each.key).
	ownKey bool
}

// link resolves a single-valued link attribute of r to a model ID (or a raw AWS
// id for an object outside the model). unknown is true when the attribute has
// a value that could not be resolved.
func (t *translator) link(r *resource, attr string, want typeSet) (string, bool) {
	t.budget = maxSteps
	ids, unknown := t.resolveAttr(r, attr, want, false, 0)
	if len(ids) == 1 {
		return ids[0], false
	}
	return "", unknown || len(ids) > 1
}

// links resolves a list-valued link attribute. unknown is true when the list
// may be incomplete.
func (t *translator) links(r *resource, attr string, want typeSet) ([]string, bool) {
	t.budget = maxSteps
	return t.resolveAttr(r, attr, want, true, 0)
}

func (t *translator) resolveAttr(r *resource, attr string, want typeSet, list bool, depth int) ([]string, bool) {
	v := r.values[attr]
	if depth == 0 {
		// The resource's own link attribute: an id, or a list of ids. (A
		// reference followed into another resource, depth > 0, may read an
		// attribute of any shape: it only finds nothing to follow.)
		if _, ok := r.attrs().linkValue(attr, list); !ok {
			return nil, false
		}
	}
	if !r.unknownIn(attr) {
		return t.constIDs(v, want), false
	}
	if ids, ok := t.evalLink(r, attr, want, list); ok {
		return ids, false
	}
	var known []string
	if l, ok := v.([]any); ok && list {
		// A list with some unknown elements: keep the known ones.
		known = t.constIDs(l, want)
	}
	ids, unknown := t.resolveExpr(r.expr(attr), r.scope(), want, list, depth)
	if list {
		return dedupe(append(known, ids...)), unknown
	}
	return ids, unknown
}

// resolveExpr resolves a configuration expression to model IDs of the wanted
// types.
func (t *translator) resolveExpr(e *tfjson.Expression, sc scope, want typeSet, list bool, depth int) ([]string, bool) {
	if e == nil || e.ExpressionData == nil || depth > maxDepth || len(e.NestedBlocks) > 0 {
		return nil, true
	}
	if len(e.References) == 0 {
		return t.constIDs(e.ConstantValue, want), false
	}
	refs := significantRefs(e.References)
	byKey := usesInstanceKey(refs)
	sc.ownKey = indexesByOwnKey(refs)
	if rf, ok := t.indexByEachValue(refs, sc); ok {
		cands, opaque := t.resolveRef(rf, sc, false, want, list, depth+1)
		cands = t.filter(dedupe(cands), want)
		if list || len(cands) == 1 {
			return cands, opaque || len(cands) == 0
		}
		return nil, true
	}
	var cands []string
	opaque, local := false, false
	for _, s := range refs {
		rf := parseRef(s)
		if rf.kind == "local" {
			local = true
		}
		c, op := t.resolveRef(rf, sc, byKey, want, list, depth+1)
		cands = append(cands, c...)
		opaque = opaque || op
	}
	cands = t.filter(dedupe(cands), want)
	if list {
		return cands, opaque || len(cands) == 0
	}
	if len(cands) == 1 {
		return cands, false
	}
	if len(cands) == 0 && local {
		return t.localFallback(sc.module, want)
	}
	return nil, true
}

// localFallback resolves a link that goes through a local value. Locals are
// not in the plan JSON, so the only evidence left is structural: if the module
// instance holds exactly one element of the wanted type, the local can only
// name that one (terraform-aws-modules/vpc's `local.vpc_id` is the typical
// case). With none or several, the link stays unknown.
func (t *translator) localFallback(module string, want typeSet) ([]string, bool) {
	if want == nil {
		return nil, true
	}
	found := ""
	for typ := range want {
		for _, r := range t.byModType[module+"|"+typ] {
			if r.a.mode != "managed" {
				continue
			}
			id := t.canonical(r.addr)
			if found != "" && found != id {
				return nil, true
			}
			found = id
		}
	}
	if found == "" {
		return nil, true
	}
	return []string{found}, false
}

// filter keeps the IDs whose type is wanted. Raw AWS ids of objects outside the
// model have no type and are kept.
func (t *translator) filter(ids []string, want typeSet) []string {
	if want == nil {
		return ids
	}
	out := ids[:0:0]
	for _, id := range ids {
		typ, inModel := t.types[id]
		if !inModel || want[typ] {
			out = append(out, id)
		}
	}
	return out
}

// constIDs maps known id values (a string or a list of strings) to model IDs
// of the wanted types.
func (t *translator) constIDs(v any, want typeSet) []string {
	switch c := v.(type) {
	case string:
		if c == "" {
			return nil
		}
		return t.filter([]string{t.byKnownID(c, want)}, want)
	case []any:
		var out []string
		for _, e := range c {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, t.byKnownID(s, want))
			}
		}
		return t.filter(out, want)
	}
	return nil
}

// byKnownID maps an AWS id (or ARN) to the model ID of the element carrying it,
// preferring a wanted type and a managed resource over a data source; an id
// that matches nothing stays as it is: the element lives outside this root.
func (t *translator) byKnownID(id string, want typeSet) string {
	ids := t.byID[id]
	best, bestScore := "", -1
	for _, m := range ids {
		score := 0
		if want == nil || want[t.types[m]] {
			score += 2
		}
		if !strings.HasPrefix(m, "data.") && !strings.Contains(m, ".data.") {
			score++
		}
		if score > bestScore {
			best, bestScore = m, score
		}
	}
	if best == "" {
		return id
	}
	return t.canonical(best)
}

// resolveRef resolves one reference in scope sc. opaque is true when the
// reference may carry a value that cannot be followed.
func (t *translator) resolveRef(rf ref, sc scope, byKey bool, want typeSet, list bool, depth int) ([]string, bool) {
	t.budget--
	if t.budget < 0 || depth > maxDepth {
		return nil, true
	}
	switch rf.kind {
	case "resource", "data":
		local := rf.typ + "." + rf.name
		if rf.kind == "data" {
			local = "data." + local
		}
		var out []string
		opaque := false
		for _, inst := range t.instances(joinAddr(sc.module, local), rf.key, sc.key, byKey, list) {
			ids, op := t.followAttr(inst, rf.path, want, list, depth)
			out = append(out, ids...)
			opaque = opaque || op
		}
		return out, opaque
	case "module":
		if rf.name == "" {
			return nil, false // the bare `module.x` Terraform lists after `module.x.out`
		}
		return t.resolveOutput(rf, sc, byKey, want, list, depth)
	case "var":
		return t.resolveVar(sc, rf.typ, rf.path, want, list, depth)
	case "each":
		if rf.typ == "value" {
			return t.resolveEachValue(sc, rf.path, want, list, depth)
		}
		return nil, false
	case "count", "path", "terraform", "self":
		return nil, false
	}
	return nil, true
}

// instances selects the instances a reference to base means: the explicit key;
// else, when the expression selects by count.index / each.key (always, for a
// single value), the instance with the referring object's key; else the only
// instance, or all of them for a list.
func (t *translator) instances(base, key, ctxKey string, byKey, list bool) []*resource {
	if key != "" {
		if r := t.byCanon[base+key]; r != nil {
			return []*resource{r}
		}
		return nil
	}
	if ctxKey != "" && (byKey || !list) {
		if r := t.byCanon[base+ctxKey]; r != nil {
			return []*resource{r}
		}
	}
	all := t.byBase[base]
	// One instance, or all of them: for a single value several make the
	// caller's result ambiguous, hence unknown.
	return all
}

// followAttr resolves `<instance>.<path>` to model IDs.
func (t *translator) followAttr(r *resource, path []segment, want typeSet, list bool, depth int) ([]string, bool) {
	attr := ""
	if len(path) > 0 {
		attr = path[0].name
	}
	if special, ok := t.specialAttr(r, attr, want); ok {
		return special, false
	}
	switch attr {
	case "", "id", "arn":
		id := t.canonical(r.addr)
		if want != nil && !want[t.types[id]] {
			// Old plans (format 0.1) list `aws_vpn_connection.v` for
			// `aws_vpn_connection.v.transit_gateway_attachment_id`: try the
			// elements that a resource implies.
			if implied := t.impliedFor(r, want); implied != "" {
				return []string{implied}, false
			}
		}
		return []string{id}, false
	}
	if last := lastName(path); isLinkAttr(last) || last == "ids" {
		if v, ok := valueAt(r.values, path); ok {
			return t.constIDs(v, want), false
		}
	}
	if len(path) == 1 && isLinkAttr(attr) && r.unknownIn(attr) {
		return t.resolveAttr(r, attr, want, list, depth+1)
	}
	// A value that is not a link (a CIDR, a name): nothing to follow, and
	// nothing hidden either.
	return nil, false
}

func lastName(path []segment) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i].name != "" {
			return path[i].name
		}
	}
	return ""
}

func isLinkAttr(attr string) bool {
	return strings.HasSuffix(attr, "_id") || strings.HasSuffix(attr, "_ids") ||
		strings.HasSuffix(attr, "_arn") || strings.HasSuffix(attr, "_arns")
}

// specialAttr resolves attributes that name another element than the resource
// itself or its own link attribute.
func (t *translator) specialAttr(r *resource, attr string, want typeSet) ([]string, bool) {
	switch r.a.typ {
	case "aws_instance":
		if attr == "primary_network_interface_id" {
			return []string{r.addr}, true
		}
		// A customer gateway's ip_address read from the instance.
		if attr == "public_ip" && want["aws_instance"] && want["aws_eip"] {
			return []string{r.addr}, true
		}
	case "aws_eip":
		if attr == "public_ip" && want["aws_eip"] {
			return []string{r.addr}, true
		}
	case "aws_ec2_transit_gateway":
		if attr == "association_default_route_table_id" || attr == "propagation_default_route_table_id" {
			if rt := r.addr + "#default_route_table"; t.types[rt] != "" {
				return []string{rt}, true
			}
			return nil, true
		}
	case "aws_vpn_connection":
		switch attr {
		case "transit_gateway_attachment_id":
			if att := r.addr + "#attachment"; t.types[att] != "" {
				return []string{att}, true
			}
			return nil, true
		case "tunnel1_address", "tunnel2_address":
			// CloudWatch's TunnelIpAddress dimension watches the connection.
			return []string{r.addr}, true
		}
	case "aws_vpc_endpoint_service":
		if attr == "service_name" {
			return []string{r.addr}, true
		}
	case "aws_dx_gateway_association":
		if attr == "transit_gateway_attachment_id" {
			if att := r.addr + "#attachment"; t.types[att] != "" {
				return []string{att}, true
			}
			return nil, true
		}
	case "aws_vpc", "aws_default_vpc":
		if attr == "default_route_table_id" || attr == "main_route_table_id" {
			if want != nil && (want["aws_vpc"] || want["aws_default_vpc"]) {
				return []string{r.addr}, true
			}
			if rt := t.vpcDefaultRT[r.addr]; rt != "" {
				return []string{rt}, true
			}
		}
	}
	return nil, false
}

// impliedFor returns the element a resource implies that has a wanted type.
func (t *translator) impliedFor(r *resource, want typeSet) string {
	var id string
	switch r.a.typ {
	case "aws_vpn_connection":
		id = r.addr + "#attachment"
	case "aws_ec2_transit_gateway":
		id = r.addr + "#default_route_table"
	case "aws_dx_gateway_association":
		id = r.addr + "#attachment"
	case "aws_vpc", "aws_default_vpc":
		id = t.vpcDefaultRT[r.addr]
	}
	if id != "" && want[t.types[id]] {
		return id
	}
	return ""
}

// resolveOutput follows `module.x.out` into the called module instance(s).
func (t *translator) resolveOutput(rf ref, sc scope, byKey bool, want typeSet, list bool, depth int) ([]string, bool) {
	var chosen []string
	target := joinAddr(sc.module, "module."+rf.typ)
	switch {
	case rf.key != "":
		if !t.isModule[target+rf.key] {
			return nil, true
		}
		chosen = []string{target + rf.key}
	case sc.key != "" && (byKey || !list) && t.isModule[target+sc.key]:
		chosen = []string{target + sc.key}
	default:
		chosen = t.modules[sc.module+"|"+rf.typ]
	}
	if len(chosen) == 0 {
		return nil, true
	}
	var out []string
	opaque := false
	for _, m := range chosen {
		mi, _ := parseModuleInstance(m)
		e := t.cfg.output(mi.cfgPath, rf.name)
		if e == nil {
			opaque = true
			continue
		}
		if len(chosen) == 1 && m != target+sc.key && len(rf.path) == 0 && !list {
			if inst, path, ok := t.outputElementByKey(e, m, sc); ok {
				ids, op := t.followAttr(inst, path, want, false, depth+1)
				out = append(out, ids...)
				opaque = opaque || op
				continue
			}
		}
		ids, op := t.resolveExpr(e, scope{module: m}, want, list, depth+1)
		out = append(out, ids...)
		opaque = opaque || op
	}
	if len(rf.path) > 0 && len(dedupe(out)) > 1 {
		// `module.x.subnets[0]` picks one of several: which one is not known
		// without evaluating the output.
		return nil, true
	}
	return out, opaque
}

// resolveVar follows `var.x`: in the root to the plan's variable values, in a
// module to the module call's argument, evaluated in the calling module
// instance.
func (t *translator) resolveVar(sc scope, name string, path []segment, want typeSet, list bool, depth int) ([]string, bool) {
	if sc.module == "" {
		v := t.doc.Variables[name]
		if v == nil {
			return nil, true
		}
		val, ok := valueAt(v.Value, path)
		if !ok {
			return nil, false
		}
		return t.constIDs(val, want), false
	}
	mi, ok := parseModuleInstance(sc.module)
	if !ok {
		return nil, true
	}
	call := t.cfg.calls[mi.cfgPath]
	if call == nil {
		return nil, true
	}
	if e := call.Expressions[name]; e != nil {
		parent := scope{module: mi.parent, key: mi.key, forEach: call.ForEachExpression}
		return t.resolveExpr(e, parent, want, list, depth+1)
	}
	if m := t.cfg.modules[mi.cfgPath]; m != nil && m.Variables[name] != nil {
		val, ok := valueAt(m.Variables[name].Default, path)
		if !ok {
			return nil, false
		}
		return t.constIDs(val, want), false
	}
	return nil, true
}

// resolveEachValue follows `each.value` when for_each iterates over a resource
// (or a module's output) keyed like the referring object: each.value is then
// the instance with the same key.
func (t *translator) resolveEachValue(sc scope, path []segment, want typeSet, list bool, depth int) ([]string, bool) {
	if sc.forEach == nil || sc.forEach.ExpressionData == nil || sc.key == "" {
		return nil, true
	}
	if cv := sc.forEach.ConstantValue; cv != nil && cv != tfjson.UnknownConstantValue {
		v, ok := index(cv, sc.key)
		if !ok {
			return nil, true
		}
		if v, ok = valueAt(v, path); !ok {
			return nil, true
		}
		return t.constIDs(v, want), false
	}
	refs := significantRefs(sc.forEach.References)
	if len(refs) != 1 {
		return nil, true
	}
	rf := parseRef(refs[0])
	if rf.key != "" || len(rf.path) > 0 || rf.name != "" && rf.kind == "module" {
		return nil, true
	}
	rf.key = sc.key
	switch rf.kind {
	case "resource", "data":
		rf.path = path
	case "module":
		// for_each = module.x: each.value.out is that instance's output.
		if len(path) == 0 || path[0].name == "" {
			return nil, true
		}
		rf.name, rf.path = path[0].name, path[1:]
		if path[0].key != "" {
			rf.path = append([]segment{{key: path[0].key}}, rf.path...)
		}
	default:
		return nil, true
	}
	return t.resolveRef(rf, scope{module: sc.module}, false, want, list, depth+1)
}

// stringValue evaluates an expression to a known string: a constant, or a
// variable chain that ends in one (a provider's `region = var.region`).
func (t *translator) stringValue(e *tfjson.Expression, sc scope) string {
	for depth := 0; depth < maxDepth; depth++ {
		if e == nil || e.ExpressionData == nil {
			return ""
		}
		if s, ok := e.ConstantValue.(string); ok {
			return s
		}
		refs := significantRefs(e.References)
		if len(refs) != 1 {
			return ""
		}
		rf := parseRef(refs[0])
		if rf.kind != "var" || len(rf.path) > 0 {
			return ""
		}
		if sc.module == "" {
			if v := t.doc.Variables[rf.typ]; v != nil {
				s, _ := v.Value.(string)
				return s
			}
			return ""
		}
		mi, ok := parseModuleInstance(sc.module)
		if !ok {
			return ""
		}
		call := t.cfg.calls[mi.cfgPath]
		if call == nil {
			return ""
		}
		if next := call.Expressions[rf.typ]; next != nil {
			e, sc = next, scope{module: mi.parent}
			continue
		}
		if m := t.cfg.modules[mi.cfgPath]; m != nil && m.Variables[rf.typ] != nil {
			s, _ := m.Variables[rf.typ].Default.(string)
			return s
		}
		return ""
	}
	return ""
}

// indexesByOwnKey reports whether an expression indexes by the referring
// instance's own key: count.index or each.key (each.value is a value, not the
// key).
func indexesByOwnKey(refs []string) bool {
	for _, r := range refs {
		if r == "count.index" || r == "each.key" {
			return true
		}
	}
	return false
}

// outputElementByKey resolves `module.x.out[count.index]` (or `[each.key]`),
// evaluated by an instance of a counted (for_each) resource, when the output
// is a splat or for-expression over one counted (for_each) resource of module
// instance m: `aws_route_table.private[*].id`. The element with the
// referrer's index is then the instance with the referrer's key, provided
// both resources have the same instance keys: the `count =
// length(module.x.out)` / `for_each = module.x.out` idiom. An output that
// names anything else (a second resource, a local, a variable) is not
// resolved here.
func (t *translator) outputElementByKey(e *tfjson.Expression, m string, sc scope) (*resource, []segment, bool) {
	if !sc.ownKey || sc.key == "" || sc.self == nil || e == nil || e.ExpressionData == nil {
		return nil, nil, false
	}
	refs := significantRefs(e.References)
	if len(refs) != 1 {
		return nil, nil, false
	}
	rf := parseRef(refs[0])
	if rf.kind != "resource" && rf.kind != "data" || rf.key != "" || len(rf.path) > 1 ||
		len(rf.path) == 1 && rf.path[0].key != "" {
		return nil, nil, false
	}
	local := rf.typ + "." + rf.name
	if rf.kind == "data" {
		local = "data." + local
	}
	base := joinAddr(m, local)
	if !sameInstanceKeys(t.byBase[base], t.byBase[sc.self.a.base()]) {
		return nil, nil, false
	}
	inst := t.byCanon[base+sc.key]
	if inst == nil {
		return nil, nil, false
	}
	return inst, rf.path, true
}

// sameInstanceKeys reports whether two resources have the same, non-empty
// set of instance keys.
func sameInstanceKeys(a, b []*resource) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	keys := make(map[string]bool, len(a))
	for _, r := range a {
		if r.a.key == "" {
			return false
		}
		keys[r.a.key] = true
	}
	for _, r := range b {
		if !keys[r.a.key] {
			return false
		}
	}
	return len(keys) == len(a)
}

// indexByEachValue handles `res[each.value.k]`: an expression whose only
// references are one resource without a key and one each.value path. When
// the referrer's for_each value is known (a constant, or a root variable's
// value) and that path holds an instance key of the resource, the reference
// means that instance.
func (t *translator) indexByEachValue(refs []string, sc scope) (ref, bool) {
	if len(refs) != 2 || sc.key == "" || sc.forEach == nil {
		return ref{}, false
	}
	var target, each ref
	for _, s := range refs {
		switch rf := parseRef(s); rf.kind {
		case "resource", "data":
			target = rf
		case "each":
			each = rf
		}
	}
	if target.kind == "" || target.key != "" || each.typ != "value" {
		return ref{}, false
	}
	v, ok := t.eachValue(sc, each.path)
	if !ok {
		return ref{}, false
	}
	key := formatIndex(v)
	if key == "" {
		return ref{}, false
	}
	local := target.typ + "." + target.name
	if target.kind == "data" {
		local = "data." + local
	}
	if t.byCanon[joinAddr(sc.module, local)+key] == nil {
		return ref{}, false
	}
	target.key = key
	return target, true
}

// eachValue evaluates each.value<path> for the instance of scope sc when its
// for_each value is known: a constant, or a root module variable.
func (t *translator) eachValue(sc scope, path []segment) (any, bool) {
	fe := sc.forEach
	if fe == nil || fe.ExpressionData == nil || sc.key == "" {
		return nil, false
	}
	cv := fe.ConstantValue
	if cv == nil || cv == tfjson.UnknownConstantValue {
		refs := significantRefs(fe.References)
		if sc.module != "" || len(refs) != 1 {
			return nil, false
		}
		rf := parseRef(refs[0])
		if rf.kind != "var" || rf.key != "" || len(rf.path) > 0 {
			return nil, false
		}
		v := t.doc.Variables[rf.typ]
		if v == nil {
			return nil, false
		}
		cv = v.Value
	}
	var v any
	switch c := cv.(type) {
	case map[string]any:
		var ok bool
		if v, ok = index(c, sc.key); !ok {
			return nil, false
		}
	case []any:
		// A set of strings: each.value is the key.
		s, err := strconv.Unquote(sc.key[1 : len(sc.key)-1])
		if err != nil {
			return nil, false
		}
		v = s
	default:
		return nil, false
	}
	v, ok := valueAt(v, path)
	return v, ok
}

// parent resolves the link of a child resource (a route, an association, a
// static route) to its parent element. When the link is ambiguous or cannot
// be resolved, cands lists the model elements of a wanted type that it may
// name, so that the caller marks what the child would change unknown on each
// of them rather than dropping the fact; cands is empty when nothing is
// known of the candidates.
func (t *translator) parent(r *resource, attr string, want typeSet) (id string, cands []string) {
	id, unknown := t.link(r, attr, want)
	if id != "" || !unknown {
		return id, nil
	}
	return "", t.candidates(r, attr, want)
}

// parentOrAny is parent for a child whose loss would read as a missing thing
// (a route, a propagation, an authorization): when the link cannot be
// resolved and its references reach no candidate (it goes through what the
// plan does not show: a local, a for_each map), every element of the wanted
// types may be the parent. A resolved parent outside the model (a raw id of
// another root) gives neither.
func (t *translator) parentOrAny(r *resource, attr string, want typeSet) (string, []string) {
	id, unknown := t.link(r, attr, want)
	if id != "" || !unknown {
		return id, nil
	}
	if c := t.candidates(r, attr, want); len(c) > 0 {
		return "", c
	}
	var all []string
	for id, typ := range t.types {
		if want[typ] {
			all = append(all, t.canonical(id))
		}
	}
	sort.Strings(all)
	return "", dedupe(all)
}

// candidates lists the model elements of a wanted type that the expression of
// a single-valued link attribute reaches through any instance key and any
// element of a module output: a superset of what the link may name.
// References through locals reach nothing (locals are not in the plan).
func (t *translator) candidates(r *resource, attr string, want typeSet) []string {
	e := r.expr(attr)
	if e == nil || len(e.References) == 0 {
		return nil
	}
	t.budget = maxSteps
	sc := r.scope()
	var out []string
	for _, s := range significantRefs(e.References) {
		rf := parseRef(s)
		if rf.kind == "module" {
			// module.x.out[0]: any element of the output.
			rf.path = nil
		}
		ids, _ := t.resolveRef(rf, sc, false, want, true, 1)
		out = append(out, ids...)
	}
	return t.filterModel(dedupe(out), want)
}
