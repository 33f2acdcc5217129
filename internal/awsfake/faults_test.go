package awsfake

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// TestHangNeverAnswers: a hanging call holds the request until the client
// gives up; the next call (times 1) is answered.
func TestHangNeverAnswers(t *testing.T) {
	s := New(t)
	s.ServeDir(CallerAccount, "us-east-1", "network")
	s.Hang("*/*/ec2/DescribeVpcs", 1)
	client := ec2.NewFromConfig(noRetry(s.Config("us-east-1")))

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hanging call: err = %v, want the client's deadline", err)
	}
	if d := time.Since(start); d < 200*time.Millisecond || d > 5*time.Second {
		t.Errorf("the hanging call ended after %s", d)
	}
	if out, err := client.DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{}); err != nil || len(out.Vpcs) != 2 {
		t.Errorf("after the hang: %v", err)
	}
}

// TestThrottleUsesEachServicesCode answers with each protocol's throttling
// error.
func TestThrottleUsesEachServicesCode(t *testing.T) {
	s := New(t)
	s.Throttle("*/*/*/*", -1)
	cfg := noRetry(s.Config("us-east-1"))
	ctx := context.Background()
	code := func(err error) string {
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) {
			return apiErr.ErrorCode()
		}
		return ""
	}
	_, err := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if code(err) != "RequestLimitExceeded" {
		t.Errorf("ec2: %v", err)
	}
	_, err = directconnect.NewFromConfig(cfg).DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	if code(err) != "ThrottlingException" {
		t.Errorf("directconnect: %v", err)
	}
	_, err = cloudwatch.NewFromConfig(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	if code(err) != "Throttling" {
		t.Errorf("cloudwatch: %v", err)
	}
}

// TestGarbleAnswersRawBodies sends the body unchanged, in the protocol's
// content type.
func TestGarbleAnswersRawBodies(t *testing.T) {
	s := New(t)
	s.Garble("*/*/cloudwatch/DescribeAlarms", "not cbor", 1)
	s.Garble("*/*/directconnect/DescribeConnections", `{"connections": "oops"}`, 1)
	cfg := noRetry(s.Config("us-east-1"))
	ctx := context.Background()
	if _, err := cloudwatch.NewFromConfig(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{}); err == nil {
		t.Error("cloudwatch took a garbled body")
	}
	_, err := directconnect.NewFromConfig(cfg).DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
	var de *smithy.DeserializationError
	if !errors.As(err, &de) {
		t.Errorf("directconnect: err = %v, want a deserialization error", err)
	}
	if got := s.Actions(); strings.Join(got, ",") != "cloudwatch:DescribeAlarms,directconnect:DescribeConnections" {
		t.Errorf("actions = %v", got)
	}
}

// TestAnswerSendsItAsItIs: status, content type and body reach the client
// unchanged, once.
func TestAnswerSendsItAsItIs(t *testing.T) {
	s := New(t)
	s.ServeDir(CallerAccount, "us-east-1", "network")
	s.Answer("*/*/ec2/DescribeVpcs", 502, "text/html", "<html>Bad Gateway</html>", 1)
	client := ec2.NewFromConfig(noRetry(s.Config("us-east-1")))
	_, err := client.DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != 502 || re.Response.Header.Get("Content-Type") != "text/html" {
		t.Fatalf("err = %v, want an HTTP 502 text/html answer", err)
	}
	if out, err := client.DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{}); err != nil || len(out.Vpcs) != 2 {
		t.Errorf("after the answer: %v", err)
	}
}

// TestResetCutsTheConnection: the client sees a connection reset, not an
// answer and not an orderly close.
func TestResetCutsTheConnection(t *testing.T) {
	s := New(t)
	s.Reset("*/*/ec2/DescribeVpcs", -1)
	_, err := ec2.NewFromConfig(noRetry(s.Config("us-east-1"))).DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
	if err == nil || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("err = %v, want a connection reset", err)
	}
}

// TestDripTricklesTheBody: the headers come at once, the body a byte per
// interval; a client that waits gets the whole document.
func TestDripTricklesTheBody(t *testing.T) {
	s := New(t)
	const doc = `<DescribeVpcsResponse><vpcSet/></DescribeVpcsResponse>`
	s.Drip("*/*/ec2/DescribeVpcs", doc, 5*time.Millisecond, 1)
	req, _ := http.NewRequest("POST", s.URL(), strings.NewReader("Action=DescribeVpcs&Version=2016-11-15"))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID"+CallerAccount+"/20260101/us-east-1/ec2/aws4_request")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if d := time.Since(start); resp.StatusCode != 200 || d > time.Duration(len(doc))*5*time.Millisecond/4 {
		t.Errorf("status %d after %s; want 200 at once", resp.StatusCode, d)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil || string(body) != doc {
		t.Fatalf("body %q, %v", body, err)
	}
	if d := time.Since(start); d < time.Duration(len(doc))*5*time.Millisecond*3/4 {
		t.Errorf("the %d-byte body came in %s, faster than a byte per 5ms", len(doc), d)
	}
}

// TestHugeSendsSizeBytes: a huge answer is exactly size bytes of a document
// that never closes, or goes on until the client stops reading.
func TestHugeSendsSizeBytes(t *testing.T) {
	s := New(t)
	s.Huge("*/*/ec2/DescribeVpcs", 3<<20, 1)
	s.Huge("*/*/ec2/DescribeSubnets", -1, 1)
	cfg := noRetry(s.Config("us-east-1"))
	var n int64
	count := func(st *middleware.Stack) error {
		return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("Count",
			func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
				out, md, err := next.HandleDeserialize(ctx, in)
				if resp, ok := out.RawResponse.(*smithyhttp.Response); ok {
					head := make([]byte, 22)
					k, _ := io.ReadFull(resp.Body, head)
					if string(head[:k]) != "<DescribeVpcsResponse>" {
						t.Errorf("body starts %q", head[:k])
					}
					rest, _ := io.Copy(io.Discard, resp.Body)
					n = int64(k) + rest
				}
				return out, md, err
			}), middleware.After)
	}
	_, _ = ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.APIOptions = append(o.APIOptions, count) }).
		DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
	if n != 3<<20 {
		t.Errorf("huge body of %d bytes, want %d", n, 3<<20)
	}

	// Without end: the body goes on past any size a client would read.
	req, _ := http.NewRequest("POST", s.URL(), strings.NewReader("Action=DescribeSubnets&Version=2016-11-15"))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID"+CallerAccount+"/20260101/us-east-1/ec2/aws4_request")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got, err := io.CopyN(io.Discard, resp.Body, 16<<20); got != 16<<20 {
		t.Errorf("endless body ended after %d bytes: %v", got, err)
	}
}
