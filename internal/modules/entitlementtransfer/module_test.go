package entitlementtransfer_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementtransfer"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

const (
	pathTransfer = "fortiflex/v2/entitlements/transfer"
	pathList     = "fortiflex/v2/entitlements/list"
	pathConfigs  = "fortiflex/v2/configs/list"
	pathPrograms = "fortiflex/v2/programs/list"

	root   = 853130
	tenant = 853131
)

func run(e *moduletest.Env, args map[string]any, mode ...moduletest.Mode) moduletest.Result {
	e.T.Helper()
	return e.Run(entitlementtransfer.Module, args, mode...)
}

func args(target int, serials ...string) map[string]any {
	list := make([]any, len(serials))
	for i, s := range serials {
		list[i] = s
	}
	return map[string]any{"serial_numbers": list, "target_account_id": target}
}

func ents(t *testing.T, r moduletest.Result) []map[string]any {
	t.Helper()
	raw, ok := r.Out["entitlements"].([]any)
	require.True(t, ok, "entitlements must be a list: %s", r.Raw)
	out := make([]map[string]any, len(raw))
	for i, x := range raw {
		out[i] = x.(map[string]any)
	}
	return out
}

func transferred(r moduletest.Result) []any {
	list, _ := r.Out["transferred"].([]any)
	return list
}

// where is the simulator's account and configuration of serial.
func where(e *moduletest.Env, serial string) [2]int {
	x := e.Entitlement(serial)
	require.NotNil(e.T, x, serial)
	return [2]int{int(x["accountId"].(float64)), int(x["configId"].(float64))}
}

// newConfig creates a configuration in the tenant account and returns its id.
func newConfig(t *testing.T, e *moduletest.Env, name string, product map[string]any) int {
	t.Helper()
	a := map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": name, "accountId": tenant}
	for k, v := range product {
		a[k] = v
	}
	r := e.Run(configscreate.Module, a)
	require.False(t, r.Failed(), r.Msg())
	return int(r.Out["configs"].(map[string]any)["id"].(float64))
}

var fgtBundle = map[string]any{"fortiGateBundle": map[string]any{"cpu": 2, "service": "FC"}}

func TestTransferTwoSerialsThenNothingToDo(t *testing.T) {
	e := moduletest.New(t)
	a := args(tenant, "FGVMELTM24000001", "FGVMELTM24000002")
	r := run(e, a)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathTransfer: 1}, e.Writes(), "one source configuration, one transfer")
	assert.Equal(t, []any{"FGVMELTM24000001", "FGVMELTM24000002"}, transferred(r))
	got := ents(t, r)
	require.Len(t, got, 2)
	assert.Equal(t, "FGVMELTM24000001", got[0]["serialNumber"])
	assert.Equal(t, "FGVMELTM24000002", got[1]["serialNumber"])
	// FortiFlex (the simulator) chose a configuration in the tenant account:
	// a copy of 5000, the first configuration created after the seed.
	for i, s := range []string{"FGVMELTM24000001", "FGVMELTM24000002"} {
		assert.Equal(t, [2]int{tenant, 5006}, where(e, s))
		assert.EqualValues(t, tenant, got[i]["accountId"])
		assert.EqualValues(t, 5006, got[i]["configId"])
		assert.Equal(t, e.Entitlement(s)["token"], got[i]["token"], "the token is returned (a secret)")
	}
	assert.Equal(t, [2]int{root, 5000}, where(e, "FGVMELTM24000003"), "not listed, not moved")

	r = run(e, a)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes(), "a second run sends only reads")
	assert.Equal(t, 1, e.Requests(pathPrograms))
	assert.Equal(t, 1, e.Requests(pathList), "found at once in the target account")
	assert.Zero(t, e.Requests(pathConfigs))
	assert.Equal(t, []any{}, transferred(r))
	assert.EqualValues(t, 5006, ents(t, r)[0]["configId"])
}

