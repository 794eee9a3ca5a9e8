package fortiflex

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unsafeCall is a call that is never repeated after its request may have left.
type unsafeCall struct {
	op       string
	envelope bool // the answer carries no data
	call     func(context.Context, *Client) error
}

var unsafeCalls = []unsafeCall{
	{"configs/create", false, func(ctx context.Context, c *Client) error {
		return errOnly(c.ConfigsCreate(ctx, ConfigCreate{ProgramSerialNumber: "P", Name: "n", ProductTypeID: 1, Parameters: []Parameter{{ID: 1, Value: "2"}}}))
	}},
	{"configs/enable", false, func(ctx context.Context, c *Client) error { return errOnly(c.ConfigsEnable(ctx, 1)) }},
	{"configs/disable", false, func(ctx context.Context, c *Client) error { return errOnly(c.ConfigsDisable(ctx, 1)) }},
	{"entitlements/vm/create", false, func(ctx context.Context, c *Client) error {
		return errOnly(c.EntitlementsVMCreate(ctx, VMCreate{ConfigID: 1, Count: 1}))
	}},
	{"entitlements/hardware/create", false, func(ctx context.Context, c *Client) error {
		return errOnly(c.EntitlementsHardwareCreate(ctx, HardwareCreate{ConfigID: 1, SerialNumbers: []string{"S"}}))
	}},
	{"entitlements/hardware/remove", true, func(ctx context.Context, c *Client) error {
		return c.EntitlementsHardwareRemove(ctx, []string{"S"})
	}},
	{"entitlements/cloud/create", false, func(ctx context.Context, c *Client) error {
		return errOnly(c.EntitlementsCloudCreate(ctx, CloudCreate{ConfigID: 1}))
	}},
	{"entitlements/stop", false, func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsStop(ctx, "S")) }},
	{"entitlements/reactivate", false, func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsReactivate(ctx, "S")) }},
	{"entitlements/vm/token", false, func(ctx context.Context, c *Client) error { return errOnly(c.EntitlementsRegenerateToken(ctx, "S")) }},
	{"entitlements/transfer", false, func(ctx context.Context, c *Client) error {
		return errOnly(c.EntitlementsTransfer(ctx, Transfer{SourceAccountID: 1, SourceConfigID: 2, TargetAccountID: 3, SerialNumbers: []string{"S"}}))
	}},
}

const unknownSuffix = "; outcome unknown: the request may have been carried out"

