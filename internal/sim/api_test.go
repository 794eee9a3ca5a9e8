package sim

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const invalidTokenBody = `{"status":-1,"message":"Invalid security token.","error":null}` + "\n"

func TestEnvelopeAuthAndRouting(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	cases := []struct {
		name, method, path, auth, body string
		code                           int
		want                           string // exact body ("" = just a success envelope)
	}{
		{"no Authorization header", "POST", "/ES/api/fortiflex/v2/programs/list", "", "{}", 401, invalidTokenBody},
		{"unknown token", "POST", "/ES/api/fortiflex/v2/programs/list", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "{}", 401, invalidTokenBody},
		{"wrong scheme", "POST", "/ES/api/fortiflex/v2/programs/list", "Basic " + tok, "{}", 401, invalidTokenBody},
		{"unknown endpoint", "POST", "/ES/api/fortiflex/v2/nothing/here", "Bearer " + tok, "{}", 404,
			`{"status":-1,"message":"Unknown endpoint","error":"No endpoint at /ES/api/fortiflex/v2/nothing/here."}` + "\n"},
		{"trailing slash is not an endpoint", "POST", "/ES/api/fortiflex/v2/programs/list/", "Bearer " + tok, "{}", 404,
			`{"status":-1,"message":"Unknown endpoint","error":"No endpoint at /ES/api/fortiflex/v2/programs/list/."}` + "\n"},
		{"outside the API", "POST", "/nothing", "", "", 404,
			`{"status":-1,"message":"Unknown endpoint","error":"No endpoint at /nothing."}` + "\n"},
		{"GET not allowed", "GET", "/ES/api/fortiflex/v2/programs/list", "Bearer " + tok, "", 405,
			`{"status":-1,"message":"Method not allowed.","error":"Only POST is allowed on /ES/api/fortiflex/v2/programs/list."}` + "\n"},
		{"PUT not allowed", "PUT", "/ES/api/fortiflex/v2/configs/list", "Bearer " + tok, "{}", 405,
			`{"status":-1,"message":"Method not allowed.","error":"Only POST is allowed on /ES/api/fortiflex/v2/configs/list."}` + "\n"},
		{"invalid JSON", "POST", "/ES/api/fortiflex/v2/programs/list", "Bearer " + tok, "{", 400,
			`{"status":-1,"message":"Invalid JSON in request body.","error":"Invalid JSON in request body."}` + "\n"},
		{"JSON array body", "POST", "/ES/api/fortiflex/v2/programs/list", "Bearer " + tok, "[]", 400,
			`{"status":-1,"message":"Request body must be a JSON object.","error":"Request body must be a JSON object."}` + "\n"},
		{"absent body", "POST", "/ES/api/fortiflex/v2/programs/list", "Bearer " + tok, "", 200, ""},
		{"empty object", "POST", "/ES/api/fortiflex/v2/programs/list", "Bearer " + tok, "{}", 200, ""},
		{"null body", "POST", "/ES/api/fortiflex/v2/programs/list", "Bearer " + tok, "null", 200, ""},
		{"lower-case es", "POST", "/es/api/fortiflex/v2/programs/list", "Bearer " + tok, "{}", 200, ""},
		{"lower-case bearer", "POST", "/ES/api/fortiflex/v2/programs/list", "bearer " + tok, "{}", 200, ""},
		{"v1 groups/list", "POST", "/ES/api/flexvm/v1/groups/list", "Bearer " + tok, "{}", 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.auth != "" {
				h["Authorization"] = tc.auth
			}
			r := f.do(tc.method, tc.path, "application/json", tc.body, h)
			assert.Equal(t, tc.code, r.code, r.body)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			if tc.want != "" {
				assert.Equal(t, tc.want, r.body)
				return
			}
			assert.True(t, strings.HasPrefix(r.body, `{"status":0,"message":"Request processed successfully.","error":null,`), r.body)
		})
	}
	t.Run("405 carries Allow", func(t *testing.T) {
		r := f.do("GET", "/ES/api/fortiflex/v2/programs/list", "", "", nil)
		assert.Equal(t, "POST", r.header.Get("Allow"))
	})
}

