package aws

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netlint/netlint/internal/awsfake"
	"github.com/netlint/netlint/reach"
)

const (
	accountA = "111122223333"
	accountB = "444455556666"
	roleA    = "arn:aws:iam::111122223333:role/netlint-audit"
	roleB    = "arn:aws:iam::444455556666:role/netlint-audit"
)

// TestLoadAssumesOneRolePerAccountInEveryRegion audits two accounts through
// their roles, in every region each has enabled. A peering between them is read
// from both sides and becomes one element linking both VPCs.
func TestLoadAssumesOneRolePerAccountInEveryRegion(t *testing.T) {
	f := awsfake.New(t)
	f.SetRegions(accountA, "eu-west-1", "us-east-1")
	f.SetRegions(accountB, "us-east-1")
	f.ServeDir(accountA, "us-east-1", "multi/a-use1")
	f.ServeDir(accountA, "eu-west-1", "multi/a-euw1")
	f.ServeDir(accountB, "us-east-1", "multi/b-use1")

	var mu sync.Mutex
	var seen []Step
	net := load(t, f, Options{
		Config:      f.ConfigFor("999988887777", "us-east-1"), // the caller lives in a third account
		Regions:     []string{"all"},
		RoleARNs:    []string{roleA, roleB},
		Concurrency: 2,
		Progress: func(s Step) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, s)
		},
	})

	wantKeys(t, "vpcs", net.VPCs, "vpc-0aaa0euw10000000001", "vpc-0aaa0use10000000001", "vpc-0bbb0use10000000001")
	for id, want := range map[string]string{
		"vpc-0aaa0euw10000000001": accountA + "/eu-west-1",
		"vpc-0aaa0use10000000001": accountA + "/us-east-1",
		"vpc-0bbb0use10000000001": accountB + "/us-east-1",
	} {
		if v := net.VPCs[id]; v.Account+"/"+v.Region != want {
			t.Errorf("%s is labelled %s/%s, want %s", id, v.Account, v.Region, want)
		}
	}
	wantKeys(t, "peerings", net.Peerings, "pcx-0ab0000000000001")
	p := net.Peerings["pcx-0ab0000000000001"]
	if p.RequesterVPC != "vpc-0aaa0use10000000001" || p.AccepterVPC != "vpc-0bbb0use10000000001" || p.Account != accountA || p.PeerAccount != accountB {
		t.Errorf("peering = %+v", p)
	}
	// Both VPCs are read, so the peering joins the two model VPCs themselves:
	// no side needs a network of its own from the peering's reported CIDRs.
	reach.Derive(net)
	for id := range net.Derived.AddressNetworks {
		if strings.HasPrefix(id, "peer:pcx-0ab0000000000001:") {
			t.Errorf("peering side %s stands apart from the read VPCs", id)
		}
	}

	// Roles: one AssumeRole each, with the caller's keys; every read signed with
	// the assumed keys of the account it reads.
	var assumed []string
	for _, c := range f.Calls() {
		switch {
		case c.Service == "sts" && c.Action == "AssumeRole":
			assumed = append(assumed, c.Form.Get("RoleArn"))
			if c.Key != "AKID999988887777" || c.Form.Get("RoleSessionName") != "netlint" {
				t.Errorf("AssumeRole signed with %s, session %q", c.Key, c.Form.Get("RoleSessionName"))
			}
		case c.Service != "sts" && c.Key != "ASIA"+c.Account:
			t.Errorf("%s:%s in %s signed with %s, not the assumed role's keys", c.Service, c.Action, c.Account, c.Key)
		}
	}
	sort.Strings(assumed)
	if !reflect.DeepEqual(assumed, []string{roleA, roleB}) {
		t.Errorf("assumed %v, want each role once", assumed)
	}
	if n := f.Count("*", "*", "ec2", "DescribeRegions"); n != 2 {
		t.Errorf("DescribeRegions called %d times, want once per account", n)
	}
	// DX gateways are global: read once per account.
	if n := f.Count(accountA, "*", "directconnect", "DescribeDirectConnectGateways"); n != 1 {
		t.Errorf("account A read its DX gateways %d times, want 1", n)
	}

	// Calls are serialized, so done counts up in call order: one step per
	// service (ec2, directconnect, cloudwatch) of each account and region, the
	// three of a unit in that order.
	var labels []string
	last := map[string]string{}
	for i, s := range seen {
		if s.Done != i+1 || s.Total != 9 {
			t.Errorf("progress step %d = %d/%d, want %d/9", i, s.Done, s.Total, i+1)
		}
		unit := s.Account + "/" + s.Region
		want := map[string]string{"": "ec2", "ec2": "directconnect", "directconnect": "cloudwatch"}[last[unit]]
		if s.Service != want {
			t.Errorf("progress step %d: %s %s after %q, want %s", i, unit, s.Service, last[unit], want)
		}
		last[unit] = s.Service
		labels = append(labels, s.Label())
		if strings.ContainsAny(s.String(), "\r\n\x1b") {
			t.Errorf("progress line %q is not one plain line", s.String())
		}
	}
	sort.Strings(labels)
	var want []string
	for _, u := range []string{accountA + "/eu-west-1", accountA + "/us-east-1", accountB + "/us-east-1"} {
		for _, svc := range []string{"cloudwatch", "directconnect", "ec2"} {
			want = append(want, u+" "+svc)
		}
	}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("progress labels %v, want %v", labels, want)
	}
	// Each step counts what it read.
	for _, s := range seen {
		if s.Account == accountA && s.Region == "us-east-1" && s.Service == "ec2" {
			if len(s.Counts) == 0 || s.Counts[0].Plural != "VPCs" || s.Counts[0].N != 1 {
				t.Errorf("account A us-east-1 ec2 step counts %v, want 1 VPC first", s.Counts)
			}
			if got := s.String(); !strings.HasPrefix(got, accountA+"/us-east-1 ec2: 1 VPC, ") || !strings.HasSuffix(got, "s)") {
				t.Errorf("step line = %q", got)
			}
		}
	}
}