func TestUnsafeCallsOutcome(t *testing.T) {
	faults := []struct {
		name     string
		handler  http.HandlerFunc
		unknown  bool
		dataOnly bool // only a call whose answer carries data can fail on it
	}{
		{"502 gateway HTML", respond(502, `<html><body><h1>502 Bad Gateway</h1></body></html>`), true, false},
		{"503 envelope", respond(503, `{"status":-1,"message":"Service unavailable"}`), true, false},
		{"500 envelope", respond(500, `{"status":-1,"message":"Internal error"}`), true, false},
		{"connection reset after the request", resetConn, true, false},
		{"HTML with HTTP 200", respond(200, `<!DOCTYPE html><html>Maintenance</html>`), true, false},
		{"truncated JSON with HTTP 200", respond(200, `{"status":0,"message":"Request processed successfully.","entitlements":[{"serialNumber":"FGVM`), true, false},
		{"success whose data cannot be decoded", respond(200, `{"status":0,"configs":5,"entitlements":5}`), true, true},
		{"400 status -1 is a clear failure", respond(400, `{"status":-1,"message":"Invalid value for Parameter id 1.","error":"Invalid value for Parameter id 1."}`), false, false},
		{"200 status -1 is a clear failure", respond(200, `{"status":-1,"message":"Entitlement is already ACTIVE.","error":{"errorCode":12}}`), false, false},
		{"403 is a clear failure", respond(403, `{"status":-1,"message":"Permission denied."}`), false, false},
		{"404 HTML is a clear failure", respond(404, `<html>Not Found</html>`), false, false},
	}
	for _, uc := range unsafeCalls {
		for _, ft := range faults {
			if ft.dataOnly && uc.envelope {
				continue
			}
			t.Run(uc.op+"/"+ft.name, func(t *testing.T) {
				f := setup(t)
				f.handle(uc.op, ft.handler)
				c := f.client()
				err := uc.call(context.Background(), c)
				require.Error(t, err)
				assert.Equal(t, 1, f.hitCount(uc.op), "sent exactly once")
				var fe *Error
				require.ErrorAs(t, err, &fe)
				assert.Equal(t, uc.op, fe.Op)
				assert.Equal(t, 1, fe.Attempts)
				assert.NotEmpty(t, fe.Message+errString(fe.Err))
				if ft.unknown {
					assert.ErrorIs(t, err, ErrOutcomeUnknown)
					assert.True(t, fe.OutcomeUnknown)
					assert.True(t, strings.HasSuffix(err.Error(), unknownSuffix), err.Error())
				} else {
					assert.NotErrorIs(t, err, ErrOutcomeUnknown)
					assert.NotContains(t, err.Error(), "outcome unknown")
				}
			})
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestOutcomeUnknownMessages(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
		is      []error
	}{
		{"502", respond(502, `<html><body><h1>502 Bad Gateway</h1></body></html>`),
			"entitlements/vm/create: HTTP 502: response is not valid JSON: 502 Bad Gateway" + unknownSuffix, []error{ErrUnexpectedResponse}},
		{"500 envelope", respond(500, `{"status":-1,"message":"Internal error"}`),
			"entitlements/vm/create: HTTP 500: Internal error" + unknownSuffix, nil},
		{"500 empty envelope", respond(500, `{}`),
			"entitlements/vm/create: HTTP 500: Internal Server Error" + unknownSuffix, nil},
		{"truncated", respond(200, `{"status":0,"entitlements":[`),
			"entitlements/vm/create: HTTP 200: response is not valid JSON: {\"status\":0,\"entitlements\":[" + unknownSuffix, []error{ErrUnexpectedResponse}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("entitlements/vm/create", tt.handler)
			_, err := f.client().EntitlementsVMCreate(context.Background(), VMCreate{ConfigID: 1, Count: 1})
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			for _, s := range tt.is {
				assert.ErrorIs(t, err, s)
			}
		})
	}
}

func TestUnsafeCallTimeoutIsUnknown(t *testing.T) {
	f := setup(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	f.handle("entitlements/vm/create", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	c := f.client(func(o *Options) { o.Timeout = 200 * time.Millisecond })
	_, err := c.EntitlementsVMCreate(context.Background(), VMCreate{ConfigID: 1, Count: 1})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, f.hitCount("entitlements/vm/create"))
}

func TestUnsafeCallContextEndsWhileWaiting(t *testing.T) {
	f := setup(t)
	f.handle("entitlements/transfer", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	c := f.client()
	_, err := c.accessToken(context.Background())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.EntitlementsTransfer(ctx, Transfer{SourceAccountID: 1, SourceConfigID: 2, TargetAccountID: 3, SerialNumbers: []string{"S"}})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "ctx.Err() stays reachable")
	assert.Equal(t, 1, f.hitCount("entitlements/transfer"))

	// A context that ended before anything was sent is just ctx.Err().
	done, cancelDone := context.WithCancel(context.Background())
	cancelDone()
	_, err = c.EntitlementsTransfer(done, Transfer{SourceAccountID: 1, SourceConfigID: 2, TargetAccountID: 3, SerialNumbers: []string{"S"}})
	assert.Equal(t, context.Canceled, err)
}

func TestUnsafeCallNotSentIsNotUnknown(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	d := &flakyDialer{}
	hc := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
	c := f.client(func(o *Options) { o.HTTPClient = hc; o.MaxRetries = 2 })
	_, err := c.ProgramsList(context.Background()) // log in first
	require.NoError(t, err)

	d.fail.Store(100)
	_, err = c.EntitlementsVMCreate(context.Background(), VMCreate{ConfigID: 1, Count: 1})
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the connection was never made")
	assert.Equal(t, 0, f.hitCount("entitlements/vm/create"))
	var fe *Error
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, 3, fe.Attempts, "dial errors are retried even for unsafe calls")
}

func TestUnsafeCallRefusedTokenIsResentOnce(t *testing.T) {
	f := setup(t)
	f.handle("entitlements/vm/create", sequence(
		respond(401, `{"status":-1,"message":"Invalid security token.","error":null}`),
		respond(200, okBody("entitlements", "["+entVM+"]"))))
	c := f.client()
	got, err := c.EntitlementsVMCreate(context.Background(), VMCreate{ConfigID: 5120, Count: 1})
	require.NoError(t, err, "a refused token means nothing was created: resent after a new login")
	assert.Equal(t, []Entitlement{wantVM}, got)
	assert.Equal(t, 2, f.hitCount("entitlements/vm/create"))
	assert.Equal(t, 2, f.grantCount("password"))

	f.handle("entitlements/vm/create", respond(401, `{"status":-1,"message":"Invalid security token.","error":null}`))
	_, err = c.EntitlementsVMCreate(context.Background(), VMCreate{ConfigID: 5120, Count: 1})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

func TestSafeReadsRetryTheSameFaults(t *testing.T) {
	faults := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"502 gateway HTML", respond(502, `<html><body><h1>502 Bad Gateway</h1></body></html>`)},
		{"connection reset after the request", resetConn},
		{"HTML with HTTP 200", respond(200, `<!DOCTYPE html><html>Maintenance</html>`)},
		{"truncated JSON with HTTP 200", respond(200, `{"status":0,"entitlements":[{"serialNumber":"FGVM`)},
	}
	for _, ft := range faults {
		t.Run("programs/list/"+ft.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", sequence(ft.handler, respond(200, okBody("programs", programsPayload))))
			got, err := f.client().ProgramsList(context.Background())
			require.NoError(t, err)
			assert.Equal(t, wantPrograms, got)
			assert.Equal(t, 2, f.hitCount("programs/list"))
		})
		t.Run("entitlements/list/"+ft.name, func(t *testing.T) {
			f := setup(t)
			f.handle("entitlements/list", sequence(ft.handler, respond(200, okBody("entitlements", "["+entVM+"]"))))
			got, err := f.client().EntitlementsList(context.Background(), EntitlementListOptions{ConfigID: ptr(5120)})
			require.NoError(t, err)
			assert.Equal(t, []Entitlement{wantVM}, got)
			assert.Equal(t, 2, f.hitCount("entitlements/list"))
		})
		t.Run("configs/update/"+ft.name, func(t *testing.T) {
			f := setup(t)
			f.handle("configs/update", sequence(ft.handler, respond(200, okBody("configs", cfgAnswer))))
			got, err := f.client().ConfigsUpdate(context.Background(), ConfigUpdate{ID: 5120, Name: ptr("edge-2cpu-utp")})
			require.NoError(t, err)
			assert.Equal(t, wantCfg, got)
			assert.Equal(t, 2, f.hitCount("configs/update"), "an update is safe to repeat")
		})
	}
}

