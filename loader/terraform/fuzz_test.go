package terraform

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic or hang,
// must fail with a one-line error, and whatever it accepts must keep the
// model's key contract.
func FuzzDecode(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		filepath.Join(corpusDir, "plans", "*.json"),
		filepath.Join(corpusDir, "plans", "non-genuine", "*.json"),
		filepath.Join(corpusDir, "states", "*.json"),
		filepath.Join(fixtureDir, "*.json"),
	} {
		files, _ := filepath.Glob(pattern)
		seeds = append(seeds, files...)
	}
	for _, s := range seeds {
		// Mutating a large file mostly breaks its JSON early: small seeds
		// reach the translation far more often.
		if data, err := os.ReadFile(s); err == nil && len(data) <= 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(planWithVPC("10.0.0.0/16")))
	f.Add([]byte(`{"format_version":"1.0","values":{"root_module":{"child_modules":[{"address":"module.a","resources":[{"address":"aws_vpc.x","index":0,"type":"aws_vpc","values":{"cidr_block":"10.0.0.0/8"}}]}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"module.m[\"k\"].aws_subnet.s[1]","type":"aws_subnet","mode":"managed","change":{"actions":["create"],"after":{},"after_unknown":{"vpc_id":true}}}],"configuration":{"root_module":{"module_calls":{"m":{"expressions":{"v":{"references":["module.m.o"]}},"module":{"outputs":{"o":{"expression":{"references":["var.v"]}}},"resources":[{"address":"aws_subnet.s","mode":"managed","type":"aws_subnet","name":"s","expressions":{"vpc_id":{"references":["var.v","local.x","each.value.id"]}}}]}}}}}}`))
	hostile, _ := filepath.Glob(filepath.Join(hostileDir, "*.json"))
	for _, h := range hostile {
		if data, err := os.ReadFile(h); err == nil {
			f.Add(data)
		}
	}
	f.Add(rawPlan([4]string{"aws_vpc.a", "aws_vpc", `{"cidr_block":["10.0.0.0/16"],"tags":{"Name":1}}`, `{"id":true}`}))
	f.Add(rawPlan([4]string{"aws_route_table.r", "aws_route_table", `{"route":[{"cidr_block":"::/0","gateway_id":{}}],"propagating_vgws":"vgw-1"}`, `{"route":[{}]}`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Decode(data)
		if err != nil {
			checkOneLine(t, err)
			return
		}
		checkIDs(t, n)
	})
}

// checkOneLine holds a load error to the CLI's contract: one line (the CLI
// prefixes the file name), and an attribute error names the resource and the
// attribute.
func checkOneLine(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if msg == "" || strings.ContainsAny(msg, "\n\r") {
		t.Errorf("empty or multi-line error: %q", msg)
	}
	var ae *attrError
	if errors.As(err, &ae) {
		if ae.addr == "" || ae.attr == "" || ae.msg == "" || !strings.HasPrefix(msg, printable(ae.addr)+": "+ae.attr+": ") {
			t.Errorf("attribute error without its resource or attribute: %q (%+v)", msg, *ae)
		}
	}
}

