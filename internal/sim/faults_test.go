package sim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// try is do without failing on transport errors.
func (f *fixture) try(path, token, body string) (resp, error) {
	req, err := http.NewRequest(http.MethodPost, f.ts.URL+path, strings.NewReader(body))
	require.NoError(f.t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := f.ts.Client().Do(req)
	if err != nil {
		return resp{}, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return resp{code: res.StatusCode, body: string(data), header: res.Header}, err
}

func (f *fixture) configCount() int {
	f.srv.mu.Lock()
	defer f.srv.mu.Unlock()
	return len(f.srv.st.Configs)
}

func TestFaultKinds(t *testing.T) {
	const create = `{"programSerialNumber":"ELAVMR0000000101","name":"f","productTypeId":2,"parameters":[{"id":30,"value":1},{"id":9,"value":0}]}`
	successHalf := `{"status":0,"message":"Request processed successfully.","error":null}` + "\n"
	successHalf = successHalf[:len(successHalf)/2]
	cases := []struct {
		name, fault string
		netErr      bool
		code        int
		body        string // exact, "" = not checked
		contentType string
		minElapsed  time.Duration
		created     bool
		check       func(t *testing.T, r resp)
	}{
		{name: "status before", fault: `{"status":503}`, code: 503, body: `{"status":-1,"message":"Simulated fault.","error":null}` + "\n"},
		{name: "status after", fault: `{"status":503,"when":"after"}`, code: 503, body: `{"status":-1,"message":"Simulated fault.","error":null}` + "\n", created: true},
		{name: "429 with Retry-After", fault: `{"status":429,"retryAfter":7}`, code: 429,
			check: func(t *testing.T, r resp) { assert.Equal(t, "7", r.header.Get("Retry-After")) }},
		{name: "reset before", fault: `{"kind":"reset"}`, netErr: true},
		{name: "reset after", fault: `{"kind":"reset","when":"after"}`, netErr: true, created: true},
		{name: "delay before", fault: `{"kind":"delay","delay":"150ms"}`, code: 200, minElapsed: 150 * time.Millisecond, created: true},
		{name: "delay after", fault: `{"kind":"delay","delay":"150ms","when":"after"}`, code: 200, minElapsed: 150 * time.Millisecond, created: true},
		{name: "truncated before", fault: `{"kind":"truncated"}`, code: 200, body: successHalf},
		{name: "truncated after", fault: `{"kind":"truncated","when":"after"}`, code: 200, created: true,
			check: func(t *testing.T, r resp) {
				assert.False(t, gjson.Valid(r.body))
				assert.True(t, strings.HasPrefix(`{"status":0,"message":"Request processed successfully.","error":null,"configs":{"id":5006`, r.body[:40]))
			}},
		{name: "html before", fault: `{"kind":"html"}`, code: 502, body: gatewayHTML, contentType: "text/html"},
		{name: "html after, other status", fault: `{"kind":"html","status":504,"when":"after"}`, code: 504, body: gatewayHTML, contentType: "text/html", created: true},
		{name: "invalid-token before", fault: `{"kind":"invalid-token"}`, code: 401, body: invalidTokenBody},
		{name: "invalid-token after", fault: `{"kind":"invalid-token","when":"after"}`, code: 401, body: invalidTokenBody, created: true},
		{name: "custom body", fault: `{"status":500,"body":"oops","contentType":"text/plain"}`, code: 500, body: "oops", contentType: "text/plain"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tok := f.login(testUser, testPassword)
			fault := `{"key":"fortiflex/v2/configs/create",` + tc.fault[1:]
			require.Equal(t, http.StatusOK, f.hook("POST", "faults", fault).code)
			start := time.Now()
			r, err := f.try("/ES/api/fortiflex/v2/configs/create", tok, create)
			elapsed := time.Since(start)
			if tc.netErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.code, r.code, r.body)
				if tc.body != "" {
					assert.Equal(t, tc.body, r.body)
				}
				if tc.contentType != "" {
					assert.Equal(t, tc.contentType, r.header.Get("Content-Type"))
				}
				if tc.check != nil {
					tc.check(t, r)
				}
			}
			assert.GreaterOrEqual(t, elapsed, tc.minElapsed)
			want := 6
			if tc.created {
				want = 7
			}
			assert.Equal(t, want, f.configCount(), "did the request happen?")
			// One fault per request: the next one is normal.
			assert.Equal(t, http.StatusOK, f.api(tok, "configs/create", create).code)
			assert.JSONEq(t, `[]`, f.hook("GET", "faults", "").body)
		})
	}
}