func TestSafeReadBadBodyUntilRetriesRunOut(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, `<html>Maintenance</html>`))
	_, err := f.client(func(o *Options) { o.MaxRetries = 2 }).ProgramsList(context.Background())
	require.Error(t, err)
	assert.Equal(t, "programs/list: HTTP 200: response is not valid JSON: Maintenance (3 attempts)", err.Error())
	assert.ErrorIs(t, err, ErrUnexpectedResponse)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 3, f.hitCount("programs/list"))
}

// A bad body from an earlier attempt must not be mistaken for the last answer.
func TestSafeReadBadBodyThenRetryableStatus(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", sequence(respond(200, `<html>first</html>`), respond(503, `{"status":-1,"message":"maintenance"}`)))
	_, err := f.client(func(o *Options) { o.MaxRetries = 1 }).ProgramsList(context.Background())
	require.Error(t, err)
	assert.Equal(t, "programs/list: HTTP 503: maintenance (2 attempts)", err.Error())
}

func TestSendTraceFallback(t *testing.T) {
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")}
	readErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("reset")}
	var untraced sendTrace
	assert.False(t, untraced.mayHaveSent(dialErr))
	assert.True(t, untraced.mayHaveSent(readErr), "without trace events, anything but a dial error may have left")
	var noConn sendTrace
	noConn.getConn.Store(true)
	assert.False(t, noConn.mayHaveSent(readErr), "traced and never connected: nothing left")
	var conn sendTrace
	conn.getConn.Store(true)
	conn.gotConn.Store(true)
	assert.True(t, conn.mayHaveSent(dialErr))
}
