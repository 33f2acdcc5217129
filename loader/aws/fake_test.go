package aws

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/encoding/cbor"
)

// fakeAWS is a local endpoint for every service the loader calls. It speaks each
// service's real wire protocol, so the tests drive the real SDK: the EC2 Query
// protocol (XML), STS's AWS Query protocol (XML), Direct Connect's JSON 1.1
// protocol (X-Amz-Target) and CloudWatch's Smithy RPC v2 CBOR protocol.
//
// It tells accounts apart by the signing access key (AKID<account> for the
// caller, ASIA<account> for assumed roles) and regions by the SigV4 credential
// scope, and answers from testdata/aws/<dir>/<service>/<Action>[.<id>][.<token>]
// for the directory each account/region is mapped to. A missing file is an empty
// answer, except for a page token, which must have its page.
type fakeAWS struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	dirs    map[string]string   // "account/region" -> fixture dir
	regions map[string][]string // account -> DescribeRegions answer
	inline  map[string]string   // "account/region/service/Action[.variant]" -> body ("*" matches any account/region)
	faults  []*fault
	calls   []call
}

type call struct {
	// Key is the access key that signed the call: AKID... for the caller's own
	// credentials, ASIA... for an assumed role.
	Key                              string
	Account, Region, Service, Action string
	// ID is the resource the call is about (route table, endpoint, gateway).
	ID, Token string
	Form      url.Values
}

type fault struct {
	match  string // "account/region/service/Action"; "*" matches any part
	when   func(call) bool
	status int
	code   string
	times  int // <0: always
	hangup bool
}

const callerAccount = "111122223333"

func newFake(t *testing.T) *fakeAWS {
	t.Helper()
	f := &fakeAWS{t: t, dirs: map[string]string{}, regions: map[string][]string{}, inline: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	// Every test proves the loader stays read-only.
	t.Cleanup(func() {
		for _, a := range f.actions() {
			if !readOnlyAction(a) {
				t.Errorf("the loader called %s, which is not a read-only action", a)
			}
		}
	})
	return f
}

// serveDir answers account/region from testdata/aws/dir.
func (f *fakeAWS) serveDir(account, region, dir string) { f.dirs[account+"/"+region] = dir }

// failWith makes matching calls fail with an AWS error code, times times (<0: always).
func (f *fakeAWS) failWith(match string, status int, code string, times int) {
	f.faults = append(f.faults, &fault{match: match, status: status, code: code, times: times})
}

// failIf is failWith for the calls when accepts.
func (f *fakeAWS) failIf(match string, when func(call) bool, status int, code string, times int) {
	f.faults = append(f.faults, &fault{match: match, when: when, status: status, code: code, times: times})
}

// hangUp makes matching calls lose their connection, as an unreachable region does.
func (f *fakeAWS) hangUp(match string) {
	f.faults = append(f.faults, &fault{match: match, times: -1, hangup: true})
}

// config is the aws.Config a test passes as Options.Config: the caller's static
// credentials and this server as every service's endpoint.
func (f *fakeAWS) config(region string) *awssdk.Config {
	return f.configFor(callerAccount, region)
}

// configFor is config for a caller in another account.
func (f *fakeAWS) configFor(account, region string) *awssdk.Config {
	return &awssdk.Config{
		Region:       region,
		Credentials:  awssdk.CredentialsProviderFunc(staticCreds("AKID" + account)),
		BaseEndpoint: awssdk.String(f.srv.URL),
	}
}

func staticCreds(key string) func(context.Context) (awssdk.Credentials, error) {
	return func(context.Context) (awssdk.Credentials, error) {
		return awssdk.Credentials{AccessKeyID: key, SecretAccessKey: "secret", Source: "test"}, nil
	}
}

func (f *fakeAWS) recorded() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// actions returns the IAM actions called, sorted and unique.
func (f *fakeAWS) actions() []string {
	set := map[string]bool{}
	for _, c := range f.recorded() {
		set[iamPrefix(c.Service)+":"+c.Action] = true
	}
	var out []string
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// count returns how many calls of service:Action reached account/region ("*" = any).
func (f *fakeAWS) count(account, region, service, action string) int {
	n := 0
	for _, c := range f.recorded() {
		if (account == "*" || c.Account == account) && (region == "*" || c.Region == region) &&
			c.Service == service && c.Action == action {
			n++
		}
	}
	return n
}

func iamPrefix(signingName string) string {
	if signingName == "monitoring" {
		return "cloudwatch"
	}
	return signingName
}

var credScope = regexp.MustCompile(`Credential=([^/]+)/\d+/([^/]+)/([^/]+)/aws4_request`)

func (f *fakeAWS) serve(w http.ResponseWriter, r *http.Request) {
	m := credScope.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		f.t.Errorf("unsigned request %s %s", r.Method, r.URL)
		http.Error(w, "unsigned", http.StatusForbidden)
		return
	}
	key, region, service := m[1], m[2], m[3]
	c := call{Key: key, Account: key[len(key)-12:], Region: region, Service: service}
	body, _ := io.ReadAll(r.Body)

	switch service {
	case "ec2", "sts":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			f.t.Errorf("bad form body: %v", err)
		}
		c.Form = form
		c.Action = form.Get("Action")
		c.Token = form.Get("NextToken")
		c.ID = firstOf(form.Get("TransitGatewayRouteTableId"), form.Get("ClientVpnEndpointId"))
	case "directconnect":
		c.Action = strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "OvertureService.")
		var in struct {
			NextToken              string `json:"nextToken"`
			DirectConnectGatewayID string `json:"directConnectGatewayId"`
		}
		_ = json.Unmarshal(body, &in)
		c.Token, c.ID = in.NextToken, in.DirectConnectGatewayID
	case "monitoring":
		c.Action = r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		if v, err := cbor.Decode(body); err == nil && len(body) > 0 {
			if mm, ok := v.(cbor.Map); ok {
				if tok, ok := mm["NextToken"].(cbor.String); ok {
					c.Token = string(tok)
				}
			}
		}
	default:
		f.t.Errorf("request for unexpected service %q", service)
	}

	f.mu.Lock()
	f.calls = append(f.calls, c)
	flt := f.fault(c)
	f.mu.Unlock()

	if flt != nil {
		if flt.hangup {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		f.writeError(w, service, flt.status, flt.code)
		return
	}

	switch {
	case service == "sts":
		f.serveSTS(w, c)
	case service == "ec2" && c.Action == "DescribeRegions":
		f.serveRegions(w, c)
	default:
		f.serveFixture(w, c)
	}
}

