package fortiflex

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/tidwall/gjson"
)

// maxBodyBytes bounds what is read from one answer (entitlement lists of big
// accounts are a few MB).
const maxBodyBytes = 64 << 20

// errBodyTooLarge is a permanent failure: retrying would read the same body.
var errBodyTooLarge = fmt.Errorf("response body larger than %d bytes", maxBodyBytes)

// errBadBody marks a 2xx answer whose body is not a JSON object (an HTML
// page, a truncated transfer): a fault of the path, retried for safe calls.
// roundTrip hands the answer back as is once retries are over.
var errBadBody = errors.New("2xx answer whose body is not a JSON object")

// ---------------------------------------------------------------------------
// Retry policy
//
// A call is either safe to repeat (reads, the OAuth password grant) or not
// (creates, transfers, token regeneration). For safe calls, retry:
//   - network errors (connection refused/reset, timeouts, truncated bodies),
//   - HTTP 500/502/503/504 and 429 (waiting for Retry-After when given),
// with capped exponential backoff and jitter. An unsafe call is sent once;
// it is retried only when the request was certainly not carried out: the
// connection could not be established (a dial error: the request never left
// this host), or the service answered 429 (refused before handling, spec
// §10). A safe call is also retried when a 2xx answer is not a JSON object
// (errBadBody). Nothing else is ever retried: not 400/status -1 business
// errors, not TLS verification failures, and never after the context is done.
//
// When an unsafe call gets no trustworthy answer after its request may have
// left, the error says so (Error.OutcomeUnknown, see ErrOutcomeUnknown).
// ---------------------------------------------------------------------------

// checkRetry decides whether to send a request again after one attempt.
// resp is nil when err is a transport error. It returns ctx.Err() once the
// context is done so that the caller can hand it back unwrapped.
func checkRetry(ctx context.Context, safe bool, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		if permanentTransportError(err) {
			return false, nil
		}
		if isDialError(err) {
			return true, nil // the request never left: safe for every call
		}
		return safe, nil
	}
	if resp == nil {
		return false, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, nil
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return safe, nil
	}
	return false, nil
}

// backoff returns the wait before retry number attempt+1: the server's
// Retry-After (seconds or HTTP date) on 429/503 when given, else
// min·2^attempt; both capped at max, the computed one jittered down by up to
// a quarter so that parallel clients spread out.
func backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if max < min {
		max = min
	}
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return clampDuration(d, 0, max)
		}
	}
	d := min
	for i := 0; i < attempt && d < max; i++ {
		d *= 2
	}
	d = clampDuration(d, min, max)
	if d <= 0 {
		return 0
	}
	jitter := time.Duration(rand.Int64N(int64(d)/4 + 1))
	return d - jitter
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

func clampDuration(d, lo, hi time.Duration) time.Duration {
	if d < lo {
		return lo
	}
	if d > hi {
		return hi
	}
	return d
}

// isDialError reports a failure to establish the connection (DNS, refused,
// unreachable, dial timeout): nothing of the request was sent.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// permanentTransportError reports transport errors no retry can fix.
func permanentTransportError(err error) bool {
	if errors.Is(err, errBodyTooLarge) {
		return true
	}
	var (
		certVerify *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostname   x509.HostnameError
		invalid    x509.CertificateInvalidError
	)
	if errors.As(err, &certVerify) || errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"unsupported protocol scheme", "stopped after", "invalid header", "certificate is not trusted"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// One HTTP exchange, with retries
// ---------------------------------------------------------------------------

// httpRequest is one logical call on the wire.
type httpRequest struct {
	op     string // for errors and logs, e.g. "programs/list" or "login"
	url    string
	body   []byte
	bearer string // access token; "" for the OAuth call
	safe   bool   // may be sent again after a failure that happened after sending
}

// httpResponse is the final answer of a call.
type httpResponse struct {
	status   int
	body     []byte
	attempts int
}

// sendTrace records, through net/http/httptrace, whether a request may have
// left this host: once a connection is obtained bytes can be on the wire.
// When the transport reports no connection events at all (a RoundTripper that
// is not an *http.Transport), the classification falls back to the error.
type sendTrace struct {
	getConn atomic.Bool // the transport started looking for a connection
	gotConn atomic.Bool // ... and got one: the request may have been sent
}

func (s *sendTrace) clientTrace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn: func(string) { s.getConn.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { s.gotConn.Store(true) },
	}
}

// mayHaveSent reports whether a request that failed with err may have
// reached the server.
func (s *sendTrace) mayHaveSent(err error) bool {
	if s.gotConn.Load() {
		return true
	}
	if s.getConn.Load() {
		return false // traced, and no connection was ever made
	}
	return err != nil && !isDialError(err)
}

