// Package awsfake is a local stand-in for the AWS endpoints netlint's live loader
// calls, for tests. It speaks each service's real wire protocol, so tests drive
// the real aws-sdk-go-v2 clients: the EC2 Query protocol (XML), STS's AWS Query
// protocol (XML), Direct Connect's JSON 1.1 protocol (X-Amz-Target) and
// CloudWatch's Smithy RPC v2 CBOR protocol.
//
// The server tells accounts apart by the signing access key (AKID<account> for a
// caller, ASIA<account> for an assumed role) and regions by the SigV4 credential
// scope. It answers each account/region from a scenario directory of fixtures:
//
//	<dir>/ec2/<Action>[.<resource id>][.<page token>].xml          wire XML
//	<dir>/directconnect/<Action>[.<gateway id>][.<token>].json     wire JSON
//	<dir>/cloudwatch/<Action>[.<token>].json                       output shape, sent as CBOR
//
// A missing file is an empty answer, except for a page token, which must have
// its page. The server itself answers STS (GetCallerIdentity, AssumeRole) and
// EC2 DescribeRegions.
//
// Every server checks, when its test ends, that every call it received was a
// read-only action (ReadOnlyAction).
package awsfake

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
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

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/encoding/cbor"
)

// CallerAccount is the account of the credentials Config returns.
const CallerAccount = "111122223333"

// Server is a fake AWS endpoint for every service the loader calls.
type Server struct {
	t    testing.TB
	srv  *httptest.Server
	root string

	mu      sync.Mutex
	dirs    map[string]string   // "account/region" -> fixture dir
	regions map[string][]string // account -> DescribeRegions answer
	inline  map[string]string   // "account/region/service/Action[.variant]" -> body
	faults  []*fault
	calls   []Call
	// closing ends every hanging call when the test ends.
	closing chan struct{}
}

// Call is one request the server received.
type Call struct {
	// Key is the access key that signed the call: AKID... for the caller's own
	// credentials, ASIA... for an assumed role.
	Key string
	// Account is the last 12 characters of Key; Region and Service come from the
	// SigV4 credential scope (Service is the signing name: "monitoring" for
	// CloudWatch).
	Account, Region, Service, Action string
	// ID is the resource the call is about (route table, endpoint, gateway);
	// Token the page token it sent.
	ID, Token string
	// Form is the decoded body of an EC2 or STS call.
	Form url.Values
}

type fault struct {
	match  string // "account/region/service/Action"; "*" matches any part
	when   func(Call) bool
	status int
	code   string
	times  int // <0: always
	hangup bool
	hang   bool    // accept the call and never answer
	body   *string // answer 200 with this raw body
	raw    *rawAnswer
	reset  bool          // end the connection with a TCP reset
	drip   time.Duration // send body one byte per drip
	huge   int64         // answer 200 with this many bytes (<0: without end)
}

// rawAnswer is an answer sent as it is, whatever the protocol.
type rawAnswer struct {
	status      int
	contentType string
	body        string
}

// New starts a server that lives as long as t. Relative scenario directories
// are looked up under testdata/aws of the module that holds the working
// directory.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t, root: defaultRoot(), dirs: map[string]string{}, regions: map[string][]string{}, inline: map[string]string{},
		closing: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	// Runs before Close (cleanups run last-in first-out): calls still hanging
	// end, so Close does not wait for them.
	t.Cleanup(func() { close(s.closing) })
	// Every test proves the loader stays read-only. Cleanups run last-in
	// first-out: this check runs before the server closes.
	t.Cleanup(func() {
		for _, a := range s.Actions() {
			if !ReadOnlyAction(a) {
				t.Errorf("awsfake: %s was called, which is not a read-only action", a)
			}
		}
	})
	return s
}

// defaultRoot is testdata/aws in the nearest directory upward holding go.mod.
func defaultRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return filepath.Join("testdata", "aws")
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "testdata", "aws")
		}
		parent := filepath.Dir(d)
		if parent == d {
			return filepath.Join(dir, "testdata", "aws")
		}
		d = parent
	}
}

// URL is the server's base URL, for aws.Config.BaseEndpoint or AWS_ENDPOINT_URL.
func (s *Server) URL() string { return s.srv.URL }

