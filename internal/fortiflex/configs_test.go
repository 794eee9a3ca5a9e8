package fortiflex

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
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

// cfgAnswer is a configuration as configs/create and friends answer it.
const cfgAnswer = `{"id":5120,"name":"edge-2cpu-utp","programSerialNumber":"ELAVMR0000000101","accountId":853130,"status":"ACTIVE",
	"productType":{"id":1,"name":"FortiGate-VM"},"parameters":[{"id":1,"name":"CPU","value":"2"},{"id":2,"name":"SERVICEPACK","value":"UTP"}]}`

// cfgAnswerStringy is the same with numbers as strings and unknown members.
const cfgAnswerStringy = `{"id":"5120","name":"edge-2cpu-utp","programSerialNumber":"ELAVMR0000000101","accountId":"853130","status":"ACTIVE",
	"productType":{"id":"1","name":"FortiGate-VM"},"parameters":[{"id":"1","name":"CPU","value":2},{"id":2,"name":"SERVICEPACK","value":"UTP"}],"extra":{"a":1}}`

var wantCfg = &Configuration{
	ID: 5120, Name: "edge-2cpu-utp", ProgramSerialNumber: "ELAVMR0000000101", AccountID: 853130, Status: "ACTIVE",
	ProductType: ProductType{ID: 1, Name: "FortiGate-VM"},
	Parameters:  []Parameter{{ID: 1, Name: "CPU", Value: "2"}, {ID: 2, Name: "SERVICEPACK", Value: "UTP"}},
}

func TestConfigsChanges(t *testing.T) {
	create := func(in ConfigCreate) func(context.Context, *Client) (any, error) {
		return func(ctx context.Context, c *Client) (any, error) { return wrap(c.ConfigsCreate(ctx, in)) }
	}
	update := func(in ConfigUpdate) func(context.Context, *Client) (any, error) {
		return func(ctx context.Context, c *Client) (any, error) { return wrap(c.ConfigsUpdate(ctx, in)) }
	}
	params := []Parameter{{ID: 1, Name: "CPU", Value: "2"}, {ID: 2, Value: "UTP"}, {ID: 43, Value: "FGTAVDB"}, {ID: 43, Value: "FGTFAIS"}}
	const paramsJSON = `[{"id":1,"value":"2"},{"id":2,"value":"UTP"},{"id":43,"value":"FGTAVDB"},{"id":43,"value":"FGTFAIS"}]`
	in := ConfigCreate{ProgramSerialNumber: " ELAVMR0000000101 ", Name: "edge-2cpu-utp", ProductTypeID: 1, Parameters: params}
	inAcct := in
	inAcct.AccountID = ptr(853130)
	runAPICases(t, []apiCase{
		{"create: object answer", "configs/create", create(in),
			`{"programSerialNumber":"ELAVMR0000000101","name":"edge-2cpu-utp","productTypeId":1,"parameters":` + paramsJSON + `}`,
			okBody("configs", cfgAnswer), wantCfg},
		{"create with account: one-element list answer", "configs/create", create(inAcct),
			`{"programSerialNumber":"ELAVMR0000000101","accountId":853130,"name":"edge-2cpu-utp","productTypeId":1,"parameters":` + paramsJSON + `}`,
			okBody("configs", "["+cfgAnswer+"]"), wantCfg},
		{"create: numbers as strings, status as string", "configs/create", create(in),
			`{"programSerialNumber":"ELAVMR0000000101","name":"edge-2cpu-utp","productTypeId":1,"parameters":` + paramsJSON + `}`,
			`{"status":"0","message":"Request processed successfully","configs":` + cfgAnswerStringy + `}`, wantCfg},
		{"update name only", "configs/update", update(ConfigUpdate{ID: 5120, Name: ptr("edge-2cpu-utp")}),
			`{"id":5120,"name":"edge-2cpu-utp"}`, okBody("configs", cfgAnswer), wantCfg},
		{"update parameters only", "configs/update", update(ConfigUpdate{ID: 5120, Parameters: params}),
			`{"id":5120,"parameters":` + paramsJSON + `}`, okBody("configs", "["+cfgAnswerStringy+"]"), wantCfg},
		{"update both", "configs/update", update(ConfigUpdate{ID: 5120, Name: ptr("n"), Parameters: params[:1]}),
			`{"id":5120,"name":"n","parameters":[{"id":1,"value":"2"}]}`, okBody("configs", cfgAnswer), wantCfg},
		{"enable", "configs/enable", func(ctx context.Context, c *Client) (any, error) { return wrap(c.ConfigsEnable(ctx, 5120)) },
			`{"id":5120}`, okBody("configs", cfgAnswer), wantCfg},
		{"disable, list answer", "configs/disable", func(ctx context.Context, c *Client) (any, error) { return wrap(c.ConfigsDisable(ctx, 5120)) },
			`{"id":5120}`, okBody("configs", `[`+strings.Replace(cfgAnswer, `"ACTIVE"`, `"DISABLED"`, 1)+`]`),
			func() *Configuration { c := *wantCfg; c.Status = "DISABLED"; return &c }()},
	})
}

