package faultmatrix_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/configslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/configsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementscloudcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementshardwarecreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementspointsinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsupdate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmregeneratetoken"
	"github.com/flexgo/fortiflexvm/internal/modules/groupslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/groupsnexttokeninfo"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/modules/programslistinfo"
	"github.com/flexgo/fortiflexvm/internal/modules/toolscalcinfo"
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
	return []writer{
		{configscreate.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": "m",
			"fortiGateBundle": map[string]any{"cpu": 2, "service": "FC"}}, "fortiflex/v2/configs/create",
			func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
				assert.Equal(t, 1, e.Count("configs")-before, "created once")
				assert.False(t, r.Failed(), "a lost answer is found by listing: %s", r.Msg())
			}},
		{configsupdate.Module, map[string]any{"id": 5000, "fortiGateBundle": map[string]any{"cpu": 8}}, "fortiflex/v2/configs/update",
			func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.False(t, r.Failed(), "an update is safe to repeat: %s", r.Msg())
			}},
		{configsupdate.Module, map[string]any{"id": 5000, "status": "DISABLED"}, "fortiflex/v2/configs/disable",
			func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.False(t, r.Failed(), "read back: %s", r.Msg())
				assert.Equal(t, "DISABLED", e.Config(5000)["status"])
			}},
		{entitlementsvmcreate.Module, map[string]any{"configId": 5000, "count": 2}, "fortiflex/v2/entitlements/vm/create", entitlementsGrewBy(2)},
		{entitlementshardwarecreate.Module, map[string]any{"configId": 5002, "serialNumbers": []any{"FGT60FTK24000900"}},
			"fortiflex/v2/entitlements/hardware/create", func(t *testing.T, e *moduletest.Env, before int, r moduletest.Result) {
				entitlementsGrewBy(1)(t, e, before, r)
				assert.False(t, r.Failed(), "found by listing: %s", r.Msg())
			}},
		{entitlementscloudcreate.Module, map[string]any{"configId": 5003}, "fortiflex/v2/entitlements/cloud/create", nil},
		{entitlementsupdate.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "status": "STOPPED"}, "fortiflex/v2/entitlements/stop",
			func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.False(t, r.Failed(), "read back: %s", r.Msg())
				assert.Equal(t, "STOPPED", e.Entitlement("FGVMELTM24000002")["status"])
			}},
		{entitlementsvmregeneratetoken.Module, map[string]any{"serialNumber": "FGVMELTM24000002", "regenerate": true}, "fortiflex/v2/entitlements/vm/token",
			func(t *testing.T, e *moduletest.Env, _ int, r moduletest.Result) {
				assert.True(t, r.Failed(), "cannot tell: fails and says how to check")
				assert.Contains(t, r.Msg(), "may have been regenerated")
			}},
	}
}

// TestLostAnswers: every writer, every lost answer.
func TestLostAnswers(t *testing.T) {
	for _, w := range writers() {
		for _, f := range lostAnswers {
			t.Run(w.mod.Name+"/"+w.path[len("fortiflex/v2/"):]+"/"+faultName(f), func(t *testing.T) {
				e := moduletest.New(t)
				if w.mod == entitlementscloudcreate.Module {
					// Make room: the tenant already has its EMS Cloud entitlement.
					w.args = map[string]any{"configId": freeCloudConfig(t, e)}
				}
				before := e.Count("entitlements")
				if w.mod == configscreate.Module {
					before = e.Count("configs")
				}
				f.Key, f.When = w.path, sim.FaultAfter
				require.NoError(t, e.Sim.AddFault(f))
				r := e.Run(w.mod, w.args)

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
				if w.check != nil {
					w.check(t, e, before, r)
				} else {
					entitlementsGrewBy(1)(t, e, before, r)
				}
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