func TestProgramsList(t *testing.T) {
	cases := []struct {
		name string
		seed string
	}{{"demo seed", SeedDemo}, {"empty seed", SeedEmpty}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, func(o *Options) { o.Seed = tc.seed })
			tok := f.login(roUser, roPassword) // reads are fine for read-only users
			r := f.api(tok, "programs/list", "{}")
			require.Equal(t, http.StatusOK, r.code)
			// Clock 2025-06-02T09:14:51Z → today 2025-06-02.
			want := `{"status":0,"message":"Request processed successfully.","error":null,"programs":[` +
				`{"serialNumber":"ELAVMR0000000101","accountId":853130,"startDate":"2024-06-02T00:00:00","endDate":"2027-06-02T00:00:00","hasSupportCoverage":true},` +
				`{"serialNumber":"ELAVMS0000000518","accountId":853130,"startDate":"2023-06-02T00:00:00","endDate":"2028-06-02T00:00:00","hasSupportCoverage":true}]}` + "\n"
			assert.Equal(t, want, r.body)
		})
	}
}

func TestProgramsPoints(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	balance := `{"status":0,"message":"Request processed successfully.","error":null,"programs":[{"accountId":853130,"serialNumber":"ELAVMR0000000101","pointBalance":126652}]}` + "\n"
	cases := []struct {
		name, body string
		code       int
		want       string
	}{
		{"no filter lists prepaid programs", "{}", 200, balance},
		{"absent body", "", 200, balance},
		{"prepaid program", `{"programSerialNumber":"ELAVMR0000000101"}`, 200, balance},
		{"postpaid program", `{"programSerialNumber":"ELAVMS0000000518"}`, 400,
			`{"status":-1,"message":"Program ELAVMS0000000518 is not a prepaid program; point balance is available for prepaid programs only.","error":"Program ELAVMS0000000518 is not a prepaid program; point balance is available for prepaid programs only."}` + "\n"},
		{"unknown program", `{"programSerialNumber":"ELAVMR0000009999"}`, 400,
			`{"status":-1,"message":"Program ELAVMR0000009999 not found.","error":"Program ELAVMR0000009999 not found."}` + "\n"},
		{"wrong type", `{"programSerialNumber":{}}`, 400,
			`{"status":-1,"message":"Invalid value for programSerialNumber.","error":"Invalid value for programSerialNumber."}` + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "programs/points", tc.body)
			assert.Equal(t, tc.code, r.code)
			assert.Equal(t, tc.want, r.body)
		})
	}
}

