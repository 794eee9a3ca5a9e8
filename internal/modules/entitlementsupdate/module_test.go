package entitlementsupdate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func TestStopThenReactivateIsExactAndIdempotent(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "status": "STOPPED"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/stop"))
	assert.Equal(t, "STOPPED", e.Entitlement("FGVMELTM24000002")["status"])

	r = e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "status": "STOPPED"})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Zero(t, e.Requests("fortiflex/v2/entitlements/stop"))

	r = e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "configId": 5000, "status": "ACTIVE"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/reactivate"))
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/list"), "configId given: one lookup")
}

func TestDatesComparedAsDates(t *testing.T) {
	e := moduletest.New(t)
	end := e.Entitlement("FGVMELTM24000002")["endDate"].(string) // e.g. 2028-12-03T00:00:00
	day := end[:10]
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "configId": 5000, "endDate": day})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed(), "%s is %s", day, end)
	assert.Zero(t, e.Requests("fortiflex/v2/entitlements/update"))
}

func TestMoveToAnotherConfiguration(t *testing.T) {
	e := moduletest.New(t)
	// configId is the target: the lookup must not depend on it.
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000001", "configId": 5005, "description": "moved"},
		moduletest.Mode{Check: true, Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Zero(t, e.Requests("fortiflex/v2/entitlements/update"))
	diff := r.Out["diff"].(map[string]any)
	assert.EqualValues(t, 5000, diff["before"].(map[string]any)["configId"])
	assert.EqualValues(t, 5005, diff["after"].(map[string]any)["configId"])
}

func TestStateMachineMessages(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000001", "status": "ACTIVE"})
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGVMELTM24000001 is PENDING and cannot be reactivated: it becomes ACTIVE when its token is used on a VM (or create entitlements with skipPending: true). Only STOPPED entitlements can be reactivated", r.Msg())
	assert.Zero(t, e.Requests("fortiflex/v2/entitlements/reactivate"))

	r = e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000003", "endDate": "2027-01-31"})
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGVMELTM24000003 is STOPPED: FortiFlex changes the end date of PENDING and ACTIVE entitlements only. Reactivate it (status: ACTIVE) in the same task to change the end date", r.Msg())

	r = e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMNOPE00000000", "status": "STOPPED"})
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGVMNOPE00000000 not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", r.Msg())

	r = e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "endDate": "31/12/2027"})
	assert.True(t, r.Failed())
	assert.Equal(t, `endDate: "31/12/2027" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss`, r.Msg())
	assert.Empty(t, e.Calls(), "nothing sent for invalid input")
}

func TestLostStopAnswerIsReadBack(t *testing.T) {
	e := moduletest.New(t)
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/entitlements/stop", When: sim.FaultAfter, Status: 502})
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "status": "STOPPED"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/stop"), "not repeated")
	assert.Equal(t, "STOPPED", r.Out["entitlements"].([]any)[0].(map[string]any)["status"])
}

func TestEmptyDescriptionClears(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "description": ""})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, "", e.Entitlement("FGVMELTM24000002")["description"])
	r = e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "description": ""})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
}

func TestDiffNeverShowsTokens(t *testing.T) {
	e := moduletest.New(t)
	tok := e.Entitlement("FGVMELTM24000002")["token"].(string)
	r := e.Run(entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "status": "STOPPED"}, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	diff := r.Out["diff"].(map[string]any)
	assert.Equal(t, "<token>", diff["before"].(map[string]any)["token"])
	assert.Equal(t, tok, r.Out["entitlements"].([]any)[0].(map[string]any)["token"], "the result itself carries it (return_tokens defaults to true)")
}