func TestTargetConfigOfTheSameProduct(t *testing.T) {
	e := moduletest.New(t)
	id := newConfig(t, e, "tenant-fgt", fgtBundle)
	a := args(tenant, "FGVMELTM24000003", "fgvmeltm24000002")
	a["target_config_id"] = id
	r := run(e, a)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathTransfer: 1}, e.Writes())
	assert.Equal(t, []any{"FGVMELTM24000003", "FGVMELTM24000002"}, transferred(r), "as FortiFlex writes them")
	assert.Equal(t, [2]int{tenant, id}, where(e, "FGVMELTM24000003"))
	assert.Equal(t, [2]int{tenant, id}, where(e, "FGVMELTM24000002"))
	for _, x := range ents(t, r) {
		assert.EqualValues(t, id, x["configId"])
	}

	r = run(e, a)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, 1, e.Requests(pathList), "with target_config_id a no-op costs one read")
	assert.Zero(t, e.Requests(pathConfigs), "nothing to move, no configuration read")
}

func TestTargetConfigIsCheckedBeforeAnythingIsSent(t *testing.T) {
	cases := []struct {
		name string
		cfg  int
		msg  string
	}{
		{"another product type", 5002,
			"entitlement FGVMELTM24000001 cannot be transferred to configuration 5002: that is a fortiGateHardware configuration, and the entitlement's configuration 5000 is fortiGateBundle. " +
				"FortiFlex transfers entitlements only to a configuration of the same product type"},
		{"not in the target account", 5005,
			"configuration 5005 is in account 853130, not in the target account 853131: target_config_id must be a configuration of target_account_id"},
		{"disabled", 5004,
			"configuration 5004 is DISABLED: FortiFlex transfers no entitlement to it. Enable it first (fortiflexvm_configs_update with status: ACTIVE), or leave target_config_id out"},
		{"unknown", 9999,
			"configuration 9999 not found in any FortiFlex program this API user can see; check target_config_id with fortiflexvm_configs_list_info"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := moduletest.New(t)
			a := args(tenant, "FGVMELTM24000001")
			a["target_config_id"] = tc.cfg
			for _, check := range []bool{true, false} {
				r := run(e, a, moduletest.Mode{Check: check})
				assert.True(t, r.Failed())
				assert.False(t, r.Changed())
				assert.Equal(t, tc.msg, r.Msg())
				assert.Empty(t, e.Writes())
				assert.Equal(t, [2]int{root, 5000}, where(e, "FGVMELTM24000001"))
			}
		})
	}
}

func TestMixedProductsFailBeforeTheFirstGroupIsSent(t *testing.T) {
	e := moduletest.New(t)
	id := newConfig(t, e, "tenant-fgt", fgtBundle)
	a := args(tenant, "FGVMELTM24000001", "FMVMELTM24000001")
	a["target_config_id"] = id
	r := run(e, a)
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), "entitlement FMVMELTM24000001 cannot be transferred to configuration ")
	assert.Empty(t, e.Writes(), "the FortiGate group is not sent either")
	assert.Equal(t, [2]int{root, 5000}, where(e, "FGVMELTM24000001"))
}

