package aws

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/smithy-go"

	"github.com/netlint/netlint/internal/awsfake"
)

// TestLoadFollowsNextToken reads two pages from each pagination style: an EC2
// paginator, Direct Connect's hand-followed nextToken, CloudWatch's paginator
// over CBOR.
func TestLoadFollowsNextToken(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "paging")
	net := load(t, f, Options{})

	wantKeys(t, "vpcs", net.VPCs, "vpc-0page1000000000001", "vpc-0page1000000000002", "vpc-0page2000000000003")
	wantKeys(t, "dx connections", net.DXConnections, "dxcon-page1", "dxcon-page2")
	wantKeys(t, "alarms", net.Alarms,
		"arn:aws:cloudwatch:us-east-1:111122223333:alarm:tunnel-page-1",
		"arn:aws:cloudwatch:us-east-1:111122223333:alarm:tunnel-page-2")
	for _, svc := range [][2]string{{"ec2", "DescribeVpcs"}, {"directconnect", "DescribeConnections"}, {"monitoring", "DescribeAlarms"}} {
		var tokens []string
		for _, c := range f.Calls() {
			if c.Service == svc[0] && c.Action == svc[1] {
				tokens = append(tokens, c.Token)
			}
		}
		if !reflect.DeepEqual(tokens, []string{"", "page-2"}) {
			t.Errorf("%s:%s sent tokens %q, want a first call and one with page-2", svc[0], svc[1], tokens)
		}
	}
}

// TestLoadRetriesThrottlingAndServerErrors has each protocol answer once with a
// throttling code or a 5xx: the SDK's standard retryer must absorb them all.
func TestLoadRetriesThrottlingAndServerErrors(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	faults := []struct {
		match  string
		status int
		code   string
	}{
		{"*/*/sts/GetCallerIdentity", 500, "InternalFailure"},
		{"*/*/ec2/DescribeVpcs", 400, "RequestLimitExceeded"}, // a throttling code on a non-retryable status
		{"*/*/ec2/DescribeRouteTables", 503, "Unavailable"},
		{"*/*/directconnect/DescribeConnections", 400, "ThrottlingException"},
		{"*/*/cloudwatch/DescribeAlarms", 400, "Throttling"},
	}
	for _, flt := range faults {
		f.FailWith(flt.match, flt.status, flt.code, 1)
	}
	net := load(t, f, Options{})

	for _, flt := range faults {
		parts := strings.Split(flt.match, "/")
		svc := parts[2]
		if svc == "cloudwatch" {
			svc = "monitoring"
		}
		if n := f.Count("*", "*", svc, parts[3]); n != 2 {
			t.Errorf("%s:%s called %d times, want a failed try and its retry", parts[2], parts[3], n)
		}
	}
	if len(net.VPCs) != 2 || len(net.RouteTables) != 3 || len(net.DXConnections) != 3 || len(net.Alarms) != 4 {
		t.Errorf("after retries: %d VPCs, %d route tables, %d DX connections, %d alarms; want 2, 3, 3, 4",
			len(net.VPCs), len(net.RouteTables), len(net.DXConnections), len(net.Alarms))
	}
}

