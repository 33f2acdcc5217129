package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/netlint/netlint/model"
	"github.com/netlint/netlint/tfaddr"
	"github.com/netlint/netlint/tfeval"
)

// translator holds the indexes built once per document; every lookup during
// translation is a map access.
type translator struct {
	data []byte
	doc  *document
	cfg  *configIndex
	net  *model.Network

	resources []*resource
	byAddr    map[string]*resource   // printed address
	byCanon   map[string]*resource   // canonical address
	byBase    map[string][]*resource // canonical address without instance key
	byModType map[string][]*resource // module instance + "|" + type
	modules   map[string][]string    // parent instance + "|" + call name -> instances
	isModule  map[string]bool        // every module instance address
	byID      map[string][]string    // AWS id (and a few other known handles) -> model IDs
	types     map[string]string      // model ID -> resource type
	alias     map[string]string      // model ID that stands for another element

	vpcDefaultRT map[string]string // VPC model ID -> its aws_default_route_table
	regions      map[string]string // provider key -> region
	budget       int               // resolution steps left for the current link
	// eval evaluates link expressions from the HCL sources, when the plan's
	// own sources are at hand.
	eval *tfeval.Evaluator

	err      error
	modCanon map[string]string // module instance address -> canonical form
}

// fail records the first error; translation goes on so that the error is the
// first in document order, whatever the resource type.
func (t *translator) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

func translate(data []byte, doc *document) (*model.Network, error) {
	return translateWith(data, doc, Options{})
}

func translateWith(data []byte, doc *document, o Options) (*model.Network, error) {
	size := len(doc.ResourceChanges) + len(doc.DeferredChanges)
	t := &translator{
		data:         data,
		doc:          doc,
		cfg:          newConfigIndex(doc.Config),
		net:          model.New(),
		byAddr:       make(map[string]*resource, size),
		resources:    make([]*resource, 0, size),
		byCanon:      map[string]*resource{},
		byBase:       map[string][]*resource{},
		byModType:    map[string][]*resource{},
		modules:      map[string][]string{},
		isModule:     map[string]bool{},
		byID:         map[string][]string{},
		types:        map[string]string{},
		alias:        map[string]string{},
		vpcDefaultRT: map[string]string{},
		regions:      map[string]string{},
	}
	if err := t.collect(); err != nil {
		return nil, err
	}
	t.index()
	t.useSources(o.Sources)
	t.resolveAliases()
	for _, r := range t.resources {
		t.buildElement(r)
	}
	for _, r := range t.resources {
		t.applyModifier(r)
	}
	// After the values: a value of the wrong type is the error to report,
	// rather than the after_unknown that does not fit it.
	for _, r := range t.resources {
		if r.strict && r.rawUnknown != nil && t.err == nil {
			r.checkUnknownShape(r.values, r.rawUnknown)
		}
	}
	t.finish()
	if t.err != nil {
		return nil, t.err
	}
	return t.net, nil
}

// collect gathers the resources of the future network. A plan's resource
// changes list every resource instance, no-ops included, with after_unknown;
// planned values stand in only when a producer left them out. The prior state
// adds data sources read during planning, which link ids to existing
// infrastructure.
func (t *translator) collect() error {
	doc := t.doc
	if !doc.isPlan() {
		if doc.Values != nil {
			walkModules(doc.Values.RootModule, "", func(module string, sr *stateResource) {
				if sr.DeposedKey != "" {
					return
				}
				t.addState(module, &sr.resourceHeader, sr.Values, "values")
			})
		}
		return nil
	}
	changes := doc.ResourceChanges
	for _, d := range doc.DeferredChanges {
		changes = append(changes, d.ResourceChange)
	}
	for i, rc := range changes {
		a, addrErr, err := checkChange(i, rc)
		if err != nil {
			return err
		}
		if rc.DeposedKey != "" {
			continue
		}
		// Every change before this one is in byAddr (added, or seen): the
		// prior state's data sources come after.
		if t.isSeen(rc.Address) {
			return shapeError(printable(rc.Address) + ": listed twice in the resource changes")
		}
		// A delete (or forget) leaves After empty: the object is not part of
		// the future network. Replacements keep their After.
		if rc.Change.After == nil || onlyRemoves(rc.Change.Actions) {
			if addrErr != nil {
				t.fail(addressError(addrErr))
			}
			t.seen(rc.Address)
			continue
		}
		// checkChange held mode, type and name to the address, parsed once.
		if addrErr != nil {
			t.fail(addressError(addrErr))
			t.seen(rc.Address)
			continue
		}
		t.addParsed(rc.Address, a, header{change: true, unknown: rc.Change.AfterUnknown}, rc.Change.After)
	}
	if len(changes) == 0 && doc.PlannedValues.present {
		var pv plannedValues
		if err := json.Unmarshal(t.data, &pv); err != nil {
			return jsonError(t.data, err)
		}
		if pv.PlannedValues != nil {
			walkModules(pv.PlannedValues.RootModule, "", func(module string, r *stateResource) {
				if r.DeposedKey == "" {
					t.addState(module, &r.resourceHeader, r.Values, "planned_values")
				}
			})
		}
	}
	if doc.PriorState != nil && doc.PriorState.Values != nil {
		walkModules(doc.PriorState.Values.RootModule, "", func(module string, r *priorResource) {
			if r.Mode == tfjson.DataResourceMode && r.DeposedKey == "" {
				t.addState(module, &r.resourceHeader, r.Values, "")
			}
		})
	}
	return nil
}