func TestSerialAlreadyInTheTargetAccountNeedsNoCall(t *testing.T) {
	e := moduletest.New(t)
	r := run(e, args(tenant, "FGT60FTK24000001", "FGVMELTM24000002", "FCTEMS0000000101"))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathTransfer: 1}, e.Writes())
	assert.Equal(t, []any{"FGVMELTM24000002"}, transferred(r))
	got := ents(t, r)
	assert.Equal(t, []any{"FGT60FTK24000001", "FGVMELTM24000002", "FCTEMS0000000101"},
		[]any{got[0]["serialNumber"], got[1]["serialNumber"], got[2]["serialNumber"]}, "in the order given")
	assert.EqualValues(t, 5002, got[0]["configId"])
	assert.Equal(t, [2]int{tenant, 5002}, where(e, "FGT60FTK24000001"))

	// All of them there: no call at all.
	r = run(e, args(tenant, "FGT60FTK24000001", "FCTEMS0000000101"))
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestOneTransferPerSourceConfiguration(t *testing.T) {
	e := moduletest.New(t)
	serials := []string{"FGVMELTM24000001", "FMVMELTM24000001", "FGVMELTM24000004", "FGVMELTM24000002", "FGT60FTK24000001"}
	r := run(e, args(tenant, serials...))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{pathTransfer: 3}, e.Writes(), "configurations 5000, 5001 and 5005")
	assert.Equal(t, []any{"FGVMELTM24000001", "FMVMELTM24000001", "FGVMELTM24000004", "FGVMELTM24000002"}, transferred(r))
	got := ents(t, r)
	require.Len(t, got, 5)
	for i, s := range serials {
		assert.Equal(t, s, got[i]["serialNumber"])
		assert.EqualValues(t, tenant, got[i]["accountId"])
		assert.Equal(t, tenant, where(e, s)[0])
		assert.EqualValues(t, where(e, s)[1], got[i]["configId"])
	}
	assert.Equal(t, where(e, "FGVMELTM24000001"), where(e, "FGVMELTM24000002"), "one group, one target configuration")
	assert.NotEqual(t, where(e, "FGVMELTM24000001"), where(e, "FMVMELTM24000001"))

	// And back to the root account, as a second task would.
	r = run(e, args(root, serials[:4]...))
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, map[string]int{pathTransfer: 3}, e.Writes())
	r = run(e, args(root, serials[:4]...))
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestUnknownSerialFails(t *testing.T) {
	e := moduletest.New(t)
	r := run(e, args(tenant, "FGVMELTM24000001", "FGVMNOPE00000000"))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, "entitlement FGVMNOPE00000000 not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", r.Msg())
	assert.Empty(t, e.Writes(), "the known one is not sent either")

	r = run(e, args(tenant, "FGVMNOPE00000000", "FGVMNOPE00000001"))
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlements FGVMNOPE00000000, FGVMNOPE00000001 not found in any FortiFlex program this API user can see; check the serial numbers with fortiflexvm_entitlements_list_info", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestMoveWithinTheTargetAccountIsNotATransfer(t *testing.T) {
	e := moduletest.New(t)
	a := args(tenant, "FGVMELTM24000001", "FGT60FTK24000001")
	a["target_config_id"] = 5003
	for _, check := range []bool{true, false} {
		r := run(e, a, moduletest.Mode{Check: check})
		assert.True(t, r.Failed())
		assert.False(t, r.Changed())
		assert.Equal(t, "entitlement FGT60FTK24000001 is already in account 853131, in configuration 5002, not 5003: a move between configurations of one account is not a transfer. "+
			"Use fortiflexvm_entitlement (serial_number: FGT60FTK24000001, config_id: 5003) for it", r.Msg())
		assert.Empty(t, e.Writes())
	}
}

func TestExpiredEntitlementFails(t *testing.T) {
	e := moduletest.New(t)
	b, err := e.Sim.Dump()
	require.NoError(t, err)
	var dump map[string]any
	require.NoError(t, json.Unmarshal(b, &dump))
	for _, x := range dump["state"].(map[string]any)["entitlements"].([]any) {
		if m := x.(map[string]any); m["serialNumber"] == "FGVMELTM24000003" {
			m["status"] = "EXPIRED"
		}
	}
	b, err = json.Marshal(dump)
	require.NoError(t, err)
	require.NoError(t, e.Sim.Load(b))

	r := run(e, args(tenant, "FGVMELTM24000001", "FGVMELTM24000003"))
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGVMELTM24000003 is EXPIRED: FortiFlex transfers no expired entitlement. Leave it out of serial_numbers", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestUnknownTargetAccountIsRefusedByFortiFlex(t *testing.T) {
	e := moduletest.New(t)
	r := run(e, args(999999, "FGVMELTM24000001"))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, "FortiFlex entitlements/transfer failed (HTTP 400): Account 999999 not found.", r.Msg())
	assert.Equal(t, 1, e.Requests(pathTransfer))
	assert.Equal(t, []any{}, transferred(r))
}

