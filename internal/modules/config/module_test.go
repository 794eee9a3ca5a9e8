package config_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/config"
	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

const program = "ELAVMR0000000101"

// params is a simulator configuration's parameters, by id.
func params(c map[string]any) map[string][]string {
	out := map[string][]string{}
	list, _ := c["parameters"].([]any)
	for _, p := range list {
		m := p.(map[string]any)
		k := fmt.Sprint(int(m["id"].(float64)))
		out[k] = append(out[k], m["value"].(string))
	}
	return out
}

func edge() map[string]any {
	return map[string]any{
		"program_serial_number": program, "name": "edge", "product_type": "fortiGateBundle",
		"parameters": map[string]any{"cpu": 2, "service": "UTP", "fortiGuardServices": []any{"FGTAVDB"}},
	}
}

func cfgOut(r moduletest.Result) map[string]any {
	c, _ := r.Out["config"].(map[string]any)
	return c
}

func TestCreateThenSecondRunChangesNothing(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	r := e.Run(config.Module, edge())
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, before+1, e.Count("configs"))
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/create"))
	cfg := cfgOut(r)
	assert.Equal(t, "edge", cfg["name"])
	assert.Equal(t, "ACTIVE", cfg["status"])
	assert.Equal(t, float64(853130), cfg["accountId"])
	assert.Equal(t, map[string]any{"cpu": "2", "service": "UTP", "vdom": "0", "fortiGuardServices": []any{"FGTAVDB"},
		"cloudServices": []any{}, "supportService": "NONE"}, cfg["fortiGateBundle"])
	assert.NotContains(t, r.Out, "points_per_day", "only in check or diff mode")

	// Second run, the numbers as strings this time: nothing differs, one read.
	a := edge()
	a["parameters"] = map[string]any{"cpu": "2", "service": "UTP", "fortiGuardServices": []any{"FGTAVDB"}}
	r = e.Run(config.Module, a)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/list": 1}, e.Calls(), "an idempotent run costs one read (the token is cached)")
	assert.Equal(t, cfg["id"], cfgOut(r)["id"])
	assert.Equal(t, before+1, e.Count("configs"))
}