// fault returns the first fault matching c that still applies (mu held).
func (f *fakeAWS) fault(c call) *fault {
	parts := []string{c.Account, c.Region, c.Service, c.Action}
	for _, flt := range f.faults {
		want := strings.Split(flt.match, "/")
		ok := len(want) == 4
		for i := 0; ok && i < 4; i++ {
			ok = want[i] == "*" || want[i] == parts[i] || (i == 2 && iamPrefix(parts[2]) == want[2])
		}
		if !ok || flt.times == 0 || (flt.when != nil && !flt.when(c)) {
			continue
		}
		if flt.times > 0 {
			flt.times--
		}
		return flt
	}
	return nil
}

func (f *fakeAWS) serveSTS(w http.ResponseWriter, c call) {
	w.Header().Set("Content-Type", "text/xml")
	switch c.Action {
	case "GetCallerIdentity":
		fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::%[1]s:assumed-role/netlint/netlint</Arn>
    <UserId>AROAEXAMPLE:netlint</UserId>
    <Account>%[1]s</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>req-gci</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`, c.Account)
	case "AssumeRole":
		role := c.Form.Get("RoleArn")
		account := accountOfARN(role)
		fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::%[1]s:assumed-role/netlint-audit/%[2]s</Arn>
      <AssumedRoleId>AROAEXAMPLE:%[2]s</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIA%[1]s</AccessKeyId>
      <SecretAccessKey>secret</SecretAccessKey>
      <SessionToken>token</SessionToken>
      <Expiration>%[3]s</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>req-ar</RequestId></ResponseMetadata>
</AssumeRoleResponse>`, account, c.Form.Get("RoleSessionName"), time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	default:
		f.t.Errorf("unexpected STS action %s", c.Action)
		f.writeError(w, "sts", 400, "InvalidAction")
	}
}

func (f *fakeAWS) serveRegions(w http.ResponseWriter, c call) {
	var b strings.Builder
	b.WriteString(`<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-r</requestId><regionInfo>`)
	for _, r := range f.regions[c.Account] {
		fmt.Fprintf(&b, `<item><regionName>%s</regionName><regionEndpoint>ec2.%s.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`, r, r)
	}
	b.WriteString(`</regionInfo></DescribeRegionsResponse>`)
	w.Header().Set("Content-Type", "text/xml")
	io.WriteString(w, b.String())
}

