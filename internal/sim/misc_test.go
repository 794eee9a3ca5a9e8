package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// Every write route of the table refuses a ReadOnly user with 403, changes
// nothing, and every read route is open to it.
func TestReadOnlyForbiddenOnEveryWriteRoute(t *testing.T) {
	f := newFixture(t)
	ro := f.login(roUser, roPassword)
	before, err := f.srv.Dump()
	require.NoError(t, err)
	keys := make([]string, 0, len(f.srv.routes))
	for k := range f.srv.routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	writes := 0
	for _, k := range keys {
		rt := f.srv.routes[k]
		t.Run(k, func(t *testing.T) {
			r := f.do("POST", "/ES/api/"+k, "application/json", `{"configId":5000,"serialNumber":"FGVMELTM24000002","id":5000}`,
				map[string]string{"Authorization": "Bearer " + ro})
			if rt.write {
				writes++
				assert.Equal(t, http.StatusForbidden, r.code)
				assert.Equal(t, `{"status":-1,"message":"Permission denied.","error":"User has read-only access."}`+"\n", r.body)
			} else {
				assert.NotEqual(t, http.StatusForbidden, r.code, r.body)
			}
		})
	}
	assert.Equal(t, 13, writes)
	after, err := f.srv.Dump()
	require.NoError(t, err)
	assert.JSONEq(t, string(before), string(after))
}

func TestDumpLoadRoundTripWithActivity(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.TokenTTL = 30 * 24 * time.Hour })
	tok := f.login(testUser, testPassword)
	f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"ems","productTypeId":204,"parameters":[{"id":37,"value":25},{"id":38,"value":0},{"id":39,"value":0},{"id":40,"value":0},{"id":41,"value":0}]}`)
	vms := f.must(tok, "entitlements/vm/create", `{"configId":5000,"count":3,"skipPending":true}`)
	f.must(tok, "entitlements/hardware/create", `{"configId":5002,"serialNumbers":["FGT60FTK25000001"]}`)
	f.must(tok, "entitlements/cloud/create", `{"configId":5006}`)
	f.must(tok, "entitlements/stop", `{"serialNumber":"`+vms.get("entitlements.1.serialNumber").String()+`"}`)
	require.NoError(t, f.srv.Redeem("FGVMELTM24000001"))
	f.must(tok, "entitlements/transfer", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000003"]}`)
	f.srv.AdvanceClock(50 * time.Hour)

	dump, err := f.srv.Dump()
	require.NoError(t, err)
	for _, field := range []string{"state.clockOffsetNs", "state.accruedThrough", "state.nextSerial.FGVMELTM25", "state.entitlements.0.usage", "state.programs.0.pointBalance"} {
		assert.True(t, gjson.GetBytes(dump, field).Exists(), field)
	}
	assert.Equal(t, int64(50*time.Hour), gjson.GetBytes(dump, "state.clockOffsetNs").Int())

	g := newFixture(t, func(o *Options) { o.Seed = SeedEmpty; o.Now = f.clock.Now; o.TokenTTL = 30 * 24 * time.Hour })
	require.NoError(t, g.srv.Load(dump))
	again, err := g.srv.Dump()
	require.NoError(t, err)
	assert.JSONEq(t, string(dump), string(again))
	assert.Equal(t, f.srv.Now(), g.srv.Now(), "the clock offset is part of the state")

	gtok := g.login(testUser, testPassword)
	tok = f.login(testUser, testPassword)
	for _, ep := range []struct{ path, body string }{
		{"entitlements/list", `{"configId":5000}`},
		{"entitlements/list", `{"accountId":853131,"programSerialNumber":"ELAVMR0000000101"}`},
		{"entitlements/points", `{"accountId":853130,"programSerialNumber":"ELAVMR0000000101","startDate":"2025-01-01","endDate":"2025-12-31"}`},
		{"programs/points", ``},
		{"configs/list", `{"programSerialNumber":"ELAVMR0000000101"}`},
		{"groups/list", `{"accountId":853130}`},
		{"entitlements/vm/create", `{"configId":5000}`}, // sequences continue identically
		{"entitlements/cloud/create", `{"configId":5006}`},
	} {
		a, b := f.api(tok, ep.path, ep.body), g.api(gtok, ep.path, ep.body)
		assert.Equal(t, a.code, b.code, ep.path)
		assert.Equal(t, stripTokens(a.body), stripTokens(b.body), ep.path)
	}
}

