package fortiflex

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testUser     = "api-user-7F3A"
	testPassword = "Pw-9x!secret-Q2"
	authPath     = "/api/v1/oauth/token/"
	apiPrefix    = "/ES/api/fortiflex/v2/"
	v1Prefix     = "/ES/api/flexvm/v1/" // ops served here are registered as "v1/<op>"
)

// captured is one request as the fake server saw it.
type captured struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// fakeAPI is a small stand-in for the OAuth server and the FortiFlex API,
// written for these tests from the spec (it is not the simulator).
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	logins    int            // every request to the token URL
	grants    map[string]int // per grant_type
	tokenSeq  int
	valid     map[string]bool
	refreshOK map[string]bool // refresh tokens that can be used (once)
	expiresIn int
	requests  []captured
	hits      map[string]int // per API op
	handlers  map[string]http.HandlerFunc
	login     http.HandlerFunc // replaces the default token endpoint
	logs      []string
	lastToken string
}

// setup starts a fake FortiFlex server for one test.
func setup(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{
		t:         t,
		valid:     map[string]bool{},
		refreshOK: map[string]bool{},
		grants:    map[string]int{},
		expiresIn: 3660,
		hits:      map[string]int{},
		handlers:  map[string]http.HandlerFunc{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	f.mu.Lock()
	f.requests = append(f.requests, captured{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	f.mu.Unlock()

	switch {
	case r.URL.Path == authPath:
		var g struct {
			GrantType string `json:"grant_type"`
		}
		_ = json.Unmarshal(body, &g)
		f.mu.Lock()
		f.logins++
		f.grants[g.GrantType]++
		h := f.login
		f.mu.Unlock()
		if h != nil {
			h(w, r)
			return
		}
		f.defaultLogin(w, r, body)
	case strings.HasPrefix(r.URL.Path, apiPrefix) || strings.HasPrefix(r.URL.Path, v1Prefix):
		op := strings.TrimPrefix(r.URL.Path, apiPrefix)
		if strings.HasPrefix(r.URL.Path, v1Prefix) {
			op = "v1/" + strings.TrimPrefix(r.URL.Path, v1Prefix)
		}
		f.mu.Lock()
		f.hits[op]++
		h := f.handlers[op]
		tokenOK := f.valid[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
		f.mu.Unlock()
		if !tokenOK {
			writeJSON(w, http.StatusUnauthorized, `{"status":-1,"message":"Invalid security token.","error":null}`)
			return
		}
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	default:
		http.NotFound(w, r)
	}
}

// defaultLogin serves the password grant and the refresh grant (refresh
// tokens are single-use, as the spec assumes).
func (f *fakeAPI) defaultLogin(w http.ResponseWriter, _ *http.Request, body []byte) {
	var in map[string]string
	if json.Unmarshal(body, &in) != nil || in["client_id"] != "flexvm" {
		writeJSON(w, http.StatusBadRequest, `{"error":"invalid_request"}`)
		return
	}
	switch in["grant_type"] {
	case "password":
		if in["username"] != testUser || in["password"] != testPassword {
			writeJSON(w, http.StatusUnauthorized, `{"error":"invalid_grant","error_description":"Invalid credentials given."}`)
			return
		}
	case "refresh_token":
		f.mu.Lock()
		ok := f.refreshOK[in["refresh_token"]]
		delete(f.refreshOK, in["refresh_token"])
		f.mu.Unlock()
		if !ok {
			writeJSON(w, http.StatusUnauthorized, `{"error":"invalid_grant","error_description":"Invalid refresh token."}`)
			return
		}
	default:
		writeJSON(w, http.StatusBadRequest, `{"error":"unsupported_grant_type"}`)
		return
	}
	f.mu.Lock()
	f.tokenSeq++
	access := fmt.Sprintf("AccessTok%021d", f.tokenSeq)
	refresh := fmt.Sprintf("RefreshTok%020d", f.tokenSeq)
	f.valid[access] = true
	f.refreshOK[refresh] = true
	f.lastToken = access
	exp := f.expiresIn
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, fmt.Sprintf(`{"access_token":%q,"expires_in":%d,"token_type":"Bearer","scope":"read write","refresh_token":%q,"message":"successfully authenticated","status":"success"}`, access, exp, refresh))
}

// setLogin replaces the token endpoint's handler (under the lock, for
// requests that come from other processes).
func (f *fakeAPI) setLogin(h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.login = h
}

// handle registers the handler of one API op (called after the token check).
func (f *fakeAPI) handle(op string, h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handlers[op] = h
}

// revokeAll makes every issued token invalid, as a re-login elsewhere would.
func (f *fakeAPI) revokeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.valid = map[string]bool{}
}

func (f *fakeAPI) loginCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logins
}

// grantCount returns how many token requests of a grant type arrived.
func (f *fakeAPI) grantCount(grantType string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.grants[grantType]
}

func (f *fakeAPI) hitCount(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[op]
}

// requestsTo returns the captured requests to a path.
func (f *fakeAPI) requestsTo(path string) []captured {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []captured
	for _, r := range f.requests {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeAPI) logLines() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.logs...)
}

// client returns a Client pointed at the fake, with tiny backoff waits.
func (f *fakeAPI) client(mods ...func(*Options)) *Client {
	f.t.Helper()
	opts := Options{
		Username:     testUser,
		Password:     testPassword,
		AuthURL:      f.srv.URL + authPath,
		APIURL:       f.srv.URL + "/ES/api/",
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		Timeout:      5 * time.Second,
		Logger: func(format string, args ...any) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.logs = append(f.logs, fmt.Sprintf(format, args...))
		},
	}
	for _, m := range mods {
		m(&opts)
	}
	c, err := New(opts)
	require.NoError(f.t, err)
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// okBody is a success envelope with payload under key.
func okBody(key, payload string) string {
	return fmt.Sprintf(`{"status":0,"message":"Request processed successfully.","error":null,%q:%s}`, key, payload)
}

// respond answers with a fixed status and body.
func respond(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, status, body) }
}

