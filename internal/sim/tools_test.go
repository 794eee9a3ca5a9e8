package sim

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

func TestGroupsList(t *testing.T) {
	f := newFixture(t)
	tok := f.login(roUser, roPassword)
	cases := []struct {
		name, body string
		code       int
		want       string // "groups" JSON, or exact error body
	}{
		{"root account", `{"accountId":853130}`, 200,
			`[{"folderPath":"My Assets","accountId":853130,"availableTokens":2,"usedTokens":1},{"folderPath":"My Assets/branch","accountId":853130,"availableTokens":0,"usedTokens":2}]`},
		{"tenant as string", `{"accountId":"853131"}`, 200, `[]`},
		{"accountId required", `{}`, 400, errEnv("accountId is required.")},
		{"unknown account", `{"accountId":1}`, 400, errEnv("Account 1 not found.")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "groups/list", tc.body)
			require.Equal(t, tc.code, r.code, r.body)
			if tc.code == 200 {
				assert.Equal(t, tc.want, r.get("groups").Raw)
			} else {
				assert.Equal(t, tc.want, r.body)
			}
		})
	}
}

func TestGroupsNextToken(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	cases := []struct {
		name, body string
		serial     string // "" = error
		want       string
	}{
		{"by config, default PENDING+ACTIVE", `{"configId":5000}`, "FGVMELTM24000001", ""},
		{"by account", `{"accountId":853130}`, "FGVMELTM24000001", ""},
		{"by folder", `{"folderPath":"My Assets"}`, "FGVMELTM24000001", ""},
		{"ACTIVE only", `{"accountId":853130,"status":["ACTIVE"]}`, "FGVMELTM24000004", ""},
		{"status as one string", `{"configId":"5005","status":"active"}`, "FGVMELTM24000004", ""},
		{"no unused token in config", `{"configId":5000,"status":["ACTIVE"]}`, "", "No available tokens."},
		{"no unused token in folder", `{"folderPath":"My Assets/branch"}`, "", "No available tokens."},
		{"account without VMs", `{"accountId":853131}`, "", "No available tokens."},
		{"no filter", `{}`, "", "Either accountId, configId or folderPath is required."},
		{"bad status", `{"configId":5000,"status":["SLEEPING"]}`, "", "Invalid value for status."},
		{"unknown config", `{"configId":1}`, "", "Configuration not found."},
		{"unknown account", `{"accountId":1}`, "", "Account 1 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "groups/nexttoken", tc.body)
			if tc.serial == "" {
				assert.Equal(t, http.StatusBadRequest, r.code)
				assert.Equal(t, errEnv(tc.want), r.body)
				return
			}
			require.Equal(t, http.StatusOK, r.code, r.body)
			require.Equal(t, int64(1), r.get("entitlements.#").Int())
			assert.Equal(t, tc.serial, r.get("entitlements.0.serialNumber").String())
			assert.Equal(t, "NOTUSED", r.get("entitlements.0.tokenStatus").String())
			assert.NotZero(t, r.get("entitlements.0.accountId").Int())
		})
	}
	t.Run("STOPPED after token regeneration", func(t *testing.T) {
		f.must(tok, "entitlements/vm/token", `{"serialNumber":"FGVMELTM24000003"}`)
		r := f.must(tok, "groups/nexttoken", `{"folderPath":"My Assets/branch","status":["STOPPED"]}`)
		assert.Equal(t, "FGVMELTM24000003", r.get("entitlements.0.serialNumber").String())
	})
	t.Run("not reserved; redeeming moves on", func(t *testing.T) {
		a := f.must(tok, "groups/nexttoken", `{"configId":5000}`).get("entitlements.0.token").String()
		assert.Equal(t, a, f.must(tok, "groups/nexttoken", `{"configId":5000}`).get("entitlements.0.token").String())
		require.NoError(t, f.srv.RedeemToken(a))
		r := f.api(tok, "groups/nexttoken", `{"configId":5000}`)
		assert.Equal(t, errEnv("No available tokens."), r.body)
	})
}

