package entitlementsvmregeneratetoken_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmregeneratetoken"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func TestRegenerate(t *testing.T) {
	e := moduletest.New(t)
	old := e.Entitlement("FGVMELTM24000002")["token"]
	r := e.Run(entitlementsvmregeneratetoken.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "regenerate": true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	got := r.Out["entitlements"].([]any)[0].(map[string]any)
	assert.NotEqual(t, old, got["token"])
	assert.Equal(t, "NOTUSED", got["tokenStatus"])
	assert.Equal(t, got["token"], e.Entitlement("FGVMELTM24000002")["token"])

	r = e.Run(entitlementsvmregeneratetoken.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "regenerate": false})
	assert.False(t, r.Changed())
	assert.Empty(t, e.Calls())
}

func TestLostAnswerNotRepeated(t *testing.T) {
	e := moduletest.New(t)
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/entitlements/vm/token", When: sim.FaultAfter, Status: 503})
	r := e.Run(entitlementsvmregeneratetoken.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "regenerate": true})
	assert.True(t, r.Failed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/vm/token"))
	assert.Contains(t, r.Msg(), "the token of FGVMELTM24000002 may have been regenerated")
}

func TestHardwareHasNoToken(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementsvmregeneratetoken.Module, map[string]any{"serialNumber": "FGT60FTK24000001", "regenerate": true}, moduletest.Mode{Check: true})
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGT60FTK24000001 has no license token to regenerate: it is a hardware or cloud entitlement", r.Msg())
	assert.Empty(t, e.Writes())

	r = e.Run(entitlementsvmregeneratetoken.Module, map[string]any{"serialNumber": "FGT60FTK24000001", "regenerate": true})
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/vm/token failed (HTTP 400)")
	assert.False(t, r.Changed())
}
