package terraform

import (
	"bufio"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rawPlan is a Terraform 1.9 plan of resource changes written as raw JSON,
// so that a test controls every value's JSON type. Each change is an
// address, its type, its after and its after_unknown (JSON texts).
func rawPlan(changes ...[4]string) []byte {
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[`)
	for i, c := range changes {
		if i > 0 {
			b.WriteString(",")
		}
		addr, _ := json.Marshal(c[0])
		// The change's mode, type and name agree with its address (when it
		// parses: a test of an address that does not gives its own).
		mode, typ, name := "managed", c[1], "x"
		if a, err := parseResourceAddr(c[0]); err == nil {
			mode, typ, name = a.mode, a.typ, a.name
		}
		unknown := c[3]
		if unknown == "" {
			unknown = `{}`
		}
		b.WriteString(`{"address":` + string(addr) + `,"mode":"` + mode + `","type":"` + typ + `","name":"` + name + `",` +
			`"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,` +
			`"after":` + c[2] + `,"after_unknown":` + unknown + `,"before_sensitive":false,"after_sensitive":{}}}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// decodeBoth decodes data with the fast decode and with encoding/json, and
// translates both documents: they must fail (or not) with the same error.
func decodeBoth(t *testing.T, data []byte) error {
	t.Helper()
	_, err := Decode(data)
	fast := fastDecode(data)
	if fast == nil {
		t.Fatalf("the fast decode gave up on %s", data)
	}
	ref, rerr := referenceDecode(data)
	if rerr != nil {
		t.Fatalf("encoding/json: %v", rerr)
	}
	_, ferr := translate(data, fast)
	_, refErr := translate(data, ref)
	if errString(ferr) != errString(refErr) || errString(ferr) != errString(err) {
		t.Errorf("the decode paths disagree:\n fast     %v\n fallback %v\n Decode   %v", ferr, refErr, err)
	}
	return err
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestWrongTypesAreErrors: an attribute the model reads with a value the
// provider's schema could never give it fails the load with one line naming
// the resource and the attribute, on both decode paths.
func TestWrongTypesAreErrors(t *testing.T) {
	vpcUnknown := `{"id":true,"arn":true}`
	tests := []struct {
		name   string
		change [4]string
		want   string
	}{
		{"cidr_block as a list", [4]string{"aws_vpc.main", "aws_vpc", `{"cidr_block":["10.0.0.0/16"]}`, vpcUnknown},
			`aws_vpc.main: cidr_block: want a string (an IPv4 CIDR), got a list`},
		{"cidr_block as an object", [4]string{"aws_vpc.main", "aws_vpc", `{"cidr_block":{"ip":"10.0.0.0","mask":16}}`, vpcUnknown},
			`aws_vpc.main: cidr_block: want a string (an IPv4 CIDR), got an object`},
		{"cidr_block as a number", [4]string{"aws_subnet.a", "aws_subnet", `{"cidr_block":10}`, `{"vpc_id":true}`},
			`aws_subnet.a: cidr_block: want a string (an IPv4 CIDR), got a number`},
		{"transit_gateway_id as an object", [4]string{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment",
			`{"transit_gateway_id":{"id":"tgw-1"},"vpc_id":"vpc-1","subnet_ids":["subnet-1"]}`, `{"id":true}`},
			`aws_ec2_transit_gateway_vpc_attachment.a: transit_gateway_id: want a string (an id), got an object`},
		{"subnet_ids as a string", [4]string{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment",
			`{"transit_gateway_id":"tgw-1","vpc_id":"vpc-1","subnet_ids":"subnet-1"}`, `{"id":true}`},
			`aws_ec2_transit_gateway_vpc_attachment.a: subnet_ids: want a list of strings (ids), got a string`},
		{"an id in subnet_ids as an object", [4]string{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment",
			`{"transit_gateway_id":"tgw-1","vpc_id":"vpc-1","subnet_ids":["subnet-1",{"id":"subnet-2"}]}`, `{"id":true}`},
			`aws_ec2_transit_gateway_vpc_attachment.a: subnet_ids[1]: want a string (an id), got an object`},
		{"tags as a list", [4]string{"aws_vpc.main", "aws_vpc", `{"cidr_block":"10.0.0.0/16","tags":["Name","main"]}`, vpcUnknown},
			`aws_vpc.main: tags: want an object of strings, got a list`},
		{"a tag value as a number", [4]string{"aws_vpc.main", "aws_vpc", `{"cidr_block":"10.0.0.0/16","tags":{"Name":"main"},"tags_all":{"Name":"main","CostCenter":42}}`, vpcUnknown},
			`aws_vpc.main: tags_all["CostCenter"]: want a string, got a number`},
		{"availability_zone as a number", [4]string{"aws_subnet.a", "aws_subnet", `{"cidr_block":"10.0.1.0/24","availability_zone":1}`, `{"vpc_id":true}`},
			`aws_subnet.a: availability_zone: want a string, got a number`},
		{"IPv6 range in an IPv4 attribute", [4]string{"aws_route.r", "aws_route", `{"route_table_id":"rtb-1","destination_cidr_block":"2001:db8::/32","gateway_id":"igw-1"}`, `{"id":true}`},
			`aws_route.r: destination_cidr_block: "2001:db8::/32" is an IPv6 range in an IPv4 attribute`},
		{"IPv6 range as a VPC's cidr_block", [4]string{"aws_vpc.main", "aws_vpc", `{"cidr_block":"fd00::/56"}`, vpcUnknown},
			`aws_vpc.main: cidr_block: "fd00::/56" is an IPv6 range in an IPv4 attribute`},
		{"IPv4 range in an IPv6 attribute", [4]string{"aws_subnet.a", "aws_subnet", `{"cidr_block":"10.0.1.0/24","ipv6_cidr_block":"10.0.2.0/24"}`, `{"vpc_id":true}`},
			`aws_subnet.a: ipv6_cidr_block: "10.0.2.0/24" is an IPv4 range in an IPv6 attribute`},
		{"IPv4 range in an inline route's ipv6_cidr_block", [4]string{"aws_route_table.r", "aws_route_table",
			`{"vpc_id":"vpc-1","route":[{"cidr_block":"","ipv6_cidr_block":"0.0.0.0/0","gateway_id":"igw-1"}]}`, `{"id":true}`},
			`aws_route_table.r: route[0].ipv6_cidr_block: "0.0.0.0/0" is an IPv4 range in an IPv6 attribute`},
		{"IPv6 range in a rule's cidr_ipv4", [4]string{"aws_vpc_security_group_ingress_rule.r", "aws_vpc_security_group_ingress_rule",
			`{"security_group_id":"sg-1","ip_protocol":"tcp","from_port":443,"to_port":443,"cidr_ipv4":"::/0"}`, `{"id":true}`},
			`aws_vpc_security_group_ingress_rule.r: cidr_ipv4: "::/0" is an IPv6 range in an IPv4 attribute`},
		{"empty CIDR where one is required", [4]string{"aws_ec2_transit_gateway_route.r", "aws_ec2_transit_gateway_route",
			`{"transit_gateway_route_table_id":"tgw-rtb-1","destination_cidr_block":"","transit_gateway_attachment_id":"tgw-attach-1","blackhole":false}`, `{"id":true}`},
			`aws_ec2_transit_gateway_route.r: destination_cidr_block: want a CIDR, got an empty string`},
		{"empty CIDR in a security group rule", [4]string{"aws_security_group_rule.r", "aws_security_group_rule",
			`{"type":"ingress","security_group_id":"sg-1","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["10.0.0.0/8",""]}`, `{"id":true}`},
			`aws_security_group_rule.r: cidr_blocks[1]: want a CIDR, got an empty string`},
		{"CIDR that does not parse", [4]string{"aws_subnet.a", "aws_subnet", `{"cidr_block":"10.0.1.0/33"}`, `{"vpc_id":true}`},
			`aws_subnet.a: cidr_block: "10.0.1.0/33" is not a valid CIDR`},
		{"address that does not parse", [4]string{"aws_vpc..main", "aws_vpc", `{"cidr_block":"10.0.0.0/16"}`, vpcUnknown},
			`address: "aws_vpc..main" is not a Terraform address: a name is missing`},
		{"module address instead of a resource", [4]string{"module.net", "aws_vpc", `{"cidr_block":"10.0.0.0/16"}`, vpcUnknown},
			`address: "module.net" is not a resource address`},
		{"security group ingress as an object", [4]string{"aws_security_group.s", "aws_security_group",
			`{"vpc_id":"vpc-1","ingress":{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}}`, `{"id":true}`},
			`aws_security_group.s: ingress: want a list of blocks, got an object`},
		{"a rule's port as a word", [4]string{"aws_security_group.s", "aws_security_group",
			`{"vpc_id":"vpc-1","ingress":[{"from_port":"ssh","to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}]}`, `{"id":true}`},
			`aws_security_group.s: ingress[0].from_port: want an integer, got "ssh"`},
		{"a rule's CIDR as a number", [4]string{"aws_security_group.s", "aws_security_group",
			`{"vpc_id":"vpc-1","egress":[{"from_port":0,"to_port":0,"protocol":"-1","cidr_blocks":[0]}]}`, `{"id":true}`},
			`aws_security_group.s: egress[0].cidr_blocks[0]: want a string (a CIDR), got a number`},
		{"bgp_asn as a list", [4]string{"aws_customer_gateway.c", "aws_customer_gateway", `{"bgp_asn":[65000],"ip_address":"198.51.100.1","type":"ipsec.1"}`, `{"id":true}`},
			`aws_customer_gateway.c: bgp_asn: want an integer, got a list`},
		{"source_dest_check as a word", [4]string{"aws_instance.i", "aws_instance", `{"instance_type":"t3.micro","subnet_id":"subnet-1","source_dest_check":"no"}`, `{"id":true}`},
			`aws_instance.i: source_dest_check: want a boolean, got "no"`},
		{"an inline route's target as an object", [4]string{"aws_route_table.r", "aws_route_table",
			`{"vpc_id":"vpc-1","route":[{"cidr_block":"10.0.0.0/8","transit_gateway_id":{"id":"tgw-1"}}]}`, `{"id":true}`},
			`aws_route_table.r: route[0].transit_gateway_id: want a string, got an object`},
		{"an alarm dimension as a number", [4]string{"aws_cloudwatch_metric_alarm.a", "aws_cloudwatch_metric_alarm",
			`{"namespace":"AWS/VPN","metric_name":"TunnelState","dimensions":{"VpnId":12}}`, `{"id":true}`},
			`aws_cloudwatch_metric_alarm.a: dimensions["VpnId"]: want a string, got a number`},
		{"tag values of the wrong type, the first named", [4]string{"aws_vpc.main", "aws_vpc",
			`{"cidr_block":"10.0.0.0/16","tags_all":{"b":[],"Name":"main","a":2,"c":{}}}`, vpcUnknown},
			`aws_vpc.main: tags_all["a"]: want a string, got a number`},
		{"address of a deleted resource", [4]string{"aws_vpc.main[prod]", "aws_vpc", `null`, `{}`},
			`address: "aws_vpc.main[prod]" is not a Terraform address: a key is not [number] or ["string"]`},
		{"a block element as a string", [4]string{"aws_route_table.r", "aws_route_table",
			`{"vpc_id":"vpc-1","route":["10.0.0.0/8"]}`, `{"id":true}`},
			`aws_route_table.r: route[0]: want an object (a block), got a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decodeBoth(t, rawPlan(tt.change))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got  %s\n want %s", err, tt.want)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// TestWrongTypesInStates: a state is held to the same types, and its
// resources' instance keys too.
func TestWrongTypesInStates(t *testing.T) {
	state := func(res string) []byte {
		return []byte(`{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{"resources":[` + res + `]}}}`)
	}
	tests := []struct{ name, res, want string }{
		{"index as a list", `{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","index":[0],"values":{"id":"vpc-1","cidr_block":"10.0.0.0/16"}}`,
			`aws_vpc.a: index: want a number or a string, got a list`},
		{"subnet_ids as an object", `{"address":"aws_ec2_transit_gateway_vpc_attachment.a","mode":"managed","type":"aws_ec2_transit_gateway_vpc_attachment","name":"a",` +
			`"values":{"id":"tgw-attach-1","transit_gateway_id":"tgw-1","vpc_id":"vpc-1","subnet_ids":{"a":"subnet-1"}}}`,
			`aws_ec2_transit_gateway_vpc_attachment.a: subnet_ids: want a list of strings (ids), got an object`},
		{"cidr_block_associations of a data source", `{"address":"data.aws_vpc.v","mode":"data","type":"aws_vpc","name":"v",` +
			`"values":{"id":"vpc-1","cidr_block":"10.0.0.0/16","cidr_block_associations":[{"cidr_block":"10.0.0.0/16"},{"cidr_block":"2001:db8::/56"}]}}`,
			`data.aws_vpc.v: cidr_block_associations[1].cidr_block: "2001:db8::/56" is an IPv6 range in an IPv4 attribute`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decodeBoth(t, state(tt.res))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got  %v\n want %s", err, tt.want)
			}
		})
	}
}

