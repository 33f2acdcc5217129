package aws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// ReadError is one read that failed: an API call in one account and region, or an
// account that could not be entered at all. Service and Op together are the IAM
// action ("ec2:DescribeVpnConnections"), so an AccessDenied tells the user what
// to grant.
type ReadError struct {
	Account string
	Region  string
	Service string
	Op      string
	Err     error
}

func (e ReadError) Error() string {
	return oneLine(fmt.Sprintf("%s %s:%s: %v", e.where(), e.Service, e.Op, e.Err))
}

func (e ReadError) Unwrap() error { return e.Err }

func (e ReadError) where() string {
	switch {
	case e.Account == "":
		return e.Region
	case e.Region == "":
		return e.Account
	}
	return e.Account + "/" + e.Region
}

// Reason is the short cause, one line: why the audit stopped (interrupted,
// its --timeout), the call's own timeout, the AWS error code when AWS answered,
// an answer that could not be read, else what went wrong on the way.
func (e ReadError) Reason() string {
	var stop *stopError
	if errors.As(e.Err, &stop) {
		return stop.reason()
	}
	var ct *CallTimeoutError
	if errors.As(e.Err, &ct) {
		var apiErr smithy.APIError
		if errors.As(ct.Last, &apiErr) && apiErr.ErrorCode() != "" {
			return "timed out (last answer: " + oneLine(apiErr.ErrorCode()) + ")"
		}
		return "timed out"
	}
	var garbled *GarbledResponseError
	if errors.As(e.Err, &garbled) {
		return "unreadable answer: " + garbled.Reason
	}
	var apiErr smithy.APIError
	if errors.As(e.Err, &apiErr) && apiErr.ErrorCode() != "" && apiErr.ErrorCode() != "UnknownError" {
		return oneLine(apiErr.ErrorCode()) + gaveUp(e.Err)
	}
	// An error answer with no AWS error code in it: a proxy's or load
	// balancer's error page, a 500 with an empty body. (The SDK names a code it
	// cannot find UnknownError.)
	var respErr *smithyhttp.ResponseError
	if errors.As(e.Err, &respErr) && respErr.Response != nil && respErr.HTTPStatusCode() >= 300 {
		return fmt.Sprintf("HTTP %d without an AWS error code (%s)", respErr.HTTPStatusCode(), describeBody(respErr.Response)) + gaveUp(e.Err)
	}
	var deserErr *smithy.DeserializationError
	if errors.As(e.Err, &deserErr) {
		return "unreadable answer: " + oneLine(innermost(deserErr).Error())
	}
	switch {
	case errors.Is(e.Err, context.Canceled):
		return "canceled"
	case errors.Is(e.Err, context.DeadlineExceeded):
		return "timed out"
	}
	var netErr net.Error
	if errors.As(e.Err, &netErr) && netErr.Timeout() {
		return "timed out"
	}
	var sendErr *smithyhttp.RequestSendError
	if errors.As(e.Err, &sendErr) {
		return "request failed: " + oneLine(innermost(sendErr).Error())
	}
	return oneLine(e.Err.Error())
}

// gaveUp says how often a call was tried when the retryer gave up on it.
func gaveUp(err error) string {
	var maxErr *retry.MaxAttemptsError
	if errors.As(err, &maxErr) {
		return fmt.Sprintf(" (gave up after %d attempts)", maxErr.Attempt)
	}
	return ""
}

// describeBody names what an error answer held: its content type, or that it
// was empty.
func describeBody(resp *smithyhttp.Response) string {
	ct := resp.Header.Get("Content-Type")
	if ct, _, _ = strings.Cut(ct, ";"); ct != "" {
		if len(ct) > 60 {
			ct = ct[:60]
		}
		ct = oneLine(ct)
	}
	switch {
	case resp.ContentLength == 0:
		return "empty body"
	case ct == "":
		return "no content type"
	}
	return ct
}

// ErrAuditTimeout is the cause of reads cut short by Options.Timeout.
var ErrAuditTimeout = errors.New("audit timed out")

// stopError is a read cut short because the whole load ended: its context was
// canceled (an interrupt) or its deadline (Options.Timeout) passed. cause is
// context.Cause of the load's context.
type stopError struct {
	cause, err error
}

func (e *stopError) Error() string   { return e.reason() + ": " + e.err.Error() }
func (e *stopError) Unwrap() []error { return []error{e.err, e.cause} }

func (e *stopError) reason() string {
	switch {
	case e.cause == nil || e.cause == context.Canceled:
		return "canceled"
	case e.cause == context.DeadlineExceeded:
		return "timed out"
	}
	return oneLine(e.cause.Error())
}

// stopped wraps err when ctx has ended, so that the read says why: the load
// was interrupted or ran out of time, not the call itself.
func stopped(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	var se *stopError
	if errors.As(err, &se) {
		return err
	}
	return &stopError{cause: context.Cause(ctx), err: err}
}

// PartialError is returned with the network when some accounts, regions or calls
// could not be read: the network is incomplete, so an audit of it must not be
// reported as clean.
type PartialError struct {
	Errors []ReadError
}

// maxListed bounds the one-line message: a region that is down fails every call.
const maxListed = 10

func (e *PartialError) Error() string {
	var b strings.Builder
	b.WriteString("could not read: ")
	for i, r := range e.Errors {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-maxListed)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s:%s %s", oneLine(r.where()), r.Service, r.Op, r.Reason())
	}
	return b.String()
}

// Unwrap lets errors.Is/As look at every failed read.
func (e *PartialError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, r := range e.Errors {
		out[i] = r
	}
	return out
}

func sortReadErrors(errs []ReadError) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		return a.Op < b.Op
	})
}

// stopsService reports whether err means no further call to the same service in
// the same account and region can succeed: the endpoint is unreachable, the
// region is not enabled, or the credentials are refused. An authorization
// error (UnauthorizedOperation, AccessDenied) is per action, so reading goes on.
func stopsService(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ct *CallTimeoutError
	if errors.As(err, &ct) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return true
	}
	var sendErr *smithyhttp.RequestSendError
	if errors.As(err, &sendErr) {
		return true
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode() {
		case "AuthFailure", "OptInRequired", "InvalidClientTokenId", "UnrecognizedClientException",
			"SignatureDoesNotMatch", "IncompleteSignature", "InvalidSignatureException",
			"ExpiredToken", "ExpiredTokenException", "RequestExpired":
			return true
		}
	}
	return false
}

func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// oneLine makes text that may come from an AWS answer safe for a one-line
// message: control characters (newlines, escape sequences) and runs of spaces
// become one space, and an overlong text is cut.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
	s = strings.Join(strings.Fields(s), " ")
	const max = 300
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}
