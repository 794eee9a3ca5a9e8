package entitlement_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlement"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

const (
	pathStop       = "fortiflex/v2/entitlements/stop"
	pathReactivate = "fortiflex/v2/entitlements/reactivate"
	pathUpdate     = "fortiflex/v2/entitlements/update"
	pathToken      = "fortiflex/v2/entitlements/vm/token"
	pathList       = "fortiflex/v2/entitlements/list"
)

func run(e *moduletest.Env, args map[string]any, mode ...moduletest.Mode) moduletest.Result {
	e.T.Helper()
	return e.Run(entitlement.Module, args, mode...)
}

func ent(t *testing.T, r moduletest.Result) map[string]any {
	t.Helper()
	m, ok := r.Out["entitlement"].(map[string]any)
	require.True(t, ok, "entitlement must be one dict: %s", r.Raw)
	return m
}

func TestStopIsExactAndIdempotent(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"serial_number": "FGVMELTM24000002", "config_id": 5000, "status": "STOPPED"}
	r := run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathStop: 1}, e.Writes())
	assert.Equal(t, "STOPPED", ent(t, r)["status"])
	assert.Equal(t, "STOPPED", e.Entitlement("FGVMELTM24000002")["status"])

	r = run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes(), "a second run sends only reads")
	assert.Equal(t, 1, e.Requests(pathList), "with config_id, a no-op costs one read")
	assert.Equal(t, "STOPPED", ent(t, r)["status"])
}

func TestReactivate(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"serial_number": "FGVMELTM24000003", "status": "ACTIVE"}
	r := run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathReactivate: 1}, e.Writes())
	assert.Equal(t, "ACTIVE", e.Entitlement("FGVMELTM24000003")["status"])
	assert.Equal(t, "USED", ent(t, r)["tokenStatus"], "the token is left alone without token_unused")

	r = run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestMoveDescribeAndEndDateInOneTask(t *testing.T) {
	e := moduletest.New(t)
	end := time.Now().UTC().AddDate(1, 0, 0).Format("2006-01-02")
	args := map[string]any{"serial_number": "FGVMELTM24000001", "config_id": 5005, "description": "moved", "end_date": end}
	r := run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathUpdate: 1}, e.Writes(), "one update carries all three")
	got := ent(t, r)
	assert.EqualValues(t, 5005, got["configId"])
	assert.Equal(t, "moved", got["description"])
	assert.Equal(t, end, got["endDate"].(string)[:10])
	st := e.Entitlement("FGVMELTM24000001")
	assert.EqualValues(t, 5005, st["configId"])
	assert.Equal(t, "moved", st["description"])

	// The same with the end date written with a time: nothing to do. The
	// entitlement is now found at once in configuration 5005.
	args["end_date"] = end + "T00:00:00"
	r = run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, 1, e.Requests(pathList))
	assert.Zero(t, e.Requests("fortiflex/v2/configs/list"), "no move, no configuration read")
}

func TestEmptyDescriptionClears(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"serial_number": "FGVMELTM24000002", "description": ""}
	r := run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, "", e.Entitlement("FGVMELTM24000002")["description"])
	r = run(e, args)
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestTokenUnusedRegeneratesAUsedTokenOnce(t *testing.T) {
	e := moduletest.New(t)
	old := e.Entitlement("FGVMELTM24000002")["token"].(string)
	args := map[string]any{"serial_number": "FGVMELTM24000002", "config_id": 5000, "token_unused": true}
	r := run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathToken: 1}, e.Writes())
	got := ent(t, r)
	assert.NotEqual(t, old, got["token"])
	assert.Equal(t, "NOTUSED", got["tokenStatus"])
	assert.Equal(t, got["token"], e.Entitlement("FGVMELTM24000002")["token"])
	assert.Equal(t, "ACTIVE", got["status"], "status unchanged")

	r = run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed(), "a NOTUSED token is kept")
	assert.Empty(t, e.Writes())
	assert.Equal(t, got["token"], ent(t, r)["token"])

	// Used again (a VM redeemed it): regenerated again.
	require.NoError(t, e.Sim.Redeem("FGVMELTM24000002"))
	r = run(e, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests(pathToken))
}