// TestLoadReportsAnAccountItCannotEnter refuses one role: the other account is
// still read, and the refused one is named in the error.
func TestLoadReportsAnAccountItCannotEnter(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(accountA, "us-east-1", "multi/a-use1")
	f.ServeDir(accountB, "us-east-1", "multi/b-use1")
	f.FailIf("*/*/sts/AssumeRole", func(c awsfake.Call) bool { return c.Form.Get("RoleArn") == roleB }, 403, "AccessDenied", -1)

	net, err := loadErr(t, f, Options{Config: f.ConfigFor("999988887777", "us-east-1"), RoleARNs: []string{roleA, roleB}})
	var partial *PartialError
	if !errors.As(err, &partial) || len(partial.Errors) != 1 {
		t.Fatalf("err = %v, want one failed account", err)
	}
	e := partial.Errors[0]
	if e.Account != accountB || e.Region != "us-east-1" || e.Service != "sts" || e.Op != "AssumeRole" || e.Reason() != "AccessDenied" {
		t.Errorf("failure = %s (reason %s)", e, e.Reason())
	}
	if !strings.Contains(e.Error(), roleB) {
		t.Errorf("failure does not name the role: %s", e)
	}
	wantKeys(t, "vpcs", net.VPCs, "vpc-0aaa0use10000000001")
	if n := f.Count(accountB, "*", "ec2", "DescribeVpcs"); n != 0 {
		t.Errorf("account B was read %d times without its role", n)
	}
}

// TestLoadKeepsPeerCIDRsOfAnUnreadAccount replays a real cross-account peering
// (Cloud Custodian recording): neither VPC is read, yet the model knows both
// sides' ranges, so overlap checks can still see them.
func TestLoadKeepsPeerCIDRsOfAnUnreadAccount(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "peering-c7n")
	net := load(t, f, Options{})

	wantJSON(t, "peering", net.Peerings["pcx-f368979b"], `{"id":"pcx-f368979b","type":"aws_vpc_peering_connection",
		"address":"pcx-f368979b","aws_id":"pcx-f368979b","region":"us-east-1","account":"185106417252",
		"requester_vpc":"vpc-0202e27b","accepter_vpc":"vpc-7af45101","peer_region":"us-east-1",
		"peer_account":"644160558196","status":"active",
		"requester_cidrs":["172.31.0.0/16"],"accepter_cidrs":["10.0.16.0/24"]}`)
	reach.Derive(net)
	a := net.Derived.AddressNetworks["peer:pcx-f368979b:accepter"]
	if a == nil || !reflect.DeepEqual(a.CIDRs, []string{"10.0.16.0/24"}) {
		t.Errorf("derived accepter network = %+v, want 10.0.16.0/24 from the peering's CIDRs", a)
	}
}