// TestRealShapesStayAccepted: what providers really write is no error: null
// for unset, "" for an unset optional string, [] and null for empty lists,
// numbers or strings for ASNs, unknown values (null in after, true in
// after_unknown), and anything in the resources of other providers.
func TestRealShapesStayAccepted(t *testing.T) {
	tests := []struct {
		name   string
		change [4]string
	}{
		{"null everywhere", [4]string{"aws_subnet.a", "aws_subnet",
			`{"cidr_block":null,"ipv6_cidr_block":null,"availability_zone":null,"tags":null,"tags_all":null,"vpc_id":null}`, `{"id":true}`}},
		{"empty optional strings", [4]string{"aws_subnet.a", "aws_subnet",
			`{"cidr_block":"","ipv6_cidr_block":"","availability_zone":"","availability_zone_id":"","vpc_id":"vpc-1"}`, `{"id":true}`}},
		{"empty lists", [4]string{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment",
			`{"transit_gateway_id":"tgw-1","vpc_id":"vpc-1","subnet_ids":[],"tags":{}}`, `{"id":true}`}},
		{"unknown values", [4]string{"aws_ec2_transit_gateway_vpc_attachment.a", "aws_ec2_transit_gateway_vpc_attachment",
			`{"subnet_ids":["subnet-1",null],"tags_all":{"Name":"a"}}`,
			`{"id":true,"transit_gateway_id":true,"vpc_id":true,"subnet_ids":[false,true],"tags_all":{"Owner":true}}`}},
		{"unknown CIDR and blocks", [4]string{"aws_vpc.main", "aws_vpc", `{"tags":{"Name":"main"}}`,
			`{"id":true,"cidr_block":true,"ipv6_cidr_block":true,"cidr_block_associations":true}`}},
		{"an inline route to an IPv6 destination", [4]string{"aws_route_table.r", "aws_route_table",
			`{"vpc_id":"vpc-1","route":[{"cidr_block":"","ipv6_cidr_block":"::/0","egress_only_gateway_id":"eigw-1","gateway_id":""}]}`, `{"id":true}`}},
		{"ASN as a string and as a number", [4]string{"aws_customer_gateway.c", "aws_customer_gateway",
			`{"bgp_asn":"65000","bgp_asn_extended":"","ip_address":"198.51.100.1","type":"ipsec.1"}`, `{"id":true}`}},
		{"ASN as a number", [4]string{"aws_customer_gateway.c", "aws_customer_gateway",
			`{"bgp_asn":65000,"ip_address":"198.51.100.1","type":"ipsec.1"}`, `{"id":true}`}},
		{"a boolean as a string", [4]string{"aws_instance.i", "aws_instance", `{"source_dest_check":"false"}`, `{"id":true}`}},
		{"a TGW route to an IPv6 range", [4]string{"aws_ec2_transit_gateway_route.r", "aws_ec2_transit_gateway_route",
			`{"transit_gateway_route_table_id":"tgw-rtb-1","destination_cidr_block":"2001:db8::/32","blackhole":true}`, `{"id":true}`}},
		{"another provider's odd values", [4]string{"random_integer.n", "random_integer", `{"id":7,"arn":["x"],"tags":"t"}`, `{"id":"yes"}`}},
		{"after_unknown as Terraform writes it", [4]string{"aws_security_group.s", "aws_security_group",
			`{"vpc_id":"vpc-1","ingress":[{"from_port":1,"to_port":2,"protocol":"tcp","cidr_blocks":["10.0.0.0/8",null],"security_groups":[]}],"egress":[],"tags":null}`,
			`{"id":true,"arn":true,"ingress":[{"cidr_blocks":[false,true],"security_groups":[]}],"egress":[],"tags_all":true,"owner_id":true}`}},
		{"after_unknown false (nothing unknown)", [4]string{"aws_vpc.a", "aws_vpc", `{"cidr_block":"10.0.0.0/16","id":"vpc-1"}`, `false`}},
		{"IP addresses of both families", [4]string{"aws_customer_gateway.c", "aws_customer_gateway",
			`{"bgp_asn":"65000","ip_address":"2001:db8::1","type":"ipsec.1"}`, `{"id":true}`}},
		{"an unset public IP", [4]string{"aws_instance.i", "aws_instance", `{"public_ip":"","subnet_id":"subnet-1"}`, `{"id":true}`}},
		{"bandwidths", [4]string{"aws_dx_connection.c", "aws_dx_connection", `{"bandwidth":"500Mbps","location":"EqDC2"}`, `{"id":true}`}},
		{"an egress rule", [4]string{"aws_security_group_rule.r", "aws_security_group_rule",
			`{"type":"egress","security_group_id":"sg-1","protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"]}`, `{"id":true}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := decodeBoth(t, rawPlan(tt.change)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// hostileDir holds small plans and states that each carry one value the
// provider's schema (or Terraform's JSON format) could never produce;
// expect.txt gives each file's exit code and a substring of its error.
const hostileDir = "../../testdata/hostile/plan"

type hostileExpect struct {
	exit int
	want string
}

// readExpect parses expect.txt: `FILE EXIT SUBSTRING` per line, '#' comments.
func readExpect(t *testing.T) map[string]hostileExpect {
	t.Helper()
	f, err := os.Open(filepath.Join(hostileDir, "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]hostileExpect{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) != 3 || (fields[1] != "0" && fields[1] != "2") || strings.TrimSpace(fields[2]) == "" {
			t.Fatalf("expect.txt: %q: want FILE EXIT SUBSTRING", line)
		}
		if _, dup := out[fields[0]]; dup {
			t.Fatalf("expect.txt lists %s twice", fields[0])
		}
		out[fields[0]] = hostileExpect{exit: int(fields[1][0] - '0'), want: strings.TrimSpace(fields[2])}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHostilePlansFailWithOneLine loads each hostile file through Load, the
// entry netlint check uses, and holds its error to what netlint prints:
// "FILE: " and one line that names the resource and the attribute.
func TestHostilePlansFailWithOneLine(t *testing.T) {
	expect := readExpect(t)
	files, _ := filepath.Glob(filepath.Join(hostileDir, "*.json"))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	listed := slices.Sorted(maps.Keys(expect))
	if !slices.Equal(names, listed) {
		t.Fatalf("files %v, expect.txt lists %v", names, listed)
	}
	if len(names) < 40 {
		t.Fatalf("only %d hostile plans", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(hostileDir, name)
			_, err := Load(path)
			want := expect[name]
			if want.exit == 0 {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") || strings.Contains(msg, name) {
				t.Errorf("want one line without the file name (the caller adds it), got %q", msg)
			}
			if line := name + ": " + msg; !strings.Contains(line, name+": "+want.want) {
				t.Errorf("error %q does not say %q", line, want.want)
			}
			var ae *attrError
			var se shapeError
			if !errors.As(err, &ae) && !errors.As(err, &se) && !strings.HasPrefix(msg, "address: ") {
				t.Errorf("neither an attribute, a shape nor an address error: %q", msg)
			}
			data, rerr := os.ReadFile(path)
			if rerr != nil {
				t.Fatal(rerr)
			}
			decodeBoth(t, data)
		})
	}
}
