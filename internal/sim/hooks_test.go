package sim

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

func TestStatsCounting(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	f.tokenJSON(`{"username":"api-user","password":"bad","client_id":"flexvm","grant_type":"password"}`)
	f.api(tok, "programs/list", "{}")
	f.api(tok, "programs/list", "")
	f.api("", "programs/list", "")                                 // 401 still counts
	f.do("GET", "/es/API/FortiFlex/v2/Programs/List", "", "", nil) // case-folded, 405 counts
	f.api(tok, "configs/list", `{"programSerialNumber":"ELAVMR0000000101"}`)
	f.api(tok, "no/such", "{}")
	f.do("POST", "/ES/api/flexvm/v1/groups/list", "", "", map[string]string{"Authorization": "Bearer " + tok})
	f.do("GET", "/api/v1/oauth/verify_token/", "", "", map[string]string{"Authorization": "Bearer " + tok})

	r := f.do("GET", "/_sim/stats", "", "", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.JSONEq(t, `{"logins":1,"refreshes":0,"requests":{
		"oauth/token":2,
		"oauth/verify_token":1,
		"fortiflex/v2/programs/list":4,
		"fortiflex/v2/configs/list":1,
		"fortiflex/v2/no/such":1,
		"flexvm/v1/groups/list":1}}`, r.body)

	t.Run("hooks are not counted and need no auth", func(t *testing.T) {
		again := f.do("POST", "/_sim/stats", "", "", nil)
		assert.JSONEq(t, r.body, again.body)
	})
	t.Run("reset-stats", func(t *testing.T) {
		rs := f.do("POST", "/_sim/reset-stats", "", "", nil)
		assert.Equal(t, http.StatusOK, rs.code)
		assert.JSONEq(t, `{"logins":0,"refreshes":0,"requests":{}}`, f.do("GET", "/_sim/stats", "", "", nil).body)
		// Tokens survive.
		assert.Equal(t, http.StatusOK, f.api(tok, "programs/list", "").code)
	})
}

func TestResetRestoresSeed(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	before := f.do("GET", "/_sim/state", "", "", nil)
	require.Equal(t, http.StatusOK, before.code)

	// Change the state behind the API's back, queue a fault.
	f.srv.mu.Lock()
	f.srv.st.Configs = f.srv.st.Configs[:1]
	f.srv.st.Programs[0].PointBalance = 1
	f.srv.mu.Unlock()
	f.srv.AddFault(Fault{Key: "fortiflex/v2/programs/list", Status: 503})

	r := f.do("POST", "/_sim/reset", "", "", nil)
	require.Equal(t, http.StatusOK, r.code)
	assert.JSONEq(t, `{"status":"reset"}`, r.body)

	assert.JSONEq(t, `{"logins":0,"refreshes":0,"requests":{}}`, f.do("GET", "/_sim/stats", "", "", nil).body)
	after := f.do("GET", "/_sim/state", "", "", nil)
	// Tokens are random; everything else is identical.
	assert.JSONEq(t, stripTokens(before.body), stripTokens(after.body))
	// Faults were cleared, and the caller's token still works.
	assert.Equal(t, http.StatusOK, f.api(tok, "programs/list", "").code)
}

var reDumpToken = regexp.MustCompile(`"token":\s*"[0-9A-F]{20}"`)

// stripTokens blanks the random license tokens of a dump.
func stripTokens(dump string) string {
	return reDumpToken.ReplaceAllString(dump, `"token":"X"`)
}

func TestDumpLoadRoundTrip(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	dump, err := f.srv.Dump()
	require.NoError(t, err)
	assert.Equal(t, int64(1), gjson.GetBytes(dump, "version").Int())
	assert.Equal(t, int64(6), gjson.GetBytes(dump, "state.nextConfigId").Int()-5000)
	assert.NotContains(t, string(dump), tok, "sessions are not dumped")
	assert.NotContains(t, string(dump), testPassword)

	// A second simulator with the empty seed takes the dump over HTTP.
	g := newFixture(t, func(o *Options) { o.Seed = SeedEmpty; o.Now = f.clock.Now })
	gtok := g.login(testUser, testPassword)
	assert.Equal(t, int64(0), g.api(gtok, "configs/list", `{"programSerialNumber":"ELAVMR0000000101"}`).get("configs.#").Int())
	r := g.do("POST", "/_sim/state", "application/json", string(dump), nil)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.JSONEq(t, `{"status":"loaded"}`, r.body)

	again := g.do("GET", "/_sim/state", "", "", nil)
	assert.JSONEq(t, string(dump), again.body)
	for _, ep := range []struct{ path, body string }{
		{"programs/list", ""},
		{"programs/points", ""},
		{"configs/list", `{"programSerialNumber":"ELAVMR0000000101"}`},
		{"configs/list", `{"programSerialNumber":"ELAVMS0000000518"}`},
	} {
		assert.Equal(t, f.api(tok, ep.path, ep.body).body, g.api(gtok, ep.path, ep.body).body, ep.path)
	}

	t.Run("invalid loads are refused and keep the state", func(t *testing.T) {
		cases := []struct{ name, body, want string }{
			{"not JSON", `{`, "sim: load state: unexpected end of JSON input"},
			{"wrong version", `{"version":99,"state":{}}`, "sim: load state: unsupported version 99 (want 1)"},
			{"no state", `{"version":1}`, "sim: load state: no state"},
			{"dangling config", `{"version":1,"state":{"accounts":[],"programs":[],"configs":[{"id":1,"programSerialNumber":"X"}]}}`,
				"sim: load state: configuration 1: unknown program X"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := g.do("POST", "/_sim/state", "application/json", tc.body, nil)
				assert.Equal(t, http.StatusBadRequest, r.code)
				assert.Equal(t, tc.want, r.get("error").String())
			})
		}
		assert.JSONEq(t, string(dump), g.do("GET", "/_sim/state", "", "", nil).body)
	})
}