func TestPartialUpdateKeepsOtherParameters(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(config.Module, map[string]any{"program_serial_number": program, "name": "fgt-vm-4cpu-utp",
		"product_type": "fortiGateBundle", "parameters": map[string]any{"cpu": 8}}, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/update": 1}, e.Writes())
	got := params(e.Config(5000))
	assert.Equal(t, []string{"8"}, got["1"])
	assert.Equal(t, []string{"UTP"}, got["2"], "service kept")
	assert.Equal(t, []string{"FGTAVDB", "FGTFAIS"}, got["43"], "FortiGuard services kept")
	assert.Equal(t, "fgt-vm-4cpu-utp", e.Config(5000)["name"], "found by name: no rename")

	diff := r.Out["diff"].(map[string]any)
	assert.Equal(t, "4", diff["before"].(map[string]any)["fortiGateBundle"].(map[string]any)["cpu"])
	assert.Equal(t, "8", diff["after"].(map[string]any)["fortiGateBundle"].(map[string]any)["cpu"])
	assert.Equal(t, float64(5000), diff["after"].(map[string]any)["id"])
	ppd := r.Out["points_per_day"].(map[string]any)
	b, a := ppd["before"].(float64), ppd["after"].(float64)
	assert.Greater(t, a, b, "8 vCPUs cost more than 4")
	assert.Equal(t, 2, e.Requests("fortiflex/v2/tools/calc"))

	// Same again, with config_id as the identity: nothing to do.
	r = e.Run(config.Module, map[string]any{"config_id": 5000, "product_type": "fortiGateBundle",
		"parameters": map[string]any{"cpu": 8, "fortiGuardServices": []any{"FGTFAIS", "FGTAVDB"}}}, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.NotContains(t, r.Out, "points_per_day", "no parameter changes")
}

func TestRenameByConfigID(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(config.Module, map[string]any{"config_id": 5000, "name": "edge-renamed"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/update": 1}, e.Writes())
	assert.Equal(t, "edge-renamed", e.Config(5000)["name"])
	assert.Equal(t, []string{"FGTAVDB", "FGTFAIS"}, params(e.Config(5000))["43"], "a rename keeps the parameters")
	assert.Equal(t, "edge-renamed", cfgOut(r)["name"])
	assert.Nil(t, r.Out["warnings"])

	r = e.Run(config.Module, map[string]any{"config_id": 5000, "name": "edge-renamed", "program_serial_number": program, "account_id": 853130})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())

	// Renamed to a name another configuration has: done, with a warning.
	r = e.Run(config.Module, map[string]any{"config_id": 5000, "name": "fmg-vm-10dev"})
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, []any{`configuration 5001 of program ELAVMR0000000101 is already named "fmg-vm-10dev"; finding configuration 5000 by this name will fail as ambiguous`}, r.Out["warnings"])
}

func TestStateDisabledThenPresent(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"config_id": 5001, "state": "disabled"}
	r := e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/disable": 1}, e.Writes())
	assert.Equal(t, "DISABLED", e.Config(5001)["status"])
	assert.Equal(t, "DISABLED", cfgOut(r)["status"])

	r = e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())

	// state defaults to present: ACTIVE.
	r = e.Run(config.Module, map[string]any{"program_serial_number": program, "name": "fmg-vm-10dev"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/enable": 1}, e.Writes())
	assert.Equal(t, "ACTIVE", e.Config(5001)["status"])
}

func TestChangeOfADisabledConfigurationKeepsItDisabled(t *testing.T) {
	e := moduletest.New(t)
	// 5004 is DISABLED, in the tenant account: it is changed and stays DISABLED.
	args := map[string]any{"program_serial_number": program, "account_id": 853131, "name": "fgt-vm-2cpu-old",
		"product_type": "fortiGateBundle", "parameters": map[string]any{"cpu": 4}, "state": "disabled"}
	r := e.Run(config.Module, args, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, "DISABLED", cfgOut(r)["status"])
	assert.Equal(t, "4", cfgOut(r)["fortiGateBundle"].(map[string]any)["cpu"])

	r = e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/update": 1}, e.Writes())
	assert.Equal(t, "DISABLED", e.Config(5004)["status"])
	assert.Equal(t, []string{"4"}, params(e.Config(5004))["1"])
	assert.Equal(t, []string{"FGTFAMS", "FGTSOCA"}, params(e.Config(5004))["44"], "cloud services kept")
	assert.Equal(t, "DISABLED", cfgOut(r)["status"])

	r = e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestCheckModeWritesNothingAndPredicts(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	r := e.Run(config.Module, edge(), moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, before, e.Count("configs"))
	cfg := cfgOut(r)
	assert.Nil(t, cfg["id"])
	assert.Equal(t, float64(853130), cfg["accountId"], "the program's account")
	assert.Equal(t, "ACTIVE", cfg["status"])
	ppd := r.Out["points_per_day"].(map[string]any)
	assert.Nil(t, ppd["before"])
	assert.Greater(t, ppd["after"].(float64), 0.0)

	// The prediction is what a real run returns, but for the id.
	real := e.Run(config.Module, edge())
	require.False(t, real.Failed(), real.Msg())
	predicted := cfgOut(r)
	delete(predicted, "id")
	got := cfgOut(real)
	delete(got, "id")
	assert.Equal(t, got, predicted)

	// An update in check mode: predicted, nothing written.
	r = e.Run(config.Module, map[string]any{"config_id": 5000, "name": "renamed", "state": "disabled",
		"product_type": "fortiGateBundle", "parameters": map[string]any{"vdom": 5}}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, "fgt-vm-4cpu-utp", e.Config(5000)["name"])
	assert.Equal(t, "ACTIVE", e.Config(5000)["status"])
	cfg = cfgOut(r)
	assert.Equal(t, "renamed", cfg["name"])
	assert.Equal(t, "DISABLED", cfg["status"])
	assert.Equal(t, "5", cfg["fortiGateBundle"].(map[string]any)["vdom"])
	assert.Contains(t, r.Out, "points_per_day")
}

func TestCreateDisabledInATenantAccount(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"program_serial_number": program, "account_id": 853131, "name": "tenant-fmg",
		"product_type": "fortiManager", "parameters": map[string]any{"device": 10, "adom": 2}, "state": "disabled"}
	r := e.Run(config.Module, args, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/create": 1, "fortiflex/v2/configs/disable": 1}, e.Writes())
	cfg := cfgOut(r)
	assert.Equal(t, float64(853131), cfg["accountId"])
	assert.Equal(t, "DISABLED", cfg["status"])
	assert.Equal(t, map[string]any{}, r.Out["diff"].(map[string]any)["before"])
	assert.Equal(t, cfg, r.Out["diff"].(map[string]any)["after"])
	assert.Nil(t, r.Out["points_per_day"].(map[string]any)["before"])

	r = e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestAmbiguousName(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configscreate.Module, map[string]any{"programSerialNumber": program, "name": "fgt-vm-4cpu-utp",
		"fortiGateBundle": map[string]any{"cpu": 2, "service": "FC"}})
	require.False(t, r.Failed(), r.Msg())
	dup := int(r.Out["configs"].(map[string]any)["id"].(float64))

	r = e.Run(config.Module, map[string]any{"program_serial_number": program, "name": "fgt-vm-4cpu-utp", "state": "disabled"})
	assert.True(t, r.Failed())
	assert.Equal(t, fmt.Sprintf(`2 configurations are named "fgt-vm-4cpu-utp" in program ELAVMR0000000101 (ids 5000, %d); use config_id to choose one (with name, to rename it)`, dup), r.Msg())
	assert.Empty(t, e.Writes())

	// Within one account the name is unique again.
	r = e.Run(config.Module, map[string]any{"program_serial_number": program, "account_id": 853131, "name": "fgt-vm-4cpu-utp",
		"product_type": "fortiGateBundle", "parameters": map[string]any{"cpu": 1, "service": "FC"}}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.Nil(t, cfgOut(r)["id"], "not in the tenant account: would be created there")
}

func TestProductMismatch(t *testing.T) {
	e := moduletest.New(t)
	for _, args := range []map[string]any{
		{"program_serial_number": program, "name": "fgt-vm-4cpu-utp", "product_type": "fortiManager", "parameters": map[string]any{"device": 20}},
		{"config_id": 5000, "product_type": "fortiManager"},
	} {
		r := e.Run(config.Module, args)
		assert.True(t, r.Failed())
		assert.Equal(t, `configuration 5000 ("fgt-vm-4cpu-utp") is a fortiGateBundle configuration, not fortiManager; the product type of a configuration cannot change (product_type must be fortiGateBundle, or choose another name to create a new configuration)`, r.Msg())
		assert.Empty(t, e.Writes())
	}
}

func TestInvalidParameters(t *testing.T) {
	e := moduletest.New(t)
	cases := []struct {
		name string
		args map[string]any
		msg  string
		sent bool // reads were needed to find the problem
	}{
		{"out of range", map[string]any{"config_id": 5000, "product_type": "fortiGateBundle", "parameters": map[string]any{"cpu": 200}},
			"invalid product parameters (1 problem): fortiGateBundle.cpu: 200 is out of range 1..96. Fix them, or set bypass_validation: true to send them unchecked", false},
		{"unknown name", map[string]any{"config_id": 5000, "product_type": "fortiGateBundle", "parameters": map[string]any{"cpus": 2}},
			`invalid product parameters: fortiGateBundle: unknown parameter "cpus" (accepted: cpu, service, vdom, fortiGuardServices, cloudServices, supportService)`, false},
		{"raw id without bypass", map[string]any{"config_id": 5000, "product_type": "fortiGateBundle", "parameters": map[string]any{"43": []any{"FGTFCSS"}}},
			`invalid product parameters (1 problem): fortiGateBundle: unknown parameter "43": raw parameter ids are accepted only with bypass_validation (accepted names: cpu, service, vdom, fortiGuardServices, cloudServices, supportService). Fix them, or set bypass_validation: true to send them unchecked`, false},
		{"two problems", map[string]any{"program_serial_number": program, "name": "new", "product_type": "fortiGateBundle",
			"parameters": map[string]any{"cpu": 0, "fortiGuardServices": []any{"NOPE"}}},
			`invalid product parameters (2 problems): fortiGateBundle.cpu: 0 is out of range 1..96; fortiGateBundle.fortiGuardServices: "NOPE" is not one of FGTAVDB, FGTFAIS, FGTISSS, FGTDLDB, FGTFGSA, FGTFCSS. Fix them, or set bypass_validation: true to send them unchecked`, false},
		{"required on create", map[string]any{"program_serial_number": program, "name": "new", "product_type": "fortiGateBundle",
			"parameters": map[string]any{"cpu": 2}},
			`invalid product parameters (1 problem): fortiGateBundle: missing required parameter "service". Fix them, or set bypass_validation: true to send them unchecked`, true},
		{"not a multiple", map[string]any{"program_serial_number": program, "name": "ems-cloud-100", "product_type": "fortiClientEMSCloud",
			"parameters": map[string]any{"EPP_ZTNA": 30}},
			"invalid product parameters (1 problem): fortiClientEMSCloud.EPP_ZTNA: 30 is not a multiple of 25. Fix them, or set bypass_validation: true to send them unchecked", false},
		{"read-only", map[string]any{"program_serial_number": program, "name": "edr", "product_type": "fortiEDR",
			"parameters": map[string]any{"service": "FEDRPDR", "endpoints": 10}},
			"invalid product parameters (1 problem): fortiEDR.endpoints: is read-only (computed by FortiFlex) and cannot be set. Fix them, or set bypass_validation: true to send them unchecked", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Run(config.Module, tc.args)
			require.True(t, r.Failed())
			if tc.msg != "" {
				assert.Equal(t, tc.msg, r.Msg())
			}
			if tc.sent {
				assert.Empty(t, e.Writes())
			} else {
				assert.Empty(t, e.Calls(), "nothing sent")
			}
		})
	}
}

func TestLostCreateAnswerIsAdopted(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/configs/create", When: sim.FaultAfter, Status: 502})
	r := e.Run(config.Module, edge())
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/create"), "a create is never sent twice")
	assert.Equal(t, before+1, e.Count("configs"))
	assert.Equal(t, "edge", cfgOut(r)["name"])
	assert.NotNil(t, cfgOut(r)["id"])

	r = e.Run(config.Module, edge())
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Equal(t, before+1, e.Count("configs"))
}

func TestLostCreateRequestSaysNothingWasCreated(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/configs/create", When: sim.FaultBefore, Status: 502})
	r := e.Run(config.Module, edge())
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), `no new configuration named "edge" appeared, so none was created. Running the task again is safe`)
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/create"))
	assert.Equal(t, before, e.Count("configs"))
}

func TestValidationFailuresSendNothing(t *testing.T) {
	e := moduletest.New(t)
	cases := []struct {
		name string
		args map[string]any
		msg  string
	}{
		{"no identity", map[string]any{"program_serial_number": program, "state": "disabled"},
			"one of config_id or name is required: config_id finds an existing configuration by its id; name, with program_serial_number, finds a configuration by name or creates it"},
		{"name without program", map[string]any{"name": "edge"},
			"name without config_id needs program_serial_number: a configuration is found, or created, by name within a program"},
		{"empty name", map[string]any{"program_serial_number": program, "name": "  "}, "name must not be empty"},
		{"parameters without product_type", map[string]any{"config_id": 5000, "parameters": map[string]any{"cpu": 8}},
			"parameters need product_type: parameter names depend on the product (for example product_type: fortiGateBundle; fortiflexvm_catalog_info lists the product types and their parameters)"},
		{"config_id zero", map[string]any{"config_id": 0}, "config_id must be a configuration id (a positive number), got 0"},
		{"account_id negative", map[string]any{"program_serial_number": program, "name": "edge", "account_id": -1},
			"account_id must be a FortiCloud account id (a positive number), got -1"},
		{"bad state", map[string]any{"config_id": 5000, "state": "absent"}, "value of state must be one of: present, disabled, got: absent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Run(config.Module, tc.args)
			assert.True(t, r.Failed())
			assert.Equal(t, tc.msg, r.Msg())
			assert.Empty(t, e.Calls(), "nothing sent")
		})
	}
}

