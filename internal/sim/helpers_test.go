package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// fakeClock is an injectable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 6, 2, 9, 14, 51, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

const (
	testUser     = "api-user"
	testPassword = "s3cret-Pw"
	roUser       = "ro-user"
	roPassword   = "ro-Pw"
)

type fixture struct {
	t     *testing.T
	srv   *Server
	ts    *httptest.Server
	clock *fakeClock
}

func newFixture(t *testing.T, mutate ...func(*Options)) *fixture {
	t.Helper()
	clock := newFakeClock()
	opts := Options{
		Users: []User{{Name: testUser, Password: testPassword}, {Name: roUser, Password: roPassword, ReadOnly: true}},
		Now:   clock.Now,
	}
	for _, m := range mutate {
		m(&opts)
	}
	srv, err := New(opts)
	require.NoError(t, err)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{t: t, srv: srv, ts: ts, clock: clock}
}

type resp struct {
	code   int
	body   string
	header http.Header
}

func (r resp) get(path string) gjson.Result { return gjson.Get(r.body, path) }

func (f *fixture) do(method, path, contentType, body string, header map[string]string) resp {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.ts.URL+path, rd)
	require.NoError(f.t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := f.ts.Client().Do(req)
	require.NoError(f.t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(f.t, err)
	return resp{code: res.StatusCode, body: string(data), header: res.Header}
}

// tokenJSON posts a JSON body to the token endpoint.
func (f *fixture) tokenJSON(body string) resp {
	f.t.Helper()
	return f.do(http.MethodPost, "/api/v1/oauth/token/", "application/json", body, nil)
}

// login returns an access token for user.
func (f *fixture) login(user, password string) string {
	f.t.Helper()
	v := url.Values{"username": {user}, "password": {password}, "client_id": {"flexvm"}, "grant_type": {"password"}}
	r := f.do(http.MethodPost, "/api/v1/oauth/token/", "application/x-www-form-urlencoded", v.Encode(), nil)
	require.Equal(f.t, http.StatusOK, r.code, r.body)
	return r.get("access_token").String()
}

// api posts body to the FortiFlex path (after /ES/api/fortiflex/v2/) with token.
func (f *fixture) api(token, endpoint, body string) resp {
	f.t.Helper()
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return f.do(http.MethodPost, "/ES/api/fortiflex/v2/"+endpoint, "application/json", body, h)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