func TestFaultQueue(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	cases := []struct {
		name  string
		fault string
		code  int
		body  string
	}{
		{"default is a 500 envelope", `{"key":"fortiflex/v2/programs/list"}`, 500,
			`{"status":-1,"message":"Simulated fault.","error":null}` + "\n"},
		{"invalid token", `{"key":"fortiflex/v2/programs/list","status":401}`, 401, invalidTokenBody},
		{"gateway HTML", `{"key":"fortiflex/v2/programs/list","status":502,"body":"<html>bad gateway</html>","contentType":"text/html"}`, 502,
			"<html>bad gateway</html>"},
		{"lost answer", `{"key":"fortiflex/v2/programs/list","when":"after","status":504}`, 504,
			`{"status":-1,"message":"Simulated fault.","error":null}` + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, http.StatusOK, f.do("POST", "/_sim/faults", "application/json", tc.fault, nil).code)
			r := f.api(tok, "programs/list", "")
			assert.Equal(t, tc.code, r.code)
			assert.Equal(t, tc.body, r.body)
			assert.Equal(t, http.StatusOK, f.api(tok, "programs/list", "").code, "one fault per request")
		})
	}
	t.Run("list and clear", func(t *testing.T) {
		f.do("POST", "/_sim/faults", "application/json", `{"key":"fortiflex/v2/configs/list","status":503}`, nil)
		assert.JSONEq(t, `[{"key":"fortiflex/v2/configs/list","when":"before","status":503}]`, f.do("GET", "/_sim/faults", "", "", nil).body)
		assert.Equal(t, http.StatusOK, f.do("DELETE", "/_sim/faults", "", "", nil).code)
		assert.JSONEq(t, `[]`, f.do("GET", "/_sim/faults", "", "", nil).body)
	})
	t.Run("bad fault", func(t *testing.T) {
		assert.Equal(t, http.StatusBadRequest, f.do("POST", "/_sim/faults", "application/json", `{"when":"later"}`, nil).code)
	})
}

func TestUnknownHook(t *testing.T) {
	f := newFixture(t)
	r := f.do("GET", "/_sim/nope", "", "", nil)
	assert.Equal(t, http.StatusNotFound, r.code)
	assert.JSONEq(t, `{"error":"unknown test hook /_sim/nope"}`, r.body)
	r = f.do("DELETE", "/_sim/state", "", "", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, r.code)
}

func TestNewValidation(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		err  string
	}{
		{"unknown seed", Options{Seed: "full"}, `sim: unknown seed "full" (want "demo" or "empty")`},
		{"user without password", Options{Users: []User{{Name: "a"}}}, "sim: every user needs a name and a password"},
		{"duplicate user", Options{Users: []User{{Name: "a", Password: "x"}, {Name: "a", Password: "y"}}}, `sim: duplicate user "a"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			assert.EqualError(t, err, tc.err)
		})
	}
	t.Run("defaults", func(t *testing.T) {
		s, err := New(Options{})
		require.NoError(t, err)
		assert.Equal(t, SeedDemo, s.opts.Seed)
		assert.Equal(t, 3660*time.Second, s.opts.TokenTTL)
		assert.WithinDuration(t, time.Now(), s.now(), time.Minute)
	})
}
