package sim

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigsCreate(t *testing.T) {
	const fgt = `"programSerialNumber":"ELAVMR0000000101","name":"n","productTypeId":1`
	cases := []struct {
		name, body string
		code       int
		want       string // exact body for failures
		check      func(t *testing.T, r resp)
	}{
		{name: "spec example 11.2", code: 200,
			body: `{"programSerialNumber":"ELAVMR0000000101","name":"edge-2cpu-utp","productTypeId":1,
				"parameters":[{"id":1,"value":"2"},{"id":2,"value":"UTP"},{"id":10,"value":0},
				{"id":43,"value":"FGTAVDB"},{"id":43,"value":"FGTFAIS"},{"id":44,"value":"NONE"}]}`,
			check: func(t *testing.T, r resp) {
				assert.Equal(t, `{"status":0,"message":"Request processed successfully.","error":null,"configs":`+
					`{"id":5006,"name":"edge-2cpu-utp","programSerialNumber":"ELAVMR0000000101","accountId":853130,"status":"ACTIVE",`+
					`"productType":{"id":1,"name":"FortiGate-VM"},"parameters":[{"id":1,"name":"CPU","value":"2"},`+
					`{"id":2,"name":"SERVICEPACK","value":"UTP"},{"id":10,"name":"VDOM","value":"0"},`+
					`{"id":43,"name":"SERVICEPACK","value":"FGTAVDB"},{"id":43,"name":"SERVICEPACK","value":"FGTFAIS"},`+
					`{"id":44,"name":"SERVICEPACK","value":"NONE"},{"id":45,"name":"SERVICEPACK","value":"NONE"}]}}`+"\n", r.body)
			}},
		{name: "defaults filled, numbers as strings, ids as strings", code: 200,
			body: `{` + fgt + `,"accountId":"853131","parameters":[{"id":"2","value":"ENT"},{"id":"1","value":4.0}]}`,
			check: func(t *testing.T, r resp) {
				assert.Equal(t, int64(853131), r.get("configs.accountId").Int())
				assert.Equal(t, `[{"id":1,"name":"CPU","value":"4"},{"id":2,"name":"SERVICEPACK","value":"ENT"},{"id":10,"name":"VDOM","value":"0"},{"id":43,"name":"SERVICEPACK","value":"NONE"},{"id":44,"name":"SERVICEPACK","value":"NONE"},{"id":45,"name":"SERVICEPACK","value":"NONE"}]`,
					r.get("configs.parameters").Raw)
			}},
		{name: "read-only parameters reported as 0", code: 200,
			body: `{"programSerialNumber":"ELAVMR0000000101","name":"edr","productTypeId":206,"parameters":[{"id":46,"value":"FEDRPDR"}]}`,
			check: func(t *testing.T, r resp) {
				assert.Equal(t, `[{"id":46,"name":"","value":"FEDRPDR"},{"id":47,"name":"","value":"0"},{"id":52,"name":"","value":"NONE"},{"id":76,"name":"","value":"0"}]`,
					r.get("configs.parameters").Raw)
			}},
		{name: "product without parameters", code: 200,
			body: `{"programSerialNumber":"ELAVMR0000000101","name":"ndr","productTypeId":207,"parameters":[]}`},
		{name: "missing program", body: `{"name":"n","productTypeId":1,"parameters":[]}`, code: 400, want: errEnv("programSerialNumber is required.")},
		{name: "missing name", body: `{"programSerialNumber":"ELAVMR0000000101","productTypeId":1,"parameters":[]}`, code: 400, want: errEnv("name is required.")},
		{name: "missing product type", body: `{"programSerialNumber":"ELAVMR0000000101","name":"n","parameters":[]}`, code: 400, want: errEnv("productTypeId is required.")},
		{name: "unknown product type", body: `{"programSerialNumber":"ELAVMR0000000101","name":"n","productTypeId":999,"parameters":[]}`, code: 400, want: errEnv("Product type 999 not found.")},
		{name: "missing parameters", body: `{` + fgt + `}`, code: 400, want: errEnv("parameters is required.")},
		{name: "parameters not a list", body: `{` + fgt + `,"parameters":{"id":1}}`, code: 400, want: errEnv("Invalid value for parameters.")},
		{name: "parameter without id", body: `{` + fgt + `,"parameters":[{"value":"2"}]}`, code: 400, want: errEnv("Invalid value for parameters.")},
		{name: "unknown program", body: `{"programSerialNumber":"ELAVMR0000009999","name":"n","productTypeId":1,"parameters":[]}`, code: 400, want: errEnv("Program ELAVMR0000009999 not found.")},
		{name: "unknown account", body: `{` + fgt + `,"accountId":1,"parameters":[]}`, code: 400, want: errEnv("Account 1 not found.")},
		{name: "cpu out of range", body: `{` + fgt + `,"parameters":[{"id":1,"value":"200"},{"id":2,"value":"UTP"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 1.")},
		{name: "cpu not a number", body: `{` + fgt + `,"parameters":[{"id":1,"value":"two"},{"id":2,"value":"UTP"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 1.")},
		{name: "service missing", body: `{` + fgt + `,"parameters":[{"id":1,"value":"2"}]}`, code: 400, want: errEnv("Parameter id 2 is required.")},
		{name: "everything missing names the first", body: `{` + fgt + `,"parameters":[]}`, code: 400, want: errEnv("Parameter id 1 is required.")},
		{name: "bad service code", body: `{` + fgt + `,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"XYZ"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 2.")},
		{name: "bad multi-value code", body: `{` + fgt + `,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"FC"},{"id":43,"value":"NOPE"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 43.")},
		{name: "other product's parameter", body: `{` + fgt + `,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"FC"},{"id":30,"value":"5"}]}`, code: 400, want: errEnv("Parameter id 30 does not belong to product type 1.")},
		{name: "unknown parameter id", body: `{` + fgt + `,"parameters":[{"id":999,"value":"5"}]}`, code: 400, want: errEnv("Parameter id 999 does not belong to product type 1.")},
		{name: "read-only parameter", body: `{"programSerialNumber":"ELAVMR0000000101","name":"n","productTypeId":206,"parameters":[{"id":46,"value":"FEDRPDR"},{"id":47,"value":"10"}]}`, code: 400, want: errEnv("Parameter id 47 is read-only.")},
		{name: "single parameter twice", body: `{` + fgt + `,"parameters":[{"id":1,"value":"2"},{"id":1,"value":"4"},{"id":2,"value":"FC"}]}`, code: 400, want: errEnv("Parameter id 1 is given more than once.")},
		{name: "null value", body: `{` + fgt + `,"parameters":[{"id":1,"value":null},{"id":2,"value":"FC"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 1.")},
		{name: "EMS count between 1 and 24", body: `{"programSerialNumber":"ELAVMR0000000101","name":"n","productTypeId":204,"parameters":[{"id":37,"value":"10"},{"id":38,"value":"0"},{"id":39,"value":"0"},{"id":40,"value":"0"},{"id":41,"value":"0"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 37.")},
		{name: "AppSec WAF package required with UCWAF", body: `{"programSerialNumber":"ELAVMR0000000101","name":"n","productTypeId":211,"parameters":[{"id":82,"value":"UCWAF"}]}`, code: 400, want: errEnv("Parameter id 83 is required.")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r := f.api(f.login(testUser, testPassword), "configs/create", tc.body)
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

func TestConfigIDsIncreaseAndListed(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	body := `{"programSerialNumber":"ELAVMS0000000518","name":"a","productTypeId":2,"parameters":[{"id":30,"value":5},{"id":9,"value":1}]}`
	assert.Equal(t, int64(5006), f.must(tok, "configs/create", body).get("configs.id").Int())
	assert.Equal(t, int64(5007), f.must(tok, "configs/create", body).get("configs.id").Int())
	ids := f.must(tok, "configs/list", `{"programSerialNumber":"ELAVMS0000000518"}`).get("configs.#.id").Raw
	assert.Equal(t, `[5005,5006,5007]`, ids)
}

func TestConfigsUpdate(t *testing.T) {
	const sase = `{"programSerialNumber":"ELAVMR0000000101","name":"sase","productTypeId":205,"parameters":[{"id":48,"value":100},{"id":49,"value":"FSASESTD"},{"id":59,"value":2},{"id":72,"value":1}]}`
	cases := []struct {
		name, body string
		code       int
		want       string
		check      func(t *testing.T, r resp)
	}{
		{name: "rename only", body: `{"id":5000,"name":"renamed"}`, code: 200, check: func(t *testing.T, r resp) {
			assert.Equal(t, "renamed", r.get("configs.name").String())
			assert.Equal(t, `["4","UTP","0","FGTAVDB","FGTFAIS","NONE","NONE"]`, r.get("configs.parameters.#.value").Raw)
		}},
		{name: "id as string, name null keeps the name", body: `{"id":"5000","name":null,"parameters":[{"id":1,"value":"8"},{"id":2,"value":"ATP"},{"id":44,"value":"FGTFAMS"}]}`, code: 200,
			check: func(t *testing.T, r resp) {
				assert.Equal(t, "fgt-vm-4cpu-utp", r.get("configs.name").String())
				// The list is the full new set: 43 loses its codes, defaults fill the rest.
				assert.Equal(t, `[{"id":1,"name":"CPU","value":"8"},{"id":2,"name":"SERVICEPACK","value":"ATP"},{"id":10,"name":"VDOM","value":"0"},{"id":43,"name":"SERVICEPACK","value":"NONE"},{"id":44,"name":"SERVICEPACK","value":"FGTFAMS"},{"id":45,"name":"SERVICEPACK","value":"NONE"}]`,
					r.get("configs.parameters").Raw)
			}},
		{name: "same product type given", body: `{"id":5000,"productTypeId":1,"name":"x"}`, code: 200},
		{name: "scale-up-only parameter may grow", body: `{"id":5006,"parameters":[{"id":48,"value":100},{"id":49,"value":"FSASESTD"},{"id":59,"value":3},{"id":72,"value":1}]}`, code: 200},
		{name: "scale-up-only parameter cannot shrink", body: `{"id":5006,"parameters":[{"id":48,"value":100},{"id":49,"value":"FSASESTD"},{"id":59,"value":1},{"id":72,"value":1}]}`, code: 400,
			want: errEnv("Parameter id 59 cannot be decreased.")},
		{name: "omitted scale-up-only parameter defaults to 0: a decrease", body: `{"id":5006,"parameters":[{"id":48,"value":100},{"id":49,"value":"FSASESTD"},{"id":59,"value":2}]}`, code: 400,
			want: errEnv("Parameter id 72 cannot be decreased.")},
		{name: "product type cannot change", body: `{"id":5000,"productTypeId":2}`, code: 400, want: errEnv("Product type cannot be changed.")},
		{name: "invalid parameter", body: `{"id":5000,"parameters":[{"id":1,"value":"0"},{"id":2,"value":"FC"}]}`, code: 400, want: errEnv("Invalid value for Parameter id 1.")},
		{name: "missing required parameter", body: `{"id":5000,"parameters":[{"id":1,"value":"2"}]}`, code: 400, want: errEnv("Parameter id 2 is required.")},
		{name: "disabled configuration changes too", body: `{"id":5004,"name":"x"}`, code: 200, check: func(t *testing.T, r resp) {
			assert.Equal(t, "x", r.get("configs.name").String())
			assert.Equal(t, "DISABLED", r.get("configs.status").String())
		}},
		{name: "unknown configuration", body: `{"id":1,"name":"x"}`, code: 400, want: errEnv("Configuration not found.")},
		{name: "missing id", body: `{"name":"x"}`, code: 400, want: errEnv("id is required.")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tok := f.login(testUser, testPassword)
			require.Equal(t, int64(5006), f.must(tok, "configs/create", sase).get("configs.id").Int())
			r := f.api(tok, "configs/update", tc.body)
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

func TestConfigsEnableDisable(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	steps := []struct {
		endpoint, body string
		code           int
		status, want   string
	}{
		{"configs/disable", `{"id":5000}`, 200, "DISABLED", ""},
		{"configs/disable", `{"id":"5000"}`, 200, "DISABLED", ""}, // idempotent
		{"entitlements/vm/create", `{"configId":5000}`, 400, "", errEnv("Configuration 5000 is disabled.")},
		{"configs/update", `{"id":5000,"name":"x"}`, 200, "DISABLED", ""},
		{"configs/enable", `{"id":5000}`, 200, "ACTIVE", ""},
		{"configs/enable", `{"id":5000}`, 200, "ACTIVE", ""},
		{"entitlements/vm/create", `{"configId":5000}`, 200, "", ""},
		{"configs/enable", `{"id":42}`, 400, "", errEnv("Configuration not found.")},
		{"configs/disable", `{}`, 400, "", errEnv("id is required.")},
	}
	for i, st := range steps {
		r := f.api(tok, st.endpoint, st.body)
		require.Equal(t, st.code, r.code, "step %d: %s", i, r.body)
		if st.status != "" {
			assert.Equal(t, st.status, r.get("configs.status").String(), "step %d", i)
			assert.Equal(t, int64(5000), r.get("configs.id").Int())
		}
		if st.want != "" {
			assert.Equal(t, st.want, r.body, "step %d", i)
		}
	}
	// Entitlements of a disabled configuration keep their status.
	f.must(tok, "configs/disable", `{"id":5000}`)
	assert.Equal(t, "ACTIVE", f.must(tok, "entitlements/list", `{"serialNumber":"FGVMELTM24000002","configId":5000}`).get("entitlements.0.status").String())
	assert.Equal(t, http.StatusOK, f.api(tok, "entitlements/stop", `{"serialNumber":"FGVMELTM24000002"}`).code)
}
