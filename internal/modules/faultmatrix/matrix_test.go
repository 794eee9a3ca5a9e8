package faultmatrix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/cataloginfo"
	"github.com/flexgo/fortiflexvm/internal/modules/cloudentitlement"
	"github.com/flexgo/fortiflexvm/internal/modules/config"
	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/configslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/configsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlement"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementscloudcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementshardwarecreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementspointsinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmregeneratetoken"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementtransfer"
	"github.com/flexgo/fortiflexvm/internal/modules/groupslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/groupsnexttokeninfo"
	"github.com/flexgo/fortiflexvm/internal/modules/hardwareentitlements"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/modules/programinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/programslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/toolscalcinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/vmpool"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

// lostAnswers are the faults that fire after the simulator carried the
// request out. ("invalid-token" is left out: FortiFlex checks the token
// before it does anything, so it never follows a carried-out request.)
var lostAnswers = []sim.Fault{
	{Status: 500}, {Status: 502}, {Status: 503}, {Status: 504},
	{Kind: sim.FaultReset}, {Kind: sim.FaultTruncated}, {Kind: sim.FaultHTML},
}

func faultName(f sim.Fault) string {
	if f.Kind != "" {
		return f.Kind
	}
	return fmt.Sprint(f.Status)
}

type writer struct {
	mod  *ansiblemod.Module
	args map[string]any
	path string // the write the fault hits
	// check asserts the simulator's state after the run: never a duplicate.
	check func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result)
	// setup, if set, prepares the simulator and returns the args to use.
	setup func(t *testing.T, e *moduletest.Env) map[string]any
	// counts is what before counts: "entitlements" (default) or "configs".
	counts string
}

func entitlementsGrewBy(n ...int) func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
	return func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
		got := e.Count("entitlements") - before
		assert.Contains(t, n, got, "entitlements created")
		if !r.Failed() {
			assert.Len(t, r.Out["entitlements"], got, "a success reports what was created")
		}
	}
}

func writers() []writer {
	statusIs := func(serial, status string) func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
		return func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
			assert.False(t, r.Failed(), "read back: %s", r.Msg())
			assert.Equal(t, status, e.Entitlement(serial)["status"])
		}
	}
	return []writer{
		// The compatible family.
		{mod: configscreate.Module, args: map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": "m",
			"fortiGateBundle": map[string]any{"cpu": 2, "service": "FC"}}, path: "fortiflex/v2/configs/create",
			check: configCreatedOnce, counts: "configs"},
		{mod: configsupdate.Module, args: map[string]any{"id": 5000, "fortiGateBundle": map[string]any{"cpu": 8}}, path: "fortiflex/v2/configs/update",
			check: func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.False(t, r.Failed(), "an update is safe to repeat: %s", r.Msg())
			}},
		{mod: configsupdate.Module, args: map[string]any{"id": 5000, "status": "DISABLED"}, path: "fortiflex/v2/configs/disable",
			check: func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.False(t, r.Failed(), "read back: %s", r.Msg())
				assert.Equal(t, "DISABLED", e.Config(5000)["status"])
			}},
		{mod: entitlementsvmcreate.Module, args: map[string]any{"configId": 5000, "count": 2}, path: "fortiflex/v2/entitlements/vm/create",
			check: entitlementsGrewBy(2)},
		{mod: entitlementshardwarecreate.Module, args: map[string]any{"configId": 5002, "serialNumbers": []any{"FGT60FTK24000900"}},
			path: "fortiflex/v2/entitlements/hardware/create", check: func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
				entitlementsGrewBy(1)(t, e, before, r)
				assert.False(t, r.Failed(), "found by listing: %s", r.Msg())
			}},
		{mod: entitlementscloudcreate.Module, path: "fortiflex/v2/entitlements/cloud/create", check: entitlementsGrewBy(1),
			setup: func(t *testing.T, e *moduletest.Env) map[string]any {
				return map[string]any{"configId": freeCloudConfig(t, e)} // the tenant already has its EMS Cloud one
			}},
		{mod: entitlementsupdate.Module, args: map[string]any{"serialNumber": "FGVMELTM24000002", "status": "STOPPED"}, path: "fortiflex/v2/entitlements/stop",
			check: statusIs("FGVMELTM24000002", "STOPPED")},
		{mod: entitlementsvmregeneratetoken.Module, args: map[string]any{"serialNumber": "FGVMELTM24000002", "regenerate": true}, path: "fortiflex/v2/entitlements/vm/token",
			check: func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.True(t, r.Failed(), "cannot tell: fails and says how to check")
				assert.Contains(t, r.Msg(), "may have been regenerated")
			}},

		// The declarative family: every lost answer is resolved by identity.
		{mod: config.Module, args: map[string]any{"program_serial_number": "ELAVMR0000000101", "name": "m2",
			"product_type": "fortiGateBundle", "parameters": map[string]any{"cpu": 2, "service": "FC"}}, path: "fortiflex/v2/configs/create",
			check: configCreatedOnce, counts: "configs"},
		{mod: vmpool.Module, args: map[string]any{"config_id": 5000, "label": "pool", "count": 3}, path: "fortiflex/v2/entitlements/vm/create",
			check: func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
				entitlementsGrewBy(3)(t, e, before, r)
				assert.False(t, r.Failed(), "adopted by label: %s", r.Msg())
			}},
		{mod: hardwareentitlements.Module, args: map[string]any{"config_id": 5002, "serial_numbers": []any{"FGT60FTK24000901"}},
			path: "fortiflex/v2/entitlements/hardware/create", check: func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
				entitlementsGrewBy(1)(t, e, before, r)
				assert.False(t, r.Failed(), "found by listing: %s", r.Msg())
			}},
		{mod: cloudentitlement.Module, path: "fortiflex/v2/entitlements/cloud/create",
			setup: func(t *testing.T, e *moduletest.Env) map[string]any {
				return map[string]any{"config_id": freeCloudConfig(t, e)}
			},
			check: func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
				assert.Equal(t, 1, e.Count("entitlements")-before, "created once")
				assert.False(t, r.Failed(), "adopted: %s", r.Msg())
			}},
		{mod: entitlement.Module, args: map[string]any{"serial_number": "FGVMELTM24000002", "status": "STOPPED"}, path: "fortiflex/v2/entitlements/stop",
			check: statusIs("FGVMELTM24000002", "STOPPED")},
		{mod: entitlementtransfer.Module, args: map[string]any{"serial_numbers": []any{"FGVMELTM24000002"}, "target_account_id": 853131},
			path: "fortiflex/v2/entitlements/transfer", check: func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.False(t, r.Failed(), "found in the target: %s", r.Msg())
				assert.EqualValues(t, 853131, e.Entitlement("FGVMELTM24000002")["accountId"])
			}},
	}
}