// ServeDir answers account/region from a scenario directory: a path relative to
// the module's testdata/aws ("network", "multi/a-use1"), or an absolute path.
func (s *Server) ServeDir(account, region, dir string) {
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(s.root, filepath.FromSlash(dir))
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		s.t.Fatalf("awsfake: scenario directory %s: not a directory (%v)", dir, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dirs[account+"/"+region] = dir
}

// SetRegions sets the enabled regions DescribeRegions reports for account.
func (s *Server) SetRegions(account string, regions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.regions[account] = append([]string(nil), regions...)
}

// ServeBody answers one call with body instead of a fixture file. key is
// "account/region/<service dir>/<Action>[.<id>][.<token>]" (service dir: ec2,
// directconnect, cloudwatch); "*/*/..." matches any account and region.
func (s *Server) ServeBody(key, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inline[key] = body
}

// FailWith makes the calls matching match ("account/region/service/Action", "*"
// for any part; service is the IAM prefix or the signing name) fail with an
// HTTP status and AWS error code, times times (<0: always).
func (s *Server) FailWith(match string, status int, code string, times int) {
	s.FailIf(match, nil, status, code, times)
}

// FailIf is FailWith for the matching calls when accepts (nil: all). when runs
// with the server's lock held: it must not call the server's methods.
func (s *Server) FailIf(match string, when func(Call) bool, status int, code string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, when: when, status: status, code: code, times: times})
}

// HangUp makes matching calls lose their connection, as an unreachable region does.
func (s *Server) HangUp(match string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: -1, hangup: true})
}

// Hang makes matching calls hang, times times (<0: always): the server
// accepts the connection and the request and never answers, as an endpoint
// behind a broken proxy or a black-holed route does. The call ends when the
// client gives up or the test ends.
func (s *Server) Hang(match string, times int) {
	s.HangIf(match, nil, times)
}

// HangIf is Hang for the matching calls when accepts (nil: all). when runs as
// the call arrives, so a test can act then (cancel a context, send a signal);
// it runs with the server's lock held and must not call the server's methods.
func (s *Server) HangIf(match string, when func(Call) bool, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, when: when, times: times, hang: true})
}

// Throttle makes matching calls fail with the service's throttling error,
// times times (<0: always): EC2 RequestLimitExceeded (503), STS and CloudWatch
// Throttling (400), Direct Connect ThrottlingException (400). The SDK retries
// them with backoff.
func (s *Server) Throttle(match string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: times, code: throttle})
}

// throttle marks a fault that answers with the service's throttling error.
const throttle = "<throttle>"

func throttlingError(service string) (int, string) {
	switch service {
	case "ec2":
		return 503, "RequestLimitExceeded"
	case "directconnect":
		return 400, "ThrottlingException"
	}
	return 400, "Throttling"
}

// Garble makes matching calls answer 200 with body as it is, in the service's
// content type, times times (<0: always): not XML, truncated XML, JSON of the
// wrong shape, bytes that are not CBOR.
func (s *Server) Garble(match, body string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: times, body: &body})
}

// Answer makes matching calls answer with status, contentType and body as they
// are, times times (<0: always): a proxy's HTML error page (502, text/html), a
// 500 with an empty body, a 200 in the wrong content type.
func (s *Server) Answer(match string, status int, contentType, body string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: times,
		raw: &rawAnswer{status: status, contentType: contentType, body: body}})
}

// Reset makes matching calls end with a TCP reset once the request is read,
// times times (<0: always): the client sees "connection reset by peer" where
// HangUp gives it an orderly close (EOF).
func (s *Server) Reset(match string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: times, reset: true})
}

// Drip makes matching calls answer 200 in the service's content type at once
// and then send body one byte every interval, times times (<0: always): a body
// that trickles in. The call ends when the body is sent, the client gives up
// or the test ends.
func (s *Server) Drip(match, body string, every time.Duration, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: times, body: &body, drip: every})
}

// Huge makes matching calls answer 200 in the service's content type with a
// body of size bytes (<0: without end), times times (<0: always). The body
// opens as the action's document would and goes on with elements that never
// close, so only its size gives it away. It is sent as fast as the client
// reads; the call ends when the body is sent, the client gives up or the test
// ends.
func (s *Server) Huge(match string, size int64, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, times: times, huge: size})
}

// Config is an aws.Config with CallerAccount's static credentials and this server
// as every service's endpoint.
func (s *Server) Config(region string) *aws.Config {
	return s.ConfigFor(CallerAccount, region)
}

// ConfigFor is Config for a caller in another account.
func (s *Server) ConfigFor(account, region string) *aws.Config {
	return &aws.Config{
		Region:       region,
		Credentials:  StaticCredentials("AKID" + account),
		BaseEndpoint: aws.String(s.srv.URL),
	}
}