// roundTrip sends req through go-retryablehttp with the policy above. On a
// done context it returns ctx.Err() itself; other failures to get an answer
// are *Error values wrapping the transport error. Any HTTP answer, success or
// not, is returned for the caller to decode.
func (c *Client) roundTrip(ctx context.Context, req httpRequest) (*httpResponse, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var (
		attempts int
		body     []byte
		bodyRead bool
		trace    sendTrace
	)
	rc := &retryablehttp.Client{
		HTTPClient:   c.http,
		RetryWaitMin: c.retryWaitMin,
		RetryWaitMax: c.retryWaitMax,
		RetryMax:     c.maxRetries,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			return checkRetry(ctx, req.safe, resp, err)
		},
		Backoff: backoff,
		RequestLogHook: func(_ retryablehttp.Logger, r *http.Request, i int) {
			attempts++
			bodyRead = false // a body read by an earlier attempt is not this answer
			c.nRequests.Add(1)
			c.logf("fortiflex: POST %s (%s, attempt %d)", redactURL(r.URL), req.op, i+1)
		},
		// Hand back the last answer or error as is; we decode and wrap it.
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			return resp, err
		},
	}

	tctx := httptrace.WithClientTrace(ctx, trace.clientTrace())
	rreq, err := retryablehttp.NewRequestWithContext(tctx, http.MethodPost, req.url, req.body)
	if err != nil {
		return nil, &Error{Op: req.op, Message: "building request: " + err.Error(), Err: err}
	}
	rreq.Header.Set("Content-Type", "application/json")
	rreq.Header.Set("Accept", "application/json")
	rreq.Header.Set("User-Agent", c.userAgent)
	if req.bearer != "" {
		rreq.Header.Set("Authorization", "Bearer "+req.bearer)
	}
	// Read the body inside the retry loop, so that a connection dropped while
	// the answer streams in counts as a network error for the policy.
	rreq.SetResponseHandler(func(resp *http.Response) error {
		bodyRead = false
		b, err := readBody(resp.Body, resp.ContentLength)
		if err != nil {
			return err
		}
		body, bodyRead = b, true
		if resp.StatusCode >= 200 && resp.StatusCode < 300 && !isJSONObject(b) {
			return errBadBody
		}
		return nil
	})

	resp, err := rc.Do(rreq)
	if ctx.Err() != nil {
		if resp != nil {
			resp.Body.Close()
		}
		if !req.safe && trace.mayHaveSent(ctx.Err()) {
			// The answer was abandoned, not refused: say so, keeping ctx.Err()
			// reachable through errors.Is.
			return nil, &Error{Op: req.op, Message: "gave up waiting for the answer: " + ctx.Err().Error(),
				Attempts: attempts, Err: ctx.Err(), OutcomeUnknown: true}
		}
		return nil, ctx.Err()
	}
	if errors.Is(err, errBadBody) && bodyRead && resp != nil {
		// A 2xx answer that is not an envelope: the caller decodes and reports it.
		resp.Body.Close()
		c.logf("fortiflex: %s: HTTP %d, %d bytes that are not a JSON object, %d attempt(s)", req.op, resp.StatusCode, len(body), attempts)
		return &httpResponse{status: resp.StatusCode, body: body, attempts: attempts}, nil
	}
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		c.logf("fortiflex: %s failed after %d attempt(s): %v", req.op, attempts, err)
		return nil, &Error{Op: req.op, Attempts: attempts, Err: err, OutcomeUnknown: !req.safe && trace.mayHaveSent(err)}
	}
	defer resp.Body.Close()
	if !bodyRead {
		// Retries ran out on a retryable status: the handler did not run.
		if body, err = readBody(resp.Body, resp.ContentLength); err != nil {
			return nil, &Error{Op: req.op, HTTPStatus: resp.StatusCode, Attempts: attempts, Err: err}
		}
	}
	c.logf("fortiflex: %s: HTTP %d, %d bytes, %d attempt(s)", req.op, resp.StatusCode, len(body), attempts)
	return &httpResponse{status: resp.StatusCode, body: body, attempts: attempts}, nil
}

// isJSONObject reports whether b is one complete JSON object.
func isJSONObject(b []byte) bool {
	return gjson.ValidBytes(b) && gjson.ParseBytes(b).IsObject()
}

// readBody reads a whole answer; size is its Content-Length (-1 when
// unknown), used to allocate once.
func readBody(r io.ReadCloser, size int64) ([]byte, error) {
	defer r.Close()
	var buf bytes.Buffer
	if size > 0 && size <= maxBodyBytes {
		buf.Grow(int(size) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, maxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if n > maxBodyBytes {
		return nil, errBodyTooLarge
	}
	return buf.Bytes(), nil
}

// redactURL drops user info and query from a URL for logs.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	cp := *u
	cp.User = nil
	cp.RawQuery = ""
	return cp.String()
}
