package cloudentitlement_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/cloudentitlement"
	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func wafConfig(t *testing.T, e *moduletest.Env, name string) int {
	r := e.Run(configscreate.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": name,
		"fortiCloudPublic": map[string]any{"throughput": 100, "applications": 10}})
	require.False(t, r.Failed(), r.Msg())
	return int(r.Out["configs"].(map[string]any)["id"].(float64))
}

func TestCreateThenNothing(t *testing.T) {
	e := moduletest.New(t)
	id := wafConfig(t, e, "waf")
	args := map[string]any{"config_id": id, "description": "waf-prod", "end_date": "2027-06-30"}

	r := e.Run(cloudentitlement.Module, args, moduletest.Mode{Check: true, Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Nil(t, r.Out["entitlement"].(map[string]any)["serialNumber"])

	r = e.Run(cloudentitlement.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	got := r.Out["entitlement"].(map[string]any)
	assert.Equal(t, "ACTIVE", got["status"])
	assert.Equal(t, "waf-prod", got["description"])
	assert.Equal(t, "2027-06-30T00:00:00", got["endDate"])

	r = e.Run(cloudentitlement.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes(), "a second run only reads")
}

func TestStopAndReactivateExisting(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(cloudentitlement.Module, map[string]any{"config_id": 5003, "state": "stopped"}, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/entitlements/stop": 1}, e.Writes())
	assert.Equal(t, "STOPPED", e.Entitlement("FCTEMS0000000101")["status"])
	assert.Equal(t, "ACTIVE", r.Out["diff"].(map[string]any)["before"].(map[string]any)["status"])

	r = e.Run(cloudentitlement.Module, map[string]any{"config_id": 5003})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, "ACTIVE", e.Entitlement("FCTEMS0000000101")["status"])
}

func TestOnePerProductAndAccount(t *testing.T) {
	e := moduletest.New(t)
	first := wafConfig(t, e, "waf-a")
	second := wafConfig(t, e, "waf-b")
	r := e.Run(cloudentitlement.Module, map[string]any{"config_id": first})
	require.False(t, r.Failed(), r.Msg())
	serial := r.Out["entitlement"].(map[string]any)["serialNumber"].(string)

	r = e.Run(cloudentitlement.Module, map[string]any{"config_id": second})
	assert.True(t, r.Failed())
	assert.Regexp(t, "^account 853130 already has the fortiCloudPublic entitlement "+serial+` \(ACTIVE, configuration \d+\); FortiFlex allows one per cloud product and account$`, r.Msg())
	assert.Empty(t, e.Writes())
}

func TestLostAnswerAdopted(t *testing.T) {
	e := moduletest.New(t)
	id := wafConfig(t, e, "waf")
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/entitlements/cloud/create", When: sim.FaultAfter, Kind: sim.FaultReset}))
	r := e.Run(cloudentitlement.Module, map[string]any{"config_id": id, "state": "stopped"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/cloud/create"))
	assert.Equal(t, "STOPPED", r.Out["entitlement"].(map[string]any)["status"])
}

func TestRefusals(t *testing.T) {
	e := moduletest.New(t)
	for _, tc := range []struct {
		args map[string]any
		msg  string
	}{
		{map[string]any{"config_id": 5000}, "configuration 5000 is a fortiGateBundle configuration, not a cloud service one"},
		{map[string]any{"config_id": 4242}, "configuration 4242 not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info"},
		{map[string]any{"config_id": 5003, "end_date": "soon"}, `end_date: "soon" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss`},
		{map[string]any{"config_id": 0}, "config_id must be a configuration id (a positive number), got 0"},
		{map[string]any{"config_id": 5003, "state": "absent"}, "value of state must be one of: active, stopped, got: absent"},
	} {
		r := e.Run(cloudentitlement.Module, tc.args)
		assert.True(t, r.Failed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Writes())
	}
}

func TestPointsPerDayInCheckMode(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(cloudentitlement.Module, map[string]any{"config_id": 5003, "state": "stopped"}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	pts := r.Out["points_per_day"].(map[string]any)
	assert.Greater(t, pts["before"].(float64), 0.0)
	assert.Equal(t, 0.0, pts["after"])
	assert.Empty(t, e.Writes())

	r = e.Run(cloudentitlement.Module, map[string]any{"config_id": 5003, "description": "x"}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.NotContains(t, r.Out, "points_per_day", "a description costs nothing")
}