// attrKinds lists attributes the model reads, by resource type, with the JSON
// types the AWS provider's schema gives them (null aside) and the other
// values of a resource that reads them.
var attrKinds = []struct {
	typ, attr string
	kinds     []string // "string", "number", "bool", "list", "object"
	base      string   // the resource's other values (JSON, no braces)
}{
	{"aws_vpc", "cidr_block", []string{"string"}, ``},
	{"aws_vpc", "ipv6_cidr_block", []string{"string"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_vpc", "tags", []string{"object"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_vpc", "tags_all", []string{"object"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_vpc", "id", []string{"string"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_vpc", "arn", []string{"string"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_vpc", "owner_id", []string{"string"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_vpc", "region", []string{"string"}, `"cidr_block":"10.0.0.0/16"`},
	{"aws_subnet", "cidr_block", []string{"string"}, `"vpc_id":"vpc-1"`},
	{"aws_subnet", "ipv6_cidr_block", []string{"string"}, `"vpc_id":"vpc-1"`},
	{"aws_subnet", "availability_zone", []string{"string"}, `"vpc_id":"vpc-1"`},
	{"aws_subnet", "vpc_id", []string{"string"}, `"cidr_block":"10.0.1.0/24"`},
	{"aws_ec2_transit_gateway_vpc_attachment", "subnet_ids", []string{"list"}, `"vpc_id":"vpc-1","transit_gateway_id":"tgw-1"`},
	{"aws_ec2_transit_gateway_vpc_attachment", "transit_gateway_id", []string{"string"}, `"vpc_id":"vpc-1"`},
	{"aws_ec2_transit_gateway_vpc_attachment", "appliance_mode_support", []string{"string"}, `"vpc_id":"vpc-1"`},
	{"aws_ec2_transit_gateway_vpc_attachment", "transit_gateway_default_route_table_association", []string{"bool", "string"}, `"vpc_id":"vpc-1"`},
	{"aws_ec2_transit_gateway", "amazon_side_asn", []string{"number", "string"}, ``},
	{"aws_ec2_transit_gateway", "default_route_table_association", []string{"string"}, ``},
	{"aws_ec2_transit_gateway_route", "destination_cidr_block", []string{"string"}, `"transit_gateway_route_table_id":"tgw-rtb-1","blackhole":true`},
	{"aws_route", "destination_cidr_block", []string{"string"}, `"route_table_id":"rtb-1","gateway_id":"igw-1"`},
	{"aws_route", "destination_ipv6_cidr_block", []string{"string"}, `"route_table_id":"rtb-1","gateway_id":"igw-1"`},
	{"aws_route", "gateway_id", []string{"string"}, `"route_table_id":"rtb-1","destination_cidr_block":"0.0.0.0/0"`},
	{"aws_route", "route_table_id", []string{"string"}, `"destination_cidr_block":"0.0.0.0/0","gateway_id":"igw-1"`},
	{"aws_route_table", "route", []string{"list"}, `"vpc_id":"vpc-1"`},
	{"aws_route_table", "propagating_vgws", []string{"list"}, `"vpc_id":"vpc-1"`},
	{"aws_security_group", "ingress", []string{"list"}, `"vpc_id":"vpc-1"`},
	{"aws_security_group", "egress", []string{"list"}, `"vpc_id":"vpc-1"`},
	{"aws_security_group_rule", "cidr_blocks", []string{"list"}, `"type":"ingress","security_group_id":"sg-1","protocol":"tcp","from_port":1,"to_port":2`},
	{"aws_security_group_rule", "from_port", []string{"number", "string"}, `"type":"ingress","security_group_id":"sg-1","protocol":"tcp","to_port":2`},
	{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", []string{"string"}, `"security_group_id":"sg-1","ip_protocol":"-1"`},
	{"aws_vpc_security_group_ingress_rule", "cidr_ipv6", []string{"string"}, `"security_group_id":"sg-1","ip_protocol":"-1"`},
	{"aws_customer_gateway", "bgp_asn", []string{"number", "string"}, `"ip_address":"198.51.100.1"`},
	{"aws_customer_gateway", "ip_address", []string{"string"}, `"bgp_asn":"65000"`},
	{"aws_instance", "source_dest_check", []string{"bool", "string"}, `"subnet_id":"subnet-1"`},
	{"aws_instance", "availability_zone", []string{"string"}, `"subnet_id":"subnet-1"`},
	{"aws_instance", "network_interface", []string{"list"}, `"subnet_id":"subnet-1"`},
	{"aws_cloudwatch_metric_alarm", "dimensions", []string{"object"}, `"namespace":"AWS/VPN","metric_name":"TunnelState"`},
	{"aws_cloudwatch_metric_alarm", "alarm_actions", []string{"list"}, `"namespace":"AWS/VPN","metric_name":"TunnelState"`},
	{"aws_vpn_connection", "tunnel1_inside_cidr", []string{"string"}, `"customer_gateway_id":"cgw-1","vpn_gateway_id":"vgw-1"`},
	{"aws_vpn_connection", "routes", []string{"list"}, `"customer_gateway_id":"cgw-1","vpn_gateway_id":"vgw-1"`},
	{"aws_vpn_connection", "static_routes_only", []string{"bool", "string"}, `"customer_gateway_id":"cgw-1","vpn_gateway_id":"vgw-1"`},
	{"aws_vpn_connection", "customer_gateway_id", []string{"string"}, `"vpn_gateway_id":"vgw-1"`},
	{"aws_dx_gateway_association", "allowed_prefixes", []string{"list"}, `"dx_gateway_id":"dxgw-1","associated_gateway_id":"vgw-1"`},
	{"aws_ec2_client_vpn_endpoint", "client_cidr_block", []string{"string"}, ``},
	{"aws_ec2_client_vpn_endpoint", "authentication_options", []string{"list"}, `"client_cidr_block":"10.100.0.0/22"`},
	{"aws_vpc_endpoint", "subnet_ids", []string{"list"}, `"vpc_id":"vpc-1","vpc_endpoint_type":"Interface"`},
	{"aws_vpc_endpoint", "vpc_endpoint_type", []string{"string"}, `"vpc_id":"vpc-1"`},
	{"aws_vpc_endpoint", "private_dns_enabled", []string{"bool", "string"}, `"vpc_id":"vpc-1"`},
}

// FuzzAttributeTypes gives an attribute the model reads any JSON value: a
// value of a type the schema could never give it must fail the load, and
// any error must be one line naming that resource and attribute. A wrong
// type never passes silently.
func FuzzAttributeTypes(f *testing.F) {
	for i := range attrKinds {
		for _, v := range []string{`null`, `""`, `"x"`, `"10.0.0.0/16"`, `"2001:db8::/32"`, `1`, `1.5`, `true`, `[]`,
			`["a"]`, `[null]`, `[{}]`, `{}`, `{"a":"b"}`, `{"a":1}`} {
			f.Add(uint16(i), []byte(v))
		}
	}
	f.Add(uint16(23), []byte(`[{"cidr_block":"10.0.0.0/8","transit_gateway_id":["tgw-1"]}]`))
	f.Add(uint16(25), []byte(`[{"from_port":"x","to_port":2,"protocol":"tcp","cidr_blocks":["::/0"],"security_groups":{}}]`))
	f.Fuzz(func(t *testing.T, which uint16, value []byte) {
		var v any
		if json.Unmarshal(value, &v) != nil {
			return
		}
		value, _ = json.Marshal(v) // compact: the fast decode and encoding/json agree on it
		tt := attrKinds[int(which)%len(attrKinds)]
		after := `{` + tt.base
		if tt.base != "" {
			after += ","
		}
		after += `"` + tt.attr + `":` + string(value) + `}`
		addr := tt.typ + ".x"
		_, err := Decode(rawPlan([4]string{addr, tt.typ, after, `{"id":true}`}))
		kind := ""
		switch v.(type) {
		case string:
			kind = "string"
		case float64:
			kind = "number"
		case bool:
			kind = "bool"
		case []any:
			kind = "list"
		case map[string]any:
			kind = "object"
		}
		if kind != "" && !slices.Contains(tt.kinds, kind) && err == nil {
			t.Fatalf("%s: %s as a %s (%s) loads without an error", addr, tt.attr, kind, value)
		}
		if err == nil {
			return
		}
		checkOneLine(t, err)
		if msg := err.Error(); !strings.HasPrefix(msg, addr+": "+tt.attr+":") && !strings.HasPrefix(msg, addr+": "+tt.attr+"[") {
			t.Fatalf("%s = %s: the error names another attribute: %s", tt.attr, value, msg)
		}
	})
}

// FuzzReferences keeps the JSON valid and varies what the loader parses
// itself: addresses, module paths, references and values.
func FuzzReferences(f *testing.F) {
	f.Add(`module.net["prod"]`, "aws_subnet.a[0]", `module.net["prod"].aws_vpc.this`, "aws_vpc.this.id", "10.0.0.0/16")
	f.Add("", "aws_route_table.r", "aws_vpc.v", "aws_vpc.v", "10.0.0.0/8")
	f.Add("module.a.module.b[1]", `aws_subnet.s["x.y"]`, "module.a.module.b[1].aws_vpc.v", "var.vpc_id", "fd00::/8")
	f.Add(`module.m["k"]`, "aws_subnet.s", "module.m.o", "module.m.o", "")
	f.Add("", "aws_subnet.s", "data.aws_vpc.d", "data.aws_vpc.d.id", "1.2.3.4/32")
	f.Fuzz(func(t *testing.T, module, subnet, vpc, reference, cidr string) {
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		addr := subnet
		if module != "" {
			addr = module + "." + subnet
		}
		doc := `{"format_version":"1.2","resource_changes":[
		  {"address":` + q(vpc) + `,"mode":"managed","type":"aws_vpc","change":{"actions":["create"],"after":{"cidr_block":` + q(cidr) + `},"after_unknown":{"id":true}}},
		  {"address":` + q(addr) + `,"module_address":` + q(module) + `,"mode":"managed","type":"aws_subnet","change":{"actions":["create"],"after":{},"after_unknown":{"vpc_id":true}}}],
		 "variables":{"vpc_id":{"value":` + q(cidr) + `}},
		 "configuration":{"provider_config":{"aws":{"expressions":{"region":{"references":[` + q(reference) + `]}}}},
		  "root_module":{"outputs":{"o":{"expression":{"references":[` + q(reference) + `]}}},
		   "resources":[{"address":"aws_subnet.s","mode":"managed","type":"aws_subnet","name":"s","provider_config_key":"aws",
		     "expressions":{"vpc_id":{"references":[` + q(reference) + `,` + q(vpc) + `]}},"for_each_expression":{"references":[` + q(reference) + `]}}],
		   "module_calls":{"m":{"expressions":{"vpc_id":{"references":[` + q(reference) + `]}},"module":{"outputs":{"o":{"expression":{"references":[` + q(reference) + `]}}}}}}}}}`
		n, err := Decode([]byte(doc))
		if err != nil {
			checkOneLine(t, err)
			return
		}
		checkIDs(t, n)
	})
}