// TestLoadRecordsFailuresAndReadsTheRest denies one EC2 and one Direct Connect
// action in eu-west-1 and cuts every connection to ap-south-1: us-east-1 and the
// rest of eu-west-1 are still read, and each failure is reported once.
func TestLoadRecordsFailuresAndReadsTheRest(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	f.ServeDir(callerAccount, "eu-west-1", "euw1")
	f.FailWith("*/eu-west-1/ec2/DescribeVpnConnections", 403, "UnauthorizedOperation", -1)
	f.FailWith("*/eu-west-1/directconnect/DescribeConnections", 400, "AccessDeniedException", -1)
	f.HangUp("*/ap-south-1/*/*")

	net, err := loadErr(t, f, Options{Regions: []string{"us-east-1", "eu-west-1", "ap-south-1"}})
	var partial *PartialError
	if !errors.As(err, &partial) {
		t.Fatalf("Load error = %v, want a *PartialError", err)
	}
	if net == nil {
		t.Fatal("a partial read must still return the network it read")
	}

	type failure struct{ Account, Region, Service, Op, Reason string }
	var got []failure
	for _, e := range partial.Errors {
		got = append(got, failure{e.Account, e.Region, e.Service, e.Op, e.Reason()})
		if e.Err == nil {
			t.Errorf("%s has no cause", e.Op)
		}
	}
	want := []failure{
		{callerAccount, "ap-south-1", "cloudwatch", "DescribeAlarms", "request failed: EOF"},
		{callerAccount, "ap-south-1", "directconnect", "DescribeConnections", "request failed: EOF"},
		{callerAccount, "ap-south-1", "ec2", "DescribeVpcs", "request failed: EOF"},
		{callerAccount, "eu-west-1", "directconnect", "DescribeConnections", "AccessDeniedException"},
		{callerAccount, "eu-west-1", "ec2", "DescribeVpnConnections", "UnauthorizedOperation"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("failures:\n got %+v\nwant %+v", got, want)
	}

	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error spans lines: %q", msg)
	}
	wantMsg := "could not read: 111122223333/ap-south-1 cloudwatch:DescribeAlarms request failed: EOF; " +
		"111122223333/ap-south-1 directconnect:DescribeConnections request failed: EOF; " +
		"111122223333/ap-south-1 ec2:DescribeVpcs request failed: EOF; " +
		"111122223333/eu-west-1 directconnect:DescribeConnections AccessDeniedException; " +
		"111122223333/eu-west-1 ec2:DescribeVpnConnections UnauthorizedOperation"
	if msg != wantMsg {
		t.Errorf("error =\n%s\nwant\n%s", msg, wantMsg)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Error("errors.As cannot reach the AWS error inside the partial error")
	}

	// The unreachable region: each service stopped after its first failure.
	if n := f.Count("*", "ap-south-1", "ec2", "DescribeSubnets"); n != 0 {
		t.Errorf("ec2 in ap-south-1 was called again (%d DescribeSubnets) after the region proved unreachable", n)
	}
	// A denied action stops nothing else.
	if n := f.Count("*", "eu-west-1", "directconnect", "DescribeLags"); n != 1 {
		t.Errorf("DescribeLags in eu-west-1 called %d times, want 1 after the denied DescribeConnections", n)
	}
	if net.VPCs["vpc-0euw10000000000001"] == nil || net.SecurityGroups["sg-0euw10000000000001"] == nil {
		t.Error("eu-west-1 reads before and after the denied call are missing")
	}
	if net.VPNConnections["vpn-0euw1000000000001"] != nil {
		t.Error("a denied read produced data")
	}
	if net.VPNConnections["vpn-0hq0000000000001"] == nil || len(net.DXConnections) != 3 {
		t.Error("us-east-1 was not read in full")
	}
	if v := net.VPCs["vpc-0euw10000000000001"]; v.Region != "eu-west-1" || v.Account != callerAccount {
		t.Errorf("eu-west-1 VPC is labelled %s/%s", v.Account, v.Region)
	}
}