// TestLoadHonoursAWSEndpointURL uses the default configuration chain with
// AWS_ENDPOINT_URL for every service and AWS_ENDPOINT_URL_EC2 for EC2 alone,
// as a user pointing netlint at an EC2-compatible endpoint would.
func TestLoadHonoursAWSEndpointURL(t *testing.T) {
	general := awsfake.New(t)
	ec2Only := awsfake.New(t)
	ec2Only.ServeDir(callerAccount, "eu-central-1", "paging")

	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            general.URL(),
		"AWS_ENDPOINT_URL_EC2":        ec2Only.URL(),
		"AWS_ACCESS_KEY_ID":           "AKID" + callerAccount,
		"AWS_SECRET_ACCESS_KEY":       "secret",
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "eu-central-1",
		"AWS_DEFAULT_REGION":          "",
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_RETRY_MODE":              "",
		"AWS_MAX_ATTEMPTS":            "",
		// Settings that would send the calls elsewhere.
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "",
		"AWS_USE_FIPS_ENDPOINT":               "",
		"AWS_USE_DUALSTACK_ENDPOINT":          "",
		"AWS_ROLE_ARN":                        "",
		"AWS_WEB_IDENTITY_TOKEN_FILE":         "",
	} {
		t.Setenv(k, v)
		if v == "" {
			os.Unsetenv(k)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	net, err := Load(ctx, Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	wantKeys(t, "vpcs", net.VPCs, "vpc-0page1000000000001", "vpc-0page1000000000002", "vpc-0page2000000000003")
	if v := net.VPCs["vpc-0page1000000000001"]; v.Region != "eu-central-1" {
		t.Errorf("region = %s, want AWS_REGION's eu-central-1", v.Region)
	}
	for _, c := range general.Calls() {
		if c.Service == "ec2" {
			t.Errorf("ec2:%s went to AWS_ENDPOINT_URL, not AWS_ENDPOINT_URL_EC2", c.Action)
		}
	}
	for _, c := range ec2Only.Calls() {
		if c.Service != "ec2" {
			t.Errorf("%s:%s went to AWS_ENDPOINT_URL_EC2", c.Service, c.Action)
		}
	}
	if general.Count("*", "eu-central-1", "sts", "GetCallerIdentity") != 1 || general.Count("*", "*", "directconnect", "DescribeConnections") != 1 ||
		general.Count("*", "*", "monitoring", "DescribeAlarms") != 1 {
		t.Error("STS, Direct Connect and CloudWatch did not reach AWS_ENDPOINT_URL")
	}
}

// TestLoadRecordsTGWPeeringAsItsRequesterSeesIt reads a cross-region TGW
// peering from its accepter's region alone, then from both regions: both reads
// give the same links, to the requester TGW whether or not it was read. Only
// with the requester's TGW read is its default-table membership known.
func TestLoadRecordsTGWPeeringAsItsRequesterSeesIt(t *testing.T) {
	const want = `{"id":"tgw-attach-0crossregion01","type":"aws_ec2_transit_gateway_peering_attachment",
		"address":"tgw-attach-0crossregion01","aws_id":"tgw-attach-0crossregion01","region":"us-east-1","account":"111122223333",
		%s"kind":"peering","transit_gateway":"tgw-0use10000000000001","peer_transit_gateway":"tgw-0euw10000000000001",
		"peer_region":"eu-west-1","peer_account":"111122223333","default_association":false,"default_propagation":false}`
	for _, tc := range []struct {
		regions []string
		unknown string
	}{
		{[]string{"eu-west-1"}, `"unknown":["default_association","default_propagation"],`},
		{[]string{"eu-west-1", "us-east-1"}, ""},
	} {
		t.Run(strings.Join(tc.regions, "+"), func(t *testing.T) {
			f := awsfake.New(t)
			f.ServeDir(callerAccount, "us-east-1", "tgw-peering/use1")
			f.ServeDir(callerAccount, "eu-west-1", "tgw-peering/euw1")
			net := load(t, f, Options{Regions: tc.regions})
			wantJSON(t, "peering attachment", net.TGWAttachments["tgw-attach-0crossregion01"], fmt.Sprintf(want, tc.unknown))
			if len(net.TransitGateways) != len(tc.regions) {
				t.Errorf("%d transit gateways, want %d", len(net.TransitGateways), len(tc.regions))
			}
		})
	}
}
