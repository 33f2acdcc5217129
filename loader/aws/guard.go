package aws

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/encoding/cbor"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Guards added to every client's middleware stack: a deadline per call, and a
// check that a successful answer is a document of the service's protocol. The
// SDK takes an EC2 or STS body that is not XML, or XML of another root
// element, for an empty answer: an audit would then report a region with no
// VPCs as clean.

// CallTimeoutError is a call that did not finish within Options.CallTimeout,
// retries included.
type CallTimeoutError struct {
	Timeout time.Duration
	Err     error
	// Last is the error of the last attempt that got an answer, if any: a call
	// throttled until its time ran out says so.
	Last error
}

func (e *CallTimeoutError) Error() string {
	return fmt.Sprintf("timed out after %s: %v", e.Timeout, e.Err)
}

func (e *CallTimeoutError) Unwrap() error { return e.Err }

// GarbledResponseError is a successful HTTP answer whose body is not the
// document the operation returns: not XML, JSON or CBOR, cut short, or of
// another shape.
type GarbledResponseError struct {
	// Reason is short and one line; it never quotes the body.
	Reason string
}

func (e *GarbledResponseError) Error() string { return "unreadable answer: " + e.Reason }

// callTimeout bounds each operation, its retries and its credential refresh
// included, by d.
func callTimeout(d time.Duration) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		if err := s.Initialize.Add(middleware.InitializeMiddlewareFunc("NetlintCallTimeout",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
				middleware.InitializeOutput, middleware.Metadata, error,
			) {
				callCtx, cancel := context.WithTimeout(ctx, d)
				defer cancel()
				last := &lastAttempt{}
				out, md, err := next.HandleInitialize(context.WithValue(callCtx, lastAttemptKey{}, last), in)
				if err != nil && ctx.Err() == nil && errors.Is(callCtx.Err(), context.DeadlineExceeded) {
					err = &CallTimeoutError{Timeout: d, Err: err, Last: last.get()}
				}
				return out, md, err
			}), middleware.Before); err != nil {
			return err
		}
		// Last in the finalize step, after the retryer: once per attempt.
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("NetlintLastAttempt",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
				middleware.FinalizeOutput, middleware.Metadata, error,
			) {
				out, md, err := next.HandleFinalize(ctx, in)
				var apiErr smithy.APIError
				if last, ok := ctx.Value(lastAttemptKey{}).(*lastAttempt); ok && errors.As(err, &apiErr) {
					last.set(err)
				}
				return out, md, err
			}), middleware.After)
	}
}

type lastAttemptKey struct{}

// lastAttempt holds the error of a call's last answered attempt.
type lastAttempt struct {
	mu  sync.Mutex
	err error
}

func (l *lastAttempt) set(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.err = err
}

func (l *lastAttempt) get() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// DefaultMaxAnswerSize bounds the body of one answer: EC2's largest pages are
// a few megabytes.
const DefaultMaxAnswerSize = 64 << 20

// checkResponse is added last to the deserialize step, so it sees the raw
// HTTP answer before the operation's deserializer: it reads a successful
// answer's body, at most limit bytes of it, checks it, and hands the
// deserializer a copy. The body of an error answer is bounded alike.
func checkResponse(limit int64) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Deserialize.Add(middleware.DeserializeMiddlewareFunc("NetlintCheckResponse",
			func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
				middleware.DeserializeOutput, middleware.Metadata, error,
			) {
				out, md, err := next.HandleDeserialize(ctx, in)
				resp, ok := out.RawResponse.(*smithyhttp.Response)
				if !ok || resp.Body == nil {
					return out, md, err
				}
				if err != nil || resp.StatusCode < 200 || resp.StatusCode >= 300 {
					// The SDK reads an error answer whole to find its code.
					resp.Body = &boundedBody{r: resp.Body, left: limit, limit: limit}
					return out, md, err
				}
				body, rerr := io.ReadAll(io.LimitReader(resp.Body, limit+1))
				resp.Body.Close()
				resp.Body = io.NopCloser(bytes.NewReader(body))
				if rerr != nil {
					// Cut off while reading: the transport's error, which the retryer
					// knows.
					return out, md, &smithyhttp.RequestSendError{Err: rerr}
				}
				if int64(len(body)) > limit {
					return out, md, &GarbledResponseError{Reason: "larger than " + formatSize(limit)}
				}
				if reason := garbled(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx), body); reason != "" {
					return out, md, &GarbledResponseError{Reason: reason}
				}
				return out, md, nil
			}), middleware.After)
	}
}

// boundedBody fails a read past its limit rather than read on.
type boundedBody struct {
	r           io.ReadCloser
	left, limit int64
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, &GarbledResponseError{Reason: "larger than " + formatSize(b.limit)}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error { return b.r.Close() }

// formatSize is n bytes in the largest binary unit that divides it.
func formatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// garbled says what is wrong with the body of a successful answer of service's
// operation op, or "" when it is a document of the right protocol and shape.
func garbled(service, op string, body []byte) string {
	switch service {
	case "EC2", "STS": // EC2 query and AWS query protocols: <OpResponse>...</OpResponse>
		return checkXML(body, op+"Response")
	case "Direct Connect": // JSON 1.1: one object
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) == 0 {
			return "empty body"
		}
		if trimmed[0] != '{' || !json.Valid(trimmed) {
			return "not a JSON object"
		}
	case "CloudWatch": // Smithy RPC v2 CBOR: one map
		if len(body) == 0 {
			return "empty body"
		}
		v, err := cbor.Decode(body)
		if err != nil {
			return "not CBOR"
		}
		if _, ok := v.(cbor.Map); !ok {
			return "not a CBOR map"
		}
	}
	return ""
}

// maxXMLDepth bounds the nesting of an XML answer; EC2's deepest documents
// are about a dozen levels deep.
const maxXMLDepth = 64

// checkXML requires a well-formed document whose root element is root, nested
// at most maxXMLDepth deep.
func checkXML(body []byte, root string) string {
	dec := xml.NewDecoder(bytes.NewReader(body))
	seenRoot := false
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !seenRoot {
				return "not XML"
			}
			return "truncated or malformed XML"
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if !seenRoot {
				if el.Name.Local != root {
					return "XML of another kind (root element is not " + root + ")"
				}
				seenRoot = true
			}
			if depth++; depth > maxXMLDepth {
				return fmt.Sprintf("XML nested more than %d deep", maxXMLDepth)
			}
		case xml.EndElement:
			depth--
		}
	}
	if !seenRoot {
		return "not XML"
	}
	return ""
}
