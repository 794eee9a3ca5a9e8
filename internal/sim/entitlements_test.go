package sim

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	reHex20    = regexp.MustCompile(`^[0-9A-F]{20}$`)
	reVMSerial = regexp.MustCompile(`^FGVMELTM25\d{6}$`)
)

func TestVMCreate(t *testing.T) {
	cases := []struct {
		name, body string
		code       int
		want       string
		check      func(t *testing.T, r resp)
	}{
		{name: "two PENDING entitlements, numbers as strings", code: 200,
			body: `{"configId":"5000","count":"2","description":"branch-a","endDate":null,"folderPath":"My Assets/branch","skipPending":false}`,
			check: func(t *testing.T, r resp) {
				require.Equal(t, int64(2), r.get("entitlements.#").Int())
				assert.Equal(t, "FGVMELTM25000001", r.get("entitlements.0.serialNumber").String())
				assert.Equal(t, "FGVMELTM25000002", r.get("entitlements.1.serialNumber").String())
				for _, e := range r.get("entitlements").Array() {
					assert.Regexp(t, reVMSerial, e.Get("serialNumber").String())
					assert.Regexp(t, reHex20, e.Get("token").String())
					assert.Equal(t, "NOTUSED", e.Get("tokenStatus").String())
					assert.Equal(t, "PENDING", e.Get("status").String())
					assert.Equal(t, "branch-a", e.Get("description").String())
					assert.Equal(t, int64(853130), e.Get("accountId").Int())
					assert.Equal(t, int64(5000), e.Get("configId").Int())
					assert.Equal(t, "2025-06-02T09:14:51", e.Get("startDate").String())
					assert.Equal(t, "2027-06-02T00:00:00", e.Get("endDate").String(), "null = program end")
				}
				assert.NotEqual(t, r.get("entitlements.0.token").String(), r.get("entitlements.1.token").String())
			}},
		{name: "skipPending gives ACTIVE, count defaults to 1", code: 200, body: `{"configId":5000,"skipPending":"true"}`,
			check: func(t *testing.T, r resp) {
				assert.Equal(t, int64(1), r.get("entitlements.#").Int())
				assert.Equal(t, "ACTIVE", r.get("entitlements.0.status").String())
				assert.Equal(t, "", r.get("entitlements.0.description").String())
			}},
		{name: "FortiManager prefix", code: 200, body: `{"configId":5001}`,
			check: func(t *testing.T, r resp) {
				assert.Equal(t, "FMVMELTM25000001", r.get("entitlements.0.serialNumber").String())
			}},
		{name: "postpaid program", code: 200, body: `{"configId":5005,"endDate":"2028-06-02"}`},
		{name: "missing configId", body: `{}`, code: 400, want: errEnv("configId is required.")},
		{name: "unknown config", body: `{"configId":1}`, code: 400, want: errEnv("Configuration not found.")},
		{name: "disabled config", body: `{"configId":5004}`, code: 400, want: errEnv("Configuration 5004 is disabled.")},
		{name: "hardware config", body: `{"configId":5002}`, code: 400, want: errEnv("Configuration 5002 is not a VM configuration.")},
		{name: "cloud config", body: `{"configId":5003}`, code: 400, want: errEnv("Configuration 5003 is not a VM configuration.")},
		{name: "count 0", body: `{"configId":5000,"count":0}`, code: 400, want: errEnv("count must be between 1 and 1000.")},
		{name: "count too big", body: `{"configId":5000,"count":1001}`, code: 400, want: errEnv("count must be between 1 and 1000.")},
		{name: "count not a number", body: `{"configId":5000,"count":"many"}`, code: 400, want: errEnv("Invalid value for count.")},
		{name: "bad skipPending", body: `{"configId":5000,"skipPending":"maybe"}`, code: 400, want: errEnv("Invalid value for skipPending.")},
		{name: "folder outside My Assets", body: `{"configId":5000,"folderPath":"Other/x"}`, code: 400, want: errEnv("Invalid value for folderPath.")},
		{name: "end date in the past", body: `{"configId":5000,"endDate":"2025-06-01"}`, code: 400, want: errEnv("endDate must not be before today.")},
		{name: "end date after program", body: `{"configId":5000,"endDate":"2027-06-03"}`, code: 400, want: errEnv("endDate must not be after the program end date.")},
		{name: "end date garbage", body: `{"configId":5000,"endDate":"next week"}`, code: 400, want: errEnv("Invalid value for endDate.")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r := f.api(f.login(testUser, testPassword), "entitlements/vm/create", tc.body)
			require.Equal(t, tc.code, r.code, r.body)
			if tc.want != "" {
				assert.Equal(t, tc.want, r.body)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// The end-date window (today .. program end, 2027-06-02) and the accepted
// date forms, on every create endpoint and on update.
func TestEndDateWindow(t *testing.T) {
	cases := []struct {
		endDate string // JSON value
		want    string // stored endDate, or the error message
		ok      bool
	}{
		{`null`, "2027-06-02T00:00:00", true},
		{`""`, "2027-06-02T00:00:00", true},
		{`"2025-06-02"`, "2025-06-02T00:00:00", true}, // today
		{`"2026-01-01T00:00:00"`, "2026-01-01T00:00:00", true},
		{`"2026-01-01T08:30:00.250"`, "2026-01-01T08:30:00", true},
		{`"2026-01-01 12:00:00"`, "2026-01-01T12:00:00", true},
		{`"2026-01-01T12:00:00Z"`, "2026-01-01T12:00:00", true},
		{`"2026-01-01T12:00:00+02:00"`, "2026-01-01T10:00:00", true},
		{`"2027-06-02"`, "2027-06-02T00:00:00", true}, // program end
		{`"2025-06-01T23:59:59"`, "endDate must not be before today.", false},
		{`"2027-06-02T00:00:01"`, "endDate must not be after the program end date.", false},
		{`"2027-06-03"`, "endDate must not be after the program end date.", false},
		{`"01/02/2026"`, "Invalid value for endDate.", false},
		{`20260101`, "Invalid value for endDate.", false},
		{`{}`, "Invalid value for endDate.", false},
	}
	endpoints := []struct{ name, body string }{
		{"entitlements/vm/create", `{"configId":5000,"endDate":%s}`},
		{"entitlements/hardware/create", `{"configId":5002,"serialNumbers":["FGT60FTK25000001"],"endDate":%s}`},
		{"entitlements/cloud/create", `{"configId":%d,"endDate":%s}`},
		{"entitlements/update", `{"serialNumber":"FGVMELTM24000001","configId":5000,"endDate":%s}`},
	}
	for _, ep := range endpoints {
		for _, tc := range cases {
			t.Run(ep.name+" "+tc.endDate, func(t *testing.T) {
				f := newFixture(t)
				tok := f.login(testUser, testPassword)
				body := fmt.Sprintf(ep.body, tc.endDate)
				if strings.Contains(ep.name, "cloud") {
					id := f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"w","productTypeId":203,"parameters":[{"id":34,"value":25},{"id":35,"value":1}]}`).get("configs.id").Int()
					body = fmt.Sprintf(ep.body, id, tc.endDate)
				}
				r := f.api(tok, ep.name, body)
				if !tc.ok {
					require.Equal(t, http.StatusBadRequest, r.code, r.body)
					assert.Equal(t, errEnv(tc.want), r.body)
					return
				}
				require.Equal(t, http.StatusOK, r.code, r.body)
				if ep.name == "entitlements/update" && tc.want == "2027-06-02T00:00:00" {
					return // unchanged
				}
				assert.Equal(t, tc.want, r.get("entitlements.0.endDate").String())
			})
		}
	}
}

func TestHardwareCreateAndRemove(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	r := f.must(tok, "entitlements/hardware/create", `{"configId":"5002","serialNumbers":["FGT60FTK25000001","FGT60FTK25000002"],"description":"store"}`)
	require.Equal(t, int64(2), r.get("entitlements.#").Int())
	assert.Equal(t, `{"serialNumber":"FGT60FTK25000001","accountId":853131,"configId":5002,"description":"store","startDate":"2025-06-02T09:14:51","endDate":"2027-06-02T00:00:00","status":"ACTIVE","token":null,"tokenStatus":null}`,
		r.get("entitlements.0").Raw)

	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf(`"FGT60FTK2600%04d"`, i)
	}
	fails := []struct{ name, body, want string }{
		{"missing serials", `{"configId":5002}`, "serialNumbers is required."},
		{"empty serials", `{"configId":5002,"serialNumbers":[]}`, "serialNumbers is required."},
		{"serials not a list", `{"configId":5002,"serialNumbers":"FGT60FTK25000009"}`, "Invalid value for serialNumbers."},
		{"too many", `{"configId":5002,"serialNumbers":[` + strings.Join(many, ",") + `]}`, "At most 100 serial numbers per request."},
		{"already registered", `{"configId":5002,"serialNumbers":["FGT60FTK25000001"]}`, "Serial number FGT60FTK25000001 is already registered."},
		{"twice in one request", `{"configId":5002,"serialNumbers":["FGT60FTK25000009","FGT60FTK25000009"]}`, "Serial number FGT60FTK25000009 is already registered."},
		{"VM serial taken", `{"configId":5002,"serialNumbers":["FGVMELTM24000001"]}`, "Serial number FGVMELTM24000001 is already registered."},
		{"bad serial", `{"configId":5002,"serialNumbers":["FGT 60F"]}`, "Invalid serial number FGT 60F."},
		{"VM config", `{"configId":5000,"serialNumbers":["FGT60FTK25000009"]}`, "Configuration 5000 is not a Hardware configuration."},
		{"unknown config", `{"configId":4999,"serialNumbers":["FGT60FTK25000009"]}`, "Configuration not found."},
	}
	for _, tc := range fails {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "entitlements/hardware/create", tc.body)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Equal(t, errEnv(tc.want), r.body)
		})
	}

	removeFails := []struct{ name, body, want string }{
		{"unknown serial", `{"serialNumbers":["FGT60FTK25000001","NOPE"]}`, "Entitlement not found."},
		{"VM serial", `{"serialNumbers":["FGVMELTM24000001"]}`, "Entitlement FGVMELTM24000001 is not a hardware entitlement."},
		{"cloud serial", `{"serialNumbers":["FCTEMS0000000101"]}`, "Entitlement FCTEMS0000000101 is not a hardware entitlement."},
		{"no serials", `{}`, "serialNumbers is required."},
	}
	for _, tc := range removeFails {
		t.Run("remove "+tc.name, func(t *testing.T) {
			r := f.api(tok, "entitlements/hardware/remove", tc.body)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Equal(t, errEnv(tc.want), r.body)
		})
	}
	// All or nothing: the failed removal above kept FGT60FTK25000001.
	assert.Equal(t, int64(3), f.must(tok, "entitlements/list", `{"configId":5002}`).get("entitlements.#").Int())
	r = f.must(tok, "entitlements/hardware/remove", `{"serialNumbers":["FGT60FTK25000001","FGT60FTK24000001","FGT60FTK25000001"]}`)
	assert.Equal(t, `{"status":0,"message":"Request processed successfully.","error":null}`+"\n", r.body)
	assert.Equal(t, `["FGT60FTK25000002"]`, f.must(tok, "entitlements/list", `{"configId":5002}`).get("entitlements.#.serialNumber").Raw)
	// A removed serial can be registered again.
	f.must(tok, "entitlements/hardware/create", `{"configId":5002,"serialNumbers":["FGT60FTK24000001"]}`)
}

func TestCloudCreate(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	emsRoot := f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"ems","productTypeId":204,
		"parameters":[{"id":37,"value":25},{"id":38,"value":0},{"id":39,"value":0},{"id":40,"value":0},{"id":41,"value":0}]}`).get("configs.id").Int()
	require.Equal(t, int64(5006), emsRoot)

	steps := []struct {
		name, body string
		want       string // error, or the new serial
		ok         bool
	}{
		{"tenant already has EMS Cloud", `{"configId":5003}`, "Account 853131 already has an entitlement for product type 204.", false},
		{"count must be 1", `{"configId":5006,"count":2}`, "count must be 1 for cloud products.", false},
		{"VM config", `{"configId":5000}`, "Configuration 5000 is not a Cloud configuration.", false},
		{"unknown config", `{"configId":7}`, "Configuration not found.", false},
		{"root account, first", `{"configId":"5006","count":1,"description":"ems","folderPath":"My Assets/cloud"}`, "FCTEMS0000000102", true},
		{"root account, second", `{"configId":5006}`, "Account 853130 already has an entitlement for product type 204.", false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			r := f.api(tok, "entitlements/cloud/create", st.body)
			if !st.ok {
				assert.Equal(t, http.StatusBadRequest, r.code)
				assert.Equal(t, errEnv(st.want), r.body)
				return
			}
			require.Equal(t, http.StatusOK, r.code, r.body)
			assert.Equal(t, `[{"serialNumber":"`+st.want+`","accountId":853130,"configId":5006,"description":"ems","startDate":"2025-06-02T09:14:51","endDate":"2027-06-02T00:00:00","status":"ACTIVE","token":null,"tokenStatus":null}]`,
				r.get("entitlements").Raw)
			assert.Len(t, st.want, 16)
		})
	}
	t.Run("an EXPIRED entitlement does not count", func(t *testing.T) {
		f.setStatus("FCTEMS0000000102", statusExpired)
		r := f.must(tok, "entitlements/cloud/create", `{"configId":5006}`)
		assert.Equal(t, "FCTEMS0000000103", r.get("entitlements.0.serialNumber").String())
	})
	t.Run("other cloud prefix", func(t *testing.T) {
		id := f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"w","productTypeId":203,"parameters":[{"id":34,"value":25},{"id":35,"value":1}]}`).get("configs.id").Int()
		r := f.must(tok, "entitlements/cloud/create", fmt.Sprintf(`{"configId":%d}`, id))
		assert.Equal(t, "FWBCLE0000000001", r.get("entitlements.0.serialNumber").String())
	})
}

func TestPrepaidBalanceRequired(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	f.srv.mu.Lock()
	f.srv.st.program(demoPrepaidProgram).PointBalance = 0
	f.srv.mu.Unlock()
	for _, ep := range []struct{ path, body string }{
		{"entitlements/vm/create", `{"configId":5000}`},
		{"entitlements/hardware/create", `{"configId":5002,"serialNumbers":["FGT60FTK25000001"]}`},
		{"entitlements/cloud/create", `{"configId":5003}`},
	} {
		r := f.api(tok, ep.path, ep.body)
		assert.Equal(t, http.StatusBadRequest, r.code, ep.path)
		assert.Equal(t, errEnv("Insufficient point balance in program ELAVMR0000000101."), r.body, ep.path)
	}
	// Postpaid programs have no balance.
	f.must(tok, "entitlements/vm/create", `{"configId":5005}`)
	// Reads are fine.
	f.must(tok, "entitlements/list", `{"configId":5000}`)
}

// Every from-state × action of spec §6.2.
func TestEntitlementStateMachine(t *testing.T) {
	type outcome struct {
		code   int
		status string // resulting status on success
		want   string // exact error body on failure
	}
	ok := func(status string) outcome { return outcome{code: 200, status: status} }
	fail := func(msg string) outcome { return outcome{code: 400, want: errEnv(msg)} }
	alreadyActive := outcome{code: 400, want: `{"status":-1,"message":"Entitlement is already ACTIVE.","error":{"errorCode":409,"message":"Entitlement is already ACTIVE."}}` + "\n"}
	actions := []struct {
		name, endpoint, body string // body: %s = serial
		results              map[string]outcome
	}{
		{"stop", "entitlements/stop", `{"serialNumber":"%s"}`, map[string]outcome{
			statusPending: ok(statusStopped), statusActive: ok(statusStopped),
			statusStopped: fail("Entitlement status STOPPED cannot be stopped."), statusExpired: fail("Entitlement status EXPIRED cannot be stopped.")}},
		{"reactivate", "entitlements/reactivate", `{"serialNumber":"%s"}`, map[string]outcome{
			statusPending: fail("Entitlement status PENDING cannot be reactivated."), statusActive: alreadyActive,
			statusStopped: ok(statusActive), statusExpired: fail("Entitlement status EXPIRED cannot be reactivated.")}},
		{"update description", "entitlements/update", `{"serialNumber":"%s","configId":5000,"description":"new"}`, map[string]outcome{
			statusPending: ok(statusPending), statusActive: ok(statusActive), statusStopped: ok(statusStopped),
			statusExpired: fail("Entitlement status EXPIRED cannot be updated.")}},
		{"update configuration", "entitlements/update", `{"serialNumber":"%s","configId":5006}`, map[string]outcome{
			statusPending: ok(statusPending), statusActive: ok(statusActive), statusStopped: ok(statusStopped),
			statusExpired: fail("Entitlement status EXPIRED cannot be updated.")}},
		{"update end date", "entitlements/update", `{"serialNumber":"%s","endDate":"2026-01-01"}`, map[string]outcome{
			statusPending: ok(statusPending), statusActive: ok(statusActive),
			statusStopped: fail("The end date of a STOPPED entitlement cannot be changed."),
			statusExpired: fail("Entitlement status EXPIRED cannot be updated.")}},
		{"regenerate token", "entitlements/vm/token", `{"serialNumber":"%s"}`, map[string]outcome{
			statusPending: ok(statusPending), statusActive: ok(statusActive), statusStopped: ok(statusStopped), statusExpired: ok(statusExpired)}},
	}
	for _, a := range actions {
		for _, from := range []string{statusPending, statusActive, statusStopped, statusExpired} {
			want := a.results[from]
			t.Run(a.name+" from "+from, func(t *testing.T) {
				f := newFixture(t)
				tok := f.login(testUser, testPassword)
				f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"fgt2","productTypeId":1,"parameters":[{"id":1,"value":2},{"id":2,"value":"FC"}]}`)
				serial := f.newVM(tok, "")
				f.hook("POST", "redeem", `{"serialNumber":"`+serial+`"}`) // tokenStatus USED
				f.setStatus(serial, from)
				before := f.must(tok, "entitlements/list", `{"configId":5000,"serialNumber":"`+serial+`"}`).get("entitlements.0")
				r := f.api(tok, a.endpoint, fmt.Sprintf(a.body, serial))
				require.Equal(t, want.code, r.code, r.body)
				if want.code != 200 {
					assert.Equal(t, want.want, r.body)
					return
				}
				e := r.get("entitlements.0")
				assert.Equal(t, serial, e.Get("serialNumber").String())
				assert.Equal(t, want.status, e.Get("status").String())
				switch a.name {
				case "regenerate token":
					assert.Regexp(t, reHex20, e.Get("token").String())
					assert.NotEqual(t, before.Get("token").String(), e.Get("token").String())
					assert.Equal(t, "NOTUSED", e.Get("tokenStatus").String())
				case "update description":
					assert.Equal(t, "new", e.Get("description").String())
				case "update configuration":
					assert.Equal(t, int64(5006), e.Get("configId").Int())
				case "update end date":
					assert.Equal(t, "2026-01-01T00:00:00", e.Get("endDate").String())
				default:
					assert.Equal(t, "USED", e.Get("tokenStatus").String(), "tokenStatus kept")
					assert.Equal(t, before.Get("token").String(), e.Get("token").String())
				}
			})
		}
	}
}

func TestEntitlementActionErrors(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"x","productTypeId":1,"accountId":853131,"parameters":[{"id":1,"value":2},{"id":2,"value":"FC"}]}`) // 5006, tenant
	cases := []struct{ endpoint, body, want string }{
		{"entitlements/stop", `{}`, "serialNumber is required."},
		{"entitlements/stop", `{"serialNumber":"NOPE"}`, "Entitlement not found."},
		{"entitlements/reactivate", `{"serialNumber":""}`, "serialNumber is required."},
		{"entitlements/reactivate", `{"serialNumber":"NOPE"}`, "Entitlement not found."},
		{"entitlements/vm/token", `{"serialNumber":"NOPE"}`, "Entitlement not found."},
		{"entitlements/vm/token", `{"serialNumber":"FGT60FTK24000001"}`, "Entitlement FGT60FTK24000001 is not a VM entitlement."},
		{"entitlements/vm/token", `{"serialNumber":"FCTEMS0000000101"}`, "Entitlement FCTEMS0000000101 is not a VM entitlement."},
		{"entitlements/update", `{"serialNumber":"NOPE","configId":5000}`, "Entitlement not found."},
		{"entitlements/update", `{"serialNumber":"FGVMELTM24000001","configId":4000}`, "Configuration not found."},
		{"entitlements/update", `{"serialNumber":"FGVMELTM24000001","configId":5001}`, "Configuration 5001 has a different product type."},
		{"entitlements/update", `{"serialNumber":"FGVMELTM24000001","configId":5006}`, "Configuration 5006 does not belong to account 853130."},
		{"entitlements/update", `{"serialNumber":"FGVMELTM24000001","configId":"x"}`, "Invalid value for configId."},
	}
	for _, tc := range cases {
		t.Run(tc.endpoint+" "+tc.body, func(t *testing.T) {
			r := f.api(tok, tc.endpoint, tc.body)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Equal(t, errEnv(tc.want), r.body)
		})
	}
	t.Run("update to a disabled configuration", func(t *testing.T) {
		f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"y","productTypeId":1,"parameters":[{"id":1,"value":2},{"id":2,"value":"FC"}]}`) // 5007
		f.must(tok, "configs/disable", `{"id":5007}`)
		r := f.api(tok, "entitlements/update", `{"serialNumber":"FGVMELTM24000001","configId":5007}`)
		assert.Equal(t, errEnv("Configuration 5007 is disabled."), r.body)
	})
	t.Run("update keeps what is not given; empty description clears", func(t *testing.T) {
		r := f.must(tok, "entitlements/update", `{"serialNumber":"FGVMELTM24000002"}`)
		assert.Equal(t, "branch-a", r.get("entitlements.0.description").String())
		r = f.must(tok, "entitlements/update", `{"serialNumber":"FGVMELTM24000002","configId":"5000","description":""}`)
		assert.Equal(t, "", r.get("entitlements.0.description").String())
		assert.Equal(t, int64(5000), r.get("entitlements.0.configId").Int())
	})
	t.Run("moving configuration moves the list", func(t *testing.T) {
		f.must(tok, "configs/create", `{"programSerialNumber":"ELAVMR0000000101","name":"z","productTypeId":1,"parameters":[{"id":1,"value":2},{"id":2,"value":"FC"}]}`) // 5008
		f.must(tok, "entitlements/update", `{"serialNumber":"FGVMELTM24000003","configId":5008}`)
		assert.Equal(t, `["FGVMELTM24000003"]`, f.must(tok, "entitlements/list", `{"configId":5008}`).get("entitlements.#.serialNumber").Raw)
		assert.Equal(t, `["FGVMELTM24000001","FGVMELTM24000002"]`, f.must(tok, "entitlements/list", `{"configId":5000}`).get("entitlements.#.serialNumber").Raw)
	})
}

