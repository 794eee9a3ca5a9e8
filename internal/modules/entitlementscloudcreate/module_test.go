package entitlementscloudcreate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementscloudcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func wafConfig(t *testing.T, e *moduletest.Env) int {
	r := e.Run(configscreate.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": "waf",
		"fortiCloudPublic": map[string]any{"throughput": 100, "applications": 10}})
	require.False(t, r.Failed(), r.Msg())
	return int(r.Out["configs"].(map[string]any)["id"].(float64))
}

func TestCreateOnceThenRefused(t *testing.T) {
	e := moduletest.New(t)
	id := wafConfig(t, e)
	r := e.Run(entitlementscloudcreate.Module, map[string]any{"configId": id}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed(), "check mode predicts the create (the incumbent said false)")
	assert.Empty(t, e.Writes())

	r = e.Run(entitlementscloudcreate.Module, map[string]any{"configId": id, "description": "waf", "folderPath": "My Assets"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	got := r.Out["entitlements"].([]any)[0].(map[string]any)
	assert.Equal(t, "ACTIVE", got["status"])
	assert.Nil(t, got["token"])

	r = e.Run(entitlementscloudcreate.Module, map[string]any{"configId": id})
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/cloud/create failed (HTTP 400)")

	// Check mode predicts that refusal.
	r = e.Run(entitlementscloudcreate.Module, map[string]any{"configId": id}, moduletest.Mode{Check: true})
	assert.True(t, r.Failed())
	assert.Regexp(t, `^account 853130 already has the fortiCloudPublic entitlement \w+ \(ACTIVE, configuration \d+\); FortiFlex allows one per cloud product and account$`, r.Msg())
	assert.Empty(t, e.Writes())
}

func TestLostAnswerFound(t *testing.T) {
	e := moduletest.New(t)
	id := wafConfig(t, e)
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/entitlements/cloud/create", When: sim.FaultAfter, Status: 502})
	r := e.Run(entitlementscloudcreate.Module, map[string]any{"configId": id})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/cloud/create"))
	assert.Len(t, r.Out["entitlements"], 1)
}