func configCreatedOnce(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
	assert.Equal(t, 1, e.Count("configs")-before, "created once")
	assert.False(t, r.Failed(), "a lost answer is found by listing: %s", r.Msg())
}

// TestLostAnswers: every writer, every lost answer.
func TestLostAnswers(t *testing.T) {
	for _, w := range writers() {
		for _, f := range lostAnswers {
			t.Run(w.mod.Name+"/"+w.path[len("fortiflex/v2/"):]+"/"+faultName(f), func(t *testing.T) {
				e := moduletest.New(t)
				args := w.args
				if w.setup != nil {
					args = w.setup(t, e)
				}
				counts := w.counts
				if counts == "" {
					counts = "entitlements"
				}
				before := e.Count(counts)
				f.Key, f.When = w.path, sim.FaultAfter
				require.NoError(t, e.Sim.AddFault(f))
				r := e.Run(w.mod, args)

				if r.Failed() {
					assert.NotEmpty(t, r.Msg())
					assert.NotContains(t, r.Msg(), "internal error")
				}
				safe := strings.HasSuffix(w.path, "/update")
				if safe {
					assert.LessOrEqual(t, e.Requests(w.path), 2)
				} else {
					assert.Equal(t, 1, e.Requests(w.path), "an unsafe call is never sent twice")
				}
				w.check(t, e, before, r)
			})
		}
	}
}

// freeCloudConfig creates a FortiWeb Cloud configuration with no entitlement.
func freeCloudConfig(t *testing.T, e *moduletest.Env) int {
	r := e.Run(configscreate.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": "waf",
		"fortiCloudPublic": map[string]any{"throughput": 100, "applications": 10}})
	require.False(t, r.Failed(), r.Msg())
	return int(r.Out["configs"].(map[string]any)["id"].(float64))
}

// TestReadersSurviveTransientFaults: every reading module, a transient
// fault on its call, retried to success.
func TestReadersSurviveTransientFaults(t *testing.T) {
	readers := []struct {
		mod  *ansiblemod.Module
		args map[string]any
		path string
	}{
		{programslistinfo.Module, nil, "fortiflex/v2/programs/list"},
		{configslistinfo.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101"}, "fortiflex/v2/configs/list"},
		{entitlementslistinfo.Module, map[string]any{"configId": 5000}, "fortiflex/v2/entitlements/list"},
		{entitlementspointsinfo.Module, map[string]any{"configId": 5000, "startDate": "2026-01-01", "endDate": "2026-01-31"}, "fortiflex/v2/entitlements/points"},
		{groupslistinfo.Module, nil, "flexvm/v1/groups/list"},
		{groupsnexttokeninfo.Module, map[string]any{"configId": 5000}, "fortiflex/v2/groups/nexttoken"},
		{toolscalcinfo.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "fortiGateBundle": map[string]any{"cpu": 2, "service": "FC"}}, "fortiflex/v2/tools/calc"},
		{programinfo.Module, map[string]any{"serial_number": "ELAVMR0000000101"}, "fortiflex/v2/programs/points"},
		{cataloginfo.Module, map[string]any{"source": "api"}, "fortiflex/v2/tools/metadata"},
	}
	// Every fault kind is retried the same way by the client, which
	// internal/conformance checks kind by kind; here, one that waits for the
	// backoff and one that logs in again, for every module.
	faults := []sim.Fault{{Status: 502}, {Kind: sim.FaultInvalidToken}}
	for _, rd := range readers {
		for _, f := range faults {
			t.Run(rd.mod.Name+"/"+faultName(f), func(t *testing.T) {
				t.Parallel()
				e := moduletest.New(t)
				f.Key = rd.path
				require.NoError(t, e.Sim.AddFault(f))
				r := e.Run(rd.mod, rd.args)
				require.False(t, r.Failed(), r.Msg())
				assert.Equal(t, 2, e.Requests(rd.path), "one fault, one retry")
			})
		}
	}
}