func TestFaultCountAndQueue(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	require.NoError(t, f.srv.AddFault(Fault{Key: "/fortiflex/v2/programs/list/", Status: 503, Count: 3}))
	require.NoError(t, f.srv.AddFault(Fault{Key: "fortiflex/v2/programs/list", Kind: FaultInvalidToken}))
	assert.Equal(t, 503, f.api(tok, "programs/list", "").code)
	assert.JSONEq(t, `[{"key":"fortiflex/v2/programs/list","when":"before","status":503,"count":2},{"key":"fortiflex/v2/programs/list","when":"before","kind":"invalid-token"}]`,
		f.hook("GET", "faults", "").body)
	assert.Equal(t, 503, f.api(tok, "programs/list", "").code)
	assert.Equal(t, 503, f.api(tok, "programs/list", "").code)
	assert.Equal(t, 401, f.api(tok, "programs/list", "").code)
	assert.Equal(t, 200, f.api(tok, "programs/list", "").code)
	assert.Equal(t, 5, f.srv.Stats().Requests["fortiflex/v2/programs/list"])

	t.Run("unauthenticated requests do not consume faults", func(t *testing.T) {
		require.NoError(t, f.srv.AddFault(Fault{Key: "fortiflex/v2/programs/list", Status: 500}))
		assert.Equal(t, 401, f.api("", "programs/list", "").code)
		assert.Equal(t, 500, f.api(tok, "programs/list", "").code)
	})
	t.Run("an after fault waits behind a before fault", func(t *testing.T) {
		require.NoError(t, f.srv.AddFault(Fault{Key: "fortiflex/v2/programs/list", When: FaultAfter, Status: 504}))
		assert.Equal(t, 504, f.api(tok, "programs/list", "").code)
	})
	t.Run("bad faults", func(t *testing.T) {
		bad := []string{
			`{"when":"before"}`,
			`{"key":"k","when":"later"}`,
			`{"key":"k","kind":"boom"}`,
			`{"key":"k","kind":"delay","delay":"soon"}`,
			`{"key":"k","count":-1}`,
			`{"key":"k","status":42}`,
			`{"key":"k","status":"500"}`,
		}
		for _, b := range bad {
			r := f.hook("POST", "faults", b)
			assert.Equal(t, http.StatusBadRequest, r.code, b)
			assert.Contains(t, r.get("error").String(), "body must be", b)
		}
		assert.Error(t, f.srv.AddFault(Fault{Key: "k", Kind: "nope"}))
		assert.JSONEq(t, `[]`, f.hook("GET", "faults", "").body)
	})
}

func TestFaultOnLogin(t *testing.T) {
	f := newFixture(t)
	const login = `{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`
	require.NoError(t, f.srv.AddFault(Fault{Key: "oauth/token", Kind: FaultHTML}))
	r := f.tokenJSON(login)
	assert.Equal(t, 502, r.code)
	assert.Equal(t, gatewayHTML, r.body)
	assert.Equal(t, 0, f.srv.Stats().Logins)

	require.NoError(t, f.srv.AddFault(Fault{Key: "oauth/token", When: FaultAfter, Kind: FaultReset}))
	_, err := f.try("/api/v1/oauth/token/", "", login)
	assert.Error(t, err)
	assert.Equal(t, 1, f.srv.Stats().Logins, "the login happened, its answer was lost")

	require.NoError(t, f.srv.AddFault(Fault{Key: "oauth/token", Kind: FaultDelay, Delay: "50ms"}))
	start := time.Now()
	r = f.tokenJSON(login)
	assert.Equal(t, 200, r.code)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
	assert.Equal(t, 2, f.srv.Stats().Logins)
}

// A reset fault behind the request logger of the binary still hijacks.
func TestResetThroughRequestLog(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	var log strings.Builder
	logged := httptest.NewServer(WithRequestLog(f.srv, &syncWriter{w: &log}))
	defer logged.Close()
	require.NoError(t, f.srv.AddFault(Fault{Key: "fortiflex/v2/programs/list", Kind: FaultReset}))
	req, err := http.NewRequest(http.MethodPost, logged.URL+"/ES/api/fortiflex/v2/programs/list", strings.NewReader("{}"))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := logged.Client().Do(req)
	if err == nil {
		res.Body.Close()
	}
	assert.Error(t, err)
	assert.Equal(t, 200, f.api(tok, "programs/list", "").code)
}
