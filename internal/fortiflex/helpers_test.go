package fortiflex

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	testUser     = "api-user-7F3A"
	testPassword = "Pw-9x!secret-Q2"
	authPath     = "/api/v1/oauth/token/"
	apiPrefix    = "/ES/api/fortiflex/v2/"
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
	logins    int
	tokenSeq  int
	valid     map[string]bool
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
		f.mu.Lock()
		f.logins++
		h := f.login
		f.mu.Unlock()
		if h != nil {
			h(w, r)
			return
		}
		f.defaultLogin(w, r, body)
	case strings.HasPrefix(r.URL.Path, apiPrefix):
		op := strings.TrimPrefix(r.URL.Path, apiPrefix)
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

func (f *fakeAPI) defaultLogin(w http.ResponseWriter, _ *http.Request, body []byte) {
	var in map[string]string
	if json.Unmarshal(body, &in) != nil || in["username"] != testUser || in["password"] != testPassword ||
		in["client_id"] != "flexvm" || in["grant_type"] != "password" {
		writeJSON(w, http.StatusUnauthorized, `{"error":"invalid_grant","error_description":"Invalid credentials given."}`)
		return
	}
	f.mu.Lock()
	f.tokenSeq++
	access := fmt.Sprintf("AccessTok%021d", f.tokenSeq)
	refresh := fmt.Sprintf("RefreshTok%020d", f.tokenSeq)
	f.valid[access] = true
	f.lastToken = access
	exp := f.expiresIn
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, fmt.Sprintf(`{"access_token":%q,"expires_in":%d,"token_type":"Bearer","scope":"read write","refresh_token":%q,"message":"successfully authenticated","status":"success"}`, access, exp, refresh))
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