func TestFailureAfterAGroupReportsWhatWasDone(t *testing.T) {
	e := moduletest.New(t)
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: pathTransfer, Status: 400}))
	r := run(e, args(tenant, "FGVMELTM24000001", "FMVMELTM24000001"))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed(), "the first transfer was refused, nothing moved")
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/transfer failed (HTTP 400)")
	assert.Equal(t, 1, e.Requests(pathTransfer), "the second group is not sent after a failure")
	assert.Equal(t, []any{}, transferred(r))

	// The first group goes, the second is refused: changed, and said.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: pathTransfer, When: sim.FaultAfter, Kind: sim.FaultDelay, Delay: "1ms"}))
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: pathTransfer, Status: 400}))
	r = run(e, args(tenant, "FGVMELTM24000001", "FMVMELTM24000001"))
	assert.True(t, r.Failed())
	assert.True(t, r.Changed())
	assert.Equal(t, 2, e.Requests(pathTransfer))
	assert.Equal(t, []any{"FGVMELTM24000001"}, transferred(r))
	assert.Equal(t, tenant, where(e, "FGVMELTM24000001")[0])
	assert.Equal(t, [2]int{root, 5001}, where(e, "FMVMELTM24000001"))
}

func TestLostAnswerIsFoundNotResent(t *testing.T) {
	e := moduletest.New(t)
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: pathTransfer, When: sim.FaultAfter, Status: 502}))
	r := run(e, args(tenant, "FGVMELTM24000001", "FGVMELTM24000002"))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests(pathTransfer), "a transfer is never sent twice")
	assert.Equal(t, []any{"FGVMELTM24000001", "FGVMELTM24000002"}, transferred(r))
	for i, x := range ents(t, r) {
		assert.EqualValues(t, tenant, x["accountId"])
		assert.EqualValues(t, where(e, []string{"FGVMELTM24000001", "FGVMELTM24000002"}[i])[1], x["configId"])
	}
}

func TestLostRequestSaysWhereEachOneIs(t *testing.T) {
	e := moduletest.New(t)
	// "before": FortiFlex never got it, but the client cannot tell.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: pathTransfer, When: sim.FaultBefore, Kind: sim.FaultReset}))
	r := run(e, args(tenant, "FGT60FTK24000001", "FGVMELTM24000001", "FGVMELTM24000002"))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed(), "nothing moved")
	assert.Equal(t, 1, e.Requests(pathTransfer), "a transfer is never sent twice")
	assert.Contains(t, r.Msg(), "FortiFlex entitlements/transfer of FGVMELTM24000001, FGVMELTM24000002 from configuration 5000 did not answer (")
	assert.Contains(t, r.Msg(), "), and finding the serial numbers again shows that not all of them are in account 853131: "+
		"FGVMELTM24000001 is in account 853130 (configuration 5000), FGVMELTM24000002 is in account 853130 (configuration 5000). "+
		"The request was not sent again, so that nothing is transferred twice. "+
		"Check them with fortiflexvm_entitlements_list_info (configId: 5000) before running the task again; it then transfers only the serial numbers not in account 853131 yet")
	assert.Equal(t, []any{}, transferred(r))

	// Running it again is safe: it finds them and transfers them once.
	r = run(e, args(tenant, "FGT60FTK24000001", "FGVMELTM24000001", "FGVMELTM24000002"))
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, 1, e.Requests(pathTransfer))
}