// sequence answers with the given handlers in turn, repeating the last.
func sequence(hs ...http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	n := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := hs[min(n, len(hs)-1)]
		n++
		mu.Unlock()
		h(w, r)
	}
}

// resetConn drops the connection without an answer.
func resetConn(w http.ResponseWriter, _ *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("no hijacker")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

const programsPayload = `[{"serialNumber":"ELAVMR0000000101","accountId":853130,"startDate":"2020-05-16 00:00:00","endDate":"2026-05-15T00:00:00","hasSupportCoverage":true}]`

var wantPrograms = []Program{{
	SerialNumber: "ELAVMR0000000101", AccountID: 853130,
	StartDate: "2020-05-16 00:00:00", EndDate: "2026-05-15T00:00:00", HasSupportCoverage: true,
}}

// wrap adapts a typed method result for apiCase.call.
func wrap[T any](v T, err error) (any, error) { return v, err }

// apiCase is one call of a typed method against a canned HTTP 200 answer.
type apiCase struct {
	name     string
	op       string // fake op: "entitlements/list", or "v1/groups/list" for the v1 path
	call     func(context.Context, *Client) (any, error)
	wantBody string // the exact request body
	answer   string
	want     any
}

// opPath is the URL path of a fake op.
func opPath(op string) string {
	if rest, ok := strings.CutPrefix(op, "v1/"); ok {
		return v1Prefix + rest
	}
	return apiPrefix + op
}

// runAPICases checks, for each case, the exact body sent and the decoded answer.
func runAPICases(t *testing.T, cases []apiCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle(tt.op, respond(200, tt.answer))
			c := f.client()
			got, err := tt.call(context.Background(), c)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			calls := f.requestsTo(opPath(tt.op))
			require.Len(t, calls, 1)
			assert.Equal(t, http.MethodPost, calls[0].Method)
			assert.Equal(t, tt.wantBody, string(calls[0].Body))
		})
	}
}

// invalidCase is a call that must be refused before any I/O.
type invalidCase struct {
	name    string
	call    func(context.Context, *Client) error
	wantMsg string // the exact error text
}

func runInvalidCases(t *testing.T, cases []invalidCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			c := f.client()
			err := tt.call(context.Background(), c)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidRequest)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.Equal(t, Stats{}, c.Stats(), "no request before validation passed")
			assert.Equal(t, 0, f.loginCount())
		})
	}
}

// errOnly adapts a typed method result for invalidCase.call.
func errOnly[T any](_ T, err error) error { return err }

func ptr[T any](v T) *T { return &v }