// checkChange refuses a resource change Terraform would not write: each of
// these would otherwise drop the resource, or read it as something else,
// without a word. It returns the parsed address, or why it does not parse
// (reported with the other address errors, in document order).
func checkChange(i int, rc *resourceChange) (resourceAddr, error, error) {
	switch {
	case rc == nil:
		return resourceAddr{}, nil, shapeError(fmt.Sprintf("resource change %d is null", i))
	case rc.Change == nil:
		return resourceAddr{}, nil, shapeError(printable(rc.Address) + ": change is null or missing")
	case len(rc.Change.Actions) == 0:
		return resourceAddr{}, nil, shapeError(printable(rc.Address) + ": change.actions is empty")
	}
	switch rc.Change.AfterUnknown.(type) {
	case nil, map[string]any, bool:
	default:
		return resourceAddr{}, nil, shapeError(printable(rc.Address) + ": change.after_unknown is " + valueKind(rc.Change.AfterUnknown) + ", want an object")
	}
	a, err := parseResourceAddr(rc.Address)
	if err != nil {
		return a, err, nil
	}
	if (rc.Type != "" && rc.Type != a.typ) || (rc.Name != "" && rc.Name != a.name) ||
		(rc.Mode != "" && string(rc.Mode) != a.mode) {
		return a, nil, shapeError(fmt.Sprintf("%s: the address does not match the change's mode, type and name (%s %s.%s)",
			printable(rc.Address), printable(string(rc.Mode)), printable(rc.Type), printable(rc.Name)))
	}
	return a, nil, nil
}

func onlyRemoves(actions tfjson.Actions) bool {
	if len(actions) == 0 {
		return false
	}
	for _, a := range actions {
		if a != tfjson.ActionDelete && a != tfjson.ActionForget {
			return false
		}
	}
	return true
}

func walkModules[R any](m *valuesModule[R], parent string, fn func(string, *R)) {
	if m == nil {
		return
	}
	addr := m.Address
	if addr == "" {
		addr = parent
	}
	for _, r := range m.Resources {
		if r != nil {
			fn(addr, r)
		}
	}
	for _, c := range m.ChildModules {
		walkModules(c, addr, fn)
	}
}

// seen marks an address as handled without adding a resource (a delete).
func (t *translator) seen(addr string) {
	if _, ok := t.byAddr[addr]; !ok {
		t.byAddr[addr] = nil
	}
}

func (t *translator) isSeen(addr string) bool {
	_, ok := t.byAddr[addr]
	return ok
}

// header is what a plan or state says of a resource besides its address and
// values: it must agree with the address.
type header struct {
	mode, typ, name string
	module          string // the module (of a state's values) that lists it
	// change: the resource is a plan's resource change, whose after_unknown
	// is unknown.
	change  bool
	unknown any
}

