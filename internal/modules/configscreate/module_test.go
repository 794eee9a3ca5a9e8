package configscreate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/configscreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

func args(name string) map[string]any {
	return map[string]any{
		"programSerialNumber": "ELAVMR0000000101", "name": name, "check_parameters": true,
		"fortiGateBundle": map[string]any{"cpu": "2", "service": "UTP", "supportService": "NONE"},
	}
}

func TestCreate(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	r := e.Run(configscreate.Module, args("edge"))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, before+1, e.Count("configs"))
	cfg := r.Out["configs"].(map[string]any)
	assert.Equal(t, "edge", cfg["name"])
	assert.Equal(t, map[string]any{"cpu": "2", "service": "UTP", "vdom": "0", "fortiGuardServices": []any{}, "cloudServices": []any{}, "supportService": "NONE"}, cfg["fortiGateBundle"])
	assert.Equal(t, 1, e.Logins())
}

func TestCheckModePreviewsWithoutWriting(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	r := e.Run(configscreate.Module, args("edge"), moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, before, e.Count("configs"))
	assert.Empty(t, e.Writes())
	assert.Nil(t, r.Out["configs"].(map[string]any)["id"])

	// The same warnings and failures as a real run.
	r = e.Run(configscreate.Module, args("fgt-vm-4cpu-utp"), moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.Len(t, r.Out["warnings"], 1)
	a := args("edge")
	a["programSerialNumber"] = "ELAVMR9999999999"
	r = e.Run(configscreate.Module, a, moduletest.Mode{Check: true})
	assert.True(t, r.Failed())
	assert.Equal(t, "FortiFlex configs/list failed (HTTP 400): Program ELAVMR9999999999 not found.", r.Msg())
}

func TestLostAnswerIsFoundNotRepeated(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/configs/create", When: sim.FaultAfter, Status: 502})
	r := e.Run(configscreate.Module, args("edge"))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/create"), "a create is never sent twice")
	assert.Equal(t, before+1, e.Count("configs"))
	assert.Equal(t, "edge", r.Out["configs"].(map[string]any)["name"])
}

func TestLostRequestSaysNothingWasCreated(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("configs")
	e.Sim.AddFault(sim.Fault{Key: "fortiflex/v2/configs/create", When: sim.FaultBefore, Status: 502})
	r := e.Run(configscreate.Module, args("edge"))
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), `no new configuration named "edge" appeared, so none was created. Running the task again is safe`)
	assert.Equal(t, 1, e.Requests("fortiflex/v2/configs/create"))
	assert.Equal(t, before, e.Count("configs"))
}

func TestDuplicateNameWarns(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(configscreate.Module, args("fgt-vm-4cpu-utp"))
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, []any{`a configuration named "fgt-vm-4cpu-utp" already exists (id 5000); fortiflexvm_configs_create creates another one`}, r.Out["warnings"])
}

func TestValidationBeforeSending(t *testing.T) {
	e := moduletest.New(t)
	a := args("edge")
	a["fortiGateBundle"] = map[string]any{"cpu": 0, "service": "UTM", "fortiGuardServices": []any{"FGTAVDB", "NOPE"}}
	r := e.Run(configscreate.Module, a)
	assert.True(t, r.Failed())
	assert.Equal(t, 3, len(splitProblems(r.Msg())), r.Msg())
	assert.Contains(t, r.Msg(), "invalid product parameters (3 problems): ")
	assert.Empty(t, e.Calls())

	r = e.Run(configscreate.Module, map[string]any{"programSerialNumber": "ELAVMR0000000101", "name": "x"})
	assert.True(t, r.Failed())
	assert.Contains(t, r.Msg(), "no product type given: set exactly one of fortiGateBundle, ")
	assert.Empty(t, e.Calls())
}

func TestBypassSendsRawIDs(t *testing.T) {
	e := moduletest.New(t)
	a := args("raw")
	a["bypass_validation"] = true
	a["fortiGateBundle"] = map[string]any{"cpu": 2, "service": "FC", "43": []any{"FGTFCSS"}}
	r := e.Run(configscreate.Module, a)
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, []any{"FGTFCSS"}, r.Out["configs"].(map[string]any)["fortiGateBundle"].(map[string]any)["fortiGuardServices"])
}

func splitProblems(msg string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(msg); i++ {
		if msg[i] == ';' && msg[i+1] == ' ' {
			out = append(out, msg[start:i])
			start = i + 2
		}
	}
	return append(out, msg[start:])
}