func TestConfigsList(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	cases := []struct {
		name, body string
		code       int
		wantIDs    []int64
		wantBody   string
	}{
		{"whole organisation", `{"programSerialNumber":"ELAVMR0000000101"}`, 200, []int64{5000, 5001, 5002, 5003, 5004}, ""},
		{"root account", `{"programSerialNumber":"ELAVMR0000000101","accountId":853130}`, 200, []int64{5000, 5001}, ""},
		{"tenant account as string", `{"programSerialNumber":"ELAVMR0000000101","accountId":"853131"}`, 200, []int64{5002, 5003, 5004}, ""},
		{"accountId null means all", `{"programSerialNumber":"ELAVMR0000000101","accountId":null}`, 200, []int64{5000, 5001, 5002, 5003, 5004}, ""},
		{"postpaid program", `{"programSerialNumber":"ELAVMS0000000518"}`, 200, []int64{5005}, ""},
		{"postpaid program, tenant", `{"programSerialNumber":"ELAVMS0000000518","accountId":853131}`, 200, []int64{}, ""},
		{"missing program", `{}`, 400, nil,
			`{"status":-1,"message":"programSerialNumber is required.","error":"programSerialNumber is required."}` + "\n"},
		{"absent body", ``, 400, nil,
			`{"status":-1,"message":"programSerialNumber is required.","error":"programSerialNumber is required."}` + "\n"},
		{"empty program", `{"programSerialNumber":""}`, 400, nil,
			`{"status":-1,"message":"programSerialNumber is required.","error":"programSerialNumber is required."}` + "\n"},
		{"unknown program", `{"programSerialNumber":"ELAVMS0000000999"}`, 400, nil,
			`{"status":-1,"message":"Program ELAVMS0000000999 not found.","error":"Program ELAVMS0000000999 not found."}` + "\n"},
		{"unknown account", `{"programSerialNumber":"ELAVMR0000000101","accountId":1}`, 400, nil,
			`{"status":-1,"message":"Account 1 not found.","error":"Account 1 not found."}` + "\n"},
		{"non-numeric account", `{"programSerialNumber":"ELAVMR0000000101","accountId":"abc"}`, 400, nil,
			`{"status":-1,"message":"Invalid value for accountId.","error":"Invalid value for accountId."}` + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "configs/list", tc.body)
			require.Equal(t, tc.code, r.code, r.body)
			if tc.wantBody != "" {
				assert.Equal(t, tc.wantBody, r.body)
				return
			}
			assert.Equal(t, int64(0), r.get("status").Int())
			assert.True(t, r.get("configs").IsArray())
			ids := []int64{}
			for _, id := range r.get("configs.#.id").Array() {
				ids = append(ids, id.Int())
			}
			assert.Equal(t, tc.wantIDs, ids)
		})
	}
}

func TestConfigsListShape(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	r := f.api(tok, "configs/list", `{"programSerialNumber":"ELAVMR0000000101","accountId":853130}`)
	require.Equal(t, http.StatusOK, r.code)
	want := `{"id":5000,"name":"fgt-vm-4cpu-utp","programSerialNumber":"ELAVMR0000000101","accountId":853130,"status":"ACTIVE",` +
		`"productType":{"id":1,"name":"FortiGate-VM"},"parameters":[` +
		`{"id":1,"name":"CPU","value":"4"},{"id":2,"name":"SERVICEPACK","value":"UTP"},{"id":10,"name":"VDOM","value":"0"},` +
		`{"id":43,"name":"SERVICEPACK","value":"FGTAVDB"},{"id":43,"name":"SERVICEPACK","value":"FGTFAIS"},` +
		`{"id":44,"name":"SERVICEPACK","value":"NONE"},{"id":45,"name":"SERVICEPACK","value":"NONE"}]}`
	assert.Equal(t, want, r.get("configs.0").Raw)

	all := f.api(tok, "configs/list", `{"programSerialNumber":"ELAVMR0000000101"}`)
	products := map[int64]string{}
	for _, c := range all.get("configs").Array() {
		products[c.Get("productType.id").Int()] = c.Get("productType.name").String()
		for _, p := range c.Get("parameters").Array() {
			assert.Equal(t, "String", p.Get("value").Type.String(), "parameter values are strings")
			assert.NotEmpty(t, p.Get("name").String())
		}
	}
	assert.Equal(t, map[int64]string{1: "FortiGate-VM", 2: "FortiManager-VM", 101: "FortiGate-Hardware", 204: "FortiClient-EMS-Cloud"}, products)
	assert.Equal(t, "DISABLED", all.get(`configs.#(id==5004).status`).String())
}

func TestGroupsListV1(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	r := f.do("POST", "/ES/api/flexvm/v1/groups/list", "application/json", "{}", map[string]string{"Authorization": "Bearer " + tok})
	require.Equal(t, http.StatusOK, r.code)
	assert.JSONEq(t, `{"status":0,"message":"Request processed successfully.","error":null,"groups":[
		{"folderPath":"My Assets","availableTokens":2,"usedTokens":1},
		{"folderPath":"My Assets/branch","availableTokens":0,"usedTokens":2}]}`, r.body)
}