func (t *translator) add(addr string, h header, values map[string]any) {
	if t.isSeen(addr) {
		return
	}
	a, err := parseResourceAddr(addr)
	if err != nil {
		t.fail(addressError(err))
		t.seen(addr)
		return
	}
	t.checkHeader(addr, a, h)
	t.addParsed(addr, a, h, values)
}

// addParsed adds a resource whose address is parsed already.
func (t *translator) addParsed(addr string, a resourceAddr, h header, values map[string]any) {
	r := &resource{addr: addr, a: a, values: values, t: t, strict: strings.HasPrefix(a.typ, "aws_")}
	if values == nil {
		if r.strict && !h.change {
			// A state lists the values of every resource it holds.
			r.attrs().wrongType("values", "", "an object", nil)
		}
		r.values = map[string]any{}
	}
	if h.change {
		r.unknown, _ = h.unknown.(map[string]any)
		r.rawUnknown = h.unknown
	}
	if a.module != "" {
		if i := strings.LastIndex(addr, "."+a.local()); i > 0 {
			r.module = addr[:i]
		} else {
			r.module = a.module
		}
	}
	r.awsID = r.str("id")
	t.byAddr[addr] = r
	t.resources = append(t.resources, r)
}

// checkHeader fails the load when the resource's mode, type, name or module
// disagree with its address: Terraform writes them from one address, and the
// loader reads the address.
func (t *translator) checkHeader(addr string, a resourceAddr, h header) {
	fail := func(attr, v string) {
		t.fail(&attrError{addr: addr, attr: attr, msg: strconv.Quote(v) + " disagrees with the address"})
	}
	switch {
	case h.mode != "" && h.mode != a.mode:
		fail("mode", h.mode)
	case h.typ != "" && h.typ != a.typ:
		fail("type", h.typ)
	case h.name != "" && h.name != a.name:
		fail("name", h.name)
	case h.module != "" && t.canonicalModule(h.module) != a.module:
		t.fail(&attrError{addr: addr, attr: "address", msg: "not in the module " + printable(h.module) + " that lists it"})
	}
}

// canonicalModule is a module instance address in canonical form, "" for one
// that does not parse (no resource address has that module).
func (t *translator) canonicalModule(m string) string {
	if c, ok := t.modCanon[m]; ok {
		return c
	}
	c := "\x00"
	if calls, err := tfaddr.ParseModule(m); err == nil {
		c = tfaddr.ModuleInstance(calls)
	}
	if t.modCanon == nil {
		t.modCanon = map[string]string{}
	}
	t.modCanon[m] = c
	return c
}

// addressError is the error for a resource address that does not parse:
// Terraform prints only addresses it can parse back.
func addressError(err error) error {
	return errors.New("address: " + err.Error())
}

// duplicateError is the error for a resource listed twice.
func duplicateError(addr, where string) error {
	return errors.New("address: " + strconv.Quote(addr) + " is listed twice in " + where)
}

// addState adds a resource of a state (or of planned values or a prior
// state), whose instance key is a member of its own. section names a section
// that lists each resource once; "" for a prior state, which repeats data
// sources that resource_changes list too.
func (t *translator) addState(module string, h *resourceHeader, values map[string]any, section string) {
	addr := h.fullAddress(module)
	switch h.Index.(type) {
	case nil, float64, string:
	default:
		if !t.isSeen(addr) {
			t.fail(&attrError{addr: addr, attr: "index", msg: "want a number or a string, got " + valueKind(h.Index)})
			t.seen(addr)
		}
		return
	}
	if section != "" && t.isSeen(addr) {
		t.fail(duplicateError(addr, section))
		return
	}
	hd := header{mode: string(h.Mode), typ: h.Type, name: h.Name}
	if module != "" && strings.HasPrefix(h.Address, "module.") {
		hd.module = module
	}
	t.add(addr, hd, values)
}