func TestNotFound(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(config.Module, map[string]any{"config_id": 4242, "state": "disabled"})
	assert.True(t, r.Failed())
	assert.Equal(t, "configuration 4242 not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info (to create a configuration, give name and program_serial_number instead of config_id)", r.Msg())

	r = e.Run(config.Module, map[string]any{"program_serial_number": program, "name": "nope"})
	assert.True(t, r.Failed())
	assert.Equal(t, `no configuration named "nope" in program ELAVMR0000000101, and no product_type to create it with: set product_type (and parameters), or check the name with fortiflexvm_configs_list_info`, r.Msg())

	r = e.Run(config.Module, map[string]any{"config_id": 5005, "program_serial_number": program})
	assert.True(t, r.Failed())
	assert.Equal(t, "configuration 5005 belongs to program ELAVMS0000000518, account 853130, not to the program_serial_number/account_id given; a configuration cannot move between programs or accounts", r.Msg())

	r = e.Run(config.Module, map[string]any{"program_serial_number": "ELAVMR9999999999", "name": "x"})
	assert.True(t, r.Failed())
	assert.Equal(t, "FortiFlex configs/list failed (HTTP 400): Program ELAVMR9999999999 not found.", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestPointsEstimateFailureOnlyWarns(t *testing.T) {
	e := moduletest.New(t)
	// tools/calc needs fortiEDR's endpoints, a read-only parameter a
	// configuration cannot be created with: no estimate, but no failure.
	r := e.Run(config.Module, map[string]any{"program_serial_number": program, "name": "edr", "product_type": "fortiEDR",
		"parameters": map[string]any{"service": "FEDRPDR"}}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.NotContains(t, r.Out, "points_per_day")
	require.Len(t, r.Out["warnings"], 1)
	assert.Contains(t, r.Out["warnings"].([]any)[0], "points_per_day left out: FortiFlex tools/calc failed (HTTP 400): ")
	assert.Empty(t, e.Writes())
}

func TestBypassValidationSendsRawIDs(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"config_id": 5000, "bypass_validation": true, "product_type": "fortiGateBundle",
		"parameters": map[string]any{"43": []any{"FGTFCSS"}}}
	r := e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, []string{"FGTFCSS"}, params(e.Config(5000))["43"])
	assert.Equal(t, []string{"4"}, params(e.Config(5000))["1"], "cpu kept")

	r = e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestUpgradeOnlyParameterRefusedBeforeWriting(t *testing.T) {
	e := moduletest.New(t)
	args := map[string]any{"program_serial_number": program, "name": "appsec", "product_type": "fortiAppSec",
		"parameters": map[string]any{"serviceTypes": []any{"UCWAF"}, "wafServicePkg": "UCWAFADV"}}
	r := e.Run(config.Module, args)
	require.False(t, r.Failed(), r.Msg())
	app := cfgOut(r)["fortiAppSec"].(map[string]any)
	assert.Equal(t, "UCWAFADV", app["wafServicePkg"])

	args["parameters"] = map[string]any{"wafServicePkg": "UCWAFSTD"}
	r = e.Run(config.Module, args)
	assert.True(t, r.Failed())
	assert.Equal(t, "invalid change: fortiAppSec.wafServicePkg: cannot be downgraded from UCWAFADV to UCWAFSTD (upgrade only)", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestEveryLostAnswerCreatesOnce(t *testing.T) {
	for _, f := range []sim.Fault{{Status: 500}, {Status: 503}, {Status: 504}, {Kind: sim.FaultReset}, {Kind: sim.FaultTruncated}, {Kind: sim.FaultHTML}} {
		t.Run(fmt.Sprint(f.Status, f.Kind), func(t *testing.T) {
			e := moduletest.New(t)
			before := e.Count("configs")
			f.Key, f.When = "fortiflex/v2/configs/create", sim.FaultAfter
			e.Sim.AddFault(f)
			r := e.Run(config.Module, edge())
			require.False(t, r.Failed(), r.Msg())
			assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/create"))
			assert.Equal(t, before+1, e.Count("configs"))
		})
	}
}

func TestLostDisableAnswerAfterCreateIsReadBack(t *testing.T) {
	e := moduletest.New(t)
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/configs/disable", When: sim.FaultAfter, Status: 504})
	a := edge()
	a["state"] = "disabled"
	r := e.Run(config.Module, a)
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, map[string]int{"fortiflex/v2/configs/create": 1, "fortiflex/v2/configs/disable": 1}, e.Writes())
	assert.Equal(t, "DISABLED", cfgOut(r)["status"])
}