func (f *fakeAWS) serveFixture(w http.ResponseWriter, c call) {
	svcDir := map[string]string{"ec2": "ec2", "directconnect": "directconnect", "monitoring": "cloudwatch"}[c.Service]
	ext := ".json"
	if c.Service == "ec2" {
		ext = ".xml"
	}
	name := c.Action
	if c.ID != "" {
		name += "." + c.ID
	}
	if c.Token != "" {
		name += "." + c.Token
	}

	f.mu.Lock()
	dir := f.dirs[c.Account+"/"+c.Region]
	body, inline := f.inline[c.Account+"/"+c.Region+"/"+svcDir+"/"+name]
	if !inline {
		body, inline = f.inline["*/*/"+svcDir+"/"+name]
	}
	f.mu.Unlock()

	if !inline && dir != "" {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "aws", dir, svcDir, name+ext))
		switch {
		case err == nil:
			body, inline = string(data), true
		case !os.IsNotExist(err):
			f.t.Errorf("read fixture: %v", err)
		}
	}
	if !inline && c.Token != "" {
		f.t.Errorf("%s %s/%s: no page for token %q", c.Action, c.Account, c.Region, c.Token)
		f.writeError(w, c.Service, 500, "InternalError")
		return
	}

	switch c.Service {
	case "ec2":
		if !inline {
			body = fmt.Sprintf(`<%[1]sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-empty</requestId></%[1]sResponse>`, c.Action)
		}
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		io.WriteString(w, body)
	case "directconnect":
		if !inline {
			body = "{}"
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		io.WriteString(w, body)
	case "monitoring":
		if !inline {
			body = "{}"
		}
		p, err := jsonToCBOR([]byte(body))
		if err != nil {
			f.t.Errorf("fixture %s is not JSON: %v", name, err)
		}
		w.Header().Set("Content-Type", "application/cbor")
		w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
		w.Write(p)
	}
}

// writeError answers in the error shape of the service's protocol.
func (f *fakeAWS) writeError(w http.ResponseWriter, service string, status int, code string) {
	msg := "netlint test fault: " + code
	switch service {
	case "ec2":
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>req-err</RequestID></Response>`, code, msg)
	case "sts":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`, code, msg)
	case "directconnect":
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
	case "monitoring":
		w.Header().Set("Content-Type", "application/cbor")
		w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
		w.WriteHeader(status)
		w.Write(cbor.Encode(cbor.Map{"__type": cbor.String(code), "message": cbor.String(msg)}))
	}
}

// jsonToCBOR encodes a JSON document as CBOR. A number written with a decimal
// point or exponent becomes a float, any other an integer, as the CloudWatch
// shapes (Threshold double, EvaluationPeriods integer) require.
func jsonToCBOR(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	cv, err := toCBOR(v)
	if err != nil {
		return nil, err
	}
	return cbor.Encode(cv), nil
}

func toCBOR(v any) (cbor.Value, error) {
	switch x := v.(type) {
	case nil:
		return &cbor.Nil{}, nil
	case bool:
		return cbor.Bool(x), nil
	case string:
		return cbor.String(x), nil
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			fl, err := x.Float64()
			return cbor.Float64(fl), err
		}
		n, err := x.Int64()
		if n < 0 {
			return cbor.NegInt(uint64(-n)), err
		}
		return cbor.Uint(uint64(n)), err
	case []any:
		out := cbor.List{}
		for _, e := range x {
			ce, err := toCBOR(e)
			if err != nil {
				return nil, err
			}
			out = append(out, ce)
		}
		return out, nil
	case map[string]any:
		out := cbor.Map{}
		for k, e := range x {
			ce, err := toCBOR(e)
			if err != nil {
				return nil, err
			}
			out[k] = ce
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot encode %T", v)
}

// readOnlyAction is the read-only rule every recorded call must meet.
func readOnlyAction(action string) bool {
	svc, op, ok := strings.Cut(action, ":")
	if !ok {
		return false
	}
	if svc == "sts" {
		return op == "GetCallerIdentity" || op == "AssumeRole"
	}
	for _, prefix := range []string{"Describe", "Get", "List", "Search"} {
		if strings.HasPrefix(op, prefix) {
			return true
		}
	}
	return false
}