func TestConcurrentCreates(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	const n = 50
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		serials []string
		tokens  []string
		codes   = make([]int, n)
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			path, body := "/ES/api/fortiflex/v2/entitlements/vm/create", `{"configId":5000,"count":2}`
			if i%5 == 0 {
				path, body = "/ES/api/fortiflex/v2/entitlements/hardware/create", fmt.Sprintf(`{"configId":5002,"serialNumbers":["FGT60FTK2500%04d"]}`, i)
			}
			req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			res, err := f.ts.Client().Do(req)
			if err != nil {
				return
			}
			defer res.Body.Close()
			var buf bytes.Buffer
			_, _ = buf.ReadFrom(res.Body)
			codes[i] = res.StatusCode
			mu.Lock()
			for _, e := range gjson.Get(buf.String(), "entitlements").Array() {
				serials = append(serials, e.Get("serialNumber").String())
				if tk := e.Get("token").String(); tk != "" {
					tokens = append(tokens, tk)
				}
			}
			mu.Unlock()
		}(i)
	}
	for i := 0; i < 10; i++ { // readers and hooks at the same time
		wg.Add(3)
		go func() { defer wg.Done(); f.api(tok, "entitlements/list", `{"configId":5000}`) }()
		go func() { defer wg.Done(); _, _ = f.srv.Dump() }()
		go func() { defer wg.Done(); f.srv.AdvanceClock(time.Minute) }()
	}
	wg.Wait()
	for i, c := range codes {
		assert.Equal(t, http.StatusOK, c, "request %d", i)
	}
	assert.Len(t, serials, 40*2+10)
	assert.Len(t, tokens, 80)
	seen := map[string]bool{}
	for _, s := range append(serials, tokens...) {
		assert.False(t, seen[s], "duplicate %s", s)
		seen[s] = true
	}
	assert.Equal(t, int64(3+80), f.must(tok, "entitlements/list", `{"configId":5000}`).get("entitlements.#").Int())
}

// --- in-process helpers for fuzzing and benchmarks ---

func serveDirect(h http.Handler, token, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func directLogin(tb testing.TB, s *Server) string {
	tb.Helper()
	rec := serveDirect(s, "", "/api/v1/oauth/token/", `{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`)
	require.Equal(tb, http.StatusOK, rec.Code)
	return gjson.Get(rec.Body.String(), "access_token").String()
}

func newDirect(tb testing.TB) (*Server, string) {
	tb.Helper()
	s, err := New(Options{Users: []User{{Name: testUser, Password: testPassword}}, TokenTTL: 1000 * time.Hour, Now: newFakeClock().Now})
	require.NoError(tb, err)
	return s, directLogin(tb, s)
}

// with10k adds 10,000 VM entitlements to configuration 5000.
func with10k(tb testing.TB, s *Server, tok string) {
	tb.Helper()
	for i := 0; i < 10; i++ {
		rec := serveDirect(s, tok, "/ES/api/fortiflex/v2/entitlements/vm/create", `{"configId":5000,"count":1000}`)
		require.Equal(tb, http.StatusOK, rec.Code, rec.Body.String())
	}
}

// TestEntitlementsList10k checks that a configuration with 10,000
// entitlements lists completely and filters by serial number. How fast it
// answers is a benchmark (BenchmarkEntitlementsList10k), not a test: the
// machines that run tests are shared and noisy.
func TestEntitlementsList10k(t *testing.T) {
	s, tok := newDirect(t)
	with10k(t, s, tok)
	rec := serveDirect(s, tok, "/ES/api/fortiflex/v2/entitlements/list", `{"configId":5000}`)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, int64(10003), gjson.Get(rec.Body.String(), "entitlements.#").Int())
	rec = serveDirect(s, tok, "/ES/api/fortiflex/v2/entitlements/list", `{"configId":5000,"serialNumber":"FGVMELTM25005000"}`)
	assert.Equal(t, int64(1), gjson.Get(rec.Body.String(), "entitlements.#").Int())
}

func BenchmarkEntitlementsList10k(b *testing.B) {
	s, tok := newDirect(b)
	with10k(b, s, tok)
	b.ReportAllocs()
	for b.Loop() {
		rec := serveDirect(s, tok, "/ES/api/fortiflex/v2/entitlements/list", `{"configId":5000}`)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Body.String())
		}
	}
}