// index builds every lookup table in one pass over the resources. The tables
// are made with their size: growing them is a large part of the cost on big
// plans.
func (t *translator) index() {
	n := len(t.resources)
	t.byCanon = make(map[string]*resource, n)
	t.byBase = make(map[string][]*resource, n)
	t.types = make(map[string]string, n+n/8)
	t.byID = make(map[string][]string, n+n/2)
	for _, r := range t.resources {
		base := r.a.base()
		canon := base
		if r.a.key != "" {
			canon = base + r.a.key
		}
		t.byCanon[canon] = r
		t.byBase[base] = append(t.byBase[base], r)
		mt := r.a.module + "|" + r.a.typ
		t.byModType[mt] = append(t.byModType[mt], r)
		t.types[r.addr] = r.a.typ
		t.registerModule(r.a.module)
		if mi, ok := parseModuleInstance(r.a.module); ok {
			r.cfg = t.cfg.resource(mi.cfgPath, r.a)
		} else {
			r.cfg = t.cfg.resource("", r.a)
		}
		if r.awsID != "" {
			t.addID(r.awsID, r.addr)
		}
		if arn := r.str("arn"); arn != "" {
			t.addID(arn, r.addr)
		}
	}
	// Implied elements and known handles that name them. They are indexed after
	// the resources so that a real resource with the same id wins.
	for _, r := range t.resources {
		switch r.a.typ {
		case "aws_ec2_transit_gateway":
			if r.a.mode == "managed" || r.str("association_default_route_table_id") != "" {
				if rt := t.defaultTGWRouteTable(r); rt != "" {
					t.types[rt] = "aws_ec2_transit_gateway_route_table"
					t.addID(r.str("association_default_route_table_id"), rt)
					t.addID(r.str("propagation_default_route_table_id"), rt)
				}
			}
		case "aws_vpn_connection":
			if att := t.vpnAttachmentID(r); att != "" {
				t.types[att] = "aws_ec2_transit_gateway_vpn_attachment"
				t.addID(r.str("transit_gateway_attachment_id"), att)
			}
			t.addID(r.str("tunnel1_address"), r.addr)
			t.addID(r.str("tunnel2_address"), r.addr)
		case "aws_vpc_endpoint_service":
			if r.a.mode == "managed" {
				t.addID(r.str("service_name"), r.addr)
			}
		case "aws_instance":
			// A route to an instance's primary ENI is a route through the
			// instance; the instance carries source_dest_check.
			t.addID(r.str("primary_network_interface_id"), r.addr)
			if r.a.mode == "data" {
				t.addID(r.str("network_interface_id"), r.addr)
			}
		}
	}
	for _, r := range t.resources {
		switch r.a.typ {
		case "aws_default_route_table":
			if vpc, _ := t.link(r, "default_route_table_id", vpcTypes); vpc != "" {
				t.vpcDefaultRT[vpc] = r.addr
			}
		case "aws_dx_gateway_association":
			if att := t.dxAttachmentID(r); att != "" {
				t.types[att] = "aws_ec2_transit_gateway_dx_gateway_attachment"
				t.addID(r.str("transit_gateway_attachment_id"), att)
			}
		}
	}
}

func (t *translator) addID(id, modelID string) {
	if id == "" {
		return
	}
	for _, e := range t.byID[id] {
		if e == modelID {
			return
		}
	}
	t.byID[id] = append(t.byID[id], modelID)
}

// registerModule records a module instance and its ancestors under their
// parents, so that `module.x` references can find their instances.
func (t *translator) registerModule(addr string) {
	for addr != "" && !t.isModule[addr] {
		mi, ok := parseModuleInstance(addr)
		if !ok {
			return
		}
		t.isModule[addr] = true
		k := mi.parent + "|" + mi.call
		t.modules[k] = append(t.modules[k], addr)
		addr = mi.parent
	}
}

// defaultTGWRouteTable names the default route table AWS creates for a TGW
// unless both default association and propagation are disabled.
func (t *translator) defaultTGWRouteTable(r *resource) string {
	if !r.enabled("default_route_table_association", true) && !r.enabled("default_route_table_propagation", true) &&
		!r.isUnknown("default_route_table_association") && !r.isUnknown("default_route_table_propagation") {
		return ""
	}
	return r.addr + "#default_route_table"
}

// vpnAttachmentID names the TGW attachment AWS creates for a VPN connection on
// a transit gateway.
func (t *translator) vpnAttachmentID(r *resource) string {
	if r.a.mode != "managed" {
		return ""
	}
	if r.str("transit_gateway_id") == "" && !r.isUnknown("transit_gateway_id") {
		return ""
	}
	return r.addr + "#attachment"
}