// TestLoadMarksUnreadLinksUnknown denies the per-item reads a link depends on:
// the elements stay, with the fields those reads would fill marked unknown, so
// rules stay silent rather than judge a half-read network.
func TestLoadMarksUnreadLinksUnknown(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	for _, op := range []string{"DescribeTransitGatewayVpcAttachments", "DescribeTransitGatewayPeeringAttachments",
		"GetTransitGatewayRouteTableAssociations", "DescribeClientVpnAuthorizationRules", "DescribeClientVpnRoutes"} {
		f.FailWith("*/*/ec2/"+op, 403, "UnauthorizedOperation", -1)
	}
	net, err := loadErr(t, f, Options{})
	var partial *PartialError
	if !errors.As(err, &partial) || len(partial.Errors) != 6 { // two route tables
		t.Fatalf("err = %v, want 6 failed reads", err)
	}
	vpcAtt := net.TGWAttachments["tgw-attach-0prodvpc0001"]
	if !reflect.DeepEqual(vpcAtt.Unknown, []string{"subnets", "appliance_mode"}) {
		t.Errorf("vpc attachment unknown = %v, want subnets, appliance_mode", vpcAtt.Unknown)
	}
	// The route table's associations are unknown, but the attachment reports its
	// own association; its propagations were read.
	if !vpcAtt.DefaultAssociation || !vpcAtt.DefaultPropagation {
		t.Errorf("default association/propagation = %v/%v, want true/true", vpcAtt.DefaultAssociation, vpcAtt.DefaultPropagation)
	}
	if p := net.TGWAttachments["tgw-attach-0peering0003"]; !p.IsUnknown("peer_region") || p.PeerRegion != "" {
		t.Errorf("peering attachment = %+v, want peer_region unknown", p)
	}
	if rt := net.TGWRouteTables["tgw-rtb-0hub0000default"]; !rt.IsUnknown("associations") || rt.IsUnknown("propagations") {
		t.Errorf("route table unknown = %v, want associations only", rt.Unknown)
	}
	c := net.ClientVPNEndpoints["cvpn-endpoint-0remote000000001"]
	if !c.IsUnknown("authorizations") || !c.IsUnknown("routes") || c.IsUnknown("associations") {
		t.Errorf("client vpn unknown = %v, want authorizations and routes", c.Unknown)
	}
	if c.Routes == nil || len(c.Routes) != 0 {
		t.Errorf("client vpn routes = %#v, want an empty list", c.Routes)
	}
}

func TestPartialErrorIsOneLine(t *testing.T) {
	var errs []ReadError
	for i := 0; i < 12; i++ {
		errs = append(errs, ReadError{Account: "111122223333", Region: fmt.Sprintf("r-%02d", i), Service: "ec2", Op: "DescribeVpcs",
			Err: &smithy.OperationError{ServiceID: "EC2", OperationName: "DescribeVpcs", Err: errors.New("something\nbroke  badly")}})
	}
	errs[0].Err = &smithy.GenericAPIError{Code: "UnauthorizedOperation", Message: "You are not authorized"}
	msg := (&PartialError{Errors: errs}).Error()
	if strings.Contains(msg, "\n") {
		t.Fatalf("message spans lines: %q", msg)
	}
	if !strings.HasPrefix(msg, "could not read: 111122223333/r-00 ec2:DescribeVpcs UnauthorizedOperation; 111122223333/r-01 ec2:DescribeVpcs operation error EC2: DescribeVpcs, something broke badly;") {
		t.Errorf("message = %q", msg)
	}
	if !strings.HasSuffix(msg, "111122223333/r-09 ec2:DescribeVpcs operation error EC2: DescribeVpcs, something broke badly; and 2 more") {
		t.Errorf("message does not end with the count of unlisted failures: %q", msg)
	}
	if got := (ReadError{Region: "us-east-1", Service: "sts", Op: "GetCallerIdentity", Err: errors.New("no credentials")}).Error(); got != "us-east-1 sts:GetCallerIdentity: no credentials" {
		t.Errorf("ReadError without account = %q", got)
	}
}

// TestLoadStopsWhenCanceled: a load canceled before it starts makes no call
// and returns a *PartialError (nothing was read) that still unwraps to the
// cancellation.
func TestLoadStopsWhenCanceled(t *testing.T) {
	f := awsfake.New(t)
	f.ServeDir(callerAccount, "us-east-1", "network")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	net, err := Load(ctx, Options{Config: f.Config("us-east-1"), RetryMaxBackoff: time.Millisecond})
	var partial *PartialError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &partial) || net == nil {
		t.Fatalf("err = %v, want a partial error of the cancellation", err)
	}
	if len(partial.Errors) != 1 || partial.Errors[0].Op != "GetCallerIdentity" || partial.Errors[0].Reason() != "canceled" {
		t.Errorf("failures = %v, want GetCallerIdentity canceled", partial.Errors)
	}
	if n := len(f.Calls()); n != 0 {
		t.Errorf("%d calls reached AWS after cancellation", n)
	}
}