// Any body on any endpoint: never a panic, never a 5xx, always a JSON envelope.
func FuzzRequestBodies(f *testing.F) {
	s, tok := newDirect(f)
	keys := make([]string, 0, len(routes))
	for k := range routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	seeds := []string{
		`{}`, ``, `null`, `[]`, `{"programSerialNumber":"ELAVMR0000000101","name":"n","productTypeId":1,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"UTP"}]}`,
		`{"parameters":[{"id":1e99,"value":true}]}`, `{"parameters":[null,{}]}`, `{"productTypeId":"1.5"}`, `{"configId":5000,"count":"3","endDate":"2025-13-45"}`,
		`{"id":5000,"parameters":[{"id":"43","value":"NONE"},{"id":43,"value":"FGTAVDB"}]}`, `{"serialNumbers":[1,2]}`, `{"status":{"a":1}}`,
		`{"startDate":"2025-01-01","endDate":"2025-01-02","configId":5000}`, `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000001"]}`,
	}
	for i, b := range seeds {
		f.Add(uint8(i), []byte(b))
		f.Add(uint8(i*7+3), []byte(b))
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		path := "/ES/api/" + keys[int(which)%len(keys)]
		rec := serveDirect(s, tok, path, string(body))
		if rec.Code >= 500 {
			t.Fatalf("%s %q: %d %s", path, body, rec.Code, rec.Body.String())
		}
		if !gjson.Valid(rec.Body.String()) {
			t.Fatalf("%s %q: not JSON: %s", path, body, rec.Body.String())
		}
	})
}

func TestTokenExpiryFollowsSimClock(t *testing.T) {
	cases := []struct {
		advance string
		code    int
	}{{"3659s", 200}, {"3660s", 401}, {"48h", 401}}
	for _, tc := range cases {
		t.Run(tc.advance, func(t *testing.T) {
			f := newFixture(t)
			tok := f.login(testUser, testPassword)
			require.Equal(t, http.StatusOK, f.hook("POST", "clock", `{"advance":"`+tc.advance+`"}`).code)
			assert.Equal(t, tc.code, f.api(tok, "programs/list", "").code)
			assert.Equal(t, http.StatusOK, f.api(f.login(testUser, testPassword), "programs/list", "").code, "a new login works")
		})
	}
}

// Days crossed by Options.Now alone are applied on the next request, which
// then counts as a write (AfterWrite) even when it is a read.
func TestAccrualOnReadAfterOptionsClockMoves(t *testing.T) {
	var writes int
	var mu sync.Mutex
	f := newFixture(t, func(o *Options) {
		o.AfterWrite = func() { mu.Lock(); writes++; mu.Unlock() }
		o.TokenTTL = 72 * time.Hour
	})
	tok := f.login(testUser, testPassword)
	f.must(tok, "programs/list", "")
	f.clock.Advance(48 * time.Hour)
	r := f.must(tok, "programs/points", `{"programSerialNumber":"ELAVMR0000000101"}`)
	assert.Equal(t, 126652-2*17.94, r.get("programs.0.pointBalance").Float())
	f.must(tok, "programs/list", "")
	mu.Lock()
	assert.Equal(t, 1, writes)
	mu.Unlock()
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	base := time.Date(2025, 6, 2, 9, 14, 51, 270_000_000, time.UTC)
	descs := []string{"", "branch-a", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnewline\n", "ünïcødé ✓", "\x00\x1f\x7f", "bad utf8 \xff\xfe", "\u2028\u2029"}
	for i, d := range descs {
		for _, tok := range []string{"", "3F9A0C27B14D8E6A5C21"} {
			e := &entitlement{SerialNumber: "FGVMELTM25000001", AccountID: 853130, ConfigID: int64(5000 + i), Description: d,
				StartDate: base.Add(time.Duration(i) * 7 * time.Millisecond), EndDate: base.AddDate(1, 0, 0), Status: statusActive,
				Token: tok, TokenStatus: map[bool]string{true: "", false: tokenUsed}[tok == ""]}
			want, err := json.Marshal(e.view())
			require.NoError(t, err)
			assert.Equal(t, string(want), string(e.appendJSON(nil)), "%q", d)
		}
	}
}