func TestCheckModeWritesNothingAndPredicts(t *testing.T) {
	e := moduletest.New(t)
	r := run(e, args(tenant, "FGVMELTM24000001", "FGT60FTK24000001"), moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, []any{"FGVMELTM24000001"}, transferred(r))
	got := ents(t, r)
	assert.EqualValues(t, tenant, got[0]["accountId"])
	assert.Nil(t, got[0]["configId"], "FortiFlex would choose the configuration")
	assert.Equal(t, "PENDING", got[0]["status"])
	assert.EqualValues(t, 5002, got[1]["configId"], "already there, unchanged")
	assert.Equal(t, [2]int{root, 5000}, where(e, "FGVMELTM24000001"))

	id := newConfig(t, e, "tenant-fgt", fgtBundle)
	a := args(tenant, "FGVMELTM24000001")
	a["target_config_id"] = id
	r = run(e, a, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.EqualValues(t, id, ents(t, r)[0]["configId"])
	assert.Equal(t, [2]int{root, 5000}, where(e, "FGVMELTM24000001"))

	// Nothing to do: changed=false in check mode too.
	r = run(e, args(tenant, "FGT60FTK24000001"), moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
}

func TestDiff(t *testing.T) {
	e := moduletest.New(t)
	a := args(tenant, "FGVMELTM24000001", "FGT60FTK24000001")
	r := run(e, a, moduletest.Mode{Check: true, Diff: true})
	require.False(t, r.Failed(), r.Msg())
	diff := r.Out["diff"].(map[string]any)
	assert.Equal(t, map[string]any{
		"FGVMELTM24000001": map[string]any{"accountId": float64(root), "configId": float64(5000)},
		"FGT60FTK24000001": map[string]any{"accountId": float64(tenant), "configId": float64(5002)},
	}, diff["before"])
	assert.Equal(t, map[string]any{
		"FGVMELTM24000001": map[string]any{"accountId": float64(tenant), "configId": nil},
		"FGT60FTK24000001": map[string]any{"accountId": float64(tenant), "configId": float64(5002)},
	}, diff["after"])

	r = run(e, a, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	diff = r.Out["diff"].(map[string]any)
	assert.Equal(t, map[string]any{"accountId": float64(tenant), "configId": float64(5006)}, diff["after"].(map[string]any)["FGVMELTM24000001"])
	b, _ := json.Marshal(diff)
	assert.NotContains(t, string(b), e.Entitlement("FGVMELTM24000001")["token"].(string), "no token in the diff")

	r = run(e, a, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	diff = r.Out["diff"].(map[string]any)
	assert.Equal(t, diff["before"], diff["after"])
}

func TestInvalidInputSendsNothing(t *testing.T) {
	cases := []struct {
		name string
		args map[string]any
		msg  string
	}{
		{"empty list", map[string]any{"serial_numbers": []any{}, "target_account_id": tenant},
			"serial_numbers must list at least one serial number"},
		{"empty string", map[string]any{"serial_numbers": []any{"FGVMELTM24000001", " "}, "target_account_id": tenant},
			"serial_numbers must not contain empty strings"},
		{"duplicates without regard to case", map[string]any{"serial_numbers": []any{"FGVMELTM24000001", "fgvmeltm24000001"}, "target_account_id": tenant},
			"serial_numbers lists fgvmeltm24000001 twice"},
		{"zero account", map[string]any{"serial_numbers": []any{"FGVMELTM24000001"}, "target_account_id": 0},
			"target_account_id must be a FortiCloud account id (a positive number), got 0"},
		{"zero config", map[string]any{"serial_numbers": []any{"FGVMELTM24000001"}, "target_account_id": tenant, "target_config_id": 0},
			"target_config_id must be a configuration id (a positive number), got 0"},
		{"missing account", map[string]any{"serial_numbers": []any{"FGVMELTM24000001"}},
			"missing required arguments: target_account_id"},
		{"camelCase option", map[string]any{"serialNumbers": []any{"FGVMELTM24000001"}, "target_account_id": tenant},
			"Unsupported parameters for (fortiflexvm_entitlement_transfer) module: serialNumbers. Supported parameters include: "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := moduletest.New(t)
			r := run(e, tc.args)
			assert.True(t, r.Failed())
			assert.False(t, r.Changed())
			if strings.HasSuffix(tc.msg, ": ") {
				// The connection options are shared and may grow.
				assert.Contains(t, r.Msg(), tc.msg)
				assert.Contains(t, r.Msg(), " serial_numbers, target_account_id, target_config_id, ")
			} else {
				assert.Equal(t, tc.msg, r.Msg())
			}
			assert.Empty(t, e.Calls(), "nothing sent for invalid input")
			assert.Zero(t, e.Logins())
		})
	}
}

func TestReturnTokensFalseHidesThem(t *testing.T) {
	e := moduletest.New(t)
	a := args(tenant, "FGVMELTM24000002")
	a["return_tokens"] = false
	r := run(e, a)
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, "<hidden>", ents(t, r)[0]["token"])
	assert.NotContains(t, r.Raw, e.Entitlement("FGVMELTM24000002")["token"].(string))
}