func TestToolsCalc(t *testing.T) {
	f := newFixture(t)
	tok := f.login(roUser, roPassword) // a read endpoint
	const edr = `"programSerialNumber":"ELAVMR0000000101","productTypeId":206`
	cases := []struct {
		name, body string
		current    float64
		want       string
	}{
		{"spec example 11.9", `{"programSerialNumber":"ELAVMR0000000101","count":2,"productTypeId":1,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"ENT"}]}`, 10, ""},
		{"count defaults to 1, strings accepted", `{"programSerialNumber":"ELAVMR0000000101","productTypeId":"1","parameters":[{"id":"1","value":4},{"id":2,"value":"UTP"},{"id":43,"value":"FGTAVDB"},{"id":43,"value":"FGTFAIS"}]}`, 8.1, ""},
		{"FortiEDR with endpoints", `{` + edr + `,"count":1,"parameters":[{"id":46,"value":"FEDRPDR"},{"id":47,"value":100}]}`, 6, ""},
		{"FortiEDR needs endpoints", `{` + edr + `,"count":1,"parameters":[{"id":46,"value":"FEDRPDR"}]}`, 0, "Parameter id 47 is required."},
		{"cloud count must be 1", `{` + edr + `,"count":2,"parameters":[{"id":46,"value":"FEDRPDR"},{"id":47,"value":100}]}`, 0, "count must be 1 for cloud products."},
		{"count 0", `{"programSerialNumber":"ELAVMR0000000101","count":0,"productTypeId":1,"parameters":[]}`, 0, "Invalid value for count."},
		{"invalid parameter", `{"programSerialNumber":"ELAVMR0000000101","productTypeId":1,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"XX"}]}`, 0, "Invalid value for Parameter id 2."},
		{"missing parameters", `{"programSerialNumber":"ELAVMR0000000101","productTypeId":1}`, 0, "parameters is required."},
		{"missing program", `{"productTypeId":1,"parameters":[]}`, 0, "programSerialNumber is required."},
		{"unknown program", `{"programSerialNumber":"X","productTypeId":1,"parameters":[]}`, 0, "Program X not found."},
		{"missing product", `{"programSerialNumber":"ELAVMR0000000101","parameters":[]}`, 0, "productTypeId is required."},
		{"unknown product", `{"programSerialNumber":"ELAVMR0000000101","productTypeId":6,"parameters":[]}`, 0, "Product type 6 not found."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "tools/calc", tc.body)
			if tc.want != "" {
				assert.Equal(t, http.StatusBadRequest, r.code)
				assert.Equal(t, errEnv(tc.want), r.body)
				return
			}
			require.Equal(t, http.StatusOK, r.code, r.body)
			assert.Equal(t, tc.current, r.get("points.current").Float())
			assert.JSONEq(t, `{"current":`+r.get("points.current").Raw+`,"latest":null,"latestEffectiveDate":null}`, r.get("points").Raw)
		})
	}
}

func TestToolsMetadata(t *testing.T) {
	f := newFixture(t)
	tok := f.login(roUser, roPassword)
	for _, body := range []string{"{}", ""} {
		r := f.must(tok, "tools/metadata", body)
		want, err := json.Marshal(catalog.Metadata().ProductTypes)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), r.get("productTypes").Raw)
		assert.Equal(t, "FortiGate Virtual Machine - Service Bundle", r.get("productTypes.0.name").String())
		assert.Equal(t, int64(len(catalog.Products())), r.get("productTypes.#").Int())
	}
}