func TestTokenUnusedWithStopAppliesBoth(t *testing.T) {
	e := moduletest.New(t)
	r := run(e, map[string]any{"serial_number": "FGVMELTM24000002", "status": "STOPPED", "token_unused": true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathStop: 1, pathToken: 1}, e.Writes())
	got := ent(t, r)
	assert.Equal(t, "STOPPED", got["status"])
	assert.Equal(t, "NOTUSED", got["tokenStatus"])
}

func TestTokenUnusedOnHardwareAndCloudFails(t *testing.T) {
	e := moduletest.New(t)
	for _, serial := range []string{"FGT60FTK24000001", "FCTEMS0000000101"} {
		for _, check := range []bool{false, true} {
			r := run(e, map[string]any{"serial_number": serial, "token_unused": true, "status": "STOPPED"}, moduletest.Mode{Check: check})
			assert.True(t, r.Failed())
			assert.False(t, r.Changed())
			assert.Equal(t, "entitlement "+serial+" has no license token: it is a hardware or cloud entitlement, and token_unused applies to VM entitlements only. Leave token_unused out for it", r.Msg())
			assert.Empty(t, e.Writes(), "nothing written, not even the stop")
		}
	}
	// token_unused false (the default) on hardware is fine.
	r := run(e, map[string]any{"serial_number": "FGT60FTK24000001", "description": "store-17"})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Nil(t, ent(t, r)["token"])
}

func TestStateMachineMessages(t *testing.T) {
	e := moduletest.New(t)
	r := run(e, map[string]any{"serial_number": "FGVMELTM24000001", "status": "ACTIVE"})
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, "entitlement FGVMELTM24000001 is PENDING and cannot be reactivated: it becomes ACTIVE when its token is used on a VM (or create entitlements with skipPending: true). Only STOPPED entitlements can be reactivated", r.Msg())
	assert.Empty(t, e.Writes())

	r = run(e, map[string]any{"serial_number": "FGVMELTM24000003", "end_date": "2027-01-31"})
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGVMELTM24000003 is STOPPED: FortiFlex changes the end date of PENDING and ACTIVE entitlements only. Reactivate it (status: ACTIVE) in the same task to change the end date", r.Msg())
	assert.Empty(t, e.Writes())

	r = run(e, map[string]any{"serial_number": "FGVMNOPE00000000", "status": "STOPPED"})
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGVMNOPE00000000 not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestMoveIsCheckedBeforeAnythingIsSent(t *testing.T) {
	cases := []struct {
		name   string
		args   map[string]any
		msg    string
		writes bool
	}{
		{"another product type", map[string]any{"serial_number": "FGVMELTM24000003", "config_id": 5001, "status": "ACTIVE"},
			"entitlement FGVMELTM24000003 cannot move to configuration 5001: that is a fortiManager configuration, and the entitlement's configuration 5000 is fortiGateBundle. FortiFlex moves entitlements only between configurations of the same product type", false},
		{"disabled", map[string]any{"serial_number": "FGVMELTM24000003", "config_id": 5004},
			"entitlement FGVMELTM24000003 cannot move to configuration 5004: it is DISABLED. Enable it first (fortiflexvm_configs_update with status: ACTIVE)", false},
		{"unknown", map[string]any{"serial_number": "FGVMELTM24000003", "config_id": 9999},
			"configuration 9999 not found in any FortiFlex program this API user can see; check config_id with fortiflexvm_configs_list_info", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := moduletest.New(t)
			for _, check := range []bool{true, false} {
				r := run(e, tc.args, moduletest.Mode{Check: check})
				assert.True(t, r.Failed())
				assert.False(t, r.Changed())
				assert.Equal(t, tc.msg, r.Msg())
				assert.Empty(t, e.Writes(), "the reactivate is not sent either")
			}
		})
	}
}

