package fortiflex

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigsListRequest(t *testing.T) {
	acct := 853130
	tests := []struct {
		name     string
		opts     ConfigListOptions
		wantBody string
	}{
		{"program only", ConfigListOptions{ProgramSerialNumber: "ELAVMR0000000101"}, `{"programSerialNumber":"ELAVMR0000000101"}`},
		{"with account", ConfigListOptions{ProgramSerialNumber: " ELAVMR0000000101 ", AccountID: &acct}, `{"programSerialNumber":"ELAVMR0000000101","accountId":853130}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("configs/list", respond(200, okBody("configs", "[]")))
			c := f.client()
			got, err := c.ConfigsList(context.Background(), tt.opts)
			require.NoError(t, err)
			assert.NotNil(t, got)
			assert.Empty(t, got)
			calls := f.requestsTo(apiPrefix + "configs/list")
			require.Len(t, calls, 1)
			assert.JSONEq(t, tt.wantBody, string(calls[0].Body))
		})
	}
}

func TestConfigsListValidatesBeforeIO(t *testing.T) {
	f := setup(t)
	c := f.client()
	for _, serial := range []string{"", "   "} {
		_, err := c.ConfigsList(context.Background(), ConfigListOptions{ProgramSerialNumber: serial})
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrInvalidRequest)
		assert.Equal(t, "configs/list: programSerialNumber is required", err.Error())
	}
	assert.Equal(t, Stats{}, c.Stats())
	assert.Equal(t, 0, f.loginCount())
}

func TestConfigsListQuirks(t *testing.T) {
	want := []Configuration{{
		ID: 5120, Name: "edge-2cpu-utp", ProgramSerialNumber: "ELAVMR0000000101", AccountID: 853130, Status: "ACTIVE",
		ProductType: ProductType{ID: 1, Name: "FortiGate-VM"},
		Parameters: []Parameter{
			{ID: 1, Name: "CPU", Value: "2"},
			{ID: 2, Name: "SERVICEPACK", Value: "UTP"},
			{ID: 10, Name: "VDOM", Value: "0"},
		},
	}}
	canonical := `{"id":5120,"name":"edge-2cpu-utp","programSerialNumber":"ELAVMR0000000101","accountId":853130,"status":"ACTIVE",
		"productType":{"id":1,"name":"FortiGate-VM"},
		"parameters":[{"id":1,"name":"CPU","value":"2"},{"id":2,"name":"SERVICEPACK","value":"UTP"},{"id":10,"name":"VDOM","value":"0"}]}`
	stringy := `{"id":"5120","name":"edge-2cpu-utp","programSerialNumber":"ELAVMR0000000101","accountId":"853130","status":"ACTIVE",
		"productType":{"id":"1","name":"FortiGate-VM","extra":true},"unknownField":{"x":[1]},
		"parameters":[{"id":"1","name":"CPU","value":2},{"id":2.0,"name":"SERVICEPACK","value":"UTP"},{"id":10,"name":"VDOM","value":0}]}`
	tests := []struct {
		name string
		body string
		want []Configuration
	}{
		{"canonical", `{"status":0,"message":"Request processed successfully.","error":null,"configs":[` + canonical + `]}`, want},
		{"status as string 0", `{"status":"0","message":"Request processed successfully","error":null,"configs":[` + canonical + `]}`, want},
		{"status success", `{"status":"success","configs":[` + canonical + `]}`, want},
		{"configs as object", `{"status":0,"configs":` + canonical + `}`, want},
		{"numbers as strings, values as numbers, unknown fields", `{"status":0,"configs":[` + stringy + `]}`, want},
		{"configs null", `{"status":0,"configs":null}`, []Configuration{}},
		{"no parameters", `{"status":0,"configs":[{"id":7,"parameters":null}]}`, []Configuration{{ID: 7, Parameters: []Parameter{}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("configs/list", respond(200, tt.body))
			c := f.client()
			got, err := c.ConfigsList(context.Background(), ConfigListOptions{ProgramSerialNumber: "ELAVMR0000000101"})
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestConfigsListBadShapes(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantSub string
	}{
		{"id not a number", `{"status":0,"configs":[{"id":"abc"}]}`, `configs[0]: id: "abc" is not an integer`},
		{"parameters not a list", `{"status":0,"configs":[{"id":1,"parameters":"x"}]}`, `parameters: "x" is not a list`},
		{"parameter id bad", `{"status":0,"configs":[{"id":1,"parameters":[{"id":true}]}]}`, `parameters[0]: id: true is not an integer`},
		{"configs a number", `{"status":0,"configs":5}`, `configs: payload is a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("configs/list", respond(200, tt.body))
			c := f.client()
			_, err := c.ConfigsList(context.Background(), ConfigListOptions{ProgramSerialNumber: "S"})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnexpectedResponse)
			assert.Contains(t, err.Error(), tt.wantSub)
		})
	}
}

func TestConfigurationJSONRoundTrip(t *testing.T) {
	var cfg Configuration
	require.NoError(t, json.Unmarshal([]byte(`{"id":"3","parameters":[{"id":"1","value":4}],"productType":{"id":1}}`), &cfg))
	assert.Equal(t, Configuration{ID: 3, ProductType: ProductType{ID: 1}, Parameters: []Parameter{{ID: 1, Value: "4"}}}, cfg)
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":3,"name":"","programSerialNumber":"","accountId":0,"status":"","productType":{"id":1,"name":""},"parameters":[{"id":1,"value":"4"}]}`, string(b))
}
