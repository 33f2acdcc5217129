package aws

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

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
	return fmt.Sprintf("%s %s:%s: %v", e.where(), e.Service, e.Op, e.Err)
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

// Reason is the short cause: the AWS error code when AWS answered, else what went
// wrong on the way (connection refused, timed out).
func (e ReadError) Reason() string {
	var apiErr smithy.APIError
	if errors.As(e.Err, &apiErr) && apiErr.ErrorCode() != "" {
		return apiErr.ErrorCode()
	}
	switch {
	case errors.Is(e.Err, context.Canceled):
		return "canceled"
	case errors.Is(e.Err, context.DeadlineExceeded):
		return "timed out"
	}
	var sendErr *smithyhttp.RequestSendError
	if errors.As(e.Err, &sendErr) {
		return "request failed: " + oneLine(innermost(sendErr).Error())
	}
	return oneLine(e.Err.Error())
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
		fmt.Fprintf(&b, "%s %s:%s %s", r.where(), r.Service, r.Op, r.Reason())
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

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
