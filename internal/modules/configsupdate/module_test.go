package configsupdate_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/configsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func params(c map[string]any) map[string][]string {
	out := map[string][]string{}
	list, _ := c["parameters"].([]any)
	for _, p := range list {
		m := p.(map[string]any)
		id := m["id"].(float64)
		k := fmt.Sprint(int(id))
		out[k] = append(out[k], m["value"].(string))
	}
	return out
}

func TestChangesOnlyTheGivenParameter(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configsupdate.Module, map[string]any{"id": 5000, "fortiGateBundle": map[string]any{"cpu": 8}}, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/update"))
	got := params(e.Config(5000))
	assert.Equal(t, []string{"8"}, got["1"])
	assert.Equal(t, []string{"UTP"}, got["2"], "service kept")
	assert.Equal(t, []string{"FGTAVDB", "FGTFAIS"}, got["43"], "FortiGuard services kept, not reset to NONE")
	cfg := r.Out["configs"].(map[string]any)
	assert.Equal(t, "8", cfg["fortiGateBundle"].(map[string]any)["cpu"])
	diff := r.Out["diff"].(map[string]any)
	assert.Equal(t, "4", diff["before"].(map[string]any)["fortiGateBundle"].(map[string]any)["cpu"])
	assert.Equal(t, "8", diff["after"].(map[string]any)["fortiGateBundle"].(map[string]any)["cpu"])

	// Second run: nothing differs, nothing is written.
	r = e.Run(configsupdate.Module, map[string]any{"id": 5000, "fortiGateBundle": map[string]any{"cpu": "8"}})
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Zero(t, e.Requests("fortiflex/v2/configs/update"))
}

func TestCheckModeWritesNothing(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configsupdate.Module, map[string]any{"id": 5000, "name": "renamed", "status": "DISABLED"}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	for path := range e.Calls() {
		assert.NotContains(t, []string{"fortiflex/v2/configs/update", "fortiflex/v2/configs/disable"}, path)
	}
	assert.Equal(t, "fgt-vm-4cpu-utp", e.Config(5000)["name"])
	assert.Equal(t, "ACTIVE", e.Config(5000)["status"])
	assert.Equal(t, "DISABLED", r.Out["configs"].(map[string]any)["status"])
}

func TestRenameAndDisableThenEnable(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configsupdate.Module, map[string]any{"id": 5000, "name": "renamed", "status": "DISABLED"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, "renamed", e.Config(5000)["name"])
	assert.Equal(t, "DISABLED", e.Config(5000)["status"])
	assert.Equal(t, []string{"FGTAVDB", "FGTFAIS"}, params(e.Config(5000))["43"], "a rename keeps the parameters")

	r = e.Run(configsupdate.Module, map[string]any{"id": 5000, "status": "ACTIVE"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/enable"))
	assert.Zero(t, e.Requests("fortiflex/v2/configs/update"))
}

func TestFailuresBeforeAnyWrite(t *testing.T) {
	e := moduletest.New(t)
	cases := []struct {
		name string
		args map[string]any
		msg  string
	}{
		{"out of range", map[string]any{"id": 5000, "fortiGateBundle": map[string]any{"cpu": 200}},
			"invalid product parameters (1 problem): fortiGateBundle.cpu: 200 is out of range 1..96. Fix them, or set bypass_validation: true to send them unchecked"},
		{"wrong product", map[string]any{"id": 5000, "fortiManager": map[string]any{"device": 20}},
			"configuration 5000 is a fortiGateBundle configuration; its parameters go under fortiGateBundle, not fortiManager (the product type of a configuration cannot change)"},
		{"unknown id", map[string]any{"id": 4999, "name": "x"},
			"configuration 4999 not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info"},
		{"two products", map[string]any{"id": 5000, "fortiManager": map[string]any{"device": 20}, "fortiGateBundle": map[string]any{"cpu": 2}},
			"2 product types given (fortiGateBundle, fortiManager): set exactly one"},
		{"unknown parameter", map[string]any{"id": 5000, "fortiGateBundle": map[string]any{"cpus": 2}},
			`invalid product parameters: fortiGateBundle: unknown parameter "cpus" (accepted: cpu, service, vdom, fortiGuardServices, cloudServices, supportService)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Run(configsupdate.Module, tc.args)
			assert.True(t, r.Failed())
			assert.Equal(t, tc.msg, r.Msg())
			assert.Zero(t, e.Requests("fortiflex/v2/configs/update"))
		})
	}
}

func TestTenantConfigurationAndLegacyValues(t *testing.T) {
	e := moduletest.New(t)
	// 5003 belongs to the tenant account: found through the program.
	r := e.Run(configsupdate.Module, map[string]any{"id": 5003, "fortiClientEMSCloud": map[string]any{"ZTNA": 0}})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, []string{"0"}, params(e.Config(5003))["37"])
	assert.Equal(t, []string{"50"}, params(e.Config(5003))["39"], "EPP kept")

	// Not a multiple of 25: refused by the catalogue, nothing sent.
	r = e.Run(configsupdate.Module, map[string]any{"id": 5003, "fortiClientEMSCloud": map[string]any{"EPP_ZTNA": 30}})
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), "fortiClientEMSCloud.EPP_ZTNA: ")
	assert.Zero(t, e.Requests("fortiflex/v2/configs/update"))
}

func TestLostDisableAnswerIsReadBack(t *testing.T) {
	e := moduletest.New(t)
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/configs/disable", When: sim.FaultAfter, Status: 504})
	r := e.Run(configsupdate.Module, map[string]any{"id": 5001, "status": "DISABLED"})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/disable"))
	assert.Equal(t, "DISABLED", e.Config(5001)["status"])
}

func TestReadOnlyParametersAreKeptNotSent(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configscreate.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": "appsec",
		"fortiAppSec": map[string]any{"serviceTypes": []any{"UCWAF"}, "wafServicePkg": "UCWAFSTD"}})
	require.False(t, r.Failed(), r.Msg())
	id := int(r.Out["configs"].(map[string]any)["id"].(float64))

	r = e.Run(configsupdate.Module, map[string]any{"id": id, "fortiAppSec": map[string]any{"wafServicePkg": "UCWAFADV"}}, moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	app := r.Out["configs"].(map[string]any)["fortiAppSec"].(map[string]any)
	assert.Equal(t, "UCWAFADV", app["wafServicePkg"])
	assert.Equal(t, []any{"UCWAF"}, app["serviceTypes"])

	// Downgrade refused before sending (upgrade only).
	r = e.Run(configsupdate.Module, map[string]any{"id": id, "fortiAppSec": map[string]any{"wafServicePkg": "UCWAFSTD"}})
	assert.True(t, r.Failed())
	assert.Equal(t, "invalid change: fortiAppSec.wafServicePkg: cannot be downgraded from UCWAFADV to UCWAFSTD (upgrade only)", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestBypassValidationUpdatesRawIDs(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configsupdate.Module, map[string]any{"id": 5000, "bypass_validation": true, "fortiGateBundle": map[string]any{"43": []any{"FGTFCSS"}}})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, []string{"FGTFCSS"}, params(e.Config(5000))["43"])
	assert.Equal(t, []string{"4"}, params(e.Config(5000))["1"], "cpu kept")
}
