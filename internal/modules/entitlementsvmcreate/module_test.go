package entitlementsvmcreate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func TestCreatesCount(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("entitlements")
	r := e.Run(entitlementsvmcreate.Module, map[string]any{"configId": 5000, "count": 3, "description": "lab"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	list := r.Out["entitlements"].([]any)
	require.Len(t, list, 3)
	for _, x := range list {
		m := x.(map[string]any)
		assert.Equal(t, "PENDING", m["status"])
		assert.Equal(t, "NOTUSED", m["tokenStatus"])
		assert.Equal(t, "lab", m["description"])
		assert.Len(t, m["token"], 20)
	}
	assert.Equal(t, before+3, e.Count("entitlements"))
}

func TestCountZeroAndCheckMode(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlementsvmcreate.Module, map[string]any{"configId": 5000, "count": 0})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Calls())

	r = e.Run(entitlementsvmcreate.Module, map[string]any{"configId": 5000, "count": 2}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.NotZero(t, e.Requests("fortiflex/v2/configs/list"), "check mode reads the configuration")

	// Check mode predicts the failures a real run would meet.
	for _, tc := range []struct {
		cfg int
		msg string
	}{
		{5004, "configuration 5004 is DISABLED: FortiFlex creates no entitlements from it. Enable it first (fortiflexvm_configs_update with status: ACTIVE)"},
		{5002, "configuration 5002 is a fortiGateHardware configuration (hardware); this module creates VM entitlements"},
		{4242, "configuration 4242 not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info"},
	} {
		r = e.Run(entitlementsvmcreate.Module, map[string]any{"configId": tc.cfg}, moduletest.Mode{Check: true})
		assert.True(t, r.Failed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Writes())
	}
}

func TestLostAnswerIsNotRepeated(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("entitlements")
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/entitlements/vm/create", When: sim.FaultAfter, Status: 504})
	r := e.Run(entitlementsvmcreate.Module, map[string]any{"configId": 5000, "count": 2})
	assert.True(t, r.Failed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/entitlements/vm/create"), "never sent twice")
	assert.Equal(t, before+2, e.Count("entitlements"), "the simulator did create them")
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/vm/create did not answer (HTTP 504")
	assert.Contains(t, r.Msg(), "the 2 entitlement(s) may have been created. The request was not sent again, so that nothing is paid for twice. List configuration 5000")
}

func TestInvalidInputSendsNothing(t *testing.T) {
	e := moduletest.New(t)
	for _, tc := range []struct {
		args map[string]any
		msg  string
	}{
		{map[string]any{"configId": 5000, "count": -1}, "count must be 0 or more, got -1"},
		{map[string]any{"configId": 5000, "endDate": "next year"}, `endDate: "next year" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss`},
		{map[string]any{"count": 1}, "missing required arguments: configId"},
		{map[string]any{"configId": 5000, "skipPending": "maybe"}, `argument 'skipPending' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean.  Valid booleans include: 'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'`},
	} {
		r := e.Run(entitlementsvmcreate.Module, tc.args)
		assert.True(t, r.Failed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Calls())
	}
}

func TestReadOnlyUserIsRefused(t *testing.T) {
	e := moduletest.New(t)
	e.Vars["FORTIFLEX_ACCESS_USERNAME"] = moduletest.ROUser
	e.Vars["FORTIFLEX_ACCESS_PASSWORD"] = moduletest.ROPassword
	r := e.Run(entitlementsvmcreate.Module, map[string]any{"configId": 5000})
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/vm/create failed (HTTP 403)")
	assert.Contains(t, r.Msg(), "The API user's permission profile must allow this")
	assert.False(t, r.Changed())
}