// dxAttachmentID names the TGW attachment AWS creates when a Direct Connect
// gateway is associated with a transit gateway.
func (t *translator) dxAttachmentID(r *resource) string {
	if r.a.mode != "managed" {
		return ""
	}
	gw, _ := t.link(r, dxAssociatedGatewayAttr(r), dxAssocGWTypes)
	if dxGatewayType(t.types[gw], gw, r.str("associated_gateway_type")) != "transit_gateway" {
		return ""
	}
	return r.addr + "#attachment"
}

// canonical maps a model ID that stands for another element (an accepter) to
// that element.
func (t *translator) canonical(id string) string {
	if a, ok := t.alias[id]; ok {
		return a
	}
	return id
}

// resolveAliases lets references to accepter resources reach the element they
// accept, when that element is in the model.
func (t *translator) resolveAliases() {
	for _, r := range t.resources {
		switch r.a.typ {
		case "aws_vpc_peering_connection_accepter":
			if p, _ := t.link(r, "vpc_peering_connection_id", peeringTypes); p != "" && t.types[p] == "aws_vpc_peering_connection" {
				t.alias[r.addr] = p
			}
		case "aws_dx_hosted_private_virtual_interface_accepter", "aws_dx_hosted_transit_virtual_interface_accepter",
			"aws_dx_hosted_public_virtual_interface_accepter":
			if v, _ := t.link(r, "virtual_interface_id", vifTypes); v != "" && t.types[v] != "" {
				t.alias[r.addr] = v
			}
		case "aws_ec2_transit_gateway_dx_gateway_attachment":
			// Provider 5 has no attachment id on aws_dx_gateway_association:
			// configurations read it back with this data source, by DX
			// gateway and TGW. When an association of the plan joins that
			// pair, the data source is the attachment the association makes.
			if r.a.mode == "data" {
				if att := t.dxAttachmentOfPair(r); att != "" {
					t.alias[r.addr] = att
				}
			}
		}
	}
}

// dxAttachmentOfPair returns the attachment implied by the plan's
// aws_dx_gateway_association that joins the DX gateway and TGW a data source
// names.
func (t *translator) dxAttachmentOfPair(r *resource) string {
	dx, _ := t.link(r, "dx_gateway_id", dxGWTypes)
	tgw, _ := t.link(r, "transit_gateway_id", tgwTypes)
	if dx == "" || tgw == "" {
		return ""
	}
	found := ""
	for _, a := range t.byModType[r.a.module+"|aws_dx_gateway_association"] {
		if t.types[a.addr+"#attachment"] == "" {
			continue
		}
		adx, _ := t.link(a, "dx_gateway_id", dxGWTypes)
		agw, _ := t.link(a, dxAssociatedGatewayAttr(a), dxAssocGWTypes)
		if adx == dx && agw == tgw {
			if found != "" {
				return ""
			}
			found = a.addr + "#attachment"
		}
	}
	return found
}

// meta fills the common fields of an element.
func (t *translator) meta(r *resource) model.Meta {
	m := model.Meta{
		ID:      r.addr,
		Type:    r.a.typ,
		Address: r.addr,
		AWSID:   r.awsID,
		Module:  r.module,
		Tags:    r.tags(),
		Region:  t.region(r),
		Account: r.str("owner_id"),
	}
	if s := r.str("arn"); strings.HasPrefix(s, "arn:") {
		m.ARN = s
		if a, err := arn.Parse(s); err == nil {
			if m.Region == "" {
				m.Region = a.Region
			}
			if m.Account == "" {
				m.Account = a.AccountID
			}
		}
	}
	if m.Tags != nil {
		m.Name = m.Tags["Name"]
	}
	return m
}

// region is the resource's own region argument (AWS provider v6) or else the
// region of its provider configuration.
func (t *translator) region(r *resource) string {
	if reg := r.str("region"); reg != "" {
		return reg
	}
	if r.cfg == nil {
		return ""
	}
	key := r.cfg.ProviderConfigKey
	if reg, ok := t.regions[key]; ok {
		return reg
	}
	reg := ""
	if p := t.cfg.providerFor(key); p != nil {
		if e := p.Expressions["region"]; e != nil {
			reg = t.stringValue(e, scope{module: p.ModuleAddress})
		}
	}
	t.regions[key] = reg
	return reg
}
