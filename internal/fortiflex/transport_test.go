package fortiflex

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var epTestCreate = endpoint{op: "configs/create", safe: false}

func TestReadsRetryTransientFailures(t *testing.T) {
	ok := respond(200, okBody("programs", programsPayload))
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		wantHits int
		wantErr  string // "" = success
		wantHTTP int
	}{
		{"502 then ok", sequence(respond(502, `<html>Bad Gateway</html>`), ok), 2, "", 0},
		{"503 twice then ok", sequence(respond(503, ``), respond(503, ``), ok), 3, "", 0},
		{"504 then ok", sequence(respond(504, `{}`), ok), 2, "", 0},
		{"429 with Retry-After then ok", sequence(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, `{"status":-1,"message":"slow down"}`)
		}, ok), 2, "", 0},
		{"connection reset then ok", sequence(resetConn, ok), 2, "", 0},
		{"400 is not retried", respond(400, `{"status":-1,"message":"Invalid value for Parameter id 1.","error":"Invalid value for Parameter id 1."}`), 1,
			"programs/list: HTTP 400: Invalid value for Parameter id 1.", 400},
		{"500 then ok", sequence(respond(500, `{"status":-1,"message":"Internal error"}`), ok), 2, "", 0},
		{"status -1 on HTTP 200 is not retried", respond(200, `{"status":-1,"message":"no"}`), 1, "programs/list: HTTP 200: no", 200},
		{"503 until retries run out", respond(503, `{"status":-1,"message":"maintenance"}`), 3, "programs/list: HTTP 503: maintenance (3 attempts)", 503},
		{"resets until retries run out", resetConn, 3, "(3 attempts)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", tt.handler)
			c := f.client(func(o *Options) { o.MaxRetries = 2 })
			got, err := c.ProgramsList(context.Background())
			assert.Equal(t, tt.wantHits, f.hitCount("programs/list"))
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, wantPrograms, got)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			var fe *Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.wantHTTP, fe.HTTPStatus)
			assert.Equal(t, tt.wantHits, fe.Attempts)
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", sequence(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1") // 1 s, capped at RetryWaitMax = 150 ms
		writeJSON(w, 429, `{}`)
	}, respond(200, okBody("programs", programsPayload))))
	c := f.client(func(o *Options) { o.RetryWaitMin, o.RetryWaitMax = time.Millisecond, 150*time.Millisecond })
	_, err := c.accessToken(context.Background()) // keep the login out of the timing
	require.NoError(t, err)
	start := time.Now()
	_, err = c.ProgramsList(context.Background())
	require.NoError(t, err)
	elapsed := time.Since(start)
	assert.GreaterOrEqual(t, elapsed, 140*time.Millisecond, "waited for Retry-After (capped), not the 1 ms backoff")
	assert.Less(t, elapsed, 900*time.Millisecond, "Retry-After is capped at RetryWaitMax")
}

// A 429 means the request was refused before it was handled, so even a
// create is sent again, and carried out once.
func TestUnsafeCallRetriedAfter429(t *testing.T) {
	f := setup(t)
	n := 0
	f.handle("configs/create", func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(429)
			return
		}
		_, _ = w.Write([]byte(`{"status":0,"message":"Request processed successfully.","configs":{"id":7}}`))
	})
	c := f.client(func(o *Options) { o.RetryWaitMin, o.RetryWaitMax = time.Millisecond, 10*time.Millisecond })
	_, err := c.call(context.Background(), epTestCreate, map[string]any{"name": "x"})
	require.NoError(t, err)
	assert.Equal(t, 2, f.hitCount("configs/create"))
}

func TestUnsafeCallsAreSentOnce(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"503", respond(503, `{"status":-1,"message":"unavailable"}`)},
		{"502 HTML", respond(502, `<html>Bad Gateway</html>`)},
		{"500", respond(500, `{"status":-1,"message":"internal error"}`)},
		{"connection reset after sending", resetConn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("configs/create", tt.handler)
			c := f.client()
			_, err := c.call(context.Background(), epTestCreate, map[string]any{"name": "x"})
			require.Error(t, err)
			assert.Equal(t, 1, f.hitCount("configs/create"))
			var fe *Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, 1, fe.Attempts)
		})
	}
}

// flakyDialer fails the next n dials with a dial error, then connects.
type flakyDialer struct {
	fail  atomic.Int32
	dials atomic.Int32
}