func TestCheckModeWritesNothingAndPredicts(t *testing.T) {
	e := moduletest.New(t)
	old := e.Entitlement("FGVMELTM24000003")["token"]
	r := run(e, map[string]any{"serial_number": "FGVMELTM24000003", "status": "ACTIVE", "description": "back", "token_unused": true},
		moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	got := ent(t, r)
	assert.Equal(t, "ACTIVE", got["status"])
	assert.Equal(t, "back", got["description"])
	assert.Nil(t, got["token"], "a regenerated token cannot be predicted")
	assert.Equal(t, "NOTUSED", got["tokenStatus"])
	st := e.Entitlement("FGVMELTM24000003")
	assert.Equal(t, "STOPPED", st["status"])
	assert.Equal(t, old, st["token"])

	// Nothing to do: changed=false in check mode too, with the real token.
	r = run(e, map[string]any{"serial_number": "FGVMELTM24000004", "status": "ACTIVE", "token_unused": true}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Equal(t, e.Entitlement("FGVMELTM24000004")["token"], ent(t, r)["token"])
}

func TestDiffHasNoToken(t *testing.T) {
	e := moduletest.New(t)
	old := e.Entitlement("FGVMELTM24000002")["token"].(string)
	args := map[string]any{"serial_number": "FGVMELTM24000002", "description": "edge", "token_unused": true}

	r := run(e, args, moduletest.Mode{Check: true, Diff: true})
	require.False(t, r.Failed(), r.Msg())
	diff := r.Out["diff"].(map[string]any)
	before, after := diff["before"].(map[string]any), diff["after"].(map[string]any)
	assert.Equal(t, "<token>", before["token"])
	assert.Equal(t, "USED", before["tokenStatus"])
	assert.Equal(t, "<new token>", after["token"])
	assert.Equal(t, "NOTUSED", after["tokenStatus"])
	assert.Equal(t, "branch-a", before["description"])
	assert.Equal(t, "edge", after["description"])
	b, _ := json.Marshal(diff)
	assert.NotContains(t, string(b), old)

	r = run(e, args, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	fresh := ent(t, r)["token"].(string)
	b, _ = json.Marshal(r.Out["diff"])
	assert.NotContains(t, string(b), old)
	assert.NotContains(t, string(b), fresh)
	assert.Equal(t, "<new token>", r.Out["diff"].(map[string]any)["after"].(map[string]any)["token"])

	// Unchanged token: "<token>" on both sides.
	r = run(e, args, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	diff = r.Out["diff"].(map[string]any)
	assert.Equal(t, "<token>", diff["before"].(map[string]any)["token"])
	assert.Equal(t, "<token>", diff["after"].(map[string]any)["token"])

	// Hardware: no token, null stays null.
	r = run(e, map[string]any{"serial_number": "FGT60FTK24000001", "description": "store-18"}, moduletest.Mode{Check: true, Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.Nil(t, r.Out["diff"].(map[string]any)["after"].(map[string]any)["token"])
}

func TestLostRegenerationAnswerIsReadBack(t *testing.T) {
	e := moduletest.New(t)
	old := e.Entitlement("FGVMELTM24000002")["token"]
	e.Sim.AddFault(sim.Fault{Key: pathToken, When: sim.FaultAfter, Status: 502})
	r := run(e, map[string]any{"serial_number": "FGVMELTM24000002", "token_unused": true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests(pathToken), "never sent twice")
	got := ent(t, r)
	assert.NotEqual(t, old, got["token"])
	assert.Equal(t, "NOTUSED", got["tokenStatus"])
	assert.Equal(t, e.Entitlement("FGVMELTM24000002")["token"], got["token"])
}

func TestLostRegenerationNotCarriedOutFails(t *testing.T) {
	e := moduletest.New(t)
	// "before": the request never reached FortiFlex, but the client cannot tell.
	e.Sim.AddFault(sim.Fault{Key: pathToken, When: sim.FaultBefore, Kind: sim.FaultReset})
	r := run(e, map[string]any{"serial_number": "FGVMELTM24000002", "token_unused": true})
	assert.True(t, r.Failed())
	assert.True(t, r.Changed(), "the token may have been regenerated")
	assert.Equal(t, 1, e.Requests(pathToken), "never sent twice")
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/vm/token did not answer (")
	assert.Contains(t, r.Msg(), "the token of FGVMELTM24000002 may have been regenerated, and reading the entitlement again did not show a new unused token. The request was not sent again")
	assert.Contains(t, r.Msg(), "Read the current token with fortiflexvm_entitlements_list_info (configId: 5000, serialNumber: FGVMELTM24000002)")
}

func TestFailedWriteReportsChangedExactly(t *testing.T) {
	e := moduletest.New(t)
	end := time.Now().UTC().AddDate(10, 0, 0).Format("2006-01-02") // after the program's end
	r := run(e, map[string]any{"serial_number": "FGVMELTM24000002", "end_date": end})
	assert.True(t, r.Failed())
	assert.False(t, r.Changed(), "the refused update changed nothing")
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/update failed (HTTP 400)")

	// Reactivated, then the end date is refused: half done, changed.
	r = run(e, map[string]any{"serial_number": "FGVMELTM24000003", "status": "ACTIVE", "end_date": end})
	assert.True(t, r.Failed())
	assert.True(t, r.Changed(), "the reactivation happened")
	assert.Equal(t, "ACTIVE", e.Entitlement("FGVMELTM24000003")["status"])
}

func TestInvalidInputSendsNothing(t *testing.T) {
	cases := []struct {
		name string
		args map[string]any
		msg  string
	}{
		{"empty serial", map[string]any{"serial_number": "  ", "status": "STOPPED"}, "serial_number must not be empty"},
		{"missing serial", map[string]any{"status": "STOPPED"}, "missing required arguments: serial_number"},
		{"bad date", map[string]any{"serial_number": "FGVMELTM24000002", "end_date": "31/12/2027"},
			`end_date: "31/12/2027" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss`},
		{"zero config", map[string]any{"serial_number": "FGVMELTM24000002", "config_id": 0},
			"config_id must be a configuration id (a positive number), got 0"},
		{"negative config", map[string]any{"serial_number": "FGVMELTM24000002", "config_id": -5},
			"config_id must be a configuration id (a positive number), got -5"},
		{"bad status", map[string]any{"serial_number": "FGVMELTM24000002", "status": "PENDING"},
			"value of status must be one of: ACTIVE, STOPPED, got: PENDING"},
		{"camelCase option", map[string]any{"serialNumber": "FGVMELTM24000002"},
			"Unsupported parameters for (fortiflexvm_entitlement) module: serialNumber. Supported parameters include: api_url, auth_url, config_id, description, end_date, password, return_tokens, serial_number, status, timeout, token_cache, token_unused, username, validate_certs."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := moduletest.New(t)
			r := run(e, tc.args)
			assert.True(t, r.Failed())
			assert.False(t, r.Changed())
			assert.Equal(t, tc.msg, r.Msg())
			assert.Empty(t, e.Calls(), "nothing sent for invalid input")
			assert.Zero(t, e.Logins())
		})
	}
}

func TestPointsPerDayOfAStopAndAMove(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(entitlement.Module, map[string]any{"serial_number": "FGVMELTM24000002", "status": "STOPPED"}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	pts := r.Out["points_per_day"].(map[string]any)
	assert.Greater(t, pts["before"].(float64), 0.0)
	assert.Equal(t, 0.0, pts["after"])

	// 5005 (2 vCPUs, ATP, postpaid) prices differently from 5000 (4 vCPUs, UTP).
	r = e.Run(entitlement.Module, map[string]any{"serial_number": "FGVMELTM24000002", "config_id": 5005}, moduletest.Mode{Diff: true, Check: true})
	require.False(t, r.Failed(), r.Msg())
	pts = r.Out["points_per_day"].(map[string]any)
	assert.NotEqual(t, pts["before"], pts["after"])
	assert.Empty(t, e.Writes())
	assert.Equal(t, 2, e.Requests("fortiflex/v2/configs/list"), "the move check and the estimate share one walk of the two programs")

	r = e.Run(entitlement.Module, map[string]any{"serial_number": "FGVMELTM24000001", "description": "x"}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.NotContains(t, r.Out, "points_per_day", "a PENDING one costs nothing either way")
}