func TestSeedEntitlements(t *testing.T) {
	f := newFixture(t)
	hex20 := regexp.MustCompile(`^[0-9A-F]{20}$`)
	type want struct{ status, tokenStatus string }
	wants := map[string]want{
		"FGVMELTM24000001": {statusPending, tokenNotUsed},
		"FGVMELTM24000002": {statusActive, tokenUsed},
		"FGVMELTM24000003": {statusStopped, tokenUsed},
		"FMVMELTM24000001": {statusActive, tokenUsed},
		"FGVMELTM24000004": {statusActive, tokenNotUsed},
		"FGT60FTK24000001": {statusActive, ""},
		"FCTEMS0000000101": {statusActive, ""},
	}
	f.srv.mu.Lock()
	defer f.srv.mu.Unlock()
	require.Len(t, f.srv.st.Entitlements, len(wants))
	for _, e := range f.srv.st.Entitlements {
		t.Run(e.SerialNumber, func(t *testing.T) {
			w, ok := wants[e.SerialNumber]
			require.True(t, ok)
			assert.Equal(t, w.status, e.Status)
			assert.Equal(t, w.tokenStatus, e.TokenStatus)
			if w.tokenStatus != "" {
				assert.Regexp(t, hex20, e.Token)
			} else {
				assert.Empty(t, e.Token)
				assert.Equal(t, "null", string(mustJSON(t, e.view().Token)))
			}
			c := f.srv.st.config(e.ConfigID)
			require.NotNil(t, c)
			assert.Equal(t, c.AccountID, e.AccountID)
			assert.False(t, e.EndDate.After(f.srv.st.program(c.ProgramSerialNumber).EndDate))
		})
	}
}

func TestReadOnlyUserRefusedOnWrites(t *testing.T) {
	var writes atomic.Int32
	f := newFixture(t, func(o *Options) { o.AfterWrite = func() { writes.Add(1) } })
	f.srv.routes["fortiflex/v2/test/write"] = route{write: true, handle: func(*Server, caller, *request) (string, any, *APIError) {
		return "", nil, nil
	}}
	cases := []struct {
		name, user, password string
		code                 int
		want                 string
	}{
		{"read-only user", roUser, roPassword, 403,
			`{"status":-1,"message":"Permission denied.","error":"User has read-only access."}` + "\n"},
		{"read-write user", testUser, testPassword, 200,
			`{"status":0,"message":"Request processed successfully.","error":null}` + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(f.login(tc.user, tc.password), "test/write", "{}")
			assert.Equal(t, tc.code, r.code)
			assert.Equal(t, tc.want, r.body)
		})
	}
	assert.Equal(t, int32(1), writes.Load(), "AfterWrite runs after successful writes only")
}

func TestNumericStringsAccepted(t *testing.T) {
	cases := []struct {
		name, raw string
		want      int64
		ok        bool
		err       bool
	}{
		{"number", `853131`, 853131, true, false},
		{"string", `"853131"`, 853131, true, false},
		{"padded string", `" 853131 "`, 853131, true, false},
		{"integral float", `853131.0`, 853131, true, false},
		{"null", `null`, 0, false, false},
		{"empty string", `""`, 0, false, false},
		{"fraction", `1.5`, 0, false, true},
		{"word", `"abc"`, 0, false, true},
		{"bool", `true`, 0, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := &request{fields: map[string]json.RawMessage{"accountId": json.RawMessage(tc.raw)}}
			v, ok, err := req.int("accountId")
			assert.Equal(t, tc.want, v)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.err, err != nil)
		})
	}
}

func TestConcurrentProgramsList(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	const n = 50
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, f.ts.URL+"/ES/api/fortiflex/v2/programs/list", strings.NewReader("{}"))
			req.Header.Set("Authorization", "Bearer "+tok)
			res, err := f.ts.Client().Do(req)
			if err != nil {
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		}(i)
	}
	// Writers to other parts of the state at the same time.
	for i := 0; i < 5; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); f.srv.ResetStats() }()
		go func() { defer wg.Done(); _, _ = f.srv.Dump() }()
	}
	wg.Wait()
	for i, c := range codes {
		assert.Equal(t, http.StatusOK, c, "request %d", i)
	}
}