func TestPointsHistoryAndLookback(t *testing.T) {
	cases := []struct {
		name     string
		lookback int
		body     string
		want     string // entitlements JSON or error message
		ok       bool
	}{
		{"seed history, 90-day lookback", 0, `{"configId":5001,"startDate":"2025-01-01","endDate":"2025-06-30"}`,
			`[{"serialNumber":"FMVMELTM24000001","accountId":853130,"points":273.6}]`, true},
		{"whole history", -1, `{"configId":5001,"startDate":"2025-01-01","endDate":"2025-06-30"}`,
			`[{"serialNumber":"FMVMELTM24000001","accountId":853130,"points":364.8}]`, true},
		{"range inside the history", 0, `{"configId":5000,"startDate":"2025-05-01","endDate":"2025-05-10 00:00:00"}`,
			`[{"serialNumber":"FGVMELTM24000001","accountId":853130,"points":0},{"serialNumber":"FGVMELTM24000002","accountId":853130,"points":81},{"serialNumber":"FGVMELTM24000003","accountId":853130,"points":0}]`, true},
		{"account-wide, one serial", 0, `{"accountId":853131,"programSerialNumber":"ELAVMR0000000101","serialNumber":"FCTEMS0000000101","startDate":"2025-01-01","endDate":"2025-12-31"}`,
			`[{"serialNumber":"FCTEMS0000000101","accountId":853131,"points":144}]`, true},
		{"today is not closed yet", 0, `{"configId":5002,"startDate":"2025-06-02","endDate":"2025-06-02"}`,
			`[{"serialNumber":"FGT60FTK24000001","accountId":853131,"points":0}]`, true},
		{"missing startDate", 0, `{"configId":5000,"endDate":"2025-06-30"}`, "startDate is required.", false},
		{"missing endDate", 0, `{"configId":5000,"startDate":"2025-06-30"}`, "endDate is required.", false},
		{"bad date", 0, `{"configId":5000,"startDate":"June","endDate":"2025-06-30"}`, "Invalid value for startDate.", false},
		{"reversed", 0, `{"configId":5000,"startDate":"2025-06-30","endDate":"2025-06-01"}`, "startDate must not be after endDate.", false},
		{"no scope", 0, `{"startDate":"2025-06-01","endDate":"2025-06-30"}`, "Either configId or accountId and programSerialNumber are required.", false},
		{"unknown config", 0, `{"configId":3,"startDate":"2025-06-01","endDate":"2025-06-30"}`, "Configuration not found.", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, func(o *Options) { o.PointsLookbackDays = tc.lookback })
			r := f.api(f.login(roUser, roPassword), "entitlements/points", tc.body)
			if !tc.ok {
				assert.Equal(t, http.StatusBadRequest, r.code)
				assert.Equal(t, errEnv(tc.want), r.body)
				return
			}
			require.Equal(t, http.StatusOK, r.code, r.body)
			assert.Equal(t, tc.want, r.get("entitlements").Raw)
		})
	}
}

// Daily accrual and expiry when the simulated clock crosses days.
func TestClockAccrualAndExpiry(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.TokenTTL = 30 * 24 * time.Hour })
	tok := f.login(testUser, testPassword)
	points := func(serial string) float64 {
		t.Helper()
		return f.must(tok, "entitlements/points", `{"configId":5000,"serialNumber":"`+serial+`","startDate":"2025-06-01","endDate":"2026-01-01"}`).get("entitlements.0.points").Float()
	}
	balance := func() float64 {
		return f.must(tok, "programs/points", `{"programSerialNumber":"ELAVMR0000000101"}`).get("programs.0.pointBalance").Float()
	}
	status := func(serial string) string {
		return f.must(tok, "entitlements/list", `{"configId":5000,"serialNumber":"`+serial+`"}`).get("entitlements.0.status").String()
	}
	active := f.newVM(tok, `,"skipPending":true,"endDate":"2025-06-03"`)
	pending := f.newVM(tok, "")
	stoppedToday := "FGVMELTM24000002"
	f.must(tok, "entitlements/stop", `{"serialNumber":"`+stoppedToday+`"}`)
	before := points(stoppedToday)
	assert.Equal(t, 8.1, before, "yesterday (06-01) was charged by the seed history")

	r := f.hook("GET", "clock", "")
	assert.JSONEq(t, `{"now":"2025-06-02T09:14:51Z","offset":"0s","offsetSeconds":0}`, r.body)

	r = f.hook("POST", "clock", `{"advance":"24h"}`)
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.JSONEq(t, `{"now":"2025-06-03T09:14:51Z","offset":"24h0m0s","offsetSeconds":86400}`, r.body)
	assert.Equal(t, 8.1, points(active), "created ACTIVE today: charged")
	assert.Equal(t, 0.0, points(pending), "PENDING costs nothing")
	assert.Equal(t, before+8.1, points(stoppedToday), "stopped during the day: the day is still charged")
	// 06-02: 2 × 8.1 (config 5000, not the PENDING one) + 3.04 (FMG) + 2 (hardware) + 4.8 (EMS cloud).
	assert.Equal(t, 126652-26.04, balance())
	assert.Equal(t, "ACTIVE", status(active), "06-03 is its last day")

	require.NoError(t, f.srv.Redeem(pending))
	f.srv.AdvanceClock(24 * time.Hour) // closes 06-03
	assert.Equal(t, "EXPIRED", status(active))
	assert.Equal(t, 16.2, points(active))
	assert.Equal(t, 8.1, points(pending), "redeemed on 06-03")
	assert.Equal(t, before+8.1, points(stoppedToday), "stopped: not charged")

	r = f.hook("POST", "clock", `{"days":2}`)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, 16.2, points(active), "EXPIRED: not charged")
	assert.Equal(t, 24.3, points(pending))
	assert.Equal(t, "2025-06-06T09:14:51Z", f.srv.Now().UTC().Format(time.RFC3339))

	r = f.hook("POST", "clock", `{"set":"2027-06-04T00:00:00Z"}`)
	require.Equal(t, http.StatusOK, r.code)
	// The access token expired with the simulated clock.
	assert.Equal(t, http.StatusUnauthorized, f.api(tok, "programs/list", "").code)
	tok = f.login(testUser, testPassword)
	assert.Equal(t, "EXPIRED", status(pending), "past the program end")
	assert.Less(t, balance(), 126652-26.04)

	t.Run("bad clock requests", func(t *testing.T) {
		for _, body := range []string{`{}`, `{"advance":"-1h"}`, `{"advance":"soon"}`, `{"days":-1}`, `{"set":"tomorrow"}`, `{"advance":"1h","days":1}`, `[`} {
			r := f.hook("POST", "clock", body)
			assert.Equal(t, http.StatusBadRequest, r.code, body)
			assert.NotEmpty(t, r.get("error").String())
		}
		assert.Equal(t, http.StatusMethodNotAllowed, f.hook("DELETE", "clock", "").code)
	})
}