// StaticCredentials is a provider of the access key key (the server reads the
// account from its last 12 characters) with any secret.
func StaticCredentials(key string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: key, SecretAccessKey: "secret", Source: "awsfake"}, nil
	})
}

// Calls returns the calls received so far, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Actions returns the IAM actions called ("ec2:DescribeVpcs"), sorted and unique.
func (s *Server) Actions() []string {
	set := map[string]bool{}
	for _, c := range s.Calls() {
		set[IAMPrefix(c.Service)+":"+c.Action] = true
	}
	out := make([]string, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// Count returns how many calls of service:Action reached account/region ("*" =
// any account or region; service is the signing name).
func (s *Server) Count(account, region, service, action string) int {
	n := 0
	for _, c := range s.Calls() {
		if (account == "*" || c.Account == account) && (region == "*" || c.Region == region) &&
			c.Service == service && c.Action == action {
			n++
		}
	}
	return n
}

// IAMPrefix is the IAM service prefix of a SigV4 signing name.
func IAMPrefix(signingName string) string {
	if signingName == "monitoring" {
		return "cloudwatch"
	}
	return signingName
}

// ReadOnlyAction reports whether an IAM action ("ec2:DescribeVpcs") only reads:
// Describe*, Get*, List*, Search*, or sts:GetCallerIdentity and sts:AssumeRole.
func ReadOnlyAction(action string) bool {
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

var credScope = regexp.MustCompile(`Credential=([^/]+)/\d+/([^/]+)/([^/]+)/aws4_request`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	m := credScope.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil || len(m[1]) < 12 {
		s.t.Errorf("awsfake: unsigned request or unknown key: %s %s", r.Method, r.URL)
		http.Error(w, "unsigned", http.StatusForbidden)
		return
	}
	key, region, service := m[1], m[2], m[3]
	c := Call{Key: key, Account: key[len(key)-12:], Region: region, Service: service}
	body, _ := io.ReadAll(r.Body)

	switch service {
	case "ec2", "sts":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			s.t.Errorf("awsfake: bad form body: %v", err)
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
		s.t.Errorf("awsfake: request for unexpected service %q", service)
	}

	s.mu.Lock()
	s.calls = append(s.calls, c)
	flt := s.fault(c)
	s.mu.Unlock()

	if flt != nil {
		switch {
		case flt.hangup:
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		case flt.reset:
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				if tc, ok := conn.(*net.TCPConn); ok {
					_ = tc.SetLinger(0) // close with RST, not FIN
				}
				conn.Close()
			}
		case flt.hang:
			select {
			case <-r.Context().Done():
			case <-s.closing:
			}
		case flt.raw != nil:
			if flt.raw.contentType != "" {
				w.Header().Set("Content-Type", flt.raw.contentType)
			}
			w.WriteHeader(flt.raw.status)
			io.WriteString(w, flt.raw.body)
		case flt.drip > 0:
			s.drip(w, r, service, *flt.body, flt.drip)
		case flt.huge != 0:
			s.huge(w, r, service, c.Action, flt.huge)
		case flt.body != nil:
			writeRaw(w, service, *flt.body)
		case flt.code == throttle:
			status, code := throttlingError(service)
			writeError(w, service, status, code)
		default:
			writeError(w, service, flt.status, flt.code)
		}
		return
	}

	switch {
	case service == "sts":
		s.serveSTS(w, c)
	case service == "ec2" && c.Action == "DescribeRegions":
		s.serveRegions(w, c)
	default:
		s.serveFixture(w, c)
	}
}

// fault returns the first fault matching c that still applies (mu held).
func (s *Server) fault(c Call) *fault {
	parts := []string{c.Account, c.Region, c.Service, c.Action}
	for _, flt := range s.faults {
		want := strings.Split(flt.match, "/")
		ok := len(want) == 4
		for i := 0; ok && i < 4; i++ {
			ok = want[i] == "*" || want[i] == parts[i] || (i == 2 && IAMPrefix(parts[2]) == want[2])
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

func (s *Server) serveSTS(w http.ResponseWriter, c Call) {
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
		s.t.Errorf("awsfake: unexpected STS action %s", c.Action)
		writeError(w, "sts", 400, "InvalidAction")
	}
}

func (s *Server) serveRegions(w http.ResponseWriter, c Call) {
	s.mu.Lock()
	regions := s.regions[c.Account]
	s.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-r</requestId><regionInfo>`)
	for _, r := range regions {
		fmt.Fprintf(&b, `<item><regionName>%s</regionName><regionEndpoint>ec2.%s.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`, r, r)
	}
	b.WriteString(`</regionInfo></DescribeRegionsResponse>`)
	w.Header().Set("Content-Type", "text/xml")
	io.WriteString(w, b.String())
}

func (s *Server) serveFixture(w http.ResponseWriter, c Call) {
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

	s.mu.Lock()
	dir := s.dirs[c.Account+"/"+c.Region]
	body, found := s.inline[c.Account+"/"+c.Region+"/"+svcDir+"/"+name]
	if !found {
		body, found = s.inline["*/*/"+svcDir+"/"+name]
	}
	s.mu.Unlock()

	if !found && dir != "" {
		data, err := os.ReadFile(filepath.Join(dir, svcDir, name+ext))
		switch {
		case err == nil:
			body, found = string(data), true
		case !os.IsNotExist(err):
			s.t.Errorf("awsfake: read fixture: %v", err)
		}
	}
	if !found && c.Token != "" {
		s.t.Errorf("awsfake: %s %s/%s: no page for token %q", c.Action, c.Account, c.Region, c.Token)
		writeError(w, c.Service, 500, "InternalError")
		return
	}

	switch c.Service {
	case "ec2":
		if !found {
			body = fmt.Sprintf(`<%[1]sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-empty</requestId></%[1]sResponse>`, c.Action)
		}
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		io.WriteString(w, body)
	case "directconnect":
		if !found {
			body = "{}"
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		io.WriteString(w, body)
	case "monitoring":
		if !found {
			body = "{}"
		}
		p, err := JSONToCBOR([]byte(body))
		if err != nil {
			s.t.Errorf("awsfake: fixture %s is not JSON: %v", name, err)
		}
		w.Header().Set("Content-Type", "application/cbor")
		w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
		w.Write(p)
	}
}

// drip answers 200 and sends body one byte every interval.
func (s *Server) drip(w http.ResponseWriter, r *http.Request, service, body string, every time.Duration) {
	setContentType(w, service)
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	if flusher != nil {
		flusher.Flush()
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for i := 0; i < len(body); i++ {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-tick.C:
		}
		if _, err := w.Write([]byte{body[i]}); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}

// huge answers 200 with size bytes (<0: without end): the opening of the
// action's document, then elements that never close.
func (s *Server) huge(w http.ResponseWriter, r *http.Request, service, action string, size int64) {
	setContentType(w, service)
	w.WriteHeader(http.StatusOK)
	var head, item string
	switch service {
	case "ec2", "sts":
		head, item = "<"+action+"Response><set>", "<item><id>x</id><more>"
	case "directconnect":
		head, item = `{"items": [`, `{"id": "x", "more": [`
	default:
		head, item = "\xbf", "\x61x\xbf" // CBOR: indefinite maps, never closed
	}
	chunk := []byte(strings.Repeat(item, 32<<10/len(item)))
	sent := int64(0)
	write := func(p []byte) bool {
		if size >= 0 && sent+int64(len(p)) > size {
			p = p[:size-sent]
		}
		n, err := w.Write(p)
		sent += int64(n)
		return err == nil && (size < 0 || sent < size)
	}
	if !write([]byte(head)) {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		default:
		}
		if !write(chunk) {
			return
		}
	}
}

// writeRaw answers 200 with body in the content type of the service's protocol.
func writeRaw(w http.ResponseWriter, service, body string) {
	setContentType(w, service)
	io.WriteString(w, body)
}

// setContentType sets the content type of the service's protocol.
func setContentType(w http.ResponseWriter, service string) {
	switch service {
	case "ec2", "sts":
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	case "directconnect":
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	case "monitoring":
		w.Header().Set("Content-Type", "application/cbor")
		w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	}
}

// writeError answers in the error shape of the service's protocol.
func writeError(w http.ResponseWriter, service string, status int, code string) {
	msg := "awsfake fault: " + code
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
	default:
		http.Error(w, code, status)
	}
}

// JSONToCBOR encodes a JSON document as CBOR. A number written with a decimal
// point or exponent becomes a float, any other an integer, as the CloudWatch
// shapes (Threshold double, EvaluationPeriods integer) require.
func JSONToCBOR(data []byte) ([]byte, error) {
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

// accountOfARN returns the account id field of an ARN.
func accountOfARN(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) >= 5 {
		return parts[4]
	}
	return ""
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