func (d *flakyDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.dials.Add(1)
	if d.fail.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused (test)")}
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

func TestUnsafeCallRetriedOnlyWhenNotSent(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	f.handle("configs/create", respond(200, okBody("configs", `{"id":1}`)))
	d := &flakyDialer{}
	hc := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
	c := f.client(func(o *Options) { o.HTTPClient = hc })
	_, err := c.ProgramsList(context.Background()) // log in first
	require.NoError(t, err)

	d.fail.Store(2)
	env, err := c.call(context.Background(), epTestCreate, map[string]any{"name": "x"})
	require.NoError(t, err)
	require.NotNil(t, env)
	assert.Equal(t, 1, f.hitCount("configs/create"), "the server saw the create once")
	assert.Equal(t, int32(5), d.dials.Load(), "login + list, then two failed dials and one good one")
}

func TestContextCancellation(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		ctx     func() (context.Context, context.CancelFunc)
		wantErr error
	}{
		{"cancelled while waiting for the answer", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			}, context.Canceled},
		{"cancelled during backoff", respond(503, `{}`),
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			}, context.Canceled},
		{"deadline", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 50*time.Millisecond)
			}, context.DeadlineExceeded},
		{"already cancelled", respond(200, okBody("programs", "[]")),
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx, cancel
			}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", tt.handler)
			c := f.client(func(o *Options) { o.RetryWaitMin, o.RetryWaitMax = 10*time.Second, 10*time.Second })
			_, err := c.accessToken(context.Background())
			require.NoError(t, err)

			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err = c.ProgramsList(ctx)
			assert.Equal(t, tt.wantErr, err, "ctx.Err() itself, not a wrapped transport error: %v", err)
			assert.Less(t, time.Since(start), 3*time.Second)
		})
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	f := setup(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	f.handle("programs/list", sequence(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}, respond(200, okBody("programs", programsPayload))))
	c := f.client(func(o *Options) { o.Timeout = 200 * time.Millisecond })
	got, err := c.ProgramsList(context.Background())
	require.NoError(t, err, "a read that timed out is retried")
	assert.Equal(t, wantPrograms, got)
	assert.Equal(t, 2, f.hitCount("programs/list"))
}

func TestCheckRetry(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")}
	readErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	resp := func(code int) *http.Response { return &http.Response{StatusCode: code, Header: http.Header{}} }
	tests := []struct {
		name     string
		ctx      context.Context
		safe     bool
		resp     *http.Response
		err      error
		want     bool
		wantCErr bool
	}{
		{"safe 503", context.Background(), true, resp(503), nil, true, false},
		{"safe 502", context.Background(), true, resp(502), nil, true, false},
		{"safe 504", context.Background(), true, resp(504), nil, true, false},
		{"safe 429", context.Background(), true, resp(429), nil, true, false},
		{"safe 500", context.Background(), true, resp(500), nil, true, false},
		{"safe 400", context.Background(), true, resp(400), nil, false, false},
		{"safe 401", context.Background(), true, resp(401), nil, false, false},
		{"safe 200", context.Background(), true, resp(200), nil, false, false},
		{"safe read error", context.Background(), true, nil, readErr, true, false},
		{"safe body too large", context.Background(), true, resp(200), errBodyTooLarge, false, false},
		{"unsafe 503", context.Background(), false, resp(503), nil, false, false},
		{"unsafe 429 (refused before handling)", context.Background(), false, resp(429), nil, true, false},
		{"unsafe read error", context.Background(), false, nil, readErr, false, false},
		{"unsafe dial error", context.Background(), false, nil, dialErr, true, false},
		{"cancelled", cancelled, true, resp(503), nil, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkRetry(tt.ctx, tt.safe, tt.resp, tt.err)
			assert.Equal(t, tt.want, got)
			if tt.wantCErr {
				assert.Equal(t, context.Canceled, err)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	withHeader := func(code int, v string) *http.Response {
		r := &http.Response{StatusCode: code, Header: http.Header{}}
		r.Header.Set("Retry-After", v)
		return r
	}
	min, max := 100*time.Millisecond, 2*time.Second
	tests := []struct {
		name     string
		attempt  int
		resp     *http.Response
		lo, hi   time.Duration
		repeated bool
	}{
		{"first retry", 0, nil, 75 * time.Millisecond, 100 * time.Millisecond, true},
		{"third retry doubles twice", 2, nil, 300 * time.Millisecond, 400 * time.Millisecond, true},
		{"capped", 10, nil, 1500 * time.Millisecond, 2 * time.Second, true},
		{"huge attempt does not overflow", 1000, nil, 1500 * time.Millisecond, 2 * time.Second, true},
		{"Retry-After seconds", 0, withHeader(429, "1"), time.Second, time.Second, false},
		{"Retry-After capped", 0, withHeader(429, "120"), max, max, false},
		{"Retry-After on 503", 0, withHeader(503, "1"), time.Second, time.Second, false},
		{"Retry-After HTTP date", 0, withHeader(429, time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)), max, max, false},
		{"Retry-After date in the past", 0, withHeader(429, "Mon, 02 Jan 2006 15:04:05 GMT"), 0, 0, false},
		{"Retry-After garbage falls back", 0, withHeader(429, "soon"), 75 * time.Millisecond, 100 * time.Millisecond, true},
		{"Retry-After ignored on 502", 0, withHeader(502, "1"), 75 * time.Millisecond, 100 * time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 1
			if tt.repeated {
				n = 50
			}
			for range n {
				d := backoff(min, max, tt.attempt, tt.resp)
				assert.GreaterOrEqual(t, d, tt.lo)
				assert.LessOrEqual(t, d, tt.hi)
			}
		})
	}
}