func TestEntitlementsList(t *testing.T) {
	f := newFixture(t)
	tok := f.login(roUser, roPassword)
	cases := []struct {
		name, body string
		serials    string // JSON list, or "" for an error
		want       string
	}{
		{"by config", `{"configId":5000}`, `["FGVMELTM24000001","FGVMELTM24000002","FGVMELTM24000003"]`, ""},
		{"by config as string", `{"configId":"5001"}`, `["FMVMELTM24000001"]`, ""},
		{"by account and program", `{"accountId":853131,"programSerialNumber":"ELAVMR0000000101"}`, `["FGT60FTK24000001","FCTEMS0000000101"]`, ""},
		{"root account, prepaid", `{"accountId":853130,"programSerialNumber":"ELAVMR0000000101"}`, `["FGVMELTM24000001","FGVMELTM24000002","FGVMELTM24000003","FMVMELTM24000001"]`, ""},
		{"all three fields", `{"configId":5000,"accountId":853130,"programSerialNumber":"ELAVMR0000000101"}`, `["FGVMELTM24000001","FGVMELTM24000002","FGVMELTM24000003"]`, ""},
		{"config of another account", `{"configId":5000,"accountId":853131}`, `[]`, ""},
		{"status filter", `{"configId":5000,"status":"ACTIVE"}`, `["FGVMELTM24000002"]`, ""},
		{"status filter, lower case", `{"configId":5000,"status":"stopped"}`, `["FGVMELTM24000003"]`, ""},
		{"tokenStatus filter", `{"configId":5000,"tokenStatus":"NOTUSED"}`, `["FGVMELTM24000001"]`, ""},
		{"description filter", `{"configId":5000,"description":"branch-a"}`, `["FGVMELTM24000002"]`, ""},
		{"empty description is no filter", `{"configId":5001,"description":""}`, `["FMVMELTM24000001"]`, ""},
		{"serial filter", `{"configId":5000,"serialNumber":"FGVMELTM24000003"}`, `["FGVMELTM24000003"]`, ""},
		{"no scope", `{}`, "", "Either configId or accountId and programSerialNumber are required."},
		{"account without program", `{"accountId":853130}`, "", "Either configId or accountId and programSerialNumber are required."},
		{"unknown config", `{"configId":1}`, "", "Configuration not found."},
		{"unknown program", `{"accountId":853130,"programSerialNumber":"ELAVMR0000000999"}`, "", "Program ELAVMR0000000999 not found."},
		{"unknown account", `{"accountId":1,"programSerialNumber":"ELAVMR0000000101"}`, "", "Account 1 not found."},
		{"bad status", `{"configId":5000,"status":"SLEEPING"}`, "", "Invalid value for status."},
		{"bad tokenStatus", `{"configId":5000,"tokenStatus":"MAYBE"}`, "", "Invalid value for tokenStatus."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "entitlements/list", tc.body)
			if tc.want != "" {
				assert.Equal(t, http.StatusBadRequest, r.code)
				assert.Equal(t, errEnv(tc.want), r.body)
				return
			}
			require.Equal(t, http.StatusOK, r.code, r.body)
			assert.Equal(t, tc.serials, r.get("entitlements.#.serialNumber").Raw)
		})
	}
	t.Run("shape", func(t *testing.T) {
		r := f.must(tok, "entitlements/list", `{"configId":5000,"serialNumber":"FGVMELTM24000002"}`)
		e := r.get("entitlements.0")
		assert.Equal(t, "2025-04-23T15:49:29.643", e.Get("startDate").String())
		assert.Equal(t, "2027-06-02T00:00:00", e.Get("endDate").String())
		assert.Regexp(t, reHex20, e.Get("token").String())
		assert.False(t, e.Get("folderPath").Exists(), "folderPath is not returned (spec §4.5)")
	})
}

