package entitlementslistinfo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlementslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
)

func serials(r moduletest.Result) []string {
	var out []string
	for _, x := range r.Out["entitlements"].([]any) {
		out = append(out, x.(map[string]any)["serialNumber"].(string))
	}
	return out
}

func TestFilters(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementslistinfo.Module, map[string]any{"configId": 5000})
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, []string{"FGVMELTM24000001", "FGVMELTM24000002", "FGVMELTM24000003"}, serials(r))
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/list"))

	r = e.Run(entitlementslistinfo.Module, map[string]any{"configId": 5000, "status": "STOPPED"})
	assert.Equal(t, []string{"FGVMELTM24000003"}, serials(r))

	r = e.Run(entitlementslistinfo.Module, map[string]any{"accountId": 853131, "programSerialNumber": "ELAVMR0000000101"})
	assert.ElementsMatch(t, []string{"FGT60FTK24000001", "FCTEMS0000000101"}, serials(r))
	for _, x := range r.Out["entitlements"].([]any) {
		assert.Nil(t, x.(map[string]any)["token"], "hardware and cloud entitlements have no token")
	}
}

func TestRequiredRules(t *testing.T) {
	e := moduletest.New(t)
	for _, tc := range []struct {
		args map[string]any
		msg  string
	}{
		{map[string]any{}, "one of the following is required: configId, accountId"},
		{map[string]any{"accountId": 853130}, "parameters are required together: accountId, programSerialNumber"},
		{map[string]any{"configId": 5000, "status": "PENDDING"}, "value of status must be one of: ACTIVE, PENDING, STOPPED, EXPIRED, got: PENDDING"},
		{map[string]any{"configId": 0}, "configId must be a configuration id (a positive number), got 0"},
		{map[string]any{"accountId": -853130, "programSerialNumber": "ELAVMR0000000101"}, "accountId must be a FortiCloud account id (a positive number), got -853130"},
	} {
		r := e.Run(entitlementslistinfo.Module, tc.args)
		assert.True(t, r.Failed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Calls())
	}
}

func TestReturnTokensOff(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementslistinfo.Module, map[string]any{"configId": 5000, "return_tokens": false})
	require.False(t, r.Failed(), r.Msg())
	for _, x := range r.Out["entitlements"].([]any) {
		assert.Equal(t, "<hidden>", x.(map[string]any)["token"])
	}
	tok := e.Entitlement("FGVMELTM24000001")["token"].(string)
	assert.NotContains(t, r.Raw, tok)

	e.Vars["FORTIFLEX_RETURN_TOKENS"] = "false"
	r = e.Run(entitlementslistinfo.Module, map[string]any{"configId": 5000})
	assert.NotContains(t, r.Raw, tok, "the environment variable turns tokens off too")
}
