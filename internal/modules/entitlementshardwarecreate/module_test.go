package entitlementshardwarecreate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlementshardwarecreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func TestRegisterAndLostAnswer(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementshardwarecreate.Module, map[string]any{"configId": 5002, "serialNumbers": []any{"FGT60FTK24000101"}})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, "ACTIVE", e.Entitlement("FGT60FTK24000101")["status"])

	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/entitlements/hardware/create", When: sim.FaultAfter, Status: 502})
	r = e.Run(entitlementshardwarecreate.Module, map[string]any{"configId": 5002, "serialNumbers": []any{"FGT60FTK24000102", "FGT60FTK24000103"}})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/hardware/create"))
	assert.Len(t, r.Out["entitlements"], 2)
}

func TestSerialNumberChecks(t *testing.T) {
	e := moduletest.New(t)
	many := make([]any, 101)
	for i := range many {
		many[i] = "FGT60FTK24" + string(rune('A'+i/26%26)) + string(rune('A'+i%26)) + "0000"
	}
	for _, tc := range []struct {
		serials []any
		msg     string
	}{
		{[]any{}, "serialNumbers must list at least one serial number"},
		{[]any{"FGT60FTK24000101", "fgt60ftk24000101"}, "serialNumbers lists fgt60ftk24000101 twice"},
		{many, "serialNumbers lists 101 serial numbers; FortiFlex takes at most 100 per request, split them over several tasks"},
	} {
		r := e.Run(entitlementshardwarecreate.Module, map[string]any{"configId": 5002, "serialNumbers": tc.serials})
		assert.True(t, r.Failed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Calls())
	}
}