func TestRedeemHook(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	tokenOf := func(serial string) string {
		return f.must(tok, "entitlements/list", `{"configId":5000,"serialNumber":"`+serial+`"}`).get("entitlements.0.token").String()
	}
	cases := []struct {
		name, body      string
		code            int
		status, tokStat string
		err             string
	}{
		{"PENDING by serial", `{"serialNumber":"FGVMELTM24000001"}`, 200, "ACTIVE", "USED", ""},
		{"again: no change", `{"serialNumber":"FGVMELTM24000001"}`, 200, "ACTIVE", "USED", ""},
		{"STOPPED only uses the token", `{"token":"` + tokenOf("FGVMELTM24000003") + `"}`, 200, "STOPPED", "USED", ""},
		{"unknown serial", `{"serialNumber":"NOPE"}`, 404, "", "", "entitlement not found"},
		{"unknown token", `{"token":"0000000000000000000A"}`, 404, "", "", "entitlement not found"},
		{"hardware", `{"serialNumber":"FGT60FTK24000001"}`, 400, "", "", "entitlement FGT60FTK24000001 has no token (not a VM entitlement)"},
		{"empty", `{}`, 400, "", "", `body must be {"serialNumber":"..."} or {"token":"..."}`},
		{"not JSON", `x`, 400, "", "", `body must be {"serialNumber":"..."} or {"token":"..."}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.hook("POST", "redeem", tc.body)
			require.Equal(t, tc.code, r.code, r.body)
			if tc.err != "" {
				assert.Equal(t, tc.err, r.get("error").String())
				return
			}
			assert.Equal(t, tc.status, r.get("status").String())
			assert.Equal(t, tc.tokStat, r.get("tokenStatus").String())
		})
	}
	t.Run("EXPIRED", func(t *testing.T) {
		f.setStatus("FGVMELTM24000001", statusExpired)
		r := f.hook("POST", "redeem", `{"serialNumber":"FGVMELTM24000001"}`)
		assert.Equal(t, http.StatusBadRequest, r.code)
		var he *HookError
		require.ErrorAs(t, f.srv.Redeem("FGVMELTM24000001"), &he)
		assert.Equal(t, "entitlement FGVMELTM24000001 is EXPIRED", he.Message)
	})
	assert.Equal(t, http.StatusMethodNotAllowed, f.hook("GET", "redeem", "").code)
}

func TestSimIndexDocumentsInventedRates(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/_sim", "/_sim/"} {
		r := f.do("GET", path, "", "", nil)
		require.Equal(t, http.StatusOK, r.code)
		assert.True(t, r.get("pointRates.invented").Bool())
		assert.Contains(t, r.get("pointRates.note").String(), "INVENTED")
		assert.True(t, r.get(`hooks.POST /_sim/redeem`).Exists())
	}
	r := f.hook("GET", "rates", "")
	assert.Equal(t, 1.5, r.get("unitRate.1").Float())
	assert.True(t, r.get("invented").Bool())
}