func TestConfigsChangesValidation(t *testing.T) {
	ok := ConfigCreate{ProgramSerialNumber: "ELAVMR0000000101", Name: "n", ProductTypeID: 1, Parameters: []Parameter{{ID: 1, Value: "2"}}}
	mod := func(f func(*ConfigCreate)) ConfigCreate { c := ok; f(&c); return c }
	create := func(in ConfigCreate) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error { return errOnly(c.ConfigsCreate(ctx, in)) }
	}
	update := func(in ConfigUpdate) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error { return errOnly(c.ConfigsUpdate(ctx, in)) }
	}
	runInvalidCases(t, []invalidCase{
		{"create: no program", create(mod(func(c *ConfigCreate) { c.ProgramSerialNumber = " " })), "configs/create: programSerialNumber is required"},
		{"create: no name", create(mod(func(c *ConfigCreate) { c.Name = "" })), "configs/create: name is required"},
		{"create: no product type", create(mod(func(c *ConfigCreate) { c.ProductTypeID = 0 })), "configs/create: productTypeId must be a positive integer, got 0"},
		{"create: no parameters", create(mod(func(c *ConfigCreate) { c.Parameters = nil })), "configs/create: parameters are required"},
		{"create: bad parameter id", create(mod(func(c *ConfigCreate) { c.Parameters = []Parameter{{ID: 1}, {ID: -2}} })), "configs/create: parameters[1]: id must be a positive integer, got -2"},
		{"create: bad account", create(mod(func(c *ConfigCreate) { c.AccountID = ptr(0) })), "configs/create: accountId must be a positive integer, got 0"},
		{"update: no id", update(ConfigUpdate{Name: ptr("n")}), "configs/update: id must be a positive integer, got 0"},
		{"update: nothing", update(ConfigUpdate{ID: 1}), "configs/update: nothing to update: give a name or parameters"},
		{"update: empty name", update(ConfigUpdate{ID: 1, Name: ptr(" ")}), "configs/update: name must not be empty"},
		{"update: empty parameter list", update(ConfigUpdate{ID: 1, Parameters: []Parameter{}}), "configs/update: parameters must not be an empty list (leave them out to keep the current ones)"},
		{"enable: no id", func(ctx context.Context, c *Client) error { return errOnly(c.ConfigsEnable(ctx, 0)) }, "configs/enable: id must be a positive integer, got 0"},
		{"disable: negative id", func(ctx context.Context, c *Client) error { return errOnly(c.ConfigsDisable(ctx, -1)) }, "configs/disable: id must be a positive integer, got -1"},
	})
}

func TestConfigsChangeAnswerWithoutConfiguration(t *testing.T) {
	tests := []struct {
		name    string
		answer  string
		unknown bool
	}{
		{"create: no configs key", `{"status":0,"message":"Request processed successfully."}`, true},
		{"create: empty list", okBody("configs", "[]"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("configs/create", respond(200, tt.answer))
			_, err := f.client().ConfigsCreate(context.Background(), ConfigCreate{ProgramSerialNumber: "S", Name: "n", ProductTypeID: 1, Parameters: []Parameter{{ID: 1, Value: "1"}}})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnexpectedResponse)
			assert.Equal(t, tt.unknown, errors.Is(err, ErrOutcomeUnknown))
			assert.Equal(t, "configs/create: HTTP 200: cannot decode response: the answer holds no configuration (configs); outcome unknown: the request may have been carried out", err.Error())
		})
	}
	f := setup(t)
	f.handle("configs/update", respond(200, okBody("configs", "[]")))
	_, err := f.client().ConfigsUpdate(context.Background(), ConfigUpdate{ID: 1, Name: ptr("n")})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnexpectedResponse)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "update is safe to repeat: not an unknown outcome")
}