func TestTransfer(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)

	t.Run("null target creates an equivalent configuration, then reuses it", func(t *testing.T) {
		r := f.must(tok, "entitlements/transfer", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":"853131","targetConfigId":null,"serialNumbers":["FGVMELTM24000001"]}`)
		assert.Equal(t, int64(5006), r.get("entitlements.0.configId").Int())
		assert.Equal(t, int64(853131), r.get("entitlements.0.accountId").Int())
		assert.Equal(t, "PENDING", r.get("entitlements.0.status").String())
		c := f.must(tok, "configs/list", `{"programSerialNumber":"ELAVMR0000000101","accountId":853131}`).get(`configs.#(id==5006)`)
		assert.Equal(t, "fgt-vm-4cpu-utp", c.Get("name").String())
		assert.Equal(t, `["4","UTP","0","FGTAVDB","FGTFAIS","NONE","NONE"]`, c.Get("parameters.#.value").Raw)

		r = f.must(tok, "entitlements/transfer", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000002"]}`)
		assert.Equal(t, int64(5006), r.get("entitlements.0.configId").Int())
		assert.Equal(t, `["FGVMELTM24000001","FGVMELTM24000002"]`, f.must(tok, "entitlements/list", `{"configId":5006}`).get("entitlements.#.serialNumber").Raw)
		assert.Equal(t, `["FGVMELTM24000003"]`, f.must(tok, "entitlements/list", `{"configId":5000}`).get("entitlements.#.serialNumber").Raw)
	})
	t.Run("explicit target and back", func(t *testing.T) {
		r := f.must(tok, "entitlements/transfer", `{"sourceAccountId":853131,"sourceConfigId":5006,"targetAccountId":853130,"targetConfigId":5000,"serialNumbers":["FGVMELTM24000001","FGVMELTM24000002"]}`)
		assert.Equal(t, `[5000,5000]`, r.get("entitlements.#.configId").Raw)
		assert.Equal(t, `[853130,853130]`, r.get("entitlements.#.accountId").Raw)
	})
	fails := []struct{ name, body, want string }{
		{"missing source account", `{"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000001"]}`, "sourceAccountId is required."},
		{"missing source config", `{"sourceAccountId":853130,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000001"]}`, "sourceConfigId is required."},
		{"missing target account", `{"sourceAccountId":853130,"sourceConfigId":5000,"serialNumbers":["FGVMELTM24000001"]}`, "targetAccountId is required."},
		{"missing serials", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131}`, "serialNumbers is required."},
		{"unknown account", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":1,"serialNumbers":["FGVMELTM24000001"]}`, "Account 1 not found."},
		{"same account", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853130,"serialNumbers":["FGVMELTM24000001"]}`, "sourceAccountId and targetAccountId must differ."},
		{"unknown source config", `{"sourceAccountId":853130,"sourceConfigId":1,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000001"]}`, "Configuration not found."},
		{"source config in other account", `{"sourceAccountId":853130,"sourceConfigId":5002,"targetAccountId":853131,"serialNumbers":["FGT60FTK24000001"]}`, "Configuration 5002 does not belong to account 853130."},
		{"unknown serial", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["NOPE"]}`, "Entitlement not found."},
		{"serial of another config", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["FMVMELTM24000001"]}`, "Entitlement FMVMELTM24000001 does not belong to configuration 5000."},
		{"target of another product", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"targetConfigId":5002,"serialNumbers":["FGVMELTM24000001"]}`, "Configuration 5002 has a different product type."},
		{"target in the source account", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"targetConfigId":5001,"serialNumbers":["FGVMELTM24000001"]}`, "Configuration 5001 does not belong to account 853131."},
		{"disabled target", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"targetConfigId":5004,"serialNumbers":["FGVMELTM24000001"]}`, "Configuration 5004 is disabled."},
		{"unknown target", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"targetConfigId":9,"serialNumbers":["FGVMELTM24000001"]}`, "Configuration not found."},
	}
	for _, tc := range fails {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(tok, "entitlements/transfer", tc.body)
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Equal(t, errEnv(tc.want), r.body)
		})
	}
	t.Run("expired", func(t *testing.T) {
		f.setStatus("FGVMELTM24000003", statusExpired)
		r := f.api(tok, "entitlements/transfer", `{"sourceAccountId":853130,"sourceConfigId":5000,"targetAccountId":853131,"serialNumbers":["FGVMELTM24000003"]}`)
		assert.Equal(t, errEnv("Entitlement status EXPIRED cannot be transferred."), r.body)
	})
}
